"""Pass 1 of the ASN import: every row is checked with the registry's pure rules (NIP, golongan,
education, dates, jabatan kinds) in batches, with one query per batch for the NIPs already in
the registry and a few at the end for supervisors; nothing is written.

A checked row becomes a `ValidRow`: plain values ready to write, where `KEEP` marks a field the
file does not set (its column is absent, or a local-only column is blank), so the current value
stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from binakinerja.core.bulk import select_in
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import orgunit_list_visible_to
from binakinerja.people.importing import cells
from binakinerja.people.importing.cells import AmbiguousDate, CellError
from binakinerja.people.importing.columns import NAME, NIP
from binakinerja.people.importing.reading import Table, UnreadableRow
from binakinerja.people.importing.report import ErrorCollector
from binakinerja.people.models import Employee
from binakinerja.people.rules import normalize_nip, parse_nip

KEEP = ...  # "leave the current value": the file does not set this field
# The index of a column the file lacks: `check_batch` appends a None cell to every row, so that
# `row[index]` reads as blank without a test per cell.
MISSING = -1
QUERY_CHUNK = 1000
DATE_COLUMNS = ["TANGGAL LAHIR", "TMT CPNS", "TMT GOLONGAN", "TMT JABATAN"]
UNIT_TYPES = [  # a created unit's type, from the first word(s) of its name
    ("puskesmas", OrgUnit.UnitType.PUSKESMAS),
    ("bidang", OrgUnit.UnitType.BIDANG),
    ("sub bidang", OrgUnit.UnitType.SEKSI),
    ("subbidang", OrgUnit.UnitType.SEKSI),
    ("seksi", OrgUnit.UnitType.SEKSI),
    ("bagian", OrgUnit.UnitType.BAGIAN),
    ("sub bagian", OrgUnit.UnitType.BAGIAN),
    ("subbagian", OrgUnit.UnitType.BAGIAN),
    ("upt", OrgUnit.UnitType.UPT),
    ("sekolah", OrgUnit.UnitType.SEKOLAH),
    ("sd ", OrgUnit.UnitType.SEKOLAH),
    ("smp", OrgUnit.UnitType.SEKOLAH),
    ("sma", OrgUnit.UnitType.SEKOLAH),
    ("smk", OrgUnit.UnitType.SEKOLAH),
    ("kecamatan", OrgUnit.UnitType.KECAMATAN),
]


class ValidRow(NamedTuple):
    """A row that passed every check: the values to write (or KEEP)."""

    row: int
    nip: str
    status: str
    gender: str
    birth_date: dt.date
    tmt_cpns: object  # a date; None for PPPK; KEEP: the NIP's TMT month (see saving)
    name: str
    gelar_depan: object
    gelar_belakang: object
    birth_place: object
    golongan: object
    tmt_golongan: object
    position: object  # (name, kind, level), None (no position) or KEEP
    tmt_jabatan: object
    unit: int | str  # an OrgUnit id, or the key of a unit to create
    state: object
    education_level: object
    education_major: object
    email: object
    supervisor: object  # a NIP or KEEP
    registered: bool = False  # the NIP was in the registry when the row was checked


class Named:
    """Borrows Employee's own formatting, so audit texts match `str(employee)` exactly without
    building a model instance per row."""

    __slots__ = ("gelar_depan", "name", "gelar_belakang", "nip")
    full_name = Employee.full_name
    nip_grouped = Employee.nip_grouped
    __str__ = Employee.__str__

    def __init__(self, gelar_depan, name, gelar_belakang, nip):
        self.gelar_depan, self.name, self.gelar_belakang, self.nip = (
            gelar_depan,
            name,
            gelar_belakang,
            nip,
        )


def _invalid(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def unit_name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def government_key(name: str) -> str:
    """A government's name as files write it: "Pemerintah Provinsi Gorontalo" and "Provinsi
    Gorontalo" are the same government."""
    key = unit_name_key(name)
    return key.removeprefix("pemerintah ")


def unit_type_for(name: str) -> str:
    lowered = unit_name_key(name) + " "
    for prefix, unit_type in UNIT_TYPES:
        if lowered.startswith(prefix):
            return unit_type
    return OrgUnit.UnitType.LAINNYA


@dataclass(slots=True)
class _Unit:
    id: int
    name: str
    path: str
    in_scope: bool


class UnitDirectory:
    """Every unit, read once: found by UNOR ID (= OrgUnit.code) or by name, within the
    importer's write scope. A name (or code) that several units share is settled by the
    government the row names (INSTANSI KERJA ID = the government's code, or its name), then by
    `create_under`; with `create_under`, unknown units are planned below it."""

    def __init__(self, *, actor, full_scope: bool, create_under: OrgUnit | None):
        scope = None
        if not full_scope:
            scope = set(orgunit_list_visible_to(actor, write=True).values_list("id", flat=True))
        self.by_code: dict[str, list[_Unit]] = {}
        self.by_name: dict[str, list[_Unit]] = {}
        self.names: dict[int, str] = {}
        self.governments: dict[str, list[str]] = {}  # "code:…" / "name:…" → paths
        for pk, code, name, path, kind in OrgUnit.objects.values_list(
            "id", "code", "name", "path", "kind"
        ):
            unit = _Unit(pk, name, path, scope is None or pk in scope)
            if kind == OrgUnit.Kind.INSTANSI:
                if code:
                    self.governments.setdefault(f"code:{code.strip().casefold()}", []).append(path)
                self.governments.setdefault(f"name:{government_key(name)}", []).append(path)
            if code:
                self.by_code.setdefault(code.strip().casefold(), []).append(unit)
            self.by_name.setdefault(unit_name_key(name), []).append(unit)
            if unit.in_scope:
                self.names[pk] = name
        self.create_under = create_under
        self.new_units: dict[str, tuple[str, str]] = {}  # key → (name, code)
        self._cache: dict[tuple[str, str, tuple], int | str] = {}
        self._shared: set[tuple[str, str]] = set()  # UNOR cells that match several units

    def government(self, instansi_id: str, instansi_name: str) -> tuple[str, ...]:
        """The tree paths of the government a row names (by code first, then by name); empty
        when the row names none this tree knows."""
        paths = ()
        if instansi_id:
            paths = self.governments.get(f"code:{instansi_id.casefold()}", ())
        if not paths and instansi_name:
            paths = self.governments.get(f"name:{government_key(instansi_name)}", ())
        return tuple(paths)

    def resolve(self, unor_id: str, unor_name: str, government: tuple[str, ...] = ()) -> int | str:
        key = (unor_id, unor_name, government)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(unor_id, unor_name, government)
        return found

    def is_shared(self, unor_id: str, unor_name: str) -> bool:
        """Whether these UNOR cells (once resolved) matched several units in scope, so that the
        row's government may decide between them."""
        return (unor_id, unor_name) in self._shared

    def _settle(self, units: list[_Unit], government: tuple[str, ...], cells_key) -> list[_Unit]:
        """Of several candidate units, those in the row's government, then those below
        `create_under`, when that leaves any."""
        if len(units) > 1:
            self._shared.add(cells_key)
        if government and len(units) > 1:
            inside = [u for u in units if u.path.startswith(government)]
            if inside:
                units = inside
        if self.create_under is not None and len(units) > 1:
            below = [u for u in units if u.path.startswith(self.create_under.path)]
            if below:
                return below
        return units

    def _resolve(self, unor_id: str, unor_name: str, government: tuple[str, ...]) -> int | str:
        cells_key = (unor_id, unor_name)
        outside = False
        if unor_id:
            units = self.by_code.get(unor_id.casefold(), [])
            scoped = self._settle([u for u in units if u.in_scope], government, cells_key)
            if len(scoped) == 1:
                return scoped[0].id
            if len(scoped) > 1:
                raise CellError(
                    "UNOR ID",
                    unor_id,
                    _invalid(
                        _("UNOR ID %(value)s belongs to %(count)d units; unit codes must be "
                          "unique."),
                        "unit_ambiguous",
                        value=unor_id,
                        count=len(scoped),
                    ),
                )  # fmt: skip
            outside = bool(units)
        if unor_name and not outside:
            units = self.by_name.get(unit_name_key(unor_name), [])
            scoped = self._settle([u for u in units if u.in_scope], government, cells_key)
            if len(scoped) == 1:
                return scoped[0].id
            if len(scoped) > 1:
                raise CellError(
                    "UNOR NAMA",
                    unor_name,
                    _invalid(
                        _("Unit name %(value)s matches %(count)d units you manage; fill UNOR ID "
                          "with the unit's code to choose one."),
                        "unit_ambiguous",
                        value=unor_name,
                        count=len(scoped),
                    ),
                )  # fmt: skip
            outside = bool(units) and self.create_under is None
        if outside:
            column, value = ("UNOR ID", unor_id) if unor_id else ("UNOR NAMA", unor_name)
            raise CellError(
                column,
                value,
                _invalid(
                    _("Unit %(value)s is outside the units you may manage."),
                    "unit_out_of_scope",
                    value=value,
                ),
            )
        if self.create_under is not None and unor_name:
            cells.check_text(unor_name, max_length=200)
            key = f"code:{unor_id.casefold()}" if unor_id else f"name:{unit_name_key(unor_name)}"
            self.new_units.setdefault(key, (unor_name, unor_id[:64]))
            return key
        column, value = ("UNOR NAMA", unor_name) if unor_name else ("UNOR ID", unor_id)
        raise CellError(
            column,
            value,
            _invalid(
                _("Unit %(value)s is not in the organisation tree; add it first, or choose to "
                  "create missing units under an agency."),
                "unit_unknown",
                value=value,
            ),
        )  # fmt: skip


@dataclass
class CheckOutcome:
    """What pass 1 learnt, for pass 2."""

    rows: int = 0
    valid: int = 0
    existing: int = 0
    supervisors: dict[str, tuple[int | None, str]] = field(default_factory=dict)


class RowChecker:
    """Checks rows batch by batch; errors go to `errors`, valid rows are returned."""

    def __init__(self, *, actor, full_scope: bool, table: Table, units: UnitDirectory, today):
        self.actor, self.full_scope, self.table, self.units = actor, full_scope, table, units
        self.today = today
        self.latest = today + dt.timedelta(days=366)
        self.errors = ErrorCollector()
        self.outcome = CheckOutcome()
        self.seen: dict[str, int] = {}
        self.edges: list[tuple[int, str, str]] = []  # (row, nip, supervisor nip)
        self.people: dict[str, tuple] = {}  # nip → (gelar depan, name, gelar belakang)
        columns = table.columns

        def col(key: str) -> int:
            return columns.get(key, MISSING)

        self.i_nip, self.i_name = col(NIP), col(NAME)
        self.i_gelar_depan, self.i_gelar_belakang = col("GELAR DEPAN"), col("GELAR BELAKANG")
        self.i_birth_place, self.i_gender = col("TEMPAT LAHIR NAMA"), col("JENIS KELAMIN")
        self.i_email, self.i_email_gov = col("EMAIL"), col("EMAIL GOV")
        self.i_kh_id, self.i_kh_name = col("KEDUDUKAN HUKUM ID"), col("KEDUDUKAN HUKUM NAMA")
        self.i_gol_id, self.i_gol_name = col("GOL AKHIR ID"), col("GOL AKHIR NAMA")
        self.i_jenis_id, self.i_jenis_name = col("JENIS JABATAN ID"), col("JENIS JABATAN NAMA")
        self.i_jabatan, self.i_tmt_jabatan = col("JABATAN NAMA"), col("TMT JABATAN")
        self.i_eselon_id, self.i_eselon_name = col("ESELON ID"), col("ESELON NAMA")
        self.i_edu_id = col("TINGKAT PENDIDIKAN ID")
        self.i_edu_name = col("TINGKAT PENDIDIKAN NAMA")
        self.i_major = col("PENDIDIKAN NAMA")
        self.i_unor_id, self.i_unor_name = col("UNOR ID"), col("UNOR NAMA")
        self.i_instansi_id = col("INSTANSI KERJA ID")
        self.i_instansi_name = col("INSTANSI KERJA NAMA")
        self.i_supervisor = col("NIP ATASAN")
        self.has_golongan = self.i_gol_id >= 0 or self.i_gol_name >= 0
        self.has_state = self.i_kh_id >= 0 or self.i_kh_name >= 0
        self.has_education = self.i_edu_id >= 0 or self.i_edu_name >= 0
        self.has_email = self.i_email >= 0 or self.i_email_gov >= 0
        self.dates = [(key, columns[key]) for key in DATE_COLUMNS if key in columns]
        self._units_seen: dict[tuple, int | str] = {}  # raw UNOR cells → unit
        self._shared_units_seen: dict[tuple, int | str] = {}  # … and INSTANSI, for shared names

    # --- helpers ---

    def _error(self, number, key: str, value, error: ValidationError) -> None:
        self.errors.add(number, self.table.label(key), value, error)

    # --- one row ---

    def check_row(self, number: int, row) -> ValidRow | None:
        """Check one row, column group by column group. Problems are reported in the order of
        the groups below; a row with any problem gives None."""
        problems: list[tuple[str, object, ValidationError]] = []
        add = problems.append
        raw_nip = row[self.i_nip]
        info = self._check_nip(raw_nip, add)
        name = self._check_name(row[self.i_name], add)
        plain = self._plain
        gelar_depan = plain(row, "GELAR DEPAN", self.i_gelar_depan, 50, add)
        gelar_belakang = plain(row, "GELAR BELAKANG", self.i_gelar_belakang, 80, add)
        birth_place = plain(row, "TEMPAT LAHIR NAMA", self.i_birth_place, 100, add)
        major = plain(row, "PENDIDIKAN NAMA", self.i_major, 150, add)
        tmt_cpns, tmt_golongan, tmt_jabatan = self._dates(row, info, add)
        if self.i_gender >= 0:
            self._check_gender(row[self.i_gender], info, add)
        golongan = self._golongan(row, info, add) if self.has_golongan else KEEP
        position = self._position(row, add) if self.i_jabatan >= 0 else KEEP
        state = self._state(row, add) if self.has_state else KEEP
        education = self._education(row, add) if self.has_education else KEEP
        email = self._email(row, add) if self.has_email else KEEP
        unit = self._unit_of(row, add)
        supervisor = KEEP
        if self.i_supervisor >= 0:
            supervisor = self._supervisor(row[self.i_supervisor], info, add)
        if info is not None:
            self._check_first_time(number, raw_nip, info, add)

        if problems:
            for key, value, error in problems:
                self._error(number, key, value, error)
            return None
        if supervisor is not KEEP:
            self.edges.append((number, info.nip, supervisor))
        if self.i_supervisor >= 0:
            self.people[info.nip] = (gelar_depan, name, gelar_belakang)
        return ValidRow(
            row=number,
            nip=info.nip,
            status=info.status,
            gender=info.gender,
            birth_date=info.birth_date,
            tmt_cpns=tmt_cpns,
            name=name,
            gelar_depan=gelar_depan,
            gelar_belakang=gelar_belakang,
            birth_place=birth_place,
            golongan=golongan,
            tmt_golongan=tmt_golongan,
            position=position,
            tmt_jabatan=tmt_jabatan,
            unit=unit,
            state=state,
            education_level=education,
            education_major=major,
            email=email,
            supervisor=supervisor,
        )

    # --- the column groups of one row; each reports its problems through `add` ---

    def _check_nip(self, raw_nip, add):
        """NIP BARU: the parsed NIP (status, gender, birth date, TMT month), or None."""
        value = raw_nip
        if type(value) is not str and isinstance(value, int) and not isinstance(value, bool):
            digits = str(value)
            # Excel keeps 15 significant digits: an 18-digit NIP typed as a number ends in 000.
            value = float(value) if len(digits) >= 16 and digits.endswith("000") else digits
        try:
            return parse_nip(value, today=self.today)
        except ValidationError as error:
            add((NIP, raw_nip, error))
            return None

    @staticmethod
    def _check_name(raw, add) -> str:
        name = cells.text(raw)
        if not name:
            add((NAME, "", _invalid(_("The name is empty."), "name_empty")))
            return name
        try:
            cells.check_text(name, max_length=150)
        except ValidationError as error:
            add((NAME, name, error))
        return name

    @staticmethod
    def _check_gender(raw, info, add) -> None:
        """JENIS KELAMIN only confirms digit 15 of the NIP, which decides the gender."""
        try:
            given = cells.gender_cell(raw)
        except ValidationError as error:
            add(("JENIS KELAMIN", cells.text(raw), error))
            return
        if given and info and given != info.gender:
            add((
                "JENIS KELAMIN",
                cells.text(raw),
                _invalid(
                    _("Gender %(value)s does not match digit 15 of the NIP "
                      "(%(digit)s; 1 = male, 2 = female)."),
                    "gender_mismatch",
                    value=cells.text(raw),
                    digit=info.nip[14],
                ),
            ))  # fmt: skip

    def _golongan(self, row, info, add):
        """GOL AKHIR ID / NAMA: the golongan ('' when unreadable), which must fit PNS or PPPK."""
        try:
            golongan, used, used_value = cells.golongan_cells(
                row[self.i_gol_id], row[self.i_gol_name]
            )
        except CellError as error:
            add((error.column, error.value, error.error))
            return ""
        if golongan and info and not cells.golongan_fits_status(golongan, info.status):
            add((
                used,
                used_value,
                _invalid(
                    _("Golongan %(value)s does not fit a %(status)s; PNS hold I/a "
                      "to IV/e, PPPK hold I to XVII."),
                    "golongan_status",
                    value=golongan,
                    status=info.status,
                ),
            ))  # fmt: skip
        return golongan

    def _position(self, row, add):
        """JABATAN NAMA, JENIS JABATAN and ESELON: (name, kind, level), or None."""
        try:
            return cells.position_cells(
                row[self.i_jabatan],
                row[self.i_jenis_id],
                row[self.i_jenis_name],
                row[self.i_eselon_id],
                row[self.i_eselon_name],
            )
        except CellError as error:
            add((error.column, error.value, error.error))
            return None

    def _state(self, row, add):
        """KEDUDUKAN HUKUM ID / NAMA: the employment state, or KEEP when blank."""
        try:
            return cells.state_cells(row[self.i_kh_id], row[self.i_kh_name]) or KEEP
        except CellError as error:
            add((error.column, error.value, error.error))
            return KEEP

    def _education(self, row, add):
        """TINGKAT PENDIDIKAN ID / NAMA: the education level ('' when unreadable)."""
        try:
            return cells.education_cells(row[self.i_edu_id], row[self.i_edu_name])
        except CellError as error:
            add((error.column, error.value, error.error))
            return ""

    def _email(self, row, add):
        """EMAIL, else EMAIL GOV: the address, or KEEP when both are blank."""
        value, column = cells.text(row[self.i_email]), "EMAIL"
        if not value:
            value, column = cells.text(row[self.i_email_gov]), "EMAIL GOV"
        if not value:
            return KEEP
        try:
            return cells.check_email(value)
        except ValidationError as error:
            add((column, value, error))
            return KEEP

    def _unit_of(self, row, add):
        """UNOR ID / NAMA, settled by INSTANSI KERJA ID / NAMA: a unit id, the key of a unit to
        create, or None. Rows repeat a few units, so each raw combination is resolved once; the
        government cells are read only for a name several units share."""
        raw_unit = (row[self.i_unor_id], row[self.i_unor_name])
        unit = self._units_seen.get(raw_unit)
        if unit is None:
            unit = self._unit(raw_unit, (row[self.i_instansi_id], row[self.i_instansi_name]), add)
        return unit

    def _supervisor(self, raw, info, add):
        """NIP ATASAN: the supervisor's NIP, or KEEP when blank (checked against the whole file
        and the registry in `finish`)."""
        raw = cells.code(raw)
        if not raw:
            return KEEP
        try:
            supervisor = normalize_nip(raw)
        except ValidationError as error:
            add(("NIP ATASAN", raw, error))
            return KEEP
        if info and supervisor == info.nip:
            add((
                "NIP ATASAN",
                raw,
                _invalid(_("An employee cannot supervise themself."), "supervisor"),
            ))  # fmt: skip
        return supervisor

    def _check_first_time(self, number: int, raw_nip, info, add) -> None:
        """Each NIP appears once in a file."""
        first = self.seen.get(info.nip)
        if first is not None:
            add((
                NIP,
                raw_nip,
                _invalid(
                    _("NIP %(value)s already appears in row %(row)d; each employee may "
                      "appear only once."),
                    "nip_duplicate",
                    value=info.grouped,
                    row=first,
                ),
            ))  # fmt: skip
        else:
            self.seen[info.nip] = number

    @staticmethod
    def _plain(row, key: str, index, limit: int, add):
        """A text column: KEEP when the file lacks it, else its text (checked)."""
        if index < 0:
            return KEEP
        try:
            return cells.text_cell(row[index], limit)
        except ValidationError as error:
            value = cells.text(row[index])
            add((key, value, error))
            return value

    def _unit(self, raw_unit, raw_government, add) -> int | str | None:
        with_government = (*raw_unit, *raw_government)
        unit = self._shared_units_seen.get(with_government)
        if unit is not None:
            return unit
        unor_id = cells.code(raw_unit[0])
        unor_name = " ".join(cells.text(raw_unit[1]).split())
        government = self.units.government(
            cells.code(raw_government[0]), cells.text(raw_government[1])
        )
        if not unor_id and not unor_name:
            add((
                "UNOR NAMA" if self.i_unor_name >= 0 else "UNOR ID",
                "",
                _invalid(_("The row names no unit (UNOR ID or UNOR NAMA)."), "unit_empty"),
            ))  # fmt: skip
            return None
        try:
            unit = self.units.resolve(unor_id, unor_name, government)
        except CellError as error:
            add((error.column, error.value, error.error))
            return None
        except ValidationError as error:
            add(("UNOR NAMA", unor_name, error))
            return None
        seen, key = self._units_seen, raw_unit
        if self.units.is_shared(unor_id, unor_name):  # the government decides
            seen, key = self._shared_units_seen, with_government
        if len(seen) >= cells.FEW:  # bounded whatever the file holds
            seen.clear()
        seen[key] = unit
        return unit

    def _dates(self, row, info, add) -> tuple:
        """(TMT CPNS, TMT GOLONGAN, TMT JABATAN) from the date cells, after checking all four
        against the NIP and each other. `a/b/yyyy` dates are settled by the NIP (birth date, TMT
        month) or by another date of the same row that shows its order; what stays ambiguous is
        refused."""
        readings = []
        ambiguous = False
        read_text, read_other = cells.read_date_text, cells.read_date
        for key, index in self.dates:
            raw = row[index]
            try:
                reading = read_text(raw) if type(raw) is str else read_other(raw)
            except ValidationError as error:
                add((key, raw, error))
                reading = False
            else:
                if type(reading) is AmbiguousDate:
                    ambiguous = True
            readings.append((key, raw, reading))
        if not readings:
            return (KEEP if info and info.status == "PNS" else None), KEEP, KEEP
        order = self._date_order(readings, info) if ambiguous else ""

        found = {}
        for key, raw, reading in readings:
            if reading is False or reading is None:
                found[key] = None
                continue
            if type(reading) is AmbiguousDate:
                if not order:
                    found[key] = None
                    if info is not None:  # a bad NIP is reported; this may settle once fixed
                        add((
                            key,
                            reading.text,
                            _invalid(
                                _("Date %(value)s is ambiguous (day/month) and the NIP does "
                                  "not settle it; write it as dd-mm-yyyy."),
                                "date_ambiguous",
                                value=reading.text,
                            ),
                        ))  # fmt: skip
                    continue
                value = reading.settle(order)
            else:
                value = reading[0]
            found[key] = value
            if info is None:
                continue
            if key == "TANGGAL LAHIR":
                if value != info.birth_date:
                    add((
                        key,
                        raw,
                        _invalid(
                            _("Birth date %(value)s differs from the birth date in the NIP "
                              "(%(nip_date)s)."),
                            "birth_date_mismatch",
                            value=value.strftime("%d-%m-%Y"),
                            nip_date=info.birth_date.strftime("%d-%m-%Y"),
                        ),
                    ))  # fmt: skip
            elif key == "TMT CPNS":
                if info.status == "PNS" and (
                    value.year != info.tmt.year or value.month != info.tmt.month
                ):
                    add((
                        key,
                        raw,
                        _invalid(
                            _("TMT CPNS %(value)s is not in the month that NIP digits 9–14 "
                              "give (%(nip_month)s)."),
                            "tmt_cpns_mismatch",
                            value=value.strftime("%d-%m-%Y"),
                            nip_month=info.tmt.strftime("%m-%Y"),
                        ),
                    ))  # fmt: skip
            elif value < info.birth_date or value > self.latest:
                add((
                    key,
                    raw,
                    _invalid(
                        _("Date %(value)s is not plausible here: it lies before the birth date "
                          "or more than a year ahead."),
                        "date_implausible",
                        value=value.strftime("%d-%m-%Y"),
                    ),
                ))  # fmt: skip
        if info is not None and info.status == "PNS":
            tmt_cpns = found.get("TMT CPNS") or KEEP  # KEEP: the NIP's month decides
        else:
            tmt_cpns = None
        return tmt_cpns, found.get("TMT GOLONGAN", KEEP), found.get("TMT JABATAN", KEEP)

    @staticmethod
    def _date_order(readings, info) -> str:
        """`dm` or `md` when exactly one day/month order fits the row, else ''."""
        orders = {
            reading[1]
            for _key, _raw, reading in readings
            if reading and type(reading) is tuple and reading[1]
        }
        by_key = {key: reading for key, _raw, reading in readings}
        birth, tmt = by_key.get("TANGGAL LAHIR"), by_key.get("TMT CPNS")
        if info is not None:
            if type(birth) is AmbiguousDate:
                if birth.day_first == info.birth_date:
                    orders.add(cells.DAY_FIRST)
                elif birth.month_first == info.birth_date:
                    orders.add(cells.MONTH_FIRST)
            if type(tmt) is AmbiguousDate and info.status == "PNS":
                fits = [
                    order
                    for order, day in ((cells.DAY_FIRST, tmt.day_first),
                                       (cells.MONTH_FIRST, tmt.month_first))
                    if (day.year, day.month) == (info.tmt.year, info.tmt.month)
                ]  # fmt: skip
                if len(fits) == 1:
                    orders.add(fits[0])
        return orders.pop() if len(orders) == 1 else ""

    # --- batches ---

    def check_batch(self, batch: list) -> list[ValidRow]:
        """Check a batch of `(row number, cells)`; one query for the NIPs already registered."""
        valid = []
        for number, row in batch:
            self.outcome.rows += 1
            if type(row) is UnreadableRow:
                self.errors.add(number, "", "", row.error)
                continue
            if type(row) is list:
                row.append(None)  # read by MISSING columns
            else:
                row = (*row, None)
            checked = self.check_row(number, row)
            if checked is not None:
                valid.append(checked)
        if not valid:
            return valid
        nips = [row.nip for row in valid]
        existing = {nip for (nip,) in select_in(Employee, ["nip"], "nip", nips)}
        if existing and not self.full_scope:
            editable = set(
                Employee.objects.editable_by(self.actor)
                .filter(nip__in=existing)
                .values_list("nip", flat=True)
            )
            refused = existing - editable
            if refused:
                kept = []
                for row in valid:
                    if row.nip in refused:
                        self._error(
                            row.row,
                            NIP,
                            row.nip,
                            _invalid(
                                _("The employee with NIP %(value)s is registered in a unit "
                                  "outside your scope; ask that unit's operator or the BKPSDM."),
                                "employee_out_of_scope",
                                value=row.nip,
                            ),
                        )  # fmt: skip
                    else:
                        kept.append(row)
                valid = kept
                existing = editable
        if existing:
            valid = [row._replace(registered=True) if row.nip in existing else row for row in valid]
        self.outcome.existing += len(existing)
        self.outcome.valid += len(valid)
        return valid

    def finish(self) -> CheckOutcome:
        """Checks that need the whole file: supervisors exist and make no cycle."""
        if self.outcome.rows == 0 and not self.errors.count:
            self.errors.add(
                None,
                "",
                "",
                _invalid(_("The file has no data rows under its header."), "no_rows"),
            )
        if self.edges:
            self._check_supervisors()
        return self.outcome

    def _chunks(self, items):
        items = list(items)
        for start in range(0, len(items), QUERY_CHUNK):
            yield items[start : start + QUERY_CHUNK]

    def _check_supervisors(self) -> None:
        referenced = {supervisor for _row, _nip, supervisor in self.edges}
        visible = Employee.objects.all()
        if not self.full_scope:
            visible = Employee.objects.visible_to(self.actor)
        known: dict[str, tuple[int | None, str]] = {}
        outside = [nip for nip in referenced if nip not in self.seen]
        for chunk in self._chunks(outside):
            for pk, nip, gelar_depan, name, gelar_belakang in visible.filter(
                nip__in=chunk
            ).values_list("pk", "nip", "gelar_depan", "name", "gelar_belakang"):
                known[nip] = (pk, str(Named(gelar_depan, name, gelar_belakang, nip)))
        inside = [nip for nip in referenced if nip in self.seen]
        registered = {}
        for chunk in self._chunks(inside):
            for pk, nip, gelar_depan, gelar_belakang in Employee.objects.filter(
                nip__in=chunk
            ).values_list("pk", "nip", "gelar_depan", "gelar_belakang"):
                registered[nip] = (pk, gelar_depan, gelar_belakang)
        for nip in inside:
            gelar_depan, name, gelar_belakang = self.people[nip]
            pk, old_depan, old_belakang = registered.get(nip, (None, "", ""))
            gelar_depan = old_depan if gelar_depan is KEEP else gelar_depan
            gelar_belakang = old_belakang if gelar_belakang is KEEP else gelar_belakang
            known[nip] = (pk, str(Named(gelar_depan, name, gelar_belakang, nip)))
        for number, _nip, supervisor in self.edges:
            if supervisor not in known:
                self._error(
                    number,
                    "NIP ATASAN",
                    supervisor,
                    _invalid(
                        _("No employee you may see has NIP %(value)s, and it is not in this "
                          "file."),
                        "supervisor_unknown",
                        value=supervisor,
                    ),
                )  # fmt: skip
        self._check_cycles()
        self.outcome.supervisors = known

    def _check_cycles(self) -> None:
        """A new edge may close a loop through people the file does not mention; follow every
        chain upwards, reading the registry's own supervisors level by level."""
        parent: dict[str, str | None] = {nip: sup for _row, nip, sup in self.edges}
        frontier = {sup for sup in parent.values() if sup not in parent}
        while frontier:
            found = {}
            for chunk in self._chunks(frontier):
                found.update(
                    Employee.objects.filter(nip__in=chunk).values_list("nip", "supervisor__nip")
                )
            for nip in frontier:
                parent[nip] = found.get(nip)
            frontier = {sup for sup in found.values() if sup and sup not in parent}
        done: set[str] = set()
        in_cycle: set[str] = set()
        for start in {nip for _row, nip, _sup in self.edges}:
            path, on_path, node = [], set(), start
            while node is not None and node not in done and node not in on_path:
                path.append(node)
                on_path.add(node)
                node = parent.get(node)
            if node is not None and node in on_path:
                in_cycle.update(path[path.index(node) :])
            done.update(path)
        for number, nip, supervisor in self.edges:
            if nip in in_cycle:
                self._error(
                    number,
                    "NIP ATASAN",
                    supervisor,
                    _invalid(
                        _("NIP ATASAN %(value)s would close a supervision cycle: this employee "
                          "would end up supervising their own supervisor."),
                        "supervisor_cycle",
                        value=supervisor,
                    ),
                )  # fmt: skip
