"""Pages of the JP ledger: "JP saya" (an ASN's year), an employee's ledger, the 20 JP
compliance per OPD/government with its exports, outside activities (proposal → evidence →
recognition), the JP conversion table, and the SIASN export and import."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from binakinerja.competencies.selectors import (
    aggregate_roots_of,
    aggregate_unit_get_for_user,
    masks_small_groups,
    parent_visible_to,
)
from binakinerja.core.audit import audit_record
from binakinerja.core.concurrency import posted_version
from binakinerja.core.converters import year_neighbours
from binakinerja.core.exporting import csv_response, error_report_response, xlsx_response
from binakinerja.core.forms import add_service_errors
from binakinerja.core.models import AuditLog
from binakinerja.core.privacy import masked, min_group
from binakinerja.core.scoping import employee_scope_q, paths_q, reach_of
from binakinerja.core.spreadsheets import import_upload
from binakinerja.people.models import Employee
from binakinerja.people.selectors import employee_get_for_user
from binakinerja.trainings import ledger, rules, siasn
from binakinerja.trainings.models import OutsideActivity
from binakinerja.trainings.selectors import can_manage_trainings

PAGE_SIZE = 50
EXPORT_MAX_ROWS = 100_000


# --- JP saya and an employee's ledger -----------------------------------------------------------


@login_required
@require_GET
def jp_mine_now(request):
    return redirect("trainings:jp_mine", year=timezone.localdate().year)


@login_required
@require_GET
def jp_mine(request, year):
    """The ASN's own year: records with what counts, the total against the target, what is
    missing, and their outside activity proposals."""
    employee_id = reach_of(request.user).employee_id
    if not employee_id:
        raise Http404
    employee = Employee.objects.select_related("unit", "position").get(pk=employee_id)
    return _ledger_page(request, employee, year, mine=True)


@login_required
@require_GET
def jp_employee(request, pk, year):
    """An employee's ledger for those who may see them (the registry's one door)."""
    employee = employee_get_for_user(request.user, pk)
    return _ledger_page(request, employee, year, mine=False)


def _ledger_page(request, employee, year, *, mine: bool):
    book = ledger.employee_ledger(employee, year)
    activities = list(
        OutsideActivity.objects.filter(employee=employee).order_by("-created_at")[:50]
    )
    context = {
        "employee": employee,
        "ledger": book,
        "year": year,
        "mine": mine,
        "activities": activities,
        "days_left": ledger.days_left(year),
        **year_neighbours(year),
    }
    return render(request, "trainings/jp_ledger.html", context)


# --- 20 JP compliance ---------------------------------------------------------------------------


@login_required
@require_GET
def jp_compliance_start(request):
    roots = aggregate_roots_of(reach_of(request.user), limit=1)
    if not roots:
        raise PermissionDenied
    return redirect("trainings:jp_compliance", unit_pk=roots[0].pk, year=timezone.localdate().year)


def _compliance_scope(user):
    """Employees whose figures the reader may count: those they read individually, and as
    pimpinan those of their subtrees (counted only, masked)."""
    reach = reach_of(user)
    if reach.manages_everything:
        return Employee.objects.all()
    return Employee.objects.filter(
        employee_scope_q(user, write=False) | paths_q(reach.pimpinan_paths, "unit__")
    )


COMPLIANCE_FORMATS = ("xlsx", "csv")


@login_required
@require_GET
def jp_compliance_view(request, unit_pk, year):
    """The share of ASN reaching the yearly JP target per unit, and — for those who may read
    persons — the list of ASN below it with the days left (the TPP-risk list)."""
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    export = request.GET.get("format", "")
    if export and export not in COMPLIANCE_FORMATS:
        raise Http404
    mask = masks_small_groups(request.user, unit)
    report = ledger.jp_compliance(unit, year, employees=_compliance_scope(request.user))
    if mask:
        for row in [*report.units, report.total]:
            row.shown = {
                "employees": masked(row.employees, row.employees),
                "reached": masked(row.reached, row.employees),
                "below": masked(row.below, row.employees),
                "share": masked(row.share, row.employees),
            }
    else:
        for row in [*report.units, report.total]:
            row.shown = {"employees": row.employees, "reached": row.reached,
                         "below": row.below, "share": row.share}  # fmt: skip
    if export:
        return _compliance_export(request, report, export, with_people=not mask)
    below_count = report.total.below
    pages = max((below_count + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    try:
        page = min(max(int(request.GET.get("page", 1)), 1), pages)
    except ValueError:
        page = 1
    people = []
    if not mask:
        start = (page - 1) * PAGE_SIZE
        people = list(report.below[start : start + PAGE_SIZE])
        for person in people:
            person.missing = Decimal(report.target) - person.jp_done
        offset = start
    else:
        offset = 0
    context = {
        "unit": unit,
        "report": report,
        "mask": mask,
        "people": people,
        "offset": offset,
        "page": page,
        "pages": pages,
        "parent": parent_visible_to(request.user, unit),
        "min_group": min_group(),
        "can_export_siasn": not mask,
        **year_neighbours(year),
    }
    return render(request, "trainings/jp_compliance.html", context)


def _compliance_export(request, report, export: str, *, with_people: bool):
    audit_record(actor=request.user, action=AuditLog.Action.EXPORT, instance=report.root,
                 object_repr=f"{export.upper()} kepatuhan 20 JP {report.root.name} "
                             f"{report.year}"[:200])  # fmt: skip
    target = report.target
    if with_people:
        headers = ["NIP", "Nama", "Unit", "Jabatan", "JP tercapai", "JP kurang",
                   "Sisa hari", "Tahun"]  # fmt: skip
        rows = (
            [e.nip, e.name, e.unit.name, str(e.position or ""), e.jp_done,
             Decimal(target) - e.jp_done, report.days_left, report.year]
            for e in report.below[:EXPORT_MAX_ROWS]
        )  # fmt: skip
        name = f"asn-di-bawah-{target}-jp-{report.root.pk}-{report.year}"
        sheet = "Di bawah target"
    else:
        headers = ["Unit", "ASN", f"Mencapai {target} JP", f"Di bawah {target} JP", "Persen"]
        rows = [
            [row.unit.name, row.shown["employees"], row.shown["reached"], row.shown["below"],
             row.shown["share"]]
            for row in [*report.units, report.total]
        ]  # fmt: skip
        rows[-1][0] = "Jumlah"
        name = f"kepatuhan-{target}-jp-{report.root.pk}-{report.year}"
        sheet = "Kepatuhan JP"
    if export == "csv":
        return csv_response(headers, rows, f"{name}.csv")
    return xlsx_response(headers, rows, f"{name}.xlsx", sheet_title=sheet)


# --- outside activities -------------------------------------------------------------------------


class OutsideActivityForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Activity"), max_length=300)
    organiser = forms.CharField(label=gettext_lazy("Organiser"), max_length=300)
    form_code = forms.ChoiceField(label=gettext_lazy("Form"), choices=rules.FORM_CHOICES)
    start = forms.DateField(label=gettext_lazy("Start"),
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    end = forms.DateField(label=gettext_lazy("End"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=gettext_lazy("Minutes of learning"), min_value=1,
                                 max_value=100_000)  # fmt: skip
    certificate_number = forms.CharField(label=gettext_lazy("Certificate number"),
                                         max_length=100, required=False)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def outside_new(request):
    employee_id = reach_of(request.user).employee_id
    if not employee_id:
        raise PermissionDenied
    employee = Employee.objects.select_related("unit").get(pk=employee_id)
    form = OutsideActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = ledger.outside_propose(actor=request.user, employee=employee,
                                              **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Proposed. Now upload the evidence."))
            return redirect("trainings:outside_detail", pk=activity.pk)
    return render(request, "trainings/jp_outside_form.html", {"form": form})


@login_required
@require_GET
def outside_detail(request, pk):
    activity = ledger.outside_activity_get_for_user(request.user, pk)
    mine = reach_of(request.user).employee_id == activity.employee_id
    reviewer = ledger.can_recognise(request.user, activity.employee)
    suggested = rules.jp_of(activity.minutes, ledger.conversion_for(activity.form_code))
    context = {
        "activity": activity,
        "mine": mine,
        "reviewer": reviewer,
        "suggested_jp": suggested,
        "form_label": rules.FORMS[activity.form_code].label,
    }
    return render(request, "trainings/jp_outside_detail.html", context)


def _outside_action(request, pk, action):
    activity = ledger.outside_activity_get_for_user(request.user, pk)
    try:
        action(activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("trainings:outside_detail", pk=activity.pk)


@login_required
@require_POST
def outside_evidence(request, pk):
    def run(activity):
        ledger.outside_evidence_submit(actor=request.user, activity=activity,
                                       version=posted_version(request),
                                       upload=request.FILES.get("evidence"))  # fmt: skip
        messages.success(request, _("The evidence was sent to BKPSDM."))

    return _outside_action(request, pk, run)


@login_required
@require_GET
def outside_evidence_download(request, pk):
    activity = ledger.outside_activity_get_for_user(request.user, pk)
    if not activity.evidence:
        raise Http404
    extension = activity.evidence.name.rsplit(".", 1)[-1]
    response = FileResponse(activity.evidence.open("rb"), as_attachment=True,
                            filename=f"bukti-kegiatan-{activity.pk}.{extension}")  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Type"] = "application/octet-stream"
    return response


@login_required
@require_POST
def outside_recognise(request, pk):
    def run(activity):
        raw = request.POST.get("jp", "").strip().replace(",", ".")
        try:
            jp = Decimal(raw) if raw else None
        except InvalidOperation:
            raise ValidationError(_("The JP must be a number.")) from None
        ledger.outside_recognise(actor=request.user, activity=activity,
                                 version=posted_version(request), jp=jp,
                                 note=request.POST.get("note", ""))  # fmt: skip
        messages.success(request, _("Recognised; the JP are in the ASN's record."))

    return _outside_action(request, pk, run)


@login_required
@require_POST
def outside_reject(request, pk):
    def run(activity):
        ledger.outside_reject(actor=request.user, activity=activity,
                              version=posted_version(request),
                              note=request.POST.get("note", ""))  # fmt: skip
        messages.success(request, _("Returned to the ASN with your note."))

    return _outside_action(request, pk, run)


@login_required
@require_POST
def outside_withdraw(request, pk):
    activity = ledger.outside_activity_get_for_user(request.user, pk)
    try:
        ledger.outside_withdraw(actor=request.user, activity=activity,
                                version=posted_version(request))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("trainings:outside_detail", pk=activity.pk)
    messages.success(request, _("The proposal was withdrawn."))
    return redirect("trainings:jp_mine", year=activity.end.year)


@login_required
@require_GET
def outside_inbox(request):
    """Outside activities with evidence awaiting the reader's recognition (admins BKPSDM)."""
    if not can_manage_trainings(request.user):
        raise PermissionDenied
    activities = ledger.outside_awaiting_recognition(request.user).order_by("created_at")[:200]
    return render(request, "trainings/jp_outside_inbox.html", {"activities": activities})


# --- conversion table ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def conversion_view(request):
    if not can_manage_trainings(request.user):
        raise PermissionDenied
    if request.method == "POST":
        code = request.POST.get("form_code", "")
        raw_minutes = request.POST.get("minutes_per_jp", "").strip()
        raw_cap = request.POST.get("cap_jp", "").strip().replace(",", ".")
        try:
            if not raw_minutes.isdigit():
                raise ValidationError(_("Minutes per JP must be between 1 and 1440."))
            try:
                cap = Decimal(raw_cap) if raw_cap else None
            except InvalidOperation:
                raise ValidationError(_("The cap must be above zero, or left empty.")) from None
            if code not in rules.FORMS:
                raise ValidationError(_("Choose a development form."))
            ledger.conversion_set(actor=request.user, form_code=code,
                                  minutes_per_jp=int(raw_minutes), cap_jp=cap)  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The conversion of %(form)s was saved.") % {"form": code})
        return redirect("trainings:jp_conversion")
    return render(
        request,
        "trainings/jp_conversion.html",
        {"rows": ledger.conversion_table(), "default": rules.JP_MINUTES},
    )


# --- SIASN --------------------------------------------------------------------------------------


@login_required
@require_GET
def siasn_export(request, unit_pk, year):
    """The ledger of a unit's ASN for `year` in SIASN's training history fields (§8a), for
    those who read the persons (not pimpinan)."""
    unit = aggregate_unit_get_for_user(request.user, unit_pk)
    if masks_small_groups(request.user, unit):
        raise PermissionDenied
    export = request.GET.get("format", "xlsx")
    if export not in COMPLIANCE_FORMATS:
        raise Http404
    records = siasn.records_for_export(
        unit, year, employees=Employee.objects.visible_to(request.user)
    )
    label = f"{export.upper()} SIASN riwayat kursus {unit.name} {year}"[:200]
    audit_record(actor=request.user, action=AuditLog.Action.EXPORT, instance=unit,
                 object_repr=label)  # fmt: skip
    name = f"siasn-riwayat-kursus-{unit.pk}-{year}.{export}"
    rows = siasn.export_rows(records)
    if export == "csv":
        return csv_response(siasn.COLUMNS, rows, name)
    return xlsx_response(siasn.COLUMNS, rows, name, sheet_title="Riwayat Kursus")


@login_required
@require_http_methods(["GET", "POST"])
def siasn_import(request):
    """Import training history (SIASN's fields) from XLSX/CSV, all or nothing."""
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    editable = Employee.objects.editable_by(request.user)
    if request.method == "GET" and request.GET.get("template"):
        nip = editable.order_by("pk").values_list("nip", flat=True).first() or siasn.EXAMPLE_NIP
        return xlsx_response(siasn.COLUMNS, siasn.template_rows(nip=nip),
                             "templat-riwayat-kursus-siasn.xlsx", "Riwayat Kursus")  # fmt: skip
    result = None
    if request.method == "POST":
        result = import_upload(
            request,
            lambda upload: siasn.history_import(
                actor=request.user, upload=upload, editable_employees=editable
            ),  # fmt: skip
            allow_csv=True,
        )
    if result is not None and result.ok:
        messages.success(
            request,
            _("Imported: %(created)d JP records; %(skipped)d already in the ledger.")
            % {"created": result.created, "skipped": result.skipped},
        )
        return redirect("trainings:siasn_import")
    context = {"result": result, "errors_json": result.errors_json if result else "",
               "columns": siasn.COLUMNS}  # fmt: skip
    return render(request, "trainings/jp_siasn_import.html", context)


@login_required
@require_POST
def siasn_import_errors(request):
    if not reach_of(request.user).can_manage_registry:
        raise PermissionDenied
    return error_report_response(request, "laporan-kesalahan-impor-riwayat-kursus.xlsx")
