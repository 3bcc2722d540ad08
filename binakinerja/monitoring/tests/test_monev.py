"""Monev reports: targets from the logframe against the rollups' realisation, the three texts
written by the OPD's operator (versioned, audited), and the PDF and XLSX in the LKjIP order."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import xlsx_sheet
from binakinerja.monitoring import monev
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
    rows = {row.label: row for row in monev.rows_of(w.dinkes, w.year)}
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
