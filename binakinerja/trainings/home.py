"""The trainings tasks of the home page (`core.home`). Each area adds its own
`_<area>_tasks(user, reach)` and calls it from `tasks`; every function costs a fixed number of
queries whatever the scope (aggregate in SQL)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from binakinerja.core.home import MINE, WAITING, Task
from binakinerja.trainings.models import Program
from binakinerja.trainings.selectors import can_manage_trainings, institutions_of


def tasks(user, reach) -> list[Task]:
    return [*_program_tasks(user, reach)]


def _program_tasks(user, reach) -> list[Task]:
    """Penyelenggara: their institution's programs returned for revision; admins BKPSDM: the
    programs awaiting review. One query each."""
    found: list[Task] = []
    if reach.is_penyelenggara:
        names = institutions_of(user)
        returned = (
            Program.objects.filter(
                status=Program.Status.RETURNED, institution__name__in=names
            ).count()
            if names
            else 0
        )
        if returned:
            found.append(
                Task(
                    title=ngettext(
                        "Revise %(n)s training program returned by BKPSDM",
                        "Revise %(n)s training programs returned by BKPSDM",
                        returned,
                    )
                    % {"n": returned},
                    url=reverse("trainings:program_list") + "?status=returned",
                    count=returned,
                    kind=MINE,
                )
            )
    if can_manage_trainings(user):
        waiting = Program.objects.filter(status=Program.Status.SUBMITTED).count()
        if waiting:
            found.append(
                Task(
                    title=ngettext(
                        "Review %(n)s training program",
                        "Review %(n)s training programs",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("trainings:program_list") + "?status=submitted",
                    count=waiting,
                    kind=WAITING,
                )
            )
    return found
