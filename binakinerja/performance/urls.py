from django.urls import path

from binakinerja.performance import views

app_name = "performance"

urlpatterns = [
    path("periode/", views.period_list, name="period_list"),
    path("periode/<int:pk>/status/", views.period_status, name="period_status"),
]
