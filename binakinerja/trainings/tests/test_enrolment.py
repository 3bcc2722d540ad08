"""Nomination and enrolment: candidates from the plan's demand (largest gap first, with the
reason), the OPD's quota and the batch's capacity, the atasan's agreement (enrolled or
waitlisted), waitlist promotion when a seat frees, overlapping sessions refused, nominations
after the start refused, the all-or-nothing XLSX nomination, the home tasks and the pages
(through the test client, in Indonesian)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.testing import make_employee
from binakinerja.trainings import batches as services
from binakinerja.trainings import enrolment as workflow
from binakinerja.trainings.models import Batch, Enrolment, ProgramCompetency

TODAY = timezone.localdate()
S = Enrolment.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def open_batch(w, *, start=None, capacity=3, quotas=None, hours=(8, 12), name="Angkatan Uji"):
    start = start or TODAY + dt.timedelta(days=30)
    batch = services.batch_create(
        actor=w.penyelenggara,
        program=w.program,
        name=name,
        year=start.year,
        capacity=capacity,
        start=start,
        end=start + dt.timedelta(days=1),
        place="Aula",
    )
    services.session_save(
        actor=w.penyelenggara,
        batch=batch,
        date=start,
        start_time=dt.time(hours[0]),
        end_time=dt.time(hours[1]),
        place="Aula",
        module=w.module_1,
    )
    for opd, seats in (quotas or {w.dinkes: 1, w.dikbud: 1}).items():
        services.quota_set(actor=w.penyelenggara, batch=batch, opd=opd, seats=seats)
    batch.refresh_from_db()
    return services.batch_move(actor=w.penyelenggara, batch=batch, to="open", version=batch.version)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One world for the module (building the competency world is the slow part), rolled back
    at its end; each test runs in its own savepoint on top."""
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.core.testing import build_world
    from binakinerja.trainings.testing import build_training_world

    with django_db_blocker.unblock(), transaction.atomic():
        w = build_training_world(build_competency_world(build_world()))
        ProgramCompetency.objects.create(program=w.program, competency=w.teknis, level=3)
        ProgramCompetency.objects.create(
            program=w.program, competency=w.competencies["M8"], level=2
        )
        w.open_pk = open_batch(w).pk
        yield w
        transaction.set_rollback(True)


@pytest.fixture
def w(built, db):
    built.open = Batch.objects.get(pk=built.open_pk)
    built.batch.refresh_from_db()
    return built


def nominate(w, batch, *people, actor=None, opd=None):
    return workflow.enrolment_nominate(
        actor=actor or w.operator_a,
        batch=batch,
        opd=opd or w.dinkes,
        nominees=[(p, "Kesenjangan") for p in people],
    )


def decide(w, enrolment, agree=True, actor=None):
    enrolment.refresh_from_db()
    return workflow.enrolment_decide(
        actor=actor or w.atasan_user, enrolment=enrolment, agree=agree, version=enrolment.version
    )


def test_candidates_come_from_the_plan_largest_gap_first_with_the_reason(w):
    candidates = workflow.nomination_candidates(w.operator_a, w.open, w.dinkes)
    assert [(c.employee, c.gap, c.current, c.required) for c in candidates] == [
        (w.asn, 2, 1, 3),
        (w.atasan, 1, 1, 2),
    ]
    assert candidates[0].reason == "Kesenjangan Asuhan Keperawatan 2 level"
    assert candidates[1].reason == f"Kesenjangan {w.competencies['M8'].name} 1 level"
    # Another OPD's operator sees nobody of Dinkes.
    assert workflow.nomination_candidates(w.operator_b, w.open, w.dinkes) == []


def test_an_operator_nominates_and_the_atasan_is_told(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (enrolment,) = nominate(w, w.open, w.asn)
    assert enrolment.status == S.NOMINATED and enrolment.nominated_by == w.operator_a
    assert Notification.objects.filter(
        recipient=w.atasan_user, message=workflow.MSG_NOMINATED
    ).exists()
    assert list(workflow.nominations_awaiting(w.atasan_user)) == [enrolment]
    assert list(workflow.nominations_awaiting(w.asn_user)) == []


def test_only_the_opds_own_asn_can_be_nominated(w):
    with pytest.raises(ValidationError, match="not an ASN of Dinas Kesehatan"):
        nominate(w, w.open, w.teacher)
    with pytest.raises(ValidationError, match="not an ASN of Dinas Kesehatan"):
        nominate(w, w.open, w.asn, actor=w.operator_b)
    assert not w.open.enrolments.exists()


def test_an_opd_without_a_quota_cannot_nominate(w):
    batch = open_batch(w, quotas={w.dikbud: 1}, name="Tanpa Dinkes")
    with pytest.raises(ValidationError, match="has no quota"):
        nominate(w, batch, w.asn)


def test_the_quota_allows_its_seats_and_as_many_reserves(w):
    extra = make_employee(w.puskesmas, "Cadangan Ketiga", supervisor=w.atasan)
    nominate(w, w.open, w.asn, w.asn_peer)  # 1 seat + 1 reserve
    with pytest.raises(ValidationError, match="Over the quota of Dinas Kesehatan"):
        nominate(w, w.open, extra)
    with pytest.raises(ValidationError, match="already proposed"):
        nominate(w, w.open, w.asn)


def test_agreement_enrols_while_seats_are_free_then_waitlists(
    w, django_capture_on_commit_callbacks
):
    first, second = nominate(w, w.open, w.asn, w.asn_peer)
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(w, first).status == S.ENROLLED
    assert Notification.objects.filter(recipient=w.operator_a, message=workflow.MSG_AGREED).exists()
    assert Notification.objects.filter(recipient=w.asn_user, message=workflow.MSG_AGREED).exists()
    second = decide(w, second)
    assert second.status == S.WAITLISTED and second.queued_at is not None


def test_only_the_atasan_decides(w):
    (enrolment,) = nominate(w, w.open, w.asn)
    for stranger in (w.operator_a, w.asn_user, w.penyelenggara):
        with pytest.raises(PermissionDenied):
            decide(w, enrolment, actor=stranger)
    # Without a supervisor's login the OPD's managers decide.
    (own,) = nominate(w, w.open, w.atasan)
    with pytest.raises(PermissionDenied):
        decide(w, own, actor=w.atasan_user)
    assert decide(w, own, actor=w.operator_a).status in (S.ENROLLED, S.WAITLISTED)


def test_a_declined_nomination_frees_the_proposal_and_can_be_renewed(w):
    (enrolment,) = nominate(w, w.open, w.asn)
    assert decide(w, enrolment, agree=False).status == S.DECLINED
    with pytest.raises(ValidationError, match="already been decided"):
        decide(w, enrolment)
    (again,) = nominate(w, w.open, w.asn)
    assert again.pk == enrolment.pk and again.status == S.NOMINATED


def test_the_capacity_binds_across_opds(w):
    batch = open_batch(w, capacity=1, quotas={w.dinkes: 1}, name="Satu Kursi")
    services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dinkes, seats=1)
    first, second = nominate(w, batch, w.asn, w.asn_peer)
    assert decide(w, first).status == S.ENROLLED
    assert decide(w, second).status == S.WAITLISTED


def test_a_withdrawal_moves_the_first_waitlisted_up(w, django_capture_on_commit_callbacks):
    third = make_employee(w.puskesmas, "Cadangan Ketiga", supervisor=w.atasan)
    services.quota_set(actor=w.penyelenggara, batch=w.open, opd=w.dinkes, seats=2)
    first, second, third_e = nominate(w, w.open, w.asn, w.asn_peer, third)
    decide(w, first)
    decide(w, third_e)  # the second seat
    second = decide(w, second)
    assert second.status == S.WAITLISTED
    first.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.enrolment_withdraw(actor=w.operator_a, enrolment=first, version=first.version)
    second.refresh_from_db()
    assert second.status == S.ENROLLED and second.queued_at is None
    assert Notification.objects.filter(
        recipient=w.operator_a, message=workflow.MSG_PROMOTED
    ).exists()
    assert Enrolment.objects.get(pk=first.pk).status == S.WITHDRAWN


def test_the_waitlist_moves_in_queue_order(w):
    a = make_employee(w.puskesmas, "Antre Satu", supervisor=w.atasan)
    b = make_employee(w.puskesmas, "Antre Dua", supervisor=w.atasan)
    services.quota_set(actor=w.penyelenggara, batch=w.open, opd=w.dinkes, seats=2)
    holder, second_holder = nominate(w, w.open, w.asn, w.asn_peer)
    decide(w, holder)
    decide(w, second_holder)
    early, late = nominate(w, w.open, b, a)
    assert decide(w, early).status == S.WAITLISTED  # b queued first
    assert decide(w, late).status == S.WAITLISTED  # a after
    holder.refresh_from_db()
    workflow.enrolment_withdraw(actor=w.atasan_user, enrolment=holder, version=holder.version)
    assert Enrolment.objects.get(pk=early.pk).status == S.ENROLLED
    assert Enrolment.objects.get(pk=late.pk).status == S.WAITLISTED
    # A larger quota lets the rest of the waitlist in.
    services.quota_set(actor=w.penyelenggara, batch=w.open, opd=w.dikbud, seats=0)
    services.quota_set(actor=w.penyelenggara, batch=w.open, opd=w.dinkes, seats=3)
    assert Enrolment.objects.get(pk=late.pk).status == S.ENROLLED


def test_nobody_is_booked_into_overlapping_sessions(w):
    other = open_batch(w, hours=(10, 14), name="Angkatan Bentrok")
    (elsewhere,) = nominate(w, other, w.asn)
    decide(w, elsewhere)
    with pytest.raises(ValidationError) as error:
        nominate(w, w.open, w.asn)
    assert "already enrolled in Pelayanan Prima Puskesmas · Angkatan Bentrok" in str(error.value)
    # Not overlapping in time: accepted.
    later = open_batch(w, hours=(14, 16), name="Angkatan Sore")
    assert nominate(w, later, w.asn)[0].status == S.NOMINATED


def test_an_agreement_is_refused_when_the_person_got_enrolled_elsewhere_meanwhile(w):
    other = open_batch(w, hours=(9, 11), name="Angkatan Lain")
    (here,) = nominate(w, w.open, w.asn)
    (there,) = nominate(w, other, w.asn)
    decide(w, there)
    with pytest.raises(ValidationError, match="Angkatan Lain"):
        decide(w, here)
    assert Enrolment.objects.get(pk=here.pk).status == S.NOMINATED


def test_nomination_after_the_start_is_refused(w):
    started = open_batch(w, start=TODAY, name="Sudah Mulai")
    with pytest.raises(ValidationError, match="has started"):
        nominate(w, started, w.asn)
    w.open.nominations_close = TODAY - dt.timedelta(days=1)
    w.open.save()
    with pytest.raises(ValidationError, match="closed on"):
        nominate(w, w.open, w.asn)
    running = Batch.objects.filter(pk=w.batch.pk)
    running.update(status=Batch.Status.RUNNING)
    assert workflow.nominations_closed_reason(running.get()) is not None


# --- XLSX ---------------------------------------------------------------------------------------


def xlsx(rows, header=("NIP", "ALASAN")):
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("usulan.xlsx", data.getvalue())


def test_the_xlsx_nominates_all_or_nothing_with_row_errors(w):
    extra = make_employee(w.puskesmas, "Cadangan Ketiga", supervisor=w.atasan)
    (already,) = nominate(w, w.open, w.asn_peer)
    result = workflow.nominations_import(
        actor=w.operator_a,
        batch=w.open,
        opd=w.dinkes,
        upload=xlsx(
            [
                (w.asn.nip, "<img src=x> & <b>"),
                ("199001012020121001", ""),  # unknown
                (w.teacher.nip, ""),  # another OPD
                (w.asn_peer.nip, ""),  # already nominated
                (extra.nip, ""),  # over the quota (1 seat + 1 reserve, one used)
                (w.asn.nip, ""),  # twice
            ]
        ),
    )
    assert not result.ok
    reasons = {row: reason for row, _column, _value, reason in result.errors}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "No ASN with this NIP" in reasons[3]
    assert "not in Dinas Kesehatan" in reasons[4]
    assert "already proposed" in reasons[5]
    assert "listed twice" in reasons[7]
    assert "Over the quota" in reasons[6]
    assert list(w.open.enrolments.values_list("pk", flat=True)) == [already.pk]


def test_a_clean_xlsx_nominates_everyone_with_their_reason(w):
    result = workflow.nominations_import(
        actor=w.operator_a,
        batch=w.open,
        opd=w.dinkes,
        upload=xlsx([(w.asn.nip, "<img src=x> & <b>")]),
    )
    assert result.ok and result.nominated == 1
    assert w.open.enrolments.get().reason == "<img src=x> & <b>"


def test_an_xlsx_without_the_nip_column_or_after_the_start_is_refused_whole(w):
    with pytest.raises(ValidationError, match="NIP"):
        workflow.nominations_import(
            actor=w.operator_a, batch=w.open, opd=w.dinkes, upload=xlsx([("x",)], header=("NAMA",))
        )
    with pytest.raises(ValidationError, match="has started"):
        workflow.nominations_import(
            actor=w.operator_a,
            batch=w.open,
            opd=w.dinkes,
            upload=xlsx([(w.asn.nip, "")]),
            today=w.open.start,
        )


# --- home tasks ---------------------------------------------------------------------------------


def _tasks(user):
    from binakinerja.core.scoping import reach_of
    from binakinerja.trainings.home import _batch_tasks

    return _batch_tasks(user, reach_of(user))


def test_home_tasks_for_the_operator_atasan_and_penyelenggara(w, django_assert_max_num_queries):
    w.open.nominations_close = TODAY + dt.timedelta(days=5)
    w.open.save()
    (task,) = [t for t in _tasks(w.operator_a) if "Angkatan Uji" in t.title]
    assert task.url.endswith(f"/usulan/{w.dinkes.pk}/")
    assert "close in 5 days" in task.detail and task.count == 1
    nominate(w, w.open, w.asn)  # the one seat is proposed: no more task
    assert not [t for t in _tasks(w.operator_a) if "Angkatan Uji" in t.title]
    (waiting,) = _tasks(w.atasan_user)
    assert waiting.title == "1 training nomination awaits your agreement"
    assert waiting.kind == "waiting"
    # w.batch: open, its start date past → to start.
    with django_assert_max_num_queries(4):
        titles = [t.title for t in _tasks(w.penyelenggara)]
    assert titles == ["Start 1 training batch"]
    assert _tasks(w.asn_user) == []


# --- the pages -----------------------------------------------------------------------------------


def test_the_operator_nominates_the_top_candidate_and_the_atasan_agrees(client, w):
    url = reverse("trainings:nominate", args=[w.open.pk, w.dinkes.pk])
    client.force_login(w.operator_a)
    page = client.get(url).content.decode()
    assert page.index("Kesenjangan Asuhan Keperawatan 2 level") < page.index(w.atasan.name)
    response = client.post(url, {"employee": [w.asn.pk], "nip": "", "reason": ""})
    assert response.status_code == 302
    enrolment = w.open.enrolments.get()
    assert (enrolment.employee, enrolment.status, enrolment.reason) == (
        w.asn, "nominated", "Kesenjangan Asuhan Keperawatan 2 level")  # fmt: skip
    client.force_login(w.atasan_user)
    assert w.asn.name in client.get(reverse("trainings:nomination_inbox")).content.decode()
    client.post(reverse("trainings:enrolment_decide", args=[enrolment.pk]),
                {"decision": "agree", "version": enrolment.version})  # fmt: skip
    assert Enrolment.objects.get(pk=enrolment.pk).status == "enrolled"


def test_an_unknown_nip_on_the_form_is_said_in_indonesian(client, w):
    client.force_login(w.operator_a)
    response = client.post(reverse("trainings:nominate", args=[w.open.pk, w.dinkes.pk]),
                           {"nip": w.teacher.nip, "reason": "x"})  # fmt: skip
    assert "Tidak ada ASN Dinas Kesehatan dalam jangkauan Anda dengan NIP ini" in (
        response.content.decode())  # fmt: skip
    assert not w.open.enrolments.exists()


def test_a_refused_xlsx_shows_its_rows_and_saves_nothing(client, w):
    client.force_login(w.operator_a)
    upload = xlsx([(w.asn.nip, ""), ("199001012020121001", "")])
    response = client.post(reverse("trainings:nominate_import", args=[w.open.pk, w.dinkes.pk]),
                           {"file": upload})  # fmt: skip
    text = response.content.decode()
    assert "Tidak ada yang disimpan." in text
    assert "Tidak ada ASN terdaftar dengan NIP ini" in text
    assert not w.open.enrolments.exists()


def test_an_overlapping_session_is_refused_on_the_form(client, w):
    client.force_login(w.penyelenggara)
    w.open.status = "planned"
    w.open.save()
    response = client.post(reverse("trainings:session_add", args=[w.open.pk]), {
        "date": w.open.start.isoformat(), "start_time": "11:00", "end_time": "13:00",
        "place": "Aula",
    })  # fmt: skip
    assert response.status_code == 200
    assert "bertabrakan dengan sesi lain" in response.content.decode()
    assert w.open.sessions.count() == 1


def test_the_participant_export_is_audited(client, w):
    Enrolment.objects.create(batch=w.open, employee=w.asn, status="enrolled")
    client.force_login(w.penyelenggara)
    response = client.get(reverse("trainings:participants_export", args=[w.open.pk])
                          + "?format=csv")  # fmt: skip
    assert w.asn.nip in b"".join(response.streaming_content).decode("utf-8-sig")
    assert AuditLog.objects.filter(action="export", object_type="trainings.batch",
                                   object_id=str(w.open.pk)).exists()  # fmt: skip


def test_the_batch_page_offers_only_moves_its_dates_allow(client, w):
    client.force_login(w.penyelenggara)
    page = client.get(reverse("trainings:batch_detail", args=[w.open.pk])).content.decode()
    assert 'data-move="planned"' in page and 'data-move="running"' not in page
    assert w.open.start > dt.date.today()
