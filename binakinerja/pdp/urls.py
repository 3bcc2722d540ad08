"""URLs of the pdp app (issue 18), mounted at /privasi/."""

from django.urls import path

from binakinerja.pdp import views

app_name = "pdp"
urlpatterns = [
    path("data-saya/", views.my_data, name="my_data"),
    path("data-saya/unduh/<str:fmt>/", views.my_data_download, name="my_data_download"),
    path("permintaan/", views.request_list, name="request_list"),
    path("permintaan/baru/", views.request_create, name="request_create"),
    path("permintaan/catat/", views.request_record, name="request_record"),
    path("permintaan/<int:pk>/", views.request_detail, name="request_detail"),
    path("permintaan/<int:pk>/jawab/", views.request_decide, name="request_decide"),
    path("register-pemrosesan/", views.processing_register, name="processing_register"),
    path("retensi/", views.retention_log, name="retention_log"),
    path("insiden/", views.breach_list, name="breach_list"),
    path("insiden/baru/", views.breach_create, name="breach_create"),
    path("insiden/<int:pk>/", views.breach_detail, name="breach_detail"),
    path("insiden/<int:pk>/pemberitahuan/", views.breach_notified, name="breach_notified"),
]
