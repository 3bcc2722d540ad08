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
from binakinerja.core.converters import MAX_YEAR, MIN_YEAR

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


# --- IDP (individual development plan) ---

# The database constraint on a plan's year: the years every page about a year accepts.
IDP_MIN_YEAR, IDP_MAX_YEAR = MIN_YEAR, MAX_YEAR
IDP_MAX_JP = 1000  # more than a year of full-time study (one JP is 45 minutes)


class IdpStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DIAJUKAN = "diajukan", _("Submitted to the supervisor")
    DISETUJUI = "disetujui", _("Approved")
    DIKEMBALIKAN = "dikembalikan", _("Returned with comments")


class IndividualDevelopmentPlan(models.Model):
    """An ASN's individual development plan (IDP, rencana pengembangan individu) for one year:
    the ASN proposes development activities, their direct supervisor (atasan) approves or
    returns the plan with a comment; once approved the ASN records the activities as done.
    `version` grows with every change, so a change made on a stale page is refused."""

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="development_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=IdpStatus.choices,
        default=IdpStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_comment = models.TextField(_("supervisor's comment"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("individual development plan")
        verbose_name_plural = _("individual development plans")
        ordering = ["employee_id", "-year"]
        indexes = [models.Index(fields=["status", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"],
                name="idp_one_per_year",
                violation_error_message=_("This employee already has a plan for that year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=IDP_MIN_YEAR, year__lte=IDP_MAX_YEAR),
                name="idp_year_range",
                violation_error_message=_("The year must lie between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=IdpStatus.values),
                name="idp_status_valid",
            ),
        ]

    def __str__(self):
        return f"IDP {self.year} {self.employee}"


class DevelopmentNeedSource(models.TextChoices):
    GAP = "gap", _("Competency gap")
    FOLLOW_UP = "follow_up", _("SKP follow-up")
    JP_SHORTFALL = "jp_shortfall", _("Yearly JP")
    OWN = "own", _("Own choice")


class DevelopmentForm(models.TextChoices):
    """The forms of development of DOMAIN.md §8 an IDP offers (klasikal and the common
    nonklasikal ones; the rest fall under "other")."""

    KLASIKAL = "klasikal", _("Classroom training (klasikal)")
    E_LEARNING = "e_learning", _("E-learning")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    SELF_STUDY = "belajar_mandiri", _("Self-study")
    INTERNSHIP = "magang", _("Internship or on-the-job guidance")
    OTHER = "nonklasikal_lain", _("Other non-classroom form")


class DevelopmentActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class DevelopmentActivity(models.Model):
    """One activity of an IDP: what, why (the need it answers), in which form, how many JP
    (jam pelajaran, 45 minutes each) and by which month. `source_ref` is left for the training
    and mentoring modules to point at the record that fulfilled the activity."""

    plan = models.ForeignKey(
        IndividualDevelopmentPlan, on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("activity"), max_length=200)
    need_source = models.CharField(_("need"), max_length=15, choices=DevelopmentNeedSource.choices)
    need_ref = models.CharField(_("need reference"), max_length=200, blank=True)
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    form = models.CharField(_("form"), max_length=20, choices=DevelopmentForm.choices)
    planned_jp = models.PositiveSmallIntegerField(
        _("planned JP"), validators=[MinValueValidator(1), MaxValueValidator(IDP_MAX_JP)]
    )
    target_month = models.PositiveSmallIntegerField(
        _("target month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DevelopmentActivityStatus.choices,
        default=DevelopmentActivityStatus.PLANNED,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    # "<app>.<model>:<pk>" of the training or mentoring record behind a done activity.
    source_ref = models.CharField(_("source record"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("development activity")
        verbose_name_plural = _("development activities")
        ordering = ["plan_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_jp__gte=1, planned_jp__lte=IDP_MAX_JP),
                name="developmentactivity_jp_positive",
                violation_error_message=_("The planned JP must be a whole number above zero."),
            ),
            models.CheckConstraint(
                condition=Q(target_month__isnull=True)
                | Q(target_month__gte=1, target_month__lte=12),
                name="developmentactivity_month_1_to_12",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DevelopmentActivityStatus.values),
                name="developmentactivity_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(need_source__in=DevelopmentNeedSource.values),
                name="developmentactivity_source_valid",
            ),
            models.CheckConstraint(
                condition=Q(form__in=DevelopmentForm.values),
                name="developmentactivity_form_valid",
            ),
            # A done activity has its date; a planned or cancelled one has none.
            models.CheckConstraint(
                condition=Q(status=DevelopmentActivityStatus.DONE, completed_on__isnull=False)
                | (~Q(status=DevelopmentActivityStatus.DONE) & Q(completed_on__isnull=True)),
                name="developmentactivity_done_has_date",
            ),
        ]

    def __str__(self):
        return self.title


# --- end IDP ---
