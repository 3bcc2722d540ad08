"""Writes of performance management; each is atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_entry, audit_record
from binakinerja.core.concurrency import StaleVersionError, check_version
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import notify, settle
from binakinerja.core.signals import figures_changed_send
from binakinerja.people.models import Employee
from binakinerja.performance.documents.identity import assessment_snapshot
from binakinerja.performance.models import (
    CheckIn,
    Evidence,
    FollowUp,
    OrgGoal,
    OrgPerformance,
    Period,
    Skp,
    SkpAssessment,
    SkpBehaviour,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
)
from binakinerja.performance.rules import (
    ASN,
    ATASAN,
    EDITABLE_PLAN_STATUSES,
    NEEDS_FOLLOW_UP,
    CoreValue,
    evidence_check,
    period_dates,
    predikat_kinerja,
    skp_next_status,
)


@transaction.atomic
def period_open_year(*, actor, instansi, year: int) -> list[Period]:
    """Create the four quarters and the annual period of a year for a government, open."""
    if instansi.kind != "instansi":
        raise ValidationError(_("Periods belong to a government (instansi)."))
    periods = []
    for kind in Period.Kind.values:
        start, end = period_dates(year, kind)
        period = Period(instansi=instansi, year=year, kind=kind, start=start, end=end)
        period.full_clean()
        period.save()
        periods.append(period)
    audit_record(
        actor=actor,
        action="create",
        object_type="performance.period",
        object_id=f"{instansi.pk}:{year}",
        object_repr=f"{instansi} {year}",
        changes={"year": [None, year], "periods": [None, [str(p) for p in periods]]},
    )
    return periods


def _set_status(*, actor, period: Period, status: str, reason: str = "") -> Period:
    locked = Period.objects.select_for_update().get(pk=period.pk)
    if locked.status == status:
        raise ValidationError(
            _("This period is already %(status)s."),
            params={"status": locked.get_status_display().lower()},
            code="period_unchanged",
        )
    old = locked.status
    locked.status = status
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="update",
        instance=locked,
        changes={"status": [old, status]},
        reason=reason,
    )
    return locked


@transaction.atomic
def period_close(*, actor, period: Period) -> Period:
    """Close a period: its realisations and assessments become read-only, and the monitoring
    figures of its government and year are refreshed."""
    closed = _set_status(actor=actor, period=period, status=Period.Status.CLOSED)
    figures_changed_send(period_close, paths=[period.instansi.path], years=[period.year])
    return closed


@transaction.atomic
def period_reopen(*, actor, period: Period, reason: str) -> Period:
    """Reopen a closed period; the reason is required and kept in the audit trail."""
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Say why the period is reopened; the reason is kept in the audit trail.")}
        )
    return _set_status(actor=actor, period=period, status=Period.Status.OPEN, reason=reason)


def period_require_open(period: Period) -> None:
    """Refuse a change to data of a closed period."""
    if not period.is_open:
        raise ValidationError(
            _("%(period)s is closed; its data can no longer be changed."),
            params={"period": str(period)},
            code="period_closed",
        )


# --- SKP plans and their workflow -------------------------------------------------------------


def skp_actor_role(*, actor, skp: Skp) -> str | None:
    """ "asn" when the actor owns the SKP, "atasan" when they are its pejabat penilai."""
    if skp.employee.user_id is not None and skp.employee.user_id == actor.pk:
        return ASN
    if skp.atasan is not None and skp.atasan.user_id is not None and skp.atasan.user_id == actor.pk:
        return ATASAN
    return None


def _require_role(*, actor, skp: Skp, role: str) -> None:
    """Refuse an actor who is not the SKP's owner (role ASN) or its atasan (role ATASAN)."""
    if skp_actor_role(actor=actor, skp=skp) != role:
        message = (
            _("Only the ASN who owns this SKP may do this.")
            if role == ASN
            else _("Only the direct supervisor (atasan) may do this.")
        )
        raise ValidationError(message, code="skp_wrong_role")


@transaction.atomic
def skp_create(*, actor, employee: Employee, year: int) -> Skp:
    """Start an ASN's SKP for a year: a draft with the seven BerAKHLAK values, to be rated by
    the employee's current direct supervisor."""
    return _skp_new(actor=actor, employee=employee, year=year)


def _skp_new(*, actor, employee: Employee, year: int) -> Skp:
    skp = Skp(employee=employee, atasan=employee.supervisor, year=year)
    skp.full_clean()
    skp.save()
    SkpBehaviour.objects.bulk_create(
        [SkpBehaviour(skp=skp, value=value) for value in CoreValue.values]
    )
    audit_record(
        actor=actor,
        action="create",
        instance=skp,
        changes={"year": [None, year], "atasan": [None, str(skp.atasan or "")]},
    )
    return skp


def _require_plan_editable(*, actor, skp: Skp) -> None:
    _require_role(actor=actor, skp=skp, role=ASN)
    if skp.status not in EDITABLE_PLAN_STATUSES:
        raise ValidationError(
            _("The plan can be changed only while it is a draft or returned."),
            code="skp_plan_locked",
        )


@transaction.atomic
def skp_result_add(
    *,
    actor,
    skp: Skp,
    kind: str,
    text: str,
    supports: SkpResult | None,
    indicators: list[dict],
    supports_goal: OrgGoal | None = None,
    perspective: str = "",
) -> SkpResult:
    """Add a hasil kerja with its indicators. The supported result must be one of the
    supervisor's SKP results of the same year (cascading). A JPT's result may name its
    perspective."""
    _require_plan_editable(actor=actor, skp=skp)
    if supports is not None and (
        supports.skp.employee_id != skp.atasan_id or supports.skp.year != skp.year
    ):
        raise ValidationError(
            {"supports": _("Choose a result of your supervisor's SKP of the same year.")}
        )
    if supports_goal is not None and (
        supports_goal.year != skp.year
        or not skp.employee.unit.path.startswith(supports_goal.opd.path)
    ):
        raise ValidationError(
            {"supports_goal": _("Choose a goal of your own agency (OPD) for the same year.")}
        )
    return _result_new(
        actor=actor, skp=skp, kind=kind, text=text, supports=supports,
        supports_goal=supports_goal, indicators=indicators, perspective=perspective,
    )  # fmt: skip


def _result_new(
    *, actor, skp: Skp, kind: str, text: str, supports, supports_goal, indicators: list[dict],
    perspective: str = "",
) -> SkpResult:  # fmt: skip
    """Write a checked hasil kerja with its indicators (each full_clean'ed) and audit it."""
    if not indicators:
        raise ValidationError(_("A result needs at least one indicator."), code="no_indicator")
    order = skp.results.filter(kind=kind).count()
    result = SkpResult(
        skp=skp, kind=kind, text=text.strip(), supports=supports, supports_goal=supports_goal,
        order=order, perspective=perspective or "",
    )  # fmt: skip
    result.full_clean()
    result.save()
    for data in indicators:
        indicator = SkpIndicator(result=result, **data)
        indicator.full_clean()
        indicator.save()
    audit_record(
        actor=actor,
        action="create",
        instance=result,
        changes={
            "kind": [None, kind],
            "text": [None, result.text],
            "supports": [None, str(supports or supports_goal or "")],
            "indicators": [None, [f"{i['aspect']}: {i['text']}" for i in indicators]],
            **({"perspective": [None, perspective]} if perspective else {}),
        },
    )
    return result


@dataclass(frozen=True)
class SkpTarget:
    """One planned result (hasil kerja) with its indicators for an employee's SKP of a year."""

    employee: Employee
    year: int
    kind: str
    text: str
    indicators: list[dict]


@transaction.atomic
def skp_targets_add(*, actor, targets: list[SkpTarget]) -> dict[str, int]:
    """Add planned results to the SKPs of many ASN at once (the target import, by a registry
    manager). Each employee's SKP of the year is created as a draft when missing, as
    `skp_create` would; every SKP, result and indicator is full_clean'ed and audited like
    `skp_create` and `skp_result_add` do, and the whole batch gets one import record. Any
    refusal (an SKP past planning, an invalid indicator) rolls back all of it."""
    employee_ids = sorted({t.employee.pk for t in targets})
    existing = {}
    for start in range(0, len(employee_ids), 2000):  # bound the query's parameters
        existing.update(
            ((skp.employee_id, skp.year), skp)
            for skp in Skp.objects.select_for_update().filter(
                employee_id__in=employee_ids[start : start + 2000],
                year__in={t.year for t in targets},
            )
        )
    counts = {"skps": 0, "results": 0, "indicators": 0}
    for target in targets:
        skp = existing.get((target.employee.pk, target.year))
        if skp is None:
            skp = _skp_new(actor=actor, employee=target.employee, year=target.year)
            existing[(target.employee.pk, target.year)] = skp
            counts["skps"] += 1
        elif skp.status not in EDITABLE_PLAN_STATUSES:
            raise ValidationError(
                _("%(skp)s is past the planning stage; its targets cannot be imported."),
                params={"skp": str(skp)},
                code="skp_plan_locked",
            )
        _result_new(
            actor=actor, skp=skp, kind=target.kind, text=target.text, supports=None,
            supports_goal=None, indicators=target.indicators,
        )  # fmt: skip
        counts["results"] += 1
        counts["indicators"] += len(target.indicators)
    audit_record(
        actor=actor,
        action="import",
        object_type="performance.skp",
        object_repr=_("SKP targets import"),
        changes={name: [0, count] for name, count in counts.items()},
    )
    return counts


@transaction.atomic
def skp_transition(*, actor, skp: Skp, action: str, version: int, comment: str = "") -> Skp:
    """Move an SKP through its workflow. The move is a conditional UPDATE on the status and
    version the actor saw, so of two racing moves exactly one wins; the other is refused."""
    role = skp_actor_role(actor=actor, skp=skp)
    if role is None:
        raise ValidationError(
            _("Only the SKP's owner and their direct supervisor may move it."),
            code="skp_wrong_role",
        )
    new_status = skp_next_status(skp.status, action, actor_role=role)
    if action == "return" and not comment.strip():
        raise ValidationError({"comment": _("Say what should change before the SKP returns.")})
    if action == "submit" and not skp.results.filter(kind="utama").exists():
        raise ValidationError(_("Add at least one main result (hasil kerja utama) first."))
    moved = Skp.objects.filter(pk=skp.pk, status=skp.status, version=version).update(
        status=new_status, version=F("version") + 1, updated_at=timezone.now()
    )
    if not moved:
        raise StaleVersionError()
    audit_record(
        actor=actor,
        action="update",
        instance=skp,
        changes={"status": [skp.status, new_status]},
        reason=comment,
    )
    _notify_transition(skp=skp, action=action, role=role, comment=comment)
    skp.refresh_from_db()
    return skp


# Notifications of the SKP workflow (core.notifications): msgids, rendered in each reader's
# language. The assessment notifies from skp_assess, with its period.
SKP_SUBMITTED = gettext_noop("%(name)s submitted SKP %(year)s for approval.")
SKP_RETURNED = gettext_noop("%(name)s returned your SKP %(year)s: %(comment)s")
SKP_APPROVED = gettext_noop("%(name)s approved your SKP %(year)s.")
SKP_FINALISED = gettext_noop("%(name)s finalised your SKP %(year)s.")
SKP_ASSESSED = gettext_noop("%(name)s assessed your SKP %(year)s for %(period)s.")
SKP_REALISATION = gettext_noop("%(name)s recorded a realisation on SKP %(year)s for %(period)s.")
SKP_FEEDBACK = gettext_noop("%(name)s wrote in the performance dialogue of your SKP %(year)s.")
SKP_REPLY = gettext_noop("%(name)s replied in the performance dialogue of SKP %(year)s.")
SKP_FOLLOW_UP = gettext_noop("%(name)s set a follow-up on your SKP %(year)s: %(description)s")
DIALOG_ANCHOR = "#dialog"  # the dialog kinerja section of the SKP page


def skp_link(skp: Skp, anchor: str = "") -> str:
    return reverse("performance:skp_detail", args=[skp.pk]) + anchor


def _notify_transition(*, skp: Skp, action: str, role: str, comment: str) -> None:
    """The other party hears of a move; the mover's notice of the step now done is settled."""
    link = skp_link(skp)
    owner_user = getattr(skp.employee, "user", None)
    atasan_user = getattr(skp.atasan, "user", None)
    if action == "submit":
        settle(user=owner_user, message=SKP_RETURNED, link=link)
        notify(user=atasan_user, message=SKP_SUBMITTED, link=link,
               params={"name": skp.employee.full_name, "year": skp.year})  # fmt: skip
        return
    message = {"return": SKP_RETURNED, "approve": SKP_APPROVED,
               "finalise": SKP_FINALISED}.get(action)  # fmt: skip
    if message is None:
        return
    if action in ("return", "approve"):
        settle(user=atasan_user, message=SKP_SUBMITTED, link=link)
    notify(user=owner_user, message=message, link=link,
           params={"name": skp.atasan.full_name if skp.atasan_id else "", "year": skp.year,
                   "comment": comment.strip()})  # fmt: skip


@transaction.atomic
def skp_assess(
    *,
    actor,
    skp: Skp,
    period: Period,
    hasil_kerja: str,
    perilaku_kerja: str,
    reason: str,
    version: int,
    catatan_rekomendasi: str = "",
) -> SkpAssessment:
    """The atasan rates hasil kerja and perilaku kerja for an open period of the SKP's
    government, with a written reason; the predikat follows from the matrix. Re-assessing the
    same period replaces the ratings (the audit trail keeps the old ones). The annual
    assessment may carry the atasan's catatan/rekomendasi. Who was who (the ASN's jabatan,
    pangkat and unit, the penilai and their atasan) is kept with the assessment, so its
    evaluation still names them after a transfer or promotion."""
    _require_role(actor=actor, skp=skp, role=ATASAN)
    if period.instansi.path != skp.employee.unit.path[: len(period.instansi.path)]:
        raise ValidationError({"period": _("This period belongs to another government.")})
    if period.year != skp.year:
        raise ValidationError({"period": _("The period must be of the SKP's year.")})
    period_require_open(period)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Write the reason for the ratings.")})
    catatan_rekomendasi = (catatan_rekomendasi or "").strip()
    if catatan_rekomendasi and period.kind != Period.Kind.ANNUAL:
        raise ValidationError(
            {"catatan_rekomendasi": _("Notes and recommendations belong to the annual assessment.")}
        )
    predikat = predikat_kinerja(hasil_kerja, perilaku_kerja)
    skp_transition(actor=actor, skp=skp, action="assess", version=version)
    existing = SkpAssessment.objects.filter(skp=skp, period=period).first()
    before = (
        {"hasil_kerja": existing.hasil_kerja, "perilaku_kerja": existing.perilaku_kerja,
         "predikat": existing.predikat, "catatan_rekomendasi": existing.catatan_rekomendasi}
        if existing else {}
    )  # fmt: skip
    assessment = existing or SkpAssessment(skp=skp, period=period)
    assessment.hasil_kerja = hasil_kerja
    assessment.perilaku_kerja = perilaku_kerja
    assessment.predikat = predikat
    assessment.reason = reason.strip()
    assessment.assessed_by = skp.atasan
    assessment.catatan_rekomendasi = catatan_rekomendasi
    assessment.snapshot = assessment_snapshot(skp)
    assessment.full_clean()
    assessment.save()
    after = {"hasil_kerja": hasil_kerja, "perilaku_kerja": perilaku_kerja, "predikat": predikat}
    if catatan_rekomendasi or before.get("catatan_rekomendasi"):
        after["catatan_rekomendasi"] = catatan_rekomendasi
    audit_record(
        actor=actor,
        action="update" if existing else "create",
        instance=assessment,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        reason=assessment.reason,
    )
    notify(user=getattr(skp.employee, "user", None), message=SKP_ASSESSED, link=skp_link(skp),
           params={"name": skp.atasan.full_name, "year": skp.year,
                   "period": Period.Kind(period.kind).label})  # fmt: skip
    return assessment


@transaction.atomic
def org_predikat_set(*, actor, opd, year: int, predikat: str) -> OrgPerformance:
    """Record (or change) an OPD's own predikat for a year."""
    if opd.kind != "opd":
        raise ValidationError(_("An organisation predikat belongs to an agency (OPD)."))
    record = OrgPerformance.objects.filter(opd=opd, year=year).first()
    old = record.predikat if record else None
    record = record or OrgPerformance(opd=opd, year=year)
    record.predikat = predikat
    record.full_clean()
    record.save()
    if old != predikat:
        audit_record(
            actor=actor,
            action="update" if old else "create",
            instance=record,
            changes={"predikat": [old, predikat]},
        )
    return record


@transaction.atomic
def follow_up_create(*, actor, assessment: SkpAssessment, kind: str, description: str) -> FollowUp:
    """The atasan records a tindak lanjut for a low predikat."""
    _require_role(actor=actor, skp=assessment.skp, role=ATASAN)
    if assessment.predikat not in NEEDS_FOLLOW_UP:
        raise ValidationError(
            _("Follow-ups are for Butuh Perbaikan, Kurang and Sangat Kurang."),
            code="follow_up_not_needed",
        )
    follow_up = FollowUp(assessment=assessment, kind=kind, description=description.strip())
    follow_up.full_clean()
    follow_up.save()
    audit_record(
        actor=actor,
        action="create",
        instance=follow_up,
        changes={"kind": [None, kind], "description": [None, follow_up.description]},
    )
    skp = assessment.skp
    notify(user=getattr(skp.employee, "user", None), message=SKP_FOLLOW_UP, link=skp_link(skp),
           params={"name": skp.atasan.full_name, "year": skp.year,
                   "description": follow_up.description})  # fmt: skip
    return follow_up


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp) -> FollowUp:
    _require_role(actor=actor, skp=follow_up.assessment.skp, role=ATASAN)
    if follow_up.is_done:
        return follow_up
    follow_up.is_done = True
    follow_up.save(update_fields=["is_done"])
    audit_record(
        actor=actor, action="update", instance=follow_up, changes={"is_done": [False, True]}
    )
    return follow_up


RECORDING_STATUSES = {"in_progress", "assessed"}


@transaction.atomic
def realisation_record(
    *, actor, indicator: SkpIndicator, period: Period, value=None, text: str = "", files=()
) -> SkpRealisation:
    """The ASN records (or corrects) an indicator's realisation for an open period of their
    SKP's year, with evidence files checked by size, type and content. All or nothing: a bad
    file leaves no realisation and no file behind."""
    # The SKP with what the checks and the notice read, in one query (its deadline-rush path).
    skp = Skp.objects.select_related("employee__unit", "atasan__user").get(
        pk=indicator.result.skp_id
    )
    _require_role(actor=actor, skp=skp, role=ASN)
    if skp.status not in RECORDING_STATUSES:
        raise ValidationError(
            _("Realisation is recorded once the SKP is approved and started."),
            code="skp_not_started",
        )
    if period.year != skp.year or period.instansi.path != skp.employee.unit.instansi_path:
        raise ValidationError({"period": _("The period must be of the SKP's government and year.")})
    period_require_open(period)
    checked = []
    for upload in files:
        head = upload.read(16)
        upload.seek(0)
        evidence_check(name=upload.name, size=upload.size, head=head)
        checked.append(upload)
    realisation = SkpRealisation.objects.filter(indicator=indicator, period=period).first()
    before = (
        {"value": str(realisation.value) if realisation.value is not None else None,
         "text": realisation.text}
        if realisation else {}
    )  # fmt: skip
    realisation = realisation or SkpRealisation(indicator=indicator, period=period)
    realisation.indicator, realisation.period = indicator, period  # read already (audit label)
    realisation.value = value
    realisation.text = (text or "").strip()
    realisation.full_clean()
    realisation.save()
    stored = []
    try:
        for upload in checked:
            stored.append(
                Evidence.objects.create(
                    realisation=realisation,
                    file=upload,
                    original_name=upload.name[:255],
                    size=upload.size,
                )  # fmt: skip
            )
    except Exception:
        for evidence in stored:
            evidence.file.delete(save=False)
        raise
    after = {"value": str(value) if value is not None else None, "text": realisation.text}
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if stored:
        changes["evidence"] = [None, [e.original_name for e in stored]]
    audit_record(
        actor=actor,
        action="update" if before else "create",
        instance=realisation,
        changes=changes,
    )
    notify(user=getattr(skp.atasan, "user", None), message=SKP_REALISATION, link=skp_link(skp),
           params={"name": skp.employee.full_name, "year": skp.year,
                   "period": Period.Kind(period.kind).label})  # fmt: skip
    return realisation


@transaction.atomic
def skp_expectations_set(
    *, actor, skp: Skp, expectations: dict[str, str], version: int | None = None
) -> None:
    """The atasan writes their specific expectation (ekspektasi khusus pimpinan) per BerAKHLAK
    value, while the plan is still open for changes."""
    _require_role(actor=actor, skp=skp, role=ATASAN)
    if skp.status not in EDITABLE_PLAN_STATUSES | {"submitted"}:
        raise ValidationError(
            _("Expectations are set while the plan is being agreed."), code="skp_plan_locked"
        )
    if version is not None:
        check_version(Skp.objects.select_for_update().get(pk=skp.pk).version, version)
    changes = {}
    for behaviour in skp.behaviours.select_for_update():
        new = (expectations.get(behaviour.value) or "").strip()
        if new != behaviour.expectation:
            changes[behaviour.value] = [behaviour.expectation, new]
            behaviour.expectation = new
            behaviour.save(update_fields=["expectation"])
    if changes:
        Skp.objects.filter(pk=skp.pk).update(version=F("version") + 1)
        audit_record(actor=actor, action="update", instance=skp, changes=changes)


def _require_today_open(skp: Skp) -> None:
    """A check-in is dated today and belongs to the evaluation of every period of the SKP that
    covers today: refuse it once one of them is closed (its evaluation is final)."""
    today = timezone.localdate()
    closed = (
        Period.objects.filter(
            instansi__path=skp.employee.unit.instansi_path,
            year=skp.year,
            start__lte=today,
            end__gte=today,
            status=Period.Status.CLOSED,
        )  # fmt: skip
        .order_by("-start")
        .first()
    )
    if closed is not None:
        period_require_open(closed)


LAMPIRAN_FIELDS = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


@transaction.atomic
def skp_lampiran_set(
    *,
    actor,
    skp: Skp,
    dukungan_sumber_daya: str,
    skema_pertanggungjawaban: str,
    konsekuensi: str,
    version: int,
) -> Skp:
    """The lampiran SKP (dukungan sumber daya, skema pertanggungjawaban, konsekuensi), agreed
    between the ASN and the atasan: the ASN writes it while the plan is editable, the atasan
    also while it waits for approval (as with the expectations)."""
    role = skp_actor_role(actor=actor, skp=skp)
    if role is None:
        raise PermissionDenied
    editable = EDITABLE_PLAN_STATUSES | ({"submitted"} if role == ATASAN else set())
    if skp.status not in editable:
        raise ValidationError(
            _("The plan can be changed only while it is a draft or returned."),
            code="skp_plan_locked",
        )
    locked = Skp.objects.select_for_update().get(pk=skp.pk)
    check_version(locked.version, version)
    new = {
        "dukungan_sumber_daya": dukungan_sumber_daya,
        "skema_pertanggungjawaban": skema_pertanggungjawaban,
        "konsekuensi": konsekuensi,
    }
    changes = {}
    for name in LAMPIRAN_FIELDS:
        value = (new[name] or "").strip()
        if value != getattr(locked, name):
            changes[name] = [getattr(locked, name), value]
            setattr(locked, name, value)
    if changes:
        locked.version += 1
        locked.full_clean()
        locked.save(update_fields=[*changes, "version", "updated_at"])
        audit_record(actor=actor, action="update", instance=locked, changes=changes)
    return locked


@transaction.atomic
def check_in_add(*, actor, skp: Skp, text: str, result=None, value: str = "") -> CheckIn:
    """A check-in by the atasan or a reply by the ASN on the SKP's timeline."""
    role = skp_actor_role(actor=actor, skp=skp)
    if role is None:
        raise ValidationError(
            _("Only the SKP's owner and their direct supervisor may move it."),
            code="skp_wrong_role",
        )
    if result is not None and result.skp_id != skp.pk:
        raise ValidationError({"result": _("Choose a result of this SKP.")})
    _require_today_open(skp)
    author = skp.employee if role == ASN else skp.atasan
    check_in = CheckIn(skp=skp, author=author, text=(text or "").strip(), result=result,
                       value=value or "")  # fmt: skip
    check_in.full_clean()
    check_in.save()
    audit_record(
        actor=actor, action="create", instance=check_in, changes={"text": [None, check_in.text]}
    )
    other = skp.employee if role == ATASAN else skp.atasan
    notify(user=getattr(other, "user", None), link=skp_link(skp, DIALOG_ANCHOR),
           message=SKP_FEEDBACK if role == ATASAN else SKP_REPLY,
           params={"name": author.full_name, "year": skp.year})  # fmt: skip
    return check_in


@transaction.atomic
def org_goal_add(*, actor, opd, year: int, text: str) -> OrgGoal:
    """An OPD's organisational goal for a year (its perjanjian kinerja)."""
    if opd.kind != "opd":
        raise ValidationError(_("Organisational goals belong to an agency (OPD)."))
    goal = OrgGoal(opd=opd, year=year, text=(text or "").strip())
    goal.full_clean()
    goal.save()
    audit_record(actor=actor, action="create", instance=goal, changes={"text": [None, goal.text]})
    return goal


@transaction.atomic
def predikat_recompute_all(*, actor, year: int) -> int:
    """Recompute every stored predikat of a year from its two ratings (after a correction of
    the matrix or of data); returns how many changed. The pure rule is applied in Python over
    one locked read; the changed rows and one audit row each are written in bulk."""
    changed, entries = [], []
    assessments = (
        SkpAssessment.objects.select_for_update(of=("self",))
        .filter(period__year=year)
        .select_related("skp__employee", "period")
    )
    for assessment in assessments:
        predikat = predikat_kinerja(assessment.hasil_kerja, assessment.perilaku_kerja)
        if predikat != assessment.predikat:
            old, assessment.predikat = assessment.predikat, predikat
            changed.append(assessment)
            entries.append(
                audit_entry(
                    actor=actor,
                    action="update",
                    instance=assessment,
                    changes={"predikat": [old, predikat]},
                )
            )
    SkpAssessment.objects.bulk_update(changed, ["predikat"], batch_size=2000)
    AuditLog.objects.bulk_create(entries, batch_size=2000)
    return len(changed)
