"""Who may give or take which role: pure checks on a `core.scoping.UserReach` and unit paths.

The rule (SECURITY.md, "reach is granted only inside reach"): a role's reach is its scope
unit's subtree, and everything for an admin BKPSDM without scope. An actor may give or remove
only a role whose reach lies inside their own reach:

- a superuser or an admin BKPSDM without scope (`manages_everything`) may give any role,
  including the unscoped admin role;
- an admin BKPSDM of a government may give roles over that government or its OPDs, and mentor
  or training-provider roles (which have no scope) to employees of that government;
- nobody else gives roles.

The level of the scope must fit the role (`models.ROLE_SCOPE_KINDS`): admins over a
government (or none), operators over an OPD, leaders over a government or an OPD, mentors and
training-provider staff without scope.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from binakinerja.accounts.models import NO_SCOPE, ROLE_SCOPE_KINDS, Role


def check_scope_fits_role(*, role: str, scope_kind: str) -> None:
    """Refuse a scope of a level the role cannot hold (`scope_kind` "" = no scope)."""
    kinds = ROLE_SCOPE_KINDS[role]
    if scope_kind in kinds:
        return
    if NO_SCOPE in kinds and len(kinds) == 1:
        raise ValidationError({"scope": _("This role has no scope unit.")}, code="no_scope")
    if scope_kind == NO_SCOPE:
        raise ValidationError({"scope": _("Choose the unit this role covers.")}, code="scope")
    raise ValidationError(
        {"scope": _("This role needs a scope unit of another level.")}, code="scope_kind"
    )


def _inside(path: str | None, roots: list[str]) -> bool:
    return bool(path) and any(path.startswith(root) for root in roots)


def check_role_change(
    *, reach, role: str, scope_path: str | None, holder_unit_path: str | None
) -> None:
    """Refuse giving (or removing) `role` over the unit at `scope_path` (None = no scope) to
    (or from) a user whose employee record is in the unit at `holder_unit_path` (None when
    they have none), unless its reach lies inside the actor's `reach`."""
    if reach.manages_everything:
        return
    if not reach.admin_paths:
        raise ValidationError(_("You may not give or remove roles."), code="not_role_manager")
    if scope_path is None:
        if role == Role.ADMIN_BKPSDM:
            raise ValidationError(
                {
                    "scope": _(
                        "Only a superuser or a provincial administrator without scope may give "
                        "or remove the administrator role without scope: it reaches every "
                        "government."
                    )
                },
                code="unscoped_admin",
            )
        if not _inside(holder_unit_path, reach.admin_paths):
            raise ValidationError(
                _("You may give or remove this role only for employees of your government."),
                code="holder_outside_reach",
            )
        return
    if not _inside(scope_path, reach.admin_paths):
        raise ValidationError(
            {"scope": _("You may give or remove roles only over units of your own government.")},
            code="scope_outside_reach",
        )


# --- Two-factor login (accounts/two_factor.py) ---------------------------------------------------

SUPERUSER_CODE = "superuser"
TOTP_DIGITS = 6
RECOVERY_CODE_LENGTH = 8  # django-otp's StaticToken.random_token(): 8 base-32 characters


def two_factor_required(*, role_codes, is_superuser: bool, required) -> bool:
    """Whether a user holding `role_codes` (`UserReach.role_codes`) must use two-factor login
    under the setting `required` (role codes, plus "superuser")."""
    codes = set(role_codes) | ({SUPERUSER_CODE} if is_superuser else set())
    return bool(codes & set(required))


def code_kind(code: str) -> tuple[str, str] | None:
    """What a typed second-step code is: ("totp", "123456") for the authenticator app's six
    digits, ("recovery", "abcd2345") for a recovery code (spaces, dashes and case ignored, as
    people copy them), None for anything else."""
    cleaned = "".join(code.split()).replace("-", "").lower()
    if len(cleaned) == TOTP_DIGITS and cleaned.isascii() and cleaned.isdigit():
        return ("totp", cleaned)
    if len(cleaned) == RECOVERY_CODE_LENGTH and cleaned.isascii() and cleaned.isalnum():
        return ("recovery", cleaned)
    return None


def check_two_factor_reset(
    *, reach, actor_id: int, target_id: int, target_is_superuser: bool, target_roles,
    target_unit_path: str | None,
) -> None:  # fmt: skip
    """Refuse resetting the two-factor login of a user outside the actor's reach. The same rule
    as roles: a superuser or unscoped admin resets anyone (a superuser's only by a superuser);
    an admin of a government resets users employed there or holding roles there, unless they
    hold any reach beyond it (an unscoped role other than mentor or training provider, or a
    role over another government), since the reset would weaken an account reaching further
    than the actor. Nobody resets their own: they re-enrol with a recovery code instead."""
    if actor_id == target_id:
        raise ValidationError(
            _("You cannot reset your own two-factor login; use a recovery code and enrol again."),
            code="own_two_factor",
        )
    if reach.manages_everything:
        if target_is_superuser and not reach.is_superuser:
            raise ValidationError(
                _("Only a superuser may reset the two-factor login of a superuser."),
                code="superuser_target",
            )
        return
    if not reach.admin_paths:
        raise ValidationError(
            _("You may not reset two-factor logins."), code="not_two_factor_manager"
        )
    if target_is_superuser:
        raise ValidationError(
            _("Only a superuser may reset the two-factor login of a superuser."),
            code="superuser_target",
        )
    inside = _inside(target_unit_path, reach.admin_paths)
    for role, path in target_roles:
        if path is None:
            if role == Role.ADMIN_BKPSDM:
                inside = False
                break
            continue
        if not _inside(path, reach.admin_paths):
            inside = False
            break
        inside = True
    if not inside:
        raise ValidationError(
            _("You may reset two-factor logins only of users of your own government."),
            code="target_outside_reach",
        )
