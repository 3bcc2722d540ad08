from django.urls import path

from binakinerja.people import views, views_import

app_name = "people"

urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("new/", views.employee_create_view, name="employee_create"),
    path("<int:pk>/", views.employee_detail, name="employee_detail"),
    path("<int:pk>/edit/", views.employee_edit, name="employee_edit"),
    path("<int:pk>/account/", views.employee_account_create_view, name="employee_account_create"),
    path(
        "<int:pk>/account/link/",
        views.employee_account_link_resend_view,
        name="employee_account_link_resend",
    ),
    path("positions/", views.position_options, name="position_options"),
    path("unit/<int:unit_pk>/jabatan/", views.position_list, name="position_list"),
    path("autocomplete/", views.employee_autocomplete, name="employee_autocomplete"),
    path("import/", views_import.import_upload, name="import_upload"),
    path("import/<int:pk>/", views_import.import_job, name="import_job"),
    path("import/<int:pk>/progress/", views_import.import_job_progress, name="import_job_progress"),
    path("import/<int:pk>/report/", views_import.import_report, name="import_report"),
]
