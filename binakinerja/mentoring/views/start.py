"""The mentoring start page (the menu's "Mentoring"): for each role what needs them now — the
mentee their mentor and the next session, the mentor their mentees and what awaits them, the
ASN an open cycle to offer mentoring in, the coordinator their cycles, leaders the figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from binakinerja.core.scoping import reach_of
from binakinerja.mentoring.models import MentoringSession, MentorOffer, Pair
from binakinerja.mentoring.selectors import (
    cycles_coordinated_by,
    cycles_open_to,
    inactive_pairs,
    with_activity,
)
from binakinerja.people.models import Employee


@dataclass
class PairRow:
    pair: Pair
    side: str  # "mentor" or "mentee": the reader's side
    other: Employee
    awaiting_me: int  # sessions the other side logged, waiting for the reader's confirmation
    next_step: str
    urgent: bool


def next_step(pair: Pair, side: str, awaiting_me: int) -> tuple[str, bool]:
    """The reader's next step with this pair, and whether it waits on them."""
    mine_accepted = getattr(pair, f"{side}_accepted_at") is not None
    if pair.status == Pair.Status.PROPOSED:
        return _("Waiting for the coordinator to confirm the pair."), False
    if pair.status == Pair.Status.ACCEPTED:
        if not mine_accepted:
            return _("Accept the pair to start."), True
        return _("Waiting for the other side to accept."), False
    if pair.status == Pair.Status.ACTIVE:
        if awaiting_me:
            return _("Confirm the sessions the other side logged."), True
        if pair.last_session is None:
            return _("Agree on your first session and log it."), True
        return _("Log your next session (last one: %(date)s).") % {
            "date": pair.last_session.strftime("%d-%m-%Y")
        }, False
    return _("Closed."), False


def _my_pairs(user, employee_id: int) -> list[PairRow]:
    pairs = list(
        with_activity(
            Pair.objects.filter(Q(mentor_id=employee_id) | Q(mentee_id=employee_id))
            .exclude(status=Pair.Status.CANCELLED)
            .select_related("cycle", "mentor__unit", "mentee__unit", "competency")
        ).order_by("status", "-created_at")[:20]
    )
    awaiting = dict(
        MentoringSession.objects.filter(pair__in=[p.pk for p in pairs], confirmed_at__isnull=True)
        .exclude(logged_by=user)
        .values_list("pair_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for pair in pairs:
        side = "mentor" if pair.mentor_id == employee_id else "mentee"
        step, urgent = next_step(pair, side, awaiting.get(pair.pk, 0))
        other = pair.mentee if side == "mentor" else pair.mentor
        rows.append(PairRow(pair, side, other, awaiting.get(pair.pk, 0), step, urgent))
    rows.sort(key=lambda row: (not row.urgent, row.pair.status == Pair.Status.CLOSED))
    return rows


@login_required
@require_GET
def mentoring_home(request):
    user = request.user
    reach = reach_of(user)
    employee = (
        Employee.objects.select_related("unit").filter(pk=reach.employee_id).first()
        if reach.employee_id
        else None
    )
    rows = _my_pairs(user, employee.pk) if employee else []
    open_cycles = []
    if employee:
        offers = dict(
            MentorOffer.objects.filter(mentor=employee).values_list("cycle_id", "capacity")
        )
        for cycle in cycles_open_to(employee)[:5]:
            open_cycles.append((cycle, offers.get(cycle.pk)))
    coordinated = list(
        cycles_coordinated_by(user)
        .annotate(
            proposed=Count("pairs", filter=Q(pairs__status=Pair.Status.PROPOSED)),
            active=Count("pairs", filter=Q(pairs__status=Pair.Status.ACTIVE)),
        )
        .order_by("-year", "name")[:20]
    )
    inactive = dict(
        inactive_pairs(Pair.objects.filter(cycle__in=[c.pk for c in coordinated]))
        .values_list("cycle_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for cycle in coordinated:
        cycle.inactive = inactive.get(cycle.pk, 0)
    context = {
        "employee": employee,
        "mentee_rows": [row for row in rows if row.side == "mentee"],
        "mentor_rows": [row for row in rows if row.side == "mentor"],
        "open_cycles": open_cycles,
        "coordinated": coordinated,
        "may_create": bool(reach.admin_paths or reach.operator_paths or reach.manages_everything),
        "reads_aggregates": bool(reach.dashboard_paths) or reach.manages_everything,
        "year": timezone.localdate().year,
    }
    return render(request, "mentoring/start.html", context)
