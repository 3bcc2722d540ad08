from django.urls import path

from binakinerja.performance import views

app_name = "performance"

urlpatterns = [
    path("periode/", views.period_list, name="period_list"),
    path("periode/<int:pk>/status/", views.period_status, name="period_status"),
    path("skp/", views.skp_home, name="skp_home"),
    path("distribusi/<int:opd_pk>/<year:year>/", views.distribution, name="distribution"),
    path("progres/", views.opd_overview_view, name="opd_overview"),
    path("impor-target/", views.target_import, name="target_import"),
    path("impor-target/laporan/", views.target_import_report, name="target_import_report"),
    path("kaskade/<int:opd_pk>/<year:year>/", views.cascade, name="cascade"),
    path("progres/<int:opd_pk>/<year:year>/", views.opd_progress_view, name="opd_progress"),
    path("skp/<int:pk>/", views.skp_detail, name="skp_detail"),
    path("skp/<int:pk>/xlsx/", views.skp_xlsx, name="skp_xlsx"),
    path("skp/<int:pk>/pdf/", views.skp_pdf_view, name="skp_pdf"),
    path(
        "skp/<int:pk>/evaluasi/<int:assessment_pk>/pdf/",
        views.evaluation_pdf_view,
        name="evaluation_pdf",
    ),
    path(
        "skp/<int:pk>/evaluasi/<int:assessment_pk>/xlsx/",
        views.evaluation_xlsx_view,
        name="evaluation_xlsx",
    ),
    path("skp/<int:pk>/hasil/", views.skp_result_add_view, name="skp_result_add"),
    path("skp/<int:pk>/proses/", views.skp_action_view, name="skp_action"),
    path("skp/<int:pk>/nilai/", views.skp_assess_view, name="skp_assess"),
    path("skp/<int:pk>/tindak-lanjut/", views.follow_up_create_view, name="follow_up_create"),
    path("tindak-lanjut/", views.follow_up_list, name="follow_up_list"),
    path("skp/<int:pk>/realisasi/", views.realisation_record_view, name="realisation_record"),
    path("bukti/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("skp/<int:pk>/dialog/", views.check_in_view, name="check_in"),
    path("skp/<int:pk>/ekspektasi/", views.skp_expectations_view, name="skp_expectations"),
    path("skp/<int:pk>/lampiran/", views.skp_lampiran_view, name="skp_lampiran"),
]
