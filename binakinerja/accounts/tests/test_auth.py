"""Passwords, lockout, login audit and session lifetime (SECURITY.md, "Passwords and sessions")."""

import datetime as dt
import json
import re
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import binakinerja.settings as production_settings
from binakinerja.core import middleware as session_middleware
from binakinerja.core.middleware import SESSION_STARTED_KEY
from binakinerja.core.models import AuditLog
from binakinerja.core.testing import PASSWORD

LOGIN_ACTIONS = ["login", "login_failed", "logout"]
WRONG_PASSWORD = "bukan-sandi-yang-benar-77"
PASSPHRASE_64 = "sebuah kalimat sandi yang panjang sekali untuk akun bina kinerja"


def _log_in(client, user, password=PASSWORD):
    return client.post(
        reverse("accounts:login"), {"username": user.get_username(), "password": password}
    )


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- Hashing and password rules ---------------------------------------------------------------


def test_argon2_is_the_first_password_hasher():
    # The suite swaps in a fast hasher (conftest.py); the settings module itself must not.
    assert production_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_new_passwords_are_hashed_with_argon2_in_production(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$")
    assert Argon2PasswordHasher().verify(PASSWORD, encoded)
    assert not Argon2PasswordHasher().verify(WRONG_PASSWORD, encoded)


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("password1234", "password_too_common"),
        ("kopi-susu-7", "password_too_short"),  # 11 characters
        ("123456789012345", "password_entirely_numeric"),
    ],
)
def test_weak_passwords_are_refused(password, code):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert code in {error.code for error in refused.value.error_list}


def test_password_resembling_the_username_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        validate_password("operator_dinkes1", user=world.operator_a)
    assert "password_too_similar" in {error.code for error in refused.value.error_list}


@pytest.mark.parametrize(
    "password",
    [
        "kopi susu pagi",  # 12+ characters, no forced composition
        "danau limboto di waktu senja",
        PASSPHRASE_64,
        "x7-" * 50,  # 150 characters: long passphrases are welcome
    ],
)
def test_long_passphrases_are_accepted(password):
    assert len(password) >= 12
    validate_password(password)


def test_sixty_four_character_password_works_for_login(client, world):
    assert len(PASSPHRASE_64) == 64
    world.operator_a.set_password(PASSPHRASE_64)
    world.operator_a.save()
    assert _log_in(client, world.operator_a, PASSPHRASE_64).status_code == 302
    assert _logged_in(client)


# --- Lockout (django-axes) --------------------------------------------------------------------


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, world):
    statuses = [_log_in(client, world.operator_a, WRONG_PASSWORD).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]

    response = _log_in(client, world.operator_a)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert not _logged_in(client)


def test_lockout_of_one_account_leaves_others_able_to_log_in(client, world):
    for _ in range(5):
        _log_in(client, world.operator_a, WRONG_PASSWORD)
    assert _log_in(client, world.operator_b).status_code == 302
    assert _logged_in(client)


def test_successful_login_resets_the_failure_count(client, world):
    for _ in range(4):
        _log_in(client, world.operator_a, WRONG_PASSWORD)
    assert _log_in(client, world.operator_a).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert _log_in(client, world.operator_a, WRONG_PASSWORD).status_code == 200
    assert _log_in(client, world.operator_a).status_code == 302


# --- Audit trail ------------------------------------------------------------------------------


def test_login_failure_success_and_logout_are_audited_without_the_password(client, world):
    _log_in(client, world.operator_a, WRONG_PASSWORD)
    _log_in(client, world.operator_a)
    client.post(reverse("accounts:logout"))

    rows = AuditLog.objects.filter(action__in=LOGIN_ACTIONS).order_by("id")
    assert [(r.action, r.actor_id, r.object_repr) for r in rows] == [
        ("login_failed", None, "operator_dinkes"),
        ("login", world.operator_a.pk, "operator_dinkes"),
        ("logout", world.operator_a.pk, "operator_dinkes"),
    ]
    everything = json.dumps(list(AuditLog.objects.values()), default=str)
    assert WRONG_PASSWORD not in everything
    assert PASSWORD not in everything


# --- Sessions ---------------------------------------------------------------------------------


def test_session_cookie_is_secure_httponly_and_samesite(client, world):
    response = _log_in(client, world.operator_a)
    cookie = response.cookies["sessionid"]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_login_rotates_the_session_id(client, world):
    before = client.session
    before["probe"] = "anonymous"
    before.save()
    _log_in(client, world.operator_a)
    assert client.cookies["sessionid"].value != before.session_key


def _age_session(client, seconds):
    session = client.session
    session[SESSION_STARTED_KEY] -= seconds
    session.save()


def test_session_older_than_the_absolute_limit_is_logged_out(client, world, settings):
    _log_in(client, world.operator_a)
    _age_session(client, settings.SESSION_ABSOLUTE_SECONDS + 1)

    response = client.get(reverse("people:employee_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert not _logged_in(client)
    assert AuditLog.objects.filter(action="logout", actor=world.operator_a).exists()


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_activity_renews_the_idle_expiry_at_most_once_a_renewal_interval(
    client, world, settings, monkeypatch
):
    _log_in(client, world.operator_a)
    page = reverse("people:employee_list")
    assert client.get(page).status_code == 200
    renewed = _session_row(client).expire_date

    assert client.get(page).status_code == 200  # within the interval: the row is not written
    assert _session_row(client).expire_date == renewed

    later = time.time() + settings.SESSION_RENEW_SECONDS + 1
    monkeypatch.setattr(session_middleware, "time", SimpleNamespace(time=lambda: later))
    assert client.get(page).status_code == 200
    assert _session_row(client).expire_date > renewed  # renewed: a fresh idle expiry
    assert _logged_in(client)


def test_session_idle_past_its_expiry_is_logged_out(client, world):
    _log_in(client, world.operator_a)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(reverse("people:employee_list"))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("accounts:login")


def test_session_within_the_absolute_limit_stays_logged_in(client, world, settings):
    _log_in(client, world.operator_a)
    _age_session(client, settings.SESSION_ABSOLUTE_SECONDS - 60)
    assert client.get(reverse("people:employee_list")).status_code == 200
    assert _logged_in(client)


# --- Password reset ---------------------------------------------------------------------------


def test_password_reset_mails_a_link_that_sets_a_new_password(client, world):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "operator_dinkes@example.test"}
    )
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["operator_dinkes@example.test"]

    link = re.search(r"https?://\S+", message.body).group(0)
    form = client.get(urlsplit(link).path, follow=True)
    assert form.context["validlink"]
    new_password = "danau limboto di waktu senja"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")

    assert _log_in(client, world.operator_a, PASSWORD).status_code == 200
    assert _log_in(client, world.operator_a, new_password).status_code == 302
    # The link works once only.
    client.post(reverse("accounts:logout"))
    assert not client.get(urlsplit(link).path, follow=True).context["validlink"]


def test_password_reset_for_unknown_address_sends_nothing_and_looks_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "siapa@example.test"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
