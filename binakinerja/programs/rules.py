"""Pure rules of the program (DOMAIN.md §10; issue 15): change readiness (ADKAR), the order of
units into phases, the resistance signals of a unit and the logframe's arithmetic. No database
here: services and selectors gather the facts and call these."""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# --- change readiness (ADKAR) -------------------------------------------------------------------

DIMENSIONS = ("awareness", "desire", "knowledge", "ability", "reinforcement")  # ADKAR order
DIMENSION_LABELS = {
    "awareness": _("Awareness"),
    "desire": _("Desire"),
    "knowledge": _("Knowledge"),
    "ability": _("Ability"),
    "reinforcement": _("Reinforcement"),
}
LIKERT_MIN, LIKERT_MAX = 1, 5
BARRIER_MEAN = Fraction(3)  # a dimension whose mean is at most this stalls the change (§10)

# The questionnaire a new program starts with (editable per program): two statements per
# dimension, answered from 1 (strongly disagree) to 5 (strongly agree). Kept in Bahasa
# Indonesia, the language the ASN answer in.
DEFAULT_ITEMS = {
    "awareness": [
        "Saya memahami mengapa pembinaan ASN berbasis kinerja dijalankan di unit saya.",
        "Saya tahu masalah layanan apa yang ingin diperbaiki oleh program ini.",
    ],
    "desire": [
        "Saya ingin ikut serta dalam program ini.",
        "Saya melihat manfaat program ini bagi pekerjaan saya sendiri.",
    ],
    "knowledge": [
        "Saya tahu apa yang harus saya lakukan secara berbeda dalam program ini.",
        "Saya tahu ke mana bertanya bila ada yang belum jelas.",
    ],
    "ability": [
        "Saya sudah mampu menerapkan cara kerja baru dalam tugas sehari-hari.",
        "Saya mendapat waktu dan sarana yang cukup untuk menerapkannya.",
    ],
    "reinforcement": [
        "Perubahan yang saya lakukan diakui oleh atasan saya.",
        "Saya yakin cara kerja baru ini akan bertahan setelah program selesai.",
    ],
}


@dataclass(frozen=True)
class AdkarProfile:
    """A person's (or a unit's) readiness: `index` and `dimensions` on 0–100, `barrier` the
    first dimension in ADKAR order whose mean is ≤ 3.0 (None: no barrier). A dimension with no
    answered item is None and left out of the index."""

    index: float
    dimensions: dict[str, float | None]
    barrier: str | None
    means: dict[str, Fraction | None] = field(default_factory=dict, compare=False)


def _score(mean: Fraction) -> Fraction:
    """A mean on 1–5 as a score on 0–100: (mean − 1) / 4 × 100."""
    return (mean - LIKERT_MIN) * 100 / (LIKERT_MAX - LIKERT_MIN)


def _rounded(value: Fraction) -> float:
    return round(float(value), 2)


def adkar_profile(
    answers: Mapping[str, Iterable[int]], *, barrier_mean: Fraction | float = BARRIER_MEAN
) -> AdkarProfile:
    """The ADKAR profile of one respondent (§10). `answers` is dimension → the answers to its
    items (ints 1–5; an item left blank is simply absent). Each dimension's score is
    (mean − 1) / 4 × 100, the index the mean of the answered dimensions' scores, the barrier
    the first dimension in ADKAR order whose mean is ≤ `barrier_mean`. Computed in fractions,
    so a mean of exactly 3.0 is a barrier whatever the number of items.

    Raises ValueError on an unknown dimension, an answer outside 1–5 or no answer at all."""
    unknown = set(answers) - set(DIMENSIONS)
    if unknown:
        raise ValueError(
            gettext("Unknown ADKAR dimension: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    means: dict[str, Fraction | None] = {}
    for dimension in DIMENSIONS:
        values = list(answers.get(dimension) or [])
        for value in values:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(gettext("Every answer must be a whole number from 1 to 5."))
            if not LIKERT_MIN <= value <= LIKERT_MAX:
                raise ValueError(gettext("Answer %(value)s is outside 1–5.") % {"value": value})
        means[dimension] = Fraction(sum(values), len(values)) if values else None
    answered = [mean for mean in means.values() if mean is not None]
    if not answered:
        raise ValueError(gettext("There are no answers."))
    scores = {d: (_score(m) if m is not None else None) for d, m in means.items()}
    index = sum(_score(m) for m in answered) / len(answered)
    return AdkarProfile(
        index=_rounded(index),
        dimensions={d: (_rounded(s) if s is not None else None) for d, s in scores.items()},
        barrier=first_barrier(means, Fraction(barrier_mean)),
        means=means,
    )


def first_barrier(means: Mapping[str, Fraction | float | None], barrier_mean) -> str | None:
    """The first dimension, in ADKAR order, whose mean (1–5) is at most `barrier_mean`."""
    for dimension in DIMENSIONS:
        mean = means.get(dimension)
        if mean is not None and Fraction(mean) <= Fraction(barrier_mean):
            return dimension
    return None


def mean_of_score(score: float | Fraction) -> Fraction:
    """The 1–5 mean behind a 0–100 score (inverse of the score formula)."""
    return Fraction(score) * (LIKERT_MAX - LIKERT_MIN) / 100 + LIKERT_MIN


def unit_barrier(dimension_scores: Mapping[str, float | None], barrier_mean) -> str | None:
    """A unit's barrier point: the first dimension whose mean over its respondents (the mean
    of their dimension scores, turned back into a 1–5 mean) is ≤ `barrier_mean`. DOMAIN.md §10
    defines the barrier of a person; a unit's follows the same threshold on its means."""
    return first_barrier(
        {d: (mean_of_score(s) if s is not None else None) for d, s in dimension_scores.items()},
        barrier_mean,
    )


# --- phases -------------------------------------------------------------------------------------

ORDER_READINESS = "readiness"
ORDER_RANDOM = "random"


def phase_sizes(units: int, phases: int) -> list[int]:
    """`units` spread over `phases` as evenly as possible, the earlier phases taking the extra
    ones: 10 units in 3 phases → [4, 3, 3]."""
    if phases < 1:
        raise ValueError(gettext("A program needs at least one phase."))
    base, extra = divmod(units, phases)
    return [base + (1 if i < extra else 0) for i in range(phases)]


def plan_order(
    units: Sequence[Hashable],
    phases: int,
    *,
    method: str,
    seed: int | None = None,
    readiness: Mapping[Hashable, float | None] | None = None,
    fixed: Mapping[Hashable, int] | None = None,
) -> dict[Hashable, int]:
    """Propose the phase (1…`phases`) of each unit: unit → phase number.

    `fixed` units keep the phase the coordinator chose (e.g. the seed's Dinas Pendidikan and
    Dinas Kesehatan in phase 1); the others fill the remaining places, phases as even as
    possible. By readiness: the most ready first (higher index earlier; units without a
    readiness index last; ties by their order in `units`). At random: a shuffle by
    `random.Random(seed)` of the units in the given order, so the same seed always gives the
    same plan and the order can be shown to be chance (a fair comparison for the impact
    estimate). The seed is required for a random order."""
    fixed = dict(fixed or {})
    for phase in fixed.values():
        if not 1 <= phase <= phases:
            raise ValueError(gettext("Phase %(n)s does not exist.") % {"n": phase})
    free = [unit for unit in units if unit not in fixed]
    if method == ORDER_RANDOM:
        if seed is None:
            raise ValueError(gettext("A random order needs a seed."))
        random.Random(seed).shuffle(free)  # noqa: S311 - a reproducible order, not a secret
    elif method == ORDER_READINESS:
        readiness = readiness or {}
        position = {unit: i for i, unit in enumerate(units)}
        free.sort(key=lambda u: (readiness.get(u) is None, -(readiness.get(u) or 0), position[u]))
    else:
        raise ValueError(gettext("Unknown order: %(method)s.") % {"method": method})
    sizes = phase_sizes(len(units), phases)
    taken = [0] * phases
    for phase in fixed.values():
        taken[phase - 1] += 1
    plan = dict(fixed)
    phase = 0
    for unit in free:
        while phase < phases - 1 and taken[phase] >= sizes[phase]:
            phase += 1
        plan[unit] = phase + 1
        taken[phase] += 1
    return plan


# --- resistance signals -------------------------------------------------------------------------


@dataclass(frozen=True)
class SignalLimits:
    """When a unit's figures raise a signal (settings; see `programs.selectors.signal_limits`).
    Shares are whole percents."""

    readiness_index: int = 60  # readiness index below this
    attendance_share: int = 60  # socialisation attendance below this share of the unit's ASN
    skp_overdue_share: int = 20  # ASN without an approved SKP after the deadline above this
    jp_share_of_expected: int = 50  # mean JP below this share of the target due by today
    no_dialog_share: int = 50  # running SKPs without a recent dialog kinerja above this
    min_group: int = 5  # readiness needs at least this many respondents to count


@dataclass
class UnitFacts:
    """What the data say about one unit of a phase (all counts over its subtree)."""

    employees: int = 0
    respondents: int = 0
    readiness_index: float | None = None
    barrier: str | None = None
    socialised: bool = False  # a socialisation event was held (or planned and passed)
    attendees: int = 0
    skp_overdue: int = 0
    skp_deadline_passed: bool = False
    jp_mean: float | None = None
    jp_expected: float = 0.0
    skps_running: int = 0
    skps_without_dialog: int = 0
    pairs_inactive: int = 0


@dataclass(frozen=True)
class Signal:
    code: str
    reason: str

    @property
    def label(self):
        return SIGNAL_CODES[self.code]


SIGNAL_CODES = {
    "readiness": _("Low readiness"),
    "barrier": _("Barrier point"),
    "attendance": _("Low socialisation attendance"),
    "skp_overdue": _("SKPs overdue"),
    "jp": _("JP far below 20"),
    "no_dialog": _("No dialog kinerja"),
    "mentoring": _("Mentoring pairs inactive"),
}


def _share(part: int, whole: int) -> int:
    """Whole percent, half up."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def unit_signals(facts: UnitFacts, limits: SignalLimits) -> list[Signal]:
    """The resistance signals of a unit, each with its reason in numbers. Readiness counts only
    with at least `limits.min_group` respondents (fewer would describe persons)."""
    found = []
    readiness_counts = facts.respondents >= limits.min_group and facts.readiness_index is not None
    if readiness_counts and facts.readiness_index < limits.readiness_index:
        found.append(Signal("readiness", gettext(
            "Readiness index %(index)s, below %(limit)s (%(n)s respondents)."
        ) % {"index": f"{facts.readiness_index:.0f}", "limit": limits.readiness_index,
             "n": facts.respondents}))  # fmt: skip
    if readiness_counts and facts.barrier:
        found.append(Signal("barrier", gettext(
            "The change stalls at %(dimension)s: its mean is 3.0 or lower."
        ) % {"dimension": DIMENSION_LABELS[facts.barrier]}))  # fmt: skip
    if facts.socialised and facts.employees:
        share = _share(facts.attendees, facts.employees)
        if share < limits.attendance_share:
            found.append(Signal("attendance", gettext(
                "%(share)s%% of the unit's ASN attended a socialisation (%(n)s of %(total)s)."
            ) % {"share": share, "n": facts.attendees, "total": facts.employees}))  # fmt: skip
    if facts.skp_deadline_passed and facts.employees:
        share = _share(facts.skp_overdue, facts.employees)
        if facts.skp_overdue and share > limits.skp_overdue_share:
            found.append(Signal("skp_overdue", gettext(
                "%(n)s ASN (%(share)s%%) have no approved SKP after the deadline."
            ) % {"n": facts.skp_overdue, "share": share}))  # fmt: skip
    if facts.jp_mean is not None and facts.jp_expected > 0:
        if facts.jp_mean * 100 < facts.jp_expected * limits.jp_share_of_expected:
            found.append(
                Signal(
                    "jp",
                    gettext(
                        "Mean JP this year %(mean)s, under half of the %(expected)s due by today."
                    )
                    % {"mean": f"{facts.jp_mean:.1f}", "expected": f"{facts.jp_expected:.1f}"},
                )
            )
    if facts.skps_running:
        share = _share(facts.skps_without_dialog, facts.skps_running)
        if share > limits.no_dialog_share:
            found.append(Signal("no_dialog", gettext(
                "%(share)s%% of running SKPs had no dialog kinerja recently (%(n)s of %(total)s)."
            ) % {"share": share, "n": facts.skps_without_dialog,
                 "total": facts.skps_running}))  # fmt: skip
    if facts.pairs_inactive:
        found.append(Signal("mentoring", gettext(
            "%(n)s mentoring pairs met no more in the last weeks."
        ) % {"n": facts.pairs_inactive}))  # fmt: skip
    return found


def jp_expected_by(day_of_year: int, days_in_year: int, target: int) -> float:
    """The JP a steady learner has by a day of the year: the target pro-rated."""
    return target * min(day_of_year, days_in_year) / days_in_year


# --- the logframe -------------------------------------------------------------------------------

LEVELS = ("input", "output", "outcome", "impact")


def target_met(value: float | None, target: float | None, *, higher_is_better: bool) -> bool | None:
    """Whether a value reached its target (None when either is missing)."""
    if value is None or target is None:
        return None
    return value >= target if higher_is_better else value <= target


def quarter_of(date) -> str:
    """ "2027-T1" … "2027-T4" (triwulan)."""
    return f"{date.year}-T{(date.month - 1) // 3 + 1}"


def median(values: Sequence[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
