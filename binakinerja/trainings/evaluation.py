"""Evaluation of training (issue 13, items 6 and 10; Kirkpatrick L1–L3, DOMAIN.md §8, §8a,
§10). This module owns the evaluation workflow: its services write and audit, its reads
aggregate.

- **L1 reaction**: each participant answers `rules.REACTION_ITEMS` (Likert 1–5; the
  facilitator item once per facilitator) once the batch is over (finished, or its last session
  passed). Results are aggregates only — mean and n per item, per batch and per facilitator —
  and are hidden while fewer than `core.privacy.min_group()` answered, for every reader.
- **L2 learning**: pre/post test scores per enrolment (0 … the program's `test_maximum`),
  entered in a table or imported from XLSX (all or nothing); the normalised gain per
  participant (`rules.normalised_gain`) and its mean per batch, institution and target
  competency (`gain_summary`).
- **L3 behaviour**: `TRAINING_L3_MONTHS` after a batch's end, `l3_surveys_due(today)` opens a
  questionnaire for each alumnus and their direct superior (items before/after on 1–4);
  `rules.impact_score` and `rules.impact_band`; reminders once overdue.
- **Re-assessment**: after a completed batch with post-test scores, the operators of each
  participant's OPD are told that a new assessment of the target competency is due
  (`reassessment_propose`); nothing changes an assessment automatically.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_entry, audit_record
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import notify
from binakinerja.core.privacy import min_group
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import ImportResult, cell_text, is_blank, require_rows, xlsx_rows
from binakinerja.trainings import rules
from binakinerja.trainings.attendance import PARTICIPANT_STATUSES
from binakinerja.trainings.models import (
    Batch,
    BehaviourSurvey,
    Enrolment,
    Facilitator,
    ProgramCompetency,
    ReactionResponse,
)

OVER_STATUSES = (Batch.Status.FINISHED, Batch.Status.EVALUATED)
REASSESSMENT_MONTHS = 12  # a proposal for a re-assessment stays open this long after the batch
L3_CATCH_UP_DAYS = 60  # batches whose L3 date passed up to this long ago are still opened


def l3_months() -> int:
    return settings.TRAINING_L3_MONTHS


# --- aggregates (pure) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """A mean over `n` values (None when n = 0); `hidden` when n is below the small-group
    limit, so the page shows "< 5" instead of the mean."""

    mean: float | None
    n: int
    hidden: bool = False


def summarise(values: Iterable, *, limit: int | None = None) -> Summary:
    """The mean of the values that are not None; hidden below `limit` (if given)."""
    numbers = [float(v) for v in values if v is not None]
    mean = sum(numbers) / len(numbers) if numbers else None
    hidden = limit is not None and 0 < len(numbers) < limit
    return Summary(None if hidden else mean, len(numbers), hidden)


def reaction_summary(answers: Iterable[dict], keys: Iterable[str], *, limit: int) -> dict:
    """{item key: Summary} over questionnaires' `answers` ({key: 1–5}); an item nobody was
    asked has n = 0. Every mean is hidden while fewer than `limit` answered it."""
    answers = list(answers)
    return {key: summarise((a.get(key) for a in answers), limit=limit) for key in keys}


def gain_summary(rows: Iterable[tuple], *, limit: int | None = None) -> dict:
    """{key: Summary of the normalised gains} from (key, pre, post, maximum) rows; a row
    without both scores, or with pre at the maximum (no gain defined), is left out."""
    gains: dict = defaultdict(list)
    for key, pre, post, maximum in rows:
        if pre is None or post is None:
            continue
        gain = rules.normalised_gain(pre, post, maximum)
        if gain is not None:
            gains[key].append(gain)
    return {key: summarise(values, limit=limit) for key, values in gains.items()}


# --- when a batch is over ------------------------------------------------------------------------


def with_last_session(batches: QuerySet[Batch]) -> QuerySet[Batch]:
    return batches.annotate(last_session=Max("sessions__date"))


def batch_is_over(batch: Batch, today: dt.date | None = None) -> bool:
    """Finished or evaluated, or its last session (its end when it has none) has passed."""
    today = today or timezone.localdate()
    if batch.status in OVER_STATUSES:
        return True
    last = getattr(batch, "last_session", None)
    if last is None and not hasattr(batch, "last_session"):
        last = batch.sessions.aggregate(last=Max("date"))["last"]
    return (last or batch.end) < today


# --- L1 reaction ---------------------------------------------------------------------------------


def batch_facilitators(batch: Batch) -> list[Facilitator]:
    """The batch's facilitators and those of its sessions, by name, once each."""
    return list(
        Facilitator.objects.filter(Q(batches=batch) | Q(sessions__batch=batch))
        .distinct()
        .order_by("name", "pk")
    )


def reaction_items(batch: Batch, facilitators: list[Facilitator] | None = None) -> list[tuple]:
    """(key, label, facilitator or None) of the batch's questionnaire: the default items, the
    facilitator item once per facilitator ("facilitator:<pk>")."""
    items = []
    for key, label in rules.REACTION_ITEMS:
        if key == "facilitator":
            for facilitator in batch_facilitators(batch) if facilitators is None else facilitators:
                items.append((f"facilitator:{facilitator.pk}", _(label), facilitator))
        else:
            items.append((key, _(label), None))
    return items


def own_enrolment(user, batch: Batch) -> Enrolment | None:
    """The reader's own participation in `batch` (None when they are not a participant)."""
    employee_id = reach_of(user).employee_id
    if not employee_id:
        return None
    return Enrolment.objects.filter(
        batch=batch, employee_id=employee_id, status__in=PARTICIPANT_STATUSES
    ).first()


@transaction.atomic
def reaction_submit(*, user, batch: Batch, answers: dict, comment: str = "") -> ReactionResponse:
    """The participant's L1 questionnaire: one per enrolment, once the batch is over, every
    item answered 1–5. Audited without the answers (they are read only as aggregates)."""
    enrolment = own_enrolment(user, batch)
    if enrolment is None:
        raise PermissionDenied
    if not batch_is_over(batch):
        raise ValidationError(_("The questionnaire opens when the training is over."))
    low, high = rules.REACTION_SCALE
    clean = {}
    for key, _label, _facilitator in reaction_items(batch):
        value = answers.get(key)
        if not (isinstance(value, int) and low <= value <= high):
            raise ValidationError(_("Answer every statement with a rating from 1 to 5."))
        clean[key] = value
    if len(comment) > 2000:
        raise ValidationError(_("The comment has at most 2,000 characters."))
    try:
        with transaction.atomic():
            response = ReactionResponse.objects.create(
                enrolment=enrolment, answers=clean, comment=comment.strip()
            )
    except IntegrityError:
        raise ValidationError(_("You have already filled in this questionnaire.")) from None
    audit_record(actor=user, action="create", instance=response,
                 changes={"items": [None, len(clean)]})  # fmt: skip
    return response


def reactions_of(employee_id: int, *, today: dt.date | None = None) -> list[Enrolment]:
    """The employee's participations in batches that are over (newest first), each with
    `reaction_done`: the L1 questionnaires to fill and those filled. One query."""
    today = today or timezone.localdate()
    return list(
        Enrolment.objects.filter(employee_id=employee_id, status__in=PARTICIPANT_STATUSES)
        .annotate(last_session=Max("batch__sessions__date"),
                  reaction_done=Exists(ReactionResponse.objects.filter(enrolment=OuterRef("pk"))))
        .filter(Q(batch__status__in=OVER_STATUSES) | Q(last_session__lt=today)
                | Q(last_session__isnull=True, batch__end__lt=today))
        .select_related("batch__program")
        .order_by("reaction_done", "-batch__end", "pk")
    )  # fmt: skip


def batch_reaction(batch: Batch) -> dict:
    """The batch's L1 results as aggregates: respondents and participants, per item
    (Summary), and the comments (without names, sorted) only once enough answered."""
    items = reaction_items(batch)
    rows = list(
        ReactionResponse.objects.filter(enrolment__batch=batch).values_list("answers", "comment")
    )
    limit = min_group()
    summary = reaction_summary((a for a, _c in rows), [key for key, *_ in items], limit=limit)
    participants = Enrolment.objects.filter(batch=batch, status__in=PARTICIPANT_STATUSES).count()
    enough = len(rows) >= limit
    return {
        "respondents": len(rows),
        "participants": participants,
        "items": [(key, label, facilitator, summary[key]) for key, label, facilitator in items],
        "comments": sorted(c for _a, c in rows if c) if enough else [],
        "hidden": 0 < len(rows) < limit,
        "limit": limit,
    }


def facilitator_reaction(facilitator: Facilitator) -> dict:
    """A facilitator's L1 rating per batch and over all batches (aggregates, masked)."""
    key = f"facilitator:{facilitator.pk}"
    rows = list(
        ReactionResponse.objects.filter(answers__has_key=key)
        .values_list("enrolment__batch_id", "answers")
        .order_by()
    )
    by_batch: dict[int, list] = defaultdict(list)
    for batch_id, answers in rows:
        by_batch[batch_id].append(answers.get(key))
    limit = min_group()
    batches = Batch.objects.filter(pk__in=by_batch).select_related("program").order_by("-start")
    return {
        "overall": summarise((a.get(key) for _b, a in rows), limit=limit),
        "batches": [(b, summarise(by_batch[b.pk], limit=limit)) for b in batches],
        "limit": limit,
    }


# --- L2 pre/post tests ---------------------------------------------------------------------------


def score_of(value) -> Decimal | None:
    """A score as typed or read from a cell ("78,5" too); None when blank; ValueError when it
    is no number."""
    if is_blank(value):
        return None
    try:
        score = Decimal(cell_text(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(value) from None
    if not score.is_finite():
        raise ValueError(value)
    return score


def score_error(score: Decimal | None, maximum: Decimal) -> str | None:
    """Why a score cannot be stored (outside 0 … maximum, more than 2 decimals), or None."""
    if score is None:
        return None
    if not Decimal(0) <= score <= Decimal(maximum):
        return _("A score lies between 0 and %(maximum)s.") % {"maximum": _plain(maximum)}
    if score != score.quantize(Decimal("0.01")):
        return _("A score has at most two decimals.")
    return None


def _plain(number) -> str:
    text = f"{Decimal(number).normalize():f}"
    return text.replace(".", ",")


def score_participants(batch: Batch) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(batch=batch, status__in=PARTICIPANT_STATUSES)
        .select_related("employee")
        .order_by("employee__name", "pk")
    )


@transaction.atomic
def scores_record(*, actor, batch: Batch, scores: dict, seen: dict | None = None) -> int:
    """Store pre/post test scores `{enrolment id: (pre, post)}` (Decimal or None) of the
    batch's participants, all or nothing: every score within 0 … the program's maximum.
    `seen` holds the scores the form showed: a row someone else changed since is refused
    (optimistic), never overwritten. Returns the number of enrolments changed; each audited."""
    maximum = batch.program.test_maximum
    errors = []
    participants = {e.pk: e for e in score_participants(batch).select_for_update(of=("self",))}
    changed = []
    for pk, (pre, post) in scores.items():
        enrolment = participants.get(pk)
        if enrolment is None:
            raise ValidationError(_("Only participants of this batch can be scored."))
        for score in (pre, post):
            if problem := score_error(score, maximum):
                errors.append(f"{enrolment.employee.name}: {problem}")
                break
        if seen is not None and pk in seen and seen[pk] != (enrolment.pre_score,
                                                            enrolment.post_score):  # fmt: skip
            if (enrolment.pre_score, enrolment.post_score) != (pre, post):
                message = _(
                    "%(name)s: someone else changed these scores meanwhile; reload the page."
                )
                errors.append(message % {"name": enrolment.employee.name})
        if (enrolment.pre_score, enrolment.post_score) != (pre, post):
            changed.append((enrolment, pre, post))
    if errors:
        raise ValidationError(errors)
    entries = []
    for enrolment, pre, post in changed:
        before = {
            "pre_score": _audit(enrolment.pre_score),
            "post_score": _audit(enrolment.post_score),
        }
        enrolment.pre_score, enrolment.post_score = pre, post
        enrolment.version += 1
        after = {"pre_score": _audit(pre), "post_score": _audit(post)}
        entries.append(audit_entry(
            actor=actor, action="update", instance=enrolment,
            changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        ))  # fmt: skip
    Enrolment.objects.bulk_update([e for e, _p, _q in changed],
                                  ["pre_score", "post_score", "version"])  # fmt: skip
    AuditLog.objects.bulk_create(entries)
    return len(changed)


def _audit(score):
    return None if score is None else str(score)


SCORE_COLUMNS = ["NIP", "NAMA", "PRE", "POST"]
SCORE_ALIASES = {"PRE TEST": "PRE", "PRETEST": "PRE", "POST TEST": "POST", "POSTTEST": "POST",
                 "NILAI PRE": "PRE", "NILAI POST": "POST"}  # fmt: skip
SCORE_MAX_ROWS = 2_000


def scores_import(*, actor, batch: Batch, upload) -> ImportResult:
    """Pre/post test scores of the batch from XLSX (NIP, PRE, POST; NAMA ignored), all or
    nothing: each NIP a participant of this batch, once; each score blank (left as it is) or
    within 0 … maximum. Written through `scores_record` only when no row was refused."""
    from binakinerja.people.rules import normalize_nip

    result = ImportResult()
    maximum = batch.program.test_maximum
    participants = {e.employee.nip: e for e in score_participants(batch)}
    rows = list(xlsx_rows(upload, columns=SCORE_COLUMNS, required=["NIP", "PRE", "POST"],
                          max_rows=SCORE_MAX_ROWS, aliases=SCORE_ALIASES))  # fmt: skip
    require_rows(rows)
    scores, seen_rows = {}, {}
    for number, raw in rows:
        try:
            nip = normalize_nip(raw["NIP"])
        except ValidationError as error:
            result.error(number, "NIP", raw["NIP"], " ".join(error.messages))
            continue
        enrolment = participants.get(nip)
        if enrolment is None:
            result.error(number, "NIP", raw["NIP"], _("No participant of this batch has this NIP."))
            continue
        if nip in seen_rows:
            message = _("Row %(row)d already has this NIP.") % {"row": seen_rows[nip]}
            result.error(number, "NIP", raw["NIP"], message)
            continue
        seen_rows[nip] = number
        values, bad = {}, False
        for column in ("PRE", "POST"):
            try:
                values[column] = score_of(raw.get(column))
            except ValueError:
                result.error(number, column, raw.get(column), _("The score must be a number."))
                bad = True
                continue
            if problem := score_error(values[column], maximum):
                result.error(number, column, raw.get(column), problem)
                bad = True
        if bad:
            continue
        pre = enrolment.pre_score if values["PRE"] is None else values["PRE"]
        post = enrolment.post_score if values["POST"] is None else values["POST"]
        scores[enrolment.pk] = (pre, post)
    if result.errors:
        return result
    with transaction.atomic():
        result.updated = scores_record(actor=actor, batch=batch, scores=scores)
        audit_record(actor=actor, action="import", instance=batch,
                     changes={"scores": [0, result.updated]})  # fmt: skip
    return result


def score_template_rows(batch: Batch) -> list[list]:
    return [[e.employee.nip, e.employee.name, _audit(e.pre_score) or "",
             _audit(e.post_score) or ""] for e in score_participants(batch)]  # fmt: skip


def participant_gains(batch: Batch) -> list[tuple[Enrolment, float | None]]:
    """(enrolment, normalised gain or None) of the batch's participants, by name."""
    maximum = batch.program.test_maximum
    return [
        (e, rules.normalised_gain(e.pre_score, e.post_score, maximum)
         if e.pre_score is not None and e.post_score is not None else None)
        for e in score_participants(batch)
    ]  # fmt: skip


def gain_report(batches: QuerySet[Batch], *, limit: int | None) -> dict:
    """Mean normalised gains (Summary) per batch, institution and target competency of the
    enrolments of `batches` with both scores. Two queries whatever the number of batches."""
    rows = list(
        Enrolment.objects.filter(batch__in=batches, pre_score__isnull=False,
                                 post_score__isnull=False)
        .values_list("batch_id", "batch__program_id", "batch__program__institution__name",
                     "pre_score", "post_score", "batch__program__test_maximum")
        .order_by()
    )  # fmt: skip
    targets: dict[int, list[str]] = defaultdict(list)
    for program_id, code, name in ProgramCompetency.objects.filter(
        program_id__in={r[1] for r in rows}
    ).values_list("program_id", "competency__code", "competency__name"):
        targets[program_id].append(f"{code} {name}")
    return {
        "batch": gain_summary(((r[0], *r[3:]) for r in rows), limit=limit),
        "institution": gain_summary(((r[2], *r[3:]) for r in rows), limit=limit),
        "competency": gain_summary(
            ((target, *r[3:]) for r in rows for target in targets[r[1]]), limit=limit
        ),
    }


def batches_missing_scores(institution_names: list[str], today: dt.date) -> list[int]:
    """Ids of the institutions' batches that ended (running past their end, or finished)
    with a participant still without a post-test score, oldest first (at most 100)."""
    missing = Enrolment.objects.filter(
        batch_id=OuterRef("pk"), status__in=PARTICIPANT_STATUSES, post_score__isnull=True
    )
    return list(
        Batch.objects.filter(program__institution__name__in=institution_names)
        .filter(Q(status=Batch.Status.FINISHED) | Q(status=Batch.Status.RUNNING, end__lte=today))
        .filter(Exists(missing))
        .order_by("end", "pk")
        .values_list("pk", flat=True)[:100]
    )


# --- L3 behaviour --------------------------------------------------------------------------------

NOTICE_L3_OPEN = gettext_noop("The behaviour evaluation (L3) of %(program)s is open until "
                              "%(due)s.")  # fmt: skip
NOTICE_L3_OPEN_SUPERVISOR = gettext_noop("The behaviour evaluation (L3) of %(name)s after "
                                         "%(program)s is open until %(due)s.")  # fmt: skip
NOTICE_L3_OVERDUE = gettext_noop("The behaviour evaluation (L3) of %(program)s was due on "
                                 "%(due)s and is still open.")  # fmt: skip


def survey_url(survey: BehaviourSurvey) -> str:
    return reverse("trainings:behaviour_survey", args=[survey.pk])


@transaction.atomic
def l3_surveys_due(today: dt.date) -> int:
    """Open the L3 questionnaires due by `today`: for every alumnus (completed enrolment) of a
    finished or evaluated batch that ended `TRAINING_L3_MONTHS` ago (or up to
    `L3_CATCH_UP_DAYS` earlier, should the daily run have missed days), one for the alumnus
    and one for their direct superior, unless already there; each respondent notified.
    Returns the number created. Safe to run twice a day."""
    months = l3_months()
    newest_end = rules.add_months(today, -months)
    oldest_end = newest_end - dt.timedelta(days=L3_CATCH_UP_DAYS)
    enrolments = list(
        Enrolment.objects.filter(
            status=Enrolment.Status.COMPLETED, batch__status__in=OVER_STATUSES,
            batch__end__gt=oldest_end, batch__end__lte=newest_end,
        ).select_related("employee__supervisor__user", "employee__user", "batch__program")
    )  # fmt: skip
    existing = set(
        BehaviourSurvey.objects.filter(enrolment__in=enrolments).values_list(
            "enrolment_id", "respondent"
        )
    )
    due = today + dt.timedelta(days=rules.L3_ANSWER_DAYS)
    created = []
    for enrolment in enrolments:
        employee = enrolment.employee
        for respondent, person in (
            (BehaviourSurvey.Respondent.ALUMNUS, employee),
            (BehaviourSurvey.Respondent.SUPERVISOR, employee.supervisor),
        ):
            if person is None or (enrolment.pk, respondent) in existing:
                continue
            created.append(BehaviourSurvey(enrolment=enrolment, respondent=respondent,
                                           respondent_employee=person, due=due))  # fmt: skip
    BehaviourSurvey.objects.bulk_create(created)
    AuditLog.objects.bulk_create([
        audit_entry(actor=None, action="create", instance=s,
                    changes={"respondent": [None, s.respondent], "due": [None, due.isoformat()]})
        for s in created
    ])  # fmt: skip
    for survey in created:
        enrolment, program = survey.enrolment, survey.enrolment.batch.program.title
        person = survey.respondent_employee
        if survey.respondent == BehaviourSurvey.Respondent.ALUMNUS:
            notify(user=person.user, message=NOTICE_L3_OPEN, link=survey_url(survey),
                   params={"program": program, "due": due.strftime("%d-%m-%Y")})  # fmt: skip
        else:
            notify(user=person.user, message=NOTICE_L3_OPEN_SUPERVISOR, link=survey_url(survey),
                   params={"name": enrolment.employee.name, "program": program,
                           "due": due.strftime("%d-%m-%Y")})  # fmt: skip
    return len(created)


def l3_reminders(today: dt.date) -> int:
    """Remind each respondent of an open L3 questionnaire past its due date (one unread
    notice per questionnaire, brought up to date). Returns how many were reminded."""
    overdue = BehaviourSurvey.objects.filter(
        submitted_at__isnull=True, due__lt=today, respondent_employee__user__isnull=False
    ).select_related("respondent_employee__user", "enrolment__batch__program")
    count = 0
    with transaction.atomic():
        for survey in overdue:
            notify(user=survey.respondent_employee.user, message=NOTICE_L3_OVERDUE,
                   link=survey_url(survey),
                   params={"program": survey.enrolment.batch.program.title,
                           "due": survey.due.strftime("%d-%m-%Y")})  # fmt: skip
            count += 1
    return count


def behaviour_survey_get_for_user(user, pk) -> BehaviourSurvey:
    """A questionnaire of the reader's own (as alumnus or as the superior): 404 otherwise."""
    from django.shortcuts import get_object_or_404

    employee_id = reach_of(user).employee_id
    return get_object_or_404(
        BehaviourSurvey.objects.select_related("enrolment__employee", "enrolment__batch__program"),
        pk=pk, respondent_employee_id=employee_id or 0,
    )  # fmt: skip


@transaction.atomic
def behaviour_submit(*, user, survey: BehaviourSurvey, answers: dict) -> BehaviourSurvey:
    """The respondent's L3 answers {item: (before, after)} (1–4 each, every item): the
    impact score is computed and stored. Once only; audited."""
    survey = BehaviourSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.respondent_employee_id != reach_of(user).employee_id:
        raise PermissionDenied
    if survey.submitted_at is not None:
        raise ValidationError(_("This questionnaire was already sent."))
    pairs = {}
    for key, _label in rules.BEHAVIOUR_ITEMS:
        pair = answers.get(key)
        low, high = rules.BEHAVIOUR_SCALE
        if not (isinstance(pair, tuple | list) and len(pair) == 2
                and all(isinstance(v, int) and low <= v <= high for v in pair)):  # fmt: skip
            raise ValidationError(_("Rate every item before and after the training from 1 to 4."))
        pairs[key] = [pair[0], pair[1]]
    survey.answers = pairs
    survey.impact = rules.impact_score(pairs.values())
    survey.submitted_at = timezone.now()
    survey.save(update_fields=["answers", "impact", "submitted_at"])
    audit_record(actor=user, action="update", instance=survey,
                 changes={"impact": [None, str(survey.impact)]})  # fmt: skip
    return survey


def behaviour_open(employee_id: int) -> list[tuple[int, str, dt.date]]:
    """(survey id, respondent kind, due) of the employee's unanswered L3 questionnaires,
    earliest due first (at most 100)."""
    return list(
        BehaviourSurvey.objects.filter(
            respondent_employee_id=employee_id, submitted_at__isnull=True
        )
        .order_by("due", "pk")
        .values_list("pk", "respondent", "due")[:100]
    )


def batch_behaviour(batch: Batch) -> dict:
    """The batch's L3 results, aggregated: per respondent kind the mean impact (Summary,
    masked below the small-group limit) and its band, with the number still open."""
    limit = min_group()
    rows = list(
        BehaviourSurvey.objects.filter(enrolment__batch=batch).values_list("respondent", "impact")
    )
    result = {}
    for respondent, label in BehaviourSurvey.Respondent.choices:
        values = [impact for kind, impact in rows if kind == respondent]
        summary = summarise(values, limit=limit)
        band = rules.impact_band(summary.mean) if summary.mean is not None else ""
        result[respondent] = {
            "label": label, "summary": summary, "band": band, "total": len(values),
            "open": sum(1 for v in values if v is None),
        }  # fmt: skip
    return result


# --- re-assessment after training (issue item 10) ------------------------------------------------

NOTICE_REASSESS = gettext_noop("%(count)s participant(s) of %(program)s from your OPD have "
                               "post-test results: a new assessment of %(competencies)s may be "
                               "due.")  # fmt: skip


def reassessments_open(employees: QuerySet, *, today: dt.date | None = None) -> QuerySet:
    """Enrolments of `employees` (the reader's scope) with a post-test in a finished or
    evaluated batch of the last `REASSESSMENT_MONTHS`, whose program targets a competency not
    assessed for them since the batch ended: a new assessment may be due."""
    from binakinerja.competencies.models import CompetencyAssessment

    today = today or timezone.localdate()
    newer = CompetencyAssessment.objects.filter(
        employee_id=OuterRef("employee_id"), assessed_on__gt=OuterRef("batch__end"),
        competency_id__in=ProgramCompetency.objects.filter(
            program_id=OuterRef(OuterRef("batch__program_id"))
        ).values("competency_id"),
    )  # fmt: skip
    targets = ProgramCompetency.objects.filter(program_id=OuterRef("batch__program_id"))
    return (
        Enrolment.objects.filter(
            employee__in=employees, post_score__isnull=False, batch__status__in=OVER_STATUSES,
            batch__end__gte=rules.add_months(today, -REASSESSMENT_MONTHS),
        )
        .filter(Exists(targets))
        .exclude(Exists(newer))
        .select_related("employee", "batch__program")
        .order_by("-batch__end", "employee__name", "pk")
    )  # fmt: skip


def with_targets(enrolments: list[Enrolment]) -> list[Enrolment]:
    """Each enrolment with `targets`: its program's target competencies (one query)."""
    targets: dict[int, list] = defaultdict(list)
    for target in ProgramCompetency.objects.filter(
        program_id__in={e.batch.program_id for e in enrolments}
    ).select_related("competency"):
        targets[target.program_id].append(target)
    for enrolment in enrolments:
        enrolment.targets = targets[enrolment.batch.program_id]
    return enrolments


def reassessment_propose(*, batch: Batch) -> int:
    """Tell the operators of each OPD with participants of `batch` that have a post-test
    score that a re-assessment of the program's target competencies may be due (never
    changing an assessment). Call it when the batch is evaluated. Returns the notices sent."""
    from binakinerja.accounts.models import Role, RoleAssignment
    from binakinerja.organizations.models import opd_path_of

    targets = ", ".join(
        ProgramCompetency.objects.filter(program_id=batch.program_id)
        .order_by("competency__code")
        .values_list("competency__name", flat=True)
    )
    if not targets:
        return 0
    per_opd: dict[str, int] = defaultdict(int)
    for path in Enrolment.objects.filter(
        batch=batch, post_score__isnull=False, status__in=PARTICIPANT_STATUSES
    ).values_list("employee__unit__path", flat=True):
        if opd := opd_path_of(path or ""):
            per_opd[opd] += 1
    sent = 0
    link = reverse("trainings:reassessment_list")
    for assignment in RoleAssignment.objects.filter(
        role=Role.OPERATOR_OPD, scope__path__in=list(per_opd)
    ).select_related("user", "scope"):
        notify(user=assignment.user, message=NOTICE_REASSESS, link=link,
               params={"count": per_opd[assignment.scope.path], "program": batch.program.title,
                       "competencies": targets})  # fmt: skip
        sent += 1
    return sent
