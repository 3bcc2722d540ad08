"""Pass 2 of the ASN import: write the checked rows, batch by batch, inside the caller's single
transaction. Per batch: one query locks the employees already registered, at most two read and
create positions, then one bulk insert each for employees, audit records and career history,
and one bulk update. Every created or changed employee gets an audit record with each changed
field old → new (the same snapshot format as `people.services`) and career history rows from
`people.services.career_changes`; updated rows get `version` + 1.
"""

from __future__ import annotations

import datetime as dt

from binakinerja.core.audit import MASKED_FIELDS, audit_entry, diff, snapshot
from binakinerja.core.bulk import bulk_insert, bulk_update_rows
from binakinerja.core.models import AuditLog
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.services import orgunit_create
from binakinerja.people.importing.checking import (
    KEEP,
    CheckOutcome,
    Named,
    UnitDirectory,
    ValidRow,
    unit_type_for,
)
from binakinerja.people.models import CareerHistory, Employee, Position
from binakinerja.people.services import AUDITED_FIELDS, career_changes

INSERT_FIELDS = [
    "nip", "name", "gelar_depan", "gelar_belakang", "status", "gender", "birth_date",
    "birth_place", "tmt_cpns", "golongan", "tmt_golongan", "position", "tmt_jabatan", "unit",
    "supervisor", "state", "education_level", "education_major", "email", "phone", "version",
]  # fmt: skip
UPDATE_FIELDS = [
    "name", "gelar_depan", "gelar_belakang", "status", "gender", "birth_date", "birth_place",
    "tmt_cpns", "golongan", "tmt_golongan", "position", "tmt_jabatan", "unit", "supervisor",
    "state", "education_level", "education_major", "email", "version", "updated_at",
]  # fmt: skip
CAREER_FIELDS = ["employee", "kind", "old_value", "new_value", "effective_date"]
AUDIT_FIELDS = [
    "actor", "actor_label", "action", "object_type", "object_id", "object_repr", "changes",
    "reason",
]  # fmt: skip
EMPLOYEE_TYPE = Employee._meta.label_lower
# `created_changes` may skip masking only because no audited employee field is masked.
assert not set(AUDITED_FIELDS) & MASKED_FIELDS  # noqa: S101 - a guard on module constants


def created_changes(after: dict) -> dict:
    """`core.audit.diff({}, after)`, without its generic work: every field that has a value."""
    return {name: [None, value] for name, value in sorted(after.items()) if value is not None}


def _iso(value):
    return value.isoformat() if value is not None else None


class Saver:
    """Writes checked rows; the caller holds the transaction."""

    def __init__(self, *, actor, units: UnitDirectory, outcome: CheckOutcome, reason: str):
        self.actor, self.reason = actor, reason
        self.units = units
        self.unit_ids: dict[str, int] = {}
        self.positions: dict[tuple, tuple[int, str]] = {}
        self.loaded_units: set[int] = set()
        self.supervisors = outcome.supervisors
        self.pk_of = {nip: pk for nip, (pk, _text) in self.supervisors.items() if pk}
        self.deferred: list[tuple[int, str]] = []
        self.created = self.updated = self.unchanged = 0
        self.units_created = self.positions_created = 0
        self.done = 0

    # --- units and positions ---

    def create_units(self, parent: OrgUnit | None) -> None:
        """Create the units pass 1 planned, below `parent` (through the service that keeps the
        tree path and writes their audit records)."""
        for key, (name, code) in self.units.new_units.items():
            unit = orgunit_create(
                actor=self.actor, parent=parent, name=name, code=code, unit_type=unit_type_for(name)
            )
            self.unit_ids[key] = unit.pk
            self.units.names[unit.pk] = unit.name
            self.units_created += 1

    def _unit_id(self, unit: int | str) -> int:
        return unit if isinstance(unit, int) else self.unit_ids[unit]

    def _positions_for(self, rows: list[ValidRow]) -> None:
        wanted = {}
        for row in rows:
            if row.position is not KEEP and row.position is not None:
                name, kind, level = row.position
                unit_id = self._unit_id(row.unit)
                wanted[(unit_id, name.casefold(), kind, level)] = name
        if not wanted:
            return
        to_load = {key[0] for key in wanted} - self.loaded_units
        if to_load:
            self._load_positions(to_load)
            self.loaded_units |= to_load
        missing = [
            (key[0], name, key[2], key[3])
            for key, name in wanted.items()
            if key not in self.positions
        ]
        if missing:
            bulk_insert(Position, ["unit", "name", "kind", "level"], missing)
            self._load_positions({unit_id for unit_id, *_rest in missing})
            self.positions_created += len(missing)

    def _load_positions(self, unit_ids) -> None:
        for pk, unit_id, name, kind, level in Position.objects.filter(
            unit_id__in=unit_ids
        ).values_list("pk", "unit_id", "name", "kind", "level"):
            self.positions.setdefault((unit_id, name.casefold(), kind, level), (pk, name))

    def _position(self, row: ValidRow, unit_id: int) -> tuple[int | None, str]:
        if row.position is None:
            return None, ""
        name, kind, level = row.position
        return self.positions[(unit_id, name.casefold(), kind, level)]

    # --- employees ---

    def save_batch(self, rows: list[ValidRow], *, now: dt.datetime) -> None:
        current = {
            employee.nip: employee
            for employee in Employee.objects.select_related("unit", "position", "supervisor")
            .select_for_update(of=("self",))
            .filter(nip__in=[row.nip for row in rows])
        }
        self._positions_for(rows)
        inserts, creates, updates, created, updated, career = [], [], [], [], [], []
        for row in rows:
            employee = current.get(row.nip)
            before = snapshot(employee, AUDITED_FIELDS) if employee else {}
            values, after, supervisor_nip = self._values(row, employee, before)
            if employee is None:
                # (bulk_insert converts `values` in place: keep what is needed afterwards)
                inserts.append(values)
                creates.append((row, values[12], values[10], values[14], after, supervisor_nip))
                continue
            changes = diff(before, after)
            if not changes:
                self.unchanged += 1
                continue
            self.updated += 1
            values[20] = employee.version + 1
            updates.append([*values[1:19], values[20], now, employee.pk])
            updated.append((employee.pk, row, after, changes))
            career.extend(self._career(employee.pk, values[12], values[10], before, after))
            if supervisor_nip and values[14] is None:
                self.deferred.append((employee.pk, supervisor_nip))
        if inserts:
            bulk_insert(Employee, INSERT_FIELDS, inserts, now=now)
            pks = dict(
                Employee.objects.filter(nip__in=[values[0] for values in inserts]).values_list(
                    "nip", "pk"
                )
            )
            for row, tmt_jabatan, tmt_golongan, supervisor_id, after, supervisor_nip in creates:
                pk = pks[row.nip]
                self.created += 1
                created.append((pk, row, after, created_changes(after)))
                career.extend(self._career(pk, tmt_jabatan, tmt_golongan, {}, after))
                if row.nip in self.supervisors:
                    self.pk_of[row.nip] = pk
                if supervisor_nip and supervisor_id is None:
                    self.deferred.append((pk, supervisor_nip))
        if updates:
            bulk_update_rows(Employee, UPDATE_FIELDS, updates)
        audits = self._audit_rows("create", created) + self._audit_rows("update", updated)
        if audits:
            bulk_insert(AuditLog, AUDIT_FIELDS, audits, now=now)
        if career:
            bulk_insert(CareerHistory, CAREER_FIELDS, career, now=now)
        self.done += len(rows)

    def _values(self, row: ValidRow, employee: Employee | None, before: dict):
        """The INSERT_FIELDS values and the audit snapshot after the change."""
        keep = employee is not None

        def pick(value, attribute, default):
            if value is KEEP:
                return getattr(employee, attribute) if keep else default
            return value

        gelar_depan = pick(row.gelar_depan, "gelar_depan", "")
        gelar_belakang = pick(row.gelar_belakang, "gelar_belakang", "")
        birth_place = pick(row.birth_place, "birth_place", "")
        golongan = pick(row.golongan, "golongan", "")
        tmt_golongan = pick(row.tmt_golongan, "tmt_golongan", None)
        tmt_jabatan = pick(row.tmt_jabatan, "tmt_jabatan", None)
        state = pick(row.state, "state", Employee.State.AKTIF)
        education_level = pick(row.education_level, "education_level", "")
        education_major = pick(row.education_major, "education_major", "")
        email = pick(row.email, "email", "")
        unit_id = self._unit_id(row.unit)
        if row.position is KEEP:
            position_id = employee.position_id if keep else None
            position_name = before.get("position", "") if keep else ""
        else:
            position_id, position_name = self._position(row, unit_id)

        supervisor_nip = None
        if row.supervisor is KEEP:
            supervisor_id = employee.supervisor_id if keep else None
            supervisor_text = before.get("supervisor", "") if keep else ""
        elif keep and employee.supervisor_id and employee.supervisor.nip == row.supervisor:
            supervisor_id, supervisor_text = employee.supervisor_id, before["supervisor"]
        else:
            supervisor_nip = row.supervisor
            supervisor_id = self.pk_of.get(supervisor_nip)
            supervisor_text = self.supervisors[supervisor_nip][1]

        tmt_cpns = row.tmt_cpns
        if tmt_cpns is KEEP:
            # No TMT CPNS in the file: the NIP gives its month; an exact date already
            # registered in that month is kept.
            tmt_cpns = dt.date(int(row.nip[8:12]), int(row.nip[12:14]), 1)
            current = employee.tmt_cpns if keep else None
            if current and (current.year, current.month) == (tmt_cpns.year, tmt_cpns.month):
                tmt_cpns = current
        phone = employee.phone if keep else ""
        values = [
            row.nip, row.name, gelar_depan, gelar_belakang, row.status, row.gender,
            row.birth_date, birth_place, tmt_cpns, golongan, tmt_golongan, position_id,
            tmt_jabatan, unit_id, supervisor_id, state, education_level, education_major, email,
            phone, 1,
        ]  # fmt: skip
        after = {
            "nip": row.nip,
            "status": row.status,
            "gender": row.gender,
            "birth_date": _iso(row.birth_date),
            "tmt_cpns": _iso(tmt_cpns),
            "name": row.name,
            "gelar_depan": gelar_depan,
            "gelar_belakang": gelar_belakang,
            "golongan": golongan,
            "tmt_golongan": _iso(tmt_golongan),
            "position": position_name,
            "tmt_jabatan": _iso(tmt_jabatan),
            "unit": self.units.names[unit_id],
            "supervisor": supervisor_text,
            "state": state,
            "education_level": education_level,
            "education_major": education_major,
            "email": email,
            "phone": phone,
            "birth_place": birth_place,
        }
        return values, after, supervisor_nip

    def _audit_rows(self, action: str, entries: list) -> list[tuple]:
        """Audit rows for a batch: one `audit_entry` gives the record's shape (actor, label,
        action, type, reason); each row adds its object id, text and changes."""
        if not entries:
            return []
        shape = audit_entry(
            actor=self.actor, action=action, object_type=EMPLOYEE_TYPE, reason=self.reason
        )
        head = (shape.actor_id, shape.actor_label, shape.action, shape.object_type)
        return [
            [
                *head,
                str(pk),
                str(Named(after["gelar_depan"], row.name, after["gelar_belakang"], row.nip))[:200],
                changes,
                shape.reason,
            ]
            for pk, row, after, changes in entries
        ]

    @staticmethod
    def _career(pk: int, tmt_jabatan, tmt_golongan, before: dict, after: dict):
        return [
            [pk, kind, old, new, effective]
            for kind, old, new, effective in career_changes(
                before, after, tmt_jabatan=tmt_jabatan, tmt_golongan=tmt_golongan
            )
        ]

    def finish(self) -> None:
        """Supervisors that were written after their subordinates."""
        if self.deferred:
            bulk_update_rows(
                Employee,
                ["supervisor"],
                [(self.pk_of[nip], pk) for pk, nip in self.deferred],
            )
