"""The Laporan Survei Kepuasan Masyarakat of a survey period as PDF, in the outline of
PermenPANRB 14/2017: cover (with the caveat of a sample below the Krejcie–Morgan minimum), BAB
I–V, lampiran and the signature of the head of the unit, on the document toolkit."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer, Table, TableStyle

from binakinerja.core.documents import (
    DASH,
    FONT,
    FONT_BOLD,
    STYLES,
    Column,
    OfficialDocument,
    Section,
    Signer,
    Total,
    grid,
    id_date,
    id_date_range,
    id_number,
    id_percent,
    single_signature,
    text,
)
from binakinerja.core.pdf import para
from binakinerja.satisfaction.models import (
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.reports.data import (
    ANSWER_VALUES,
    CHANNELS,
    LEGAL_BASIS,
    REPORT_LANGUAGE,
    REPORT_TITLE,
    SUGGESTIONS_LISTED,
    WEIGHT_TEXT,
    ReportData,
    band_rows,
    element_mutu,
    period_name,
    report_data,
    strengths,
    trend_values,
)
from binakinerja.satisfaction.results import (
    PeriodResults,
    analysis_text,
)
from binakinerja.satisfaction.rules import (
    QUESTIONS,
    score_of,
)

# --- PDF pieces --------------------------------------------------------------------------------

COVER_TITLE = ParagraphStyle("cover_title", fontName=FONT_BOLD, fontSize=18, leading=24,
                             alignment=TA_CENTER, spaceAfter=4 * mm)  # fmt: skip
COVER_LINE = ParagraphStyle("cover_line", fontName=FONT_BOLD, fontSize=12, leading=16,
                            alignment=TA_CENTER, spaceAfter=2 * mm)  # fmt: skip
COVER_SMALL = ParagraphStyle("cover_small", fontName=FONT, fontSize=10, leading=14,
                             alignment=TA_CENTER)  # fmt: skip
ITEM = ParagraphStyle("item", parent=STYLES["body"], leftIndent=6 * mm, firstLineIndent=-6 * mm)
CAVEAT_FILL = colors.HexColor("#fff4d6")
CAVEAT_LINE = colors.HexColor("#a06a00")
BAR = colors.HexColor("#0b5d3b")


def _item(label, value) -> object:
    """A hanging-indent list item ("1." then the text)."""
    return para(f"{label}\u00a0{value}", ITEM)


def _bab(number: str, title: str) -> list:
    return [PageBreak(), text(f"BAB {number}", "title"), text(title, "title", upper=True),
            Spacer(1, 3 * mm)]  # fmt: skip


def _heading(value: str):
    return text(value, "heading")


def _boxed(paragraphs: list, *, fill=CAVEAT_FILL, line=CAVEAT_LINE, width_mm: float = 180):
    table = Table([[paragraphs]], colWidths=[width_mm * mm])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, line), ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # else Helvetica, which is not embedded
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))  # fmt: skip
    return table


def sample_caveat(results: PeriodResults) -> str | None:
    """The warning printed on the first page when fewer people answered than the
    Krejcie–Morgan minimum for the population."""
    if results.sample_reached:
        return None
    return (
        f"Jumlah responden valid ({id_number(results.valid)} orang) belum mencapai jumlah "
        f"minimum sampel Krejcie–Morgan ({id_number(results.sample_minimum)} orang) untuk "
        f"populasi {id_number(results.period.population)} pengguna layanan. Hasil survei "
        "periode ini bersifat indikatif dan belum dapat digeneralisasi untuk seluruh pengguna "
        "layanan."
    )


def _why_no_ikm(results: PeriodResults) -> str:
    if not results.valid:
        return "belum ada responden valid"
    return "ada unsur yang belum memperoleh jawaban"


def _score_text(results: PeriodResults) -> str:
    result = results.result
    if not results.computable:
        return f"IKM belum dapat dihitung karena {_why_no_ikm(results)}."
    return (
        f"Nilai IKM {id_number(result.score, 2)} — mutu pelayanan {result.mutu} "
        f"({results.kinerja_label})"
    )


def _cover(data: ReportData) -> list:
    period, results = data.period, data.results
    story = [Spacer(1, 30 * mm), para(REPORT_TITLE, COVER_TITLE, upper=True),
             para(f"pada {data.unit.name}", COVER_LINE, upper=True)]  # fmt: skip
    if data.opd and data.opd.pk != data.unit.pk:
        story.append(para(data.opd.name, COVER_LINE))
    story += [
        Spacer(1, 6 * mm),
        para(f"Periode {period_name(period)}", COVER_LINE),
        para(id_date_range(period.starts_on, period.ends_on), COVER_SMALL),
        Spacer(1, 12 * mm),
    ]
    summary = [
        text(_score_text(results), "subtitle"),
        text(f"Responden valid: {id_number(results.valid)} orang · minimum sampel "
             f"(Krejcie–Morgan): {id_number(results.sample_minimum)} orang", "centre"),
    ]  # fmt: skip
    story.append(_boxed(summary, fill=colors.HexColor("#eef5f1"), line=BAR, width_mm=150))
    caveat = sample_caveat(results)
    if caveat:
        story += [Spacer(1, 6 * mm), _boxed([text("PERHATIAN: SAMPEL BELUM MEMENUHI", "caveat"),
                                             text(caveat, "body")], width_mm=150)]  # fmt: skip
    story += [Spacer(1, 30 * mm if caveat else 65 * mm)]
    if data.government:
        story.append(para(data.government.name, COVER_LINE, upper=True))
    story.append(para(str(period.year), COVER_LINE))
    return story


def _bab_one(data: ReportData) -> list:
    unit = data.unit.name
    story = _bab("I", "Pendahuluan") + [
        _heading("A. Latar Belakang"),
        text(
            "Pelayanan publik oleh aparatur pemerintah masih perlu terus ditingkatkan sejalan "
            "dengan tuntutan masyarakat akan pelayanan yang cepat, mudah, terjangkau dan "
            "berkualitas. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan "
            "penyelenggara pelayanan publik melakukan penilaian kinerja secara berkala, dan "
            "Peraturan Menteri PANRB Nomor 14 Tahun 2017 menetapkan Survei Kepuasan Masyarakat "
            "(SKM) sebagai instrumennya: pengukuran menyeluruh atas tingkat kepuasan masyarakat "
            "terhadap sembilan unsur pelayanan yang hasilnya dinyatakan sebagai Indeks Kepuasan "
            "Masyarakat (IKM)."
        ),
        text(
            f"{REPORT_TITLE} ini menyajikan hasil SKM pada {unit} untuk periode "
            f"{period_name(data.period)}. Hasilnya menjadi bahan evaluasi dan dasar perbaikan "
            "kualitas pelayanan, serta wajib dipublikasikan kepada masyarakat."
        ),
        _heading("B. Dasar Hukum"),
        *[_item(f"{n}.", value) for n, value in enumerate(LEGAL_BASIS, start=1)],
        _heading("C. Maksud dan Tujuan"),
        text(
            "SKM dimaksudkan untuk mengetahui tingkat kinerja unit pelayanan secara berkala "
            "sebagai bahan penetapan kebijakan dalam rangka peningkatan kualitas pelayanan "
            "publik. Tujuannya:"
        ),
    ]
    aims = (
        "mengetahui kelemahan dan kekuatan setiap unsur penyelenggaraan pelayanan;",
        "mengukur secara berkala kinerja penyelenggaraan pelayanan;",
        "menjadi bahan penetapan kebijakan dan rencana tindak lanjut perbaikan pelayanan;",
        "memberi umpan balik kepada masyarakat atas pelayanan yang diterimanya.",
    )
    story += [_item(f"{letter}.", aim) for letter, aim in zip("abcd", aims, strict=True)]
    return story


def _channel_rows(data: ReportData) -> list:
    total = sum(data.channels.values())
    rows = []
    for source, label in CHANNELS:
        n = data.channels.get(source, 0)
        rows.append([label, n, id_percent(100 * n / total if total else 0, 1)])
    paper = sum(data.channels.get(s, 0) for s in CHANNELS_PAPER)
    rows.append(Total(["Jumlah (daring " + _share(data.channels.get("online", 0), total)
                       + ", kertas " + _share(paper, total) + ")", total,
                       id_percent(100 if total else 0)]))  # fmt: skip
    return rows


CHANNELS_PAPER = (SurveyResponse.Source.PAPER, SurveyResponse.Source.IMPORT)


def _share(n: int, total: int) -> str:
    return id_percent(100 * n / total if total else 0, 1)


def _bab_two(data: ReportData) -> list:
    period, results, unit = data.period, data.results, data.unit
    where = unit.name + (f", {data.opd.name}" if data.opd and data.opd.pk != unit.pk else "")
    story = _bab("II", "Pengumpulan Data SKM") + [
        _heading("A. Pelaksana SKM"),
        text(
            f"SKM dilaksanakan secara mandiri oleh {where}. Kuesioner daring, input kuesioner "
            "kertas dan pengolahan data menggunakan aplikasi Bina Kinerja; responden tidak "
            "mencantumkan nama, nomor telepon atau NIK."
        ),
        _heading("B. Metode Pengumpulan Data"),
        text(
            "Data dikumpulkan dengan kuesioner sembilan unsur pelayanan sesuai PermenPANRB "
            "Nomor 14 Tahun 2017 (Lampiran 1), skala jawaban 1–4. Kuesioner diisi sendiri oleh "
            "pengguna layanan secara daring (tautan atau kode QR di lokasi pelayanan) atau pada "
            "lembar kertas yang kemudian diketik atau diimpor oleh petugas. Kuesioner yang "
            "ditandai untuk diperiksa "
            f"({id_number(results.flagged)}) dan yang ditolak ({id_number(results.rejected)}) "
            "tidak dihitung."
        ),
        grid(
            [
                Column("Cara pengisian", 110),
                Column("Jumlah responden", 35, "right"),
                Column("Persentase", 35, "right"),
            ],
            _channel_rows(data),
        ),  # fmt: skip
        _heading("C. Lokasi Pengumpulan Data"),
        text(
            f"Data dikumpulkan di lokasi pelayanan {unit.name}"
            + (f", {unit.address}" if unit.address else "")
            + (f", {unit.kab_kota}" if unit.kab_kota and unit.kab_kota not in unit.address else "")
            + ", pada jenis layanan: "
            + ("; ".join(data.services) if data.services else "(belum dicatat)")
            + "."
        ),
        _heading("D. Waktu Pelaksanaan SKM"),
        text(
            f"SKM periode {period_name(period)} dilaksanakan pada "
            f"{id_date_range(period.starts_on, period.ends_on)}."
            + (
                f" Kunjungan responden tercatat dari {id_date(data.first_visit)} sampai "
                f"{id_date(data.last_visit)}."
                if data.first_visit
                else ""
            )
        ),
        _heading("E. Penentuan Jumlah Responden"),
        text(
            "Jumlah minimum responden ditentukan dengan rumus Krejcie dan Morgan: "
            "S = X²·N·P(1−P) / (d²(N−1) + X²·P(1−P)), dengan X² (khi-kuadrat) = 3,841, P = 0,5 dan "
            "d = 0,05, dibulatkan ke responden terdekat."
        ),
        grid(
            [Column("Uraian", 120), Column("Jumlah", 60, "right")],
            [
                ["Populasi (pengguna layanan dalam periode), N", period.population],
                ["Jumlah minimum sampel (Krejcie–Morgan), S", results.sample_minimum],
                ["Responden valid", results.valid],
                Total(
                    [
                        "Keterangan",
                        "memenuhi" if results.sample_reached else "belum memenuhi (indikatif)",
                    ]
                ),
            ],
        ),  # fmt: skip
    ]
    return story


def _profile_rows(results: PeriodResults) -> list:
    rows = []
    for breakdown in results.profile:
        rows.append(Section(breakdown.title.upper()))
        rows += [[r.label, r.count, id_percent(r.percent, 1)] for r in breakdown.rows]
    return rows


def _element_rows(data: ReportData) -> list:
    results = data.results
    rows = [
        [f"U{r.number}", r.name, r.answers, data.counts[r.number - 1].total,
         id_number(r.nrr, 3), id_number(r.weighted, 3)]
        for r in results.elements
    ]  # fmt: skip
    result = results.result
    rows.append(Total(["", "IKM (jumlah NRR tertimbang)", "", "", "",
                       id_number(result.ikm, 4) if results.computable else DASH]))  # fmt: skip
    return rows


def _nrr_chart(results: PeriodResults) -> Drawing:
    drawing = Drawing(180 * mm, 62 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = 14 * mm, 4 * mm
    chart.width, chart.height = 150 * mm, 56 * mm
    chart.data = [[row.nrr or 0 for row in reversed(results.elements)]]
    chart.categoryAxis.categoryNames = [f"U{row.number}" for row in reversed(results.elements)]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 4, 1
    chart.bars[0].fillColor = BAR
    chart.barLabelFormat = lambda v: id_number(v, 3)
    chart.barLabels.dx = 12
    _chart_fonts(chart, drawing)
    drawing.add(chart)
    return drawing


def _chart_fonts(chart, drawing: Drawing) -> None:
    """Charts default to Helvetica, which is not embedded: use the document's font."""
    drawing.initialFontName = FONT
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName, labels.fontSize = FONT, 7


def _bab_three(data: ReportData) -> list:
    results = data.results
    result = results.result
    weight = WEIGHT_TEXT.get(settings.SATISFACTION_IKM_WEIGHT, settings.SATISFACTION_IKM_WEIGHT)
    mine = result.mutu if results.computable else None
    legend = []
    for perception, ni, nik, mutu, kinerja in band_rows():
        cells = [perception, ni, nik, mutu, kinerja]
        legend.append(Total(cells) if mutu == mine else cells)
    story = _bab("III", "Hasil Pengolahan Data SKM") + [
        _heading("A. Jumlah Responden"),
        text(
            f"Jumlah responden valid {id_number(results.valid)} orang, dengan profil sebagai "
            "berikut (isian profil bersifat sukarela; yang tidak diisi dicatat sebagai "
            "\u201ctidak diisi\u201d)."
        ),
        grid(
            [
                Column("Karakteristik", 110),
                Column("Jumlah", 35, "right"),
                Column("Persentase", 35, "right"),
            ],
            _profile_rows(results),
        ),  # fmt: skip
        CondPageBreak(120 * mm),
        _heading("B. Indeks Kepuasan Masyarakat"),
        text(
            "NRR (nilai rata-rata) per unsur = jumlah nilai unsur / jumlah jawaban unsur itu; "
            f"NRR tertimbang = NRR × bobot {weight}; IKM = jumlah NRR tertimbang; nilai IKM "
            "konversi = IKM × 25."
        ),
        grid(
            [
                Column("No", 10, "centre"),
                Column("Unsur pelayanan", 76),
                Column("Jumlah jawaban", 22, "right"),
                Column("Jumlah nilai", 22, "right"),
                Column("NRR", 24, "right"),
                Column("NRR tertimbang", 26, "right"),
            ],
            _element_rows(data),
        ),  # fmt: skip
        Spacer(1, 3 * mm),
        grid(
            [Column("Indeks", 110), Column("Nilai", 70)],
            [
                ["IKM (skala 1–4)", id_number(result.ikm, 4) if results.computable else DASH],
                [
                    "Nilai IKM konversi (IKM × 25)",
                    id_number(result.score, 2) if results.computable else DASH,
                ],
                ["Mutu pelayanan", result.mutu if results.computable else DASH],
                ["Kinerja unit pelayanan", results.kinerja_label or DASH],
            ],
        ),  # fmt: skip
    ]
    if not results.computable:
        story += [Spacer(1, 2 * mm), text(_score_text(results), "caveat")]
    story += [
        KeepTogether(
            [
                _heading("Nilai persepsi, interval, mutu dan kinerja unit pelayanan"),
                grid(
                    [
                        Column("Nilai persepsi", 22, "centre"),
                        Column("Nilai interval (NI)", 42, "centre"),
                        Column("Nilai interval konversi (NIK)", 46, "centre"),
                        Column("Mutu pelayanan", 30, "centre"),
                        Column("Kinerja unit pelayanan", 40, "centre"),
                    ],
                    legend,
                ),
                text(
                    "Baris yang ditebalkan adalah hasil unit pada periode ini." if mine else "",
                    "small",
                ),
            ]
        ),  # fmt: skip
    ]
    if any(row.nrr is not None for row in results.elements):
        story.append(
            KeepTogether([_heading("Grafik NRR per unsur (skala 1–4)"), _nrr_chart(results)])
        )
    return story


def _trend_rows(data: ReportData) -> list:
    rows = []
    for name, dates, respondents, score, mutu, kinerja, change in trend_values(data):
        sign = "+" if change is not None and change > 0 else ""
        rows.append([name, dates, respondents, id_number(score, 2), mutu or DASH,
                     kinerja or DASH, sign + id_number(change, 2)])  # fmt: skip
    return rows


def _trend_chart(data: ReportData) -> Drawing | None:
    points = [(period_name(r.period), float(r.result.score)) for r in data.trend
              if r.result and r.result.complete]  # fmt: skip
    if len(points) < 2:
        return None
    drawing = Drawing(180 * mm, 50 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 8 * mm
    chart.width, chart.height = min(150, 30 * len(points)) * mm, 38 * mm
    chart.data = [[score for _name, score in points]]
    chart.categoryAxis.categoryNames = [name for name, _score in points]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.bars[0].fillColor = BAR
    chart.barLabelFormat = lambda v: id_number(v, 2)
    chart.barLabels.dy = 5
    _chart_fonts(chart, drawing)
    drawing.add(chart)
    return drawing


def _bab_four(data: ReportData) -> list:
    results = data.results
    best = strengths(results)
    worst = results.priorities
    rows = []
    ranked = sorted((r for r in results.elements if r.nrr is not None),
                    key=lambda r: (-r.nrr, r.number))  # fmt: skip
    for rank, r in enumerate(ranked, start=1):
        mutu, kinerja = element_mutu(r.nrr)
        note = "Kekuatan" if r in best else "Kelemahan" if r in worst else ""
        rows.append([rank, f"U{r.number} {r.name}", id_number(r.nrr, 3),
                     id_number(score_of(r.nrr), 2), f"{mutu} ({kinerja})", note])  # fmt: skip
    story = _bab("IV", "Analisis Hasil SKM") + [
        _heading("A. Kekuatan dan Kelemahan per Unsur"),
        grid(
            [
                Column("Peringkat", 19, "centre"),
                Column("Unsur pelayanan", 63),
                Column("NRR", 18, "right"),
                Column("Nilai konversi", 20, "right"),
                Column("Mutu", 28, "centre"),
                Column("Keterangan", 32),
            ],
            rows or [[DASH, "Belum ada jawaban.", "", "", "", ""]],
        ),  # fmt: skip
        Spacer(1, 2 * mm),
    ]
    if best:
        story.append(text(
            "Kekuatan (NRR tertinggi): "
            + "; ".join(f"U{r.number} {r.name} ({id_number(r.nrr, 3)})" for r in best) + "."
        ))  # fmt: skip
    if worst:
        story.append(text(
            "Kelemahan dan prioritas perbaikan (NRR terendah): "
            + "; ".join(f"U{r.number} {r.name} ({id_number(r.nrr, 3)})" for r in worst) + "."
        ))  # fmt: skip
    if data.period.analysis.strip():
        story += [text("Analisis unit:", "subheading"), text(analysis_text(results))]
    action_rows = [
        [n, a.action, f"U{a.element}" if a.element else DASH, a.responsible or DASH,
         id_date(a.due_on), a.get_status_display()]
        for n, a in enumerate(data.actions, start=1)
    ]  # fmt: skip
    story += [
        _heading("B. Rencana Tindak Lanjut"),
        grid(
            [
                Column("No", 9, "centre"),
                Column("Rencana tindak lanjut", 69),
                Column("Unsur", 13, "centre"),
                Column("Penanggung jawab", 35),
                Column("Waktu", 30),
                Column("Status", 24),
            ],
            action_rows
            or [[DASH, "Belum ada rencana tindak lanjut yang dicatat.", "", "", "", ""]],
        ),  # fmt: skip
        _heading("C. Tren Hasil SKM"),
        text(f"Hasil SKM {data.unit.name} pada periode ini dan periode sebelumnya:"),
        grid(
            [
                Column("Periode", 28),
                Column("Waktu", 50),
                Column("Responden", 21, "right"),
                Column("Nilai IKM", 18, "right"),
                Column("Mutu", 12, "centre"),
                Column("Kinerja unit", 26, "centre"),
                Column("Perubahan", 25, "right"),
            ],
            _trend_rows(data),
        ),  # fmt: skip
    ]
    chart = _trend_chart(data)
    if chart:
        story.append(KeepTogether([text("Grafik nilai IKM per periode", "subheading"), chart]))
    return story


def _conclusions(data: ReportData) -> list[str]:
    results = data.results
    result = results.result
    period = f"{data.unit.name} periode {period_name(data.period)}"
    items = []
    if results.computable:
        items.append(
            f"Indeks Kepuasan Masyarakat (IKM) pada {period} adalah "
            f"{id_number(result.score, 2)} (skala 1–4: {id_number(result.ikm, 4)}), dengan mutu "
            f"pelayanan {result.mutu} dan kinerja unit pelayanan {results.kinerja_label}."
        )
    else:
        items.append(f"IKM pada {period} belum dapat dihitung karena {_why_no_ikm(results)}.")
    sample = (f"Jumlah responden valid {id_number(results.valid)} orang; minimum sampel "
              f"Krejcie–Morgan {id_number(results.sample_minimum)} orang ")  # fmt: skip
    items.append(sample + ("terpenuhi." if results.sample_reached
                           else "belum terpenuhi, sehingga hasil bersifat indikatif."))  # fmt: skip
    best, worst = strengths(results), results.priorities
    if best and worst:
        items.append(
            f"Unsur dengan nilai tertinggi adalah U{best[0].number} {best[0].name} "
            f"(NRR {id_number(best[0].nrr, 3)}); unsur dengan nilai terendah adalah "
            f"U{worst[0].number} {worst[0].name} (NRR {id_number(worst[0].nrr, 3)}), yang "
            "menjadi prioritas perbaikan."
        )
    scored = [r for r in data.trend if r.result and r.result.complete]
    if len(scored) >= 2 and scored[-1].period.pk == data.period.pk:
        before, now = scored[-2].result.score, scored[-1].result.score
        direction = "naik" if now > before else "turun" if now < before else "tetap"
        items.append(
            f"Dibandingkan periode {period_name(scored[-2].period)} ({id_number(before, 2)}), "
            f"nilai IKM {direction}"
            + (f" {id_number(abs(now - before), 2)} poin." if now != before else ".")
        )
    if data.actions:
        items.append(f"Telah dicatat {id_number(len(data.actions))} rencana tindak lanjut "
                     "untuk memperbaiki unsur pelayanan (BAB IV huruf B).")  # fmt: skip
    else:
        items.append("Rencana tindak lanjut belum dicatat; unit perlu menyusunnya berdasarkan "
                     "unsur dengan nilai terendah.")  # fmt: skip
    return items


def _signer(data: ReportData) -> Signer:
    """The head of the service unit signs. The registry of ASN is not read by the survey app
    (ARCHITECTURE.md), so name and NIP are left to be written by hand."""
    return Signer(
        role=f"Kepala {data.unit.name}",
        name="(....................................)",
        nip="....................................",
        place_date=f"{data.place}, {id_date(timezone.localdate())}",
        key="kepala_unit",
    )


def _bab_five(data: ReportData) -> list:
    story = _bab("V", "Kesimpulan")
    story += [_item(f"{n}.", item) for n, item in enumerate(_conclusions(data), start=1)]
    story.append(single_signature(_signer(data)))
    return story


def _lampiran(data: ReportData) -> list:
    story = [PageBreak(), text("LAMPIRAN", "title"), _heading("Lampiran 1. Kuesioner")]
    story.append(text(
        "Identitas responden (tanpa nama): jenis kelamin, umur, pendidikan, pekerjaan, jenis "
        "layanan yang diterima dan tanggal kunjungan. Pilih satu jawaban untuk setiap unsur; "
        "angka di kepala kolom adalah nilai jawaban."
    ))  # fmt: skip
    rows = []
    for number, (question, answers) in QUESTIONS.items():
        rows.append([f"U{number}", str(question), *[str(a) for a in answers]])
    story += [
        grid(
            [
                Column("No", 9, "centre"),
                Column("Pertanyaan", 71),
                *[Column(str(v), 25, "centre") for v in ANSWER_VALUES],
            ],
            rows,
        ),  # fmt: skip
        CondPageBreak(80 * mm),
        _heading("Lampiran 2. Hasil Olah Data"),
        text("Jumlah jawaban setiap unsur menurut nilainya (responden valid)."),
    ]
    rows = []
    for r, counts in zip(data.results.elements, data.counts, strict=True):
        rows.append([f"U{r.number}", r.name, *[counts.by_value[v] for v in ANSWER_VALUES],
                     r.answers, counts.total, id_number(r.nrr, 3)])  # fmt: skip
    story.append(grid(
        [Column("No", 9, "centre"), Column("Unsur pelayanan", 63),
         *[Column(f"Nilai {v}", 15, "right") for v in ANSWER_VALUES],
         Column("Jumlah jawaban", 18, "right"), Column("Jumlah nilai", 16, "right"),
         Column("NRR", 14, "right")], rows,
    ))  # fmt: skip
    story += [
        CondPageBreak(90 * mm),
        _heading("Lampiran 3. Ringkasan Saran dan Masukan"),
        text(f"{id_number(data.with_suggestion)} responden menuliskan saran atau masukan. Tema "
             "yang disinggung (satu saran dapat menyinggung lebih dari satu tema):"),
        grid([Column("Tema", 130), Column("Jumlah saran", 50, "right")],
             [[name, n] for name, n in data.themes]),
    ]  # fmt: skip
    if data.suggestions:
        story += [
            Spacer(1, 2 * mm),
            text(f"Kutipan saran (paling banyak {SUGGESTIONS_LISTED}, urut masuk; alamat surel "
                 "dan nomor disamarkan):"),
            grid([Column("No", 10, "centre"), Column("Saran", 170)],
                 [[n, s] for n, s in enumerate(data.suggestions, start=1)]),
        ]  # fmt: skip
    return story


def period_report(
    period: SurveyPeriod, *, with_suggestions: bool = False
) -> tuple[bytes, OfficialDocument]:
    """The Laporan SKM of one period: the PDF's bytes and its document, whose
    `signature_slots` tell where the head of unit signs (key "kepala_unit"), for the
    electronic signature. `with_suggestions` quotes the first suggestions in lampiran 3 (for
    the unit's managers, who read free text); otherwise suggestions are only counted per
    theme."""
    with translation.override(REPORT_LANGUAGE):
        data = report_data(period, with_suggestions=with_suggestions)
        government = data.government.name if data.government else ""
        document = OfficialDocument(
            # short: the page header prints it beside the government's name
            title=f"Laporan SKM {data.unit.name} {period_name(period)}",
            government=government,
            version=str(period.version),
            printed_at=timezone.localdate(),
        )
        story = (_cover(data) + _bab_one(data) + _bab_two(data) + _bab_three(data)
                 + _bab_four(data) + _bab_five(data) + _lampiran(data))  # fmt: skip
        return document.build(story), document


def period_report_pdf(period: SurveyPeriod, *, with_suggestions: bool = False) -> bytes:
    """The Laporan SKM of one period as PDF bytes (see `period_report`)."""
    return period_report(period, with_suggestions=with_suggestions)[0]
