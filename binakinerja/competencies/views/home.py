"""The competency start page (what each role can open from here) and the dictionary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from binakinerja.competencies.models import Competency, CompetencyGroup, CompetencyLevel
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit

# The start page lists at most this many units; deeper units are reached by drilling down.
HOME_UNITS_LIMIT = 50


def _top_units(reach):
    """The highest units whose aggregates the user reads: the governments for those who manage
    everything, else the roots of the user's admin / operator / pimpinan subtrees."""
    if reach.manages_everything:
        units = OrgUnit.objects.filter(parent=None)
    elif reach.dashboard_paths:
        roots = [
            path
            for path in reach.dashboard_paths
            if not any(path != other and path.startswith(other) for other in reach.dashboard_paths)
        ]
        units = OrgUnit.objects.filter(path__in=roots)
    else:
        return []
    return list(units.order_by("path")[:HOME_UNITS_LIMIT])


@login_required
@require_GET
def competency_home(request):
    reach = reach_of(request.user)
    context = {
        "year": timezone.localdate().year,
        "own_employee_id": reach.employee_id,
        "is_atasan": reach.has_subordinates,
        "units": _top_units(reach),
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
