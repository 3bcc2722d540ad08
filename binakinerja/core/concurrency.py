"""Optimistic concurrency: one error and one way to read the version a form saw.

Every editable record carries a `version` integer. A form sends back the version it was
rendered with; the service compares it with the stored one (under a row lock or in a
conditional UPDATE) and raises `StaleVersionError` when someone else saved in between, so two
people editing the same record never overwrite each other silently.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNKNOWN_VERSION = -1  # a version no record has: a form without a valid one is always stale


class StaleVersionError(ValidationError):
    """The record changed after the actor loaded it."""

    def __init__(self, message=None, **kwargs):
        super().__init__(
            message
            or _(
                "Someone else changed this record while you were looking at it. Reload the "
                "page to see the latest version, then make your change again."
            ),
            code="stale",
            **kwargs,
        )


def parse_version(value) -> int:
    """The version a form saw, from a posted string or int; `UNKNOWN_VERSION` when missing or
    malformed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value or "").strip()
    return int(text) if text.isdigit() else UNKNOWN_VERSION


def posted_version(request, field: str = "version") -> int:
    """The version the submitted form was rendered with (`UNKNOWN_VERSION` if absent)."""
    return parse_version(request.POST.get(field, ""))


def check_version(current: int, seen) -> None:
    """Refuse a change made from version `seen` of a record now at `current`."""
    if parse_version(seen) != current:
        raise StaleVersionError()
