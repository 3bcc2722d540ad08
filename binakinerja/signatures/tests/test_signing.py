"""Signing and verification end to end: the local PAdES signer, the BSrE adapter against a
fake BSrE on 127.0.0.1, the pages, and the public check of a file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binakinerja.core.audit import AuditLog
from binakinerja.core.documents import OfficialDocument, Signer, single_signature, text
from binakinerja.signatures import validation
from binakinerja.signatures.models import SignedDocument
from binakinerja.signatures.signers import Appearance, BsreSigner, LocalPadesSigner, SigningError
from binakinerja.signatures.testing import TEST_PASSPHRASE, build_signature_world
from binakinerja.signatures.tests.fake_bsre import NIK, PASSWORD, USERNAME, FakeBsre
from binakinerja.trainings.models import Certificate


@pytest.fixture
def w(world):
    return build_signature_world(world)


def _document() -> tuple[bytes, Appearance]:
    doc = OfficialDocument(title="Uji", government="Pemerintah Provinsi Gorontalo")
    pdf = doc.build([text("Isi dokumen"),
                     single_signature(Signer("Kepala", "Budi", "198001012000011001",
                                             key="kepala"))])  # fmt: skip
    slot = doc.signature_slots[0]
    return pdf, Appearance(
        page=slot.page,
        box=(slot.x, slot.y, slot.width, slot.height),
        name="Budi",
        nip="19800101 200001 1 001",
        position="Kepala",
        signed_on="31 Maret 2026",
        verify_url="https://example.test/v/x/",
    )


def _one_byte_changed(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] = (changed[at] + 1) % 256
    return bytes(changed)


def test_a_signed_pdf_validates_and_a_tampered_one_does_not(db):
    from binakinerja.signatures.testing import ensure_test_certificate

    ensure_test_certificate()
    pdf, appearance = _document()
    signed = LocalPadesSigner().sign(pdf, signer_identity="198001012000011001",
                                     passphrase=TEST_PASSPHRASE, appearance=appearance)  # fmt: skip
    check = validation.validate_pdf(signed)
    assert check.result == validation.VALID
    assert check.signer == "Penandatangan Demo Bina Kinerja"
    # one byte of the signed content changed
    assert validation.validate_pdf(_one_byte_changed(signed, len(pdf) // 2)).result == "tampered"
    # bytes added after the signature (an incremental update nobody signed)
    assert validation.validate_pdf(signed + b"\n%extra\n").result == "tampered"
    # not signed with a certificate we trust
    assert validation.validate_pdf(signed, roots=[]).result == "untrusted"
    assert validation.validate_pdf(pdf).result == "unsigned"
    assert validation.validate_pdf(b"GIF89a").result == "not_pdf"
    invisible = LocalPadesSigner().sign(pdf, signer_identity="1", passphrase=TEST_PASSPHRASE,
                                        appearance=Appearance(visible=False))  # fmt: skip
    assert validation.validate_pdf(invisible).valid


def test_the_local_signer_refuses_a_wrong_passphrase(db):
    from binakinerja.signatures.testing import ensure_test_certificate

    ensure_test_certificate()
    pdf, appearance = _document()
    with pytest.raises(SigningError) as refused:
        LocalPadesSigner().sign(pdf, signer_identity="1", passphrase="salah-sekali",
                                appearance=appearance)  # fmt: skip
    assert refused.value.code == "wrong_passphrase"
    assert "salah-sekali" not in refused.value.message


def _sign(client, w, kind, pk, passphrase=TEST_PASSPHRASE, user=None):
    client.force_login(user or w.atasan_user)
    return client.post(reverse("signatures:sign", args=[kind, pk]),
                       {"passphrase": passphrase, "visible": "on"})  # fmt: skip


def test_the_penilai_signs_the_skp_and_its_download_is_the_signed_file(client, w):
    response = _sign(client, w, "skp", w.skp.pk)
    assert response.status_code == 302
    document = SignedDocument.objects.get(kind="skp", object_id=w.skp.pk)
    stored = document.file.read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert document.signer_name == w.atasan.full_name and document.backend == "local"
    assert document.object_version == str(w.skp.version)
    assert validation.validate_pdf(stored).valid
    assert AuditLog.objects.filter(
        object_type="signatures.signeddocument", object_id=str(document.pk), action="create"
    ).exists()
    download = client.get(reverse("performance:skp_pdf", args=[w.skp.pk]))
    assert download.content == stored
    # the public page names the signer and says the stored file is intact
    client.logout()
    page = client.get(reverse("signatures:verify", args=[document.code]))
    assert page.status_code == 200
    assert w.atasan.full_name in page.content.decode()
    assert 'data-state="valid"' in page.content.decode()
    assert w.atasan.nip not in page.content.decode()
    # a new version of the SKP is no longer the signed one: the download is built afresh
    type(w.skp).objects.filter(pk=w.skp.pk).update(version=w.skp.version + 1)
    client.force_login(w.atasan_user)
    assert client.get(reverse("performance:skp_pdf", args=[w.skp.pk])).content != stored


def _signed_files(settings) -> int:
    return len(list((Path(settings.MEDIA_ROOT) / "signed").rglob("*.pdf")))


def test_a_wrong_passphrase_stores_nothing(client, w, settings):
    files_before = _signed_files(settings)
    response = _sign(client, w, "evaluation", w.assessment.pk, passphrase="bukan-ini")
    assert response.status_code == 400
    assert "Passphrase salah" in response.content.decode()
    assert not SignedDocument.objects.exclude(pk=w.signed.pk).exists()
    assert _signed_files(settings) == files_before
    refusal = AuditLog.objects.get(action="denied", object_type="performance.skpassessment")
    assert "bukan-ini" not in str(vars(refusal))


def test_the_monev_report_gets_a_signature_block_and_is_signed(client, w):
    response = _sign(client, w, "monev", w.monev.pk, user=w.operator_a)
    assert response.status_code == 302
    document = SignedDocument.objects.get(kind="monev")
    assert validation.validate_pdf(document.file.read()).valid
    download = client.get(reverse("monitoring:monev", args=[w.dinkes.pk, w.monev.year, 2])
                          + "?format=pdf")  # fmt: skip
    assert b"".join(download) == document.file.open("rb").read()


def _second_certificate(w):
    from binakinerja.trainings.models import Enrolment

    enrolment = w.teacher_enrolment
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.COMPLETED)
    return Certificate.objects.create(
        enrolment=enrolment, number="BPSDMPG/2026/0002", status=Certificate.Status.ISSUED,
        issued_at=w.certificate.issued_at, signer_1=w.certificate.signer_1,
        identity={"nama": w.teacher.full_name},
    )  # fmt: skip


def test_a_batch_of_certificates_is_signed_with_one_passphrase(client, w):
    second = _second_certificate(w)
    client.force_login(w.atasan_user)
    url = reverse("signatures:batch_sign", args=[w.batch.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"passphrase": TEST_PASSPHRASE, "visible": "on"})
    assert response.status_code == 302
    signed = SignedDocument.objects.filter(kind="certificate")
    assert {d.object_id for d in signed} == {w.certificate.pk, second.pk}
    assert {d.code for d in signed} == {w.certificate.code, second.code}
    # the certificate's public page tells it is signed
    client.logout()
    page = client.get(reverse("certificates:verify", args=[w.certificate.code])).content.decode()
    assert 'id="certificate-signature"' in page


def test_a_batch_is_all_or_nothing(client, w, settings):
    _second_certificate(w)
    files_before = _signed_files(settings)
    settings.SIGNER_BACKEND = "binakinerja.signatures.signers.BsreSigner"
    settings.BSRE_USERNAME, settings.BSRE_PASSWORD = USERNAME, PASSWORD
    client.force_login(w.atasan_user)
    with FakeBsre("fail_after_first") as bsre:
        settings.BSRE_URL = bsre.url
        response = client.post(
            reverse("signatures:batch_sign", args=[w.batch.pk]),
            {"passphrase": TEST_PASSPHRASE, "nik": NIK, "visible": "on"},
        )
    assert response.status_code == 400
    assert _signed_files(settings) == files_before
    assert len(bsre.requests) == 2  # the first was signed by BSrE, the second failed
    assert not SignedDocument.objects.exclude(pk=w.signed.pk).exists()


# --- the BSrE adapter against a fake BSrE -------------------------------------------------------


@pytest.fixture
def bsre_settings(settings, db):
    from binakinerja.signatures.testing import ensure_test_certificate

    ensure_test_certificate()
    settings.BSRE_USERNAME, settings.BSRE_PASSWORD = USERNAME, PASSWORD
    return settings


def test_bsre_gets_the_fields_of_its_api_and_its_pdf_is_returned(bsre_settings):
    pdf, appearance = _document()
    with FakeBsre() as bsre:
        bsre_settings.BSRE_URL = bsre.url
        signed = BsreSigner().sign(pdf, signer_identity=NIK, passphrase=TEST_PASSPHRASE,
                                   appearance=appearance)  # fmt: skip
    assert validation.validate_pdf(signed).valid
    sent = bsre.requests[0]
    assert sent["tampilan"] == "visible" and sent["linkQR"] == "https://example.test/v/x/"
    assert sent["page"] == "1" and int(sent["width"]) == round(appearance.box[2])
    assert sent["image"] == "false"


@pytest.mark.parametrize(
    ("mode", "passphrase", "code", "words"),
    [("ok", "keliru", "wrong_passphrase", "Passphrase salah"),
     ("inactive", TEST_PASSPHRASE, "certificate_inactive", "tidak aktif")],
)  # fmt: skip
def test_bsre_errors_become_clear_indonesian_messages(bsre_settings, mode, passphrase, code,
                                                      words):  # fmt: skip
    pdf, _appearance = _document()
    with FakeBsre(mode) as bsre, pytest.raises(SigningError) as refused:
        bsre_settings.BSRE_URL = bsre.url
        BsreSigner().sign(pdf, signer_identity=NIK, passphrase=passphrase,
                          appearance=Appearance(visible=False))  # fmt: skip
    assert refused.value.code == code
    from django.utils.translation import gettext

    assert words in gettext(refused.value.message) or words in refused.value.message
    assert bsre.requests[0]["tampilan"] == "invisible" and "xAxis" not in bsre.requests[0]


def test_bsre_that_does_not_answer_in_time_is_a_timeout(bsre_settings):
    pdf, _appearance = _document()
    bsre_settings.BSRE_TIMEOUT_SECONDS = 0.3
    with FakeBsre("slow", delay=1.0) as bsre, pytest.raises(SigningError) as refused:
        bsre_settings.BSRE_URL = bsre.url
        BsreSigner().sign(pdf, signer_identity=NIK, passphrase=TEST_PASSPHRASE,
                          appearance=Appearance(visible=False))  # fmt: skip
    assert refused.value.code == "timeout"


# --- the public check of a file ----------------------------------------------------------------


def test_anyone_can_check_a_pdf_they_hold(client, w):
    _sign(client, w, "skp", w.skp.pk)
    stored = SignedDocument.objects.get(kind="skp", object_id=w.skp.pk).file.read()
    client.logout()
    url = reverse("signatures:verify_upload")

    def check(data: bytes, name: str = "dokumen.pdf"):
        return client.post(url, {"file": SimpleUploadedFile(name, data, "application/pdf")})

    ok = check(stored).content.decode()
    assert 'data-result="valid"' in ok and "SKP" in ok
    assert 'data-result="tampered"' in check(_one_byte_changed(stored, 200)).content.decode()
    unsigned, _a = _document()
    assert 'data-result="unsigned"' in check(unsigned).content.decode()
    refused = check(b"GIF89a not a pdf")
    assert refused.status_code == 400 and "bukan PDF" in refused.content.decode()
    assert check(stored, "dokumen.exe").status_code == 400


def test_an_upload_above_the_limit_is_refused(client, settings):
    settings.SIGNING_UPLOAD_MAX_BYTES = 1024
    response = client.post(
        reverse("signatures:verify_upload"),
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000)},
    )
    assert response.status_code == 400


def test_an_unknown_code_is_a_plain_404(client, db):
    assert client.get(reverse("signatures:verify", args=["tidak-ada"])).status_code == 404
