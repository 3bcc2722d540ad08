"""Session lifetime: a sliding idle timeout (SESSION_COOKIE_AGE, renewed by activity at most
once a SESSION_RENEW_SECONDS) and a fixed end a time after login whatever the activity.
Caching: nothing shown to a logged-in user and no download is kept by browsers or proxies."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_vary_headers

SESSION_STARTED_KEY = "bk_started_at"
SESSION_RENEWED_KEY = "bk_renewed_at"


class SessionAbsoluteTimeoutMiddleware:
    """Ends a session SESSION_ABSOLUTE_SECONDS after login, and renews the idle expiry of an
    active one. Renewal writes the session row, so it happens at most once a
    SESSION_RENEW_SECONDS (not on every request, as SESSION_SAVE_EVERY_REQUEST would: three
    database round trips per page in a deadline rush); the idle timeout then ends a session
    between SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS and SESSION_COOKIE_AGE after the last
    request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            started = session.get(SESSION_STARTED_KEY)
            now = int(time.time())
            if started is None:
                session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - session.get(SESSION_RENEWED_KEY, 0) >= settings.SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = now  # saved with a fresh idle expiry
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


class DefaultLanguageMiddleware:
    """Bahasa Indonesia whatever the browser asks for; English (or another language of
    settings.LANGUAGES) only when the person chose it with the language switch, which stores the
    choice in the language cookie (`set_language`). Replaces Django's LocaleMiddleware: many
    phones and office machines here are set to English, and Accept-Language would follow them.
    No URL prefixes (no i18n_patterns), so nothing else of LocaleMiddleware is needed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
