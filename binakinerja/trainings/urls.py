from django.urls import path  # noqa: F401 - each area adds its paths below

from binakinerja.trainings import views  # noqa: F401

app_name = "trainings"

urlpatterns: list = []
