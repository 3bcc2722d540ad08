"""Performance management (PermenPANRB 6/2022). So far: the assessment periods of a year."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
