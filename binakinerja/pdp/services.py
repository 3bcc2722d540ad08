"""Writes of the PDP duties: filing and answering data-subject requests, recording breaches and
their notices. Each is atomic and audited; the requester hears of the answer."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.notifications import notify
from binakinerja.core.scoping import reach_of
from binakinerja.pdp.models import CLOCK, Breach, DataCategory, Exemption, SubjectRequest
from binakinerja.pdp.selectors import governments_for, may_handle

REQUEST_FIELDS = ("kind", "details", "channel", "received_at", "deadline", "status",
                  "exemption", "decision", "decided_by", "decided_at")  # fmt: skip
BREACH_FIELDS = ("instansi", "discovered_at", "deadline", "description", "categories",
                 "affected_count", "measures", "subjects_notified_at",
                 "authority_notified_at")  # fmt: skip
MAX_DETAILS = 4000


def _not_future(value: dt.datetime, field: str) -> None:
    if value > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({field: _("This time lies in the future.")})


@transaction.atomic
def request_file(*, actor, employee, kind: str, details: str,
                 received_at: dt.datetime | None = None) -> SubjectRequest:  # fmt: skip
    """A request about `employee`'s data: filed online by the person themself, or recorded by
    an admin of their government from a paper letter (with the time it arrived). The 3 × 24
    hour clock runs from `received_at`."""
    own = reach_of(actor).employee_id == employee.pk
    if own and received_at is None:
        channel, received_at = SubjectRequest.Channel.ONLINE, timezone.now()
    elif _handles(actor, employee):
        channel = SubjectRequest.Channel.PAPER
        received_at = received_at or timezone.now()
        _not_future(received_at, "received_at")
    else:
        raise PermissionDenied
    details = (details or "").strip()
    if not details:
        raise ValidationError({"details": _("Say what you ask for.")})
    if len(details) > MAX_DETAILS:
        raise ValidationError(
            {"details": _("Keep it under %(n)s characters.") % {"n": MAX_DETAILS}}
        )
    request = SubjectRequest(employee=employee, kind=kind, details=details, channel=channel,
                             received_at=received_at, deadline=received_at + CLOCK,
                             filed_by=actor)  # fmt: skip
    request.full_clean()
    request.save()
    audit_record(actor=actor, action="create", instance=request,
                 changes=creation_changes(snapshot(request, REQUEST_FIELDS)))  # fmt: skip
    if channel == SubjectRequest.Channel.PAPER and employee.user_id:
        notify(user=employee.user, link=reverse("pdp:request_detail", args=[request.pk]),
               message=gettext_noop("Your request about your personal data (%(kind)s) was "
                                    "recorded; it is answered within 3 × 24 hours."),
               params={"kind": request.get_kind_display()})  # fmt: skip
    return request


def _handles(actor, employee) -> bool:
    if not may_handle(actor):
        return False
    reach = reach_of(actor)
    return reach.manages_everything or any(
        employee.unit.path.startswith(path) for path in reach.admin_paths
    )


@transaction.atomic
def request_decide(*, actor, request: SubjectRequest, outcome: str, decision: str,
                   exemption: str = "", version) -> SubjectRequest:  # fmt: skip
    """Answer an open request: completed (what was done), or refused with a Pasal 15
    exemption and the reason. The requester is told."""
    locked = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if not _handles(actor, locked.employee):
        raise PermissionDenied
    check_version(locked.version, version)
    if not locked.is_open:
        raise ValidationError(_("This request was already answered."))
    decision = (decision or "").strip()
    if outcome not in (SubjectRequest.Status.COMPLETED, SubjectRequest.Status.REFUSED):
        raise ValidationError({"outcome": _("Choose to complete or to refuse the request.")})
    if not decision:
        raise ValidationError({"decision": _("Write the answer: what was done, or why not.")})
    if outcome == SubjectRequest.Status.REFUSED:
        if exemption not in Exemption.values:
            raise ValidationError({"exemption": _("A refusal names the exemption it rests on.")})
    else:
        exemption = ""
    before = snapshot(locked, REQUEST_FIELDS)
    locked.status, locked.decision, locked.exemption = outcome, decision[:MAX_DETAILS], exemption
    locked.decided_by, locked.decided_at = actor, timezone.now()
    locked.version += 1
    locked.full_clean()
    locked.save()
    audit_record(actor=actor, action="update", instance=locked,
                 changes=diff(before, snapshot(locked, REQUEST_FIELDS)))  # fmt: skip
    if locked.employee.user_id:
        notify(user=locked.employee.user,
               link=reverse("pdp:request_detail", args=[locked.pk]),
               message=gettext_noop("Your request about your personal data (%(kind)s) was "
                                    "answered: %(status)s."),
               params={"kind": locked.get_kind_display(),
                       "status": locked.get_status_display()})  # fmt: skip
    return locked


@transaction.atomic
def breach_record(*, actor, instansi, discovered_at: dt.datetime, description: str,
                  categories: list[str], affected, affected_count: int | None,
                  measures: str) -> Breach:  # fmt: skip
    """Record a breach of `instansi`. Affected persons are named (employees of that government
    the actor administers) or counted; the count is at least the number named."""
    if not governments_for(actor).filter(pk=instansi.pk).exists():
        raise PermissionDenied
    _not_future(discovered_at, "discovered_at")
    affected = list(affected)
    outside = [e for e in affected if not e.unit.path.startswith(instansi.path)]
    if outside:
        raise ValidationError({"affected": _("%(name)s is not an employee of this government.")
                               % {"name": outside[0].full_name}})  # fmt: skip
    unknown = [c for c in categories if c not in DataCategory.values]
    if not categories or unknown:
        raise ValidationError({"categories": _("Choose the categories of data concerned.")})
    count = max(affected_count or 0, len(affected))
    if count == 0:
        raise ValidationError({"affected_count": _("Name the affected persons or count them.")})
    breach = Breach(instansi=instansi, discovered_at=discovered_at,
                    deadline=discovered_at + CLOCK, description=(description or "").strip(),
                    categories=list(dict.fromkeys(categories)), affected_count=count,
                    measures=(measures or "").strip(), recorded_by=actor)  # fmt: skip
    breach.full_clean()
    breach.save()
    breach.affected.set(affected)
    changes = creation_changes(snapshot(breach, BREACH_FIELDS))
    changes["affected"] = [None, len(affected)]
    audit_record(actor=actor, action="create", instance=breach, changes=changes)
    return breach


@transaction.atomic
def breach_mark_notified(*, actor, breach: Breach, whom: str, at: dt.datetime) -> Breach:
    """Record when the affected persons (`whom="subjects"`) or the authority were told."""
    if not governments_for(actor).filter(pk=breach.instansi_id).exists():
        raise PermissionDenied
    field = {"subjects": "subjects_notified_at", "authority": "authority_notified_at"}.get(whom)
    if field is None:
        raise ValidationError({"whom": _("Choose who was notified.")})
    locked = Breach.objects.select_for_update().get(pk=breach.pk)
    _not_future(at, "at")
    if at < locked.discovered_at.replace(second=0, microsecond=0):
        raise ValidationError({"at": _("The notice cannot come before the discovery.")})
    before = snapshot(locked, BREACH_FIELDS)
    setattr(locked, field, at)
    locked.save(update_fields=[field])
    audit_record(actor=actor, action="update", instance=locked,
                 changes=diff(before, snapshot(locked, BREACH_FIELDS)))  # fmt: skip
    return locked
