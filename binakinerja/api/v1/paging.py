"""Cursor pagination: pages in primary-key order, the next page named by an opaque cursor
signed with SECRET_KEY (django.core.signing), so a changed cursor is refused with 400."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from binakinerja.api.v1.errors import ApiError

DEFAULT_LIMIT = 50


SALT = "binakinerja.api.cursor"


def cursor_after(pk: int) -> str:
    """The cursor of the page after the row `pk` (any list: it only says where to go on)."""
    return signing.dumps({"after": pk}, salt=SALT)


def page(queryset, *, name: str, cursor: str | None, limit: int | None, serialize) -> dict:
    """{"items": [...], "next": cursor or None}. `name` names the list (for logs and tests)."""
    limit = DEFAULT_LIMIT if limit is None else limit
    if not 1 <= limit <= settings.API_PAGE_SIZE_MAX:
        raise ApiError(400, _("The limit must be from 1 to %(max)d.")
                       % {"max": settings.API_PAGE_SIZE_MAX})  # fmt: skip
    if cursor:
        try:
            after = signing.loads(cursor, salt=SALT)["after"]
            if not isinstance(after, int):
                raise TypeError(after)
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise ApiError(400, _("The page cursor is invalid: use the `next` value of the "
                                  "previous page unchanged.")) from None  # fmt: skip
        queryset = queryset.filter(pk__gt=after)
    rows = list(queryset.order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    following = cursor_after(rows[-1].pk) if more else None
    return {"items": serialize(rows), "next": following}
