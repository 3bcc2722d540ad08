"""Pages for the public: no login (mounted at the site root, namespace `survey`)."""

from django.urls import path  # noqa: F401

from binakinerja.satisfaction import views_public, views_results  # noqa: F401

app_name = "survey"

urlpatterns = [
    # --- survey form and thank-you page (views_public.py) ---
    # --- end views_public.py ---
    # --- public IKM lists (views_results.py) ---
    # --- end views_results.py ---
]
