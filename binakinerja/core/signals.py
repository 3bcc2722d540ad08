"""Signals between apps that may not import each other (ARCHITECTURE.md, import rules)."""

from __future__ import annotations

from django.dispatch import Signal

# The source data of the monitoring figures changed: an import landed, a period closed. Sent with
# `paths` — unit paths whose governments are affected (empty: every government) — and `years`
# (empty: this year and the last). `monitoring` refreshes those rollups in a background task.
figures_changed = Signal()


def figures_changed_send(sender, *, paths=(), years=()) -> None:
    """Tell whoever keeps figures that the data of `paths` in `years` changed."""
    figures_changed.send(sender=sender, paths=list(paths), years=list(years))


def figures_changed_by(sender, user, *, years=()) -> None:
    """`figures_changed_send` for data a user wrote: the governments the user manages."""
    from binakinerja.core.scoping import reach_of

    reach = reach_of(user)
    paths = [] if reach.manages_everything else reach.managed_paths
    if reach.manages_everything or paths:
        figures_changed_send(sender, paths=paths, years=years)
