"""The SIASN interchange pages (mounted at /siasn/)."""

from django.urls import path

from binakinerja.siasn import views

app_name = "siasn"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/<year:year>/", views.government, name="government"),
    path("<int:pk>/<year:year>/kirim/", views.send, name="send"),
    path("rekaman/<str:kind>/<int:pk>/", views.record, name="record"),
    path("rekaman/<str:kind>/<int:pk>/kirim/", views.record_send, name="record_send"),
]
