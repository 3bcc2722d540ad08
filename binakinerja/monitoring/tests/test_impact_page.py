"""The program's impact from the rollups: OPDs treated from their phase's first year, the
estimate kept for the day, and a page that says what the numbers mean."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from binakinerja.monitoring import impact
from binakinerja.monitoring.models import ImpactSnapshot, Indicator, Rollup
from binakinerja.monitoring.testing import build_monitoring_world
from binakinerja.organizations.services import orgunit_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    return build_monitoring_world(world)


def _plant(w, effect: float, opds=None):
    """Six OPDs over six years: three join in the program's first year (phase 1's OPD is Dinas
    Kesehatan; two more are added to it), the others never; IKM rises 1 a year, plus `effect`
    once in the program."""
    Rollup.objects.filter(indicator=Indicator.IKM).delete()
    if opds is not None:
        _values(w, opds, effect)
        return opds
    opds = [w.dinkes, w.dikbud] + [orgunit_create(actor=None, parent=w.prov, name=f"Badan {i}")
                                   for i in range(4)]  # fmt: skip
    from binakinerja.programs import services

    services.phase_save(actor=w.admin, program=w.program, phase=w.phase1, number=1,
                        start=w.phase1.start, end=w.phase1.end,
                        units=[w.dinkes, opds[2], opds[3]], partners=[],
                        version=w.phase1.version)  # fmt: skip
    w.phase2.delete()  # Dinas Pendidikan stays outside the program in these years
    _values(w, opds, effect)
    return opds


def _values(w, opds, effect):
    start = w.phase1.start.year
    now = timezone.now()
    for i, opd in enumerate(opds):
        for year in range(start - 3, start + 3):
            treated = opd in (w.dinkes, opds[2], opds[3]) and year >= start
            value = 70 + i + (year - start) + (effect if treated else 0)
            Rollup.objects.create(instansi=w.prov, unit=opd, year=year,
                                  indicator=Indicator.IKM, numerator=Decimal(str(value)) * 10,
                                  denominator=10, people=10, refreshed_at=now)  # fmt: skip


def test_the_planted_effect_is_recovered_from_the_rollups(w):
    _plant(w, effect=4.0)
    rows = impact.outcome_rows(w.program, Indicator.IKM)
    assert sum(1 for _u, _y, treated, _v in rows if treated) == 3 * 3
    estimates, _when = impact.program_impact(w.program, refresh=True)
    assert estimates["ikm"].effect == pytest.approx(4.0, abs=1e-6)
    assert estimates["ikm"].ci_low == pytest.approx(4.0, abs=1e-6)


def test_the_estimate_is_kept_for_the_day_and_the_page_explains_it(client, w):
    opds = _plant(w, effect=2.0)
    impact.program_impact(w.program)
    kept = ImpactSnapshot.objects.get(program=w.program).computed_at
    _plant(w, effect=9.0, opds=opds)
    estimates, when = impact.program_impact(w.program)
    assert when == kept and estimates["ikm"].effect == pytest.approx(2.0, abs=1e-6)
    client.force_login(w.admin)
    response = client.post(reverse("monitoring:impact_refresh", args=[w.program.pk]))
    assert response.status_code == 302
    page = client.get(reverse("monitoring:impact", args=[w.program.pk])).content.decode()
    assert "9,00" in page or "9.00" in page
    assert "95%" in page
