"""Account writes that do not depend on the registry: role assignments and password set-up
e-mails. Every change is audited."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from binakinerja.accounts.models import ROLE_SCOPE_KIND, RoleAssignment
from binakinerja.core.audit import audit_record


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


ROLE_AUDIT_TYPE = "accounts.roleassignment"


def _describe(assignment) -> dict:
    return {
        "user": assignment.user.get_username(),
        "role": assignment.role,
        "scope": str(assignment.scope or ""),
    }


@transaction.atomic
def role_assign(*, actor, user, role: str, scope=None, institution: str = ""):
    """Give `user` a role over `scope` (its subtree). The scope's level must fit the role:
    admin and pimpinan over a government, operator over an OPD, mentor and training provider
    staff without scope."""

    wanted = ROLE_SCOPE_KIND[role]
    if wanted is None and scope is not None:
        raise ValidationError({"scope": _("This role has no scope unit.")})
    if wanted is not None and scope is None and role != "admin_bkpsdm":
        raise ValidationError({"scope": _("Choose the unit this role covers.")})
    if wanted is not None and scope is not None and scope.kind != wanted:
        raise ValidationError({"scope": _("This role needs a scope unit of another level.")})
    assignment = RoleAssignment(user=user, role=role, scope=scope, institution=institution)
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
    audit_record(
        actor=actor,
        action="delete",
        instance=assignment,
        object_type=ROLE_AUDIT_TYPE,
        changes={key: [value, None] for key, value in _describe(assignment).items()},
    )
    assignment.delete()
