"""A pair's plan and feedback (issue 14 §6, "working together"): goals taken from the mentee's
needs, goals added by hand and ticked off, feedback both ways. Every write is atomic and
audited, like `services.py`.

Who may write: the mentor and the mentee of the pair — the plan is theirs. The coordinator and
those who may read the mentee (admins and operators in scope, the mentee's atasan) read the
plan on the pair's page but do not change it (PermissionDenied, a 403 on the page): the
coordinator steers pairs through acceptance, swaps and closing, not through their goals.

Goals may be written while the pair is accepted or active (the plan can be drawn up before the
first session); feedback once the pair is active, and still after it closed (the last word
usually comes at the end). Texts a service stores for the pair (a goal taken from a gap or a
follow-up) are written in the system language (settings.LANGUAGE_CODE), so the same need always
gives the same text and a second "take goals from needs" adds nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _

from binakinerja.competencies.models import Competency
from binakinerja.competencies.rules import gaps
from binakinerja.competencies.selectors import latest_levels, required_levels
from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.mentoring import services
from binakinerja.mentoring.models import Feedback, MentoringSession, Pair, PairGoal
from binakinerja.mentoring.selectors import pairs_visible_to, side_of
from binakinerja.performance.rules import Predikat
from binakinerja.performance.selectors import follow_up_list_open

PLAN_OPEN = (Pair.Status.ACCEPTED, Pair.Status.ACTIVE)
FEEDBACK_OPEN = (Pair.Status.ACTIVE, Pair.Status.CLOSED)
GOAL_FIELDS = ["pair", "text", "competency", "source", "done"]
FEEDBACK_FIELDS = ["pair", "author_role", "text", "rating"]
GOAL_MAX = 500


# --- reads --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """One competency the mentee lacks: required by their position above their current level."""

    competency: Competency
    required: int
    actual: int | None  # None: never assessed (counted as 0)

    @property
    def size(self) -> int:
        return self.required - (self.actual or 0)


def mentee_gaps(pair: Pair) -> list[Gap]:
    """The mentee's positive competency gaps (largest first, then by code): three queries.
    The pair's mentor and readers see them by design — they are what the pair works on."""
    mentee = pair.mentee
    required = required_levels([mentee.position_id]).get(mentee.position_id, {})
    actual = latest_levels([mentee.pk]).get(mentee.pk, {})
    open_gaps = {code: gap for code, gap in gaps(required, actual).items() if gap > 0}
    if not open_gaps:
        return []
    by_code = {c.code: c for c in Competency.objects.filter(code__in=open_gaps)}
    rows = [
        Gap(competency=by_code[code], required=required[code], actual=actual.get(code))
        for code in open_gaps
        if code in by_code
    ]
    return sorted(rows, key=lambda g: (-g.size, g.competency.code))


def competencies_of_pair(pair: Pair, gap_rows: list[Gap] | None = None):
    """The competencies a session of the pair can be about: the pair's main competency, those of
    its goals and the mentee's gaps (a queryset, for a form's choices)."""
    ids = {g.competency.pk for g in (mentee_gaps(pair) if gap_rows is None else gap_rows)}
    ids |= set(pair.goals.exclude(competency=None).values_list("competency_id", flat=True))
    if pair.competency_id:
        ids.add(pair.competency_id)
    return Competency.objects.filter(pk__in=ids).order_by("group", "code")


def goal_get_for_user(user, pk) -> PairGoal:
    """One goal: 404 when the reader may not see its pair."""
    return get_object_or_404(
        PairGoal.objects.filter(pair__in=pairs_visible_to(user).values("pk")).select_related(
            "pair__mentor", "pair__mentee"
        ),
        pk=pk,
    )


def session_jp(sessions) -> dict[int, Decimal]:
    """{session pk: JP credited} for the confirmed ones among `sessions`: one query."""
    from binakinerja.trainings.models import JpRecord

    refs = {f"mentoring.mentoringsession:{s.pk}": s.pk for s in sessions if s.confirmed_at}
    if not refs:
        return {}
    # No ordering: the model's default one joins the employees to sort by name, and SQLite
    # then walks the employees instead of the unique index on source_ref (~100 ms at 32,000).
    rows = (
        JpRecord.objects.filter(source_ref__in=list(refs))
        .order_by()
        .values_list("source_ref", "jp")
    )
    return {refs[ref]: jp for ref, jp in rows}


def awaiting_confirmation_by(user, pair: Pair) -> list[MentoringSession]:
    """The pair's sessions the other side logged and `user` (one side) has still to confirm."""
    if side_of(user, pair) is None:
        return []
    return list(
        pair.sessions.filter(confirmed_at__isnull=True)
        .exclude(logged_by=user)
        .select_related("competency")
        .order_by("date", "pk")
    )


# --- writes -------------------------------------------------------------------------------------


def _locked(pair: Pair) -> Pair:
    return (
        Pair.objects.select_for_update(of=("self",))
        .select_related("cycle", "mentor__user", "mentee__user", "mentee__position")
        .get(pk=pair.pk)
    )


def _side_or_denied(actor, pair: Pair) -> str:
    side = side_of(actor, pair)
    if side is None:
        raise PermissionDenied
    return side


def _plan_open(pair: Pair) -> None:
    if pair.status not in PLAN_OPEN:
        raise ValidationError(
            _("The plan can be changed only while the pair is accepted or active."),
            code="plan_closed",
        )


def _audit_goal(actor, goal: PairGoal) -> None:
    audit_record(actor=actor, action="create", instance=goal,
                 changes=creation_changes(snapshot(goal, GOAL_FIELDS)))  # fmt: skip


@transaction.atomic
def pair_accept_at_version(*, actor, pair: Pair, version) -> Pair:
    """`services.pair_accept` from a page: refused when the pair changed since the page showed
    it (`version`), so an acceptance is never given to something the reader did not see."""
    locked = _locked(pair)
    if side_of(actor, locked) is None:
        raise PermissionDenied
    check_version(locked.version, version)
    return services.pair_accept(actor=actor, pair=locked)


@transaction.atomic
def goals_from_needs(*, actor, pair: Pair) -> list[PairGoal]:
    """Goals from the mentee's needs: one per competency gap (its text names the competency and
    the levels, source GAP) and one per open SKP follow-up of the cycle's year and the year
    before (source FOLLOW_UP). A gap whose competency already has a goal on the pair, or a
    follow-up whose text is already a goal, is skipped: calling it twice adds nothing. Returns
    the goals added (possibly none)."""
    pair = _locked(pair)  # two clicks at once are applied one after the other
    _side_or_denied(actor, pair)
    _plan_open(pair)
    existing = list(pair.goals.values_list("competency_id", "text"))
    have_competency = {competency for competency, _text in existing if competency}
    have_text = {text for _competency, text in existing}
    new: list[PairGoal] = []
    with translation.override(settings.LANGUAGE_CODE):
        for gap in mentee_gaps(pair):
            if gap.competency.pk in have_competency:
                continue
            params = {"competency": f"{gap.competency.code} · {gap.competency.name}",
                      "required": gap.required, "actual": gap.actual}  # fmt: skip
            if gap.actual is None:
                text = _("Reach level %(required)d in %(competency)s (not assessed yet)") % params
            else:
                text = _("Raise %(competency)s from level %(actual)d to level %(required)d") % (
                    params
                )
            new.append(PairGoal(pair=pair, text=text[:GOAL_MAX], competency=gap.competency,
                                source=PairGoal.Source.GAP))  # fmt: skip
            have_competency.add(gap.competency.pk)
        year = pair.cycle.year
        follow_ups = follow_up_list_open(
            employee_ids=[pair.mentee_id], year=year, predikats=Predikat.values
        ).order_by("pk")
        earlier = follow_up_list_open(
            employee_ids=[pair.mentee_id], year=year - 1, predikats=Predikat.values
        ).order_by("pk")
        for follow_up in [*earlier, *follow_ups]:
            text = f"{follow_up.get_kind_display()}: {follow_up.description}"[:GOAL_MAX]
            if text in have_text:
                continue
            new.append(PairGoal(pair=pair, text=text, source=PairGoal.Source.FOLLOW_UP))
            have_text.add(text)
    for goal in new:
        goal.full_clean()
        goal.save()
        _audit_goal(actor, goal)
    return new


@transaction.atomic
def goal_add(*, actor, pair: Pair, text: str, competency: Competency | None = None) -> PairGoal:
    """Mentor or mentee adds a goal of their own (optionally about a competency)."""
    pair = _locked(pair)
    _side_or_denied(actor, pair)
    _plan_open(pair)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the goal.")})
    if len(text) > GOAL_MAX:
        raise ValidationError(
            {"text": _("A goal has at most %(max)d characters.") % {"max": GOAL_MAX}}
        )
    goal = PairGoal(pair=pair, text=text, competency=competency, source=PairGoal.Source.AGREED)
    goal.full_clean()
    goal.save()
    _audit_goal(actor, goal)
    return goal


@transaction.atomic
def goal_set_done(*, actor, goal: PairGoal, done: bool) -> PairGoal:
    """Mentor or mentee marks a goal done (or not done again). Setting the value it already has
    changes nothing and writes no audit row (a double click is harmless)."""
    pair = _locked(goal.pair)
    _side_or_denied(actor, pair)
    _plan_open(pair)
    goal = PairGoal.objects.select_for_update().get(pk=goal.pk)
    if goal.done == bool(done):
        return goal
    before = snapshot(goal, ["done"])
    goal.done = bool(done)
    goal.save(update_fields=["done"])
    audit_record(actor=actor, action="update", instance=goal,
                 changes=diff(before, snapshot(goal, ["done"])))  # fmt: skip
    return goal


def _valid_rating(rating) -> int | None:
    if isinstance(rating, str) and rating.strip().isdigit():
        rating = int(rating.strip())
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        return None
    return rating


@transaction.atomic
def feedback_give(*, actor, pair: Pair, text: str, rating) -> Feedback:
    """One side of the pair gives feedback about the other: a text and a rating of 1–5. The
    author's role (mentor or mentee) comes from who they are in the pair, never from the form."""
    pair = _locked(pair)
    side = _side_or_denied(actor, pair)
    if pair.status not in FEEDBACK_OPEN:
        raise ValidationError(
            _("Feedback can be given once the pair is active."), code="not_active"
        )
    errors = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Write your feedback.")
    value = _valid_rating(rating)
    if value is None:
        errors["rating"] = _("Choose a rating from 1 (poor) to 5 (excellent).")
    if errors:
        raise ValidationError(errors)
    feedback = Feedback(pair=pair, author_role=side, text=text, rating=value)
    feedback.full_clean()
    feedback.save()
    audit_record(actor=actor, action="create", instance=feedback,
                 changes=creation_changes(snapshot(feedback, FEEDBACK_FIELDS)))  # fmt: skip
    return feedback
