from django.urls import path

from binakinerja.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notifikasi/dibaca/", views.notifications_read, name="notifications_read"),
]
