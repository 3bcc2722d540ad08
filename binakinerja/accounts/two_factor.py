"""Two-factor login: an authenticator app (TOTP, django-otp's `TOTPDevice`) and ten recovery
codes (django-otp's `StaticDevice`, each code used once). This module owns the workflow:
enrolment, the second step of a login, recovery codes, the admin's reset. Every event is
audited; codes and secrets never enter the audit trail, the logs or a notification.

Throttling is django-otp's own: after n wrong codes in a row on a device, the next try waits
2^(n-1) seconds (`OTP_TOTP_THROTTLE_FACTOR`), so six digits cannot be guessed; django-axes
still guards the password step before it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from binakinerja.accounts.models import RoleAssignment
from binakinerja.accounts.rules import check_two_factor_reset, code_kind, two_factor_required
from binakinerja.core.audit import audit_record
from binakinerja.core.notifications import notify
from binakinerja.core.scoping import reach_of

RECOVERY_CODE_COUNT = 10
AUDIT_TYPE = "accounts.user"
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

# Audit actions (AuditLog.action, at most 20 characters).
ENROLLED = "2fa_enrolled"
VERIFIED = "2fa_verified"
FAILED = "2fa_failed"
RECOVERY_USED = "2fa_recovery_used"
RECOVERY_REGENERATED = "2fa_codes_renewed"
RESET = "2fa_reset"
DISABLED = "2fa_disabled"


# --- reads ---------------------------------------------------------------------------------


def is_required_for(user) -> bool:
    """Whether `user` must use two-factor login (settings.TWO_FACTOR_REQUIRED_ROLES)."""
    required = settings.TWO_FACTOR_REQUIRED_ROLES
    if not required or not getattr(user, "is_authenticated", False):
        return False
    return two_factor_required(
        role_codes=reach_of(user).role_codes, is_superuser=user.is_superuser, required=required
    )


def totp_device_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def is_enrolled(user) -> bool:
    """A confirmed authenticator app, or recovery codes left from one (after a lost phone)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()
    )


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_secret() -> str:
    """A fresh TOTP key (hex, 20 bytes as RFC 6238 advises for SHA-1)."""
    return random_hex(20)


def secret_text(key_hex: str) -> str:
    """The key as authenticator apps take it typed in: base 32 in groups of four."""
    from base64 import b32encode

    text = b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def enrolment_uri(*, user, key_hex: str) -> str:
    """The otpauth:// address the QR code carries (the unsaved device builds it as django-otp
    does, with OTP_TOTP_ISSUER)."""
    return TOTPDevice(user=user, key=key_hex).config_url


def qr_svg(uri: str, *, title: str) -> str:
    """The QR code as inline SVG drawn by segno (no size attributes: CSS sizes it), dark on
    white; no script, no outside service."""
    return segno.make(uri, error="m").svg_inline(
        scale=1, border=3, omitsize=True, dark="#000", light="#fff", svgclass="qr", title=title
    )


def recovery_codes_text(codes: list[str]) -> str:
    """The plain-text file of recovery codes a user downloads."""
    lines = [
        _("Bina Kinerja recovery codes"),
        _("Each code can be used once, instead of the authenticator app's code."),
        "",
        *(display_code(code) for code in codes),
        "",
    ]
    return "\n".join(lines)


def display_code(code: str) -> str:
    """A recovery code as shown: two groups of four (the dash is ignored when typed)."""
    return f"{code[:4]}-{code[4:]}"


# --- writes --------------------------------------------------------------------------------


def _new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ten new ones (old ones stop working)."""
    device = StaticDevice.objects.filter(user=user).first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    else:
        device.token_set.all().delete()
        device.throttle_reset(commit=False)
        device.confirmed = True
        device.save()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_enrol(*, user, key_hex: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app set up with `key_hex` by one of its codes, replacing any
    earlier app (enrolling again after a lost phone), and give ten new recovery codes."""
    kind = code_kind(code)
    if kind is None or kind[0] != "totp":
        raise ValidationError(
            _("Enter the 6-digit code your authenticator app shows."), code="code_format"
        )
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = time.time()
    if not totp.verify(int(kind[1]), tolerance=1):
        raise ValidationError(
            _(
                "This code does not match. Check that the phone's clock is right and enter the "
                "code the app shows now."
            ),
            code="code_mismatch",
        )
    earlier = TOTPDevice.objects.filter(user=user)
    again = earlier.exists()
    earlier.delete()
    device = TOTPDevice(
        user=user, name=TOTP_DEVICE_NAME, key=key_hex, confirmed=True, last_t=totp.t(),
        drift=totp.drift,
    )  # fmt: skip
    device.set_last_used_timestamp(commit=False)
    device.full_clean()
    device.save()
    codes = _new_recovery_codes(user)
    audit_record(
        actor=user, action=ENROLLED, instance=user, object_type=AUDIT_TYPE,
        changes={"two_factor": [again, True], "recovery_codes": [None, RECOVERY_CODE_COUNT]},
    )  # fmt: skip
    return device, codes


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """Ten new recovery codes for an enrolled user; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(
            _("Set up the authenticator app first; recovery codes come with it."),
            code="not_enrolled",
        )
    left = recovery_codes_left(user)
    codes = _new_recovery_codes(user)
    audit_record(
        actor=user, action=RECOVERY_REGENERATED, instance=user, object_type=AUDIT_TYPE,
        changes={"recovery_codes": [left, RECOVERY_CODE_COUNT]},
    )  # fmt: skip
    return codes


@transaction.atomic
def two_factor_disable(*, user, code: str) -> None:
    """Turn off a two-factor login the user chose (no role of theirs requires it), confirmed
    with a current code, so a session left open cannot switch it off."""
    if is_required_for(user):
        raise ValidationError(
            _("Your role requires two-factor login; it cannot be turned off."), code="required"
        )
    if not is_enrolled(user):
        raise ValidationError(_("Two-factor login is not on."), code="not_enrolled")
    check = code_verify(user=user, code=code)
    if check.error:
        raise ValidationError({"code": check.error}, code="code")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=user, action=DISABLED, instance=user, object_type=AUDIT_TYPE,
                 changes={"two_factor": [True, False]})  # fmt: skip


@dataclass
class CodeCheck:
    """The answer to a second-step code: the device that accepted it, or why not."""

    device: TOTPDevice | StaticDevice | None = None
    error: str = ""

    @property
    def used_recovery_code(self) -> bool:
        return isinstance(self.device, StaticDevice)


def _throttle_message(info: dict | None) -> str:
    locked_until = (info or {}).get("locked_until")
    seconds = 1
    if locked_until is not None:
        seconds = max(1, int((locked_until - timezone.now()).total_seconds() + 0.999))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second, then try again.",
        "Too many wrong codes. Wait %(seconds)d seconds, then try again.",
        seconds,
    ) % {"seconds": seconds}


@transaction.atomic
def code_verify(*, user, code: str) -> CodeCheck:
    """Check the second-step `code` of `user` (the password was right): six digits against the
    authenticator app, eight characters against the recovery codes (a used one is deleted).
    Locks the device row, so two racing tries cannot both pass or both dodge the throttle.
    Every outcome is audited, never the code itself."""
    kind = code_kind(code)
    method = kind[0] if kind else "unknown"
    if kind is None:
        device = None
    elif method == "totp":
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    else:
        device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        audit_record(actor=user, action=FAILED, instance=user, object_type=AUDIT_TYPE,
                     changes={"method": [None, method]})  # fmt: skip
        return CodeCheck(
            error=_(
                "Enter the 6-digit code of your authenticator app, or one of your 8-character "
                "recovery codes."
            )
        )
    allowed, info = device.verify_is_allowed()
    if not allowed:
        audit_record(actor=user, action=FAILED, instance=user, object_type=AUDIT_TYPE,
                     changes={"method": [None, method], "throttled": [None, True]})  # fmt: skip
        return CodeCheck(error=_throttle_message(info))
    if not device.verify_token(kind[1]):
        audit_record(actor=user, action=FAILED, instance=user, object_type=AUDIT_TYPE,
                     changes={"method": [None, method]})  # fmt: skip
        return CodeCheck(error=_("This code is not right. Try again with the code shown now."))
    if method == "recovery":
        audit_record(actor=user, action=RECOVERY_USED, instance=user, object_type=AUDIT_TYPE,
                     changes={"recovery_codes": [None, recovery_codes_left(user)]})  # fmt: skip
    else:
        audit_record(actor=user, action=VERIFIED, instance=user, object_type=AUDIT_TYPE,
                     changes={"method": [None, method]})  # fmt: skip
    return CodeCheck(device=device)


def resettable_user(*, actor, account: str):
    """The user named by `account` (a username or an employee's NIP) whose two-factor login
    `actor` may reset; ValidationError otherwise (the same answer for unknown and outside
    reach, so the form cannot probe accounts of other governments)."""
    from django.contrib.auth import get_user_model

    account = account.strip()
    User = get_user_model()
    user = None
    if account:
        user = (
            User.objects.filter(username=account).first()
            or User.objects.filter(employee__nip="".join(account.split())).first()
        )
    not_found = ValidationError(
        _("No account you manage has this username or NIP."), code="not_found"
    )
    if user is None:
        raise not_found
    try:
        _check_reset(actor=actor, user=user)
    except ValidationError as error:
        if error.code == "own_two_factor":
            raise
        raise not_found from None
    return user


def _check_reset(*, actor, user) -> None:
    employee = getattr(user, "employee", None)
    check_two_factor_reset(
        reach=reach_of(actor),
        actor_id=actor.pk,
        target_id=user.pk,
        target_is_superuser=user.is_superuser,
        target_roles=list(
            RoleAssignment.objects.filter(user=user).values_list("role", "scope__path")
        ),
        target_unit_path=employee.unit.path if employee is not None else None,
    )


@transaction.atomic
def two_factor_reset(*, actor, user, reason: str) -> None:
    """Delete `user`'s authenticator app and recovery codes (a lost phone without codes), with
    the reason; the user enrols again at their next login and is told."""
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Give the reason for the reset (at least 10 characters).")},
            code="reason",
        )
    _check_reset(actor=actor, user=user)
    if not is_enrolled(user):
        raise ValidationError(
            _("This account has no two-factor login to reset."), code="not_enrolled"
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor, action=RESET, instance=user, object_type=AUDIT_TYPE, reason=reason,
        changes={"two_factor": [True, False]},
    )  # fmt: skip
    notify(
        user=user,
        message=gettext_noop(
            "Your two-factor login was reset by %(admin)s. Set up your authenticator app again "
            "at your next login; if you did not ask for this, tell your BKPSDM administrator."
        ),
        params={"admin": actor.get_full_name() or actor.get_username()},
        link=reverse("accounts:two_factor"),
    )
