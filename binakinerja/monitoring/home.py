"""The leaders' home page (issue 17: "the pimpinan's home page becomes this dashboard"): a panel
with the government's or OPD's key indicators of this year, linking to the full dashboard."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from binakinerja.core.home import TEAM, Panel, Task
from binakinerja.core.privacy import small_group_label
from binakinerja.monitoring import dashboard as figures
from binakinerja.monitoring.models import Indicator
from binakinerja.monitoring.warnings import warnings_for

KEY_INDICATORS = [Indicator.JP20, Indicator.SKP_APPROVED, Indicator.PREDIKAT_GOOD, Indicator.IKM,
                  Indicator.SERVICE_MINUTES, Indicator.ABSORPTION]  # fmt: skip


def panel(user, reach) -> Panel | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if not (reach.pimpinan_paths or reach.admin_paths or reach.manages_everything):
        return None
    unit = figures.home_unit(user)
    if unit is None:
        return None
    year = timezone.localdate().year
    board = figures.dashboard(user, unit, year, years_back=2)
    cards = [(Indicator(code).label, board.trend[code.value]) for code in KEY_INDICATORS]
    return Panel(
        "monitoring/home_panel.html",
        {"unit": unit, "year": year, "cards": cards, "small": small_group_label()},
    )


def tasks(user, reach) -> list[Task]:
    """Open early warnings of the units the reader manages (two queries)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not (reach.manages_everything or reach.managed_paths):
        return []
    open_warnings = warnings_for(user).filter(status="open")
    n = open_warnings.count()
    if not n:
        return []
    first = open_warnings.first()
    return [Task(
        title=ngettext("An early warning needs your attention",
                       "%(n)s early warnings need your attention", n) % {"n": n},
        detail=f"{first.unit.name}: {first.rule.name}", url=reverse("monitoring:warnings"),
        count=n, kind=TEAM,
    )]  # fmt: skip
