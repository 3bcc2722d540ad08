"""The L1–L3 evaluation of training (issue 13 items 6 and 10): reaction questionnaires and
their masked aggregates, pre/post scores (table and XLSX, all or nothing) and the gain
aggregates against hand-worked numbers, L3 questionnaires opened after TRAINING_L3_MONTHS for
the alumnus and the superior, the impact band, and re-assessment proposals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from binakinerja.core.exporting import xlsx_bytes
from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.testing import make_employee, make_user
from binakinerja.trainings import evaluation as ev
from binakinerja.trainings.models import (
    Batch,
    BehaviourSurvey,
    Enrolment,
    ProgramCompetency,
    ReactionResponse,
)


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    return build_training_world(build_competency_world(world))


def answers(w, value=4):
    return {key: value for key, *_ in ev.reaction_items(w.batch)}


def more_participants(w, n, *, with_users=False):
    out = []
    for i in range(n):
        employee = make_employee(w.puskesmas, f"Peserta {i}", supervisor=w.atasan)
        if with_users:
            employee.user = make_user(f"peserta{i}")
            employee.save()
        out.append(Enrolment.objects.create(batch=w.batch, employee=employee,
                                            status=Enrolment.Status.ENROLLED))  # fmt: skip
    return out


# --- pure aggregates -----------------------------------------------------------------------------


def test_gain_summary_matches_hand_worked_numbers():
    rows = [
        ("A", 40, 70, 100),  # (70 − 40) / (100 − 40) = 0.5
        ("A", 50, 75, 100),  # 25 / 50 = 0.5
        ("A", 80, 70, 100),  # −10 / 20 = −0.5
        ("A", None, 90, 100),  # no pre-test: left out
        ("B", 100, 100, 100),  # pre at the maximum: no gain defined, left out
        ("B", 20, 35, 50),  # 15 / 30 = 0.5 on a maximum of 50
    ]
    result = ev.gain_summary(rows)
    assert result["A"].n == 3
    assert result["A"].mean == pytest.approx(0.5 / 3)  # (0.5 + 0.5 − 0.5) / 3
    assert (result["B"].n, result["B"].mean) == (1, pytest.approx(0.5))
    hidden = ev.gain_summary(rows, limit=5)
    assert hidden["A"].hidden and hidden["A"].mean is None and hidden["A"].n == 3


def test_reaction_summary_means_per_item_and_hides_small_groups():
    rows = [{"overall": 5, "venue": 3}, {"overall": 4, "venue": 2}, {"overall": 3}]
    result = ev.reaction_summary(rows, ["overall", "venue", "method"], limit=2)
    assert (result["overall"].mean, result["overall"].n) == (4.0, 3)
    assert (result["venue"].mean, result["venue"].n) == (2.5, 2)
    assert result["method"] == ev.Summary(None, 0, False)
    assert ev.reaction_summary(rows, ["venue"], limit=3)["venue"].hidden


# --- L1 ------------------------------------------------------------------------------------------


def test_reaction_items_ask_the_facilitator_item_per_facilitator(w):
    keys = [key for key, *_ in ev.reaction_items(w.batch)]
    assert keys == ["relevance", "materials", "method", f"facilitator:{w.facilitator.pk}",
                    "venue", "overall"]  # fmt: skip


def test_participant_submits_the_questionnaire_once(w):
    response = ev.reaction_submit(user=w.asn_user, batch=w.batch, answers=answers(w),
                                  comment="  Bagus <b>sekali</b>  ")  # fmt: skip
    assert response.enrolment == w.enrolment and response.comment == "Bagus <b>sekali</b>"
    assert AuditLog.objects.filter(object_type="trainings.reactionresponse").exists()
    with pytest.raises(ValidationError, match="sudah mengisi"):
        ev.reaction_submit(user=w.asn_user, batch=w.batch, answers=answers(w))
    assert ReactionResponse.objects.count() == 1


def test_questionnaire_refuses_missing_or_out_of_range_answers_and_outsiders(w):
    bad = answers(w)
    bad["overall"] = 6
    with pytest.raises(ValidationError):
        ev.reaction_submit(user=w.asn_user, batch=w.batch, answers=bad)
    del bad["overall"]
    with pytest.raises(ValidationError):
        ev.reaction_submit(user=w.asn_user, batch=w.batch, answers=bad)
    with pytest.raises(PermissionDenied):
        ev.reaction_submit(user=w.atasan_user, batch=w.batch, answers=answers(w))
    assert not ReactionResponse.objects.exists()


def test_questionnaire_opens_only_when_the_batch_is_over(w):
    w.session_2.date = dt.date.today() + dt.timedelta(days=10)
    w.session_2.save()
    with pytest.raises(ValidationError, match="setelah pelatihan selesai"):
        ev.reaction_submit(user=w.asn_user, batch=w.batch, answers=answers(w))
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.FINISHED)
    w.batch.refresh_from_db()
    assert ev.reaction_submit(user=w.asn_user, batch=w.batch, answers=answers(w))


def test_l1_aggregates_are_hidden_below_the_small_group_limit(client, w):
    others = more_participants(w, 4)
    key = f"facilitator:{w.facilitator.pk}"
    for i, enrolment in enumerate([w.enrolment, *others[:3]]):  # 4 answers: below 5
        ReactionResponse.objects.create(enrolment=enrolment, comment=f"komentar-{i}",
                                        answers={**answers(w, 2 + i % 3), key: 5})  # fmt: skip
    result = ev.batch_reaction(w.batch)
    assert result["respondents"] == 4 and result["participants"] == 5 and result["hidden"]
    assert all(s.hidden and s.mean is None for *_x, s in result["items"])
    assert result["comments"] == []
    client.force_login(w.penyelenggara)
    page = client.get(reverse("trainings:batch_evaluation", args=[w.batch.pk])).content.decode()
    assert "&lt; 5" in page and "komentar-0" not in page
    # The fifth answer lifts the mask: means per item and per facilitator, comments unsigned.
    ReactionResponse.objects.create(enrolment=others[3], answers={**answers(w, 4), key: 3})
    result = ev.batch_reaction(w.batch)
    by_key = {key: s for key, _label, _f, s in result["items"]}
    assert by_key["overall"].mean == pytest.approx((2 + 3 + 4 + 2 + 4) / 5)
    assert by_key[key].mean == pytest.approx((5 * 4 + 3) / 5)
    assert result["comments"] == ["komentar-0", "komentar-1", "komentar-2", "komentar-3"]
    page = client.get(reverse("trainings:batch_evaluation", args=[w.batch.pk])).content.decode()
    assert "komentar-0" in page and w.asn.name not in page
    facilitator = ev.facilitator_reaction(w.facilitator)
    assert facilitator["overall"].mean == pytest.approx(4.6) and facilitator["overall"].n == 5
    assert [b for b, _s in facilitator["batches"]] == [w.batch]


def test_reaction_page_submits_and_escapes(client, w):
    client.force_login(w.asn_user)
    url = reverse("trainings:reaction_form", args=[w.batch.pk])
    page = client.get(url).content.decode()
    assert 'id="reaction-form"' in page and w.facilitator.name in page
    data = {key: str(v) for key, v in answers(w, 5).items()} | {"comment": "<img src=x> & <b>"}
    assert client.post(url, data).status_code == 302
    assert ReactionResponse.objects.get().comment == "<img src=x> & <b>"
    assert 'id="reaction-done"' in client.get(url).content.decode()


# --- L2 ------------------------------------------------------------------------------------------


def test_scores_outside_zero_to_maximum_are_refused_and_nothing_is_written(w):
    peer = more_participants(w, 1)[0]
    for bad in (Decimal("100.5"), Decimal("-1")):
        with pytest.raises(ValidationError, match="antara 0 dan 100"):
            scores = {w.enrolment.pk: (Decimal(40), Decimal(80)), peer.pk: (Decimal(50), bad)}
            ev.scores_record(actor=w.penyelenggara, batch=w.batch, scores=scores)
    w.enrolment.refresh_from_db()
    assert w.enrolment.post_score is None
    w.program.test_maximum = Decimal(50)
    w.program.save()
    w.batch.refresh_from_db()
    with pytest.raises(ValidationError, match="antara 0 dan 50"):
        ev.scores_record(actor=w.penyelenggara, batch=w.batch,
                         scores={w.enrolment.pk: (Decimal(40), Decimal(60))})  # fmt: skip


def test_scores_are_recorded_audited_and_stale_forms_refused(w):
    changed = ev.scores_record(actor=w.penyelenggara, batch=w.batch,
                               scores={w.enrolment.pk: (Decimal(40), Decimal("70.5"))},
                               seen={w.enrolment.pk: (None, None)})  # fmt: skip
    assert changed == 1
    w.enrolment.refresh_from_db()
    assert (w.enrolment.pre_score, w.enrolment.post_score) == (Decimal(40), Decimal("70.5"))
    assert AuditLog.objects.filter(object_type="trainings.enrolment", action="update").exists()
    with pytest.raises(ValidationError, match="diubah orang lain"):
        ev.scores_record(actor=w.admin, batch=w.batch,
                         scores={w.enrolment.pk: (Decimal(10), Decimal(20))},
                         seen={w.enrolment.pk: (None, None)})  # fmt: skip
    with pytest.raises(ValidationError):  # the nominee holds no seat: not scored
        ev.scores_record(actor=w.admin, batch=w.batch,
                         scores={w.teacher_enrolment.pk: (Decimal(10), Decimal(20))})  # fmt: skip


def _upload(rows):
    content = xlsx_bytes(["NIP", "NAMA", "PRE", "POST"], rows, "Nilai")
    return SimpleUploadedFile("nilai.xlsx", content)


def test_score_import_is_all_or_nothing_with_the_error_report(w):
    peer = more_participants(w, 1)[0]
    result = ev.scores_import(actor=w.penyelenggara, batch=w.batch, upload=_upload([
        [w.asn.nip, w.asn.name, 40, 80],
        [peer.employee.nip, "x", 50, 120],  # above the maximum
        [w.teacher.nip, "guru", 30, 60],  # nominated only: no seat
        [w.asn.nip, "lagi", 10, 20],  # twice
    ]))  # fmt: skip
    assert [(e.row, e.column) for e in result.errors] == [(3, "POST"), (4, "NIP"), (5, "NIP")]
    assert not Enrolment.objects.filter(post_score__isnull=False).exists()
    result = ev.scores_import(actor=w.penyelenggara, batch=w.batch, upload=_upload([
        [w.asn.nip, w.asn.name, 40, "80,5"], [peer.employee.nip, "", 60, ""]]))  # fmt: skip
    assert result.ok and result.updated == 2
    w.enrolment.refresh_from_db()
    peer.refresh_from_db()
    assert (w.enrolment.pre_score, w.enrolment.post_score) == (Decimal(40), Decimal("80.5"))
    assert (peer.pre_score, peer.post_score) == (Decimal(60), None)  # blank POST left as it was


def test_gain_report_per_batch_institution_and_competency(w):
    ProgramCompetency.objects.create(program=w.program, competency=w.competencies["M1"], level=3)
    peers = more_participants(w, 2)
    ev.scores_record(actor=w.admin, batch=w.batch, scores={
        w.enrolment.pk: (Decimal(40), Decimal(70)),  # 0.5
        peers[0].pk: (Decimal(60), Decimal(90)),  # 0.75
        peers[1].pk: (Decimal(20), None),  # no post-test: left out
    })  # fmt: skip
    report = ev.gain_report(Batch.objects.all(), limit=None)
    assert report["batch"][w.batch.pk].mean == pytest.approx(0.625)
    assert report["batch"][w.batch.pk].n == 2
    assert report["institution"]["BPSDM Provinsi Gorontalo"].mean == pytest.approx(0.625)
    label = f"M1 {w.competencies['M1'].name}"
    assert report["competency"][label].n == 2
    assert ev.gain_report(Batch.objects.all(), limit=5)["batch"][w.batch.pk].hidden


def test_scores_page_refuses_a_score_above_the_maximum_with_a_clear_message(client, w):
    client.force_login(w.penyelenggara)
    url = reverse("trainings:batch_scores", args=[w.batch.pk])
    response = client.post(url, {f"pre-{w.enrolment.pk}": "50", f"post-{w.enrolment.pk}": "150"})
    page = response.content.decode()
    assert response.status_code == 200 and "Nilai harus antara 0 dan 100" in page
    assert 'value="150"' in page  # kept as typed
    w.enrolment.refresh_from_db()
    assert w.enrolment.post_score is None


# --- L3 ------------------------------------------------------------------------------------------


def finish(w):
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.FINISHED)
    Enrolment.objects.filter(pk=w.enrolment.pk).update(status=Enrolment.Status.COMPLETED)


def test_l3_opens_three_months_after_the_end_for_alumnus_and_supervisor(
    w, django_capture_on_commit_callbacks
):
    finish(w)
    end = w.batch.end  # 3 March 2026
    assert ev.l3_surveys_due(dt.date(2026, 6, 2)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert ev.l3_surveys_due(dt.date(2026, 6, 3)) == 2
    surveys = {s.respondent: s for s in BehaviourSurvey.objects.all()}
    assert surveys["alumnus"].respondent_employee == w.asn
    assert surveys["supervisor"].respondent_employee == w.atasan
    assert surveys["alumnus"].due == dt.date(2026, 7, 3)
    assert Notification.objects.filter(recipient=w.asn_user).exists()
    assert Notification.objects.filter(recipient=w.atasan_user, text__contains=w.asn.name).exists()
    assert ev.l3_surveys_due(dt.date(2026, 6, 4)) == 0  # never twice
    assert end == dt.date(2026, 3, 3)


def test_l3_months_is_a_setting(w, settings):
    finish(w)
    settings.TRAINING_L3_MONTHS = 6
    assert ev.l3_surveys_due(dt.date(2026, 6, 3)) == 0
    assert ev.l3_surveys_due(dt.date(2026, 9, 3)) == 2


def test_l3_answers_give_the_impact_score_and_band_and_reminders_when_overdue(
    client, w, django_capture_on_commit_callbacks
):
    finish(w)
    call_command("trainings_l3_open", "--date", "2026-06-03", stdout=open("/dev/null", "w"))
    survey = BehaviourSurvey.objects.get(respondent="alumnus")
    with django_capture_on_commit_callbacks(execute=True):
        assert ev.l3_reminders(dt.date(2026, 7, 4)) == 2
    assert Notification.objects.filter(recipient=w.asn_user, text__contains="belum diisi").exists()
    client.force_login(w.asn_user)
    url = reverse("trainings:behaviour_survey", args=[survey.pk])
    data = {}
    for key, _label in ev.rules.BEHAVIOUR_ITEMS:  # before 2, after 4 → (4 − 2) / 3 = 66.67
        data[f"{key}-before"], data[f"{key}-after"] = "2", "4"
    assert client.post(url, data).status_code == 302
    survey.refresh_from_db()
    assert survey.impact == Decimal("66.67") and survey.submitted_at is not None
    assert "Cukup berdampak" in client.get(url).content.decode()
    client.force_login(w.atasan_user)
    assert client.get(url).status_code == 404  # the superior answers their own questionnaire
    result = ev.batch_behaviour(w.batch)
    assert result["alumnus"]["summary"].n == 1 and result["alumnus"]["summary"].hidden
    assert result["supervisor"]["open"] == 1


# --- re-assessment after training ----------------------------------------------------------------


def test_reassessment_is_proposed_to_the_operators_and_never_changes_an_assessment(
    w, django_capture_on_commit_callbacks
):
    from binakinerja.competencies.models import CompetencyAssessment
    from binakinerja.people.models import Employee

    ProgramCompetency.objects.create(program=w.program, competency=w.competencies["M1"], level=3)
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.EVALUATED)
    w.batch.refresh_from_db()
    Enrolment.objects.filter(pk=w.enrolment.pk).update(status=Enrolment.Status.COMPLETED,
                                                       post_score=80, pre_score=50)  # fmt: skip
    before = CompetencyAssessment.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        assert ev.reassessment_propose(batch=w.batch) == 1
    assert Notification.objects.filter(recipient=w.operator_a).exists()
    assert not Notification.objects.filter(recipient=w.operator_b).exists()
    assert CompetencyAssessment.objects.count() == before
    today = dt.date(2026, 6, 1)
    mine = Employee.objects.editable_by(w.operator_a)
    assert list(ev.reassessments_open(mine, today=today)) == [w.enrolment]
    assert not ev.reassessments_open(Employee.objects.editable_by(w.operator_b), today=today)
    CompetencyAssessment.objects.create(
        employee=w.asn, competency=w.competencies["M1"], level=3,
        assessed_on=dt.date(2026, 5, 1), method="atasan",
    )  # fmt: skip
    assert not ev.reassessments_open(mine, today=today).exists()


def test_marking_a_batch_evaluated_proposes_the_reassessment(w, django_capture_on_commit_callbacks):
    from binakinerja.trainings.batches import batch_move

    ProgramCompetency.objects.create(program=w.program, competency=w.competencies["M1"], level=3)
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.FINISHED)
    Enrolment.objects.filter(pk=w.enrolment.pk).update(status=Enrolment.Status.COMPLETED,
                                                       post_score=80)  # fmt: skip
    w.batch.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        batch_move(actor=w.penyelenggara, batch=w.batch, to="evaluated", version=w.batch.version)
    note = Notification.objects.get(recipient=w.operator_a)
    assert note.link == reverse("trainings:reassessment_list")
    assert w.program.title in note.text
