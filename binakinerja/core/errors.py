"""Error pages that reveal nothing beyond a plain message in the user's language."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    from binakinerja.core.audit import audit_record

    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        audit_record(actor=request.user, action="denied", object_repr=request.path[:200])
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors: the database may be what failed.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
