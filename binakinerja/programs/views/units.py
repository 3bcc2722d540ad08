"""Work in the units: socialisation events (attendance from the signed list, questions and
answers), the ASN's readiness questionnaire and their own profile, the coordinator's
questionnaire editor, and support actions from assignment to closure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.audit import audit_record
from binakinerja.core.concurrency import StaleVersionError, posted_version
from binakinerja.core.exporting import error_report_response, xlsx_response
from binakinerja.core.forms import add_service_errors
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import import_upload
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.people.rules import normalize_nip
from binakinerja.programs import rules, services
from binakinerja.programs.models import ReadinessItem, ReadinessResponse, SocialisationQuestion
from binakinerja.programs.selectors import (
    action_get_for_user,
    actions_visible_to,
    event_get_for_user,
    events_visible_to,
    manages_unit,
    program_get_for_user,
    readiness_open_for,
)
from binakinerja.programs.views.forms import (
    ActionForm,
    AttendanceForm,
    CloseForm,
    EventForm,
    ItemForm,
    QuestionForm,
)

PAGE_SIZE = 50


def _managed_units(user, program):
    """The program's units (and units below them) the reader manages, for the forms."""
    reach = reach_of(user)
    scope = Q() if reach.manages_everything else Q(pk__in=[])
    for path in reach.managed_paths:
        scope |= Q(path__startswith=path)
    placed = list(program.units.values_list("unit__path", flat=True))
    within = Q(pk__in=[])
    for path in placed:
        within |= Q(path__startswith=path)
    return OrgUnit.objects.filter(scope).filter(within).order_by("path")


# --- socialisation ------------------------------------------------------------------------------


@login_required
@require_GET
def event_list(request, pk):
    program = program_get_for_user(request.user, pk)
    reach = reach_of(request.user)
    if not (reach.manages_everything or reach.managed_paths):
        raise PermissionDenied
    events = (
        events_visible_to(request.user, program)
        .annotate(
            present=Count("attendance", distinct=True), asked=Count("questions", distinct=True)
        )
        .order_by("-date", "pk")
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programs/event_list.html", {"program": program, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, pk):
    program = program_get_for_user(request.user, pk)
    units = _managed_units(request.user, program)
    if not units.exists():
        raise PermissionDenied
    initial = {"date": timezone.localdate(), "title": _("Socialisation of %(program)s")
               % {"program": program.name}, "unit": request.GET.get("unit")}  # fmt: skip
    form = EventForm(request.POST or None, request.FILES or None, initial=initial)
    form.fields["unit"].queryset = units
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.event_create(
                actor=request.user, program=program, unit=data["unit"], date=data["date"],
                title=data["title"], place=data["place"], materials=data["materials"],
                materials_file=data["materials_file"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was recorded. Record who attended next."))
            return redirect("programs:event_detail", pk=event.pk)
    return render(request, "programs/form.html", {
        "form": form, "program": program, "multipart": True, "title": _("New socialisation"),
        "submit": _("Record the event"), "back": ("programs:event_list", program.pk),
    })  # fmt: skip


@login_required
@require_GET
def event_detail(request, pk):
    event = event_get_for_user(request.user, pk)
    attendance = event.attendance.select_related("employee").order_by("employee__name")
    staff = (
        Employee.objects.filter(unit__path__startswith=event.unit.path)
        .exclude(state__in=GONE_STATES)
        .count()
    )
    return render(request, "programs/event_detail.html", {
        "event": event, "program": event.program,
        "attendance": Paginator(attendance, PAGE_SIZE).get_page(request.GET.get("page")),
        "present": event.attendance.count(), "staff": staff,
        "questions": event.questions.all(), "attendance_form": AttendanceForm(),
        "question_form": QuestionForm(),
    })  # fmt: skip


@login_required
@require_POST
def attendance_add(request, pk):
    event = event_get_for_user(request.user, pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            added = services.attendance_record(
                actor=request.user, event=event, nips=form.cleaned_data["nips"].splitlines()
            )
        except ValidationError as error:
            messages.error(request, _("Nothing was recorded: ") + " ".join(error.messages))
        else:
            messages.success(request, _("%(n)s attendees recorded.") % {"n": added})
    else:
        messages.error(request, _("Enter at least one NIP."))
    return redirect("programs:event_detail", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_import(request, pk):
    """The signed attendance list from XLSX or CSV (all or nothing, with the error report);
    `?template=1` downloads the unit's ASN to mark."""
    event = event_get_for_user(request.user, pk)
    if not manages_unit(request.user, event.unit):
        raise PermissionDenied
    if request.method == "GET" and request.GET.get("template"):
        audit_record(actor=request.user, action="export", instance=event,
                     object_repr=f"Daftar hadir {event}")  # fmt: skip
        return xlsx_response(services.ATTENDANCE_COLUMNS, services.attendance_template_rows(event),
                             f"daftar-hadir-{event.pk}.xlsx", "Daftar hadir")  # fmt: skip
    result = None
    if request.method == "POST":
        result = import_upload(request, lambda upload: services.attendance_import(
            actor=request.user, event=event, upload=upload), allow_csv=True)  # fmt: skip
        if result is not None and result.ok:
            messages.success(request, _("%(n)s attendees recorded.") % {"n": result.created})
            return redirect("programs:event_detail", pk=event.pk)
    return render(request, "programs/attendance_import.html", {
        "event": event, "program": event.program, "result": result,
        "errors_json": result.errors_json if result else "",
    })  # fmt: skip


@login_required
@require_POST
def attendance_import_errors(request):
    """The error report of a refused attendance list as XLSX (the rows come back from the
    page; nothing of the refused file is kept)."""
    reach = reach_of(request.user)
    if not (reach.manages_everything or reach.managed_paths):
        raise PermissionDenied
    return error_report_response(request, "laporan-kesalahan-daftar-hadir.xlsx")


@login_required
@require_POST
def question_add(request, pk):
    event = event_get_for_user(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        services.question_add(actor=request.user, event=event, **form.cleaned_data)
        messages.success(request, _("The question was recorded."))
    else:
        messages.error(request, _("Write the question."))
    return redirect(f"{_event_url(event.pk)}#questions")


@login_required
@require_POST
def question_answer(request, pk):
    question = get_object_or_404(SocialisationQuestion.objects.select_related("event"), pk=pk)
    event = event_get_for_user(request.user, question.event_id)
    try:
        services.question_answer(actor=request.user, question=question,
                                 answer=request.POST.get("answer", ""))  # fmt: skip
    except ValidationError:
        messages.error(request, _("Write the answer."))
    else:
        messages.success(request, _("The answer was recorded."))
    return redirect(f"{_event_url(event.pk)}#questions")


def _event_url(pk) -> str:
    return reverse("programs:event_detail", args=[pk])


# --- readiness ----------------------------------------------------------------------------------


def _profile_rows(response: ReadinessResponse | None):
    if response is None:
        return []
    return [(rules.DIMENSION_LABELS[d], getattr(response, d), response.barrier == d)
            for d in rules.DIMENSIONS]  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def readiness(request, pk):
    """The ASN's questionnaire (a phone-first form, one statement per row) and their own
    profile once answered."""
    employee = Employee.objects.filter(user=request.user).select_related("unit").first()
    open_units = [pu for pu in readiness_open_for(employee) if pu.program_id == int(pk)]
    if not open_units:
        raise PermissionDenied
    program = open_units[0].program
    items = list(program.items.filter(active=True))
    errors, given = [], {}
    if request.method == "POST":
        given = {str(item.pk): request.POST.get(f"item_{item.pk}", "") for item in items}
        try:
            services.readiness_answer(actor=request.user, program=program, answers=given)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Thank you. Your answers were saved; your profile is "
                                        "below."))  # fmt: skip
            return redirect("programs:readiness", pk=program.pk)
    current = ReadinessResponse.objects.filter(program=program, employee=employee,
                                               is_current=True).first()  # fmt: skip
    grouped = [(rules.DIMENSION_LABELS[d], [i for i in items if i.dimension == d])
               for d in rules.DIMENSIONS]  # fmt: skip
    for _label, dimension_items in grouped:
        for item in dimension_items:
            item.given = given.get(str(item.pk)) or (
                str(current.answers.get(str(item.pk), "")) if current else ""
            )
    return render(request, "programs/readiness.html", {
        "program": program, "unit": open_units[0].unit, "grouped": grouped, "errors": errors,
        "current": current, "profile": _profile_rows(current),
        "barrier": rules.DIMENSION_LABELS.get(current.barrier) if current and current.barrier
        else None, "scale": range(rules.LIKERT_MIN, rules.LIKERT_MAX + 1),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def items(request, pk):
    """The coordinator edits the program's questionnaire: add a statement, switch one off."""
    program = program_get_for_user(request.user, pk, write=True)
    form = ItemForm(request.POST or None)
    if request.method == "POST":
        toggle = request.POST.get("toggle")
        if toggle:
            item = get_object_or_404(ReadinessItem, pk=toggle, program=program)
            services.item_save(actor=request.user, program=program, item=item,
                               dimension=item.dimension, text=item.text,
                               active=not item.active)  # fmt: skip
            messages.success(request, _("The statement was changed."))
            return redirect("programs:items", pk=program.pk)
        if form.is_valid():
            try:
                services.item_save(actor=request.user, program=program, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The statement was added."))
                return redirect("programs:items", pk=program.pk)
    grouped = [(rules.DIMENSION_LABELS[d], program.items.filter(dimension=d))
               for d in rules.DIMENSIONS]  # fmt: skip
    return render(request, "programs/items.html", {"program": program, "grouped": grouped,
                                                   "form": form})  # fmt: skip


# --- support actions ----------------------------------------------------------------------------


@login_required
@require_GET
def action_list(request):
    actions = actions_visible_to(request.user).order_by("status", "due", "pk")
    status = request.GET.get("status", "open")
    if status in ("open", "done", "cancelled"):
        actions = actions.filter(status=status)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/action_list.html",
        {"page": page, "status": status, "today": timezone.localdate()},
    )


def _owner_choices(user, program):
    """Who may own an action: the admins and operators of the program's government."""
    instansi = program.instansi.path
    return get_user_model().objects.filter(
        is_active=True, pk__in=RoleAssignment.objects.filter(
            role__in=[Role.ADMIN_BKPSDM, Role.OPERATOR_OPD], scope__path__startswith=instansi
        ).values("user_id"),
    ).order_by("username")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, pk):
    program = program_get_for_user(request.user, pk)
    units = _managed_units(request.user, program)
    if not units.exists():
        raise PermissionDenied
    form = ActionForm(request.POST or None, initial={
        "unit": request.GET.get("unit"), "signal": request.GET.get("signal", ""),
    })  # fmt: skip
    form.fields["unit"].queryset = units
    form.fields["owner"].queryset = _owner_choices(request.user, program)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        owner = data["owner"]
        if owner is None and data["owner_nip"]:
            owner = _owner_by_nip(request.user, data["owner_nip"], data["unit"])
            if owner is None:
                form.add_error("owner_nip", _("No ASN of this unit with a login has this NIP."))
        if not form.errors:
            try:
                action = services.action_create(
                    actor=request.user, program=program, unit=data["unit"], kind=data["kind"],
                    description=data["description"], owner=owner, due=data["due"],
                    signal=data["signal"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The action was assigned; its owner was told."))
                return redirect("programs:action_detail", pk=action.pk)
    return render(request, "programs/form.html", {
        "form": form, "program": program, "title": _("New support action"),
        "submit": _("Assign the action"), "back": ("programs:program_detail", program.pk),
        "intro": _("Support for a unit that stalls: accompaniment, an extra socialisation or "
                   "coaching of its head. The owner sees it on their home page until it is "
                   "closed."),
    })  # fmt: skip


def _owner_by_nip(user, nip: str, unit: OrgUnit):
    employee = (
        Employee.objects.visible_to(user)
        .filter(nip=normalize_nip(nip), unit__path__startswith=unit.path, user__isnull=False)
        .select_related("user")
        .first()
    )
    return employee.user if employee else None


@login_required
@require_GET
def action_detail(request, pk):
    action = action_get_for_user(request.user, pk)
    return render(request, "programs/action_detail.html", {
        "action": action, "close_form": CloseForm(), "today": timezone.localdate(),
        "manages": manages_unit(request.user, action.unit),
        "signal_label": rules.SIGNAL_CODES.get(action.signal),
    })  # fmt: skip


@login_required
@require_POST
def action_close(request, pk):
    action = action_get_for_user(request.user, pk, write=True)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what came of it."))
        return redirect("programs:action_detail", pk=action.pk)
    try:
        services.action_close(actor=request.user, action=action,
                              status=form.cleaned_data["status"],
                              outcome=form.cleaned_data["outcome"],
                              version=posted_version(request))  # fmt: skip
    except StaleVersionError:
        messages.error(request, _("Someone changed this in the meantime. Look again and repeat."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The action is closed."))
    return redirect("programs:action_detail", pk=action.pk)
