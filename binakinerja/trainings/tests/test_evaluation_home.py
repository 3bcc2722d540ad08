"""Home-page tasks of attendance and evaluation (trainings/home.py): the participant's sessions
this week and questionnaires, the atasan's L3 of their staff, the penyelenggara's lists to close
and post-tests missing, the operators' re-assessments; a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from binakinerja.core.scoping import reach_of
from binakinerja.trainings.home import _attendance_evaluation_tasks
from binakinerja.trainings.models import (
    Batch,
    BehaviourSurvey,
    Enrolment,
    ProgramCompetency,
    Session,
)
from binakinerja.trainings.selectors import institutions_of


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    return build_training_world(build_competency_world(world))


def titles(user):
    return [task.title for task in _attendance_evaluation_tasks(user, reach_of(user))]


def counted(user):
    reach = reach_of(user)  # read once per request, before the tasks
    institutions_of(user)  # likewise cached on the user
    with CaptureQueriesContext(connection) as queries:
        _attendance_evaluation_tasks(user, reach)
    return len(queries)


def test_participant_sees_sessions_this_week_with_the_place(w):
    today = timezone.localdate()
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.RUNNING, end=today)
    Session.objects.filter(pk=w.session_2.pk).update(date=today, place="Aula <b>BPSDM</b>")
    tasks = _attendance_evaluation_tasks(w.asn_user, reach_of(w.asn_user))
    task = next(t for t in tasks if "sesi pelatihan minggu ini" in t.title)
    assert task.count == 1 and "Aula <b>BPSDM</b>" in task.detail
    # The batch is not over yet (a session today): no questionnaire yet.
    assert not any("kuesioner" in t for t in titles(w.asn_user))


def test_participant_is_asked_for_l1_and_l3_and_the_atasan_for_their_staff(w):
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.FINISHED)
    assert "Isi kuesioner 1 pelatihan" in titles(w.asn_user)
    for respondent, person in (("alumnus", w.asn), ("supervisor", w.atasan)):
        BehaviourSurvey.objects.create(
            enrolment=w.enrolment, respondent=respondent, respondent_employee=person,
            due=dt.date(2026, 1, 1),
        )  # fmt: skip
    assert "Nilai penerapan 1 pelatihan dalam pekerjaan Anda (L3)" in titles(w.asn_user)
    tasks = _attendance_evaluation_tasks(w.atasan_user, reach_of(w.atasan_user))
    staff = next(t for t in tasks if "bawahan" in t.title)
    assert staff.kind == "team" and "melewati tenggat" in staff.detail


def test_penyelenggara_closes_lists_and_enters_missing_post_tests(w):
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.FINISHED)
    found = titles(w.penyelenggara)
    assert "Tutup daftar hadir 2 sesi yang sudah lewat" in found
    assert "Isi nilai post-test 1 angkatan yang sudah berakhir" in found
    Session.objects.update(attendance_closed=True)
    Enrolment.objects.filter(pk=w.enrolment.pk).update(post_score=80)
    assert titles(w.penyelenggara) == []
    assert titles(w.operator_b) == [] and titles(w.admin) == []


def test_operator_sees_the_reassessment_proposal(w):
    ProgramCompetency.objects.create(program=w.program, competency=w.competencies["M1"], level=3)
    today = timezone.localdate()
    Batch.objects.filter(pk=w.batch.pk).update(
        status=Batch.Status.EVALUATED, end=today - dt.timedelta(days=1),
        start=today - dt.timedelta(days=2),
    )  # fmt: skip
    Enrolment.objects.filter(pk=w.enrolment.pk).update(status=Enrolment.Status.COMPLETED,
                                                       post_score=80)  # fmt: skip
    assert titles(w.operator_a) == ["Usulan asesmen ulang setelah pelatihan"]
    assert titles(w.operator_b) == []


def test_the_tasks_cost_the_same_queries_whatever_the_data(w):
    from binakinerja.core.testing import make_employee

    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.FINISHED)
    before = {u: counted(getattr(w, u)) for u in ("asn_user", "atasan_user", "penyelenggara")}
    for i in range(5):
        Session.objects.create(batch=w.batch, date=dt.date(2026, 3, 2), start_time=dt.time(13),
                               end_time=dt.time(14, i + 1))  # fmt: skip
        employee = make_employee(w.puskesmas, f"Staf {i}", supervisor=w.atasan)
        enrolment = Enrolment.objects.create(batch=w.batch, employee=employee,
                                             status=Enrolment.Status.COMPLETED)  # fmt: skip
        BehaviourSurvey.objects.create(
            enrolment=enrolment, respondent="supervisor", respondent_employee=w.atasan,
            due=dt.date(2026, 9, 1),
        )  # fmt: skip
    after = {u: counted(getattr(w, u)) for u in before}
    assert after == before == {"asn_user": 3, "atasan_user": 3, "penyelenggara": 2}
