"""Reads of competency and talent data: latest levels, gaps and job-person match, the heat map
and the 9-box talent map. Every read is scoped (binakinerja/core/scoping.py) and takes a
constant number of queries, however many employees it covers.

Individuals (gaps) are seen by whoever may read the employee (`Employee.objects.visible_to`).
Aggregates (heat map, 9-box) are read by managers and pimpinan of the unit's subtree; names in
the 9-box appear only for employees the user may read individually, so pimpinan-only users get
counts without names. Small groups are persons (SECURITY.md): a reader who may not read every
person under the unit (pimpinan) sees "< 5" instead of any count or average about fewer than
AGGREGATE_MIN_GROUP people (`masks_small_groups`); admins and operators of the subtree, who may
open each person's record anyway, see the exact numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils.formats import get_format

from binakinerja.competencies import rules
from binakinerja.competencies.models import (
    Competency,
    CompetencyAssessment,
    CompetencyLevel,
    PositionStandard,
    PotentialAssessment,
)
from binakinerja.core.privacy import is_small_group, masked, small_group_label
from binakinerja.core.scoping import employee_scope_q, paths_q, reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import orgunit_get_for_user, orgunit_list_visible_to
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.performance.selectors import skp_hasil_kerja_latest

# Employees no longer in service are left out of the aggregates.
HUNDREDTH = Decimal("0.01")


# --- latest values ------------------------------------------------------------------------------


def latest_levels(employee_ids) -> dict[int, dict[str, int]]:
    """{employee_id: {competency code: level}} from each employee's current assessments (the
    newest by assessed_on, then pk; see `CompetencyAssessment.is_current`): one query."""
    ids = list(employee_ids)
    if not ids:
        return {}
    # No ordering: the model's default one would turn PostgreSQL's index-only scan into a sort.
    rows = CompetencyAssessment.objects.filter(employee_id__in=ids, is_current=True).order_by()
    result: dict[int, dict[str, int]] = {}
    for employee_id, code, level in rows.values_list("employee_id", "competency__code", "level"):
        result.setdefault(employee_id, {})[code] = level
    return result


def required_levels(position_ids) -> dict[int, dict[str, int]]:
    """{position_id: {competency code: required level}}: one query."""
    ids = [pk for pk in set(position_ids) if pk is not None]
    if not ids:
        return {}
    result: dict[int, dict[str, int]] = {}
    rows = PositionStandard.objects.filter(position_id__in=ids).values_list(
        "position_id", "competency__code", "level"
    )
    for position_id, code, level in rows:
        result.setdefault(position_id, {})[code] = level
    return result


def _ids(employee_ids):
    """A list of ids, or an id queryset kept as a subquery: a province's thousands of ids as
    an `IN (…)` list cost more to build and send than the query takes to run."""
    return employee_ids if isinstance(employee_ids, QuerySet) else list(employee_ids)


def latest_kinerja(employee_ids, year: int) -> dict[int, str]:
    """{employee_id: hasil kerja rating} of each employee's latest SKP assessment of `year` or,
    failing that, of the year before (performance's `skp_hasil_kerja_latest`): one query.
    `employee_ids`: ids or an id queryset."""
    ids = _ids(employee_ids)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    return skp_hasil_kerja_latest(ids, year=year)


def latest_potential(employee_ids, *, as_of: dt.date | None = None) -> dict[int, str]:
    """{employee_id: potential class} from each employee's newest potential assessment (on or
    before `as_of` when given): one query. `employee_ids`: ids or an id queryset."""
    ids = _ids(employee_ids)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    dated = Q() if as_of is None else Q(assessed_on__lte=as_of)
    newest = (
        PotentialAssessment.objects.filter(dated, employee_id=OuterRef("employee_id"))
        .order_by("-assessed_on", "-pk")
        .values("pk")[:1]
    )
    rows = PotentialAssessment.objects.filter(employee_id__in=ids, pk=Subquery(newest))
    return dict(rows.values_list("employee_id", "potential"))


def position_standard_rows(position) -> list[dict]:
    """The standard of a position (the caller fetched it with `position_get_for_user`): per
    required competency its level and that level's description from the dictionary. Two
    queries."""
    standards = list(
        position.competency_standards.select_related("competency").order_by(
            "competency__group", "competency__code"
        )
    )
    descriptions = {
        (item.competency_id, item.level): item.title
        for item in CompetencyLevel.objects.filter(
            competency_id__in=[s.competency_id for s in standards]
        )
    }
    return [
        {
            "competency": s.competency,
            "level": s.level,
            "description": descriptions.get((s.competency_id, s.level), ""),
        }
        for s in standards
    ]


# --- an employee's gaps -------------------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    competency: Competency
    required: int
    actual: int | None
    gap: int

    @property
    def is_need(self) -> bool:
        return self.gap > 0


@dataclass(frozen=True)
class GapReport:
    employee: Employee
    rows: list[GapRow]
    job_person_match: Decimal | None
    jpm_band: str | None

    @property
    def never_assessed(self) -> bool:
        """No competency of the standard assessed yet: the match (0 %) says nothing then."""
        return all(row.actual is None for row in self.rows)


def assessment_history(employee: Employee) -> dict:
    """An employee's competency assessments (`history`) and potential assessments
    (`potentials`), newest first; the caller fetched the employee with its permission check."""
    return {
        "history": CompetencyAssessment.objects.filter(employee=employee)
        .select_related("competency")
        .order_by("-assessed_on", "-pk"),
        "potentials": PotentialAssessment.objects.filter(employee=employee).order_by(
            "-assessed_on", "-pk"
        ),
    }


def employee_gap_rows(user, employee: Employee) -> GapReport:
    """Per competency the employee's position requires: required, actual (None when never
    assessed), gap; and the job-person match with its band."""
    if not Employee.objects.visible_to(user).filter(pk=employee.pk).exists():
        raise Http404
    required = required_levels([employee.position_id]).get(employee.position_id, {})
    actual = latest_levels([employee.pk]).get(employee.pk, {})
    competencies = Competency.objects.filter(code__in=required).order_by("group", "code")
    differences = rules.gaps(required, actual)
    rows = [
        GapRow(c, required[c.code], actual.get(c.code), differences[c.code]) for c in competencies
    ]
    match = rules.job_person_match(required, actual)
    band = rules.jpm_band(match) if match is not None else None
    return GapReport(employee=employee, rows=rows, job_person_match=match, jpm_band=band)


# --- aggregates (heat map, 9-box) ---------------------------------------------------------------


def can_read_aggregates(user) -> bool:
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.dashboard_paths)


def aggregate_unit_get_for_user(user, pk) -> OrgUnit:
    """The unit if `user` manages or leads its subtree: 403 for roles without aggregate access,
    404 outside their subtree."""
    if not can_read_aggregates(user):
        raise PermissionDenied
    return orgunit_get_for_user(user, pk)


def aggregate_roots_of(reach, *, limit: int) -> list[OrgUnit]:
    """The highest units whose aggregates a user (their `reach_of`) reads, at most `limit`: the
    governments for those who manage everything, else the roots of the user's admin /
    operator / pimpinan subtrees."""
    if reach.manages_everything:
        units = OrgUnit.objects.filter(parent=None)
    elif reach.dashboard_paths:
        roots = [
            path
            for path in reach.dashboard_paths
            if not any(path != other and path.startswith(other) for other in reach.dashboard_paths)
        ]
        units = OrgUnit.objects.filter(path__in=roots)
    else:
        return []
    return list(units.order_by("path")[:limit])


def parent_visible_to(user, unit: OrgUnit) -> OrgUnit | None:
    """The parent of `unit` when `user` browses it too (for a link up an aggregate page)."""
    if unit.parent_id is None:
        return None
    return orgunit_list_visible_to(user).filter(pk=unit.parent_id).first()


def masks_small_groups(user, root: OrgUnit) -> bool:
    """Whether the aggregates about the people under `root` hide small groups from `user`:
    yes unless the user may read every one of them individually (an admin or operator whose
    subtree holds `root`, or the provincial super-admin). Pimpinan, and managers looking at a
    unit above their own subtree, get "< 5" for any count or average of fewer than
    AGGREGATE_MIN_GROUP people."""
    reach = reach_of(user)
    if reach.manages_everything:
        return False
    return not any(root.path.startswith(path) for path in reach.managed_paths)


def _aggregate_employees(user, root: OrgUnit):
    """Employees in service under `root` that `user` reads individually or leads as pimpinan."""
    reach = reach_of(user)
    scope = Q() if reach.manages_everything else employee_scope_q(user, write=False)
    if not reach.manages_everything:
        scope |= paths_q(reach.pimpinan_paths, "unit__")
    return (
        Employee.objects.filter(scope)
        .filter(root.subtree_q("unit__"))
        .exclude(state__in=GONE_STATES)
    )


def _nameable(user):
    """An annotation: may `user` see this employee's name (read them individually)?"""
    reach = reach_of(user)
    if reach.manages_everything:
        return Value(True)
    if not (reach.managed_paths or reach.employee_id):
        return Value(False)  # pimpinan only: counts, no names
    return Case(
        When(employee_scope_q(user, write=False), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


class Shown:
    """`<count>_text = Shown()`: the object's `<count>` as its reader may see it, the "< 5"
    label for a small group when the object's `mask` is set (masks_small_groups)."""

    def __set_name__(self, owner, name: str) -> None:
        self.count = name.removesuffix("_text")

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, self.count)
        return masked(value, value) if instance.mask else value


@dataclass
class HeatCell:
    average: Decimal  # average positive gap (levels) of the employees who need the competency
    required_count: int  # employees whose position requires it
    gap_count: int  # of them, with a positive gap
    mask: bool = False  # small groups hidden from this reader (masks_small_groups)

    @property
    def is_small(self) -> bool:
        """The average is about too few people for this reader: shown as "< 5"."""
        return self.mask and is_small_group(self.required_count)

    @property
    def average_text(self) -> str:
        """The average with the language's decimal separator: a province's map has thousands
        of cells, and Django's number localisation per cell costs more than the query."""
        if self.is_small:
            return small_group_label()
        return str(self.average).replace(".", get_format("DECIMAL_SEPARATOR"))

    @property
    def counts_text(self) -> str:
        if self.is_small:
            return ""
        gap_count = masked(self.gap_count, self.gap_count) if self.mask else self.gap_count
        return f"{gap_count}/{self.required_count}"

    @property
    def tone(self) -> str:
        if self.is_small:
            return "hidden"
        if self.gap_count == 0:
            return "none"
        if self.average < Decimal("0.5"):
            return "low"
        if self.average < 1:
            return "medium"
        if self.average < 2:
            return "high"
        return "severe"


@dataclass
class HeatRow:
    unit: OrgUnit
    is_root: bool  # employees placed in the root unit itself
    employees: int = 0
    cells: list[HeatCell | None] = field(default_factory=list)
    mask: bool = False  # small groups hidden from this reader (masks_small_groups)
    employees_text = Shown()


@dataclass
class HeatMap:
    root: OrgUnit
    competencies: list[Competency]
    rows: list[HeatRow]
    mask: bool = False  # small groups hidden from this reader (masks_small_groups)


# Per (unit, competency) of the employees in `scope`: how many positions require the
# competency, the sum of the positive gaps and how many have one. A never-assessed competency
# counts as level 0. `is_current` is written bare (not `= %s`) so that SQLite, like
# PostgreSQL, sees the partial index's condition and uses it; the current assessments are
# restricted to the scope before the join, which lets PostgreSQL hash-join them instead of
# merging with every current assessment of the province.
HEAT_TALLY_SQL = """
SELECT e.unit_id, s.competency_id, COUNT(*),
       SUM(CASE WHEN s.level > COALESCE(a.level, 0) THEN s.level - COALESCE(a.level, 0) ELSE 0 END),
       SUM(CASE WHEN s.level > COALESCE(a.level, 0) THEN 1 ELSE 0 END)
FROM {employee} e
JOIN {standard} s ON s.position_id = e.position_id
LEFT JOIN (
  SELECT employee_id, competency_id, level FROM {assessment}
  WHERE is_current AND employee_id IN ({scope})
) a ON a.employee_id = e.id AND a.competency_id = s.competency_id
WHERE e.id IN ({scope})
GROUP BY e.unit_id, s.competency_id
"""


def _heat_tallies(employees) -> list[tuple[int, int, int, int, int]]:
    """HEAT_TALLY_SQL over the employee queryset `employees` (used as a subquery): one query
    whose work stays in the database, however many employees and competencies there are."""
    scope_sql, scope_params = employees.order_by().values("pk").query.sql_with_params()
    sql = HEAT_TALLY_SQL.format(
        employee=Employee._meta.db_table,
        standard=PositionStandard._meta.db_table,
        assessment=CompetencyAssessment._meta.db_table,
        scope=scope_sql,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*scope_params, *scope_params])
        return cursor.fetchall()


# Per employee of `scope` whose jabatan has a standard: the sum of the positive gaps against
# their current levels (a never-assessed competency counts as level 0), the heat tally's join
# grouped by person instead of by unit and competency.
GAP_SUM_SQL = """
WITH scope (id) AS ({scope})
SELECT e.id,
       SUM(CASE WHEN s.level > COALESCE(a.level, 0) THEN s.level - COALESCE(a.level, 0) ELSE 0 END)
FROM {employee} e
JOIN {standard} s ON s.position_id = e.position_id
LEFT JOIN (
  SELECT employee_id, competency_id, level FROM {assessment}
  WHERE is_current AND employee_id IN (SELECT id FROM scope)
) a ON a.employee_id = e.id AND a.competency_id = s.competency_id
WHERE e.id IN (SELECT id FROM scope)
GROUP BY e.id
"""


def gap_sums(employees: QuerySet[Employee]) -> dict[int, int]:
    """{employee_id: sum of the positive gaps} against the current levels, for the employees of
    the queryset `employees` whose jabatan has a competency standard (the others are left out):
    one query, joined and summed by the database. Unscoped: callers pass employees they scoped.
    A province's thousands of people as correlated subqueries per standard cost several times
    as much on PostgreSQL."""
    # The scope once, as a common table expression: its ids (thousands of parameters when the
    # caller passes a list) are sent once and stay under SQLite's limit on parameters.
    try:
        scope_sql, scope_params = employees.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # .none() or an empty id list
        return {}
    sql = GAP_SUM_SQL.format(
        employee=Employee._meta.db_table,
        standard=PositionStandard._meta.db_table,
        assessment=CompetencyAssessment._meta.db_table,
        scope=scope_sql,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, scope_params)
        return {employee_id: int(total) for employee_id, total in cursor.fetchall()}


def heat_map(user, *, root_unit: OrgUnit) -> HeatMap:
    """Average positive gap per (direct child unit of `root_unit`, competency) over the
    employees under it that `user` may read or leads: four queries, the aggregation done by
    the database (HEAT_TALLY_SQL)."""
    children = list(OrgUnit.objects.filter(parent=root_unit).order_by("name"))
    employees = _aggregate_employees(user, root_unit)
    headcount = {
        unit_id: (path, n)
        for unit_id, path, n in employees.order_by()
        .values_list("unit_id", "unit__path")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "unit__path", "n")
    }
    tallies = _heat_tallies(employees)
    competencies = list(
        Competency.objects.filter(pk__in={row[1] for row in tallies}).order_by("group", "code")
    )

    def row_index(path: str) -> int:  # -1: placed in the root unit itself
        return next((i for i, child in enumerate(children) if path.startswith(child.path)), -1)

    index_of = {unit_id: row_index(path) for unit_id, (path, _) in headcount.items()}
    mask = masks_small_groups(user, root_unit)
    rows = [HeatRow(unit=child, is_root=False, mask=mask) for child in children]
    own = HeatRow(unit=root_unit, is_root=True, mask=mask)
    for unit_id, (_, count) in headcount.items():
        (own if index_of[unit_id] < 0 else rows[index_of[unit_id]]).employees += count
    sums: dict[tuple[int, int], list[int]] = {}  # (row index, competency id) → [gap, n, with gap]
    for unit_id, competency_id, required, gap_sum, gap_count in tallies:
        tally = sums.setdefault((index_of[unit_id], competency_id), [0, 0, 0])
        tally[0] += gap_sum
        tally[1] += required
        tally[2] += gap_count
    if own.employees:
        rows.insert(0, own)
    for row in rows:
        index = -1 if row.is_root else children.index(row.unit)
        for competency in competencies:
            tally = sums.get((index, competency.pk))
            if tally is None:
                row.cells.append(None)
                continue
            average = (Decimal(tally[0]) / tally[1]).quantize(HUNDREDTH, ROUND_HALF_UP)
            row.cells.append(HeatCell(average, tally[1], tally[2], mask=mask))
    return HeatMap(root=root_unit, competencies=competencies, rows=rows, mask=mask)


@dataclass(frozen=True)
class PersonGap:
    employee: Employee
    required_count: int  # competencies the position requires
    gap_count: int  # of them, with a positive gap
    gap_total: int  # sum of the positive gaps, in levels
    job_person_match: Decimal | None


PEOPLE_LIMIT = 300


def unit_people_gaps(user, *, unit: OrgUnit, limit: int = PEOPLE_LIMIT) -> list[PersonGap]:
    """The heat map's last drill-down step: employees placed directly in `unit` whom `user` may
    read individually (pimpinan-only users get none), largest total gap first, at most `limit`.
    Three queries."""
    employees = list(
        Employee.objects.visible_to(user)
        .filter(unit_id=unit.pk)
        .exclude(state__in=GONE_STATES)
        .select_related("position")
        .order_by("name", "pk")[: limit * 2]
    )
    required = required_levels(e.position_id for e in employees)
    actual = latest_levels(e.pk for e in employees)
    rows = []
    for employee in employees:
        needed = required.get(employee.position_id, {})
        have = actual.get(employee.pk, {})
        differences = [gap for gap in rules.gaps(needed, have).values() if gap > 0]
        rows.append(
            PersonGap(
                employee=employee,
                required_count=len(needed),
                gap_count=len(differences),
                gap_total=sum(differences),
                job_person_match=rules.job_person_match(needed, have),
            )
        )
    rows.sort(key=lambda row: (-row.gap_total, row.employee.name))
    return rows[:limit]


# --- 9-box --------------------------------------------------------------------------------------


@dataclass
class Box:
    number: int
    potensial: str
    kinerja: str
    recommendation: str
    count: int = 0
    people: list[tuple[int, str]] = field(default_factory=list)  # (id, name), the first ones
    nameable: int = 0  # of `count`, the employees the user may see individually
    moved_in: int = 0  # here now, elsewhere last year
    moved_out: int = 0  # here last year, elsewhere now
    mask: bool = False  # small groups hidden from this reader (masks_small_groups)

    count_text, moved_in_text, moved_out_text, hidden_text = Shown(), Shown(), Shown(), Shown()

    @property
    def hidden(self) -> int:
        """Employees the user may not see individually (counted, never named)."""
        return self.count - self.nameable

    @property
    def more_names(self) -> int:
        """Names the user may see but the box leaves out (see NAMES_PER_BOX)."""
        return self.nameable - len(self.people)


@dataclass
class NineBoxGrid:
    root: OrgUnit
    year: int
    show_names: bool
    boxes: dict[int, Box]
    placed: int  # employees with both a kinerja rating and a potential class
    unplaced: int  # employees missing one of them
    moved: int  # placed both years, in a different box
    children: list[OrgUnit] = field(default_factory=list)  # to open a smaller map
    mask: bool = False  # small groups hidden from this reader (masks_small_groups)

    placed_text, unplaced_text, moved_text = Shown(), Shown(), Shown()

    def grid_rows(self) -> list[list[Box]]:
        """DOMAIN.md §7 layout: potensial rows tinggi → rendah, kinerja columns di bawah →
        di atas."""
        by_cell = {(box.potensial, box.kinerja): box for box in self.boxes.values()}
        return [
            [by_cell[(potensial, kinerja)] for kinerja in rules.KINERJA]
            for potensial in reversed(rules.POTENSIAL)
        ]


def _boxes_of(ids, year: int) -> dict[int, int]:
    kinerja = latest_kinerja(ids, year)
    potential = latest_potential(ids, as_of=dt.date(year, 12, 31))
    return {
        pk: rules.nine_box(rating, potential[pk])
        for pk, rating in kinerja.items()
        if pk in potential
    }


# A box names at most this many people (alphabetically); the rest are counted, and the map of a
# smaller unit names them. A province's boxes hold thousands: a page of names helps nobody.
NAMES_PER_BOX = 30


def nine_box_grid(user, *, root_unit: OrgUnit, year: int) -> NineBoxGrid:
    """The 9-box of the employees under `root_unit` for `year`: per box the count, the
    recommendation, names when `user` may read them, and movement against the year before.
    A constant number of queries."""
    scope = _aggregate_employees(user, root_unit)
    employees = list(
        scope.annotate(nameable=_nameable(user))
        .order_by("name", "pk")
        .values_list("pk", "name", "nameable")
    )
    ids = scope.order_by().values("pk")  # a subquery, see _ids
    now = _boxes_of(ids, year)
    before = _boxes_of(ids, year - 1)
    mask = masks_small_groups(user, root_unit)
    boxes = {
        number: Box(number, potensial, kinerja, rules.NINE_BOX_RECOMMENDATIONS[number], mask=mask)
        for (potensial, kinerja), number in rules.DEFAULT_NINE_BOX.items()
    }
    moved = 0
    for pk, name, nameable in employees:
        number = now.get(pk)
        if number is None:
            continue
        box = boxes[number]
        box.count += 1
        if nameable:
            box.nameable += 1
            if len(box.people) < NAMES_PER_BOX:
                box.people.append((pk, name))
        previous = before.get(pk)
        if previous is not None and previous != number:
            moved += 1
            box.moved_in += 1
            boxes[previous].moved_out += 1
    reach = reach_of(user)
    return NineBoxGrid(
        root=root_unit,
        year=year,
        show_names=reach.manages_everything or bool(reach.managed_paths or reach.employee_id),
        boxes=boxes,
        placed=len(now),
        unplaced=len(employees) - len(now),
        moved=moved,
        children=list(OrgUnit.objects.filter(parent=root_unit).order_by("name")),
        mask=mask,
    )
