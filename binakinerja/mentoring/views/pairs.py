"""Placeholder until this area is written (issue 14)."""

from django.http import Http404


def pair_detail(request, *args, **kwargs):
    raise Http404


def pair_accept(request, *args, **kwargs):
    raise Http404


def session_new(request, *args, **kwargs):
    raise Http404


def session_confirm(request, *args, **kwargs):
    raise Http404


def session_evidence(request, *args, **kwargs):
    raise Http404


def goal_add(request, *args, **kwargs):
    raise Http404


def goals_from_needs(request, *args, **kwargs):
    raise Http404


def goal_done(request, *args, **kwargs):
    raise Http404


def feedback(request, *args, **kwargs):
    raise Http404


def pair_close(request, *args, **kwargs):
    raise Http404
