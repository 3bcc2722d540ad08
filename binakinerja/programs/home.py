"""The program's tasks on the home page (`core.home`): support actions waiting for their owner,
the readiness questionnaire waiting for an ASN, socialisations to hold and coordination cases
for operators, a proposed phase order waiting for the coordinator. A fixed number of queries
whatever the scope."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binakinerja.core.home import ADMIN, MINE, TEAM, Task
from binakinerja.people.models import Employee
from binakinerja.programs.models import (
    CoordinationCase,
    PhaseUnit,
    Program,
    ReadinessResponse,
    SocialisationEvent,
    SupportAction,
)
from binakinerja.programs.selectors import readiness_open_for


def tasks(user, reach) -> list[Task]:
    if not getattr(user, "is_authenticated", False):
        return []
    found = _action_tasks(user)
    if reach.employee_id:
        found += _readiness_tasks(reach.employee_id)
    if reach.managed_paths or reach.manages_everything:
        found += _manager_tasks(user, reach)
    return found


def _action_tasks(user) -> list[Task]:
    today = timezone.localdate()
    mine = list(
        SupportAction.objects.filter(owner=user, status=SupportAction.Status.OPEN)
        .order_by("due")
        .values_list("pk", "due")[:50]
    )
    if not mine:
        return []
    late = sum(1 for _, due in mine if due < today)
    n = len(mine)
    detail = (ngettext("%(n)s is past its due date.", "%(n)s are past their due date.", late)
              % {"n": late}) if late else _("The first is due %(due)s.") % {
        "due": mine[0][1].strftime("%d-%m-%Y")}  # fmt: skip
    url = (reverse("programs:action_detail", args=[mine[0][0]]) if n == 1
           else reverse("programs:action_list"))  # fmt: skip
    return [Task(
        title=ngettext("Carry out a support action", "Carry out %(n)s support actions", n)
        % {"n": n}, detail=detail, url=url, count=n, kind=MINE,
    )]  # fmt: skip


def _readiness_tasks(employee_id: int) -> list[Task]:
    employee = Employee.objects.select_related("unit").get(pk=employee_id)
    open_units = readiness_open_for(employee)
    if not open_units:
        return []
    answered = set(
        ReadinessResponse.objects.filter(
            employee_id=employee_id, is_current=True,
            program_id__in=[pu.program_id for pu in open_units],
        ).values_list("program_id", flat=True)
    )  # fmt: skip
    found, seen = [], set()
    for phase_unit in open_units:
        program = phase_unit.program
        if program.pk in answered or program.pk in seen:
            continue
        seen.add(program.pk)
        found.append(Task(
            title=_("Answer the readiness questionnaire of %(program)s") % {"program": program},
            detail=_("Ten short statements; your unit's support is planned from the answers."),
            url=reverse("programs:readiness", args=[program.pk]), kind=MINE,
        ))  # fmt: skip
    return found


def _manager_tasks(user, reach) -> list[Task]:
    found = []
    scope = Q() if reach.manages_everything else Q(pk__in=[])
    for path in reach.managed_paths:
        scope |= Q(unit__path__startswith=path)
    held = SocialisationEvent.objects.filter(program=OuterRef("program"),
                                             unit__path=OuterRef("unit__path"))  # fmt: skip
    waiting = list(
        PhaseUnit.objects.filter(scope, status=PhaseUnit.Status.SOCIALISATION,
                                 program__status=Program.Status.RUNNING)
        .filter(~Exists(held))
        .values_list("program_id", "unit_id")[:100]
    )  # fmt: skip
    if waiting:
        n = len(waiting)
        program_id, unit_id = waiting[0]
        found.append(Task(
            title=ngettext("Hold the socialisation of a unit",
                           "Hold the socialisation of %(n)s units", n) % {"n": n},
            detail=_("The unit is in its socialisation step and no event is recorded yet."),
            url=reverse("programs:event_create", args=[program_id]) + f"?unit={unit_id}",
            count=n, kind=TEAM,
        ))  # fmt: skip
    agencies = Q() if reach.manages_everything else Q(pk__in=[])
    for path in reach.operator_paths:
        agencies |= Q(agencies__path=path)
    if reach.operator_paths:
        cases = list(
            CoordinationCase.objects.filter(agencies, status=CoordinationCase.Status.OPEN)
            .exclude(raised_by=user).values_list("pk", flat=True).distinct()[:50]
        )  # fmt: skip
        if cases:
            n = len(cases)
            found.append(Task(
                title=ngettext("A coordination case involves your OPD",
                               "%(n)s coordination cases involve your OPD", n) % {"n": n},
                detail=_("Add your step or the resolution."),
                url=reverse("programs:case_detail", args=[cases[0]]), count=n, kind=TEAM,
            ))  # fmt: skip
    coordinated = Q() if reach.manages_everything else Q(pk__in=[])
    for path in reach.admin_paths:
        coordinated |= Q(instansi__path=path)
    proposals = list(
        Program.objects.filter(coordinated).exclude(proposal={}).values_list("pk", flat=True)[:5]
    )
    for pk in proposals:
        found.append(Task(
            title=_("Approve the proposed order of units into phases"),
            detail=_("The planner's proposal waits for your review."),
            url=reverse("programs:plan", args=[pk]), kind=ADMIN,
        ))  # fmt: skip
    return found
