"""Monev reports (issue 17; DOMAIN.md §9a: no standard template was found, agencies report in
the LKjIP structure of Perpres 29/2014 and PermenPANRB 53/2014): per government or OPD and
quarter or year — targets against realisation per indicator (targets from the program's
logframe, realisation from the rollups), then the analysis, the obstacles and the follow-up the
operator writes in the app, with a chart; as PDF and XLSX on the document toolkit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from binakinerja.core.audit import audit_record, diff
from binakinerja.core.concurrency import check_version
from binakinerja.core.documents import (
    DASH,
    FONT,
    Column,
    OfficialDocument,
    SheetWriter,
    Signer,
    grid,
    id_number,
    single_signature,
    text,
    title_block,
)
from binakinerja.monitoring.models import Indicator, MonevReport, QuarterRollup, Rollup
from binakinerja.monitoring.rollups import quarter_end
from binakinerja.performance.selectors import reads_persons_of
from binakinerja.programs.selectors import logframe_targets

# The logframe's computed sources and the rollup that realises each.
SOURCE_OF = {Indicator.JP20: "jp20", Indicator.PREDIKAT_GOOD: "predikat", Indicator.IKM: "ikm",
             Indicator.SERVICE_MINUTES: "service_time", Indicator.MENTORING: "mentoring",
             Indicator.READINESS: "readiness"}  # fmt: skip
PERIOD_NAMES = {0: "Tahunan", 1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III",
                4: "Triwulan IV"}  # fmt: skip


@dataclass
class Row:
    label: str
    target: float | None
    realisation: float | None
    higher_is_better: bool = True

    @property
    def achievement(self) -> float | None:
        """Capaian (%): realisation / target, inverted where lower is better."""
        if self.target in (None, 0) or self.realisation in (None, 0):
            return None
        ratio = (self.realisation / self.target if self.higher_is_better
                 else self.target / self.realisation)  # fmt: skip
        return round(ratio * 100, 1)


def realisation(unit, year: int, quarter: int = 0,
                today: dt.date | None = None) -> tuple[dict[str, float | None], str]:  # fmt: skip
    """The unit's indicator values for the report's period and what they are, in words: the
    year's rollups, or a quarter's kept figures (`rollups.keep_quarters`); a quarter still
    running, or one ended before figures were kept, shows the year so far and says so."""
    today = today or timezone.localdate()
    if quarter:
        kept = list(QuarterRollup.objects.filter(unit=unit, year=year, quarter=quarter))
        if kept:
            on = timezone.localdate(kept[0].kept_at)
            return ({r.indicator: r.value for r in kept},
                    _("Figures as they stood at the end of the quarter (kept on %(date)s).")
                    % {"date": date_format(on, "j F Y")})  # fmt: skip
    rows = list(Rollup.objects.filter(unit=unit, year=year))
    values = {r.indicator: r.value for r in rows}
    last = max((r.refreshed_at for r in rows), default=None)
    on = date_format(timezone.localdate(last), "j F Y") if last else DASH
    if not quarter:
        return values, _("The year's figures as last computed on %(date)s.") % {"date": on}
    if quarter_end(year, quarter) >= today:
        return values, _("The quarter is still running: the year so far, as last computed on "
                         "%(date)s.") % {"date": on}  # fmt: skip
    return values, _("The quarter's figures were not kept when it ended: the year so far, as "
                     "last computed on %(date)s.") % {"date": on}  # fmt: skip


def _rows(unit, year: int, values: dict[str, float | None]) -> list[Row]:
    """Every indicator: its target (the government's logframe, per year) beside `values`."""
    government = unit if "." not in unit.path else unit.__class__.objects.get(
        path=unit.path.split(".")[0])  # fmt: skip
    targets = logframe_targets(government, year)
    rows = []
    for indicator in Indicator:
        target, higher = targets.get(SOURCE_OF.get(indicator, ""), (None, True))
        if indicator == Indicator.SERVICE_MINUTES:
            higher = False
        rows.append(Row(str(indicator.label), target, values.get(indicator.value), higher))
    return rows


def figures_of(unit, year: int, quarter: int = 0) -> tuple[list[Row], str]:
    """The report's rows and the sentence that says what their realisation is."""
    values, basis = realisation(unit, year, quarter)
    return _rows(unit, year, values), basis


def may_write(user, unit) -> bool:
    """Operators of the OPD and admins of the government write its report."""
    return reads_persons_of(user, unit)


@transaction.atomic
def report_save(*, actor, unit, year: int, quarter: int, analysis: str, obstacles: str,
                follow_up: str, version=None) -> MonevReport:  # fmt: skip
    if not may_write(actor, unit):
        raise PermissionDenied
    if quarter not in PERIOD_NAMES:
        raise ValidationError({"quarter": _("Choose a quarter (1–4) or the year.")})
    report, _created = MonevReport.objects.select_for_update().get_or_create(
        unit=unit, year=year, quarter=quarter)  # fmt: skip
    if version is not None and not _created:
        check_version(report.version, version)
    before = {"analysis": report.analysis, "obstacles": report.obstacles,
              "follow_up": report.follow_up}  # fmt: skip
    report.analysis, report.obstacles = analysis.strip(), obstacles.strip()
    report.follow_up, report.updated_by = follow_up.strip(), actor
    if not _created:
        report.version = F("version") + 1
    report.save()
    report.refresh_from_db()
    after = {"analysis": report.analysis, "obstacles": report.obstacles,
             "follow_up": report.follow_up}  # fmt: skip
    audit_record(actor=actor, action="update", instance=report, changes=diff(before, after))
    return report


def _title(report: MonevReport) -> tuple[str, str]:
    period = PERIOD_NAMES[report.quarter]
    return (
        "Laporan Monitoring dan Evaluasi Program Pembinaan ASN Berbasis Kinerja",
        f"{report.unit.name} · {period} {report.year}",
    )


def _chart(rows: list[Row], width_mm: float) -> Drawing | None:
    shown = [(r.label, r.achievement) for r in rows if r.achievement is not None]
    if not shown:
        return None
    height = 12 + 9 * len(shown)
    drawing = Drawing(width_mm * mm, height * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = 70 * mm, 6 * mm
    chart.width, chart.height = (width_mm - 80) * mm, (height - 10) * mm
    chart.data = [[min(value, 150) for _label, value in shown]]
    chart.categoryAxis.categoryNames = [label[:40] for label, _value in shown]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 150, 25
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#0b5d3b")
    drawing.add(chart)
    return drawing


def report_pdf(report: MonevReport, *, signer: Signer | None = None) -> bytes:
    """The report as PDF; with `signer`, a signature block for them at the end (slot
    "penanggung_jawab"), where the electronic signature goes."""
    rows, basis = figures_of(report.unit, report.year, report.quarter)
    title, subtitle = _title(report)
    government = report.unit.path.split(".")[0]
    document = OfficialDocument(
        title=f"{title} · {subtitle}",
        government=report.unit.__class__.objects.get(path=government).name,
        version=str(report.version), printed_at=timezone.localdate(),
    )  # fmt: skip
    columns = [Column("No", 10, "centre"), Column("Indikator", 80), Column("Target", 28, "right"),
               Column("Realisasi", 28, "right"), Column("Capaian (%)", 34, "right")]  # fmt: skip
    table = [[n, r.label, id_number(r.target, 2), id_number(r.realisation, 2),
              id_number(r.achievement, 1)] for n, r in enumerate(rows, start=1)]  # fmt: skip
    story = [*title_block(title, subtitle), text("A. Capaian Kinerja", "heading"),
             text(basis, "small"), grid(columns, table)]  # fmt: skip
    chart = _chart(rows, document.width_mm)
    if chart is not None:
        story += [Spacer(1, 3 * mm), text("Capaian terhadap target (%)", "small"), chart]
    for heading, body in (("B. Analisis Capaian", report.analysis),
                          ("C. Hambatan", report.obstacles),
                          ("D. Tindak Lanjut", report.follow_up)):  # fmt: skip
        story += [text(heading, "heading"), text(body or DASH)]
    if signer is not None:
        story.append(single_signature(signer))
    return document.build(story)


def report_xlsx(report: MonevReport) -> bytes:
    rows, basis = figures_of(report.unit, report.year, report.quarter)
    title, subtitle = _title(report)
    sheet = SheetWriter(title, [6, 48, 14, 14, 14], sheet_title="Monev")
    sheet.title(title, subtitle)
    sheet.line("A. Capaian Kinerja", bold=True)
    sheet.line(basis)
    sheet.table(["No", "Indikator", "Target", "Realisasi", "Capaian (%)"],
                [[n, r.label, r.target, r.realisation, r.achievement]
                 for n, r in enumerate(rows, start=1)])  # fmt: skip
    for heading, body in (("B. Analisis Capaian", report.analysis),
                          ("C. Hambatan", report.obstacles),
                          ("D. Tindak Lanjut", report.follow_up)):  # fmt: skip
        sheet.blank()
        sheet.line(heading, bold=True)
        sheet.line(body or DASH)
    return sheet.to_bytes()
