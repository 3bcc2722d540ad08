"""URLs of the pdp app (issue 18)."""

from django.urls import path  # noqa: F401

app_name = "pdp"
urlpatterns: list = []
