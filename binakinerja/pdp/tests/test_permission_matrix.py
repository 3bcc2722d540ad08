"""The PDP views × every persona. `w` is the persona world with SKPs and the PDP fixtures
(binakinerja/pdp/testing.py).

Everyone signed in sees and downloads their own data; an ASN files and reads their own
requests; admins BKPSDM of the person's government (and super-admins) handle requests and
breaches and read the register and the retention log."""

import pytest
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

NOBODY_ELSE = {"anonymous": LOGIN}
EVERYONE = {"superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200,
            "pimpinan": 200, "mentor": 200, "penyelenggara": 200, "atasan_user": 200,
            "asn_user": 200}  # fmt: skip
HANDLERS = {**NOBODY_ELSE, "superadmin": 200, "admin": 200}

MATRIX = [
    ("my data", lambda w: reverse("pdp:my_data"), "get", {**NOBODY_ELSE, **EVERYONE}, 403,
     None),
    ("my data xlsx", lambda w: reverse("pdp:my_data_download", args=["xlsx"]), "get",
     {**NOBODY_ELSE, **EVERYONE}, 403, None),
    ("my data json", lambda w: reverse("pdp:my_data_download", args=["json"]), "get",
     {**NOBODY_ELSE, **EVERYONE}, 403, None),
    ("my data other format", lambda w: reverse("pdp:my_data_download", args=["pdf"]), "get",
     NOBODY_ELSE, 404, None),
    ("request create", lambda w: reverse("pdp:request_create"), "get",
     {**NOBODY_ELSE, "atasan_user": 200, "asn_user": 200}, 403, None),
    ("request create post", lambda w: reverse("pdp:request_create"), "post",
     {**NOBODY_ELSE, "atasan_user": 302, "asn_user": 302}, 403,
     lambda w: {"kind": "deletion", "details": "Hapus nomor telepon saya"}),
    ("request list", lambda w: reverse("pdp:request_list") + "?status=all", "get", HANDLERS,
     403, None),
    ("request record", lambda w: reverse("pdp:request_record"), "get", HANDLERS, 403, None),
    ("request record post", lambda w: reverse("pdp:request_record"), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"nip": w.asn.nip, "kind": "access", "details": "Surat tertanggal 2 Mei",
                "received_at": "2026-05-02T09:00"}),
    ("request detail", lambda w: reverse("pdp:request_detail", args=[w.pdp_request.pk]), "get",
     {**HANDLERS, "asn_user": 200}, 404, None),
    ("request detail other government",
     lambda w: reverse("pdp:request_detail", args=[w.kota_request.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200}, 404, None),
    ("request decide", lambda w: reverse("pdp:request_decide", args=[w.pdp_request.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "asn_user": 403}, 404,
     lambda w: {"outcome": "completed", "decision": "Sudah dibetulkan",
                "version": w.pdp_request.version}),
    ("processing register", lambda w: reverse("pdp:processing_register"), "get", HANDLERS, 403,
     None),
    ("retention log", lambda w: reverse("pdp:retention_log"), "get", HANDLERS, 403, None),
    ("breach list", lambda w: reverse("pdp:breach_list"), "get", HANDLERS, 403, None),
    ("breach create", lambda w: reverse("pdp:breach_create"), "get", HANDLERS, 403, None),
    ("breach create post", lambda w: reverse("pdp:breach_create"), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"instansi": w.prov.pk, "discovered_at": "2026-01-05T08:00",
                "description": "Berkas tersebar", "categories": ["identity"],
                "affected_nips": w.asn.nip, "affected_count": "", "measures": "Ditarik"}),
    ("breach detail", lambda w: reverse("pdp:breach_detail", args=[w.breach.pk]), "get",
     HANDLERS, 403, None),
    ("breach detail other government",
     lambda w: reverse("pdp:breach_detail", args=[w.kota_breach.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 404}, 403, None),
    ("breach notified", lambda w: reverse("pdp:breach_notified", args=[w.breach.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"whom": "subjects",
                "at": timezone.localtime(w.breach.discovered_at).strftime("%Y-%m-%dT%H:%M")}),
]  # fmt: skip


@pytest.fixture
def w(world, settings, tmp_path):
    from binakinerja.pdp.testing import build_pdp_world

    settings.MEDIA_ROOT = tmp_path
    return build_pdp_world(world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
