"""Reads of survey results: a period's IKM with its profile, a unit's trend, comparisons of units,
the public IKM lists. Every function runs a fixed number of queries whatever the data size
(grouped aggregates, never a query per row), so pages stay fast at a million responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, Substr
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from binakinerja.organizations.models import PATH_WIDTH, OrgUnit, opd_path_of
from binakinerja.organizations.selectors import opds_by_path
from binakinerja.satisfaction.models import (
    AgeBand,
    Education,
    ExtraAnswer,
    ImprovementAction,
    Occupation,
    ServiceUnit,
    Sex,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.rules import (
    BANDS,
    Element,
    IkmResult,
    KinerjaUnit,
    Mutu,
    krejcie_morgan,
    priorities,
)
from binakinerja.satisfaction.selectors import (
    ikm_by_period,
    ikm_weight,
    latest_published_periods,
    service_units_visible_to,
)

VALID = SurveyResponse.Status.VALID
LATEST_EXTRA_ANSWERS = 5
# Lower edge of mutu B (Baik) on the 1–4 scale and on the 25–100 score: the line a unit should
# stay above. Derived from the bands so that it follows the rules.
GOOD_SCORE = next(upper for upper, mutu, _k in BANDS if mutu == Mutu.C) + Decimal("0.01")
GOOD_NRR = float(GOOD_SCORE) / 25


def kinerja_label(kinerja: str | None) -> str:
    return str(KinerjaUnit(kinerja).label) if kinerja else ""


# --- one period ------------------------------------------------------------------------------


@dataclass
class ElementRow:
    number: int
    name: str
    answers: int
    nrr: float | None
    weighted: float | None


@dataclass
class BreakdownRow:
    label: str
    count: int
    percent: float


@dataclass
class Breakdown:
    title: str
    rows: list[BreakdownRow]


@dataclass
class ExtraSummary:
    question: str
    count: int
    latest: list[str] = field(default_factory=list)


@dataclass
class PeriodResults:
    period: SurveyPeriod
    result: IkmResult | None
    valid: int
    flagged: int
    rejected: int
    elements: list[ElementRow]
    priorities: list[ElementRow]
    profile: list[Breakdown]
    sample_minimum: int
    extras: list[ExtraSummary]

    @property
    def sample_reached(self) -> bool:
        return self.valid >= self.sample_minimum

    @property
    def kinerja_label(self) -> str:
        return kinerja_label(self.result.kinerja if self.result else None)

    @property
    def computable(self) -> bool:
        return self.result is not None and self.result.complete


def element_rows(result: IkmResult | None) -> list[ElementRow]:
    weight = float(ikm_weight())
    rows = []
    for element in Element:
        i = element.value - 1
        nrr = result.nrr[i] if result else None
        rows.append(
            ElementRow(
                number=element.value,
                name=str(element.label),
                answers=result.answers[i] if result else 0,
                nrr=nrr,
                weighted=nrr * weight if nrr is not None else None,
            )
        )
    return rows


def _breakdown(valid_responses, name: str, title, choices, total: int) -> Breakdown:
    counts = dict(valid_responses.order_by().values_list(name).annotate(n=Count("id")))
    labels = dict(choices)
    rows = [
        BreakdownRow(str(label), counts.get(value, 0), _percent(counts.get(value, 0), total))
        for value, label in labels.items()
    ]
    unstated = sum(n for value, n in counts.items() if value not in labels)
    if unstated:
        rows.append(BreakdownRow(str(_("Not stated")), unstated, _percent(unstated, total)))
    return Breakdown(str(title), rows)


def _percent(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


def _service_breakdown(valid_responses, total: int) -> Breakdown:
    rows = []
    unstated = 0
    grouped = (
        valid_responses.order_by()
        .values_list("service_id", "service__name")
        .annotate(n=Count("id"))
        .order_by("-n", "service__name")
    )
    for service_id, name, n in grouped:
        if service_id is None:
            unstated += n
        else:
            rows.append(BreakdownRow(name, n, _percent(n, total)))
    if unstated:
        rows.append(BreakdownRow(str(_("Not stated")), unstated, _percent(unstated, total)))
    return Breakdown(str(_("Service used")), rows)


def _extras(period: SurveyPeriod, *, with_answers: bool) -> list[ExtraSummary]:
    answers = ExtraAnswer.objects.filter(response__period=period, response__status=VALID)
    summaries: dict[int, ExtraSummary] = {}
    grouped = (
        answers.order_by()
        .values_list("question_id", "question__text")
        .annotate(n=Count("id"))
        .order_by("question__position", "question_id")
    )
    for question_id, text, n in grouped:
        summaries[question_id] = ExtraSummary(text, n)
    if with_answers and summaries:
        latest = (
            answers.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("question_id")],
                    order_by=[F("response__submitted_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=LATEST_EXTRA_ANSWERS)
            .order_by("question_id", "rank")
            .values_list("question_id", "text")
        )
        for question_id, text in latest:
            summaries[question_id].latest.append(text)
    return list(summaries.values())


def period_results(period: SurveyPeriod, *, with_free_text: bool = False) -> PeriodResults:
    """Everything the results page and the report show about one period, in 9 queries."""
    result = ikm_by_period([period.pk]).get(period.pk)
    by_status = dict(
        SurveyResponse.objects.filter(period=period)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    valid = by_status.get(VALID, 0)
    responses = SurveyResponse.objects.filter(period=period, status=VALID)
    rows = element_rows(result)
    profile = [
        _breakdown(responses, "sex", _("Sex"), Sex.choices, valid),
        _breakdown(responses, "age_band", _("Age"), AgeBand.choices, valid),
        _breakdown(responses, "education", _("Education"), Education.choices, valid),
        _breakdown(responses, "occupation", _("Occupation"), Occupation.choices, valid),
        _service_breakdown(responses, valid),
    ]
    lowest = priorities(result.nrr) if result else []
    return PeriodResults(
        period=period,
        result=result,
        valid=valid,
        flagged=by_status.get(SurveyResponse.Status.FLAGGED, 0),
        rejected=by_status.get(SurveyResponse.Status.REJECTED, 0),
        elements=rows,
        priorities=[rows[number - 1] for number in lowest],
        profile=profile,
        sample_minimum=krejcie_morgan(period.population),
        extras=_extras(period, with_answers=with_free_text),
    )


def _number(value, places: int) -> str:
    """`value` rounded half up to `places` and written in the reader's locale (Django's
    number_format cuts the digits off instead: NRR 3,69879 would read "3,698")."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(rounded, places)


def analysis_text(results: PeriodResults) -> str:
    """The period's written analysis, or a plain reading of the numbers when none was written."""
    if results.period.analysis.strip():
        return results.period.analysis.strip()
    answered = [row for row in results.elements if row.nrr is not None]
    if not answered:
        return str(_("No valid responses were received in this period."))
    lowest = min(answered, key=lambda row: (row.nrr, row.number))
    highest = max(answered, key=lambda row: (row.nrr, -row.number))
    text = str(
        _(
            "The highest-rated element is %(high)s (NRR %(high_nrr)s) and the lowest is "
            "%(low)s (NRR %(low_nrr)s); improvement should start with the lowest elements."
        )
        % {
            "high": highest.name,
            "high_nrr": _number(highest.nrr, 3),
            "low": lowest.name,
            "low_nrr": _number(lowest.nrr, 3),
        }
    )
    if results.computable:
        text = (
            str(
                _("The IKM is %(score)s, mutu %(mutu)s (%(kinerja)s).")
                % {
                    "score": _number(results.result.score, 2),
                    "mutu": results.result.mutu,
                    "kinerja": results.kinerja_label,
                }
            )
            + " "
            + text
        )
    return text


def period_actions(period: SurveyPeriod):
    return ImprovementAction.objects.filter(period=period).order_by("status", "due_on", "pk")


# --- trend of one unit -------------------------------------------------------------------------


@dataclass
class TrendRow:
    period: SurveyPeriod
    result: IkmResult | None

    @property
    def elements(self) -> list[float | None]:
        return list(self.result.nrr) if self.result else [None] * len(Element)


def unit_trend(service_unit: ServiceUnit) -> list[TrendRow]:
    """Every period of the unit, oldest first, with its IKM: two queries."""
    periods = list(SurveyPeriod.objects.filter(service_unit=service_unit).order_by("starts_on"))
    results = ikm_by_period([p.pk for p in periods])
    return [TrendRow(p, results.get(p.pk)) for p in periods]


# --- comparison of units -----------------------------------------------------------------------


@dataclass
class ComparisonRow:
    service_unit: ServiceUnit
    period: SurveyPeriod | None
    result: IkmResult | None
    sample_minimum: int

    @property
    def score(self) -> Decimal | None:
        return self.result.score if self.result else None

    @property
    def respondents(self) -> int:
        return self.result.respondents if self.result else 0

    @property
    def sample_reached(self) -> bool | None:
        return None if self.period is None else self.respondents >= self.sample_minimum

    @property
    def kinerja_label(self) -> str:
        return kinerja_label(self.result.kinerja if self.result else None)


def comparison_filters(user) -> tuple[list[OrgUnit], list[str]]:
    """The OPDs and regencies/cities that hold service units the user may read: two queries."""
    paths_and_places = service_units_visible_to(user).values_list("unit__path", "unit__kab_kota")
    opd_paths, places = set(), set()
    for path, place in paths_and_places:
        opd_paths.add(opd_path_of(path))
        if place:
            places.add(place)
    opds = sorted(opds_by_path(opd_paths).values(), key=lambda o: o.name)
    return opds, sorted(places)


def period_of_year(periods: list[SurveyPeriod]) -> SurveyPeriod | None:
    """The period that stands for a year: the yearly one, else the latest of the year."""
    if not periods:
        return None
    yearly = [p for p in periods if p.kind == SurveyPeriod.Kind.TAHUNAN]
    return max(yearly or periods, key=lambda p: (p.ends_on, p.pk))


def comparison(
    user, *, year: int, opd: OrgUnit | None = None, kab_kota: str = ""
) -> list[ComparisonRow]:
    """The service units in the user's read scope (within `opd` or `kab_kota`) with their IKM
    of `year`, best first; units without a result last. Three queries."""
    units = service_units_visible_to(user)
    if opd is not None:
        units = units.filter(opd.subtree_q("unit__"))
    if kab_kota:
        units = units.filter(unit__kab_kota=kab_kota)
    by_unit: dict[int, list[SurveyPeriod]] = {}
    for period in SurveyPeriod.objects.filter(service_unit__in=units, year=year).order_by():
        by_unit.setdefault(period.service_unit_id, []).append(period)
    units = list(units.order_by("unit__name"))
    chosen = {u.pk: period_of_year(by_unit.get(u.pk, [])) for u in units}
    results = ikm_by_period([p.pk for p in chosen.values() if p is not None])
    rows = []
    for unit in units:
        period = chosen[unit.pk]
        rows.append(
            ComparisonRow(
                service_unit=unit,
                period=period,
                result=results.get(period.pk) if period else None,
                sample_minimum=krejcie_morgan(period.population) if period else 0,
            )
        )
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.service_unit.unit.name))
    return rows


# --- public lists ------------------------------------------------------------------------------


@dataclass
class PublicRow:
    service_unit: ServiceUnit
    opd: OrgUnit | None
    period: SurveyPeriod
    result: IkmResult | None

    @property
    def kinerja_label(self) -> str:
        return kinerja_label(self.result.kinerja if self.result else None)


def instansi_with_published_ikm() -> list[tuple[OrgUnit, int]]:
    """Governments with at least one published period, with how many of their service units
    have one: two queries."""
    counts = dict(
        SurveyPeriod.objects.filter(published_at__isnull=False)
        .annotate(root=Substr("service_unit__unit__path", 1, PATH_WIDTH))
        .order_by()
        .values_list("root")
        .annotate(n=Count("service_unit_id", distinct=True))
    )
    governments = OrgUnit.objects.filter(kind=OrgUnit.Kind.INSTANSI, path__in=list(counts))
    return [(g, counts[g.path]) for g in governments.order_by("name")]


def instansi_published_ikm(instansi: OrgUnit) -> list[PublicRow]:
    """Each service unit under the government with its latest PUBLISHED period's IKM, by agency:
    four queries. Units without a published period are left out."""
    in_tree = ServiceUnit.objects.filter(instansi.subtree_q("unit__"))
    latest = latest_published_periods(in_tree)
    units = {u.pk: u for u in in_tree.filter(pk__in=list(latest)).select_related("unit")}
    results = ikm_by_period([p.pk for p in latest.values()])
    opds = opds_by_path(u.unit.opd_path for u in units.values())
    rows = [
        PublicRow(units[uid], opds.get(units[uid].unit.opd_path), period, results.get(period.pk))
        for uid, period in latest.items()
    ]  # fmt: skip
    rows.sort(key=lambda r: r.service_unit.unit.path)
    return rows
