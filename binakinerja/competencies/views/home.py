"""The competency start page (what each role can open from here) and the dictionary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from binakinerja.competencies.models import Competency, CompetencyGroup, CompetencyLevel
from binakinerja.competencies.selectors import aggregate_roots_of
from binakinerja.core.scoping import reach_of

# The start page lists at most this many units; deeper units are reached by drilling down.
HOME_UNITS_LIMIT = 50


@login_required
@require_GET
def competency_home(request):
    reach = reach_of(request.user)
    context = {
        "year": timezone.localdate().year,
        "own_employee_id": reach.employee_id,
        "is_atasan": reach.has_subordinates,
        "units": aggregate_roots_of(reach, limit=HOME_UNITS_LIMIT),
        "can_import": reach.can_manage_registry,
        "is_admin": reach.manages_everything or bool(reach.admin_paths),
    }
    return render(request, "competencies/home/home.html", context)


@login_required
@require_GET
def dictionary(request):
    """The kamus kompetensi: every active competency with its levels and behaviour indicators
    (regulation text and agency definitions, no personal data: open to every signed-in user)."""
    competencies = (
        Competency.objects.filter(is_active=True)
        .prefetch_related(Prefetch("levels", queryset=CompetencyLevel.objects.order_by("level")))
        .order_by("group", "code")
    )
    groups = [
        (label, [c for c in competencies if c.group == value])
        for value, label in CompetencyGroup.choices
    ]
    return render(request, "competencies/home/dictionary.html", {"groups": groups})
