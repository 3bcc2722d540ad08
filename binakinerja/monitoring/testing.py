"""Monitoring fixtures: the program world (binakinerja/programs/testing.py) with the budget
world (binakinerja/budgets/testing.py) and the province's rollups of this year."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from binakinerja.monitoring import rollups
from binakinerja.monitoring.models import EarlyWarning, WarningRule
from binakinerja.monitoring.warnings import ensure_default_rules


def build_monitoring_world(w: SimpleNamespace) -> SimpleNamespace:
    from binakinerja.budgets.testing import build_budget_world
    from binakinerja.programs.testing import build_program_world

    w = build_budget_world(build_program_world(w))
    rollups.refresh(w.prov, w.year)
    ensure_default_rules()
    w.warning = EarlyWarning.objects.create(
        rule=WarningRule.objects.get(code="serapan-rendah-triwulan-4"), unit=w.dikbud,
        year=w.year, value=0, raised_at=timezone.now(),
    )  # fmt: skip
    return w
