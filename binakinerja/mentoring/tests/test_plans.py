"""A pair's plan and feedback (mentoring/plans.py) and closing with a reflection: goals from the
mentee's competency gaps and open SKP follow-ups without duplicates, goals only by the pair's
two sides, feedback one side about the other with a rating of 1–5, closing notifies the mentee
and their atasan with the suggestion to re-assess the competencies."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import Notification
from binakinerja.mentoring import plans, services
from binakinerja.mentoring.models import Feedback, Pair, PairGoal
from binakinerja.performance.models import FollowUp, Period, Skp, SkpAssessment


@pytest.fixture
def w(world, django_capture_on_commit_callbacks):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.mentoring.testing import build_mentoring_world

    w = build_mentoring_world(build_competency_world(world))
    w.commit = django_capture_on_commit_callbacks
    return w


def _follow_up(w, *, description="Belajar menyusun laporan", done=False, year=None):
    from binakinerja.performance.rules import period_dates

    year = year or w.cycle.year
    start, end = period_dates(year, "annual")
    period, _ = Period.objects.get_or_create(
        instansi=w.prov, year=year, kind="annual", defaults={"start": start, "end": end}
    )
    skp, _ = Skp.objects.get_or_create(employee=w.asn, year=year)
    assessment, _ = SkpAssessment.objects.get_or_create(
        skp=skp, period=period,
        defaults={"hasil_kerja": "di_bawah", "perilaku_kerja": "di_bawah",
                  "predikat": "butuh_perbaikan", "reason": "-", "assessed_by": w.atasan},
    )  # fmt: skip
    return FollowUp.objects.create(assessment=assessment, kind="mentoring",
                                   description=description, is_done=done)  # fmt: skip


# --- goals from needs ---------------------------------------------------------------------------


def test_goals_are_taken_from_the_gaps_and_open_follow_ups_once(w):
    _follow_up(w, description="Didampingi dalam menyusun laporan")
    _follow_up(w, description="Sudah selesai", done=True)
    added = plans.goals_from_needs(actor=w.asn_user, pair=w.pair)

    gaps = [g for g in added if g.source == PairGoal.Source.GAP]
    follow_ups = [g for g in added if g.source == PairGoal.Source.FOLLOW_UP]
    # The perawat needs level 1 in the 9 non-technical ones (M1 assessed at 1: no gap) and level
    # 3 in the technical one (assessed at 1): 8 + 1 gaps; one open follow-up (the done one not).
    assert len(gaps) == 9 and len(follow_ups) == 1
    teknis = next(g for g in gaps if g.competency == w.teknis)
    assert "T-KEP-1" in teknis.text and "Asuhan Keperawatan" in teknis.text
    assert "1" in teknis.text and "3" in teknis.text
    assert gaps[0].competency == w.teknis  # the largest gap first
    assert "M1" not in {g.competency.code for g in gaps}
    assert "Didampingi dalam menyusun laporan" in follow_ups[0].text
    assert AuditLog.objects.filter(object_type="mentoring.pairgoal", action="create").count() == 10

    # A second call adds nothing; nor does a goal the pair already wrote for a competency.
    assert plans.goals_from_needs(actor=w.mentor, pair=w.pair) == []
    assert w.pair.goals.count() == 10


def test_goals_from_needs_skip_a_competency_the_pair_already_has(w):
    plans.goal_add(actor=w.mentor, pair=w.pair, text="Asuhan yang rapi", competency=w.teknis)
    added = plans.goals_from_needs(actor=w.mentor, pair=w.pair)
    assert w.teknis not in {g.competency for g in added}
    assert w.pair.goals.filter(competency=w.teknis).count() == 1


def test_only_the_pairs_two_sides_write_the_plan(w):
    for reader in (w.admin, w.atasan_user, w.operator_a, w.superadmin):
        with pytest.raises(PermissionDenied):
            plans.goals_from_needs(actor=reader, pair=w.pair)
        with pytest.raises(PermissionDenied):
            plans.goal_add(actor=reader, pair=w.pair, text="Tujuan")
    assert not w.pair.goals.exists()


def test_a_goal_needs_a_text_and_is_marked_done_by_a_side(w):
    with pytest.raises(ValidationError) as error:
        plans.goal_add(actor=w.asn_user, pair=w.pair, text="   ")
    assert "text" in error.value.message_dict
    goal = plans.goal_add(actor=w.asn_user, pair=w.pair, text="Memimpin apel pagi")
    assert goal.source == PairGoal.Source.AGREED  # not a gap: agreed by the pair
    with pytest.raises(PermissionDenied):
        plans.goal_set_done(actor=w.atasan_user, goal=goal, done=True)
    assert plans.goal_set_done(actor=w.mentor, goal=goal, done=True).done
    goal.refresh_from_db()
    assert goal.done
    updates = AuditLog.objects.filter(object_type="mentoring.pairgoal", object_id=str(goal.pk),
                                      action="update")  # fmt: skip
    assert updates.count() == 1
    plans.goal_set_done(actor=w.mentor, goal=goal, done=True)  # the same value: no new row
    assert updates.count() == 1


def test_the_plan_of_a_closed_pair_is_kept_as_it_was(w):
    services.pair_close(actor=w.asn_user, pair=w.pair, reflection="Selesai")
    with pytest.raises(ValidationError):
        plans.goal_add(actor=w.asn_user, pair=w.pair, text="Terlambat")
    assert not PairGoal.objects.filter(pair=w.pair).exists()


# --- feedback -----------------------------------------------------------------------------------


def test_each_side_gives_feedback_about_the_other(w):
    mine = plans.feedback_give(actor=w.asn_user, pair=w.pair, text="Sangat sabar", rating="5")
    theirs = plans.feedback_give(actor=w.mentor, pair=w.pair, text="Rajin", rating=4)
    assert (mine.author_role, mine.rating) == (Feedback.Role.MENTEE, 5)
    assert (theirs.author_role, theirs.rating) == (Feedback.Role.MENTOR, 4)
    assert AuditLog.objects.filter(object_type="mentoring.feedback", action="create").count() == 2


@pytest.mark.parametrize("rating", [0, 6, "", "lima", "2.5", None, True])
def test_feedback_needs_a_rating_from_one_to_five(w, rating):
    with pytest.raises(ValidationError) as error:
        plans.feedback_give(actor=w.asn_user, pair=w.pair, text="Bagus", rating=rating)
    assert "rating" in error.value.message_dict
    assert not Feedback.objects.exists()


def test_feedback_message_is_in_indonesian(w):
    from django.utils.translation import override

    with override("id"), pytest.raises(ValidationError) as error:
        plans.feedback_give(actor=w.asn_user, pair=w.pair, text="", rating=9)
    assert error.value.message_dict["text"] == ["Tuliskan umpan balik Anda."]
    assert "1" in error.value.message_dict["rating"][0]
    assert "Pilih" in error.value.message_dict["rating"][0]


def test_readers_and_proposed_pairs_give_no_feedback(w):
    with pytest.raises(PermissionDenied):
        plans.feedback_give(actor=w.admin, pair=w.pair, text="Baik", rating=3)
    with pytest.raises(ValidationError):
        plans.feedback_give(actor=w.mentor, pair=w.proposed_pair, text="Baik", rating=3)
    assert not Feedback.objects.exists()


def test_feedback_is_still_possible_after_closing(w):
    services.pair_close(actor=w.mentor, pair=w.pair, reflection="Tujuan tercapai")
    assert plans.feedback_give(actor=w.asn_user, pair=w.pair, text="Terima kasih", rating=5)


# --- accepting and closing ----------------------------------------------------------------------


def test_accepting_from_a_stale_page_is_refused(w):
    pair = w.proposed_pair
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.ACCEPTED, version=3)
    with pytest.raises(StaleVersionError):
        plans.pair_accept_at_version(actor=w.mentor, pair=pair, version=2)
    pair.refresh_from_db()
    assert pair.mentor_accepted_at is None
    plans.pair_accept_at_version(actor=w.mentor, pair=pair, version=3)
    pair.refresh_from_db()
    assert pair.mentor_accepted_at is not None and pair.version == 4


def test_closing_needs_a_reflection_and_the_version_the_page_showed(w):
    with pytest.raises(ValidationError) as error:
        services.pair_close(actor=w.mentor, pair=w.pair, reflection="  ", version=1)
    assert "reflection" in error.value.message_dict
    with pytest.raises(StaleVersionError):
        services.pair_close(actor=w.mentor, pair=w.pair, reflection="Selesai", version=0)
    w.pair.refresh_from_db()
    assert w.pair.status == Pair.Status.ACTIVE


def test_closing_notifies_the_mentee_and_atasan_to_reassess_the_competencies(w):
    plans.goal_add(actor=w.mentor, pair=w.pair, text="Asuhan", competency=w.teknis)
    with w.commit(execute=True):
        services.pair_close(actor=w.asn_user, pair=w.pair, reflection="Lebih percaya diri",
                            version=1)  # fmt: skip
    w.pair.refresh_from_db()
    assert w.pair.status == Pair.Status.CLOSED and w.pair.reflection == "Lebih percaya diri"
    for user in (w.asn_user, w.atasan_user):
        note = Notification.objects.get(recipient=user)
        assert "T-KEP-1" in note.text and w.asn.name in note.text
        assert note.link.endswith(f"/pasangan/{w.pair.pk}/")
    # The mentee closed it: the mentor hears of it too, without the suggestion.
    assert Notification.objects.filter(recipient=w.mentor).count() == 1
    entries = AuditLog.objects.filter(object_type="mentoring.pair", object_id=str(w.pair.pk))
    assert ["", "Lebih percaya diri"] in [e.changes.get("reflection") for e in entries]
