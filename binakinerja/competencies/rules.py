"""The formulas of competency and talent management (DOMAIN.md §6–§8), pure: no database.

Tables that DOMAIN.md calls configurable are plain data passed in (with the defaults here), so
an agency's own table replaces them without code changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

MIN_LEVEL, MAX_LEVEL = 1, 5

KINERJA = ("di_bawah", "sesuai", "di_atas")
POTENSIAL = ("rendah", "menengah", "tinggi")

# DOMAIN.md §7: box number by (potensial, kinerja).
DEFAULT_NINE_BOX: Mapping[tuple[str, str], int] = {
    ("tinggi", "di_bawah"): 6, ("tinggi", "sesuai"): 8, ("tinggi", "di_atas"): 9,
    ("menengah", "di_bawah"): 3, ("menengah", "sesuai"): 5, ("menengah", "di_atas"): 7,
    ("rendah", "di_bawah"): 1, ("rendah", "sesuai"): 2, ("rendah", "di_atas"): 4,
}  # fmt: skip

# DOMAIN.md §7: what each box recommends.
NINE_BOX_RECOMMENDATIONS: Mapping[int, str] = {
    9: "Dipromosikan, masuk kelompok rencana suksesi, diberi penghargaan",
    8: "Dipertahankan, masuk kelompok rencana suksesi, rotasi, konseling kinerja",
    7: "Dipertahankan, masuk kelompok rencana suksesi, pengayaan jabatan, pengembangan "
    "kompetensi, tugas belajar",
    6: "Penempatan yang sesuai, bimbingan kinerja, konseling kinerja",
    5: "Penempatan yang sesuai, bimbingan kinerja, pengembangan kompetensi",
    4: "Rotasi, pengembangan kompetensi",
    3: "Bimbingan kinerja, konseling kinerja, pengembangan kompetensi, penempatan yang sesuai",
    2: "Bimbingan kinerja, pengembangan kompetensi, penempatan yang sesuai",
    1: "Diproses sesuai ketentuan peraturan perundang-undangan",
}


def nine_box(kinerja: str, potensial: str, mapping: Mapping[tuple[str, str], int] | None = None):
    """The talent box (1–9) of a kinerja rating (`di_atas`, `sesuai`, `di_bawah`) and a
    potensial class (`tinggi`, `menengah`, `rendah`), by DOMAIN.md §7 or `mapping`."""
    if kinerja not in KINERJA:
        raise ValueError(f"unknown kinerja {kinerja!r}: use one of {', '.join(KINERJA)}")
    if potensial not in POTENSIAL:
        raise ValueError(f"unknown potensial {potensial!r}: use one of {', '.join(POTENSIAL)}")
    table = DEFAULT_NINE_BOX if mapping is None else mapping
    box = table[(potensial, kinerja)]
    if not 1 <= box <= 9:
        raise ValueError(f"box {box} outside 1–9")
    return box


def validate_nine_box_mapping(mapping: Mapping[tuple[str, str], int]) -> None:
    """A mapping must cover the 9 combinations with the boxes 1–9, each once."""
    expected = {(p, k) for p in POTENSIAL for k in KINERJA}
    if set(mapping) != expected:
        raise ValueError("the mapping must cover every potensial × kinerja combination")
    if sorted(mapping.values()) != list(range(1, 10)):
        raise ValueError("the mapping must use each box 1–9 exactly once")


def check_level(level) -> int:
    if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValueError(f"level {level!r} outside {MIN_LEVEL}–{MAX_LEVEL}")
    return level


def gaps(required: Mapping[str, int], actual: Mapping[str, int]) -> dict[str, int]:
    """required − actual per required competency (a missing assessment counts as level 0);
    negative values are over-qualification, only positive ones are development needs."""
    return {code: check_level(level) - actual.get(code, 0) for code, level in required.items()}


def job_person_match(required: Mapping[str, int], actual: Mapping[str, int]) -> Decimal | None:
    """Job-person match in percent (DOMAIN.md §6): Σ min(actual, required) / Σ required × 100,
    rounded half up to 2 decimals. A competency without an assessment counts as 0;
    over-qualification is capped at the required level, so it cannot hide a gap elsewhere;
    competencies the standard does not name are ignored. None for an empty standard."""
    if not required:
        return None
    total = 0
    met = 0
    for code, level in required.items():
        need = check_level(level)
        have = actual.get(code)
        have = 0 if have is None else check_level(have)
        total += need
        met += min(have, need)
    return (Decimal(met * 100) / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP)


# Common practice (configurable): ≥ 90 % optimal, ≥ 78 % cukup optimal, below: kurang optimal.
DEFAULT_JPM_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("90"), "optimal"),
    (Decimal("78"), "cukup_optimal"),
    (Decimal("0"), "kurang_optimal"),
)


def jpm_band(percent: Decimal, bands: tuple[tuple[Decimal, str], ...] = DEFAULT_JPM_BANDS) -> str:
    """The band of a job-person match: the first whose lower edge the percentage reaches."""
    for lower, name in sorted(bands, key=lambda band: band[0], reverse=True):
        if percent >= lower:
            return name
    raise ValueError(f"no band for {percent}")


# DOMAIN.md §6, "unverified default, configurable": required managerial level by jabatan kind
# (and functional level). Keterampilan levels are not in DOMAIN.md: pemula/terampil 1,
# mahir/penyelia 2 is our assumption.
DEFAULT_REQUIRED_LEVEL: Mapping[tuple[str, str], int] = {
    ("jpt_utama", ""): 5,
    ("jpt_madya", ""): 5,
    ("jpt_pratama", ""): 4,
    ("administrator", ""): 3,
    ("pengawas", ""): 2,
    ("pelaksana", ""): 1,
    ("fungsional_keahlian", "ahli_utama"): 4,
    ("fungsional_keahlian", "ahli_madya"): 3,
    ("fungsional_keahlian", "ahli_muda"): 2,
    ("fungsional_keahlian", "ahli_pertama"): 1,
    ("fungsional_keterampilan", "penyelia"): 2,
    ("fungsional_keterampilan", "mahir"): 2,
    ("fungsional_keterampilan", "terampil"): 1,
    ("fungsional_keterampilan", "pemula"): 1,
}


def default_required_level(
    kind: str, level: str = "", table: Mapping[tuple[str, str], int] | None = None
) -> int | None:
    """The default required level of a jabatan kind (and functional level), or None."""
    return (DEFAULT_REQUIRED_LEVEL if table is None else table).get((kind, level or ""))


# --- training needs ----------------------------------------------------------------------------

JP_MINUTES = 45
YEARLY_JP = 20


class NeedSource:
    GAP = "gap"
    FOLLOW_UP = "follow_up"
    JP_SHORTFALL = "jp_shortfall"


# A need's weight: a gap of g levels weighs g × 10; an SKP follow-up by how low the predikat was;
# the 20 JP shortfall last (it is met by any development). Larger first.
FOLLOW_UP_WEIGHT = {"butuh_perbaikan": 15, "kurang": 25, "sangat_kurang": 35}
GAP_WEIGHT_PER_LEVEL = 10
JP_SHORTFALL_WEIGHT = 5


@dataclass(frozen=True)
class Need:
    source: str
    subject: str  # competency code, follow-up id or "jp"
    weight: int
    reason: str


def rank_needs(
    *,
    gaps_by_competency: Mapping[str, int],
    follow_ups: Mapping[str, str] | None = None,
    jp_done: float = 0,
    yearly_jp: int = YEARLY_JP,
) -> list[Need]:
    """An ASN's development needs, ranked: positive competency gaps (larger first), SKP
    follow-ups (`{id: predikat}`; lower predikat first) and the yearly JP shortfall, each with
    the reason for its rank. Ties keep a stable order (weight, then source, then subject)."""
    needs = []
    for code, gap in gaps_by_competency.items():
        if gap > 0:
            needs.append(
                Need(
                    NeedSource.GAP, code, gap * GAP_WEIGHT_PER_LEVEL,
                    f"kesenjangan {gap} level pada kompetensi {code}",
                )
            )  # fmt: skip
    for follow_up_id, predikat in (follow_ups or {}).items():
        weight = FOLLOW_UP_WEIGHT.get(predikat)
        if weight is None:
            raise ValueError(f"predikat {predikat!r} needs no follow-up")
        needs.append(
            Need(NeedSource.FOLLOW_UP, str(follow_up_id), weight,
                 f"tindak lanjut SKP dengan predikat {predikat.replace('_', ' ')}")
        )  # fmt: skip
    shortfall = yearly_jp - jp_done
    if shortfall > 0:
        needs.append(
            Need(NeedSource.JP_SHORTFALL, "jp", JP_SHORTFALL_WEIGHT,
                 f"kekurangan {shortfall:g} JP dari {yearly_jp} JP setahun")
        )  # fmt: skip
    return sorted(needs, key=lambda n: (-n.weight, n.source, n.subject))


def jp_of_minutes(minutes: int, *, rounding: str = "down") -> int:
    """Whole JP (45 minutes) of a duration; partial JP rounded per policy (`down`, `half_up`,
    `up`): DOMAIN.md §8 leaves the rounding to policy."""
    if minutes < 0:
        raise ValueError("minutes must be ≥ 0")
    whole, rest = divmod(minutes, JP_MINUTES)
    if rounding == "down":
        return whole
    if rounding == "up":
        return whole + (1 if rest else 0)
    if rounding == "half_up":
        return whole + (1 if rest * 2 >= JP_MINUTES else 0)
    raise ValueError(f"unknown rounding {rounding!r}")


# --- development plan (costed) ---
# The rencana pengembangan kompetensi rolls the needs of many ASN up into lines of one form of
# development each, with JP and an estimated cost. The unit costs below are the project's
# assumptions, not regulation (no national unit cost exists; each agency uses its own standar
# biaya): replace them with the Django setting COMPETENCIES_PLAN_COSTS (see `plan_costs`).


class PlanForm:
    """Forms of development (DOMAIN.md §8): klasikal and the nonklasikal coaching, mentoring
    and e-learning. A 1-level gap is "coaching or mentoring" (the same choice as
    `needs.suggested_form`): the OPD picks which when it runs it."""

    KLASIKAL = "klasikal"
    COACHING_MENTORING = "coaching_mentoring"
    COACHING = "coaching"
    MENTORING = "mentoring"
    E_LEARNING = "e_learning"
    ALL = (KLASIKAL, COACHING_MENTORING, COACHING, MENTORING, E_LEARNING)


# Per form: JP per participant per level of gap (`jp_per_level`), JP per participant for a need
# without levels, i.e. an SKP follow-up (`jp_per_need`), rupiah per participant-JP
# (`cost_per_jp`) and rupiah per participant whatever the JP (`cost_per_participant`: modules,
# certificate). 1 day of training ≈ 8 JP.
DEFAULT_PLAN_COSTS: Mapping[str, Mapping[str, int]] = {
    PlanForm.KLASIKAL: {
        "jp_per_level": 24, "jp_per_need": 24, "cost_per_jp": 100_000,
        "cost_per_participant": 250_000,
    },
    PlanForm.COACHING_MENTORING: {
        "jp_per_level": 8, "jp_per_need": 8, "cost_per_jp": 25_000, "cost_per_participant": 0,
    },
    PlanForm.COACHING: {
        "jp_per_level": 8, "jp_per_need": 8, "cost_per_jp": 25_000, "cost_per_participant": 0,
    },
    PlanForm.MENTORING: {
        "jp_per_level": 8, "jp_per_need": 8, "cost_per_jp": 25_000, "cost_per_participant": 0,
    },
    PlanForm.E_LEARNING: {
        "jp_per_level": 0, "jp_per_need": 0, "cost_per_jp": 10_000, "cost_per_participant": 0,
    },
}  # fmt: skip
PLAN_COST_KEYS = ("jp_per_level", "jp_per_need", "cost_per_jp", "cost_per_participant")

# SKP follow-ups (performance.rules.FollowUpKind) by kind. Counselling has no form of its own
# in DOMAIN.md §8: it is planned as coaching (a one-to-one conversation with the atasan).
FOLLOW_UP_FORMS: Mapping[str, str] = {
    "training_need": PlanForm.KLASIKAL,
    "coaching": PlanForm.COACHING,
    "mentoring": PlanForm.MENTORING,
    "counselling": PlanForm.COACHING,
}


def gap_form(gap: int) -> str | None:
    """The form for a competency gap (as `needs.suggested_form`): 2 levels or more → klasikal,
    1 level → coaching/mentoring, none → None."""
    if gap >= 2:
        return PlanForm.KLASIKAL
    return PlanForm.COACHING_MENTORING if gap == 1 else None


def follow_up_form(kind: str) -> str:
    """The form for an open SKP follow-up by its kind: training_need → klasikal, coaching →
    coaching, mentoring → mentoring, counselling → coaching."""
    try:
        return FOLLOW_UP_FORMS[kind]
    except KeyError:
        raise ValueError(f"unknown follow-up kind {kind!r}") from None


def _amount(form: str, key: str, value) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str | float):
        raise ValueError(f"{form}.{key}: {value!r} is not a number")
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{form}.{key}: {value!r} is not a number") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"{form}.{key}: {value!r} must be a number ≥ 0")
    if key.startswith("jp_"):
        if number != number.to_integral_value():
            raise ValueError(f"{form}.{key}: {value!r} must be a whole number of JP")
        return int(number)
    return number


def plan_costs(overrides: Mapping[str, Mapping[str, object]] | None = None) -> dict:
    """The unit costs in use: DEFAULT_PLAN_COSTS with `overrides` (`{form: {key: value}}`, any
    subset) on top, checked: known forms and keys, JP whole and ≥ 0, rupiah ≥ 0 (as Decimal).
    ValueError names the bad entry."""
    merged = {form: dict(values) for form, values in DEFAULT_PLAN_COSTS.items()}
    for form, values in (overrides or {}).items():
        if form not in merged:
            raise ValueError(f"unknown form {form!r}: use one of {', '.join(PlanForm.ALL)}")
        if not isinstance(values, Mapping):
            raise ValueError(f"{form}: expected a mapping of {', '.join(PLAN_COST_KEYS)}")
        for key, value in values.items():
            if key not in PLAN_COST_KEYS:
                raise ValueError(f"{form}: unknown key {key!r}: use {', '.join(PLAN_COST_KEYS)}")
            merged[form][key] = value
    return {
        form: {key: _amount(form, key, values[key]) for key in PLAN_COST_KEYS}
        for form, values in merged.items()
    }


RUPIAH = Decimal("1")


def plan_line_estimate(
    *,
    people: int,
    form: str,
    costs: Mapping[str, Mapping[str, object]],
    gap_levels_total: int | None = None,
    needs: int | None = None,
    jp: int | None = None,
) -> tuple[int, Decimal]:
    """(participant-JP, cost in whole rupiah) of one plan line of `people` participants.
    Exactly one of: `gap_levels_total` (Σ gap levels × jp_per_level), `needs` (number of
    follow-ups × jp_per_need) or `jp` (the JP themselves, e.g. the yearly shortfall). Cost =
    JP × cost_per_jp + people × cost_per_participant, rounded half up to the rupiah."""
    given = [v is not None for v in (gap_levels_total, needs, jp)]
    if sum(given) != 1:
        raise ValueError("give exactly one of gap_levels_total, needs, jp")
    if form not in costs:
        raise ValueError(f"no unit costs for the form {form!r}")
    if people < 0 or any(v is not None and v < 0 for v in (gap_levels_total, needs, jp)):
        raise ValueError("people, gap levels, needs and JP must be ≥ 0")
    unit = costs[form]
    if gap_levels_total is not None:
        total_jp = gap_levels_total * int(unit["jp_per_level"])
    elif needs is not None:
        total_jp = needs * int(unit["jp_per_need"])
    else:
        total_jp = jp
    cost = Decimal(total_jp) * Decimal(str(unit["cost_per_jp"])) + people * Decimal(
        str(unit["cost_per_participant"])
    )
    return total_jp, cost.quantize(RUPIAH, ROUND_HALF_UP)


def jp_still_missing(*, jp_done: float, planned_jp: int, yearly_jp: int = YEARLY_JP) -> int:
    """Whole JP an ASN still lacks of the yearly minimum after what they did and what the plan
    gives them (any development counts toward the 20 JP), rounded up: planned as e-learning."""
    missing = yearly_jp - jp_done - planned_jp
    if missing <= 0:
        return 0
    whole = int(missing)
    return whole + (1 if missing > whole else 0)


def rupiah_text(amount) -> str:
    """Whole rupiah in Indonesian style: 1250000 → "1.250.000" (negative with a minus)."""
    value = Decimal(amount).quantize(RUPIAH, ROUND_HALF_UP)
    return f"{value:,.0f}".replace(",", ".")


# --- end development plan ---


# --- Spreadsheet cells of the competency imports ----------------------------------------------
# Both imports (assessments and position standards) name a competency and a level the same way.

CODE_COLUMN, NAME_COLUMN = "KODE KOMPETENSI", "NAMA KOMPETENSI"
COMPETENCY_COLUMNS = (CODE_COLUMN, NAME_COLUMN)


def word_key(value) -> str:
    """Upper case with separators folded to one space: 'Assessment-Center' → 'ASSESSMENT
    CENTER'."""
    return re.sub(r"[\s\-_/.,]+", " ", str(value)).strip().upper()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def competency_tables(competencies: Iterable) -> tuple[dict, dict]:
    """The competencies by code and by name (both through `word_key`), for `find_competency`."""
    competencies = list(competencies)
    return (
        {word_key(c.code): c for c in competencies},
        {word_key(c.name): c for c in competencies},
    )


def competency_column(raw: Mapping) -> tuple[str, object]:
    """The column that names the competency of a row: its code when given, else its name."""
    code, name = raw.get(CODE_COLUMN), raw.get(NAME_COLUMN)
    return (CODE_COLUMN, code) if not _blank(code) else (NAME_COLUMN, name)


def find_competency(column: str, value, by_code: Mapping, by_name: Mapping):
    """(competency, None) for the active competency a cell names, or (None, the reason)."""
    if _blank(value):
        return None, _("Give the competency code or name.")
    competency = (by_code if column == CODE_COLUMN else by_name).get(word_key(value))
    if competency is None:
        return None, _("No competency in the dictionary has this code or name.")
    if not competency.is_active:
        return None, _("This competency is no longer in use.")
    return competency, None


def level_of(value) -> int:
    """A whole number from a cell (3, 3.0, "3"); ValueError otherwise (range checked apart)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip().removesuffix(".0")
    if not text.lstrip("-").isdigit():
        raise ValueError(value)
    return int(text)


def score_of(value) -> Decimal | None:
    """A score cell as a Decimal with two places (decimal comma allowed), None when blank;
    ValueError otherwise."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    try:
        return Decimal(str(value).strip().replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ValueError(value) from error
