"""The dashboards (issue 17): a government's or an OPD's indicators with their trend, its OPDs
side by side with a chart of one indicator and the table beside it, the program's phases
compared; drill-down government → OPD → (for those who read persons) the OPD's employees."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.audit import audit_record
from binakinerja.core.charts import bar_chart_svg
from binakinerja.core.concurrency import StaleVersionError, posted_version
from binakinerja.core.converters import year_neighbours
from binakinerja.core.exporting import file_response
from binakinerja.core.privacy import small_group_label
from binakinerja.core.replica import reads_from_replica
from binakinerja.core.scoping import reach_of
from binakinerja.core.signed import signed_pdf
from binakinerja.monitoring import dashboard as figures
from binakinerja.monitoring import impact, monev, rollups, warnings
from binakinerja.monitoring.models import (
    HIGHER_IS_WORSE_LABEL,
    Indicator,
    MonevReport,
    WarningRule,
)
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.selectors import reads_persons_of
from binakinerja.programs.selectors import program_get_for_user, programs_visible_to

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def start(request):
    unit = figures.home_unit(request.user)
    if unit is None:
        raise PermissionDenied
    return redirect("monitoring:dashboard", unit.pk, timezone.localdate().year)


@login_required
@require_GET
@reads_from_replica
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
        "reads_all": reach.manages_everything,
        "small": small_group_label(),
        "programs": programs_visible_to(request.user).filter(
            instansi__path=unit.path.split(".")[0]),
        "parent": unit.parent if unit.parent_id and figures.may_read(request.user, unit.parent)
        else None, "worse_when_higher": HIGHER_IS_WORSE_LABEL,
    })  # fmt: skip


@login_required
@require_GET
@reads_from_replica
def overview(request, year):
    """Every government side by side, for those who read every government (superadmins)."""
    if not reach_of(request.user).manages_everything:
        raise PermissionDenied
    return render(request, "monitoring/overview.html", {
        "rows": figures.governments_overview(year), "year": year, "indicators": Indicator.choices,
        **year_neighbours(year),
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
    return render(request, "monitoring/warning_list.html", {
        "warnings": found, "reads_all": reach.manages_everything})  # fmt: skip


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


class MonevForm(forms.Form):
    analysis = forms.CharField(label=_("Analysis of the achievement"), required=False,
                               widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    obstacles = forms.CharField(label=_("Obstacles"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    follow_up = forms.CharField(label=_("Follow-up"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def monev_report(request, pk, year, quarter):
    """A monev report: the figures against their targets, the three texts its writer keeps,
    and the PDF and XLSX."""
    unit = get_object_or_404(OrgUnit, pk=pk)
    if not figures.may_read(request.user, unit) or quarter not in monev.PERIOD_NAMES:
        raise Http404
    report = MonevReport.objects.filter(unit=unit, year=year, quarter=quarter).first()
    report = report or MonevReport(unit=unit, year=year, quarter=quarter)
    writes = monev.may_write(request.user, unit)
    if request.method == "GET" and request.GET.get("format") in ("pdf", "xlsx"):
        kind = request.GET["format"]
        name = f"monev-{unit.pk}-{year}-{quarter}.{kind}"
        audit_record(actor=request.user, action="export", instance=unit,
                     object_repr=f"Monev {unit} {year} {quarter} ({kind})")  # fmt: skip
        if kind == "pdf":
            signed = signed_pdf("monev", report.pk, version=str(report.version)) if report.pk \
                else None  # fmt: skip
            return file_response(signed or monev.report_pdf(report), "application/pdf", name)
        return file_response(monev.report_xlsx(report), XLSX_TYPE, name)
    form = MonevForm(request.POST or None, initial={
        "analysis": report.analysis, "obstacles": report.obstacles,
        "follow_up": report.follow_up})  # fmt: skip
    if request.method == "POST":
        if not writes:
            raise PermissionDenied
        if form.is_valid():
            try:
                monev.report_save(actor=request.user, unit=unit, year=year, quarter=quarter,
                                  version=posted_version(request) if report.pk else None,
                                  **form.cleaned_data)  # fmt: skip
            except StaleVersionError:
                form.add_error(None, _("Someone changed this report in the meantime. Reload."))
            else:
                messages.success(request, _("The report was saved."))
                return redirect("monitoring:monev", unit.pk, year, quarter)
    rows, basis = monev.figures_of(unit, year, quarter)
    return render(request, "monitoring/monev.html", {
        "unit": unit, "year": year, "quarter": quarter, "report": report, "form": form,
        "writes": writes, "rows": rows, "basis": basis,
        "period": monev.PERIOD_NAMES[quarter], "periods": monev.PERIOD_NAMES.items(),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rules(request):
    """The early-warning rules and their thresholds (superadmins change them)."""
    if not reach_of(request.user).manages_everything:
        raise PermissionDenied
    if request.method == "POST":
        rule = get_object_or_404(WarningRule, pk=request.POST.get("rule"))
        try:
            warnings.rule_save(actor=request.user, rule=rule,
                               threshold=request.POST.get("threshold", ""),
                               from_month=request.POST.get("from_month", ""),
                               active=request.POST.get("active") == "on")  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The rule was saved."))
        return redirect("monitoring:rules")
    return render(request, "monitoring/rules.html", {"rules": WarningRule.objects.all()})
