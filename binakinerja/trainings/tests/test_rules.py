"""The pure rules of training and the JP ledger (DOMAIN.md §8, §8a, §10)."""

from decimal import Decimal

import pytest

from binakinerja.trainings.rules import (
    FORMS,
    Conversion,
    completed,
    form_of,
    impact_band,
    jp_of,
    normalised_gain,
)


def test_normalised_gain_half_negative_and_other_maxima():
    assert normalised_gain(40, 70) == pytest.approx(0.5)
    assert normalised_gain(60, 45) == pytest.approx(-0.375)
    assert normalised_gain(5, 7.5, maximum=10) == pytest.approx(0.5)
    assert normalised_gain(0, 4, maximum=4) == pytest.approx(1.0)
    assert normalised_gain(Decimal("20"), Decimal("20")) == 0


def test_normalised_gain_is_none_when_nothing_was_left_to_gain():
    assert normalised_gain(100, 100) is None
    assert normalised_gain(10, 8, maximum=10) is None


@pytest.mark.parametrize("pre, post, maximum", [(-1, 50, 100), (50, 101, 100), (5, 5, 0)])
def test_normalised_gain_refuses_scores_outside_the_scale(pre, post, maximum):
    with pytest.raises(ValueError):
        normalised_gain(pre, post, maximum=maximum)


def test_jp_of_minutes_per_form_with_rounding_and_cap():
    assert jp_of(90) == 2
    assert jp_of(100) == 2
    assert jp_of(100, rounding="up") == 3
    assert jp_of(67, rounding="half_up") == 1
    assert jp_of(68, rounding="half_up") == 2
    mentoring = Conversion(minutes_per_jp=60, cap_jp=Decimal(10))
    assert jp_of(180, mentoring) == 3
    assert jp_of(6000, mentoring) == 10
    with pytest.raises(ValueError):
        jp_of(-5)


def test_forms_carry_their_siasn_codes():
    assert form_of("nkl02").jenis_diklat_id == 15
    assert form_of("KL10").name == "Bimbingan Teknis" and form_of("KL10").jenis_diklat_id == 8
    assert FORMS["KL01"].klasikal and not FORMS["NKL03"].klasikal
    assert sorted(f.jenis_diklat_id for f in FORMS.values()) == list(range(1, 26))
    with pytest.raises(ValueError):
        form_of("KL99")


@pytest.mark.parametrize(
    "score, band",
    [(0, "Tidak berdampak"), (25, "Tidak berdampak"), (25.01, "Kurang berdampak"),
     (50, "Kurang berdampak"), (75, "Cukup berdampak"), (75.5, "Sangat berdampak"),
     (100, "Sangat berdampak")],
)  # fmt: skip
def test_impact_bands(score, band):
    assert impact_band(score) == band


def test_completion_needs_attendance_and_the_pass_mark():
    assert completed(attended=8, sessions=10, min_attendance_pct=80)
    assert not completed(attended=7, sessions=10, min_attendance_pct=80)
    assert completed(attended=8, sessions=10, min_attendance_pct=80, post_score=70, pass_mark=70)
    assert not completed(attended=10, sessions=10, min_attendance_pct=80, post_score=69.5,
                         pass_mark=70)  # fmt: skip
    assert not completed(attended=10, sessions=10, min_attendance_pct=80, pass_mark=70)
    assert not completed(attended=0, sessions=0, min_attendance_pct=0)


# --- L3 impact score and months (attendance and evaluation area) ----------------------------------


def test_impact_score_is_the_mean_step_over_three_clipped_at_zero():
    from binakinerja.trainings.rules import impact_score

    assert impact_score([(1, 4)]) == Decimal("100.00")
    assert impact_score([(2, 3), (2, 2)]) == Decimal("16.67")  # (1 + 0) / 2 / 3 × 100
    assert impact_score([(2, 4)] * 5) == Decimal("66.67")
    assert impact_score([(3, 1), (2, 3)]) == Decimal("0.00")  # mean −1/6 step: clipped
    assert impact_score([(3, 3)]) == Decimal("0.00")
    for bad in ([], [(0, 3)], [(2, 5)], [(2.5, 3)]):
        with pytest.raises(ValueError):
            impact_score(bad)


def test_impact_score_falls_in_its_band():
    from binakinerja.trainings.rules import impact_band, impact_score

    assert impact_band(impact_score([(2, 3), (2, 2)])) == "Tidak berdampak"
    assert impact_band(impact_score([(2, 4)])) == "Cukup berdampak"
    assert impact_band(impact_score([(1, 4)])) == "Sangat berdampak"


def test_add_months_clips_to_the_end_of_the_month():
    import datetime as dt

    from binakinerja.trainings.rules import add_months

    assert add_months(dt.date(2026, 3, 3), 3) == dt.date(2026, 6, 3)
    assert add_months(dt.date(2026, 5, 31), 3) == dt.date(2026, 8, 31)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 6, 3), -3) == dt.date(2026, 3, 3)
    assert add_months(dt.date(2026, 1, 31), -2) == dt.date(2025, 11, 30)
