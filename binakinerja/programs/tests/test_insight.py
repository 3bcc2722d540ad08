"""The program's figures: readiness per unit and its masking, the signals of every unit in a
fixed number of queries, collaboration, the logframe, and the home-page tasks."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from binakinerja.core.home import tasks_for
from binakinerja.core.scoping import reach_of
from binakinerja.core.testing import make_employee, make_user
from binakinerja.programs import insight, rules, services
from binakinerja.programs.models import Indicator, ReadinessResponse
from binakinerja.programs.testing import build_program_world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def w(world):
    return build_program_world(world)


def _respondents(w, unit, n, low="ability", high=4):
    """`n` ASN of `unit` who answered, each 2 on `low` and `high` elsewhere."""
    for i in range(n):
        employee = make_employee(unit, f"Responden {i}")
        profile = rules.adkar_profile({d: [2 if d == low else high] for d in rules.DIMENSIONS})
        ReadinessResponse.objects.create(
            program=w.program, employee=employee, unit=unit, answered_on=TODAY,
            answers={}, index=profile.index, barrier=profile.barrier or "",
            **profile.dimensions,
        )  # fmt: skip


def test_unit_readiness_is_the_mean_of_its_respondents_with_the_barrier(w):
    _respondents(w, w.puskesmas, 5, low="ability")
    readiness = insight.readiness_by_unit(w.program, [w.dinkes.path])[w.dinkes.path]
    # the fixture's ASN (desire 2) and five with ability 2: each index is (25 + 4 × 75) / 5
    assert readiness.respondents == 6
    assert readiness.index == 65
    assert readiness.dimensions["desire"] == pytest.approx((25 + 5 * 75) / 6, abs=0.1)
    assert readiness.barrier == "ability"  # desire's unit mean is above 3.0, ability's is not


def test_signals_of_a_unit_with_low_readiness_and_a_barrier(w):
    _respondents(w, w.puskesmas, 5, low="awareness", high=3)  # index 45 each
    rows = {row.phase_unit.unit_id: row for row in insight.unit_rows(w.program, list(
        w.program.units.select_related("phase", "unit")))}  # fmt: skip
    codes = {signal.code for signal in rows[w.dinkes.pk].signals}
    assert {"readiness", "barrier"} <= codes
    assert rows[w.dinkes.pk].open_actions == 1
    assert rows[w.dinkes.pk].facts.attendees == 1
    assert not {"readiness", "barrier"} & {s.code for s in rows[w.dikbud.pk].signals}


def test_unit_rows_cost_the_same_queries_for_one_unit_or_many(w):
    services.phase_save(actor=w.admin, program=w.program, number=3, start=TODAY,
                        end=TODAY + dt.timedelta(days=30), units=[w.puskesmas])  # fmt: skip
    units = list(w.program.units.select_related("phase", "unit"))
    with CaptureQueriesContext(connection) as computing:
        insight.unit_rows(w.program, units[:1])  # the day's first reading keeps the facts
    with CaptureQueriesContext(connection) as one:
        insight.unit_rows(w.program, units[:1])
    with CaptureQueriesContext(connection) as every:
        insight.unit_rows(w.program, units)
    assert len(units) == 3
    assert len(one) == len(every) <= 6 < len(computing) <= 20


def _staff(w, unit, today=None) -> int:
    rows = insight.unit_rows(w.program, list(w.program.units.select_related("phase", "unit")),
                             today=today)  # fmt: skip
    return next(row.facts.employees for row in rows if row.phase_unit.unit_id == unit.pk)


def test_facts_of_other_modules_are_kept_for_the_day_and_read_again_on_request(w):
    before = _staff(w, w.dikbud)
    make_employee(w.dikbud, "Guru Baru")
    assert _staff(w, w.dikbud) == before  # kept from the day's first reading
    facts = insight.program_facts(w.program, refresh=True)
    assert facts.units[w.dikbud.path]["employees"] == before + 1
    make_employee(w.dikbud, "Guru Lain")
    assert _staff(w, w.dikbud, today=TODAY + dt.timedelta(days=1)) == before + 2  # a new day


def test_facts_are_read_again_when_the_program_units_change(w):
    insight.program_facts(w.program)
    services.phase_save(actor=w.admin, program=w.program, number=3, start=TODAY,
                        end=TODAY + dt.timedelta(days=30), units=[w.puskesmas])  # fmt: skip
    facts = insight.program_facts(w.program)
    assert w.puskesmas.path in facts.units
    # the puskesmas is now its own unit: its ASN are no longer counted in its Dinas
    assert facts.units[w.dinkes.path]["employees"] + facts.units[w.puskesmas.path][
        "employees"] == insight.compute_program_facts(
            w.program, [w.dinkes.path], TODAY)["units"][w.dinkes.path]["employees"]  # fmt: skip


def test_the_coordinator_reads_the_facts_again_from_the_page(client, w):
    url = reverse("programs:program_detail", args=[w.program.pk])
    client.force_login(w.admin)
    assert "Baca ulang fakta sekarang" in client.get(url).content.decode()
    make_employee(w.dikbud, "Guru Baru")
    response = client.post(reverse("programs:facts_refresh", args=[w.program.pk]))
    assert response.status_code == 302
    kept = w.program.facts_snapshot
    kept.refresh_from_db()
    assert kept.data["units"][w.dikbud.path]["employees"] == _staff(w, w.dikbud)
    client.force_login(w.pimpinan)
    assert "Baca ulang fakta sekarang" not in client.get(url).content.decode()


def test_small_groups_are_hidden_from_pimpinan_but_not_from_the_coordinator(client, w):
    url = reverse("programs:program_detail", args=[w.program.pk])
    client.force_login(w.pimpinan)
    page = client.get(url).content.decode()
    assert "&lt; 5" in page
    assert '<td class="num">65' not in page and w.operator_a.username not in page
    client.force_login(w.admin)
    page = client.get(url).content.decode()
    assert '<td class="num">65 <span class="small muted">(1)</span>' in page
    assert w.operator_a.username in page  # the open action's owner


def test_an_operator_reads_only_the_units_of_their_opd(client, w):
    client.force_login(w.operator_b)
    page = client.get(reverse("programs:program_detail", args=[w.program.pk])).content.decode()
    assert "Dinas Pendidikan dan Kebudayaan" in page
    assert "<td>Dinas Kesehatan</td>" not in page


def test_collaboration_counts_median_days_per_quarter(w):
    services.case_resolve(actor=w.admin, case=w.case, resolution="ok", resolved_on=TODAY,
                          version=w.case.version)  # fmt: skip
    second = services.case_create(actor=w.admin, program=w.program, title="Ambulans sekolah",
                                  agencies=[w.dinkes, w.dikbud],
                                  raised_on=TODAY - dt.timedelta(days=15))  # fmt: skip
    services.case_resolve(actor=w.admin, case=second, resolution="ok", resolved_on=TODAY,
                          version=second.version)  # fmt: skip
    figures = insight.collaboration(w.program)
    assert figures.median_days == 10  # 5 and 15 days
    assert figures.open_cases == 0
    assert figures.quarters[-1]["resolved"] == 2


def test_logframe_reads_computed_and_entered_values(w):
    _respondents(w, w.puskesmas, 5)
    services.indicator_value_set(actor=w.admin, indicator=w.entered, year=TODAY.year, value="6",
                                 note="SK")  # fmt: skip
    rows = {row.indicator.source: row for row in insight.logframe(w.program)}
    assert rows[Indicator.Source.READINESS].values[TODAY.year] == 65
    assert rows[Indicator.Source.READINESS].values[TODAY.year + 1] is None  # not begun
    assert rows[Indicator.Source.ENTERED].values[TODAY.year] == 6
    assert rows[Indicator.Source.ENTERED].met[TODAY.year] is True  # target 5
    assert set(rows) >= {"jp20", "predikat", "ikm", "service_time", "mentoring"}


def test_service_time_is_the_mean_minutes_from_arrival_to_the_end_of_service(w):
    from binakinerja.satisfaction.models import Service, ServiceUnit, ServiceVisit
    from binakinerja.satisfaction.selectors import mean_service_minutes

    assert mean_service_minutes(w.prov, TODAY.year) is None
    service_unit = ServiceUnit.objects.create(unit=w.puskesmas)
    service = Service.objects.create(service_unit=service_unit, name="Poli umum")
    came = timezone.now().replace(month=3, day=2, hour=8, minute=0, second=0, microsecond=0)
    for minutes in (20, 45):
        ServiceVisit.objects.create(
            service=service, arrived_at=came, started_at=came + dt.timedelta(minutes=5),
            finished_at=came + dt.timedelta(minutes=minutes),
        )  # fmt: skip
    assert mean_service_minutes(w.prov, came.year) == 32.5
    assert insight.computed_value(w.program, Indicator.Source.SERVICE_TIME, came.year) == 32.5


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_home_tasks_for_the_owner_the_asn_and_the_operator(w, english):
    titles = [t.title for t in tasks_for(w.operator_a, reach_of(w.operator_a))]
    assert "Carry out a support action" in titles
    newcomer = make_user("perawat_baru")
    make_employee(w.puskesmas, "Perawat Baru", user=newcomer)
    titles = [t.title for t in tasks_for(newcomer, reach_of(newcomer))]
    assert any("readiness questionnaire" in t for t in titles)
    assert not any("readiness" in t.title for t in tasks_for(w.asn_user, reach_of(w.asn_user)))
    services.unit_status_set(actor=w.admin, phase_unit=w.dikbud_unit, status="socialisation",
                             on=TODAY, version=w.dikbud_unit.version)  # fmt: skip
    titles = [t.title for t in tasks_for(w.operator_b, reach_of(w.operator_b))]
    assert "Hold the socialisation of a unit" in titles
    assert "A coordination case involves your OPD" in titles
