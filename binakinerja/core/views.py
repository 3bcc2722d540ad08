from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from binakinerja.core.home import panels_for, tasks_for
from binakinerja.core.notifications import (
    NOTIFICATIONS_PER_PAGE,
    notification_list_for,
    notification_mark_read,
    notifications_mark_all_read,
    notifications_of,
)
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
    # What needs the reader now, from every app's task source (core.home).
    context["tasks"] = tasks_for(request.user, reach)
    context["panels"] = panels_for(request.user, reach)
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
    notifications_mark_all_read(user=request.user)
    return redirect("core:notification_list")


@login_required
@require_GET
def notification_list(request):
    """The user's notifications, newest first, a page at a time."""
    page = Paginator(notifications_of(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@login_required
@require_GET
def notification_open(request, pk):
    """Open one of the user's own notifications: marked read, then on to the place it names
    (404 for anyone else's)."""
    note = notification_mark_read(user=request.user, pk=pk)
    if note is None:
        raise Http404
    if note.link and url_has_allowed_host_and_scheme(
        note.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(note.link)
    return redirect("core:notification_list")
