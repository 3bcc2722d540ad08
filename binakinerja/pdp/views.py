"""The PDP pages: "My data" (the person's own export and requests), the admins' requests,
the register of processing activities, breaches and the retention log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.audit import audit_record, history_for
from binakinerja.core.concurrency import posted_version
from binakinerja.core.exporting import file_response
from binakinerja.core.forms import add_service_errors
from binakinerja.core.scoping import reach_of
from binakinerja.pdp import export, notices, register, services
from binakinerja.pdp.forms import (
    BreachForm,
    DecideForm,
    NotifiedForm,
    PaperRequestForm,
    RequestForm,
)
from binakinerja.pdp.models import RetentionRun
from binakinerja.pdp.selectors import (
    breach_get_for_user,
    breaches_visible_to,
    governments_for,
    may_handle,
    request_get_for_user,
    requests_handled_by,
    requests_of,
)
from binakinerja.people.models import Employee
from binakinerja.people.selectors import employees_by_nip

PER_PAGE = 50
FORMATS = {
    "json": ("application/json", export.as_json),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.as_xlsx),
}


def _subject(request) -> export.Subject:
    reach = reach_of(request.user)
    employee = None
    if reach.employee_id:
        employee = Employee.objects.select_related("unit", "position", "supervisor").get(
            pk=reach.employee_id
        )
    return export.Subject(user=request.user, employee=employee)


def _handler_only(request) -> None:
    if not may_handle(request.user):
        raise PermissionDenied


# --- the person's own data ----------------------------------------------------------------------


@login_required
@require_GET
def my_data(request):
    """What the system holds about the reader, by section, with the downloads and their
    requests."""
    subject = _subject(request)
    collected = export.collect(subject)
    return render(request, "pdp/my_data.html", {
        "subject": subject, "sections": collected.sections, "pdp_handles": may_handle(request.user),
        "requests": requests_of(request.user).order_by("-received_at")[:50],
    })  # fmt: skip


@login_required
@require_GET
def my_data_download(request, fmt):
    """The reader's whole export as JSON or XLSX; the download is audited."""
    if fmt not in FORMATS:
        raise Http404
    subject = _subject(request)
    content_type, render_as = FORMATS[fmt]
    content = render_as(export.collect(subject))
    audit_record(actor=request.user, action="export",
                 instance=subject.employee or request.user,
                 reason=_("Own personal data (%(format)s)") % {"format": fmt.upper()})  # fmt: skip
    stamp = timezone.localdate().isoformat()
    return file_response(content, content_type, f"data-saya-{stamp}.{fmt}")


# --- data-subject requests ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request):
    subject = _subject(request)
    if subject.employee is None:
        raise PermissionDenied
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.request_file(actor=request.user, employee=subject.employee,
                                          kind=form.cleaned_data["kind"],
                                          details=form.cleaned_data["details"])  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request was received. It is answered within "
                                        "3 × 24 hours."))  # fmt: skip
            return redirect("pdp:request_detail", pk=filed.pk)
    return render(request, "pdp/form.html", {
        "form": form, "title": _("A request about my data"), "submit": _("Send the request"),
        "back_url": "pdp:my_data",
        "intro": _("You may ask to see, correct or delete your data, or object to or restrict "
                   "its processing (UU 27/2022). The admins BKPSDM of your government answer "
                   "within 3 × 24 hours."),
    })  # fmt: skip


@login_required
@require_GET
def request_list(request):
    _handler_only(request)
    status = request.GET.get("status", "open")
    found = requests_handled_by(request.user)
    if status in ("open", "completed", "refused"):
        found = found.filter(status=status)
    else:
        status = ""
    found = found.order_by("deadline", "pk") if status == "open" else found
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "pdp/request_list.html", {
        "page": page, "status": status, "now": timezone.now(),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def request_record(request):
    """An admin records a request received on paper."""
    _handler_only(request)
    form = PaperRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = employees_by_nip(Employee.objects.visible_to(request.user), [data["nip"]])
        employee = next(iter(person.values()), None)
        if employee is None:
            form.add_error("nip", _("No employee with this NIP in your government."))
        else:
            try:
                filed = services.request_file(
                    actor=request.user, employee=employee, kind=data["kind"],
                    details=data["details"], received_at=data["received_at"],
                )  # fmt: skip
            except PermissionDenied:
                form.add_error("nip", _("No employee with this NIP in your government."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The request was recorded."))
                return redirect("pdp:request_detail", pk=filed.pk)
    return render(request, "pdp/form.html", {
        "form": form, "title": _("Record a request received on paper"),
        "submit": _("Record"), "back_url": "pdp:request_list",
    })  # fmt: skip


@login_required
@require_GET
def request_detail(request, pk):
    found = request_get_for_user(request.user, pk)
    handles = (
        may_handle(request.user) and requests_handled_by(request.user).filter(pk=found.pk).exists()
    )
    return render(request, "pdp/request_detail.html", {
        "req": found, "handles": handles, "form": DecideForm() if handles else None,
        "history": history_for(found),
    })  # fmt: skip


@login_required
@require_POST
def request_decide(request, pk):
    found = request_get_for_user(request.user, pk, write=True)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            services.request_decide(
                actor=request.user, request=found, outcome=form.cleaned_data["outcome"],
                decision=form.cleaned_data["decision"],
                exemption=form.cleaned_data["exemption"], version=posted_version(request),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer was recorded and the person told."))
            return redirect("pdp:request_detail", pk=found.pk)
    return render(request, "pdp/request_detail.html", {
        "req": found, "handles": True, "form": form, "history": history_for(found),
    }, status=400)  # fmt: skip


# --- register, retention ------------------------------------------------------------------------


@login_required
@require_GET
def processing_register(request):
    _handler_only(request)
    activities = [(a, register.retention_text(a)) for a in register.ACTIVITIES]
    return render(request, "pdp/register.html", {
        "activities": activities, "security_common": register.SECURITY_COMMON,
    })  # fmt: skip


@login_required
@require_GET
def retention_log(request):
    _handler_only(request)
    labels = dict(register.RETENTION_LABELS)
    page = Paginator(RetentionRun.objects.all(), PER_PAGE).get_page(request.GET.get("page"))
    periods = [(labels[name], days) for name, days in settings.PDP_RETENTION.items()]
    return render(request, "pdp/retention_log.html", {
        "page": page, "labels": labels, "periods": periods,
    })  # fmt: skip


# --- breaches -----------------------------------------------------------------------------------


@login_required
@require_GET
def breach_list(request):
    _handler_only(request)
    page = Paginator(breaches_visible_to(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "pdp/breach_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def breach_create(request):
    _handler_only(request)
    form = BreachForm(request.POST or None, governments=governments_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = employees_by_nip(Employee.objects.visible_to(request.user), data["affected_nips"])
        missing = len(set(data["affected_nips"])) - len(found)
        if missing > 0:
            form.add_error("affected_nips", _("%(n)s NIPs were not found among the employees you "
                                              "administer.") % {"n": missing})  # fmt: skip
        else:
            try:
                breach = services.breach_record(
                    actor=request.user, instansi=data["instansi"],
                    discovered_at=data["discovered_at"], description=data["description"],
                    categories=data["categories"],
                    affected=Employee.objects.filter(pk__in=[e.pk for e in found.values()])
                    .select_related("unit"),
                    affected_count=data["affected_count"], measures=data["measures"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The breach was recorded. Send the notices within "
                                            "3 × 24 hours of discovery."))  # fmt: skip
                return redirect("pdp:breach_detail", pk=breach.pk)
    return render(request, "pdp/form.html", {
        "form": form, "title": _("Record a personal data breach"), "submit": _("Record"),
        "back_url": "pdp:breach_list",
    })  # fmt: skip


@login_required
@require_GET
def breach_detail(request, pk):
    breach = breach_get_for_user(request.user, pk)
    return _breach_page(request, breach)


def _breach_page(request, breach, form=None, status=200):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    affected = breach.affected.select_related("unit").order_by("name")[:500]
    return render(request, "pdp/breach_detail.html", {
        "breach": breach, "affected": affected, "history": history_for(breach),
        "subject_notice": notices.subject_notice(breach),
        "authority_notice": notices.authority_notice(breach),
        "form": form, "now": now,
    }, status=status)  # fmt: skip


@login_required
@require_POST
def breach_notified(request, pk):
    breach = breach_get_for_user(request.user, pk)
    form = NotifiedForm(request.POST)
    if form.is_valid():
        try:
            services.breach_mark_notified(actor=request.user, breach=breach,
                                          whom=form.cleaned_data["whom"],
                                          at=form.cleaned_data["at"])  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The notice was recorded."))
            return redirect("pdp:breach_detail", pk=breach.pk)
    return _breach_page(request, breach, form=form, status=400)
