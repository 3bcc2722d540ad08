"""compute_ikm and krejcie_morgan on hand-worked cases (DOMAIN.md §9)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binakinerja.satisfaction.rules import (
    EXACT_WEIGHT,
    band_of,
    compute_ikm,
    ikm_from_sums,
    krejcie_morgan,
    percentile,
    priorities,
    score_of,
    weight_from_setting,
)


def test_hand_worked_two_respondents_with_an_unanswered_element():
    # NRR: (4+3)/2, (3+3)/2, (3+4)/2, 4, 3, 3.5, 4, 2.5, and element 9 only once: 3/1.
    result = compute_ikm([(4, 3, 3, 4, 3, 3, 4, 2, 3), (3, 3, 4, 4, 3, 4, 4, 3, None)])
    assert result.nrr == (3.5, 3.0, 3.5, 4.0, 3.0, 3.5, 4.0, 2.5, 3.0)
    assert result.answers == (2, 2, 2, 2, 2, 2, 2, 2, 1)
    assert result.respondents == 2
    # Σ NRR = 30 → IKM = 30/9 = 3.3333…, × 25 = 83.333… → 83.33, band B / Baik.
    assert result.ikm == pytest.approx(30 / 9)
    assert result.score == Decimal("83.33")
    assert (result.mutu, result.kinerja) == ("B", "Baik")


def test_perfect_score_is_100_with_the_exact_weight_and_99_9_with_the_printed_one():
    assert compute_ikm([(4,) * 9]).score == Decimal("100.00")
    old = compute_ikm([(4,) * 9], weight=weight_from_setting("0.111"))
    assert old.score == Decimal("99.90")
    assert old.mutu == "A"
    assert compute_ikm([(4,) * 9], weight=weight_from_setting("0.11")).score == Decimal("99.00")


def test_lowest_score_is_25_tidak_baik():
    result = compute_ikm([(1,) * 9])
    assert (result.score, result.mutu, result.kinerja) == (Decimal("25.00"), "D", "Tidak Baik")


@pytest.mark.parametrize(
    ("ikm", "score", "mutu", "kinerja"),
    [
        (Fraction(25996, 10000), "64.99", "D", "Tidak Baik"),
        (Fraction(26, 10), "65.00", "C", "Kurang Baik"),
        (Fraction(3064, 1000), "76.60", "C", "Kurang Baik"),
        (Fraction(30644, 10000), "76.61", "B", "Baik"),
        # Between the printed 3.064 and 3.0644: settled by the score rounded to 2 decimals.
        (Fraction(30642, 10000), "76.61", "B", "Baik"),
        (Fraction(30641, 10000), "76.60", "C", "Kurang Baik"),
        (Fraction(3532, 1000), "88.30", "B", "Baik"),
        (Fraction(35324, 10000), "88.31", "A", "Sangat Baik"),
        (Fraction(4), "100.00", "A", "Sangat Baik"),
    ],
)
def test_band_edges(ikm, score, mutu, kinerja):
    assert score_of(ikm) == Decimal(score)
    assert band_of(Decimal(score)) == (mutu, kinerja)


def test_no_intermediate_rounding():
    # Element NRRs of 1/3 fractions: rounding each NRR to 3 decimals first would give
    # 9 × 3.333 / 9 × 25 = 83.325 → 83.33 but 3.667-based rounding differs; check exactness:
    # answers 3,3,4 on every element → NRR 10/3 → IKM 10/3 → 83.333… → 83.33.
    result = compute_ikm([(3,) * 9, (3,) * 9, (4,) * 9])
    assert result.ikm == pytest.approx(10 / 3)
    assert result.score == Decimal("83.33")
    # A sum that only rounds up when unrounded: NRRs 2.6 each → 65.00 exactly (band C).
    five = [(3,) * 9, (3,) * 9, (3,) * 9, (2,) * 9, (2,) * 9]
    assert compute_ikm(five).score == Decimal("65.00")
    assert compute_ikm(five).mutu == "C"


def test_an_element_nobody_answered_leaves_the_index_undefined():
    result = compute_ikm([(4, 4, 4, 4, 4, 4, 4, 4, None)])
    assert result.nrr[8] is None
    assert result.ikm is None and result.score is None and result.mutu is None
    assert not result.complete


def test_no_responses():
    result = compute_ikm([])
    assert result.respondents == 0 and result.ikm is None


@pytest.mark.parametrize("bad", [0, 5, -1, "3", True, 2.5])
def test_answers_outside_1_to_4_are_refused(bad):
    with pytest.raises(ValueError, match="element 2"):
        compute_ikm([(3, bad, 3, 3, 3, 3, 3, 3, 3)])


def test_wrong_number_of_answers_is_refused():
    with pytest.raises(ValueError, match="9 answers"):
        compute_ikm([(3,) * 8])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(*[st.one_of(st.none(), st.integers(1, 4))] * 9), max_size=30))
def test_compute_ikm_agrees_with_the_aggregate_form(responses):
    direct = compute_ikm(responses)
    sums = [sum(r[i] or 0 for r in responses) for i in range(9)]
    counts = [sum(r[i] is not None for r in responses) for i in range(9)]
    via_sums = ikm_from_sums(sums, counts, respondents=len(responses), weight=EXACT_WEIGHT)
    assert direct == via_sums
    if direct.complete:
        assert Decimal("25.00") <= direct.score <= Decimal("100.00")


@pytest.mark.parametrize(
    ("population", "minimum"),
    # The published Krejcie–Morgan table.
    [(10, 10), (50, 44), (100, 80), (500, 217), (1000, 278), (5000, 357), (10000, 370),
     (100000, 383), (1000000, 384), (1, 1), (0, 0)],
)  # fmt: skip
def test_krejcie_morgan_table(population, minimum):
    assert krejcie_morgan(population) == minimum


@pytest.mark.parametrize("bad", [-1, 2.5, "100", None, True])
def test_krejcie_morgan_refuses_non_counts(bad):
    with pytest.raises(ValueError):
        krejcie_morgan(bad)


def test_unknown_weight_setting():
    with pytest.raises(ValueError, match="unknown IKM weight"):
        weight_from_setting("0.2")


def test_priorities_are_the_lowest_elements():
    assert priorities([3.5, 3.0, 3.5, 4.0, 3.0, 3.5, 4.0, 2.5, None]) == [8, 2, 5]


def test_percentile_interpolates():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert percentile(values, 0.5) == 5.5
    assert percentile(values, 0.9) == pytest.approx(9.1)
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.5) is None


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(1, 500), min_size=9, max_size=9),
    st.data(),
    st.sampled_from(["exact", "0.111", "0.11"]),
)
def test_integer_arithmetic_equals_fractions(counts, data, weight_name):
    sums = [data.draw(st.integers(c, 4 * c)) for c in counts]
    weight = weight_from_setting(weight_name)
    result = ikm_from_sums(sums, counts, respondents=max(counts), weight=weight)
    exact = sum(Fraction(s, c) for s, c in zip(sums, counts, strict=True)) * weight
    assert result.ikm == float(exact)
    assert result.score == score_of(exact)
    assert result.nrr == tuple(float(Fraction(s, c)) for s, c in zip(sums, counts, strict=True))
