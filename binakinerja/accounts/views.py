import time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from binakinerja.accounts import two_factor
from binakinerja.accounts.forms import (
    RoleAssignForm,
    TwoFactorCodeForm,
    TwoFactorResetForm,
    role_scope_choices,
)
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


# --- Two-factor login (accounts/two_factor.py) ----------------------------------------------

PENDING_KEY = "bk_2fa_pending"  # the user whose password was right, awaiting the code
PENDING_SECONDS = 300
ENROL_KEY = "bk_2fa_enrol_key"  # the key being set up, until a code confirms it
CODES_KEY = "bk_2fa_codes"  # fresh recovery codes, until the user says they are saved
CODES_SECONDS = 900


class LoginView(auth_views.LoginView):
    """The password step (django-axes counts its failures). A user with an authenticator app is
    not logged in yet: the session (a new key) remembers them for PENDING_SECONDS and the code
    step logs them in, which rotates the session key again."""

    template_name = "accounts/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.is_enrolled(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": self.get_success_url(),
        }
        return redirect("accounts:login_verify")


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return None, None
    if time.time() - pending["at"] > PENDING_SECONDS:
        del request.session[PENDING_KEY]
        messages.info(request, _("The code was not entered in time; log in again."))
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        del request.session[PENDING_KEY]
    return user, pending


@require_http_methods(["GET", "POST"])
def login_verify(request):
    """The second step: the authenticator app's code or a recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = two_factor.code_verify(user=user, code=form.cleaned_data["code"])
        if check.device is not None:
            del request.session[PENDING_KEY]
            user.otp_device = check.device  # django-otp keeps it in the session at login
            auth_login(request, user, backend=pending["backend"])
            if check.used_recovery_code:
                messages.warning(
                    request,
                    _(
                        "You logged in with a recovery code, which is now used up. If your "
                        "phone is lost, set up the authenticator app again below."
                    ),
                )
                return redirect("accounts:two_factor")
            return redirect(pending["next"])
        form.add_error("code", check.error)
    return render(request, "accounts/login_verify.html", {"form": form})


@login_required
def two_factor_home(request):
    """The user's account security: two-factor login, recovery codes, password."""
    user = request.user
    device = two_factor.totp_device_of(user)
    return render(request, "accounts/two_factor.html", {
        "device": device,
        "enrolled": device is not None,
        "codes_left": two_factor.recovery_codes_left(user) if device is not None else 0,
        "required": two_factor.is_required_for(user),
        "can_reset_others": can_manage_roles(user),
    })  # fmt: skip


def _refuse_unverified(request) -> bool:
    """Changing an existing second factor needs a session that passed it (not one opened
    before it was set up)."""
    if two_factor.is_enrolled(request.user) and not request.user.is_verified():
        messages.error(
            request, _("Log out and log in again with your code before changing two-factor login.")
        )
        return True
    return False


def _keep_codes(request, codes: list[str]) -> None:
    request.session[CODES_KEY] = {"codes": codes, "at": int(time.time())}


def _fresh_codes(request) -> list[str] | None:
    kept = request.session.get(CODES_KEY)
    if not kept or time.time() - kept["at"] > CODES_SECONDS:
        request.session.pop(CODES_KEY, None)
        return None
    return kept["codes"]


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Set up an authenticator app (again, after a lost phone): QR code and the key as text,
    confirmed by one code; then the recovery codes."""
    if _refuse_unverified(request):
        return redirect("accounts:two_factor")
    key = request.session.get(ENROL_KEY)
    if not key:
        key = request.session[ENROL_KEY] = two_factor.new_secret()
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.two_factor_enrol(
                user=request.user, key_hex=key, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            del request.session[ENROL_KEY]
            request.session.cycle_key()  # a stronger login: a new session key
            otp_login(request, device)
            _keep_codes(request, codes)
            messages.success(request, _("Two-factor login is on."))
            return redirect("accounts:recovery_codes")
    uri = two_factor.enrolment_uri(user=request.user, key_hex=key)
    return render(request, "accounts/two_factor_enrol.html", {
        "form": form,
        # segno's SVG of our own otpauth address: no user text is written into it as markup.
        "qr": mark_safe(two_factor.qr_svg(uri, title=_("QR code for the authenticator app"))),  # noqa: S308
        "secret": two_factor.secret_text(key),
        "again": two_factor.is_enrolled(request.user),
    })  # fmt: skip


@login_required
def recovery_codes(request):
    """The new recovery codes, shown once: they stay only until the user says they are saved
    (or CODES_SECONDS pass)."""
    codes = _fresh_codes(request)
    if codes is None:
        messages.info(request, _("Recovery codes are shown only once, right after they are made."))
        return redirect("accounts:two_factor")
    return render(request, "accounts/recovery_codes.html", {
        "codes": [two_factor.display_code(code) for code in codes],
    })  # fmt: skip


@login_required
def recovery_codes_download(request):
    codes = _fresh_codes(request)
    if codes is None:
        messages.info(request, _("Recovery codes are shown only once, right after they are made."))
        return redirect("accounts:two_factor")
    response = HttpResponse(
        two_factor.recovery_codes_text(codes), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="kode-pemulihan-bina-kinerja.txt"'
    return response


@login_required
@require_POST
def recovery_codes_done(request):
    request.session.pop(CODES_KEY, None)
    return redirect("accounts:two_factor")


@login_required
@require_POST
def recovery_codes_regenerate(request):
    """Ten new recovery codes; the old ones stop working."""
    if _refuse_unverified(request):
        return redirect("accounts:two_factor")
    try:
        codes = two_factor.recovery_codes_regenerate(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:two_factor")
    _keep_codes(request, codes)
    messages.success(request, _("New recovery codes made; the old ones no longer work."))
    return redirect("accounts:recovery_codes")


@login_required
@require_POST
def two_factor_disable(request):
    """Turn off a two-factor login the user chose, with a current code."""
    if _refuse_unverified(request):
        return redirect("accounts:two_factor")
    try:
        two_factor.two_factor_disable(user=request.user, code=request.POST.get("code", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Two-factor login is off."))
    return redirect("accounts:two_factor")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_reset(request):
    """An admin BKPSDM (users of their government) or a superadmin resets the two-factor login
    of a user who lost both the phone and the recovery codes."""
    _require_role_manager(request.user)
    form = TwoFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = two_factor.resettable_user(
                actor=request.user, account=form.cleaned_data["account"]
            )
            two_factor.two_factor_reset(
                actor=request.user, user=user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The two-factor login of %(user)s was reset; they were told.")
                % {"user": user.get_full_name() or user.get_username()},
            )
            return redirect("accounts:two_factor_reset")
    return render(request, "accounts/two_factor_reset.html", {"form": form})
