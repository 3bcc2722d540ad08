"""Pure rules of training and the JP ledger (DOMAIN.md §8, §8a, §10): the development forms
with their SIASN codes, JP from minutes per form, the learning gain, the L3 impact band, the
completion rule. No database here: services, selectors, views and imports call these."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from django.utils.translation import gettext_noop

JP_MINUTES = 45  # 1 JP = 45 minutes (DOMAIN.md §8)
YEARLY_JP = 20  # every PNS at least 20 JP a year


@dataclass(frozen=True)
class Form:
    """A development form as coded in practice (§8a): KL01–KL12, NKL01–NKL13, with the SIASN
    `jenisDiklatId` it is exported under."""

    code: str
    name: str
    jenis_diklat_id: int

    @property
    def klasikal(self) -> bool:
        return self.code.startswith("KL")

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


FORMS: dict[str, Form] = {
    form.code: form
    for form in (
        Form("KL01", "Struktural Kepemimpinan", 1),
        Form("KL02", "Manajerial", 5),
        Form("KL03", "Teknis", 3),
        Form("KL04", "Fungsional", 2),
        Form("KL05", "Sosial Kultural", 6),
        Form("KL06", "Seminar/Konferensi/Sarasehan", 9),
        Form("KL07", "Workshop/Lokakarya", 4),
        Form("KL08", "Kursus", 11),
        Form("KL09", "Penataran", 12),
        Form("KL10", "Bimbingan Teknis", 8),
        Form("KL11", "Sosialisasi", 7),
        Form("KL12", "Klasikal lainnya", 13),
        Form("NKL01", "Coaching", 14),
        Form("NKL02", "Mentoring", 15),
        Form("NKL03", "E-learning", 16),
        Form("NKL04", "Pelatihan Jarak Jauh", 17),
        Form("NKL05", "Detasering", 18),
        Form("NKL06", "Outbond", 19),
        Form("NKL07", "Benchmarking", 20),
        Form("NKL08", "Pertukaran PNS dengan swasta/BUMN/BUMD", 21),
        Form("NKL09", "Belajar Mandiri", 22),
        Form("NKL10", "Community of Practice", 23),
        Form("NKL11", "Bimbingan di Tempat Kerja", 24),
        Form("NKL12", "Magang/Praktik Kerja", 10),
        Form("NKL13", "Nonklasikal lainnya", 25),
    )
}
FORM_CHOICES = [(form.code, form.label) for form in FORMS.values()]
JENIS_DIKLAT = {form.jenis_diklat_id: form for form in FORMS.values()}

# SIASN `latihanStrukturalId` of structural diklat (`/diklat/save`, §8a).
LATIHAN_STRUKTURAL = {1: "SEPADA", 2: "PIM IV", 3: "PIM III", 4: "PIM II", 5: "PIM I",
                      6: "SESPIM", 7: "SESPATI", 8: "Lainnya"}  # fmt: skip


def form_of(code: str) -> Form:
    """The form of a KL/NKL code; ValueError for an unknown code."""
    try:
        return FORMS[code.strip().upper()]
    except KeyError:
        raise ValueError(f"unknown development form {code!r}") from None


# --- JP ----------------------------------------------------------------------------------------

ROUNDINGS = {"down": ROUND_DOWN, "half_up": ROUND_HALF_UP, "up": ROUND_UP}


@dataclass(frozen=True)
class Conversion:
    """How minutes of a form become JP: `minutes_per_jp` (45 unless configured otherwise) and
    an optional cap of JP per activity. No regulation converts nonklasikal activity (§8a), so
    this is a table BKPSDM configures per form; the default is minutes ÷ 45, no cap."""

    minutes_per_jp: int = JP_MINUTES
    cap_jp: Decimal | None = None


def jp_of(minutes: int, conversion: Conversion | None = None, *, rounding: str = "down") -> Decimal:
    """JP of `minutes` of an activity under `conversion`, to whole JP rounded per policy
    (`down`, `half_up`, `up`; DOMAIN.md §8 leaves partial JP to policy), capped."""
    conversion = conversion or Conversion()
    if minutes < 0:
        raise ValueError("minutes must be ≥ 0")
    if conversion.minutes_per_jp <= 0:
        raise ValueError("minutes_per_jp must be > 0")
    jp = (Decimal(minutes) / Decimal(conversion.minutes_per_jp)).quantize(
        Decimal(1), rounding=ROUNDINGS[rounding]
    )
    if conversion.cap_jp is not None:
        jp = min(jp, Decimal(conversion.cap_jp))
    return jp


def minutes_of_jp(jp) -> int:
    """Minutes of `jp` classroom JP (a module of 8 JP is 360 minutes)."""
    return int(Decimal(str(jp)) * JP_MINUTES)


# --- learning gain (L2) and impact (L3) ----------------------------------------------------------


def normalised_gain(pre, post, maximum=100):
    """Hake's normalised gain g = (post − pre) / (maximum − pre) (DOMAIN.md §10): 0.5 when a
    participant closes half of what they could still learn, negative when the score drops,
    None when `pre` already equals `maximum` (nothing left to gain)."""
    pre, post, maximum = float(pre), float(post), float(maximum)
    if maximum <= 0:
        raise ValueError("maximum must be > 0")
    for score in (pre, post):
        if not 0 <= score <= maximum:
            raise ValueError("scores must lie between 0 and the maximum")
    if pre == maximum:
        return None
    return (post - pre) / (maximum - pre)


IMPACT_BANDS = (  # upper bound (inclusive), label — DOMAIN.md §8a
    (25, "Tidak berdampak"),
    (50, "Kurang berdampak"),
    (75, "Cukup berdampak"),
    (100, "Sangat berdampak"),
)


def impact_band(score) -> str:
    """The band of an L3 impact score 0–100: 0–25 tidak, 25–50 kurang, 50–75 cukup, 75–100
    sangat berdampak (a boundary belongs to the lower band)."""
    value = float(score)
    if not 0 <= value <= 100:
        raise ValueError("an impact score lies between 0 and 100")
    for bound, label in IMPACT_BANDS:
        if value <= bound:
            return label
    return IMPACT_BANDS[-1][1]


# --- evaluation instruments (L1, L3) -------------------------------------------------------------
# The default items (English msgids, translated where shown). A reaction item is answered on
# Likert 1–5; "facilitator" is asked once per facilitator of the batch ("facilitator:<pk>").
REACTION_SCALE = (1, 5)
REACTION_ITEMS = (
    ("relevance", gettext_noop("The training is relevant to my work")),
    ("materials", gettext_noop("The materials are clear and useful")),
    ("method", gettext_noop("The learning methods helped me learn")),
    ("facilitator", gettext_noop("The facilitator mastered the subject and taught it well")),
    ("venue", gettext_noop("The venue and the organisation were good")),
    ("overall", gettext_noop("Overall, I am satisfied with this training")),
)
# L3: the alumnus and the direct superior rate each item before and after the training, 1–4.
BEHAVIOUR_SCALE = (1, 4)
BEHAVIOUR_ITEMS = (
    ("apply", gettext_noop("Applies what was learned in daily work")),
    ("quality", gettext_noop("Quality of work in the field of the training")),
    ("efficiency", gettext_noop("Works faster or with fewer mistakes")),
    ("initiative", gettext_noop("Takes initiative and proposes improvements")),
    ("share", gettext_noop("Shares the knowledge with colleagues")),
)
L3_ANSWER_DAYS = 30  # an L3 questionnaire is due this many days after it opens


def impact_score(pairs) -> Decimal:
    """The L3 impact score 0–100 of one questionnaire: the mean over its items of
    (after − before) / 3 × 100 (3 is the widest step on the 1–4 scale), clipped at 0 — a
    behaviour that got worse is "no impact", not a negative impact. `pairs` are (before,
    after) ratings; ValueError when there is none or one lies outside 1–4."""
    pairs = list(pairs)
    if not pairs:
        raise ValueError("an impact score needs at least one rated item")
    low, high = BEHAVIOUR_SCALE
    total = 0
    for before, after in pairs:
        for rating in (before, after):
            if not (isinstance(rating, int) and low <= rating <= high):
                raise ValueError("behaviour ratings lie between 1 and 4")
        total += after - before
    score = Decimal(total * 100) / Decimal(len(pairs) * (high - low))
    return max(score, Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months, the day clipped to the month's end (31 May + 3
    months → 31 August; 30 November + 3 → 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def completed(
    *, attended: int, sessions: int, min_attendance_pct, post_score=None, pass_mark=None
) -> bool:
    """The completion rule of a program: attendance of at least `min_attendance_pct` of the
    sessions and, when the program has a pass mark, a post-test score at least that mark."""
    if sessions <= 0:
        return False
    if attended * 100 < Decimal(str(min_attendance_pct)) * sessions:
        return False
    if pass_mark is not None:
        return post_score is not None and Decimal(str(post_score)) >= Decimal(str(pass_mark))
    return True


# --- program versions ---------------------------------------------------------------------------

PROGRAM_SNAPSHOT_FIELDS = (
    "title", "form_code", "jenis_diklat_id", "objectives", "method", "audience",
    "min_attendance_pct", "pass_mark", "test_maximum",
)  # fmt: skip
MODULE_SNAPSHOT_FIELDS = ("order", "name", "jp", "objective", "method")


@dataclass(frozen=True)
class RevisionChange:
    """One difference between two program snapshots. `kind` is "field", "module_added",
    "module_removed", "module_changed", "competency_added", "competency_removed" or
    "competency_changed"; `subject` the field name, module name or competency code; for a
    changed module `before`/`after` hold only the module fields that differ."""

    kind: str
    subject: str
    before: object = None
    after: object = None


def _module_key(module: dict):
    # A module keeps its id across versions; a snapshot without ids is matched by name.
    return module.get("id") or module.get("name")


def revision_changes(old_snapshot: dict | None, new_snapshot: dict) -> list[RevisionChange]:
    """What changed from `old_snapshot` to `new_snapshot` (as `design.program_snapshot`
    writes them: {"fields": {…}, "modules": [{id, order, name, jp, objective, method}],
    "competencies": [{code, name, level}]}): program fields first, then modules added, removed
    or changed (in the new order, removed ones last), then target competencies. A first
    version (`old_snapshot` None) lists everything as added."""
    old = old_snapshot or {}
    changes: list[RevisionChange] = []
    old_fields, new_fields = old.get("fields", {}), new_snapshot.get("fields", {})
    names = [n for n in PROGRAM_SNAPSHOT_FIELDS if n in old_fields or n in new_fields]
    names += sorted((set(old_fields) | set(new_fields)) - set(PROGRAM_SNAPSHOT_FIELDS))
    for name in names:
        if old_fields.get(name) != new_fields.get(name):
            changes.append(
                RevisionChange("field", name, old_fields.get(name), new_fields.get(name))
            )
    old_modules = {_module_key(m): m for m in old.get("modules", [])}
    new_modules = {_module_key(m): m for m in new_snapshot.get("modules", [])}
    for key, module in new_modules.items():
        before = old_modules.get(key)
        if before is None:
            changes.append(RevisionChange("module_added", module.get("name", ""), None, module))
            continue
        differing = [f for f in MODULE_SNAPSHOT_FIELDS if before.get(f) != module.get(f)]
        if differing:
            changes.append(
                RevisionChange(
                    "module_changed",
                    module.get("name", ""),
                    {f: before.get(f) for f in differing},
                    {f: module.get(f) for f in differing},
                )  # fmt: skip
            )
    for key, module in old_modules.items():
        if key not in new_modules:
            changes.append(RevisionChange("module_removed", module.get("name", ""), module, None))
    old_targets = {c["code"]: c for c in old.get("competencies", [])}
    new_targets = {c["code"]: c for c in new_snapshot.get("competencies", [])}
    for code, target in new_targets.items():
        before = old_targets.get(code)
        if before is None:
            changes.append(RevisionChange("competency_added", code, None, target.get("level")))
        elif before.get("level") != target.get("level"):
            changes.append(
                RevisionChange("competency_changed", code, before.get("level"), target.get("level"))
            )
    for code, target in old_targets.items():
        if code not in new_targets:
            changes.append(RevisionChange("competency_removed", code, target.get("level"), None))
    return changes


# --- certificates --------------------------------------------------------------------------------

CERTIFICATE_SEQUENCE_DIGITS = 4
# The predikat of a post-test score as a share of the maximum (PerLAN 1/2021's bands for
# Latsar, used by BPSDM for their STTPP): above 90 "Sangat Memuaskan", above 80 "Memuaskan",
# above 70 "Cukup Memuaskan", above 60 "Kurang Memuaskan", else "Tidak Memuaskan".
PREDIKAT_BANDS = (
    (Decimal(90), "Sangat Memuaskan"),
    (Decimal(80), "Memuaskan"),
    (Decimal(70), "Cukup Memuaskan"),
    (Decimal(60), "Kurang Memuaskan"),
)


def certificate_prefix(institution_name: str) -> str:
    """The short name of an institution on its certificate numbers: words already in capitals
    are kept (acronyms such as "BPSDM", "LAN"), other words give their initial, small words
    (dan, di, …) nothing: "BPSDM Provinsi Gorontalo" → "BPSDM-PG", "Universitas Negeri
    Gorontalo" → "UNG"."""
    small = {"dan", "di", "ke", "dari", "untuk", "the", "of", "and"}
    acronyms, initials = [], []
    for word in institution_name.replace("-", " ").split():
        letters = "".join(ch for ch in word if ch.isalnum())
        if not letters or letters.lower() in small:
            continue
        if len(letters) > 1 and letters.isupper():
            acronyms.append(letters)
        else:
            initials.append(letters[0].upper())
    parts = acronyms + (["".join(initials)] if initials else [])
    return "-".join(parts) or "SERT"


def certificate_number(prefix: str, year: int, sequence: int) -> str:
    """ "BPSDM-PG/2026/0001": the institution, the year and the sequence within both (padded
    to four digits, longer when a year passes 9,999 certificates)."""
    if sequence < 1:
        raise ValueError("a certificate sequence starts at 1")
    return f"{prefix}/{year}/{sequence:0{CERTIFICATE_SEQUENCE_DIGITS}d}"


def certificate_sequence(number: str) -> int:
    """The sequence at the end of a certificate number ("…/2026/0012" → 12)."""
    return int(number.rsplit("/", 1)[1])


def certificate_result(post_score=None, maximum=100) -> str:
    """The result printed on a certificate: "Lulus" and, with a post-test, its predikat
    ("Lulus dengan predikat Memuaskan")."""
    if post_score is None:
        return "Lulus"
    share = Decimal(str(post_score)) * 100 / Decimal(str(maximum))
    for bound, label in PREDIKAT_BANDS:
        if share > bound:
            return f"Lulus dengan predikat {label}"
    return "Lulus dengan predikat Tidak Memuaskan"


def signer_text(name: str, nip: str = "", position: str = "") -> str:
    """A certificate signer stored as one line, "Nama|NIP|Jabatan" ("" when there is none)."""
    parts = [" ".join(str(p or "").replace("|", " ").split()) for p in (name, nip, position)]
    return "|".join(parts) if parts[0] else ""


def signer_parts(value: str) -> tuple[str, str, str]:
    """ "Nama|NIP|Jabatan" → (name, nip, position); missing parts empty."""
    parts = [p.strip() for p in (value or "").split("|")][:3]
    return tuple(parts + [""] * (3 - len(parts)))  # type: ignore[return-value]
