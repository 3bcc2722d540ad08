"""Reminders for inactive mentoring pairs (issue 14): an active pair without a session for
`MENTORING_INACTIVE_DAYS` days; both sides get a notice, once per inactive stretch (the pair's
`reminded_at`), and the coordinator sees the pair on the cycle page and as a home task."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from binakinerja.core.notifications import notify
from binakinerja.mentoring.models import Pair
from binakinerja.mentoring.selectors import inactive_pairs


@transaction.atomic
def remind_inactive_pairs(today: dt.date | None = None) -> int:
    """Notify mentor and mentee of each inactive pair not reminded within the inactive window;
    returns how many pairs were reminded. Running it twice on a day reminds nobody twice."""
    today = today or timezone.localdate()
    days = settings.MENTORING_INACTIVE_DAYS
    window = today - dt.timedelta(days=days)
    due = list(
        inactive_pairs(Pair.objects.all(), today=today, days=days)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=window))
        .select_related("mentor__user", "mentee__user")
        .order_by("pk")
    )
    for pair in due:
        for person, other in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)):
            if person.user_id is None:
                continue
            notify(
                user=person.user,
                message=gettext_noop(
                    "No mentoring session with %(name)s for %(days)s days: agree on the next one."
                ),
                params={"name": other.name, "days": days},
                link=reverse("mentoring:pair_detail", args=[pair.pk]),
            )
    Pair.objects.filter(pk__in=[pair.pk for pair in due]).update(reminded_at=today)
    return len(due)
