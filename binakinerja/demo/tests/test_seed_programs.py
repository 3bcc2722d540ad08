"""Demo program data (`demo/programs.py`): a running three-phase program per government with
Pendidikan and Kesehatan first and the rest in a seeded random order, socialisation attended by
a share of each OPD, readiness answers whose profile is `adkar_profile`'s, support actions where
readiness stalls, and coordination cases between OPDs."""

import datetime as dt
from collections import Counter

import pytest
from django.conf import settings
from django.db import transaction

from binakinerja.accounts.models import RoleAssignment
from binakinerja.core.models import AuditLog
from binakinerja.demo.budgets import budgets_reset
from binakinerja.demo.builders import seed_demo
from binakinerja.demo.plan import AS_OF
from binakinerja.demo.programs import programs_reset, seed_programs
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.programs import insight, rules
from binakinerja.programs.models import (
    CoordinationCase,
    PhaseUnit,
    Program,
    ReadinessItem,
    ReadinessResponse,
    SocialisationAttendance,
    SocialisationEvent,
    SupportAction,
)
from binakinerja.programs.selectors import signal_limits

ASN = 300  # as the other demo tests: cheap to seed
SEED = 11


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(asn=ASN, seed=SEED)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return None


def signature() -> list[tuple]:
    """The program data without database ids."""
    units = sorted(PhaseUnit.objects.values_list("program__instansi__name", "phase__number",
                                                 "unit__name", "status"))  # fmt: skip
    answers = sorted(ReadinessResponse.objects.values_list("employee__nip", "answered_on", "index",
                                                           "barrier", "is_current"))  # fmt: skip
    attendance = sorted(SocialisationAttendance.objects.values_list("event__title", "event__date",
                                                                    "employee__nip"))  # fmt: skip
    cases = sorted(CoordinationCase.objects.values_list("program__instansi__name", "title",
                                                        "raised_on", "resolved_on"))  # fmt: skip
    return [units, answers, attendance, cases]


def test_one_running_program_per_government_in_three_phases(demo):
    governments = list(OrgUnit.objects.filter(parent__isnull=True))
    programs = {p.instansi_id: p for p in Program.objects.select_related("coordinator")}
    assert len(programs) == len(governments) == Program.objects.count() == 7
    admins = dict(
        RoleAssignment.objects.filter(
            user__username__in=["admin.provinsi", "admin.kota"]
        ).values_list("scope_id", "user__username")
    )
    for government in governments:
        program = programs[government.pk]
        year = AS_OF.year
        assert program.name == f"Program Pembinaan ASN Berbasis Kinerja {year}–{year + 2}"
        assert (program.start_year, program.end_year) == (year, year + 2)
        assert program.status == Program.Status.RUNNING
        assert program.coordinator.username == admins.get(government.pk, "superadmin")
        assert program.items.count() == 10 and program.indicators.count() == 7
        phases = list(program.phases.all())
        assert [p.number for p in phases] == [1, 2, 3]
        assert phases[0].start < AS_OF - dt.timedelta(days=90)
        assert AS_OF - dt.timedelta(days=30) <= phases[1].start <= AS_OF < phases[2].start
        assert all(p.partners and p.quota for p in phases)

        # Every OPD in exactly one phase; Pendidikan and Kesehatan (with their puskesmas) first.
        opds = set(OrgUnit.objects.filter(parent=government).values_list("pk", flat=True))
        placed = dict(program.units.values_list("unit_id", "phase__number"))
        assert set(placed) == opds
        first = sorted(OrgUnit.objects.filter(pk__in=[u for u, n in placed.items() if n == 1])
                       .values_list("name", flat=True))  # fmt: skip
        assert first == ["Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan"]
        sizes = Counter(placed.values())
        assert abs(sizes[2] - sizes[3]) <= 1
        statuses = {n: set(program.units.filter(phase__number=n).values_list("status", flat=True))
                    for n in (1, 2, 3)}  # fmt: skip
        assert statuses == {1: {"running"}, 2: {"socialisation"}, 3: {"not_started"}}
        assert not program.units.filter(phase__number=1, running_on__isnull=True).exists()

        # The random order is the planner's for the recorded seed.
        audit = AuditLog.objects.get(object_type="programs.program", object_id=str(program.pk),
                                     action="approve")  # fmt: skip
        method_seed = audit.changes["order"][1]
        assert method_seed == {"method": "random", "seed": SEED}
        rest = sorted(OrgUnit.objects.filter(pk__in=[u for u, n in placed.items() if n > 1])
                      .order_by("name").values_list("pk", flat=True),
                      key=list(OrgUnit.objects.filter(parent=government).order_by("name")
                               .values_list("pk", flat=True)).index)  # fmt: skip
        drawn = rules.plan_order(rest, 2, method="random", seed=SEED)
        assert {u: n + 1 for u, n in drawn.items()} == {u: n for u, n in placed.items() if n > 1}


def test_socialisation_reaches_a_share_of_every_opd_of_phases_one_and_two(demo):
    for phase_unit in PhaseUnit.objects.select_related("unit", "phase"):
        events = SocialisationEvent.objects.filter(program_id=phase_unit.program_id,
                                                   unit=phase_unit.unit)  # fmt: skip
        if phase_unit.phase.number == 3:
            assert not events.exists()
            continue
        assert 1 <= events.count() <= 2
        assert all(phase_unit.phase.start <= e.date < AS_OF for e in events)
        staff = Employee.objects.filter(phase_unit.unit.subtree_q("unit__")).exclude(
            state__in=GONE_STATES
        )
        present = SocialisationAttendance.objects.filter(event__in=events)
        assert not present.exclude(employee__in=staff).exists()
        if staff.count() >= 20:
            share = present.values("employee").distinct().count() / staff.count()
            assert 0.38 <= share <= 0.92
    assert SocialisationEvent.objects.filter(questions__answer="").exists()
    assert SocialisationEvent.objects.exclude(questions__answer="").exists()


def test_readiness_answers_carry_their_adkar_profile(demo):
    lead = dt.timedelta(days=settings.PROGRAMS_READINESS_LEAD_DAYS)
    responses = list(ReadinessResponse.objects.select_related("program", "unit"))
    current = [r for r in responses if r.is_current]
    assert len(current) > 100 and len(responses) > len(current)  # some answered twice
    employees = Counter(r.employee_id for r in current)
    assert max(employees.values()) == 1
    items = {str(pk): d for pk, d in ReadinessItem.objects.values_list("pk", "dimension")}
    for response in responses:
        by_dimension = {}
        for item, value in response.answers.items():
            by_dimension.setdefault(items[item], []).append(value)
        profile = rules.adkar_profile(by_dimension)
        assert len(response.answers) == 10
        assert response.index == profile.index
        assert response.barrier == (profile.barrier or "")
        assert [getattr(response, d) for d in rules.DIMENSIONS] == [
            profile.dimensions[d] for d in rules.DIMENSIONS
        ]
        phase_unit = PhaseUnit.objects.get(program=response.program,
                                           unit__path=response.unit.opd_path)  # fmt: skip
        assert phase_unit.phase.number in (1, 2)
        assert phase_unit.phase.start - lead <= response.answered_on < AS_OF


def test_some_units_stall_and_get_support(demo):
    limits = signal_limits()
    barriers, ready = Counter(), 0
    for program in Program.objects.all():
        phase_units = list(program.units.select_related("unit", "phase"))
        rows = insight.unit_rows(program, phase_units, today=AS_OF)
        for row in rows:
            if row.readiness.respondents >= limits.min_group:
                if row.readiness.barrier:
                    barriers[row.readiness.barrier] += 1
                elif row.readiness.index >= limits.readiness_index:
                    ready += 1
        flagged = {row.phase_unit.unit_id for row in rows
                   if {"readiness", "barrier"} & {s.code for s in row.signals}}  # fmt: skip
        for action in SupportAction.objects.filter(program=program):
            assert action.unit_id in flagged
            assert action.signal in ("readiness", "barrier")
            if action.status == SupportAction.Status.DONE:
                assert action.outcome and action.closed_on and action.closed_on < AS_OF
            else:
                assert action.status == "open" and action.due > AS_OF - dt.timedelta(days=30)
    assert barriers["ability"] >= 1 and len(barriers) >= 2 and ready >= 1
    statuses = Counter(SupportAction.objects.values_list("status", flat=True))
    assert statuses["open"] >= 1 and statuses["done"] >= 1


def test_coordination_cases_between_opds_mostly_resolved(demo):
    for program in Program.objects.all():
        cases = list(program.cases.prefetch_related("agencies", "steps"))
        assert 4 <= len(cases) <= 8
        for case in cases:
            agencies = list(case.agencies.all())
            assert 2 <= len(agencies) <= 3
            assert all(a.parent_id == program.instansi_id for a in agencies)
            assert AS_OF - dt.timedelta(days=366) <= case.raised_on < AS_OF
            steps = list(case.steps.all())
            assert 1 <= len(steps) <= 3
            assert all(case.raised_on <= s.date < AS_OF for s in steps)
            if case.status == CoordinationCase.Status.RESOLVED:
                assert 5 <= case.days_to_resolve <= 60 and case.resolution
                assert all(s.date <= case.resolved_on for s in steps)
            else:
                assert case.resolved_on is None
    statuses = Counter(CoordinationCase.objects.values_list("status", flat=True))
    assert statuses["resolved"] > 2 * statuses["open"]


def test_the_same_seed_gives_the_same_programs_and_another_seed_does_not(demo):
    first = signature()

    def again(seed: int) -> list:
        with transaction.atomic():
            budgets_reset()  # its lines pay for cycles, phases and events (PROTECT)
            programs_reset()
            seed_programs(seed=seed, year=AS_OF.year)
            rows = signature()
            transaction.set_rollback(True)
        return rows

    assert again(SEED) == first
    assert again(SEED + 1) != first
