"""Two-factor login enforced for the roles of settings.TWO_FACTOR_REQUIRED_ROLES: a user holding
one of them reaches no page but logging in and out, enrolment and the language switch until they
have set up an authenticator app and passed its code in this session."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from binakinerja.accounts import two_factor

# Pages open to a user who still owes the second factor (URL names).
OPEN_VIEWS = {
    "accounts:login",
    "accounts:login_verify",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:two_factor_enrol",
    "accounts:recovery_codes",
    "accounts:recovery_codes_download",
    "accounts:recovery_codes_done",
    "set_language",
}


class TwoFactorRequiredMiddleware:
    """After OTPMiddleware (which tells whether this session passed a code). Costs nothing when
    the setting is empty, and for a verified session only the device read OTPMiddleware does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWO_FACTOR_REQUIRED_ROLES:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or match.view_name in OPEN_VIEWS:
            return None
        if user.is_verified() or not two_factor.is_required_for(user):
            return None
        if two_factor.is_enrolled(user):
            # A session opened before the app was set up elsewhere: log in again, with a code.
            logout(request)
            messages.info(request, _("Log in again with the code of your authenticator app."))
            target = settings.LOGIN_URL
        else:
            messages.info(
                request,
                _("Your role requires two-factor login. Set up an authenticator app to continue."),
            )
            target = "accounts:two_factor_enrol"
        if getattr(request, "htmx", False):
            from django.urls import reverse

            return HttpResponseClientRedirect(reverse(target))
        return redirect(target)
