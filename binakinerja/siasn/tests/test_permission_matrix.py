"""The SIASN pages × every persona. `w` is the SIASN world (binakinerja/siasn/testing.py).

Only admins BKPSDM send to SIASN and see what was sent: the province's admin for the
province, the superadmin for every government. Everyone else signed in gets 403 (they send for
no government); another government's page is 404 to the province's admin. SIASN is not
configured in the tests, so the POST rows end in a redirect with a message and send nothing."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

ADMINS = {"anonymous": LOGIN, "superadmin": 200, "admin": 200}
ADMINS_POST = {"anonymous": LOGIN, "superadmin": 302, "admin": 302}


def _page(w, government=None, year=None):
    return reverse("siasn:government", args=[(government or w.prov).pk, year or w.year])


MATRIX = [
    ("siasn index", lambda w: reverse("siasn:index"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 302}, 403, None),
    ("siasn skp results", lambda w: _page(w), "get", ADMINS, 403, None),
    ("siasn jp records", lambda w: _page(w) + "?jenis=jp&status=belum", "get", ADMINS, 403,
     None),
    ("siasn skp export xlsx", lambda w: _page(w) + "?export=xlsx", "get", ADMINS, 403, None),
    ("siasn jp export csv", lambda w: _page(w) + "?jenis=jp&export=csv", "get", ADMINS, 403,
     None),
    ("siasn other government", lambda w: _page(w, w.kota), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 404}, 403, None),
    ("siasn send all", lambda w: reverse("siasn:send", args=[w.prov.pk, w.year]), "post",
     ADMINS_POST, 403, lambda w: {"jenis": "skp", "semua": "1"}),
    ("siasn send selected", lambda w: reverse("siasn:send", args=[w.prov.pk, w.year]), "post",
     ADMINS_POST, 403, lambda w: {"jenis": "jp", "ids": [w.jp_record.pk]}),
    ("siasn skp record", lambda w: reverse("siasn:record", args=["skp", w.assessment.pk]),
     "get", ADMINS, 403, None),
    ("siasn jp record", lambda w: reverse("siasn:record", args=["jp", w.pkp_record.pk]), "get",
     ADMINS, 403, None),
    ("siasn other government's record",
     lambda w: reverse("siasn:record", args=["skp", w.kota_skp.assessments.get(
         period__kind="annual").pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 404}, 403, None),
    ("siasn record send", lambda w: reverse("siasn:record_send", args=["jp", w.jp_record.pk]),
     "post", ADMINS_POST, 403, None),
]  # fmt: skip


@pytest.fixture
def w(world):
    from binakinerja.siasn.testing import build_siasn_world

    return build_siasn_world(world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
