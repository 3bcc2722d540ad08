"""The public IKM pages: no login, published aggregates only, constant query count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from binakinerja.organizations.services import orgunit_create
from binakinerja.satisfaction.models import ServiceUnit, SurveyPeriod
from binakinerja.satisfaction.testing import make_periods, make_responses

pytestmark = pytest.mark.django_db


def ikm_url(instansi):
    return reverse("survey:instansi_ikm", args=[instansi.pk])


def test_public_list_names_governments_with_a_published_ikm(survey, client):
    response = client.get(reverse("survey:instansi_list"))
    assert response.status_code == 200
    governments = dict(response.context["governments"])
    assert governments == {survey.prov: 2, survey.kota: 1}
    html = response.content.decode()
    assert ikm_url(survey.prov) in html and "<script" not in html


def test_government_without_published_period_is_not_listed(survey, client):
    SurveyPeriod.objects.filter(service_unit=survey.su_dukcapil).update(published_at=None)
    governments = dict(client.get(reverse("survey:instansi_list")).context["governments"])
    assert survey.kota not in governments and survey.prov in governments


def test_public_page_shows_the_latest_published_ikm(survey, client):
    response = client.get(ikm_url(survey.prov))
    assert response.status_code == 200
    rows = {r.service_unit: r for r in response.context["rows"]}
    assert set(rows) == {survey.su_puskesmas, survey.su_sekolah}
    assert rows[survey.su_puskesmas].result.score == Decimal("83.33")
    assert rows[survey.su_puskesmas].period == survey.pk_last
    html = response.content.decode()
    assert "Puskesmas Limboto" in html and "Dinas Kesehatan" in html
    assert "83,33" in html
    assert "Ruang tunggu perlu kipas angin" not in html  # never suggestions
    assert "<script" not in html and "base.html" not in html


def test_unpublished_periods_never_appear(survey, client):
    # the open period of this year has excellent results but is not published
    make_responses(survey.pk_open, [(4,) * 9] * 5)
    # a unit whose only period is closed but unpublished
    unit = orgunit_create(actor=None, parent=survey.dinkes, name="Puskesmas Tapa Rahasia",
                          unit_type="puskesmas", is_service_unit=True)  # fmt: skip
    hidden = ServiceUnit.objects.create(unit=unit)
    last, _open = make_periods(hidden, year=survey.year)
    SurveyPeriod.objects.filter(pk=last.pk).update(published_at=None)
    make_responses(last, [(1,) * 9])
    response = client.get(ikm_url(survey.prov))
    html = response.content.decode()
    rows = {r.service_unit: r for r in response.context["rows"]}
    assert hidden not in rows and "Puskesmas Tapa Rahasia" not in html
    assert rows[survey.su_puskesmas].period == survey.pk_last
    assert "100,00" not in html
    # once this year's period is published, it replaces last year's
    survey.pk_open.published_at = timezone.now()
    survey.pk_open.save()
    rows = {r.service_unit: r for r in client.get(ikm_url(survey.prov)).context["rows"]}
    assert rows[survey.su_puskesmas].result.score == Decimal("100.00")


def test_other_governments_units_stay_on_their_page(survey, client):
    rows = client.get(ikm_url(survey.kota)).context["rows"]
    assert [r.service_unit for r in rows] == [survey.su_dukcapil]


def test_not_a_government_is_404(survey, client):
    assert client.get(ikm_url(survey.dinkes)).status_code == 404
    assert client.get(reverse("survey:instansi_ikm", args=[999999])).status_code == 404


def test_public_pages_query_count_is_constant(survey, client, django_assert_num_queries):
    urls = [reverse("survey:instansi_list"), ikm_url(survey.prov)]
    baselines = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        baselines.append(len(ctx.captured_queries))
    for n in range(10):
        opd = orgunit_create(actor=None, parent=survey.prov, name=f"Dinas {n}", unit_type="dinas")
        unit = orgunit_create(actor=None, parent=opd, name=f"UPT {n}", unit_type="upt",
                              is_service_unit=True)  # fmt: skip
        last, current = make_periods(ServiceUnit.objects.create(unit=unit), year=survey.year)
        make_responses(last, [(n % 4 + 1,) * 9] * 3)
        SurveyPeriod.objects.filter(pk=current.pk).update(
            status="closed", published_at=timezone.now(), ends_on=dt.date(survey.year, 6, 30)
        )
    for url, expected in zip(urls, baselines, strict=True):
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
    assert len(client.get(ikm_url(survey.prov)).context["rows"]) == 12
