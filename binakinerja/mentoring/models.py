"""Mentoring (DOMAIN.md §8b, §10; issue 14): Cycle → MentorOffer (capacity, what they mentor) →
Pair (proposed/accepted, score parts) → Session (minutes, confirmed by the other side → a JP
record in the trainings ledger). Declared conflicts forbid pairs; goals and feedback belong to
a pair. Writes go through `services.py`; reads through `selectors.py`."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binakinerja.mentoring.rules import MAX_CAPACITY


class MentoringCycle(models.Model):
    """One mentoring round of a government (optionally one OPD) in a year, run by a
    coordinator. `settings` holds overrides of the eligibility rules and score weights."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for mentors")
        MATCHING = "matching", _("Matching")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    instansi = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("government"),
    )  # fmt: skip
    opd = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("OPD"),
    )  # fmt: skip
    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("coordinator"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT)  # fmt: skip
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    # The last matching run for the review page: when, counts, and why each unmatched mentee
    # stayed so ({"at": iso, "mentees": n, …, "unmatched": {employee_id: reason}}).
    last_run = models.JSONField(_("last matching run"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("mentoring cycle")
        verbose_name_plural = _("mentoring cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="mentoringcycle_end_after_start"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"


class MentorOffer(models.Model):
    """A mentor opts in to a cycle: how many mentees (1–5) and in which competencies."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cycle = models.ForeignKey(MentoringCycle, on_delete=models.CASCADE, related_name="offers",
                              verbose_name=_("mentoring cycle"))  # fmt: skip
    mentor = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("mentor"))  # fmt: skip
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    competencies = models.ManyToManyField("competencies.Competency", related_name="+", blank=True,
                                          verbose_name=_("competencies"))  # fmt: skip
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OFFERED)  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor offer")
        verbose_name_plural = _("mentor offers")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "mentor"], name="mentoroffer_once_per_cycle"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="mentoroffer_capacity_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.mentor} ({self.capacity})"


class Conflict(models.Model):
    """A declared conflict of interest: this mentor never mentors this mentee in the cycle."""

    cycle = models.ForeignKey(MentoringCycle, on_delete=models.CASCADE, related_name="conflicts",
                              verbose_name=_("mentoring cycle"))  # fmt: skip
    mentor = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("mentor"))  # fmt: skip
    mentee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("mentee"))  # fmt: skip
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "mentor", "mentee"], name="conflict_once"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.mentor} – {self.mentee}"


class Pair(models.Model):
    """A mentor and a mentee in a cycle: proposed by the matching (score and its parts kept),
    accepted by the coordinator, active once mentor and mentee both accept."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted_by_coordinator", _("Accepted by the coordinator")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    LIVE = (Status.PROPOSED, Status.ACCEPTED, Status.ACTIVE)

    cycle = models.ForeignKey(MentoringCycle, on_delete=models.CASCADE, related_name="pairs",
                              verbose_name=_("mentoring cycle"))  # fmt: skip
    mentor = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("mentor"))  # fmt: skip
    mentee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("mentee"))  # fmt: skip
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("main competency"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=30, choices=Status.choices,
                              default=Status.PROPOSED)  # fmt: skip
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=3, default=0)
    score_parts = models.JSONField(_("score parts"), default=dict, blank=True)
    mentor_accepted_at = models.DateTimeField(_("accepted by the mentor"), null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(_("accepted by the mentee"), null=True, blank=True)
    swapped_from = models.ForeignKey(
        "people.Employee", on_delete=models.SET_NULL, related_name="+", null=True, blank=True,
        verbose_name=_("swapped from mentor"),
    )  # fmt: skip
    swap_reason = models.CharField(_("reason for the swap"), max_length=300, blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    # When both sides were last reminded of an inactive pair (reminders.py), so a daily run
    # reminds once per inactive stretch, not every day.
    reminded_at = models.DateField(_("reminded on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            # One live pair per mentee and cycle; closed and cancelled ones stay as history.
            models.UniqueConstraint(
                fields=["cycle", "mentee"],
                condition=Q(status__in=["proposed", "accepted_by_coordinator", "active"]),
                name="pair_one_live_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="pair_not_self"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"


class PairGoal(models.Model):
    """A goal of a pair's plan, taken from the mentee's gaps or SKP follow-ups."""

    class Source(models.TextChoices):
        GAP = "gap", _("Competency gap")
        FOLLOW_UP = "follow_up", _("SKP follow-up")
        AGREED = "agreed", _("Agreed by the pair")

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="goals",
                             verbose_name=_("mentoring pair"))  # fmt: skip
    text = models.CharField(_("goal"), max_length=500)
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("competency"),
    )  # fmt: skip
    source = models.CharField(_("source"), max_length=20, choices=Source.choices,
                              default=Source.GAP)  # fmt: skip
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("pair goal")
        verbose_name_plural = _("pair goals")

    def __str__(self):
        return self.text


class MentoringSession(models.Model):
    """A session logged by one side of a pair and confirmed by the other; its minutes become JP
    (NKL02) on confirmation, once (`jp_record_ref`)."""

    class Mode(models.TextChoices):
        TATAP_MUKA = "tatap_muka", _("Face to face (tatap muka)")
        DARING = "daring", _("Online (daring)")
        TELEPON = "telepon", _("Telephone")

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="sessions",
                             verbose_name=_("mentoring pair"))  # fmt: skip
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes"))
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices,
                            default=Mode.TATAP_MUKA)  # fmt: skip
    topic = models.CharField(_("topic"), max_length=300)
    competency = models.ForeignKey(
        "competencies.Competency", on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("competency"),
    )  # fmt: skip
    actions = models.TextField(_("agreed actions"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="mentoring/%Y/", blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("logged by"))  # fmt: skip
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("confirmed by"),
    )  # fmt: skip
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    jp_record_ref = models.CharField(_("JP record"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0), name="mentoringsession_minutes_positive"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.date} {self.topic}"


class Feedback(models.Model):
    """Feedback of one side of a pair about the other (both ways)."""

    class Role(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="feedback",
                             verbose_name=_("mentoring pair"))  # fmt: skip
    author_role = models.CharField(_("from"), max_length=10, choices=Role.choices)
    text = models.TextField(_("feedback"))
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.get_author_role_display()}: {self.rating}"


class EffectivenessSnapshot(models.Model):
    """A cycle's effectiveness figures as last computed (`insight.effectiveness_snapshot`):
    summing the gaps of a government's thousands of mentees and comparison ASN costs a quarter
    of a second on PostgreSQL, and the figures move with re-assessments and predikat, not by the
    minute. Kept for the day, recomputed on the coordinator's request. Figures only, no names
    of mentees: the per-mentor rows hold the mentor's id."""

    cycle = models.OneToOneField(MentoringCycle, on_delete=models.CASCADE, primary_key=True,
                                 related_name="effectiveness_snapshot")  # fmt: skip
    computed_at = models.DateTimeField(_("computed at"))
    data = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("mentoring effectiveness figures")
        verbose_name_plural = _("mentoring effectiveness figures")

    def __str__(self):
        return f"{self.cycle} @ {self.computed_at:%Y-%m-%d %H:%M}"
