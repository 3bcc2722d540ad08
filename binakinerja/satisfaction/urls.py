from django.urls import path  # noqa: F401

from binakinerja.satisfaction import (  # noqa: F401
    views,
    views_public,
    views_results,
    views_service_time,
)

app_name = "satisfaction"

urlpatterns = [
    # --- service units, periods, paper entry, review (views.py) ---
    path("", views.unit_list, name="unit_list"),
    path("unit/baru/", views.unit_create, name="unit_create"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/ubah/", views.unit_update, name="unit_update"),
    path("unit/<int:pk>/layanan/", views.service_add_view, name="service_add"),
    path(
        "unit/<int:pk>/layanan/<int:service_pk>/",
        views.service_update_view,
        name="service_update",
    ),
    path("unit/<int:pk>/periode/", views.period_create_view, name="period_create"),
    path("unit/<int:pk>/pertanyaan/", views.question_add, name="question_add"),
    path(
        "unit/<int:pk>/pertanyaan/<int:question_pk>/nonaktif/",
        views.question_deactivate,
        name="question_deactivate",
    ),
    path("unit/<int:pk>/tinjau/", views.review, name="review"),
    path("periode/<int:pk>/status/", views.period_action, name="period_action"),
    path("periode/<int:pk>/kertas/", views.paper_entry, name="paper_entry"),
    path("periode/<int:pk>/impor/", views.paper_import, name="paper_import"),
    path("impor/laporan/", views.paper_import_report, name="paper_import_report"),
    # --- end views.py ---
    # --- results, suggestions, reports (views_results.py) ---
    path("periode/<int:pk>/hasil/", views_results.period_results_view, name="period_results"),
    path("unit/<int:pk>/tren/", views_results.unit_trend_view, name="unit_trend"),
    path("banding/", views_results.comparison_view, name="comparison"),
    path("periode/<int:pk>/saran/", views_results.suggestions_view, name="suggestions"),
    path("tindak-lanjut/<int:pk>/status/", views_results.action_update_view, name="action_update"),
    path("periode/<int:pk>/laporan.pdf", views_results.report_pdf_view, name="report_pdf"),
    path("periode/<int:pk>/data.xlsx", views_results.report_xlsx_view, name="report_xlsx"),
    # --- end views_results.py ---
    # --- service times (views_service_time.py) ---
    path("unit/<int:pk>/waktu/", views_service_time.service_times_view, name="service_times"),
    path(
        "unit/<int:pk>/waktu/kunjungan/",
        views_service_time.service_visit_add_view,
        name="service_visit_add",
    ),
    path(
        "unit/<int:pk>/waktu/impor/",
        views_service_time.service_time_import_view,
        name="service_time_import",
    ),
    # --- end views_service_time.py ---
    # --- views_public.py (managed) ---
    path("unit/<int:pk>/poster.pdf", views_public.poster_pdf_view, name="poster"),
    # --- end views_public.py (managed) ---
]
