"""Mentoring figures (issue 14 §7): the summary of a unit and year — numbers about units, never
rows about persons, small groups hidden from pimpinan exactly as the 20 JP compliance page
does — and the descriptive effectiveness of a cycle for those who coordinate it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from binakinerja.competencies.selectors import (
    aggregate_roots_of,
    aggregate_unit_get_for_user,
    masks_small_groups,
    parent_visible_to,
)
from binakinerja.core.audit import audit_record
from binakinerja.core.converters import year_neighbours
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.core.models import AuditLog
from binakinerja.core.privacy import is_small_group, masked, min_group
from binakinerja.core.scoping import employee_scope_q, paths_q, reach_of
from binakinerja.mentoring import insight
from binakinerja.mentoring.selectors import cycles_visible_to, may_coordinate
from binakinerja.people.models import Employee

SUMMARY_FORMATS = ("xlsx", "csv")
FIGURES = ("mentors", "mentees", "active", "inactive", "sessions", "jp", "cross_share")


@login_required
@require_GET
def summary_start(request):
    roots = aggregate_roots_of(reach_of(request.user), limit=1)
    if not roots:
        raise PermissionDenied
    return redirect("mentoring:summary", unit_pk=roots[0].pk, year=timezone.localdate().year)


def _summary_scope(user):
    """Employees whose figures the reader may count: those they read individually, and as
    pimpinan those of their subtrees (counted only, masked)."""
    reach = reach_of(user)
    if reach.manages_everything:
        return None
    return Employee.objects.filter(
        employee_scope_q(user, write=False) | paths_q(reach.pimpinan_paths, "unit__")
    )


def _shown(row, mask: bool) -> dict:
    """A row's figures as the reader may see them: a count of mentors is about the mentors, the
    rest about the mentees (the pairs, their sessions and JP)."""
    values = {name: getattr(row, name) for name in FIGURES}
    if not mask:
        return values
    shown = {name: masked(value, row.mentees) for name, value in values.items()}
    shown["mentors"] = masked(row.mentors, row.mentors)
    return shown


@login_required
@require_GET
def summary(request, unit_pk, year):
    """Mentoring of a unit's OPDs in a year: mentors, mentees, active and inactive pairs,
    confirmed sessions, JP from mentoring, the share of pairs across OPDs."""
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    export = request.GET.get("format", "")
    if export and export not in SUMMARY_FORMATS:
        raise Http404
    mask = masks_small_groups(request.user, unit)
    report = insight.mentoring_summary(unit, year, employees=_summary_scope(request.user))
    for row in [*report.units, report.total]:
        row.shown = _shown(row, mask)
        row.small = mask and is_small_group(row.mentees)
        row.bar = 0 if row.small or row.cross_share is None else row.cross_share
    if export:
        return _summary_export(request, report, export)
    context = {
        "unit": unit,
        "report": report,
        "mask": mask,
        "min_group": min_group(),
        "inactive_days": settings.MENTORING_INACTIVE_DAYS,
        "parent": parent_visible_to(request.user, unit),
        **year_neighbours(year),
    }
    return render(request, "mentoring/insight_summary.html", context)


def _summary_export(request, report, export: str):
    audit_record(actor=request.user, action=AuditLog.Action.EXPORT, instance=report.root,
                 object_repr=f"{export.upper()} ringkasan mentoring {report.root.name} "
                             f"{report.year}"[:200])  # fmt: skip
    # Column names in Indonesian, as the other exports of the system (the file goes to BKPSDM).
    headers = ["Unit", "Mentor", "Mentee", "Pasangan aktif", "Pasangan tidak aktif",
               "Sesi terkonfirmasi", "JP dari mentoring", "Persen lintas OPD"]  # fmt: skip
    rows = [
        [row.unit.name, *(row.shown[name] for name in FIGURES)]
        for row in [*report.units, report.total]
    ]
    rows[-1][0] = "Jumlah"
    name = f"ringkasan-mentoring-{report.root.pk}-{report.year}"
    if export == "csv":
        return csv_response(headers, rows, f"{name}.csv")
    return xlsx_response(headers, rows, f"{name}.xlsx", sheet_title="Ringkasan mentoring")


def _figures_shown(figures) -> dict:
    """A group's figures for the page: the number of people as it is (the coordinator knows who
    is mentored), every mean and share hidden for a group smaller than AGGREGATE_MIN_GROUP."""
    names = ("with_standard", "gap_start_mean", "gap_now_mean", "closure_mean", "closed_share",
             "reassessed_share", "with_predikat", "improved_share", "worse_share")  # fmt: skip
    shown = {name: masked(getattr(figures, name), figures.people) for name in names}
    shown["people"] = figures.people
    return shown


@login_required
@require_GET
def effectiveness(request, pk):
    """Mentored ASN of a cycle next to comparable unmentored ones, per group and per mentor,
    with the caveats: for the cycle's coordinator and those who may coordinate it."""
    cycle = get_object_or_404(cycles_visible_to(request.user), pk=pk)
    if not may_coordinate(request.user, cycle):
        raise PermissionDenied
    report, computed_at = insight.effectiveness_snapshot(cycle)
    for figures in (report.mentored, report.comparison, *(r.figures for r in report.mentors)):
        figures.shown = _figures_shown(figures)
    context = {
        "cycle": cycle, "report": report, "computed_at": computed_at, "min_group": min_group(),
    }  # fmt: skip
    return render(request, "mentoring/insight_effectiveness.html", context)


@login_required
@require_POST
def effectiveness_refresh(request, pk):
    """Compute the effectiveness figures again now (after re-assessments, say) instead of
    reading those kept from earlier today."""
    cycle = get_object_or_404(cycles_visible_to(request.user), pk=pk)
    if not may_coordinate(request.user, cycle):
        raise PermissionDenied
    insight.effectiveness_snapshot(cycle, refresh=True)
    messages.success(request, _("The figures were computed again."))
    return redirect("mentoring:effectiveness", pk=cycle.pk)
