"""The survey and service-time demo data (`binakinerja/demo/satisfaction.py`, run by seed_demo)."""

from __future__ import annotations

import io
from statistics import mean

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.urls import reverse

from binakinerja.accounts.models import User
from binakinerja.demo.builders import seed_demo
from binakinerja.demo.plan import AS_OF
from binakinerja.demo.satisfaction import (
    KINDS,
    MAX_SCHOOLS,
    PROGRAM_AGENCIES,
    PROGRAM_GOVERNMENTS,
    seed_satisfaction,
)
from binakinerja.organizations.models import OrgUnit
from binakinerja.satisfaction.models import (
    Service,
    ServiceDay,
    ServiceUnit,
    ServiceVisit,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.selectors import ikm_by_period
from binakinerja.satisfaction.service_time import unit_service_times

ASN = 300
SEED = 11
YEAR = AS_OF.year


@pytest.fixture
def registry(db):
    seed_demo(asn=ASN, seed=SEED)


@pytest.fixture
def seeded(registry):
    return seed_satisfaction(seed=SEED)


def program_paths() -> tuple[str, ...]:
    return tuple(
        OrgUnit.objects.filter(
            depth=1, short_name__in=PROGRAM_AGENCIES, parent__name__in=PROGRAM_GOVERNMENTS
        ).values_list("path", flat=True)
    )


def scores_by_unit() -> dict[str, dict[int, float]]:
    """{unit code: {year: IKM score}} over valid responses."""
    periods = list(SurveyPeriod.objects.select_related("service_unit__unit"))
    results = ikm_by_period([p.pk for p in periods])
    out: dict[str, dict[int, float]] = {}
    for period in periods:
        result = results.get(period.pk)
        if result is not None and result.score is not None:
            out.setdefault(period.service_unit.unit.code, {})[period.year] = float(result.score)
    return out


def test_units_services_periods_responses_and_publication(seeded):
    """One seeding, many checks: seeding takes seconds."""
    units = ServiceUnit.objects.select_related("unit")
    assert units.count() == seeded["service_units"] > 10
    types = {u.unit.unit_type for u in units}
    assert {"puskesmas", "sekolah", "rsud"} <= types
    assert units.filter(unit__short_name="Disdukcapil").exists()
    assert units.filter(unit__unit_type="sekolah").count() <= MAX_SCHOOLS
    assert len({u.public_code for u in units}) == units.count()
    # every puskesmas has the five services with target minutes
    names = {n for n, *_rest in KINDS["puskesmas"].services}
    for unit in units.filter(unit__unit_type="puskesmas"):
        assert set(unit.services.values_list("name", flat=True)) == names
    assert not Service.objects.filter(target_minutes__isnull=True).exists()
    assert Service.objects.count() == seeded["services"]
    # two yearly periods per unit, each with responses within its dates and before AS_OF
    assert SurveyPeriod.objects.count() == 2 * units.count()
    per_period = SurveyPeriod.objects.annotate(
        n=Count("responses", filter=Q(responses__status="valid")),
        first=Min("responses__visit_date"),
        last=Max("responses__visit_date"),
    )
    for period in per_period:
        assert period.n >= 30, period
        assert period.starts_on <= period.first <= period.last <= period.ends_on
        assert period.last < AS_OF
    assert SurveyResponse.objects.count() == seeded["responses"]

    # only closed periods are published; at most one open period per unit
    assert not SurveyPeriod.objects.filter(status="open", published_at__isnull=False).exists()
    assert set(SurveyPeriod.objects.filter(status="closed").values_list("year", flat=True)) == {
        YEAR - 1
    }
    assert SurveyPeriod.objects.filter(status="closed", published_at__isnull=True).count() == 0
    open_counts = (
        SurveyPeriod.objects.filter(status="open")
        .values("service_unit")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert set(open_counts) == {1}

    # a respondent profile mix, suggestions and a few flagged online responses
    valid = SurveyResponse.objects.filter(status="valid")
    for name in ("sex", "age_band", "education", "occupation", "source"):
        assert valid.values(name).distinct().count() >= 2, name
    suggestions = valid.exclude(suggestion="")
    assert 0.05 < suggestions.count() / valid.count() < 0.2
    assert suggestions.values("suggestion").distinct().count() >= 15
    flagged = SurveyResponse.objects.filter(status="flagged")
    assert 0 < flagged.count() == seeded["flagged"] < seeded["responses"] / 20
    assert not flagged.exclude(period__status="open").exists()
    assert not flagged.exclude(source="online").exists()
    assert not valid.filter(source="online", token_nonce__isnull=True).exists()
    # submitted when the visit happened (not on the day of seeding)
    assert valid.filter(submitted_at__year=YEAR - 1).exists()


def test_programme_units_improve_and_serve_faster_than_the_others(seeded, client):
    """IKM year over year (the brief's "quality improves where the programme runs") and the
    service times, on one seeding."""
    paths = program_paths()
    assert paths
    codes = dict(ServiceUnit.objects.values_list("unit__code", "unit__path"))
    gains = {True: [], False: []}
    for code, years in scores_by_unit().items():
        gains[codes[code].startswith(paths)].append(years[YEAR] - years[YEAR - 1])
    assert len(gains[True]) >= 3 and len(gains[False]) >= 3
    assert mean(gains[True]) > 3
    assert mean(gains[True]) > mean(gains[False]) + 3
    assert abs(mean(gains[False])) < 2

    assert ServiceVisit.objects.count() == seeded["visits"] > 0
    assert ServiceDay.objects.count() == seeded["days"] > 0
    changes = {True: [], False: []}
    for unit in ServiceUnit.objects.filter(
        Q(services__visits__isnull=False) | Q(services__days__isnull=False)
    ).distinct():
        totals = []
        for year in (YEAR - 1, YEAR):
            reports = unit_service_times(unit, AS_OF.replace(year=year, month=5, day=1),
                                         AS_OF.replace(year=year, month=6, day=30))  # fmt: skip
            totals.append(mean(r.overall.total_median for r in reports))
        changes[unit.unit.path.startswith(paths)].append(totals[1] / totals[0])
    assert changes[True] and changes[False]
    assert mean(changes[True]) < 0.85  # the programme cut a quarter of the time
    assert mean(changes[False]) > 0.95
    unit = ServiceUnit.objects.filter(services__visits__isnull=False).first()
    client.force_login(User.objects.get(username="superadmin"))
    response = client.get(reverse("satisfaction:service_times", args=[unit.pk]))
    assert response.status_code == 200
    assert any(not r.overall.empty for r in response.context["reports"])


def test_the_same_seed_gives_the_same_survey_data(registry):
    def run() -> tuple[dict, int, int]:
        with transaction.atomic():
            seed_satisfaction(seed=SEED)
            signature = (scores_by_unit(), ServiceVisit.objects.count(), ServiceDay.objects.count())
            transaction.set_rollback(True)
        return signature

    first = run()
    assert not ServiceUnit.objects.exists()
    assert first[0] and run() == first
    with transaction.atomic():
        seed_satisfaction(seed=SEED + 1)
        assert scores_by_unit() != first[0]
        transaction.set_rollback(True)


def test_seed_demo_command_seeds_surveys_skips_if_not_empty_and_resets(db, settings):
    out = io.StringIO()
    call_command("seed_demo", asn=ASN, seed=SEED, stdout=out)
    assert "Survei kepuasan" in out.getvalue()
    first = scores_by_unit()
    before = (ServiceUnit.objects.count(), SurveyResponse.objects.count())
    assert first and before[1] > 0
    call_command("seed_demo", asn=ASN, seed=SEED, if_empty=True, stdout=io.StringIO())
    assert (ServiceUnit.objects.count(), SurveyResponse.objects.count()) == before
    # --reset clears the survey data first (it points at the registry), then seeds it again
    settings.DEBUG = True
    call_command("seed_demo", asn=ASN, seed=SEED, reset=True, stdout=io.StringIO())
    assert scores_by_unit() == first
    assert (ServiceUnit.objects.count(), SurveyResponse.objects.count()) == before
