"""The dashboards (issue 17): a government's or an OPD's indicators with their trend, its OPDs
side by side with a chart of one indicator and the table beside it, the program's phases
compared; drill-down government → OPD → (for those who read persons) the OPD's employees."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from binakinerja.core.charts import bar_chart_svg
from binakinerja.core.converters import year_neighbours
from binakinerja.core.privacy import small_group_label
from binakinerja.core.scoping import reach_of
from binakinerja.monitoring import dashboard as figures
from binakinerja.monitoring import impact, rollups, warnings
from binakinerja.monitoring.models import HIGHER_IS_WORSE_LABEL, Indicator
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.selectors import reads_persons_of
from binakinerja.programs.selectors import program_get_for_user, programs_visible_to


@login_required
@require_GET
def start(request):
    unit = figures.home_unit(request.user)
    if unit is None:
        raise PermissionDenied
    return redirect("monitoring:dashboard", unit.pk, timezone.localdate().year)


@login_required
@require_GET
def unit_dashboard(request, pk, year):
    unit = get_object_or_404(OrgUnit, pk=pk)
    if not figures.may_read(request.user, unit):
        raise Http404
    indicator = request.GET.get("indikator", Indicator.JP20)
    if indicator not in Indicator.values:
        indicator = Indicator.JP20
    board = figures.dashboard(request.user, unit, year)
    chart = None
    shown = [(row.unit.short_name or row.unit.name, row.cells[indicator].value)
             for row in board.children
             if indicator in row.cells and row.cells[indicator].value is not None]  # fmt: skip
    if shown:
        top = max(value for _label, value in shown)
        chart = bar_chart_svg(shown, max_value=max(top, 100 if top <= 100 else top),
                              title=f"{Indicator(indicator).label} · {year}",
                              value_format="{:.1f}")  # fmt: skip
    reach = reach_of(request.user)
    return render(request, "monitoring/dashboard.html", {
        "board": board, "unit": unit, "year": year, "indicator": indicator,
        "indicators": Indicator.choices, "chart": chart, **year_neighbours(year),
        "reads_persons": reads_persons_of(request.user, unit),
        "may_refresh": reach.manages_everything or bool(reach.admin_paths),
        "small": small_group_label(),
        "programs": programs_visible_to(request.user).filter(
            instansi__path=unit.path.split(".")[0]),
        "parent": unit.parent if unit.parent_id and figures.may_read(request.user, unit.parent)
        else None, "worse_when_higher": HIGHER_IS_WORSE_LABEL,
    })  # fmt: skip


@login_required
@require_POST
def refresh(request, pk, year):
    """Recompute the government's rollups now (admins), e.g. after a large import."""
    unit = get_object_or_404(OrgUnit, pk=pk)
    if not figures.may_read(request.user, unit):
        raise Http404
    reach = reach_of(request.user)
    government = OrgUnit.objects.get(path=unit.path.split(".")[0])
    if not (reach.manages_everything or government.path in reach.admin_paths):
        raise PermissionDenied
    rollups.refresh(government, year)
    messages.success(request, _("The figures were computed again."))
    return redirect("monitoring:dashboard", unit.pk, year)


@login_required
@require_GET
def warning_list(request):
    """The early warnings of the reader's units, open first; those responsible dismiss one with
    the reason."""
    reach = reach_of(request.user)
    if not (reach.manages_everything or reach.dashboard_paths):
        raise PermissionDenied
    found = list(warnings.warnings_for(request.user).order_by("status", "-raised_at")[:200])
    for warning in found:
        warning.may_close = warnings.may_close(request.user, warning)
    return render(request, "monitoring/warning_list.html", {"warnings": found})


@login_required
@require_POST
def warning_dismiss(request, pk):
    warning = get_object_or_404(warnings.warnings_for(request.user), pk=pk)
    try:
        warnings.dismiss(actor=request.user, warning=warning, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The warning was dismissed."))
    return redirect("monitoring:warnings")


@login_required
@require_GET
def program_impact(request, pk):
    """What the program changed, per outcome, with its interval and what it cannot show."""
    program = program_get_for_user(request.user, pk)
    estimates, computed_at = impact.program_impact(program)
    rows = [(Indicator(code).label, code, estimates[code]) for code in estimates]
    return render(request, "monitoring/impact.html", {
        "program": program, "rows": rows, "computed_at": computed_at,
        "years_before": impact.YEARS_BEFORE, "worse_when_higher": HIGHER_IS_WORSE_LABEL,
    })  # fmt: skip


@login_required
@require_POST
def program_impact_refresh(request, pk):
    program = program_get_for_user(request.user, pk, write=True)
    impact.program_impact(program, refresh=True)
    messages.success(request, _("The figures were computed again."))
    return redirect("monitoring:impact", pk=program.pk)
