"""The one scoping mechanism for personal data.

A user's reach is the union of their role assignments (admin/operator → the scope unit's
subtree; provincial admin or superuser → everything) and of their own ASN record (themself, and
as atasan everyone below them in the supervision tree). Every read of employee data goes through
`Employee.objects.visible_to(user)`, which calls `employee_scope_q` here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

NOTHING = Q(pk__in=[])

# Direct and indirect subordinates; UNION (not UNION ALL) stops at a cycle should one slip in.
SUBORDINATES_SQL = """
WITH RECURSIVE subordinate(id) AS (
    SELECT id FROM people_employee WHERE supervisor_id = %s
    UNION
    SELECT e.id FROM people_employee e JOIN subordinate s ON e.supervisor_id = s.id
)
SELECT id FROM subordinate
"""

# The same on PostgreSQL, one level of the tree per step: each level's people are looked up
# by `supervisor_id = ANY(the level above)` on the index. PostgreSQL plans the row-by-row form
# above as a merge join that reads the whole supervisor index at each level (28 ms for a head
# of 2,000 people at 32,000 ASN, on every page such a head opens; this: 2 ms). The depth bound
# and DISTINCT keep a cycle, should one slip in, from looping or counting anyone twice.
SUBORDINATES_SQL_POSTGRESQL = """
WITH RECURSIVE level(ids, depth) AS (
    SELECT ARRAY(SELECT id FROM people_employee WHERE supervisor_id = %s), 1
    UNION ALL
    SELECT ARRAY(SELECT e.id FROM people_employee e WHERE e.supervisor_id = ANY(level.ids)),
           depth + 1
    FROM level WHERE cardinality(level.ids) > 0 AND depth < 64
)
SELECT DISTINCT unnest(ids) AS id FROM level
"""


def subordinates_sql() -> str:
    """The SQL (one parameter: the atasan's employee id) of everyone below an employee in the
    supervision tree, for the database in use."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return SUBORDINATES_SQL_POSTGRESQL
    return SUBORDINATES_SQL


@dataclass
class UserReach:
    """What a user holds, read once per request and cached on the user object."""

    is_superuser: bool = False
    all_units_admin: bool = False  # provincial super-admin
    admin_paths: list[str] = field(default_factory=list)  # admin BKPSDM of these instansi
    operator_paths: list[str] = field(default_factory=list)  # operator of these OPD
    pimpinan_paths: list[str] = field(default_factory=list)
    is_mentor: bool = False
    is_penyelenggara: bool = False
    employee_id: int | None = None
    has_subordinates: bool = False

    @property
    def manages_everything(self) -> bool:
        return self.is_superuser or self.all_units_admin

    @property
    def managed_paths(self) -> list[str]:
        """Subtrees whose registry this user may change."""
        return self.admin_paths + self.operator_paths

    @property
    def can_manage_registry(self) -> bool:
        return self.manages_everything or bool(self.managed_paths)

    @property
    def dashboard_paths(self) -> list[str]:
        return self.admin_paths + self.operator_paths + self.pimpinan_paths

    @property
    def role_codes(self) -> list[str]:
        codes = []
        if self.is_superuser or self.all_units_admin or self.admin_paths:
            codes.append("admin_bkpsdm")
        if self.operator_paths:
            codes.append("operator_opd")
        if self.pimpinan_paths:
            codes.append("pimpinan")
        if self.has_subordinates:
            codes.append("atasan")
        if self.employee_id:
            codes.append("asn")
        if self.is_mentor:
            codes.append("mentor")
        if self.is_penyelenggara:
            codes.append("penyelenggara")
        return codes


def reach_of(user) -> UserReach:
    """Read a user's roles once; later calls in the same request reuse the result."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return UserReach()
    cached = getattr(user, "_bk_reach", None)
    if cached is not None:
        return cached
    from binakinerja.accounts.models import Role, RoleAssignment
    from binakinerja.people.models import Employee

    reach = UserReach(is_superuser=user.is_superuser)
    for role, path in RoleAssignment.objects.filter(user=user).values_list("role", "scope__path"):
        if role == Role.ADMIN_BKPSDM:
            if path is None:
                reach.all_units_admin = True
            else:
                reach.admin_paths.append(path)
        elif role == Role.OPERATOR_OPD and path:
            reach.operator_paths.append(path)
        elif role == Role.PIMPINAN and path:
            reach.pimpinan_paths.append(path)
        elif role == Role.MENTOR:
            reach.is_mentor = True
        elif role == Role.PENYELENGGARA:
            reach.is_penyelenggara = True
    leads = Exists(Employee.objects.filter(supervisor_id=OuterRef("pk")))
    own = Employee.objects.filter(user=user).annotate(leads=leads).values_list("pk", "leads")
    employee_id, has_subordinates = own.first() or (None, False)
    if employee_id:
        reach.employee_id = employee_id
        reach.has_subordinates = has_subordinates
    user._bk_reach = reach
    return reach


def paths_q(paths: list[str], prefix: str = "") -> Q:
    """Units (reached through `prefix`) lying in any of the subtrees rooted at `paths`."""
    q = NOTHING
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def employee_scope_q(user, *, write: bool) -> Q:
    """The employees `user` may read (`write=False`) or change (`write=True`)."""
    reach = reach_of(user)
    if reach.manages_everything:
        return Q()
    q = paths_q(reach.managed_paths, "unit__")
    if not write and reach.employee_id:
        q |= Q(pk=reach.employee_id)
        if reach.has_subordinates:
            # A constant query with the id as a bound parameter: no user text reaches SQL.
            q |= Q(pk__in=RawSQL(subordinates_sql(), [reach.employee_id]))  # noqa: S611
    return q


def unit_scope_q(user, *, write: bool = False) -> Q:
    """The organisation units `user` may browse (`write=False`) or manage (`write=True`)."""
    reach = reach_of(user)
    if reach.manages_everything:
        return Q()
    paths = reach.managed_paths if write else reach.dashboard_paths
    return paths_q(paths)
