"""`impact_estimate` (DOMAIN.md §10, issue 17 "Tests"): exact on noise-free data with a constant
effect; the average of an effect that grows over time with staggered phases (where two-way
fixed effects is biased); an interval that covers the truth on noisy data; a refusal without a
comparison group; reproducible from its seed."""

import numpy as np
import pytest

from binakinerja.monitoring.rules import impact_estimate

PERIODS = range(2020, 2028)


def _panel(starts: dict, outcome):
    """(unit, period, treated, outcome) rows; `starts[unit]` the first treated period (None:
    never), `outcome(unit, period, years_treated)`."""
    rows = []
    for unit, start in starts.items():
        for period in PERIODS:
            treated = start is not None and period >= start
            exposure = period - start + 1 if treated else 0
            rows.append((unit, period, treated, outcome(unit, period, exposure)))
    return rows


def _staggered(n_per_phase=4):
    """Three phases starting 2023, 2025, 2027 and a group never treated in these years."""
    starts = {}
    for phase, start in enumerate([2023, 2025, 2027, None]):
        for i in range(n_per_phase):
            starts[f"unit-{phase}-{i}"] = start
    return starts


def _unit_effect(unit: str) -> float:
    return (sum(map(ord, unit)) % 17) * 1.5


def test_a_constant_effect_is_recovered_exactly_without_noise():
    rows = _panel(_staggered(), lambda u, t, e: 60 + _unit_effect(u) + 0.8 * (t - 2020)
                  + (5.0 if e else 0.0))  # fmt: skip
    estimate = impact_estimate(rows, seed=1)
    assert estimate.effect == pytest.approx(5.0, abs=1e-6)
    assert estimate.ci_low == pytest.approx(5.0, abs=1e-6)
    assert estimate.ci_high == pytest.approx(5.0, abs=1e-6)
    assert estimate.not_imputable == 0 and estimate.units == 16


def test_a_growing_effect_with_staggered_phases_gives_its_average_where_twfe_does_not():
    """Effect = 2 × years in the program: the truth is the mean over treated observations."""
    starts = _staggered()
    rows = _panel(starts, lambda u, t, e: 50 + _unit_effect(u) + 1.2 * (t - 2020) + 2.0 * e)
    truth = np.mean([2.0 * (t - starts[u] + 1) for u, t, d, _y in rows if d])
    estimate = impact_estimate(rows, seed=2)
    assert estimate.effect == pytest.approx(truth, abs=1e-6)
    # Plain two-way fixed effects (y on unit, period and treated dummies) misses it.
    units = sorted({u for u, *_ in rows})
    years = sorted(PERIODS)
    design = np.array([[1.0 * (u == k) for k in units] + [1.0 * (t == k) for k in years[1:]]
                       + [1.0 * d] for u, t, d, _y in rows])  # fmt: skip
    coefficients = np.linalg.lstsq(design, np.array([y for *_, y in rows]), rcond=None)[0]
    assert abs(coefficients[-1] - truth) > 0.5


def test_the_interval_covers_the_truth_on_noisy_data():
    rng = np.random.default_rng(7)
    noise = {}

    def outcome(u, t, e):
        noise.setdefault((u, t), rng.normal(0, 2.0))
        return 70 + _unit_effect(u) + 0.5 * (t - 2020) + 3.0 * (e > 0) + noise[(u, t)]

    rows = _panel(_staggered(n_per_phase=10), outcome)
    estimate = impact_estimate(rows, seed=3)
    assert estimate.ci_low < 3.0 < estimate.ci_high
    assert estimate.ci_high - estimate.ci_low < 3.0  # informative, not everything
    again = impact_estimate(rows, seed=3)
    assert (again.ci_low, again.ci_high) == (estimate.ci_low, estimate.ci_high)  # the seed


def test_without_a_comparison_group_there_is_no_estimate():
    rows = [(f"u{i}", t, True, 10.0 + t) for i in range(5) for t in PERIODS]
    estimate = impact_estimate(rows)
    assert estimate.effect is None and estimate.ci_low is None
    assert "untreated" in estimate.message or "tidak" in estimate.message.lower()
    assert impact_estimate([]).effect is None
    none_treated = impact_estimate([(u, t, False, 1.0) for u in "abc" for t in PERIODS])
    assert none_treated.effect is None and none_treated.message


def test_treated_observations_that_cannot_be_compared_are_left_out_and_said():
    rows = _panel(_staggered(), lambda u, t, e: 10 + _unit_effect(u) + t * 0.1 + 4.0 * (e > 0))
    rows += [("always", t, True, 99.0) for t in PERIODS]  # no untreated period of its own
    estimate = impact_estimate(rows, seed=0)
    assert estimate.effect == pytest.approx(4.0, abs=1e-6)
    assert estimate.not_imputable == len(PERIODS) and estimate.notes
    assert impact_estimate([(u, t, d, None) for u, t, d, _y in rows]).effect is None
