"""Budget lines and realisasi from XLSX (all or nothing, with the error report) and their
templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binakinerja.budgets import importing
from binakinerja.budgets.selectors import (
    government_get_for_user,
    governments_read_by,
    lines_visible_to,
    may_keep,
)
from binakinerja.core.exporting import error_report_response, xlsx_response
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import import_upload


def _import_page(request, government, year, *, kind, result):
    return render(request, "budgets/import.html", {
        "government": government, "year": year, "kind": kind, "result": result,
        "errors_json": result.errors_json if result else "",
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def lines_import(request, pk, year):
    """The year's lines from the DPA as XLSX; `?template=1` gives the columns."""
    government = government_get_for_user(request.user, pk)
    if not may_keep(request.user, government):
        raise PermissionDenied
    if request.method == "GET" and request.GET.get("template"):
        example = [["BKPSDM", "5.04.02.1.01", "5.04.02.1.01.0001", "5.1.02.02.12",
                    "Pelatihan teknis pelayanan publik", "150.000.000",
                    f"DPA BKPSDM {year}"]]  # fmt: skip
        return xlsx_response(importing.LINE_COLUMNS, example, f"templat-baris-anggaran-{year}.xlsx",
                             "Baris anggaran")  # fmt: skip
    result = None
    if request.method == "POST":
        result = import_upload(request, lambda upload: importing.lines_import(
            actor=request.user, instansi=government, year=year, upload=upload))  # fmt: skip
        if result is not None and result.ok:
            messages.success(request, _("Imported: %(n)d budget lines.") % {"n": result.created})
            return redirect("budgets:year", government.pk, year)
    return _import_page(request, government, year, kind="lines", result=result)


@login_required
@require_http_methods(["GET", "POST"])
def realisations_import(request, pk, year):
    """Realisasi of the year's lines as XLSX; `?template=1` lists the lines the reader posts to
    with their ID."""
    government = government_get_for_user(request.user, pk)
    lines = lines_visible_to(request.user).filter(instansi=government, year=year)
    if not (may_keep(request.user, government) or reach_of(request.user).operator_paths):
        raise PermissionDenied  # readers (pimpinan) do not post
    if request.method == "GET" and request.GET.get("template"):
        return xlsx_response(importing.ENTRY_COLUMNS, importing.entry_template_rows(lines),
                             f"templat-realisasi-{year}.xlsx", "Realisasi")  # fmt: skip
    result = None
    if request.method == "POST":
        result = import_upload(request, lambda upload: importing.realisations_import(
            actor=request.user, instansi=government, year=year, upload=upload))  # fmt: skip
        if result is not None and result.ok:
            messages.success(
                request, _("Imported: %(n)d realisasi entries.") % {"n": result.created}
            )
            return redirect("budgets:year", government.pk, year)
    return _import_page(request, government, year, kind="entries", result=result)


@login_required
@require_POST
def import_errors(request):
    """The error report of a refused budget import as XLSX (the rows come back from the page;
    nothing of the refused file is kept)."""
    if not governments_read_by(request.user).exists():
        raise PermissionDenied
    return error_report_response(request, "laporan-kesalahan-impor-anggaran.xlsx")
