"""The trainings start page: what each role opens from here (the menu's "Pelatihan")."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from binakinerja.core.scoping import reach_of
from binakinerja.trainings.selectors import can_manage_trainings, institutions_of


@login_required
@require_GET
def training_home(request):
    reach = reach_of(request.user)
    context = {
        "year": timezone.localdate().year,
        "is_employee": bool(reach.employee_id),
        "is_atasan": reach.has_subordinates,
        "manages_registry": reach.can_manage_registry,
        "is_admin": can_manage_trainings(request.user),
        "institutions": institutions_of(request.user),
        "reads_aggregates": bool(reach.dashboard_paths) or reach.manages_everything,
    }
    return render(request, "trainings/start.html", context)
