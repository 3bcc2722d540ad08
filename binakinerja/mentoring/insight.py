"""Mentoring figures (issue 14 §7): the aggregates of a unit and year for pimpinan and
coordinators, and the descriptive effectiveness of a cycle's mentoring.

Plain reads, aggregated in SQL, in a fixed number of queries whatever the scope (a province
reads them over 32,000 ASN):

- `mentoring_summary(unit, year, employees=…)`: per child unit of `unit` (the OPDs of a
  government) and in total — mentors who offered, mentees, active and inactive pairs,
  confirmed sessions, JP credited from mentoring, the share of pairs across OPDs. Six queries.
- `mentor_effectiveness(cycle)`: mentored ASN next to comparable unmentored ones (their needs
  called for mentoring, they got no pair): gap closure since the cycle's start and the change
  of annual predikat, per group and per mentor, with the caveats in plain words. Six queries
  (the pairs; gap sums now, who was re-assessed, gap sums at the start for them; predikat of
  two years), plus
  `matching.mentees_from_needs` when the cycle has no matching run on record.

Figures, not persons: masking small groups for pimpinan is the views' job (`core.privacy`);
per-mentor rows merge mentors with fewer than AGGREGATE_MIN_GROUP mentees here already,
because a mean over two mentees says nothing about a mentor and singles the mentees out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, Greatest, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.competencies.models import CompetencyAssessment, PositionStandard
from binakinerja.competencies.selectors import gap_sums
from binakinerja.core.privacy import min_group
from binakinerja.mentoring.models import (
    EffectivenessSnapshot,
    MentoringCycle,
    MentoringSession,
    MentorOffer,
    Pair,
)
from binakinerja.mentoring.rules import PREDIKAT_RANK
from binakinerja.mentoring.selectors import inactive_pairs
from binakinerja.organizations.models import OPD_PATH_LENGTH, PATH_SEP, PATH_WIDTH, OrgUnit
from binakinerja.people.models import Employee
from binakinerja.performance.selectors import annual_predikat
from binakinerja.trainings.models import JpRecord

JP_SOURCE = "mentoring"  # trainings JpRecord.Source.MENTORING, as services.session_confirm writes
COUNTED = (Pair.Status.PROPOSED, Pair.Status.ACCEPTED, Pair.Status.ACTIVE, Pair.Status.CLOSED)
MENTORED = (Pair.Status.ACTIVE, Pair.Status.CLOSED)


def _percent(part: int, whole: int) -> int | None:
    """Whole percent, half up; None for an empty whole."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


def _plain(jp: Decimal) -> Decimal:
    """JP with two decimals, or none when whole (2, not 2.00 or 2E+0): the same on SQLite and
    PostgreSQL, in the page and in the exports."""
    jp = Decimal(jp).quantize(Decimal("0.01"))
    return jp.quantize(Decimal(1)) if jp == jp.to_integral_value() else jp


# --- the summary of a unit and year -------------------------------------------------------------


@dataclass
class SummaryRow:
    """One unit's figures (a direct child of the root, or the root's own staff, or the total).
    Pairs, sessions and JP count where the mentee works; mentors where the mentor works."""

    unit: OrgUnit
    is_root: bool
    mentors: int = 0
    mentees: int = 0
    pairs: int = 0
    active: int = 0
    inactive: int = 0
    sessions: int = 0
    jp: Decimal = Decimal(0)
    cross_opd: int = 0

    @property
    def cross_share(self) -> int | None:
        """Whole percent of the pairs whose mentor works in another OPD than the mentee."""
        return _percent(self.cross_opd, self.pairs)

    def add(self, other: SummaryRow) -> None:
        for name in ("mentors", "mentees", "pairs", "active", "inactive", "sessions", "jp",
                     "cross_opd"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Summary:
    root: OrgUnit
    year: int
    units: list[SummaryRow] = field(default_factory=list)
    total: SummaryRow | None = None


def mentoring_summary(
    unit: OrgUnit, year: int, *, employees: QuerySet[Employee] | None = None,
    today: dt.date | None = None,
) -> Summary:  # fmt: skip
    """Mentoring in the cycles of `year` under `unit`, per direct child unit (and the unit's own
    staff when it has any) and in total: mentors who offered (distinct persons), mentees of
    pairs proposed, accepted, active or closed (cancelled ones left out), active pairs, inactive
    pairs (`selectors.inactive_pairs` as of `today`), confirmed sessions, JP credited from
    mentoring in `year` (the ledger's records: minutes already converted as trainings does),
    and the pairs whose mentor's OPD differs from the mentee's.

    `employees` narrows to the people the reader may count (default: everyone). Six queries:
    children, offers, pairs, inactive pairs, sessions, JP — each one GROUP BY."""
    key_length = len(unit.path) + len(PATH_SEP) + PATH_WIDTH
    children = list(OrgUnit.objects.filter(parent=unit).order_by("name"))
    by_path = {child.path: SummaryRow(unit=child, is_root=False) for child in children}
    own = SummaryRow(unit=unit, is_root=True)

    def row_of(group: str) -> SummaryRow:
        return by_path.get(group, own)

    def people(prefix: str) -> Q:
        q = unit.subtree_q(f"{prefix}unit__")
        if employees is not None:
            q &= Q(**{f"{prefix}in": employees})
        return q

    offers = (
        MentorOffer.objects.filter(
            people("mentor__"), cycle__year=year, status=MentorOffer.Status.OFFERED
        )  # fmt: skip
        .annotate(group=Substr("mentor__unit__path", 1, key_length))
        .order_by()
        .values("group")
        .annotate(mentors=Count("mentor_id", distinct=True))
        .values_list("group", "mentors")
    )
    for group, mentors in offers:
        row_of(group).mentors += mentors

    pairs = Pair.objects.filter(people("mentee__"), cycle__year=year, status__in=COUNTED)
    grouped = (
        pairs.annotate(
            group=Substr("mentee__unit__path", 1, key_length),
            mentor_opd=Substr("mentor__unit__path", 1, OPD_PATH_LENGTH),
            mentee_opd=Substr("mentee__unit__path", 1, OPD_PATH_LENGTH),
        )
        .order_by()
        .values("group")
        .annotate(
            mentees=Count("mentee_id", distinct=True),
            pairs=Count("pk"),
            active=Count("pk", filter=Q(status=Pair.Status.ACTIVE)),
            cross=Count("pk", filter=~Q(mentor_opd=F("mentee_opd"))),
        )
        .values_list("group", "mentees", "pairs", "active", "cross")
    )
    for group, mentees, count, active, cross in grouped:
        row = row_of(group)
        row.mentees += mentees
        row.pairs += count
        row.active += active
        row.cross_opd += cross

    inactive = (
        Pair.objects.filter(pk__in=inactive_pairs(pairs, today=today).values("pk"))
        .annotate(group=Substr("mentee__unit__path", 1, key_length))
        .order_by()
        .values("group")
        .annotate(count=Count("pk"))
        .values_list("group", "count")
    )
    for group, count in inactive:
        row_of(group).inactive += count

    sessions = (
        MentoringSession.objects.filter(pair__in=pairs.values("pk"), confirmed_at__isnull=False)
        .annotate(group=Substr("pair__mentee__unit__path", 1, key_length))
        .order_by()
        .values("group")
        .annotate(count=Count("pk"))
        .values_list("group", "count")
    )
    for group, count in sessions:
        row_of(group).sessions += count

    jp = (
        JpRecord.objects.filter(people("employee__"), year=year, source=JP_SOURCE)
        .annotate(group=Substr("employee__unit__path", 1, key_length))
        .order_by()
        .values("group")
        .annotate(total=Sum("jp"))
        .values_list("group", "total")
    )
    for group, total in jp:
        row_of(group).jp += total or 0
    for row in (*by_path.values(), own):
        row.jp = _plain(row.jp)

    units = [by_path[child.path] for child in children]
    if any((own.mentors, own.mentees, own.pairs, own.sessions, own.jp)):
        units.insert(0, own)
    total = SummaryRow(unit=unit, is_root=True)
    for row in units:
        total.add(row)
    return Summary(root=unit, year=year, units=units, total=total)


# --- the effectiveness of a cycle ---------------------------------------------------------------


@dataclass
class GroupFigures:
    """Descriptive figures of a group of ASN: their gaps (sum of the positive gap levels against
    their jabatan's standard) at the cycle's start and now, and their annual predikat the year
    before the cycle and in its year."""

    label: str
    people: int = 0
    with_standard: int = 0  # people whose jabatan has a competency standard
    gap_start: int = 0  # summed over `with_standard`
    gap_now: int = 0
    closed_any: int = 0  # people whose gap shrank by at least one level
    reassessed: int = 0  # people with a competency assessment after the cycle's start
    with_predikat: int = 0  # people with an annual predikat in both years
    improved: int = 0
    same: int = 0
    worse: int = 0

    @property
    def closure(self) -> int:
        return self.gap_start - self.gap_now

    @property
    def closure_mean(self) -> Decimal | None:
        """Gap levels closed per person (with a standard), to two decimals."""
        if not self.with_standard:
            return None
        return (Decimal(self.closure) / self.with_standard).quantize(Decimal("0.01"))

    @property
    def gap_start_mean(self) -> Decimal | None:
        if not self.with_standard:
            return None
        return (Decimal(self.gap_start) / self.with_standard).quantize(Decimal("0.01"))

    @property
    def gap_now_mean(self) -> Decimal | None:
        if not self.with_standard:
            return None
        return (Decimal(self.gap_now) / self.with_standard).quantize(Decimal("0.01"))

    @property
    def closed_share(self) -> int | None:
        return _percent(self.closed_any, self.with_standard)

    @property
    def reassessed_share(self) -> int | None:
        return _percent(self.reassessed, self.with_standard)

    @property
    def improved_share(self) -> int | None:
        return _percent(self.improved, self.with_predikat)

    @property
    def worse_share(self) -> int | None:
        return _percent(self.worse, self.with_predikat)

    @property
    def small(self) -> bool:
        """Fewer than AGGREGATE_MIN_GROUP people: figures hidden, never compared."""
        return self.people < min_group()


@dataclass
class MentorRow:
    """One mentor's mentees (or, with `mentor` None, the merged mentors with fewer than
    AGGREGATE_MIN_GROUP mentees each; `mentors` says how many)."""

    mentor: Employee | None
    figures: GroupFigures
    mentors: int = 1


@dataclass
class Effectiveness:
    cycle: MentoringCycle
    mentored: GroupFigures
    comparison: GroupFigures
    mentors: list[MentorRow]
    caveats: list[str]
    comparison_source: str  # "last_run" or "needs_now"
    predikat_years: tuple[int, int] = (0, 0)


# Gaps are summed by the database: pulling every level of a few thousand ASN through Python
# cost ~400 ms at a government's scale, and correlated subqueries per standard and person
# ~250 ms on PostgreSQL; the join of `competencies.selectors.gap_sums` costs a fraction of it.
# The as-of sums below run only for the few re-assessed since the cycle's start.


def _level_subquery(day: dt.date | None):
    """The level of the outer employee in the outer standard's competency: the current
    assessment (day None), or the newest one on or before `day` (by date, then pk — the order
    `CompetencyAssessment.is_current` follows). NULL when never assessed."""
    rows = CompetencyAssessment.objects.filter(
        employee_id=OuterRef(OuterRef("pk")), competency_id=OuterRef("competency_id")
    )
    if day is None:
        rows = rows.filter(is_current=True).order_by()  # one row: no sort
    else:
        rows = rows.filter(assessed_on__lte=day).order_by("-assessed_on", "-pk")
    return Subquery(rows.values("level")[:1], output_field=IntegerField())


def gap_sum_expression(day: dt.date | None = None):
    """Per employee (outer row): the sum of the positive gaps (required − level, a missing
    assessment counting as level 0, as `competencies.rules.gaps`) over their jabatan's
    standard, with the levels current (`day` None) or as of `day`; 0 without a standard."""
    # GREATEST(…, 0) rather than a WHERE on the difference: the level subquery runs once per
    # standard instead of twice.
    missing = Greatest(F("level") - Coalesce(_level_subquery(day), 0), 0,
                       output_field=IntegerField())  # fmt: skip
    total = (
        PositionStandard.objects.filter(position_id=OuterRef("position_id"))
        .order_by()
        .values("position_id")
        .annotate(total=Sum(missing))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


@dataclass
class _Person:
    gap_start: int | None
    gap_now: int | None
    reassessed: bool
    predikat_change: int | None


def _people(ids: list[int], cycle: MentoringCycle) -> dict[int, _Person]:
    """Each person's gap sums at the cycle's start and now (None without a jabatan standard),
    whether they were re-assessed since, and their predikat change (year − 1 → year): five
    queries whatever the number of people.

    The sums run over everyone of the cycle's scope and its mentees (subqueries) and the
    people of `ids` are picked in Python: thousands of ids as `IN (…)` lists, compiled by the
    ORM query after query, cost more than summing the whole government.

    Someone with no assessment dated after the start has the same levels now as then (the
    current assessment is the newest one, which is then on or before the start): their gap at
    the start is their gap now, and the as-of sum runs only for the re-assessed (a few)."""
    root = cycle.opd or cycle.instansi
    employees = Employee.objects.filter(
        root.subtree_q("unit__") | Q(pk__in=Pair.objects.filter(cycle=cycle).values("mentee_id"))
    )
    gap_now = gap_sums(employees)
    wanted = set(ids)
    reassessed = wanted.intersection(
        CompetencyAssessment.objects.filter(employee__in=employees, assessed_on__gt=cycle.start)
        .order_by()
        .values_list("employee_id", flat=True)
        .distinct()
    )
    gap_start = dict(
        Employee.objects.filter(pk__in=reassessed)
        .order_by()
        .annotate(gap=gap_sum_expression(cycle.start))
        .values_list("pk", "gap")
    ) if reassessed else {}  # fmt: skip
    before = annual_predikat(employees.values("pk"), year=cycle.year - 1)
    after = annual_predikat(employees.values("pk"), year=cycle.year)
    result = {}
    for pk in ids:
        change = None
        if before.get(pk) in PREDIKAT_RANK and after.get(pk) in PREDIKAT_RANK:
            change = PREDIKAT_RANK[after[pk]] - PREDIKAT_RANK[before[pk]]
        now = gap_now.get(pk)  # None: no standard for their jabatan
        result[pk] = _Person(
            gap_start=None if now is None else gap_start.get(pk, now),
            gap_now=now,
            reassessed=pk in reassessed,
            predikat_change=change,
        )
    return result


def _figures(label: str, ids, people: dict[int, _Person]) -> GroupFigures:
    figures = GroupFigures(label=label)
    for pk in ids:
        person = people.get(pk)
        if person is None:
            continue
        figures.people += 1
        if person.gap_start is not None:
            figures.with_standard += 1
            figures.gap_start += person.gap_start
            figures.gap_now += person.gap_now
            figures.closed_any += person.gap_now < person.gap_start
            figures.reassessed += person.reassessed
        if person.predikat_change is not None:
            figures.with_predikat += 1
            figures.improved += person.predikat_change > 0
            figures.same += person.predikat_change == 0
            figures.worse += person.predikat_change < 0
    return figures


def _comparison_ids(cycle: MentoringCycle, paired: set[int]) -> tuple[list[int], str]:
    """The ASN whose needs called for mentoring but who have no pair in the cycle (cancelled
    pairs aside). Taken from the last matching run (its unmatched mentees: the needs as they
    were when the cycle matched, before mentoring could close any gap); without a run on
    record, from the needs as they are now (`matching.mentees_from_needs`)."""
    last_run = getattr(cycle, "last_run", None) or {}
    unmatched = last_run.get("unmatched")
    if isinstance(unmatched, dict):
        ids = sorted({int(pk) for pk in unmatched if str(pk).isdigit()} - paired)
        return ids, "last_run"
    from binakinerja.mentoring.matching import mentees_from_needs

    return sorted({pk for pk, _reason in mentees_from_needs(cycle)} - paired), "needs_now"


def _mentored_label() -> str:
    return _("Mentored")


def _comparison_label() -> str:
    return _("Not mentored, with a need for mentoring")


def _merged_label() -> str:
    return _("Mentors with fewer than %(size)s mentees each") % {"size": min_group()}


def mentor_effectiveness(cycle: MentoringCycle, *, today: dt.date | None = None) -> Effectiveness:
    """Mentored ASN of `cycle` (pairs active or closed) next to comparable unmentored ASN (needs
    called for mentoring, no pair): gap closure and predikat change per group, and per mentor
    (mentors with fewer than AGGREGATE_MIN_GROUP mentees merged into one row), with the
    caveats that a reader must keep in mind. Descriptive only: no causal claim is made."""
    today = today or timezone.localdate()
    pairs = list(
        Pair.objects.filter(cycle=cycle, status__in=COUNTED)
        .select_related("mentor")
        .only("mentor__name", "mentor__nip", "mentee_id", "status")
        .order_by("mentor__name", "mentor_id", "pk")
    )
    paired = {p.mentee_id for p in pairs}
    mentored_pairs = [p for p in pairs if p.status in MENTORED]
    mentored = sorted({p.mentee_id for p in mentored_pairs})
    comparison, source = _comparison_ids(cycle, paired)
    people = _people(sorted(set(mentored) | set(comparison)), cycle)

    figures_mentored = _figures(_mentored_label(), mentored, people)
    figures_comparison = _figures(_comparison_label(), comparison, people)

    by_mentor: dict[int, tuple[Employee, list[int]]] = {}
    for pair in mentored_pairs:
        by_mentor.setdefault(pair.mentor_id, (pair.mentor, []))[1].append(pair.mentee_id)
    rows, merged_ids, merged_mentors = [], [], 0
    for mentor, mentees in by_mentor.values():
        if len(set(mentees)) >= min_group():
            rows.append(MentorRow(mentor=mentor, figures=_figures(mentor.name, mentees, people)))
        else:
            merged_ids.extend(mentees)
            merged_mentors += 1
    if merged_mentors:
        rows.append(MentorRow(mentor=None, figures=_figures(_merged_label(), merged_ids, people),
                              mentors=merged_mentors))  # fmt: skip

    caveats = _caveats(cycle, figures_mentored, figures_comparison, source, today)
    return Effectiveness(
        cycle=cycle, mentored=figures_mentored, comparison=figures_comparison, mentors=rows,
        caveats=caveats, comparison_source=source, predikat_years=(cycle.year - 1, cycle.year),
    )  # fmt: skip


# --- the figures kept for the day ---------------------------------------------------------------

SNAPSHOT_VERSION = 1  # raise when GroupFigures or the stored layout changes: older ones recompute
_FIGURE_FIELDS = tuple(f.name for f in fields(GroupFigures) if f.name != "label")


def _figures_data(figures: GroupFigures) -> dict:
    return {name: getattr(figures, name) for name in _FIGURE_FIELDS}


def _figures_from(label: str, data: dict) -> GroupFigures:
    return GroupFigures(label=label, **{name: int(data.get(name, 0)) for name in _FIGURE_FIELDS})


def snapshot_data(report: Effectiveness) -> dict:
    """The report as plain numbers (JSON): labels and caveats are words, made again in the
    reader's language when the figures are read back."""
    return {
        "version": SNAPSHOT_VERSION,
        "source": report.comparison_source,
        "mentored": _figures_data(report.mentored),
        "comparison": _figures_data(report.comparison),
        "mentors": [
            {"mentor": row.mentor.pk if row.mentor else None, "mentors": row.mentors,
             "figures": _figures_data(row.figures)}
            for row in report.mentors
        ],
    }  # fmt: skip


def report_from_snapshot(cycle: MentoringCycle, data: dict, *, today: dt.date) -> Effectiveness:
    """`snapshot_data` read back: one query (the mentors' names as they are now)."""
    ids = [row["mentor"] for row in data["mentors"] if row["mentor"] is not None]
    names = Employee.objects.only("name", "nip").in_bulk(ids)
    mentored = _figures_from(_mentored_label(), data["mentored"])
    comparison = _figures_from(_comparison_label(), data["comparison"])
    rows = []
    for row in data["mentors"]:
        mentor = names.get(row["mentor"])
        if row["mentor"] is not None and mentor is None:
            continue  # the mentor's record is gone: the next computation drops the row too
        label = mentor.name if mentor else _merged_label()
        rows.append(MentorRow(mentor=mentor, figures=_figures_from(label, row["figures"]),
                              mentors=int(row["mentors"])))  # fmt: skip
    source = data["source"]
    return Effectiveness(
        cycle=cycle, mentored=mentored, comparison=comparison, mentors=rows,
        caveats=_caveats(cycle, mentored, comparison, source, today), comparison_source=source,
        predikat_years=(cycle.year - 1, cycle.year),
    )  # fmt: skip


def effectiveness_snapshot(
    cycle: MentoringCycle, *, refresh: bool = False, today: dt.date | None = None
) -> tuple[Effectiveness, dt.datetime]:
    """The cycle's effectiveness and when it was computed: the figures kept from earlier today
    (`EffectivenessSnapshot`), or computed now and kept — always when `refresh` (the
    coordinator asks after re-assessments), after a matching run (it drops them) and on the
    first reading of a day."""
    today = today or timezone.localdate()
    if not refresh:
        kept = EffectivenessSnapshot.objects.filter(cycle=cycle).first()
        if (
            kept is not None
            and kept.data.get("version") == SNAPSHOT_VERSION
            and timezone.localtime(kept.computed_at).date() == today
        ):
            return report_from_snapshot(cycle, kept.data, today=today), kept.computed_at
    report = mentor_effectiveness(cycle, today=today)
    now = timezone.now()
    EffectivenessSnapshot.objects.update_or_create(
        cycle=cycle, defaults={"computed_at": now, "data": snapshot_data(report)}
    )
    return report, now


def _caveats(cycle, mentored: GroupFigures, comparison: GroupFigures, source: str,
             today: dt.date) -> list[str]:  # fmt: skip
    """What the figures cannot show, in plain words, most important first."""
    size = min_group()
    caveats = [
        _("This is a description, not a proof: mentees were not chosen at random, so a "
          "difference between the groups may have other causes than mentoring."),
        _("Mentees were chosen by need (their gaps, follow-ups and plans), and the ASN left "
          "without a mentor often had needs no available mentor could cover: the two groups "
          "were not alike at the start."),
    ]  # fmt: skip
    if mentored.people < size or comparison.people < size:
        caveats.append(
            _("A group has fewer than %(size)s people: its figures are hidden, and a few "
              "people more or less would change them a lot.") % {"size": size}
        )  # fmt: skip
    elif mentored.people < 30 or comparison.people < 30:
        caveats.append(
            _("The groups are small: a few people more or less would change the figures a lot.")
        )
    caveats.append(
        _("A gap only closes on paper when the competency is assessed again: re-assessment "
          "often comes months after the mentoring, so a gap shown as open may already be "
          "closed.")
    )  # fmt: skip
    if cycle.year >= today.year or today < dt.date(cycle.year + 1, 3, 31):
        caveats.append(
            _("The annual predikat of %(year)s may not be final yet: most ASN receive it early "
              "in the following year.") % {"year": cycle.year}
        )  # fmt: skip
    if source == "needs_now":
        caveats.append(
            _("No matching run is on record for this cycle: the comparison group was found "
              "from today's needs, which leaves out ASN whose gap has closed since.")
        )  # fmt: skip
    return caveats
