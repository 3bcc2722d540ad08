"""The rollups equal a direct computation from the source tables, per OPD and for the
government, and a refresh replaces a government-year's rows whole."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from binakinerja.budgets.models import BudgetLine
from binakinerja.monitoring import rollups
from binakinerja.monitoring.models import Indicator, QuarterRollup, Rollup
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.programs.models import ReadinessResponse
from binakinerja.trainings.models import JpRecord

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    from binakinerja.budgets.testing import build_budget_world
    from binakinerja.programs.testing import build_program_world

    w = build_budget_world(build_program_world(world))
    for employee, jp in ((w.asn, 24), (w.asn_peer, 10), (w.teacher, 20)):
        JpRecord.objects.create(
            employee=employee, title="Pelatihan", form_code="KL01", jenis_diklat_id=1,
            start=dt.date(YEAR, 1, 2), end=dt.date(YEAR, 1, 5), year=YEAR, jp=Decimal(jp),
            source=JpRecord.Source.OUTSIDE,
        )  # fmt: skip
    return w


def _staff(unit) -> list[Employee]:
    return list(Employee.objects.filter(unit__path__startswith=unit.path)
                .exclude(state__in=GONE_STATES))  # fmt: skip


def _jp(employee) -> Decimal:
    return sum((r.jp for r in JpRecord.objects.filter(employee=employee, year=YEAR)), Decimal(0))


def _value(unit, indicator):
    return Rollup.objects.get(unit=unit, year=YEAR, indicator=indicator).value


def test_rollups_equal_a_direct_computation(w):
    written = rollups.refresh(w.prov, YEAR)
    assert written == Rollup.objects.filter(instansi=w.prov, year=YEAR).count() > 0
    for unit in (w.prov, w.dinkes, w.dikbud):
        staff = _staff(unit)
        reached = sum(1 for e in staff if _jp(e) >= 20)
        assert _value(unit, Indicator.JP20) == round(100 * reached / len(staff), 2)
        total = sum((_jp(e) for e in staff), Decimal(0))
        assert _value(unit, Indicator.JP_MEAN) == round(float(total) / len(staff), 2)
        lines = BudgetLine.objects.filter(instansi=w.prov, year=YEAR,
                                          opd__path__startswith=unit.path)  # fmt: skip
        pagu = sum(line.pagu for line in lines)
        realised = sum(line.realised for line in lines)
        assert _value(unit, Indicator.ABSORPTION) == round(float(100 * realised / pagu), 2)
    answers = list(
        ReadinessResponse.objects.filter(is_current=True, unit__path__startswith=w.dinkes.path)
    )
    assert _value(w.dinkes, Indicator.READINESS) == round(
        sum(a.index for a in answers) / len(answers), 2)  # fmt: skip
    people = Rollup.objects.get(unit=w.dinkes, year=YEAR, indicator=Indicator.JP20).people
    assert people == len(_staff(w.dinkes))


def test_a_refresh_replaces_the_rows_whole(w):
    rollups.refresh(w.prov, YEAR)
    before = _value(w.dikbud, Indicator.JP20)
    JpRecord.objects.filter(employee=w.teacher).delete()
    assert _value(w.dikbud, Indicator.JP20) == before  # read from the kept table
    call_command("monitoring_refresh", year=[YEAR], stdout=open("/dev/null", "w"))
    assert _value(w.dikbud, Indicator.JP20) == 0
    assert Rollup.objects.filter(instansi=w.prov, year=YEAR).values("unit", "indicator").count() \
        == Rollup.objects.filter(instansi=w.prov, year=YEAR).count()  # fmt: skip


def test_quarter_ends():
    assert [rollups.quarter_end(2026, q) for q in (1, 2, 3, 4)] == [
        dt.date(2026, 3, 31),
        dt.date(2026, 6, 30),
        dt.date(2026, 9, 30),
        dt.date(2026, 12, 31),
    ]
    assert rollups.ended_quarters(dt.date(2026, 3, 31)) == [(2025, 4)]
    assert rollups.ended_quarters(dt.date(2026, 4, 1)) == [(2025, 4), (2026, 1)]
    assert rollups.ended_quarters(dt.date(2026, 12, 31)) == [(2025, 4), (2026, 1), (2026, 2),
                                                             (2026, 3)]  # fmt: skip


def test_a_quarter_is_kept_once_as_it_stood_when_it_ended(w):
    rollups.refresh(w.prov, YEAR)
    kept = rollups.keep_quarter(w.prov, YEAR, 1)
    assert kept == Rollup.objects.filter(instansi=w.prov, year=YEAR).count() > 0
    kept_rows = QuarterRollup.objects.filter(instansi=w.prov, year=YEAR, quarter=1)
    first = {(r.unit_id, r.indicator): r.value for r in kept_rows}
    assert first == {(r.unit_id, r.indicator): r.value
                     for r in Rollup.objects.filter(instansi=w.prov, year=YEAR)}  # fmt: skip
    JpRecord.objects.filter(employee=w.teacher).delete()
    rollups.refresh(w.prov, YEAR)
    assert _value(w.dikbud, Indicator.JP20) == 0
    assert rollups.keep_quarter(w.prov, YEAR, 1) == 0  # kept before: left as it was
    again = QuarterRollup.objects.get(unit=w.dikbud, year=YEAR, quarter=1, indicator="jp20")
    assert again.value == first[(w.dikbud.pk, "jp20")] > 0


def test_the_daily_task_keeps_the_quarters_over(w):
    rollups.refresh(w.prov, YEAR)
    rollups.refresh(w.prov, YEAR - 1)
    rollups.keep_quarters(dt.date(YEAR, 7, 2))
    kept = set(QuarterRollup.objects.filter(instansi=w.prov).values_list("year", "quarter"))
    assert kept == {(YEAR - 1, 4), (YEAR, 1), (YEAR, 2)}
    assert rollups.keep_quarters(dt.date(YEAR, 7, 3)) == 0
