"""The mentoring tasks of the home page (`core.home`): what waits for the mentor, the mentee,
an ASN who could mentor, and the coordinator. A fixed number of queries whatever the scope."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binakinerja.core.home import MINE, TEAM, WAITING, Task
from binakinerja.mentoring.models import MentoringCycle, MentoringSession, MentorOffer, Pair
from binakinerja.mentoring.rules import PREDIKAT_RANK, EligibilityRules
from binakinerja.mentoring.selectors import cycles_coordinated_by, cycles_open_to, inactive_pairs
from binakinerja.people.models import Employee
from binakinerja.performance.selectors import annual_predikat


def tasks(user, reach) -> list[Task]:
    found = []
    if reach.employee_id:
        found += _pair_tasks(user, reach.employee_id)
        found += _offer_tasks(user, reach)
    if reach.admin_paths or reach.operator_paths or reach.manages_everything:
        found += _coordinator_tasks(user)
    return found


def _pair_tasks(user, me: int) -> list[Task]:
    found = []
    home = reverse("mentoring:home")
    to_accept = list(
        Pair.objects.filter(status=Pair.Status.ACCEPTED)
        .filter(Q(mentor_id=me, mentor_accepted_at__isnull=True)
                | Q(mentee_id=me, mentee_accepted_at__isnull=True))
        .values_list("pk", flat=True)[:20]
    )  # fmt: skip
    if to_accept:
        n = len(to_accept)
        found.append(Task(
            title=ngettext("Accept your mentoring pair", "Accept your %(n)s mentoring pairs", n)
            % {"n": n},
            url=reverse("mentoring:pair_detail", args=[to_accept[0]]) if n == 1 else home,
            count=n, kind=WAITING,
        ))  # fmt: skip
    waiting = list(
        MentoringSession.objects.filter(confirmed_at__isnull=True)
        .filter(Q(pair__mentor_id=me) | Q(pair__mentee_id=me))
        .exclude(logged_by=user)
        .values_list("pair_id", flat=True)[:50]
    )
    if waiting:
        n = len(waiting)
        found.append(Task(
            title=ngettext("Confirm a mentoring session", "Confirm %(n)s mentoring sessions", n)
            % {"n": n},
            detail=_("The other side logged it; your confirmation adds the JP."),
            url=reverse("mentoring:pair_detail", args=[waiting[0]]), count=n, kind=WAITING,
        ))  # fmt: skip
    quiet = list(
        inactive_pairs(Pair.objects.filter(Q(mentor_id=me) | Q(mentee_id=me))).values_list(
            "pk", flat=True
        )[:20]
    )
    if quiet:
        found.append(Task(
            title=_("Plan your next mentoring session"),
            detail=_("No session for a while with your mentoring partner."),
            url=reverse("mentoring:pair_detail", args=[quiet[0]]), count=len(quiet), kind=MINE,
        ))  # fmt: skip
    return found


def _offer_tasks(user, reach) -> list[Task]:
    """An open cycle of the ASN's government or OPD where they have not offered yet, when last
    year's predikat lets them mentor under the default rules (or they hold the mentor role)."""
    employee = Employee.objects.select_related("unit").filter(pk=reach.employee_id).first()
    if employee is None:
        return []
    cycle = (
        cycles_open_to(employee)
        .exclude(pk__in=MentorOffer.objects.filter(mentor=employee).values("cycle_id"))
        .order_by("-year", "pk")
        .first()
    )
    if cycle is None:
        return []
    if not reach.is_mentor:
        predikat = annual_predikat([employee.pk], year=cycle.year - 1).get(employee.pk)
        needed = PREDIKAT_RANK[EligibilityRules().min_predikat]
        if not predikat or PREDIKAT_RANK.get(predikat, 0) < needed:
            return []
    return [Task(
        title=_("Offer to mentor in %(cycle)s") % {"cycle": cycle.name},
        detail=_("Experienced ASN develop juniors; your sessions count for their JP."),
        url=reverse("mentoring:offer", args=[cycle.pk]), kind=MINE,
    )]  # fmt: skip


def _coordinator_tasks(user) -> list[Task]:
    found = []
    cycles = list(
        cycles_coordinated_by(user)
        .exclude(status=MentoringCycle.Status.CLOSED)
        .annotate(proposed=Count("pairs", filter=Q(pairs__status=Pair.Status.PROPOSED)))
        .filter(proposed__gt=0)
        .order_by("-proposed")[:5]
    )
    for cycle in cycles[:2]:
        found.append(Task(
            title=ngettext("Review %(n)s proposed mentoring pair",
                           "Review %(n)s proposed mentoring pairs", cycle.proposed)
            % {"n": cycle.proposed},
            detail=cycle.name, url=reverse("mentoring:review", args=[cycle.pk]),
            count=cycle.proposed, kind=WAITING,
        ))  # fmt: skip
    running = cycles_coordinated_by(user).filter(status=MentoringCycle.Status.RUNNING)
    quiet = (
        inactive_pairs(Pair.objects.filter(cycle__in=running.values("pk")))
        .values_list("cycle_id")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")[:1]
    )
    for cycle_id, n in quiet:
        found.append(Task(
            title=ngettext("%(n)s mentoring pair is inactive", "%(n)s mentoring pairs are inactive",
                           n) % {"n": n},
            detail=_("No session for a while: contact them or help them plan."),
            url=reverse("mentoring:cycle_detail", args=[cycle_id]), count=n, kind=TEAM,
        ))  # fmt: skip
    return found
