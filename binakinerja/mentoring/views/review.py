"""Placeholder until this area is written (issue 14)."""

from django.http import Http404


def review(request, *args, **kwargs):
    raise Http404


def match_run(request, *args, **kwargs):
    raise Http404


def approve_all(request, *args, **kwargs):
    raise Http404


def pair_approve(request, *args, **kwargs):
    raise Http404


def pair_swap(request, *args, **kwargs):
    raise Http404
