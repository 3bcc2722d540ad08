"""Monitoring (issue 17; DOMAIN.md §9a, §10): indicator values per unit and year kept in a small
table (`Rollup`) refreshed by a daily task, after imports and on request, so dashboards read a
few hundred rows instead of grouping tens of thousands of SKPs, JP records and survey answers
on every request. This table is also the seam where a national, sharded database would come in
(ARCHITECTURE.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.TextChoices):
    """What a rollup measures: `numerator / denominator` (× 100 for shares)."""

    JP20 = "jp20", _("ASN reaching 20 JP (%)")
    JP_MEAN = "jp_mean", _("JP per ASN")
    SKP_APPROVED = "skp_approved", _("SKP approved (%)")
    PREDIKAT_GOOD = "predikat_good", _("Predikat Baik or better (%)")
    IKM = "ikm", _("IKM")
    SERVICE_MINUTES = "service_minutes", _("Service time (minutes)")
    MENTORING = "mentoring", _("ASN mentored (%)")
    READINESS = "readiness", _("Readiness index")
    ABSORPTION = "absorption", _("Budget absorption (%)")


SHARES = {Indicator.JP20, Indicator.SKP_APPROVED, Indicator.PREDIKAT_GOOD, Indicator.MENTORING,
          Indicator.ABSORPTION}  # fmt: skip
# Lower is better for these (the dashboard says so beside them).
HIGHER_IS_WORSE_LABEL = {Indicator.SERVICE_MINUTES.value}
# Indicators about people: hidden from pimpinan below AGGREGATE_MIN_GROUP (`people`).
ABOUT_PEOPLE = {Indicator.JP20, Indicator.JP_MEAN, Indicator.SKP_APPROVED,
                Indicator.PREDIKAT_GOOD, Indicator.MENTORING, Indicator.READINESS}  # fmt: skip


class Rollup(models.Model):
    """One indicator of one unit (a government, or an OPD of it) in one year."""

    instansi = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("government"))  # fmt: skip
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("unit"))  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    numerator = models.DecimalField(max_digits=20, decimal_places=4)
    denominator = models.DecimalField(max_digits=20, decimal_places=4)
    people = models.PositiveIntegerField(_("people counted"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed"))

    class Meta:
        verbose_name = _("indicator rollup")
        verbose_name_plural = _("indicator rollups")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "indicator"], name="rollup_once"),
        ]
        indexes = [models.Index(fields=["instansi", "year"], name="rollup_instansi_year")]

    def __str__(self):
        return f"{self.unit_id} {self.year} {self.indicator}"

    @property
    def value(self) -> float | None:
        return figure_value(self.indicator, self.numerator, self.denominator)


def figure_value(indicator: str, numerator, denominator) -> float | None:
    """An indicator's value from its sums: a share in percent, else the ratio."""
    if not denominator:
        return None
    ratio = float(numerator) / float(denominator)
    return round(ratio * 100 if indicator in SHARES else ratio, 2)


class QuarterRollup(models.Model):
    """A rollup as it stood when a quarter ended, kept by the first daily refresh after the
    quarter (`rollups.keep_quarters`): a quarterly monev report shows the quarter's figures, not
    whatever the year holds when it is printed months later."""

    instansi = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("government"))  # fmt: skip
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("unit"))  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    numerator = models.DecimalField(max_digits=20, decimal_places=4)
    denominator = models.DecimalField(max_digits=20, decimal_places=4)
    people = models.PositiveIntegerField(_("people counted"), default=0)
    kept_at = models.DateTimeField(_("kept"))

    class Meta:
        verbose_name = _("quarter rollup")
        verbose_name_plural = _("quarter rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "indicator"], name="quarter_rollup_once"
            ),  # fmt: skip
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_rollup_quarter"
            ),  # fmt: skip
        ]
        indexes = [models.Index(fields=["instansi", "year", "quarter"],
                                name="quarter_rollup_instansi")]  # fmt: skip

    def __str__(self):
        return f"{self.unit_id} {self.year} Q{self.quarter} {self.indicator}"

    @property
    def value(self) -> float | None:
        return figure_value(self.indicator, self.numerator, self.denominator)


class WarningRule(models.Model):
    """An early-warning rule as data: an indicator of a unit's rollup checked against a
    threshold from a month of the year on (e.g. JP per ASN below 10 from September; IKM down
    more than 5 points from the year before)."""

    class Test(models.TextChoices):
        BELOW = "below", _("below the threshold")
        ABOVE = "above", _("above the threshold")
        DROP = "drop", _("dropped by more than the threshold since last year")

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    test = models.CharField(_("test"), max_length=10, choices=Test.choices)
    threshold = models.DecimalField(_("threshold"), max_digits=10, decimal_places=2)
    from_month = models.PositiveSmallIntegerField(_("checked from month"), default=1)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["from_month", "code"]
        verbose_name = _("early-warning rule")
        verbose_name_plural = _("early-warning rules")

    def __str__(self):
        return self.name


class EarlyWarning(models.Model):
    """A rule's warning about one unit and year: open until the figures recover (resolved by
    the daily evaluation) or someone responsible dismisses it with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    rule = models.ForeignKey(WarningRule, on_delete=models.CASCADE, related_name="warnings")
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)  # fmt: skip
    raised_at = models.DateTimeField(_("raised"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reason = models.CharField(_("reason for dismissing"), max_length=300, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")  # fmt: skip

    class Meta:
        ordering = ["status", "-raised_at"]
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        constraints = [
            models.UniqueConstraint(fields=["rule", "unit", "year"], name="warning_once"),
        ]

    def __str__(self):
        return f"{self.rule} · {self.unit_id} {self.year}"


class ImpactSnapshot(models.Model):
    """A program's impact estimates as last computed (`impact.program_impact`): a bootstrap of
    199 resamples per indicator costs more than a page may, and the rollups it reads change
    daily. Kept for the day, recomputed on request."""

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE,
                                   primary_key=True, related_name="+")  # fmt: skip
    computed_at = models.DateTimeField(_("computed at"))
    data = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("impact estimate")
        verbose_name_plural = _("impact estimates")

    def __str__(self):
        return f"{self.program_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


class MonevReport(models.Model):
    """A monitoring & evaluation report of a government or an OPD for a quarter (1–4) or the
    year (0), in the LKjIP structure (DOMAIN.md §9a): the figures come from the rollups; the
    analysis, the obstacles and the follow-up are written by the operator (or the admin)."""

    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("unit"))  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter (0: the year)"), default=0)
    analysis = models.TextField(_("analysis"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")  # fmt: skip
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("monev report")
        verbose_name_plural = _("monev reports")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="monev_once"),
            models.CheckConstraint(condition=models.Q(quarter__lte=4), name="monev_quarter"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.year} Q{self.quarter}"
