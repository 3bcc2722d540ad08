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
