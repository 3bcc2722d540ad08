"""Placeholder until this area is written (issue 14)."""

from django.http import Http404


def mentoring_home(request, *args, **kwargs):
    raise Http404
