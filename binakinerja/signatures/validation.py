"""Checking a signed PDF with pyHanko: is every signature intact (the signed bytes unchanged),
does it cover the whole file (nothing added after it), and was the signing certificate issued
by a root we trust (the local demo CA in demo and tests, BSrE's root in production:
`SIGNING_TRUST_ROOTS`, paths to PEM/DER files). No revocation look-ups: the server makes no
outside calls; BSrE's own verification service remains the authority on revocation."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from binakinerja.signatures.signers import PDF_MAGIC

logger = logging.getLogger(__name__)

VALID = "valid"  # intact, whole file, by a trusted certificate
TAMPERED = "tampered"  # a signature is there but the file changed, or it is not the whole file
UNTRUSTED = "untrusted"  # intact, but not signed with a certificate we trust
UNSIGNED = "unsigned"  # a PDF without a signature
NOT_PDF = "not_pdf"  # not a PDF or unreadable


@dataclass(frozen=True)
class Validation:
    result: str
    signer: str = ""  # the signing certificate's common name
    signed_at: object = None  # the time the signer reported (datetime) or None

    @property
    def valid(self) -> bool:
        return self.result == VALID


def trust_roots() -> list:
    """The certificates we trust as roots: the local signer's CA when it exists, and every
    file named in `SIGNING_TRUST_ROOTS`."""
    from asn1crypto import x509 as asn1_x509

    from binakinerja.signatures.signers import _der_of

    paths = [Path(p) for p in getattr(settings, "SIGNING_TRUST_ROOTS", [])]
    local = Path(settings.SIGNING_LOCAL_DIR) / "ca.pem"
    if local.is_file():
        paths.append(local)
    roots = []
    for path in paths:
        try:
            roots.append(asn1_x509.Certificate.load(_der_of(path.read_bytes())))
        except (OSError, ValueError):
            logger.warning("trust root %s cannot be read", path)
    return roots


def validate_pdf(data: bytes, *, roots: list | None = None) -> Validation:
    """The verdict on `data`: VALID only when there is a signature, every signature is intact
    and trusted, and the last one covers the whole file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    if not data.startswith(PDF_MAGIC):
        return Validation(NOT_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any parse failure means "unreadable", never a 500
        return Validation(NOT_PDF)
    if not signatures:
        return Validation(UNSIGNED)
    context = ValidationContext(trust_roots=roots if roots is not None else trust_roots(),
                                allow_fetching=False)  # fmt: skip
    verdict, signer, signed_at = VALID, "", None
    for index, signature in enumerate(signatures):
        try:
            status = validate_pdf_signature(signature, context)
        except Exception:  # noqa: BLE001 - a mangled signature is a tampered one
            return Validation(TAMPERED)
        if not status.intact or not status.valid:
            return Validation(TAMPERED)
        last = index == len(signatures) - 1
        if last and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            return Validation(TAMPERED)
        if not status.trusted:
            verdict = UNTRUSTED
        signer = status.signing_cert.subject.native.get("common_name", "")
        signed_at = status.signer_reported_dt
    return Validation(verdict, signer=signer, signed_at=signed_at)
