"""Pure rules of mentoring (DOMAIN.md §8b, §10): the optimal mentor matching. No database here:
the services build the scores from eligibility and gap coverage and call these."""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

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
