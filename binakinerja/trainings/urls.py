from django.urls import path  # noqa: F401 - each area adds its paths below

from binakinerja.trainings import views  # noqa: F401

app_name = "trainings"

urlpatterns: list = []

# Institutions, co-designed programs and the catalogue (views/programs.py).
from binakinerja.trainings.views import programs  # noqa: E402

urlpatterns += [
    path("katalog/", programs.catalogue, name="catalogue"),
    path("katalog/<int:pk>/", programs.catalogue_detail, name="catalogue_detail"),
    path("program/", programs.program_list, name="program_list"),
    path("program/baru/", programs.program_create, name="program_create"),
    path("program/<int:pk>/", programs.program_detail, name="program_detail"),
    path("program/<int:pk>/ubah/", programs.program_edit, name="program_edit"),
    path("program/<int:pk>/modul/", programs.module_add, name="module_add"),
    path("program/<int:pk>/kompetensi/", programs.target_add, name="target_add"),
    path("program/<int:pk>/ajukan/", programs.program_submit, name="program_submit"),
    path("program/<int:pk>/komentar/", programs.program_comment, name="program_comment"),
    path("program/<int:pk>/keputusan/", programs.program_decide, name="program_decide"),
    path("modul/<int:pk>/ubah/", programs.module_edit, name="module_edit"),
    path("modul/<int:pk>/hapus/", programs.module_remove, name="module_remove"),
    path("kompetensi-sasaran/<int:pk>/hapus/", programs.target_remove, name="target_remove"),
    path("lembaga/", programs.institution_list, name="institution_list"),
    path("lembaga/baru/", programs.institution_create, name="institution_create"),
    path("lembaga/<int:pk>/", programs.institution_detail, name="institution_detail"),
    path("lembaga/<int:pk>/ubah/", programs.institution_edit, name="institution_edit"),
    path("lembaga/<int:pk>/fasilitator/", programs.facilitator_add, name="facilitator_add"),
    path("fasilitator/<int:pk>/ubah/", programs.facilitator_edit, name="facilitator_edit"),
]
