"""Monitoring's pure rules (DOMAIN.md §10): the program's impact estimated from its phased
rollout with the imputation estimator of Borusyak, Jaravel and Spiess (2024).

Plain two-way fixed effects is biased when units start at different times and the effect grows
with time (the already-treated become controls). The imputation estimator is not: unit and
period effects are fitted on the untreated observations only (never- and not-yet-treated),
each treated observation's untreated outcome is imputed as its unit effect + period effect, and
the effect is the mean of observed − imputed over the treated observations that can be imputed.
The 95% interval comes from a bootstrap that resamples units (clusters), reproducible by seed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import lsqr

BOOTSTRAP_DRAWS = 199
MIN_UNITS_FOR_INTERVAL = 3


@dataclass(frozen=True)
class ImpactEstimate:
    """The average effect on the treated, its 95% interval, and what it rests on."""

    effect: float | None
    ci_low: float | None
    ci_high: float | None
    treated: int = 0  # treated observations used
    untreated: int = 0  # untreated observations the effects were fitted on
    units: int = 0
    not_imputable: int = 0  # treated observations whose unit or period has no untreated data
    message: str = ""  # why there is no estimate or no interval, in plain words
    notes: list[str] = field(default_factory=list)


def _fit_effects(units: np.ndarray, periods: np.ndarray, y: np.ndarray, n_units: int,
                 n_periods: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Unit and period effects (α, β) minimising Σ (y − α_u − β_t)² by sparse least squares;
    α_u + β_t is identified wherever the data connect u and t."""
    n = len(y)
    rows = np.concatenate([np.arange(n), np.arange(n)])
    cols = np.concatenate([units, n_units + periods])
    design = csr_matrix((np.ones(2 * n), (rows, cols)), shape=(n, n_units + n_periods))
    solution = lsqr(design, y, atol=1e-14, btol=1e-14, iter_lim=20_000)[0]
    return solution[:n_units], solution[n_units:]


def _estimate(units, periods, treated, y, n_units, n_periods):
    """(effect, treated used, untreated, not imputable) for one (re)sample, effect None when
    nothing can be compared."""
    control = ~treated
    if not control.any():
        return None, 0, 0, int(treated.sum())
    alpha, beta = _fit_effects(units[control], periods[control], y[control], n_units, n_periods)
    has_unit = np.zeros(n_units, bool)
    has_unit[units[control]] = True
    has_period = np.zeros(n_periods, bool)
    has_period[periods[control]] = True
    usable = treated & has_unit[units] & has_period[periods]
    if not usable.any():
        return None, 0, int(control.sum()), int(treated.sum())
    imputed = alpha[units[usable]] + beta[periods[usable]]
    effect = float(np.mean(y[usable] - imputed))
    return effect, int(usable.sum()), int(control.sum()), int((treated & ~usable).sum())


def impact_estimate(rows: Iterable[tuple[Hashable, Hashable, bool, float | None]], *,
                    seed: int = 0, draws: int = BOOTSTRAP_DRAWS) -> ImpactEstimate:  # fmt: skip
    """The program's average effect on treated observations.

    `rows`: `(unit, period, treated, outcome)` — treated when the unit is in the program in that
    period (from the programs' phases); rows without an outcome are left out. Periods are
    compared by their order (years, or (year, quarter) tuples). Returns `effect` None with a
    `message` when there is no untreated observation to compare with."""
    data = [(u, p, bool(t), float(y)) for u, p, t, y in rows if y is not None]
    if not data:
        return ImpactEstimate(None, None, None, message=_("There are no outcomes to compare."))
    unit_keys = sorted({u for u, _p, _t, _y in data}, key=str)
    period_keys = sorted({p for _u, p, _t, _y in data})
    unit_index = {u: i for i, u in enumerate(unit_keys)}
    period_index = {p: i for i, p in enumerate(period_keys)}
    units = np.array([unit_index[u] for u, _p, _t, _y in data])
    periods = np.array([period_index[p] for _u, p, _t, _y in data])
    treated = np.array([t for _u, _p, t, _y in data])
    y = np.array([v for _u, _p, _t, v in data])
    if not treated.any():
        return ImpactEstimate(
            None,
            None,
            None,
            untreated=len(y),
            units=len(unit_keys),
            message=_("No unit is in the program in these periods yet."),
        )
    effect, used, untreated, lost = _estimate(units, periods, treated, y, len(unit_keys),
                                              len(period_keys))  # fmt: skip
    if effect is None:
        message = (_("There are no untreated observations to compare with: every unit was in "
                     "the program in every period with data.") if not untreated
                   else _("No treated observation has an untreated unit and period to be "
                          "compared with."))  # fmt: skip
        return ImpactEstimate(
            None,
            None,
            None,
            treated=0,
            untreated=untreated,
            units=len(unit_keys),
            not_imputable=lost,
            message=message,
        )
    notes = []
    if lost:
        notes.append(_("%(n)s treated observations could not be compared (their unit has no "
                       "period before the program, or their period no unit outside it) and "
                       "were left out.") % {"n": lost})  # fmt: skip
    ci_low = ci_high = None
    message = ""
    if len(unit_keys) < MIN_UNITS_FOR_INTERVAL:
        message = _("Too few units for an interval.")
    else:
        ci_low, ci_high = _bootstrap(units, periods, treated, y, len(unit_keys),
                                     len(period_keys), seed=seed, draws=draws)  # fmt: skip
        if ci_low is None:
            message = _("The interval could not be computed: too few resamples had both "
                        "treated and untreated observations.")  # fmt: skip
    return ImpactEstimate(effect, ci_low, ci_high, treated=used, untreated=untreated,
                          units=len(unit_keys), not_imputable=lost, message=message,
                          notes=notes)  # fmt: skip


def _bootstrap(units, periods, treated, y, n_units, n_periods, *, seed: int, draws: int):
    """The 2.5th and 97.5th percentiles of the estimate over resamples of whole units (a unit
    drawn twice enters as two units)."""
    rng = np.random.default_rng(seed)
    members = [np.flatnonzero(units == u) for u in range(n_units)]
    estimates = []
    for _draw in range(draws):
        chosen = rng.integers(0, n_units, n_units)
        index = np.concatenate([members[u] for u in chosen])
        relabelled = np.repeat(np.arange(n_units), [len(members[u]) for u in chosen])
        effect, _used, _untreated, _lost = _estimate(relabelled, periods[index], treated[index],
                                                     y[index], n_units, n_periods)  # fmt: skip
        if effect is not None:
            estimates.append(effect)
    if len(estimates) < draws // 2:
        return None, None
    low, high = np.percentile(estimates, [2.5, 97.5])
    return float(low), float(high)
