"""Pure rules of performance management under PermenPANRB 6/2022 (DOMAIN.md §5): the predikat
matrix and the organisation's distribution curve. No database access here."""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """The supervisor's rating of hasil kerja and of perilaku kerja (no weighting)."""

    DI_ATAS = "di_atas", _("Above expectations (di atas ekspektasi)")
    SESUAI = "sesuai", _("Meets expectations (sesuai ekspektasi)")
    DI_BAWAH = "di_bawah", _("Below expectations (di bawah ekspektasi)")


class Predikat(models.TextChoices):
    """The final performance label of an ASN."""

    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class OrgPredikat(models.TextChoices):
    """An OPD's own yearly result, which limits how its staff's predikats may be spread."""

    ISTIMEWA = "istimewa", _("Istimewa")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


# Rows: hasil kerja; columns: perilaku kerja (DOMAIN.md §5).
PREDIKAT_MATRIX = {
    Rating.DI_ATAS: {
        Rating.DI_BAWAH: Predikat.KURANG,
        Rating.SESUAI: Predikat.BAIK,
        Rating.DI_ATAS: Predikat.SANGAT_BAIK,
    },
    Rating.SESUAI: {
        Rating.DI_BAWAH: Predikat.KURANG,
        Rating.SESUAI: Predikat.BAIK,
        Rating.DI_ATAS: Predikat.BAIK,
    },
    Rating.DI_BAWAH: {
        Rating.DI_BAWAH: Predikat.SANGAT_KURANG,
        Rating.SESUAI: Predikat.BUTUH_PERBAIKAN,
        Rating.DI_ATAS: Predikat.BUTUH_PERBAIKAN,
    },
}


def _rating(value, what: str) -> Rating:
    try:
        return Rating(value)
    except ValueError:
        raise ValidationError(
            _("%(what)s rating %(value)s is not one of di_atas, sesuai, di_bawah."),
            code="rating",
            params={"what": what, "value": repr(value)},
        ) from None


def predikat_kinerja(hasil_kerja, perilaku_kerja) -> Predikat:
    """The predikat from the two ratings: hasil kerja picks the row, perilaku kerja the column."""
    hasil = _rating(hasil_kerja, "Hasil kerja")
    perilaku = _rating(perilaku_kerja, "Perilaku kerja")
    return PREDIKAT_MATRIX[hasil][perilaku]


@dataclass(frozen=True)
class DistributionRule:
    """One limit on the staff predikats of an OPD: the share (or number) of staff whose predikat
    is in `predikats` must be at least / at most `share` (a fraction) or `count`."""

    predikats: tuple[str, ...]
    bound: str  # "min" or "max"
    share: Fraction | None = None
    count: int | None = None

    def describe(self) -> str:
        names = " / ".join(str(Predikat(p).label) for p in self.predikats)
        if self.share is not None:
            percent = f"{float(self.share) * 100:g}%"
            if self.bound == "min":
                return str(_("%(names)s at least %(limit)s") % {"names": names, "limit": percent})
            return str(_("%(names)s at most %(limit)s") % {"names": names, "limit": percent})
        if self.bound == "min":
            return str(_("at least %(count)d %(names)s") % {"count": self.count, "names": names})
        return str(_("at most %(count)d %(names)s") % {"count": self.count, "names": names})


@dataclass(frozen=True)
class Violation:
    rule: DistributionRule
    actual_count: int
    total: int

    @property
    def message(self) -> str:
        return str(
            _("Rule broken: %(rule)s (now %(count)d of %(total)d staff).")
            % {"rule": self.rule.describe(), "count": self.actual_count, "total": self.total}
        )


def _share(percent: int) -> Fraction:
    return Fraction(percent, 100)


P = Predikat
# Secondary source (DOMAIN.md §5): defaults, replaceable through the `rules` argument (and,
# once the performance module has its settings, through configuration).
DEFAULT_DISTRIBUTION_RULES: dict[str, Sequence[DistributionRule]] = {
    OrgPredikat.ISTIMEWA: [
        DistributionRule((P.SANGAT_BAIK,), "max", share=_share(70)),
    ],
    OrgPredikat.BAIK: [
        DistributionRule((P.BAIK,), "max", share=_share(70)),
        DistributionRule((P.BUTUH_PERBAIKAN, P.KURANG), "min", count=1),
    ],
    OrgPredikat.BUTUH_PERBAIKAN: [
        DistributionRule((P.BUTUH_PERBAIKAN,), "min", share=_share(60)),
        DistributionRule((P.SANGAT_BAIK,), "max", share=_share(10)),
    ],
    OrgPredikat.KURANG: [
        DistributionRule((P.KURANG,), "min", share=_share(60)),
        DistributionRule((P.BUTUH_PERBAIKAN,), "min", share=_share(10)),
        DistributionRule((P.SANGAT_BAIK,), "max", share=_share(10)),
    ],
    OrgPredikat.SANGAT_KURANG: [
        DistributionRule((P.SANGAT_KURANG,), "min", share=_share(60)),
        DistributionRule((P.KURANG, P.BUTUH_PERBAIKAN), "min", share=_share(10)),
        DistributionRule((P.SANGAT_BAIK,), "max", count=0),
    ],
}


def distribution_violations(
    org_predikat,
    counts: Mapping[str, int],
    *,
    rules: Mapping[str, Sequence[DistributionRule]] | None = None,
) -> list[Violation]:
    """The rules of the distribution curve that `counts` (predikat value → number of staff)
    breaks under the OPD's `org_predikat`; empty when the distribution is allowed. Shares are
    compared exactly (fractions), so 60% of 10 staff is met by 6. An OPD without rated staff
    breaks nothing."""
    try:
        org = OrgPredikat(org_predikat)
    except ValueError:
        raise ValidationError(
            _("Organisation predikat %(value)s is unknown."),
            code="org_predikat",
            params={"value": repr(org_predikat)},
        ) from None
    unknown = set(counts) - set(Predikat.values)
    if unknown or any(int(n) < 0 for n in counts.values()):
        raise ValidationError(
            _("Counts must be non-negative numbers per predikat; %(keys)s is not valid."),
            code="counts",
            params={"keys": ", ".join(sorted(map(str, unknown))) or str(dict(counts))},
        )
    total = sum(int(n) for n in counts.values())
    if total == 0:
        return []
    violations = []
    for rule in (rules or DEFAULT_DISTRIBUTION_RULES)[org]:
        actual = sum(int(counts.get(p, 0)) for p in rule.predikats)
        if rule.share is not None:
            ok = (
                Fraction(actual, total) >= rule.share
                if rule.bound == "min"
                else Fraction(actual, total) <= rule.share
            )
        else:
            ok = actual >= rule.count if rule.bound == "min" else actual <= rule.count
        if not ok:
            violations.append(Violation(rule=rule, actual_count=actual, total=total))
    return violations


# --- The SKP workflow (a guarded state machine) -----------------------------------------------


class SkpStatus(models.TextChoices):
    """Where an SKP stands in its year (PermenPANRB 6/2022 stages: plan, execution, assessment)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the supervisor")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    ASSESSED = "assessed", _("Assessed for a period")
    FINAL = "final", _("Final (annual)")


class SkpAction(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    RETURN = "return", _("Return with comments")
    APPROVE = "approve", _("Approve")
    START = "start", _("Start recording realisation")
    ASSESS = "assess", _("Assess a period")
    FINALISE = "finalise", _("Finalise the annual assessment")


ASN = "asn"  # the SKP's owner
ATASAN = "atasan"  # the owner's direct supervisor (pejabat penilai)

# (status, action) → (new status, who may do it)
SKP_TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (SkpStatus.DRAFT, SkpAction.SUBMIT): (SkpStatus.SUBMITTED, ASN),
    (SkpStatus.RETURNED, SkpAction.SUBMIT): (SkpStatus.SUBMITTED, ASN),
    (SkpStatus.SUBMITTED, SkpAction.RETURN): (SkpStatus.RETURNED, ATASAN),
    (SkpStatus.SUBMITTED, SkpAction.APPROVE): (SkpStatus.APPROVED, ATASAN),
    (SkpStatus.APPROVED, SkpAction.START): (SkpStatus.IN_PROGRESS, ASN),
    (SkpStatus.IN_PROGRESS, SkpAction.ASSESS): (SkpStatus.ASSESSED, ATASAN),
    (SkpStatus.ASSESSED, SkpAction.START): (SkpStatus.IN_PROGRESS, ASN),
    (SkpStatus.ASSESSED, SkpAction.ASSESS): (SkpStatus.ASSESSED, ATASAN),
    (SkpStatus.ASSESSED, SkpAction.FINALISE): (SkpStatus.FINAL, ATASAN),
}


def skp_next_status(status, action, *, actor_role: str) -> SkpStatus:
    """The status an SKP moves to when `actor_role` ("asn" or "atasan") takes `action`, or a
    ValidationError saying why the move is not allowed."""
    try:
        status, action = SkpStatus(status), SkpAction(action)
    except ValueError:
        raise ValidationError(_("Unknown SKP status or action."), code="skp_unknown") from None
    move = SKP_TRANSITIONS.get((status, action))
    if move is None:
        raise ValidationError(
            _("An SKP that is %(status)s cannot be given the action “%(action)s”."),
            code="skp_illegal_move",
            params={"status": status.label, "action": action.label},
        )
    new_status, allowed_role = move
    if actor_role != allowed_role:
        message = (
            _("Only the ASN who owns this SKP may do this.")
            if allowed_role == ASN
            else _("Only the direct supervisor (atasan) may do this.")
        )
        raise ValidationError(message, code="skp_wrong_role")
    return SkpStatus(new_status)


# --- Assessment periods --------------------------------------------------------------------

QUARTER_MONTHS = {"q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12), "annual": (1, 12)}


def period_dates(year: int, kind: str):
    """First and last day of a quarter (triwulan) or of the whole year."""
    if kind not in QUARTER_MONTHS:
        raise ValidationError(_("Unknown period %(kind)s."), params={"kind": kind}, code="period")
    first, last = QUARTER_MONTHS[kind]
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


# --- SKP content ----------------------------------------------------------------------------


class ResultKind(models.TextChoices):
    UTAMA = "utama", _("Main (utama)")
    TAMBAHAN = "tambahan", _("Additional (tambahan)")


class Perspective(models.TextChoices):
    """The perspective of a JPT's result (PermenPANRB 6/2022, SKP of pejabat pimpinan tinggi)."""

    PENERIMA_LAYANAN = "penerima_layanan", _("Service recipients (penerima layanan)")
    PROSES_BISNIS = "proses_bisnis", _("Business process (proses bisnis)")
    PENGUATAN_INTERNAL = "penguatan_internal", _("Internal strengthening (penguatan internal)")
    ANGGARAN = "anggaran", _("Budget (anggaran)")


class Aspect(models.TextChoices):
    KUANTITAS = "kuantitas", _("Quantity (kuantitas)")
    KUALITAS = "kualitas", _("Quality (kualitas)")
    WAKTU = "waktu", _("Time (waktu)")
    BIAYA = "biaya", _("Cost (biaya)")


class CoreValue(models.TextChoices):
    """The seven BerAKHLAK core values of perilaku kerja (DOMAIN.md §5)."""

    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan", _("Berorientasi Pelayanan")
    AKUNTABEL = "akuntabel", _("Akuntabel")
    KOMPETEN = "kompeten", _("Kompeten")
    HARMONIS = "harmonis", _("Harmonis")
    LOYAL = "loyal", _("Loyal")
    ADAPTIF = "adaptif", _("Adaptif")
    KOLABORATIF = "kolaboratif", _("Kolaboratif")


EDITABLE_PLAN_STATUSES = {SkpStatus.DRAFT, SkpStatus.RETURNED}

# Pejabat pimpinan tinggi: their SKP is the JPT form, whose results carry a perspective.
JPT_POSITION_KINDS = frozenset({"jpt_utama", "jpt_madya", "jpt_pratama"})


def is_jpt(position_kind: str | None) -> bool:
    """Whether a jabatan of this kind fills in the JPT form of the SKP (with perspectives)."""
    return position_kind in JPT_POSITION_KINDS


class FollowUpKind(models.TextChoices):
    """Tindak lanjut of a low predikat, read later by training needs and mentoring."""

    COACHING = "coaching", _("Coaching")
    TRAINING_NEED = "training_need", _("Training need")
    MENTORING = "mentoring", _("Mentoring")
    COUNSELLING = "counselling", _("Counselling")


NEEDS_FOLLOW_UP = {Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG}


# --- Evidence files (bukti dukung) ----------------------------------------------------------

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Allowed types, recognised by their first bytes (the extension alone proves nothing).
EVIDENCE_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}


def evidence_check(*, name: str, size: int, head: bytes) -> str:
    """The normalised extension of an acceptable evidence file, or a ValidationError saying
    what is wrong: too large, a type that is not allowed, or content that does not match."""
    extension = os.path.splitext(name or "")[1].lower()
    if size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB."),
            params={"limit": EVIDENCE_MAX_BYTES // (1024 * 1024)},
            code="evidence_size",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="evidence_empty")
    if extension not in EVIDENCE_SIGNATURES:
        raise ValidationError(
            _("Only PDF, images (PNG, JPG) and office files can be uploaded as evidence."),
            code="evidence_type",
        )
    if not any(head.startswith(signature) for signature in EVIDENCE_SIGNATURES[extension]):
        raise ValidationError(
            _("The content of %(name)s is not a %(type)s file."),
            params={"name": name, "type": extension.lstrip(".").upper()},
            code="evidence_content",
        )
    return extension


# The head of a unit takes the unit's result as their own hasil kerja rating (DOMAIN.md §5).
ORG_PREDIKAT_TO_RATING = {
    OrgPredikat.ISTIMEWA: Rating.DI_ATAS,
    OrgPredikat.BAIK: Rating.SESUAI,
    OrgPredikat.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    OrgPredikat.KURANG: Rating.DI_BAWAH,
    OrgPredikat.SANGAT_KURANG: Rating.DI_BAWAH,
}


def hasil_kerja_of_unit_head(org_predikat) -> Rating:
    """The default hasil kerja rating of a unit's head, from the unit's own predikat."""
    return ORG_PREDIKAT_TO_RATING[OrgPredikat(org_predikat)]


# The three behaviour guides of each BerAKHLAK value (DOMAIN.md §5), shown with the SKP.
CORE_VALUE_GUIDES = {
    CoreValue.BERORIENTASI_PELAYANAN: (
        _("Understands and meets public needs"),
        _("Friendly, quick, solution-minded and reliable"),
        _("Improves continuously"),
    ),
    CoreValue.AKUNTABEL: (
        _("Honest, responsible, careful, disciplined, with high integrity"),
        _("Uses state assets responsibly and efficiently"),
        _("Does not abuse authority"),
    ),
    CoreValue.KOMPETEN: (
        _("Keeps improving own competence"),
        _("Helps others learn"),
        _("Does tasks at the best quality"),
    ),
    CoreValue.HARMONIS: (
        _("Respects everyone whatever their background"),
        _("Helps others"),
        _("Builds a good work climate"),
    ),
    CoreValue.LOYAL: (
        _("Holds to Pancasila, UUD 1945, NKRI and lawful government"),
        _("Guards the good name of ASN, leaders, agency and state"),
        _("Keeps official secrets"),
    ),
    CoreValue.ADAPTIF: (
        _("Adapts quickly to change"),
        _("Keeps innovating and creative"),
        _("Acts proactively"),
    ),
    CoreValue.KOLABORATIF: (
        _("Gives others the chance to contribute"),
        _("Open to cooperation that adds value"),
        _("Mobilises resources for shared goals"),
    ),
}
