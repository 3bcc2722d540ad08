from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from binakinerja.core.converters import YearConverter

# Before the apps' URLs are read: `<year:year>` is one range check for every page about a year.
register_converter(YearConverter, "year")

urlpatterns = [
    path("", include("binakinerja.core.urls")),
    path("akun/", include("binakinerja.accounts.urls")),
    path("asn/", include("binakinerja.people.urls")),
    path("organisasi/", include("binakinerja.organizations.urls")),
    path("kinerja/", include("binakinerja.performance.urls")),
    path("skm/", include("binakinerja.satisfaction.urls")),
    path("kompetensi/", include("binakinerja.competencies.urls")),
    path("pelatihan/", include("binakinerja.trainings.urls")),
    path("mentoring/", include("binakinerja.mentoring.urls")),
    path("program/", include("binakinerja.programs.urls")),
    path("anggaran/", include("binakinerja.budgets.urls")),
    path("monitoring/", include("binakinerja.monitoring.urls")),
    path("api/", include("binakinerja.api.urls")),
    path("privasi/", include("binakinerja.pdp.urls")),
    path("tanda-tangan/", include("binakinerja.signatures.urls")),
    path("siasn/", include("binakinerja.siasn.urls")),
    path("", include("binakinerja.satisfaction.urls_public")),
    path("sertifikat/", include("binakinerja.trainings.urls_public")),
    path("transparansi/anggaran/", include("binakinerja.budgets.urls_public")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's own login would skip the two-factor step: it goes through ours.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]

handler400 = "binakinerja.core.errors.bad_request"
handler403 = "binakinerja.core.errors.permission_denied"
handler404 = "binakinerja.core.errors.page_not_found"
handler500 = "binakinerja.core.errors.server_error"
