"""The individual development plan (IDP) pages: the ASN's own plan of a year, someone's plan for
their atasan and managers in scope, the atasan's inbox of submitted plans, and the forms that
change a plan (each a thin call of a service of idp.py).

Who reads: the ASN themself, their atasan(s) up the supervision tree and the managers (admin
BKPSDM, operator of the OPD) in scope; anyone else 404. Who writes: the ASN proposes and
records, the direct atasan decides; a reader who may not write gets 403.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.competencies import idp
from binakinerja.competencies.jp import jp_done_for
from binakinerja.competencies.models import (
    Competency,
    DevelopmentForm,
    DevelopmentNeedSource,
)
from binakinerja.core.audit import history_for
from binakinerja.core.concurrency import StaleVersionError, posted_version
from binakinerja.core.converters import year_neighbours
from binakinerja.core.scoping import reach_of
from binakinerja.people.models import Employee
from binakinerja.people.selectors import employee_get_for_user

MONTH_CHOICES = [("", "–"), *((str(n), name) for n, name in MONTHS.items())]


class ActivityForm(forms.Form):
    """An activity as the ASN proposes it; the rules (JP above zero, …) are the service's."""

    title = forms.CharField(label=gettext_lazy("Activity"), max_length=200)
    need_source = forms.ChoiceField(
        label=gettext_lazy("Need"), choices=DevelopmentNeedSource.choices,
        initial=DevelopmentNeedSource.OWN,
    )  # fmt: skip
    competency = forms.ModelChoiceField(
        label=gettext_lazy("Competency"), required=False,
        queryset=Competency.objects.filter(is_active=True).order_by("group", "code"),
    )  # fmt: skip
    form = forms.ChoiceField(label=gettext_lazy("Form"), choices=DevelopmentForm.choices)
    planned_jp = forms.IntegerField(
        label=gettext_lazy("Planned JP"), help_text=gettext_lazy("1 JP = 45 minutes.")
    )
    target_month = forms.TypedChoiceField(
        label=gettext_lazy("Target month"), choices=MONTH_CHOICES, coerce=int,
        empty_value=None, required=False,
    )  # fmt: skip
    need_ref = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("need_ref", None)
        return data


class CompleteForm(forms.Form):
    completed_on = forms.DateField(
        label=gettext_lazy("Completed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.CharField(label=gettext_lazy("Evidence"), max_length=300)


def _plan_url(request, plan) -> str:
    if reach_of(request.user).employee_id == plan.employee_id:
        return reverse("competencies:idp_mine", args=[plan.year])
    return reverse("competencies:idp_employee", args=[plan.employee_id, plan.year])


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _render_plan(request, employee: Employee, year: int, *, add_form=None, status=200):
    plan = idp.plan_of(employee, year)
    is_owner = reach_of(request.user).employee_id == employee.pk
    role = idp.plan_actor_role(actor=request.user, plan=plan) if plan else None
    activities = list(plan.activities.all()) if plan else []
    editable = bool(plan) and role == idp.OWNER and plan.status in idp.EDITABLE_STATUSES
    context = {
        "employee": employee,
        "year": year,
        "plan": plan,
        "is_owner": is_owner,
        "role": role,
        "activities": activities,
        "progress": idp.idp_progress(activities),
        "ledger_jp": jp_done_for([employee.pk], year).get(employee.pk, 0),
        "editable": editable,
        "can_decide": bool(plan) and role == idp.ATASAN and plan.status == idp.PlanStatus.DIAJUKAN,
        "can_record": bool(plan) and role == idp.OWNER and plan.status == idp.PlanStatus.DISETUJUI,
        "suggestions": idp.plan_suggestions(request.user, plan) if editable else [],
        "add_form": (add_form or ActivityForm()) if editable else None,
        "month_choices": MONTH_CHOICES[1:],
        "today": timezone.localdate(),
        "history": history_for(plan)[:30] if plan else [],
        **year_neighbours(year),
    }
    return render(request, "competencies/idp/plan.html", context, status=status)


def _own_plan(request, pk):
    """A plan the user may read and owns: 404 outside their reach, 403 for other readers."""
    plan = idp.plan_get_for_user(request.user, pk)
    if idp.plan_actor_role(actor=request.user, plan=plan) != idp.OWNER:
        raise PermissionDenied
    return plan


def _own_activity(request, pk):
    activity = idp.activity_get_for_user(request.user, pk)
    if idp.plan_actor_role(actor=request.user, plan=activity.plan) != idp.OWNER:
        raise PermissionDenied
    return activity


# --- pages --------------------------------------------------------------------------------------


@login_required
@require_GET
def idp_home(request):
    return redirect("competencies:idp_mine", year=timezone.localdate().year)


@login_required
@require_http_methods(["GET", "POST"])
def idp_mine(request, year):
    """The logged-in ASN's own plan of `year`; POST starts it."""
    me = reach_of(request.user).employee_id
    if me is None:
        raise PermissionDenied
    employee = Employee.objects.select_related("position", "unit").get(pk=me)
    if request.method == "POST":
        try:
            idp.plan_create(actor=request.user, employee=employee, year=year)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your development plan has been started."))
        return redirect("competencies:idp_mine", year=year)
    return _render_plan(request, employee, year)


@login_required
@require_GET
def idp_employee(request, pk, year):
    """Someone's plan of `year`, for whoever may read the employee (their atasan, managers)."""
    employee = employee_get_for_user(request.user, pk)
    return _render_plan(request, employee, year)


@login_required
@require_GET
def idp_inbox(request):
    """The atasan's submitted plans of their direct subordinates, awaiting a decision."""
    reach = reach_of(request.user)
    if not reach.has_subordinates:
        raise PermissionDenied
    plans = list(idp.plan_inbox(request.user))
    return render(
        request, "competencies/idp/inbox.html", {"plans": plans, "yearly_jp": idp.rules.YEARLY_JP}
    )


# --- writes -------------------------------------------------------------------------------------


@login_required
@require_POST
def idp_activity_add(request, pk):
    plan = _own_plan(request, pk)
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            idp.activity_add(
                actor=request.user, plan=plan, version=posted_version(request),
                need_ref=form.cleaned_data["need_ref"], **form.service_kwargs(),
            )  # fmt: skip
        except StaleVersionError as error:
            messages.error(request, _error_text(error))
            return redirect(_plan_url(request, plan))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Activity added."))
            return redirect(_plan_url(request, plan))
    employee = Employee.objects.select_related("position", "unit").get(pk=plan.employee_id)
    return _render_plan(request, employee, plan.year, add_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def idp_activity_edit(request, pk):
    activity = _own_activity(request, pk)
    plan = activity.plan
    initial = {
        "title": activity.title, "need_source": activity.need_source,
        "competency": activity.competency_id, "form": activity.form,
        "planned_jp": activity.planned_jp, "target_month": activity.target_month or "",
    }  # fmt: skip
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            idp.activity_update(
                actor=request.user, activity=activity, version=posted_version(request),
                **form.service_kwargs(),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Activity saved."))
            return redirect(_plan_url(request, plan))
    context = {
        "activity": activity, "plan": plan, "form": form, "plan_url": _plan_url(request, plan),
        "editable": plan.status in idp.EDITABLE_STATUSES,
    }  # fmt: skip
    return render(
        request, "competencies/idp/activity_edit.html", context,
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


@login_required
@require_POST
def idp_activity_remove(request, pk):
    activity = _own_activity(request, pk)
    try:
        idp.activity_remove(actor=request.user, activity=activity, version=posted_version(request))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Activity removed."))
    return redirect(_plan_url(request, activity.plan))


@login_required
@require_POST
def idp_plan_action(request, pk):
    """submit or reopen (the ASN), approve or return (the direct atasan)."""
    plan = idp.plan_get_for_user(request.user, pk)
    role = idp.plan_actor_role(actor=request.user, plan=plan)
    action = request.POST.get("action")
    wanted = {
        "submit": idp.OWNER, "reopen": idp.OWNER, "approve": idp.ATASAN, "return": idp.ATASAN,
    }.get(action)  # fmt: skip
    if wanted is None:
        messages.error(request, _("Unknown action."))
        return redirect(_plan_url(request, plan))
    if role != wanted:
        raise PermissionDenied
    version, comment = posted_version(request), request.POST.get("comment", "")
    try:
        if action == "submit":
            plan = idp.plan_submit(actor=request.user, plan=plan, version=version)
        elif action == "reopen":
            reason = request.POST.get("reason", "")
            plan = idp.plan_reopen(actor=request.user, plan=plan, version=version, reason=reason)
        elif action == "approve":
            plan = idp.plan_approve(actor=request.user, plan=plan, version=version, comment=comment)
        else:
            plan = idp.plan_return(actor=request.user, plan=plan, version=version, comment=comment)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(_plan_url(request, plan))
    if action == "reopen":
        messages.success(
            request, _("The plan is a draft again: change it and submit it for approval.")
        )
        return redirect(_plan_url(request, plan))
    if action == "submit":
        messages.success(request, _("The plan has been submitted to your supervisor."))
        progress = idp.idp_progress(plan.activities.all())
        if progress.jp_shortfall:
            messages.warning(
                request,
                _("The plan holds %(planned)d JP, %(missing)d short of the %(yearly)d JP a year.")
                % {"planned": progress.planned_jp, "missing": progress.jp_shortfall,
                   "yearly": progress.yearly_jp},
            )  # fmt: skip
        return redirect(_plan_url(request, plan))
    messages.success(
        request, _("Plan approved.") if action == "approve" else _("Plan returned to the ASN.")
    )
    return redirect("competencies:idp_inbox")


@login_required
@require_POST
def idp_activity_done(request, pk):
    activity = _own_activity(request, pk)
    form = CompleteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(
                [f"{form.fields[name].label}: {' '.join(errors)}"
                 for name, errors in form.errors.items()]
            )  # fmt: skip
        idp.activity_complete(
            actor=request.user, activity=activity, version=posted_version(request),
            completed_on=form.cleaned_data["completed_on"],
            evidence=form.cleaned_data["evidence"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Activity recorded as done."))
    return redirect(_plan_url(request, activity.plan))


@login_required
@require_POST
def idp_activity_cancel(request, pk):
    activity = _own_activity(request, pk)
    try:
        idp.activity_cancel(
            actor=request.user, activity=activity, version=posted_version(request),
            reason=request.POST.get("reason", ""),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Activity cancelled."))
    return redirect(_plan_url(request, activity.plan))
