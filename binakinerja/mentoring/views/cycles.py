"""Placeholder until this area is written (issue 14)."""

from django.http import Http404


def cycle_list(request, *args, **kwargs):
    raise Http404


def cycle_create(request, *args, **kwargs):
    raise Http404


def cycle_detail(request, *args, **kwargs):
    raise Http404


def cycle_status(request, *args, **kwargs):
    raise Http404


def offer(request, *args, **kwargs):
    raise Http404


def conflict_add(request, *args, **kwargs):
    raise Http404
