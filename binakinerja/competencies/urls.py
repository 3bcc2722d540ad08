from django.urls import path  # noqa: F401

from binakinerja.competencies import (  # noqa: F401
    views_assessments,
    views_home,
    views_idp,
    views_needs,
    views_plan,
    views_standards,
    views_talent,
)

app_name = "competencies"

urlpatterns = [
    # --- views_home.py ---
    path("", views_home.competency_home, name="home"),
    path("kamus/", views_home.dictionary, name="dictionary"),
    # --- end views_home.py ---
    # --- views_assessments.py ---
    path("impor/", views_assessments.assessment_import, name="assessment_import"),
    path("impor/laporan/", views_assessments.import_error_report, name="import_error_report"),
    path("pegawai/<int:pk>/penilaian/", views_assessments.assessment_add, name="assessment_add"),
    # --- end views_assessments.py ---
    # --- views_talent.py ---
    path(
        "pegawai/<int:pk>/kesenjangan/",
        views_talent.employee_gaps_view,
        name="employee_gaps",
    ),
    path("peta-panas/<int:unit_pk>/", views_talent.heat_map_view, name="heat_map"),
    path(
        "talenta/<int:unit_pk>/<int:year>/",
        views_talent.nine_box_view,
        name="nine_box",
    ),
    # --- end views_talent.py ---
    # --- views_needs.py ---
    path(
        "pegawai/<int:pk>/kebutuhan/",
        views_needs.employee_needs_view,
        name="employee_needs",
    ),
    # --- end views_needs.py ---
    # --- views_standards.py ---
    path(
        "jabatan/<int:pk>/standar/",
        views_standards.position_standards,
        name="position_standards",
    ),
    path("teknis/", views_standards.technical_list, name="technical_list"),
    path(
        "standar/impor/",
        views_standards.position_standards_import,
        name="standards_import",
    ),
    # --- end views_standards.py ---
    # --- views_plan.py ---
    path(
        "rencana/<int:unit_pk>/<int:year>/",
        views_plan.development_plan_view,
        name="development_plan",
    ),
    # --- end views_plan.py ---
    # --- views_idp.py ---
    path("idp/", views_idp.idp_home, name="idp_home"),
    path("idp/<int:year>/", views_idp.idp_mine, name="idp_mine"),
    path("idp/pegawai/<int:pk>/<int:year>/", views_idp.idp_employee, name="idp_employee"),
    path("idp/persetujuan/", views_idp.idp_inbox, name="idp_inbox"),
    path("idp/rencana/<int:pk>/aksi/", views_idp.idp_plan_action, name="idp_plan_action"),
    path("idp/rencana/<int:pk>/kegiatan/", views_idp.idp_activity_add, name="idp_activity_add"),
    path("idp/kegiatan/<int:pk>/ubah/", views_idp.idp_activity_edit, name="idp_activity_edit"),
    path("idp/kegiatan/<int:pk>/hapus/", views_idp.idp_activity_remove, name="idp_activity_remove"),
    path("idp/kegiatan/<int:pk>/selesai/", views_idp.idp_activity_done, name="idp_activity_done"),
    path("idp/kegiatan/<int:pk>/batal/", views_idp.idp_activity_cancel, name="idp_activity_cancel"),
    # --- end views_idp.py ---
]
