from django.urls import path  # noqa: F401

from binakinerja.competencies import (  # noqa: F401
    views_assessments,
    views_needs,
    views_standards,
    views_talent,
)

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
    # --- end views_standards.py ---
]
