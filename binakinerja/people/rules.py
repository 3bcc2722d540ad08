"""Pure rules of the ASN registry: NIP (Perka BKN 22/2007), golongan/pangkat, jabatan kinds and
education levels (DOMAIN.md §3–§4a). No database access here."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- NIP -------------------------------------------------------------------------------------

NIP_LENGTH = 18
MIN_SERVICE_AGE = 18  # CPNS/PPPK candidates are at least 18 (PP 11/2017 Pasal 23, 37)
_SEPARATORS = re.compile(r"[\s.\-_/\u00a0\u2007\u202f]+")
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_NIP_PREFIX = re.compile(r"^(?:nip\s*(?:baru)?\s*[.:]?\s*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NipInfo:
    """What an 18-digit NIP says about its holder."""

    nip: str  # normalised: 18 digits
    status: str  # "PNS" or "PPPK"
    birth_date: dt.date
    tmt: dt.date | int  # PNS: first day of the TMT CPNS month; PPPK: year of appointment
    gender: str  # "L" (laki-laki) or "P" (perempuan)
    sequence: int

    @property
    def grouped(self) -> str:
        return format_nip(self.nip)


def _invalid(message, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def normalize_nip(value) -> str:
    """Strip what people type and paste around a NIP: spaces, dots, dashes, a leading
    apostrophe (Excel's text marker) or the word "NIP". Refuses numbers that Excel has already
    rounded (`1.98609E+17`), whose digits are lost for good."""
    if type(value) is str:
        text = value.strip().lstrip("'`’").strip()
        if len(text) == NIP_LENGTH and text.isascii() and text.isdigit():
            return text  # the usual cell: 18 digits, perhaps behind Excel's apostrophe
    if value is None:
        raise _invalid(_("NIP is empty."), "nip_empty")
    if isinstance(value, float):
        raise _invalid(
            _(
                "NIP %(value)s was stored by Excel as a number and has lost digits; "
                "format the NIP column as text and enter it again."
            ),
            "nip_scientific",
            value=repr(value),
        )
    text = str(value).strip().lstrip("'`’").strip()
    if not text:
        raise _invalid(_("NIP is empty."), "nip_empty")
    if _SCIENTIFIC.match(text.replace(" ", "")):
        raise _invalid(
            _(
                "NIP %(value)s was stored by Excel as a number and has lost digits; "
                "format the NIP column as text and enter it again."
            ),
            "nip_scientific",
            value=text,
        )
    text = _NIP_PREFIX.sub("", text)
    digits = _SEPARATORS.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        raise _invalid(
            _("NIP %(value)s may contain only digits (spaces are allowed)."),
            "nip_not_digits",
            value=str(value).strip(),
        )
    if len(digits) != NIP_LENGTH:
        raise _invalid(
            _("NIP must have 18 digits; %(value)s has %(count)d."),
            "nip_length",
            value=str(value).strip(),
            count=len(digits),
        )
    return digits


@functools.lru_cache(maxsize=32768)
def _calendar_date(digits: str) -> dt.date | None:
    """`yyyymmdd` as a date, or None when no such day exists. Cached: the NIPs of one ASN list
    share a few thousand birth dates."""
    try:
        return dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


@functools.lru_cache(maxsize=16)
def _latest_tmt(today: dt.date) -> dt.date:
    """The latest plausible TMT CPNS: the first of this month plus 366 days."""
    return today.replace(day=1) + dt.timedelta(days=366)


def parse_nip(value, *, today: dt.date | None = None) -> NipInfo:
    """Parse a PNS or PPPK NIP and tell which it is.

    PNS:  YYYYMMDD (birth) · YYYYMM (TMT CPNS) · gender · sequence.
    PPPK: YYYYMMDD (birth) · YYYY (appointment year) · 2 · frequency digit · gender · sequence.
    Digit 13 separates them: a month starts with 0 or 1, the PPPK code with 2.
    """
    nip = normalize_nip(value)
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, not an instant

    birth_date = _calendar_date(nip[0:8])
    if birth_date is None:
        raise _invalid(
            _("Birth date in NIP digits 1–8 (%(part)s) is not a real date."),
            "nip_birth_date",
            part=nip[0:8],
        )
    if birth_date.year < 1900 or birth_date > today:
        raise _invalid(
            _("Birth date in NIP digits 1–8 (%(part)s) is not plausible."),
            "nip_birth_date",
            part=nip[0:8],
        )

    year = int(nip[8:12])
    code = nip[12:14]
    if nip[12] in "01":
        status = "PNS"
        month = int(code)
        if not 1 <= month <= 12:
            raise _invalid(
                _("TMT CPNS in NIP digits 9–14 (%(part)s) does not hold a real month."),
                "nip_tmt",
                part=nip[8:14],
            )
        tmt: dt.date | int | None = _calendar_date(f"{nip[8:14]}01")  # None: year 0000
        too_early = tmt is None or (year, month) < (
            birth_date.year + MIN_SERVICE_AGE,
            birth_date.month,
        )
        too_late = tmt is not None and tmt > _latest_tmt(today)
    elif nip[12] == "2":
        status = "PPPK"
        if nip[13] == "0":
            raise _invalid(
                _("PPPK code in NIP digits 13–14 (%(part)s) must be 21 to 29."),
                "nip_pppk_code",
                part=code,
            )
        tmt = year
        too_early = year < birth_date.year + MIN_SERVICE_AGE
        too_late = year > today.year + 1
    else:
        raise _invalid(
            _(
                "NIP digits 13–14 (%(part)s) are neither a TMT month (01–12, PNS) "
                "nor a PPPK code (21–29)."
            ),
            "nip_tmt",
            part=code,
        )
    if too_early or too_late:
        raise _invalid(
            _(
                "Start of service in NIP digits 9–14 (%(part)s) does not fit the birth date "
                "%(birth)s: service starts at age 18 at the earliest and not in the future."
            ),
            "nip_tmt",
            part=nip[8:14],
            birth=birth_date.isoformat(),
        )

    gender_digit = nip[14]
    if gender_digit not in "12":
        raise _invalid(
            _("Gender in NIP digit 15 (%(part)s) must be 1 (male) or 2 (female)."),
            "nip_gender",
            part=gender_digit,
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise _invalid(
            _("Sequence number in NIP digits 16–18 (%(part)s) cannot be 000."),
            "nip_sequence",
            part=nip[15:18],
        )
    return NipInfo(
        nip=nip,
        status=status,
        birth_date=birth_date,
        tmt=tmt,
        gender="L" if gender_digit == "1" else "P",
        sequence=sequence,
    )


def format_nip(nip: str) -> str:
    """Group an 18-digit NIP the way it is printed: `19860926 201505 1 001`."""
    if len(nip) != NIP_LENGTH or not nip.isdigit():
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


# --- Career history ---------------------------------------------------------------------------

# The registry fields whose changes are career steps, with their CareerHistory kind.
CAREER_TRACKED = {"position": "position", "golongan": "rank", "unit": "unit", "state": "state"}


def nip_facts(nip_value) -> dict:
    """Status, gender, birth date and TMT as the NIP states them."""
    info = parse_nip(nip_value)
    return {
        "nip": info.nip,
        "status": info.status,
        "gender": info.gender,
        "birth_date": info.birth_date,
        "tmt_cpns": info.tmt if info.status == "PNS" else None,
    }


def career_changes(before: dict, after: dict, *, tmt_jabatan, tmt_golongan) -> list[tuple]:
    """The career steps between two audit snapshots (`core.audit.snapshot` of the audited
    fields): `(kind, old value, new value, effective date)` for each tracked field that changed
    to a value. Shared by `services.employee_update` and the ASN import's updates, which write
    them in bulk.

    Career history records changes, not registration: creating an employee writes none (the
    record itself holds the current position, rank, unit and state with their TMTs, and its
    audit record says who registered them and when)."""
    effective = {"position": tmt_jabatan, "golongan": tmt_golongan}
    return [
        (
            kind,
            str(before.get(field) or "")[:255],
            str(after.get(field) or "")[:255],
            effective.get(field),
        )
        for field, kind in CAREER_TRACKED.items()
        if before.get(field) != after.get(field) and after.get(field)
    ]


# --- Golongan / pangkat (DOMAIN.md §4) ------------------------------------------------------

PNS_GOLONGAN = [
    # (code, SIASN GOL ID, pangkat)
    ("I/a", 11, "Juru Muda"),
    ("I/b", 12, "Juru Muda Tingkat I"),
    ("I/c", 13, "Juru"),
    ("I/d", 14, "Juru Tingkat I"),
    ("II/a", 21, "Pengatur Muda"),
    ("II/b", 22, "Pengatur Muda Tingkat I"),
    ("II/c", 23, "Pengatur"),
    ("II/d", 24, "Pengatur Tingkat I"),
    ("III/a", 31, "Penata Muda"),
    ("III/b", 32, "Penata Muda Tingkat I"),
    ("III/c", 33, "Penata"),
    ("III/d", 34, "Penata Tingkat I"),
    ("IV/a", 41, "Pembina"),
    ("IV/b", 42, "Pembina Tingkat I"),
    ("IV/c", 43, "Pembina Utama Muda"),
    ("IV/d", 44, "Pembina Utama Madya"),
    ("IV/e", 45, "Pembina Utama"),
]
PPPK_GOLONGAN = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip
PANGKAT = {code: pangkat for code, _id, pangkat in PNS_GOLONGAN}
GOLONGAN_BY_SIASN_ID = {str(gol_id): code for code, gol_id, _p in PNS_GOLONGAN}
GOLONGAN_CHOICES = [(code, f"{code} – {pangkat}") for code, _id, pangkat in PNS_GOLONGAN] + [
    (code, f"PPPK {code}") for code in PPPK_GOLONGAN
]
GOLONGAN_ORDER = {code: i for i, (code, _label) in enumerate(GOLONGAN_CHOICES)}
_GOLONGAN_LOOKUP = {code.upper(): code for code, _label in GOLONGAN_CHOICES}


def normalize_golongan(value) -> str:
    """`III/a`, `III/A`, `iii a`, `31` (SIASN GOL ID) → `III/a`; PPPK `IX` stays `IX`."""
    text = str(value or "").strip()
    if text in GOLONGAN_BY_SIASN_ID:
        return GOLONGAN_BY_SIASN_ID[text]
    key = re.sub(r"[\s\-/]+", "/", text).upper()
    if key in _GOLONGAN_LOOKUP:
        return _GOLONGAN_LOOKUP[key]
    raise _invalid(_("Unknown golongan %(value)s."), "golongan", value=text)


# --- Education (SIASN TINGKAT PENDIDIKAN ID) ------------------------------------------------

EDUCATION_LEVELS = [
    ("05", "SD"),
    ("10", "SLTP"),
    ("15", "SLTA"),
    ("20", "D-I"),
    ("25", "D-II"),
    ("30", "D-III"),
    ("35", "D-IV"),
    ("40", "S-1"),
    ("45", "S-2"),
    ("50", "S-3"),
]
EDUCATION_BY_NAME = {name.replace("-", "").upper(): code for code, name in EDUCATION_LEVELS}
EDUCATION_BY_NAME.update({"SMP": "10", "SMA": "15", "SMK": "15", "D1": "20", "D2": "25",
                          "D3": "30", "D4": "35", "S1": "40", "S2": "45", "S3": "50"})  # fmt: skip


def normalize_education(value) -> str:
    """`40`, `S-1`, `S1`, `s1` → `40` (the SIASN code)."""
    text = str(value or "").strip()
    if text.isdigit() and text.zfill(2) in dict(EDUCATION_LEVELS):
        return text.zfill(2)
    key = text.replace("-", "").replace(" ", "").upper()
    if key in EDUCATION_BY_NAME:
        return EDUCATION_BY_NAME[key]
    raise _invalid(_("Unknown education level %(value)s."), "education", value=text)
