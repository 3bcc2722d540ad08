"""Import of assessment-center results from XLSX: one row per NIP × competency, all or nothing.

Layout (first sheet; columns by name, case and spacing ignored):

    NIP | KODE KOMPETENSI | NAMA KOMPETENSI | LEVEL | SKOR | TANGGAL | METODE | ASESOR

- KODE KOMPETENSI (e.g. M1, SK1, T-KEP-1) or NAMA KOMPETENSI (e.g. Integritas): one of the two
  columns must be present; when both are filled the code wins.
- LEVEL: a whole number 1–5.
- TANGGAL: a date cell or DD/MM/YYYY, not in the future.
- METODE: assessment_center, uji_kompetensi, 360 or atasan (spaces or dashes allowed).
- ASESOR: optional text.
- Potential: a row whose KODE KOMPETENSI (or NAMA KOMPETENSI) is POTENSIAL carries the potential
  class in LEVEL (tinggi, menengah or rendah) and its score in SKOR (also accepted as
  SKOR POTENSIAL; optional).

Any invalid row — unknown NIP or one outside the importer's scope, unknown or inactive
competency, bad level, future date, unknown method, the same NIP × competency × date twice in the
file — means nothing is written; every error is reported by row, column, value and reason.
Valid files are written in one transaction with one audit record for the whole import."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.competencies.models import (
    AssessmentMethod,
    Competency,
    CompetencyAssessment,
    PotentialAssessment,
    PotentialClass,
)
from binakinerja.competencies.rules import (
    COMPETENCY_COLUMNS,
    competency_column,
    competency_tables,
    find_competency,
    level_of,
    score_of,
    word_key,
)
from binakinerja.competencies.services import (
    assessments_mark_current,
    date_error,
    level_error,
    method_error,
    score_error,
)
from binakinerja.core.audit import audit_record
from binakinerja.core.exporting import xlsx_bytes
from binakinerja.core.spreadsheets import (
    ImportResult,
    cell_date,
    cell_text,
    is_blank,
    require_rows,
    xlsx_rows,
)
from binakinerja.people.models import Employee
from binakinerja.people.rules import normalize_nip
from binakinerja.people.selectors import employees_by_nip

COLUMNS = [
    "NIP", "KODE KOMPETENSI", "NAMA KOMPETENSI", "LEVEL", "SKOR", "TANGGAL", "METODE", "ASESOR",
]  # fmt: skip
ALIASES = {"SKOR POTENSIAL": "SKOR", "KODE": "KODE KOMPETENSI", "KOMPETENSI": "NAMA KOMPETENSI"}
REQUIRED = ["NIP", "LEVEL", "TANGGAL", "METODE"]
POTENTIAL_CODE = "POTENSIAL"
MAX_ROWS = 50_000


@dataclass
class AssessmentImportResult(ImportResult):
    competencies_created: int = 0
    potentials_created: int = 0


METHODS = {word_key(value): value for value in AssessmentMethod.values} | {
    "AC": AssessmentMethod.ASSESSMENT_CENTER,
    "UJIKOM": AssessmentMethod.UJI_KOMPETENSI,
    "360 DERAJAT": AssessmentMethod.FEEDBACK_360,
    "SUPERVISOR": AssessmentMethod.SUPERVISOR,
}


def assessments_import(*, actor, upload, editable_employees) -> AssessmentImportResult:
    """Check every row, then store every assessment in one transaction, or nothing.
    `editable_employees` is the importer's write scope (Employee.objects.editable_by)."""
    result = AssessmentImportResult()
    error = result.error
    today = timezone.localdate()
    by_code, by_name = competency_tables(Competency.objects.all())
    seen: dict[tuple, int] = {}
    competency_rows: list[CompetencyAssessment] = []
    potential_rows: list[PotentialAssessment] = []

    rows = list(xlsx_rows(
        upload, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS, aliases=ALIASES,
        required_one_of=[COMPETENCY_COLUMNS],
    ))  # fmt: skip
    employees = employees_by_nip(editable_employees, (raw["NIP"] for _n, raw in rows))
    for number, raw in rows:
        bad = False
        # NIP and scope
        employee = None
        try:
            nip = normalize_nip(raw["NIP"])
        except ValidationError as e:
            error(number, "NIP", raw["NIP"], " ".join(e.messages))
            bad = True
        else:
            employee = employees.get(nip)
            if employee is None:
                error(number, "NIP", raw["NIP"], _("No employee you manage has this NIP."))
                bad = True
        # competency or POTENSIAL
        column, value = competency_column(raw)
        competency, is_potential = None, False
        if not is_blank(value) and word_key(value) == POTENTIAL_CODE:
            is_potential = True
        else:
            competency, reason = find_competency(column, value, by_code, by_name)
            if reason:
                error(number, column, value, reason)
                bad = True
        # LEVEL (or the potential class)
        level = potential = score = None
        value = raw.get("LEVEL")
        if is_potential:
            potential = word_key(value).lower() if not is_blank(value) else ""
            if potential not in PotentialClass.values:
                error(number, "LEVEL", value,
                      _("For POTENSIAL the level must be tinggi, menengah or rendah."))  # fmt: skip
                bad = True
            try:
                score = score_of(raw.get("SKOR"))
            except ValueError:
                error(number, "SKOR", raw.get("SKOR"), _("The score must be a number."))
                bad = True
            else:
                if score_error(score):
                    error(number, "SKOR", raw.get("SKOR"), score_error(score))
                    bad = True
        else:
            try:
                level = level_of(value)
            except ValueError:
                level = None
            if level_error(level):
                error(number, "LEVEL", value, level_error(level))
                bad = True
        # TANGGAL
        value = raw.get("TANGGAL")
        assessed_on = None
        try:
            assessed_on = None if is_blank(value) else cell_date(value)
        except ValueError:
            error(number, "TANGGAL", value, _("Write the date as DD/MM/YYYY."))
            bad = True
        else:
            if date_error(assessed_on, today):
                error(number, "TANGGAL", value, date_error(assessed_on, today))
                bad = True
        # METODE
        value = raw.get("METODE")
        method = METHODS.get(word_key(value)) if not is_blank(value) else None
        if method is None:
            error(number, "METODE", value, method_error(value))
            bad = True
        assessor = cell_text(raw.get("ASESOR")).strip()
        if len(assessor) > 200:
            error(number, "ASESOR", assessor[:50] + "…",
                  _("The assessor has at most 200 characters."))  # fmt: skip
            bad = True
        if bad:
            continue
        subject = POTENTIAL_CODE if is_potential else competency.pk
        key = (employee.pk, subject, assessed_on)
        if key in seen:
            error(number, "NIP", raw["NIP"],
                  _("Row %(row)d already has this NIP, competency and date.")
                  % {"row": seen[key]})  # fmt: skip
            continue
        seen[key] = number
        if is_potential:
            potential_rows.append(PotentialAssessment(
                employee=employee, potential=potential, score=score, assessed_on=assessed_on,
                method=method, assessor=assessor,
            ))  # fmt: skip
        else:
            competency_rows.append(CompetencyAssessment(
                employee=employee, competency=competency, level=level, assessed_on=assessed_on,
                method=method, assessor=assessor, created_by=actor,
            ))  # fmt: skip

    if result.errors:
        return result
    require_rows(competency_rows or potential_rows)
    with transaction.atomic():
        touched = {a.employee_id for a in competency_rows}
        list(Employee.objects.select_for_update().filter(pk__in=touched).values_list("pk"))
        CompetencyAssessment.objects.bulk_create(competency_rows)
        assessments_mark_current(employee_ids=touched)
        PotentialAssessment.objects.bulk_create(potential_rows)
        audit_record(
            actor=actor,
            action="import",
            object_type="competencies.competencyassessment",
            object_repr=_("Assessment import"),
            changes={
                "competency_assessments": [0, len(competency_rows)],
                "potential_assessments": [0, len(potential_rows)],
                "employees": [0, len({a.employee_id for a in competency_rows + potential_rows})],
            },
        )
    result.competencies_created = len(competency_rows)
    result.potentials_created = len(potential_rows)
    return result


def template_rows(*, nip: str, day: dt.date) -> list[list]:
    """Example rows of the template: two competencies and a potential of one ASN."""
    date, method, assessor = day.strftime("%d/%m/%Y"), "assessment_center", "UPT Penilaian"
    return [
        [nip, "M1", "Integritas", 3, "", date, method, assessor],
        [nip, "SK1", "Perekat Bangsa", 2, "", date, method, assessor],
        [nip, POTENTIAL_CODE, "", "tinggi", 82.5, date, method, assessor],
    ]


def template_workbook(*, nip: str, day: dt.date) -> bytes:
    return xlsx_bytes(COLUMNS, template_rows(nip=nip, day=day), "Penilaian")
