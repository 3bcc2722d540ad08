from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binakinerja.performance.forms import ReopenForm, YearOpenForm
from binakinerja.performance.selectors import instansi_managed_by, period_list_managed_by
from binakinerja.performance.services import period_close, period_open_year, period_reopen


def _require_period_admin(user):
    if not instansi_managed_by(user).exists():
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request):
    """The assessment periods an admin BKPSDM runs, and the form to open a new year."""
    _require_period_admin(request.user)
    form = YearOpenForm(request.POST or None, instansi=instansi_managed_by(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            period_open_year(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The year's periods are open."))
            return redirect("performance:period_list")
    periods = period_list_managed_by(request.user).order_by("instansi__name", "-year", "start")
    context = {"form": form, "periods": periods[:200], "reopen_form": ReopenForm()}
    return render(request, "performance/period_list.html", context)


@login_required
@require_POST
def period_status(request, pk):
    """Close an open period, or reopen a closed one with a reason."""
    _require_period_admin(request.user)
    period = get_object_or_404(period_list_managed_by(request.user), pk=pk)
    try:
        if period.is_open:
            period_close(actor=request.user, period=period)
            messages.success(request, _("%(period)s closed.") % {"period": period})
        else:
            period_reopen(actor=request.user, period=period, reason=request.POST.get("reason", ""))
            messages.success(request, _("%(period)s reopened.") % {"period": period})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("performance:period_list")
