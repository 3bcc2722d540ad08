"""Budget lines and realisasi from XLSX (issue 16), all or nothing with the row-by-row report
(`core.spreadsheets`), and the layouts they are exported in. Rows are checked by the same
rules as the pages (`services._clean_line`, `rules.parse_amount`); nothing is written while
one row is refused."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.budgets import rules
from binakinerja.budgets.models import BudgetLine, BudgetYear, Realisation
from binakinerja.budgets.selectors import may_keep, may_post
from binakinerja.budgets.services import _clean_line, rupiah
from binakinerja.core.audit import audit_entry, audit_record
from binakinerja.core.models import AuditLog
from binakinerja.core.spreadsheets import (
    ImportResult,
    cell_date,
    cell_text,
    is_blank,
    require_rows,
    xlsx_rows,
)
from binakinerja.organizations.models import OrgUnit

LINE_COLUMNS = ["OPD", "KODE KEGIATAN", "KODE SUB KEGIATAN", "KODE REKENING", "NAMA", "PAGU",
                "DOKUMEN SUMBER"]  # fmt: skip
LINE_REQUIRED = ["OPD", "KODE KEGIATAN", "KODE REKENING", "NAMA", "PAGU", "DOKUMEN SUMBER"]
LINE_ALIASES = {
    "KEGIATAN": "KODE KEGIATAN",
    "SUB KEGIATAN": "KODE SUB KEGIATAN",
    "REKENING": "KODE REKENING",
    "NAMA BARIS": "NAMA",
    "URAIAN": "NAMA",
    "PAGU RP": "PAGU",
    "DOKUMEN": "DOKUMEN SUMBER",
    "PERANGKAT DAERAH": "OPD",
}
ENTRY_COLUMNS = ["ID BARIS", "TANGGAL", "JUMLAH", "URAIAN"]
ENTRY_ALIASES = {"ID": "ID BARIS", "BARIS": "ID BARIS", "NILAI": "JUMLAH", "JUMLAH RP": "JUMLAH",
                 "KETERANGAN": "URAIAN"}  # fmt: skip
MAX_ROWS = 20_000


def _opds_of(instansi: OrgUnit) -> dict[str, OrgUnit]:
    """The government's OPDs (and the government itself) by lower-case name, short name and
    code, for matching the OPD column."""
    found = {}
    units = OrgUnit.objects.filter(path__startswith=instansi.path).filter(
        kind__in=["instansi", "opd"])  # fmt: skip
    for unit in units:
        for key in (unit.name, unit.short_name, unit.code):
            if key:
                found.setdefault(key.strip().lower(), unit)
    return found


def lines_import(*, actor, instansi: OrgUnit, year: int, upload) -> ImportResult:
    """Budget lines of the government's year from XLSX (the DPA's lines), all or nothing."""
    if not may_keep(actor, instansi):
        raise PermissionDenied
    result = ImportResult(max_errors=1000)
    rows = list(xlsx_rows(upload, columns=LINE_COLUMNS, required=LINE_REQUIRED,
                          max_rows=MAX_ROWS, aliases=LINE_ALIASES))  # fmt: skip
    require_rows(rows)
    opds = _opds_of(instansi)
    columns = {"opd": "OPD", "kegiatan_code": "KODE KEGIATAN",
               "sub_kegiatan_code": "KODE SUB KEGIATAN", "rekening_code": "KODE REKENING",
               "name": "NAMA", "pagu": "PAGU", "source_document": "DOKUMEN SUMBER"}  # fmt: skip
    new = []
    for number, raw in rows:
        opd = opds.get(cell_text(raw.get("OPD")).strip().lower())
        values, errors = _clean_line(
            instansi, year=year, opd=opd, ties={},
            kegiatan_code=cell_text(raw.get("KODE KEGIATAN")),
            sub_kegiatan_code=cell_text(raw.get("KODE SUB KEGIATAN")),
            rekening_code=cell_text(raw.get("KODE REKENING")), name=cell_text(raw.get("NAMA")),
            pagu=raw.get("PAGU"), source_document=cell_text(raw.get("DOKUMEN SUMBER")),
        )  # fmt: skip
        if opd is None:
            errors["opd"] = _("No OPD of %(government)s has this name.") % {
                "government": instansi.name}  # fmt: skip
        for field, message in errors.items():
            column = columns.get(field, "OPD")
            result.error(number, column, raw.get(column), message)
        if not errors:
            new.append(
                BudgetLine(
                    instansi=instansi,
                    year=year,
                    created_by=actor,
                    **{
                        k: v
                        for k, v in values.items()
                        if k not in ("phase", "batch", "cycle", "event")
                    },
                )
            )
    if result.errors:
        return result
    with transaction.atomic():
        created = BudgetLine.objects.bulk_create(new, batch_size=1000)
        BudgetYear.objects.get_or_create(instansi=instansi, year=year)
        AuditLog.objects.bulk_create(
            [audit_entry(actor=actor, action="import", instance=line) for line in created],
            batch_size=1000,
        )
    result.created = len(created)
    return result


def realisations_import(*, actor, instansi: OrgUnit, year: int, upload) -> ImportResult:
    """Realisasi of the year's lines from XLSX (ID BARIS from the line export, TANGGAL,
    JUMLAH, URAIAN), all or nothing. A row that would take its line above the pagu is refused:
    an override needs its reason, given on the line's page. Documents are attached afterwards
    (the home page lists the entries still without one)."""
    result = ImportResult(max_errors=1000)
    rows = list(xlsx_rows(upload, columns=ENTRY_COLUMNS, required=ENTRY_COLUMNS,
                          max_rows=MAX_ROWS, aliases=ENTRY_ALIASES))  # fmt: skip
    require_rows(rows)
    wanted = set()
    for _number, raw in rows:
        try:
            wanted.add(int(str(raw.get("ID BARIS")).strip()))
        except (TypeError, ValueError):
            pass
    with transaction.atomic():
        lines = {
            line.pk: line
            for line in BudgetLine.objects.select_for_update()
            .select_related("instansi", "opd")
            .filter(pk__in=wanted, instansi=instansi, year=year)
        }  # fmt: skip
        added: dict[int, Decimal] = defaultdict(Decimal)
        today = timezone.localdate()
        new = []
        for number, raw in rows:
            problems = []
            try:
                line = lines[int(str(raw.get("ID BARIS")).strip())]
            except (TypeError, ValueError, KeyError):
                result.error(number, "ID BARIS", raw.get("ID BARIS"),
                             _("No line of %(government)s %(year)s has this ID.")
                             % {"government": instansi.name, "year": year})  # fmt: skip
                continue
            if not may_post(actor, line):
                result.error(number, "ID BARIS", raw.get("ID BARIS"),
                             _("You do not post realisasi to this line."))  # fmt: skip
                continue
            try:
                date = cell_date(raw.get("TANGGAL"))
            except (ValidationError, ValueError):
                date = None
                problems.append(("TANGGAL", _("Write the date as DD-MM-YYYY.")))
            if date is not None and date.year != year:
                problems.append(("TANGGAL", _("The date must lie in %(year)s.") % {"year": year}))
            elif date is not None and date > today:
                problems.append(("TANGGAL", _("Spending is posted when it happened, not ahead.")))
            try:
                amount = rules.parse_amount(raw.get("JUMLAH"))
            except ValidationError as error:
                amount = None
                problems.append(("JUMLAH", " ".join(error.messages)))
            if is_blank(raw.get("URAIAN")):
                problems.append(("URAIAN", _("Say what the money was spent on.")))
            if amount is not None and rules.would_exceed(
                line.pagu, line.realised + added[line.pk], amount
            ):
                problems.append(("JUMLAH", _(
                    "This takes the line to Rp %(total)s, above its pagu of Rp %(pagu)s: post it "
                    "on the line's page with the reason for exceeding the pagu."
                ) % {"total": rupiah(line.realised + added[line.pk] + amount),
                     "pagu": rupiah(line.pagu)}))  # fmt: skip
            for column, message in problems:
                result.error(number, column, raw.get(column), message)
            if problems:
                continue
            added[line.pk] += amount
            new.append(
                Realisation(
                    line=line,
                    date=date,
                    amount=amount,
                    recorded_by=actor,
                    description=cell_text(raw.get("URAIAN")).strip()[:300],
                )
            )
        if result.errors:
            return result
        created = Realisation.objects.bulk_create(new, batch_size=1000)
        for line_id, amount in added.items():
            BudgetLine.objects.filter(pk=line_id).update(realised=F("realised") + amount)
        AuditLog.objects.bulk_create(
            [audit_entry(actor=actor, action="import", instance=entry) for entry in created],
            batch_size=1000,
        )
        audit_record(actor=actor, action="import", instance=instansi,
                     object_repr=f"Realisasi anggaran {instansi} {year}",
                     changes={"entries": [0, len(created)]})  # fmt: skip
    result.created = len(created)
    return result


def line_export_rows(lines) -> tuple[list[str], list[list]]:
    """Every line with its ID (for the realisasi import), codes, pagu, realisasi and
    absorption."""
    headers = ["ID BARIS", "OPD", "KODE KEGIATAN", "KODE SUB KEGIATAN", "KODE REKENING", "NAMA",
               "PAGU", "REALISASI", "SISA", "PENYERAPAN %", "DOKUMEN SUMBER"]  # fmt: skip
    rows = [
        [line.pk, line.opd.name, line.kegiatan_code, line.sub_kegiatan_code, line.rekening_code,
         line.name, line.pagu, line.realised, line.pagu - line.realised,
         rules.absorption(line.pagu, line.realised), line.source_document]
        for line in lines.select_related("opd").order_by("opd__name", *BudgetLine._meta.ordering)
    ]  # fmt: skip
    return headers, rows


def rekening_layout_rows(lines) -> tuple[list[str], list[list]]:
    """The finance office's layout: per kode rekening, its lines under a subtotal row, then
    the grand total (the way a DPA lists belanja)."""
    headers = ["KODE REKENING", "URAIAN", "KODE SUB KEGIATAN", "OPD", "PAGU", "REALISASI", "SISA",
               "PENYERAPAN %"]  # fmt: skip
    grouped: dict[str, list[BudgetLine]] = defaultdict(list)
    for line in lines.select_related("opd").order_by("rekening_code", "sub_kegiatan_code",
                                                      "name", "pk"):  # fmt: skip
        grouped[line.rekening_code].append(line)
    rows, total_pagu, total_realised = [], Decimal(0), Decimal(0)
    for code, members in grouped.items():
        pagu = sum((line.pagu for line in members), Decimal(0))
        realised = sum((line.realised for line in members), Decimal(0))
        rows.append([code, str(rules.REKENING.get(code, "")), "", _("Subtotal"), pagu, realised,
                     pagu - realised, rules.absorption(pagu, realised)])  # fmt: skip
        for line in members:
            rows.append(["", line.name, line.sub_kegiatan_code, line.opd.name, line.pagu,
                         line.realised, line.pagu - line.realised,
                         rules.absorption(line.pagu, line.realised)])  # fmt: skip
        total_pagu += pagu
        total_realised += realised
    rows.append(["", _("Total"), "", "", total_pagu, total_realised, total_pagu - total_realised,
                 rules.absorption(total_pagu, total_realised)])  # fmt: skip
    return headers, rows


def entry_template_rows(lines) -> list[list]:
    """One example row per line to fill in (ID BARIS and its name as a reminder)."""
    return [[line.pk, "", "", f"({line.name})"] for line in lines.order_by(
        *BudgetLine._meta.ordering)[:MAX_ROWS]]  # fmt: skip
