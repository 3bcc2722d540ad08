"""The formulas of competency and talent management (DOMAIN.md §6–§8), pure: no database.

Tables that DOMAIN.md calls configurable are plain data passed in (with the defaults here), so
an agency's own table replaces them without code changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
