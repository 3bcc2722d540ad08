"""The leaders' home page (issue 17: "the pimpinan's home page becomes this dashboard"): a panel
with the government's or OPD's key indicators of this year, linking to the full dashboard."""

from __future__ import annotations

from django.utils import timezone

from binakinerja.core.home import Panel
from binakinerja.core.privacy import small_group_label
from binakinerja.monitoring import dashboard as figures
from binakinerja.monitoring.models import Indicator

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
