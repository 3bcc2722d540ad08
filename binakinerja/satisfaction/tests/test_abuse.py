"""Abuse protection of the public form: the signed one-time token (forged, expired, another
unit's, replayed), the honeypot, the minimum fill-in time, the per-device limits, the
per-address soft limit, the burst check, oversized or malformed bodies, a period closed
meanwhile, and CSRF."""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import quote_plus

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from binakinerja.satisfaction.models import BlockedSubmission, SurveyPeriod, SurveyResponse
from binakinerja.satisfaction.public import (
    FLAG_ADDRESS,
    FLAG_BURST,
    FLAG_DEVICE,
    FLAG_HONEYPOT,
    FLAG_TOO_FAST,
    MAX_BODY_BYTES,
    TokenError,
    address_hash,
    address_key,
    body_too_large,
    device_hash,
    rate_decision,
    submission_flags,
    token_issue,
    token_read,
)
from binakinerja.satisfaction.selectors import ikm_of_period
from binakinerja.satisfaction.testing import make_responses
from binakinerja.satisfaction.tests.test_public_form import (
    answers,
    form_url,
    fresh_token,
    said,
    text_of,
    token_of,
)

NOT_VERIFIED = "This form could not be verified. Please check your answers and send again."
CLOSED = "The satisfaction survey is not open yet or no longer open. Nothing was recorded."


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.SATISFACTION_FORM_MIN_SECONDS = 0
    settings.SATISFACTION_DEVICE_SOFT_LIMIT = 2
    settings.SATISFACTION_DEVICE_HARD_LIMIT = 4
    settings.SATISFACTION_BURST_PER_MINUTE = 30
    # The test client always comes from 127.0.0.1: the address limit has its own tests.
    settings.SATISFACTION_ADDRESS_SOFT_LIMIT = 100


def post(client, service_unit, data, **extra):
    return client.post(form_url(service_unit), data, **extra)


# --- pure helpers ----------------------------------------------------------------------------


def test_a_token_round_trips_and_refuses_tampering_other_units_and_age():
    now = 1_800_000_000.0
    token = token_issue(7, 11, now=now)
    read = token_read(token, service_unit_id=7, now=now + 60, max_age=3600)
    assert (read.service_unit_id, read.period_id, read.issued_at) == (7, 11, int(now))
    assert len(read.nonce) == 32
    assert token_issue(7, 11, now=now) != token  # a fresh nonce each time
    with pytest.raises(TokenError) as error:
        token_read(token, service_unit_id=8, now=now, max_age=3600)
    assert error.value.kind == "invalid"
    with pytest.raises(TokenError) as error:
        token_read(token, service_unit_id=7, now=now + 3601, max_age=3600)
    assert error.value.kind == "expired"
    for bad in ("", "garbage", token[:-2] + ("AA" if token[-2:] != "AA" else "BB"),
                token.replace(token[:4], "WzIs", 1)):  # fmt: skip
        with pytest.raises(TokenError) as error:
            token_read(bad, service_unit_id=7, now=now, max_age=3600)
        assert error.value.kind == "invalid"


def test_a_signed_payload_of_the_wrong_shape_is_invalid():
    from django.core import signing

    from binakinerja.satisfaction.public import TOKEN_SALT

    for payload in ([7, 11, "short", 1], {"u": 7}, [7, "11", "a" * 32, 1], [7, 11, "a" * 32]):
        token = signing.Signer(salt=TOKEN_SALT).sign_object(payload)
        with pytest.raises(TokenError):
            token_read(token, service_unit_id=7, now=2, max_age=3600)


def test_the_device_hash_is_salted_and_depends_on_cookie_address_and_browser():
    base = device_hash("cookie", "10.0.0.1", "Firefox")
    assert len(base) == 64 and base == device_hash("cookie", "10.0.0.1", "Firefox")
    assert base != device_hash("other", "10.0.0.1", "Firefox")
    assert base != device_hash("cookie", "10.0.0.2", "Firefox")
    assert base != device_hash("cookie", "10.0.0.1", "Chrome")
    import hashlib

    assert base != hashlib.sha256(b"cookie\n10.0.0.1\nFirefox").hexdigest()


def test_the_address_key_is_the_ipv4_address_or_the_ipv6_64_prefix():
    assert address_key("203.0.113.9") == "203.0.113.9"
    assert address_key(" 203.0.113.9 ") == "203.0.113.9"
    assert address_key("::ffff:203.0.113.9") == "203.0.113.9"
    # A phone's privacy addresses change the low 64 bits; the network stays.
    assert address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::"
    assert address_key("2001:db8:1:2::1") == "2001:db8:1:2::"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("not an address") == "not an address"


def test_the_address_hash_is_keyed_changes_daily_and_hides_the_address():
    day = dt.date(2026, 12, 4)
    base = address_hash("203.0.113.9", day=day)
    assert len(base) == 64 and base == address_hash("203.0.113.9", day=day)
    assert base != address_hash("203.0.113.10", day=day)
    assert base != address_hash("203.0.113.9", day=day + dt.timedelta(days=1))
    assert address_hash("2001:db8::1", day=day) == address_hash("2001:db8::2", day=day)
    import hashlib

    assert "203.0.113.9" not in base
    assert base != hashlib.sha256(b"203.0.113.9").hexdigest()


def test_rate_decision():
    limits = {"soft": 2, "hard": 5, "address_soft": 3, "burst": 30}
    assert rate_decision(device_count=0, address_count=0, burst_count=0, **limits) == (False, [])
    assert rate_decision(device_count=1, address_count=2, burst_count=29, **limits) == (
        False, [],
    )  # fmt: skip
    assert rate_decision(device_count=2, address_count=0, burst_count=0, **limits) == (
        False, [FLAG_DEVICE],
    )  # fmt: skip
    assert rate_decision(device_count=0, address_count=3, burst_count=0, **limits) == (
        False, [FLAG_ADDRESS],
    )  # fmt: skip
    assert rate_decision(device_count=4, address_count=9, burst_count=30, **limits) == (
        False, [FLAG_DEVICE, FLAG_ADDRESS, FLAG_BURST],
    )  # fmt: skip
    # Only a device is ever refused; any number from one address is kept (flagged).
    assert rate_decision(device_count=5, address_count=0, burst_count=0, **limits) == (True, [])
    assert rate_decision(device_count=0, address_count=10_000, burst_count=0, **limits)[0] is False


def test_submission_flags():
    assert submission_flags(honeypot="", issued_at=100, now=110, min_seconds=3) == []
    assert submission_flags(honeypot=" ", issued_at=100, now=110, min_seconds=3) == []
    assert submission_flags(honeypot="http://x", issued_at=100, now=101, min_seconds=3) == [
        FLAG_HONEYPOT, FLAG_TOO_FAST,
    ]  # fmt: skip


def test_body_too_large():
    assert not body_too_large(None) and not body_too_large("") and not body_too_large("5000")
    assert body_too_large(str(MAX_BODY_BYTES + 1))
    assert body_too_large("abc") and body_too_large("-1")


# --- the token over HTTP ---------------------------------------------------------------------


def test_a_replayed_form_is_refused_and_stored_once(survey, client):
    data = answers(fresh_token(client, survey.su_puskesmas))
    assert post(client, survey.su_puskesmas, data).status_code == 302
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, data)
    assert response.status_code == 409
    assert said("This form has already been sent. Thank you, your answers were received.") in (
        text_of(response)
    )
    assert SurveyResponse.objects.count() == before


@pytest.mark.parametrize("token", ["", "garbage", "WzEsMiwiYSJd:forged"])
def test_a_forged_token_is_refused_and_a_fresh_form_offered(survey, client, token):
    fresh_token(client, survey.su_puskesmas)
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, answers(token, u1="4"))
    assert response.status_code == 400
    page = text_of(response)
    assert said(NOT_VERIFIED) in page
    assert 'value="4" id="id_u1_3" checked' in page  # the answers are kept
    fresh = token_of(response)
    assert fresh != token
    assert SurveyResponse.objects.count() == before
    assert post(client, survey.su_puskesmas, answers(fresh)).status_code == 302


def test_a_tampered_token_is_refused(survey, client):
    token = fresh_token(client, survey.su_puskesmas)
    payload, signature = token.rsplit(":", 1)
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, answers(f"{payload}x:{signature}"))
    assert response.status_code == 400
    assert said(NOT_VERIFIED) in text_of(response)
    assert SurveyResponse.objects.count() == before


def test_another_units_token_is_refused(survey, client):
    token = fresh_token(client, survey.su_sekolah)
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, answers(token))
    assert response.status_code == 400
    assert said(NOT_VERIFIED) in text_of(response)
    assert SurveyResponse.objects.count() == before


def test_an_expired_token_is_refused(survey, client, settings):
    settings.SATISFACTION_TOKEN_MAX_AGE_HOURS = 6
    client.get(form_url(survey.su_puskesmas))
    old = token_issue(survey.su_puskesmas.pk, survey.pk_open.pk, now=time.time() - 6 * 3600 - 5)
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, answers(old))
    assert response.status_code == 400
    assert said(
        "This form has expired. Your answers are kept below: please send them again."
    ) in text_of(response)
    assert SurveyResponse.objects.count() == before
    recent = token_issue(survey.su_puskesmas.pk, survey.pk_open.pk, now=time.time() - 5 * 3600)
    assert post(client, survey.su_puskesmas, answers(recent)).status_code == 302


# --- flags -----------------------------------------------------------------------------------


def test_a_filled_honeypot_is_stored_flagged_and_thanked_as_usual(survey, client):
    response = post(
        client, survey.su_puskesmas,
        answers(fresh_token(client, survey.su_puskesmas), website="http://spam.example"),
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].endswith("/terima-kasih/")
    stored = SurveyResponse.objects.get(period=survey.pk_open)
    assert stored.status == SurveyResponse.Status.FLAGGED
    assert stored.flag_reason == FLAG_HONEYPOT
    assert ikm_of_period(survey.pk_open) is None  # flagged responses are not counted


def test_a_form_sent_back_too_fast_is_stored_flagged(survey, client, settings):
    settings.SATISFACTION_FORM_MIN_SECONDS = 3
    assert (
        post(
            client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas))
        ).status_code
        == 302
    )
    stored = SurveyResponse.objects.get(period=survey.pk_open)
    assert (stored.status, stored.flag_reason) == (SurveyResponse.Status.FLAGGED, FLAG_TOO_FAST)
    # A form filled in for ten seconds is fine.
    issued = token_issue(survey.su_puskesmas.pk, survey.pk_open.pk, now=time.time() - 10)
    assert post(client, survey.su_puskesmas, answers(issued)).status_code == 302
    assert (
        SurveyResponse.objects.filter(
            period=survey.pk_open, status=SurveyResponse.Status.VALID
        ).count()
        == 1
    )


def test_beyond_the_soft_limit_a_device_is_flagged(survey, client):
    for _ in range(2):
        assert (
            post(
                client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas))
            ).status_code
            == 302
        )
    response = post(client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas)))
    assert response.status_code == 302
    statuses = list(
        SurveyResponse.objects.filter(period=survey.pk_open)
        .order_by("pk")
        .values_list("status", "flag_reason")
    )
    assert statuses == [("valid", ""), ("valid", ""), ("flagged", FLAG_DEVICE)]
    # Another device is not affected, nor is the same device at another unit.
    other = Client()
    assert post(other, survey.su_puskesmas, answers(fresh_token(other, survey.su_puskesmas))
                ).status_code == 302  # fmt: skip
    assert post(client, survey.su_sekolah, answers(fresh_token(client, survey.su_sekolah))
                ).status_code == 302  # fmt: skip
    assert SurveyResponse.objects.filter(status="valid", period__in=[
        survey.pk_open, survey.sk_open]).count() == 4  # fmt: skip


def test_at_the_hard_limit_a_device_is_refused_and_counted(survey, client):
    for _ in range(4):
        assert (
            post(
                client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas))
            ).status_code
            == 302
        )
    before = SurveyResponse.objects.count()
    for expected_count in (1, 2):
        response = post(
            client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas))
        )
        assert response.status_code == 429
        assert said(
            "This device has sent many responses in the last hour. Please try again later."
        ) in text_of(response)
        blocked = BlockedSubmission.objects.get(service_unit=survey.su_puskesmas)
        assert blocked.count == expected_count
        assert blocked.hour.minute == 0 and blocked.hour.second == 0
    assert SurveyResponse.objects.count() == before
    # A forwarded-for header does not make a new device: only REMOTE_ADDR counts.
    response = post(
        client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas)),
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )  # fmt: skip
    assert response.status_code == 429
    assert BlockedSubmission.objects.get(service_unit=survey.su_puskesmas).count == 3


def _post_from(address: str, service_unit, **answers_given):
    """One response from a new device (fresh cookies) at `address`."""
    client = Client(REMOTE_ADDR=address)
    return post(client, service_unit, answers(fresh_token(client, service_unit), **answers_given))


def test_fresh_cookies_from_one_address_are_flagged_above_the_soft_limit(survey, settings):
    """The issue's attack: each post with a fresh cookie was a new device, so four posts from
    one client moved an open period's IKM. Above the soft limit they are now flagged, and the
    IKM of the valid responses stays where it was."""
    settings.SATISFACTION_ADDRESS_SOFT_LIMIT = 2
    period = survey.pk_open
    make_responses(period, [(4,) * 9] * 10)
    attacker = "198.51.100.7"
    for _ in range(2):
        assert _post_from(attacker, survey.su_puskesmas).status_code == 302
    before = ikm_of_period(period)
    worst = {f"u{i}": "1" for i in range(1, 10)}
    for _ in range(2):  # flagged, yet thanked as usual: nothing tells the sender
        assert _post_from(attacker, survey.su_puskesmas, **worst).status_code == 302
    online = SurveyResponse.objects.filter(period=period, token_nonce__isnull=False)
    assert list(online.order_by("pk").values_list("status", "flag_reason")) == [
        ("valid", ""), ("valid", ""), ("flagged", FLAG_ADDRESS), ("flagged", FLAG_ADDRESS),
    ]  # fmt: skip
    assert ikm_of_period(period) == before
    # Four devices: the device limit alone saw nothing (the hashes all differ).
    assert online.values("device_hash").distinct().count() == 4
    assert online.values("address_hash").distinct().count() == 1
    # The same address at another unit starts from zero.
    assert _post_from(attacker, survey.su_sekolah).status_code == 302
    assert SurveyResponse.objects.get(period=survey.sk_open).status == "valid"


def test_different_addresses_are_not_flagged(survey, settings):
    settings.SATISFACTION_ADDRESS_SOFT_LIMIT = 2
    for address in ("198.51.100.7", "198.51.100.8", "2001:db8:1:1::5", "2001:db8:1:2::5"):
        assert _post_from(address, survey.su_puskesmas).status_code == 302
    statuses = SurveyResponse.objects.filter(period=survey.pk_open).values_list("status", flat=True)
    assert list(statuses) == ["valid"] * 4


def test_the_address_limit_never_refuses(survey, settings):
    """An office or a school shares one address: many respondents there are flagged for the
    operator's review, never turned away."""
    settings.SATISFACTION_ADDRESS_SOFT_LIMIT = 1
    settings.SATISFACTION_DEVICE_HARD_LIMIT = 2
    for _ in range(5):
        assert _post_from("198.51.100.7", survey.su_puskesmas).status_code == 302
    assert SurveyResponse.objects.filter(period=survey.pk_open).count() == 5
    assert not BlockedSubmission.objects.exists()


def test_the_raw_address_is_nowhere_in_the_database(survey, settings):
    settings.SATISFACTION_ADDRESS_SOFT_LIMIT = 1
    address = "198.51.100.73"
    for _ in range(3):
        assert _post_from(address, survey.su_puskesmas).status_code == 302
    # And a refused device, which BlockedSubmission counts.
    settings.SATISFACTION_DEVICE_HARD_LIMIT = 1
    client = Client(REMOTE_ADDR=address)
    assert post(client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas))
                ).status_code == 302  # fmt: skip
    assert post(client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas))
                ).status_code == 429  # fmt: skip
    assert BlockedSubmission.objects.exists()
    assert SurveyResponse.objects.filter(flag_reason=FLAG_ADDRESS).count() == 3
    import io

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert address not in dump.getvalue()


def test_a_burst_to_one_unit_is_flagged(survey, client, settings):
    settings.SATISFACTION_BURST_PER_MINUTE = 3
    make_responses(survey.pk_open, [(4,) * 9] * 5, source=SurveyResponse.Source.PAPER)
    assert (
        post(
            client, survey.su_puskesmas, answers(fresh_token(client, survey.su_puskesmas))
        ).status_code
        == 302
    )  # paper entries are not a burst
    make_responses(survey.pk_open, [(4,) * 9] * 2, source=SurveyResponse.Source.ONLINE)
    other = Client()
    assert post(other, survey.su_puskesmas, answers(fresh_token(other, survey.su_puskesmas))
                ).status_code == 302  # fmt: skip
    online = SurveyResponse.objects.filter(period=survey.pk_open, token_nonce__isnull=False)
    assert list(online.order_by("pk").values_list("status", "flag_reason")) == [
        ("valid", ""), ("flagged", FLAG_BURST),
    ]  # fmt: skip


# --- malformed requests ----------------------------------------------------------------------


def test_a_long_suggestion_in_a_non_latin_script_is_not_refused_for_its_size(survey, client):
    token = fresh_token(client, survey.su_puskesmas)
    suggestion = "ꦱꦫꦤ꧀" * 500  # 2000 characters of Javanese script, 3 bytes each in UTF-8
    data = answers(token, suggestion=suggestion)
    body = "&".join(f"{k}={quote_plus(v)}" for k, v in data.items())
    assert len(body) > 17_000
    response = client.post(
        form_url(survey.su_puskesmas), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    assert SurveyResponse.objects.get(period=survey.pk_open).suggestion == suggestion


def test_an_oversized_body_is_refused_before_it_is_read(survey, client):
    token = fresh_token(client, survey.su_puskesmas)
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, answers(token, suggestion="x" * 40_000))
    assert response.status_code == 413
    assert said("Form too large") in text_of(response)
    assert SurveyResponse.objects.count() == before


def test_a_malformed_content_length_is_refused(survey, client):
    token = fresh_token(client, survey.su_puskesmas)
    response = post(client, survey.su_puskesmas, answers(token), CONTENT_LENGTH="lots")
    assert response.status_code == 413


def test_too_many_fields_are_refused(survey, client):
    token = fresh_token(client, survey.su_puskesmas)
    before = SurveyResponse.objects.count()
    data = answers(token, **{f"extra{i}": "1" for i in range(150)})
    response = post(client, survey.su_puskesmas, data)
    assert response.status_code == 400
    assert said("The form sent does not match this survey. Please fill it in again.") in (
        text_of(response)
    )
    # Beyond Django's own field limit (1000) in a small url-encoded body: still a 400, not a 500.
    body = "&".join(f"f{i}=" for i in range(1500))
    response = client.post(
        form_url(survey.su_puskesmas), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == before


def test_a_period_closed_between_the_get_and_the_post(survey, client):
    data = answers(fresh_token(client, survey.su_puskesmas))
    SurveyPeriod.objects.filter(pk=survey.pk_open.pk).update(status=SurveyPeriod.Status.CLOSED)
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, data)
    assert response.status_code == 409
    assert said(CLOSED) in text_of(response)
    assert SurveyResponse.objects.count() == before


def test_a_form_of_a_period_replaced_meanwhile_is_not_counted_in_the_new_one(survey, client):
    data = answers(fresh_token(client, survey.su_puskesmas))
    SurveyPeriod.objects.filter(pk=survey.pk_open.pk).update(status=SurveyPeriod.Status.CLOSED)
    SurveyPeriod.objects.create(
        service_unit=survey.su_puskesmas, year=survey.year, kind="triwulan", number=4,
        starts_on=survey.pk_open.starts_on, ends_on=survey.pk_open.ends_on,
    )  # fmt: skip
    before = SurveyResponse.objects.count()
    response = post(client, survey.su_puskesmas, data)
    assert response.status_code == 409
    assert SurveyResponse.objects.count() == before


def test_a_post_to_an_inactive_unit_is_a_404(survey, client):
    data = answers(fresh_token(client, survey.su_puskesmas))
    survey.su_puskesmas.is_active = False
    survey.su_puskesmas.save()
    before = SurveyResponse.objects.count()
    assert post(client, survey.su_puskesmas, data).status_code == 404
    assert SurveyResponse.objects.count() == before


def test_csrf_protection_stays_on(survey):
    client = Client(enforce_csrf_checks=True)
    token = fresh_token(client, survey.su_puskesmas)
    before = SurveyResponse.objects.count()
    assert post(client, survey.su_puskesmas, answers(token)).status_code == 403
    assert SurveyResponse.objects.count() == before
    page = text_of(client.get(form_url(survey.su_puskesmas)))
    csrf = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    data = {**answers(token), "csrfmiddlewaretoken": csrf}
    assert post(client, survey.su_puskesmas, data).status_code == 302
    assert SurveyResponse.objects.count() == before + 1


def test_unknown_methods_are_refused(survey, client):
    assert client.put(form_url(survey.su_puskesmas)).status_code == 405
    assert client.post(reverse("survey:thanks", args=[survey.su_puskesmas.public_code])
                       ).status_code == 405  # fmt: skip
