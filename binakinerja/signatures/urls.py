"""URLs of the signatures app (issue 18), mounted at /tanda-tangan/. The verification pages
(`verify`, `verify_upload`) are public: no login."""

from django.urls import path

from binakinerja.signatures import views

app_name = "signatures"
urlpatterns = [
    path("", views.index, name="index"),
    path("dokumen/<str:kind>/<int:pk>/", views.sign, name="sign"),
    path("sertifikat/angkatan/<int:pk>/", views.batch_sign, name="batch_sign"),
    path("verifikasi/", views.verify_upload, name="verify_upload"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
]
