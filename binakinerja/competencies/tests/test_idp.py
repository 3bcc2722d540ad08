"""The individual development plan (IDP): its workflow, refusals, progress, the selector for the
training and mentoring modules, and the pages (the inbox's query count at two sizes)."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from binakinerja.competencies import idp
from binakinerja.competencies.models import (
    DevelopmentActivity,
    DevelopmentActivityStatus,
    DevelopmentForm,
    DevelopmentNeedSource,
    IdpStatus,
    IndividualDevelopmentPlan,
)
from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.testing import make_employee, make_user

pytestmark = pytest.mark.django_db
Status = IdpStatus


@pytest.fixture(autouse=True)
def in_english(client):
    """Messages are asserted in English (their msgids), whatever the translation says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def this_year() -> int:
    return timezone.localdate().year


def own_activity(w, plan, *, title="Kursus bahasa Inggris", jp=10, form=DevelopmentForm.E_LEARNING):
    plan.refresh_from_db()
    return idp.activity_add(
        actor=w.asn_user, plan=plan, version=plan.version, title=title,
        need_source=DevelopmentNeedSource.OWN, form=form, planned_jp=jp, target_month=5,
    )  # fmt: skip


def submitted_plan(w, *, jp=10):
    plan = idp.plan_create(actor=w.asn_user, employee=w.asn, year=this_year())
    own_activity(w, plan, jp=jp)
    plan.refresh_from_db()
    return idp.plan_submit(actor=w.asn_user, plan=plan, version=plan.version)


def approved_plan(w, *, jp=10):
    plan = submitted_plan(w, jp=jp)
    return idp.plan_approve(actor=w.atasan_user, plan=plan, version=plan.version)


# --- the workflow -------------------------------------------------------------------------------


def test_the_whole_workflow_from_suggestion_to_progress(talent, django_capture_on_commit_callbacks):
    w = talent
    plan = idp.plan_create(actor=w.asn_user, employee=w.asn, year=this_year())
    assert plan.status == Status.DRAFT and plan.version == 1

    suggestions = idp.plan_suggestions(w.asn_user, plan)
    teknis = next(s for s in suggestions if s.need_ref == "gap:T-KEP-1")
    # A gap of 2 levels (required 3, current 1) suggests classroom training.
    assert teknis.form == DevelopmentForm.KLASIKAL
    assert teknis.planned_jp == 48  # 2 levels × 24 JP, as the OPD's development plan counts
    assert teknis.competency == w.teknis
    assert any(s.need_source == "jp_shortfall" for s in suggestions)

    from_need = idp.activity_add(
        actor=w.asn_user, plan=plan, version=1, title=teknis.title,
        need_source=teknis.need_source, need_ref=teknis.need_ref, competency=teknis.competency,
        form=teknis.form, planned_jp=teknis.planned_jp, target_month=3,
    )  # fmt: skip
    own = own_activity(w, plan, jp=6)
    plan.refresh_from_db()
    assert plan.version == 3
    # A picked suggestion is no longer offered.
    assert "gap:T-KEP-1" not in {s.need_ref for s in idp.plan_suggestions(w.asn_user, plan)}

    with django_capture_on_commit_callbacks(execute=True):
        plan = idp.plan_submit(actor=w.asn_user, plan=plan, version=plan.version)
    assert plan.status == Status.DIAJUKAN and plan.submitted_at is not None
    assert Notification.objects.filter(recipient=w.atasan_user).exists()
    assert list(idp.plan_inbox(w.atasan_user)) == [plan]

    plan = idp.plan_return(
        actor=w.atasan_user, plan=plan, version=plan.version, comment="Tambah JP teknis"
    )
    assert plan.status == Status.DIKEMBALIKAN and plan.return_comment == "Tambah JP teknis"
    assert plan.decided_by == w.atasan_user
    assert AuditLog.objects.filter(
        object_type="competencies.individualdevelopmentplan", reason="Tambah JP teknis"
    ).exists()
    assert list(idp.plan_inbox(w.atasan_user)) == []

    idp.activity_update(
        actor=w.asn_user, activity=own, version=plan.version, title="Kursus bahasa Inggris",
        need_source=DevelopmentNeedSource.OWN, form=DevelopmentForm.E_LEARNING, planned_jp=8,
    )  # fmt: skip
    plan.refresh_from_db()
    plan = idp.plan_submit(actor=w.asn_user, plan=plan, version=plan.version)
    plan = idp.plan_approve(actor=w.atasan_user, plan=plan, version=plan.version)
    assert plan.status == Status.DISETUJUI

    idp.activity_complete(
        actor=w.asn_user, activity=from_need, version=plan.version,
        completed_on=timezone.localdate(), evidence="Sertifikat No. 12/BPSDM/2026",
    )  # fmt: skip
    plan.refresh_from_db()
    idp.activity_cancel(actor=w.asn_user, activity=own, version=plan.version, reason="Batal")
    progress = idp.idp_progress(plan.activities.all())
    assert (progress.done_jp, progress.planned_jp, progress.done, progress.total) == (48, 48, 1, 1)
    assert progress.cancelled == 1 and progress.percent == 100
    from_need.refresh_from_db()
    assert from_need.status == DevelopmentActivityStatus.DONE
    assert from_need.evidence == "Sertifikat No. 12/BPSDM/2026"


# --- refusals -----------------------------------------------------------------------------------


def test_an_empty_plan_cannot_be_submitted(world):
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=this_year())
    with pytest.raises(ValidationError) as error:
        idp.plan_submit(actor=world.asn_user, plan=plan, version=plan.version)
    assert error.value.code == "idp_empty"
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_activities_cannot_change_after_submission(world):
    plan = submitted_plan(world)
    activity = plan.activities.get()
    with pytest.raises(ValidationError, match="draft or returned"):
        own_activity(world, plan, title="Seminar")
    with pytest.raises(ValidationError, match="draft or returned"):
        idp.activity_update(
            actor=world.asn_user, activity=activity, version=plan.version, title="Lain",
            need_source="own", form="coaching", planned_jp=3,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="draft or returned"):
        idp.activity_remove(actor=world.asn_user, activity=activity, version=plan.version)
    assert plan.activities.get().title == "Kursus bahasa Inggris"


@pytest.mark.parametrize("persona", ["admin", "superadmin", "operator_a", "asn_user", "pimpinan"])
def test_only_the_direct_atasan_approves(world, persona):
    plan = submitted_plan(world)
    with pytest.raises(ValidationError) as error:
        idp.plan_approve(actor=getattr(world, persona), plan=plan, version=plan.version)
    assert error.value.code == "idp_wrong_role"
    plan.refresh_from_db()
    assert plan.status == Status.DIAJUKAN


def test_the_atasan_of_the_atasan_does_not_approve(world):
    boss_user = make_user("kadis")
    boss = make_employee(world.dinkes, "Kepala Dinas", user=boss_user)
    world.atasan.supervisor = boss
    world.atasan.save(update_fields=["supervisor"])
    plan = submitted_plan(world)
    with pytest.raises(ValidationError, match="direct supervisor"):
        idp.plan_approve(actor=boss_user, plan=plan, version=plan.version)


def test_others_cannot_start_or_fill_the_plan(world):
    with pytest.raises(ValidationError, match="ASN themself"):
        idp.plan_create(actor=world.atasan_user, employee=world.asn, year=this_year())
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=this_year())
    with pytest.raises(ValidationError, match="owns this development plan"):
        idp.activity_add(
            actor=world.atasan_user, plan=plan, version=plan.version, title="X",
            need_source="own", form="coaching", planned_jp=2,
        )  # fmt: skip


def test_a_second_plan_of_the_same_year_is_refused(world):
    idp.plan_create(actor=world.asn_user, employee=world.asn, year=2026)
    with pytest.raises(ValidationError, match="already"):
        idp.plan_create(actor=world.asn_user, employee=world.asn, year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndividualDevelopmentPlan.objects.create(employee=world.asn, year=2026)


def test_a_stale_version_is_refused_and_nothing_changes(world):
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=this_year())
    stale = plan.version
    own_activity(world, plan)  # the plan moves on to version 2
    with pytest.raises(StaleVersionError) as error:
        idp.activity_add(
            actor=world.asn_user, plan=plan, version=stale, title="Seminar",
            need_source="own", form="klasikal", planned_jp=8,
        )  # fmt: skip
    assert "Reload the page" in error.value.messages[0]
    assert plan.activities.count() == 1
    with pytest.raises(StaleVersionError):
        idp.plan_submit(actor=world.asn_user, plan=plan, version=stale)
    with pytest.raises(StaleVersionError):
        idp.plan_submit(actor=world.asn_user, plan=plan, version="not a number")
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT and plan.version == 2


def test_two_decisions_on_the_same_page_version_only_one_wins(world):
    plan = submitted_plan(world)
    seen = plan.version
    idp.plan_approve(actor=world.atasan_user, plan=plan, version=seen)
    with pytest.raises(StaleVersionError):
        idp.plan_return(actor=world.atasan_user, plan=plan, version=seen, comment="Kurang")
    plan.refresh_from_db()
    assert plan.status == Status.DISETUJUI


def test_returning_needs_a_comment(world):
    plan = submitted_plan(world)
    with pytest.raises(ValidationError) as error:
        idp.plan_return(actor=world.atasan_user, plan=plan, version=plan.version, comment="  ")
    assert "comment" in error.value.message_dict


@pytest.mark.parametrize("jp", [0, -3, 1001, 2.5, True, None])
def test_the_planned_jp_must_be_a_positive_whole_number(world, jp):
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=this_year())
    with pytest.raises(ValidationError) as error:
        idp.activity_add(
            actor=world.asn_user, plan=plan, version=plan.version, title="Seminar",
            need_source="own", form="klasikal", planned_jp=jp,
        )  # fmt: skip
    assert "planned_jp" in error.value.message_dict
    assert plan.activities.count() == 0


def test_the_database_refuses_zero_jp_and_a_done_activity_without_date(world):
    plan = IndividualDevelopmentPlan.objects.create(employee=world.asn, year=2026)
    fields = {"plan": plan, "title": "X", "need_source": "own", "form": "coaching"}
    with pytest.raises(IntegrityError), transaction.atomic():
        DevelopmentActivity.objects.create(planned_jp=0, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        DevelopmentActivity.objects.create(planned_jp=2, status="done", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        DevelopmentActivity.objects.create(planned_jp=2, target_month=13, **fields)


def test_a_gap_activity_names_its_competency(world):
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=this_year())
    with pytest.raises(ValidationError) as error:
        idp.activity_add(
            actor=world.asn_user, plan=plan, version=plan.version, title="Pelatihan",
            need_source="gap", form="klasikal", planned_jp=8,
        )  # fmt: skip
    assert "competency" in error.value.message_dict


def test_the_completion_date_cannot_be_in_the_future(world):
    plan = approved_plan(world)
    activity = plan.activities.get()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        idp.activity_complete(
            actor=world.asn_user, activity=activity, version=plan.version,
            completed_on=tomorrow, evidence="Sertifikat",
        )  # fmt: skip
    assert "completed_on" in error.value.message_dict
    activity.refresh_from_db()
    assert activity.status == DevelopmentActivityStatus.PLANNED


def test_done_needs_evidence_and_a_date_in_the_plan_year(world):
    plan = approved_plan(world)
    activity = plan.activities.get()
    with pytest.raises(ValidationError) as error:
        idp.activity_complete(
            actor=world.asn_user, activity=activity, version=plan.version,
            completed_on=dt.date(this_year() - 1, 12, 31), evidence=" ",
        )  # fmt: skip
    assert set(error.value.message_dict) == {"completed_on", "evidence"}


def test_activities_are_recorded_only_in_an_approved_plan_and_only_once(world):
    plan = submitted_plan(world)
    activity = plan.activities.get()
    with pytest.raises(ValidationError, match="approved"):
        idp.activity_complete(
            actor=world.asn_user, activity=activity, version=plan.version,
            completed_on=timezone.localdate(), evidence="Sertifikat",
        )  # fmt: skip
    plan = idp.plan_approve(actor=world.atasan_user, plan=plan, version=plan.version)
    idp.activity_cancel(actor=world.asn_user, activity=activity, version=plan.version)
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="already"):
        idp.activity_complete(
            actor=world.asn_user, activity=activity, version=plan.version,
            completed_on=timezone.localdate(), evidence="Sertifikat",
        )  # fmt: skip


def test_submitting_without_an_atasan_is_refused(world):
    world.asn.supervisor = None
    world.asn.save(update_fields=["supervisor"])
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=this_year())
    own_activity(world, plan)
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="no direct supervisor"):
        idp.plan_submit(actor=world.asn_user, plan=plan, version=plan.version)


# --- progress -----------------------------------------------------------------------------------


def _row(status, jp):
    return DevelopmentActivity(status=status, planned_jp=jp)


def test_progress_leaves_cancelled_activities_out():
    rows = [_row("done", 8), _row("planned", 4), _row("cancelled", 30), _row("done", 3)]
    progress = idp.idp_progress(rows)
    assert (progress.planned_jp, progress.done_jp) == (15, 11)
    assert (progress.done, progress.total, progress.cancelled) == (2, 3, 1)
    assert progress.percent == 73  # 11 / 15 = 73.3 %
    assert progress.jp_shortfall == 5


def test_progress_of_an_empty_plan_is_zero_and_rounds_half_up():
    assert idp.idp_progress([]).percent == 0
    assert idp.idp_progress([]).jp_shortfall == 20
    assert idp.idp_progress([_row("done", 1), _row("planned", 7)]).percent == 13  # 12.5 → 13
    assert idp.idp_progress([_row("planned", 25)]).jp_shortfall == 0


# --- the selector for training and mentoring ----------------------------------------------------


def test_idp_activities_reads_approved_plans_only(world):
    year = this_year()
    plan = approved_plan(world, jp=12)
    peer_user = make_user("andi")
    world.asn_peer.user = peer_user
    world.asn_peer.save(update_fields=["user"])
    draft = idp.plan_create(actor=peer_user, employee=world.asn_peer, year=year)
    idp.activity_add(
        actor=peer_user, plan=draft, version=draft.version, title="Draf", need_source="own",
        form="mentoring", planned_jp=4,
    )  # fmt: skip
    rows = list(idp.idp_activities(year=year))
    assert [a.plan_id for a in rows] == [plan.pk]
    assert list(idp.idp_activities(year=year, employee_ids=[world.asn_peer.pk])) == []
    assert list(idp.idp_activities(year=year - 1)) == []
    assert len(idp.idp_activities(year=year, status="planned")) == 1
    assert len(idp.idp_activities(year=year, status="done")) == 0


# --- pages --------------------------------------------------------------------------------------


def _subordinate_plan(w, n):
    user = make_user(f"bawahan{n}")
    employee = make_employee(w.puskesmas, f"Bawahan {n}", supervisor=w.atasan, user=user)
    plan = idp.plan_create(actor=user, employee=employee, year=2026)
    for i in range(3):
        plan.refresh_from_db()
        idp.activity_add(
            actor=user, plan=plan, version=plan.version, title=f"Kegiatan {i}",
            need_source="own", form="coaching", planned_jp=2,
        )  # fmt: skip
    plan.refresh_from_db()
    idp.plan_submit(actor=user, plan=plan, version=plan.version)


def test_the_inbox_query_count_does_not_grow(world, client, django_assert_num_queries):
    client.force_login(world.atasan_user)
    url = reverse("competencies:idp_inbox")
    _subordinate_plan(world, 0)
    with django_assert_num_queries(20, exact=False) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("data-plan=") == 1
    for n in range(1, 6):
        _subordinate_plan(world, n)
    with django_assert_num_queries(len(context.captured_queries)):
        response = client.get(url)
    page = response.content.decode()
    assert page.count("data-plan=") == 6
    assert "Bawahan 5" in page


def test_the_own_page_starts_a_plan_and_adds_an_own_activity(world, client):
    client.force_login(world.asn_user)
    url = reverse("competencies:idp_mine", args=[2026])
    assert "idp-start" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    plan = IndividualDevelopmentPlan.objects.get(employee=world.asn, year=2026)
    response = client.post(
        reverse("competencies:idp_activity_add", args=[plan.pk]),
        {"version": plan.version, "title": "Belajar mandiri SIMPUS", "need_source": "own",
         "form": "belajar_mandiri", "planned_jp": "6", "target_month": "4"},
    )  # fmt: skip
    assert response.status_code == 302
    assert plan.activities.get().target_month == 4
    page = client.get(url).content.decode()
    assert "Belajar mandiri SIMPUS" in page and "April" in page


def test_a_refused_activity_shows_the_error_on_the_form(world, client):
    client.force_login(world.asn_user)
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=2026)
    response = client.post(
        reverse("competencies:idp_activity_add", args=[plan.pk]),
        {"version": plan.version, "title": "Seminar", "need_source": "own", "form": "klasikal",
         "planned_jp": "0"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "above zero" in response.content.decode()
    assert plan.activities.count() == 0


def test_a_stale_page_tells_the_user_and_saves_nothing(world, client):
    client.force_login(world.asn_user)
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=2026)
    own_activity(world, plan)
    response = client.post(
        reverse("competencies:idp_plan_action", args=[plan.pk]),
        {"version": 1, "action": "submit"}, follow=True,
    )  # fmt: skip
    assert "Reload the page" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_the_atasan_sees_the_decision_form_and_the_asn_does_not(world, client):
    plan = submitted_plan(world)
    url = reverse("competencies:idp_employee", args=[world.asn.pk, plan.year])
    client.force_login(world.atasan_user)
    assert 'id="idp-approve"' in client.get(url).content.decode()
    client.force_login(world.asn_user)
    page = client.get(reverse("competencies:idp_mine", args=[plan.year])).content.decode()
    assert 'id="idp-approve"' not in page and 'data-status="diajukan"' in page


def test_submitting_below_twenty_jp_warns_but_submits(world, client):
    client.force_login(world.asn_user)
    plan = idp.plan_create(actor=world.asn_user, employee=world.asn, year=2026)
    own_activity(world, plan, jp=6)
    plan.refresh_from_db()
    response = client.post(
        reverse("competencies:idp_plan_action", args=[plan.pk]),
        {"version": plan.version, "action": "submit"}, follow=True,
    )  # fmt: skip
    assert "14 short of the 20 JP a year" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Status.DIAJUKAN


def matrix_plan(w) -> IndividualDevelopmentPlan:
    """A draft 2026 plan of the ASN with one activity, for the permission matrix
    (test_permission_matrix.py); made once per world."""
    if not hasattr(w, "idp_plan"):
        w.idp_plan = IndividualDevelopmentPlan.objects.create(employee=w.asn, year=2026)
        w.idp_activity = DevelopmentActivity.objects.create(
            plan=w.idp_plan, title="Pelatihan asuhan keperawatan", need_source="own",
            form="klasikal", planned_jp=20,
        )  # fmt: skip
    return w.idp_plan


def test_suggested_jp_follows_the_plan_unit_costs(talent, settings):
    costs = idp.plan_costs_in_use()
    assert idp.suggested_jp(costs, gap=1) == 8  # coaching/mentoring, 8 JP per level
    assert idp.suggested_jp(costs, gap=3) == 72  # klasikal, 24 JP per level
    assert idp.suggested_jp(costs, follow_up=True) == 8
    settings.COMPETENCIES_PLAN_COSTS = {"klasikal": {"jp_per_level": 16}}
    plan = idp.plan_create(actor=talent.asn_user, employee=talent.asn, year=this_year())
    teknis = next(
        s for s in idp.plan_suggestions(talent.asn_user, plan) if s.need_ref == "gap:T-KEP-1"
    )
    assert teknis.planned_jp == 32


# --- reopening an approved plan -----------------------------------------------------------------


def test_the_asn_reopens_an_approved_plan_and_done_activities_stay(world):
    w = world
    plan = approved_plan(w)
    done = plan.activities.get()
    idp.activity_complete(
        actor=w.asn_user, activity=done, version=plan.version,
        completed_on=timezone.localdate(), evidence="Sertifikat",
    )  # fmt: skip
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        idp.plan_reopen(actor=w.asn_user, plan=plan, version=plan.version, reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        idp.plan_reopen(actor=w.atasan_user, plan=plan, version=plan.version, reason="x")
    plan = idp.plan_reopen(
        actor=w.asn_user, plan=plan, version=plan.version, reason="Diklat baru dari BPSDM"
    )
    assert plan.status == Status.DRAFT
    entry = AuditLog.objects.filter(
        object_type="competencies.individualdevelopmentplan", object_id=str(plan.pk)
    ).latest("pk")
    assert entry.reason == "Diklat baru dari BPSDM" and entry.changes["status"][1] == "draft"

    with pytest.raises(ValidationError) as error:  # what is done stays done
        idp.activity_remove(actor=w.asn_user, activity=done, version=plan.version)
    assert error.value.code == "idp_activity_closed"
    with pytest.raises(ValidationError):
        idp.activity_update(
            actor=w.asn_user, activity=done, version=plan.version, title="Lain",
            need_source=DevelopmentNeedSource.OWN, form=DevelopmentForm.E_LEARNING, planned_jp=1,
        )  # fmt: skip
    done.refresh_from_db()
    assert done.status == DevelopmentActivityStatus.DONE and done.title == "Kursus bahasa Inggris"

    own_activity(w, plan, title="Pelatihan teknis baru", jp=16)
    plan.refresh_from_db()
    plan = idp.plan_submit(actor=w.asn_user, plan=plan, version=plan.version)
    plan = idp.plan_approve(actor=w.atasan_user, plan=plan, version=plan.version)
    progress = idp.idp_progress(plan.activities.all())
    assert (progress.done_jp, progress.planned_jp, progress.done, progress.total) == (10, 26, 1, 2)


def test_only_an_approved_plan_can_be_reopened(world):
    plan = submitted_plan(world)
    with pytest.raises(ValidationError) as error:
        idp.plan_reopen(actor=world.asn_user, plan=plan, version=plan.version, reason="x")
    assert error.value.code == "idp_wrong_status"
    plan.refresh_from_db()
    assert plan.status == Status.DIAJUKAN


def test_the_reopen_form_on_the_page(world, client):
    plan = approved_plan(world)
    url = reverse("competencies:idp_employee", args=[world.asn.pk, plan.year])
    client.force_login(world.asn_user)
    assert 'id="idp-reopen"' in client.get(url).content.decode()
    action = reverse("competencies:idp_plan_action", args=[plan.pk])
    response = client.post(action, {"action": "reopen", "version": plan.version, "reason": ""})
    plan.refresh_from_db()
    assert response.status_code == 302 and plan.status == Status.DISETUJUI
    client.post(action, {"action": "reopen", "version": plan.version, "reason": "Ganti diklat"})
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT
    client.force_login(world.atasan_user)
    assert 'id="idp-reopen"' not in client.get(url).content.decode()
    response = client.post(action, {"action": "reopen", "version": plan.version, "reason": "x"})
    assert response.status_code == 403
