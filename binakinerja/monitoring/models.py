"""Monitoring (issue 17; DOMAIN.md §9a, §10): indicator values per unit and year kept in a small
table (`Rollup`) refreshed by a daily task, after imports and on request, so dashboards read a
few hundred rows instead of grouping tens of thousands of SKPs, JP records and survey answers
on every request. This table is also the seam where a national, sharded database would come in
(ARCHITECTURE.md)."""

from __future__ import annotations

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
        if not self.denominator:
            return None
        ratio = float(self.numerator) / float(self.denominator)
        return round(ratio * 100 if self.indicator in SHARES else ratio, 2)
