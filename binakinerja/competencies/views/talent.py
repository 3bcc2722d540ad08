"""Gaps, job-person match, the heat map and the 9-box talent map (read-only pages)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from binakinerja.competencies.selectors import (
    aggregate_unit_get_for_user,
    employee_gap_rows,
    heat_map,
    nine_box_grid,
    parent_visible_to,
    unit_people_gaps,
)
from binakinerja.core.converters import year_neighbours
from binakinerja.core.privacy import min_group
from binakinerja.people.selectors import employee_get_for_user


@login_required
@require_GET
def employee_gaps_view(request, pk):
    employee = employee_get_for_user(request.user, pk)
    report = employee_gap_rows(request.user, employee)
    return render(request, "competencies/talent/employee_gaps.html", {"report": report})


@login_required
@require_GET
def heat_map_view(request, unit_pk):
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    data = heat_map(request.user, root_unit=unit)
    people = unit_people_gaps(request.user, unit=unit)
    context = {
        "heat": data,
        "unit": unit,
        "parent": parent_visible_to(request.user, unit),
        "people": people,
        "min_group": min_group(),
    }
    return render(request, "competencies/talent/heat_map.html", context)


@login_required
@require_GET
def nine_box_view(request, unit_pk, year):
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    grid = nine_box_grid(request.user, root_unit=unit, year=year)
    context = {"grid": grid, "unit": unit, "min_group": min_group(), **year_neighbours(year)}
    return render(request, "competencies/talent/nine_box.html", context)
