"""Monev reports: targets from the logframe against the rollups' realisation, the three texts
written by the OPD's operator (versioned, audited), and the PDF and XLSX in the LKjIP order."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import xlsx_sheet
from binakinerja.monitoring import monev, rollups
from binakinerja.monitoring.models import Indicator, Rollup
from binakinerja.monitoring.testing import build_monitoring_world
from binakinerja.programs import services as program_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    return build_monitoring_world(world)


def test_rows_put_the_logframe_target_beside_the_realisation(w):
    jp20 = w.program.indicators.get(source="jp20")
    program_services.indicator_save(
        actor=w.admin, program=w.program, indicator=jp20, level=jp20.level, name=jp20.name,
        source="jp20", unit_label="%", higher_is_better=True, baseline=None,
        targets={w.year: 80},
    )  # fmt: skip
    rows = {row.label: row for row in monev.figures_of(w.dinkes, w.year)[0]}
    row = rows[str(Indicator.JP20.label)]
    realised = Rollup.objects.get(unit=w.dinkes, year=w.year, indicator="jp20").value
    assert (row.target, row.realisation) == (80.0, realised)
    assert row.achievement == (round(realised / 80 * 100, 1) if realised else None)
    lower = monev.Row("Waktu layanan", target=30, realisation=40, higher_is_better=False)
    assert lower.achievement == 75.0  # lower is better: 30 / 40


def test_the_operator_writes_the_report_and_downloads_it(client, w):
    with pytest.raises(PermissionDenied):
        monev.report_save(actor=w.pimpinan, unit=w.dinkes, year=w.year, quarter=2,
                          analysis="x", obstacles="", follow_up="")  # fmt: skip
    client.force_login(w.operator_a)
    url = reverse("monitoring:monev", args=[w.dinkes.pk, w.year, 2])
    response = client.post(url, {"analysis": "Capaian JP naik.", "obstacles": "Sinyal lemah.",
                                 "follow_up": "Pelatihan daring."})  # fmt: skip
    assert response.status_code == 302
    report = monev.MonevReport.objects.get(unit=w.dinkes, year=w.year, quarter=2)
    assert report.obstacles == "Sinyal lemah." and report.version == 1
    response = client.post(url, {"analysis": "Lama", "obstacles": "", "follow_up": "",
                                 "version": "0"})  # fmt: skip
    assert response.status_code == 200  # a stale version: nothing overwritten
    report.refresh_from_db()
    assert report.analysis == "Capaian JP naik."
    assert AuditLog.objects.filter(object_type="monitoring.monevreport").exists()
    pdf = client.get(url + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    rows = xlsx_sheet(client.get(url + "?format=xlsx"))
    texts = [row[0] for row in rows if row and row[0]]
    assert "A. Capaian Kinerja" in texts and "D. Tindak Lanjut" in texts
    assert "Sinyal lemah." in texts


def test_a_quarter_report_reads_the_figures_kept_when_it_ended(client, w):
    rollups.refresh(w.prov, w.year)
    jp20 = Rollup.objects.get(unit=w.dinkes, year=w.year, indicator="jp20")
    today = dt.date(w.year, 5, 2)
    translation.activate("en")
    values, basis = monev.realisation(w.dinkes, w.year, 1, today=today)
    assert values["jp20"] == jp20.value and "not kept" in basis
    values, basis = monev.realisation(w.dinkes, w.year, 2, today=today)
    assert "still running" in basis
    rollups.keep_quarter(w.prov, w.year, 1)
    Rollup.objects.filter(pk=jp20.pk).update(numerator=0)  # the year moves on
    values, basis = monev.realisation(w.dinkes, w.year, 1, today=today)
    assert values["jp20"] == jp20.value and "end of the quarter" in basis
    assert monev.realisation(w.dinkes, w.year, 0)[0]["jp20"] == 0
    translation.activate("id")
    client.force_login(w.operator_a)
    page = client.get(reverse("monitoring:monev", args=[w.dinkes.pk, w.year, 1]))
    assert "akhir triwulan" in page.content.decode()
    rows = xlsx_sheet(client.get(reverse("monitoring:monev", args=[w.dinkes.pk, w.year, 1])
                                 + "?format=xlsx"))  # fmt: skip
    row = next(r for r in rows if r and r[1] == str(Indicator.JP20.label))
    assert row[3] == jp20.value


def test_the_pdf_draws_the_chart_of_achievement_against_targets(client, w):
    jp20 = w.program.indicators.get(source="jp20")
    program_services.indicator_save(
        actor=w.admin, program=w.program, indicator=jp20, level=jp20.level, name=jp20.name,
        source="jp20", unit_label="%", higher_is_better=True, baseline=None,
        targets={w.year: 80},
    )  # fmt: skip
    Rollup.objects.filter(unit=w.dinkes, year=w.year, indicator="jp20").update(numerator=1)
    rows, _basis = monev.figures_of(w.dinkes, w.year)
    assert any(row.achievement for row in rows)  # so the chart is drawn
    client.force_login(w.operator_a)
    url = reverse("monitoring:monev", args=[w.dinkes.pk, w.year, 0])
    pdf = client.get(url + "?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Capaian terhadap target (%)" in text  # the chart's caption, drawn with it
