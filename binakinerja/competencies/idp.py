"""The individual development plan (IDP, rencana pengembangan individu): services and selectors.

The ASN proposes the year's development activities from their ranked needs (needs.py) or of
their own choice; their direct supervisor (atasan, `Employee.supervisor`, as in the SKP
workflow) approves the plan or returns it with a comment; once approved the ASN records each
activity as done (with its date and evidence) or cancelled, and the plan shows its progress.

Every write is atomic, keyword-only and audited. Every change (of the plan or of one of its
activities) names the plan `version` the actor saw: the plan row is locked, the version
compared (`core.concurrency.check_version`) and raised, so a change made on a stale page is
refused with `StaleVersionError`, never silently applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from binakinerja.competencies import rules
from binakinerja.competencies.jp import jp_done_for
from binakinerja.competencies.models import (
    IDP_MAX_JP,
    IDP_MAX_YEAR,
    IDP_MIN_YEAR,
    Competency,
    DevelopmentActivity,
    DevelopmentActivityStatus,
    DevelopmentForm,
    DevelopmentNeedSource,
    IdpStatus,
    IndividualDevelopmentPlan,
)
from binakinerja.competencies.needs import SuggestedForm, employee_needs
from binakinerja.competencies.plan import plan_costs_in_use
from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import notify, settle
from binakinerja.core.scoping import reach_of
from binakinerja.people.models import Employee

PlanStatus = IdpStatus
ActivityStatus = DevelopmentActivityStatus
EDITABLE_STATUSES = (PlanStatus.DRAFT, PlanStatus.DIKEMBALIKAN)
OWNER, ATASAN = "asn", "atasan"
PLAN_FIELDS = ["employee", "year", "status"]
ACTIVITY_FIELDS = [
    "title", "need_source", "need_ref", "competency", "form", "planned_jp", "target_month",
    "status", "completed_on", "evidence", "source_ref",
]  # fmt: skip
MAX_COMMENT = 2000


# --- progress (pure) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Progress of a plan: cancelled activities count neither as planned nor as done."""

    planned_jp: int
    done_jp: int
    total: int
    done: int
    cancelled: int
    yearly_jp: int = rules.YEARLY_JP

    @property
    def percent(self) -> int:
        """Done JP as a whole percentage of planned JP (half up), 0 when nothing is planned."""
        if not self.planned_jp:
            return 0
        return (200 * self.done_jp + self.planned_jp) // (2 * self.planned_jp)

    @property
    def jp_shortfall(self) -> int:
        """How many JP the plan lacks for the yearly minimum (DOMAIN.md §8), 0 when none."""
        return max(self.yearly_jp - self.planned_jp, 0)


def idp_progress(activities: Iterable, *, yearly_jp: int = rules.YEARLY_JP) -> Progress:
    """The progress of a plan's activities (objects with `status` and `planned_jp`):
    done JP / planned JP and done / total, cancelled ones left out of both."""
    planned_jp = done_jp = total = done = cancelled = 0
    for activity in activities:
        if activity.status == ActivityStatus.CANCELLED:
            cancelled += 1
            continue
        total += 1
        planned_jp += activity.planned_jp
        if activity.status == ActivityStatus.DONE:
            done += 1
            done_jp += activity.planned_jp
    return Progress(planned_jp, done_jp, total, done, cancelled, yearly_jp)


# --- roles and checks ---------------------------------------------------------------------------


def plan_actor_role(*, actor, plan: IndividualDevelopmentPlan) -> str | None:
    """ "asn" when the actor is the plan's employee, "atasan" when they are the employee's
    current direct supervisor (who approves, as in the SKP workflow), None otherwise."""
    me = reach_of(actor).employee_id
    if me is None:
        return None
    if plan.employee_id == me:
        return OWNER
    if plan.employee.supervisor_id == me:
        return ATASAN
    return None


def _require_role(*, actor, plan: IndividualDevelopmentPlan, role: str) -> None:
    if plan_actor_role(actor=actor, plan=plan) != role:
        message = (
            _("Only the ASN who owns this development plan may do this.")
            if role == OWNER
            else _("Only the employee's direct supervisor (atasan) may decide on this plan.")
        )
        raise ValidationError(message, code="idp_wrong_role")


def _lock(
    *, actor, plan: IndividualDevelopmentPlan, version, role: str
) -> IndividualDevelopmentPlan:
    """The plan row locked for this transaction, after the role and version checks."""
    locked = (
        IndividualDevelopmentPlan.objects.select_for_update(of=("self",))
        .select_related("employee")
        .get(pk=plan.pk)
    )
    _require_role(actor=actor, plan=locked, role=role)
    check_version(locked.version, version)  # StaleVersionError: nothing is saved
    return locked


def _require_status(plan: IndividualDevelopmentPlan, statuses, message) -> None:
    if plan.status not in statuses:
        raise ValidationError(message, code="idp_wrong_status")


def _require_editable(plan: IndividualDevelopmentPlan) -> None:
    _require_status(
        plan,
        EDITABLE_STATUSES,
        _("The activities can be changed only while the plan is a draft or returned."),
    )


def _bump(plan: IndividualDevelopmentPlan, **fields) -> None:
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.version += 1
    plan.save(update_fields=[*fields, "version", "updated_at"])


def _save_changed(*, actor, plan, activity, before: dict) -> DevelopmentActivity:
    """Save a changed activity, bump its (locked) plan's version and audit the difference."""
    activity.full_clean()
    activity.save()
    _bump(plan)
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=activity,
        changes=diff(before, snapshot(activity, ACTIVITY_FIELDS)),
    )  # fmt: skip
    return activity


def _refuse(errors: dict) -> None:
    errors = {name: message for name, message in errors.items() if message}
    if errors:
        raise ValidationError(errors)


def planned_jp_error(planned_jp):
    if isinstance(planned_jp, bool) or not isinstance(planned_jp, int):
        return _("The planned JP must be a whole number above zero.")
    if planned_jp < 1:
        return _("The planned JP must be a whole number above zero.")
    if planned_jp > IDP_MAX_JP:
        return _("The planned JP can be at most %(max)d.") % {"max": IDP_MAX_JP}
    return None


def _activity_errors(*, title, need_source, competency, form, planned_jp, target_month) -> dict:
    month_ok = target_month is None or (
        isinstance(target_month, int) and not isinstance(target_month, bool)
        and 1 <= target_month <= 12
    )  # fmt: skip
    return {
        "title": None if (title or "").strip() else _("Name the activity."),
        "need_source": None if need_source in DevelopmentNeedSource.values
        else _("Choose which need the activity answers."),
        "competency": _("Choose the competency of the gap.")
        if need_source == DevelopmentNeedSource.GAP and competency is None
        else None,
        "form": None if form in DevelopmentForm.values else _("Choose the form of development."),
        "planned_jp": planned_jp_error(planned_jp),
        "target_month": None if month_ok else _("The target month must be from 1 to 12."),
    }  # fmt: skip


# --- services: the plan -------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor, employee: Employee, year: int) -> IndividualDevelopmentPlan:
    """Start the ASN's own plan for a year, as a draft without activities (the page offers the
    ASN's ranked needs as suggestions to pick from)."""
    if reach_of(actor).employee_id != employee.pk:
        raise ValidationError(
            _("Only the ASN themself may start their development plan."), code="idp_wrong_role"
        )
    if not (isinstance(year, int) and IDP_MIN_YEAR <= year <= IDP_MAX_YEAR):
        raise ValidationError(
            {"year": _("The year must lie between %(min)d and %(max)d.")
             % {"min": IDP_MIN_YEAR, "max": IDP_MAX_YEAR}}
        )  # fmt: skip
    if IndividualDevelopmentPlan.objects.filter(employee=employee, year=year).exists():
        raise ValidationError(
            _("There is already a development plan for %(year)s.") % {"year": year},
            code="idp_exists",
        )
    plan = IndividualDevelopmentPlan(employee=employee, year=year)
    plan.full_clean()
    plan.save()
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=plan,
        changes=creation_changes(snapshot(plan, PLAN_FIELDS)),
    )  # fmt: skip
    return plan


@transaction.atomic
def plan_submit(*, actor, plan: IndividualDevelopmentPlan, version) -> IndividualDevelopmentPlan:
    """The ASN submits the draft (or returned) plan to their atasan. At least one activity is
    needed; fewer than the yearly 20 JP is allowed (the page warns, see `Progress`)."""
    locked = _lock(actor=actor, plan=plan, version=version, role=OWNER)
    _require_status(locked, EDITABLE_STATUSES, _("Only a draft or returned plan can be submitted."))
    if not locked.activities.exists():
        raise ValidationError(
            _("Add at least one development activity before submitting."), code="idp_empty"
        )
    if locked.employee.supervisor_id is None:
        raise ValidationError(
            _("Your record has no direct supervisor (atasan) to approve the plan; ask the "
              "operator of your OPD to set one."),
            code="idp_no_atasan",
        )  # fmt: skip
    old = locked.status
    _bump(locked, status=PlanStatus.DIAJUKAN, submitted_at=timezone.now())
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=locked,
        changes={"status": [old, locked.status]},
    )  # fmt: skip
    supervisor = (
        Employee.objects.select_related("user").filter(pk=locked.employee.supervisor_id).first()
    )
    settle(user=actor, message=IDP_RETURNED,
           link=reverse("competencies:idp_mine", args=[locked.year]))  # fmt: skip
    notify(
        user=getattr(supervisor, "user", None), message=IDP_SUBMITTED,
        params={"year": locked.year, "name": locked.employee.full_name},
        link=reverse("competencies:idp_employee", args=[locked.employee_id, locked.year]),
    )  # fmt: skip
    return locked


# Notifications of the plan's workflow (core.notifications): msgids, rendered in each reader's
# language. They say what happened; what is still to do comes from the data (plan_inbox).
IDP_SUBMITTED = gettext_noop("%(name)s submitted the development plan %(year)s for approval.")
IDP_APPROVED = gettext_noop("%(name)s approved your development plan %(year)s.")
IDP_RETURNED = gettext_noop("%(name)s returned your development plan %(year)s: %(comment)s")


def _decide(*, actor, plan, version, new_status, comment: str) -> IndividualDevelopmentPlan:
    locked = _lock(actor=actor, plan=plan, version=version, role=ATASAN)
    _require_status(
        locked, [PlanStatus.DIAJUKAN], _("Only a submitted plan can be approved or returned.")
    )
    old = locked.status
    fields = {"status": new_status, "decided_by": actor, "decided_at": timezone.now()}
    if new_status == PlanStatus.DIKEMBALIKAN:
        fields["return_comment"] = comment
    _bump(locked, **fields)
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=locked,
        changes={"status": [old, new_status]}, reason=comment,
    )  # fmt: skip
    owner = locked.employee
    settle(user=actor, message=IDP_SUBMITTED,
           link=reverse("competencies:idp_employee", args=[owner.pk, locked.year]))  # fmt: skip
    supervisor = Employee.objects.filter(pk=owner.supervisor_id).first()
    notify(
        user=owner.user if owner.user_id else None,
        message=IDP_APPROVED if new_status == PlanStatus.DISETUJUI else IDP_RETURNED,
        params={"name": supervisor.full_name if supervisor else "", "year": locked.year,
                "comment": comment},
        link=reverse("competencies:idp_mine", args=[locked.year]),
    )  # fmt: skip
    return locked


@transaction.atomic
def plan_approve(
    *, actor, plan: IndividualDevelopmentPlan, version, comment: str = ""
) -> IndividualDevelopmentPlan:
    """The atasan approves a submitted plan; its activities can then be recorded as done."""
    return _decide(
        actor=actor, plan=plan, version=version, new_status=PlanStatus.DISETUJUI,
        comment=(comment or "").strip()[:MAX_COMMENT],
    )  # fmt: skip


@transaction.atomic
def plan_return(
    *, actor, plan: IndividualDevelopmentPlan, version, comment: str
) -> IndividualDevelopmentPlan:
    """The atasan returns a submitted plan with a required comment; the ASN edits and
    resubmits it."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what should change before the plan goes back to the ASN.")}
        )
    return _decide(
        actor=actor, plan=plan, version=version, new_status=PlanStatus.DIKEMBALIKAN,
        comment=comment[:MAX_COMMENT],
    )  # fmt: skip


# --- services: activities -----------------------------------------------------------------------


@transaction.atomic
def plan_reopen(*, actor, plan: IndividualDevelopmentPlan, version, reason: str):
    """The ASN reopens their approved plan mid-year to change it (a new need, a course that is
    no longer offered): it becomes a draft again and needs the atasan's approval anew. Done
    and cancelled activities stay as they are; the reason is kept in the audit trail."""
    locked = _lock(actor=actor, plan=plan, version=version, role=OWNER)
    _require_status(
        locked, [PlanStatus.DISETUJUI], _("Only an approved plan can be reopened for changes.")
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the approved plan needs to change.")}, code="idp_no_reason"
        )
    old = locked.status
    _bump(locked, status=PlanStatus.DRAFT)
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=locked,
        changes={"status": [old, locked.status]}, reason=reason[:500],
    )  # fmt: skip
    return locked


def _require_planned(activity: DevelopmentActivity) -> None:
    if activity.status != ActivityStatus.PLANNED:
        raise ValidationError(
            _("A done or cancelled activity stays as it is."), code="idp_activity_closed"
        )


@transaction.atomic
def activity_add(
    *,
    actor,
    plan: IndividualDevelopmentPlan,
    version,
    title: str,
    need_source: str,
    form: str,
    planned_jp: int,
    competency: Competency | None = None,
    target_month: int | None = None,
    need_ref: str = "",
) -> DevelopmentActivity:
    """Add an activity to a draft or returned plan (a picked suggestion or the ASN's own)."""
    locked = _lock(actor=actor, plan=plan, version=version, role=OWNER)
    _require_editable(locked)
    _refuse(
        _activity_errors(
            title=title,
            need_source=need_source,
            competency=competency,
            form=form,
            planned_jp=planned_jp,
            target_month=target_month,
        )  # fmt: skip
    )
    activity = DevelopmentActivity(
        plan=locked, title=title.strip(), need_source=need_source, form=form,
        planned_jp=planned_jp, competency=competency, target_month=target_month,
        need_ref=(need_ref or "").strip()[:200],
    )  # fmt: skip
    activity.full_clean()
    activity.save()
    _bump(locked)
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=activity,
        changes=creation_changes(snapshot(activity, ACTIVITY_FIELDS)),
    )  # fmt: skip
    return activity


@transaction.atomic
def activity_update(
    *,
    actor,
    activity: DevelopmentActivity,
    version,
    title: str,
    need_source: str,
    form: str,
    planned_jp: int,
    competency: Competency | None = None,
    target_month: int | None = None,
) -> DevelopmentActivity:
    """Change an activity of a draft or returned plan."""
    locked = _lock(actor=actor, plan=activity.plan, version=version, role=OWNER)
    _require_editable(locked)
    activity = DevelopmentActivity.objects.get(pk=activity.pk, plan=locked)
    _require_planned(activity)
    _refuse(
        _activity_errors(
            title=title,
            need_source=need_source,
            competency=competency,
            form=form,
            planned_jp=planned_jp,
            target_month=target_month,
        )  # fmt: skip
    )
    before = snapshot(activity, ACTIVITY_FIELDS)
    activity.title, activity.need_source, activity.form = title.strip(), need_source, form
    activity.planned_jp, activity.competency = planned_jp, competency
    activity.target_month = target_month
    if need_source == DevelopmentNeedSource.OWN:
        activity.need_ref = ""
    return _save_changed(actor=actor, plan=locked, activity=activity, before=before)


@transaction.atomic
def activity_remove(*, actor, activity: DevelopmentActivity, version) -> None:
    """Remove an activity from a draft or returned plan."""
    locked = _lock(actor=actor, plan=activity.plan, version=version, role=OWNER)
    _require_editable(locked)
    activity = DevelopmentActivity.objects.get(pk=activity.pk, plan=locked)
    _require_planned(activity)
    before = snapshot(activity, ACTIVITY_FIELDS)
    audit_record(
        actor=actor, action=AuditLog.Action.DELETE, instance=activity,
        changes=diff(before, {}),
    )  # fmt: skip
    activity.delete()
    _bump(locked)


def _approved_planned(
    *, actor, activity, version
) -> tuple[IndividualDevelopmentPlan, DevelopmentActivity]:
    locked = _lock(actor=actor, plan=activity.plan, version=version, role=OWNER)
    _require_status(
        locked,
        [PlanStatus.DISETUJUI],
        _("Activities are recorded as done or cancelled only once the plan is approved."),
    )
    activity = DevelopmentActivity.objects.get(pk=activity.pk, plan=locked)
    if activity.status != ActivityStatus.PLANNED:
        raise ValidationError(
            _("This activity is already %(status)s.")
            % {"status": activity.get_status_display().lower()},
            code="idp_activity_closed",
        )
    return locked, activity


@transaction.atomic
def activity_complete(
    *,
    actor,
    activity: DevelopmentActivity,
    version,
    completed_on: dt.date,
    evidence: str,
    source_ref: str = "",
) -> DevelopmentActivity:
    """The ASN records an activity of their approved plan as done: the date (in the plan's
    year or later, never in the future) and the evidence (certificate, report, …)."""
    locked, activity = _approved_planned(actor=actor, activity=activity, version=version)
    today = timezone.localdate()
    if not isinstance(completed_on, dt.date):
        date_error = _("Enter the date the activity was completed.")
    elif completed_on > today:
        date_error = _("The completion date cannot be in the future.")
    elif completed_on.year < locked.year:
        date_error = _("The completion date must fall in %(year)s or later.") % {
            "year": locked.year
        }
    else:
        date_error = None
    _refuse({
        "completed_on": date_error,
        "evidence": None if (evidence or "").strip()
        else _("Describe the evidence (certificate, report, attendance list, …)."),
    })  # fmt: skip
    before = snapshot(activity, ACTIVITY_FIELDS)
    activity.status = ActivityStatus.DONE
    activity.completed_on = completed_on
    activity.evidence = evidence.strip()[:300]
    activity.source_ref = (source_ref or "").strip()[:100]
    return _save_changed(actor=actor, plan=locked, activity=activity, before=before)


@transaction.atomic
def activity_cancel(
    *, actor, activity: DevelopmentActivity, version, reason: str = ""
) -> DevelopmentActivity:
    """The ASN cancels a planned activity of their approved plan; it leaves the progress."""
    locked, activity = _approved_planned(actor=actor, activity=activity, version=version)
    before = snapshot(activity, ACTIVITY_FIELDS)
    activity.status = ActivityStatus.CANCELLED
    activity.save(update_fields=["status"])
    _bump(locked)
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=activity,
        changes=diff(before, snapshot(activity, ACTIVITY_FIELDS)),
        reason=(reason or "").strip()[:MAX_COMMENT],
    )  # fmt: skip
    return activity


# --- selectors ----------------------------------------------------------------------------------


def _visible_plans(user) -> QuerySet[IndividualDevelopmentPlan]:
    return IndividualDevelopmentPlan.objects.filter(
        employee_id__in=Employee.objects.visible_to(user).values("pk")
    )


def plan_get_for_user(user, pk) -> IndividualDevelopmentPlan:
    """A plan whose employee `user` may read (themself, their atasan, managers in scope);
    Http404 otherwise."""
    plan = _visible_plans(user).select_related("employee").filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def activity_get_for_user(user, pk) -> DevelopmentActivity:
    """An activity of a plan `user` may read; Http404 otherwise."""
    activity = (
        DevelopmentActivity.objects.filter(plan__in=_visible_plans(user), pk=pk)
        .select_related("plan__employee", "competency")
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def plan_of(employee: Employee, year: int) -> IndividualDevelopmentPlan | None:
    """The employee's plan of `year` with its activities (two queries), or None. The caller
    has checked that the user may read the employee."""
    return (
        IndividualDevelopmentPlan.objects.filter(employee=employee, year=year)
        .select_related("decided_by")
        .prefetch_related("activities__competency")
        .first()
    )


def plan_inbox(user) -> QuerySet[IndividualDevelopmentPlan]:
    """The submitted plans awaiting `user` as direct supervisor (atasan), oldest first, with
    their activity count and planned JP: one query however many there are."""
    me = reach_of(user).employee_id
    if me is None:
        return IndividualDevelopmentPlan.objects.none()
    not_cancelled = ~Q(activities__status=ActivityStatus.CANCELLED)
    return (
        IndividualDevelopmentPlan.objects.filter(
            status=PlanStatus.DIAJUKAN, employee__supervisor_id=me
        )
        .select_related("employee__unit", "employee__position")
        .annotate(
            activity_count=Count("activities", filter=not_cancelled),
            planned_jp=Coalesce(Sum("activities__planned_jp", filter=not_cancelled), 0),
        )
        .order_by("submitted_at", "pk")
    )


def idp_activities(
    *, employee_ids: Iterable[int] | None = None, year: int, status: str | None = None
) -> QuerySet[DevelopmentActivity]:
    """The activities of the APPROVED plans of `year` (of these employees when given, of all
    otherwise), optionally of one status (planned / done / cancelled), with plan, employee
    and competency joined.

    This is what the training and mentoring modules read: the planned activities an ASN's
    atasan agreed to (to match enrolments and mentoring sessions against, and to write the
    fulfilling record's "<app>.<model>:<pk>" into `source_ref` through
    `activity_complete(..., source_ref=...)`). Drafts, submitted and returned plans are left
    out: nothing is agreed in them yet. Unscoped: callers scope `employee_ids` themselves."""
    rows = DevelopmentActivity.objects.filter(plan__year=year, plan__status=PlanStatus.DISETUJUI)
    if employee_ids is not None:
        rows = rows.filter(plan__employee_id__in=list(employee_ids))
    if status is not None:
        rows = rows.filter(status=status)
    return rows.select_related("plan__employee", "competency").order_by("plan__employee_id", "pk")


# --- suggestions from the needs analysis --------------------------------------------------------

# The planned JP a suggestion starts with; the ASN changes it before adding.
NEED_FORMS = {
    SuggestedForm.KLASIKAL: DevelopmentForm.KLASIKAL,
    SuggestedForm.COACHING_MENTORING: DevelopmentForm.MENTORING,
}


def suggested_jp(costs, *, gap: int | None = None, follow_up: bool = False) -> int:
    """The JP a suggested activity starts with, from the unit-cost table the development plan
    uses (`COMPETENCIES_PLAN_COSTS`), so an IDP and its OPD's plan count alike: a gap → its
    levels × `jp_per_level` of its form; an SKP follow-up → coaching's `jp_per_need`. At least
    1 (the ASN changes it as they like)."""
    if follow_up:
        jp = costs[rules.PlanForm.COACHING]["jp_per_need"]
    else:
        form = rules.gap_form(gap or 1) or rules.PlanForm.COACHING_MENTORING
        jp = costs[form]["jp_per_level"] * (gap or 1)
    return max(1, min(int(jp), IDP_MAX_JP))


@dataclass(frozen=True)
class Suggestion:
    """One need of the needs analysis, offered as a proposed activity."""

    rank: int
    need_source: str
    need_ref: str
    title: str
    reason: str
    form: str
    planned_jp: int
    competency: Competency | None

    @property
    def need_source_label(self) -> str:
        return DevelopmentNeedSource(self.need_source).label

    @property
    def form_label(self) -> str:
        return DevelopmentForm(self.form).label


def plan_suggestions(user, plan: IndividualDevelopmentPlan) -> list[Suggestion]:
    """The plan owner's ranked needs of the plan's year (needs.py) as proposed activities,
    less those already in the plan (same need reference). Six queries."""
    done = jp_done_for([plan.employee_id], plan.year).get(plan.employee_id, 0)
    needs = employee_needs(user, plan.employee, year=plan.year, jp_done=float(done))
    taken = {a.need_ref for a in plan.activities.all() if a.need_ref}
    planned = idp_progress(plan.activities.all()).planned_jp
    codes = [n.competency_code for n in needs if n.source == rules.NeedSource.GAP]
    costs = plan_costs_in_use()
    competencies = {c.code: c for c in Competency.objects.filter(code__in=codes)} if codes else {}
    result = []
    for need in needs:
        competency = None
        if need.source == rules.NeedSource.GAP:
            code = need.competency_code
            competency = competencies.get(code)
            ref = f"gap:{code}"
            form = NEED_FORMS.get(need.form, DevelopmentForm.KLASIKAL)
            jp = suggested_jp(costs, gap=need.gap)
        elif need.source == rules.NeedSource.FOLLOW_UP:
            ref = f"follow_up:{need.subject}"[:200]
            form, jp = DevelopmentForm.COACHING, suggested_jp(costs, follow_up=True)
        else:
            ref = "jp_shortfall"
            form, jp = DevelopmentForm.E_LEARNING, rules.YEARLY_JP - planned
            if jp < 1:
                continue
        if ref in taken:
            continue
        result.append(
            Suggestion(
                rank=need.rank,
                need_source=need.source,
                need_ref=ref,
                title=need.subject[:200],
                reason=need.reason,
                form=form,
                planned_jp=jp,
                competency=competency,
            )  # fmt: skip
        )
    return result
