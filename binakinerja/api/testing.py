"""API fixtures on top of the persona world (binakinerja/core/testing.py): tokens of every kind
(province, other government, one OPD, a narrow scope, read-only, expired, revoked), each with
its secret as `w.secret_<name>`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from binakinerja.api import rules
from binakinerja.api.models import ApiToken
from binakinerja.api.services import token_create, token_revoke

EVERY_SCOPE = [code for code, _label in rules.scope_choices()]
READ_SCOPES = [code for code in EVERY_SCOPE if code.endswith(":read")]


def make_token(w, name: str, *, unit, scopes=EVERY_SCOPE, actor=None) -> ApiToken:
    token, secret = token_create(
        actor=actor or w.superadmin, name=name, purpose="uji", unit=unit, scopes=scopes,
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )  # fmt: skip
    setattr(w, f"token_{name}", token)
    setattr(w, f"secret_{name}", secret)
    return token


def build_api_world(w):
    """Tokens of every kind over the persona world (made once per world)."""
    if hasattr(w, "token_prov"):
        return w
    make_token(w, "prov", unit=w.prov, actor=w.admin)
    make_token(w, "kota", unit=w.kota)
    make_token(w, "opd", unit=w.dinkes, actor=w.admin)
    make_token(w, "narrow", unit=w.prov, scopes=["ikm:read"])
    make_token(w, "reader", unit=w.prov, scopes=READ_SCOPES)
    make_token(w, "all", unit=None)
    expired = make_token(w, "expired", unit=w.prov)
    ApiToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    token_revoke(actor=w.superadmin, token=make_token(w, "revoked", unit=w.prov))
    return w


def bearer(secret: str) -> dict:
    """Test-client keyword arguments carrying the token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
