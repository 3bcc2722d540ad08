"""Tokens: the secret is shown once and never stored; expiry is required and bounded; only
admins create them, inside their own government; revoking and expiry stop them at once;
creation and revocation are audited; the rate limit answers 429 in JSON."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from binakinerja.api import rules
from binakinerja.api.models import ApiToken
from binakinerja.api.services import token_create, token_revoke
from binakinerja.api.testing import bearer
from binakinerja.core.models import AuditLog

IN_A_MONTH = dt.date.today() + dt.timedelta(days=30)


def create(w, actor=None, **fields):
    values = {
        "name": "e-TPP",
        "purpose": "Tunjangan",
        "unit": w.prov,
        "scopes": ["registry:read"],
        "expires_on": timezone.localdate() + dt.timedelta(30),
    }
    values.update(fields)  # fmt: skip
    return token_create(actor=actor or w.admin, **values)


def every_stored_text() -> str:
    """Every value of every table as text (the secret must be in none of them)."""
    texts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from Django
            texts.extend(str(row) for row in cursor.fetchall())
    return "\n".join(texts)


def test_the_database_holds_only_the_hash_and_prefix_of_the_secret(world):
    token, secret = create(world)
    assert secret.startswith(f"bk_{token.prefix}_") and len(secret) > 50
    assert token.key_hash == rules.secret_hash(secret) != secret
    stored = every_stored_text()
    assert secret not in stored and secret.split("_", 2)[2] not in stored
    assert token.key_hash in stored  # the search really read the token's row


def test_the_create_page_shows_the_secret_once_and_the_list_never(world, client):
    client.force_login(world.admin)
    response = client.post(reverse("api:token_create"), {
        "name": "SIMPEG Kabupaten", "purpose": "Sinkron data", "unit": world.dinkes.pk,
        "scopes": ["registry:read", "jp:write"], "expires_on": IN_A_MONTH.isoformat(),
    })  # fmt: skip
    assert response.status_code == 200
    token = ApiToken.objects.get(name="SIMPEG Kabupaten")
    secret = response.context["secret"]
    assert rules.secret_hash(secret) == token.key_hash and secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    listing = client.get(reverse("api:token_list")).content.decode()
    assert f"bk_{token.prefix}" in listing and secret not in listing
    # It works, once, as the token of Dinas Kesehatan.
    answer = client.get(reverse("api:v1:employee_detail", args=[world.asn.pk]), **bearer(secret))
    assert answer.status_code == 200 and answer.json()["nip"] == world.asn.nip


def test_expiry_is_required_after_today_and_within_the_maximum(world, settings):
    settings.API_TOKEN_MAX_DAYS = 365
    today = timezone.localdate()
    for bad in (None, today, today - dt.timedelta(days=1), today + dt.timedelta(days=366)):
        with pytest.raises(ValidationError) as refused:
            create(world, expires_on=bad)
        assert "expires_on" in refused.value.error_dict
    token, _secret = create(world, expires_on=today + dt.timedelta(days=365))
    assert timezone.localtime(token.expires_at).date() == today + dt.timedelta(days=365)


def test_an_expired_token_gets_401_from_the_moment_it_expires(world, client):
    token, secret = create(world)
    url = reverse("api:v1:unit_list")
    assert client.get(url, **bearer(secret)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    response = client.get(url, **bearer(secret))
    assert response.status_code == 401 and "kedaluwarsa" in response.json()["detail"]


def test_a_revoked_token_gets_401_its_login_is_closed_and_both_steps_are_audited(world, client):
    token, secret = create(world)
    token_revoke(actor=world.admin, token=token)
    token.refresh_from_db()
    token.user.refresh_from_db()
    assert token.revoked_at and token.revoked_by == world.admin and not token.user.is_active
    response = client.get(reverse("api:v1:unit_list"), **bearer(secret))
    assert response.status_code == 401 and response.json()["detail"]
    actions = list(AuditLog.objects.filter(object_type="api.apitoken", object_id=str(token.pk))
                   .values_list("action", "actor_id"))  # fmt: skip
    assert sorted(actions) == [("create", world.admin.pk), ("update", world.admin.pk)]


def test_admins_create_tokens_only_inside_their_government(world):
    with pytest.raises(ValidationError) as refused:
        create(world, unit=world.kota)
    assert "unit" in refused.value.error_dict
    with pytest.raises(ValidationError):  # every government: superadmins only
        create(world, unit=None)
    with pytest.raises(ValidationError):  # a work unit below an OPD is no token scope
        create(world, unit=world.puskesmas)
    for outsider in (world.operator_a, world.pimpinan, world.asn_user):
        with pytest.raises(PermissionDenied):
            create(world, actor=outsider)
    assert create(world, actor=world.superadmin, unit=None)[0].unit is None
    with pytest.raises(ValidationError) as refused:
        create(world, scopes=["registry:write"])  # no writes in the registry
    assert "scopes" in refused.value.error_dict


def test_the_province_admin_cannot_see_or_revoke_a_city_token(world, client):
    token, _secret = create(world, actor=world.superadmin, unit=world.kota)
    client.force_login(world.admin)
    assert token.name not in client.get(reverse("api:token_list")).content.decode()
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_too_many_requests_get_429_in_json_per_token(world, client, settings):
    settings.API_RATE_LIMIT = "3/min"
    _token, secret = create(world)
    _other, other_secret = create(world, name="lain")
    url = reverse("api:v1:unit_list")
    assert [client.get(url, **bearer(secret)).status_code for _ in range(3)] == [200] * 3
    response = client.get(url, **bearer(secret))
    assert response.status_code == 429 and "3/min" in response.json()["detail"]
    assert client.get(url, **bearer(other_secret)).status_code == 200  # counted per token


def test_last_use_is_recorded_at_most_once_a_minute(world, client):
    token, secret = create(world)
    url = reverse("api:v1:unit_list")
    client.get(url, **bearer(secret))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get(url, **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first


@pytest.mark.parametrize("text,want", [("600/min", (600, 60)), ("10/s", (10, 1)),
                                       ("5000/h", (5000, 3600)), ("2/5min", (2, 300))])  # fmt: skip
def test_rates_are_read_from_the_setting(text, want):
    rate = rules.parse_rate(text)
    assert (rate.requests, rate.seconds) == want


def test_malformed_rates_are_refused():
    for bad in ("", "600", "0/min", "5/fortnight", "x/min"):
        with pytest.raises(ValueError):
            rules.parse_rate(bad)


def test_scopes_write_includes_read_of_the_same_area_only():
    assert rules.scope_allows(["jp:write"], "jp", "read")
    assert not rules.scope_allows(["jp:read"], "jp", "write")
    assert not rules.scope_allows(["jp:write"], "registry", "read")
