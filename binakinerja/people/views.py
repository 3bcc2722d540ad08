"""Views of the ASN registry: thin — fetch, validate, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binakinerja.core.audit import audit_record, history_for
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.selectors import (
    can_manage_unit,
    orgunit_get_for_user,
    orgunit_list_visible_to,
)
from binakinerja.people.filters import EmployeeFilter
from binakinerja.people.forms import AccountCreateForm, EmployeeForm, PositionForm
from binakinerja.people.models import Employee, Position
from binakinerja.people.selectors import (
    employee_get_for_user,
    employee_list_visible_to,
    position_list_for_unit,
)
from binakinerja.people.services import (
    EDITABLE_FIELDS,
    employee_account_create,
    employee_account_link_resend,
    employee_create,
    employee_update,
    position_create,
)

PAGE_SIZE = 50


def _require_registry_reader(user):
    reach = reach_of(user)
    if not (reach.can_manage_registry or reach.employee_id):
        raise PermissionDenied


def _require_registry_manager(user):
    if not reach_of(user).can_manage_registry:
        raise PermissionDenied


def _filtered(request):
    filterset = EmployeeFilter(
        request.GET or None, queryset=employee_list_visible_to(request.user), user=request.user
    )
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    if "sort" not in request.GET:
        queryset = queryset.order_by("name", "nip")
    return filterset, queryset


@login_required
@require_GET
def employee_list(request):
    _require_registry_reader(request.user)
    filterset, queryset = _filtered(request)
    export = request.GET.get("export")
    if export in ("xlsx", "csv"):
        return employee_export(request, queryset, export)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    context = {
        "filter": filterset,
        "page": page,
        "query_string": params.urlencode(),
        "can_manage": reach_of(request.user).can_manage_registry,
    }
    template = "people/partials/employee_table.html" if request.htmx else None
    if request.htmx and request.headers.get("HX-Target") == "filters":
        template = "people/partials/employee_filters.html"
    return render(request, template or "people/employee_list.html", context)


EXPORT_HEADERS = [
    "NIP", "Nama", "Gelar depan", "Gelar belakang", "Status", "Jenis kelamin", "Tanggal lahir",
    "Golongan", "Jabatan", "Jenis jabatan", "Unit kerja", "Atasan langsung (NIP)",
    "Kedudukan", "Pendidikan",
]  # fmt: skip


def employee_export(request, queryset, fmt: str):
    """Export what the list shows (filters applied); the bulk read is audited."""
    rows_qs = queryset.select_related("supervisor").values_list(
        "nip", "name", "gelar_depan", "gelar_belakang", "status", "gender", "birth_date",
        "golongan", "position__name", "position__kind", "unit__name", "supervisor__nip",
        "state", "education_level",
    )  # fmt: skip
    audit_record(
        actor=request.user,
        action="export",
        object_type="people.employee",
        object_repr=_("Employee list"),
        changes={"filters": request.GET.dict(), "format": fmt},
    )
    rows = rows_qs.iterator(chunk_size=2000)
    if fmt == "csv":
        return csv_response(EXPORT_HEADERS, rows, "daftar-asn.csv")
    return xlsx_response(EXPORT_HEADERS, rows, "daftar-asn.xlsx", sheet_title="ASN")


@login_required
@require_GET
def employee_detail(request, pk):
    employee = employee_get_for_user(request.user, pk)
    reach = reach_of(request.user)
    can_edit = Employee.objects.editable_by(request.user).filter(pk=employee.pk).exists()
    context = {
        "employee": employee,
        "can_edit": can_edit,
        "show_contact": can_edit or employee.pk == reach.employee_id,
        "history": employee.history.all()[:50],
        "audit": history_for(employee)[:50] if can_edit else None,
        "subordinate_count": employee.subordinates.count(),
        "account_form": AccountCreateForm(initial={"email": employee.email})
        if can_edit and employee.user_id is None
        else None,
    }
    return render(request, "people/employee_detail.html", context)


def _form_for(request, instance=None):
    units = orgunit_list_visible_to(request.user, write=True).order_by("path")
    return EmployeeForm(
        request.POST or None,
        instance=instance,
        units=units,
        supervisors=employee_list_visible_to(request.user),
    )


def _service_fields(form) -> dict:
    data = {k: v for k, v in form.cleaned_data.items() if k in EDITABLE_FIELDS}
    data["supervisor"] = form.cleaned_data.get("supervisor_nip")
    return data


@login_required
@require_http_methods(["GET", "POST"])
def employee_create_view(request):
    _require_registry_manager(request.user)
    form = _form_for(request)
    if request.method == "POST" and form.is_valid():
        fields = _service_fields(form)
        fields.pop("unit")
        try:
            employee = employee_create(
                actor=request.user,
                nip=form.cleaned_data["nip"],
                unit=form.cleaned_data["unit"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Employee saved."))
            return redirect("people:employee_detail", pk=employee.pk)
    if form.registered is not None:
        _audit_nip_lookup(request.user, form.registered)
    return render(request, "people/employee_form.html", {"form": form, "creating": True})


def _audit_nip_lookup(user, registered: Employee) -> None:
    """The form told `user` that this NIP is registered. They keep that answer (they need it
    to ask for a transfer), but for an employee outside what they may read it is a fact about
    a person beyond their reach, so every such lookup is recorded on the employee's audit
    history: who, which NIP, and whether the employee was within their reach."""
    in_reach = Employee.objects.visible_to(user).filter(pk=registered.pk).exists()
    audit_record(
        actor=user,
        action="lookup",
        instance=registered,
        object_repr=registered.nip,
        changes={
            "nip": [None, registered.nip],
            "result": [None, "registered_in_reach" if in_reach else "registered_outside_reach"],
        },
        reason="pemeriksaan NIP saat menambah pegawai: NIP sudah terdaftar",
    )


@login_required
@require_http_methods(["GET", "POST"])
def employee_edit(request, pk):
    employee = employee_get_for_user(request.user, pk, write=True)
    form = _form_for(request, instance=employee)
    if request.method == "POST" and form.is_valid():
        try:
            employee_update(
                actor=request.user,
                employee=employee,
                version=form.cleaned_data.get("version"),
                **_service_fields(form),
            )
        except ValidationError as error:  # includes StaleVersionError: someone saved first
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:employee_detail", pk=employee.pk)
    return render(request, "people/employee_form.html", {"form": form, "employee": employee})


@login_required
@require_GET
def position_options(request):
    """HTMX: the positions of the chosen unit, for the employee form."""
    _require_registry_manager(request.user)
    unit_id = request.GET.get("unit", "")
    positions = Position.objects.none()
    if unit_id.isdigit():
        unit = orgunit_list_visible_to(request.user, write=True).filter(pk=unit_id).first()
        if unit is not None:
            positions = Position.objects.filter(unit=unit).order_by("name")
    return render(request, "people/partials/position_options.html", {"positions": positions})


@login_required
@require_GET
def employee_autocomplete(request):
    """HTMX: up to 10 visible employees matching a NIP or name, e.g. to pick a supervisor."""
    text = request.GET.get("q", "").strip()
    results = Employee.objects.none()
    if len(text) >= 3:
        from binakinerja.people.selectors import employee_search_q

        results = employee_list_visible_to(request.user).filter(
            employee_search_q(text) & Q(state="aktif")
        )[:10]
    return render(request, "people/partials/employee_autocomplete.html", {"results": results})


def _report_setup_link(request, delivery, *, created: bool) -> None:
    """Tell the manager what became of the set-up e-mail (sent after the commit)."""
    email = {"email": delivery.email}
    if delivery.sent is False:
        text = (
            _(
                "The login account was created, but the e-mail with the link to choose a "
                "password could not be sent to %(email)s. Check the address and the mail "
                "server, then use “Send the link again”."
            )
            if created
            else _(
                "The e-mail with the link to choose a password could not be sent to "
                "%(email)s. Check the address and the mail server, then try again."
            )
        )
        messages.warning(request, text % email)
    elif delivery.sent is None:
        messages.success(
            request,
            (
                _("Login account created; a link to choose a password will be sent to %(email)s.")
                if created
                else _("A link to choose a password will be sent again to %(email)s.")
            )
            % email,
        )
    else:
        messages.success(
            request,
            (
                _("Login account created; a link to choose a password was sent to %(email)s.")
                if created
                else _("The link to choose a password was sent again to %(email)s.")
            )
            % email,
        )


@login_required
@require_http_methods(["POST"])
def employee_account_create_view(request, pk):
    """Create the employee's login and e-mail them a link to choose a password."""
    employee = employee_get_for_user(request.user, pk, write=True)
    form = AccountCreateForm(request.POST)
    if form.is_valid():
        try:
            delivery = employee_account_create(
                actor=request.user,
                employee=employee,
                email=form.cleaned_data["email"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            _report_setup_link(request, delivery, created=True)
    else:
        messages.error(request, _("Enter a valid e-mail address for the new account."))
    return redirect("people:employee_detail", pk=employee.pk)


@login_required
@require_http_methods(["POST"])
def employee_account_link_resend_view(request, pk):
    """Send the link to choose a password again (the first e-mail may have failed)."""
    employee = employee_get_for_user(request.user, pk, write=True)
    try:
        delivery = employee_account_link_resend(
            actor=request.user, employee=employee, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _report_setup_link(request, delivery, created=False)
    return redirect("people:employee_detail", pk=employee.pk)


@login_required
@require_http_methods(["GET", "POST"])
def position_list(request, unit_pk):
    """The positions (jabatan) of a unit with how many active ASN hold each; managers of the
    unit add new ones here."""
    unit = orgunit_get_for_user(request.user, unit_pk)
    can_manage = can_manage_unit(request.user, unit)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            position_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Position added."))
            return redirect("people:position_list", unit_pk=unit.pk)
    positions = position_list_for_unit(unit=unit)
    if request.GET.get("export") in ("xlsx", "csv"):
        headers = ["Jabatan", "Jenis jabatan", "Jenjang", "ASN aktif"]
        rows = ([p.name, p.get_kind_display(), p.get_level_display(), p.holders] for p in positions)
        if request.GET["export"] == "csv":
            return csv_response(headers, rows, f"jabatan-{unit.pk}.csv")
        return xlsx_response(headers, rows, f"jabatan-{unit.pk}.xlsx", sheet_title="Jabatan")
    context = {"unit": unit, "positions": positions, "form": form if can_manage else None}
    return render(request, "people/position_list.html", context)
