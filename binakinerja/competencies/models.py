"""Competencies (PermenPANRB 38/2017): the dictionary, position standards, assessments of ASN
and their potential. Gaps and job-person match are computed (rules.py), never stored.

Assessments are history: a new one never changes an old one; the latest by date counts.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binakinerja.competencies.rules import MAX_LEVEL, MIN_LEVEL

LEVEL_VALIDATORS = [MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)]
LEVEL_CHECK = Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL)


class CompetencyGroup(models.TextChoices):
    MANAJERIAL = "manajerial", _("Managerial (manajerial)")
    SOSIAL_KULTURAL = "sosial_kultural", _("Socio-cultural (sosial kultural)")
    TEKNIS = "teknis", _("Technical (teknis)")


class Competency(models.Model):
    """One competency of the dictionary: the 9 of the regulation are loaded by a data
    migration; technical ones are defined per field by admins."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=CompetencyGroup.choices)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    field = models.CharField(
        _("field"), max_length=200, blank=True, help_text=_("For technical competencies.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["group", "code"]

    def __str__(self):
        return self.name


class CompetencyLevel(models.Model):
    """A level 1–5 of a competency: its description and behaviour indicators."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    title = models.TextField(_("description"))
    indicators = models.JSONField(_("behaviour indicators"), default=list)

    class Meta:
        verbose_name = _("competency level")
        verbose_name_plural = _("competency levels")
        ordering = ["competency_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="competencylevel_unique"),
            models.CheckConstraint(condition=LEVEL_CHECK, name="competencylevel_1_to_5"),
        ]

    def __str__(self):
        return f"{self.competency} {self.level}"


class PositionStandard(models.Model):
    """The level a jabatan requires of a competency (standar kompetensi jabatan)."""

    position = models.ForeignKey(
        "people.Position", on_delete=models.CASCADE, related_name="competency_standards"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("required level"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("position competency standard")
        verbose_name_plural = _("position competency standards")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"], name="positionstandard_unique"
            ),
            models.CheckConstraint(condition=LEVEL_CHECK, name="positionstandard_1_to_5"),
        ]

    def __str__(self):
        return f"{self.position}: {self.competency} {self.level}"


class AssessmentMethod(models.TextChoices):
    ASSESSMENT_CENTER = "assessment_center", _("Assessment center")
    UJI_KOMPETENSI = "uji_kompetensi", _("Competency test (uji kompetensi)")
    FEEDBACK_360 = "360", _("360-degree feedback")
    SUPERVISOR = "atasan", _("Supervisor")


class CompetencyAssessment(models.Model):
    """One measured level of one ASN in one competency; the newest by date counts."""

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="competency_assessments"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    assessed_on = models.DateField(_("assessed on"))
    method = models.CharField(_("method"), max_length=20, choices=AssessmentMethod.choices)
    assessor = models.CharField(_("assessor"), max_length=200, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The newest assessment (by assessed_on, then pk) of its employee and competency. Kept by
    # `services.assessments_mark_current` so that gaps, the heat map and the needs of a whole
    # province read one row per competency instead of sorting three years of history.
    is_current = models.BooleanField(_("current"), default=False, editable=False)

    class Meta:
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        ordering = ["employee_id", "competency_id", "-assessed_on", "-pk"]
        indexes = [
            models.Index(fields=["employee", "competency", "assessed_on"]),
            models.Index(
                fields=["employee", "competency", "level"],
                condition=Q(is_current=True),
                name="competencyassessment_current",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=LEVEL_CHECK, name="competencyassessment_1_to_5"),
            models.UniqueConstraint(
                fields=["employee", "competency"],
                condition=Q(is_current=True),
                name="competencyassessment_one_current",
            ),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.competency_id} {self.level} ({self.assessed_on})"


class PotentialClass(models.TextChoices):
    TINGGI = "tinggi", _("High (tinggi)")
    MENENGAH = "menengah", _("Medium (menengah)")
    RENDAH = "rendah", _("Low (rendah)")


class PotentialAssessment(models.Model):
    """An ASN's potential (potensial) class and the score it came from; history as above."""

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="potential_assessments"
    )
    potential = models.CharField(_("potential"), max_length=10, choices=PotentialClass.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    assessed_on = models.DateField(_("assessed on"))
    method = models.CharField(_("method"), max_length=20, choices=AssessmentMethod.choices)
    assessor = models.CharField(_("assessor"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("potential assessment")
        verbose_name_plural = _("potential assessments")
        ordering = ["employee_id", "-assessed_on", "-pk"]
        indexes = [models.Index(fields=["employee", "assessed_on"])]

    def __str__(self):
        return f"{self.employee_id} {self.potential} ({self.assessed_on})"
