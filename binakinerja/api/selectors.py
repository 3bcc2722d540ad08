"""Reads of API tokens and the token's principal. Tokens are managed by admins BKPSDM for their
government (and its OPDs) and by superadmins for all."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from binakinerja.api import rules
from binakinerja.api.models import ApiToken
from binakinerja.core.scoping import NOTHING, UserReach, paths_q, reach_of
from binakinerja.organizations.models import OrgUnit


def may_manage_tokens(user) -> bool:
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.admin_paths)


def token_units_for(user) -> QuerySet[OrgUnit]:
    """Governments and OPDs a token of `user` may reach (never a unit below an OPD)."""
    reach = reach_of(user)
    units = OrgUnit.objects.filter(kind__in=[OrgUnit.Kind.INSTANSI, OrgUnit.Kind.OPD])
    if reach.manages_everything:
        return units
    return units.filter(paths_q(reach.admin_paths)) if reach.admin_paths else units.none()


def tokens_visible_to(user) -> QuerySet[ApiToken]:
    """The tokens an admin keeps: those reaching inside their government (superadmins: all)."""
    reach = reach_of(user)
    tokens = ApiToken.objects.select_related("unit", "created_by", "revoked_by")
    if reach.manages_everything:
        return tokens
    if not reach.admin_paths:
        return tokens.none()
    q = NOTHING
    for path in reach.admin_paths:
        q |= Q(unit__path__startswith=path)
    return tokens.filter(q)


def token_get_for_user(user, pk) -> ApiToken:
    """One token: 403 to those who keep no tokens, 404 outside the reader's government."""
    if not may_manage_tokens(user):
        raise PermissionDenied
    try:
        return tokens_visible_to(user).get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def token_by_secret(secret: str) -> ApiToken | None:
    """The token whose hash matches `secret` (revoked and expired ones too: the caller says
    which), with its login and unit."""
    if not secret or not secret.startswith(rules.PREFIX) or len(secret) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "unit")
        .filter(key_hash=rules.secret_hash(secret))
        .first()
    )


def reach_of_token(token: ApiToken) -> UserReach:
    """The token's reach in the one scoping mechanism: its government as its admin BKPSDM, its
    OPD as its operator, or everything; never a person's own record or subordinates."""
    if token.unit is None:
        return UserReach(all_units_admin=True)
    if token.unit.kind == OrgUnit.Kind.INSTANSI:
        return UserReach(admin_paths=[token.unit.path])
    return UserReach(operator_paths=[token.unit.path])


def principal_of(token: ApiToken):
    """The token's login with its reach set, so `reach_of`, `visible_to` and every selector
    and service treat it as the pages treat a user of that reach."""
    user = token.user
    user._bk_reach = reach_of_token(token)
    return user


def max_expiry(today: dt.date | None = None) -> dt.date:
    from django.conf import settings

    return (today or timezone.localdate()) + dt.timedelta(days=settings.API_TOKEN_MAX_DAYS)
