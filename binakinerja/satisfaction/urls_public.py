"""Pages for the public: no login (mounted at the site root, namespace `survey`)."""

from django.urls import path  # noqa: F401

from binakinerja.satisfaction import views_public, views_results  # noqa: F401

app_name = "survey"

urlpatterns = [
    # --- survey form and thank-you page (views_public.py) ---
    path("s/<str:code>/", views_public.survey_form, name="form"),
    path("s/<str:code>/terima-kasih/", views_public.survey_thanks, name="thanks"),
    # --- end views_public.py ---
    # --- public IKM lists (views_results.py) ---
    path("ikm/", views_results.instansi_list_view, name="instansi_list"),
    path("ikm/<int:instansi_pk>/", views_results.instansi_ikm_view, name="instansi_ikm"),
    # --- end views_results.py ---
]
