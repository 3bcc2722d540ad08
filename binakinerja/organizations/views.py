from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from binakinerja.core.audit import history_for
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.forms import OrgUnitForm
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import (
    can_manage_unit,
    orgunit_ancestors,
    orgunit_children_with_counts,
    orgunit_get_for_user,
    orgunit_list_visible_to,
)
from binakinerja.organizations.services import orgunit_create, orgunit_update

EXPORT_HEADERS = ["Nama", "Jenis", "Tingkat", "Kabupaten/kota", "Unit layanan", "ASN aktif"]


def _export(request, units, filename: str):
    """The table of units as shown, for Excel."""
    fmt = request.GET.get("export")
    rows = (
        [u.name, u.get_unit_type_display(), u.get_kind_display(), u.kab_kota,
         "ya" if u.is_service_unit else "tidak", u.employee_count]
        for u in units
    )  # fmt: skip
    if fmt == "csv":
        return csv_response(EXPORT_HEADERS, rows, f"{filename}.csv")
    return xlsx_response(EXPORT_HEADERS, rows, f"{filename}.xlsx", sheet_title="Unit")


def _require_browser(user):
    if not _can_browse(user):
        raise PermissionDenied


@login_required
@require_GET
def orgunit_list(request):
    _require_browser(request.user)
    units = orgunit_children_with_counts(unit=None, user=request.user)
    if request.GET.get("export") in ("xlsx", "csv"):
        return _export(request, units, "organisasi")
    if len(units) == 1:
        return redirect("organizations:orgunit_detail", pk=units[0].pk)
    return render(request, "organizations/orgunit_list.html", {"units": units})


@login_required
@require_GET
def orgunit_detail(request, pk):
    _require_browser(request.user)
    unit = orgunit_get_for_user(request.user, pk)
    breadcrumbs = orgunit_ancestors(unit)
    children = orgunit_children_with_counts(unit=unit, user=request.user)
    if request.GET.get("export") in ("xlsx", "csv"):
        return _export(request, children, f"unit-{unit.pk}")
    chain = [*breadcrumbs, unit]
    filter_query = {"instansi": chain[0].pk}
    if len(chain) > 1:
        filter_query["opd"] = chain[1].pk
    if len(chain) > 2:
        filter_query["unit"] = unit.pk
    can_manage = can_manage_unit(request.user, unit)
    context = {
        "unit": unit,
        "breadcrumbs": breadcrumbs,
        "children": children,
        "can_see_people": reach_of(request.user).can_manage_registry,
        "can_manage": can_manage,
        "audit": history_for(unit)[:50] if can_manage else None,
        "employee_filter": urlencode(filter_query),
    }
    return render(request, "organizations/orgunit_detail.html", context)


UNIT_OPTIONS_LIMIT = 30


@login_required
@require_GET
def orgunit_options(request):
    """HTMX: `<option>`s of units the user may manage whose name matches `q`, for the unit
    chooser of forms (no page lists every unit of the province)."""
    text = request.GET.get("q", "").strip()
    units = OrgUnit.objects.none()
    if len(text) >= 2:
        units = (
            orgunit_list_visible_to(request.user, write=True)
            .filter(name__icontains=text)
            .select_related("parent")
            .order_by("depth", "name")[:UNIT_OPTIONS_LIMIT]
        )
    return render(request, "organizations/partials/unit_options.html", {"units": units})


def _managed_unit(request, pk) -> OrgUnit:
    """A unit the user may change: 404 outside their reach, 403 when they may only browse."""
    if not _can_browse(request.user):
        raise Http404
    return orgunit_get_for_user(request.user, pk, write=True)


def _can_browse(user) -> bool:
    reach = reach_of(user)
    return bool(reach.dashboard_paths or reach.manages_everything)


@login_required
@require_http_methods(["GET", "POST"])
def orgunit_create_view(request, parent_pk):
    """Add a unit (an OPD below a government, a unit below an OPD or unit)."""
    parent = _managed_unit(request, parent_pk)
    form = OrgUnitForm(request.POST or None, initial={"kab_kota": parent.kab_kota})
    if request.method == "POST" and form.is_valid():
        try:
            unit = orgunit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Unit added."))
            return redirect("organizations:orgunit_detail", pk=unit.pk)
    return render(request, "organizations/orgunit_form.html", {"form": form, "parent": parent})


@login_required
@require_http_methods(["GET", "POST"])
def orgunit_edit(request, pk):
    unit = _managed_unit(request, pk)
    form = OrgUnitForm(request.POST or None, instance=OrgUnit.objects.get(pk=unit.pk))
    if request.method == "POST" and form.is_valid():
        try:
            orgunit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("organizations:orgunit_detail", pk=unit.pk)
    return render(request, "organizations/orgunit_form.html", {"form": form, "unit": unit})
