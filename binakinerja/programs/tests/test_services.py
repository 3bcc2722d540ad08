"""The program's writes: what each refuses (and that nothing is half-written), what it records
and whom it tells."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.testing import make_employee
from binakinerja.programs import services
from binakinerja.programs.models import (
    CoordinationCase,
    Phase,
    PhaseUnit,
    Program,
    ReadinessResponse,
    SocialisationAttendance,
    SupportAction,
)
from binakinerja.programs.testing import build_program_world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def w(world):
    return build_program_world(world)


def test_a_unit_in_two_phases_of_one_program_is_refused_whole(w):
    phases = Phase.objects.count()
    with pytest.raises(ValidationError) as error:
        services.phase_save(
            actor=w.admin,
            program=w.program,
            number=3,
            start=TODAY,
            end=TODAY + dt.timedelta(days=90),
            units=[w.puskesmas, w.dinkes],
        )
    assert "Dinas Kesehatan" in str(error.value.message_dict["units"])
    assert Phase.objects.count() == phases
    assert not PhaseUnit.objects.filter(unit=w.puskesmas).exists()


def test_phase_dates_out_of_order_are_refused(w):
    with pytest.raises(ValidationError) as error:
        services.phase_save(
            actor=w.admin,
            program=w.program,
            number=3,
            start=TODAY,
            end=TODAY - dt.timedelta(days=1),
            units=[w.puskesmas],
        )
    assert "end" in error.value.message_dict
    assert not Phase.objects.filter(number=3).exists()


def test_only_the_coordinator_plans_phases(w):
    with pytest.raises(PermissionDenied):
        services.phase_save(actor=w.operator_a, program=w.program, number=3, start=TODAY,
                            end=TODAY, units=[w.puskesmas])  # fmt: skip


def test_editing_a_phase_keeps_the_status_of_units_that_stay(w):
    services.phase_save(actor=w.admin, program=w.program, phase=w.phase1, number=1,
                        start=w.phase1.start, end=w.phase1.end, units=[w.dinkes, w.puskesmas],
                        version=w.phase1.version)  # fmt: skip
    assert PhaseUnit.objects.get(program=w.program, unit=w.dinkes).status == "socialisation"
    assert PhaseUnit.objects.get(program=w.program, unit=w.puskesmas).status == "not_started"


def test_answers_outside_one_to_five_are_refused_and_nothing_is_written(w):
    before = ReadinessResponse.objects.count()
    answers = {item.pk: 4 for item in w.program.items.all()}
    answers[w.program.items.first().pk] = 6
    with pytest.raises(ValidationError):
        services.readiness_answer(actor=w.asn_user, program=w.program, answers=answers)
    assert ReadinessResponse.objects.count() == before
    assert ReadinessResponse.objects.get(employee=w.asn, is_current=True).pk == w.response.pk


def test_answering_again_keeps_history_and_one_current_profile(w):
    assert w.response.barrier == "desire"  # the fixture answered 2 to Desire, 4 elsewhere
    services.readiness_answer(
        actor=w.asn_user, program=w.program, answers={item.pk: 5 for item in w.program.items.all()}
    )
    rows = ReadinessResponse.objects.filter(employee=w.asn).order_by("pk")
    assert [r.is_current for r in rows] == [False, True]
    assert rows[1].index == 100 and rows[1].barrier == ""


def test_an_asn_outside_the_phases_cannot_answer(w):
    with pytest.raises(PermissionDenied):
        services.readiness_answer(actor=w.kota_employee.user or w.mentor, program=w.program,
                                  answers={})  # fmt: skip


def test_a_support_action_without_an_owner_is_refused(w):
    with pytest.raises(ValidationError) as error:
        services.action_create(actor=w.admin, program=w.program, unit=w.dinkes, kind="coaching",
                               description="Coaching", owner=None,
                               due=TODAY + dt.timedelta(days=3))  # fmt: skip
    assert "owner" in error.value.message_dict
    assert SupportAction.objects.count() == 1


def test_support_action_is_tracked_to_closure_and_the_assigner_told(
    w, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.action_close(actor=w.operator_a, action=w.action, outcome="Didampingi 2 kali.",
                              version=w.action.version)  # fmt: skip
    w.action.refresh_from_db()
    assert (w.action.status, w.action.closed_on) == ("done", TODAY)
    assert Notification.objects.filter(recipient=w.admin, link__contains=str(w.action.pk)).exists()
    assert AuditLog.objects.filter(object_id=str(w.action.pk), action="update").exists()
    with pytest.raises(ValidationError):
        services.action_close(actor=w.operator_a, action=w.action, outcome="again",
                              version=w.action.version)  # fmt: skip


def test_the_owner_is_told_of_a_new_action(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action = services.action_create(
            actor=w.admin, program=w.program, unit=w.dinkes, kind="socialisation",
            description="Sosialisasi ulang", owner=w.operator_a, due=TODAY, signal="attendance",
        )  # fmt: skip
    assert Notification.objects.filter(
        recipient=w.operator_a, link__endswith=f"/aksi/{action.pk}/"
    ).exists()


def test_attendance_is_all_or_nothing(w):
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.attendance_record(actor=w.operator_a, event=w.event,
                                   nips=[w.asn_peer.nip, "123", w.teacher.nip])  # fmt: skip
    messages = " ".join(error.value.messages)
    assert "Line 2" in messages and "Line 3" in messages  # not a NIP; not of this unit
    assert SocialisationAttendance.objects.filter(event=w.event).count() == 1
    added = services.attendance_record(actor=w.operator_a, event=w.event,
                                       nips=[w.asn_peer.nip, w.asn.nip])  # fmt: skip
    assert added == 1  # the ASN was already recorded


def test_planner_random_order_is_reproducible_and_approval_is_audited(w):
    first = services.plan_propose(actor=w.admin, program=w.program, method="random", seed=42)
    again = services.plan_propose(actor=w.admin, program=w.program, method="random", seed=42)
    assert first["plan"] == again["plan"] and again["seed"] == 42
    assert first["plan"][str(w.dinkes.pk)] == 1  # kept in phase 1
    w.program.refresh_from_db()
    plan = {int(u): n for u, n in w.program.proposal["plan"].items()}
    plan[w.dikbud.pk] = 1
    placed = services.plan_approve(actor=w.admin, program=w.program, plan=plan,
                                   version=w.program.version)  # fmt: skip
    assert placed == 2
    assert PhaseUnit.objects.get(program=w.program, unit=w.dikbud).phase == w.phase1
    entry = AuditLog.objects.filter(action="approve").latest("pk")
    assert entry.changes["order"][1] == {"method": "random", "seed": 42}
    assert Program.objects.get(pk=w.program.pk).proposal == {}


def test_random_proposal_without_a_seed_records_a_new_one(w):
    proposal = services.plan_propose(actor=w.admin, program=w.program, method="random")
    assert isinstance(proposal["seed"], int)


def test_unit_status_dates_are_kept_and_the_operators_told(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.unit_status_set(actor=w.admin, phase_unit=w.dikbud_unit,
                                 status="socialisation", on=TODAY,
                                 version=w.dikbud_unit.version)  # fmt: skip
    w.dikbud_unit.refresh_from_db()
    assert w.dikbud_unit.socialisation_on == TODAY
    assert Notification.objects.filter(recipient=w.operator_b).exists()
    with pytest.raises(ValidationError):  # running before its socialisation
        services.unit_status_set(actor=w.admin, phase_unit=w.dikbud_unit, status="running",
                                 on=TODAY - dt.timedelta(days=3),
                                 version=w.dikbud_unit.version)  # fmt: skip


def test_a_coordination_case_needs_two_opds_of_the_government(w):
    with pytest.raises(ValidationError):
        services.case_create(actor=w.operator_a, program=w.program, title="x",
                             agencies=[w.dinkes], raised_on=TODAY)  # fmt: skip
    with pytest.raises(ValidationError):
        services.case_create(actor=w.admin, program=w.program, title="x",
                             agencies=[w.dinkes, w.kota_opd], raised_on=TODAY)  # fmt: skip
    assert CoordinationCase.objects.count() == 1


def test_a_case_is_resolved_not_before_it_was_raised(w):
    with pytest.raises(ValidationError):
        services.case_resolve(actor=w.operator_b, case=w.case, resolution="ok",
                              resolved_on=w.case.raised_on - dt.timedelta(days=1),
                              version=w.case.version)  # fmt: skip
    case = services.case_resolve(actor=w.operator_b, case=w.case, resolution="ok",
                                 resolved_on=TODAY, version=w.case.version)  # fmt: skip
    assert case.days_to_resolve == 5


def test_an_entered_indicator_needs_its_evidence(w):
    with pytest.raises(ValidationError) as error:
        services.indicator_value_set(actor=w.admin, indicator=w.entered,
                                     year=w.program.start_year, value="3")  # fmt: skip
    assert "evidence" in error.value.message_dict
    row = services.indicator_value_set(actor=w.admin, indicator=w.entered,
                                       year=w.program.start_year, value="3",
                                       note="SK Kepala Dinas 12/2026")  # fmt: skip
    assert float(row.value) == 3


def test_targets_outside_the_program_years_are_refused(w):
    with pytest.raises(ValidationError):
        services.indicator_save(
            actor=w.admin,
            program=w.program,
            level="impact",
            name="IKM",
            source="ikm",
            targets={w.program.end_year + 1: 80},
        )


def test_operator_may_not_manage_units_outside_their_opd(w):
    unit = make_employee(w.dikbud, "Guru Baru")
    assert unit.unit == w.dikbud
    with pytest.raises(PermissionDenied):
        services.unit_status_set(actor=w.operator_a, phase_unit=w.dikbud_unit, status="running",
                                 on=TODAY, version=w.dikbud_unit.version)  # fmt: skip
