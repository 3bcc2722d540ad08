"""Logins, failed logins and logouts go to the audit trail (never the password)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from binakinerja.core.audit import audit_record
from binakinerja.core.middleware import SESSION_RENEWED_KEY, SESSION_STARTED_KEY


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_RENEWED_KEY] = now  # the login saves the session anyway
    audit_record(actor=user, action="login", instance=user)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="logout", instance=user)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        action="login_failed",
        object_type="accounts.user",
        object_repr=username,
    )
