"""Account writes that do not depend on the registry: role assignments and password set-up
e-mails. Every change is audited."""

from __future__ import annotations

import logging

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.accounts.rules import check_role_change, check_scope_fits_role
from binakinerja.core.audit import audit_record
from binakinerja.core.scoping import reach_of

logger = logging.getLogger(__name__)


def password_setup_email_send(*, user, base_url: str) -> None:
    """Send a new account its link to choose a password (the same token as a reset, so no
    password ever travels by e-mail)."""
    link = base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": link}
    send_mail(
        subject=render_to_string("accounts/account_created_subject.txt", context).strip(),
        message=render_to_string("accounts/account_created_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def password_setup_email_try(*, user, base_url: str) -> bool:
    """Send the set-up link; on failure log it and answer False instead of raising. Called
    after the commit that created the account, so a mail server that is down never undoes (or
    hides) an account that exists: the page says so and offers to send the link again."""
    try:
        password_setup_email_send(user=user, base_url=base_url)
    except Exception:  # noqa: BLE001 - any mail failure (SMTP, DNS, socket) is reported alike
        logger.warning("set-up e-mail for user %s could not be sent", user.pk, exc_info=True)
        return False
    return True


ROLE_AUDIT_TYPE = "accounts.roleassignment"


def _describe(assignment) -> dict:
    return {
        "user": assignment.user.get_username(),
        "role": assignment.role,
        "scope": str(assignment.scope or ""),
    }


def _holder_unit_path(user) -> str | None:
    """The unit of the employee record linked to `user` (None without one). Read through the
    reverse relation so accounts does not import people."""
    employee = getattr(user, "employee", None)
    return employee.unit.path if employee is not None else None


def _check_actor_may_change(*, actor, assignment: RoleAssignment) -> None:
    check_role_change(
        reach=reach_of(actor),
        role=assignment.role,
        scope_path=assignment.scope.path if assignment.scope_id is not None else None,
        holder_unit_path=_holder_unit_path(assignment.user),
    )


@transaction.atomic
def role_assign(*, actor, user, role: str, scope=None, institution: str = ""):
    """Give `user` a role over `scope` (its subtree). The scope's level must fit the role
    (`models.ROLE_SCOPE_KINDS`) and the role's reach must lie inside the actor's own
    (`rules.check_role_change`): only a superuser or an unscoped admin gives the unscoped
    admin role."""
    assignment = RoleAssignment(user=user, role=role, scope=scope, institution=institution)
    assignment.copy_scope_kind()
    check_scope_fits_role(role=role, scope_kind=assignment.scope_kind)
    _check_actor_may_change(actor=actor, assignment=assignment)
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action="create",
        instance=assignment,
        object_type=ROLE_AUDIT_TYPE,
        changes={key: [None, value] for key, value in _describe(assignment).items()},
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment) -> None:
    """Remove a role; the same reach rule as giving it. Nobody removes their own admin role
    (so a government is never left without its administrator by a slip)."""
    if assignment.user_id == getattr(actor, "pk", None) and assignment.role == Role.ADMIN_BKPSDM:
        raise ValidationError(_("You cannot remove your own administrator role."), code="own_admin")
    _check_actor_may_change(actor=actor, assignment=assignment)
    audit_record(
        actor=actor,
        action="delete",
        instance=assignment,
        object_type=ROLE_AUDIT_TYPE,
        changes={key: [value, None] for key, value in _describe(assignment).items()},
    )
    assignment.delete()
