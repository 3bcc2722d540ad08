"""Notifications: in-app always, by e-mail when NOTIFY_BY_EMAIL is on and the user has an
address. Sent after the caller's transaction commits, so a rolled-back change notifies nobody.

A notification keeps its English message (a msgid marked with `gettext_noop` by the caller) and
its parameters, so each reader sees it in their own language (`Notification.body`); the e-mail
and the stored `text` are in the default language (Bahasa Indonesia). Messages tell what
happened ("… submitted …"), never what is still to do: open tasks come from the data (the home
page's task registry), and `settle` marks a notification read once its step is done."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from binakinerja.core.models import Notification

log = logging.getLogger("binakinerja.notifications")

NOTIFICATIONS_PER_PAGE = 25
MAX_PARAM = 120  # characters of one parameter (a name, a comment) kept in a notification
TRANSLATED_KEY = "_translated"  # the parameters that are msgids themselves


def render(message: str, params: dict) -> str:
    """`message` with `params` in the active language; the parameters listed under
    TRANSLATED_KEY are msgids themselves (a status, a quarter) and are translated too."""
    translated = set(params.get(TRANSLATED_KEY, ()))
    values = {
        key: gettext(value) if key in translated else value
        for key, value in params.items()
        if key != TRANSLATED_KEY
    }
    return gettext(message) % values


def _stored(params: dict) -> dict:
    """Parameters as JSON: a lazy translation (a choice label) is kept as its msgid and listed
    under TRANSLATED_KEY; long texts are cut."""
    stored, translated = {}, []
    for key, value in params.items():
        if isinstance(value, Promise):
            with translation.override(None):
                value = str(value)
            translated.append(key)
        elif not isinstance(value, (int, float)):
            value = str(value)[:MAX_PARAM]
        stored[key] = value
    if translated:
        stored[TRANSLATED_KEY] = translated
    return stored


def notify(*, user, message: str, params: dict | None = None, link: str = "") -> None:
    """Tell `user` that something happened: `message` is an English msgid marked with
    `gettext_noop`, `params` its %(name)s values (strings, numbers, or lazy translations such
    as a choice's label), `link` the exact place (a path, with an anchor where it helps)."""
    if user is None:
        return
    params = _stored(params or {})
    with translation.override(settings.LANGUAGE_CODE):
        text = render(message, params)

    def deliver():
        # The same unread news about the same place (five realisations, three comments) is one
        # notification, brought up to date, and one e-mail.
        if Notification.objects.filter(
            recipient=user, message=message[:300], link=link[:200], read_at__isnull=True
        ).update(text=text[:300], params=params, created_at=timezone.now()):
            return
        Notification.objects.create(
            recipient=user, text=text[:300], message=message[:300], params=params,
            link=link[:200],
        )  # fmt: skip
        if getattr(settings, "NOTIFY_BY_EMAIL", False) and user.email:
            try:
                send_mail(subject=f"Bina Kinerja: {text[:80]}", message=text + "\n\n" + link,
                          from_email=None, recipient_list=[user.email])  # fmt: skip
            except OSError:
                log.warning("notification e-mail to user %s failed", user.pk)

    transaction.on_commit(deliver)


def settle(*, user, message: str, link: str) -> None:
    """Mark `user`'s unread notifications of `message` about `link` read (after commit): the
    step they announced is done, so they are no longer news."""
    if user is None:
        return

    def mark():
        Notification.objects.filter(
            recipient=user, message=message, link=link, read_at__isnull=True
        ).update(read_at=timezone.now())

    transaction.on_commit(mark)


def notification_list_for(user, *, limit: int = 10):
    """The user's unread notifications, newest first."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True)[:limit]


def notifications_of(user):
    """All of the user's notifications, newest first (for the list page)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_mark_read(*, user, pk: int) -> Notification | None:
    """The user's own notification `pk`, marked read; None when it is not theirs."""
    note = Notification.objects.filter(recipient=user, pk=pk).first()
    if note is not None and note.read_at is None:
        Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())
    return note


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
