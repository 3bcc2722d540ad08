from django.urls import path  # noqa: F401

from binakinerja.satisfaction import views, views_results, views_service_time  # noqa: F401

app_name = "satisfaction"

urlpatterns = [
    # --- service units, periods, paper entry, review (views.py) ---
    # --- end views.py ---
    # --- results, suggestions, reports (views_results.py) ---
    # --- end views_results.py ---
    # --- service times (views_service_time.py) ---
    # --- end views_service_time.py ---
]
