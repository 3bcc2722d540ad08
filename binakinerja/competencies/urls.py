from django.urls import path  # noqa: F401

from binakinerja.competencies import views_assessments, views_talent  # noqa: F401

app_name = "competencies"

urlpatterns = [
    # --- views_assessments.py ---
    path("impor/", views_assessments.assessment_import, name="assessment_import"),
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
]
