from django.urls import path  # noqa: F401

from binakinerja.competencies import views_assessments, views_talent  # noqa: F401

app_name = "competencies"

urlpatterns = [
    # --- views_assessments.py ---
    # --- end views_assessments.py ---
    # --- views_talent.py ---
    # --- end views_talent.py ---
]
