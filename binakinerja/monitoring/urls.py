"""The monitoring pages (mounted at /monitoring/)."""

from django.urls import path

from binakinerja.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.start, name="start"),
    path("semua/<year:year>/", views.overview, name="overview"),
    path("<int:pk>/<year:year>/", views.unit_dashboard, name="dashboard"),
    path("<int:pk>/<year:year>/hitung-ulang/", views.refresh, name="refresh"),
    path("dampak/<int:pk>/", views.program_impact, name="impact"),
    path("dampak/<int:pk>/hitung-ulang/", views.program_impact_refresh, name="impact_refresh"),
    path("monev/<int:pk>/<year:year>/<int:quarter>/", views.monev_report, name="monev"),
    path("peringatan/", views.warning_list, name="warnings"),
    path("peringatan/aturan/", views.rules, name="rules"),
    path("peringatan/<int:pk>/tutup/", views.warning_dismiss, name="warning_dismiss"),
]
