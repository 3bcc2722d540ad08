"""The SKM report of a survey period (PDF, in the customary structure of a Laporan SKM under
PermenPANRB 14/2017) and its raw anonymous data (XLSX). Both are official documents in Bahasa
Indonesia whatever the reader's language, like binakinerja/performance/documents.py.
"""

from __future__ import annotations

import io
import re

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from binakinerja.core.exporting import safe_cell
from binakinerja.core.pdf import para
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import opd_of
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    AgeBand,
    Education,
    Occupation,
    Sex,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.results import (
    PeriodResults,
    analysis_text,
    period_actions,
    period_results,
)

STYLES = getSampleStyleSheet()
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)
REPORT_LANGUAGE = "id"
WEIGHT_TEXT = {"": "1/9", "exact": "1/9", "1/9": "1/9", "0.111": "0,111", "0.11": "0,11"}


def _num(value, places: int = 2) -> str:
    """A number the Indonesian way (decimal comma); a dash when missing."""
    if value is None:
        return "-"
    return f"{float(value):.{places}f}".replace(".", ",")


NUMBER = re.compile(r"^-?[\d.,]+$")
RIGHT = ParagraphStyle("right", parent=STYLES["BodyText"], alignment=TA_RIGHT)


def _p(text, style=None):
    return para(text, style or STYLES["BodyText"])


def _cell(value):
    """Numbers right-aligned, as in a printed table."""
    text = str(value if value is not None else "")
    return _p(text, RIGHT if NUMBER.match(text) else None)


def _table(rows, widths) -> Table:
    table = Table([[_cell(c) for c in row] for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle(GRID)
    return table


def _period_text(period: SurveyPeriod) -> str:
    return f"{period} ({period.starts_on:%d-%m-%Y} s.d. {period.ends_on:%d-%m-%Y})"


def _nrr_chart(results: PeriodResults) -> Drawing:
    drawing = Drawing(170 * mm, 75 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = 62 * mm, 5 * mm
    chart.width, chart.height = 100 * mm, 65 * mm
    chart.data = [[row.nrr or 0 for row in reversed(results.elements)]]
    chart.categoryAxis.categoryNames = [f"U{row.number}" for row in reversed(results.elements)]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 4, 1
    chart.bars[0].fillColor = colors.HexColor("#0b5d3b")
    chart.barLabelFormat = lambda v: _num(v, 3)
    chart.barLabels.dx = 14
    chart.barLabels.fontSize = 7
    drawing.add(chart)
    return drawing


def _story(results: PeriodResults) -> list:
    period = results.period
    unit = period.service_unit.unit
    opd = opd_of(unit)
    instansi = OrgUnit.objects.filter(path=unit.instansi_path).first()
    result = results.result
    h2, h3 = STYLES["Heading2"], STYLES["Heading3"]
    story = [
        para(instansi.name if instansi else "", STYLES["Title"], upper=True),
        para("Laporan Survei Kepuasan Masyarakat", h2),
        _table(
            [
                ["Unit layanan", unit.name],
                ["Perangkat daerah (OPD)", opd.name if opd else "-"],
                ["Periode survei", _period_text(period)],
            ],
            [50 * mm, 120 * mm],
        ),
        Spacer(1, 4 * mm),
        para("1. Pendahuluan", h3),
        _p(
            "Survei Kepuasan Masyarakat (SKM) dilaksanakan sebagaimana diamanatkan "
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik dan Peraturan Menteri "
            "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang "
            "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik, "
            "untuk mengukur kepuasan masyarakat sebagai pengguna layanan dan menjadi bahan "
            "perbaikan kualitas pelayanan."
        ),
        para("2. Metode survei", h3),
        _table(
            [
                ["Instrumen", "Kuesioner 9 unsur pelayanan (PermenPANRB Nomor 14 Tahun 2017)"],
                ["Skala jawaban", "Likert 1–4 (1 = tidak baik, 4 = sangat baik)"],
                [
                    "Bobot nilai rata-rata tertimbang",
                    WEIGHT_TEXT.get(
                        settings.SATISFACTION_IKM_WEIGHT, settings.SATISFACTION_IKM_WEIGHT
                    ),
                ],
                [
                    "Penghitungan",
                    "NRR unsur = jumlah nilai / jumlah jawaban; IKM = Σ (NRR × "
                    "bobot); nilai konversi = IKM × 25",
                ],
                ["Populasi (pengguna layanan)", f"{period.population:,}".replace(",", ".")],
                ["Sampel minimum (Krejcie–Morgan)", str(results.sample_minimum)],
                [
                    "Responden valid",
                    f"{results.valid} ("
                    + ("memenuhi" if results.sample_reached else "belum memenuhi")
                    + " sampel minimum)",
                ],
            ],
            [50 * mm, 120 * mm],
        ),  # fmt: skip
        para("3. Profil responden", h3),
        _p(
            f"Jumlah responden valid: {results.valid}. Kuesioner yang ditandai untuk diperiksa "
            f"({results.flagged}) dan yang ditolak ({results.rejected}) tidak dihitung."
        ),
    ]
    for breakdown in results.profile:
        rows = [[breakdown.title, "Jumlah", "%"]]
        rows += [[r.label, r.count, _num(r.percent, 1)] for r in breakdown.rows]
        story += [Spacer(1, 2 * mm), _table(rows, [90 * mm, 30 * mm, 30 * mm])]
    rows = [["No", "Unsur pelayanan", "Jumlah jawaban", "NRR", "NRR × bobot"]]
    rows += [
        [f"U{r.number}", r.name, r.answers, _num(r.nrr, 3), _num(r.weighted, 3)]
        for r in results.elements
    ]
    story += [
        para("4. Hasil survei", h3),
        _table(rows, [12 * mm, 83 * mm, 25 * mm, 25 * mm, 25 * mm]),
        Spacer(1, 2 * mm),
        _nrr_chart(results),
        _table(
            [
                ["Indeks", "Nilai"],
                ["IKM (skala 1–4)", _num(result.ikm, 4) if result else "-"],
                ["Nilai IKM konversi (IKM × 25)", _num(result.score) if result else "-"],
                ["Mutu pelayanan", result.mutu or "-" if result else "-"],
                ["Kinerja unit pelayanan", result.kinerja or "-" if result else "-"],
            ],
            [95 * mm, 75 * mm],
        ),
    ]
    if not results.computable:
        story.append(_p("IKM belum dapat dihitung karena ada unsur yang belum memperoleh jawaban."))
    if results.priorities:
        story += [
            Spacer(1, 2 * mm),
            _p(
                "Unsur prioritas perbaikan (NRR terendah): "
                + "; ".join(f"U{r.number} {r.name} ({_num(r.nrr, 3)})" for r in results.priorities)
            ),
        ]
    story += [para("5. Analisis", h3), _p(analysis_text(results))]
    rows = [["No", "Rencana tindak lanjut", "Unsur", "Penanggung jawab", "Tenggat", "Status"]]
    for n, action in enumerate(period_actions(period), start=1):
        rows.append([
            n, action.action, f"U{action.element}" if action.element else "-",
            action.responsible or "-",
            action.due_on.strftime("%d-%m-%Y") if action.due_on else "-",
            action.get_status_display(),
        ])  # fmt: skip
    if len(rows) == 1:
        rows.append(["-", "Belum ada rencana tindak lanjut yang dicatat.", "", "", "", ""])
    story += [
        para("6. Rencana tindak lanjut", h3),
        _table(rows, [10 * mm, 66 * mm, 14 * mm, 32 * mm, 24 * mm, 24 * mm]),
    ]
    return story


def period_report_pdf(period: SurveyPeriod) -> bytes:
    """The Laporan SKM of one period as PDF bytes."""
    with translation.override(REPORT_LANGUAGE):
        results = period_results(period)
        story = _story(results)
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
            bottomMargin=15 * mm, invariant=True,
            title=f"Laporan SKM {period.service_unit.unit.name} {period}",
        )  # fmt: skip
        doc.build(story)
    return buffer.getvalue()


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
        SurveyResponse.objects.filter(period=period, status=SurveyResponse.Status.VALID)
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


def _summary_rows(results: PeriodResults):
    result = results.result
    yield ["No", "Unsur pelayanan", "Jumlah jawaban", "NRR", "NRR × bobot"]
    for r in results.elements:
        yield [f"U{r.number}", r.name, r.answers, r.nrr, r.weighted]
    yield []
    yield ["Responden valid", results.valid]
    yield ["Sampel minimum (Krejcie–Morgan)", results.sample_minimum]
    yield ["IKM (skala 1–4)", result.ikm if result else None]
    yield ["Nilai IKM konversi", float(result.score) if result and result.score else None]
    yield ["Mutu pelayanan", result.mutu if result else None]
    yield ["Kinerja unit pelayanan", result.kinerja if result else None]


def period_data_xlsx(period: SurveyPeriod) -> bytes:
    """Raw anonymous data (sheet "Data") and the NRR/IKM summary (sheet "Ringkasan")."""
    with translation.override(REPORT_LANGUAGE):
        results = period_results(period)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="Data")
        sheet.append(DATA_HEADERS)
        for row in _data_rows(period):
            sheet.append([safe_cell(v) for v in row])
        summary = workbook.create_sheet(title="Ringkasan")
        for row in _summary_rows(results):
            summary.append([safe_cell(v) for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()
