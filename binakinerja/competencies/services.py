"""Writes of competency data: assessments of competency and potential, position standards and
the technical competencies of the dictionary.

Each is atomic, keyword-only and audited. Assessments are history: a new one is a new row and
never changes an older one. The actor's write scope is checked here as well, because an
assessment addresses an employee and a standard a position of some unit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binakinerja.competencies.models import (
    AssessmentMethod,
    Competency,
    CompetencyAssessment,
    CompetencyGroup,
    CompetencyLevel,
    PositionStandard,
    PotentialAssessment,
    PotentialClass,
)
from binakinerja.competencies.rules import MAX_LEVEL, MIN_LEVEL, default_required_level
from binakinerja.core.audit import audit_entry, audit_record, creation_changes, diff, snapshot
from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.selectors import can_manage_unit
from binakinerja.people.models import Employee

ASSESSMENT_FIELDS = [
    "employee", "competency", "level", "assessed_on", "method", "assessor", "evidence",
]  # fmt: skip
POTENTIAL_FIELDS = ["employee", "potential", "score", "assessed_on", "method", "assessor"]
STANDARD_FIELDS = ["position", "competency", "level"]
TECHNICAL_FIELDS = ["code", "group", "name", "field", "definition"]
# The regulation's groups a default standard covers: the 8 manajerial and the socio-cultural one.
DEFAULT_STANDARD_GROUPS = (CompetencyGroup.MANAJERIAL, CompetencyGroup.SOSIAL_KULTURAL)
MAX_SCORE = Decimal("9999.99")


# --- checks shared with the import --------------------------------------------------------------


def level_error(level):
    """The message for a level that is not a whole number 1–5, or None."""
    if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        return _("The level must be a whole number from %(min)d to %(max)d.") % {
            "min": MIN_LEVEL,
            "max": MAX_LEVEL,
        }
    return None


def date_error(assessed_on, today: dt.date):
    if not isinstance(assessed_on, dt.date):
        return _("Enter the assessment date.")
    if assessed_on > today:
        return _("The assessment date cannot be in the future.")
    return None


def method_error(method):
    if method not in AssessmentMethod.values:
        return _("Unknown method: use %(methods)s.") % {
            "methods": ", ".join(AssessmentMethod.values)
        }
    return None


def score_error(score):
    if score is None:
        return None
    if not isinstance(score, Decimal | int) or isinstance(score, bool):
        return _("The score must be a number.")
    if not 0 <= Decimal(score) <= MAX_SCORE:
        return _("The score must lie between 0 and %(max)s.") % {"max": MAX_SCORE}
    return None


def _refuse(errors: dict) -> None:
    errors = {name: message for name, message in errors.items() if message}
    if errors:
        raise ValidationError(errors)


def _check_employee(actor, employee) -> None:
    if not Employee.objects.editable_by(actor).filter(pk=employee.pk).exists():
        raise ValidationError(
            _("You may not record assessments for this employee."), code="outside_scope"
        )


# --- assessments --------------------------------------------------------------------------------

MARK_CHUNK = 500


@transaction.atomic
def assessments_mark_current(*, employee_ids, competency_ids=None) -> None:
    """Set `is_current` on the newest assessment (by assessed_on, then pk) of each of these
    employees' competencies and clear it on the others. Two statements per chunk: clearing
    first keeps the one-current constraint true after every row on every database. Single
    writes call it under a lock on the employee.

    Not audited on its own, on purpose: the flag is derived from the assessment history and
    changes only because an audited service (`assessment_record`, the assessment import)
    added to that history in the same transaction; its audit row already says what changed.
    Whoever rebuilds the flag outside those services (the demo seeder, a repair) changes no
    assessment, so there is nothing to record."""
    ids = sorted(set(employee_ids))
    for start in range(0, len(ids), MARK_CHUNK):
        rows = CompetencyAssessment.objects.filter(employee_id__in=ids[start : start + MARK_CHUNK])
        if competency_ids is not None:
            rows = rows.filter(competency_id__in=list(competency_ids))
        rows.filter(is_current=True).update(is_current=False)
        newest = (
            CompetencyAssessment.objects.filter(
                employee_id=OuterRef("employee_id"), competency_id=OuterRef("competency_id")
            )
            .order_by("-assessed_on", "-pk")
            .values("pk")[:1]
        )
        rows.filter(pk=Subquery(newest)).update(is_current=True)


@transaction.atomic
def assessment_record(
    *, actor, employee, competency, level, assessed_on, method, assessor="", evidence=""
) -> CompetencyAssessment:
    """Record one measured level; older assessments stay as they are (history)."""
    _check_employee(actor, employee)
    _refuse({
        "competency": None if competency.is_active
        else _("The competency %(name)s is no longer in use.") % {"name": competency.name},
        "level": level_error(level),
        "assessed_on": date_error(assessed_on, timezone.localdate()),
        "method": method_error(method),
    })  # fmt: skip
    assessment = CompetencyAssessment(
        employee=employee, competency=competency, level=level, assessed_on=assessed_on,
        method=method, assessor=(assessor or "").strip(), evidence=(evidence or "").strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    assessment.full_clean()
    # One writer per employee at a time, so two assessments recorded together cannot both
    # become the current one.
    Employee.objects.select_for_update().filter(pk=employee.pk).values_list("pk").first()
    assessment.save()
    assessments_mark_current(employee_ids=[employee.pk], competency_ids=[competency.pk])
    assessment.is_current = CompetencyAssessment.objects.get(pk=assessment.pk).is_current
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=assessment,
        changes=creation_changes(snapshot(assessment, ASSESSMENT_FIELDS)),
    )  # fmt: skip
    return assessment


@transaction.atomic
def potential_record(
    *, actor, employee, potential, score, assessed_on, method, assessor=""
) -> PotentialAssessment:
    """Record one potential class (tinggi / menengah / rendah) and its score; history kept."""
    _check_employee(actor, employee)
    _refuse({
        "potential": None if potential in PotentialClass.values
        else _("The potential must be tinggi, menengah or rendah."),
        "score": score_error(score),
        "assessed_on": date_error(assessed_on, timezone.localdate()),
        "method": method_error(method),
    })  # fmt: skip
    assessment = PotentialAssessment(
        employee=employee, potential=potential, score=score, assessed_on=assessed_on,
        method=method, assessor=(assessor or "").strip(),
    )  # fmt: skip
    assessment.full_clean()
    assessment.save()
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=assessment,
        changes=creation_changes(snapshot(assessment, POTENTIAL_FIELDS)),
    )  # fmt: skip
    return assessment


# --- position standards -------------------------------------------------------------------------


def _check_position(actor, position) -> None:
    if not can_manage_unit(actor, position.unit_id):
        raise ValidationError(
            _("You may not change the standards of this position."), code="outside_scope"
        )


@transaction.atomic
def position_standard_set(*, actor, position, competency, level) -> PositionStandard:
    """Set the level a position requires of a competency (update or create)."""
    _check_position(actor, position)
    _refuse({
        "competency": None if competency.is_active
        else _("The competency %(name)s is no longer in use.") % {"name": competency.name},
        "level": level_error(level),
    })  # fmt: skip
    standard = (
        PositionStandard.objects.select_for_update()
        .filter(position=position, competency=competency)
        .first()
    )
    if standard is None:
        standard = PositionStandard.objects.create(
            position=position, competency=competency, level=level
        )
        audit_record(
            actor=actor, action=AuditLog.Action.CREATE, instance=standard,
            changes=creation_changes(snapshot(standard, STANDARD_FIELDS)),
        )  # fmt: skip
        return standard
    before = snapshot(standard, STANDARD_FIELDS)
    if standard.level != level:
        standard.level = level
        standard.save(update_fields=["level"])
        audit_record(
            actor=actor, action=AuditLog.Action.UPDATE, instance=standard,
            changes=diff(before, snapshot(standard, STANDARD_FIELDS)),
        )  # fmt: skip
    return standard


@transaction.atomic
def position_standards_apply_defaults(*, actor, position) -> list[PositionStandard]:
    """Create the missing standards of the 8 manajerial competencies and Perekat Bangsa at the
    default level of the position's kind (rules.default_required_level); existing ones stay."""
    _check_position(actor, position)
    level = default_required_level(position.kind, position.level)
    if level is None:
        raise ValidationError(
            _("There is no default level for this kind of position; set the levels one by one."),
            code="no_default",
        )
    present = set(
        PositionStandard.objects.filter(position=position).values_list("competency_id", flat=True)
    )
    missing = Competency.objects.filter(group__in=DEFAULT_STANDARD_GROUPS, is_active=True).exclude(
        pk__in=present
    )
    created = PositionStandard.objects.bulk_create(
        [PositionStandard(position=position, competency=c, level=level) for c in missing]
    )
    AuditLog.objects.bulk_create(
        [
            audit_entry(
                actor=actor,
                action=AuditLog.Action.CREATE,
                instance=standard,
                changes=creation_changes(snapshot(standard, STANDARD_FIELDS)),
                reason="level bawaan jenis jabatan",
            )  # fmt: skip
            for standard in created
        ]
    )
    return created


# --- technical competencies (kompetensi teknis): admins BKPSDM only -----------------------------


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
