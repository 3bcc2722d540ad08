"""The program's figures (issue 15): readiness per unit, the facts and signals of every unit,
the logframe's computed values, and the collaboration numbers. Reads only, in grouped queries
whose number does not grow with the units: each query groups by unit path, and the rows are
rolled up here into the program's units (a row belongs to the deepest unit of the program that
holds it, so a puskesmas placed in its own phase is not counted again in its Dinas)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from binakinerja.core.privacy import is_small_group
from binakinerja.mentoring.models import Pair
from binakinerja.mentoring.selectors import inactive_pairs
from binakinerja.organizations.models import OPD_PATH_LENGTH
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.performance.rules import Predikat
from binakinerja.performance.selectors import predikat_counts, skp_counts_by_unit
from binakinerja.programs import rules
from binakinerja.programs.models import (
    CoordinationCase,
    FactsSnapshot,
    Indicator,
    IndicatorValue,
    PhaseUnit,
    Program,
    ReadinessResponse,
    SocialisationAttendance,
    SocialisationEvent,
    SupportAction,
)
from binakinerja.programs.selectors import signal_limits
from binakinerja.satisfaction.models import SurveyPeriod
from binakinerja.satisfaction.selectors import ikm_by_period, mean_service_minutes
from binakinerja.trainings.ledger import jp_compliance, jp_sum_by_unit, jp_target
from binakinerja.trainings.models import Enrolment


def _owner_of(path: str, unit_paths) -> str | None:
    """The deepest program unit path holding `path` (None: outside every unit): the longest of
    its ancestors (itself included) that is a program unit."""
    units = unit_paths if isinstance(unit_paths, (set, frozenset)) else set(unit_paths)
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in units:
            return candidate
    return None


def _roll_up(rows, unit_paths) -> dict[str, list]:
    """(path, *values) rows → program unit path → the rows it holds."""
    units = set(unit_paths)
    found: dict[str, list] = defaultdict(list)
    for row in rows:
        owner = _owner_of(row[0], units)
        if owner is not None:
            found[owner].append(row)
    return found


# --- readiness ----------------------------------------------------------------------------------


@dataclass
class UnitReadiness:
    respondents: int = 0
    index: float | None = None
    dimensions: dict[str, float | None] = field(default_factory=dict)
    barrier: str | None = None

    @property
    def hidden(self) -> bool:
        return is_small_group(self.respondents)


def readiness_by_unit(program: Program, unit_paths: list[str]) -> dict[str, UnitReadiness]:
    """Per program unit path: respondents, the unit's index (the mean of its respondents'
    indices, §10), the mean score per dimension and the barrier point. One grouped query."""
    sums = {"n": Count("pk"), "index_sum": Sum("index")}
    for dimension in rules.DIMENSIONS:
        sums[f"{dimension}_sum"] = Sum(dimension)
        sums[f"{dimension}_n"] = Count(dimension)
    rows = (
        ReadinessResponse.objects.filter(program=program, is_current=True)
        .order_by()
        .values("unit__path")
        .annotate(**sums)
    )
    keys = ["n", "index_sum"] + [f"{d}_{k}" for d in rules.DIMENSIONS for k in ("sum", "n")]
    grouped = _roll_up([(row["unit__path"], row) for row in rows], unit_paths)
    result = {}
    for unit_path in unit_paths:
        total = dict.fromkeys(keys, 0.0)
        for _, row in grouped.get(unit_path, []):
            for key in keys:
                total[key] += row[key] or 0
        n = int(total["n"])
        readiness = UnitReadiness(respondents=n)
        if n:
            readiness.index = round(total["index_sum"] / n, 1)
            readiness.dimensions = {
                d: (round(total[f"{d}_sum"] / total[f"{d}_n"], 1) if total[f"{d}_n"] else None)
                for d in rules.DIMENSIONS
            }
            readiness.barrier = rules.unit_barrier(readiness.dimensions, rules.BARRIER_MEAN)
        result[unit_path] = readiness
    return result


# --- facts and signals of every unit ------------------------------------------------------------


def skp_deadline(year: int) -> dt.date:
    month, day = (int(part) for part in settings.PROGRAMS_SKP_DEADLINE.split("-"))
    return dt.date(year, month, day)


@dataclass
class UnitRow:
    """One unit of the program with its facts, readiness and signals."""

    phase_unit: PhaseUnit
    facts: rules.UnitFacts
    readiness: UnitReadiness
    signals: list[rules.Signal]
    open_actions: int = 0


SNAPSHOT_VERSION = 1
UNIT_FACT_KEYS = ("employees", "approved", "running", "without_dialog", "jp_total",
                  "pairs_inactive")  # fmt: skip


@dataclass
class ProgramFacts:
    """What the program reads from the other modules, per program unit path, and when."""

    units: dict[str, dict]  # path → UNIT_FACT_KEYS
    joint_batches: int
    cross_opd_pairs: int
    computed_at: dt.datetime


def _program_paths(program: Program) -> list[str]:
    return sorted(program.units.values_list("unit__path", flat=True))


def compute_program_facts(program: Program, paths: list[str], today: dt.date) -> dict:
    """The facts of the other modules for the program's units: headcount, SKPs of the year
    (approved, running, without a recent dialog kinerja), JP of the year, inactive mentoring
    pairs; and the government's joint batches and cross-OPD pairs. Six grouped queries, each
    rolled up from unit paths to the deepest program unit holding them."""
    root = program.instansi
    year = today.year
    employees = _roll_up(
        Employee.objects.filter(unit__path__startswith=root.path)
        .exclude(state__in=GONE_STATES)
        .order_by()
        .values("unit__path")
        .annotate(n=Count("pk"))
        .values_list("unit__path", "n"),
        paths,
    )  # fmt: skip
    skps = _roll_up(
        [(path, counts) for path, counts in skp_counts_by_unit(
            root=root, year=year, check_in_days=settings.SKP_CHECK_IN_DAYS).items()],
        paths,
    )  # fmt: skip
    jp = _roll_up(list(jp_sum_by_unit(root, year).items()), paths)
    inactive = _roll_up(
        inactive_pairs(Pair.objects.filter(mentee__unit__path__startswith=root.path), today)
        .order_by()
        .values("mentee__unit__path")
        .annotate(n=Count("pk"))
        .values_list("mentee__unit__path", "n"),
        paths,
    )  # fmt: skip
    units = {}
    for path in paths:
        skp_rows = [counts for _, counts in skps.get(path, [])]
        units[path] = {
            "employees": sum(n for _, n in employees.get(path, [])),
            "approved": sum(c["approved"] for c in skp_rows),
            "running": sum(c["running"] for c in skp_rows),
            "without_dialog": sum(c["without_dialog"] for c in skp_rows),
            "jp_total": sum(float(total or 0) for _, total in jp.get(path, [])),
            "pairs_inactive": sum(n for _, n in inactive.get(path, [])),
        }
    joint, cross = _joint_work(program)
    return {"version": SNAPSHOT_VERSION, "units": units, "joint_batches": joint,
            "cross_opd_pairs": cross}  # fmt: skip


def program_facts(program: Program, today=None, *, refresh: bool = False) -> ProgramFacts:
    """The facts kept for the program from earlier today (`FactsSnapshot`), or computed now
    and kept: always when `refresh` (the coordinator asks), on the first reading of a day and
    when the program's units changed since."""
    today = today or timezone.localdate()
    paths = _program_paths(program)
    kept = None if refresh else FactsSnapshot.objects.filter(program=program).first()
    if (
        kept is None
        or kept.day != today
        or kept.data.get("version") != SNAPSHOT_VERSION
        or sorted(kept.data.get("units", {})) != paths
    ):
        now = timezone.now()
        data = compute_program_facts(program, paths, today)
        kept, _created = FactsSnapshot.objects.update_or_create(
            program=program, defaults={"day": today, "computed_at": now, "data": data}
        )
    return ProgramFacts(units=kept.data["units"], joint_batches=kept.data["joint_batches"],
                        cross_opd_pairs=kept.data["cross_opd_pairs"],
                        computed_at=kept.computed_at)  # fmt: skip


def unit_rows(
    program: Program, phase_units: list[PhaseUnit], today=None, facts: ProgramFacts | None = None
) -> list[UnitRow]:
    """Every given unit of the program with its facts and signals: the facts of the other
    modules as kept for the day (`program_facts`), the program's own data live in a fixed
    number of grouped queries (readiness, socialisation, support actions)."""
    today = today or timezone.localdate()
    year = today.year
    paths = [pu.unit.path for pu in phase_units]
    if not paths:
        return []
    facts = facts or program_facts(program, today)
    limits = signal_limits()
    path_set = set(paths)
    readiness = readiness_by_unit(program, paths)
    event_paths = list(
        SocialisationEvent.objects.filter(program=program, date__lte=today)
        .order_by().values_list("unit__path", flat=True).distinct()
    )  # fmt: skip
    attendees = _roll_up(
        SocialisationAttendance.objects.filter(event__program=program)
        .exclude(employee__state__in=GONE_STATES)
        .order_by()
        .values("employee__unit__path")
        .annotate(n=Count("employee", distinct=True))
        .values_list("employee__unit__path", "n"),
        paths,
    )  # fmt: skip
    actions = dict(
        SupportAction.objects.filter(program=program, status=SupportAction.Status.OPEN)
        .order_by()
        .values("unit__path")
        .annotate(n=Count("pk"))
        .values_list("unit__path", "n")
    )
    action_counts: dict[str, int] = defaultdict(int)
    for action_path, n in actions.items():
        owner = _owner_of(action_path, path_set)
        if owner:
            action_counts[owner] += n
    start_of_year = dt.date(year, 1, 1)
    days_in_year = (dt.date(year + 1, 1, 1) - start_of_year).days
    expected = rules.jp_expected_by((today - start_of_year).days + 1, days_in_year, jp_target())
    deadline_passed = today > skp_deadline(year)
    empty = dict.fromkeys(UNIT_FACT_KEYS, 0)
    found = []
    for phase_unit in phase_units:
        path = phase_unit.unit.path
        kept = facts.units.get(path, empty)
        staff = kept["employees"]
        unit_readiness = readiness[path]
        unit_facts = rules.UnitFacts(
            employees=staff,
            respondents=unit_readiness.respondents,
            readiness_index=unit_readiness.index,
            barrier=unit_readiness.barrier,
            socialised=any(
                path == p or path.startswith(p + ".") or p.startswith(path + ".")
                for p in event_paths
            ),
            attendees=sum(n for _, n in attendees.get(path, [])),
            skp_overdue=max(staff - kept["approved"], 0),
            skp_deadline_passed=deadline_passed,
            jp_mean=(kept["jp_total"] / staff) if staff else None,
            jp_expected=expected,
            skps_running=kept["running"],
            skps_without_dialog=kept["without_dialog"],
            pairs_inactive=kept["pairs_inactive"],
        )
        found.append(UnitRow(phase_unit=phase_unit, facts=unit_facts, readiness=unit_readiness,
                             signals=rules.unit_signals(unit_facts, limits),
                             open_actions=action_counts.get(path, 0)))  # fmt: skip
    return found


# --- the logframe -------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    values: dict[int, float | None]  # year → value (None: not yet known)
    targets: dict[int, float | None]
    met: dict[int, bool | None]


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def computed_value(program: Program, source: str, year: int) -> float | None:
    """One computed indicator of the program's government for a year."""
    root = program.instansi
    if source == Indicator.Source.JP20:
        total = jp_compliance(root, year).total
        return _share(total.reached, total.employees)
    if source == Indicator.Source.PREDIKAT:
        counts = predikat_counts(unit=root, year=year)
        good = counts.get(Predikat.SANGAT_BAIK, 0) + counts.get(Predikat.BAIK, 0)
        return _share(good, sum(counts.values()))
    if source == Indicator.Source.IKM:
        periods = SurveyPeriod.objects.filter(
            service_unit__unit__path__startswith=root.path, year=year
        )
        results = [r for r in ikm_by_period(periods).values() if r.ikm is not None]
        respondents = sum(r.respondents for r in results)
        if not respondents:
            return None
        return round(sum(r.ikm * r.respondents for r in results) / respondents, 2)
    if source == Indicator.Source.SERVICE_TIME:
        return mean_service_minutes(root, year)
    if source == Indicator.Source.MENTORING:
        pairs = Pair.objects.filter(
            cycle__instansi=root, cycle__year=year,
            status__in=[Pair.Status.ACTIVE, Pair.Status.CLOSED],
        ).values("mentee").distinct().count()  # fmt: skip
        staff = (
            Employee.objects.filter(unit__path__startswith=root.path)
            .exclude(state__in=GONE_STATES)
            .count()
        )
        return _share(pairs, staff)
    if source == Indicator.Source.READINESS:
        responses = ReadinessResponse.objects.filter(
            program=program, is_current=True, answered_on__year__lte=year
        ).aggregate(n=Count("pk"), total=Sum("index"))
        if not responses["n"] or is_small_group(responses["n"]):
            return None
        return round(responses["total"] / responses["n"], 1)
    return None


def logframe(program: Program, today=None) -> list[IndicatorRow]:
    """Every indicator with its value per year (the baseline year before the program and its
    years up to today; later years have none yet), its targets and whether each was met."""
    today = today or timezone.localdate()
    years = [y for y in program.years if y <= today.year]
    entered = defaultdict(dict)
    for value in IndicatorValue.objects.filter(indicator__program=program):
        entered[value.indicator_id][value.year] = float(value.value)
    rows = []
    for indicator in program.indicators.all():
        if indicator.source == Indicator.Source.ENTERED:
            values = {y: entered[indicator.pk].get(y) for y in program.years}
        else:
            values = {y: (computed_value(program, indicator.source, y) if y in years else None)
                      for y in program.years}  # fmt: skip
        targets = {y: _float(indicator.targets.get(str(y))) for y in program.years}
        met = {y: rules.target_met(values[y], targets[y],
                                   higher_is_better=indicator.higher_is_better)
               for y in program.years}  # fmt: skip
        rows.append(IndicatorRow(indicator=indicator, values=values, targets=targets, met=met))
    return rows


def _float(value) -> float | None:
    return float(value) if value not in (None, "") else None


# --- collaboration across agencies --------------------------------------------------------------


@dataclass
class Collaboration:
    quarters: list[dict]  # {"quarter", "raised", "resolved", "median_days"}
    open_cases: int
    median_days: float | None
    joint_batches: int
    cross_opd_pairs: int


def collaboration(program: Program, facts: ProgramFacts | None = None) -> Collaboration:
    """The coordination log in numbers: cases raised and resolved per quarter and the median
    days to resolve them (the seed's "faster problem solving"), training batches whose
    participants came from more than one OPD, and mentoring pairs across OPDs (from `facts`
    when kept, otherwise counted now)."""
    quarters: dict[str, dict] = {}
    all_days = []
    cases = CoordinationCase.objects.filter(program=program).values_list("raised_on", "resolved_on")
    open_cases = 0
    for raised, resolved in cases:
        q = quarters.setdefault(rules.quarter_of(raised), {"raised": 0, "resolved": 0,
                                                            "days": []})  # fmt: skip
        q["raised"] += 1
        if resolved is None:
            open_cases += 1
            continue
        r = quarters.setdefault(rules.quarter_of(resolved), {"raised": 0, "resolved": 0,
                                                             "days": []})  # fmt: skip
        r["resolved"] += 1
        r["days"].append((resolved - raised).days)
        all_days.append((resolved - raised).days)
    rows = [
        {"quarter": key, "raised": q["raised"], "resolved": q["resolved"],
         "median_days": rules.median(q["days"])}
        for key, q in sorted(quarters.items())
    ]  # fmt: skip
    if facts is None:
        joint, cross = _joint_work(program)
    else:
        joint, cross = facts.joint_batches, facts.cross_opd_pairs
    return Collaboration(quarters=rows, open_cases=open_cases, median_days=rules.median(all_days),
                         joint_batches=joint, cross_opd_pairs=cross)  # fmt: skip


def _joint_work(program: Program) -> tuple[int, int]:
    """Training batches of the program's years with participants of more than one OPD of the
    government, and its mentoring pairs across OPDs."""
    root = program.instansi
    years = program.years
    joint = (
        Enrolment.objects.filter(batch__year__in=years,
                                 employee__unit__path__startswith=root.path)
        .exclude(status__in=["declined", "withdrawn"])
        .annotate(opd=Substr("employee__unit__path", 1, OPD_PATH_LENGTH))
        .order_by()
        .values("batch_id")
        .annotate(opds=Count("opd", distinct=True))
        .filter(opds__gt=1)
        .count()
    )  # fmt: skip
    cross = (
        Pair.objects.filter(cycle__instansi=root, cycle__year__in=years)
        .exclude(status=Pair.Status.CANCELLED)
        .annotate(mentor_opd=Substr("mentor__unit__path", 1, OPD_PATH_LENGTH),
                  mentee_opd=Substr("mentee__unit__path", 1, OPD_PATH_LENGTH))
        .filter(~Q(mentor_opd=F("mentee_opd")))
        .count()
    )  # fmt: skip
    return joint, cross
