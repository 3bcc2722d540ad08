"""Account writes that do not depend on the registry: password set-up e-mails."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def password_setup_email_send(*, user, base_url: str) -> None:
    """Send a new account its link to choose a password (the same token as a reset, so no
    password ever travels by e-mail)."""
    link = base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": link}
    send_mail(
        subject=render_to_string("accounts/account_created_subject.txt", context).strip(),
        message=render_to_string("accounts/account_created_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
