"""Signing: the document is built, signed by the configured signer with the passphrase the
official typed (passed on, never stored or logged), and stored with its audit record — or,
when anything fails, nothing is stored. A batch of certificates is signed with one passphrase
entry and stored all or nothing."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.core.audit import audit_record, creation_changes
from binakinerja.core.documents import captured_signature_slots, id_date
from binakinerja.signatures.models import SignedDocument, verification_code
from binakinerja.signatures.signers import Appearance, SigningError, get_signer
from binakinerja.signatures.targets import Target


def public_url(path: str, request=None) -> str:
    """An absolute address for a QR: PUBLIC_BASE_URL when set, else the request's."""
    from django.conf import settings

    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    if base:
        return base + path
    return request.build_absolute_uri(path) if request is not None else path


def code_for(target: Target) -> str:
    """The document's verification code: the one it already has (a certificate's, or that of
    an earlier signing of the same document), else a new random one."""
    if target.code:
        return target.code
    earlier = (
        SignedDocument.objects.filter(kind=target.kind, object_id=target.pk)
        .values_list("code", flat=True).first()
    )  # fmt: skip
    return earlier or verification_code()


def _prepare(target: Target, *, visible: bool, request=None) -> tuple[bytes, Appearance, str]:
    """The unsigned PDF, how its signature shows, and its verification code."""
    if target.refusal:
        raise ValidationError(target.refusal, code="not_signable")
    if SignedDocument.objects.filter(kind=target.kind, object_id=target.pk,
                                     object_version=target.version).exists():  # fmt: skip
        raise ValidationError(_("This version of the document is already signed."),
                              code="already_signed")  # fmt: skip
    code = code_for(target)
    with captured_signature_slots() as slots:
        pdf = target.build()
    slot = next((s for s in slots if s.key == target.slot_key), None)
    official = target.official
    appearance = Appearance(
        visible=visible and slot is not None,
        page=slot.page if slot else 1,
        box=(slot.x, slot.y, slot.width, slot.height) if slot else None,
        name=official.name if official else "", nip=official.nip if official else "",
        position=official.position if official else "",
        signed_on=id_date(timezone.localdate()),
        verify_url=public_url(reverse("signatures:verify", args=[code]), request),
        reason=target.title,
    )  # fmt: skip
    return pdf, appearance, code


def _store(*, actor, target: Target, signed: bytes, code: str, backend: str,
           visible: bool) -> SignedDocument:  # fmt: skip
    official = target.official
    document = SignedDocument(
        kind=target.kind, object_id=target.pk, object_version=target.version,
        title=target.title[:200], signer=actor,
        signer_name=(official.name if official else actor.get_username())[:150],
        signer_nip=official.nip if official else "",
        signer_position=(official.position if official else "")[:200],
        code=code, sha256=hashlib.sha256(signed).hexdigest(), backend=backend, visible=visible,
    )  # fmt: skip
    document.file.save("signed.pdf", ContentFile(signed), save=False)
    try:
        document.full_clean()
        document.save()
    except (ValidationError, IntegrityError):
        document.file.delete(save=False)
        raise
    audit_record(actor=actor, action="create", instance=document,
                 object_repr=f"{target.title} ({backend})",
                 changes=creation_changes({"kind": target.kind, "object_id": target.pk,
                                           "object_version": target.version,
                                           "sha256": document.sha256, "backend": backend,
                                           "visible": visible}))  # fmt: skip
    return document


def _signing_error(error: SigningError) -> ValidationError:
    return ValidationError(error.message, code=error.code)


def _identity(official, nik: str) -> str:
    return nik or (official.nip_digits if official else "")


def document_sign(*, actor, target: Target, passphrase: str, nik: str = "",
                  visible: bool = True, request=None) -> SignedDocument:  # fmt: skip
    """Sign one document. A wrong passphrase, an inactive certificate, a service that does
    not answer: a ValidationError with the reason, and nothing stored."""
    pdf, appearance, code = _prepare(target, visible=visible, request=request)
    signer = get_signer()
    try:
        signed = signer.sign(pdf, signer_identity=_identity(target.official, nik),
                             passphrase=passphrase, appearance=appearance)  # fmt: skip
    except SigningError as error:
        raise _signing_error(error) from None
    return _stored_all(actor=actor, items=[(target, signed, code)], backend=signer.name,
                       visible=appearance.visible)[0]  # fmt: skip


def documents_sign_batch(*, actor, targets: list[Target], passphrase: str, nik: str = "",
                         visible: bool = True, request=None) -> list[SignedDocument]:  # fmt: skip
    """Sign many documents (a batch's certificates) with one passphrase entry: every one is
    signed first, then all are stored in one transaction; if one fails, none is stored."""
    if not targets:
        raise ValidationError(_("There is nothing to sign."), code="nothing")
    prepared = [_prepare(target, visible=visible, request=request) for target in targets]
    signer = get_signer()
    identity = _identity(targets[0].official, nik)
    try:
        signed = signer.sign_batch([pdf for pdf, _a, _c in prepared], signer_identity=identity,
                                   passphrase=passphrase,
                                   appearances=[a for _p, a, _c in prepared])  # fmt: skip
    except SigningError as error:
        raise _signing_error(error) from None
    codes = [code for _p, _a, code in prepared]
    items = list(zip(targets, signed, codes, strict=True))
    return _stored_all(actor=actor, items=items, backend=signer.name, visible=visible)


def _stored_all(*, actor, items, backend: str, visible: bool) -> list[SignedDocument]:
    """Store every signed file and its row in one transaction; on any failure delete the files
    already written, so nothing is left behind."""
    stored: list[SignedDocument] = []
    try:
        with transaction.atomic():
            for target, signed, code in items:
                stored.append(_store(actor=actor, target=target, signed=signed, code=code,
                                     backend=backend, visible=visible))  # fmt: skip
    except IntegrityError:
        _delete_files(stored)
        raise ValidationError(_("This version of the document is already signed."),
                              code="already_signed") from None  # fmt: skip
    except Exception:
        _delete_files(stored)
        raise
    return stored


def _delete_files(documents: list[SignedDocument]) -> None:
    for document in documents:
        document.file.delete(save=False)
