"""Demo mentoring data (`demo/mentoring.py`): a running cycle per government, pairs from the real
matching that keep its rules, sessions whose confirmed minutes are in the JP ledger exactly as
`session_confirm` writes them, inactive pairs, and the `mentor` and `asn` logins' part."""

import datetime as dt
from collections import Counter, defaultdict

import pytest
from django.db import transaction

from binakinerja.accounts.models import RoleAssignment, User
from binakinerja.demo.budgets import budgets_reset
from binakinerja.demo.builders import seed_demo
from binakinerja.demo.mentoring import mentoring_reset, seed_mentoring
from binakinerja.demo.plan import AS_OF
from binakinerja.mentoring.matching import cycle_rules, person_facts
from binakinerja.mentoring.models import (
    Conflict,
    MentoringCycle,
    MentoringSession,
    MentorOffer,
    Pair,
    PairGoal,
)
from binakinerja.mentoring.plans import awaiting_confirmation_by
from binakinerja.mentoring.rules import mentor_eligible
from binakinerja.mentoring.selectors import inactive_pairs
from binakinerja.mentoring.services import session_confirm
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.trainings.ledger import conversion_for
from binakinerja.trainings.models import JpRecord
from binakinerja.trainings.rules import jp_of

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
    """The mentoring data without database ids: pairs by NIP with their sessions."""
    sessions = defaultdict(list)
    for row in MentoringSession.objects.order_by("date", "start_time", "pk").values_list(
        "pair_id", "date", "start_time", "minutes", "topic", "confirmed_at"
    ):
        sessions[row[0]].append(row[1:])
    return sorted(
        (mentor, mentee, cycle, status, str(score), tuple(sessions[pk]))
        for pk, mentor, mentee, cycle, status, score in Pair.objects.values_list(
            "pk", "mentor__nip", "mentee__nip", "cycle__name", "status", "score"
        )
    )


def test_one_running_cycle_per_government_run_by_its_admin(demo):
    governments = list(OrgUnit.objects.filter(parent__isnull=True))
    cycles = {cycle.instansi_id: cycle for cycle in MentoringCycle.objects.all()}
    assert len(cycles) == len(governments) == MentoringCycle.objects.count() == 7
    admins = dict(
        RoleAssignment.objects.filter(
            user__username__in=["admin.provinsi", "admin.kota"]
        ).values_list("scope_id", "user__username")
    )
    assert len(admins) == 2
    for government in governments:
        cycle = cycles[government.pk]
        assert cycle.name == f"Mentoring ASN {government.name} {AS_OF.year}"
        assert cycle.status == MentoringCycle.Status.RUNNING and cycle.opd_id is None
        assert cycle.start <= dt.date(AS_OF.year, 3, 1) and cycle.end.month == 12
        assert cycle.coordinator.username == admins.get(government.pk, "superadmin")
        assert cycle.last_run["matched"] > 0  # the review page has the run to show
        assert cycle.offers.exists()


def test_pairs_keep_the_matching_rules(demo):
    assert Pair.objects.count() > 30
    for cycle in MentoringCycle.objects.all():
        eligibility, _weights, match_settings = cycle_rules(cycle)
        capacity = dict(cycle.offers.values_list("mentor_id", "capacity"))
        pairs = list(cycle.pairs.select_related("mentee"))
        load = Counter(pair.mentor_id for pair in pairs)
        assert all(load[mentor] <= capacity[mentor] for mentor in load)  # every mentor offered
        conflicts = set(Conflict.objects.filter(cycle=cycle).values_list("mentor_id", "mentee_id"))
        for pair in pairs:
            assert pair.mentor_id != pair.mentee_id
            assert (pair.mentor_id, pair.mentee_id) not in conflicts
            if match_settings.forbid_direct_atasan:
                assert pair.mentee.supervisor_id != pair.mentor_id
            assert set(pair.score_parts) == {"coverage", "same_field", "place", "cross_opd",
                                             "total"}  # fmt: skip
        facts = person_facts(load, cycle.year, cycle=cycle)
        assert not [m for m in load if mentor_eligible(facts[m], eligibility)]
        mentees = Counter(p.mentee_id for p in pairs if p.status in Pair.LIVE)
        assert max(mentees.values(), default=1) == 1
    statuses = Counter(Pair.objects.values_list("status", flat=True))
    assert statuses[Pair.Status.ACTIVE] > sum(statuses.values()) / 2
    for status in (Pair.Status.PROPOSED, Pair.Status.ACCEPTED, Pair.Status.CLOSED):
        assert 0 < statuses[status] < statuses[Pair.Status.ACTIVE]
    assert not Pair.objects.filter(status=Pair.Status.CLOSED, reflection="").exists()
    live = Pair.objects.exclude(status=Pair.Status.PROPOSED)
    assert PairGoal.objects.filter(pair__in=live).values("pair").distinct().count() > (
        live.count() * 0.8
    )


def test_confirmed_sessions_have_exactly_one_jp_record_as_session_confirm_writes_it(demo):
    conversion = conversion_for("NKL02")
    confirmed = MentoringSession.objects.filter(confirmed_at__isnull=False).select_related(
        "pair__mentor", "pair__cycle"
    )
    records = {r.source_ref: r for r in JpRecord.objects.filter(source="mentoring")}
    assert confirmed.count() == len(records) > 100
    for session in confirmed:
        record = records[f"mentoring.mentoringsession:{session.pk}"]
        assert session.jp_record_ref == f"trainings.jprecord:{record.pk}"
        assert record.employee_id == session.pair.mentee_id
        assert record.form_code == "NKL02" and record.jenis_diklat_id == 15
        assert record.minutes == session.minutes
        assert record.jp == jp_of(session.minutes, conversion)
        assert record.start == record.end == session.date and record.year == session.date.year
        assert record.title == f"Mentoring: {session.topic}"
        assert record.institution_name == session.pair.mentor.name
        assert record.created_by_id == session.confirmed_by_id
        assert session.date < AS_OF and session.date >= session.pair.cycle.start
    waiting = MentoringSession.objects.filter(confirmed_at__isnull=True)
    assert waiting.exists() and not waiting.exclude(jp_record_ref="").exists()

    # The service writes the same record for a session the demo left waiting.
    mentor_user = User.objects.get(username="mentor")
    pair = Pair.objects.get(mentor__user=mentor_user, mentee__user__username="asn")
    session = awaiting_confirmation_by(mentor_user, pair)[0]
    session = session_confirm(actor=mentor_user, session=session)
    service = JpRecord.objects.get(source_ref=f"mentoring.mentoringsession:{session.pk}")
    seeded = JpRecord.objects.filter(employee=pair.mentee, source="mentoring").exclude(
        pk=service.pk
    )[0]
    fields = ("employee_id", "institution_name", "form_code", "jenis_diklat_id", "source")
    assert [getattr(service, f) for f in fields] == [getattr(seeded, f) for f in fields]
    assert service.title.startswith("Mentoring: ") and seeded.title.startswith("Mentoring: ")
    assert session.jp_record_ref == f"trainings.jprecord:{service.pk}"


def test_a_few_active_pairs_are_inactive_on_the_demo_day(demo):
    active = Pair.objects.filter(status=Pair.Status.ACTIVE)
    inactive = inactive_pairs(Pair.objects.all(), today=AS_OF)
    assert 0 < inactive.count() < active.count() / 3
    # A mentor's sessions never overlap (what session_log refuses).
    seen = set()
    for mentor, date, start in MentoringSession.objects.values_list(
        "pair__mentor_id", "date", "start_time"
    ):
        assert (mentor, date, start) not in seen
        seen.add((mentor, date, start))


def test_the_mentor_and_asn_logins_have_their_part(demo):
    mentor_user = User.objects.get(username="mentor")
    asn_user = User.objects.get(username="asn")
    mentor = Employee.objects.get(user=mentor_user)
    pairs = list(Pair.objects.filter(mentor=mentor).select_related("mentee"))
    assert 2 <= len(pairs) <= 3
    offer = MentorOffer.objects.get(mentor=mentor)
    assert len(pairs) <= offer.capacity
    waiting = [p for p in pairs if p.status == Pair.Status.ACCEPTED]
    assert waiting and waiting[0].mentor_accepted_at is None and waiting[0].mentee_accepted_at

    mine = Pair.objects.get(mentee__user=asn_user)
    assert mine.status == Pair.Status.ACTIVE and mine.mentor == mentor
    assert mine.sessions.filter(confirmed_at__isnull=False).count() >= 2
    to_confirm = awaiting_confirmation_by(mentor_user, mine)
    assert len(to_confirm) == 1 and to_confirm[0].logged_by == asn_user
    assert JpRecord.objects.filter(employee=mine.mentee, source="mentoring").exists()
    assert mine.goals.exists()
    assert not inactive_pairs(Pair.objects.filter(pk=mine.pk), today=AS_OF).exists()


def test_the_same_seed_gives_the_same_mentoring_and_another_seed_does_not(demo):
    first = signature()

    def again(seed: int) -> list[tuple]:
        with transaction.atomic():
            budgets_reset()  # its lines pay for cycles, phases and events (PROTECT)
            mentoring_reset()
            JpRecord.objects.filter(source="mentoring").delete()
            seed_mentoring(seed=seed, year=AS_OF.year)
            rows = signature()
            transaction.set_rollback(True)
        return rows

    assert again(SEED) == first
    assert again(SEED + 1) != first
