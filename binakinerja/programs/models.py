"""The program itself (DOMAIN.md §10; issue 15): Program (objectives, logframe indicators) →
Phase (units, dates, partners, quota) → PhaseUnit (the status of each unit, with dates);
socialisation events with their attendance and questions; the ADKAR questionnaire and its
answers; support actions; the coordination log of problems that need more than one OPD.
Writes go through `services.py`; reads through `selectors.py`. Signals are derived, never
stored (`insight.py`)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binakinerja.programs.rules import DIMENSION_LABELS, DIMENSIONS

DIMENSION_CHOICES = [(d, DIMENSION_LABELS[d]) for d in DIMENSIONS]


class Program(models.Model):
    """A government's development program over some years, run by a coordinator (an admin
    BKPSDM of the government)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    instansi = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("government"))  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveIntegerField(_("first year"))
    end_year = models.PositiveIntegerField(_("last year"))
    objectives = models.TextField(_("objectives"), blank=True)
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("coordinator"))  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT)  # fmt: skip
    # The planner's last proposal of the order of units into phases, kept until approved:
    # {"method", "seed", "at", "by", "plan": {unit_id: phase_number}}; audited when approved.
    proposal = models.JSONField(_("proposed order"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="program_years_in_order"
            ),  # fmt: skip
        ]

    def __str__(self):
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Indicator(models.Model):
    """One line of the logframe: computed by the system (`source` names the computation) or
    entered with evidence (`source` = "entered")."""

    class Level(models.TextChoices):
        INPUT = "input", _("Input")
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")
        IMPACT = "impact", _("Impact")

    class Source(models.TextChoices):
        JP20 = "jp20", _("Share of ASN reaching 20 JP")
        PREDIKAT = "predikat", _("Share of ASN with predikat Baik or better")
        IKM = "ikm", _("IKM (public satisfaction)")
        SERVICE_TIME = "service_time", _("Median service time (minutes)")
        MENTORING = "mentoring", _("Mentoring coverage (mentees in active pairs)")
        READINESS = "readiness", _("Readiness index (ADKAR)")
        ENTERED = "entered", _("Entered with evidence")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name=_("program"))  # fmt: skip
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name = models.CharField(_("indicator"), max_length=300)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    unit_label = models.CharField(_("unit of measure"), max_length=30, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True,
                                   blank=True)  # fmt: skip
    # {year: target} for the program's years (strings as keys: JSON).
    targets = models.JSONField(_("yearly targets"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["program", "order", "pk"]
        verbose_name = _("logframe indicator")
        verbose_name_plural = _("logframe indicators")

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """A value of an entered indicator for a year, with its evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values",
                                  verbose_name=_("indicator"))  # fmt: skip
    year = models.PositiveIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    evidence = models.FileField(_("evidence"), upload_to="programs/evidence/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicatorvalue_once"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class Phase(models.Model):
    """One phase (tahap) of the rollout: its units, dates, partners and quota."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="phases",
                                verbose_name=_("program"))  # fmt: skip
    number = models.PositiveSmallIntegerField(_("phase"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    quota = models.PositiveIntegerField(
        _("quota (ASN)"), null=True, blank=True,
        help_text=_("How many ASN this phase can take into training and mentoring."),
    )  # fmt: skip
    # [{"name": "BPSDM Provinsi Gorontalo", "role": "Pelatihan"}, …]
    partners = models.JSONField(_("partner institutions"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["program", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="phase_number_once"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="phase_end_after_start"
            ),  # fmt: skip
        ]

    def __str__(self):
        return self.name or str(_("Phase %(n)s") % {"n": self.number})


class PhaseUnit(models.Model):
    """A unit (an OPD or a unit under it) in a phase, with its status and the dates it moved.
    A unit is in at most one phase of a program (the constraint on `program`, `unit`)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        SOCIALISATION = "socialisation", _("Socialisation")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="units")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="units",
                              verbose_name=_("phase"))  # fmt: skip
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("unit"))  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.NOT_STARTED)  # fmt: skip
    socialisation_on = models.DateField(_("socialisation from"), null=True, blank=True)
    running_on = models.DateField(_("running from"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["phase__number", "unit__path"]
        verbose_name = _("unit of a phase")
        verbose_name_plural = _("units of phases")
        constraints = [
            models.UniqueConstraint(fields=["program", "unit"], name="phaseunit_once_per_program"),
        ]

    def __str__(self):
        return f"{self.unit} ({self.phase})"

    @property
    def status_since(self):
        """The date the unit entered its current status (None: not started)."""
        return {self.Status.SOCIALISATION: self.socialisation_on,
                self.Status.RUNNING: self.running_on,
                self.Status.DONE: self.done_on}.get(self.status)  # fmt: skip


class SocialisationEvent(models.Model):
    """A socialisation of the program in a unit: when, where, what was presented."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="events")
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("unit"))  # fmt: skip
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    materials = models.TextField(_("materials"), blank=True)
    materials_file = models.FileField(_("materials file"), upload_to="programs/materials/%Y/",
                                      blank=True)  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("socialisation event")
        verbose_name_plural = _("socialisation events")
        indexes = [models.Index(fields=["program", "unit"])]

    def __str__(self):
        return self.title


class SocialisationAttendance(models.Model):
    """One ASN present at a socialisation event, recorded from the signed attendance list."""

    event = models.ForeignKey(SocialisationEvent, on_delete=models.CASCADE,
                              related_name="attendance")  # fmt: skip
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("socialisation attendance")
        verbose_name_plural = _("socialisation attendance")
        constraints = [
            models.UniqueConstraint(fields=["event", "employee"], name="socialisation_once"),
        ]

    def __str__(self):
        return f"{self.event} · {self.employee_id}"


class SocialisationQuestion(models.Model):
    """A question raised at a socialisation and the answer given (no names: the question is
    what matters, and askers speak freely)."""

    event = models.ForeignKey(SocialisationEvent, on_delete=models.CASCADE,
                              related_name="questions")  # fmt: skip
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("socialisation question")
        verbose_name_plural = _("socialisation questions")

    def __str__(self):
        return self.question[:80]


class ReadinessItem(models.Model):
    """A statement of the program's ADKAR questionnaire, answered on 1–5."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="items")
    dimension = models.CharField(_("dimension"), max_length=20, choices=DIMENSION_CHOICES)
    text = models.CharField(_("statement"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["program", "order", "pk"]
        verbose_name = _("readiness statement")
        verbose_name_plural = _("readiness statements")

    def __str__(self):
        return self.text


class ReadinessResponse(models.Model):
    """One ASN's answers to the questionnaire at one time, with the profile computed from them
    (`adkar_profile`) so that a unit's readiness is one grouped query. Answering again keeps
    history; `is_current` marks the newest per person and program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="responses")
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "organizations.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The unit the ASN belonged to when answering.",
    )
    answered_on = models.DateField(_("answered on"))
    answers = models.JSONField(_("answers"), default=dict)  # {item_id: 1–5}
    index = models.FloatField(_("readiness index"))
    awareness = models.FloatField(null=True)
    desire = models.FloatField(null=True)
    knowledge = models.FloatField(null=True)
    ability = models.FloatField(null=True)
    reinforcement = models.FloatField(null=True)
    barrier = models.CharField(_("barrier point"), max_length=20, blank=True,
                               choices=DIMENSION_CHOICES)  # fmt: skip
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("readiness answer")
        verbose_name_plural = _("readiness answers")
        indexes = [models.Index(fields=["program", "is_current", "unit"])]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "employee"],
                condition=Q(is_current=True),
                name="readiness_one_current",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(index__gte=0, index__lte=100), name="readiness_index_0_100"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.program} · {self.answered_on}: {self.index}"


class SupportAction(models.Model):
    """Support for a unit that resists or stalls: assigned to a person with a due date, tracked
    to closure."""

    class Kind(models.TextChoices):
        PENDAMPINGAN = "pendampingan", _("Pendampingan (accompaniment)")
        SOCIALISATION = "socialisation", _("Extra socialisation")
        COACHING = "coaching", _("Coaching of the unit head")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="actions")
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("unit"))  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    signal = models.CharField(_("signal answered"), max_length=20, blank=True)
    description = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("owner"))  # fmt: skip
    due = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)  # fmt: skip
    outcome = models.TextField(_("outcome"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["status", "due", "pk"]
        verbose_name = _("support action")
        verbose_name_plural = _("support actions")
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.unit}"


class CoordinationCase(models.Model):
    """A service problem that needs more than one OPD: who raised it, the agencies involved,
    the steps taken and how it was resolved."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cases")
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("raised by"))  # fmt: skip
    raised_on = models.DateField(_("raised on"))
    agencies = models.ManyToManyField("organizations.OrgUnit", related_name="+",
                                      verbose_name=_("agencies involved"))  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)  # fmt: skip
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["status", "-raised_on", "pk"]
        verbose_name = _("coordination case")
        verbose_name_plural = _("coordination cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("raised_on")),
                name="coordination_resolved_after_raised",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def days_to_resolve(self) -> int | None:
        return (self.resolved_on - self.raised_on).days if self.resolved_on else None


class CoordinationStep(models.Model):
    """A step taken on a coordination case."""

    case = models.ForeignKey(CoordinationCase, on_delete=models.CASCADE, related_name="steps")
    date = models.DateField(_("date"))
    text = models.TextField(_("step"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("coordination step")
        verbose_name_plural = _("coordination steps")

    def __str__(self):
        return f"{self.case} · {self.date}"


class FactsSnapshot(models.Model):
    """The facts the program reads from the other modules (headcount, SKP, JP, mentoring and
    joint batches), per program unit, as last computed (`insight.program_facts`): grouping a
    large government's SKPs, JP ledger and pairs by unit costs more than a page may, and
    these facts move by the day, not by the minute. Kept for the day and recomputed on the
    coordinator's request; the program's own data (readiness, socialisation, support actions,
    coordination cases) is always read live. Numbers about units only, no names."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, primary_key=True,
                                   related_name="facts_snapshot")  # fmt: skip
    day = models.DateField(_("for the day"))
    computed_at = models.DateTimeField(_("computed at"))
    data = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("program facts")
        verbose_name_plural = _("program facts")

    def __str__(self):
        return f"{self.program} @ {self.computed_at:%Y-%m-%d %H:%M}"
