"""The PDP duties on the home page (`core.home`): open data-subject requests and breaches whose
notices are still due, for the admins who handle them, with the 3 × 24-hour clock. Two
counts whatever the number of requests."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binakinerja.core.home import WAITING, Task
from binakinerja.pdp.selectors import breaches_visible_to, may_handle, requests_handled_by


def tasks(user, reach) -> list[Task]:
    if not getattr(user, "is_authenticated", False) or not may_handle(user):
        return []
    now = timezone.now()
    found = []
    figures = (
        requests_handled_by(user)
        .filter(status="open")
        .aggregate(n=Count("pk"), late=Count("pk", filter=Q(deadline__lt=now)))
    )
    if figures["n"]:
        n, late = figures["n"], figures["late"]
        found.append(Task(
            title=ngettext("Answer a request about personal data",
                           "Answer %(n)s requests about personal data", n) % {"n": n},
            detail=(ngettext("%(n)s is past its 3 × 24 hours.",
                             "%(n)s are past their 3 × 24 hours.", late) % {"n": late}
                    if late else _("Each is answered within 3 × 24 hours of receipt.")),
            url=reverse("pdp:request_list"), count=n, kind=WAITING,
        ))  # fmt: skip
    open_breaches = (
        breaches_visible_to(user)
        .filter(Q(subjects_notified_at__isnull=True) | Q(authority_notified_at__isnull=True))
        .aggregate(n=Count("pk"), late=Count("pk", filter=Q(deadline__lt=now)))
    )
    if open_breaches["n"]:
        n = open_breaches["n"]
        found.append(Task(
            title=ngettext("Send the notices of a data breach",
                           "Send the notices of %(n)s data breaches", n) % {"n": n},
            detail=_("The affected persons and the authority are told within 3 × 24 hours "
                     "of discovery.") if not open_breaches["late"]
            else _("Overdue: the 3 × 24 hours have passed."),
            url=reverse("pdp:breach_list"), count=n, kind=WAITING,
        ))  # fmt: skip
    return found
