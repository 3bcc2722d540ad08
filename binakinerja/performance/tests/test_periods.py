import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from binakinerja.core.models import AuditLog
from binakinerja.performance.models import Period
from binakinerja.performance.rules import period_dates
from binakinerja.performance.services import (
    period_close,
    period_open_year,
    period_reopen,
    period_require_open,
)


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        ("q1", dt.date(2028, 1, 1), dt.date(2028, 3, 31)),
        ("q2", dt.date(2028, 4, 1), dt.date(2028, 6, 30)),
        ("q3", dt.date(2028, 7, 1), dt.date(2028, 9, 30)),
        ("q4", dt.date(2028, 10, 1), dt.date(2028, 12, 31)),
        ("annual", dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
    ],
)
def test_period_dates(kind, start, end):
    assert period_dates(2028, kind) == (start, end)


def test_unknown_period_kind_is_refused():
    with pytest.raises(ValidationError):
        period_dates(2026, "q5")


def test_opening_a_year_creates_four_quarters_and_the_annual_period(world):
    periods = period_open_year(actor=world.admin, instansi=world.prov, year=2026)
    assert [p.kind for p in periods] == ["q1", "q2", "q3", "q4", "annual"]
    assert all(p.is_open for p in periods)
    assert AuditLog.objects.filter(object_type="performance.period").count() == 1


def test_opening_the_same_year_twice_writes_nothing_more(world):
    period_open_year(actor=world.admin, instansi=world.prov, year=2026)
    with pytest.raises(ValidationError):
        period_open_year(actor=world.admin, instansi=world.prov, year=2026)
    assert Period.objects.count() == 5


def test_periods_belong_to_a_government(world):
    with pytest.raises(ValidationError):
        period_open_year(actor=world.admin, instansi=world.dinkes, year=2026)
    assert not Period.objects.exists()


def test_close_then_reopen_with_reason_is_audited(world):
    q1 = period_open_year(actor=world.admin, instansi=world.prov, year=2026)[0]
    period_close(actor=world.admin, period=q1)
    q1.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        period_require_open(q1)
    assert caught.value.error_list[0].code == "period_closed"
    with pytest.raises(ValidationError):
        period_reopen(actor=world.admin, period=q1, reason="  ")
    q1.refresh_from_db()
    assert not q1.is_open
    period_reopen(actor=world.admin, period=q1, reason="Koreksi realisasi Dinas Kesehatan")
    q1.refresh_from_db()
    assert q1.is_open
    entries = AuditLog.objects.filter(object_type="performance.period", object_id=str(q1.pk))
    assert [e.changes["status"] for e in entries.order_by("id")] == [
        ["open", "closed"],
        ["closed", "open"],
    ]
    assert entries.order_by("id").last().reason == "Koreksi realisasi Dinas Kesehatan"


def test_closing_a_closed_period_is_refused(world):
    q2 = period_open_year(actor=world.admin, instansi=world.prov, year=2026)[1]
    period_close(actor=world.admin, period=q2)
    with pytest.raises(ValidationError):
        period_close(actor=world.admin, period=q2)
