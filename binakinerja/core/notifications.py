"""Notifications: in-app always, by e-mail when NOTIFY_BY_EMAIL is on and the user has an
address. Sent after the caller's transaction commits, so a rolled-back change notifies nobody."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from binakinerja.core.models import Notification

log = logging.getLogger("binakinerja.notifications")


def notify(*, user, text: str, link: str = "") -> None:
    if user is None:
        return

    def deliver():
        Notification.objects.create(recipient=user, text=text[:300], link=link[:200])
        if getattr(settings, "NOTIFY_BY_EMAIL", False) and user.email:
            try:
                send_mail(subject=f"Bina Kinerja: {text[:80]}", message=text + "\n\n" + link,
                          from_email=None, recipient_list=[user.email])  # fmt: skip
            except OSError:
                log.warning("notification e-mail to user %s failed", user.pk)

    transaction.on_commit(deliver)


def notification_list_for(user, *, limit: int = 10):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)[:limit]
