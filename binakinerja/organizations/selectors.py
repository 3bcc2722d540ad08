"""Reads of the organisation tree."""

from __future__ import annotations

from django.db.models import Count, Q

from binakinerja.core.scoping import unit_scope_q
from binakinerja.organizations.models import OrgUnit


def orgunit_subtree(*, unit: OrgUnit):
    """The unit and all units below it, in tree order: one query whatever the depth."""
    return OrgUnit.objects.filter(path__startswith=unit.path).order_by("path")


def orgunit_list_visible_to(user, *, write: bool = False):
    return OrgUnit.objects.filter(unit_scope_q(user, write=write))


def orgunit_get_for_user(user, pk: int) -> OrgUnit:
    """One unit the user may browse, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(orgunit_list_visible_to(user), pk=pk)


def orgunit_instansi(unit: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.get(path=unit.instansi_path)


def orgunit_roots_visible_to(user):
    """The shallowest units a user can browse: governments for admins, OPDs for operators."""
    visible = list(orgunit_list_visible_to(user).filter(depth__lte=1).order_by("depth", "path"))
    roots: list[OrgUnit] = []
    for unit in visible:
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    return roots


def orgunit_children_with_counts(*, unit: OrgUnit | None, user) -> list[OrgUnit]:
    """Children of `unit` (or the user's roots) with the number of active employees in each
    one's subtree: one query for the units and one grouped count, whatever the depth."""
    from binakinerja.people.models import Employee

    if unit is None:
        units = orgunit_roots_visible_to(user)
    else:
        units = list(orgunit_list_visible_to(user).filter(parent=unit).order_by("name"))
    if not units:
        return []
    counts = Employee.objects.filter(state="aktif").aggregate(
        **{f"u{u.pk}": Count("id", filter=Q(unit__path__startswith=u.path)) for u in units}
    )
    for u in units:
        u.employee_count = counts[f"u{u.pk}"]
    return units
