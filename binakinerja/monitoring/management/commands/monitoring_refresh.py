"""Refresh the monitoring rollups of every government for this year and the last, keep the
figures of a quarter that has just ended (for the quarterly monev reports), then check the
early-warning rules against them (run daily from cron/systemd, after large imports, and
after closing a period)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from binakinerja.monitoring.rollups import keep_quarters, refresh_all
from binakinerja.monitoring.warnings import evaluate


class Command(BaseCommand):
    help = "Refresh the monitoring rollups (indicator values per unit and year)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            help="A year to refresh (repeatable); default this year and the last.",
        )

    def handle(self, *args, year=None, **options):
        today = timezone.localdate()
        years = year or [today.year - 1, today.year]
        started = time.perf_counter()
        written = refresh_all(years)
        kept = keep_quarters(today)
        warned = evaluate(today)
        self.stdout.write(
            f"{sum(written.values())} rollups for {len(written)} government-years in "
            f"{time.perf_counter() - started:.1f} s; {kept} kept as quarter figures; early "
            f"warnings: {warned['opened']} opened, {warned['resolved']} resolved"
        )
