"""The SKP tasks of the home page (`core.home`), derived from the data on every request: the
ASN's own SKP and quarter, the atasan's decisions, assessments, dialogs and follow-ups, and
the periods and OPD progress that admins and operators run. Each part costs a fixed number of
queries whatever the size of the team or scope."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binakinerja.core.home import ADMIN, TEAM, WAITING, Task
from binakinerja.organizations.models import OPD_PATH_LENGTH, OrgUnit
from binakinerja.people.models import Employee
from binakinerja.performance.models import (
    FollowUp,
    Period,
    Skp,
    SkpAssessment,
    SkpIndicator,
    SkpRealisation,
)
from binakinerja.performance.rules import SkpStatus
from binakinerja.performance.selectors import APPROVED_OR_LATER, instansi_managed_by

# An SKP being carried out: the ASN records realisations, the atasan holds dialogs.
RUNNING = (SkpStatus.APPROVED, SkpStatus.IN_PROGRESS, SkpStatus.ASSESSED)
# An OPD is behind schedule once the year's first quarter is over and fewer than this share
# of its active ASN have an approved SKP (plans are agreed at the start of the year).
OPD_BEHIND_SHARE = 80


def tasks(user, reach) -> list[Task]:
    found: list[Task] = []
    today = timezone.localdate()
    if reach.employee_id:
        found += _own_tasks(reach.employee_id, today)
    if reach.has_subordinates:
        found += _atasan_tasks(reach.employee_id)
    if reach.manages_everything or reach.admin_paths:
        found += _period_tasks(user, today)
    if reach.manages_everything or reach.managed_paths:
        found += _opd_tasks(reach, today)
    return found


def _skp_url(pk: int) -> str:
    return reverse("performance:skp_detail", args=[pk])


def _own_tasks(employee_id: int, today: dt.date) -> list[Task]:
    """The ASN's own SKP of the year: start it, submit it, revise it, or record the current
    quarter's realisation (at most four queries)."""
    year = today.year
    skp = (
        Skp.objects.filter(employee_id=employee_id, year=year)
        .select_related("employee__unit")
        .first()
    )
    if skp is None:
        return [
            Task(
                title=_("Start your SKP for %(year)s") % {"year": year},
                detail=_("Plan your results with your supervisor."),
                url=reverse("performance:skp_home"),
            )
        ]
    if skp.status == SkpStatus.DRAFT:
        return [
            Task(
                title=_("Submit your SKP %(year)s to your supervisor") % {"year": year},
                detail=_("It is still a draft."),
                url=_skp_url(skp.pk),
            )
        ]
    if skp.status == SkpStatus.RETURNED:
        return [
            Task(
                title=_("Revise your SKP %(year)s and submit it again") % {"year": year},
                detail=_("Your supervisor returned it with comments."),
                url=_skp_url(skp.pk),
            )
        ]
    if skp.status not in RUNNING:
        return []
    quarter = (
        Period.objects.filter(
            instansi__path=skp.employee.unit.instansi_path,
            year=year,
            status=Period.Status.OPEN,
            kind__startswith="q",
            start__lte=today,
        )
        .order_by("-start")
        .first()
    )
    if quarter is None:
        return []
    counts = SkpIndicator.objects.filter(result__skp=skp).aggregate(
        total=Count("id"),
        missing=Count(
            "id",
            filter=~Q(
                Exists(SkpRealisation.objects.filter(indicator=OuterRef("pk"), period=quarter))
            ),
        ),
    )
    if not counts["missing"]:
        return []
    return [
        Task(
            title=_("Record your realisation for %(period)s") % {"period": quarter},
            detail=ngettext(
                "%(missing)s of %(total)s indicator has no realisation yet.",
                "%(missing)s of %(total)s indicators have no realisation yet.",
                counts["total"],
            )
            % counts,
            url=_skp_url(skp.pk) + "#record",  # straight to the realisation form
            count=counts["missing"],
        )
    ]


def _one_or_board(first_pk: int | None, count: int) -> str:
    """Straight to the SKP when there is one, else to the team board."""
    if count == 1 and first_pk:
        return _skp_url(first_pk)
    return reverse("performance:skp_home") + "#team"


def _atasan_tasks(me: int) -> list[Task]:
    """SKPs awaiting the atasan's decision, quarters with realisations but no assessment, team
    members without a recent dialog, and open follow-ups (five queries)."""
    found = []
    waiting = Skp.objects.filter(atasan_id=me, status=SkpStatus.SUBMITTED).aggregate(
        n=Count("id"), first=Min("id")
    )
    if waiting["n"]:
        found.append(
            Task(
                title=ngettext(
                    "Approve or return %(n)s submitted SKP",
                    "Approve or return %(n)s submitted SKPs",
                    waiting["n"],
                )
                % {"n": waiting["n"]},
                url=_one_or_board(waiting["first"], waiting["n"]),
                count=waiting["n"],
                kind=WAITING,
            )
        )
    # A quarter to assess: an SKP of the atasan's with a realisation in a quarter and no
    # assessment of that quarter yet.
    to_assess = list(
        SkpRealisation.objects.filter(
            indicator__result__skp__atasan_id=me,
            indicator__result__skp__status__in=RUNNING,
            period__kind__startswith="q",
        )
        .exclude(
            Exists(
                SkpAssessment.objects.filter(
                    skp_id=OuterRef("indicator__result__skp_id"), period_id=OuterRef("period_id")
                )
            )
        )
        .values_list("indicator__result__skp_id", "period_id")
        .distinct()
        .order_by()
    )
    if to_assess:
        skps = {skp_id for skp_id, _period in to_assess}
        found.append(
            Task(
                title=ngettext(
                    "Assess %(n)s quarter of your team",
                    "Assess %(n)s quarters of your team",
                    len(to_assess),
                )
                % {"n": len(to_assess)},
                detail=_("Realisations are recorded and wait for your assessment."),
                url=_one_or_board(min(skps), len(skps)),
                count=len(to_assess),
                kind=WAITING,
            )
        )
    cutoff = timezone.now() - dt.timedelta(days=settings.SKP_CHECK_IN_DAYS)
    quiet = (
        Skp.objects.filter(
            atasan_id=me,
            year=timezone.localdate().year,
            status__in=RUNNING,
            employee__supervisor_id=me,
        )
        .annotate(last=Max("check_ins__created_at"))
        .filter(Q(last__isnull=True) | Q(last__lt=cutoff))
        .aggregate(n=Count("id"), first=Min("id"))
    )
    if quiet["n"]:
        found.append(
            Task(
                title=ngettext(
                    "Hold a performance dialog with %(n)s team member",
                    "Hold a performance dialog with %(n)s team members",
                    quiet["n"],
                )
                % {"n": quiet["n"]},
                detail=ngettext(
                    "No dialog in the last %(days)s day.",
                    "No dialog in the last %(days)s days.",
                    settings.SKP_CHECK_IN_DAYS,
                )
                % {"days": settings.SKP_CHECK_IN_DAYS},
                url=_one_or_board(quiet["first"], quiet["n"]),
                count=quiet["n"],
                kind=TEAM,
            )
        )
    follow_ups = FollowUp.objects.filter(is_done=False, assessment__skp__atasan_id=me).count()
    if follow_ups:
        found.append(
            Task(
                title=ngettext(
                    "Carry out %(n)s open follow-up",
                    "Carry out %(n)s open follow-ups",
                    follow_ups,
                )
                % {"n": follow_ups},
                detail=_("Agreed after a low assessment."),
                url=reverse("performance:follow_up_list"),
                count=follow_ups,
                kind=TEAM,
            )
        )
    return found


def _period_tasks(user, today: dt.date) -> list[Task]:
    """Admins BKPSDM: governments without this year's periods, quarters past their end still
    open (two queries)."""
    found = []
    url = reverse("performance:period_list")
    governments = instansi_managed_by(user)
    without_year = governments.exclude(performance_periods__year=today.year).count()
    if without_year:
        found.append(
            Task(
                title=_("Open the periods of %(year)s") % {"year": today.year},
                detail=ngettext(
                    "%(n)s government has no periods for this year.",
                    "%(n)s governments have no periods for this year.",
                    without_year,
                )
                % {"n": without_year},
                url=url,
                count=without_year,
                kind=ADMIN,
            )
        )
    overdue = Period.objects.filter(
        instansi__in=governments,
        status=Period.Status.OPEN,
        kind__startswith="q",
        end__lt=today,
    ).count()
    if overdue:
        found.append(
            Task(
                title=ngettext(
                    "Close %(n)s quarter that has ended",
                    "Close %(n)s quarters that have ended",
                    overdue,
                )
                % {"n": overdue},
                detail=_("Its end date has passed and it is still open."),
                url=url,
                count=overdue,
                kind=ADMIN,
            )
        )
    return found


def _opd_tasks(reach, today: dt.date) -> list[Task]:
    """Admins and operators: OPDs in their scope behind schedule (fewer than
    `OPD_BEHIND_SHARE` % of active ASN with an approved SKP once the first quarter is over):
    three grouped queries whatever the number of OPDs."""
    if today < dt.date(today.year, 4, 1):
        return []
    scope = Q()
    if not reach.manages_everything:
        for path in reach.managed_paths:
            scope |= Q(path__startswith=path)
    opds = {o.path: o for o in OrgUnit.objects.filter(scope, kind=OrgUnit.Kind.OPD)}
    if not opds:
        return []
    unit_scope = Q()
    if not reach.manages_everything:
        for path in reach.managed_paths:
            unit_scope |= Q(unit__path__startswith=path)

    def per_opd(queryset, path_field):
        return dict(
            queryset.annotate(opd=Substr(path_field, 1, OPD_PATH_LENGTH))
            .values_list("opd")
            .annotate(n=Count("id"))
            .order_by()
        )

    staff = per_opd(Employee.objects.filter(unit_scope, state="aktif"), "unit__path")
    skp_scope = Q()
    if not reach.manages_everything:
        for path in reach.managed_paths:
            skp_scope |= Q(employee__unit__path__startswith=path)
    approved = per_opd(
        Skp.objects.filter(skp_scope, year=today.year, status__in=APPROVED_OR_LATER),
        "employee__unit__path",
    )
    behind = [
        (opds[path], approved.get(path, 0), n)
        for path, n in staff.items()
        if path in opds and n and 100 * approved.get(path, 0) < OPD_BEHIND_SHARE * n
    ]
    if not behind:
        return []
    if len(behind) == 1:
        opd, done, n = behind[0]
        return [
            Task(
                title=_("%(opd)s is behind with the SKPs of %(year)s")
                % {"opd": opd.name, "year": today.year},
                detail=_("%(done)s of %(n)s active ASN have an approved SKP.")
                % {"done": done, "n": n},
                url=reverse("performance:opd_progress", args=[opd.pk, today.year]),
                kind=ADMIN,
            )
        ]
    return [
        Task(
            title=ngettext(
                "%(n)s OPD is behind with the SKPs of %(year)s",
                "%(n)s OPDs are behind with the SKPs of %(year)s",
                len(behind),
            )
            % {"n": len(behind), "year": today.year},
            detail=_("Fewer than %(share)s%% of their active ASN have an approved SKP.")
            % {"share": OPD_BEHIND_SHARE},
            url=reverse("performance:opd_overview") + f"?year={today.year}",
            count=len(behind),
            kind=ADMIN,
        )
    ]
