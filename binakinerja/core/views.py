from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from binakinerja.core.models import Notification
from binakinerja.core.notifications import notification_list_for
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.selectors import (
    orgunit_children_with_counts,
    orgunit_roots_visible_to,
)
from binakinerja.people.models import Employee
from binakinerja.people.selectors import employee_counts, employee_subordinate_count


@login_required
@require_GET
def dashboard(request):
    """The home page: what each of the user's roles needs first."""
    reach = reach_of(request.user)
    context = {"reach": reach, "notifications": notification_list_for(request.user)}
    if reach.manages_everything:
        context["counts"] = employee_counts(unit_paths=None)
    elif reach.dashboard_paths:
        context["counts"] = employee_counts(unit_paths=reach.dashboard_paths)
    if reach.dashboard_paths or reach.manages_everything:
        roots = orgunit_roots_visible_to(request.user)
        # One government (or OPD) in scope: show what lies directly below it.
        context["units_parent"] = roots[0] if len(roots) == 1 else None
        context["units"] = orgunit_children_with_counts(
            unit=context["units_parent"], user=request.user
        )
    if reach.employee_id:
        context["me"] = Employee.objects.select_related("unit", "position", "supervisor").get(
            pk=reach.employee_id
        )
        if reach.has_subordinates:
            context["direct_reports"] = Employee.objects.filter(
                supervisor_id=reach.employee_id
            ).count()
            context["all_reports"] = employee_subordinate_count(reach.employee_id)
    return render(request, "core/dashboard.html", context)


@login_required
@require_POST
def notifications_read(request):
    """Mark all of the user's notifications as read."""
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("core:dashboard")
