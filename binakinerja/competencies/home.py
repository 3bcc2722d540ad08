"""The IDP tasks of the home page (`core.home`): the ASN's plan to propose, the atasan's
plans to decide. Derived from the plans on every request (two queries at most)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binakinerja.competencies.models import (
    IDP_MAX_YEAR,
    IDP_MIN_YEAR,
    IdpStatus,
    IndividualDevelopmentPlan,
)
from binakinerja.core.home import MINE, WAITING, Task


def tasks(user, reach) -> list[Task]:
    found: list[Task] = []
    year = timezone.localdate().year
    me = reach.employee_id
    if me and IDP_MIN_YEAR <= year <= IDP_MAX_YEAR:
        status = (
            IndividualDevelopmentPlan.objects.filter(employee_id=me, year=year)
            .values_list("status", flat=True)
            .first()
        )
        url = reverse("competencies:idp_mine", args=[year])
        if status is None or status == IdpStatus.DRAFT:
            found.append(
                Task(
                    title=_("Propose your development plan (IDP) for %(year)s") % {"year": year},
                    detail=_("Choose the activities that close your gaps and submit them."),
                    url=url,
                    kind=MINE,
                )
            )
        elif status == IdpStatus.DIKEMBALIKAN:
            found.append(
                Task(
                    title=_("Revise your development plan (IDP) %(year)s") % {"year": year},
                    detail=_("Your supervisor returned it with comments."),
                    url=url,
                    kind=MINE,
                )
            )
    if me and reach.has_subordinates:
        waiting = IndividualDevelopmentPlan.objects.filter(
            status=IdpStatus.DIAJUKAN, employee__supervisor_id=me
        ).count()
        if waiting:
            found.append(
                Task(
                    title=ngettext(
                        "Decide on %(n)s development plan (IDP)",
                        "Decide on %(n)s development plans (IDP)",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("competencies:idp_inbox"),
                    count=waiting,
                    kind=WAITING,
                )
            )
    return found
