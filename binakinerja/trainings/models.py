"""Training with institutions (DOMAIN.md §8, §8a; DESIGN.md "Trainings"): Institution →
Program (form, target competencies, modules with JP; every submitted version and each review
comment kept) → Batch (sessions, capacity, OPD quotas, facilitators, cost lines) → Enrolment
(nomination, the atasan's agreement, waitlist) → Attendance per session → tests and
evaluations (L1–L3) → Certificate; and the JP ledger (`JpRecord`), the one place JP are
counted: batch completions, confirmed mentoring minutes, recognised outside activities and
imported history all become a record here."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binakinerja.trainings.rules import FORM_CHOICES


class Institution(models.Model):
    """A training institution (lembaga pelatihan). Its staff hold the Penyelenggara role with
    this institution's name (`accounts.RoleAssignment.institution`) and see only its programs,
    batches and participants."""

    class Kind(models.TextChoices):
        BPSDM = "bpsdm", _("BPSDM (regional development agency)")
        UNIVERSITY = "university", _("University")
        LAN = "lan", _("LAN (National Institute of Public Administration)")
        MINISTRY = "ministry", _("Ministry training centre")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    accreditation = models.CharField(_("accreditation"), max_length=100, blank=True)
    accreditation_until = models.DateField(_("accredited until"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    head_name = models.CharField(_("head of the institution"), max_length=200, blank=True)
    head_nip = models.CharField(_("NIP of the head"), max_length=18, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("training institution")
        verbose_name_plural = _("training institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class JpConversion(models.Model):
    """The configurable JP conversion of one development form (§8a: no regulation converts
    nonklasikal activity): minutes per JP and an optional cap per activity. A form without a
    row uses the default, minutes ÷ 45, no cap."""

    form_code = models.CharField(_("form"), max_length=5, choices=FORM_CHOICES, unique=True)
    minutes_per_jp = models.PositiveSmallIntegerField(_("minutes per JP"), default=45)
    cap_jp = models.DecimalField(
        _("JP cap per activity"), max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("JP conversion")
        verbose_name_plural = _("JP conversions")
        ordering = ["form_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_per_jp__gt=0), name="jpconversion_minutes_positive"
            )
        ]

    def __str__(self):
        return f"{self.form_code}: {self.minutes_per_jp}"


class Program(models.Model):
    """A training program (pelatihan) designed with an institution: the institution drafts
    and revises, BKPSDM reviews (comments per module) and approves. `version` counts the
    submissions; each submission keeps a `ProgramRevision` snapshot."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Under review")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")
        ARCHIVED = "archived", _("Archived")

    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
        related_name="programs",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    form_code = models.CharField(_("form"), max_length=5, choices=FORM_CHOICES)
    jenis_diklat_id = models.PositiveSmallIntegerField(_("SIASN jenisDiklatId"))
    objectives = models.TextField(_("objectives"), blank=True)
    method = models.TextField(_("method"), blank=True)
    audience = models.CharField(_("for whom"), max_length=300, blank=True)
    min_attendance_pct = models.PositiveSmallIntegerField(_("minimum attendance (%)"), default=80)
    pass_mark = models.DecimalField(
        _("pass mark of the post-test"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    test_maximum = models.DecimalField(
        _("maximum test score"), max_digits=5, decimal_places=2, default=100
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # Optimistic concurrency of edits (fields, modules, target competencies): `version`
    # counts submissions, this counts every change, so two editors never overwrite silently.
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance_pct__lte=100), name="program_attendance_pct_max"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def total_jp(self) -> int:
        return sum(module.jp for module in self.modules.all())


class ProgramCompetency(models.Model):
    """A competency and level from the dictionary that the program develops."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="target_competencies"
    )
    competency = models.ForeignKey(
        "competencies.Competency", verbose_name=_("competency"), on_delete=models.PROTECT
    )
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        verbose_name = _("target competency")
        verbose_name_plural = _("target competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "competency"], name="programcompetency_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="programcompetency_level_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.competency} · {self.level}"


class Module(models.Model):
    """A mata pelatihan of a program, with its JP."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=200)
    jp = models.PositiveSmallIntegerField(_("JP"))
    objective = models.TextField(_("objective"), blank=True)
    method = models.CharField(_("method"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["program", "order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(jp__gt=0), name="module_jp_positive")]

    def __str__(self):
        return self.name


class ProgramRevision(models.Model):
    """A submitted version of a program as it was (fields and modules), kept for good."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("program version")
        verbose_name_plural = _("program versions")
        ordering = ["program", "number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="programrevision_unique")
        ]

    def __str__(self):
        return f"{self.program} v{self.number}"


class ReviewComment(models.Model):
    """BKPSDM's comment on a submitted version, on the program or on one module."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="comments")
    revision = models.ForeignKey(ProgramRevision, on_delete=models.CASCADE, related_name="comments")
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="comments",
    )  # fmt: skip
    module_name = models.CharField(_("module"), max_length=200, blank=True)  # as it was
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Facilitator(models.Model):
    """A widyaiswara or other facilitator of an institution (an ASN of the registry or not)."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="facilitators"
    )
    name = models.CharField(_("name"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="facilitator_of",
    )  # fmt: skip
    expertise = models.CharField(_("expertise"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Batch(models.Model):
    """An angkatan of an approved program: sessions, capacity, quotas per OPD, facilitators
    and cost lines; planned → open for nominations → running → finished → evaluated."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for nominations")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        EVALUATED = "evaluated", _("Evaluated")

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="batches"
    )
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    nominations_close = models.DateField(_("nominations close"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    facilitators = models.ManyToManyField(
        Facilitator, verbose_name=_("facilitators"), blank=True, related_name="batches"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["-start", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="batch_capacity_positive"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="batch_dates"),
        ]

    def __str__(self):
        return f"{self.program} · {self.name}"


class BatchQuota(models.Model):
    """Seats of a batch reserved for one OPD."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="quotas")
    opd = models.ForeignKey(
        "organizations.OrgUnit", verbose_name=_("agency (OPD)"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [models.UniqueConstraint(fields=["batch", "opd"], name="batchquota_unique")]

    def __str__(self):
        return f"{self.opd} · {self.seats}"


class CostLine(models.Model):
    """A cost of a batch (honorarium, venue, modules…), in rupiah."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="costs")
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=14, decimal_places=0)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="costline_not_negative")
        ]

    def __str__(self):
        return self.description


class Session(models.Model):
    """One meeting of a batch: date and time, place or online link, module and facilitator.
    Attendance is taken per session (QR or by hand) until it is closed."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    facilitator = models.ForeignKey(
        Facilitator, verbose_name=_("facilitator"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="sessions",
    )  # fmt: skip
    attendance_closed = models.BooleanField(_("attendance closed"), default=False)
    # The secret the rotating QR codes of this session are signed with (bound to the session).
    secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=models.F("end_time")), name="session_times"
            )
        ]

    def __str__(self):
        return f"{self.batch} · {self.date:%d-%m-%Y} {self.start_time:%H:%M}"


class Enrolment(models.Model):
    """An ASN's place in a batch: nominated by the OPD operator (with the reason from the
    plan's demand), agreed by the atasan, then enrolled or waitlisted; completed or not at the
    end. One per ASN and batch."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated, awaiting the supervisor")
        WAITLISTED = "waitlisted", _("On the waitlist")
        ENROLLED = "enrolled", _("Enrolled")
        DECLINED = "declined", _("Declined by the supervisor")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="enrolments")
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("ASN"), on_delete=models.PROTECT,
        related_name="enrolments",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.NOMINATED
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nominated_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    queued_at = models.DateTimeField(_("on the waitlist since"), null=True, blank=True)
    pre_score = models.DecimalField(
        _("pre-test"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    post_score = models.DecimalField(
        _("post-test"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["batch", "nominated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "employee"], name="enrolment_unique")
        ]
        indexes = [models.Index(fields=["batch", "status"], name="enrolment_batch_status")]

    def __str__(self):
        return f"{self.employee} · {self.batch}"


class Attendance(models.Model):
    """A participant present at a session: scanned by QR or marked by the penyelenggara."""

    class Method(models.TextChoices):
        QR = "qr", _("QR code")
        MANUAL = "manual", _("Marked by hand")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    method = models.CharField(_("method"), max_length=6, choices=Method.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked"), auto_now_add=True)
    code_nonce = models.CharField(max_length=32, blank=True)  # the QR code used, against replay

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_unique")
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.session}"


class ReactionResponse(models.Model):
    """A participant's L1 reaction questionnaire for a batch (answers 1–5 per item, per
    facilitator where asked). Shown only as aggregates per batch and facilitator."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="reaction")
    answers = models.JSONField(_("answers"))  # {"item code": 1–5, "facilitator:<pk>": 1–5}
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("reaction questionnaire (L1)")
        verbose_name_plural = _("reaction questionnaires (L1)")

    def __str__(self):
        return str(self.enrolment)


class BehaviourSurvey(models.Model):
    """L3: months after a batch (setting), the alumnus and their direct superior each rate
    items before/after on 1–4; the impact score 0–100 falls in a band (§8a)."""

    class Respondent(models.TextChoices):
        ALUMNUS = "alumnus", _("Alumnus")
        SUPERVISOR = "supervisor", _("Direct supervisor")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="behaviour_surveys"
    )
    respondent = models.CharField(_("respondent"), max_length=10, choices=Respondent.choices)
    respondent_employee = models.ForeignKey(
        "people.Employee", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    due = models.DateField(_("due"))
    answers = models.JSONField(_("answers"), null=True, blank=True)  # {item: [before, after]}
    impact = models.DecimalField(
        _("impact score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("behaviour evaluation (L3)")
        verbose_name_plural = _("behaviour evaluations (L3)")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "respondent"], name="behavioursurvey_unique"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} · {self.respondent}"


def certificate_code() -> str:
    """A certificate's verification code: 128 random bits, 22 URL-safe characters (the
    default of token_urlsafe(), 32 bytes, would not fit the column)."""
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    """The certificate of a completed enrolment: number, a random verification code (printed
    as a QR to the public verification page), draft → issued → revoked."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    code = models.CharField(max_length=32, unique=True, default=certificate_code)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    result = models.CharField(_("result"), max_length=100, blank=True)
    signer_1 = models.CharField(_("first signer"), max_length=300, blank=True)
    signer_2 = models.CharField(_("second signer"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)
    # Who the participant was when the certificate was issued (name, NIP, pangkat, jabatan,
    # instansi): a re-printed certificate shows those facts, not today's after a promotion.
    identity = models.JSONField(_("participant as issued"), default=dict, blank=True)
    # First download by the participant themself: the home page's "new certificate" task ends.
    downloaded_at = models.DateTimeField(_("downloaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.number


class JpRecord(models.Model):
    """The JP ledger: one record per ASN per development activity, with JP, form and SIASN
    code (DESIGN.md: nothing else counts JP). `source_ref` ("trainings.enrolment:12") names
    what produced it, so a completion or a confirmed mentoring session is credited once."""

    class Source(models.TextChoices):
        BATCH = "batch", _("Training batch completed")
        MENTORING = "mentoring", _("Mentoring")
        OUTSIDE = "outside", _("Recognised outside activity")
        IMPORTED = "imported", _("Imported history")

    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("ASN"), on_delete=models.PROTECT,
        related_name="jp_records",
    )  # fmt: skip
    title = models.CharField(_("activity"), max_length=300)
    institution_name = models.CharField(_("organiser"), max_length=300, blank=True)
    form_code = models.CharField(_("form"), max_length=5, choices=FORM_CHOICES)
    jenis_diklat_id = models.PositiveSmallIntegerField(_("SIASN jenisDiklatId"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    year = models.PositiveSmallIntegerField(_("year"))  # of `end`: the JP year it counts for
    minutes = models.PositiveIntegerField(_("minutes"), default=0)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_ref = models.CharField(max_length=60, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    evidence = models.FileField(_("evidence"), upload_to="jp/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("JP record")
        verbose_name_plural = _("JP records")
        ordering = ["employee", "-end", "pk"]
        # (year, employee, id, jp): the 20 JP compliance SUM per employee reads the index alone
        # (about 40% faster at 1 million records on SQLite), and the API's JP pages, in
        # (employee, id) order within a year, walk it from the cursor (api.v1.paging).
        indexes = [
            models.Index(fields=["year", "employee", "id", "jp"], name="jprecord_year_employee_id")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_ref"], condition=~Q(source_ref=""), name="jprecord_source_once"
            ),
            models.CheckConstraint(condition=Q(jp__gte=0), name="jprecord_jp_not_negative"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="jprecord_dates"),
        ]

    def __str__(self):
        return f"{self.employee} · {self.title} · {self.jp} JP"


class OutsideActivity(models.Model):
    """An activity outside the program's batches (a seminar, an e-learning course) that an ASN
    asks to count: proposal → evidence → recognition by BKPSDM (pengakuan JP)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        EVIDENCE = "evidence", _("Evidence submitted")
        RECOGNISED = "recognised", _("Recognised")
        REJECTED = "rejected", _("Rejected")

    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("ASN"), on_delete=models.PROTECT,
        related_name="outside_activities",
    )  # fmt: skip
    title = models.CharField(_("activity"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=300)
    form_code = models.CharField(_("form"), max_length=5, choices=FORM_CHOICES)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    minutes = models.PositiveIntegerField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    evidence = models.FileField(_("evidence"), upload_to="jp/luar/%Y/", blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    recognised_jp = models.DecimalField(
        _("recognised JP"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    review_note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("outside activity")
        verbose_name_plural = _("outside activities")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")), name="outsideactivity_dates"
            )
        ]

    def __str__(self):
        return self.title
