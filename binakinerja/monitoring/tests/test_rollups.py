"""The rollups equal a direct computation from the source tables, per OPD and for the
government, and a refresh replaces a government-year's rows whole."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from binakinerja.budgets.models import BudgetLine
from binakinerja.monitoring import rollups
from binakinerja.monitoring.models import Indicator, Rollup
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
