"""The SIASN state of a finished SKP result or of JP ledger rows, for other apps' templates:
`{% load siasn_status %}`, then `{% siasn_skp_status assessment %}` (one query) or
`{% siasn_jp_statuses records as sent %}` once per table and `sent|get_item:record.pk` per row.
Nothing shows to readers who do not send to SIASN (only admins BKPSDM do). Templates are the
only way other apps reach this app: none of them imports it."""

from __future__ import annotations

from django import template

from binakinerja.siasn import selectors

register = template.Library()


@register.inclusion_tag("siasn/partials/skp_status.html", takes_context=True)
def siasn_skp_status(context, assessment):
    request = context.get("request")
    user = getattr(request, "user", None)
    if assessment is None or user is None:
        return {"show": False}
    latest = selectors.latest_for_assessments(user, [assessment.pk])
    return {"show": selectors.sends_for_any(user), "submission": latest.get(assessment.pk),
            "assessment": assessment}  # fmt: skip


@register.simple_tag(takes_context=True)
def siasn_jp_statuses(context, records):
    """{record id: last submission} of the ledger's records; None for readers who do not send
    to SIASN (the ledger then shows no SIASN column)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not selectors.sends_for_any(user):
        return None
    return selectors.latest_for_jp_records(user, [r.pk for r in records])
