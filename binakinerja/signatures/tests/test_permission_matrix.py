"""The signature pages × every persona. `w` is the signatures world
(binakinerja/signatures/testing.py): the ASN's SKP and its annual assessment (pejabat penilai:
the atasan), an issued certificate of the BPSDM batch naming the atasan as its signer, the
monev report of Dinas Kesehatan, and a signed copy of the peer's SKP for the public page.

Readers of a document see its signing page; only its official signs (403 for the other
readers, 404 for everyone else). The verification pages are public."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission
from binakinerja.signatures.testing import TEST_PASSPHRASE

NOBODY_ELSE = {"anonymous": LOGIN}
EVERYONE = {persona: 200 for persona in PERSONAS}
SIGN = {"passphrase": TEST_PASSPHRASE, "visible": "on"}
SKP_READERS = {"superadmin": 200, "admin": 200, "operator_a": 200, "atasan_user": 200,
               "asn_user": 200}  # fmt: skip
CERTIFICATE_READERS = {**SKP_READERS, "penyelenggara": 200}
MONEV_READERS = {"superadmin": 200, "admin": 200, "operator_a": 200, "pimpinan": 200}


def _posting(readers: dict, signers: set) -> dict:
    return {p: 302 if p in signers else 403 for p in readers}


def _unsigned_pdf(w) -> dict:
    from binakinerja.core.documents import OfficialDocument, text

    pdf = OfficialDocument(title="Uji", government="Pemprov").build([text("Isi")])
    return {"file": SimpleUploadedFile("dokumen.pdf", pdf, "application/pdf")}


MATRIX = [
    ("signing desk", lambda w: reverse("signatures:index"), "get",
     {**NOBODY_ELSE, **EVERYONE, "anonymous": LOGIN}, 200, None),
    ("sign skp page", lambda w: reverse("signatures:sign", args=["skp", w.skp.pk]), "get",
     {**NOBODY_ELSE, **SKP_READERS}, 404, None),
    ("sign skp", lambda w: reverse("signatures:sign", args=["skp", w.skp.pk]), "post",
     {**NOBODY_ELSE, **_posting(SKP_READERS, {"atasan_user"})}, 404, lambda w: SIGN),
    ("sign evaluation page",
     lambda w: reverse("signatures:sign", args=["evaluation", w.assessment.pk]), "get",
     {**NOBODY_ELSE, **SKP_READERS}, 404, None),
    ("sign evaluation",
     lambda w: reverse("signatures:sign", args=["evaluation", w.assessment.pk]), "post",
     {**NOBODY_ELSE, **_posting(SKP_READERS, {"atasan_user"})}, 404, lambda w: SIGN),
    ("sign certificate page",
     lambda w: reverse("signatures:sign", args=["certificate", w.certificate.pk]), "get",
     {**NOBODY_ELSE, **CERTIFICATE_READERS}, 404, None),
    ("sign certificate",
     lambda w: reverse("signatures:sign", args=["certificate", w.certificate.pk]), "post",
     {**NOBODY_ELSE, **_posting(CERTIFICATE_READERS, {"atasan_user"})}, 404, lambda w: SIGN),
    ("sign monev page", lambda w: reverse("signatures:sign", args=["monev", w.monev.pk]), "get",
     {**NOBODY_ELSE, **MONEV_READERS}, 404, None),
    ("sign monev", lambda w: reverse("signatures:sign", args=["monev", w.monev.pk]), "post",
     {**NOBODY_ELSE, **_posting(MONEV_READERS, {"superadmin", "admin", "operator_a"})}, 404,
     lambda w: SIGN),
    ("sign unknown kind", lambda w: reverse("signatures:sign", args=["gaji", w.skp.pk]), "get",
     NOBODY_ELSE, 404, None),
    ("batch signing page", lambda w: reverse("signatures:batch_sign", args=[w.batch.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "penyelenggara": 200,
      "atasan_user": 200}, 404, None),
    ("batch signing", lambda w: reverse("signatures:batch_sign", args=[w.batch.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 403, "admin": 403, "penyelenggara": 403,
      "atasan_user": 302}, 404, lambda w: SIGN),
    ("signature verification", lambda w: reverse("signatures:verify", args=[w.signed.code]),
     "get", EVERYONE, 200, None),
    ("signature check page", lambda w: reverse("signatures:verify_upload"), "get", EVERYONE,
     200, None),
    ("signature check", lambda w: reverse("signatures:verify_upload"), "post", EVERYONE, 200,
     _unsigned_pdf),
]  # fmt: skip


@pytest.fixture
def w(world):
    from binakinerja.signatures.testing import build_signature_world

    return build_signature_world(world)


@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, row):
    """Every persona on one world per row; each request is rolled back, so one persona's
    signature does not change what the next one meets."""
    label, url, method, expected, default, payload = row
    failures = []
    for persona in PERSONAS:
        client.logout()
        try:
            with transaction.atomic():
                assert_permission(client, w, persona=persona, label=label, url=url,
                                  method=method, want=expected.get(persona, default),
                                  payload=payload)  # fmt: skip
                transaction.set_rollback(True)
        except AssertionError as error:
            failures.append(f"{persona}: {error}")
    assert not failures, failures
