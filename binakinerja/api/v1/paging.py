"""Cursor pagination (keyset): pages in the order of a list's keys — the primary key, or for
the JP ledger (employee, id) —, the next page named by an opaque cursor signed with SECRET_KEY
(django.core.signing) that holds the last row's keys, so a changed cursor is refused with 400.

Why not always the primary key: a page is cheap only when the database can walk an index in
the page's order and stop after `limit` rows of the reader's scope. The JP ledger has ten
records per ASN spread over the whole table; in primary-key order a province token's last page
walked past every later record of the other governments (143 ms at 343,000 records). In
(employee, id) order PostgreSQL walks the (year, employee, id) index from the cursor and stops
after `limit` rows of the scope (≤ 16 ms on every page, bench/api.py)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext as _

from binakinerja.api.v1.errors import ApiError

DEFAULT_LIMIT = 50
SALT = "binakinerja.api.cursor"


def cursor_after(*keys: int) -> str:
    """The cursor of the page after the row whose order keys are `keys` (the primary key for
    most lists; employee id and id for the JP ledger)."""
    return signing.dumps({"after": list(keys)}, salt=SALT)


def _position(cursor: str, size: int) -> list[int]:
    try:
        after = signing.loads(cursor, salt=SALT)["after"]
        if not (
            isinstance(after, list)
            and len(after) == size
            and all(isinstance(key, int) and not isinstance(key, bool) for key in after)
        ):
            raise TypeError(after)  # fmt: skip
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ApiError(400, _("The page cursor is invalid: use the `next` value of the "
                              "previous page unchanged.")) from None  # fmt: skip
    return after


def after_q(order: tuple[str, ...], keys: list[int]) -> Q:
    """Rows after `keys` in `order` (ascending). The first key is also given as a plain bound
    (`>=`) so that the database starts its index walk there."""
    first, *rest = order
    if not rest:
        return Q(**{f"{first}__gt": keys[0]})
    key = keys[0]
    later = Q(**{f"{first}__gt": key}) | (Q(**{first: key}) & after_q(tuple(rest), keys[1:]))
    return Q(**{f"{first}__gte": key}) & later


def page(queryset, *, name: str, cursor: str | None, limit: int | None, serialize,
         order: tuple[str, ...] = ("pk",)) -> dict:  # fmt: skip
    """{"items": [...], "next": cursor or None}. `name` names the list (for logs and tests);
    `order` the unique keys the list is paged by."""
    limit = DEFAULT_LIMIT if limit is None else limit
    if not 1 <= limit <= settings.API_PAGE_SIZE_MAX:
        raise ApiError(400, _("The limit must be from 1 to %(max)d.")
                       % {"max": settings.API_PAGE_SIZE_MAX})  # fmt: skip
    if cursor:
        queryset = queryset.filter(after_q(order, _position(cursor, len(order))))
    rows = list(queryset.order_by(*order)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    following = cursor_after(*(getattr(rows[-1], key) for key in order)) if more else None
    return {"items": serialize(rows), "next": following}
