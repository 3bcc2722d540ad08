"""The training needs analysis (analisis kebutuhan pelatihan) of one ASN (read-only page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from binakinerja.competencies import rules
from binakinerja.competencies.needs import employee_needs
from binakinerja.competencies.selectors import employee_get_for_gaps

# Years the page accepts in ?year=; anything else is a 404, never a server error.
MIN_YEAR, MAX_YEAR = 2000, 2100


def _year_of(request) -> int:
    raw = request.GET.get("year")
    if raw is None or raw == "":
        return timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        raise Http404 from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


@login_required
@require_GET
def employee_needs_view(request, pk):
    year = _year_of(request)
    employee = employee_get_for_gaps(request.user, pk)
    needs = employee_needs(request.user, employee, year=year)
    context = {
        "employee": employee,
        "year": year,
        "needs": needs,
        "yearly_jp": rules.YEARLY_JP,
        "previous_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
    }
    return render(request, "competencies/needs/employee_needs.html", context)
