"""Placeholder until this area is written (issue 14)."""

from django.http import Http404


def summary_start(request, *args, **kwargs):
    raise Http404


def summary(request, *args, **kwargs):
    raise Http404


def effectiveness(request, *args, **kwargs):
    raise Http404
