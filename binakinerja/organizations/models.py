"""The organisation tree: instansi (government) → OPD (agency) → units of any depth."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PATH_WIDTH = 5  # base-36 digits per level: room for 60 million units
PATH_SEP = "."
OPD_PATH_LENGTH = 2 * PATH_WIDTH + len(PATH_SEP)  # "government.opd"


def opd_path_of(path: str) -> str | None:
    """The path of the OPD a unit with `path` belongs to (None for a government)."""
    return path[:OPD_PATH_LENGTH] if len(path) >= OPD_PATH_LENGTH else None


class OrgUnit(models.Model):
    """A node of the single organisation tree.

    `kind` says where it stands (instansi, OPD, unit below an OPD); `unit_type` says what it is
    (bidang, puskesmas, sekolah, …). `path` is the materialised path of base-36 ids
    (e.g. `00007.0000c.00003`), kept by `organizations.services`, so that a whole subtree is
    one indexed `path__startswith` query on SQLite and PostgreSQL alike. Service outlets are
    units with `is_service_unit` set.
    """

    class Kind(models.TextChoices):
        INSTANSI = "instansi", _("Government (instansi)")
        OPD = "opd", _("Agency (OPD)")
        UNIT = "unit", _("Work unit")

    class UnitType(models.TextChoices):
        PEMDA = "pemda", _("Regional government")
        SEKRETARIAT = "sekretariat", _("Secretariat")
        DINAS = "dinas", _("Department (dinas)")
        BADAN = "badan", _("Board (badan)")
        INSPEKTORAT = "inspektorat", _("Inspectorate")
        RSUD = "rsud", _("Regional hospital (RSUD)")
        BIDANG = "bidang", _("Division (bidang)")
        BAGIAN = "bagian", _("Section (bagian)")
        SEKSI = "seksi", _("Sub-division (seksi/subbidang)")
        UPT = "upt", _("Technical unit (UPT)")
        PUSKESMAS = "puskesmas", _("Community health centre (puskesmas)")
        SEKOLAH = "sekolah", _("School (sekolah)")
        KECAMATAN = "kecamatan", _("District office (kecamatan)")
        LAINNYA = "lainnya", _("Other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    code = models.CharField(
        _("code"),
        max_length=64,
        blank=True,
        help_text=_("External identifier, e.g. the SIASN UNOR ID."),
    )
    kind = models.CharField(_("level"), max_length=10, choices=Kind.choices)
    unit_type = models.CharField(
        _("type"), max_length=20, choices=UnitType.choices, default=UnitType.LAINNYA
    )
    is_service_unit = models.BooleanField(
        _("public service unit"),
        default=False,
        help_text=_("Serves the public directly and can be rated in satisfaction surveys."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), editable=False, default=0)
    address = models.CharField(_("address"), max_length=255, blank=True)
    kab_kota = models.CharField(_("regency/city"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="instansi") & Q(parent__isnull=True))
                | (~Q(kind="instansi") & Q(parent__isnull=False)),
                name="orgunit_only_instansi_is_root",
                violation_error_message=_("Only a government (instansi) has no parent unit."),
            ),
        ]
        indexes = [models.Index(fields=["code"]), models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    @property
    def instansi_path(self) -> str:
        return self.path[:PATH_WIDTH]

    @property
    def opd_path(self) -> str | None:
        """The path of the OPD this unit belongs to (itself for an OPD; None for a government).
        Use `OPD_PATH_LENGTH` to group by OPD in SQL (`Substr("unit__path", 1, …)`)."""
        return opd_path_of(self.path)

    def subtree_q(self, prefix: str = "") -> Q:
        """A filter for this unit and everything below it (`prefix` reaches it via a relation)."""
        return Q(**{f"{prefix}path__startswith": self.path})
