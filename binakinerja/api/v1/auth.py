"""Bearer tokens: who is calling, within which government and scopes, and how often."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from binakinerja.api import rules
from binakinerja.api.selectors import principal_of, token_by_secret
from binakinerja.api.services import token_mark_used
from binakinerja.api.v1.errors import ApiError


class TokenAuth(HttpBearer):
    """`Authorization: Bearer bk_…`. Unknown, revoked and expired tokens get 401 with the
    reason; a token over its rate gets 429. The principal is the token's login with the
    token's reach; `request.api_token` is the token."""

    def authenticate(self, request, token: str):
        found = token_by_secret(token.strip())
        if found is None:
            raise ApiError(401, _("Unknown API token."))
        if found.revoked_at is not None:
            raise ApiError(401, _("This API token was revoked."))
        if found.expires_at <= timezone.now():
            raise ApiError(
                401, _("This API token has expired; ask your admin BKPSDM for a new one.")
            )
        rate_check(found.prefix)
        token_mark_used(found)
        request.api_token = found
        return principal_of(found)


def rate_check(prefix: str) -> None:
    """A fixed window per token in the default cache (`API_RATE_LIMIT`, e.g. 600/min)."""
    rate = rules.parse_rate(settings.API_RATE_LIMIT)
    window = int(timezone.now().timestamp()) // rate.seconds
    key = f"api-rate:{prefix}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count > rate.requests:
        raise ApiError(429, _("Too many requests from this token: at most %(rate)s. Wait a moment.")
                       % {"rate": settings.API_RATE_LIMIT})  # fmt: skip


def need(request, area: str, access: str = rules.READ, *, query=None) -> None:
    """403 unless the calling token holds the area's scope; 422 for a query parameter the
    endpoint does not take (`query`: its filters, if any) — a misspelt filter must not quietly
    return the unfiltered list. Django Ninja itself ignores unknown query parameters."""
    token = request.api_token
    if not rules.scope_allows(token.scopes, area, access):
        raise ApiError(403, _("This token has no %(scope)s scope.")
                       % {"scope": f"{area}:{access}"})  # fmt: skip
    known = set(type(query).model_fields) if query is not None else set()
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise NinjaValidationError(
            [{"loc": ("query", name), "type": "extra_forbidden"} for name in unknown]
        )
