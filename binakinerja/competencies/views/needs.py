"""The training needs analysis (analisis kebutuhan pelatihan) of one ASN (read-only page)."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from binakinerja.competencies import rules
from binakinerja.competencies.jp import jp_done_for
from binakinerja.competencies.needs import employee_needs
from binakinerja.core.converters import YearConverter, year_neighbours
from binakinerja.people.selectors import employee_get_for_user


def _query_year(request) -> int:
    """The year of the older `?year=` links, read by the same converter as `<year:year>`
    (anything else is a 404); the current year without one."""
    raw = request.GET.get("year", "")
    if not raw:
        return timezone.localdate().year
    if not re.fullmatch(YearConverter.regex, raw):
        raise Http404
    try:
        return YearConverter().to_python(raw)
    except ValueError:
        raise Http404 from None


@login_required
@require_GET
def employee_needs_view(request, pk, year=None):
    if year is None:
        year = _query_year(request)
    employee = employee_get_for_user(request.user, pk)
    jp_done = jp_done_for([employee.pk], year).get(employee.pk, 0)
    needs = employee_needs(request.user, employee, year=year, jp_done=float(jp_done))
    context = {
        "employee": employee,
        "year": year,
        "needs": needs,
        "jp_done": jp_done,
        "yearly_jp": rules.YEARLY_JP,
        **year_neighbours(year),
    }
    return render(request, "competencies/needs/employee_needs.html", context)
