"""Reads of the ASN registry; all personal data passes through `visible_to`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404

from binakinerja.core.scoping import paths_q, subordinates_sql
from binakinerja.organizations.selectors import can_manage_unit, orgunit_list_visible_to
from binakinerja.people.models import GONE_STATES, Employee, Position
from binakinerja.people.rules import normalize_nip

LIST_RELATED = ("unit", "position")
NIP_BATCH = 2000  # NIPs per query when a file names many (as the ASN import reads them)


def employee_list_visible_to(user):
    return Employee.objects.visible_to(user).select_related(*LIST_RELATED)


def employee_search_q(text: str) -> Q:
    """Match a NIP (whole or its start, typed with or without spaces) or a name."""
    text = (text or "").strip()
    if not text:
        return Q()
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) >= 4 and len(digits) >= len(text.replace(" ", "")) - 1:
        try:
            return Q(nip=normalize_nip(text))
        except Exception:  # noqa: BLE001 - a partial NIP is searched by prefix
            return Q(nip__startswith=digits)
    return Q(name__icontains=text)


def employees_by_nip(queryset, values) -> dict[str, Employee]:
    """The employees of `queryset` named by `values` (NIP cells as typed: spaces allowed,
    unreadable ones skipped), by normalised NIP. One query per 2,000 distinct NIPs, however
    many rows name them, so an import checks its NIP column in a constant number of queries."""
    nips = set()
    for value in values:
        try:
            nips.add(normalize_nip(value))
        except ValidationError:
            continue
    ordered = sorted(nips)
    found: dict[str, Employee] = {}
    for start in range(0, len(ordered), NIP_BATCH):
        batch = ordered[start : start + NIP_BATCH]
        found.update((e.nip, e) for e in queryset.filter(nip__in=batch))
    return found


def employee_get_for_user(user, pk, *, write: bool = False) -> Employee:
    """The fetcher for one employee: 404 to those who may not see it, 403 to those who may see
    but not change it."""
    try:
        employee = employee_list_visible_to(user).select_related("supervisor", "user").get(pk=pk)
    except (Employee.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not Employee.objects.editable_by(user).filter(pk=employee.pk).exists():
        raise PermissionDenied
    return employee


def position_get_for_user(user, pk, *, write: bool = False) -> Position:
    """The fetcher for one position (jabatan): 404 unless its unit is one the user may browse,
    403 for `write=True` when the user may browse but not manage that unit."""
    try:
        position = (
            Position.objects.select_related("unit")
            .filter(unit__in=orgunit_list_visible_to(user))
            .get(pk=pk)
        )
    except (Position.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_manage_unit(user, position.unit_id):
        raise PermissionDenied
    return position


def employee_counts(*, unit_paths: list[str] | None) -> dict:
    """Aggregate counts of active employees under the given subtrees (None: everywhere), in one
    grouped query: no personal data, so leaders' dashboards may show them."""
    queryset = Employee.objects.all()
    if unit_paths is not None:
        queryset = queryset.filter(paths_q(unit_paths, "unit__"))
    rows = queryset.values("state", "status").annotate(n=Count("id")).order_by()
    counts = {"total": 0, "aktif": 0, "PNS": 0, "PPPK": 0, "states": {}}
    for row in rows:
        counts["total"] += row["n"]
        counts["states"][row["state"]] = counts["states"].get(row["state"], 0) + row["n"]
        if row["state"] == Employee.State.AKTIF:
            counts["aktif"] += row["n"]
            counts[row["status"]] += row["n"]
    return counts


def employee_subordinate_count(employee_id: int) -> int:
    """How many people stand below an employee in the supervision tree, counted in SQL."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({subordinates_sql()}) AS below", [employee_id])  # noqa: S608 - constant SQL
        return cursor.fetchone()[0]


def employee_is_below(*, ancestor_id: int, candidate_id: int) -> bool:
    """Whether `candidate_id` is a direct or indirect subordinate of `ancestor_id`."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM ({subordinates_sql()}) AS below WHERE below.id = %s",  # noqa: S608
            [ancestor_id, candidate_id],
        )
        return cursor.fetchone() is not None


def position_list_for_unit(*, unit):
    """A unit's positions with the number of active employees holding each (one query)."""
    return (
        Position.objects.filter(unit=unit)
        .annotate(holders=Count("employees", filter=Q(employees__state="aktif")))
        .order_by("kind", "name")
    )


def headcount_by_unit(root) -> dict[str, int]:
    """ASN in service per unit path under `root`, one grouped query (monitoring rolls these up
    to OPDs)."""
    rows = (
        Employee.objects.filter(unit__path__startswith=root.path)
        .exclude(state__in=GONE_STATES)
        .order_by()
        .values("unit__path")
        .annotate(n=Count("pk"))
        .values_list("unit__path", "n")
    )
    return dict(rows)
