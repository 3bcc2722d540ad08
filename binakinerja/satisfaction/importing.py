"""Import of paper questionnaires from XLSX: one row per respondent, all or nothing.

Columns (by name, case and spacing ignored): TANGGAL, LAYANAN, JENIS KELAMIN (L/P), UMUR (years
or a band such as 30-39), PENDIDIKAN, PEKERJAAN, U1…U9 (1–4 or empty), SARAN. Only U1…U9 are
required; empty rows are skipped. Any invalid row means nothing is written, and every error is
reported by row, column, value and reason."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.core.exporting import xlsx_bytes
from binakinerja.core.spreadsheets import (
    ImportResult,
    cell_date,
    cell_text,
    is_blank,
    require_rows,
    xlsx_rows,
)
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    AgeBand,
    Education,
    Occupation,
    Service,
    Sex,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.services import paper_responses_record, row_problems

ANSWER_COLUMNS = [name.upper() for name in ELEMENT_FIELDS]
COLUMNS = [
    "TANGGAL", "LAYANAN", "JENIS KELAMIN", "UMUR", "PENDIDIKAN", "PEKERJAAN", *ANSWER_COLUMNS,
    "SARAN",
]  # fmt: skip
REQUIRED = ANSWER_COLUMNS
MAX_ROWS = 20_000

# Accepted spellings, compared after _word(): codes, Indonesian words and the usual synonyms.
SEXES = {
    "L": Sex.LAKI_LAKI, "LAKI LAKI": Sex.LAKI_LAKI, "LAKI": Sex.LAKI_LAKI, "PRIA": Sex.LAKI_LAKI,
    "P": Sex.PEREMPUAN, "PEREMPUAN": Sex.PEREMPUAN, "WANITA": Sex.PEREMPUAN,
}  # fmt: skip
EDUCATIONS = {
    "SD": Education.SD, "TIDAK SEKOLAH": Education.SD, "SMP": Education.SMP,
    "SLTP": Education.SMP, "SMA": Education.SMA, "SMK": Education.SMA, "SLTA": Education.SMA,
    "SMA SMK": Education.SMA, "MA": Education.SMA, "D1": Education.DIPLOMA,
    "D2": Education.DIPLOMA, "D3": Education.DIPLOMA, "D4": Education.DIPLOMA,
    "DIPLOMA": Education.DIPLOMA, "S1": Education.S1, "S2": Education.S2, "S3": Education.S2,
    "S2 S3": Education.S2,
}  # fmt: skip
OCCUPATIONS = {
    "PNS": Occupation.PNS, "ASN": Occupation.PNS, "TNI": Occupation.PNS, "POLRI": Occupation.PNS,
    "PNS TNI POLRI": Occupation.PNS, "SWASTA": Occupation.SWASTA,
    "PEGAWAI SWASTA": Occupation.SWASTA, "KARYAWAN SWASTA": Occupation.SWASTA,
    "WIRAUSAHA": Occupation.WIRAUSAHA, "WIRASWASTA": Occupation.WIRAUSAHA,
    "PEDAGANG": Occupation.WIRAUSAHA, "PETANI": Occupation.PETANI, "NELAYAN": Occupation.PETANI,
    "PETANI NELAYAN": Occupation.PETANI, "PELAJAR": Occupation.PELAJAR,
    "MAHASISWA": Occupation.PELAJAR, "PELAJAR MAHASISWA": Occupation.PELAJAR,
    "IRT": Occupation.IRT, "IBU RUMAH TANGGA": Occupation.IRT, "LAINNYA": Occupation.LAINNYA,
}  # fmt: skip
AGE_BANDS = {
    "<20": AgeBand.UNDER_20, "20-29": AgeBand.FROM_20, "30-39": AgeBand.FROM_30,
    "40-49": AgeBand.FROM_40, "50-59": AgeBand.FROM_50, "60+": AgeBand.FROM_60,
    ">=60": AgeBand.FROM_60, ">60": AgeBand.FROM_60,
}  # fmt: skip


def _word(value) -> str:
    """Upper case, punctuation and runs of spaces folded to one space: 'Laki-laki' → 'LAKI
    LAKI', 'SMA/SMK' → 'SMA SMK'."""
    return re.sub(r"[\s\-/.,]+", " ", str(value)).strip().upper()


def age_band_of(value) -> str:
    """An age in years (a number) or a band text → the AgeBand code; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        age = value
    else:
        text = str(value).strip().replace("–", "-").replace("—", "-").replace(" ", "")
        text = text.removesuffix("tahun").removesuffix("th")
        if text in AGE_BANDS:
            return AGE_BANDS[text]
        age = float(text.replace(",", "."))  # ValueError for any other text
    if not 10 <= age <= 120 or age != int(age):  # range first: int() of inf overflows
        raise ValueError(value)
    age = int(age)
    if age < 20:
        return AgeBand.UNDER_20
    if age >= 60:
        return AgeBand.FROM_60
    return AGE_BANDS[f"{age // 10 * 10}-{age // 10 * 10 + 9}"]


def answer_of(value) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().removesuffix(".0")
    if text not in ("1", "2", "3", "4"):
        raise ValueError(value)
    return int(text)


def paper_responses_import(*, actor, period: SurveyPeriod, upload) -> ImportResult:
    """Check every row, then store all of them as source=import, or nothing."""
    result = ImportResult()  # created: the responses stored
    if not period.is_open:
        raise ValidationError(
            _("%(period)s is closed: responses can no longer be added.") % {"period": period}
        )
    services = {
        _word(s.name): s for s in Service.objects.filter(service_unit_id=period.service_unit_id)
    }
    service_ids = {s.pk for s in services.values()}
    unknown_service = _("No service of this unit has this name; its services are: %(names)s.") % {
        "names": ", ".join(sorted(s.name for s in services.values()))[:300] or "–"
    }
    today = timezone.localdate()
    parsed: list[dict] = []
    error = result.error

    parsers = [
        ("JENIS KELAMIN", "sex", SEXES, _("Sex must be L (male) or P (female).")),
        ("PENDIDIKAN", "education", EDUCATIONS,
         _("Unknown education: use SD, SMP, SMA, SMK, D1–D4, S1, S2 or S3.")),
        ("PEKERJAAN", "occupation", OCCUPATIONS,
         _("Unknown occupation: use PNS, SWASTA, WIRAUSAHA, PETANI, PELAJAR, IRT or LAINNYA.")),
    ]  # fmt: skip
    column_of = {"visit_date": "TANGGAL", "service": "LAYANAN", **{
        name: name.upper() for name in ELEMENT_FIELDS}}  # fmt: skip

    for number, raw in xlsx_rows(upload, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS):
        row: dict = {"suggestion": cell_text(raw.get("SARAN")).strip()}
        bad = False
        value = raw.get("TANGGAL")
        row["visit_date"] = None
        if not is_blank(value):
            try:
                row["visit_date"] = cell_date(value)
            except ValueError:
                error(number, "TANGGAL", value, _("Write the date as DD/MM/YYYY."))
                bad = True
        value = raw.get("LAYANAN")
        row["service"] = None
        if not is_blank(value):
            row["service"] = services.get(_word(value))
            if row["service"] is None:
                error(number, "LAYANAN", value, unknown_service)
                bad = True
        for column, name, table, reason in parsers:
            value = raw.get(column)
            row[name] = ""
            if not is_blank(value):
                row[name] = table.get(_word(value), "")
                if not row[name]:
                    error(number, column, value, reason)
                    bad = True
        value = raw.get("UMUR")
        row["age_band"] = ""
        if not is_blank(value):
            try:
                row["age_band"] = age_band_of(value)
            except ValueError:
                error(number, "UMUR", value,
                      _("Give the age in years (10–120) or a band such as 30-39."))  # fmt: skip
                bad = True
        for name in ELEMENT_FIELDS:
            value = raw.get(name.upper())
            try:
                row[name] = answer_of(value)
            except ValueError:
                error(number, name.upper(), value, _("An answer is a digit from 1 to 4."))
                row[name] = None
                bad = True
        if len(row["suggestion"]) > 2000:
            error(number, "SARAN", row["suggestion"][:50] + "…",
                  _("A suggestion has at most 2000 characters."))  # fmt: skip
            bad = True
        if bad:
            continue
        problems = row_problems(row, period=period, services=service_ids, today=today)
        for name, reason in problems.items():
            column = column_of.get(name, "U1–U9")
            error(number, column, cell_text(row.get(name)) if name != "__all__" else "", reason)
        if not problems:
            parsed.append(row)

    if result.errors:
        return result
    require_rows(parsed)
    created = paper_responses_record(
        actor=actor, period=period, rows=parsed, source=SurveyResponse.Source.IMPORT
    )
    result.created = len(created)
    return result


def template_rows(*, service_name: str, visit_date: dt.date) -> list[list]:
    """The example row of the template: one respondent as it would be typed."""
    return [
        [visit_date.strftime("%d/%m/%Y"), service_name, "P", 35, "SMA", "IRT",
         4, 3, 3, 4, 3, 3, 4, 3, 3, "Ruang tunggu perlu kipas angin."],
    ]  # fmt: skip


def template_workbook(*, service_name: str, visit_date: dt.date) -> bytes:
    """An XLSX with the header row and one example row (docs/samples/skm_kertas.xlsx)."""
    return xlsx_bytes(
        COLUMNS, template_rows(service_name=service_name, visit_date=visit_date), "SKM"
    )
