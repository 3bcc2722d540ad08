"""Results of a period, the trend of a unit, the comparison of units, suggestions and their
follow-up actions (views_results.py, results.py, followup.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.models import AuditLog
from binakinerja.satisfaction.followup import improvement_action_add, improvement_action_update
from binakinerja.satisfaction.models import (
    ExtraAnswer,
    ExtraQuestion,
    ImprovementAction,
    Service,
    Sex,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.results import comparison, period_of_year, period_results
from binakinerja.satisfaction.testing import make_responses

pytestmark = pytest.mark.django_db


def results_url(period):
    return reverse("satisfaction:period_results", args=[period.pk])


# --- period results ----------------------------------------------------------------------------


def test_period_results_show_the_hand_computed_ikm(survey, client):
    # NRR 3.5, 3, 3.5, 4, 3, 3.5, 4, 2.5, 3 → IKM 30/9 = 3.3333 → score 83.33, mutu B (Baik)
    client.force_login(survey.pimpinan)
    response = client.get(results_url(survey.pk_last))
    assert response.status_code == 200
    results = response.context["results"]
    assert results.result.score == Decimal("83.33")
    assert results.result.mutu == "B"
    assert [row.number for row in results.priorities] == [8, 2, 5]
    assert results.elements[8].answers == 1
    html = response.content.decode()
    assert "83,33" in html or "83.33" in html
    assert "2,500" in html or "2.500" in html  # U8's NRR to 3 decimals
    assert "<svg" in html and "<title" in html


def test_flagged_and_rejected_do_not_count(survey, client):
    make_responses(survey.pk_last, [(1,) * 9], status=SurveyResponse.Status.FLAGGED)
    make_responses(survey.pk_last, [(1,) * 9] * 2, status=SurveyResponse.Status.REJECTED)
    results = period_results(survey.pk_last)
    assert (results.valid, results.flagged, results.rejected) == (2, 1, 2)
    assert results.result.score == Decimal("83.33")


def test_not_computable_when_an_element_has_no_answers(survey, client):
    make_responses(survey.pk_open, [(4, 4, 4, 4, 4, 4, 4, 4, None)])
    client.force_login(survey.operator_a)
    response = client.get(results_url(survey.pk_open))
    assert response.status_code == 200
    assert response.context["results"].computable is False
    assert response.context["results"].result.nrr[0] == 4.0


def test_period_without_responses_renders(survey, client):
    client.force_login(survey.operator_a)
    response = client.get(results_url(survey.pk_open))
    assert response.status_code == 200
    assert response.context["results"].result is None
    assert response.context["results"].valid == 0


def test_profile_and_sample_size(survey):
    results = period_results(survey.pk_last)
    sex = results.profile[0]
    female = str(Sex.PEREMPUAN.label)
    assert [(r.label, r.count, r.percent) for r in sex.rows if r.count] == [(female, 2, 100.0)]
    service = results.profile[-1]
    assert [(r.label, r.count) for r in service.rows] == [("Poli Umum", 2)]
    assert results.sample_minimum == 217  # Krejcie–Morgan for N = 500
    assert results.sample_reached is False


def test_extra_answers_text_only_for_managers(survey, client):
    question = ExtraQuestion.objects.create(unit=survey.dinkes, text="Apakah antrean tertib?")
    for response in survey.pk_last.responses.all():
        ExtraAnswer.objects.create(response=response, question=question, text="Rahasia-teks-bebas")
    client.force_login(survey.operator_a)
    html = client.get(results_url(survey.pk_last)).content.decode()
    assert "Apakah antrean tertib?" in html and "Rahasia-teks-bebas" in html
    client.force_login(survey.pimpinan)
    response = client.get(results_url(survey.pk_last))
    html = response.content.decode()
    assert "Apakah antrean tertib?" in html and "Rahasia-teks-bebas" not in html
    assert response.context["results"].extras[0].count == 2


def _grow(survey, period, size):
    services = [
        Service.objects.create(service_unit=period.service_unit, name=f"Layanan {period.pk}-{n}")
        for n in range(size // 20 + 1)
    ]
    question = ExtraQuestion.objects.create(unit=survey.prov, text=f"Q{size}")
    rows = []
    for n in range(size):
        rows += make_responses(
            period, [tuple((n + i) % 4 + 1 for i in range(9))], service=services[n % len(services)],
            sex="LP"[n % 2], age_band=["<20", "20-29", "60+"][n % 3], education="s1",
            occupation="swasta", suggestion=f"Saran {n}" if n % 2 else "",
        )  # fmt: skip
    ExtraAnswer.objects.bulk_create(
        ExtraAnswer(response=r, question=question, text=f"jawaban {r.pk}") for r in rows
    )


@pytest.mark.parametrize(
    "url_name",
    ["satisfaction:period_results", "satisfaction:suggestions", "satisfaction:report_pdf"],
)
def test_period_pages_query_count_is_constant(survey, client, django_assert_num_queries, url_name):
    client.force_login(survey.operator_a)
    small, large = survey.pk_open, survey.pk_last
    _grow(survey, small, 5)
    _grow(survey, large, 200)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(reverse(url_name, args=[small.pk])).status_code == 200
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert client.get(reverse(url_name, args=[large.pk])).status_code == 200


# --- trend -------------------------------------------------------------------------------------


def test_trend_lists_every_period_oldest_first(survey, client, django_assert_num_queries):
    make_responses(survey.pk_open, [(4,) * 9, (3,) * 9])
    client.force_login(survey.pimpinan)
    url = reverse("satisfaction:unit_trend", args=[survey.su_puskesmas.pk])
    response = client.get(url)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.period for r in rows] == [survey.pk_last, survey.pk_open]
    assert [r.result.score for r in rows] == [Decimal("83.33"), Decimal("87.50")]
    html = response.content.decode()
    assert "<polyline" in html and "87,50" in html
    with CaptureQueriesContext(connection) as baseline:
        client.get(url)
    for year in range(2000, 2010):  # ten more periods: still the same number of queries
        period = SurveyPeriod.objects.create(
            service_unit=survey.su_puskesmas, year=year, starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31), status=SurveyPeriod.Status.CLOSED,
        )  # fmt: skip
        make_responses(period, [(year % 4 + 1,) * 9])
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert len(client.get(url).context["rows"]) == 12


def test_trend_outside_scope_is_404(survey, client):
    client.force_login(survey.operator_b)
    url = reverse("satisfaction:unit_trend", args=[survey.su_puskesmas.pk])
    assert client.get(url).status_code == 404


# --- comparison --------------------------------------------------------------------------------


def test_comparison_sorts_units_of_the_scope_by_score(survey, client):
    client.force_login(survey.admin)  # admin of the province: puskesmas and school
    response = client.get(reverse("satisfaction:comparison"), {"year": survey.year - 1})
    assert response.status_code == 200
    rows = response.context["rows"]
    # puskesmas 83.33, school NRR 2.5 everywhere → 62.50; Disdukcapil is the other government's
    assert [(r.service_unit, r.score) for r in rows] == [
        (survey.su_puskesmas, Decimal("83.33")),
        (survey.su_sekolah, Decimal("62.50")),
    ]
    assert rows[1].result.mutu == "D"
    assert rows[1].sample_minimum == 169 and rows[1].sample_reached is False
    assert "<svg" in response.content.decode()


def test_comparison_of_an_operator_is_their_opd_only(survey, client):
    client.force_login(survey.operator_a)
    response = client.get(reverse("satisfaction:comparison"), {"year": survey.year - 1})
    assert [r.service_unit for r in response.context["rows"]] == [survey.su_puskesmas]
    assert [o.pk for o in response.context["form"].opds.values()] == [survey.dinkes.pk]


def test_comparison_filters_by_opd_and_by_place(survey, client):
    survey.sekolah.kab_kota = "Kota Gorontalo"
    survey.sekolah.save(update_fields=["kab_kota"])
    client.force_login(survey.superadmin)
    url = reverse("satisfaction:comparison")
    year = survey.year - 1
    response = client.get(url, {"year": year, "opd": survey.dinkes.pk})
    assert [r.service_unit for r in response.context["rows"]] == [survey.su_puskesmas]
    response = client.get(url, {"year": year, "kab_kota": "Kota Gorontalo"})
    assert [r.service_unit for r in response.context["rows"]] == [survey.su_sekolah]
    both = {"year": year, "kab_kota": "Kota Gorontalo", "opd": survey.dinkes.pk}
    response = client.get(url, both)
    assert response.status_code == 200 and response.context["rows"] == []
    assert response.context["form"].non_field_errors()
    # an OPD outside the scope is not a choice: refused, not shown
    client.force_login(survey.operator_b)
    response = client.get(url, {"year": year, "opd": survey.dinkes.pk})
    assert response.status_code == 200 and response.context["rows"] == []
    assert "opd" in response.context["form"].errors


def test_comparison_units_without_period_come_last(survey):
    rows = comparison(survey.superadmin, year=1999)
    assert {r.service_unit for r in rows} == {
        survey.su_puskesmas,
        survey.su_sekolah,
        survey.su_dukcapil,
    }
    assert all(r.period is None and r.sample_reached is None for r in rows)


def test_period_of_year_prefers_the_yearly_period(survey):
    unit = survey.su_puskesmas
    q1 = SurveyPeriod(
        service_unit=unit,
        year=2020,
        kind="triwulan",
        number=1,
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2020, 3, 31),
    )
    q2 = SurveyPeriod(
        service_unit=unit,
        year=2020,
        kind="triwulan",
        number=2,
        starts_on=dt.date(2020, 4, 1),
        ends_on=dt.date(2020, 6, 30),
    )
    yearly = SurveyPeriod(service_unit=unit, year=2020, starts_on=dt.date(2020, 1, 1),
                          ends_on=dt.date(2020, 12, 31))  # fmt: skip
    assert period_of_year([q1, q2]) is q2
    assert period_of_year([q1, yearly, q2]) is yearly
    assert period_of_year([]) is None


def test_comparison_query_count_is_constant(survey, client, django_assert_num_queries):
    client.force_login(survey.superadmin)
    url = reverse("satisfaction:comparison") + f"?year={survey.year - 1}"
    with CaptureQueriesContext(connection) as baseline:
        client.get(url)
    from binakinerja.organizations.services import orgunit_create
    from binakinerja.satisfaction.models import ServiceUnit
    from binakinerja.satisfaction.testing import make_periods

    for n in range(8):
        unit = orgunit_create(actor=None, parent=survey.dinkes, name=f"Puskesmas {n}",
                              unit_type="puskesmas", is_service_unit=True)  # fmt: skip
        last, _open = make_periods(ServiceUnit.objects.create(unit=unit), year=survey.year)
        make_responses(last, [(n % 4 + 1,) * 9] * (n + 1))
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert len(client.get(url).context["rows"]) == 11


# --- suggestions and follow-up -----------------------------------------------------------------


def suggestions_url(period):
    return reverse("satisfaction:suggestions", args=[period.pk])


def test_suggestions_list_valid_non_empty_newest_first(survey, client):
    make_responses(survey.pk_last, [(1,) * 9], suggestion="Ditandai", status="flagged")
    make_responses(survey.pk_last, [(2,) * 9], suggestion="")
    newest = make_responses(survey.pk_last, [(1, 2, 3, 4, 4, 4, 4, 4, 4)], suggestion="Terbaru")[0]
    client.force_login(survey.operator_a)
    response = client.get(suggestions_url(survey.pk_last))
    assert response.status_code == 200
    listed = list(response.context["page"].object_list)
    assert len(listed) == 3 and listed[0] == newest
    assert listed[0].low == ["U1", "U2"]
    html = response.content.decode()
    assert "Ruang tunggu perlu kipas angin." in html and "Ditandai" not in html


def test_suggestions_are_paginated(survey, client):
    make_responses(survey.pk_open, [(3,) * 9] * 25, suggestion="Saran")
    client.force_login(survey.operator_a)
    response = client.get(suggestions_url(survey.pk_open), {"page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5


def test_pimpinan_cannot_read_suggestions(survey, client):
    client.force_login(survey.pimpinan)
    assert client.get(suggestions_url(survey.pk_last)).status_code == 403


def test_operator_records_an_action_on_a_suggestion(survey, client):
    client.force_login(survey.operator_a)
    target = survey.pk_last.responses.first()
    response = client.post(suggestions_url(survey.pk_last), {
        "action": "Pasang kipas angin di ruang tunggu", "responsible": "Kepala TU",
        "due_on": "2030-01-31", "element": "9", "response": target.pk,
    })  # fmt: skip
    assert response.status_code == 302
    action = ImprovementAction.objects.get()
    assert (action.response, action.element, action.created_by) == (target, 9, survey.operator_a)
    assert action.due_on == dt.date(2030, 1, 31)
    assert AuditLog.objects.filter(
        action="create", object_type="satisfaction.improvementaction", object_id=str(action.pk)
    ).exists()
    page = client.get(suggestions_url(survey.pk_last)).content.decode()
    assert "Pasang kipas angin di ruang tunggu" in page


@pytest.mark.parametrize(
    "payload",
    [
        {"action": "  "},
        {"action": "Aksi", "element": "12"},
        {"action": "Aksi", "due_on": "31-31-2030"},
        {"action": "Aksi", "response": "999999"},
    ],
)
def test_refused_action_re_renders_with_a_message(survey, client, payload):
    client.force_login(survey.operator_a)
    response = client.post(suggestions_url(survey.pk_last), payload)
    assert response.status_code == 200
    assert not ImprovementAction.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_action_on_another_periods_suggestion_is_refused(survey, client):
    client.force_login(survey.operator_a)
    other = make_responses(survey.pk_open, [(3,) * 9], suggestion="Lain")[0]
    response = client.post(suggestions_url(survey.pk_last), {"action": "X", "response": other.pk})
    assert response.status_code == 200
    assert not ImprovementAction.objects.exists()
    with pytest.raises(ValidationError):
        improvement_action_add(actor=survey.operator_a, period=survey.pk_last, action="X",
                               response=other)  # fmt: skip


def test_status_update_checks_the_version(survey, client):
    action = improvement_action_add(actor=survey.operator_a, period=survey.pk_last,
                                    action="Perbaiki alur antrean", element=2)  # fmt: skip
    client.force_login(survey.operator_a)
    url = reverse("satisfaction:action_update", args=[action.pk])
    response = client.post(url, {"status": "in_progress", "version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.version) == ("in_progress", 2)
    assert AuditLog.objects.filter(
        action="update", object_id=str(action.pk), changes__status=["planned", "in_progress"]
    ).exists()
    response = client.post(url, {"status": "done", "version": 1})  # stale
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == "in_progress"
    response = client.post(url, {"status": "nonsense", "version": 2})
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_status_update_outside_scope(survey, client):
    action = improvement_action_add(actor=survey.operator_a, period=survey.pk_last, action="A")
    url = reverse("satisfaction:action_update", args=[action.pk])
    client.force_login(survey.operator_b)
    assert client.post(url, {"status": "done", "version": 1}).status_code == 404
    client.force_login(survey.pimpinan)
    assert client.post(url, {"status": "done", "version": 1}).status_code == 403
    action.refresh_from_db()
    assert action.status == "planned"


def test_action_services(survey):
    with pytest.raises(ValidationError):
        improvement_action_add(actor=survey.operator_a, period=survey.pk_last, action="")
    with pytest.raises(ValidationError):
        improvement_action_add(actor=survey.operator_a, period=survey.pk_last, action="A",
                               element=0)  # fmt: skip
    action = improvement_action_add(actor=survey.operator_a, period=survey.pk_last, action=" A ")
    assert action.action == "A"
    updated = improvement_action_update(actor=survey.operator_a, action=action, status="done",
                                        version=1, responsible=" Sekretaris ")  # fmt: skip
    assert (updated.status, updated.responsible, updated.version) == ("done", "Sekretaris", 2)
    with pytest.raises(StaleVersionError):
        improvement_action_update(actor=survey.operator_a, action=action, status="planned",
                                  version=1)  # fmt: skip
    with pytest.raises(ValidationError):
        improvement_action_update(actor=survey.operator_a, action=action, status="x", version=2)


def test_comparison_refuses_a_bad_year_without_error(survey, client):
    client.force_login(survey.pimpinan)
    response = client.get(reverse("satisfaction:comparison"), {"year": "dua ribu"})
    assert response.status_code == 200
    assert response.context["rows"] == [] and "year" in response.context["form"].errors
