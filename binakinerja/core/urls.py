from django.urls import path

from binakinerja.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notifikasi/dibaca/", views.notifications_read, name="notifications_read"),
    path("notifikasi/", views.notification_list, name="notification_list"),
    path("notifikasi/<int:pk>/", views.notification_open, name="notification_open"),
]
