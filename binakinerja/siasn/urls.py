"""URLs of the siasn app (issue 18)."""

from django.urls import path  # noqa: F401

app_name = "siasn"
urlpatterns: list = []
