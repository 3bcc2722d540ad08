"""The raw anonymous data of a survey period and the report's figures under its headings
(XLSX)."""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from binakinerja.core.documents import id_date_range
from binakinerja.core.exporting import safe_cell
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    AgeBand,
    Education,
    Occupation,
    Sex,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.reports.data import (
    ANSWER_VALUES,
    CHANNELS,
    REPORT_LANGUAGE,
    REPORT_TITLE,
    VALID,
    ReportData,
    band_rows,
    period_name,
    report_data,
    trend_values,
)

# --- XLSX: raw data and the summary ------------------------------------------------------------

DATA_HEADERS = [
    "No", "Tanggal kunjungan", "Jenis layanan", "Jenis kelamin", "Usia", "Pendidikan",
    "Pekerjaan", *[f"U{i}" for i in range(1, len(ELEMENT_FIELDS) + 1)], "Sumber", "Saran",
]  # fmt: skip


def _data_rows(period: SurveyPeriod):
    """One row per valid response, without anything that could point at the device or the
    person who typed it in (no device hash, nonce, entry user, submission time)."""
    labels = {
        "sex": dict(Sex.choices),
        "age_band": dict(AgeBand.choices),
        "education": dict(Education.choices),
        "occupation": dict(Occupation.choices),
        "source": dict(SurveyResponse.Source.choices),
    }
    columns = ["visit_date", "service__name", "sex", "age_band", "education", "occupation",
               *ELEMENT_FIELDS, "source", "suggestion"]  # fmt: skip
    values = (
        SurveyResponse.objects.filter(period=period, status=VALID)
        .order_by("pk")
        .values_list(*columns)
        .iterator(chunk_size=2000)
    )
    for n, row in enumerate(values, start=1):
        visit, service, sex, age, education, occupation, *rest = row
        answers, source, suggestion = rest[: len(ELEMENT_FIELDS)], rest[-2], rest[-1]
        yield [
            n, visit, service or "", str(labels["sex"].get(sex, "")),
            str(labels["age_band"].get(age, "")), str(labels["education"].get(education, "")),
            str(labels["occupation"].get(occupation, "")), *answers,
            str(labels["source"].get(source, source)), suggestion,
        ]  # fmt: skip


_BOLD = Font(bold=True)


def _number(value):
    """A Decimal as a spreadsheet number (None stays empty)."""
    return None if value is None else float(value)


_SHADE = PatternFill("solid", fgColor="E8E8E8")


def _summary_rows(data: ReportData):
    """The report's figures in its order and with its headings: ("head", cells) for a bold
    shaded header, ("bold", cells) for a title or total, ("row", cells) for plain values."""
    results, period = data.results, data.period
    result = results.result if results.computable else None
    yield "bold", [REPORT_TITLE.upper()]
    yield "bold", [f"{data.unit.name} — periode {period_name(period)}"]
    yield "row", ["Unit layanan", data.unit.name]
    yield "row", ["Perangkat daerah (OPD)", data.opd.name if data.opd else None]
    yield "row", ["Periode survei", f"{period_name(period)} "
                  f"({id_date_range(period.starts_on, period.ends_on)})"]  # fmt: skip
    yield "row", []
    yield "bold", ["BAB II. PENGUMPULAN DATA SKM"]
    yield "head", ["Cara pengisian", "Jumlah responden", "Persentase"]
    total = sum(data.channels.values())
    for source, label in CHANNELS:
        n = data.channels.get(source, 0)
        yield "row", [label, n, round(100 * n / total, 1) if total else 0]
    yield "row", ["Populasi (pengguna layanan dalam periode), N", period.population]
    yield "row", ["Sampel minimum (Krejcie–Morgan)", results.sample_minimum]
    yield "row", ["Responden valid", results.valid]
    yield "row", []
    yield "bold", ["BAB III. HASIL PENGOLAHAN DATA SKM"]
    yield (
        "head",
        ["No", "Unsur pelayanan", "Jumlah jawaban", "Jumlah nilai", "NRR", "NRR tertimbang"],
    )
    for r in results.elements:
        yield "row", [f"U{r.number}", r.name, r.answers, data.counts[r.number - 1].total,
                      r.nrr, r.weighted]  # fmt: skip
    yield "row", ["IKM (skala 1–4)", result.ikm if result else None]
    yield "row", ["Nilai IKM konversi", float(result.score) if result else None]
    yield "row", ["Mutu pelayanan", result.mutu if result else None]
    yield "row", ["Kinerja unit pelayanan", results.kinerja_label or None]
    yield "row", []
    yield "head", ["Nilai persepsi", "Nilai interval (NI)", "Nilai interval konversi (NIK)",
                   "Mutu pelayanan", "Kinerja unit pelayanan"]  # fmt: skip
    for perception, *rest in band_rows():
        yield "row", [int(perception), *rest]
    yield "row", []
    yield "bold", ["BAB IV. C. TREN HASIL SKM"]
    yield "head", ["Periode", "Waktu", "Responden", "Nilai IKM", "Mutu", "Kinerja unit",
                   "Perubahan"]  # fmt: skip
    for name, dates, respondents, score, mutu, kinerja, change in trend_values(data):
        yield "row", [name, dates, respondents, _number(score), mutu, kinerja, _number(change)]
    yield "row", []
    yield "bold", ["LAMPIRAN 2. HASIL OLAH DATA"]
    yield "head", ["No", "Unsur pelayanan", *[f"Nilai {v}" for v in ANSWER_VALUES],
                   "Jumlah jawaban", "Jumlah nilai", "NRR"]  # fmt: skip
    for r, counts in zip(results.elements, data.counts, strict=True):
        yield "row", [f"U{r.number}", r.name, *[counts.by_value[v] for v in ANSWER_VALUES],
                      r.answers, counts.total, r.nrr]  # fmt: skip


def period_data_xlsx(period: SurveyPeriod) -> bytes:
    """Raw anonymous data (sheet "Data") and the report's figures under its headings (sheet
    "Ringkasan"). Written in openpyxl's streaming mode: a period may hold many thousands of
    responses, which a normal workbook (and so `SheetWriter`) would keep in memory."""
    with translation.override(REPORT_LANGUAGE):
        data = report_data(period)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="Data")
        sheet.append(DATA_HEADERS)
        for row in _data_rows(period):
            sheet.append([safe_cell(v) for v in row])
        summary = workbook.create_sheet(title="Ringkasan")
        summary.column_dimensions["A"].width = 44
        summary.column_dimensions["B"].width = 44
        for kind, cells in _summary_rows(data):
            out = []
            if cells and len(cells) < 2:
                cells = [*cells, None]  # readers take a row as label and value
            for value in cells:
                cell = WriteOnlyCell(summary, value=safe_cell(value))
                if kind in ("head", "bold"):
                    cell.font = _BOLD
                if kind == "head":
                    cell.fill = _SHADE
                out.append(cell)
            summary.append(out)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()
