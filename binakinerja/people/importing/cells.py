"""Pure readers for the cells of an ASN list (DOMAIN.md §4a). No database access here.

Each reader takes what a CSV or XLSX cell holds (text, or a number/date that openpyxl produced)
and returns a value for the registry, or raises `ValidationError` whose message says, in a
complete sentence, what is wrong and how to fix it.

SIASN files repeat most values (a few thousand birth dates, a few hundred units, positions and
codes across 100,000 rows), so the `*_cell(s)` readers that the import calls once per row take
the raw cells as they come and are memoised on them (`lru_cache`, bounded: a hostile file of
distinct values costs a full parse per cell, never unbounded memory). A raw value that fails is
not memoised; it is parsed again and reported each time. Values that are unique per row (NIP,
name, e-mail) go through their rule directly.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from binakinerja.people.rules import (
    GOLONGAN_BY_SIASN_ID,
    PPPK_GOLONGAN,
    normalize_education,
    normalize_golongan,
)

# --- Plain text -------------------------------------------------------------------------------

BLANK_WORDS = frozenset({"-", "–", "—", "null", "none", "nil"})
_APOSTROPHES = "'`’"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _invalid(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def text(value) -> str:
    """A cell as trimmed text; `null`, `-` and blanks give ''. Numbers that Excel stored for
    codes (`2.0`) come back as `2`."""
    if type(value) is str:  # every CSV cell: the common case first
        value = value.strip()
        if len(value) <= 4 and value.lower() in BLANK_WORDS:
            return ""
        return value
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.strip()
        if len(value) <= 4 and value.lower() in BLANK_WORDS:
            return ""
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def code(value) -> str:
    """A code or number kept as text: like `text`, without Excel's leading apostrophe."""
    value = text(value)
    if value and value[0] in _APOSTROPHES:
        value = value[1:].strip()
        if value.lower() in BLANK_WORDS:
            return ""
    return value


def check_text(value: str, *, max_length: int) -> str:
    """Refuse control characters and text longer than the registry holds."""
    if _CONTROL.search(value):
        raise _invalid(
            _("The text %(value)s contains control characters; retype it."),
            "control_characters",
            value=value,
        )
    if len(value) > max_length:
        raise _invalid(
            _("The text has %(count)d characters; at most %(limit)d are allowed."),
            "too_long",
            count=len(value),
            limit=max_length,
        )
    return value


# Bounds of the memoised readers: far above the distinct values of a real file (SIASN: ~13,000
# birth dates in 100,000 rows; a few hundred of everything else), small enough to stay a few MB.
MANY, FEW = 32768, 4096


@functools.lru_cache(maxsize=FEW, typed=True)
def text_cell(value, max_length: int) -> str:
    """`text` + `check_text` for a column whose values repeat (titles, places, majors)."""
    value = text(value)
    if value:
        check_text(value, max_length=max_length)
    return value


# --- Dates ------------------------------------------------------------------------------------

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 once Excel's 1900 leap bug is skipped
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_SERIAL = (dt.date(MAX_YEAR, 12, 31) - EXCEL_EPOCH).days
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "pebruari", "february", "feb", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ],
        start=1,
    )
    for name in names
}

_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?)?"
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME_SUFFIX)
_DMY_DASH = re.compile(r"(\d{1,2})[-.](\d{1,2})[-.](\d{4}|\d{2})" + _TIME_SUFFIX)
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})" + _TIME_SUFFIX)
_WORDS = re.compile(r"(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})")
_SERIAL = re.compile(r"\d{1,6}(?:\.0+)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")

DAY_FIRST, MONTH_FIRST = "dm", "md"


class AmbiguousDate(NamedTuple):
    """A `a/b/yyyy` date whose parts both fit a month: day-first and month-first differ."""

    text: str
    day_first: dt.date
    month_first: dt.date

    def settle(self, order: str) -> dt.date:
        return self.day_first if order == DAY_FIRST else self.month_first


def _not_a_date(value) -> ValidationError:
    return _invalid(
        _(
            "%(value)s is not a date this import can read; write dates as dd-mm-yyyy, "
            "e.g. 26-09-1986."
        ),
        "date_format",
        value=value,
    )


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise _invalid(
            _("Date %(value)s does not exist in the calendar."), "date_invalid", value=original
        ) from None
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _invalid(
            _("Date %(value)s lies outside the years 1900–2100."), "date_range", value=original
        )
    return result


def _year(two_or_four: str) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 2:
        # Excel's own two-digit-year window: 00–29 → 2000s, 30–99 → 1900s.
        year += 2000 if year < 30 else 1900
    return year


def excel_serial(number: float, original) -> dt.date:
    """Excel's day count (44652 = 2022-04-01). Serial 60 is Excel's non-existent 29 Feb 1900."""
    whole = int(number)
    if whole != number or not 1 <= whole <= MAX_SERIAL or whole == 60:
        raise _invalid(
            _("The number %(value)s is not a plausible Excel date."),
            "date_serial",
            value=str(original),
        )
    if whole < 60:
        whole += 1
    return _make(*(EXCEL_EPOCH + dt.timedelta(days=whole)).timetuple()[:3], str(original))


@functools.lru_cache(maxsize=65536)
def _read_date_text(value: str) -> tuple[dt.date, str] | AmbiguousDate:
    match = _DMY_DASH.fullmatch(value)
    if match:  # SIASN's own dd-mm-yyyy (also with dots): always day first
        day, month, year = match.groups()
        return _make(_year(year), int(month), int(day), value), ""
    match = _YMD.fullmatch(value)
    if match:
        year, month, day = match.groups()
        return _make(int(year), int(month), int(day), value), ""
    match = _SLASH.fullmatch(value)
    if match:  # dd/mm/yyyy (Indonesian Excel) or m/d/yyyy (US Excel)
        first, second, year_text = int(match[1]), int(match[2]), _year(match[3])
        if first > 12:
            return _make(year_text, second, first, value), DAY_FIRST
        if second > 12:
            return _make(year_text, first, second, value), MONTH_FIRST
        if first == second:
            return _make(year_text, first, first, value), ""
        return AmbiguousDate(
            value, _make(year_text, second, first, value), _make(year_text, first, second, value)
        )
    match = _WORDS.fullmatch(value)
    if match and match[2].lower() in MONTHS:
        return _make(int(match[3]), MONTHS[match[2].lower()], int(match[1]), value), ""
    match = _COMPACT.fullmatch(value)
    if match:
        return _make(int(match[1]), int(match[2]), int(match[3]), value), ""
    if _SERIAL.fullmatch(value):
        return excel_serial(float(value), value), ""
    raise _not_a_date(value)


@functools.lru_cache(maxsize=MANY, typed=True)
def read_date(value) -> tuple[dt.date, str] | AmbiguousDate | None:
    """A date cell: `(date, order)` where `order` is `dm`/`md` when the text proved the file's
    day/month order, an `AmbiguousDate` when it could be either, or None when blank.

    Reads dd-mm-yyyy (SIASN), yyyy-mm-dd, dd/mm/yyyy, m/d/yyyy, `26 September 1986`, yyyymmdd,
    Excel serial numbers and the date cells of an XLSX file."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _make(value.year, value.month, value.day, value.isoformat()), ""
    if isinstance(value, dt.date):
        return _make(value.year, value.month, value.day, value.isoformat()), ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_serial(value, value), ""
    value = code(value)
    if not value:
        return None
    return _read_date_text(value)


@functools.lru_cache(maxsize=65536)
def read_date_text(value: str) -> tuple[dt.date, str] | AmbiguousDate | None:
    """`read_date` of a text cell, memoised on the raw text: a CSV's date cells repeat (TMT
    dates above all), and this skips `read_date`'s type tests and `code` for each of them."""
    return read_date(value)


# --- Gender -----------------------------------------------------------------------------------

GENDERS = {
    "M": "L", "L": "L", "1": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "LAKI": "L", "PRIA": "L",
    "F": "P", "P": "P", "2": "P", "PEREMPUAN": "P", "WANITA": "P",
}  # fmt: skip


def read_gender(value: str) -> str:
    """`M`/`F` (SIASN), `L`/`P`, `Pria`/`Wanita`, `1`/`2` → `L` or `P`."""
    try:
        return GENDERS[value.upper()]
    except KeyError:
        raise _invalid(
            _("Gender %(value)s is unknown; use M/F, L/P, Pria/Wanita or 1/2."),
            "gender",
            value=value,
        ) from None


@functools.lru_cache(maxsize=FEW, typed=True)
def gender_cell(value) -> str:
    """The JENIS KELAMIN cell: '' when blank, else `read_gender`."""
    value = text(value)
    return read_gender(value) if value else ""


# --- E-mail -----------------------------------------------------------------------------------

# Django's own e-mail validator, split so that the part that repeats (the domain) is checked once
# per distinct domain; its patterns are compiled here once, not through its lazy wrappers.
_EMAIL_USER = re.compile(validate_email.user_regex.pattern, validate_email.user_regex.flags)
MAX_EMAIL_LENGTH = 254  # EmailField's own limit


@functools.lru_cache(maxsize=FEW)
def _email_domain_ok(domain: str) -> bool:
    return domain in validate_email.domain_allowlist or validate_email.validate_domain_part(domain)


def check_email(value: str) -> str:
    """An e-mail address as `django.core.validators.validate_email` accepts it, at most 254
    characters. The fast test below is that validator's own, step by step; anything it refuses
    goes through the validator itself for the exact error."""
    if len(value) > MAX_EMAIL_LENGTH:
        raise _invalid(_("The e-mail address is too long."), "email")
    if "@" in value:
        user, domain = value.rsplit("@", 1)
        if _EMAIL_USER.match(user) and _email_domain_ok(domain):
            return value
    validate_email(value)  # raises
    return value  # pragma: no cover - the validator refuses what the fast test refused


# --- Golongan ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def read_golongan(gol_id: str, gol_name: str) -> tuple[str, str]:
    """The rank code and which column gave it: `GOL AKHIR ID` (11–45) is preferred; the name
    (`III/a`, `III/A`, PPPK `IX`) is read when the ID is blank or not a PNS code."""
    if gol_id in GOLONGAN_BY_SIASN_ID:
        return GOLONGAN_BY_SIASN_ID[gol_id], "GOL AKHIR ID"
    if gol_name:
        return normalize_golongan(gol_name), "GOL AKHIR NAMA"
    return normalize_golongan(gol_id), "GOL AKHIR ID"


@functools.lru_cache(maxsize=FEW, typed=True)
def golongan_cells(raw_id, raw_name) -> tuple[str, str, str]:
    """(golongan, column used, that column's text) from the GOL AKHIR ID/NAMA cells; all ''
    when both are blank. Raises `CellError` naming the column at fault."""
    gol_id, gol_name = code(raw_id), text(raw_name)
    if not gol_id and not gol_name:
        return "", "", ""
    try:
        golongan, used = read_golongan(gol_id, gol_name)
    except ValidationError as error:
        column = "GOL AKHIR NAMA" if gol_name else "GOL AKHIR ID"
        raise CellError(column, gol_name or gol_id, error) from None
    return golongan, used, gol_id if used == "GOL AKHIR ID" else gol_name


def golongan_fits_status(golongan: str, status: str) -> bool:
    """PNS hold I/a … IV/e, PPPK hold I … XVII."""
    return (golongan in PPPK_GOLONGAN) == (status == "PPPK")


# --- Jabatan (position kind and level) --------------------------------------------------------

STRUKTURAL, FUNGSIONAL_TERTENTU, RANGKAP, FUNGSIONAL_UMUM = "1", "2", "3", "4"
JENIS_JABATAN_BY_NAME = [
    ("struktural", STRUKTURAL),
    ("fungsional tertentu", FUNGSIONAL_TERTENTU),
    ("fungsional umum", FUNGSIONAL_UMUM),
    ("pelaksana", FUNGSIONAL_UMUM),
    ("rangkap", RANGKAP),
    ("fungsional", FUNGSIONAL_TERTENTU),
]
# Eselon → manajerial kind (UU 20/2023 equivalences). Eselon I in a regional government is the
# provincial Sekretaris Daerah (I.b, JPT madya); eselon V was abolished and maps to pengawas.
ESELON_KINDS = {
    "I": "jpt_madya",
    "II": "jpt_pratama",
    "III": "administrator",
    "IV": "pengawas",
    "V": "pengawas",
}
_ESELON_ID = re.compile(r"([1-5])[0-9]?")
_ESELON_NAME = re.compile(r"(?:ESELON\s*)?(IV|V|I{1,3})(?:\s*[./\-]?\s*[A-E])?", re.IGNORECASE)
_NON_ESELON = frozenset({"0", "00", "99", "NON ESELON", "NONESELON", "NON-ESELON"})
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
# Structural position names → kind, first match wins (so "Sekretaris Camat" is not read as
# the administrator "Sekretaris"). Used only when no eselon is given.
STRUCTURAL_NAMES = [
    (r"sekretaris daerah provinsi", "jpt_madya"),
    (r"sekretaris (camat|kecamatan|kelurahan|desa)\b", "pengawas"),
    (r"kepala (seksi|sub ?bagian|sub ?bag|sub ?bidang|puskesmas|urusan|tata usaha|kelurahan)\b",
     "pengawas"),
    (r"(lurah|kasubag|kasubbag|kasubbid|kasi)\b", "pengawas"),
    (r"(kepala (dinas|badan|biro|satuan polisi pamong praja)|sekretaris daerah|sekretaris dprd|"
     r"sekretaris dewan|asisten|staf ahli|direktur)\b", "jpt_pratama"),
    (r"inspektur pembantu\b", "administrator"),
    (r"inspektur\b", "jpt_pratama"),
    (r"(kepala (bidang|bagian)|sekretaris|camat|wakil direktur|kabid|kabag)\b", "administrator"),
]  # fmt: skip
_STRUCTURAL_NAMES = [(re.compile(pattern), kind) for pattern, kind in STRUCTURAL_NAMES]
_EXPERTISE = re.compile(r"\bahli (pertama|muda|madya|utama)\b")
_SKILL = re.compile(r"\b(pemula|terampil|mahir|penyelia)\b")


class CellError(Exception):
    """A reader of several columns names the one at fault."""

    def __init__(self, column: str, value: str, error: ValidationError):
        super().__init__(column)
        self.column, self.value, self.error = column, value, error


def _jenis_jabatan(jenis_id: str, jenis_name: str) -> str:
    if jenis_id:
        key = jenis_id.lstrip("0") or "0"
        if key in (STRUKTURAL, FUNGSIONAL_TERTENTU, RANGKAP, FUNGSIONAL_UMUM):
            return key
        raise CellError(
            "JENIS JABATAN ID",
            jenis_id,
            _invalid(
                _("JENIS JABATAN ID %(value)s is unknown; use 1, 2, 3 or 4."),
                "jenis_jabatan",
                value=jenis_id,
            ),
        )
    lowered = jenis_name.lower()
    for word, key in JENIS_JABATAN_BY_NAME:
        if word in lowered:
            return key
    if jenis_name:
        raise CellError(
            "JENIS JABATAN NAMA",
            jenis_name,
            _invalid(
                _("JENIS JABATAN NAMA %(value)s is unknown."), "jenis_jabatan", value=jenis_name
            ),
        )
    return ""


def _eselon_kind(eselon_id: str, eselon_name: str) -> str:
    if eselon_id and eselon_id.upper() not in _NON_ESELON:
        match = _ESELON_ID.fullmatch(eselon_id)
        if match:
            return ESELON_KINDS[_ROMAN[match[1]]]
        if not eselon_name:
            raise CellError(
                "ESELON ID",
                eselon_id,
                _invalid(_("ESELON ID %(value)s is unknown."), "eselon", value=eselon_id),
            )
    if eselon_name and eselon_name.upper() not in _NON_ESELON:
        match = _ESELON_NAME.fullmatch(eselon_name.strip())
        if match:
            return ESELON_KINDS[match[1].upper()]
        raise CellError(
            "ESELON NAMA",
            eselon_name,
            _invalid(_("ESELON NAMA %(value)s is unknown."), "eselon", value=eselon_name),
        )
    return ""


def _functional_level(lowered: str) -> tuple[str, str] | None:
    match = _EXPERTISE.search(lowered)
    if match:
        return "fungsional_keahlian", f"ahli_{match[1]}"
    match = _SKILL.search(lowered)
    if match:
        return "fungsional_keterampilan", match[1]
    return None


def _structural_kind(lowered: str) -> str:
    for pattern, kind in _STRUCTURAL_NAMES:
        if pattern.match(lowered):
            return kind
    return ""


@functools.lru_cache(maxsize=8192)
def read_position_kind(
    name: str, jenis_id: str, jenis_name: str, eselon_id: str, eselon_name: str
) -> tuple[str, str]:
    """(kind, level) of a jabatan from JENIS JABATAN (1 struktural, 2 fungsional tertentu,
    3 rangkap, 4 fungsional umum = pelaksana), the eselon and the position's own name.

    Struktural: the eselon decides (II → JPT pratama, III → administrator, IV → pengawas);
    without one, the name (`Kepala Dinas`, `Kepala Bidang`, `Kepala Seksi`, …). Fungsional: the
    level words in the name (`Ahli Pertama` … `Ahli Utama`, `Pemula` … `Penyelia`)."""
    lowered = " ".join(name.lower().split())
    jenis = _jenis_jabatan(jenis_id, jenis_name)
    if jenis == FUNGSIONAL_UMUM:
        return "pelaksana", ""
    if jenis == FUNGSIONAL_TERTENTU:
        found = _functional_level(lowered)
        if found is None:
            raise CellError(
                "JABATAN NAMA",
                name,
                _invalid(
                    _(
                        "The functional position %(value)s does not name its level (Ahli "
                        "Pertama, Ahli Muda, Ahli Madya, Ahli Utama, Pemula, Terampil, Mahir "
                        "or Penyelia)."
                    ),
                    "functional_level",
                    value=name,
                ),
            )
        return found
    if jenis == STRUKTURAL:
        kind = _eselon_kind(eselon_id, eselon_name) or _structural_kind(lowered)
        if not kind:
            raise CellError(
                "JABATAN NAMA",
                name,
                _invalid(
                    _(
                        "The level of structural position %(value)s cannot be told from its "
                        "name; fill ESELON ID or ESELON NAMA."
                    ),
                    "structural_level",
                    value=name,
                ),
            )
        return kind, ""
    # Rangkap, or no JENIS JABATAN at all (local files): read the name.
    found = _functional_level(lowered)
    if found is not None:
        return found
    kind = _eselon_kind(eselon_id, eselon_name) or _structural_kind(lowered)
    return (kind or "pelaksana"), ""


@functools.lru_cache(maxsize=FEW, typed=True)
def position_cells(raw_name, raw_jenis_id, raw_jenis_name, raw_eselon_id, raw_eselon_name):
    """(name, kind, level) of the JABATAN NAMA cell with its JENIS JABATAN and ESELON cells, or
    None when it is blank. Raises `CellError` naming the column at fault."""
    name = " ".join(text(raw_name).split())
    if not name:
        return None
    try:
        check_text(name, max_length=200)
    except ValidationError as error:
        raise CellError("JABATAN NAMA", name, error) from None
    kind, level = read_position_kind(
        name, code(raw_jenis_id), text(raw_jenis_name), code(raw_eselon_id), text(raw_eselon_name)
    )
    return name, kind, level


# --- Kedudukan hukum → employment state -------------------------------------------------------

# SIASN KEDUDUKAN HUKUM ID → Employee.State. 04 (pemberhentian sementara) is a temporary
# suspension, not a dismissal: the ASN is off duty and may return, as on leave (cuti).
# 20 (masa persiapan pensiun) is still in service. 71–73 are PPPK in service.
KEDUDUKAN_STATES = {
    "01": "aktif",
    "02": "cuti",
    "03": "tugas_belajar",
    "04": "cuti",
    "20": "aktif",
    "71": "aktif",
    "72": "aktif",
    "73": "aktif",
    "99": "pensiun",
}
KEDUDUKAN_WORDS = [
    ("persiapan pensiun", "aktif"),
    ("sementara", "cuti"),
    ("cltn", "cuti"),
    ("cuti", "cuti"),
    ("tugas belajar", "tugas_belajar"),
    ("pensiun", "pensiun"),
    ("aktif", "aktif"),
    ("pindah", "pindah"),
    ("mutasi keluar", "pindah"),
    ("diberhentikan", "diberhentikan"),
    ("pemberhentian", "diberhentikan"),
]


@functools.lru_cache(maxsize=256)
def read_state(kh_id: str, kh_name: str) -> tuple[str, str]:
    """(state, column used) from KEDUDUKAN HUKUM ID, else from its name."""
    if kh_id:
        key = kh_id.zfill(2) if kh_id.isdigit() else kh_id
        if key in KEDUDUKAN_STATES:
            return KEDUDUKAN_STATES[key], "KEDUDUKAN HUKUM ID"
    lowered = kh_name.lower()
    if lowered and "tidak" not in lowered:  # "tidak aktif" is not "aktif"
        for word, state in KEDUDUKAN_WORDS:
            if word in lowered:
                return state, "KEDUDUKAN HUKUM NAMA"
    column, value = ("KEDUDUKAN HUKUM ID", kh_id) if kh_id else ("KEDUDUKAN HUKUM NAMA", kh_name)
    raise CellError(
        column,
        value,
        _invalid(
            _(
                "KEDUDUKAN HUKUM %(value)s is not one this import knows (01, 02, 03, 04, 20, "
                "71–73, 99); correct it or leave the row out."
            ),
            "kedudukan",
            value=value,
        ),
    )


@functools.lru_cache(maxsize=FEW, typed=True)
def state_cells(raw_id, raw_name) -> str:
    """The employment state from the KEDUDUKAN HUKUM cells; '' when both are blank."""
    kh_id, kh_name = code(raw_id), text(raw_name)
    if not kh_id and not kh_name:
        return ""
    return read_state(kh_id, kh_name)[0]


# --- Education --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def read_education(level_id: str, level_name: str) -> tuple[str, str]:
    """(SIASN level code, column used) from TINGKAT PENDIDIKAN ID, else its name (`S-1`)."""
    if level_id:
        try:
            return normalize_education(level_id), "TINGKAT PENDIDIKAN ID"
        except ValidationError:
            if not level_name:
                raise
    return normalize_education(level_name), "TINGKAT PENDIDIKAN NAMA"


@functools.lru_cache(maxsize=FEW, typed=True)
def education_cells(raw_id, raw_name) -> str:
    """The education level from the TINGKAT PENDIDIKAN cells; '' when both are blank. Raises
    `CellError` naming the column at fault."""
    edu_id, edu_name = code(raw_id), text(raw_name)
    if not edu_id and not edu_name:
        return ""
    try:
        return read_education(edu_id, edu_name)[0]
    except ValidationError as error:
        column = "TINGKAT PENDIDIKAN NAMA" if edu_name else "TINGKAT PENDIDIKAN ID"
        raise CellError(column, edu_name or edu_id, error) from None
