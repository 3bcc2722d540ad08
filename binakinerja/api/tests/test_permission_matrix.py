"""The api app's URLs × every persona with a browser session (core/tests/matrices.py): the token
pages are for admins BKPSDM and superadmins; the API itself takes no session, only a bearer
token, so every endpoint answers 401 to every signed-in persona (no cookie-borne API calls,
hence no CSRF); the OpenAPI document and its Swagger page are public (no data in them).
The endpoints × token personas × scopes are in test_token_matrix.py."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

ADMINS = {"anonymous": LOGIN, "superadmin": 200, "admin": 200}
ADMINS_POST = {"anonymous": LOGIN, "superadmin": 302, "admin": 302}
EVERYONE = dict.fromkeys(PERSONAS, 200)
NO_SESSION = dict.fromkeys(PERSONAS, 401)


def _token_payload(w):
    return {"name": "e-TPP", "purpose": "TPP", "unit": w.prov.pk, "scopes": ["registry:read"],
            "expires_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat()}  # fmt: skip


def _v1(name, *args):
    return lambda w: reverse(f"api:v1:{name}", args=[a(w) for a in args])


MATRIX = [
    ("token list", lambda w: reverse("api:token_list"), "get", ADMINS, 403, None),
    ("token create form", lambda w: reverse("api:token_create"), "get", ADMINS, 403, None),
    ("token create", lambda w: reverse("api:token_create"), "post", ADMINS, 403, _token_payload),
    ("token revoke", lambda w: reverse("api:token_revoke", args=[w.token_opd.pk]), "post",
     ADMINS_POST, 403, None),
    ("kota token revoke by the province's admin",
     lambda w: reverse("api:token_revoke", args=[w.token_kota.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 404}, 403, None),
    ("openapi document", _v1("openapi-json"), "get", EVERYONE, 200, None),
    ("swagger page", _v1("openapi-view"), "get", EVERYONE, 200, None),
    ("api root", _v1("api-root"), "get", dict.fromkeys(PERSONAS, 404), 404, None),
    ("api unknown address", lambda w: reverse("api:v1_not_found", args=["nothing/here"]), "get",
     dict.fromkeys(PERSONAS, 404), 404, None),
    ("api units", _v1("unit_list"), "get", NO_SESSION, 401, None),
    ("api unit", _v1("unit_detail", lambda w: w.dinkes.pk), "get", NO_SESSION, 401, None),
    ("api employees", _v1("employee_list"), "get", NO_SESSION, 401, None),
    ("api employee", _v1("employee_detail", lambda w: w.asn.pk), "get", NO_SESSION, 401, None),
    ("api skps", _v1("skp_list"), "get", NO_SESSION, 401, None),
    ("api skp", _v1("skp_detail", lambda w: 1), "get", NO_SESSION, 401, None),
    ("api jp records", _v1("jp_record_list"), "get", NO_SESSION, 401, None),
    ("api jp records post", _v1("jp_record_list"), "post", NO_SESSION, 401, None),
    ("api siasn history post", _v1("history_import"), "post", NO_SESSION, 401, None),
    ("api assessments post", _v1("assessment_import"), "post", NO_SESSION, 401, None),
    ("api programs", _v1("program_list"), "get", NO_SESSION, 401, None),
    ("api batches", _v1("batch_list"), "get", NO_SESSION, 401, None),
    ("api pairs", _v1("pair_list"), "get", NO_SESSION, 401, None),
    ("api ikm", _v1("ikm_list"), "get", NO_SESSION, 401, None),
]  # fmt: skip


@pytest.fixture
def w(world):
    from binakinerja.api.testing import build_api_world

    return build_api_world(world)


@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, row):
    # Personas in one test per row: the world is built once per row, not once per cell.
    label, url, method, expected, default, payload = row
    for persona in PERSONAS:
        client.logout()
        assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                          want=expected.get(persona, default), payload=payload)  # fmt: skip
