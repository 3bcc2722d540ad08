"""The home page's "what needs me now": a registry of task sources that each app fills.

Core knows no domain app. Each app that has work for people registers one function in its
`AppConfig.ready()` (`register_task_source(performance.home.tasks)`); the home page asks every
source for the reader's open tasks. A source derives its tasks from the data on every request
(an SKP still in draft, a quarter without a realisation, a plan awaiting the atasan), never
from a stored message, so a task disappears the moment the work is done. A source must cost a
fixed number of queries whatever the size of the reader's team or scope (aggregate in SQL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The kinds decide the order on the page: what others wait for first, then one's own work,
# then the running of the system.
WAITING = "waiting"  # someone waits for the reader's decision (approve, assess)
MINE = "mine"  # the reader's own work (submit the SKP, record a realisation)
TEAM = "team"  # the reader's team needs attention (no dialog for a while, follow-ups)
ADMIN = "admin"  # running the system (periods, imports, OPDs behind schedule)
KIND_ORDER = {WAITING: 0, MINE: 1, TEAM: 2, ADMIN: 3}


@dataclass(frozen=True)
class Task:
    """One open task: what to do (`title`), why or how much (`detail`), where it is done
    (`url`), how many items it covers (`count`, None for a single thing) and its `kind`."""

    title: str
    url: str
    detail: str = ""
    count: int | None = None
    kind: str = MINE


TaskSource = Callable[..., list[Task]]
_sources: list[TaskSource] = []


def register_task_source(source: TaskSource) -> TaskSource:
    """Add a source `source(user, reach) -> list[Task]`; registering twice is harmless."""
    if source not in _sources:
        _sources.append(source)
    return source


def task_sources() -> list[TaskSource]:
    return list(_sources)


def tasks_for(user, reach) -> list[Task]:
    """Every source's open tasks for `user` (whose `core.scoping.reach_of` is `reach`),
    waiting-for-me first, the order of each source kept within a kind."""
    tasks = [task for source in _sources for task in source(user, reach)]
    return sorted(tasks, key=lambda task: KIND_ORDER.get(task.kind, len(KIND_ORDER)))


# --- panels: a block of figures on the home page -------------------------------------------------

PanelSource = Callable[..., "Panel | None"]
_panels: list[PanelSource] = []


@dataclass(frozen=True)
class Panel:
    """A block an app adds to the home page: a template and its context (e.g. the leaders'
    dashboard). Core includes it without knowing the app."""

    template: str
    context: dict


def register_panel(source: PanelSource) -> PanelSource:
    """Add a source `source(user, reach) -> Panel | None`; registering twice is harmless."""
    if source not in _panels:
        _panels.append(source)
    return source


def panels_for(user, reach) -> list[Panel]:
    return [panel for source in _panels if (panel := source(user, reach)) is not None]
