"""The mentor matching (DOMAIN.md §10): optimal against an exhaustive search, greedy shown wrong,
capacity and forbidden pairs respected, deterministic, bad input refused."""

from __future__ import annotations

import functools
import os
import random
from collections import Counter
from decimal import Decimal

import pytest

from binakinerja.mentoring.rules import match_mentors


def exhaustive_best(capacity, scores):
    """(matched, total) of the best assignment, by trying every choice for every mentee (a
    mentor with room, or none), remembering what is left of each capacity."""
    mentors = sorted(capacity)
    mentees = sorted({mentee for _, mentee in scores})

    @functools.cache
    def best(index, left):
        if index == len(mentees):
            return 0, 0.0
        options = [best(index + 1, left)]  # this mentee stays unmatched
        for position, mentor in enumerate(mentors):
            pair = (mentor, mentees[index])
            if pair in scores and left[position] > 0:
                rest = left[:position] + (left[position] - 1,) + left[position + 1 :]
                matched, total = best(index + 1, rest)
                options.append((matched + 1, total + scores[pair]))
        return max(options)

    return best(0, tuple(capacity[mentor] for mentor in mentors))


def greedy(capacity, scores):
    """Best pair first — the tempting wrong method."""
    left, result = dict(capacity), {}
    for (mentor, mentee), _ in sorted(scores.items(), key=lambda item: -item[1]):
        if mentee not in result and left.get(mentor, 0) > 0:
            result[mentee] = mentor
            left[mentor] -= 1
    return result


def total(result, scores):
    return sum(scores[mentor, mentee] for mentee, mentor in result.items())


def assert_feasible(result, capacity, scores):
    assert all((mentor, mentee) in scores for mentee, mentor in result.items())
    for mentor, taken in Counter(result.values()).items():
        assert taken <= capacity[mentor]


def random_case(rng: random.Random, *, floats: bool):
    capacity = {f"m{i}": rng.randint(1, 3) for i in range(rng.randint(1, 5))}
    scores = {}
    for mentee in (f"e{j}" for j in range(rng.randint(1, 7))):
        for mentor in capacity:
            if rng.random() < 0.55:  # the rest are forbidden pairs
                score = rng.uniform(-5, 10) if floats else rng.randint(-3, 10)
                scores[mentor, mentee] = round(score, 2) if floats else score
    return capacity, scores


@pytest.mark.parametrize("seed", range(300))
def test_matches_the_exhaustive_optimum_on_random_small_cases(seed):
    rng = random.Random(seed)
    capacity, scores = random_case(rng, floats=seed % 2 == 1)
    result = match_mentors(capacity, scores)
    assert_feasible(result, capacity, scores)
    matched, best_total = exhaustive_best(capacity, scores)
    assert len(result) == matched
    assert total(result, scores) == pytest.approx(best_total, abs=1e-9)


def test_greedy_leaves_a_mentee_without_a_mentor_where_the_optimum_matches_both():
    capacity = {"senior": 1, "other": 1}
    scores = {("senior", "ani"): 10, ("senior", "budi"): 9, ("other", "ani"): 1}
    assert greedy(capacity, scores) == {"ani": "senior"}  # budi left with no one
    assert match_mentors(capacity, scores) == {"ani": "other", "budi": "senior"}


def test_greedy_gets_a_lower_total_with_the_same_count():
    capacity = {"senior": 1, "other": 1}
    scores = {("senior", "ani"): 10, ("senior", "budi"): 9, ("other", "ani"): 8,
              ("other", "budi"): 1}  # fmt: skip
    greedy_result, result = greedy(capacity, scores), match_mentors(capacity, scores)
    assert len(greedy_result) == len(result) == 2
    assert total(greedy_result, scores) == 11 < total(result, scores) == 17


def test_more_mentees_matched_beats_a_higher_total():
    capacity = {"senior": 1, "other": 1}
    scores = {("senior", "ani"): 100, ("senior", "budi"): -50, ("other", "ani"): -50}
    result = match_mentors(capacity, scores)
    assert result == {"ani": "other", "budi": "senior"}  # total -100, but both have a mentor


def test_a_zero_or_negative_score_is_still_better_than_no_mentor():
    assert match_mentors({"a": 1}, {("a", "x"): 0}) == {"x": "a"}
    assert match_mentors({"a": 2}, {("a", "x"): -7.5, ("a", "y"): -1}) == {"x": "a", "y": "a"}


def test_capacity_is_respected_and_the_rest_stay_unmatched():
    scores = {("a", f"e{j}"): j for j in range(6)}
    result = match_mentors({"a": 2}, scores)
    assert result == {"e4": "a", "e5": "a"}  # the two best


def test_a_mentor_with_capacity_zero_or_missing_takes_nobody():
    scores = {("zero", "x"): 5, ("missing", "y"): 5, ("open", "x"): 1}
    assert match_mentors({"zero": 0, "open": 1}, scores) == {"x": "open"}


def test_forbidden_pairs_are_never_used_even_when_mentors_have_room():
    capacity = {"a": 5, "b": 5}
    scores = {("a", "x"): 1, ("b", "y"): 1}  # (a, y) and (b, x) forbidden
    assert match_mentors(capacity, scores) == {"x": "a", "y": "b"}


def test_empty_inputs_give_an_empty_matching():
    assert match_mentors({}, {}) == {}
    assert match_mentors({"a": 3}, {}) == {}
    assert match_mentors({}, {("a", "x"): 1}) == {}


def test_same_input_in_any_order_gives_the_same_answer_even_with_ties():
    capacity = {m: 2 for m in "abcd"}
    scores = {(m, e): 1 for m in "abcd" for e in "pqrstuvwxyz"}  # every pair ties
    first = match_mentors(capacity, scores)
    assert len(first) == 8
    shuffled = list(scores.items())
    random.Random(3).shuffle(shuffled)
    assert match_mentors(dict(reversed(capacity.items())), dict(shuffled)) == first


def test_keys_of_mixed_types_and_decimal_scores_work():
    scores = {(1, "x"): Decimal("2.5"), ("b", 2): 1}
    assert match_mentors({1: 1, "b": 1}, scores) == {"x": 1, 2: "b"}


@pytest.mark.parametrize("slots", [6, -1, 2.0, True, "3", None])
def test_capacity_outside_whole_0_to_5_is_refused(slots):
    with pytest.raises(ValueError, match="capacity of mentor 'a'"):
        match_mentors({"a": slots}, {("a", "x"): 1})


@pytest.mark.parametrize("score", [float("nan"), float("inf"), "1", None, False])
def test_a_score_that_is_not_a_finite_number_is_refused(score):
    with pytest.raises(ValueError, match="score of"):
        match_mentors({"a": 1}, {("a", "x"): score})


def test_a_score_key_that_is_not_a_pair_is_refused():
    with pytest.raises(ValueError, match="pair"):
        match_mentors({"a": 1}, {"a": 1})


@pytest.mark.skipif(os.environ.get("BENCH_LARGE") != "1", reason="large case: BENCH_LARGE=1")
def test_province_scale_case_respects_capacity_and_forbidden_pairs():
    """5,000 mentees × 1,000 mentors, about 50 eligible each (the issue's benchmark size);
    bench/mentoring.py times it."""
    rng = random.Random(14)
    capacity = {m: rng.randint(1, 5) for m in range(1000)}
    scores = {(m, e): rng.randint(0, 100) for e in range(5000) for m in rng.sample(range(1000), 50)}
    result = match_mentors(capacity, scores)
    assert_feasible(result, capacity, scores)
    assert len(result) == min(5000, sum(capacity.values()))  # so many choices: all seats filled
