"""The figures of the Laporan SKM beyond `results.period_results`: answer counts per value,
channels, dates, suggestion themes, the unit's place and trend — in a fixed number of queries —
and the small formatting rules both the PDF and the workbook share (period names, the band
legend derived from `rules.BANDS`)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum

from binakinerja.core.documents import (
    DASH,
    id_date_range,
    id_number,
)
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import orgunit_ancestors
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    Service,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.results import (
    ElementRow,
    PeriodResults,
    TrendRow,
    period_actions,
    period_results,
    unit_trend,
)
from binakinerja.satisfaction.rules import (
    BANDS,
    CONVERSION,
    MAX_ANSWER,
    MIN_ANSWER,
    band_of,
    score_of,
)

REPORT_LANGUAGE = "id"
REPORT_TITLE = "Laporan Survei Kepuasan Masyarakat"
WEIGHT_TEXT = {"": "1/9", "exact": "1/9", "1/9": "1/9", "0.111": "0,111", "0.11": "0,11"}
ANSWER_VALUES = range(MIN_ANSWER, MAX_ANSWER + 1)
SUGGESTIONS_LISTED = 30  # suggestions quoted in lampiran 3 (managers' copy only)
STRENGTHS = 3  # elements named as strengths (highest NRR); weaknesses are results.priorities
VALID = SurveyResponse.Status.VALID
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CHANNELS = (
    (SurveyResponse.Source.ONLINE, "Daring (formulir daring melalui tautan/QR)"),
    (SurveyResponse.Source.PAPER, "Kertas (kuesioner diketik petugas)"),
    (SurveyResponse.Source.IMPORT, "Kertas (kuesioner diimpor dari berkas)"),
)
LEGAL_BASIS = (
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun "
    "2009 tentang Pelayanan Publik;",
    "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010–2025;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2014 "
    "tentang Pedoman Standar Pelayanan;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 "
    "tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.",
)
# Themes of the suggestions (lampiran 3): a suggestion counts in every theme one of whose
# word stems it contains; the themes follow the nine elements, plus "other".
THEMES = (
    ("Persyaratan dan informasi layanan", ("syarat", "informasi", "sosialisasi", "berkas")),
    ("Prosedur dan alur pelayanan", ("prosedur", "alur", "petunjuk", "mekanisme", "dipermudah",
                                     "daring", "online", "jemput bola")),
    ("Waktu pelayanan dan antrean", ("antre", "antri", "lama", "cepat", "waktu", "jam ",
                                     "pagi", "tertunda", "offline", "lambat")),
    ("Biaya/tarif", ("biaya", "tarif", "mahal", "bayar", "pungut", "pungli")),
    ("Hasil dan produk layanan", ("hasil", "blanko", "stok", "obat", "kosong", "habis")),
    ("Kompetensi dan jumlah petugas", ("kompeten", "terampil", "tambah petugas", "dokter",
                                       "tidak ada di tempat")),
    ("Perilaku petugas", ("ramah", "sopan", "senyum", "sikap", "judes", "sigap")),
    ("Penanganan pengaduan", ("pengaduan", "aduan", "keluhan", "komplain", "kotak saran")),
    ("Sarana dan prasarana", ("ruang", "kursi", "toilet", "parkir", "kipas", " ac", "air minum",
                              "jaringan", "internet", "lansia", "disabilitas", "fasilitas")),
)  # fmt: skip
PRAISE = (
    "Apresiasi terhadap pelayanan",
    ("terima kasih", "pertahankan", "sangat membantu", "sudah baik", "memuaskan"),
)
OTHER_THEME = "Lainnya"
# Anything that could reach a person: e-mail addresses and runs of digits (phone, NIK).
_PERSONAL = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[surel disamarkan]"),
    (re.compile(r"\+?\d(?:[\s.-]?\d){7,}"), "[nomor disamarkan]"),
)


# --- the figures -------------------------------------------------------------------------------


@dataclass
class ElementCounts:
    """Answers of one element by value (1–4) and their sum (Σ nilai)."""

    by_value: dict[int, int]
    total: int


@dataclass
class ReportData:
    """What the report shows beyond `PeriodResults`: one grouped query for the answer counts,
    channels and dates, one for the channels, and the unit's place in the tree."""

    results: PeriodResults
    unit: OrgUnit
    opd: OrgUnit | None
    government: OrgUnit | None
    place: str
    services: list[str]
    counts: list[ElementCounts]
    channels: dict[str, int]
    first_visit: object
    last_visit: object
    with_suggestion: int
    themes: list[tuple[str, int]]
    suggestions: list[str]
    trend: list[TrendRow]
    actions: list = field(default_factory=list)

    @property
    def period(self) -> SurveyPeriod:
        return self.results.period


def _answer_aggregates() -> dict:
    aggregates = {
        "first_visit": Min("visit_date"),
        "last_visit": Max("visit_date"),
        "with_suggestion": Count("pk", filter=~Q(suggestion="")),
    }
    for i, name in enumerate(ELEMENT_FIELDS, start=1):
        aggregates[f"sum_{i}"] = Sum(name)
        for value in ANSWER_VALUES:
            aggregates[f"n_{i}_{value}"] = Count("pk", filter=Q(**{name: value}))
    return aggregates


def _place(unit: OrgUnit, ancestors: list[OrgUnit]) -> str:
    """The town of the signature: the regency/city of the unit or of the nearest unit above it,
    without "Kabupaten"/"Kota"."""
    for candidate in [unit, *reversed(ancestors)]:
        if candidate.kab_kota:
            return re.sub(r"^(Kabupaten|Kota)\s+", "", candidate.kab_kota.strip())
    return "(tempat)"


def redact(value: str) -> str:
    """A suggestion without e-mail addresses or long numbers (phone, NIK): the report quotes
    what the public wrote, never how to reach someone."""
    for pattern, replacement in _PERSONAL:
        value = pattern.sub(replacement, value)
    return " ".join(value.split())


def suggestion_themes(suggestions) -> list[tuple[str, int]]:
    """How many suggestions touch each theme (one suggestion may touch several; praise counts
    as praise only)."""
    counts: Counter = Counter()
    for suggestion in suggestions:
        lowered = f" {suggestion.lower()} "
        if any(stem in lowered for stem in PRAISE[1]):
            counts[PRAISE[0]] += 1
            continue
        hits = [name for name, stems in THEMES if any(stem in lowered for stem in stems)]
        counts.update(hits or [OTHER_THEME])
    names = [name for name, _stems in THEMES] + [PRAISE[0], OTHER_THEME]
    return [(name, counts[name]) for name in names]


def report_data(period: SurveyPeriod, *, with_suggestions: bool = False) -> ReportData:
    """Everything the report and its workbook show, in a fixed number of queries."""
    results = period_results(period)
    unit = period.service_unit.unit
    ancestors = orgunit_ancestors(unit)
    opd = unit if unit.kind == OrgUnit.Kind.OPD else next(
        (a for a in ancestors if a.kind == OrgUnit.Kind.OPD), None
    )  # fmt: skip
    government = ancestors[0] if ancestors else None
    valid = SurveyResponse.objects.filter(period=period, status=VALID).order_by()
    row = valid.aggregate(**_answer_aggregates())
    counts = [
        ElementCounts({v: row[f"n_{i}_{v}"] for v in ANSWER_VALUES}, row[f"sum_{i}"] or 0)
        for i in range(1, len(ELEMENT_FIELDS) + 1)
    ]
    channels = dict(valid.values_list("source").annotate(n=Count("pk")))
    texts = list(valid.exclude(suggestion="").order_by("pk").values_list("suggestion", flat=True))
    trend = [r for r in unit_trend(period.service_unit) if r.period.starts_on <= period.starts_on]
    return ReportData(
        results=results,
        unit=unit,
        opd=opd,
        government=government,
        place=_place(unit, ancestors),
        services=list(
            Service.objects.filter(service_unit=period.service_unit, is_active=True)
            .order_by("name")
            .values_list("name", flat=True)
        ),
        counts=counts,
        channels=channels,
        first_visit=row["first_visit"],
        last_visit=row["last_visit"],
        with_suggestion=row["with_suggestion"],
        themes=suggestion_themes(texts),
        suggestions=[redact(t) for t in texts[:SUGGESTIONS_LISTED]] if with_suggestions else [],
        trend=trend,
        actions=list(period_actions(period)),
    )


def period_name(period: SurveyPeriod) -> str:
    """ "Tahun 2025", "Semester I Tahun 2025", "Triwulan III Tahun 2025"."""
    if period.kind == SurveyPeriod.Kind.TAHUNAN:
        return f"Tahun {period.year}"
    kind = "Semester" if period.kind == SurveyPeriod.Kind.SEMESTER else "Triwulan"
    return f"{kind} {ROMAN.get(period.number, period.number)} Tahun {period.year}"


def band_rows() -> list[tuple[str, str, str, str, str]]:
    """The regulation's table of intervals, derived from `rules.BANDS` (best band first):
    nilai persepsi, interval on 1–4 (NI), converted interval (NIK), mutu, kinerja unit."""
    rows, lower = [], Decimal("25.00")
    for perception, (upper, mutu, kinerja) in enumerate(BANDS, start=1):
        ni = f"{_trim(lower / CONVERSION)} – {_trim(upper / CONVERSION)}"
        nik = f"{id_number(lower, 2)} – {id_number(upper, 2)}"
        rows.append((str(perception), ni, nik, str(mutu), str(kinerja)))
        lower = upper + Decimal("0.01")
    return rows[::-1]


def _trim(value: Decimal) -> str:
    """An interval edge with 2–4 decimals, as the regulation prints them (2,60; 3,0644)."""
    places = max(2, min(4, -value.normalize().as_tuple().exponent))
    return id_number(value, places)


def element_mutu(nrr: float | None) -> tuple[str, str]:
    """Mutu and kinerja of one element, its NRR converted the way the IKM is."""
    if nrr is None:
        return DASH, DASH
    return band_of(min(score_of(nrr), score_of(4)))


def strengths(results: PeriodResults) -> list[ElementRow]:
    answered = [r for r in results.elements if r.nrr is not None]
    return sorted(answered, key=lambda r: (-r.nrr, r.number))[:STRENGTHS]


def trend_values(data: ReportData) -> list[tuple]:
    """Per period up to this one: name, dates, respondents, score, mutu, kinerja and the change
    of the score from the previous scored period (None where there is none)."""
    rows, previous = [], None
    for row in data.trend:
        result = row.result
        score = result.score if result and result.complete else None
        change = score - previous if score is not None and previous is not None else None
        rows.append((
            period_name(row.period), id_date_range(row.period.starts_on, row.period.ends_on),
            result.respondents if result else 0, score,
            result.mutu if score is not None else None,
            result.kinerja if score is not None else None, change,
        ))  # fmt: skip
        if score is not None:
            previous = score
    return rows
