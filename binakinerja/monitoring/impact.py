"""The program's impact (issue 17, DOMAIN.md §10): per outcome — the share with predikat Baik
or better, IKM, service time, JP per ASN — the OPDs' yearly rollups with their treatment from
the program's phases (an OPD is in the program from the year its first unit's phase starts),
estimated by `rules.impact_estimate`. Kept per program and day (`ImpactSnapshot`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from django.utils import timezone

from binakinerja.monitoring.models import ImpactSnapshot, Indicator, Rollup
from binakinerja.monitoring.rules import ImpactEstimate, impact_estimate
from binakinerja.organizations.models import opd_path_of
from binakinerja.programs.selectors import phase_starts_by_unit

OUTCOMES = [Indicator.PREDIKAT_GOOD, Indicator.IKM, Indicator.SERVICE_MINUTES,
            Indicator.JP_MEAN]  # fmt: skip
SNAPSHOT_VERSION = 1
YEARS_BEFORE = 3  # years of history before the program that serve as untreated periods


def treatment_years(program) -> dict[str, int]:
    """OPD path → the first year it is in the program."""
    starts: dict[str, int] = {}
    for path, start in phase_starts_by_unit(program).items():
        opd = opd_path_of(path) or path
        starts[opd] = min(starts.get(opd, start.year), start.year)
    return starts


def outcome_rows(program, indicator: str) -> list[tuple]:
    """(OPD path, year, treated, value) over the program's years and the ones before."""
    starts = treatment_years(program)
    years = range(program.start_year - YEARS_BEFORE, program.end_year + 1)
    rollups = Rollup.objects.filter(
        instansi=program.instansi, year__in=list(years), indicator=indicator,
        unit__parent=program.instansi,
    ).select_related("unit")  # fmt: skip
    rows = []
    for rollup in rollups:
        start = starts.get(rollup.unit.path)
        rows.append((rollup.unit.path, rollup.year, start is not None and rollup.year >= start,
                     rollup.value))  # fmt: skip
    return rows


def program_impact(program, *, refresh: bool = False, today: dt.date | None = None):
    """{indicator: ImpactEstimate} and when they were computed: kept from earlier today, or
    computed now (seeded by the program, so the same data give the same interval)."""
    today = today or timezone.localdate()
    kept = None if refresh else ImpactSnapshot.objects.filter(program=program).first()
    if (kept is not None and kept.data.get("version") == SNAPSHOT_VERSION
            and timezone.localtime(kept.computed_at).date() == today):  # fmt: skip
        return ({code: ImpactEstimate(**values) for code, values in kept.data["estimates"].items()},
                kept.computed_at)  # fmt: skip
    estimates = {
        indicator.value: impact_estimate(outcome_rows(program, indicator.value), seed=program.pk)
        for indicator in OUTCOMES
    }
    now = timezone.now()
    ImpactSnapshot.objects.update_or_create(program=program, defaults={
        "computed_at": now,
        "data": {"version": SNAPSHOT_VERSION,
                 "estimates": {code: asdict(e) for code, e in estimates.items()}},
    })  # fmt: skip
    return estimates, now
