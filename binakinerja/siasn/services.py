"""Sending finished SKP results and JP records to SIASN (admins BKPSDM of the government).

Each record is sent once: a record whose last submission was accepted and whose content has
not changed since (same `payloads.fingerprint`) is refused. After a change it may be sent
again and SIASN gets the `id` of its earlier record, so the record is replaced rather than
doubled. A failed attempt (SIASN refused the data, or could not be reached) is recorded with
SIASN's message and may be retried. Every attempt is one `SiasnSubmission` row and one audit
record, written together after SIASN answered (the HTTP call is never inside a database
transaction); a short cache lock keeps two admins from sending the same record at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from binakinerja.core.audit import audit_record
from binakinerja.siasn import payloads
from binakinerja.siasn.client import SiasnClient, SiasnError
from binakinerja.siasn.models import SiasnSubmission
from binakinerja.siasn.selectors import may_send_for

LOCK_SECONDS = 120


def kind_of(obj) -> str:
    """`skp` for an SKP assessment, else `kursus`/`diklat` for a JP record."""
    if obj._meta.model_name == "skpassessment":
        return payloads.SKP
    return payloads.kind_of_record(obj)


def _employee(obj):
    return obj.skp.employee if kind_of(obj) == payloads.SKP else obj.employee


def _year(obj) -> int:
    return obj.skp.year if kind_of(obj) == payloads.SKP else obj.year


def _record_field(obj) -> str:
    return "assessment" if kind_of(obj) == payloads.SKP else "jp_record"


def latest_submission(obj) -> SiasnSubmission | None:
    return SiasnSubmission.objects.filter(**{_record_field(obj): obj}).order_by("-pk").first()


def content_fingerprint(obj) -> str:
    """The fingerprint of `obj` as it is now ("" when its payload cannot be built)."""
    try:
        return payloads.fingerprint(payloads.payload_for(kind_of(obj), obj))
    except payloads.PayloadError:
        return ""


def unchanged_since_sent(obj, last: SiasnSubmission | None) -> bool:
    return bool(last and last.status == SiasnSubmission.Status.SENT
                and last.fingerprint == content_fingerprint(obj))  # fmt: skip


def _replaced_id(obj) -> str | None:
    """SIASN's id of this record's last accepted submission: a resend replaces it."""
    return (
        SiasnSubmission.objects.filter(**{_record_field(obj): obj}, status="sent")
        .exclude(siasn_id="")
        .order_by("-pk")
        .values_list("siasn_id", flat=True)
        .first()
    )


def submission_send(*, actor, obj, client: SiasnClient) -> SiasnSubmission:
    """Send one finished SKP result (`SkpAssessment`) or JP record to SIASN and record the
    attempt. Refuses (ValidationError, nothing written) a record already sent and unchanged,
    or being sent by someone else right now; PermissionDenied outside the actor's government."""
    employee = _employee(obj)
    if not may_send_for(actor, employee):
        raise PermissionDenied
    kind, field_name = kind_of(obj), _record_field(obj)
    last = latest_submission(obj)
    if unchanged_since_sent(obj, last):
        when = formats.date_format(timezone.localtime(last.sent_at), "j F Y H:i")
        raise ValidationError(_("Already sent to SIASN on %(when)s and unchanged since.")
                              % {"when": when})  # fmt: skip
    lock = f"siasn:sending:{field_name}:{obj.pk}"
    if not cache.add(lock, 1, LOCK_SECONDS):
        raise ValidationError(_("This record is being sent to SIASN right now."))
    try:
        return _send(actor=actor, obj=obj, kind=kind, field_name=field_name, employee=employee,
                     client=client)  # fmt: skip
    finally:
        cache.delete(lock)


def _send(*, actor, obj, kind, field_name, employee, client) -> SiasnSubmission:
    siasn_id = _replaced_id(obj)
    status, answer, new_id = SiasnSubmission.Status.FAILED, "", ""
    try:
        payload = payloads.payload_for(kind, obj)
    except payloads.PayloadError as error:
        payload, answer = {}, str(error)
        error_kind = "data"
    else:
        try:
            payload = payloads.payload_for(
                kind, obj, pns_id=client.pns_id(employee.nip),
                instansi_id=settings.SIASN_INSTANSI_ID, siasn_id=siasn_id,
            )  # fmt: skip
            new_id, answer = client.save(payloads.ENDPOINTS[kind], payload,
                                         id_key=payloads.ID_KEYS[kind])  # fmt: skip
            status = SiasnSubmission.Status.SENT
            error_kind = ""
        except SiasnError as error:
            answer = error.message
            error_kind = "rejected" if error.rejected else "unavailable"
    with transaction.atomic():
        submission = SiasnSubmission.objects.create(
            kind=kind, **{field_name: obj}, reference=f"{obj._meta.label_lower}:{obj.pk}",
            employee=employee, year=_year(obj), payload=payload,
            # The content without SIASN's ids: the same as before the ids were filled in.
            fingerprint=payloads.fingerprint(payload) if payload else "",
            status=status, siasn_id=new_id, answer=answer[:2000], sent_by=actor,
        )  # fmt: skip
        audit_record(
            actor=actor, action="siasn_send", instance=submission,
            object_repr=f"SIASN {payloads.ENDPOINTS[kind]} · {employee.nip} · {obj.pk}",
            changes={"status": [None, status], "siasn_id": [None, new_id or None],
                     "replaces": [None, siasn_id]},
            reason=answer[:500] if status == SiasnSubmission.Status.FAILED else "",
        )  # fmt: skip
    submission.error_kind = error_kind
    return submission


@dataclass
class BatchResult:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # already sent and unchanged, or being sent by someone else
    stopped: str = ""  # why the batch stopped early (SIASN unreachable)
    messages: list[str] = field(default_factory=list)


def submissions_send(*, actor, objects, client: SiasnClient) -> BatchResult:
    """Send several records in turn. A record SIASN refuses is recorded and the batch goes on;
    when SIASN cannot be reached at all the batch stops after recording that attempt, rather
    than waiting out the timeout once per record."""
    result = BatchResult()
    for obj in objects:
        try:
            submission = submission_send(actor=actor, obj=obj, client=client)
        except ValidationError as error:
            result.skipped += 1
            result.messages.extend(error.messages)
            continue
        if submission.status == SiasnSubmission.Status.SENT:
            result.sent += 1
            continue
        result.failed += 1
        if submission.error_kind == "unavailable":
            result.stopped = submission.answer
            break
    return result
