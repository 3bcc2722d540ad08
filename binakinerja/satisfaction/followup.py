"""Follow-up actions (tindak lanjut) on a survey period's results: writes, atomic and audited.

The caller has already checked that `actor` manages the period's service unit (the views go
through `selectors.period_get_for_user(..., write=True)`); these functions check the data.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import StaleVersionError, parse_version
from binakinerja.satisfaction.models import ImprovementAction, SurveyPeriod, SurveyResponse
from binakinerja.satisfaction.rules import ELEMENT_COUNT

AUDITED = ("period", "element", "response", "action", "responsible", "due_on", "status")
_UNCHANGED = object()


def _check_element(element: int | None) -> None:
    if element is not None and not 1 <= element <= ELEMENT_COUNT:
        raise ValidationError({"element": _("Choose one of the nine elements.")})


@transaction.atomic
def improvement_action_add(
    *,
    actor,
    period: SurveyPeriod,
    action: str,
    responsible: str = "",
    due_on: dt.date | None = None,
    element: int | None = None,
    response: SurveyResponse | None = None,
) -> ImprovementAction:
    """Record a follow-up action on the period, on one element or on one respondent's
    suggestion."""
    text = (action or "").strip()
    if not text:
        raise ValidationError({"action": _("Describe the action.")})
    _check_element(element)
    if response is not None and (
        response.period_id != period.pk or response.status != SurveyResponse.Status.VALID
    ):
        raise ValidationError({"response": _("The suggestion is not one of this period's.")})
    record = ImprovementAction(
        period=period,
        element=element,
        response=response,
        action=text,
        responsible=(responsible or "").strip(),
        due_on=due_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="create",
        instance=record,
        changes=creation_changes(snapshot(record, AUDITED)),
    )
    return record


@transaction.atomic
def improvement_action_update(
    *,
    actor,
    action: ImprovementAction,
    status: str,
    version: int,
    responsible=_UNCHANGED,
    due_on=_UNCHANGED,
) -> ImprovementAction:
    """Change an action's status (and, when given, who is responsible and the due date). The
    write is conditional on the version the actor saw: of two racing edits one is refused."""
    if status not in ImprovementAction.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    before = snapshot(action, AUDITED)
    values = {"status": status}
    if responsible is not _UNCHANGED:
        values["responsible"] = (responsible or "").strip()[:200]
    if due_on is not _UNCHANGED:
        values["due_on"] = due_on
    updated = ImprovementAction.objects.filter(pk=action.pk, version=parse_version(version)).update(
        version=F("version") + 1, **values
    )
    if not updated:
        raise StaleVersionError()
    action.refresh_from_db()
    changes = diff(before, snapshot(action, AUDITED))
    if changes:
        audit_record(actor=actor, action="update", instance=action, changes=changes)
    return action
