"""The public verification of training certificates: no login (mounted at /sertifikat/,
namespace `certificates`). The address is printed as a QR on every certificate."""

from django.urls import path

from binakinerja.trainings.views import certificates

app_name = "certificates"

urlpatterns = [
    path("<str:code>/", certificates.certificate_verify, name="verify"),
]
