"""The government's budget page and its companions: the year's absorption (per OPD, program
and month, against the floor), the lines, the year's settings, the cost per participant and
per JP, and the lists behind the home tasks. The page starts with what to do next."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binakinerja.budgets import figures, importing, rules, services
from binakinerja.budgets.models import BudgetYear, Realisation
from binakinerja.budgets.selectors import (
    government_get_for_user,
    governments_read_by,
    lines_visible_to,
    may_keep,
    reads_whole_budget,
)
from binakinerja.budgets.views.forms import YearForm
from binakinerja.core.audit import audit_record
from binakinerja.core.charts import bar_chart_svg
from binakinerja.core.converters import year_neighbours
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.core.forms import add_service_errors

PAGE_SIZE = 50
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@login_required
@require_GET
def index(request):
    """The governments whose budget the reader reads; straight to this year's page when there
    is one."""
    governments = list(governments_read_by(request.user).order_by("name"))
    if not governments:
        raise PermissionDenied
    year = timezone.localdate().year
    if len(governments) == 1:
        return redirect("budgets:year", governments[0].pk, year)
    return render(request, "budgets/index.html", {"governments": governments, "year": year})


def next_step(government, year, lines, whole, floor, budget_year, keeps: bool) -> str:
    """What the reader does next on the budget page, in one sentence."""
    if not whole.lines:
        if keeps:
            return _("Enter or import the year's budget lines from the DPA.")
        return _("The year's budget lines are not entered yet.")
    if keeps and floor is not None and floor.allocated.met is None:
        return _("Enter the year's total regional spending to check the floor.")
    if keeps and floor is not None and floor.allocated.warning:
        return _("The budget is below the floor of %(floor)s%% of total spending: raise it in "
                 "the APBD perubahan.") % {"floor": floor.allocated.floor}  # fmt: skip
    missing = Realisation.objects.filter(line__in=lines.values("pk"), document="",
                                         amount__gt=0).count()  # fmt: skip
    if missing:
        return _("%(n)s realisasi entries still lack their supporting document.") % {"n": missing}
    if keeps and budget_year and not budget_year.published_at:
        return _("Publish the year's figures on the public page when they are final.")
    return _("Post realisasi as it is spent; the figures follow.")


@login_required
@require_GET
def year_page(request, pk, year):
    government = government_get_for_user(request.user, pk)
    keeps = may_keep(request.user, government)
    lines = lines_visible_to(request.user).filter(instansi=government, year=year)
    export = request.GET.get("export")
    if export in ("xlsx", "csv", "rekening"):
        return _export(request, government, year, lines, export)
    whole = figures.totals(lines, label=government.name)
    whole_budget = reads_whole_budget(request.user, government)
    floor = figures.floor(government, year, whole) if whole_budget else None
    budget_year = BudgetYear.objects.filter(instansi=government, year=year).first()
    shown = lines.select_related("opd")
    low = request.GET.get("rendah") == "1"
    if low:
        shown = shown.filter(
            pagu__gt=0, realised__lt=F("pagu") * rules.LOW_ABSORPTION_PERCENT / 100
        )
    query = request.GET.get("q", "").strip()
    if query:
        shown = shown.filter(Q(name__icontains=query) | Q(rekening_code__startswith=query)
                             | Q(sub_kegiatan_code__startswith=query))  # fmt: skip
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    for line in page:
        line.percent = rules.absorption(line.pagu, line.realised)
    months = figures.by_month(lines, whole.pagu)
    context = {
        "government": government, "year": year, "keeps": keeps, "whole": whole,
        "floor": floor, "budget_year": budget_year, "page": page, "low": low, "query": query,
        "opds": figures.by_opd(lines), "programs": figures.by_program(lines),
        "kegiatan": figures.by_kegiatan(lines), "months": months,
        "month_names": MONTHS, **year_neighbours(year),
        "next_step": next_step(government, year, lines, whole, floor, budget_year, keeps),
    }  # fmt: skip
    if whole.pagu:
        context["month_chart"] = bar_chart_svg(
            [(MONTHS[m.month - 1], float(m.percent or 0)) for m in months], max_value=100,
            title=_("Cumulative absorption by month (%% of pagu), %(year)s") % {"year": year},
            value_format="{:.0f}%",
        )  # fmt: skip
    return render(request, "budgets/year.html", context)


def _export(request, government, year, lines, kind):
    audit_record(actor=request.user, action="export", instance=government,
                 object_repr=f"Anggaran {government} {year} ({kind})")  # fmt: skip
    name = f"anggaran-{government.pk}-{year}"
    if kind == "rekening":
        headers, rows = importing.rekening_layout_rows(lines)
        return xlsx_response(headers, rows, f"{name}-per-rekening.xlsx", sheet_title="Rekening")
    headers, rows = importing.line_export_rows(lines)
    if kind == "csv":
        return csv_response(headers, rows, f"{name}.csv")
    return xlsx_response(headers, rows, f"{name}.xlsx", sheet_title="Baris anggaran")


@login_required
@require_http_methods(["GET", "POST"])
def year_settings(request, pk, year):
    government = government_get_for_user(request.user, pk)
    if not may_keep(request.user, government):
        raise PermissionDenied
    budget_year = BudgetYear.objects.filter(instansi=government, year=year).first()
    initial = {
        "total_spending": services.rupiah(budget_year.total_spending)
        if budget_year and budget_year.total_spending else "",
        "spending_source": budget_year.spending_source if budget_year else "",
        "publish": bool(budget_year and budget_year.published_at),
        "floor_percent": str(figures.floor_percent_of(government)).replace(".", ","),
    }  # fmt: skip
    form = YearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.policy_save(actor=request.user, instansi=government,
                                 floor_percent=data["floor_percent"])  # fmt: skip
            services.year_save(actor=request.user, instansi=government, year=year,
                               total_spending=data["total_spending"],
                               spending_source=data["spending_source"],
                               publish=data["publish"])  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The year's settings were saved."))
            return redirect("budgets:year", government.pk, year)
    return render(request, "budgets/form.html", {
        "form": form, "government": government, "year": year,
        "title": _("Budget %(year)s: total spending, floor and publication") % {"year": year},
        "submit": _("Save"), "back_url": _year_url(government, year),
        "intro": _("Competency development should have at least the floor's share of the "
                   "region's total spending (0.34% by default). A published year appears on "
                   "the public transparency page: figures only, no names."),
    })  # fmt: skip


def _year_url(government, year) -> str:
    return reverse("budgets:year", args=[government.pk, year])


@login_required
@require_GET
def costs(request, pk, year):
    """Cost per participant and per JP delivered, per batch, training program, institution
    and form (realisasi of lines tied to batches / the ledger's credits)."""
    government = government_get_for_user(request.user, pk)
    lines = lines_visible_to(request.user).filter(instansi=government, year=year)
    found = figures.costs(lines, year)
    if request.GET.get("export") in ("xlsx", "csv"):
        headers = [
            _("Group"),
            _("Name"),
            _("Batches"),
            _("Cost (Rp)"),
            _("Participants"),
            _("JP delivered"),
            _("Cost per participant (Rp)"),
            _("Cost per JP (Rp)"),
        ]
        rows = [
            [group, row.label, row.batches, row.cost, row.participants, row.jp,
             row.per_participant, row.per_jp]
            for group, items in ((_("Batch"), found.batches), (_("Training program"),
                                 found.programs), (_("Institution"), found.institutions),
                                 (_("Form"), found.forms))
            for row in items
        ]  # fmt: skip
        audit_record(actor=request.user, action="export", instance=government,
                     object_repr=f"Biaya per JP {government} {year}")  # fmt: skip
        name = f"biaya-per-jp-{government.pk}-{year}"
        if request.GET["export"] == "csv":
            return csv_response(headers, rows, f"{name}.csv")
        return xlsx_response(headers, rows, f"{name}.xlsx", sheet_title="Biaya")
    return render(request, "budgets/costs.html", {
        "government": government, "year": year, "costs": found, **year_neighbours(year),
    })  # fmt: skip


def _entries_of(request):
    return Realisation.objects.filter(
        line__in=lines_visible_to(request.user).values("pk")
    ).select_related("line__opd", "line__instansi", "recorded_by")


@login_required
@require_GET
def overrides(request):
    """Spending posted above the pagu, waiting for an admin's review first."""
    if not governments_read_by(request.user).exists():
        raise PermissionDenied
    entries = _entries_of(request).exclude(override_reason="").order_by(
        F("override_reviewed_at").asc(nulls_first=True), "-date")  # fmt: skip
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "budgets/entry_list.html", {
        "page": page, "title": _("Spending above the pagu"), "overrides": True,
    })  # fmt: skip


@login_required
@require_GET
def missing_documents(request):
    """Realisasi still without its supporting document, oldest first."""
    if not governments_read_by(request.user).exists():
        raise PermissionDenied
    entries = _entries_of(request).filter(document="", amount__gt=0).order_by("date", "pk")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "budgets/entry_list.html", {
        "page": page, "title": _("Realisasi without a supporting document"), "overrides": False,
    })  # fmt: skip
