"""Performance management (PermenPANRB 6/2022): assessment periods and SKP plans."""

import os
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from binakinerja.performance.rules import (
    Aspect,
    CoreValue,
    FollowUpKind,
    OrgPredikat,
    Perspective,
    Predikat,
    Rating,
    ResultKind,
    SkpStatus,
)


class Period(models.Model):
    """An assessment period of one government's performance year: a quarter (triwulan I–IV)
    or the annual assessment. Admins BKPSDM open and close it; data of a closed period is
    read-only except through an audited reopen (`performance.services.period_reopen`)."""

    class Kind(models.TextChoices):
        Q1 = "q1", _("Quarter I")
        Q2 = "q2", _("Quarter II")
        Q3 = "q3", _("Quarter III")
        Q4 = "q4", _("Quarter IV")
        ANNUAL = "annual", _("Annual")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    instansi = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("government"),
        on_delete=models.PROTECT,
        related_name="performance_periods",
        limit_choices_to={"kind": "instansi"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("period"), max_length=6, choices=Kind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("assessment period")
        verbose_name_plural = _("assessment periods")
        ordering = ["-year", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year", "kind"],
                name="period_unique_per_year",
                violation_error_message=_("This period already exists for this government."),
            ),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")),
                name="period_start_before_end",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Skp(models.Model):
    """Sasaran Kinerja Pegawai: one ASN's performance plan and assessment for a year. `atasan`
    is the pejabat penilai when the SKP was made; `version` grows with every change so that
    two people acting at once cannot overwrite each other (and two approvals cannot both win)."""

    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="skps"
    )
    atasan = models.ForeignKey(
        "people.Employee",
        verbose_name=_("supervisor (pejabat penilai)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skps_to_assess",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=12, choices=SkpStatus.choices, default=SkpStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # Lampiran SKP (PermenPANRB 6/2022): agreed between the ASN and the atasan.
    dukungan_sumber_daya = models.TextField(
        _("resource support (dukungan sumber daya)"), blank=True
    )
    skema_pertanggungjawaban = models.TextField(
        _("accountability scheme (skema pertanggungjawaban)"), blank=True
    )
    konsekuensi = models.TextField(_("consequences (konsekuensi)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKPs")
        ordering = ["-year", "employee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"],
                name="skp_one_per_employee_year",
                violation_error_message=_("This employee already has an SKP for this year."),
            ),
        ]

    def __str__(self):
        return f"SKP {self.year} · {self.employee}"


class OrgGoal(models.Model):
    """An organisational goal (sasaran / perjanjian kinerja) of an OPD for a year, entered by its
    operator; the OPD head's results support these, and the cascade hangs from them."""

    opd = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("agency (OPD)"),
        on_delete=models.PROTECT,
        related_name="goals",
        limit_choices_to={"kind": "opd"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("goal"))

    class Meta:
        verbose_name = _("organisational goal")
        verbose_name_plural = _("organisational goals")
        ordering = ["opd", "year", "id"]

    def __str__(self):
        return self.text[:80]


class SkpResult(models.Model):
    """A hasil kerja of an SKP: the ASN's rencana hasil kerja, utama or tambahan, and the
    supervisor's result it supports (cascading; the OPD head's results support the OPD's
    organisational goals instead, which come with the cascade view)."""

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ResultKind.choices)
    text = models.TextField(_("planned result (rencana hasil kerja)"))
    supports = models.ForeignKey(
        "self",
        verbose_name=_("supervisor's result it supports"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supported_by",
    )
    supports_goal = models.ForeignKey(
        OrgGoal,
        verbose_name=_("organisational goal it supports"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
    )
    perspective = models.CharField(
        _("perspective (JPT)"), max_length=20, choices=Perspective.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SKP result")
        verbose_name_plural = _("SKP results")
        ordering = ["skp", "kind", "order", "id"]

    def __str__(self):
        return self.text[:80]


class SkpIndicator(models.Model):
    """An indikator kinerja individu of a result: its aspect and target (a number with a unit,
    or a text)."""

    result = models.ForeignKey(
        SkpResult, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicators"
    )
    aspect = models.CharField(_("aspect"), max_length=10, choices=Aspect.choices)
    text = models.CharField(_("indicator"), max_length=500)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("unit of the target"), max_length=50, blank=True)
    target_text = models.CharField(_("target (text)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("SKP indicator")
        verbose_name_plural = _("SKP indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=False) | ~models.Q(target_text=""),
                name="skpindicator_has_target",
                violation_error_message=_("Give the indicator a target: a number or a text."),
            ),
        ]

    def __str__(self):
        return self.text[:80]


class SkpBehaviour(models.Model):
    """Perilaku kerja: one BerAKHLAK value of an SKP with the supervisor's specific expectation
    (ekspektasi khusus pimpinan)."""

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="behaviours"
    )
    value = models.CharField(_("core value"), max_length=30, choices=CoreValue.choices)
    expectation = models.TextField(_("supervisor's specific expectation"), blank=True)

    class Meta:
        verbose_name = _("SKP work behaviour")
        verbose_name_plural = _("SKP work behaviours")
        constraints = [
            models.UniqueConstraint(fields=["skp", "value"], name="skpbehaviour_unique_value"),
        ]

    def __str__(self):
        return self.get_value_display()


class SkpAssessment(models.Model):
    """The atasan's assessment of an SKP for one period (a quarter or the year): both ratings
    with the written reason, and the predikat that follows from them (`rules.predikat_kinerja`,
    stored so that later rule changes never rewrite past results)."""

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="assessments"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="assessments"
    )
    hasil_kerja = models.CharField(_("work results rating"), max_length=8, choices=Rating.choices)
    perilaku_kerja = models.CharField(
        _("work behaviour rating"), max_length=8, choices=Rating.choices
    )
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices)
    reason = models.TextField(_("reason"))
    assessed_by = models.ForeignKey(
        "people.Employee",
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed"), auto_now=True)
    # Who was who when the period was assessed (`documents.identity.assessment_snapshot`): the
    # evaluation of a past period names that period's penilai, jabatan, pangkat and unit.
    snapshot = models.JSONField(_("identities at assessment"), default=dict, blank=True)
    catatan_rekomendasi = models.TextField(_("notes and recommendations"), blank=True)

    class Meta:
        verbose_name = _("SKP assessment")
        verbose_name_plural = _("SKP assessments")
        ordering = ["period__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "period"],
                name="skpassessment_one_per_period",
                violation_error_message=_("This SKP is already assessed for this period."),
            ),
        ]

    def __str__(self):
        return f"{self.skp} · {self.period}: {self.get_predikat_display()}"


class OrgPerformance(models.Model):
    """An OPD's own predikat for a year, entered by its operator; it limits how the staff's
    predikats may be distributed (the distribution curve, `rules.distribution_violations`)."""

    opd = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("agency (OPD)"),
        on_delete=models.PROTECT,
        related_name="performance_results",
        limit_choices_to={"kind": "opd"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    predikat = models.CharField(
        _("organisation predikat"), max_length=16, choices=OrgPredikat.choices
    )

    class Meta:
        verbose_name = _("organisation performance")
        verbose_name_plural = _("organisation performance")
        constraints = [
            models.UniqueConstraint(fields=["opd", "year"], name="orgperformance_one_per_year"),
        ]

    def __str__(self):
        return f"{self.opd} {self.year}: {self.get_predikat_display()}"


class FollowUp(models.Model):
    """Tindak lanjut recorded by the atasan for an assessment with a low predikat (Butuh
    Perbaikan, Kurang, Sangat Kurang); training needs and mentoring will read the open ones."""

    assessment = models.ForeignKey(
        SkpAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    kind = models.CharField(_("kind"), max_length=14, choices=FollowUpKind.choices)
    description = models.TextField(_("description"))
    is_done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up (tindak lanjut)")
        verbose_name_plural = _("follow-ups (tindak lanjut)")
        ordering = ["is_done", "-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"


class SkpRealisation(models.Model):
    """The ASN's realisation of one indicator in one period, with the evidence behind it."""

    indicator = models.ForeignKey(
        SkpIndicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="realisations"
    )
    value = models.DecimalField(
        _("realisation"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    text = models.CharField(_("realisation (text)"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="realisation_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(text=""),
                name="realisation_has_content",
                violation_error_message=_("Give the realisation as a number or a text."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.period}"


def evidence_path(instance, filename: str) -> str:
    """A generated name outside the web root: the uploader's file name never reaches disk."""
    return f"evidence/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


class Evidence(models.Model):
    """A bukti dukung file of a realisation, served only to people who may see the SKP."""

    realisation = models.ForeignKey(
        SkpRealisation,
        verbose_name=_("realisation"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence (bukti dukung)")
        verbose_name_plural = _("evidence (bukti dukung)")

    def __str__(self):
        return self.original_name


class CheckIn(models.Model):
    """A dated entry of the dialog kinerja / continuous feedback: the atasan's check-in on an
    SKP (optionally on one result or core value) or the ASN's reply, shown on the timeline."""

    skp = models.ForeignKey(
        Skp, verbose_name=_("SKP"), on_delete=models.CASCADE, related_name="check_ins"
    )
    author = models.ForeignKey(
        "people.Employee", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.ForeignKey(
        SkpResult,
        verbose_name=_("result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="check_ins",
    )
    value = models.CharField(_("core value"), max_length=30, choices=CoreValue.choices, blank=True)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("check-in (dialog kinerja)")
        verbose_name_plural = _("check-ins (dialog kinerja)")
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]
