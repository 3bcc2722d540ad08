"""What can be signed, and by whom: one `Target` per document kind, built by a fetcher that
checks the reader's right to see the document (404 otherwise, through the owning app's own
fetcher) and says whether the reader is the official who signs it.

- SKP and the evaluasi kinerja of a period: the SKP's pejabat penilai (its atasan, as
  `performance.services.skp_actor_role` decides), once the SKP is approved / the period
  assessed; slot "penilai" of the document's signature blocks.
- Training certificate: the official the certificate names as its (first) signer, matched by
  NIP with the reader's ASN record — usually the head of the institution; only issued
  certificates; slot "signer_1" (or "signer_2" when only a second signer is named).
- Monev report: who writes it (the OPD's operator, the government's admins:
  `monitoring.monev.may_write`); the report gets a signature block naming the signer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.core.documents import Signer, id_date
from binakinerja.people.models import Employee
from binakinerja.signatures.models import SignedDocument

Kind = SignedDocument.Kind
SIGNING_STATUSES = ("approved", "in_progress", "assessed", "final")  # an agreed SKP


@dataclass
class Official:
    """Who signs, as the specimen shows them."""

    name: str
    nip: str = ""  # grouped, as printed
    position: str = ""

    @property
    def nip_digits(self) -> str:
        return self.nip.replace(" ", "")


@dataclass
class Target:
    kind: str
    obj: object
    version: str
    title: str
    slot_key: str
    filename: str
    back_url: str
    code: str  # the verification code to use when none was given before ("" → random)
    may_sign: bool
    refusal: str  # why the reader may not sign now ("" when they may)
    official: Official | None
    build: Callable[[], bytes]  # the unsigned PDF as it will be signed

    @property
    def pk(self) -> int:
        return self.obj.pk


def official_of(user) -> Official:
    """The reader as a signer: their ASN record's name, NIP and jabatan, else their account."""
    employee = (
        Employee.objects.filter(user=user).select_related("position").first()
        if user.is_authenticated else None
    )  # fmt: skip
    if employee is not None:
        position = employee.position.name if employee.position_id else ""
        return Official(employee.full_name, employee.nip_grouped, position)
    return Official(user.get_full_name() or user.get_username())


# --- SKP and evaluasi kinerja -------------------------------------------------------------------


def _penilai(skp) -> Official | None:
    atasan = skp.atasan
    if atasan is None:
        return None
    position = atasan.position.name if atasan.position_id else ""
    return Official(atasan.full_name, atasan.nip_grouped, position)


def _skp_target(user, pk: int) -> Target:
    from binakinerja.performance.documents import skp_pdf
    from binakinerja.performance.selectors import skp_get_for_user
    from binakinerja.performance.services import skp_actor_role

    skp = skp_get_for_user(user, pk)
    is_penilai = skp_actor_role(actor=user, skp=skp) == "atasan"
    refusal = ""
    if not is_penilai:
        refusal = _("Only the SKP's pejabat penilai (the direct supervisor) signs it.")
    elif skp.status not in SIGNING_STATUSES:
        refusal = _("The SKP can be signed once it is approved.")
    return Target(
        kind=Kind.SKP, obj=skp, version=str(skp.version), title=f"SKP {skp.year}",
        slot_key="penilai", filename=f"skp-{skp.year}-{skp.employee.nip}-ttd.pdf",
        back_url=reverse("performance:skp_detail", args=[skp.pk]), code="",
        may_sign=is_penilai, refusal=refusal, official=_penilai(skp),
        build=lambda: skp_pdf(skp),
    )  # fmt: skip


def _evaluation_target(user, pk: int) -> Target:
    from binakinerja.performance.documents import evaluation_pdf
    from binakinerja.performance.models import SkpAssessment
    from binakinerja.performance.selectors import skp_get_for_user
    from binakinerja.performance.services import skp_actor_role

    skp_id = SkpAssessment.objects.filter(pk=pk).values_list("skp_id", flat=True).first()
    if skp_id is None:
        raise Http404
    skp = skp_get_for_user(user, skp_id)
    assessment = get_object_or_404(skp.assessments.select_related("period"), pk=pk)
    is_penilai = skp_actor_role(actor=user, skp=skp) == "atasan"
    period = assessment.period
    return Target(
        kind=Kind.EVALUATION, obj=assessment,
        version=assessment.assessed_at.isoformat() if assessment.assessed_at else "",
        title=f"Evaluasi Kinerja {period.get_kind_display()} {period.year}",
        slot_key="penilai",
        filename=f"evaluasi-{period.kind}-{skp.year}-{skp.employee.nip}-ttd.pdf",
        back_url=reverse("performance:skp_detail", args=[skp.pk]), code="",
        may_sign=is_penilai,
        refusal="" if is_penilai else _(
            "Only the SKP's pejabat penilai (the direct supervisor) signs it."),
        official=_penilai(skp), build=lambda: evaluation_pdf(skp, assessment),
    )  # fmt: skip


# --- training certificates ----------------------------------------------------------------------


def certificate_signer_slot(certificate) -> tuple[str, str]:
    """(slot key, NIP digits) of the official who signs the certificate electronically."""
    from binakinerja.trainings.rules import signer_parts

    for key, value in (("signer_1", certificate.signer_1), ("signer_2", certificate.signer_2)):
        name, nip, _position = signer_parts(value)
        if name:
            return key, "".join(nip.split())
    return "signer_1", ""


def _certificate_target(user, pk: int, request=None) -> Target:
    from binakinerja.trainings.certificates import (
        certificate_filename,
        certificate_pdf,
        certificates_visible_to,
        signed_version,
        verification_url,
    )
    from binakinerja.trainings.models import Certificate

    certificate = (
        Certificate.objects.select_related("enrolment__employee",
                                           "enrolment__batch__program__institution")
        .filter(pk=pk).first()
    )  # fmt: skip
    if certificate is None:
        raise Http404
    key, nip = certificate_signer_slot(certificate)
    me = official_of(user)
    named = bool(nip) and nip == me.nip_digits
    if not named and not certificates_visible_to(user).filter(pk=pk).exists():
        raise Http404
    refusal = ""
    if not named:
        refusal = _("Only the official named as the certificate's signer signs it.")
    elif certificate.status != Certificate.Status.ISSUED:
        refusal = _("Only an issued certificate can be signed.")
    return Target(
        kind=Kind.CERTIFICATE, obj=certificate, version=signed_version(certificate),
        title=f"Sertifikat {certificate.number}", slot_key=key,
        filename=certificate_filename(certificate).replace(".pdf", "-ttd.pdf"),
        back_url=reverse("signatures:index"), code=certificate.code, may_sign=named,
        refusal=refusal, official=me if named else None,
        build=lambda: certificate_pdf(
            certificate, verify_url=verification_url(certificate.code, request)),
    )  # fmt: skip


# --- monev reports ------------------------------------------------------------------------------


def _monev_target(user, pk: int) -> Target:
    from binakinerja.monitoring import monev
    from binakinerja.monitoring.dashboard import may_read
    from binakinerja.monitoring.models import MonevReport

    report = get_object_or_404(MonevReport.objects.select_related("unit"), pk=pk)
    if not may_read(user, report.unit):
        raise Http404
    writes = monev.may_write(user, report.unit)
    me = official_of(user)
    period = monev.PERIOD_NAMES.get(report.quarter, "")
    signer = Signer(_("Responsible for the report"), me.name, me.nip, me.position,
                    place_date=id_date(timezone.localdate()), key="penanggung_jawab")  # fmt: skip
    return Target(
        kind=Kind.MONEV, obj=report, version=str(report.version),
        title=f"Laporan Monev {report.unit.name} {period} {report.year}",
        slot_key="penanggung_jawab",
        filename=f"monev-{report.unit_id}-{report.year}-{report.quarter}-ttd.pdf",
        back_url=reverse("monitoring:monev", args=[report.unit_id, report.year, report.quarter]),
        code="", may_sign=writes,
        refusal="" if writes else _("Only who writes the monev report signs it."),
        official=me if writes else None,
        build=lambda: monev.report_pdf(report, signer=signer),
    )  # fmt: skip


FETCHERS = {
    Kind.SKP: _skp_target,
    Kind.EVALUATION: _evaluation_target,
    Kind.CERTIFICATE: _certificate_target,
    Kind.MONEV: _monev_target,
}


def target_get_for_user(user, kind: str, pk: int, *, request=None, write: bool = False) -> Target:
    """The document `kind` #`pk` as the reader may see it (404 otherwise); with `write`, 403
    unless the reader is the official who signs it."""
    if kind not in FETCHERS:
        raise Http404
    if kind == Kind.CERTIFICATE:
        target = _certificate_target(user, pk, request)
    else:
        target = FETCHERS[kind](user, pk)
    if write and not target.may_sign:
        raise PermissionDenied
    return target
