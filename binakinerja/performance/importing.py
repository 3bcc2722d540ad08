"""Import of SKP targets from XLSX: one row per indicator, all or nothing.

Columns (by name, case and spacing ignored): NIP, TAHUN, JENIS (utama/tambahan), RENCANA HASIL
KERJA, ASPEK (kuantitas/kualitas/waktu/biaya), INDIKATOR, TARGET (a number or a text), SATUAN.
Rows with the same NIP, year, kind and planned result form one result with several indicators.
Each employee's SKP of the year is created as a draft when missing; an SKP past the draft or
returned stage is refused. Any invalid row means nothing is written; a valid file is written by
`services.skp_targets_add` (full_clean and audit for every SKP and result, one transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from binakinerja.core.spreadsheets import ImportResult, require_rows, xlsx_rows
from binakinerja.people.rules import normalize_nip
from binakinerja.people.selectors import employees_by_nip
from binakinerja.performance.models import Skp, SkpIndicator
from binakinerja.performance.rules import EDITABLE_PLAN_STATUSES, Aspect, ResultKind
from binakinerja.performance.services import SkpTarget, skp_targets_add

COLUMNS = ["NIP", "TAHUN", "JENIS", "RENCANA HASIL KERJA", "ASPEK", "INDIKATOR", "TARGET", "SATUAN"]
REQUIRED = [c for c in COLUMNS if c != "SATUAN"]
MAX_ROWS = 50_000
MIN_YEAR, MAX_YEAR = 2020, 2100
# The column to blame for an indicator field that full_clean refuses.
INDICATOR_COLUMNS = {
    "aspect": "ASPEK", "text": "INDIKATOR", "target_value": "TARGET", "target_text": "TARGET",
    "target_unit": "SATUAN", "__all__": "TARGET",
}  # fmt: skip


@dataclass
class TargetImportResult(ImportResult):
    skps_created: int = 0
    results_created: int = 0
    indicators_created: int = 0


def target_of(value) -> tuple[Decimal | None, str]:
    """(number, "") for a numeric target cell (decimal comma allowed), ("" , text) otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value)), ""
    raw = str(value or "").strip().replace(",", ".")
    try:
        return (Decimal(raw) if raw else None), ""
    except InvalidOperation:
        return None, str(value).strip()


def skp_targets_import(*, actor, upload, editable_employees) -> TargetImportResult:
    """Check every row, then write every target through `skp_targets_add`, or nothing.
    `editable_employees` is the importer's write scope (Employee.objects.editable_by)."""
    result = TargetImportResult()
    error = result.error
    rows = list(xlsx_rows(upload, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS))
    employees = employees_by_nip(
        editable_employees.select_related("supervisor"), (row["NIP"] for _n, row in rows)
    )
    planned: dict[tuple, dict] = {}
    for number, row in rows:
        try:
            nip = normalize_nip(row["NIP"])
        except ValidationError as e:
            error(number, "NIP", row["NIP"], " ".join(e.messages))
            continue
        if nip not in employees:
            error(number, "NIP", row["NIP"], _("No employee you manage has this NIP."))
            continue
        year_text = str(row["TAHUN"] or "").strip().removesuffix(".0")
        year = int(year_text) if year_text.isdigit() else 0
        if not MIN_YEAR <= year <= MAX_YEAR:
            error(number, "TAHUN", row["TAHUN"], _("The year must be a number such as 2026."))
            continue
        kind = str(row["JENIS"] or "").strip().lower()
        if kind not in ResultKind.values:
            error(number, "JENIS", row["JENIS"], _("Kind must be utama or tambahan."))
            continue
        aspect = str(row["ASPEK"] or "").strip().lower()
        if aspect not in Aspect.values:
            error(number, "ASPEK", row["ASPEK"],
                  _("Aspect must be kuantitas, kualitas, waktu or biaya."))  # fmt: skip
            continue
        text = str(row["RENCANA HASIL KERJA"] or "").strip()
        indicator_text = str(row["INDIKATOR"] or "").strip()
        if not text or not indicator_text:
            column = "RENCANA HASIL KERJA" if not text else "INDIKATOR"
            error(number, column, "", _("This cell must not be empty."))
            continue
        value, target_text = target_of(row["TARGET"])
        indicator = {
            "aspect": aspect, "text": indicator_text, "target_value": value,
            "target_text": target_text, "target_unit": str(row.get("SATUAN") or "").strip(),
        }  # fmt: skip
        try:
            SkpIndicator(**indicator).full_clean(exclude=["result"])
        except ValidationError as e:
            for name, messages in e.message_dict.items():
                column = INDICATOR_COLUMNS.get(name, "TARGET")
                error(number, column, row.get(column), " ".join(messages))
            continue
        key = (nip, year, kind, text)
        planned.setdefault(key, {"rows": [], "first": number})["rows"].append(indicator)

    locked = Skp.objects.filter(
        employee__in=editable_employees.values("pk"),
        year__in={year for _nip, year, *_rest in planned},
    ).exclude(status__in=EDITABLE_PLAN_STATUSES)
    locked_keys = set(locked.values_list("employee__nip", "year")) if planned else set()
    for (nip, year, _kind, _text), plan in planned.items():
        if (nip, year) in locked_keys:
            reason = _("This SKP is past the planning stage; its targets cannot be imported.")
            error(plan["first"], "NIP", nip, reason)
    if result.errors:
        return result
    require_rows(planned)
    counts = skp_targets_add(
        actor=actor,
        targets=[
            SkpTarget(
                employee=employees[nip], year=year, kind=kind, text=text, indicators=plan["rows"]
            )  # fmt: skip
            for (nip, year, kind, text), plan in planned.items()
        ],
    )
    result.skps_created = counts["skps"]
    result.results_created = counts["results"]
    result.indicators_created = result.created = counts["indicators"]
    return result
