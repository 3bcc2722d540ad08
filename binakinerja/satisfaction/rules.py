"""The regulation's formulas for the public satisfaction survey (PermenPANRB 14/2017, DOMAIN.md §9).

Pure functions only: no database, no settings. Views, selectors, reports and the benchmark call
these, so the IKM on a page, in a PDF and in an export is the same number.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from binakinerja.core.converters import MAX_YEAR, MIN_YEAR
from binakinerja.organizations.models import PATH_SEP

ELEMENT_COUNT = 9
MIN_ANSWER, MAX_ANSWER = 1, 4

# The exact weight of each element. The regulation prints 0,11 and many old reports used 0,111
# (a perfect score then reads 99.9); those are offered only to reproduce old reports.
EXACT_WEIGHT = Fraction(1, ELEMENT_COUNT)
PRINTED_WEIGHTS = {"0.111": Fraction(111, 1000), "0.11": Fraction(11, 100)}
CONVERSION = 25


def weight_from_setting(value: str) -> Fraction:
    """`"exact"` (1/9) or one of the printed weights `"0.111"`, `"0.11"`."""
    if value in ("", "exact", "1/9"):
        return EXACT_WEIGHT
    try:
        return PRINTED_WEIGHTS[value]
    except KeyError:
        raise ValueError(f"unknown IKM weight {value!r}: use exact, 0.111 or 0.11") from None


class Element(models.IntegerChoices):
    """The nine elements (unsur) of the instrument, numbered as in the regulation."""

    PERSYARATAN = 1, _("Requirements (persyaratan)")
    PROSEDUR = 2, _("Systems, mechanisms and procedures")
    WAKTU = 3, _("Completion time")
    BIAYA = 4, _("Cost / tariff")
    PRODUK = 5, _("Product specification of the service")
    KOMPETENSI = 6, _("Staff competence")
    PERILAKU = 7, _("Staff behaviour")
    PENGADUAN = 8, _("Handling of complaints, suggestions and feedback")
    SARANA = 9, _("Facilities and infrastructure")


# The question and the four worded answers (score 1 → 4) of each element.
QUESTIONS: dict[int, tuple[str, tuple[str, str, str, str]]] = {
    1: (
        _("How well do the service requirements match the kind of service?"),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    2: (
        _("How easy is the service procedure at this unit?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
    ),
    3: (
        _("How fast is the time taken to deliver the service?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
    ),
    4: (
        _("How reasonable is the cost or tariff of the service?"),
        (_("Very expensive"), _("Fairly expensive"), _("Cheap"), _("Free")),
    ),
    5: (
        _("Does the service delivered match what is stated in the service standard?"),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    6: (
        _("How competent are the staff in delivering the service?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    7: (
        _("How courteous and friendly are the staff in delivering the service?"),
        (
            _("Not courteous and friendly"),
            _("Less courteous and friendly"),
            _("Courteous and friendly"),
            _("Very courteous and friendly"),
        ),
    ),
    8: (
        _("How well are complaints, suggestions and feedback handled?"),
        (
            _("Not available"),
            _("Available but not working"),
            _("Working but not well"),
            _("Handled well"),
        ),
    ),  # fmt: skip
    9: (
        _("How good are the facilities and infrastructure?"),
        (_("Poor"), _("Adequate"), _("Good"), _("Very good")),
    ),
}


class Mutu(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class KinerjaUnit(models.TextChoices):
    SANGAT_BAIK = "Sangat Baik", _("Very good (Sangat Baik)")
    BAIK = "Baik", _("Good (Baik)")
    KURANG_BAIK = "Kurang Baik", _("Less good (Kurang Baik)")
    TIDAK_BAIK = "Tidak Baik", _("Not good (Tidak Baik)")


# Upper edge (inclusive) of each band on the converted score reported to 2 decimals. Classifying
# the rounded score closes the gaps of the printed 1–4 column (3.064 … 3.0644).
BANDS: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("64.99"), Mutu.D, KinerjaUnit.TIDAK_BAIK),
    (Decimal("76.60"), Mutu.C, KinerjaUnit.KURANG_BAIK),
    (Decimal("88.30"), Mutu.B, KinerjaUnit.BAIK),
    (Decimal("100.00"), Mutu.A, KinerjaUnit.SANGAT_BAIK),
)


@dataclass(frozen=True)
class IkmResult:
    """`nrr[i]` is None when nobody answered element i+1; then the index cannot be computed and
    `ikm`, `score`, `mutu` and `kinerja` are None too (`complete` is False)."""

    nrr: tuple[float | None, ...]
    ikm: float | None
    score: Decimal | None
    mutu: str | None
    kinerja: str | None
    respondents: int
    answers: tuple[int, ...]  # answers given per element

    @property
    def complete(self) -> bool:
        return self.ikm is not None


def band_of(score: Decimal) -> tuple[str, str]:
    """Mutu and kinerja unit of a converted score (25–100, 2 decimals)."""
    for upper, mutu, kinerja in BANDS:
        if score <= upper:
            return str(mutu), str(kinerja)
    raise ValueError(f"score {score} is above 100")


def score_of(ikm: Fraction | float) -> Decimal:
    """The converted IKM (× 25) rounded half-up to 2 decimals, without earlier rounding."""
    value = Fraction(ikm) * CONVERSION
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def ikm_from_sums(
    sums: Sequence[int], counts: Sequence[int], *, respondents: int,
    weight: Fraction = EXACT_WEIGHT,
) -> IkmResult:  # fmt: skip
    """The IKM from per-element answer sums and counts: what a SQL aggregate gives.

    Exact integer arithmetic (Σ s_i/c_i over the common denominator Π c_i): thousands of periods
    per page or report stay fast, with the same result as Fractions."""
    if len(sums) != ELEMENT_COUNT or len(counts) != ELEMENT_COUNT:
        raise ValueError(f"expected {ELEMENT_COUNT} elements")
    nrr = tuple(s / c if c else None for s, c in zip(sums, counts, strict=True))
    if not all(counts):
        return IkmResult(nrr, None, None, None, None, respondents, tuple(counts))
    denominator = 1
    for c in counts:
        denominator *= c
    numerator = sum(s * (denominator // c) for s, c in zip(sums, counts, strict=True))
    numerator *= weight.numerator
    denominator *= weight.denominator
    # The score in hundredths, rounded half up: ⌊(2·x + 1) / 2⌋ with x = IKM × 25 × 100.
    hundredths = (2 * numerator * CONVERSION * 100 + denominator) // (2 * denominator)
    score = Decimal(hundredths).scaleb(-2)
    mutu, kinerja = band_of(min(score, Decimal("100.00")))
    return IkmResult(nrr, numerator / denominator, score, mutu, kinerja, respondents, tuple(counts))


def compute_ikm(
    responses: Iterable[Sequence[int | None]], *, weight: Fraction = EXACT_WEIGHT
) -> IkmResult:
    """IKM of a set of responses, each a sequence of 9 answers (1–4, or None when unanswered).

    NRR per element = sum of its answers / number of answers given to it; IKM = Σ NRR × weight;
    score = IKM × 25 to 2 decimals. Answers outside 1–4 raise ValueError.
    """
    sums = [0] * ELEMENT_COUNT
    counts = [0] * ELEMENT_COUNT
    respondents = 0
    for number, answers in enumerate(responses, start=1):
        if len(answers) != ELEMENT_COUNT:
            raise ValueError(f"response {number}: expected {ELEMENT_COUNT} answers")
        respondents += 1
        for i, answer in enumerate(answers):
            if answer is None:
                continue
            if isinstance(answer, bool) or answer not in (1, 2, 3, 4):
                raise ValueError(f"response {number}, element {i + 1}: answer {answer!r}")
            sums[i] += answer
            counts[i] += 1
    return ikm_from_sums(sums, counts, respondents=respondents, weight=weight)


# Krejcie & Morgan (1970) as DOMAIN.md §9 gives it.
CHI_SQUARE = Fraction(3841, 1000)
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    """Minimum respondents for a population of `population` service users, rounded to the
    nearest whole respondent (half up)."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise ValueError("population must be a whole number ≥ 0")
    if population == 0:
        return 0
    pq = PROPORTION * (1 - PROPORTION)
    s = CHI_SQUARE * population * pq / (MARGIN**2 * (population - 1) + CHI_SQUARE * pq)
    return int(s + Fraction(1, 2))  # s > 0, so floor(s + ½) is half-up rounding


def priorities(nrr: Sequence[float | None], count: int = 3) -> list[int]:
    """The element numbers with the lowest NRR (ties by element number): improvement
    priorities."""
    ranked = sorted((v, i + 1) for i, v in enumerate(nrr) if v is not None)
    return [element for _value, element in ranked[:count]]


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """Linear-interpolated percentile (the 'inclusive' method: p50 is the median) of values
    already sorted ascending; None for no values."""
    n = len(sorted_values)
    if n == 0:
        return None
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must lie in 0–1")
    position = (n - 1) * fraction
    low = int(position)
    high = min(low + 1, n - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


# --- survey periods --------------------------------------------------------------------------

# Months in a period of each kind (the values of SurveyPeriod.Kind).
PERIOD_MONTHS = {"tahunan": 12, "semester": 6, "triwulan": 3}


def period_bounds(year: int, kind: str, number: int) -> tuple[dt.date, dt.date]:
    """First and last day of a year, semester (1–2) or quarter (1–4)."""
    months = PERIOD_MONTHS.get(kind)
    if months is None:
        raise ValidationError(_("Unknown kind of period."), code="period_kind")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _("The year must lie between %(min)d and %(max)d."),
            params={"min": MIN_YEAR, "max": MAX_YEAR},
            code="period_year",
        )
    count = 12 // months
    if not 1 <= number <= count:
        raise ValidationError(
            _("A period of this kind is numbered 1 to %(count)d."),
            params={"count": count},
            code="period_number",
        )
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    return (
        dt.date(year, first_month, 1),
        dt.date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def period_population(annual_users: int, kind: str) -> int:
    """The yearly number of service users scaled to the period's share of the year (half up)."""
    months = PERIOD_MONTHS[kind]
    return (annual_users * months * 2 + 12) // 24


def ancestor_paths(path: str) -> list[str]:
    """A unit's own materialised path and those of all its ancestors, root first: where the
    extra questions asked for a service unit (in it or above it) can live."""
    parts = path.split(PATH_SEP)
    return [PATH_SEP.join(parts[: i + 1]) for i in range(len(parts))]
