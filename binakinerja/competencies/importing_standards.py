"""Import of position competency standards (standar kompetensi jabatan) from XLSX: one row per
position × competency, all or nothing.

Layout (first sheet; columns by name, case and spacing ignored):

    KODE UNIT | UNIT KERJA | JABATAN | JENJANG | KODE KOMPETENSI | NAMA KOMPETENSI | LEVEL

- The unit: KODE UNIT (the unit's code, e.g. the SIASN UNOR ID) or UNIT KERJA (its name as the
  organisation tree writes it); one of the two columns must be present, and when both are filled
  the code wins. A name several active units share is narrowed to the units the importer
  manages; if that still leaves more than one, the row needs KODE UNIT.
- JABATAN: the position's name in that unit. JENJANG (optional): the functional level (e.g.
  terampil, ahli pertama), needed only when the unit has positions of the same name at several
  levels.
- KODE KOMPETENSI (e.g. M1, SK1, T-KEP-1) or NAMA KOMPETENSI (e.g. Integritas): one of the two
  columns must be present; when both are filled the code wins. Only active competencies of the
  dictionary (manajerial, sosial kultural, teknis).
- LEVEL: the required level, a whole number 1–5.

Any invalid row — unknown unit or position, a position of a unit the importer does not manage,
unknown or inactive competency, bad level, the same position × competency twice in the file —
means nothing is written; every error is reported by row, column, value and reason. A valid file
updates the standards that exist and creates the others in one transaction: one audit record per
created or changed standard and one record for the whole import with its counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from binakinerja.competencies.models import Competency, PositionStandard
from binakinerja.competencies.rules import (
    COMPETENCY_COLUMNS,
    competency_column,
    competency_tables,
    find_competency,
    level_of,
    word_key,
)
from binakinerja.competencies.services import STANDARD_FIELDS, level_error
from binakinerja.core.audit import audit_entry, audit_record, creation_changes, diff, snapshot
from binakinerja.core.exporting import xlsx_bytes
from binakinerja.core.models import AuditLog
from binakinerja.core.spreadsheets import (
    ImportResult,
    cell_text,
    is_blank,
    require_rows,
    xlsx_rows,
)
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import orgunit_list_visible_to
from binakinerja.people.models import Position

COLUMNS = [
    "KODE UNIT", "UNIT KERJA", "JABATAN", "JENJANG", "KODE KOMPETENSI", "NAMA KOMPETENSI",
    "LEVEL",
]  # fmt: skip
ALIASES = {
    "UNIT": "UNIT KERJA",
    "NAMA UNIT": "UNIT KERJA",
    "NAMA JABATAN": "JABATAN",
    "JENJANG JABATAN": "JENJANG",
    "KODE": "KODE KOMPETENSI",
    "KOMPETENSI": "NAMA KOMPETENSI",
    "LEVEL STANDAR": "LEVEL",
    "LEVEL DIBUTUHKAN": "LEVEL",
}
REQUIRED = ["JABATAN", "LEVEL"]
UNIT_COLUMNS = ("KODE UNIT", "UNIT KERJA")
MAX_ROWS = 20_000
AUDIT_REASON = "impor XLSX standar kompetensi"


@dataclass
class StandardImportResult(ImportResult):
    unchanged: int = 0


class _Resolver:
    """Units and positions looked up once per distinct value of the file."""

    def __init__(self, actor):
        self.actor = actor
        self.units: dict[tuple[str, str], tuple[OrgUnit | None, str]] = {}
        self.positions: dict[int, list[Position]] = {}

    def unit(self, column: str, value) -> tuple[OrgUnit | None, str]:
        """(unit, "") or (None, reason) for a KODE UNIT or UNIT KERJA cell."""
        text = " ".join(cell_text(value).split())
        key = (column, text.upper())
        if key not in self.units:
            self.units[key] = self._unit(column, text)
        return self.units[key]

    def _unit(self, column: str, text: str) -> tuple[OrgUnit | None, str]:
        by_code = column == "KODE UNIT"
        lookup = {"code__iexact": text} if by_code else {"name__iexact": text}
        candidates = list(OrgUnit.objects.filter(is_active=True, **lookup).order_by("pk")[:50])
        if not candidates:
            return None, (
                _("No active unit has this code.") if by_code
                else _("No active unit has this name.")
            )  # fmt: skip
        writable = list(
            orgunit_list_visible_to(self.actor, write=True)
            .filter(pk__in=[u.pk for u in candidates])
            .order_by("pk")
        )
        if not writable:
            return None, _("This unit is outside the units you manage.")
        if len(writable) > 1:
            return None, (
                _("Several units you manage have this code.") if by_code
                else _("Several units you manage have this name; give KODE UNIT.")
            )  # fmt: skip
        return writable[0], ""

    def positions_of(self, unit: OrgUnit) -> list[Position]:
        if unit.pk not in self.positions:
            self.positions[unit.pk] = list(Position.objects.filter(unit=unit).order_by("pk"))
        return self.positions[unit.pk]


def _level_matches(position: Position, value) -> bool:
    wanted = word_key(value)
    return wanted in {word_key(position.level), word_key(position.get_level_display())} - {""}


def position_standards_import(*, actor, upload) -> StandardImportResult:
    """Check every row, then update or create every standard in one transaction, or nothing.
    The importer's write scope is the units it may manage (`orgunit_list_visible_to(actor,
    write=True)`), as for services.position_standard_set."""
    result = StandardImportResult()
    error = result.error
    by_code, by_name = competency_tables(Competency.objects.all())
    resolver = _Resolver(actor)
    seen: dict[tuple[int, int], int] = {}
    wanted: dict[tuple[int, int], tuple[Position, Competency, int]] = {}

    rows = xlsx_rows(
        upload, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS, aliases=ALIASES,
        required_one_of=[COMPETENCY_COLUMNS, UNIT_COLUMNS],
    )  # fmt: skip
    for number, raw in rows:
        bad = False
        # the unit, then the position in it
        code, name = raw.get("KODE UNIT"), raw.get("UNIT KERJA")
        unit_column, unit_value = (
            ("KODE UNIT", code) if not is_blank(code) else ("UNIT KERJA", name)
        )
        position = None
        if is_blank(unit_value):
            error(number, unit_column, unit_value, _("Give the unit code or name."))
            bad = True
        else:
            unit, reason = resolver.unit(unit_column, unit_value)
            if unit is None:
                error(number, unit_column, unit_value, reason)
                bad = True
            else:
                position, column, reason = _find_position(resolver, unit, raw)
                if position is None:
                    error(number, column, raw.get(column), reason)
                    bad = True
        # the competency
        column, value = competency_column(raw)
        competency, reason = find_competency(column, value, by_code, by_name)
        if reason:
            error(number, column, value, reason)
            bad = True
        # the required level
        value = raw.get("LEVEL")
        try:
            level = level_of(value) if not is_blank(value) else None
        except ValueError:
            level = None
        if level_error(level):
            error(number, "LEVEL", value, level_error(level))
            bad = True
        if bad:
            continue
        key = (position.pk, competency.pk)
        if key in seen:
            error(number, column, raw.get(column),
                  _("Row %(row)d already sets this position and competency.")
                  % {"row": seen[key]})  # fmt: skip
            continue
        seen[key] = number
        wanted[key] = (position, competency, level)

    if result.errors:
        return result
    require_rows(wanted)
    try:
        _write(actor, wanted, result)
    except IntegrityError as error:
        # Someone set one of these standards at the same moment; nothing of the file was kept.
        raise ValidationError(
            _("The standards changed while the file was being saved; upload it again.")
        ) from error
    return result


def _find_position(resolver, unit, raw) -> tuple[Position | None, str, str]:
    """(position, "", "") or (None, column, reason) for a row whose unit is known."""
    name = raw.get("JABATAN")
    if is_blank(name):
        return None, "JABATAN", _("Give the position name.")
    matches = [p for p in resolver.positions_of(unit) if word_key(p.name) == word_key(name)]
    if not matches:
        return (
            None,
            "JABATAN",
            _("Unit %(unit)s has no position with this name.") % {"unit": unit.name},
        )
    level = raw.get("JENJANG")
    if not is_blank(level):
        matches = [p for p in matches if _level_matches(p, level)]
        if not matches:
            return None, "JENJANG", _("No position of this name in the unit has this level.")
    if len(matches) > 1:
        return None, "JABATAN", _("The unit has several positions with this name; give JENJANG.")
    return matches[0], "", ""


@transaction.atomic
def _write(actor, wanted: dict, result: StandardImportResult) -> None:
    position_ids = sorted({position_id for position_id, _c in wanted})
    # One writer per position at a time, as the assessment import does per employee.
    list(Position.objects.select_for_update().filter(pk__in=position_ids).values_list("pk"))
    existing = {
        (s.position_id, s.competency_id): s
        for s in PositionStandard.objects.select_related("position", "competency").filter(
            position_id__in=position_ids
        )
    }
    new, changed, entries = [], [], []
    for key, (position, competency, level) in wanted.items():
        standard = existing.get(key)
        if standard is None:
            new.append(PositionStandard(position=position, competency=competency, level=level))
        elif standard.level == level:
            result.unchanged += 1
        else:
            before = snapshot(standard, STANDARD_FIELDS)
            standard.level = level
            changed.append(standard)
            entries.append(audit_entry(
                actor=actor, action=AuditLog.Action.UPDATE, instance=standard,
                changes=diff(before, snapshot(standard, STANDARD_FIELDS)), reason=AUDIT_REASON,
            ))  # fmt: skip
    PositionStandard.objects.bulk_update(changed, ["level"], batch_size=500)
    created = PositionStandard.objects.bulk_create(new, batch_size=500)
    entries += [
        audit_entry(
            actor=actor,
            action=AuditLog.Action.CREATE,
            instance=standard,
            changes=creation_changes(snapshot(standard, STANDARD_FIELDS)),
            reason=AUDIT_REASON,
        )
        for standard in created
    ]
    AuditLog.objects.bulk_create(entries, batch_size=500)
    result.created, result.updated = len(created), len(changed)
    audit_record(
        actor=actor,
        action=AuditLog.Action.IMPORT,
        object_type="competencies.positionstandard",
        object_repr=_("Position standards import"),
        changes={
            "created": [0, result.created],
            "updated": [0, result.updated],
            "unchanged": [0, result.unchanged],
            "positions": [0, len(position_ids)],
        },
    )


def template_rows(*, position: Position | None = None) -> list[list]:
    """The template's example row: Integritas at level 2 for `position`, or for the perawat
    terampil of Puskesmas Limboto when there is none."""
    if position is None:
        return [["", "Puskesmas Limboto", "Perawat", "Terampil", "M1", "Integritas", 2]]
    return [[
        position.unit.code, position.unit.name, position.name,
        position.get_level_display() if position.level else "", "M1", "Integritas", 2,
    ]]  # fmt: skip


def template_workbook(*, position: Position | None = None) -> bytes:
    return xlsx_bytes(COLUMNS, template_rows(position=position), "Standar")
