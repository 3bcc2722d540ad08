"""Writes of API tokens: create (the secret returned once) and revoke, both audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.api import rules
from binakinerja.api.models import ApiToken
from binakinerja.api.selectors import max_expiry, may_manage_tokens, token_units_for
from binakinerja.core.audit import audit_record, creation_changes, snapshot
from binakinerja.core.scoping import reach_of

AUDITED_FIELDS = ("name", "purpose", "unit", "scopes", "prefix", "expires_at")


@transaction.atomic
def token_create(
    *, actor, name: str, purpose: str, unit, scopes: list[str], expires_on: dt.date
) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and cannot be shown again."""
    if not may_manage_tokens(actor):
        raise PermissionDenied
    errors = {}
    if unit is None and not reach_of(actor).manages_everything:
        errors["unit"] = _("Choose the government or OPD the token reaches.")
    elif unit is not None and not token_units_for(actor).filter(pk=unit.pk).exists():
        errors["unit"] = _("You may not create tokens for this unit.")
    valid = {code for code, _label in rules.scope_choices()}
    scopes = sorted(set(scopes or ()))
    if not scopes:
        errors["scopes"] = _("Choose at least one scope.")
    elif not set(scopes) <= valid:
        errors["scopes"] = _("Unknown scope.")
    today = timezone.localdate()
    if expires_on is None or expires_on <= today:
        errors["expires_on"] = _("The expiry must be after today.")
    elif expires_on > max_expiry(today):
        errors["expires_on"] = _("A token lives at most until %(date)s.") % {
            "date": max_expiry(today).strftime("%d-%m-%Y")
        }
    name, purpose = (name or "").strip(), (purpose or "").strip()
    if not name:
        errors["name"] = _("Name the integration.")
    if not purpose:
        errors["purpose"] = _("Say what the integration does with the data.")
    if errors:
        raise ValidationError(errors)
    secret, prefix, key_hash = rules.new_secret()
    login = get_user_model().objects.create_user(username=f"api-{prefix}", password=None)
    login.first_name = name[:150]
    login.save(update_fields=["first_name"])
    end = dt.datetime.combine(expires_on, dt.time.max).replace(microsecond=0)
    token = ApiToken(
        name=name, purpose=purpose, unit=unit, scopes=scopes, prefix=prefix, key_hash=key_hash,
        expires_at=timezone.make_aware(end), user=login, created_by=actor,
    )  # fmt: skip
    token.full_clean()
    token.save()
    audit_record(
        actor=actor, action="create", instance=token,
        changes=creation_changes(snapshot(token, AUDITED_FIELDS)),
    )  # fmt: skip
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Stop a token at once; its login is deactivated too. Revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    type(token.user).objects.filter(pk=token.user_id).update(is_active=False)
    audit_record(
        actor=actor, action="update", instance=token,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
    )  # fmt: skip
    return token


def token_mark_used(token: ApiToken, *, every_seconds: int = 60) -> None:
    """Record that the token was used, at most once a minute (one conditional UPDATE, no
    audit: the writes it makes are audited under its login)."""
    now = timezone.now()
    if token.last_used_at and (now - token.last_used_at).total_seconds() < every_seconds:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
