"""The JP ledger in SIASN's training history fields (DOMAIN.md §8a, BKN `/kursus/save`):
export for a unit and year, and import of such a file (all or nothing).

Columns (the file's header, case and spacing ignored):

    NIP | jenisDiklatId | namaKursus | institusiPenyelenggara | jumlahJam | tanggalKursus |
    tanggalSelesaiKursus | tahunKursus | nomorSertipikat

- `jenisDiklatId`: SIASN's code 1–25 (§8a); the record's KL/NKL form is the one with that code.
- `jumlahJam`: whole JP (the export rounds half up).
- `tanggalKursus`, `tanggalSelesaiKursus`: dd-mm-yyyy (a date cell or dd/mm/yyyy is read too).
- `tahunKursus`: the year of the end date (optional on import; when given it must match).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.core.audit import audit_record
from binakinerja.core.spreadsheets import (
    ImportResult,
    cell_date,
    cell_text,
    is_blank,
    read_table,
    require_columns,
    require_rows,
    table_rows,
)
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.people.rules import normalize_nip
from binakinerja.people.selectors import employees_by_nip
from binakinerja.trainings import rules
from binakinerja.trainings.ledger import GONE_STATES
from binakinerja.trainings.models import JpRecord

COLUMNS = [
    "NIP", "jenisDiklatId", "namaKursus", "institusiPenyelenggara", "jumlahJam",
    "tanggalKursus", "tanggalSelesaiKursus", "tahunKursus", "nomorSertipikat",
]  # fmt: skip
DATE_FORMAT = "%d-%m-%Y"  # SIASN's dd-mm-yyyy
IMPORT_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")
EXAMPLE_NIP = "198609262010011001"
MAX_ROWS = 50_000
MAX_JP = 1000
CHUNK = 2000


def _key(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name).strip().upper()


KEYS = {column: _key(column) for column in COLUMNS}  # header keys as `header_key` makes them


# --- export -------------------------------------------------------------------------------------


def records_for_export(unit: OrgUnit, year: int, *, employees):
    """JP records of `year` of the employees (a scoped queryset) in service under `unit`."""
    return (
        JpRecord.objects.filter(
            year=year,
            employee__in=employees.filter(unit.subtree_q("unit__")).exclude(state__in=GONE_STATES),
        )
        .select_related("employee")
        .order_by("employee__nip", "start", "pk")
    )


def whole_jp(jp) -> int:
    """SIASN's `jumlahJam` is an integer: JP rounded half up."""
    return int(Decimal(jp).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def course_fields(record) -> dict:
    """One JP record in SIASN's training history fields, keyed by `COLUMNS` (dates as
    dd-mm-yyyy text, as SIASN takes): the file export's row and, in the siasn app, the
    `/kursus/save` payload are both made from this one mapping."""
    return {
        "NIP": record.employee.nip, "jenisDiklatId": record.jenis_diklat_id,
        "namaKursus": record.title, "institusiPenyelenggara": record.institution_name,
        "jumlahJam": whole_jp(record.jp), "tanggalKursus": record.start.strftime(DATE_FORMAT),
        "tanggalSelesaiKursus": record.end.strftime(DATE_FORMAT), "tahunKursus": record.end.year,
        "nomorSertipikat": record.certificate_number,
    }  # fmt: skip


def export_rows(records):
    """One row per record, in `COLUMNS` order."""
    for record in records.iterator(chunk_size=2000):
        fields = course_fields(record)
        yield [fields[column] for column in COLUMNS]


# --- import -------------------------------------------------------------------------------------


def source_ref_of(nip: str, start: dt.date, end: dt.date, name: str) -> str:
    """The ledger's `source_ref` of an imported course: "siasn:<NIP>:<start>:<end>:<hash>",
    the hash being the first 12 hex digits of SHA-256 of the course name with case and spacing
    ignored. The same course of the same ASN on the same dates always gets the same reference,
    and `source_ref` is unique in the ledger, so importing the file again (or an overlapping
    one) adds nothing twice: rows already in the ledger are skipped and counted."""
    normal = re.sub(r"\s+", " ", name).strip().casefold()
    digest = hashlib.sha256(normal.encode()).hexdigest()[:12]
    return f"siasn:{nip}:{start:%Y%m%d}:{end:%Y%m%d}:{digest}"


def _title_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


@dataclass
class HistoryImportResult(ImportResult):
    skipped: int = 0  # rows whose course is already in the ledger


def _existing(employee_ids, refs) -> tuple[set[str], set[tuple]]:
    """What the ledger already holds: the refs of this file, and (employee, start, end,
    title) of every record of these employees — so a course exported from a batch completion
    and imported back is not counted twice either."""
    refs = sorted(refs)
    found_refs: set[str] = set()
    for i in range(0, len(refs), CHUNK):
        found_refs.update(
            JpRecord.objects.filter(source_ref__in=refs[i : i + CHUNK]).values_list(
                "source_ref", flat=True
            )
        )
    ids = sorted(employee_ids)
    found: set[tuple] = set()
    for i in range(0, len(ids), CHUNK):
        for employee_id, start, end, title in JpRecord.objects.filter(
            employee_id__in=ids[i : i + CHUNK]
        ).values_list("employee_id", "start", "end", "title"):
            found.add((employee_id, start, end, _title_key(title)))
    return found_refs, found


def history_import(*, actor, upload, editable_employees) -> HistoryImportResult:
    """Check every row of a SIASN training history file, then write every new record in one
    transaction, or nothing. `editable_employees` is the importer's write scope. Source
    IMPORTED; see `source_ref_of` for why a re-import does not double count."""
    result = HistoryImportResult()
    error = result.error
    today = timezone.localdate()
    header, raw_rows = read_table(upload, name=getattr(upload, "name", ""))
    keys = [KEYS[c] for c in COLUMNS]
    required = [KEYS[c] for c in COLUMNS if c not in ("tahunKursus", "nomorSertipikat",
                                                       "institusiPenyelenggara")]  # fmt: skip
    require_columns(header, required=required)
    rows = list(table_rows(header, raw_rows, columns=keys, max_rows=MAX_ROWS))
    require_rows(rows)
    k = KEYS
    employees = employees_by_nip(editable_employees, (raw[k["NIP"]] for _n, raw in rows))
    parsed = []
    seen: dict[str, int] = {}
    for number, raw in rows:
        bad = False
        employee = None
        try:
            nip = normalize_nip(raw[k["NIP"]])
        except ValidationError as e:
            error(number, "NIP", raw[k["NIP"]], " ".join(e.messages))
            bad = True
        else:
            employee = employees.get(nip)
            if employee is None:
                error(number, "NIP", raw[k["NIP"]], _("No employee you manage has this NIP."))
                bad = True
        value = raw.get(k["jenisDiklatId"])
        form = None
        try:
            form = rules.JENIS_DIKLAT[int(str(value).strip())]
        except (KeyError, ValueError, TypeError):
            error(number, "jenisDiklatId", value,
                  _("The jenisDiklatId must be one of SIASN's codes 1–25."))  # fmt: skip
            bad = True
        title = cell_text(raw.get(k["namaKursus"])).strip()
        if not title or len(title) > 300:
            error(number, "namaKursus", title[:50],
                  _("Name the course (at most 300 characters)."))  # fmt: skip
            bad = True
        organiser = cell_text(raw.get(k["institusiPenyelenggara"])).strip()
        if len(organiser) > 300:
            error(number, "institusiPenyelenggara", organiser[:50],
                  _("The organiser has at most 300 characters."))  # fmt: skip
            bad = True
        value = raw.get(k["jumlahJam"])
        jp = None
        try:
            jp = int(str(value).strip()) if not isinstance(value, float) else None
            if jp is None and float(value).is_integer():
                jp = int(value)
        except (ValueError, TypeError):
            jp = None
        if jp is None or not 1 <= jp <= MAX_JP:
            reason = _("The jumlahJam must be a whole number from 1 to %(max)d.") % {"max": MAX_JP}
            error(number, "jumlahJam", value, reason)
            bad = True
        dates = {}
        for column in ("tanggalKursus", "tanggalSelesaiKursus"):
            value = raw.get(k[column])
            try:
                dates[column] = cell_date(value, IMPORT_DATE_FORMATS)
            except (ValueError, TypeError):
                error(number, column, value, _("Write the date as dd-mm-yyyy."))
                bad = True
        start, end = dates.get("tanggalKursus"), dates.get("tanggalSelesaiKursus")
        if start and end:
            if start > end:
                error(number, "tanggalSelesaiKursus", raw.get(k["tanggalSelesaiKursus"]),
                      _("The course cannot end before it starts."))  # fmt: skip
                bad = True
            elif end > today:
                error(number, "tanggalSelesaiKursus", raw.get(k["tanggalSelesaiKursus"]),
                      _("The course cannot end in the future."))  # fmt: skip
                bad = True
            value = raw.get(k["tahunKursus"])
            if not is_blank(value) and cell_text(value).strip() != str(end.year):
                error(number, "tahunKursus", value,
                      _("The tahunKursus must be the year the course ended."))  # fmt: skip
                bad = True
        certificate = cell_text(raw.get(k["nomorSertipikat"])).strip()
        if len(certificate) > 100:
            error(number, "nomorSertipikat", certificate[:50],
                  _("The certificate number has at most 100 characters."))  # fmt: skip
            bad = True
        if bad:
            continue
        ref = source_ref_of(employee.nip, start, end, title)
        if ref in seen:
            reason = _("Row %(row)d already has this NIP, course and dates.") % {"row": seen[ref]}
            error(number, "namaKursus", title[:50], reason)
            continue
        seen[ref] = number
        parsed.append(JpRecord(
            employee=employee, title=title, institution_name=organiser, form_code=form.code,
            jenis_diklat_id=form.jenis_diklat_id, start=start, end=end, year=end.year,
            minutes=jp * rules.JP_MINUTES, jp=Decimal(jp), source=JpRecord.Source.IMPORTED,
            source_ref=ref, certificate_number=certificate, created_by=actor,
        ))  # fmt: skip
    if result.errors:
        return result
    with transaction.atomic():
        refs, courses = _existing({r.employee_id for r in parsed}, seen)
        new = [
            r for r in parsed
            if r.source_ref not in refs
            and (r.employee_id, r.start, r.end, _title_key(r.title)) not in courses
        ]  # fmt: skip
        list(Employee.objects.select_for_update().filter(
            pk__in={r.employee_id for r in new}).values_list("pk"))  # fmt: skip
        JpRecord.objects.bulk_create(new)
        result.created, result.skipped = len(new), len(parsed) - len(new)
        audit_record(
            actor=actor, action="import", object_type="trainings.jprecord",
            object_repr=_("SIASN training history import"),
            changes={"jp_records": [0, len(new)], "skipped": [0, result.skipped],
                     "employees": [0, len({r.employee_id for r in new})]},
        )  # fmt: skip
    return result


def template_rows(*, nip: str) -> list[list]:
    """Example rows of the template: a technical training and a seminar of one ASN."""
    return [
        [nip, 3, "Pelatihan Pelayanan Prima", "BPSDM Provinsi Gorontalo", 32, "02-03-2026",
         "06-03-2026", 2026, "BPSDM/2026/0012"],
        [nip, 9, "Seminar Kesehatan Ibu dan Anak", "Dinas Kesehatan", 4, "10-02-2026",
         "10-02-2026", 2026, ""],
    ]  # fmt: skip
