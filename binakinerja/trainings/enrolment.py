"""Nomination and enrolment: the one module that owns the workflow from the OPD's proposal to a
seat in a batch (ARCHITECTURE "When a module is split").

- An operator (or admin) of an OPD nominates the OPD's ASN into a batch open for nominations,
  starting from the plan's demand (`competencies.plan.plan_demand`: who has the largest gap in
  the program's target competencies first, with the reason). An OPD needs a quota in the batch;
  it may propose as many people as its seats plus as many reserves (`RESERVES_PER_SEAT`), so a
  declined or withdrawn participant can be replaced from the waitlist.
- The atasan (the employee's direct supervisor's login; the OPD's managers when there is none)
  agrees or declines. On agreement the person is enrolled when a seat is free — under the
  batch's capacity and the OPD's quota —, else waitlisted (`queued_at`).
- A withdrawal of an enrolled person frees the seat: the first waitlisted person (by
  `queued_at`) of an OPD with room moves up at once (`waitlist_promote`).
- Nobody is booked into sessions overlapping those of another batch they are enrolled in.
- Nominations close when the batch starts running, on `nominations_close`, or on the start date.

Seats are counted and changed under the batch row's lock (`select_for_update`): two agreements
racing for the last seat end with one enrolled and one waitlisted (tested on PostgreSQL).
Every write is atomic and audited; the other party is told (`core.notifications`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_entry, audit_record, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import notify, settle
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import ImportResult, cell_text, is_blank, require_rows, xlsx_rows
from binakinerja.organizations.models import OPD_PATH_LENGTH, OrgUnit
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.trainings.batches import enrolled_by_opd, overlaps
from binakinerja.trainings.models import Batch, BatchQuota, Enrolment, Session

S = Enrolment.Status
ACTIVE = (S.NOMINATED, S.WAITLISTED, S.ENROLLED)  # counted against the OPD's proposals
RESERVES_PER_SEAT = 1  # an OPD may propose its seats plus as many reserves
ENROLMENT_FIELDS = ["status", "reason", "queued_at"]
MAX_REASON = 300
IMPORT_COLUMNS = ["NIP", "ALASAN"]
IMPORT_ALIASES = {"REASON": "ALASAN", "ALASAN USULAN": "ALASAN"}
IMPORT_MAX_ROWS = 2_000

MSG_NOMINATED = gettext_noop("%(name)s was nominated for the training %(batch)s.")
MSG_AGREED = gettext_noop("The nomination of %(name)s for %(batch)s was agreed: %(status)s.")
MSG_DECLINED = gettext_noop("The supervisor declined the nomination of %(name)s for %(batch)s.")
MSG_PROMOTED = gettext_noop("%(name)s moved up from the waitlist and is enrolled in %(batch)s.")
MSG_WITHDRAWN = gettext_noop("%(name)s was withdrawn from %(batch)s.")


def _batch_link(batch: Batch) -> str:
    return reverse("trainings:batch_detail", args=[batch.pk])


def _inbox_link() -> str:
    return reverse("trainings:nomination_inbox")


def opd_path_of_employee(employee: Employee) -> str:
    return employee.unit.path[:OPD_PATH_LENGTH]


# --- checks -------------------------------------------------------------------------------------


def nominations_closed_reason(batch: Batch, *, today: dt.date | None = None) -> str | None:
    """Why nominations to `batch` are refused now, or None while they are open."""
    today = today or timezone.localdate()
    if batch.status == Batch.Status.PLANNED:
        return _("Nominations for this batch are not open yet.")
    if batch.status != Batch.Status.OPEN or today >= batch.start:
        return _("The batch has started: nominations are closed.")
    if batch.nominations_close and today > batch.nominations_close:
        return _("Nominations for this batch closed on %(date)s.") % {
            "date": batch.nominations_close.strftime("%d-%m-%Y")
        }
    return None


def overlap_conflicts(batch: Batch, employee_ids: Iterable[int]) -> dict[int, str]:
    """{employee id: the other batch} for the employees enrolled in another batch with a
    session overlapping one of `batch`'s (same date, times crossing). Two queries."""
    ids = list(employee_ids)
    mine = list(batch.sessions.values_list("date", "start_time", "end_time"))
    if not ids or not mine:
        return {}
    by_date: dict[dt.date, list] = {}
    for date, start, end in mine:
        by_date.setdefault(date, []).append((start, end))
    rows = (
        Session.objects.filter(
            batch__enrolments__employee_id__in=ids,
            batch__enrolments__status=S.ENROLLED,
            date__in=list(by_date),
        )
        .exclude(batch=batch)
        .values_list(
            "batch__enrolments__employee_id", "batch__name", "batch__program__title", "date",
            "start_time", "end_time",
        )
        .order_by("date", "start_time")
    )  # fmt: skip
    found: dict[int, str] = {}
    for employee_id, name, title, date, start, end in rows:
        if employee_id in found:
            continue
        if any(overlaps(start, end, s, e) for s, e in by_date[date]):
            found[employee_id] = f"{title} · {name} ({date:%d-%m-%Y} {start:%H:%M}–{end:%H:%M})"
    return found


def _overlap_message(employee: Employee, other: str) -> str:
    return _("%(name)s is already enrolled in %(other)s, whose session overlaps this batch.") % {
        "name": employee.full_name,
        "other": other,
    }


def manageable_quotas(user, batch: Batch) -> list[BatchQuota]:
    """The quotas of `batch` whose OPD `user` may nominate for (operators of the OPD, admins
    of its government)."""
    reach = reach_of(user)
    quotas = list(batch.quotas.select_related("opd").order_by("opd__name"))
    if reach.manages_everything:
        return quotas
    paths = reach.managed_paths
    return [q for q in quotas if any(q.opd.path.startswith(p) for p in paths)]


def quota_get_for_user(user, batch: Batch, opd_pk) -> BatchQuota:
    """The quota of OPD `opd_pk` in `batch`, when `user` may nominate for it; 403 otherwise."""
    for quota in manageable_quotas(user, batch):
        if quota.opd_id == int(opd_pk):
            return quota
    raise PermissionDenied


def nominable_employees(user, opd: OrgUnit):
    """The OPD's ASN in service whom `user` may nominate (the registry's write door)."""
    return (
        Employee.objects.editable_by(user)
        .filter(opd.subtree_q("unit__"))
        .exclude(state__in=GONE_STATES)
    )


@dataclass
class SeatCount:
    """The seats of one OPD in a batch: quota, enrolled, waiting for the atasan, waitlisted."""

    quota: BatchQuota
    enrolled: int = 0
    nominated: int = 0
    waitlisted: int = 0

    @property
    def opd(self) -> OrgUnit:
        return self.quota.opd

    @property
    def active(self) -> int:
        return self.enrolled + self.nominated + self.waitlisted

    @property
    def proposal_limit(self) -> int:
        return self.quota.seats * (1 + RESERVES_PER_SEAT)

    @property
    def room(self) -> int:
        """How many more people the OPD may still propose."""
        return max(self.proposal_limit - self.active, 0)

    @property
    def free_seats(self) -> int:
        return max(self.quota.seats - self.enrolled, 0)


def seat_counts(batch: Batch) -> list[SeatCount]:
    """Per quota: enrolled, nominated and waitlisted people of its OPD (two queries)."""
    from django.db.models.functions import Substr

    counts = {
        quota.opd.path: SeatCount(quota=quota)
        for quota in batch.quotas.select_related("opd").order_by("opd__name")
    }
    rows = (
        batch.enrolments.filter(status__in=ACTIVE)
        .annotate(opd_path=Substr("employee__unit__path", 1, OPD_PATH_LENGTH))
        .values("opd_path", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        count = counts.get(row["opd_path"])
        if count is not None:
            setattr(count, str(row["status"]), row["n"])
    return list(counts.values())


# --- nomination candidates from the plan's demand -----------------------------------------------


@dataclass
class Candidate:
    """An ASN the plan says needs the program: the largest gap first, with the reason."""

    employee: Employee
    gap: int
    reason: str
    current: int = 0
    required: int = 0
    status: str = ""  # their enrolment in this batch, if any
    conflict: str = ""  # another batch they are enrolled in with an overlapping session
    competencies: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(S(self.status).label) if self.status else ""


def nomination_candidates(user, batch: Batch, opd: OrgUnit) -> list[Candidate]:
    """The OPD's ASN (within `user`'s write reach) who need the program's target competencies
    according to the plan's demand, ranked as the plan ranks needs: the largest gap first
    (then the program's level met exactly, then name). A fixed number of queries."""
    from binakinerja.competencies.plan import plan_demand
    from binakinerja.competencies.selectors import latest_levels

    targets = {
        t.competency.code: (t.competency, t.level)
        for t in batch.program.target_competencies.select_related("competency")
    }
    if not targets:
        return []
    best: dict[int, tuple] = {}  # employee id → (gap, exact, reason, current, required, names)
    lines = [
        line for line in plan_demand(root_unit=opd, year=batch.year)
        if line.competency is not None and line.competency.code in targets
    ]  # fmt: skip
    ids = {pk for line in lines for pk in line.employee_ids}
    allowed = set(
        nominable_employees(user, opd).filter(pk__in=ids).values_list("pk", flat=True)
    ) if ids else set()  # fmt: skip
    levels = latest_levels(allowed)
    for line in lines:
        competency, program_level = targets[line.competency.code]
        for pk in line.employee_ids:
            if pk not in allowed:
                continue
            current = levels.get(pk, {}).get(competency.code, 0)
            gap = line.target_level - current
            if gap <= 0:
                continue
            reason = f"Kesenjangan {competency.name} {gap} level"
            key = (gap, line.target_level == program_level)
            known = best.get(pk)
            if known is None or key > known[:2]:
                names = known[5] if known else []
                best[pk] = (gap, key[1], reason, current, line.target_level, names)
            best[pk][5].append(competency.name)
    if not best:
        return []
    employees = Employee.objects.filter(pk__in=best).select_related("unit", "position")
    enrolled = dict(batch.enrolments.filter(employee_id__in=best).values_list("employee_id",
                                                                             "status"))  # fmt: skip
    conflicts = overlap_conflicts(batch, best)
    candidates = [
        Candidate(
            employee=e, gap=best[e.pk][0], reason=best[e.pk][2], current=best[e.pk][3],
            required=best[e.pk][4], status=enrolled.get(e.pk, ""),
            conflict=conflicts.get(e.pk, ""), competencies=sorted(set(best[e.pk][5])),
        )
        for e in employees
    ]  # fmt: skip
    candidates.sort(key=lambda c: (-c.gap, not best[c.employee.pk][1], c.employee.name))
    return candidates


# --- nominating ---------------------------------------------------------------------------------


def _decider(enrolment_or_employee) -> object | None:
    """The login of the employee's direct supervisor (who agrees), or None."""
    employee = getattr(enrolment_or_employee, "employee", enrolment_or_employee)
    supervisor = employee.supervisor
    return supervisor.user if supervisor is not None and supervisor.user_id else None


def nomination_errors(
    *, actor, batch: Batch, opd: OrgUnit, employees: list[Employee]
) -> dict[int, str]:
    """{employee id: why they cannot be nominated} for a list of employees of `opd`, in order:
    outside the OPD or the actor's reach, already proposed, overlapping sessions, over the
    OPD's quota (counted in the order given). Call with the batch locked."""
    errors: dict[int, str] = {}
    allowed = set(
        nominable_employees(actor, opd).filter(pk__in=[e.pk for e in employees])
        .values_list("pk", flat=True)
    )  # fmt: skip
    existing = dict(
        batch.enrolments.filter(employee__in=employees).values_list("employee_id", "status")
    )
    conflicts = overlap_conflicts(batch, [e.pk for e in employees])
    count = next((c for c in seat_counts(batch) if c.quota.opd_id == opd.pk), None)
    room = count.room if count else 0
    for employee in employees:
        if employee.pk not in allowed:
            errors[employee.pk] = _("%(name)s is not an ASN of %(opd)s within your reach.") % {
                "name": employee.full_name, "opd": opd.name,
            }  # fmt: skip
        elif existing.get(employee.pk) in ACTIVE:
            errors[employee.pk] = _("%(name)s is already proposed for this batch (%(status)s).") % {
                "name": employee.full_name, "status": S(existing[employee.pk]).label,
            }  # fmt: skip
        elif employee.pk in conflicts:
            errors[employee.pk] = _overlap_message(employee, conflicts[employee.pk])
        elif room <= 0:
            errors[employee.pk] = _(
                "Over the quota of %(opd)s: %(seats)d seats and as many reserves are already "
                "proposed."
            ) % {"opd": opd.name, "seats": count.quota.seats if count else 0}
        else:
            room -= 1
    return errors


@transaction.atomic
def enrolment_nominate(
    *,
    actor,
    batch: Batch,
    opd: OrgUnit,
    nominees: list[tuple[Employee, str]],
    today: dt.date | None = None,
) -> list[Enrolment]:
    """Nominate `nominees` ((employee, reason) pairs) of `opd` into `batch`, all or nothing:
    any refusal raises a ValidationError listing every refused person and writes nothing. A
    person earlier declined or withdrawn may be proposed again (their row is reused)."""
    batch = Batch.objects.select_for_update(of=("self",)).select_related("program").get(pk=batch.pk)
    if reason := nominations_closed_reason(batch, today=today):
        raise ValidationError(reason, code="nominations_closed")
    if not batch.quotas.filter(opd=opd).exists():
        raise ValidationError(
            _("%(opd)s has no quota in this batch.") % {"opd": opd.name}, code="no_quota"
        )
    if not nominees:
        raise ValidationError(_("Choose at least one ASN to nominate."), code="empty")
    employees = [employee for employee, _reason in nominees]
    if len({e.pk for e in employees}) != len(employees):
        raise ValidationError(_("The same ASN is listed twice."), code="duplicate")
    errors = nomination_errors(actor=actor, batch=batch, opd=opd, employees=employees)
    if errors:
        raise ValidationError(list(errors.values()), code="nomination_refused")
    old_rows = {e.employee_id: e for e in batch.enrolments.filter(employee__in=employees)}
    now = timezone.now()
    created = []
    entries = []
    for employee, reason in nominees:
        enrolment = old_rows.get(employee.pk) or Enrolment(batch=batch, employee=employee)
        before = snapshot(enrolment, ENROLMENT_FIELDS) if enrolment.pk else {}
        enrolment.status = S.NOMINATED
        enrolment.reason = (reason or "").strip()[:MAX_REASON]
        enrolment.nominated_by = actor
        enrolment.decided_by = enrolment.decided_at = enrolment.queued_at = None
        if enrolment.pk:
            enrolment.nominated_at = now
            enrolment.version += 1
        enrolment.full_clean(validate_unique=False)
        enrolment.save()
        if before:  # auto_now_add kept the first date: a renewed proposal is dated now
            Enrolment.objects.filter(pk=enrolment.pk).update(nominated_at=now)
        created.append(enrolment)
        entries.append(audit_entry(
            actor=actor, action=AuditLog.Action.UPDATE if before else AuditLog.Action.CREATE,
            instance=enrolment, changes=diff(before, snapshot(enrolment, ENROLMENT_FIELDS)),
        ))  # fmt: skip
        notify(user=_decider(employee), message=MSG_NOMINATED,
               params={"name": employee.full_name, "batch": str(batch)},
               link=_inbox_link())  # fmt: skip
    AuditLog.objects.bulk_create(entries)
    return created


# --- the atasan's decision ----------------------------------------------------------------------


def may_decide(user, enrolment: Enrolment) -> bool:
    """The employee's direct supervisor decides; when the employee has no supervisor with a
    login, the managers of the employee's record (the OPD's operator, admins) do."""
    decider = _decider(enrolment)
    if decider is not None:
        return decider.pk == user.pk
    return Employee.objects.editable_by(user).filter(pk=enrolment.employee_id).exists()


def _lock_batch(batch_pk: int) -> Batch:
    return (
        Batch.objects.select_for_update(of=("self",))
        .select_related("program__institution")
        .get(pk=batch_pk)
    )


def _has_seat(batch: Batch, opd_path: str) -> bool:
    """A seat is free for someone of the OPD at `opd_path`: under the capacity and the OPD's
    quota. Call with the batch locked."""
    taken = enrolled_by_opd(batch)
    if sum(taken.values()) >= batch.capacity:
        return False
    seats = (
        BatchQuota.objects.filter(batch=batch, opd__path=opd_path)
        .values_list("seats", flat=True)
        .first()
    ) or 0
    return taken.get(opd_path, 0) < seats


@transaction.atomic
def enrolment_decide(
    *, actor, enrolment: Enrolment, agree: bool, version, today: dt.date | None = None
) -> Enrolment:
    """The atasan agrees (→ enrolled when a seat is free, else waitlisted) or declines a
    nomination. The seat is counted and taken under the batch's lock."""
    if not may_decide(actor, enrolment):
        raise PermissionDenied
    batch = _lock_batch(enrolment.batch_id)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("employee__unit", "employee__user", "nominated_by")
        .get(pk=enrolment.pk)
    )
    check_version(enrolment.version, version)
    if enrolment.status != S.NOMINATED:
        raise ValidationError(_("This nomination has already been decided."), code="decided")
    before = snapshot(enrolment, ENROLMENT_FIELDS)
    now = timezone.now()
    if agree:
        if batch.status != Batch.Status.OPEN or (today or timezone.localdate()) >= batch.start:
            raise ValidationError(_("The batch has started: nominations are closed."))
        conflict = overlap_conflicts(batch, [enrolment.employee_id]).get(enrolment.employee_id)
        if conflict:
            raise ValidationError(_overlap_message(enrolment.employee, conflict))
        if _has_seat(batch, opd_path_of_employee(enrolment.employee)):
            enrolment.status = S.ENROLLED
        else:
            enrolment.status, enrolment.queued_at = S.WAITLISTED, now
    else:
        enrolment.status = S.DECLINED
    enrolment.decided_by, enrolment.decided_at = actor, now
    enrolment.version += 1
    enrolment.save()
    audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=enrolment,
                 changes=diff(before, snapshot(enrolment, ENROLMENT_FIELDS)))  # fmt: skip
    params = {"name": enrolment.employee.full_name, "batch": str(batch)}
    if agree:
        for user in {enrolment.nominated_by, enrolment.employee.user} - {None, actor}:
            notify(user=user, message=MSG_AGREED,
                   params={**params, "status": S(enrolment.status).label},
                   link=_batch_link(batch))  # fmt: skip
    else:
        notify(user=enrolment.nominated_by, message=MSG_DECLINED, params=params,
               link=_batch_link(batch))  # fmt: skip
    if not nominations_awaiting(actor).exists():
        settle(user=actor, message=MSG_NOMINATED, link=_inbox_link())
    return enrolment


# --- withdrawal and the waitlist ----------------------------------------------------------------


def may_withdraw(user, enrolment: Enrolment) -> bool:
    """The employee's managers (the OPD's operator, admins), their direct supervisor and the
    batch's runners may withdraw a proposal or a participant."""
    from binakinerja.trainings.selectors import runs_batch

    decider = _decider(enrolment)
    return (
        (decider is not None and decider.pk == user.pk)
        or Employee.objects.editable_by(user).filter(pk=enrolment.employee_id).exists()
        or runs_batch(user, enrolment.batch)
    )


@transaction.atomic
def enrolment_withdraw(*, actor, enrolment: Enrolment, version) -> Enrolment:
    """Withdraw a nomination, a waitlisted or an enrolled person before the batch ends. An
    enrolled person's seat goes to the first waitlisted person of an OPD with room."""
    if not may_withdraw(actor, enrolment):
        raise PermissionDenied
    batch = _lock_batch(enrolment.batch_id)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("employee__user", "employee__supervisor__user", "nominated_by")
        .get(pk=enrolment.pk)
    )
    check_version(enrolment.version, version)
    if enrolment.status not in ACTIVE:
        raise ValidationError(_("Only a proposal, a waitlisted or an enrolled person can be "
                                "withdrawn."), code="not_active")  # fmt: skip
    if batch.status not in (Batch.Status.PLANNED, Batch.Status.OPEN, Batch.Status.RUNNING):
        raise ValidationError(_("The batch has finished."), code="finished")
    before = snapshot(enrolment, ENROLMENT_FIELDS)
    held_seat = enrolment.status == S.ENROLLED
    enrolment.status = S.WITHDRAWN
    enrolment.queued_at = None
    enrolment.version += 1
    enrolment.save()
    audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=enrolment,
                 changes=diff(before, snapshot(enrolment, ENROLMENT_FIELDS)))  # fmt: skip
    params = {"name": enrolment.employee.full_name, "batch": str(batch)}
    for user in {enrolment.employee.user, enrolment.nominated_by, _decider(enrolment)} - {
        None,
        actor,
    }:
        notify(user=user, message=MSG_WITHDRAWN, params=params, link=_batch_link(batch))
    if held_seat:
        waitlist_promote(actor=actor, batch=batch)
    return enrolment


def waitlist_promote(*, actor, batch: Batch) -> list[Enrolment]:
    """Move the waitlist up while seats are free: in `queued_at` order, each waitlisted person
    of an OPD with room under its quota (and the capacity) is enrolled and told; someone now
    enrolled elsewhere at the same time stays waiting. Only while nominations are open, and
    inside the caller's transaction with the batch locked."""
    if batch.status != Batch.Status.OPEN:
        return []
    taken = enrolled_by_opd(batch)
    total = sum(taken.values())
    if total >= batch.capacity:
        return []
    seats = dict(batch.quotas.values_list("opd__path", "seats"))
    waiting = list(
        batch.enrolments.filter(status=S.WAITLISTED)
        .select_related("employee__unit", "employee__user", "nominated_by")
        .order_by("queued_at", "pk")
    )
    conflicts = overlap_conflicts(batch, [e.employee_id for e in waiting])
    promoted = []
    for enrolment in waiting:
        if total >= batch.capacity:
            break
        path = opd_path_of_employee(enrolment.employee)
        if taken.get(path, 0) >= seats.get(path, 0) or enrolment.employee_id in conflicts:
            continue
        before = snapshot(enrolment, ENROLMENT_FIELDS)
        enrolment.status, enrolment.queued_at = S.ENROLLED, None
        enrolment.version += 1
        enrolment.save(update_fields=["status", "queued_at", "version"])
        audit_record(actor=actor, action=AuditLog.Action.UPDATE, instance=enrolment,
                     changes=diff(before, snapshot(enrolment, ENROLMENT_FIELDS)),
                     reason="waitlist")  # fmt: skip
        taken[path] = taken.get(path, 0) + 1
        total += 1
        promoted.append(enrolment)
        params = {"name": enrolment.employee.full_name, "batch": str(batch)}
        for user in {enrolment.employee.user, enrolment.nominated_by} - {None}:
            notify(user=user, message=MSG_PROMOTED, params=params, link=_batch_link(batch))
    return promoted


# --- reads --------------------------------------------------------------------------------------


def nominations_awaiting(user):
    """The nominations `user` decides (their direct subordinates' or, for those without a
    supervisor's login, the employees they manage), in batches still open."""
    reach = reach_of(user)
    q = Q(pk__in=[])
    if reach.employee_id:
        q |= Q(employee__supervisor_id=reach.employee_id, employee__supervisor__user__isnull=False)
    if reach.can_manage_registry:
        q |= Q(employee__in=Employee.objects.editable_by(user)) & (
            Q(employee__supervisor__isnull=True) | Q(employee__supervisor__user__isnull=True)
        )
    return Enrolment.objects.filter(
        q, status=S.NOMINATED, batch__status=Batch.Status.OPEN
    ).select_related("batch__program", "employee__unit", "employee__position", "nominated_by")


# --- bulk nomination by XLSX --------------------------------------------------------------------


@dataclass
class NominationImportResult(ImportResult):
    nominated: int = 0


def nominations_import(
    *, actor, batch: Batch, opd: OrgUnit, upload, today: dt.date | None = None
) -> NominationImportResult:
    """Nominate the ASN listed in an XLSX (columns NIP and, optionally, ALASAN), all or
    nothing: an unknown NIP, one outside the OPD or the actor's reach, someone already
    proposed or listed twice, an overlap with another batch, or more people than the quota
    leaves: each a row error, and nothing is written."""
    from binakinerja.people.rules import normalize_nip
    from binakinerja.people.selectors import employees_by_nip

    if reason := nominations_closed_reason(batch, today=today):
        raise ValidationError(reason)
    result = NominationImportResult()
    rows = list(xlsx_rows(upload, columns=IMPORT_COLUMNS, required=["NIP"],
                          max_rows=IMPORT_MAX_ROWS, aliases=IMPORT_ALIASES))  # fmt: skip
    require_rows(rows)
    found = employees_by_nip(Employee.objects.select_related("unit"), (r["NIP"] for _n, r in rows))
    inside = set(
        nominable_employees(actor, opd).filter(pk__in=[e.pk for e in found.values()])
        .values_list("pk", flat=True)
    )  # fmt: skip
    seen: dict[int, int] = {}
    wanted: list[tuple[int, Employee, str]] = []
    for number, row in rows:
        value = row.get("NIP")
        try:
            nip = normalize_nip(value)
        except ValidationError as error:
            result.error(number, "NIP", value, " ".join(error.messages))
            continue
        employee = found.get(nip)
        if employee is None:
            result.error(number, "NIP", value, _("No ASN with this NIP is registered."))
            continue
        if employee.pk not in inside:
            result.error(number, "NIP", value,
                         _("This ASN is not in %(opd)s or not within your reach.")
                         % {"opd": opd.name})  # fmt: skip
            continue
        if employee.pk in seen:
            result.error(
                number,
                "NIP",
                value,
                _("This NIP is listed twice (row %(row)d).") % {"row": seen[employee.pk]},
            )
            continue
        seen[employee.pk] = number
        reason = "" if is_blank(row.get("ALASAN")) else cell_text(row.get("ALASAN")).strip()
        if len(reason) > MAX_REASON:
            result.error(
                number,
                "ALASAN",
                reason[:50],
                _("The reason can be at most %(max)d characters.") % {"max": MAX_REASON},
            )
            continue
        wanted.append((number, employee, reason))
    with transaction.atomic():
        locked = Batch.objects.select_for_update(of=("self",)).get(pk=batch.pk)
        errors = nomination_errors(actor=actor, batch=locked, opd=opd,
                                   employees=[e for _n, e, _r in wanted])  # fmt: skip
        for number, employee, _reason in wanted:
            if employee.pk in errors:
                result.error(number, "NIP", employee.nip, errors[employee.pk])
        if not result.ok:
            result.errors.sort()
            return result
        created = enrolment_nominate(actor=actor, batch=locked, opd=opd,
                                     nominees=[(e, r) for _n, e, r in wanted],
                                     today=today)  # fmt: skip
        result.nominated = result.created = len(created)
        audit_record(actor=actor, action=AuditLog.Action.IMPORT, instance=locked,
                     changes={"nominated": [None, len(created)]})  # fmt: skip
    return result


def import_template_rows(nips: list[str]) -> list[list]:
    return [[nip, "Kesenjangan kompetensi sesuai rencana pengembangan"] for nip in nips]
