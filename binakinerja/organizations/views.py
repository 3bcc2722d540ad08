from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from binakinerja.core.audit import history_for
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import (
    orgunit_children_with_counts,
    orgunit_get_for_user,
    orgunit_list_visible_to,
)

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


def _manages(user, unit: OrgUnit) -> bool:
    return orgunit_list_visible_to(user, write=True).filter(pk=unit.pk).exists()


def _require_browser(user):
    reach = reach_of(user)
    if not (reach.dashboard_paths or reach.manages_everything):
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
    ancestors = unit.path.split(".")[:-1]
    breadcrumbs = list(
        OrgUnit.objects.filter(
            path__in=[".".join(ancestors[: i + 1]) for i in range(len(ancestors))]
        ).order_by("depth")
    )
    children = orgunit_children_with_counts(unit=unit, user=request.user)
    if request.GET.get("export") in ("xlsx", "csv"):
        return _export(request, children, f"unit-{unit.pk}")
    chain = [*breadcrumbs, unit]
    filter_query = {"instansi": chain[0].pk}
    if len(chain) > 1:
        filter_query["opd"] = chain[1].pk
    if len(chain) > 2:
        filter_query["unit"] = unit.pk
    context = {
        "unit": unit,
        "breadcrumbs": breadcrumbs,
        "children": children,
        "can_see_people": reach_of(request.user).can_manage_registry,
        "audit": history_for(unit)[:50] if _manages(request.user, unit) else None,
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
