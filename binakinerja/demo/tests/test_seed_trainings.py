"""Demo training data (`demo/trainings.py`): institutions, programs, two years of batches with
their outcomes and the JP ledger, consistent with the rules and the demo's day."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, Sum

from binakinerja.demo.builders import seed_demo
from binakinerja.demo.plan import AS_OF
from binakinerja.demo.trainings import REACHED_LAST_YEAR, employees_in_service
from binakinerja.trainings.models import (
    Attendance,
    Batch,
    Certificate,
    Enrolment,
    Institution,
    JpRecord,
    Program,
)
from binakinerja.trainings.rules import completed

ASN = 1200  # enough people for the 70% share to settle


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(asn=ASN, seed=11)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return None


def test_institutions_programs_and_the_co_design_states(demo):
    assert Institution.objects.filter(name="BPSDM Provinsi Gorontalo").exists()
    assert Program.objects.filter(status=Program.Status.APPROVED).count() == 30
    returned = Program.objects.get(status=Program.Status.RETURNED)
    assert returned.comments.filter(module__isnull=False).exists()
    assert Program.objects.filter(status=Program.Status.SUBMITTED).count() == 1


def test_batches_follow_the_demo_day(demo):
    for batch in Batch.objects.all():
        if batch.end < AS_OF:
            assert batch.status in (Batch.Status.FINISHED, Batch.Status.EVALUATED)
        elif batch.start > AS_OF:
            assert batch.status in (Batch.Status.OPEN, Batch.Status.PLANNED)
        assert batch.sessions.exists()
    assert {b.year for b in Batch.objects.all()} == {AS_OF.year - 1, AS_OF.year}


def test_outcomes_follow_the_completion_rule_and_earn_jp_once(demo):
    ended = Enrolment.objects.filter(
        status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.NOT_COMPLETED]
    ).select_related("batch__program")
    attended = dict(
        Attendance.objects.values("enrolment").annotate(n=Count("id")).values_list("enrolment", "n")
    )
    for enrolment in ended[:400]:
        program = enrolment.batch.program
        rule = completed(attended=attended.get(enrolment.pk, 0),
                         sessions=enrolment.batch.sessions.count(),
                         min_attendance_pct=program.min_attendance_pct,
                         post_score=enrolment.post_score, pass_mark=program.pass_mark)  # fmt: skip
        assert rule == (enrolment.status == Enrolment.Status.COMPLETED)
    done = Enrolment.objects.filter(status=Enrolment.Status.COMPLETED)
    assert Certificate.objects.filter(enrolment__in=done).count() == done.count()
    assert not Certificate.objects.exclude(enrolment__in=done).exists()
    assert not Certificate.objects.filter(signer_1="").exists()  # both signers on every one
    assert not Certificate.objects.filter(signer_2="").exists()
    credited = JpRecord.objects.filter(source=JpRecord.Source.BATCH)
    assert credited.count() == done.count()
    one = credited.first()
    enrolment = Enrolment.objects.get(pk=int(one.source_ref.split(":")[1]))
    assert one.jp == Decimal(sum(enrolment.batch.program.modules.values_list("jp", flat=True)))


def test_nobody_sits_in_two_batches_at_once(demo):
    spans = defaultdict(list)
    for employee, start, end in Enrolment.objects.values_list(
        "employee", "batch__start", "batch__end"
    ):
        spans[employee].append((start, end))
    for ranges in spans.values():
        ranges.sort()
        for (_s1, e1), (s2, _e2) in zip(ranges, ranges[1:], strict=False):
            assert e1 < s2


def test_about_seventy_percent_reach_20_jp_last_year(demo):
    people = [pk for pk, _opd, _sup in employees_in_service()]
    per = dict(
        JpRecord.objects.filter(year=AS_OF.year - 1)
        .values("employee")
        .annotate(total=Sum("jp"))
        .values_list("employee", "total")
    )
    share = sum(1 for pk in people if per.get(pk, 0) >= 20) / len(people)
    assert abs(share - REACHED_LAST_YEAR) < 0.06


def test_the_demo_logins_have_their_part(demo):
    asn = Enrolment.objects.filter(employee__user__username="asn")
    assert asn.filter(status=Enrolment.Status.ENROLLED, batch__status=Batch.Status.OPEN).exists()
    assert Certificate.objects.filter(enrolment__employee__user__username="asn",
                                      status=Certificate.Status.ISSUED).exists()  # fmt: skip
    assert Enrolment.objects.filter(
        employee__supervisor__user__username="atasan", status=Enrolment.Status.NOMINATED
    ).exists()


def test_evaluations_l1_for_ended_batches_and_l3_three_months_on(demo):
    from binakinerja.trainings.models import BehaviourSurvey, ReactionResponse
    from binakinerja.trainings.rules import add_months, impact_band, impact_score

    ended = Enrolment.objects.filter(
        status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.NOT_COMPLETED]
    )
    reactions = ReactionResponse.objects.filter(enrolment__in=ended)
    assert 0.75 < reactions.count() / ended.count() < 0.95
    assert not ReactionResponse.objects.exclude(enrolment__in=ended).exists()
    answered = BehaviourSurvey.objects.exclude(submitted_at=None).select_related(
        "enrolment__batch", "enrolment__employee"
    )
    assert answered.exists()
    for survey in answered[:200]:
        assert add_months(survey.enrolment.batch.end, 3) <= AS_OF
        assert survey.impact == impact_score(survey.answers.values())
        impact_band(survey.impact)
        if survey.respondent == "alumnus":
            assert survey.respondent_employee_id == survey.enrolment.employee_id
        else:
            assert survey.respondent_employee_id == survey.enrolment.employee.supervisor_id
