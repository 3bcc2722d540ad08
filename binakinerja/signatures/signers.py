"""Pluggable signers: `SIGNER_BACKEND` names the class (`LocalPadesSigner`, the default, for
the demo and the tests; `BsreSigner` in production). Every signer answers

    sign(pdf_bytes, *, signer_identity, passphrase, appearance) -> signed_pdf_bytes
    sign_batch(pdfs, *, signer_identity, passphrase, appearances) -> [signed_pdf_bytes]

and raises `SigningError` with a message an official can act on (in Indonesian through the
translations). The passphrase is typed by the official for each request: it is passed on and
forgotten, never stored, logged or put in an error message.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


class SigningError(Exception):
    """Signing failed; `code` says why (wrong_passphrase, not_registered, certificate_inactive,
    timeout, unavailable, not_configured, bad_response), `message` says it to the official."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Appearance:
    """How the signature shows. `visible` False: an invisible signature. Otherwise on `page`
    (1-based) in `box` (x, y, width, height in points from the page's lower left, as
    `core.documents.SignatureSlot` records it), with the specimen text (name, NIP, jabatan,
    date) and a QR to `verify_url`."""

    visible: bool = True
    page: int = 1
    box: tuple[float, float, float, float] | None = None
    name: str = ""
    nip: str = ""
    position: str = ""
    signed_on: str = ""
    verify_url: str = ""
    reason: str = ""
    location: str = ""


def get_signer():
    """The configured signer (`SIGNER_BACKEND`)."""
    path = getattr(settings, "SIGNER_BACKEND", "") or (
        "binakinerja.signatures.signers.LocalPadesSigner"
    )
    return import_string(path)()


def _wrong_passphrase() -> SigningError:
    return SigningError("wrong_passphrase", _("The passphrase is wrong. Nothing was signed."))


# --- the local PAdES signer (pyHanko) ---------------------------------------------------------


class LocalPadesSigner:
    """PAdES (B-B) signatures made here with pyHanko and the demo certificate that
    `manage.py signing_demo_certificate` writes (`SIGNING_LOCAL_DIR`, default `var/signing/`);
    its key is encrypted with the passphrase, so a wrong one signs nothing. One certificate
    for every official: the signer's name and NIP go into the visible specimen and the
    signature's reason; BSrE gives each official their own certificate."""

    name = "local"
    asks_nik = False  # the local certificate is not tied to a NIK

    def __init__(self, folder: str | Path | None = None):
        from binakinerja.signatures.demo_ca import DemoFiles

        self.files = DemoFiles(Path(folder or settings.SIGNING_LOCAL_DIR))

    def _signer(self, passphrase: str):
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        if not self.files.exist():
            raise SigningError("not_configured", _(
                "The local signing certificate has not been made yet: run "
                "manage.py signing_demo_certificate."))  # fmt: skip
        if not passphrase:
            raise _wrong_passphrase()
        try:
            key = serialization.load_pem_private_key(
                self.files.key.read_bytes(), password=passphrase.encode()
            )
        except (ValueError, TypeError):
            raise _wrong_passphrase() from None
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())  # fmt: skip
        cert = asn1_x509.Certificate.load(_der_of(self.files.cert.read_bytes()))
        ca = asn1_x509.Certificate.load(_der_of(self.files.ca.read_bytes()))
        return signers.SimpleSigner(
            signing_cert=cert, signing_key=asn1_keys.PrivateKeyInfo.load(der),
            cert_registry=SimpleCertificateStore.from_certs([ca]),
        )  # fmt: skip

    def sign(self, pdf_bytes: bytes, *, signer_identity: str, passphrase: str,
             appearance: Appearance) -> bytes:  # fmt: skip
        return self.sign_batch([pdf_bytes], signer_identity=signer_identity,
                               passphrase=passphrase, appearances=[appearance])[0]  # fmt: skip

    def sign_batch(self, pdfs: list[bytes], *, signer_identity: str, passphrase: str,
                   appearances: list[Appearance]) -> list[bytes]:  # fmt: skip
        """Open the key once (one passphrase entry) and sign each PDF; any failure raises and
        returns nothing."""
        signer = self._signer(passphrase)
        return [_pades_sign(signer, pdf, appearance, signer_identity)
                for pdf, appearance in zip(pdfs, appearances, strict=True)]  # fmt: skip


def _der_of(pem: bytes) -> bytes:
    from asn1crypto import pem as asn1_pem

    if asn1_pem.detect(pem):
        return asn1_pem.unarmor(pem)[2]
    return pem


def _stamp_style():
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import QRStampStyle

    return QRStampStyle(
        stamp_text=("Ditandatangani secara elektronik oleh\n%(nama)s\n%(nip)s\n%(jabatan)s\n"
                    "%(tanggal)s"),
        # pyHanko's built-in Courier: embedding a TrueType font needs its [opentype] extra
        text_box_style=TextBoxStyle(font_size=6.5, leading=8),
        border_width=0, innsep=2,
    )  # fmt: skip


def _pades_sign(signer, pdf: bytes, appearance: Appearance, identity: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    if not pdf.startswith(PDF_MAGIC):
        raise SigningError("bad_document", _("The document to sign is not a PDF."))
    field_name = f"TTE-{uuid.uuid4().hex[:12]}"
    reason = appearance.reason or "Tanda tangan elektronik"
    if appearance.nip:
        reason = f"{reason} — {appearance.name} (NIP {appearance.nip})"
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason[:200], location=appearance.location or None,
        name=appearance.name or None, subfilter=fields.SigSeedSubFilter.PADES,
    )  # fmt: skip
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        if appearance.visible and appearance.box:
            x, y, width, height = appearance.box
            spec = fields.SigFieldSpec(
                field_name, on_page=max(appearance.page, 1) - 1,
                box=(int(x), int(y), int(x + width), int(y + height)),
            )  # fmt: skip
            pdf_signer = signers.PdfSigner(meta, signer, stamp_style=_stamp_style(),
                                           new_field_spec=spec)  # fmt: skip
            params = {
                "url": appearance.verify_url or "-",
                "nama": appearance.name or "-",
                "nip": f"NIP {appearance.nip}" if appearance.nip else "",
                "jabatan": appearance.position[:60],
                "tanggal": appearance.signed_on,
            }
            out = pdf_signer.sign_pdf(writer, appearance_text_params=params)
        else:
            spec = fields.SigFieldSpec(field_name)  # no box: invisible
            out = signers.PdfSigner(meta, signer, new_field_spec=spec).sign_pdf(writer)
    except PdfError as error:
        logger.warning("local signing failed for %s: %s", identity[-4:], error)
        raise SigningError("bad_document", _("The document could not be signed.")) from None
    return out.getvalue()


# --- BSrE (Balai Sertifikasi Elektronik, BSSN) ------------------------------------------------


class BsreSigner:
    """The adapter to BSrE's "esign client service" (`BSRE_URL`, `BSRE_USERNAME`,
    `BSRE_PASSWORD`, basic authentication): `POST {BSRE_URL}/api/sign/pdf` as multipart form
    data with `file`, `nik`, `passphrase`, `tampilan` (visible/invisible) and, when visible,
    `image` ("false": BSrE draws its own specimen with the QR of `linkQR`), `linkQR`, `page`,
    `xAxis`, `yAxis`, `width`, `height`, `reason`, `location`. The answer is the signed PDF
    (or JSON naming `id_dokumen`, then fetched from `/api/sign/download/<id>`); errors come
    as JSON `{"error": ..., "status_code": ...}` and are turned into clear messages. A batch
    is one request per PDF with the one passphrase typed once."""

    name = "bsre"
    asks_nik = True  # BSrE knows its officials by NIK

    def __init__(self):
        self.url = (getattr(settings, "BSRE_URL", "") or "").rstrip("/")
        self.username = getattr(settings, "BSRE_USERNAME", "")
        self.password = getattr(settings, "BSRE_PASSWORD", "")
        self.timeout = getattr(settings, "BSRE_TIMEOUT_SECONDS", 30)

    def sign(self, pdf_bytes: bytes, *, signer_identity: str, passphrase: str,
             appearance: Appearance) -> bytes:  # fmt: skip
        if not self.url:
            message = _("The BSrE signing service is not configured (BSRE_URL).")
            raise SigningError("not_configured", message)
        if not signer_identity or not signer_identity.isdigit() or len(signer_identity) != 16:
            raise SigningError("not_registered", _("BSrE needs the signer's NIK (16 digits)."))
        if not passphrase:
            raise _wrong_passphrase()
        fields_ = {"nik": signer_identity, "passphrase": passphrase,
                   "tampilan": "visible" if appearance.visible and appearance.box
                   else "invisible"}  # fmt: skip
        if fields_["tampilan"] == "visible":
            x, y, width, height = appearance.box
            fields_ |= {
                "image": "false", "linkQR": appearance.verify_url, "page": str(appearance.page),
                "xAxis": str(round(x)), "yAxis": str(round(y)), "width": str(round(width)),
                "height": str(round(height)),
            }  # fmt: skip
        if appearance.reason:
            fields_["reason"] = appearance.reason[:200]
        if appearance.location:
            fields_["location"] = appearance.location
        status, headers, body = self._post("/api/sign/pdf", fields_, pdf_bytes)
        if status == 200 and body.startswith(PDF_MAGIC):
            return body
        answer = _json(body)
        if status == 200 and answer.get("id_dokumen"):
            status, headers, body = self._get(f"/api/sign/download/{answer['id_dokumen']}")
            if status == 200 and body.startswith(PDF_MAGIC):
                return body
            answer = _json(body)
        raise self._error(status, answer)

    def sign_batch(self, pdfs: list[bytes], *, signer_identity: str, passphrase: str,
                   appearances: list[Appearance]) -> list[bytes]:  # fmt: skip
        return [self.sign(pdf, signer_identity=signer_identity, passphrase=passphrase,
                          appearance=appearance)
                for pdf, appearance in zip(pdfs, appearances, strict=True)]  # fmt: skip

    # -- HTTP (urllib: one call per request, nothing to pool)

    def _auth(self) -> dict:
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        return {"Authorization": f"Basic {token}"}

    def _send(self, request) -> tuple[int, dict, bytes]:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - URL from settings
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers or {}), error.read()
        except TimeoutError:
            raise SigningError(
                "timeout", _("BSrE did not answer in time. Nothing was signed; try again later.")
            ) from None
        except (urllib.error.URLError, OSError) as error:
            logger.warning("BSrE unreachable: %s", type(error).__name__)
            raise SigningError("unavailable", _(
                "The BSrE signing service cannot be reached. Nothing was signed; try again "
                "later.")) from None  # fmt: skip

    def _post(self, path: str, fields_: dict, pdf: bytes):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields_.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         f"{value}\r\n".encode())  # fmt: skip
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="dokumen.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + pdf
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(  # noqa: S310 - URL from settings
            self.url + path, data=b"".join(parts), method="POST",
            headers={**self._auth(), "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )  # fmt: skip
        return self._send(request)

    def _get(self, path: str):
        request = urllib.request.Request(self.url + path, headers=self._auth())  # noqa: S310
        return self._send(request)

    def _error(self, status: int, answer: dict) -> SigningError:
        """BSrE's error as a message. The text BSrE sends is matched loosely (its wording and
        codes differ between versions), then the HTTP status decides."""
        text = str(answer.get("error") or answer.get("message") or "").lower()
        code = str(answer.get("status_code") or "")
        logger.warning("BSrE refused a signature: HTTP %s, status_code %s", status, code or "-")
        if "passphrase" in text or code == "2031":
            return _wrong_passphrase()
        if "sertifikat" in text or "certificate" in text or "expired" in text or "revok" in text:
            return SigningError("certificate_inactive", _(
                "Your electronic certificate is not active (expired, revoked or not yet "
                "issued). Contact your agency's TTE coordinator."))  # fmt: skip
        if "tidak terdaftar" in text or "not registered" in text or "nik" in text:
            return SigningError("not_registered", _(
                "This NIK is not registered with BSrE. Contact your agency's TTE "
                "coordinator."))  # fmt: skip
        if status in (401, 403):
            return SigningError(
                "not_configured",
                _("Bina Kinerja's BSrE credentials were refused. Tell the administrator."),
            )
        if status in (502, 503, 504):
            return SigningError("unavailable", _(
                "The BSrE signing service is unavailable. Nothing was signed; try again "
                "later."))  # fmt: skip
        return SigningError(
            "bad_response", _("BSrE could not sign the document. Nothing was signed.")
        )


def _json(body: bytes) -> dict:
    try:
        answer = json.loads(body.decode("utf-8", "replace"))
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}
