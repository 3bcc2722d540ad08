from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binakinerja.accounts.forms import RoleAssignForm, role_scope_choices
from binakinerja.accounts.selectors import can_manage_roles, role_assignment_list_manageable_by
from binakinerja.accounts.services import role_assign, role_revoke
from binakinerja.core.audit import audit_record
from binakinerja.core.exporting import csv_response, xlsx_response
from binakinerja.people.models import Employee

ROLE_EXPORT_HEADERS = ["Nama pengguna", "Nama", "Peran", "Cakupan", "Lembaga"]


def _export(request, assignments):
    audit_record(
        actor=request.user,
        action="export",
        object_type="accounts.roleassignment",
        object_repr=_("Roles"),
    )
    rows = (
        [a.user.username, a.user.get_full_name(), a.get_role_display(), str(a.scope or ""),
         a.institution]
        for a in assignments
    )  # fmt: skip
    if request.GET["export"] == "csv":
        return csv_response(ROLE_EXPORT_HEADERS, rows, "peran.csv")
    return xlsx_response(ROLE_EXPORT_HEADERS, rows, "peran.xlsx", sheet_title="Peran")


def _require_role_manager(user):
    if not can_manage_roles(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request):
    """Role assignments an admin BKPSDM manages, and the form to give one."""
    _require_role_manager(request.user)
    form = RoleAssignForm(
        request.POST or None,
        scopes=role_scope_choices(request.user),
        employees=Employee.objects.editable_by(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            role_assign(
                actor=request.user,
                user=form.user,
                role=form.cleaned_data["role"],
                scope=form.cleaned_data["scope"],
                institution=form.cleaned_data["institution"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Role given."))
            return redirect("accounts:role_list")
    assignments = role_assignment_list_manageable_by(request.user).order_by(
        "scope__path", "role", "user__username"
    )
    if request.GET.get("export") in ("xlsx", "csv"):
        return _export(request, assignments)
    return render(
        request, "accounts/role_list.html", {"form": form, "assignments": assignments[:500]}
    )


@login_required
@require_POST
def role_revoke_view(request, pk):
    _require_role_manager(request.user)
    assignment = get_object_or_404(role_assignment_list_manageable_by(request.user), pk=pk)
    try:
        role_revoke(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Role removed."))
    return redirect("accounts:role_list")
