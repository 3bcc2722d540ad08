"""Write endpoints for integrations: JP records, SIASN training history and competency
assessments. Each checks every item first and writes all or nothing through the owning app's
services (audited under the token's login); refused items come back row by row."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.api.rules import WRITE
from binakinerja.api.v1 import schemas as s
from binakinerja.api.v1.auth import need
from binakinerja.api.v1.errors import ApiError
from binakinerja.api.v1.reads import router
from binakinerja.competencies.importing import assessments_import
from binakinerja.core.exporting import xlsx_bytes
from binakinerja.people.models import Employee
from binakinerja.people.rules import normalize_nip
from binakinerja.people.selectors import employees_by_nip
from binakinerja.trainings.ledger import credit_minutes
from binakinerja.trainings.models import JpRecord
from binakinerja.trainings.rules import form_of
from binakinerja.trainings.siasn import COLUMNS as SIASN_COLUMNS
from binakinerja.trainings.siasn import history_import as siasn_history_import

# The same router as the reads: a path that is both read and written (/jp-records) must be one
# URL pattern, or the first router's pattern would answer POST with 405.
ERRORS = {400: s.Error, 401: s.Error, 403: s.Error, 404: s.Error, 422: s.Error, 429: s.Error}


def refuse_rows(rows: list[dict]):
    raise ApiError(422, _("Nothing was saved: %(n)d item(s) were refused.") % {"n": len(rows)},
                   rows=rows)  # fmt: skip


def rows_of_import(result) -> list[dict]:
    """An import's row errors with the item's position in the request (sheet row 2 = item 0)."""
    return [{"index": e.row - 2, "field": e.column, "value": e.value, "message": e.reason}
            for e in result.errors]  # fmt: skip


@router.post("/jp-records", response={200: s.JpRecordsOut, **ERRORS}, url_name="jp_record_list",
             tags=["jp"], summary="Add JP records (all or nothing; a known reference adds "
                                  "nothing)")  # fmt: skip
def jp_record_add(request, payload: s.JpRecordsIn):
    need(request, "jp", WRITE)
    token, actor = request.api_token, request.auth
    items = payload.records
    employees = employees_by_nip(Employee.objects.editable_by(actor), (i.nip for i in items))
    today = timezone.localdate()
    errors, seen = [], {}

    def refuse(index, field, value, message):
        errors.append({"index": index, "field": field, "value": str(value)[:200],
                       "message": str(message)})  # fmt: skip

    for index, item in enumerate(items):
        try:
            nip = normalize_nip(item.nip)
        except ValidationError as e:
            refuse(index, "nip", item.nip, " ".join(e.messages))
        else:
            if nip not in employees:
                refuse(index, "nip", item.nip, _("No employee you manage has this NIP."))
        try:
            form_of(item.form_code)
        except ValueError:
            refuse(index, "form_code", item.form_code, _("Unknown form: use KL01–NKL13."))
        if not item.title.strip():
            refuse(index, "title", item.title, _("Name the activity."))
        if item.start > item.end:
            refuse(index, "end", item.end, _("The activity cannot end before it starts."))
        elif item.end > today:
            refuse(index, "end", item.end, _("The activity cannot end in the future."))
        if item.reference in seen:
            refuse(
                index,
                "reference",
                item.reference,
                _("Item %(n)d already has this reference.") % {"n": seen[item.reference]},
            )
        seen.setdefault(item.reference, index)
    if errors:
        refuse_rows(errors)
    refs = [f"api:{token.prefix}:{item.reference}" for item in items]
    ids = []
    with transaction.atomic():
        known = JpRecord.objects.filter(source_ref__in=refs).values_list("source_ref", flat=True)
        known = set(known)
        for index, (item, ref) in enumerate(zip(items, refs, strict=True)):
            try:
                record = credit_minutes(
                    employee=employees[normalize_nip(item.nip)], minutes=item.minutes,
                    form_code=item.form_code, title=item.title.strip(), start=item.start,
                    end=item.end, source=JpRecord.Source.IMPORTED, source_ref=ref, actor=actor,
                    institution_name=item.institution_name.strip(),
                    certificate_number=item.certificate_number.strip(),
                )  # fmt: skip
            except ValidationError as e:
                refuse_rows([{"index": index, "field": "", "value": item.reference,
                              "message": " ".join(e.messages)}])  # fmt: skip
            ids.append(record.pk)
    existing = len(set(refs) & known)
    return {"created": len(ids) - existing, "existing": existing, "ids": ids}


@router.post("/jp-records/siasn-history", response={200: s.HistoryOut, **ERRORS},
             url_name="history_import", tags=["jp"],
             summary="Training history in SIASN's kursus fields (all or nothing)")  # fmt: skip
def history_import(request, payload: s.HistoryIn):
    need(request, "jp", WRITE)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(SIASN_COLUMNS)
    for row in payload.rows:
        writer.writerow([
            row.nip, row.jenisDiklatId, row.namaKursus, row.institusiPenyelenggara, row.jumlahJam,
            row.tanggalKursus, row.tanggalSelesaiKursus,
            "" if row.tahunKursus is None else row.tahunKursus, row.nomorSertipikat,
        ])  # fmt: skip
    upload = SimpleUploadedFile("api.csv", buffer.getvalue().encode("utf-8"))
    result = siasn_history_import(
        actor=request.auth, upload=upload,
        editable_employees=Employee.objects.editable_by(request.auth),
    )  # fmt: skip
    if result.errors:
        refuse_rows(rows_of_import(result))
    return {"created": result.created, "skipped": result.skipped}


@router.post("/competencies/assessments", response={200: s.AssessmentsOut, **ERRORS},
             url_name="assessment_import", tags=["competencies"],
             summary="Record competency assessments (all or nothing)")  # fmt: skip
def assessment_add(request, payload: s.AssessmentsIn):
    need(request, "competencies", WRITE)
    header = ["NIP", "KODE KOMPETENSI", "LEVEL", "TANGGAL", "METODE", "ASESOR"]
    rows = [[a.nip, a.competency, a.level, a.assessed_on, a.method, a.assessor]
            for a in payload.assessments]  # fmt: skip
    upload = SimpleUploadedFile("api.xlsx", xlsx_bytes(header, rows))
    result = assessments_import(
        actor=request.auth, upload=upload,
        editable_employees=Employee.objects.editable_by(request.auth),
    )  # fmt: skip
    if result.errors:
        refuse_rows(rows_of_import(result))
    return {"created": result.competencies_created}
