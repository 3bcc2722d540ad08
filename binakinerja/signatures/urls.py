"""URLs of the signatures app (issue 18)."""

from django.urls import path  # noqa: F401

app_name = "signatures"
urlpatterns: list = []
