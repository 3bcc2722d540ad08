"""Gaps, job-person match, the heat map and the 9-box talent map (read-only pages)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from binakinerja.competencies.selectors import (
    aggregate_unit_get_for_user,
    employee_gap_rows,
    employee_get_for_gaps,
    heat_map,
    nine_box_grid,
    unit_people_gaps,
)
from binakinerja.core.scoping import unit_scope_q
from binakinerja.organizations.models import OrgUnit

# Years the talent map accepts in its URL; anything else is a 404, never a server error.
MIN_YEAR, MAX_YEAR = 2000, 2100


@login_required
@require_GET
def employee_gaps_view(request, pk):
    employee = employee_get_for_gaps(request.user, pk)
    report = employee_gap_rows(request.user, employee)
    return render(request, "competencies/talent/employee_gaps.html", {"report": report})


@login_required
@require_GET
def heat_map_view(request, unit_pk):
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    data = heat_map(request.user, root_unit=unit)
    parent = None
    if unit.parent_id:  # a link up only when the user reads the parent unit too
        parent = OrgUnit.objects.filter(unit_scope_q(request.user), pk=unit.parent_id).first()
    people = unit_people_gaps(request.user, unit=unit)
    context = {"heat": data, "unit": unit, "parent": parent, "people": people}
    return render(request, "competencies/talent/heat_map.html", context)


@login_required
@require_GET
def nine_box_view(request, unit_pk, year):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    grid = nine_box_grid(request.user, root_unit=unit, year=year)
    context = {
        "grid": grid,
        "unit": unit,
        "previous_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
    }
    return render(request, "competencies/talent/nine_box.html", context)
