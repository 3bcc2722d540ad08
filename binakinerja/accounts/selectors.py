"""Reads of role assignments, limited to what an admin BKPSDM may manage."""

from __future__ import annotations

from django.db.models import Q

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.scoping import paths_q, reach_of


def can_manage_roles(user) -> bool:
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.admin_paths)


def role_assignment_list_manageable_by(user):
    """Assignments over units in the admin's governments, and unscoped roles (mentor, training
    provider) of people employed there: exactly what `rules.check_role_change` lets the admin
    remove. An unscoped admin role is never listed to a scoped admin, wherever its holder
    works."""
    reach = reach_of(user)
    queryset = RoleAssignment.objects.select_related("user", "scope", "user__employee__unit")
    if reach.manages_everything:
        return queryset
    in_scope = paths_q(reach.admin_paths, "scope__")
    people_in_scope = (
        Q(scope__isnull=True)
        & ~Q(role=Role.ADMIN_BKPSDM)
        & paths_q(reach.admin_paths, "user__employee__unit__")
    )
    return queryset.filter(in_scope | people_in_scope)
