from django.urls import path

from binakinerja.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.orgunit_list, name="orgunit_list"),
    path("<int:pk>/", views.orgunit_detail, name="orgunit_detail"),
    path("pilih/", views.orgunit_options, name="orgunit_options"),
    path("<int:parent_pk>/tambah/", views.orgunit_create_view, name="orgunit_create"),
    path("<int:pk>/ubah/", views.orgunit_edit, name="orgunit_edit"),
]
