from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from binakinerja.performance.rules import (
    DistributionRule,
    OrgPredikat,
    Predikat,
    Rating,
    distribution_violations,
    predikat_kinerja,
)

# The whole matrix of DOMAIN.md §5, written out: (hasil kerja, perilaku kerja) → predikat.
MATRIX = [
    ("di_atas", "di_bawah", "kurang"),
    ("di_atas", "sesuai", "baik"),
    ("di_atas", "di_atas", "sangat_baik"),
    ("sesuai", "di_bawah", "kurang"),
    ("sesuai", "sesuai", "baik"),
    ("sesuai", "di_atas", "baik"),
    ("di_bawah", "di_bawah", "sangat_kurang"),
    ("di_bawah", "sesuai", "butuh_perbaikan"),
    ("di_bawah", "di_atas", "butuh_perbaikan"),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), MATRIX)
def test_predikat_matrix(hasil, perilaku, expected):
    result = predikat_kinerja(hasil, perilaku)
    assert result == expected
    assert isinstance(result, Predikat)


def test_accepts_textchoices_members():
    assert predikat_kinerja(Rating.DI_ATAS, Rating.DI_ATAS) is Predikat.SANGAT_BAIK


@pytest.mark.parametrize(("hasil", "perilaku"), [("baik", "sesuai"), ("sesuai", ""), (None, 1)])
def test_unknown_rating_is_refused_with_a_message(hasil, perilaku):
    with pytest.raises(ValidationError) as caught:
        predikat_kinerja(hasil, perilaku)
    assert caught.value.error_list[0].code == "rating"


def counts(**numbers):
    return dict(numbers)


@pytest.mark.parametrize(
    ("org", "staff", "broken"),
    [
        # Istimewa: Sangat Baik at most 70% — exactly 70% is allowed, 71% is not.
        ("istimewa", counts(sangat_baik=7, baik=3), 0),
        ("istimewa", counts(sangat_baik=71, baik=29), 1),
        # Baik: Baik at most 70%, and at least one Butuh Perbaikan or Kurang.
        ("baik", counts(baik=7, sangat_baik=2, butuh_perbaikan=1), 0),
        ("baik", counts(baik=7, sangat_baik=2, kurang=1), 0),
        ("baik", counts(baik=7, sangat_baik=3), 1),
        ("baik", counts(baik=8, butuh_perbaikan=1, sangat_baik=1), 1),
        ("baik", counts(baik=10), 2),
        # Butuh Perbaikan: at least 60% Butuh Perbaikan, at most 10% Sangat Baik.
        ("butuh_perbaikan", counts(butuh_perbaikan=6, baik=3, sangat_baik=1), 0),
        ("butuh_perbaikan", counts(butuh_perbaikan=5, baik=4, sangat_baik=1), 1),
        ("butuh_perbaikan", counts(butuh_perbaikan=6, baik=2, sangat_baik=2), 1),
        # Kurang: Kurang ≥ 60%, Butuh Perbaikan ≥ 10%, Sangat Baik ≤ 10%.
        ("kurang", counts(kurang=6, butuh_perbaikan=1, sangat_baik=1, baik=2), 0),
        ("kurang", counts(kurang=6, baik=4), 1),
        ("kurang", counts(kurang=5, butuh_perbaikan=1, sangat_baik=2, baik=2), 2),
        # Sangat Kurang: ≥ 60%, Kurang or Butuh Perbaikan ≥ 10%, no Sangat Baik at all.
        ("sangat_kurang", counts(sangat_kurang=6, kurang=1, baik=3), 0),
        ("sangat_kurang", counts(sangat_kurang=6, butuh_perbaikan=1, baik=3), 0),
        ("sangat_kurang", counts(sangat_kurang=6, baik=3, sangat_baik=1), 2),
        ("sangat_kurang", counts(sangat_kurang=59, kurang=10, baik=31), 1),
    ],
)
def test_distribution_rules_at_their_edges(org, staff, broken):
    violations = distribution_violations(org, staff)
    assert len(violations) == broken, [v.message for v in violations]


def test_violation_says_which_rule_and_the_actual_numbers():
    (violation,) = distribution_violations(OrgPredikat.ISTIMEWA, {"sangat_baik": 8, "baik": 2})
    assert violation.actual_count == 8
    assert violation.total == 10
    assert "70%" in violation.message
    assert "8" in violation.message and "10" in violation.message


def test_no_rated_staff_breaks_nothing():
    assert distribution_violations("baik", {}) == []
    assert distribution_violations("baik", {"baik": 0}) == []


def test_rules_are_configurable_data():
    lenient = {OrgPredikat.BAIK: [DistributionRule(("baik",), "max", share=Fraction(9, 10))]}
    assert distribution_violations("baik", {"baik": 9, "sangat_baik": 1}, rules=lenient) == []
    assert len(distribution_violations("baik", {"baik": 9, "sangat_baik": 1})) == 2


@pytest.mark.parametrize(
    ("org", "staff"),
    [("luar_biasa", {"baik": 1}), ("baik", {"cukup": 1}), ("baik", {"baik": -1})],
)
def test_bad_input_is_refused(org, staff):
    with pytest.raises(ValidationError):
        distribution_violations(org, staff)


@given(
    st.sampled_from(OrgPredikat.values),
    st.dictionaries(st.sampled_from(Predikat.values), st.integers(0, 500), max_size=5),
)
def test_each_violation_really_breaks_its_rule(org, staff):
    total = sum(staff.values())
    for violation in distribution_violations(org, staff):
        rule = violation.rule
        actual = sum(staff.get(p, 0) for p in rule.predikats)
        assert violation.actual_count == actual
        limit = rule.share * total if rule.share is not None else rule.count
        assert actual < limit if rule.bound == "min" else actual > limit


@pytest.mark.parametrize(
    ("org", "rating"),
    [("istimewa", "di_atas"), ("baik", "sesuai"), ("butuh_perbaikan", "di_bawah"),
     ("kurang", "di_bawah"), ("sangat_kurang", "di_bawah")],
)  # fmt: skip
def test_unit_head_takes_the_units_result(org, rating):
    from binakinerja.performance.rules import hasil_kerja_of_unit_head

    assert hasil_kerja_of_unit_head(org) == rating
