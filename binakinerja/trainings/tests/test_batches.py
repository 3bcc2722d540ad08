"""Batch services: creation by the institution's staff, dates and capacity, sessions that may
not overlap, quotas within the capacity, facilitators of the institution, cost lines in rupiah,
the status moves with their checks, and completion at the finish (attendance and post-test)
crediting the JP ledger."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation

from binakinerja.core.models import AuditLog
from binakinerja.trainings import batches as services
from binakinerja.trainings.models import (
    Attendance,
    Batch,
    Enrolment,
    Facilitator,
    Institution,
    JpRecord,
    Program,
)
from binakinerja.trainings.testing import build_training_world

TODAY = timezone.localdate()


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One world for the module, rolled back at its end; each test in its own savepoint."""
    from binakinerja.core.testing import build_world

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_training_world(build_world())
        transaction.set_rollback(True)


@pytest.fixture
def w(built, db):
    for name in ("program", "batch"):
        getattr(built, name).refresh_from_db()
    return built


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English (the msgids); the Indonesian ones are in the catalogue."""
    with translation.override("en"):
        yield


def new_batch(w, *, start=None, days=2, capacity=3, actor=None):
    start = start or TODAY + dt.timedelta(days=30)
    end = start + dt.timedelta(days=days - 1)
    return services.batch_create(
        actor=actor or w.penyelenggara,
        program=w.program,
        name="Angkatan Uji",
        year=start.year,
        capacity=capacity,
        start=start,
        end=end,
        place="Aula",
        nominations_close=start - dt.timedelta(days=1) if start > TODAY else None,
    )


def add_session(w, batch, *, day=0, start=8, end=12):
    return services.session_save(
        actor=w.penyelenggara,
        batch=batch,
        date=batch.start + dt.timedelta(days=day),
        start_time=dt.time(start),
        end_time=dt.time(end),
        place="Aula",
        module=w.module_1,
        facilitator=w.facilitator,
    )


def test_institution_staff_create_a_planned_batch_with_an_audit_record(w):
    batch = new_batch(w)
    assert batch.status == Batch.Status.PLANNED
    assert AuditLog.objects.filter(
        object_type="trainings.batch", object_id=str(batch.pk), action="create"
    ).exists()


def test_other_institution_staff_and_operators_cannot_create_batches(w):
    other = Program.objects.create(
        institution=w.ung,
        title="Statistik",
        form_code="KL08",
        jenis_diklat_id=11,
        status=Program.Status.APPROVED,
    )
    with pytest.raises(PermissionDenied):
        services.batch_create(
            actor=w.penyelenggara,
            program=other,
            name="A",
            year=2027,
            capacity=5,
            start=dt.date(2027, 1, 4),
            end=dt.date(2027, 1, 5),
        )
    with pytest.raises(PermissionDenied):
        new_batch(w, actor=w.operator_a)
    assert new_batch(w, actor=w.admin).pk  # admins BKPSDM run batches too


def test_a_draft_program_gets_no_batch(w):
    w.program.status = Program.Status.DRAFT
    w.program.save()
    with pytest.raises(ValidationError, match="approved"):
        new_batch(w)


def test_bad_dates_and_capacity_are_refused_with_reasons(w):
    with pytest.raises(ValidationError) as error:
        services.batch_create(
            actor=w.penyelenggara,
            program=w.program,
            name="X",
            year=2030,
            capacity=0,
            start=dt.date(2027, 5, 2),
            end=dt.date(2027, 5, 1),
            nominations_close=dt.date(2027, 5, 10),
        )
    assert set(error.value.message_dict) == {"end", "year", "capacity", "nominations_close"}


def test_sessions_of_one_batch_may_not_overlap(w):
    batch = new_batch(w)
    add_session(w, batch, start=8, end=12)
    add_session(w, batch, start=12, end=15)  # touching ends do not overlap
    with pytest.raises(ValidationError) as error:
        add_session(w, batch, start=11, end=13)
    assert "overlaps" in str(error.value)
    assert batch.sessions.count() == 2


def test_a_session_outside_the_dates_or_without_place_is_refused(w):
    batch = new_batch(w)
    with pytest.raises(ValidationError) as error:
        services.session_save(
            actor=w.penyelenggara,
            batch=batch,
            date=batch.end + dt.timedelta(days=1),
            start_time=dt.time(9),
            end_time=dt.time(8),
        )
    assert set(error.value.message_dict) == {"date", "end_time", "place"}


def test_a_facilitator_of_another_institution_is_refused(w):
    batch = new_batch(w)
    stranger = Facilitator.objects.create(institution=w.ung, name="Dr. Lain")
    with pytest.raises(ValidationError):
        services.facilitator_add(actor=w.penyelenggara, batch=batch, facilitator=stranger)
    session = add_session(w, batch)
    assert w.facilitator in batch.facilitators.all()  # a session's facilitator joins the batch
    with pytest.raises(ValidationError, match="leads sessions"):
        services.facilitator_remove(actor=w.penyelenggara, batch=batch, facilitator=w.facilitator)
    services.session_remove(actor=w.penyelenggara, session=session)
    services.facilitator_remove(actor=w.penyelenggara, batch=batch, facilitator=w.facilitator)
    assert not batch.facilitators.exists()


def test_quotas_together_stay_within_the_capacity(w):
    batch = new_batch(w, capacity=3)
    services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dinkes, seats=2)
    with pytest.raises(ValidationError) as error:
        services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dikbud, seats=2)
    assert "capacity of 3" in str(error.value)
    services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dikbud, seats=1)
    with pytest.raises(ValidationError):  # a unit below an OPD gets no quota
        services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.puskesmas, seats=1)
    with pytest.raises(ValidationError, match="seats taken or the 3 seats"):
        services.batch_update(
            actor=w.penyelenggara,
            batch=batch,
            version=Batch.objects.get(pk=batch.pk).version,
            name=batch.name,
            year=batch.year,
            capacity=2,
            start=batch.start,
            end=batch.end,
        )


def test_a_quota_cannot_drop_below_the_enrolled(w):
    batch = new_batch(w)
    services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dinkes, seats=2)
    Enrolment.objects.create(batch=batch, employee=w.asn, status=Enrolment.Status.ENROLLED)
    Enrolment.objects.create(batch=batch, employee=w.asn_peer, status=Enrolment.Status.ENROLLED)
    with pytest.raises(ValidationError, match="already has 2 participants"):
        services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dinkes, seats=1)


def test_cost_lines_are_whole_rupiah_not_negative(w):
    batch = new_batch(w)
    line = services.cost_line_add(
        actor=w.penyelenggara, batch=batch, description="<img src=x> & <b>", amount="1.500.000"
    )
    assert line.amount == Decimal(1_500_000)
    for bad in ("-5", "abc", "12,5"):
        with pytest.raises(ValidationError):
            services.cost_line_add(
                actor=w.penyelenggara, batch=batch, description="Konsumsi", amount=bad
            )
    with pytest.raises(ValidationError):
        services.cost_line_add(actor=w.penyelenggara, batch=batch, description=" ", amount=1)
    assert batch.costs.count() == 1


def test_a_stale_edit_is_refused(w):
    batch = new_batch(w)
    seen = batch.version
    add_session(w, batch)  # bumps the version
    with pytest.raises(ValidationError, match="Someone else"):
        services.batch_update(
            actor=w.penyelenggara,
            batch=batch,
            version=seen,
            name="Baru",
            year=batch.year,
            capacity=5,
            start=batch.start,
            end=batch.end,
        )


def move(w, batch, to, today=None):
    batch.refresh_from_db()
    return services.batch_move(
        actor=w.penyelenggara, batch=batch, to=to, version=batch.version, today=today
    )


def test_status_moves_are_checked(w):
    batch = new_batch(w)
    with pytest.raises(ValidationError, match="at least one session"):
        move(w, batch, "open")
    add_session(w, batch)
    move(w, batch, "open")
    with pytest.raises(ValidationError, match="start date"):
        move(w, batch, "running")
    move(w, batch, "running", today=batch.start)
    with pytest.raises(ValidationError, match="end date"):
        move(w, batch, "finished", today=batch.start)
    with pytest.raises(ValidationError, match="cannot become"):
        move(w, batch, "open", today=batch.start)
    move(w, batch, "finished", today=batch.end)
    move(w, batch, "evaluated", today=batch.end)
    batch.refresh_from_db()
    assert batch.status == Batch.Status.EVALUATED
    with pytest.raises(ValidationError):  # the shape is fixed after nominations
        add_session(w, batch)


def test_finishing_decides_completion_by_attendance_and_post_test_and_credits_jp(
    w, django_capture_on_commit_callbacks
):
    start = TODAY - dt.timedelta(days=3)
    batch = new_batch(w, start=start, days=2)
    s1, s2 = add_session(w, batch, day=0), add_session(w, batch, day=1)
    move(w, batch, "open")
    move(w, batch, "running")
    from binakinerja.core.testing import make_employee

    third = make_employee(w.puskesmas, "Peserta Ketiga")
    full_pass = Enrolment.objects.create(
        batch=batch, employee=w.asn, status="enrolled", post_score=Decimal(80)
    )
    low_score = Enrolment.objects.create(
        batch=batch, employee=w.asn_peer, status="enrolled", post_score=Decimal(60)
    )
    absent = Enrolment.objects.create(
        batch=batch, employee=third, status="enrolled", post_score=Decimal(95)
    )
    for session in (s1, s2):
        for enrolment in (full_pass, low_score):
            Attendance.objects.create(session=session, enrolment=enrolment, method="manual")
    Attendance.objects.create(session=s1, enrolment=absent, method="manual")  # 50% < 80%
    with django_capture_on_commit_callbacks(execute=True):
        move(w, batch, "finished")
    statuses = dict(batch.enrolments.values_list("employee_id", "status"))
    assert statuses == {
        w.asn.pk: "completed",
        w.asn_peer.pk: "not_completed",
        third.pk: "not_completed",
    }
    records = JpRecord.objects.filter(source=JpRecord.Source.BATCH)
    assert list(records.values_list("employee_id", "jp", "source_ref", "year")) == [
        (w.asn.pk, Decimal(16), f"trainings.enrolment:{full_pass.pk}", batch.end.year)
    ]
    record = records.get()
    assert (record.form_code, record.jenis_diklat_id, record.start, record.end) == (
        "KL03",
        3,
        batch.start,
        batch.end,
    )
    assert record.institution_name == Institution.objects.get(pk=w.bpsdm.pk).name
    # The participant is told.
    from binakinerja.core.models import Notification

    assert Notification.objects.filter(recipient=w.asn_user, message=services.MSG_FINISHED).exists()
