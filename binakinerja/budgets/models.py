"""Budgets of competency development (DOMAIN.md §9a; issue 16): per government and year, budget
lines with their codes and pagu (revisions kept, APBD perubahan), tied to what they pay for
(a program phase, a training batch, a mentoring cycle or a socialisation event), and the
realisasi posted against them. Posted amounts are never edited: a correction is a reversing
entry. Writes go through `services.py`; reads through `selectors.py` and `figures.py`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binakinerja.budgets.rules import AMOUNT_DIGITS, AMOUNT_PLACES, DEFAULT_FLOOR_PERCENT


def _amount(label, **options):
    return models.DecimalField(label, max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES,
                               **options)  # fmt: skip


class BudgetPolicy(models.Model):
    """A government's budget settings: the floor for competency development as a percentage
    of total regional spending (0.34% unless the government sets another)."""

    instansi = models.OneToOneField("organizations.OrgUnit", on_delete=models.CASCADE,
                                    primary_key=True, related_name="budget_policy",
                                    verbose_name=_("government"))  # fmt: skip
    floor_percent = models.DecimalField(
        _("floor (% of total spending)"), max_digits=5, decimal_places=2,
        default=DEFAULT_FLOOR_PERCENT,
    )  # fmt: skip
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("budget policy")
        verbose_name_plural = _("budget policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(floor_percent__gte=0, floor_percent__lte=100),
                name="budgetpolicy_floor_percent",
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.instansi} · {self.floor_percent}%"


class BudgetYear(models.Model):
    """A government's budget year: the region's total spending (belanja daerah, for the floor)
    and whether its figures are published on the public page."""

    instansi = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("government"))  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    total_spending = _amount(_("total regional spending (Rp)"), null=True, blank=True)
    spending_source = models.CharField(_("source of the total"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["instansi", "-year"]
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        constraints = [
            models.UniqueConstraint(fields=["instansi", "year"], name="budgetyear_once"),
            models.CheckConstraint(
                condition=Q(total_spending__isnull=True) | Q(total_spending__gt=0),
                name="budgetyear_spending",
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.instansi} {self.year}"


class BudgetLine(models.Model):
    """A line of the regional budget for competency development: kegiatan / sub-kegiatan /
    rekening, the OPD that spends it, its pagu (current; `PaguRevision` keeps the history) and
    what it pays for. `realised` is the sum of its posted entries, kept with them under the
    line's row lock so the pagu check and the figures read one number."""

    instansi = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("government"))  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    opd = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("agency (OPD)"))  # fmt: skip
    kegiatan_code = models.CharField(_("kegiatan code"), max_length=20)
    sub_kegiatan_code = models.CharField(_("sub-kegiatan code"), max_length=30, blank=True)
    rekening_code = models.CharField(_("account code (rekening)"), max_length=30)
    name = models.CharField(_("name"), max_length=300)
    pagu = _amount(_("pagu (Rp)"))
    realised = _amount(_("realisasi (Rp)"), default=0)
    source_document = models.CharField(_("source document"), max_length=300)
    phase = models.ForeignKey("programs.Phase", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("program phase"))  # fmt: skip
    batch = models.ForeignKey("trainings.Batch", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("training batch"))  # fmt: skip
    cycle = models.ForeignKey("mentoring.MentoringCycle", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+",
                              verbose_name=_("mentoring cycle"))  # fmt: skip
    event = models.ForeignKey("programs.SocialisationEvent", on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+",
                              verbose_name=_("socialisation event"))  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["kegiatan_code", "sub_kegiatan_code", "rekening_code", "name", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        indexes = [models.Index(fields=["instansi", "year", "opd"], name="budgetline_year_opd")]
        constraints = [
            models.CheckConstraint(condition=Q(pagu__gte=0), name="budgetline_pagu"),
            models.CheckConstraint(condition=Q(realised__gte=0), name="budgetline_realised"),
            # at most one tie: a phase, a batch, a cycle or an event
            models.CheckConstraint(
                condition=(
                    Q(phase__isnull=True, batch__isnull=True, cycle__isnull=True)
                    | Q(phase__isnull=True, batch__isnull=True, event__isnull=True)
                    | Q(phase__isnull=True, cycle__isnull=True, event__isnull=True)
                    | Q(batch__isnull=True, cycle__isnull=True, event__isnull=True)
                ),
                name="budgetline_one_tie",
            ),
        ]

    def __str__(self):
        return f"{self.rekening_code} {self.name}"

    @property
    def tie(self):
        """What the line pays for (None: general)."""
        return self.phase or self.batch or self.cycle or self.event


class PaguRevision(models.Model):
    """A change of a line's pagu (APBD perubahan or a shift), with its reason and document."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="revisions")
    before = _amount(_("pagu before (Rp)"))
    after = _amount(_("pagu after (Rp)"))
    on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300)
    document = models.CharField(_("document"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["line", "on", "pk"]
        verbose_name = _("pagu revision")
        verbose_name_plural = _("pagu revisions")

    def __str__(self):
        return f"{self.line}: {self.before} → {self.after}"


def document_path(instance, filename: str) -> str:
    return f"anggaran/{instance.line.year}/{instance.line_id}/{filename}"


class Realisation(models.Model):
    """A posted spending entry against a line. Never edited: a correction is a reversing
    entry (the negative amount, `reverses` the original), once per entry. An entry that takes
    the line above its pagu carries an explicit override with its reason, to be reviewed."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="entries")
    date = models.DateField(_("date"))
    amount = _amount(_("amount (Rp)"))
    description = models.CharField(_("what for"), max_length=300)
    document = models.FileField(_("supporting document"), upload_to=document_path, blank=True)
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="reversal",
                                    verbose_name=_("reverses"))  # fmt: skip
    override_reason = models.CharField(_("reason for exceeding the pagu"), max_length=300,
                                       blank=True)  # fmt: skip
    override_reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                             null=True, blank=True, related_name="+")  # fmt: skip
    override_reviewed_at = models.DateTimeField(_("override reviewed"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("realisation entry")
        verbose_name_plural = _("realisation entries")
        indexes = [
            models.Index(fields=["line", "date"], name="realisation_line_date"),
            # the home tasks and lists of entries waiting for a review or their document
            models.Index(fields=["line"], name="realisation_override_open",
                         condition=~Q(override_reason="") & Q(override_reviewed_at__isnull=True)),
            models.Index(fields=["line", "date", "id"], name="realisation_no_document",
                         condition=Q(document="") & Q(amount__gt=0)),
        ]  # fmt: skip
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="realisation_not_zero"),
            # a positive entry stands alone; a negative one reverses another
            models.CheckConstraint(
                condition=Q(amount__gt=0, reverses__isnull=True)
                | Q(amount__lt=0, reverses__isnull=False),
                name="realisation_reversal_negative",
            ),
        ]

    def __str__(self):
        return f"{self.line_id} {self.date} {self.amount}"

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)
