"""Writes to the organisation tree. The materialised `path` is kept here and nowhere else."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from binakinerja.core.audit import audit_record, diff, snapshot
from binakinerja.organizations.models import PATH_SEP, PATH_WIDTH, OrgUnit

EDITABLE_FIELDS = [
    "name", "short_name", "code", "unit_type", "is_service_unit", "address", "kab_kota",
    "is_active",
]  # fmt: skip
AUDITED_FIELDS = [*EDITABLE_FIELDS, "kind", "parent"]


def path_step(pk: int) -> str:
    """One level of the path: the id in base 36, zero-padded."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while pk:
        pk, rem = divmod(pk, 36)
        out = digits[rem] + out
    return out.rjust(PATH_WIDTH, "0")


def child_kind(parent: OrgUnit | None) -> str:
    if parent is None:
        return OrgUnit.Kind.INSTANSI
    return OrgUnit.Kind.OPD if parent.kind == OrgUnit.Kind.INSTANSI else OrgUnit.Kind.UNIT


@transaction.atomic
def orgunit_create(*, actor, parent: OrgUnit | None, name: str, **fields) -> OrgUnit:
    """Create a unit under `parent` (a government when `parent` is None); its level follows
    from the parent's."""
    unit = OrgUnit(parent=parent, name=name, kind=child_kind(parent), **fields)
    unit.path = f"tmp-{uuid.uuid4().hex}"
    unit.depth = 0 if parent is None else parent.depth + 1
    unit.full_clean()
    unit.save()
    step = path_step(unit.pk)
    unit.path = step if parent is None else f"{parent.path}{PATH_SEP}{step}"
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path)
    audit_record(
        actor=actor,
        action="create",
        instance=unit,
        changes=diff({}, snapshot(unit, AUDITED_FIELDS)),
    )
    return unit


@transaction.atomic
def orgunit_update(*, actor, unit: OrgUnit, **fields) -> OrgUnit:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = snapshot(unit, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    changes = diff(before, snapshot(unit, AUDITED_FIELDS))
    if changes:
        audit_record(actor=actor, action="update", instance=unit, changes=changes)
    return unit


@transaction.atomic
def orgunit_move(*, actor, unit: OrgUnit, new_parent: OrgUnit) -> OrgUnit:
    """Move a unit (and its whole subtree) below another unit of the same government level."""
    if unit.kind == OrgUnit.Kind.INSTANSI:
        raise ValidationError(_("A government (instansi) cannot be moved."))
    if new_parent.path == unit.path or new_parent.path.startswith(unit.path + PATH_SEP):
        raise ValidationError(_("A unit cannot be moved below itself."))
    if child_kind(new_parent) != unit.kind:
        raise ValidationError(_("The new parent must be at the same level as the old one."))
    before = snapshot(unit, AUDITED_FIELDS)
    old_path, old_depth = unit.path, unit.depth
    new_path = f"{new_parent.path}{PATH_SEP}{path_step(unit.pk)}"
    depth_change = new_parent.depth + 1 - old_depth
    from django.db.models import F

    OrgUnit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    audit_record(
        actor=actor,
        action="update",
        instance=unit,
        changes=diff(before, snapshot(unit, AUDITED_FIELDS)),
    )
    return unit
