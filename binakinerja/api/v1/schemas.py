"""The shapes of the API's requests and responses (the OpenAPI document is built from them).
Input shapes refuse unknown fields (422 naming the field). Employees carry no sensitive field:
no NIK, phone, e-mail, address, birth place or date (SECURITY.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field

NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL; refused as a field error, not a 500
Id = Annotated[int, Field(ge=1, le=2**53)]
Year = Annotated[int, Field(ge=1, le=9999)]
Word = Annotated[str, Field(max_length=100, pattern=NO_NUL)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorItem(Schema):
    field: str
    message: str


class RowErrorOut(Schema):
    index: int = Field(description="0-based position of the item in the request's list")
    field: str
    value: str
    message: str


class Error(Schema):
    """Every refusal: `detail` says why; `errors` names refused fields, `rows` the refused
    items of a batch (then nothing was written)."""

    detail: str
    errors: list[ErrorItem] | None = None
    rows: list[RowErrorOut] | None = None


# --- reads --------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    kind: str
    unit_type: str
    parent_id: int | None
    is_service_unit: bool
    is_active: bool


class EmployeeOut(Schema):
    id: int
    nip: str
    name: str
    gelar_depan: str
    gelar_belakang: str
    status: str
    gender: str
    golongan: str
    state: str
    unit_id: int
    position_id: int | None
    position_name: str
    supervisor_id: int | None


class SkpAssessmentOut(Schema):
    id: int
    period_id: int
    period_kind: str
    hasil_kerja: str
    perilaku_kerja: str
    predikat: str
    assessed_at: dt.datetime | None


class SkpOut(Schema):
    id: int
    employee_id: int
    employee_nip: str
    atasan_id: int | None
    year: int
    status: str
    assessments: list[SkpAssessmentOut]


class JpRecordOut(Schema):
    id: int
    employee_id: int
    employee_nip: str
    title: str
    institution_name: str
    form_code: str
    jenis_diklat_id: int
    start: dt.date
    end: dt.date
    year: int
    minutes: int
    jp: Decimal
    source: str
    certificate_number: str


class ProgramOut(Schema):
    id: int
    title: str
    institution_id: int
    institution_name: str
    form_code: str
    jenis_diklat_id: int
    status: str


class BatchOut(Schema):
    id: int
    program_id: int
    name: str
    year: int
    capacity: int
    place: str
    start: dt.date
    end: dt.date
    status: str


class PairOut(Schema):
    id: int
    cycle_id: int
    cycle_year: int
    mentor_id: int
    mentee_id: int
    competency_id: int | None
    status: str
    score: Decimal | None


class IkmOut(Schema):
    period_id: int
    service_unit_id: int
    unit_id: int
    unit_name: str
    year: int
    kind: str
    number: int
    starts_on: dt.date
    ends_on: dt.date
    status: str
    respondents: int
    ikm: float | None
    score: Decimal | None
    mutu: str | None
    kinerja: str | None


def page_of(item):
    """A page schema of `item` rows with the next page's cursor."""
    return type(
        f"{item.__name__.removesuffix('Out')}Page",
        (Schema,),
        {"__annotations__": {"items": list[item], "next": str | None},
         "__doc__": "One page; `next` is the cursor of the next page, null on the last."},
    )  # fmt: skip


# --- writes -------------------------------------------------------------------------------------


class JpRecordIn(Strict):
    reference: str = Field(min_length=1, max_length=40, pattern=NO_NUL,
                           description="the caller's id of the record; sending it again adds "
                                       "nothing")  # fmt: skip
    nip: str = Field(max_length=30, pattern=NO_NUL)
    form_code: str = Field(max_length=5, pattern=NO_NUL, description="KL01–NKL13")
    title: str = Field(max_length=300, pattern=NO_NUL)
    institution_name: str = Field("", max_length=300, pattern=NO_NUL)
    start: dt.date
    end: dt.date
    minutes: int = Field(ge=1, le=60_000)
    certificate_number: str = Field("", max_length=100, pattern=NO_NUL)


class JpRecordsIn(Strict):
    records: list[JpRecordIn] = Field(min_length=1, max_length=1000)


class JpRecordsOut(Schema):
    created: int
    existing: int
    ids: list[int]


class HistoryRowIn(Strict):
    """One course in BKN SIASN's `kursus/save` fields (DOMAIN.md §8a)."""

    nip: str = Field(max_length=30, pattern=NO_NUL)
    jenisDiklatId: int  # noqa: N815 - SIASN's field names
    namaKursus: str = Field(max_length=300, pattern=NO_NUL)  # noqa: N815
    institusiPenyelenggara: str = Field("", max_length=300, pattern=NO_NUL)  # noqa: N815
    jumlahJam: int  # noqa: N815
    tanggalKursus: str = Field(max_length=10, pattern=NO_NUL, description="dd-mm-yyyy")  # noqa: N815
    tanggalSelesaiKursus: str = Field(max_length=10, pattern=NO_NUL, description="dd-mm-yyyy")  # noqa: N815
    tahunKursus: int | None = None  # noqa: N815
    nomorSertipikat: str = Field("", max_length=100, pattern=NO_NUL)  # noqa: N815


class HistoryIn(Strict):
    rows: list[HistoryRowIn] = Field(min_length=1, max_length=5000)


class HistoryOut(Schema):
    created: int
    skipped: int


class AssessmentIn(Strict):
    nip: str = Field(max_length=30, pattern=NO_NUL)
    competency: str = Field(max_length=100, pattern=NO_NUL, description="code: M1, SK1, …")
    level: int
    assessed_on: dt.date
    method: str = Field(max_length=40, pattern=NO_NUL,
                        description="assessment_center, uji_kompetensi, 360 or atasan")  # fmt: skip
    assessor: str = Field("", max_length=200, pattern=NO_NUL)


class AssessmentsIn(Strict):
    assessments: list[AssessmentIn] = Field(min_length=1, max_length=5000)


class AssessmentsOut(Schema):
    created: int
