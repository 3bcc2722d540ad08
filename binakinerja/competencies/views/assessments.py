"""Entering and importing competency and potential assessments (admins and operators)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binakinerja.competencies.forms import AssessmentForm
from binakinerja.competencies.importing import COLUMNS, assessments_import, template_rows
from binakinerja.competencies.selectors import assessment_history
from binakinerja.competencies.services import assessment_record
from binakinerja.core.exporting import error_report_response, xlsx_response
from binakinerja.core.scoping import reach_of
from binakinerja.core.spreadsheets import import_upload
from binakinerja.people.models import Employee
from binakinerja.people.selectors import employee_get_for_user

EXAMPLE_NIP = "198609262010011001"
REPORT_MAX_ROWS = 10_000


def _require_manager(user) -> None:
    if not reach_of(user).can_manage_registry:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def assessment_import(request):
    """Import assessment-center results from XLSX, all or nothing; `?template=1` downloads the
    template with example rows."""
    _require_manager(request.user)
    editable = Employee.objects.editable_by(request.user)
    if request.method == "GET" and request.GET.get("template"):
        nip = editable.order_by("pk").values_list("nip", flat=True).first() or EXAMPLE_NIP
        rows = template_rows(nip=nip, day=timezone.localdate() - dt.timedelta(days=1))
        return xlsx_response(COLUMNS, rows, "templat-penilaian-kompetensi.xlsx", "Penilaian")
    result = None
    if request.method == "POST":
        result = import_upload(
            request,
            lambda upload: assessments_import(
                actor=request.user, upload=upload, editable_employees=editable
            ),
        )
    if result is not None and result.ok:
        messages.success(
            request,
            _("Imported: %(competencies)d competency assessments and %(potentials)d "
              "potential assessments.") % {
                "competencies": result.competencies_created,
                "potentials": result.potentials_created},
        )  # fmt: skip
        return redirect("competencies:assessment_import")
    context = {"result": result, "errors_json": result.errors_json if result else ""}
    return render(request, "competencies/assessments/import.html", context)


@login_required
@require_POST
def import_error_report(request):
    """The error report of a refused competency import (assessments or position standards) as
    XLSX. The rows come back from the page, as for the SKP target and paper questionnaire
    imports, so nothing of the refused file is kept on the server; the cells are made safe by
    core.exporting."""
    _require_manager(request.user)
    return error_report_response(request, "laporan-kesalahan-impor-kompetensi.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request, pk: int):
    """Record one competency assessment of an employee; the history below, newest first."""
    _require_manager(request.user)
    employee = employee_get_for_user(request.user, pk, write=True)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_record(actor=request.user, employee=employee, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The assessment was recorded."))
            return redirect("competencies:assessment_add", pk=employee.pk)
    context = {"employee": employee, "form": form, **assessment_history(employee)}
    return render(request, "competencies/assessments/add.html", context)
