"""Mentoring pages, one module per area (urls.py lists them)."""
