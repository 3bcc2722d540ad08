"""The mentoring workflow (issue 14): the one module that writes cycles, offers, pairs and
sessions. Every write is atomic and audited; the other side of a pair is notified.

- `cycle_create`: a coordinator (admin BKPSDM of the government, or an operator of the OPD)
  opens a cycle;
- `mentor_offer_set`: the mentor opts in with a capacity of 1–5 mentees and what they mentor;
- `pair_coordinator_accept`, `pair_accept`: the coordinator accepts a proposal, then mentor and
  mentee each accept; the pair is active once both did;
- `conflict_declare`, `pair_swap` (with a reason), `pair_close` (with a reflection);
- `session_log` (either side) and `session_confirm` (only the other side): the confirmed
  minutes become JP in the trainings ledger (`credit_minutes`, form NKL02, SIASN 15), once.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.notifications import notify
from binakinerja.mentoring.matching import pair_problems
from binakinerja.mentoring.models import (
    Conflict,
    MentoringCycle,
    MentoringSession,
    MentorOffer,
    Pair,
)
from binakinerja.mentoring.rules import MAX_CAPACITY
from binakinerja.mentoring.selectors import can_coordinate, employee_id_of, side_of
from binakinerja.people.models import Employee
from binakinerja.trainings.ledger import credit_minutes
from binakinerja.trainings.rules import form_of

MENTORING_FORM = form_of("NKL02")  # Mentoring, SIASN jenisDiklatId 15 (DOMAIN.md §8b)
JP_SOURCE = "mentoring"  # trainings JpRecord.Source.MENTORING
MAX_SESSION_MINUTES = 8 * 60
CYCLE_FIELDS = ["instansi", "opd", "year", "name", "start", "end", "coordinator", "status"]
OFFER_FIELDS = ["capacity", "note", "status"]
SESSION_FIELDS = ["pair", "date", "start_time", "minutes", "mode", "topic", "competency",
                  "actions"]  # fmt: skip


# --- cycles -------------------------------------------------------------------------------------


@transaction.atomic
def cycle_create(
    *, actor, instansi, year: int, name: str, start: dt.date, end: dt.date, opd=None,
    coordinator=None, settings: dict | None = None,
) -> MentoringCycle:  # fmt: skip
    """Open a cycle of a government (or one OPD of it). The coordinator is the actor unless
    another user who may coordinate it is named."""
    coordinator = coordinator or actor
    if not can_coordinate(actor, instansi, opd) or not can_coordinate(coordinator, instansi, opd):
        raise PermissionDenied
    errors = {}
    if instansi.parent_id is not None:
        errors["instansi"] = _("Choose a government, not one of its units.")
    if opd is not None and not opd.path.startswith(instansi.path):
        errors["opd"] = _("The OPD must belong to the cycle's government.")
    if start and end and end < start:
        errors["end"] = _("The end date must not be before the start date.")
    if errors:
        raise ValidationError(errors)
    cycle = MentoringCycle(instansi=instansi, opd=opd, year=year, name=name.strip(), start=start,
                           end=end, coordinator=coordinator, settings=settings or {})  # fmt: skip
    cycle.full_clean()
    cycle.save()
    audit_record(actor=actor, action="create", instance=cycle,
                 changes=creation_changes(snapshot(cycle, CYCLE_FIELDS)))  # fmt: skip
    return cycle


# Where a cycle may go from each status: forward, or one step back before it runs.
CYCLE_MOVES = {
    MentoringCycle.Status.DRAFT: (MentoringCycle.Status.OPEN,),
    MentoringCycle.Status.OPEN: (MentoringCycle.Status.MATCHING, MentoringCycle.Status.DRAFT),
    MentoringCycle.Status.MATCHING: (MentoringCycle.Status.RUNNING, MentoringCycle.Status.OPEN),
    MentoringCycle.Status.RUNNING: (MentoringCycle.Status.CLOSED,),
    MentoringCycle.Status.CLOSED: (),
}


@transaction.atomic
def cycle_set_status(*, actor, cycle: MentoringCycle, status: str,
                     version=None) -> MentoringCycle:  # fmt: skip
    """Move a cycle on (draft → open → matching → running → closed; one step back before it
    runs), by its coordinator or a manager in scope. `version`: the one the actor saw."""
    cycle = MentoringCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.coordinator_id != actor.pk and not can_coordinate(actor, cycle.instansi, cycle.opd):
        raise PermissionDenied
    if version is not None:
        check_version(cycle.version, version)
    if status not in CYCLE_MOVES.get(cycle.status, ()):
        raise ValidationError({"status": _("A cycle cannot move from %(old)s to %(new)s.") % {
            "old": cycle.get_status_display(), "new": status}})  # fmt: skip
    before = snapshot(cycle, ["status"])
    cycle.status = status
    cycle.version += 1
    cycle.save(update_fields=["status", "version"])
    audit_record(actor=actor, action="update", instance=cycle,
                 changes=diff(before, snapshot(cycle, ["status"])))  # fmt: skip
    return cycle


# --- mentors ------------------------------------------------------------------------------------


def _valid_capacity(capacity) -> int:
    if isinstance(capacity, str) and capacity.strip().isdigit():
        capacity = int(capacity.strip())
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        capacity = None
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError(
            {"capacity": _("Capacity must be a whole number of mentees from 1 to %(max)d.")
             % {"max": MAX_CAPACITY}}
        )  # fmt: skip
    return capacity


@transaction.atomic
def mentor_offer_set(*, actor, cycle: MentoringCycle, capacity, competencies=(),
                     note: str = "") -> MentorOffer:  # fmt: skip
    """The actor opts in as a mentor of `cycle` (or changes their offer): 1–5 mentees, in
    `competencies`."""
    mentor_id = employee_id_of(actor)
    if mentor_id is None:
        raise PermissionDenied
    capacity = _valid_capacity(capacity)
    cycle = MentoringCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status not in (MentoringCycle.Status.OPEN, MentoringCycle.Status.MATCHING):
        raise ValidationError(_("This cycle does not take mentors now."), code="cycle_closed")
    offer = MentorOffer.objects.filter(cycle=cycle, mentor_id=mentor_id).first()
    before = snapshot(offer, OFFER_FIELDS) if offer else {}
    offer = offer or MentorOffer(cycle=cycle, mentor_id=mentor_id)
    offer.capacity, offer.note = capacity, note.strip()
    offer.status = MentorOffer.Status.OFFERED
    offer.full_clean(exclude=["cycle", "mentor"])
    offer.save()
    offer.competencies.set(competencies)
    changes = diff(before, snapshot(offer, OFFER_FIELDS))
    changes["competencies"] = sorted(c.pk if hasattr(c, "pk") else c for c in competencies)
    audit_record(actor=actor, action="update" if before else "create", instance=offer,
                 changes=changes)  # fmt: skip
    return offer


# --- pairs --------------------------------------------------------------------------------------


def _locked_pair(pair: Pair) -> Pair:
    """The pair's row, locked for this transaction (two clicks cannot both apply)."""
    return (
        Pair.objects.select_for_update(of=("self",))
        .select_related("cycle", "mentor__user", "mentee__user")
        .get(pk=pair.pk)
    )


def _notify(employee: Employee, message: str, params: dict) -> None:
    notify(user=employee.user, message=message, params=params)


@transaction.atomic
def pair_coordinator_accept(*, actor, pair: Pair) -> Pair:
    """The coordinator accepts a proposed pair; mentor and mentee are asked to accept it."""
    pair = _locked_pair(pair)
    cycle = pair.cycle
    if cycle.coordinator_id != actor.pk and not can_coordinate(actor, cycle.instansi, cycle.opd):
        raise PermissionDenied
    if pair.status != Pair.Status.PROPOSED:
        raise ValidationError(_("Only a proposed pair can be accepted."), code="not_proposed")
    pair.status = Pair.Status.ACCEPTED
    pair.version += 1
    pair.save(update_fields=["status", "version"])
    audit_record(actor=actor, action="update", instance=pair,
                 changes={"status": [Pair.Status.PROPOSED, pair.status]})  # fmt: skip
    for person in (pair.mentor, pair.mentee):
        _notify(person, gettext_noop("Please accept your mentoring pair %(pair)s."),
                {"pair": str(pair)})  # fmt: skip
    return pair


@transaction.atomic
def pair_accept(*, actor, pair: Pair) -> Pair:
    """Mentor or mentee accepts a pair the coordinator accepted; once both did, it is active."""
    pair = _locked_pair(pair)
    side = side_of(actor, pair)
    if side is None:
        raise PermissionDenied
    if pair.status != Pair.Status.ACCEPTED:
        raise ValidationError(
            _("This pair is not waiting for your acceptance."), code="not_waiting"
        )
    field = f"{side}_accepted_at"
    before = snapshot(pair, [field, "status"])
    if getattr(pair, field) is None:
        setattr(pair, field, timezone.now())
    if pair.mentor_accepted_at and pair.mentee_accepted_at:
        pair.status = Pair.Status.ACTIVE
    pair.version += 1
    pair.save(update_fields=[field, "status", "version"])
    audit_record(actor=actor, action="update", instance=pair,
                 changes=diff(before, snapshot(pair, [field, "status"])))  # fmt: skip
    other = pair.mentee if side == "mentor" else pair.mentor
    _notify(other, gettext_noop("%(name)s accepted your mentoring pair."),
            {"name": (pair.mentor if side == "mentor" else pair.mentee).name})  # fmt: skip
    return pair


@transaction.atomic
def pairs_approve_all(*, actor, cycle: MentoringCycle) -> int:
    """The coordinator accepts every proposed pair of the cycle at once (one audit entry per
    pair, one notice per person); returns how many."""
    if not _may_coordinate(actor, cycle):
        raise PermissionDenied
    proposed = list(Pair.objects.filter(cycle=cycle, status=Pair.Status.PROPOSED).order_by("pk"))
    for pair in proposed:
        pair_coordinator_accept(actor=actor, pair=pair)
    return len(proposed)


def _may_coordinate(actor, cycle: MentoringCycle) -> bool:
    return cycle.coordinator_id == actor.pk or can_coordinate(actor, cycle.instansi, cycle.opd)


@transaction.atomic
def conflict_declare(*, actor, cycle: MentoringCycle, mentor: Employee, mentee: Employee,
                     reason: str) -> Conflict:  # fmt: skip
    """Declare a conflict of interest (by the coordinator, or by the mentor or mentee
    concerned): the matching never pairs these two in this cycle."""
    me = employee_id_of(actor)
    if not _may_coordinate(actor, cycle) and me not in (mentor.pk, mentee.pk):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the conflict.")})
    conflict, created = Conflict.objects.get_or_create(
        cycle=cycle, mentor=mentor, mentee=mentee, defaults={"reason": reason.strip()[:300]}
    )
    if created:
        audit_record(actor=actor, action="create", instance=conflict,
                     changes=creation_changes(snapshot(conflict, ["mentor", "mentee",
                                                                  "reason"])))  # fmt: skip
    return conflict


def _live_pairs_of(cycle: MentoringCycle, mentor_id: int):
    return Pair.objects.filter(cycle=cycle, mentor_id=mentor_id, status__in=Pair.LIVE)


@transaction.atomic
def pair_swap(*, actor, pair: Pair, mentor: Employee, reason: str) -> Pair:
    """The coordinator gives a proposed or accepted pair another mentor, with a reason (kept on
    the pair and audited). Refused: the mentee themself, a declared conflict, a mentor without
    an offer in the cycle or without a free place. Both sides accept again."""
    pair = _locked_pair(pair)
    cycle = pair.cycle
    if not _may_coordinate(actor, cycle):
        raise PermissionDenied
    if pair.status not in (Pair.Status.PROPOSED, Pair.Status.ACCEPTED):
        raise ValidationError(_("Only a proposed or accepted pair can be swapped."),
                              code="not_swappable")  # fmt: skip
    if not (reason or "").strip():
        raise ValidationError({"swap_reason": _("Give the reason for the swap.")})
    offer = (
        MentorOffer.objects.select_for_update()
        .filter(cycle=cycle, mentor=mentor, status=MentorOffer.Status.OFFERED)
        .first()
    )
    if mentor.pk == pair.mentee_id:
        error = _("A mentee cannot mentor themself.")
    elif Conflict.objects.filter(cycle=cycle, mentor=mentor, mentee_id=pair.mentee_id).exists():
        error = _("A conflict was declared between this mentor and this mentee.")
    elif offer is None:
        error = _("This ASN did not offer to mentor in this cycle.")
    elif _live_pairs_of(cycle, mentor.pk).count() >= offer.capacity:
        error = _("This mentor has no free place left.")
    elif problems := pair_problems(cycle, mentor.pk, pair.mentee_id):
        error = _("This pair breaks the cycle's rules: %(reasons)s.") % {
            "reasons": "; ".join(problems)
        }
    else:
        error = None
    if error:
        raise ValidationError({"mentor": error})
    before = snapshot(pair, ["mentor", "status"])
    old_mentor = pair.mentor
    pair.swapped_from, pair.swap_reason = old_mentor, reason.strip()[:300]
    pair.mentor = mentor
    pair.mentor_accepted_at = pair.mentee_accepted_at = None
    pair.version += 1
    pair.save()
    audit_record(actor=actor, action="update", instance=pair, reason=pair.swap_reason,
                 changes=diff(before, snapshot(pair, ["mentor", "status"])))  # fmt: skip
    for person in (old_mentor, mentor, pair.mentee):
        _notify(person, gettext_noop("The mentoring pair %(pair)s was changed."),
                {"pair": str(pair)})  # fmt: skip
    return pair


@transaction.atomic
def pair_close(*, actor, pair: Pair, reflection: str = "", version=None) -> Pair:
    """Close an active pair (its mentor, its mentee or the coordinator), with a reflection
    (required). `version`, when given, is the pair's version the closing page showed: a pair
    changed since is refused (StaleVersionError). The mentee and their atasan are told, with
    the suggestion to re-assess the competencies the pair worked on; the mentor too when
    someone else closed it."""
    pair = _locked_pair(pair)
    side = side_of(actor, pair)
    if side is None and not _may_coordinate(actor, pair.cycle):
        raise PermissionDenied
    if version is not None:
        check_version(pair.version, version)
    if pair.status != Pair.Status.ACTIVE:
        raise ValidationError(_("Only an active pair can be closed."), code="not_active")
    reflection = (reflection or "").strip()
    if not reflection:
        raise ValidationError(
            {"reflection": _("Write a short reflection: what changed, what is left to do.")}
        )
    pair.status, pair.reflection = Pair.Status.CLOSED, reflection
    pair.version += 1
    pair.save(update_fields=["status", "reflection", "version"])
    audit_record(actor=actor, action="update", instance=pair,
                 changes={"status": [Pair.Status.ACTIVE, Pair.Status.CLOSED],
                          "reflection": ["", reflection]})  # fmt: skip
    _notify_closed(pair, closed_by_mentor=side == "mentor")
    return pair


def _notify_closed(pair: Pair, *, closed_by_mentor: bool) -> None:
    """Closing notices: the suggestion to re-assess the competencies of the pair's goals (and its
    main competency) to the mentee and their atasan; a plain notice to the mentor."""
    codes = set(pair.goals.exclude(competency=None).values_list("competency__code", flat=True))
    if pair.competency_id:
        codes.add(pair.competency.code)
    link = reverse("mentoring:pair_detail", args=[pair.pk])
    if codes:
        message = gettext_noop(
            "The mentoring of %(name)s has ended. Consider re-assessing these competencies: "
            "%(competencies)s."
        )
    else:
        message = gettext_noop(
            "The mentoring of %(name)s has ended. Consider re-assessing the competencies it "
            "worked on."
        )
    params = {"name": pair.mentee.name, "competencies": ", ".join(sorted(codes))}
    supervisor = pair.mentee.supervisor
    for person in (pair.mentee, supervisor):
        if person is not None:
            notify(user=person.user, message=message, params=params, link=link)
    if not closed_by_mentor:
        notify(user=pair.mentor.user, link=link,
               message=gettext_noop("The mentoring pair %(pair)s was closed."),
               params={"pair": str(pair)})  # fmt: skip


# --- sessions -----------------------------------------------------------------------------------


def _overlaps(pair: Pair, date: dt.date, start_time, minutes: int) -> bool:
    """Another session of the same mentor (any pair) on `date` whose time overlaps."""
    if start_time is None:
        return False
    begin = dt.datetime.combine(date, start_time)
    finish = begin + dt.timedelta(minutes=minutes)
    others = MentoringSession.objects.filter(
        pair__mentor_id=pair.mentor_id, date=date, start_time__isnull=False
    ).values_list("start_time", "minutes")
    for other_start, other_minutes in others:
        other_begin = dt.datetime.combine(date, other_start)
        if other_begin < finish and begin < other_begin + dt.timedelta(minutes=other_minutes):
            return True
    return False


@transaction.atomic
def session_log(*, actor, pair: Pair, date: dt.date, minutes, topic: str,
                mode: str = MentoringSession.Mode.TATAP_MUKA, start_time=None, competency=None,
                actions: str = "", evidence=None) -> MentoringSession:  # fmt: skip
    """Either side of an active pair logs a session; the other side is asked to confirm it.
    Refused: a future date, minutes not above zero (or more than a working day), a time that
    overlaps another session of the same mentor."""
    pair = _locked_pair(pair)
    side = side_of(actor, pair)
    if side is None:
        raise PermissionDenied
    if pair.status != Pair.Status.ACTIVE:
        raise ValidationError(_("Sessions can be logged only for an active pair."),
                              code="not_active")  # fmt: skip
    errors = {}
    if date is None or date > timezone.localdate():
        errors["date"] = _("A session cannot be dated in the future.")
    elif date < pair.cycle.start:
        errors["date"] = _("A session cannot be dated before the cycle starts.")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        errors["minutes"] = _("Minutes must be a whole number above zero.")
    elif minutes > MAX_SESSION_MINUTES:
        errors["minutes"] = _("A session lasts at most %(max)d minutes.") % {
            "max": MAX_SESSION_MINUTES
        }
    if not (topic or "").strip():
        errors["topic"] = _("Name the topic of the session.")
    if not errors and start_time is not None:
        # Lock the mentor's row: two sessions of the same mentor logged at once (from two
        # pairs) are checked one after the other, so an overlap cannot slip through.
        list(Employee.objects.select_for_update().filter(pk=pair.mentor_id).values_list("pk"))
    if not errors and _overlaps(pair, date, start_time, minutes):
        errors["start_time"] = _("This time overlaps another session of the same mentor.")
    if errors:
        raise ValidationError(errors)
    session = MentoringSession(
        pair=pair, date=date, start_time=start_time, minutes=minutes, mode=mode,
        topic=topic.strip(), competency=competency, actions=actions.strip(), logged_by=actor,
    )  # fmt: skip
    if evidence is not None:
        session.evidence = evidence
    session.full_clean()
    session.save()
    values = snapshot(session, SESSION_FIELDS)
    if start_time is not None:  # the audit trail stores text; a time is not JSON
        values["start_time"] = start_time.strftime("%H:%M")
    audit_record(actor=actor, action="create", instance=session,
                 changes=creation_changes(values))  # fmt: skip
    other = pair.mentee if side == "mentor" else pair.mentor
    _notify(other, gettext_noop("Please confirm the mentoring session of %(date)s: %(topic)s."),
            {"date": date.isoformat(), "topic": session.topic})  # fmt: skip
    return session


@transaction.atomic
def session_confirm(*, actor, session: MentoringSession) -> MentoringSession:
    """The other side confirms a session; its minutes become the mentee's JP (NKL02, SIASN 15,
    the conversion configured for NKL02). A second confirmation changes nothing."""
    session = (
        MentoringSession.objects.select_for_update(of=("self",))
        .select_related("pair__mentor__user", "pair__mentee__user")
        .get(pk=session.pk)
    )
    pair = session.pair
    side = side_of(actor, pair)
    if side is None:
        raise PermissionDenied
    if session.logged_by_id == actor.pk:
        raise ValidationError(
            _("You cannot confirm a session you logged yourself: the other side confirms it."),
            code="own_session",
        )
    if session.confirmed_at is not None:
        return session
    session.confirmed_by, session.confirmed_at = actor, timezone.now()
    record = credit_minutes(
        employee=pair.mentee, minutes=session.minutes, form_code=MENTORING_FORM.code,
        title=f"Mentoring: {session.topic}", start=session.date, end=session.date,
        source=JP_SOURCE, source_ref=f"mentoring.mentoringsession:{session.pk}", actor=actor,
        institution_name=pair.mentor.name,
    )  # fmt: skip
    session.jp_record_ref = f"trainings.jprecord:{record.pk}"
    session.save(update_fields=["confirmed_by", "confirmed_at", "jp_record_ref"])
    audit_record(actor=actor, action="update", instance=session,
                 changes={"confirmed_by": [None, actor.get_username()],
                          "jp_record_ref": ["", session.jp_record_ref]})  # fmt: skip
    logger = pair.mentor if side == "mentee" else pair.mentee
    _notify(logger, gettext_noop("Your mentoring session of %(date)s was confirmed."),
            {"date": session.date.isoformat()})  # fmt: skip
    return session
