"""The audit trail: every service writes through these functions (SECURITY.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import models

from binakinerja.core.models import AuditLog

# Fields whose values never enter the audit trail in clear (SECURITY.md: mask NIK, secrets).
MASKED_FIELDS = {"password", "nik", "npwp", "bpjs"}


def _plain(value):
    """A JSON-safe form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    """Values of `fields` as the audit trail stores them (foreign keys by their text)."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.is_relation:
            values[name] = str(getattr(instance, name) or "")
        else:
            values[name] = _plain(getattr(instance, field.attname))
    return values


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            if name in MASKED_FIELDS:
                old, new = "***", "***"
            changes[name] = [old, new]
    return changes


def creation_changes(after: dict) -> dict:
    """The `changes` of a created record: `diff({}, after)` over the fields that have a value.
    Empty fields (None, '') are left out: a new record has no old value, and listing every
    blank field would only make each audit row longer."""
    return diff(
        {}, {name: value for name, value in after.items() if value is not None and value != ""}
    )


def _actor_fields(actor) -> dict:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return {"actor": actor, "actor_label": actor.get_username()[:150]}
    return {"actor": None, "actor_label": "system"}


def audit_entry(
    *,
    actor,
    action: str,
    instance: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    reason: str = "",
) -> AuditLog:
    """An unsaved audit record, for services that write many at once with `bulk_create`."""
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
        object_repr = object_repr or str(instance)
    return AuditLog(
        **_actor_fields(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=changes or {},
        reason=reason,
    )


def audit_record(**kwargs) -> AuditLog:
    """Write one audit record now (inside the caller's transaction)."""
    entry = audit_entry(**kwargs)
    entry.save()
    return entry


def history_for(instance: models.Model):
    """The audit records of one object, newest first."""
    return AuditLog.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).select_related("actor")
