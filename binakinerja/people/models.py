"""The ASN registry: positions (jabatan), employees, their career history, and imports of
SIASN-style ASN lists."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binakinerja.core.jobs import BackgroundJob, job_upload_path
from binakinerja.people.rules import EDUCATION_LEVELS, GOLONGAN_CHOICES, format_nip


class PositionKind(models.TextChoices):
    """Jabatan kinds under UU 20/2023: manajerial (JPT, administrator, pengawas) and
    nonmanajerial (fungsional keahlian/keterampilan, pelaksana)."""

    JPT_UTAMA = "jpt_utama", _("JPT utama")
    JPT_MADYA = "jpt_madya", _("JPT madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Supervisor (pengawas)")
    FUNGSIONAL_KEAHLIAN = "fungsional_keahlian", _("Functional, expertise (keahlian)")
    FUNGSIONAL_KETERAMPILAN = "fungsional_keterampilan", _("Functional, skill (keterampilan)")
    PELAKSANA = "pelaksana", _("Executor (pelaksana)")


MANAGERIAL_KINDS = {
    PositionKind.JPT_UTAMA,
    PositionKind.JPT_MADYA,
    PositionKind.JPT_PRATAMA,
    PositionKind.ADMINISTRATOR,
    PositionKind.PENGAWAS,
}


class FunctionalLevel(models.TextChoices):
    """Levels of jabatan fungsional: four of expertise, four of skill."""

    AHLI_PERTAMA = "ahli_pertama", _("Ahli pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli muda")
    AHLI_MADYA = "ahli_madya", _("Ahli madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli utama")
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")


EXPERTISE_LEVELS = ["ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"]
SKILL_LEVELS = ["pemula", "terampil", "mahir", "penyelia"]


class Position(models.Model):
    """A jabatan in a unit: its name, kind and (for fungsional) level. Competency standards
    will hang on it."""

    name = models.CharField(_("position name"), max_length=200)
    kind = models.CharField(_("position kind"), max_length=30, choices=PositionKind.choices)
    level = models.CharField(
        _("functional level"), max_length=20, choices=FunctionalLevel.choices, blank=True
    )
    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="positions",
    )

    class Meta:
        verbose_name = _("position (jabatan)")
        verbose_name_plural = _("positions (jabatan)")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name", "kind", "level"],
                name="position_unique_in_unit",
                violation_error_message=_("This unit already has this position."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="fungsional_keahlian") & Q(level__in=EXPERTISE_LEVELS))
                | (Q(kind="fungsional_keterampilan") & Q(level__in=SKILL_LEVELS))
                | (~Q(kind__startswith="fungsional") & Q(level="")),
                name="position_level_fits_kind",
                violation_error_message=_(
                    "A functional position needs a level of its own kind; other positions none."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_managerial(self) -> bool:
        return self.kind in MANAGERIAL_KINDS


class EmployeeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one door to personal data: the employees `user` may read."""
        from binakinerja.core.scoping import employee_scope_q

        return self.filter(employee_scope_q(user, write=False))

    def editable_by(self, user):
        from binakinerja.core.scoping import employee_scope_q

        return self.filter(employee_scope_q(user, write=True))


class Employee(models.Model):
    """An ASN (PNS or PPPK) in the registry.

    `nip` is the 18-digit Nomor Induk Pegawai, stored without spaces; `golongan` the rank code
    (`III/a`, or `IX` for PPPK); `position` the jabatan; `supervisor` the atasan langsung (no
    cycles: `people.services` refuses them). `version` grows with every save so that two people
    editing at once cannot overwrite each other silently.
    """

    class Status(models.TextChoices):
        PNS = "PNS", _("PNS (civil servant)")
        PPPK = "PPPK", _("PPPK (contract civil servant)")

    class Gender(models.TextChoices):
        L = "L", _("Male (laki-laki)")
        P = "P", _("Female (perempuan)")

    class State(models.TextChoices):
        AKTIF = "aktif", _("Active")
        CUTI = "cuti", _("On leave")
        TUGAS_BELAJAR = "tugas_belajar", _("Study assignment")
        PENSIUN = "pensiun", _("Retired")
        PINDAH = "pindah", _("Transferred out")
        DIBERHENTIKAN = "diberhentikan", _("Dismissed")

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=150, db_index=True)
    gelar_depan = models.CharField(_("title before name"), max_length=50, blank=True)
    gelar_belakang = models.CharField(_("title after name"), max_length=80, blank=True)
    status = models.CharField(_("employee status"), max_length=4, choices=Status.choices)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    birth_place = models.CharField(_("birth place"), max_length=100, blank=True)
    tmt_cpns = models.DateField(_("start of service (TMT CPNS)"), null=True, blank=True)
    golongan = models.CharField(
        _("rank (golongan)"), max_length=5, choices=GOLONGAN_CHOICES, blank=True
    )
    tmt_golongan = models.DateField(_("rank since (TMT golongan)"), null=True, blank=True)
    position = models.ForeignKey(
        Position,
        verbose_name=_("position (jabatan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    tmt_jabatan = models.DateField(_("position since (TMT jabatan)"), null=True, blank=True)
    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="employees",
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("direct supervisor (atasan langsung)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    state = models.CharField(
        _("employment state"), max_length=20, choices=State.choices, default=State.AKTIF
    )
    education_level = models.CharField(
        _("education level"), max_length=2, choices=EDUCATION_LEVELS, blank=True
    )
    education_major = models.CharField(_("education (major)"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee (ASN)")
        verbose_name_plural = _("employees (ASN)")
        ordering = ["name", "nip"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=F("pk")),
                name="employee_not_own_supervisor",
                violation_error_message=_("An employee cannot supervise themself."),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "name"]),
            models.Index(fields=["golongan"]),
            models.Index(fields=["state"]),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.nip_grouped})"

    @property
    def full_name(self) -> str:
        name = f"{self.gelar_depan} {self.name}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name

    @property
    def nip_grouped(self) -> str:
        return format_nip(self.nip)


class CareerHistory(models.Model):
    """One step of an employee's career: a new position, rank, unit or employment state, with
    the names as they were then (so renaming a unit later does not rewrite history)."""

    class Kind(models.TextChoices):
        POSITION = "position", _("Position")
        RANK = "rank", _("Rank")
        UNIT = "unit", _("Unit")
        STATE = "state", _("Employment state")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="history"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    old_value = models.CharField(_("from"), max_length=255, blank=True)
    new_value = models.CharField(_("to"), max_length=255)
    effective_date = models.DateField(_("effective date (TMT)"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("career history")
        verbose_name_plural = _("career history")
        ordering = ["-recorded_at", "-id"]

    def __str__(self):
        return f"{self.employee_id} {self.kind}: {self.old_value} → {self.new_value}"


# Kept for migration 0001's reference; new uploads use the same rule in core.jobs.
import_upload_path = job_upload_path


class ImportJob(BackgroundJob):
    """One upload of an ASN list (a SIASN "Export Data ASN" file or a local spreadsheet) and its
    outcome. The import is all-or-nothing: `status` ends as `done` (every row written) or
    `rejected` (nothing written; `errors` lists each bad cell). The stored file is deleted once
    the job ends, since SIASN exports also carry NIK, phone and NPWP (UU PDP minimisation).
    `errors` holds untranslated messages with their parameters, so the report is shown in the
    reader's language. Its life (heartbeat, giving up a job whose worker died, the sweep of
    stored files) is every background job's: `core.jobs.BackgroundJob`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        CHECKING = "checking", _("Checking rows")
        SAVING = "saving", _("Saving")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Not imported: the file has errors")
        FAILED = "failed", _("Failed")

    RUNNING = (Status.CHECKING, Status.SAVING)
    FINISHED = (Status.DONE, Status.REJECTED, Status.FAILED)
    UPLOAD_SUFFIXES = (".csv", ".xlsx")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    original_name = models.CharField(_("file name"), max_length=255)
    create_units_under = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("create missing units under"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dry_run = models.BooleanField(_("check only, save nothing"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_count = models.PositiveIntegerField(_("employees created"), default=0)
    updated_count = models.PositiveIntegerField(_("employees updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("employees unchanged"), default=0)
    units_created = models.PositiveIntegerField(_("units created"), default=0)
    positions_created = models.PositiveIntegerField(_("positions created"), default=0)
    error_count = models.PositiveIntegerField(_("errors found"), default=0)
    rows_with_errors = models.PositiveIntegerField(_("rows with errors"), default=0)

    class Meta:
        verbose_name = _("ASN list import")
        verbose_name_plural = _("ASN list imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    def failure_fields(self, entry: dict) -> dict:
        return {"error_count": 1}


# Employees who left the service (retired, transferred out): counted nowhere as staff.
GONE_STATES = (Employee.State.PENSIUN, Employee.State.PINDAH)
