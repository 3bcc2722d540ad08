"""The personal-data duties of UU 27/2022 (PDP): requests of data subjects, breaches and the
log of what the retention rules deleted. A person's own data is gathered from the other apps
(`export.py`); the register of processing activities is a table in the code (`register.py`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Pasal 32, 41, 46: the controller answers a request, and tells the subjects and the authority
# of a breach, within 3 × 24 hours.
CLOCK = dt.timedelta(hours=72)


class Exemption(models.TextChoices):
    """Why a request may be refused: the exceptions of Pasal 15 ayat (1), and the legal
    obligation that requires the record to be kept (Pasal 20 ayat (2) huruf c; ASN records are
    kept by law, so a deletion of them is refused on that ground)."""

    DEFENCE = "defence", _("National defence and security (Pasal 15 (1) a)")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement (Pasal 15 (1) b)")
    PUBLIC_INTEREST = "public_interest", _("Public interest in running the state (Pasal 15 (1) c)")
    FINANCIAL_SUPERVISION = (
        "financial_supervision",
        _("Supervision of financial services, monetary and payment systems (Pasal 15 (1) d)"),
    )
    STATISTICS_RESEARCH = (
        "statistics_research",
        _("Statistics and scientific research (Pasal 15 (1) e)"),
    )
    LEGAL_OBLIGATION = (
        "legal_obligation",
        _("The law requires the record to be kept (Pasal 20 (2) c)"),
    )


class SubjectRequest(models.Model):
    """A request of a data subject (an ASN) about their personal data: access (Pasal 7, 32),
    correction (Pasal 6, 30), deletion (Pasal 8, 43), objection or restriction of processing
    (Pasal 10, 11, 41). Filed by the person online or recorded by an admin from paper; answered
    within 3 × 24 hours of `received_at` by an admin BKPSDM of the person's government, who
    completes it or refuses it with an exemption and a reason. Never deleted: it is the proof
    that the duty was carried out."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access to my data")
        CORRECTION = "correction", _("Correction of my data")
        DELETION = "deletion", _("Deletion of my data")
        OBJECTION = "objection", _("Objection to processing")
        RESTRICTION = "restriction", _("Restriction or suspension of processing")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online (filed by the person)")
        PAPER = "paper", _("On paper (recorded by an admin)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        REFUSED = "refused", _("Refused")

    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("data subject"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    kind = models.CharField(_("request"), max_length=12, choices=Kind.choices)
    details = models.TextField(_("what is asked"))
    channel = models.CharField(_("received"), max_length=6, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    deadline = models.DateTimeField(_("answer due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    exemption = models.CharField(
        _("exemption"), max_length=24, choices=Exemption.choices, blank=True
    )
    decision = models.TextField(_("answer"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(exemption=""),
                name="subjectrequest_refusal_has_exemption",
                violation_error_message=_("A refusal names its exemption."),
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.now() > self.deadline


class DataCategory(models.TextChoices):
    """The categories of personal data the system holds (breach records, the register)."""

    IDENTITY = "identity", _("Identity and contact (name, NIP, birth, e-mail, phone)")
    EMPLOYMENT = "employment", _("Employment (position, rank, unit, career history)")
    PERFORMANCE = "performance", _("Performance (SKP, assessments, predikat)")
    COMPETENCY = "competency", _("Competencies, potential and development plans")
    TRAINING = "training", _("Training, JP and certificates")
    MENTORING = "mentoring", _("Mentoring pairs, sessions and feedback")
    ACCOUNT = "account", _("Login accounts, roles and audit trail")


class Breach(models.Model):
    """A failure of personal-data protection (Pasal 46): when it was discovered, what happened,
    which categories of data, who is affected (named from the registry, or only counted), and
    the measures taken. The subjects and the authority are to be told in writing within
    3 × 24 hours of discovery (`deadline`); `subjects_notified_at` and
    `authority_notified_at` record when it was done."""

    instansi = models.ForeignKey(
        "organizations.OrgUnit", verbose_name=_("government"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    discovered_at = models.DateTimeField(_("discovered at"))
    deadline = models.DateTimeField(_("notice due"))
    description = models.TextField(_("what happened"))
    categories = models.JSONField(_("categories of data"), default=list)
    affected = models.ManyToManyField(
        "people.Employee", verbose_name=_("affected persons"), related_name="+", blank=True
    )
    affected_count = models.PositiveIntegerField(_("number of persons affected"), default=0)
    measures = models.TextField(_("measures taken"))
    subjects_notified_at = models.DateTimeField(_("subjects notified at"), null=True, blank=True)
    authority_notified_at = models.DateTimeField(_("authority notified at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal data breach")
        verbose_name_plural = _("personal data breaches")
        ordering = ["-discovered_at", "-pk"]

    def __str__(self):
        return _("Breach #%(pk)s") % {"pk": self.pk}

    @property
    def is_open(self) -> bool:
        return self.subjects_notified_at is None or self.authority_notified_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.now() > self.deadline

    def category_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(code, code)) for code in self.categories]


class RetentionRun(models.Model):
    """One run of the retention rules (Pasal 42–44): when, and how many items of each category
    passed their period and were deleted. Counts only, never what the items were."""

    ran_at = models.DateTimeField(_("run at"), auto_now_add=True)
    counts = models.JSONField(_("deleted per category"), default=dict)
    periods = models.JSONField(_("retention periods (days)"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at", "-pk"]

    def __str__(self):
        return f"{self.ran_at:%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
