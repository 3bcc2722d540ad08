"""Signed copies of official documents (issue 18)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def signed_upload_to(instance, filename: str) -> str:
    """A generated name: nothing of the document's content or holder appears in the path."""
    return f"signed/{timezone.now():%Y}/{secrets.token_hex(16)}.pdf"


def verification_code() -> str:
    return secrets.token_urlsafe(16)  # 128 bits, as the certificates' codes


class SignedDocument(models.Model):
    """The electronically signed PDF of one document: an SKP (signed by its pejabat penilai),
    the evaluasi kinerja of a period (penilai), a training certificate (the signer it names)
    or a monev report (its operator or admin). `object_version` is the document's version
    when signed: when the document changes, the signed copy is no longer served and the
    official signs again. `code` is the document's public verification code (a certificate's
    own code; otherwise one random code kept for every later signing of the same document);
    `sha256` the digest of the stored file, checked on the public page."""

    class Kind(models.TextChoices):
        SKP = "skp", _("SKP")
        EVALUATION = "evaluation", _("Performance evaluation")
        CERTIFICATE = "certificate", _("Training certificate")
        MONEV = "monev", _("Monev report")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("document id"))
    object_version = models.CharField(_("document version"), max_length=64, blank=True)
    title = models.CharField(_("document"), max_length=200)
    file = models.FileField(_("signed file"), upload_to=signed_upload_to, max_length=200)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("signed by"))  # fmt: skip
    # Who signed as the specimen shows it (the account may later be removed or renamed).
    signer_name = models.CharField(_("signer's name"), max_length=150)
    signer_nip = models.CharField(_("signer's NIP"), max_length=21, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    code = models.CharField(_("verification code"), max_length=64, db_index=True)
    sha256 = models.CharField(_("SHA-256 of the signed file"), max_length=64, db_index=True)
    backend = models.CharField(_("signing service"), max_length=20)
    visible = models.BooleanField(_("visible signature"), default=True)

    class Meta:
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")
        ordering = ["-signed_at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="signed_kind_object")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "object_version"], name="signed_once_per_version",
                violation_error_message=_("This version of the document is already signed."),
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.title} ({self.signed_at:%Y-%m-%d})"
