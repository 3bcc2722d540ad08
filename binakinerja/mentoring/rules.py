"""Pure rules of mentoring (DOMAIN.md §8b, §10): the optimal mentor matching. No database here:
the services build the scores from eligibility and gap coverage and call these."""

from __future__ import annotations

import math
import numbers
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.utils.translation import gettext_lazy as _
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from binakinerja.people.rules import GOLONGAN_ORDER, PPPK_GOLONGAN
from binakinerja.performance.rules import Predikat

MAX_CAPACITY = 5  # a mentor takes 1–5 mentees (issue 14); 0 means "none this cycle"


def match_mentors(
    capacity: Mapping[Hashable, int], scores: Mapping[tuple[Hashable, Hashable], float]
) -> dict[Hashable, Hashable]:
    """The optimal assignment of mentees to mentors: mentee → mentor, unmatched mentees left out.

    `capacity` is mentor → how many mentees they take (0–5; a missing mentor takes nobody);
    `scores` is (mentor, mentee) → how good the pair is (any finite number, negative too). A pair
    not in `scores` is forbidden (self, a declared conflict, the direct atasan) and never used.

    Why this way (§10): first as many mentees matched as possible, then the largest total score.
    Taking the best pair first (greedy) is wrong: it can give a mentor to the one mentee who had
    other choices and leave another with none, or trade two good pairs for one excellent and one
    poor. So it is solved exactly, as a minimum-cost assignment (scipy's sparse Jonker–Volgenant):
    rows are mentees, columns are one slot per unit of a mentor's capacity plus one private
    "unmatched" column per mentee. Costs are positive (the solver needs non-zero weights): a
    real pair costs `spread + 1 - (score - lowest)`, from 1 to spread + 1, so a higher score is
    cheaper; staying unmatched costs more than any pair by `big = spread × mentees + 1`, more
    than all the score a smaller matching could win back, so the count always comes first and a
    zero or negative score still beats no mentor. Every mentee has its own way out, so a full
    assignment always exists.

    Deterministic: mentors and mentees are put in sorted order (first-seen order when their keys
    cannot be compared) before solving, so the same input gives the same answer.
    """
    slots_of = _validated_capacity(capacity)
    pairs = _validated_scores(scores, slots_of)
    if not pairs:
        return {}

    mentors = _stable_order(mentor for mentor, _ in pairs)
    mentees = _stable_order(mentee for _, mentee in pairs)
    mentee_row = {mentee: row for row, mentee in enumerate(mentees)}
    first_slot, slot_mentor = {}, []
    for mentor in mentors:
        first_slot[mentor] = len(slot_mentor)
        slot_mentor.extend([mentor] * slots_of[mentor])

    values = np.fromiter(pairs.values(), dtype=float, count=len(pairs))
    lowest, spread = values.min(), values.max() - values.min()
    unmatched_cost = spread * len(mentees) + 1 + spread + 1

    rows, cols, costs = [], [], []
    for (mentor, mentee), score in pairs.items():
        row, cost = mentee_row[mentee], spread + 1 - (score - lowest)
        for slot in range(first_slot[mentor], first_slot[mentor] + slots_of[mentor]):
            rows.append(row)
            cols.append(slot)
            costs.append(cost)
    n_slots = len(slot_mentor)
    rows.extend(range(len(mentees)))
    cols.extend(range(n_slots, n_slots + len(mentees)))  # each mentee's private "unmatched"
    costs.extend([unmatched_cost] * len(mentees))

    graph = csr_array((costs, (rows, cols)), shape=(len(mentees), n_slots + len(mentees)))
    graph.sort_indices()
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    return {
        mentees[row]: slot_mentor[col]
        for row, col in zip(matched_rows.tolist(), matched_cols.tolist(), strict=True)
        if col < n_slots
    }


def _validated_capacity(capacity: Mapping[Hashable, int]) -> dict[Hashable, int]:
    """Capacity checked: whole numbers 0–5 (bool is not a number of mentees)."""
    for mentor, slots in capacity.items():
        if isinstance(slots, bool) or not isinstance(slots, numbers.Integral):
            raise ValueError(f"capacity of mentor {mentor!r} must be a whole number, got {slots!r}")
        if not 0 <= slots <= MAX_CAPACITY:
            raise ValueError(
                f"capacity of mentor {mentor!r} must be 0 to {MAX_CAPACITY}, got {slots}"
            )
    return {mentor: int(slots) for mentor, slots in capacity.items()}


def _validated_scores(
    scores: Mapping[tuple[Hashable, Hashable], float], slots_of: Mapping[Hashable, int]
) -> dict[tuple[Hashable, Hashable], float]:
    """Scores checked (a (mentor, mentee) key, a finite number) and kept only where the mentor has
    room: a pair with a mentor of capacity 0 or none can never be used."""
    usable = {}
    for key, score in scores.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise ValueError(f"a score key must be a (mentor, mentee) pair, got {key!r}")
        if isinstance(score, bool) or not isinstance(score, numbers.Real | Decimal):
            raise ValueError(f"score of {key!r} must be a number, got {score!r}")
        if not math.isfinite(score):
            raise ValueError(f"score of {key!r} must be finite, got {score!r}")
        if slots_of.get(key[0], 0) > 0:
            usable[key] = float(score)
    return usable


def _stable_order(items: Iterable[Hashable]) -> list[Hashable]:
    """Distinct items sorted, or in first-seen order when they cannot be compared."""
    distinct = list(dict.fromkeys(items))
    try:
        return sorted(distinct)
    except TypeError:
        return distinct


# --- Eligibility and scores (issue 14; DOMAIN.md §8b, §10) ----------------------------------
# Plain facts in, plain results out: the services fill the facts from selectors and settings,
# call `build_scores`, and hand the scores to `match_mentors`. Every part is shown to people
# (the review page lists the reasons a pair was refused and the parts of each score).

# Predikat from worst to best (PermenPANRB 6/2022): "at least Baik" means rank ≥ Baik's.
PREDIKAT_RANK = {
    Predikat.SANGAT_KURANG.value: 1,
    Predikat.KURANG.value: 2,
    Predikat.BUTUH_PERBAIKAN.value: 3,
    Predikat.BAIK.value: 4,
    Predikat.SANGAT_BAIK.value: 5,
}

# Jabatan level, one scale for every kind, following the penyetaraan of structural and
# functional positions (PermenPANRB 17/2021: administrator ↔ ahli muda, pengawas ↔ ahli
# pertama; JPT pratama ↔ ahli madya, JPT madya ↔ ahli utama). Skill levels sit below: penyelia
# at the pengawas step, then mahir, terampil, and pemula with pelaksana. Keys are
# `PositionKind` values; a fungsional kind is ranked by its `FunctionalLevel` instead.
JABATAN_RANK = {
    "pelaksana": 1,
    "pemula": 1,
    "terampil": 2,
    "mahir": 3,
    "penyelia": 4,
    "pengawas": 4,
    "ahli_pertama": 4,
    "administrator": 5,
    "ahli_muda": 5,
    "jpt_pratama": 6,
    "ahli_madya": 6,
    "jpt_madya": 7,
    "ahli_utama": 7,
    "jpt_utama": 8,
}
ACTIVE_STATE = "aktif"  # Employee.State.AKTIF: cuti, tugas belajar (and anyone gone) are not

# Reason codes → labels for the UI (English msgids, Indonesian in locale/id).
REASON_LABELS = {
    "not_active": _("Not active (on leave or study assignment)"),
    "no_predikat": _("No predikat for last year"),
    "predikat_below": _("Predikat last year below the minimum"),
    "self": _("Cannot mentor themselves"),
    "conflict": _("Declared conflict of interest"),
    "direct_atasan": _("Direct superior (atasan langsung)"),
    "level_too_low": _("Competency level not high enough"),
    "no_gap_covered": _("Covers none of the mentee's gaps"),
    "grade_not_higher": _("Jabatan level and golongan not higher than the mentee's"),
}
PART_LABELS = {
    "coverage": _("Gap coverage"),
    "same_field": _("Same field"),
    "place": _("Closeness of units"),
    "cross_opd": _("Cross-OPD"),
    "total": _("Total score"),
}


@dataclass(frozen=True)
class EligibilityRules:
    """Who may mentor, configurable (defaults from issue 14): predikat at least `min_predikat`
    last year; a competency level at least the mentee's required level + `level_margin` in what
    they mentor; a higher jabatan level or golongan than the mentee; active (not on leave)."""

    min_predikat: str = Predikat.BAIK.value
    level_margin: int = 1
    require_higher_grade: bool = True
    require_active: bool = True


@dataclass(frozen=True)
class MatchSettings:
    """Pair rules from the mentoring settings: the direct atasan is not the program's mentor by
    default (the seed wants seniors from elsewhere; Latsar's own mentoring is separate)."""

    forbid_direct_atasan: bool = True


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the score parts (defaults; the services read them from settings). Coverage
    leads; cross-OPD is the seed's collaboration value; closeness is a small tie-breaker."""

    coverage: float = 0.6
    same_field: float = 0.15
    place: float = 0.05
    cross_opd: float = 0.2


@dataclass(frozen=True)
class PersonFacts:
    """What the rules need of one employee (mentor or mentee).

    `levels`: competency code → current level; `required`/`gaps`: for a mentee, competency →
    the level their jabatan requires / how many levels they lack (only gaps > 0 count);
    `unit_path`: the OrgUnit materialised path; `field`: the jabatan field or the OPD's sector;
    `conflicts`: ids of employees they declared a conflict with; `atasan_id`: direct superior.
    """

    id: Hashable
    state: str = ACTIVE_STATE
    predikat: str | None = None
    levels: Mapping[str, int] = field(default_factory=dict)
    required: Mapping[str, int] = field(default_factory=dict)
    gaps: Mapping[str, int] = field(default_factory=dict)
    jabatan_kind: str = ""
    functional_level: str = ""
    golongan: str = ""
    field: str = ""
    unit_path: str = ""
    conflicts: frozenset = frozenset()
    atasan_id: Hashable | None = None


MentorFacts = MenteeFacts = PersonFacts  # one shape for both roles; the names say which


@dataclass(frozen=True)
class ScoreParts:
    """The parts of one pair's score, each in 0–1, and their weighted sum."""

    coverage: float
    same_field: float
    place: float
    cross_opd: float
    total: float

    def explain(self) -> list[tuple[str, float]]:
        """(label, value) rows for the review page, total last."""
        names = ("coverage", "same_field", "place", "cross_opd", "total")
        return [(str(PART_LABELS[name]), round(getattr(self, name), 4)) for name in names]


def reason_labels(reasons: Iterable[str]) -> list[str]:
    """The UI labels of reason codes."""
    return [str(REASON_LABELS[code]) for code in reasons]


def jabatan_rank(person: PersonFacts) -> int:
    """The person's step on the one jabatan scale (`JABATAN_RANK`); 0 when unknown."""
    if person.jabatan_kind.startswith("fungsional"):
        return JABATAN_RANK.get(person.functional_level, 0)
    return JABATAN_RANK.get(person.jabatan_kind, 0)


def _golongan_scale(code: str) -> str:
    return "pppk" if code in PPPK_GOLONGAN else "pns"


def higher_grade(mentor: PersonFacts, mentee: PersonFacts) -> bool:
    """A higher jabatan level (`jabatan_rank`; an unknown one ranks 0), or a higher golongan on
    the same scale (PNS I/a–IV/e and PPPK I–XVII are separate scales, not compared)."""
    if jabatan_rank(mentor) > jabatan_rank(mentee):
        return True
    a, b = mentor.golongan, mentee.golongan
    if a in GOLONGAN_ORDER and b in GOLONGAN_ORDER and _golongan_scale(a) == _golongan_scale(b):
        return GOLONGAN_ORDER[a] > GOLONGAN_ORDER[b]
    return False


def mentor_eligible(mentor: PersonFacts, rules: EligibilityRules = EligibilityRules()) -> list[str]:
    """Reasons (codes of `REASON_LABELS`) the person may not mentor at all; empty = eligible.
    The level and grade rules depend on the mentee: see `pair_allowed`."""
    reasons = []
    if rules.require_active and mentor.state != ACTIVE_STATE:
        reasons.append("not_active")
    if rules.min_predikat:
        if not mentor.predikat:
            reasons.append("no_predikat")
        elif PREDIKAT_RANK.get(mentor.predikat, 0) < PREDIKAT_RANK[rules.min_predikat]:
            reasons.append("predikat_below")
    return reasons


def covered_gaps(mentor: PersonFacts, mentee: PersonFacts, margin: int) -> dict[str, int]:
    """The mentee's gaps (competency → levels lacking) where the mentor is strong enough: level
    ≥ the mentee's required level + margin."""
    return {
        competency: gap
        for competency, gap in mentee.gaps.items()
        if gap > 0
        and mentor.levels.get(competency, 0) >= mentee.required.get(competency, 0) + margin
    }


def pair_allowed(
    mentor: PersonFacts,
    mentee: PersonFacts,
    competency: str | None = None,
    rules: EligibilityRules = EligibilityRules(),
    settings: MatchSettings = MatchSettings(),
) -> list[str]:
    """Reasons this pair is forbidden; empty = allowed. `competency` is what the mentor would
    mentor; None means any of the mentee's gaps (then at least one must be covered). The
    mentor's own eligibility is `mentor_eligible`, checked separately."""
    reasons = []
    if mentor.id == mentee.id:
        reasons.append("self")
    if mentee.id in mentor.conflicts or mentor.id in mentee.conflicts:
        reasons.append("conflict")
    if settings.forbid_direct_atasan and mentee.atasan_id is not None:
        if mentee.atasan_id == mentor.id:
            reasons.append("direct_atasan")
    if competency is None:
        if not covered_gaps(mentor, mentee, rules.level_margin):
            reasons.append("no_gap_covered")
    elif mentor.levels.get(competency, 0) < mentee.required.get(competency, 0) + rules.level_margin:
        reasons.append("level_too_low")
    if rules.require_higher_grade and not higher_grade(mentor, mentee):
        reasons.append("grade_not_higher")
    return reasons


def _segments(path: str) -> list[str]:
    return path.split(".") if path else []


def place_closeness(path_a: str, path_b: str) -> float:
    """Closeness of two units from the common prefix of their materialised paths (fixed-width
    segments "government.opd.unit…"): same unit 1.0, same OPD 0.6, same government 0.3, else 0."""
    a, b = _segments(path_a), _segments(path_b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return 0.6 if common >= 2 else 0.3 if common == 1 else 0.0


def _opd(path: str) -> tuple[str, ...]:
    return tuple(_segments(path)[:2])


def pair_score(
    mentor: PersonFacts,
    mentee: PersonFacts,
    weights: ScoreWeights = ScoreWeights(),
    margin: int = 1,
) -> ScoreParts:
    """The score of a pair and its parts (each 0–1):

    - coverage: share of the mentee's gap levels that fall in the mentor's strengths (a gap of 3
      covered counts three times a gap of 1);
    - same_field: 1 when both have the same (non-empty) field;
    - place: `place_closeness` of their units;
    - cross_opd: 1 when their OPDs differ (collaboration across OPDs is a program goal);
    - total: Σ weight × part.
    """
    all_gaps = sum(gap for gap in mentee.gaps.values() if gap > 0)
    coverage = sum(covered_gaps(mentor, mentee, margin).values()) / all_gaps if all_gaps else 0.0
    same = mentor.field.strip().casefold()
    same_field = 1.0 if same and same == mentee.field.strip().casefold() else 0.0
    place = place_closeness(mentor.unit_path, mentee.unit_path)
    both_placed = bool(mentor.unit_path and mentee.unit_path)
    cross = 1.0 if both_placed and _opd(mentor.unit_path) != _opd(mentee.unit_path) else 0.0
    total = (
        weights.coverage * coverage
        + weights.same_field * same_field
        + weights.place * place
        + weights.cross_opd * cross
    )
    return ScoreParts(coverage, same_field, place, cross, total)


def build_scores(
    mentors: Iterable[PersonFacts],
    mentees: Iterable[PersonFacts],
    rules: EligibilityRules = EligibilityRules(),
    weights: ScoreWeights = ScoreWeights(),
    settings: MatchSettings = MatchSettings(),
) -> tuple[dict, dict, dict]:
    """(scores, parts, refused) keyed by (mentor id, mentee id), ready for `match_mentors`.

    Only candidate pairs are looked at: eligible mentors (`mentor_eligible`) are indexed by
    competency, sorted by level, so each mentee meets just the mentors strong enough in one of
    its gaps (never all mentors × mentees). A candidate refused by `pair_allowed` goes to
    `refused` with its reasons; a pair covering none of the gaps is simply not a candidate.
    Deterministic: mentors are taken in the order given.
    """
    mentors = [m for m in mentors if not mentor_eligible(m, rules)]
    margin = rules.level_margin
    by_competency: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, mentor in enumerate(mentors):
        for competency, level in mentor.levels.items():
            by_competency[competency].append((level, index))
    index_of: dict[str, tuple[list[int], list[int]]] = {}
    for competency, entries in by_competency.items():
        entries.sort(key=lambda entry: (-entry[0], entry[1]))  # strongest first
        index_of[competency] = ([-level for level, _ in entries], [i for _, i in entries])

    scores, parts, refused = {}, {}, {}
    for mentee in mentees:
        candidates: set[int] = set()
        for competency, gap in mentee.gaps.items():
            if gap <= 0 or competency not in index_of:
                continue
            negative_levels, indexes = index_of[competency]
            needed = mentee.required.get(competency, 0) + margin
            candidates.update(indexes[: bisect_right(negative_levels, -needed)])
        for index in sorted(candidates):
            mentor = mentors[index]
            key = (mentor.id, mentee.id)
            reasons = pair_allowed(mentor, mentee, None, rules, settings)
            if reasons:
                refused[key] = reasons
                continue
            score = pair_score(mentor, mentee, weights, margin)
            parts[key] = score
            scores[key] = score.total
    return scores, parts, refused
