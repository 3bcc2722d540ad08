"""The admins' token pages: list, create (the secret shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binakinerja.api import rules, services
from binakinerja.api.forms import TokenForm
from binakinerja.api.rules import access_label
from binakinerja.api.selectors import may_manage_tokens, token_get_for_user, tokens_visible_to
from binakinerja.core.forms import add_service_errors


@login_required
@require_http_methods(["GET"])
def token_list(request):
    if not may_manage_tokens(request.user):
        raise PermissionDenied
    page = Paginator(tokens_visible_to(request.user), 50).get_page(request.GET.get("page"))
    labels = dict(rules.scope_choices())
    for token in page:
        token.scope_labels = [
            f"{labels.get(code, code)} ({access_label(code)})" for code in token.scopes
        ]
    return render(request, "api/token_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def token_create(request):
    if not may_manage_tokens(request.user):
        raise PermissionDenied
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown on this response only; never stored, never in a URL or the session.
            response = render(request, "api/token_created.html",
                              {"token": token, "secret": secret})  # fmt: skip
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "api/token_form.html", {"form": form})


@login_required
@require_POST
def token_revoke(request, pk):
    token = token_get_for_user(request.user, pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("api:token_list")


def api_not_found(request, rest):
    """Addresses under /api/v1/ that name no endpoint: JSON like every API answer."""
    return JsonResponse({"detail": _("No such API endpoint.")}, status=404)
