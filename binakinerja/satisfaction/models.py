"""Public satisfaction surveys (SKM) and service times of service units.

A `ServiceUnit` gives an organisation unit its public face (short link, yearly users); its
`Service`s are what the public comes for. A `SurveyPeriod` collects `SurveyResponse`s; the nine
answers are columns `u1`…`u9` so that the IKM of any set of units is one grouped AVG/SUM query.
No response holds a name, phone or NIK (UU PDP minimisation).
"""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binakinerja.satisfaction.rules import ELEMENT_COUNT, MAX_ANSWER, MIN_ANSWER

ELEMENT_FIELDS = tuple(f"u{i}" for i in range(1, ELEMENT_COUNT + 1))
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a poster
CODE_LENGTH = 6


def new_public_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ServiceUnit(models.Model):
    """An organisation unit that serves the public and is rated by it (unit layanan)."""

    unit = models.OneToOneField(
        "organizations.OrgUnit",
        verbose_name=_("organisation unit"),
        on_delete=models.PROTECT,
        related_name="service_profile",
    )
    public_code = models.CharField(
        _("short link code"), max_length=12, unique=True, default=new_public_code
    )
    annual_users = models.PositiveIntegerField(
        _("service users per year"),
        default=0,
        help_text=_("Number of people served in a year: the population for the sample size."),
    )
    is_active = models.BooleanField(_("accepting responses"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("service unit")
        verbose_name_plural = _("service units")

    def __str__(self):
        return str(self.unit)


class Service(models.Model):
    """A kind of service (jenis layanan) offered by a service unit."""

    service_unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.CASCADE,
        related_name="services",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    target_minutes = models.PositiveIntegerField(
        _("target service time (minutes)"),
        null=True,
        blank=True,
        help_text=_("From arrival to finish; periods above it are flagged as slow."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["service_unit_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service_unit", "name"], name="service_unique_name")
        ]

    def __str__(self):
        return self.name


class SurveyPeriod(models.Model):
    """A survey period of one service unit: a year, a semester or a quarter."""

    class Kind(models.TextChoices):
        TAHUNAN = "tahunan", _("Year")
        SEMESTER = "semester", _("Semester")
        TRIWULAN = "triwulan", _("Quarter")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    service_unit = models.ForeignKey(
        ServiceUnit, verbose_name=_("service unit"), on_delete=models.PROTECT,
        related_name="periods",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TAHUNAN)
    number = models.PositiveSmallIntegerField(
        _("number"), default=1, help_text=_("1 for a year; 1–2 for a semester; 1–4 for a quarter.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    population = models.PositiveIntegerField(
        _("population (service users)"),
        default=0,
        help_text=_("Service users in the period, for the Krejcie–Morgan minimum sample."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    analysis = models.TextField(
        _("analysis"), blank=True, help_text=_("The unit's reading of the results, for the report.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("survey period")
        verbose_name_plural = _("survey periods")
        ordering = ["service_unit_id", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_unit", "year", "kind", "number"], name="surveyperiod_unique"
            ),
            models.UniqueConstraint(
                fields=["service_unit"],
                condition=Q(status="open"),
                name="surveyperiod_one_open_per_unit",
                violation_error_message=_("This service unit already has an open survey period."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="surveyperiod_ends_after_start",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.TAHUNAN:
            return str(self.year)
        return f"{self.get_kind_display()} {self.number} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Sex(models.TextChoices):
    LAKI_LAKI = "L", _("Male")
    PEREMPUAN = "P", _("Female")


class AgeBand(models.TextChoices):
    UNDER_20 = "<20", _("Under 20")
    FROM_20 = "20-29", _("20–29")
    FROM_30 = "30-39", _("30–39")
    FROM_40 = "40-49", _("40–49")
    FROM_50 = "50-59", _("50–59")
    FROM_60 = "60+", _("60 or older")


class Education(models.TextChoices):
    SD = "sd", _("Primary school (SD) or less")
    SMP = "smp", _("Junior high (SMP)")
    SMA = "sma", _("Senior high (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D4)")
    S1 = "s1", _("Bachelor (S1)")
    S2 = "s2", _("Master or doctorate (S2/S3)")


class Occupation(models.TextChoices):
    PNS = "pns", _("Civil servant / TNI / Polri")
    SWASTA = "swasta", _("Private employee")
    WIRAUSAHA = "wirausaha", _("Self-employed")
    PETANI = "petani", _("Farmer / fisher")
    PELAJAR = "pelajar", _("Student")
    IRT = "irt", _("Homemaker")
    LAINNYA = "lainnya", _("Other")


def answer_field(number: int):
    return models.PositiveSmallIntegerField(
        f"U{number}",
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_ANSWER), MaxValueValidator(MAX_ANSWER)],
    )


class SurveyResponse(models.Model):
    """One respondent's questionnaire. Only `status=valid` responses count in the IKM; flagged
    ones wait for the operator's review, rejected ones are kept but never counted."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        PAPER = "paper", _("Paper (entered)")
        IMPORT = "import", _("Paper (imported)")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        FLAGGED = "flagged", _("Flagged for review")
        REJECTED = "rejected", _("Rejected")

    period = models.ForeignKey(
        SurveyPeriod, verbose_name=_("survey period"), on_delete=models.PROTECT,
        related_name="responses",
    )  # fmt: skip
    service = models.ForeignKey(
        Service, verbose_name=_("service used"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    visit_date = models.DateField(_("visit date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=10, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=10, choices=Occupation.choices, blank=True
    )
    u1 = answer_field(1)
    u2 = answer_field(2)
    u3 = answer_field(3)
    u4 = answer_field(4)
    u5 = answer_field(5)
    u6 = answer_field(6)
    u7 = answer_field(7)
    u8 = answer_field(8)
    u9 = answer_field(9)
    suggestion = models.TextField(_("suggestion"), max_length=2000, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ONLINE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    flag_reason = models.CharField(_("reason flagged"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # Online only: the one-time nonce of the signed form token (a replay hits the unique index),
    # a salted hash of the device and a keyed hash of the client's network that changes every
    # day (public.address_hash), for the rate limits. None of them identifies a person and the
    # raw address is never stored; the hashes are only needed for an hour (retention).
    token_nonce = models.CharField(max_length=32, null=True, blank=True, unique=True)
    device_hash = models.CharField(max_length=64, blank=True)
    # db_default: bulk loaders that write raw rows (demo, benchmarks) may leave it out.
    address_hash = models.CharField(max_length=64, blank=True, default="", db_default="")
    entered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at"]
        indexes = [
            # Covers the IKM aggregate (selectors.ikm_by_period): SQLite then reads the index
            # alone, in group order (about 3× faster over a million responses); PostgreSQL's
            # parallel scan ignores it and loses nothing.
            models.Index(fields=["period", "status", *ELEMENT_FIELDS], name="surveyresponse_ikm"),
            models.Index(fields=["device_hash", "submitted_at"]),
            models.Index(fields=["address_hash", "submitted_at"]),
            models.Index(fields=["period", "submitted_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__isnull": True})
                | Q(**{f"{name}__gte": MIN_ANSWER, f"{name}__lte": MAX_ANSWER}),
                name=f"surveyresponse_{name}_1_to_4",
            )
            for name in ELEMENT_FIELDS
        ]

    def __str__(self):
        return f"#{self.pk} ({self.period})"

    @property
    def answers(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, name) for name in ELEMENT_FIELDS)


class ExtraQuestion(models.Model):
    """An agency's own question, asked in the service units of `unit`'s subtree. It does not
    count in the IKM."""

    unit = models.ForeignKey(
        "organizations.OrgUnit", verbose_name=_("asked in"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    text = models.CharField(_("question"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class ExtraAnswer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="extra_answers"
    )
    question = models.ForeignKey(ExtraQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.CharField(_("answer"), max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="extraanswer_unique")
        ]

    def __str__(self):
        return self.text


class BlockedSubmission(models.Model):
    """Submissions refused by the per-device rate limit, counted per device, unit and hour so
    that the operator sees a flood instead of it vanishing."""

    service_unit = models.ForeignKey(ServiceUnit, on_delete=models.CASCADE, related_name="+")
    device_hash = models.CharField(max_length=64)
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_unit", "device_hash", "hour"], name="blockedsubmission_unique"
            )
        ]

    def __str__(self):
        return f"{self.service_unit} {self.hour:%Y-%m-%d %H}:00 ×{self.count}"


class ImprovementAction(models.Model):
    """A follow-up action (tindak lanjut) on a period's results or on one suggestion."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    period = models.ForeignKey(
        SurveyPeriod, verbose_name=_("survey period"), on_delete=models.CASCADE,
        related_name="actions",
    )  # fmt: skip
    element = models.PositiveSmallIntegerField(
        _("element"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(ELEMENT_COUNT)],
    )  # fmt: skip
    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("suggestion"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="actions",
    )  # fmt: skip
    action = models.TextField(_("action"), max_length=2000)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["period_id", "status", "due_on", "pk"]

    def __str__(self):
        return self.action[:60]


class ServiceVisit(models.Model):
    """One visit's times: arrival (queue number taken), start and finish of the service."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="visits"
    )
    arrived_at = models.DateTimeField(_("arrived at"))
    started_at = models.DateTimeField(_("service started at"))
    finished_at = models.DateTimeField(_("service finished at"))

    class Meta:
        verbose_name = _("service visit")
        verbose_name_plural = _("service visits")
        indexes = [models.Index(fields=["service", "arrived_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_at__gte=models.F("arrived_at"))
                & Q(finished_at__gte=models.F("started_at")),
                name="servicevisit_times_in_order",
                violation_error_message=_("Times must run arrival ≤ start ≤ finish."),
            )
        ]

    def __str__(self):
        return f"{self.service} {self.arrived_at:%Y-%m-%d %H:%M}"


class ServiceDay(models.Model):
    """Daily aggregate service times of one service (imported from a queue system or a
    register): the day's visits and the median and 90th percentile of waiting and service
    minutes."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    visits = models.PositiveIntegerField(_("visits"))
    wait_median = models.FloatField(_("waiting time median (minutes)"))
    wait_p90 = models.FloatField(_("waiting time 90th percentile (minutes)"))
    service_median = models.FloatField(_("service time median (minutes)"))
    service_p90 = models.FloatField(_("service time 90th percentile (minutes)"))

    class Meta:
        verbose_name = _("daily service time")
        verbose_name_plural = _("daily service times")
        constraints = [
            models.UniqueConstraint(fields=["service", "date"], name="serviceday_unique"),
            models.CheckConstraint(
                condition=Q(wait_median__gte=0, service_median__gte=0)
                & Q(wait_p90__gte=models.F("wait_median"))
                & Q(service_p90__gte=models.F("service_median")),
                name="serviceday_sane",
            ),
        ]

    def __str__(self):
        return f"{self.service} {self.date}"
