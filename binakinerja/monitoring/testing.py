"""Monitoring fixtures: the program world (binakinerja/programs/testing.py) with the budget
world (binakinerja/budgets/testing.py) and the province's rollups of this year."""

from __future__ import annotations

from types import SimpleNamespace

from binakinerja.monitoring import rollups


def build_monitoring_world(w: SimpleNamespace) -> SimpleNamespace:
    from binakinerja.budgets.testing import build_budget_world
    from binakinerja.programs.testing import build_program_world

    w = build_budget_world(build_program_world(w))
    rollups.refresh(w.prov, w.year)
    return w
