"""Reads of the program, and its one scoping mechanism (SECURITY.md, UU PDP).

Who sees what:
- a program: admins BKPSDM of its government (they coordinate it), operators and pimpinan whose
  scope lies in the government; each reads the rows of the units inside their own scope only;
- pimpinan read numbers about units (readiness masked below `AGGREGATE_MIN_GROUP`, counts of
  support actions), never names: support actions, socialisation attendance and coordination
  cases are for those who manage the unit;
- an ASN reads their own readiness answers; the owner of a support action reads that action.
Every view fetches through these functions: 404 outside reach, 403 for a write by a reader.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.selectors import reads_persons_of
from binakinerja.programs.models import (
    CoordinationCase,
    PhaseUnit,
    Program,
    ReadinessResponse,
    SocialisationEvent,
    SupportAction,
)
from binakinerja.programs.rules import SignalLimits

NOTHING = Q(pk__in=[])


def can_coordinate(user, instansi: OrgUnit) -> bool:
    """Admins BKPSDM of the government (or of every government) run its program."""
    reach = reach_of(user)
    return reach.manages_everything or any(instansi.path.startswith(p) for p in reach.admin_paths)


def may_coordinate(user, program: Program) -> bool:
    return can_coordinate(user, program.instansi)


def manages_unit(user, unit: OrgUnit) -> bool:
    """Admins and operators whose scope holds the unit: they read its persons, too (the
    registry's one rule, `performance.selectors.reads_persons_of`)."""
    return reads_persons_of(user, unit)


def reads_unit(user, unit: OrgUnit) -> bool:
    """Managers of the unit and pimpinan whose scope holds it."""
    reach = reach_of(user)
    return reach.manages_everything or any(unit.path.startswith(p) for p in reach.dashboard_paths)


def _programs_q(user) -> Q:
    reach = reach_of(user)
    if reach.manages_everything:
        return Q()
    q = NOTHING
    for path in reach.dashboard_paths:
        # A scope inside a government (an OPD) or the government itself reads its program.
        q |= Q(instansi__path=path.split(".")[0])
    return q


def programs_visible_to(user) -> QuerySet[Program]:
    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    return Program.objects.filter(_programs_q(user)).select_related("instansi")


def program_get_for_user(user, pk, *, write: bool = False) -> Program:
    """The program, for its readers (404 otherwise); with `write`, for its coordinators only
    (403 for the other readers). `can_coordinate` is set on it."""
    program = programs_visible_to(user).filter(pk=pk).first()
    if program is None:
        raise Http404
    program.can_coordinate = may_coordinate(user, program)
    if write and not program.can_coordinate:
        raise PermissionDenied
    return program


def units_in_reach(user, program: Program) -> QuerySet[PhaseUnit]:
    """The program's units the reader may read (their phase and unit loaded), in phase order."""
    reach = reach_of(user)
    units = program.units.select_related("phase", "unit")
    if reach.manages_everything or any(program.instansi.path.startswith(p)
                                       for p in reach.dashboard_paths):  # fmt: skip
        return units
    q = NOTHING
    for path in reach.dashboard_paths:
        q |= Q(unit__path__startswith=path)
    return units.filter(q)


def phase_unit_get_for_user(user, pk, *, write: bool = False) -> PhaseUnit:
    phase_unit = (
        PhaseUnit.objects.select_related("program__instansi", "phase", "unit")
        .filter(pk=pk, program__in=programs_visible_to(user))
        .first()
    )
    if phase_unit is None or not reads_unit(user, phase_unit.unit):
        raise Http404
    if write and not manages_unit(user, phase_unit.unit):
        raise PermissionDenied
    return phase_unit


def events_visible_to(user, program: Program) -> QuerySet[SocialisationEvent]:
    reach = reach_of(user)
    events = program.events.select_related("unit")
    if reach.manages_everything:
        return events
    q = NOTHING
    for path in reach.managed_paths:
        q |= Q(unit__path__startswith=path)
    return events.filter(q)


def event_get_for_user(user, pk, *, write: bool = False) -> SocialisationEvent:
    """A socialisation event, for managers of its unit (its attendance names persons)."""
    event = (
        SocialisationEvent.objects.select_related("program__instansi", "unit").filter(pk=pk).first()
    )
    if event is None or not manages_unit(user, event.unit):
        raise Http404
    return event


def actions_visible_to(user) -> QuerySet[SupportAction]:
    """Support actions of units the reader manages, and those they own."""
    if not getattr(user, "is_authenticated", False):
        return SupportAction.objects.none()
    reach = reach_of(user)
    q = Q(owner=user)
    if reach.manages_everything:
        q = Q()
    for path in reach.managed_paths:
        q |= Q(unit__path__startswith=path)
    return SupportAction.objects.filter(q).select_related("program", "unit", "owner")


def action_get_for_user(user, pk, *, write: bool = False) -> SupportAction:
    action = actions_visible_to(user).filter(pk=pk).first()
    if action is None:
        raise Http404
    action.can_close = action.owner_id == user.pk or manages_unit(user, action.unit)
    if write and not action.can_close:
        raise PermissionDenied
    return action


def cases_visible_to(user, program: Program) -> QuerySet[CoordinationCase]:
    """Coordination cases of the program: all for its coordinators, those involving an agency
    in scope for operators, the ones a user raised for that user."""
    reach = reach_of(user)
    cases = program.cases.all()
    if reach.manages_everything or may_coordinate(user, program):
        return cases
    q = Q(raised_by=user)
    for path in reach.operator_paths:
        q |= Q(agencies__path__startswith=path)
    return cases.filter(q).distinct()


def case_get_for_user(user, pk, *, write: bool = False) -> CoordinationCase:
    case = (
        CoordinationCase.objects.select_related("program__instansi", "raised_by")
        .filter(pk=pk)
        .first()
    )
    if case is None or not cases_visible_to(user, case.program).filter(pk=pk).exists():
        raise Http404
    return case


# --- the ASN's side: the readiness questionnaire -------------------------------------------------


def readiness_open_for(employee, today: dt.date | None = None) -> list[PhaseUnit]:
    """The program units the employee's unit belongs to whose questionnaire is open to them:
    the unit is in socialisation or running, or its phase starts within
    PROGRAMS_READINESS_LEAD_DAYS ("in or near their phase"). One query."""
    if employee is None:
        return []
    today = today or timezone.localdate()
    lead = today + dt.timedelta(days=settings.PROGRAMS_READINESS_LEAD_DAYS)
    ancestors = employee.unit.path.split(".")
    paths = [".".join(ancestors[: i + 1]) for i in range(len(ancestors))]
    return list(
        PhaseUnit.objects.filter(unit__path__in=paths, program__status=Program.Status.RUNNING)
        .filter(Q(status__in=[PhaseUnit.Status.SOCIALISATION, PhaseUnit.Status.RUNNING])
                | Q(status=PhaseUnit.Status.NOT_STARTED, phase__start__lte=lead))
        .select_related("program", "phase", "unit")
        .order_by("program_id", "-unit__path")
    )  # fmt: skip


def signal_limits() -> SignalLimits:
    """The thresholds of the signals (settings, with the defaults of `SignalLimits`)."""
    from binakinerja.core.privacy import min_group

    return SignalLimits(
        readiness_index=settings.PROGRAMS_SIGNAL_READINESS,
        attendance_share=settings.PROGRAMS_SIGNAL_ATTENDANCE,
        skp_overdue_share=settings.PROGRAMS_SIGNAL_SKP_OVERDUE,
        jp_share_of_expected=settings.PROGRAMS_SIGNAL_JP,
        no_dialog_share=settings.PROGRAMS_SIGNAL_NO_DIALOG,
        min_group=min_group(),
    )


def readiness_sums_by_unit(root) -> dict[str, tuple[float, int]]:
    """(sum of indices, respondents) of the current readiness answers per unit path under
    `root`, over the programs of its government; one grouped query (monitoring's rollups)."""
    rows = (
        ReadinessResponse.objects.filter(is_current=True, unit__path__startswith=root.path)
        .order_by()
        .values("unit__path")
        .annotate(total=Sum("index"), n=Count("pk"))
        .values_list("unit__path", "total", "n")
    )
    return {path: (float(total or 0), n) for path, total, n in rows}


def phase_numbers_by_unit(root) -> dict[str, int]:
    """The phase number of each unit path in the programs of `root`'s government (the latest
    program's when several), for comparing phases on the dashboards."""
    rows = (
        PhaseUnit.objects.filter(program__instansi__path=root.path.split(".")[0])
        .order_by("program__start_year", "program_id")
        .values_list("unit__path", "phase__number")
    )
    return dict(rows)


def phase_starts_by_unit(program: Program) -> dict[str, dt.date]:
    """When each unit path of the program starts its phase (the treatment timing the
    monitoring's impact estimate reads)."""
    return dict(program.units.order_by().values_list("unit__path", "phase__start"))


def logframe_targets(instansi, year: int) -> dict[str, tuple[float, bool]]:
    """The yearly targets of the computed logframe indicators of the government's programs:
    source → (target, higher is better); the latest program's when several (monev reports)."""
    from binakinerja.programs.models import Indicator

    found = {}
    indicators = (
        Indicator.objects.filter(program__instansi=instansi)
        .exclude(source=Indicator.Source.ENTERED)
        .order_by("program__start_year", "program_id", "pk")
    )
    for indicator in indicators:
        target = indicator.targets.get(str(year))
        if target not in (None, ""):
            found[indicator.source] = (float(target), indicator.higher_is_better)
    return found
