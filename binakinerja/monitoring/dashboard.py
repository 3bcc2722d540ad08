"""The dashboards' figures (issue 17), read from the rollups only: a unit's indicators over the
years, its OPDs side by side, and the program's phases compared. Small groups are hidden from
readers who do not manage the unit (pimpinan read numbers about units, never rows about
persons); a fixed number of queries whatever the size of the government."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from binakinerja.core.privacy import is_small_group
from binakinerja.core.scoping import reach_of
from binakinerja.monitoring.models import ABOUT_PEOPLE, Indicator, Rollup
from binakinerja.organizations.models import OrgUnit, opd_path_of
from binakinerja.performance.selectors import reads_persons_of
from binakinerja.programs.selectors import phase_numbers_by_unit

INDICATORS = list(Indicator)


def home_unit(user) -> OrgUnit | None:
    """The unit a reader's dashboard opens on: their one government or OPD."""
    reach = reach_of(user)
    if reach.manages_everything:
        return OrgUnit.objects.filter(parent__isnull=True).order_by("name").first()
    paths = sorted(reach.dashboard_paths, key=len)
    return OrgUnit.objects.filter(path=paths[0]).first() if paths else None


def may_read(user, unit: OrgUnit) -> bool:
    """Admins, operators and pimpinan whose scope holds the unit (or the whole unit lies in
    it)."""
    reach = reach_of(user)
    if reach.manages_everything:
        return True
    return any(unit.path == p or unit.path.startswith(p + ".") for p in reach.dashboard_paths)


@dataclass
class Cell:
    value: float | None
    hidden: bool = False  # a small group, masked for this reader


@dataclass
class UnitRow:
    unit: OrgUnit
    cells: dict[str, Cell] = field(default_factory=dict)
    phase: int | None = None


def _cell(rollup: Rollup | None, exact: bool) -> Cell:
    if rollup is None:
        return Cell(None)
    if not exact and rollup.indicator in ABOUT_PEOPLE and is_small_group(rollup.people):
        return Cell(None, hidden=True)
    return Cell(rollup.value)


@dataclass
class Dashboard:
    unit: OrgUnit
    year: int
    years: list[int]
    exact: bool
    trend: dict[str, list[tuple[int, Cell]]]  # indicator → (year, cell) oldest first
    current: dict[str, Cell]
    children: list[UnitRow]
    phases: list[tuple[int, dict[str, Cell]]]  # phase number → mean cells of its OPDs
    refreshed_at: object = None


def dashboard(user, unit: OrgUnit, year: int, years_back: int = 3) -> Dashboard:
    """The unit's indicators for `year` and the years before, and (for a government) its OPDs.
    Three queries."""
    exact = reads_persons_of(user, unit)
    instansi_path = unit.path.split(".")[0]
    years = list(range(year - years_back + 1, year + 1))
    own = {}
    for rollup in Rollup.objects.filter(unit=unit, year__in=years):
        own[(rollup.indicator, rollup.year)] = rollup
    trend = {i.value: [(y, _cell(own.get((i.value, y)), exact)) for y in years]
             for i in INDICATORS}  # fmt: skip
    current = {i.value: _cell(own.get((i.value, year)), exact) for i in INDICATORS}
    refreshed = max((r.refreshed_at for r in own.values()), default=None)
    children: list[UnitRow] = []
    phases: list = []
    if "." not in unit.path:  # a government: its OPDs side by side
        rows: dict[int, UnitRow] = {}
        reader = reach_of(user)
        child_rollups = (
            Rollup.objects.filter(instansi__path=instansi_path, year=year)
            .exclude(unit=unit)
            .select_related("unit")
        )
        for rollup in child_rollups:
            child = rollup.unit
            if not (reader.manages_everything or may_read(user, child)):
                continue
            row = rows.setdefault(child.pk, UnitRow(unit=child))
            row.cells[rollup.indicator] = _cell(rollup, exact or reads_persons_of(user, child))
        phase_of = phase_numbers_by_unit(unit)
        for row in rows.values():
            numbers = [n for path, n in phase_of.items()
                       if opd_path_of(path) == row.unit.path or path == row.unit.path]  # fmt: skip
            row.phase = min(numbers) if numbers else None
        children = sorted(rows.values(), key=lambda r: r.unit.name)
        phases = _phase_means(children)
    return Dashboard(unit=unit, year=year, years=years, exact=exact, trend=trend,
                     current=current, children=children, phases=phases,
                     refreshed_at=refreshed)  # fmt: skip


def governments_overview(year: int) -> list[UnitRow]:
    """Every government's indicators side by side (the national view for those who read every
    government): one query on the rollups of the governments themselves."""
    rows: dict[int, UnitRow] = {}
    for rollup in Rollup.objects.filter(year=year, unit__parent__isnull=True).select_related(
        "unit"
    ):
        row = rows.setdefault(rollup.unit_id, UnitRow(unit=rollup.unit))
        row.cells[rollup.indicator] = Cell(rollup.value)
    return sorted(rows.values(), key=lambda r: r.unit.name)


def _phase_means(children: list[UnitRow]) -> list[tuple[int, dict[str, Cell]]]:
    """The mean of each indicator over the OPDs of each phase (OPDs outside the program as
    phase 0), hidden where any OPD's value is hidden."""
    grouped: dict[int, list[UnitRow]] = defaultdict(list)
    for row in children:
        grouped[row.phase or 0].append(row)
    found = []
    for number in sorted(grouped):
        means = {}
        for indicator in INDICATORS:
            cells = [r.cells.get(indicator.value) for r in grouped[number]]
            cells = [c for c in cells if c is not None]
            if any(c.hidden for c in cells):
                means[indicator.value] = Cell(None, hidden=True)
                continue
            values = [c.value for c in cells if c.value is not None]
            means[indicator.value] = Cell(round(sum(values) / len(values), 2) if values else None)
        found.append((number, means))
    return found
