"""Defining technical competencies (kompetensi teknis): admins BKPSDM only, audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from binakinerja.competencies.models import Competency, CompetencyGroup, CompetencyLevel
from binakinerja.competencies.rules import MAX_LEVEL, MIN_LEVEL
from binakinerja.core.audit import audit_record, creation_changes, snapshot
from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of

TECHNICAL_FIELDS = ["code", "group", "name", "field", "definition"]


def can_define_technical(user) -> bool:
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.admin_paths)


@transaction.atomic
def technical_competency_create(
    *, actor, code, name, field, definition="", levels=None
) -> Competency:
    """Create a technical competency; `levels` maps 1–5 to level descriptions (optional)."""
    if not can_define_technical(actor):
        raise PermissionDenied
    code, name = (code or "").strip().upper(), (name or "").strip()
    field, definition = (field or "").strip(), (definition or "").strip()
    errors = {}
    if not code:
        errors["code"] = _("Enter the code.")
    elif len(code) > Competency._meta.get_field("code").max_length:
        errors["code"] = _("The code is too long.")
    elif Competency.objects.filter(code__iexact=code).exists():
        errors["code"] = _("The code %(code)s is already in use.") % {"code": code}
    if not name:
        errors["name"] = _("Enter the name.")
    if not field:
        errors["field"] = _("Enter the field of the technical competency.")
    levels = {key: (text or "").strip() for key, text in (levels or {}).items()}
    if any(
        isinstance(key, bool) or not isinstance(key, int) or not MIN_LEVEL <= key <= MAX_LEVEL
        for key in levels
    ):
        errors["levels"] = _("The level must be a whole number from %(min)d to %(max)d.") % {
            "min": MIN_LEVEL,
            "max": MAX_LEVEL,
        }
    if errors:
        raise ValidationError(errors)
    competency = Competency(
        code=code, group=CompetencyGroup.TEKNIS, name=name, field=field, definition=definition
    )
    competency.full_clean()
    competency.save()
    created_levels = CompetencyLevel.objects.bulk_create(
        [
            CompetencyLevel(competency=competency, level=level, title=text)
            for level, text in sorted(levels.items())
            if text
        ]
    )
    changes = snapshot(competency, TECHNICAL_FIELDS)
    if created_levels:
        changes["levels"] = {str(item.level): item.title for item in created_levels}
    audit_record(
        actor=actor,
        action=AuditLog.Action.CREATE,
        instance=competency,
        changes=creation_changes(changes),
    )
    return competency
