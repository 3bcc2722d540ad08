"""Session lifetime: besides the sliding idle timeout (SESSION_COOKIE_AGE with
SESSION_SAVE_EVERY_REQUEST), a session ends a fixed time after login whatever the activity.
Caching: nothing shown to a logged-in user and no download is kept by browsers or proxies."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

SESSION_STARTED_KEY = "bk_started_at"


class SessionAbsoluteTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            now = int(time.time())
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to a logged-in user and on every download
    (`Content-Disposition: attachment`), unless the view chose its own Cache-Control: personal
    data must not stay in a shared computer's browser cache or in a proxy, and the back button
    after logging out must not show it again. Public pages for anonymous visitors (the public
    IKM lists) stay cacheable; static files never reach this middleware (WhiteNoise answers
    them first, with long-lived caching of hashed names)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        download = response.get("Content-Disposition", "").startswith("attachment")
        if download or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "no-store"
        return response
