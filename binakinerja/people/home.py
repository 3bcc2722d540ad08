"""The registry's tasks on the home page (`core.home`): an ASN-list import of the reader's
that failed and has not been followed by a successful one (one query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from binakinerja.core.home import ADMIN, Task
from binakinerja.people.models import ImportJob

FAILED = (ImportJob.Status.REJECTED, ImportJob.Status.FAILED)


def tasks(user, reach) -> list[Task]:
    if not (reach.manages_everything or reach.managed_paths):
        return []
    # The newest finished, real (not dry-run) import decides: once a later one succeeds, the
    # failure is dealt with and the task disappears.
    last = (
        ImportJob.objects.filter(owner_id=user.pk, dry_run=False, status__in=ImportJob.FINISHED)
        .order_by("-created_at", "-id")
        .only("pk", "original_name", "status")
        .first()
    )
    if last is None or last.status not in FAILED:
        return []
    return [
        Task(
            title=_("Your ASN list import was not saved"),
            detail=_("%(file)s: %(status)s. Correct the file and upload it again.")
            % {"file": last.original_name, "status": last.get_status_display()},
            url=reverse("people:import_job", args=[last.pk]),
            kind=ADMIN,
        )
    ]
