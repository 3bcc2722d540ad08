"""The budget's tasks on the home page (`core.home`): lines that have absorbed little late in
the year, realisasi posted without their document, spending above the pagu waiting for an
admin's review. Derived from the data; a fixed number of queries whatever the scope."""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binakinerja.budgets import rules
from binakinerja.budgets.models import Realisation
from binakinerja.budgets.selectors import lines_visible_to
from binakinerja.core.home import ADMIN, MINE, Task


def tasks(user, reach, today=None) -> list[Task]:
    if not getattr(user, "is_authenticated", False):
        return []
    if not (reach.manages_everything or reach.managed_paths):
        return []
    today = today or timezone.localdate()
    lines = lines_visible_to(user)
    found = []
    # Spending of this year or the last without its document: the operator who posts attaches it.
    missing = (
        Realisation.objects.filter(line__in=lines.values("pk"), document="", amount__gt=0,
                                   line__year__gte=today.year - 1)
        .order_by("date")
        .values_list("line_id", flat=True)[:200]
    )  # fmt: skip
    missing = list(missing)
    if missing:
        n = len(missing)
        url = (reverse("budgets:line_detail", args=[missing[0]])
               if len(set(missing)) == 1 else reverse("budgets:missing_documents"))  # fmt: skip
        found.append(Task(
            title=ngettext("Attach the document of a realisation",
                           "Attach the documents of %(n)s realisations", n) % {"n": n},
            detail=_("Spending is proven by its supporting document."), url=url, count=n,
            kind=MINE,
        ))  # fmt: skip
    if reach.manages_everything or reach.admin_paths:
        overrides = list(
            Realisation.objects.filter(line__in=lines.values("pk"), override_reviewed_at=None)
            .exclude(override_reason="")
            .values_list("line_id", flat=True)[:200]
        )
        if overrides:
            n = len(overrides)
            found.append(Task(
                title=ngettext("Review spending above the pagu",
                               "Review %(n)s entries above the pagu", n) % {"n": n},
                detail=_("Posted with an override: check the reason and the line's pagu."),
                url=reverse("budgets:overrides"), count=n, kind=ADMIN,
            ))  # fmt: skip
    if today.month >= rules.LATE_MONTH:
        low = (
            lines.filter(year=today.year, pagu__gt=0,
                         realised__lt=F("pagu") * rules.LOW_ABSORPTION_PERCENT / 100)
            .order_by()
            .values_list("instansi_id", flat=True)[:500]
        )  # fmt: skip
        low = list(low)
        if low:
            n = len(low)
            found.append(Task(
                title=ngettext("A budget line has absorbed less than half its pagu",
                               "%(n)s budget lines have absorbed less than half their pagu", n)
                % {"n": n},
                detail=_("The year ends soon: plan the spending or revise the pagu."),
                url=reverse("budgets:year", args=[low[0], today.year]) + "?rendah=1",
                count=n, kind=ADMIN,
            ))  # fmt: skip
    return found
