"""Batches (angkatan), nomination and enrolment (issue 13, items 3–4). Thin views: fetch through
`selectors` (404 outside reach, 403 for a write by a reader), validate the form, one call of a
service of `batches.py` or `enrolment.py`, redirect or render.

- a program's batches and a batch's page: whoever sees the program (the catalogue); its
  participants only as far as `enrolments_visible_to` reaches; its costs for its runners;
- running a batch (edit, sessions, quotas, facilitators, costs, status, participant export):
  the institution's staff and admins BKPSDM (`runs_batch`), others 403;
- nominating: operators and admins of an OPD with a quota in the batch, others 403;
- the agreement list: whoever decides nominations (the atasan), others see an empty list.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.audit import audit_record
from binakinerja.core.concurrency import StaleVersionError, posted_version
from binakinerja.core.exporting import csv_response, error_report_response, xlsx_response
from binakinerja.core.forms import add_service_errors
from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import import_upload
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.trainings import batches as services
from binakinerja.trainings import enrolment as workflow
from binakinerja.trainings.models import Batch, CostLine, Enrolment, Facilitator, Session
from binakinerja.trainings.selectors import (
    batch_get_for_user,
    batches_visible_to,
    enrolment_get_for_user,
    enrolments_visible_to,
    program_get_for_user,
    runs_batch,
)

# --- forms --------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = ["name", "year", "capacity", "place", "start", "end", "nominations_close"]
        widgets = {"start": DateInput(), "end": DateInput(), "nominations_close": DateInput()}


class SessionForm(forms.ModelForm):
    online_link = forms.URLField(
        label=gettext_lazy("online link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "place", "online_link", "module",
                  "facilitator"]  # fmt: skip
        widgets = {"date": DateInput(), "start_time": TimeInput(format="%H:%M"),
                   "end_time": TimeInput(format="%H:%M")}  # fmt: skip

    def __init__(self, *args, batch: Batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = batch.program.modules.all()
        self.fields["facilitator"].queryset = Facilitator.objects.filter(
            institution_id=batch.program.institution_id
        )


class QuotaForm(forms.Form):
    opd = forms.ModelChoiceField(
        label=gettext_lazy("Agency (OPD)"),
        queryset=OrgUnit.objects.filter(kind=OrgUnit.Kind.OPD).order_by("path"),
    )
    seats = forms.IntegerField(label=gettext_lazy("Seats"), min_value=0, max_value=1000)


class CostForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200)
    amount = forms.CharField(label=gettext_lazy("Amount (Rp)"), max_length=30)


class NominateForm(forms.Form):
    """The checked candidates (`employee`), or one ASN by NIP with a reason."""

    nip = forms.CharField(label=gettext_lazy("Or an ASN by NIP"), max_length=30, required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, required=False)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _run(request, call, success: str) -> bool:
    """One service call from a POST: its refusal (or a stale page) as a message."""
    try:
        call()
    except StaleVersionError as error:
        messages.error(request, _error_text(error))
        return False
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return False
    messages.success(request, success)
    return True


def _runner_batch(request, pk) -> Batch:
    return batch_get_for_user(request.user, pk, write=True)


# --- reading ------------------------------------------------------------------------------------


@login_required
@require_GET
def batch_list(request, pk):
    """The batches of a program, newest first, with seats taken."""
    program = program_get_for_user(request.user, pk)
    batches = (
        batches_visible_to(request.user)
        .filter(program=program)
        .annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
            sessions_count=Count("sessions", distinct=True),
        )
        .order_by("-start", "name")
    )
    return render(request, "trainings/batch_list.html", {
        "program": program, "batches": batches,
        "can_run": runs_batch(request.user, Batch(program=program)),
    })  # fmt: skip


@login_required
@require_GET
def batch_detail(request, pk):
    """A batch: sessions, quotas with seats used, facilitators, costs (its runners),
    participants (as far as the reader may see them) and the next step for each reader."""
    batch = batch_get_for_user(request.user, pk)
    can_run = runs_batch(request.user, batch)
    participants = (
        enrolments_visible_to(request.user)
        .filter(batch=batch)
        .select_related("employee__unit", "employee__position")
        .annotate(attended=Count("attendances"))
        .order_by("status", "employee__name")
    )
    participants = list(participants)
    me = reach_of(request.user).employee_id
    managed = set(
        Employee.objects.editable_by(request.user)
        .filter(pk__in=[e.employee_id for e in participants]).values_list("pk", flat=True)
    ) if participants else set()  # fmt: skip
    for e in participants:
        e.can_withdraw = (
            e.status in workflow.ACTIVE
            and batch.status in (Batch.Status.PLANNED, Batch.Status.OPEN, Batch.Status.RUNNING)
            and (can_run or e.employee_id in managed or (me and e.employee.supervisor_id == me))
        )
    costs = list(batch.costs.order_by("pk")) if can_run else []
    context = {
        "batch": batch, "program": batch.program, "can_run": can_run,
        "sessions": batch.sessions.select_related("module", "facilitator"),
        "seats": workflow.seat_counts(batch),
        "enrolled": services.enrolled_count(batch),
        "facilitators": batch.facilitators.all(),
        "participants": participants, "costs": costs,
        "cost_total": sum((c.amount for c in costs), 0),
        "my_quotas": workflow.manageable_quotas(request.user, batch),
        "closed_reason": workflow.nominations_closed_reason(batch),
        "moves": services.next_moves(batch) if can_run else [],
        "status_choices": dict(Batch.Status.choices),
    }  # fmt: skip
    if can_run and batch.status in services.SHAPE_STATUSES:
        context["session_form"] = SessionForm(batch=batch)
        context["quota_form"] = QuotaForm()
    if can_run:
        context["cost_form"] = CostForm()
        context["facilitator_choices"] = Facilitator.objects.filter(
            institution_id=batch.program.institution_id
        ).exclude(pk__in=batch.facilitators.values("pk"))
    return render(request, "trainings/batch_detail.html", context)


# --- running a batch ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def batch_create(request, pk):
    program = program_get_for_user(request.user, pk, write=True)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The batch was created. Add its sessions and quotas."))
            return redirect("trainings:batch_detail", batch.pk)
    return render(request, "trainings/batch_form.html", {"form": form, "program": program})


@login_required
@require_http_methods(["GET", "POST"])
def batch_edit(request, pk):
    batch = _runner_batch(request, pk)
    form = BatchForm(request.POST or None, instance=None if request.POST else batch)
    if request.method == "POST" and form.is_valid():
        try:
            services.batch_update(actor=request.user, batch=batch,
                                  version=posted_version(request), **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The batch was saved."))
            return redirect("trainings:batch_detail", batch.pk)
    return render(request, "trainings/batch_form.html",
                  {"form": form, "program": batch.program, "batch": batch})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk, session_pk=None):
    """Add a session to the batch, or change one."""
    batch = _runner_batch(request, pk)
    session = get_object_or_404(batch.sessions, pk=session_pk) if session_pk else None
    form = SessionForm(request.POST or None, instance=None if request.POST else session,
                       batch=batch)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(actor=request.user, batch=batch, session=session,
                                  **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect(reverse("trainings:batch_detail", args=[batch.pk]) + "#sessions")
    return render(request, "trainings/batch_session_form.html",
                  {"form": form, "batch": batch, "session": session})  # fmt: skip


@login_required
@require_POST
def session_remove(request, pk):
    session = get_object_or_404(Session.objects.select_related("batch"), pk=pk)
    batch = _runner_batch(request, session.batch_id)
    _run(request, lambda: services.session_remove(actor=request.user, session=session),
         _("The session was removed."))  # fmt: skip
    return redirect(reverse("trainings:batch_detail", args=[batch.pk]) + "#sessions")


@login_required
@require_POST
def quota_set(request, pk):
    batch = _runner_batch(request, pk)
    form = QuotaForm(request.POST)
    if form.is_valid():
        _run(request, lambda: services.quota_set(actor=request.user, batch=batch,
                                                 **form.cleaned_data),
             _("The quota was saved."))  # fmt: skip
    else:
        messages.error(request, _("Choose an OPD and a number of seats (0 or more)."))
    return redirect(reverse("trainings:batch_detail", args=[batch.pk]) + "#quotas")


@login_required
@require_POST
def batch_facilitator(request, pk):
    """Add (`action=add`) or remove (`action=remove`) a facilitator of the institution."""
    batch = _runner_batch(request, pk)
    facilitator = get_object_or_404(
        Facilitator, pk=request.POST.get("facilitator") or 0,
        institution_id=batch.program.institution_id,
    )  # fmt: skip
    if request.POST.get("action") == "remove":
        _run(request, lambda: services.facilitator_remove(actor=request.user, batch=batch,
                                                          facilitator=facilitator),
             _("The facilitator was removed."))  # fmt: skip
    else:
        _run(request, lambda: services.facilitator_add(actor=request.user, batch=batch,
                                                       facilitator=facilitator),
             _("The facilitator was added."))  # fmt: skip
    return redirect(reverse("trainings:batch_detail", args=[batch.pk]) + "#facilitators")


@login_required
@require_POST
def cost_add(request, pk):
    batch = _runner_batch(request, pk)
    form = CostForm(request.POST)
    if form.is_valid():
        _run(request, lambda: services.cost_line_add(actor=request.user, batch=batch,
                                                     **form.cleaned_data),
             _("The cost was added."))  # fmt: skip
    else:
        messages.error(request, _("Describe the cost and give its amount in rupiah."))
    return redirect(reverse("trainings:batch_detail", args=[batch.pk]) + "#costs")


@login_required
@require_POST
def cost_remove(request, pk):
    line = get_object_or_404(CostLine.objects.select_related("batch"), pk=pk)
    batch = _runner_batch(request, line.batch_id)
    _run(request, lambda: services.cost_line_remove(actor=request.user, line=line),
         _("The cost was removed."))  # fmt: skip
    return redirect(reverse("trainings:batch_detail", args=[batch.pk]) + "#costs")


@login_required
@require_POST
def batch_move(request, pk):
    batch = _runner_batch(request, pk)
    to = request.POST.get("to", "")
    _run(request, lambda: services.batch_move(actor=request.user, batch=batch, to=to,
                                              version=posted_version(request)),
         _("The batch's status was changed."))  # fmt: skip
    return redirect("trainings:batch_detail", batch.pk)


@login_required
@require_GET
def participants_export(request, pk):
    """The batch's participants as XLSX (or `?format=csv`), for its runners; audited."""
    batch = _runner_batch(request, pk)
    rows = [
        [e.employee.nip, e.employee.full_name, e.employee.unit.name,
         str(e.employee.position or ""), e.employee.golongan, str(e.get_status_display()),
         e.reason, e.attended, e.pre_score if e.pre_score is not None else "",
         e.post_score if e.post_score is not None else ""]
        for e in batch.enrolments.select_related("employee__unit", "employee__position")
        .annotate(attended=Count("attendances")).order_by("employee__name")
    ]  # fmt: skip
    headers = ["NIP", "Nama", "Unit kerja", "Jabatan", "Golongan", "Status", "Alasan",
               "Hadir (sesi)", "Pre-test", "Post-test"]  # fmt: skip
    csv_wanted = request.GET.get("format") == "csv"
    audit_record(actor=request.user, action=AuditLog.Action.EXPORT, instance=batch,
                 changes={"participants": [None, len(rows)],
                          "format": [None, "csv" if csv_wanted else "xlsx"]})  # fmt: skip
    name = f"peserta-angkatan-{batch.pk}"
    if csv_wanted:
        return csv_response(headers, rows, f"{name}.csv")
    return xlsx_response(headers, rows, f"{name}.xlsx", "Peserta")


# --- nominating ---------------------------------------------------------------------------------


def _nomination_target(request, pk, opd_pk):
    batch = batch_get_for_user(request.user, pk)
    quota = workflow.quota_get_for_user(request.user, batch, opd_pk)
    return batch, quota


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request, pk, opd_pk):
    """The operator's nomination page: the OPD's ASN who need the program most first (from
    the plan's demand, with the reason), a checkbox each; or one ASN by NIP."""
    batch, quota = _nomination_target(request, pk, opd_pk)
    opd = quota.opd
    form = NominateForm(request.POST or None)
    candidates = workflow.nomination_candidates(request.user, batch, opd)
    if request.method == "POST" and form.is_valid():
        nominees = _nominees(request, form, candidates, opd)
        if nominees is not None:
            try:
                created = workflow.enrolment_nominate(actor=request.user, batch=batch, opd=opd,
                                                      nominees=nominees)  # fmt: skip
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("%(n)d ASN nominated; their supervisors are asked to "
                                            "agree.") % {"n": len(created)})  # fmt: skip
                return redirect("trainings:nominate", batch.pk, opd.pk)
    seats = next((s for s in workflow.seat_counts(batch) if s.quota.pk == quota.pk), None)
    proposed = (
        batch.enrolments.filter(employee__in=workflow.nominable_employees(request.user, opd))
        .select_related("employee__unit").order_by("status", "employee__name")
    )  # fmt: skip
    return render(request, "trainings/nominate_page.html", {
        "batch": batch, "opd": opd, "quota": quota, "seats": seats, "form": form,
        "candidates": candidates, "proposed": proposed,
        "closed_reason": workflow.nominations_closed_reason(batch),
    })  # fmt: skip


def _nominees(request, form, candidates, opd):
    """(employee, reason) pairs from the checked candidates and the NIP field; None (with the
    form's error) when the NIP names nobody nominable."""
    by_pk = {str(c.employee.pk): c for c in candidates}
    nominees = [
        (by_pk[pk].employee, by_pk[pk].reason)
        for pk in request.POST.getlist("employee") if pk in by_pk
    ]  # fmt: skip
    nip = form.cleaned_data["nip"].replace(" ", "")
    if nip:
        employee = workflow.nominable_employees(request.user, opd).filter(nip=nip).first()
        if employee is None:
            form.add_error("nip", _("No ASN of %(opd)s within your reach has this NIP.")
                           % {"opd": opd.name})  # fmt: skip
            return None
        if all(e.pk != employee.pk for e, _r in nominees):
            nominees.append((employee, form.cleaned_data["reason"]))
    return nominees


@login_required
@require_http_methods(["GET", "POST"])
def nominate_import(request, pk, opd_pk):
    """Bulk nomination from XLSX (NIP, ALASAN), all or nothing; `?template=1` downloads the
    template with the top candidates' NIPs."""
    batch, quota = _nomination_target(request, pk, opd_pk)
    opd = quota.opd
    if request.method == "GET" and request.GET.get("template"):
        nips = list(workflow.nominable_employees(request.user, opd).order_by("name")
                    .values_list("nip", flat=True)[:3])  # fmt: skip
        return xlsx_response(workflow.IMPORT_COLUMNS, workflow.import_template_rows(nips),
                             "templat-usulan-peserta.xlsx", "Usulan")  # fmt: skip
    result = None
    if request.method == "POST":
        result = import_upload(request, lambda upload: workflow.nominations_import(
            actor=request.user, batch=batch, opd=opd, upload=upload))  # fmt: skip
    if result is not None and result.ok:
        messages.success(request, _("%(n)d ASN nominated from the file.") % {"n": result.nominated})
        return redirect("trainings:nominate", batch.pk, opd.pk)
    return render(request, "trainings/nominate_import.html", {
        "batch": batch, "opd": opd, "result": result,
        "errors_json": result.errors_json if result else "",
    })  # fmt: skip


@login_required
@require_POST
def nominate_error_report(request):
    """The error report of a refused nomination file (the rows come back from the page)."""
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    return error_report_response(request, "laporan-kesalahan-usulan-peserta.xlsx")


@login_required
@require_GET
def nomination_inbox(request):
    """The atasan's nominations awaiting agreement."""
    pending = workflow.nominations_awaiting(request.user).order_by("batch__start", "pk")
    return render(request, "trainings/nominate_inbox.html", {"pending": pending})


@login_required
@require_POST
def enrolment_decide(request, pk):
    enrolment = enrolment_get_for_user(request.user, pk)
    agree = request.POST.get("decision") == "agree"
    if not workflow.may_decide(request.user, enrolment):
        raise PermissionDenied
    _run(request, lambda: workflow.enrolment_decide(actor=request.user, enrolment=enrolment,
                                                    agree=agree,
                                                    version=posted_version(request)),
         _("Agreed.") if agree else _("Declined."))  # fmt: skip
    return redirect(request.POST.get("next") == "batch" and
                    reverse("trainings:batch_detail", args=[enrolment.batch_id])
                    or reverse("trainings:nomination_inbox"))  # fmt: skip


@login_required
@require_POST
def enrolment_withdraw(request, pk):
    enrolment = enrolment_get_for_user(request.user, pk)
    if not workflow.may_withdraw(request.user, enrolment):
        raise PermissionDenied
    _run(request, lambda: workflow.enrolment_withdraw(actor=request.user, enrolment=enrolment,
                                                      version=posted_version(request)),
         _("Withdrawn."))  # fmt: skip
    return redirect("trainings:batch_detail", enrolment.batch_id)
