"""The monitoring's answer to `core.signals.figures_changed`: refresh the rollups of the
governments and years named, in background tasks queued once the change is committed (a
rolled-back import queues nothing)."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone

from binakinerja.organizations.models import OrgUnit


def refresh_after_change(sender, *, paths=(), years=(), **kwargs) -> None:
    roots = OrgUnit.objects.filter(parent__isnull=True)
    if paths:
        roots = roots.filter(path__in={path.split(".")[0] for path in paths})
    today = timezone.localdate()
    years = sorted(set(years)) or [today.year - 1, today.year]
    transaction.on_commit(partial(_enqueue, list(roots.values_list("pk", flat=True)), years))


def _enqueue(root_ids: list[int], years: list[int]) -> None:
    from binakinerja.monitoring.tasks import refresh_government_task

    for root_id in root_ids:
        for year in years:
            refresh_government_task.enqueue(root_id, year)
