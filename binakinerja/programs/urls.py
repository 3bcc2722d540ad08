"""The program pages (mounted at /program/), one block per area and its view module."""

from django.urls import path

from binakinerja.programs.views import coordination, program, units

app_name = "programs"

# Programs, phases, the planner, unit statuses and the logframe (views/program.py).
urlpatterns = [
    path("", program.program_list, name="program_list"),
    path("baru/", program.program_create, name="program_create"),
    path("<int:pk>/", program.program_detail, name="program_detail"),
    path("<int:pk>/status/", program.program_status, name="program_status"),
    path("<int:pk>/fakta/hitung-ulang/", program.facts_refresh, name="facts_refresh"),
    path("<int:pk>/tahap/baru/", program.phase_create, name="phase_create"),
    path("tahap/<int:pk>/ubah/", program.phase_edit, name="phase_edit"),
    path("<int:pk>/urutan/", program.plan, name="plan"),
    path("<int:pk>/urutan/setujui/", program.plan_approve, name="plan_approve"),
    path("unit/<int:pk>/status/", program.unit_status, name="unit_status"),
    path("<int:pk>/kerangka/", program.logframe, name="logframe"),
    path("<int:pk>/indikator/baru/", program.indicator_edit, name="indicator_create"),
    path(
        "<int:pk>/indikator/<int:indicator_pk>/ubah/", program.indicator_edit, name="indicator_edit"
    ),
    path("indikator/<int:pk>/nilai/", program.indicator_value, name="indicator_value"),
]

# Socialisation, readiness and support actions (views/units.py).
urlpatterns += [
    path("<int:pk>/sosialisasi/", units.event_list, name="event_list"),
    path("<int:pk>/sosialisasi/baru/", units.event_create, name="event_create"),
    path("sosialisasi/<int:pk>/", units.event_detail, name="event_detail"),
    path("sosialisasi/<int:pk>/hadir/", units.attendance_add, name="attendance_add"),
    path("sosialisasi/<int:pk>/hadir/impor/", units.attendance_import, name="attendance_import"),
    path(
        "sosialisasi/hadir/laporan-kesalahan/",
        units.attendance_import_errors,
        name="attendance_import_errors",
    ),
    path("sosialisasi/<int:pk>/tanya/", units.question_add, name="question_add"),
    path("pertanyaan/<int:pk>/jawab/", units.question_answer, name="question_answer"),
    path("<int:pk>/kesiapan/", units.readiness, name="readiness"),
    path("<int:pk>/kesiapan/butir/", units.items, name="items"),
    path("aksi/", units.action_list, name="action_list"),
    path("<int:pk>/aksi/baru/", units.action_create, name="action_create"),
    path("aksi/<int:pk>/", units.action_detail, name="action_detail"),
    path("aksi/<int:pk>/tutup/", units.action_close, name="action_close"),
]

# Coordination across agencies (views/coordination.py).
urlpatterns += [
    path("<int:pk>/koordinasi/", coordination.case_list, name="case_list"),
    path("<int:pk>/koordinasi/baru/", coordination.case_create, name="case_create"),
    path("koordinasi/<int:pk>/", coordination.case_detail, name="case_detail"),
    path("koordinasi/<int:pk>/langkah/", coordination.case_step, name="case_step"),
    path("koordinasi/<int:pk>/selesai/", coordination.case_resolve, name="case_resolve"),
]
