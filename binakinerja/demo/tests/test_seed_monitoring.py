"""Demo monitoring history (`demo/monitoring.py`): four years of rollups for every government,
computed by `rollups.refresh` from real source data of the years before the demo's (SKP
assessments, JP records, survey answers and visits), and the effect planted in the program's
OPDs found again by the impact estimator."""

import datetime as dt

import pytest
from django.db import transaction

from binakinerja.demo.builders import seed_demo
from binakinerja.demo.management.commands.seed_demo import monitoring_line
from binakinerja.demo.monitoring import (
    PLANTED,
    PLANTED_IKM,
    PLANTED_JP_MEAN,
    PLANTED_SERVICE_MINUTES,
    monitoring_reset,
    seed_monitoring,
)
from binakinerja.demo.plan import AS_OF
from binakinerja.demo.satisfaction import seed_satisfaction
from binakinerja.monitoring import impact, rollups
from binakinerja.monitoring.models import Rollup
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.models import Period, SkpAssessment
from binakinerja.performance.rules import predikat_kinerja
from binakinerja.programs.models import Program
from binakinerja.satisfaction.models import ServiceVisit, SurveyPeriod, SurveyResponse
from binakinerja.trainings.models import JpRecord

ASN = 800  # at 300 most OPDs have one or two ASN: a predikat share is then 0, 50 or 100%
SEED = 11
YEARS = list(range(AS_OF.year - 3, AS_OF.year + 1))
EARLIER = YEARS[:-1]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(asn=ASN, seed=SEED)
        seed_satisfaction(seed=SEED)
        yield seed_monitoring(seed=SEED)
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return seeded


def province() -> OrgUnit:
    return OrgUnit.objects.get(name="Pemerintah Provinsi Gorontalo")


def values(government: OrgUnit) -> dict[tuple, tuple]:
    return {
        (r.unit_id, r.year, r.indicator): (r.numerator, r.denominator, r.people)
        for r in Rollup.objects.filter(instansi=government)
    }


def test_every_government_has_rollups_of_four_years_for_each_outcome(demo):
    governments = list(OrgUnit.objects.filter(parent__isnull=True))
    assert len(governments) == demo["governments"] == 7
    assert demo["rollups"] == Rollup.objects.count()
    assert (demo["first_year"], demo["last_year"]) == (YEARS[0], YEARS[-1])
    for government in governments:
        found = set(Rollup.objects.filter(instansi=government).values_list("year", flat=True))
        assert found == set(YEARS), government
        opds = OrgUnit.objects.filter(parent=government).count()
        for code in PLANTED:
            for year in YEARS:
                rows = Rollup.objects.filter(instansi=government, year=year, indicator=code)
                assert rows.filter(unit=government).exists(), (government, code, year)
                # Every OPD has an IKM and a service time; JP and predikat where it has ASN.
                assert rows.exclude(unit=government).count() >= opds * 0.6, (code, year)


def test_the_rollups_are_what_refresh_computes_from_the_source_data(demo):
    government = province()
    before = values(government)
    for year in YEARS:
        rollups.refresh(government, year)
    assert values(government) == before


def test_the_earlier_years_hold_assessments_jp_survey_answers_and_visits(demo):
    annual = SkpAssessment.objects.filter(period__kind=Period.Kind.ANNUAL).select_related("skp")
    for year in EARLIER:
        assessments = list(annual.filter(period__year=year))
        assert assessments and all(a.period.status == "closed" for a in assessments)
        for a in assessments:
            assert a.predikat == predikat_kinerja(a.hasil_kerja, a.perilaku_kerja)
            assert a.skp.year == year and a.skp.status == "assessed"
            assert a.assessed_by_id == a.skp.atasan_id
        assert JpRecord.objects.filter(year=year).exists()
        periods = SurveyPeriod.objects.filter(year=year)
        assert periods.exists() and not periods.filter(status="open").exists()
        assert not periods.filter(published_at__isnull=True).exists()
        assert SurveyResponse.objects.filter(period__year=year, status="valid").exists()
        assert ServiceVisit.objects.filter(arrived_at__year=year).exists()
    # The demo year's annual assessments: on its assessed SKPs only.
    current = annual.filter(period__year=AS_OF.year)
    assert current.exists() and not current.exclude(skp__status="assessed").exists()
    assert not SurveyPeriod.objects.filter(year__gt=AS_OF.year).exists()
    assert not JpRecord.objects.filter(end__gte=AS_OF).exists()
    assert not SurveyResponse.objects.filter(visit_date__gte=AS_OF).exists()
    first = dt.datetime.combine(AS_OF, dt.time(), tzinfo=dt.UTC)
    assert not ServiceVisit.objects.filter(arrived_at__gte=first).exists()


def test_the_opds_in_the_program_this_year_are_those_of_the_phases_begun(demo):
    program = Program.objects.get(instansi=province())
    starts = impact.treatment_years(program)
    begun = {pu.unit.path for pu in program.units.select_related("unit", "phase")
             if pu.phase.start.year == AS_OF.year}  # fmt: skip
    assert {path for path, year in starts.items() if year <= AS_OF.year} == begun
    assert demo["treated"] >= len(begun) > 0


def test_the_impact_estimate_finds_the_planted_effects(demo):
    program = Program.objects.get(instansi=province())
    estimates, _at = impact.program_impact(program, refresh=True)
    for code, planted in PLANTED.items():
        estimate = estimates[code]
        assert estimate.effect is not None, (code, estimate.message)
        assert estimate.ci_low is not None, (code, estimate.message)
        assert estimate.ci_low <= planted <= estimate.ci_high, (code, estimate)
    # Survey answers and visit times are written to the model's value of each OPD and year.
    assert estimates["ikm"].effect == pytest.approx(PLANTED_IKM, abs=0.02)
    assert estimates["service_minutes"].effect == pytest.approx(PLANTED_SERVICE_MINUTES, abs=0.5)
    assert estimates["jp_mean"].effect == pytest.approx(PLANTED_JP_MEAN, abs=1.5)


def test_the_summary_line_names_the_planted_effects(demo):
    line = monitoring_line(demo, 1.25)
    assert line.startswith("Monitoring (1.2 detik): ")
    assert f"{demo['rollups']} rekap indikator {YEARS[0]}–{YEARS[-1]}" in line
    assert "predikat Baik ke atas +8 poin, IKM +0,24, waktu layanan -8 menit, JP +6 per ASN" in line


def test_reset_deletes_the_rollups(demo):
    with transaction.atomic():
        monitoring_reset()
        assert not Rollup.objects.exists()
        transaction.set_rollback(True)
    assert Rollup.objects.exists()
