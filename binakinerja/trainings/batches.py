"""Batches (angkatan) of an approved program: the services that create and run them.

A batch is run by its institution's staff (penyelenggara) or by admins BKPSDM
(`selectors.runs_batch`). Its shape — dates, capacity, sessions, quotas per OPD — may change
while it is planned or open for nominations; facilitators and cost lines until it is finished.
Status moves planned → open → running → finished → evaluated, each with its check: opening
needs a session, running starts on the start date, finishing comes at the end date and decides
each enrolled participant's completion (`rules.completed`), crediting the JP ledger
(`ledger.credit_completion`).

Every write is atomic, keyword-only and audited; edits of the batch itself name the `version`
the actor saw (`core.concurrency`). Seats change under the batch row's lock (see
enrolment.py), so a quota or capacity change and an agreement never race.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_entry, audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import notify
from binakinerja.organizations.models import OrgUnit
from binakinerja.trainings import rules
from binakinerja.trainings.models import (
    Attendance,
    Batch,
    BatchQuota,
    CostLine,
    Enrolment,
    Facilitator,
    Module,
    Program,
    Session,
)
from binakinerja.trainings.selectors import runs_batch

Status = Batch.Status
SHAPE_STATUSES = (Status.PLANNED, Status.OPEN)  # dates, capacity, sessions and quotas change
RUNNING_STATUSES = (Status.PLANNED, Status.OPEN, Status.RUNNING)  # facilitators and costs
BATCH_FIELDS = ["name", "year", "capacity", "place", "start", "end", "nominations_close", "status"]
SESSION_FIELDS = ["date", "start_time", "end_time", "place", "online_link", "module", "facilitator"]
MAX_CAPACITY = 1000

# The status moves: (from, to) → the check that must hold.
MOVES = {
    (Status.PLANNED, Status.OPEN): "sessions",
    (Status.OPEN, Status.PLANNED): "",
    (Status.OPEN, Status.RUNNING): "started",
    (Status.RUNNING, Status.FINISHED): "ended",
    (Status.FINISHED, Status.EVALUATED): "",
}

MSG_FINISHED = gettext_noop("%(batch)s has ended: %(result)s.")


def _require_runner(actor, batch_or_program) -> None:
    """Only the staff of the institution and admins BKPSDM run a batch (403 for others)."""
    if isinstance(batch_or_program, Program):
        batch = Batch(program=batch_or_program)
    else:
        batch = batch_or_program
    if not runs_batch(actor, batch):
        raise PermissionDenied


def _refuse(errors: dict) -> None:
    errors = {name: message for name, message in errors.items() if message}
    if errors:
        raise ValidationError(errors)


def _lock(batch: Batch, *, version=None) -> Batch:
    """The batch row locked for this transaction (seats and sessions change under it), after
    the version check when the actor edits the batch itself."""
    locked = (
        Batch.objects.select_for_update(of=("self",))
        .select_related("program__institution")
        .get(pk=batch.pk)
    )
    if version is not None:
        check_version(locked.version, version)
    return locked


def _require_status(batch: Batch, statuses, message) -> None:
    if batch.status not in statuses:
        raise ValidationError(message, code="batch_wrong_status")


def _require_shape_editable(batch: Batch) -> None:
    _require_status(
        batch, SHAPE_STATUSES,
        _("Dates, capacity, sessions and quotas can change only while the batch is planned "
          "or open for nominations."),
    )  # fmt: skip


def _bump(batch: Batch) -> None:
    batch.version += 1
    batch.save(update_fields=["version"])


def enrolled_count(batch: Batch) -> int:
    return batch.enrolments.filter(status=Enrolment.Status.ENROLLED).count()


def enrolled_by_opd(batch: Batch) -> dict[str, int]:
    """{OPD path: enrolled participants} of a batch: one query."""
    from django.db.models.functions import Substr

    from binakinerja.organizations.models import OPD_PATH_LENGTH

    rows = (
        batch.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .annotate(opd_path=Substr("employee__unit__path", 1, OPD_PATH_LENGTH))
        .values("opd_path")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["opd_path"]: row["n"] for row in rows}


# --- the batch ----------------------------------------------------------------------------------


def _dates_errors(*, year, capacity, start, end, nominations_close) -> dict:
    errors: dict = {}
    if start and end and start > end:
        errors["end"] = _("The end date cannot be before the start date.")
    if start and end and year and year not in (start.year, end.year):
        errors["year"] = _("The year must be the year the batch starts or ends.")
    if nominations_close and start and nominations_close > start:
        errors["nominations_close"] = _("Nominations must close on or before the start date.")
    if capacity is None or capacity < 1 or capacity > MAX_CAPACITY:
        errors["capacity"] = _("The capacity must be a whole number from 1 to %(max)d.") % {
            "max": MAX_CAPACITY
        }
    return errors


@transaction.atomic
def batch_create(
    *,
    actor,
    program: Program,
    name: str,
    year: int,
    capacity: int,
    start: dt.date,
    end: dt.date,
    place: str = "",
    nominations_close: dt.date | None = None,
) -> Batch:
    """A new batch (planned) of an approved program, by its institution's staff or an admin."""
    _require_runner(actor, program)
    if program.status != Program.Status.APPROVED:
        raise ValidationError(
            _("Batches can be organised only for an approved program."), code="program_status"
        )
    _refuse(_dates_errors(year=year, capacity=capacity, start=start, end=end,
                          nominations_close=nominations_close))  # fmt: skip
    batch = Batch(
        program=program, name=(name or "").strip(), year=year, capacity=capacity,
        place=(place or "").strip(), start=start, end=end, nominations_close=nominations_close,
    )  # fmt: skip
    batch.full_clean()
    batch.save()
    audit_record(actor=actor, action=AuditLog.Action.CREATE, instance=batch,
                 changes=creation_changes(snapshot(batch, BATCH_FIELDS)))  # fmt: skip
    return batch


@transaction.atomic
def batch_update(
    *,
    actor,
    batch: Batch,
    version,
    name: str,
    year: int,
    capacity: int,
    start: dt.date,
    end: dt.date,
    place: str = "",
    nominations_close: dt.date | None = None,
) -> Batch:
    """Change the batch's name, dates, place or capacity while it is planned or open. The
    capacity never drops below the seats taken or the quotas given; sessions stay inside the
    dates."""
    _require_runner(actor, batch)
    batch = _lock(batch, version=version)
    _require_shape_editable(batch)
    errors = _dates_errors(year=year, capacity=capacity, start=start, end=end,
                           nominations_close=nominations_close)  # fmt: skip
    if "capacity" not in errors:
        taken = enrolled_count(batch)
        quotas = batch.quotas.aggregate(total=Sum("seats"))["total"] or 0
        if capacity < max(taken, quotas):
            errors["capacity"] = _(
                "The capacity cannot be below the %(taken)d seats taken or the %(quotas)d seats "
                "given in quotas."
            ) % {"taken": taken, "quotas": quotas}
    if "end" not in errors and start and end:
        outside = batch.sessions.filter(Q(date__lt=start) | Q(date__gt=end)).count()
        if outside:
            errors["start"] = _(
                "%(n)d session(s) would fall outside the new dates; move them first."
            ) % {"n": outside}
    _refuse(errors)
    before = snapshot(batch, BATCH_FIELDS)
    batch.name, batch.year, batch.capacity = (name or "").strip(), year, capacity
    batch.place, batch.start, batch.end = (place or "").strip(), start, end
    batch.nominations_close = nominations_close
    batch.version += 1
    batch.full_clean()
    batch.save()
    audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=batch,
                 changes=diff(before, snapshot(batch, BATCH_FIELDS)))  # fmt: skip
    from binakinerja.trainings.enrolment import waitlist_promote

    waitlist_promote(actor=actor, batch=batch)
    return batch


# --- sessions -----------------------------------------------------------------------------------


def _session_snapshot(session: Session | None) -> dict:
    """A session's fields for the audit trail (times as HH:MM: JSON has no time type)."""
    if session is None:
        return {}
    values = snapshot(session, SESSION_FIELDS)
    for name in ("start_time", "end_time"):
        if isinstance(values[name], dt.time):
            values[name] = values[name].strftime("%H:%M")
    return values


def overlaps(a_start: dt.time, a_end: dt.time, b_start: dt.time, b_end: dt.time) -> bool:
    """Two time ranges on the same day overlap (touching ends do not)."""
    return a_start < b_end and b_start < a_end


def _session_errors(*, batch: Batch, session_pk, date, start_time, end_time, place, online_link,
                    module, facilitator) -> dict:  # fmt: skip
    errors: dict = {}
    if date and not batch.start <= date <= batch.end:
        errors["date"] = _("The session must fall between the batch's start and end dates.")
    if start_time and end_time and start_time >= end_time:
        errors["end_time"] = _("The session must end after it starts.")
    if not (place or "").strip() and not (online_link or "").strip():
        errors["place"] = _("Give the place or the online link of the session.")
    if module is not None and module.program_id != batch.program_id:
        errors["module"] = _("The module must belong to this batch's program.")
    if facilitator is not None and facilitator.institution_id != batch.program.institution_id:
        errors["facilitator"] = _("The facilitator must be one of the institution's facilitators.")
    if not errors and date:
        for other in batch.sessions.filter(date=date).exclude(pk=session_pk):
            if overlaps(start_time, end_time, other.start_time, other.end_time):
                errors["start_time"] = _(
                    "This session overlaps another session of the batch (%(date)s %(start)s–"
                    "%(end)s)."
                ) % {
                    "date": other.date.strftime("%d-%m-%Y"),
                    "start": other.start_time.strftime("%H:%M"),
                    "end": other.end_time.strftime("%H:%M"),
                }
                break
    return errors


@transaction.atomic
def session_save(
    *,
    actor,
    batch: Batch,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str = "",
    online_link: str = "",
    module: Module | None = None,
    facilitator: Facilitator | None = None,
    session: Session | None = None,
) -> Session:
    """Add a session to the batch (or change `session`): inside the batch's dates, no two
    sessions of the batch overlapping, a module of the program and a facilitator of the
    institution (who joins the batch's facilitators)."""
    _require_runner(actor, batch)
    batch = _lock(batch)
    _require_shape_editable(batch)
    if session is not None and session.batch_id != batch.pk:
        raise PermissionDenied
    _refuse(_session_errors(batch=batch, session_pk=session.pk if session else None, date=date,
                            start_time=start_time, end_time=end_time, place=place,
                            online_link=online_link, module=module,
                            facilitator=facilitator))  # fmt: skip
    before = _session_snapshot(session)
    session = session or Session(batch=batch)
    session.date, session.start_time, session.end_time = date, start_time, end_time
    session.place, session.online_link = (place or "").strip(), (online_link or "").strip()
    session.module, session.facilitator = module, facilitator
    session.full_clean()
    session.save()
    if facilitator is not None:
        batch.facilitators.add(facilitator)
    _bump(batch)
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE if before else AuditLog.Action.CREATE,
        instance=session, changes=diff(before, _session_snapshot(session)),
    )  # fmt: skip
    return session


@transaction.atomic
def session_remove(*, actor, session: Session) -> None:
    """Remove a session that has no attendance yet."""
    batch = session.batch
    _require_runner(actor, batch)
    batch = _lock(batch)
    _require_shape_editable(batch)
    if Attendance.objects.filter(session=session).exists():
        raise ValidationError(_("A session with attendance cannot be removed."))
    audit_record(actor=actor, action=AuditLog.Action.DELETE, instance=session,
                 changes=diff(_session_snapshot(session), {}))  # fmt: skip
    session.delete()
    _bump(batch)


# --- quotas -------------------------------------------------------------------------------------


@transaction.atomic
def quota_set(*, actor, batch: Batch, opd: OrgUnit, seats: int) -> BatchQuota | None:
    """Give an OPD `seats` seats of the batch (0 removes its quota). The quotas together stay
    within the capacity, and an OPD's quota never drops below its participants already
    enrolled. A larger quota lets its waitlist move up."""
    _require_runner(actor, batch)
    batch = _lock(batch)
    _require_shape_editable(batch)
    if opd.kind != OrgUnit.Kind.OPD:
        raise ValidationError({"opd": _("Quotas are given to an OPD.")})
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 0:
        raise ValidationError({"seats": _("The seats must be a whole number, zero or more.")})
    others = batch.quotas.exclude(opd=opd).aggregate(total=Sum("seats"))["total"] or 0
    if others + seats > batch.capacity:
        raise ValidationError({"seats": _(
            "The quotas together (%(total)d seats) would exceed the batch's capacity of "
            "%(capacity)d."
        ) % {"total": others + seats, "capacity": batch.capacity}})  # fmt: skip
    taken = enrolled_by_opd(batch).get(opd.path, 0)
    if seats < taken:
        raise ValidationError({"seats": _(
            "%(opd)s already has %(taken)d participants enrolled; the quota cannot be smaller."
        ) % {"opd": opd.name, "taken": taken}})  # fmt: skip
    quota = batch.quotas.filter(opd=opd).first()
    old = quota.seats if quota else 0
    if seats == 0:
        if quota:
            quota.delete()
        quota = None
    elif quota:
        quota.seats = seats
        quota.save(update_fields=["seats"])
    else:
        quota = BatchQuota.objects.create(batch=batch, opd=opd, seats=seats)
    _bump(batch)
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=batch,
        changes={f"quota {opd.name}"[:100]: [old, seats]} if old != seats else {},
    )  # fmt: skip
    if seats > old:
        from binakinerja.trainings.enrolment import waitlist_promote

        waitlist_promote(actor=actor, batch=batch)
    return quota


# --- facilitators and costs ---------------------------------------------------------------------


@transaction.atomic
def facilitator_add(*, actor, batch: Batch, facilitator: Facilitator) -> None:
    _require_runner(actor, batch)
    batch = _lock(batch)
    _require_status(batch, RUNNING_STATUSES, _("The batch has finished."))
    if facilitator.institution_id != batch.program.institution_id:
        raise ValidationError(_("The facilitator must be one of the institution's facilitators."))
    batch.facilitators.add(facilitator)
    audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=batch,
                 changes={"facilitators": ["", facilitator.name]})  # fmt: skip


@transaction.atomic
def facilitator_remove(*, actor, batch: Batch, facilitator: Facilitator) -> None:
    _require_runner(actor, batch)
    batch = _lock(batch)
    _require_status(batch, RUNNING_STATUSES, _("The batch has finished."))
    if batch.sessions.filter(facilitator=facilitator).exists():
        raise ValidationError(
            _("%(name)s leads sessions of this batch; change those sessions first.")
            % {"name": facilitator.name}
        )
    batch.facilitators.remove(facilitator)
    audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=batch,
                 changes={"facilitators": [facilitator.name, ""]})  # fmt: skip


def amount_of(value) -> Decimal:
    """A rupiah amount from a form or a cell ("1.500.000", "1500000", 1500000): whole rupiah,
    zero or more; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    text = str(value).strip().replace("Rp", "").replace(" ", "").replace(".", "")
    if text.endswith(",00"):
        text = text[:-3]
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not amount.is_finite() or amount < 0 or amount != amount.to_integral_value():
        raise ValueError(value)
    return amount


@transaction.atomic
def cost_line_add(*, actor, batch: Batch, description: str, amount) -> CostLine:
    """A cost of the batch in whole rupiah (≥ 0)."""
    _require_runner(actor, batch)
    batch = _lock(batch)
    _require_status(batch, (*RUNNING_STATUSES, Status.FINISHED),
                    _("The costs of an evaluated batch are closed."))  # fmt: skip
    errors = {}
    if not (description or "").strip():
        errors["description"] = _("Describe the cost.")
    try:
        value = amount_of(amount)
    except ValueError:
        errors["amount"] = _("The amount must be whole rupiah, zero or more.")
    _refuse(errors)
    line = CostLine(batch=batch, description=description.strip(), amount=value)
    line.full_clean()
    line.save()
    audit_record(actor=actor, action=AuditLog.Action.CREATE, instance=line,
                 changes=creation_changes({"description": line.description,
                                           "amount": str(line.amount)}))  # fmt: skip
    return line


@transaction.atomic
def cost_line_remove(*, actor, line: CostLine) -> None:
    batch = line.batch
    _require_runner(actor, batch)
    batch = _lock(batch)
    _require_status(batch, (*RUNNING_STATUSES, Status.FINISHED),
                    _("The costs of an evaluated batch are closed."))  # fmt: skip
    audit_record(actor=actor, action=AuditLog.Action.DELETE, instance=line,
                 changes={"amount": [str(line.amount), None]})  # fmt: skip
    line.delete()


# --- status moves -------------------------------------------------------------------------------


def next_moves(batch: Batch, *, today: dt.date | None = None) -> list[str]:
    """The statuses `batch` may move to now (its dates allowing; a missing session is said by
    the refusal, so the runner learns what to add)."""
    today = today or timezone.localdate()
    due = {"started": today >= batch.start, "ended": today >= batch.end}
    return [
        to for (origin, to), check in MOVES.items()
        if origin == batch.status and due.get(check, True)
    ]  # fmt: skip


@transaction.atomic
def batch_move(*, actor, batch: Batch, to: str, version, today: dt.date | None = None) -> Batch:
    """Move the batch to status `to`: open needs a session; running starts on or after the
    start date; finished comes on or after the end date and decides each participant's
    completion (crediting the JP ledger); evaluated closes it."""
    _require_runner(actor, batch)
    batch = _lock(batch, version=version)
    today = today or timezone.localdate()
    check = MOVES.get((batch.status, to))
    if check is None:
        raise ValidationError(
            _("A batch that is %(status)s cannot become %(to)s.") % {
                "status": batch.get_status_display().lower(),
                "to": str(dict(Status.choices).get(to, to)).lower(),
            }, code="batch_move",
        )  # fmt: skip
    if check == "sessions" and not batch.sessions.exists():
        raise ValidationError(_("Add at least one session before opening nominations."))
    if check == "started" and today < batch.start:
        raise ValidationError(
            _("The batch can start running on its start date, %(date)s.")
            % {"date": batch.start.strftime("%d-%m-%Y")}
        )
    if check == "ended" and today < batch.end:
        raise ValidationError(
            _("The batch can be finished on or after its end date, %(date)s.")
            % {"date": batch.end.strftime("%d-%m-%Y")}
        )
    before = snapshot(batch, ["status"])
    batch.status = to
    batch.version += 1
    batch.save(update_fields=["status", "version"])
    audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=batch,
                 changes=diff(before, snapshot(batch, ["status"])))  # fmt: skip
    if to == Status.FINISHED:
        batch_complete(actor=actor, batch=batch)
    if to == Status.EVALUATED:  # post-tests in: operators may re-assess the target competency
        from binakinerja.trainings.evaluation import reassessment_propose

        reassessment_propose(batch=batch)
    return batch


def batch_complete(*, actor, batch: Batch) -> tuple[int, int]:
    """At the finish: each enrolled participant becomes completed or not completed by the
    program's rule (attendance share of the sessions, post-test against the pass mark); each
    completion credits the JP ledger. Returns (completed, not completed). Called inside
    `batch_move`'s transaction."""
    from binakinerja.trainings.ledger import credit_completion

    program = batch.program
    sessions = batch.sessions.count()
    enrolments = list(
        batch.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .select_related("employee__user", "batch__program")
        .annotate(attended=Count("attendances", filter=Q(attendances__session__batch=batch)))
    )
    done = failed = 0
    entries = []
    for enrolment in enrolments:
        ok = rules.completed(
            attended=enrolment.attended, sessions=sessions,
            min_attendance_pct=program.min_attendance_pct, post_score=enrolment.post_score,
            pass_mark=program.pass_mark,
        )  # fmt: skip
        old = enrolment.status
        enrolment.status = Enrolment.Status.COMPLETED if ok else Enrolment.Status.NOT_COMPLETED
        enrolment.version += 1
        enrolment.save(update_fields=["status", "version"])
        attended = f"{enrolment.attended}/{sessions}"
        entries.append(
            audit_entry(
                actor=actor,
                action=AuditLog.Action.UPDATE,
                instance=enrolment,
                changes={"status": [old, enrolment.status], "attended": [None, attended]},
            )
        )
        if ok:
            done += 1
            credit_completion(enrolment, actor)
        else:
            failed += 1
        notify(
            user=enrolment.employee.user, message=MSG_FINISHED,
            params={"batch": str(batch), "result": Enrolment.Status(enrolment.status).label},
            link=reverse("trainings:batch_detail", args=[batch.pk]),
        )  # fmt: skip
    AuditLog.objects.bulk_create(entries)
    return done, failed
