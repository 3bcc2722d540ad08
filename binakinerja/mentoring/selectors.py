"""Reads of mentoring, and its one scoping mechanism (SECURITY.md, UU PDP).

Who sees what:
- a pair and its sessions, goals and feedback: its mentor, its mentee, the coordinator of its
  cycle, and whoever may read the mentee through `Employee.objects.visible_to` (admins and
  operators in scope, the mentee's atasan chain);
- a cycle: its coordinator, admins/operators whose scope holds it, and its participants;
- pimpinan read aggregates only (never rows about persons): they get no rows here.
Every view fetches through these functions: 404 outside reach, 403 for a write by a reader.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binakinerja.core.scoping import reach_of
from binakinerja.mentoring.models import MentoringCycle, MentoringSession, MentorOffer, Pair
from binakinerja.organizations.models import PATH_WIDTH, opd_path_of
from binakinerja.people.models import Employee
from binakinerja.trainings.models import Facilitator

NOTHING = Q(pk__in=[])


def employee_id_of(user) -> int | None:
    """The reader's own ASN record (None for logins without one)."""
    return reach_of(user).employee_id


def can_coordinate(user, instansi, opd=None) -> bool:
    """Admins BKPSDM of the government (or of every government) coordinate its cycles;
    an operator coordinates a cycle of an OPD inside their scope."""
    reach = reach_of(user)
    if reach.manages_everything:
        return True
    if any(instansi.path.startswith(path) for path in reach.admin_paths):
        return True
    return opd is not None and any(opd.path.startswith(p) for p in reach.operator_paths)


def _managed_cycles_q(user) -> Q:
    reach = reach_of(user)
    if reach.manages_everything:
        return Q()
    q = NOTHING
    for path in reach.admin_paths:
        q |= Q(instansi__path__startswith=path)
    for path in reach.operator_paths:
        q |= Q(opd__path__startswith=path)
    return q


def cycles_visible_to(user) -> QuerySet[MentoringCycle]:
    """Cycles the reader coordinates, manages, mentors or is mentored in."""
    if not getattr(user, "is_authenticated", False):
        return MentoringCycle.objects.none()
    if reach_of(user).manages_everything:  # (an empty Q() would vanish from an OR)
        return MentoringCycle.objects.select_related("instansi", "opd", "coordinator")
    q = Q(coordinator=user) | _managed_cycles_q(user)
    me = employee_id_of(user)
    if me:
        q |= Q(pk__in=MentorOffer.objects.filter(mentor_id=me).values("cycle_id"))
        q |= Q(pk__in=Pair.objects.filter(Q(mentor_id=me) | Q(mentee_id=me)).values("cycle_id"))
    return MentoringCycle.objects.filter(q).select_related("instansi", "opd", "coordinator")


def pairs_visible_to(user) -> QuerySet[Pair]:
    """Pairs the reader is part of, coordinates, or whose mentee they may read."""
    if not getattr(user, "is_authenticated", False):
        return Pair.objects.none()
    q = Q(cycle__coordinator=user) | Q(mentee__in=Employee.objects.visible_to(user))
    me = employee_id_of(user)
    if me:
        q |= Q(mentor_id=me) | Q(mentee_id=me)
    return Pair.objects.filter(q).select_related("cycle", "mentor__user", "mentee__user")


def pair_get_for_user(user, pk) -> Pair:
    """One pair: 404 when the reader may not see it."""
    return get_object_or_404(pairs_visible_to(user), pk=pk)


def sessions_visible_to(user) -> QuerySet[MentoringSession]:
    """Sessions of the pairs the reader may see."""
    return MentoringSession.objects.filter(pair__in=pairs_visible_to(user).values("pk"))


def session_get_for_user(user, pk) -> MentoringSession:
    """One session: 404 when the reader may not see its pair."""
    return get_object_or_404(
        sessions_visible_to(user).select_related("pair__mentor__user", "pair__mentee__user"),
        pk=pk,
    )


def side_of(user, pair: Pair) -> str | None:
    """ "mentor" or "mentee" when the reader is that side of the pair, else None."""
    me = employee_id_of(user)
    if me is None:
        return None
    if pair.mentor_id == me:
        return "mentor"
    if pair.mentee_id == me:
        return "mentee"
    return None


def persons_reachable(user) -> set[int]:
    """Mentoring's second door (for the leak test and the pages): the mentor and mentee of every
    pair the reader may see, and the mentors who offered in a cycle the reader coordinates — a
    mentor of another OPD is named to their mentee and to the coordinator by design."""
    pairs = pairs_visible_to(user).values_list("mentor_id", "mentee_id")
    found = {pk for pair in pairs for pk in pair}
    coordinated = cycles_coordinated_by(user)
    found |= set(
        MentorOffer.objects.filter(cycle__in=coordinated).values_list("mentor_id", flat=True)
    )
    return found


def with_activity(pairs: QuerySet[Pair]) -> QuerySet[Pair]:
    """`pairs` annotated with `last_session` (the date of the latest session logged, confirmed
    or not) and `sessions_confirmed` (their number), in the same query."""
    return pairs.annotate(
        last_session=Max("sessions__date"),
        sessions_confirmed=Count("sessions", filter=Q(sessions__confirmed_at__isnull=False)),
    )


def inactive_pairs(pairs: QuerySet[Pair], today=None, days: int | None = None) -> QuerySet[Pair]:
    """The active pairs of `pairs` without a session in the last `days` days
    (settings.MENTORING_INACTIVE_DAYS) that became active (both accepted) before that window;
    annotated with `last_session`. No GROUP BY (subqueries), so callers may count and group
    the result freely."""
    today = today or timezone.localdate()
    days = settings.MENTORING_INACTIVE_DAYS if days is None else days
    since = today - dt.timedelta(days=days)
    # Accepted before that day, compared as datetimes (no date cast per row).
    since_start = timezone.make_aware(dt.datetime.combine(since, dt.time()))
    sessions = MentoringSession.objects.filter(pair=OuterRef("pk"))
    return (
        pairs.filter(status=Pair.Status.ACTIVE, mentor_accepted_at__lt=since_start,
                     mentee_accepted_at__lt=since_start)
        .filter(~Exists(sessions.filter(date__gte=since)))
        .annotate(last_session=Subquery(sessions.order_by("-date").values("date")[:1]))
    )  # fmt: skip


def cycles_coordinated_by(user) -> QuerySet[MentoringCycle]:
    """Cycles the reader coordinates or may coordinate (admins and operators in scope)."""
    if not getattr(user, "is_authenticated", False):
        return MentoringCycle.objects.none()
    cycles = MentoringCycle.objects.select_related("instansi", "opd", "coordinator")
    if reach_of(user).manages_everything:
        return cycles
    return cycles.filter(Q(coordinator=user) | _managed_cycles_q(user))


def may_coordinate(user, cycle: MentoringCycle) -> bool:
    return cycle.coordinator_id == user.pk or can_coordinate(user, cycle.instansi, cycle.opd)


def cycles_open_to(employee: Employee) -> QuerySet[MentoringCycle]:
    """Cycles taking mentor offers whose scope holds the employee's unit (an ASN may offer in
    their government's cycle, or in their own OPD's). A widyaiswara — an ASN recorded as a
    facilitator of a training institution — may offer in every open cycle (issue 14)."""
    taking = MentoringCycle.objects.filter(
        status__in=(MentoringCycle.Status.OPEN, MentoringCycle.Status.MATCHING)
    ).select_related("instansi", "opd")
    if Facilitator.objects.filter(employee=employee).exists():
        return taking
    path = employee.unit.path if employee.unit_id else ""
    if not path:
        return MentoringCycle.objects.none()
    government, opd = path[:PATH_WIDTH], opd_path_of(path)
    return taking.filter(Q(opd__isnull=True, instansi__path=government) | Q(opd__path=opd or "-"))


def mentees_by_unit(root, year: int) -> dict[str, int]:
    """ASN mentored (in an active or closed pair of a cycle of `root`'s government in `year`)
    per unit path, one grouped query (monitoring's rollups)."""
    rows = (
        Pair.objects.filter(cycle__instansi__path=root.path.split(".")[0], cycle__year=year,
                            status__in=[Pair.Status.ACTIVE, Pair.Status.CLOSED],
                            mentee__unit__path__startswith=root.path)
        .order_by()
        .values("mentee__unit__path")
        .annotate(n=Count("mentee", distinct=True))
        .values_list("mentee__unit__path", "n")
    )  # fmt: skip
    return dict(rows)
