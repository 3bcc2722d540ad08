"""Small groups are persons (SECURITY.md): counts and averages about fewer than
`AGGREGATE_MIN_GROUP` people are not shown to aggregate roles (pimpinan), so nobody can single
a person out of a unit's figures. Every aggregate page, report and export uses these helpers.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _


def min_group() -> int:
    return settings.AGGREGATE_MIN_GROUP


def is_small_group(size: int | None) -> bool:
    """A group of 1 … AGGREGATE_MIN_GROUP − 1 people. An empty group singles nobody out."""
    return bool(size) and size < min_group()


def small_group_label() -> str:
    """What is shown instead of the number: "< 5"."""
    return _("< %(size)s") % {"size": min_group()}


def masked(value, size: int | None):
    """`value` (a count, an average, a share) about a group of `size` people, or the
    "< 5" label when the group is small."""
    return small_group_label() if is_small_group(size) else value
