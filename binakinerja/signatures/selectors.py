"""Reads of signed documents: the current signed copy of a document (served by the owning
app's download view through `core.signed`), the public verification by code or by file,
and the certificates waiting for the reader's signature."""

from __future__ import annotations

import hashlib

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from binakinerja.core.signed import SignedCopy
from binakinerja.signatures.models import SignedDocument


def signed_current(kind: str, pk: int, version: str) -> SignedDocument | None:
    """The signed copy of this version of the document, or None."""
    return (
        SignedDocument.objects.filter(kind=kind, object_id=pk, object_version=version)
        .order_by("-signed_at", "-pk").first()
    )  # fmt: skip


def signed_latest(kind: str, pk: int) -> SignedDocument | None:
    return SignedDocument.objects.filter(kind=kind, object_id=pk).first()


def signed_lookup(kind: str, pk: int, version: str) -> SignedCopy | None:
    """The `core.signed` lookup: the stored signed file of this version, if it is readable."""
    document = signed_current(kind, pk, version)
    if document is None:
        return None
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except OSError:
        return None  # the file is gone (a restore without media): serve the unsigned PDF
    if hashlib.sha256(content).hexdigest() != document.sha256:
        return None  # never serve a stored file that changed since it was signed
    return SignedCopy(content=content, signer_name=document.signer_name,
                      signed_at=document.signed_at,
                      verify_path=reverse("signatures:verify", args=[document.code]))  # fmt: skip


def signed_by_code(code: str) -> list[SignedDocument]:
    """Every signing of the document with this verification code, newest first."""
    if not code or len(code) > 64:
        return []
    return list(SignedDocument.objects.filter(code=code).select_related("signer")[:20])


def signed_by_digest(digest: str) -> SignedDocument | None:
    return SignedDocument.objects.filter(sha256=digest).first()


def certificates_awaiting(user, batch=None):
    """Issued certificates that name the reader (by the NIP of their ASN record) as signer and
    have no signed copy of their current state yet, with their batch."""
    from binakinerja.signatures.targets import official_of
    from binakinerja.trainings.models import Certificate

    nip = official_of(user).nip_digits
    if not nip:
        return Certificate.objects.none()
    signed = SignedDocument.objects.filter(kind=SignedDocument.Kind.CERTIFICATE,
                                           object_id=OuterRef("pk"))  # fmt: skip
    named = Q(signer_1__contains=f"|{nip}|") | (Q(signer_1="") & Q(signer_2__contains=f"|{nip}|"))
    certificates = (
        Certificate.objects.filter(named, status=Certificate.Status.ISSUED)
        .exclude(Exists(signed))
        .select_related("enrolment__employee", "enrolment__batch__program__institution")
        .order_by("enrolment__batch__start", "number")
    )
    if batch is not None:
        certificates = certificates.filter(enrolment__batch=batch)
    return certificates


def signed_by_user(user, limit: int = 50):
    return SignedDocument.objects.filter(signer=user)[:limit]
