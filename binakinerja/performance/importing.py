"""Import of SKP targets from XLSX: one row per indicator, all or nothing.

Columns (by name, case and spacing ignored): NIP, TAHUN, JENIS (utama/tambahan), RENCANA HASIL
KERJA, ASPEK (kuantitas/kualitas/waktu/biaya), INDIKATOR, TARGET (a number or a text), SATUAN.
Rows with the same NIP, year, kind and planned result form one result with several indicators.
Each employee's SKP of the year is created as a draft when missing; an SKP past the draft or
returned stage is refused. Any invalid row means nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binakinerja.core.audit import audit_record
from binakinerja.core.spreadsheets import xlsx_rows
from binakinerja.people.rules import normalize_nip
from binakinerja.performance.models import Skp, SkpBehaviour, SkpIndicator, SkpResult
from binakinerja.performance.rules import EDITABLE_PLAN_STATUSES, Aspect, CoreValue, ResultKind

COLUMNS = ["NIP", "TAHUN", "JENIS", "RENCANA HASIL KERJA", "ASPEK", "INDIKATOR", "TARGET", "SATUAN"]
MAX_ROWS = 50_000


@dataclass
class TargetImportResult:
    errors: list[tuple[int, str, str, str]] = field(
        default_factory=list
    )  # row, column, value, reason
    skps_created: int = 0
    results_created: int = 0
    indicators_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def skp_targets_import(*, actor, upload, editable_employees) -> TargetImportResult:
    result = TargetImportResult()
    planned: dict[tuple, dict] = {}
    employees = {}

    def error(row, column, value, reason):
        result.errors.append((row, column, "" if value is None else str(value), str(reason)))

    required = [c for c in COLUMNS if c != "SATUAN"]
    for number, row in xlsx_rows(upload, columns=COLUMNS, required=required, max_rows=MAX_ROWS):
        try:
            nip = normalize_nip(row["NIP"])
        except ValidationError as e:
            error(number, "NIP", row["NIP"], " ".join(e.messages))
            continue
        if nip not in employees:
            employees[nip] = editable_employees.filter(nip=nip).first()
        if employees[nip] is None:
            error(number, "NIP", row["NIP"], _("No employee you manage has this NIP."))
            continue
        year_text = str(row["TAHUN"] or "").strip().removesuffix(".0")
        year = int(year_text) if year_text.isdigit() else 0
        if not 2020 <= year <= 2100:
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
        indicator = str(row["INDIKATOR"] or "").strip()
        if not text or not indicator:
            column = "RENCANA HASIL KERJA" if not text else "INDIKATOR"
            error(number, column, "", _("This cell must not be empty."))
            continue
        target = row["TARGET"]
        value, target_text = None, ""
        if isinstance(target, int | float):
            value = Decimal(str(target))
        else:
            raw = str(target or "").strip().replace(",", ".")
            try:
                value = Decimal(raw) if raw else None
            except InvalidOperation:
                target_text = str(target).strip()
        if value is None and not target_text:
            error(number, "TARGET", target, _("Give the indicator a target: a number or a text."))
            continue
        planned.setdefault((nip, year, kind, text), {"rows": [], "first": number})["rows"].append(
            {"aspect": aspect, "text": indicator[:500], "target_value": value,
             "target_text": target_text[:255], "target_unit": str(row.get("SATUAN") or "")[:50]}
        )  # fmt: skip

    existing = {
        (s.employee.nip, s.year): s
        for s in Skp.objects.filter(
            employee__nip__in=list(employees), year__in={k[1] for k in planned}
        ).select_related("employee")
    }
    for (nip, year, _kind, _text), plan in planned.items():
        skp = existing.get((nip, year))
        if skp is not None and skp.status not in EDITABLE_PLAN_STATUSES:
            reason = _("This SKP is past the planning stage; its targets cannot be imported.")
            error(plan["first"], "NIP", nip, reason)
    if result.errors:
        return result

    with transaction.atomic():
        for (nip, year, kind, text), plan in planned.items():
            skp = existing.get((nip, year))
            if skp is None:
                employee = employees[nip]
                skp = Skp.objects.create(employee=employee, atasan_id=employee.supervisor_id,
                                         year=year)  # fmt: skip
                SkpBehaviour.objects.bulk_create(
                    [SkpBehaviour(skp=skp, value=v) for v in CoreValue.values]
                )
                existing[(nip, year)] = skp
                result.skps_created += 1
            order = SkpResult.objects.filter(skp=skp, kind=kind).count()
            skp_result = SkpResult.objects.create(skp=skp, kind=kind, text=text, order=order)
            result.results_created += 1
            for data in plan["rows"]:
                indicator = SkpIndicator(result=skp_result, **data)
                indicator.full_clean()
                indicator.save()
                result.indicators_created += 1
        audit_record(
            actor=actor,
            action="import",
            object_type="performance.skp",
            object_repr=_("SKP targets import"),
            changes={
                "skps": [0, result.skps_created],
                "results": [0, result.results_created],
                "indicators": [0, result.indicators_created],
            },
        )
    return result
