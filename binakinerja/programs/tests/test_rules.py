"""The program's pure rules: ADKAR (DOMAIN.md §10), the planner's order, the signals."""

from fractions import Fraction

import pytest

from binakinerja.programs.rules import (
    DIMENSIONS,
    SignalLimits,
    UnitFacts,
    adkar_profile,
    phase_sizes,
    plan_order,
    target_met,
    unit_barrier,
    unit_signals,
)


def test_all_fives_is_full_readiness_without_barrier():
    profile = adkar_profile({d: [5, 5] for d in DIMENSIONS})
    assert profile.index == 100
    assert profile.dimensions == dict.fromkeys(DIMENSIONS, 100)
    assert profile.barrier is None


def test_mixed_answers_give_the_first_low_dimension_as_barrier():
    profile = adkar_profile({
        "awareness": [5, 4],  # mean 4.5 → 87.5
        "desire": [2, 3],  # mean 2.5 → 37.5: the barrier
        "knowledge": [1, 2],  # mean 1.5, also low but later in ADKAR order
        "ability": [4],  # 75
        "reinforcement": [3, 3],  # 50
    })  # fmt: skip
    assert profile.dimensions == {"awareness": 87.5, "desire": 37.5, "knowledge": 12.5,
                                  "ability": 75.0, "reinforcement": 50.0}  # fmt: skip
    assert profile.index == pytest.approx((87.5 + 37.5 + 12.5 + 75 + 50) / 5)
    assert profile.barrier == "desire"


def test_a_mean_of_exactly_three_is_a_barrier():
    # 3 items whose mean is exactly 3.0 (a float sum would be exact here too; 3 of 3, 2, 4).
    profile = adkar_profile({"awareness": [4, 4], "desire": [3, 2, 4], "knowledge": [4]})
    assert profile.means["desire"] == Fraction(3)
    assert profile.dimensions["desire"] == 50
    assert profile.barrier == "desire"
    just_above = adkar_profile({"awareness": [4, 4], "desire": [3, 3, 4]})
    assert just_above.barrier is None


def test_no_barrier_when_every_mean_is_above_three():
    profile = adkar_profile({d: [4, 3] for d in DIMENSIONS})  # mean 3.5 everywhere
    assert profile.barrier is None
    assert profile.index == 62.5


def test_unanswered_dimension_is_left_out_of_the_index():
    profile = adkar_profile({"awareness": [5], "desire": [1], "knowledge": []})
    assert profile.dimensions["knowledge"] is None
    assert profile.index == 50  # (100 + 0) / 2
    assert profile.barrier == "desire"


@pytest.mark.parametrize("answers", [
    {"awareness": [6]}, {"awareness": [0]}, {"desire": [True]}, {"ability": [2.5]},
    {"motivation": [3]}, {}, {"awareness": []},
])  # fmt: skip
def test_answers_outside_the_scale_are_refused(answers):
    with pytest.raises(ValueError):
        adkar_profile(answers)


def test_unit_barrier_uses_the_same_threshold_on_mean_scores():
    assert unit_barrier({"awareness": 80, "desire": 50.0, "knowledge": 20}, 3) == "desire"
    assert unit_barrier({"awareness": 80, "desire": 50.1}, 3) is None


def test_phase_sizes_are_even_with_earlier_phases_taking_the_rest():
    assert phase_sizes(10, 3) == [4, 3, 3]
    assert phase_sizes(2, 3) == [1, 1, 0]


def test_random_order_is_reproducible_from_its_seed():
    units = list(range(1, 21))
    first = plan_order(units, 3, method="random", seed=2027)
    assert plan_order(units, 3, method="random", seed=2027) == first
    assert plan_order(units, 3, method="random", seed=2028) != first
    assert sorted(first) == units
    assert sorted(list(first.values()).count(n) for n in (1, 2, 3)) == [6, 7, 7]


def test_random_order_needs_a_seed():
    with pytest.raises(ValueError):
        plan_order([1, 2], 2, method="random")


def test_fixed_units_keep_their_phase_and_the_rest_fill_around_them():
    plan = plan_order(list(range(1, 10)), 3, method="random", seed=5, fixed={7: 1, 8: 1})
    assert plan[7] == plan[8] == 1
    assert sum(1 for n in plan.values() if n == 1) == 3  # 9 units → 3 per phase


def test_readiness_order_puts_the_most_ready_first_and_unknown_last():
    plan = plan_order(["a", "b", "c", "d"], 2, method="readiness",
                      readiness={"a": 40, "b": 90, "c": None, "d": 70})  # fmt: skip
    assert plan == {"b": 1, "d": 1, "a": 2, "c": 2}


def test_signals_each_with_its_reason():
    facts = UnitFacts(
        employees=100, respondents=12, readiness_index=48.0, barrier="ability", socialised=True,
        attendees=30, skp_overdue=40, skp_deadline_passed=True, jp_mean=2.0, jp_expected=10.0,
        skps_running=50, skps_without_dialog=40, pairs_inactive=2,
    )  # fmt: skip
    signals = {s.code: s.reason for s in unit_signals(facts, SignalLimits())}
    assert set(signals) == {"readiness", "barrier", "attendance", "skp_overdue", "jp",
                            "no_dialog", "mentoring"}  # fmt: skip
    assert "48" in signals["readiness"] and "12" in signals["readiness"]
    assert "30%" in signals["attendance"]
    assert "40" in signals["skp_overdue"]


def test_no_signal_for_a_healthy_unit_or_too_few_respondents():
    healthy = UnitFacts(employees=100, respondents=30, readiness_index=80.0, socialised=True,
                        attendees=90, skp_overdue=5, skp_deadline_passed=True, jp_mean=9.0,
                        jp_expected=10.0, skps_running=50, skps_without_dialog=5)  # fmt: skip
    assert unit_signals(healthy, SignalLimits()) == []
    few = UnitFacts(employees=100, respondents=3, readiness_index=10.0, barrier="awareness")
    assert unit_signals(few, SignalLimits(min_group=5)) == []


def test_target_met_follows_the_direction():
    assert target_met(80, 75, higher_is_better=True) is True
    assert target_met(50, 45, higher_is_better=False) is False
    assert target_met(None, 45, higher_is_better=False) is None
