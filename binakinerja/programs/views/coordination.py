"""The coordination log: service problems that need more than one OPD, their steps and
resolution, and how long solving them takes per quarter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.core.audit import audit_record
from binakinerja.core.concurrency import StaleVersionError, posted_version
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.core.forms import add_service_errors
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.programs import insight, services
from binakinerja.programs.selectors import (
    case_get_for_user,
    cases_visible_to,
    may_coordinate,
    program_get_for_user,
)
from binakinerja.programs.views.forms import CaseForm, ResolveForm, StepForm

PAGE_SIZE = 50


def _may_log(user, program) -> bool:
    reach = reach_of(user)
    return may_coordinate(user, program) or bool(reach.operator_paths)


@login_required
@require_GET
def case_list(request, pk):
    program = program_get_for_user(request.user, pk)
    if not _may_log(request.user, program):
        raise PermissionDenied
    cases = (
        cases_visible_to(request.user, program)
        .select_related("raised_by")
        .prefetch_related("agencies")
    )
    if request.GET.get("export") in ("xlsx", "csv"):
        return _cases_export(request, program, cases, request.GET["export"])
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    collaboration = insight.collaboration(program, insight.program_facts(program))
    return render(request, "programs/case_list.html", {
        "program": program, "page": page, "collaboration": collaboration,
    })  # fmt: skip


def _cases_export(request, program, cases, kind: str):
    """The coordination log as the reader sees it, with every step, for Excel."""
    headers = [_("Problem"), _("Description"), _("Raised by"), _("Raised on"),
               _("Agencies involved"), _("Status"), _("Steps"), _("Resolution"),
               _("Resolved on"), _("Days")]  # fmt: skip

    def rows():
        for case in cases.prefetch_related("steps"):
            raiser = case.raised_by.get_full_name() or case.raised_by.username
            steps = "\n".join(f"{step.date:%d-%m-%Y}: {step.text}" for step in case.steps.all())
            yield [case.title, case.description, raiser, case.raised_on,
                   ", ".join(a.name for a in case.agencies.all()), str(case.get_status_display()),
                   steps, case.resolution, case.resolved_on, case.days_to_resolve]  # fmt: skip

    audit_record(actor=request.user, action="export", instance=program,
                 object_repr=f"Log koordinasi {program}")  # fmt: skip
    name = f"log-koordinasi-{program.pk}"
    if kind == "csv":
        return csv_response(headers, rows(), f"{name}.csv")
    return xlsx_response(headers, rows(), f"{name}.xlsx", sheet_title="Koordinasi")


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request, pk):
    program = program_get_for_user(request.user, pk)
    if not _may_log(request.user, program):
        raise PermissionDenied
    form = CaseForm(request.POST or None, initial={"raised_on": timezone.localdate()})
    form.fields["agencies"].queryset = OrgUnit.objects.filter(parent=program.instansi).order_by(
        "name"
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(actor=request.user, program=program, title=data["title"],
                                        description=data["description"],
                                        agencies=data["agencies"],
                                        raised_on=data["raised_on"])  # fmt: skip
        except PermissionDenied:
            form.add_error("agencies", _("Include your own OPD among the agencies."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case was logged; the agencies' operators were told."))
            return redirect("programs:case_detail", pk=case.pk)
    return render(request, "programs/form.html", {
        "form": form, "program": program, "title": _("New coordination case"),
        "submit": _("Log the case"), "back": ("programs:case_list", program.pk),
        "intro": _("A service problem that one OPD cannot solve alone. Name the agencies "
                   "involved; each step and the resolution are logged with their dates."),
    })  # fmt: skip


@login_required
@require_GET
def case_detail(request, pk):
    case = case_get_for_user(request.user, pk)
    return render(request, "programs/case_detail.html", {
        "case": case, "program": case.program, "steps": case.steps.select_related("by"),
        "agencies": case.agencies.order_by("name"),
        "step_form": StepForm(initial={"date": timezone.localdate()}),
        "resolve_form": ResolveForm(initial={"resolved_on": timezone.localdate()}),
    })  # fmt: skip


@login_required
@require_POST
def case_step(request, pk):
    case = case_get_for_user(request.user, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date and describe the step."))
    else:
        try:
            services.case_step_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The step was logged."))
    return redirect("programs:case_detail", pk=case.pk)


@login_required
@require_POST
def case_resolve(request, pk):
    case = case_get_for_user(request.user, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date and say how it was resolved."))
        return redirect("programs:case_detail", pk=case.pk)
    try:
        services.case_resolve(actor=request.user, case=case, version=posted_version(request),
                              **form.cleaned_data)  # fmt: skip
    except StaleVersionError:
        messages.error(request, _("Someone changed this in the meantime. Look again and repeat."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case is resolved."))
    return redirect("programs:case_detail", pk=case.pk)
