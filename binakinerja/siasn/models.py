"""What was sent to SIASN and what SIASN answered."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SiasnSubmission(models.Model):
    """One attempt to send one record to BKN's SIASN: a finished SKP result (`skp22/save`) or a
    JP record (`kursus/save`, or `diklat/save` for structural training). The payload is kept as
    sent; `fingerprint` is the SHA-256 of its content (`payloads.fingerprint`), so a record that
    changed after it was sent shows as changed and may be sent again (SIASN then gets the `id`
    of its earlier record to replace). Never edited: a new attempt is a new row."""

    class Kind(models.TextChoices):
        SKP = "skp", _("SKP result (skp22)")
        KURSUS = "kursus", _("Course (kursus)")
        DIKLAT = "diklat", _("Structural training (diklat)")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    assessment = models.ForeignKey(
        "performance.SkpAssessment", verbose_name=_("SKP assessment"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    jp_record = models.ForeignKey(
        "trainings.JpRecord", verbose_name=_("JP record"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # "performance.skpassessment:12": names the record after it is deleted, too.
    reference = models.CharField(_("record"), max_length=60)
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("ASN"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    payload = models.JSONField(_("payload sent"), default=dict)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices)
    siasn_id = models.CharField(_("SIASN id"), max_length=100, blank=True)
    answer = models.TextField(_("SIASN's answer"), blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("SIASN submission")
        verbose_name_plural = _("SIASN submissions")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["assessment", "-id"], name="siasn_by_assessment"),
            models.Index(fields=["jp_record", "-id"], name="siasn_by_jp_record"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(assessment__isnull=False) & Q(jp_record__isnull=False)),
                name="siasn_submission_one_record",
            ),
        ]

    def __str__(self):
        return f"SIASN {self.kind} {self.reference} · {self.get_status_display()}"
