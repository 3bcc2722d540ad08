from django.urls import path

from binakinerja.competencies.views import (
    assessments,
    home,
    idp,
    needs,
    plan,
    standards,
    talent,
)

app_name = "competencies"

urlpatterns = [
    path("", home.competency_home, name="home"),
    path("kamus/", home.dictionary, name="dictionary"),
    path("impor/", assessments.assessment_import, name="assessment_import"),
    path("impor/laporan/", assessments.import_error_report, name="import_error_report"),
    path("pegawai/<int:pk>/penilaian/", assessments.assessment_add, name="assessment_add"),
    path("pegawai/<int:pk>/kesenjangan/", talent.employee_gaps_view, name="employee_gaps"),
    path("peta-panas/<int:unit_pk>/", talent.heat_map_view, name="heat_map"),
    path("talenta/<int:unit_pk>/<year:year>/", talent.nine_box_view, name="nine_box"),
    path("pegawai/<int:pk>/kebutuhan/", needs.employee_needs_view, name="employee_needs"),
    path(
        "pegawai/<int:pk>/kebutuhan/<year:year>/",
        needs.employee_needs_view,
        name="employee_needs_year",
    ),
    path("jabatan/<int:pk>/standar/", standards.position_standards, name="position_standards"),
    path("teknis/", standards.technical_list, name="technical_list"),
    path("standar/impor/", standards.position_standards_import, name="standards_import"),
    path("rencana/<int:unit_pk>/<year:year>/", plan.development_plan_view, name="development_plan"),
    path("idp/", idp.idp_home, name="idp_home"),
    path("idp/<year:year>/", idp.idp_mine, name="idp_mine"),
    path("idp/pegawai/<int:pk>/<year:year>/", idp.idp_employee, name="idp_employee"),
    path("idp/persetujuan/", idp.idp_inbox, name="idp_inbox"),
    path("idp/rencana/<int:pk>/aksi/", idp.idp_plan_action, name="idp_plan_action"),
    path("idp/rencana/<int:pk>/kegiatan/", idp.idp_activity_add, name="idp_activity_add"),
    path("idp/kegiatan/<int:pk>/ubah/", idp.idp_activity_edit, name="idp_activity_edit"),
    path("idp/kegiatan/<int:pk>/hapus/", idp.idp_activity_remove, name="idp_activity_remove"),
    path("idp/kegiatan/<int:pk>/selesai/", idp.idp_activity_done, name="idp_activity_done"),
    path("idp/kegiatan/<int:pk>/batal/", idp.idp_activity_cancel, name="idp_activity_cancel"),
]
