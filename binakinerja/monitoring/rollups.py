"""The rollups (issue 17): every indicator of a government and of each of its OPDs for a year,
computed from the other apps' selectors (never their tables) and kept in `Rollup`. Refreshed by
`manage.py monitoring_refresh` (daily), after imports and closing a period, and on request; the
dashboards read only this table. A refresh replaces a government-year's rows in one
transaction, so a reader never sees half of them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from binakinerja.budgets.figures import absorption_by_opd
from binakinerja.mentoring.selectors import mentees_by_unit
from binakinerja.monitoring.models import Indicator, QuarterRollup, Rollup
from binakinerja.organizations.models import OrgUnit, opd_path_of
from binakinerja.people.selectors import headcount_by_unit
from binakinerja.performance.rules import Predikat
from binakinerja.performance.selectors import predikat_counts_by_opd, skp_counts_by_unit
from binakinerja.programs.selectors import readiness_sums_by_unit
from binakinerja.satisfaction.selectors import service_figures_by_unit
from binakinerja.trainings.ledger import jp_compliance, jp_sum_by_unit

GOOD = (Predikat.SANGAT_BAIK, Predikat.BAIK)


class _Sums:
    """numerator, denominator and people per unit path (OPD, and the government as a whole)."""

    def __init__(self, root: OrgUnit):
        self.root = root
        self.values: dict[tuple[str, str], list] = defaultdict(lambda: [Decimal(0), Decimal(0),
                                                                          0])  # fmt: skip

    def add(self, indicator: str, path: str, numerator, denominator, people: int = 0) -> None:
        """Add to the unit's OPD (when below the government) and to the government."""
        targets = {self.root.path}
        opd = opd_path_of(path)
        if opd is not None:
            targets.add(opd)
        for target in targets:
            cell = self.values[(indicator, target)]
            cell[0] += Decimal(str(numerator))
            cell[1] += Decimal(str(denominator))
            cell[2] += people


def compute(root: OrgUnit, year: int) -> _Sums:
    """Every indicator's sums for the government `root` and its OPDs in `year`."""
    sums = _Sums(root)
    headcount = headcount_by_unit(root)
    for path, n in headcount.items():
        sums.add("_staff", path, n, 1, n)
    # 20 JP: per OPD from the ledger's compliance (children of the government are the OPDs).
    compliance = jp_compliance(root, year)
    for row in compliance.units:
        path = row.unit.path if not row.is_root else root.path
        sums.add(Indicator.JP20, path, row.reached, row.employees, row.employees)
    for path, total in jp_sum_by_unit(root, year).items():
        sums.add(Indicator.JP_MEAN, path, total or 0, 0, 0)
    for path, counts in skp_counts_by_unit(
        root=root, year=year, check_in_days=settings.SKP_CHECK_IN_DAYS
    ).items():
        sums.add(Indicator.SKP_APPROVED, path, counts["approved"], 0, 0)
    for path, counts in predikat_counts_by_opd(year=year, root=root).items():
        if path and (path == root.path or path.startswith(root.path + ".")):
            assessed = sum(counts.values())
            good = sum(counts.get(p, 0) for p in GOOD)
            sums.add(Indicator.PREDIKAT_GOOD, path, good, assessed, assessed)
    for path, figures in service_figures_by_unit(root, year).items():
        if figures["respondents"]:
            sums.add(Indicator.IKM, path, figures["ikm_sum"], figures["respondents"],
                     figures["respondents"])  # fmt: skip
        if figures["visits"]:
            sums.add(Indicator.SERVICE_MINUTES, path, figures["minutes_sum"], figures["visits"],
                     figures["visits"])  # fmt: skip
    for path, n in mentees_by_unit(root, year).items():
        sums.add(Indicator.MENTORING, path, n, 0, 0)
    for path, (total, n) in readiness_sums_by_unit(root).items():
        sums.add(Indicator.READINESS, path, total, n, n)
    for path, (pagu, realised) in absorption_by_opd(root, year).items():
        sums.add(Indicator.ABSORPTION, path, realised, pagu, 0)
    # Per-ASN indicators take the unit's staff as their denominator and people.
    for (indicator, path), cell in list(sums.values.items()):
        if indicator in (Indicator.JP_MEAN, Indicator.SKP_APPROVED, Indicator.MENTORING):
            staff = sums.values.get(("_staff", path), [0, 0, 0])
            cell[1], cell[2] = Decimal(staff[0]), int(staff[0])
    return sums


def refresh(root: OrgUnit, year: int) -> int:
    """Recompute and replace the government-year's rollups; returns the rows written."""
    sums = compute(root, year)
    units = dict(OrgUnit.objects.filter(path__in={path for _i, path in sums.values})
                 .values_list("path", "pk"))  # fmt: skip
    now = timezone.now()
    rows = [
        Rollup(instansi=root, unit_id=units[path], year=year, indicator=indicator,
               numerator=cell[0], denominator=cell[1], people=cell[2], refreshed_at=now)
        for (indicator, path), cell in sums.values.items()
        if indicator != "_staff" and path in units
    ]  # fmt: skip
    with transaction.atomic():
        Rollup.objects.filter(instansi=root, year=year).delete()
        Rollup.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def refresh_all(years) -> dict[str, int]:
    """Every government for each of `years` (the daily task)."""
    written = {}
    for root in OrgUnit.objects.filter(parent__isnull=True).order_by("name"):
        for year in years:
            written[f"{root.name} {year}"] = refresh(root, year)
    return written


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter (1–4)."""
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def keep_quarter(root: OrgUnit, year: int, quarter: int) -> int:
    """Keep the government-year's rollups as the quarter's figures, once: a quarter kept
    before is left as it was. Returns the rows written."""
    if QuarterRollup.objects.filter(instansi=root, year=year, quarter=quarter).exists():
        return 0
    now = timezone.now()
    rows = [
        QuarterRollup(instansi=root, unit_id=r.unit_id, year=year, quarter=quarter,
                      indicator=r.indicator, numerator=r.numerator, denominator=r.denominator,
                      people=r.people, kept_at=now)
        for r in Rollup.objects.filter(instansi=root, year=year)
    ]  # fmt: skip
    QuarterRollup.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def ended_quarters(today: dt.date) -> list[tuple[int, int]]:
    """The quarters whose figures the daily task keeps on `today`: last year's fourth (its
    rollups are refreshed until the year after) and this year's quarters already over."""
    ended = [(today.year - 1, 4)]
    ended += [(today.year, q) for q in (1, 2, 3) if quarter_end(today.year, q) < today]
    return ended


def keep_quarters(today: dt.date) -> int:
    """Keep every government's figures of the quarters over by `today` that are not kept yet
    (run by the daily task right after the refresh, so a quarter is kept as it stood when it
    ended, give or take the night)."""
    ended = ended_quarters(today)
    kept = set(QuarterRollup.objects.filter(year__gte=ended[0][0])
               .values_list("instansi_id", "year", "quarter").distinct())  # fmt: skip
    written = 0
    for root in OrgUnit.objects.filter(parent__isnull=True):
        for year, quarter in ended:
            if (root.pk, year, quarter) not in kept:
                with transaction.atomic():
                    written += keep_quarter(root, year, quarter)
    return written
