"""The keyboard grid for paper questionnaires: all rows or none, blank rows skipped."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.models import AuditLog
from binakinerja.satisfaction.models import SurveyResponse
from binakinerja.satisfaction.services import paper_responses_record, period_close

pytestmark = pytest.mark.django_db


def grid(rows, total=10):
    """POST data of the grid: `rows` fill the first lines, the rest stay blank."""
    data = {"r-TOTAL_FORMS": str(total), "r-INITIAL_FORMS": "0", "r-MIN_NUM_FORMS": "0",
            "r-MAX_NUM_FORMS": "50"}  # fmt: skip
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"r-{i}-{name}"] = value
    return data


def answers(*values):
    return {f"u{i}": str(v) for i, v in enumerate(values, start=1) if v is not None}


def a_day_in(period):
    return min(timezone.localdate(), period.ends_on)


def paper_count(period):
    return SurveyResponse.objects.filter(period=period, source="paper").count()


def test_grid_renders_rows_with_numeric_answer_cells(survey, client):
    client.force_login(survey.operator_a)
    url = reverse("satisfaction:paper_entry", args=[survey.pk_open.pk])
    page = client.get(url)
    assert page.status_code == 200 and len(page.context["formset"].forms) == 10
    html = page.content.decode()
    assert 'inputmode="numeric"' in html and 'pattern="[1-4]"' in html and 'maxlength="1"' in html
    assert len(client.get(url, {"rows": 30}).context["formset"].forms) == 30
    assert len(client.get(url, {"rows": 500}).context["formset"].forms) == 50
    services = dict(page.context["formset"].forms[0].fields["service"].choices)
    assert survey.svc_umum.pk in services and survey.svc_legalisir.pk not in services


def test_valid_rows_are_stored_and_blank_rows_ignored(survey, client):
    client.force_login(survey.operator_a)
    period = survey.pk_open
    day = a_day_in(period)
    rows = [
        {"visit_date": day.isoformat(), "service": survey.svc_umum.pk, "sex": "P",
         "age_band": "30-39", "education": "sma", "occupation": "irt",
         **answers(4, 3, 3, 4, 3, 3, 4, 3, 3), "suggestion": "Parkir sempit"},
        {},  # a blank row between filled ones
        {**answers(2, 2, None, 2, 2, 2, 2, 2, 2)},
    ]  # fmt: skip
    response = client.post(
        reverse("satisfaction:paper_entry", args=[period.pk]) + "?rows=10", grid(rows)
    )
    assert response.status_code == 302
    stored = list(SurveyResponse.objects.filter(period=period, source="paper").order_by("pk"))
    assert len(stored) == 2
    first, second = stored
    assert first.answers == (4, 3, 3, 4, 3, 3, 4, 3, 3) and first.service == survey.svc_umum
    assert (first.sex, first.age_band, first.visit_date, first.suggestion) == (
        "P", "30-39", day, "Parkir sempit")  # fmt: skip
    assert second.answers[2] is None and second.sex == "" and second.visit_date is None
    assert all(r.entered_by == survey.operator_a and r.status == "valid" for r in stored)
    entry = AuditLog.objects.get(object_type="satisfaction.surveyresponse", action="create")
    assert entry.changes["responses"] == [0, 2] and entry.object_id == str(period.pk)


def test_one_invalid_row_stores_nothing_and_shows_the_errors(survey, client):
    client.force_login(survey.operator_a)
    period = survey.pk_open
    future = timezone.localdate() + dt.timedelta(days=1)
    rows = [
        {**answers(4, 4, 4, 4, 4, 4, 4, 4, 4)},
        {**answers(4, 4, 5, 4, 4, 4, 4, 4, 4), "suggestion": "tetap diketik"},
        {"visit_date": future.isoformat(), **answers(3, 3, 3, 3, 3, 3, 3, 3, 3)},
        {"visit_date": (period.starts_on - dt.timedelta(days=1)).isoformat(), **answers(3)},
        {"sex": "P"},  # filled, but no answer at all
        {"service": survey.svc_legalisir.pk, **answers(3)},  # another unit's service
    ]
    response = client.post(reverse("satisfaction:paper_entry", args=[period.pk]), grid(rows))
    assert response.status_code == 200
    assert paper_count(period) == 0
    forms = response.context["formset"].forms
    assert not forms[0].errors
    assert "u3" in forms[1].errors
    assert "visit_date" in forms[2].errors and "visit_date" in forms[3].errors
    assert forms[4].non_field_errors()
    assert "service" in forms[5].errors
    html = response.content.decode()
    assert 'value="tetap diketik"' in html and 'value="5"' in html  # typed values come back
    assert html.count('class="row-errors"') == 5


def test_all_blank_grid_stores_nothing(survey, client):
    client.force_login(survey.operator_a)
    response = client.post(reverse("satisfaction:paper_entry", args=[survey.pk_open.pk]), grid([]))
    assert response.status_code == 200 and paper_count(survey.pk_open) == 0


def test_too_many_rows_posted_are_refused_without_error(survey, client):
    client.force_login(survey.operator_a)
    data = grid([answers(3, 3, 3, 3, 3, 3, 3, 3, 3)] * 60, total=60)
    response = client.post(reverse("satisfaction:paper_entry", args=[survey.pk_open.pk]), data)
    assert response.status_code == 200 and paper_count(survey.pk_open) == 0


def test_closed_period_is_refused(survey, client):
    client.force_login(survey.operator_a)
    url = reverse("satisfaction:paper_entry", args=[survey.pk_last.pk])
    page = client.get(url)
    assert page.status_code == 200 and "formset" not in page.context
    response = client.post(url, grid([answers(3, 3, 3, 3, 3, 3, 3, 3, 3)]))
    assert response.status_code == 200
    assert not SurveyResponse.objects.filter(period=survey.pk_last, source="paper").exists()


def test_scoping_of_the_grid(survey, client):
    url = reverse("satisfaction:paper_entry", args=[survey.pk_open.pk])
    client.force_login(survey.operator_b)
    assert client.get(url).status_code == 404
    client.force_login(survey.pimpinan)
    assert client.post(url, grid([answers(3, 3, 3, 3, 3, 3, 3, 3, 3)])).status_code == 403
    assert paper_count(survey.pk_open) == 0


def test_service_refuses_bad_rows_and_closed_periods(survey):
    good = {"u1": 3, "u2": 3}
    with pytest.raises(ValidationError):
        paper_responses_record(
            actor=survey.operator_a, period=survey.pk_open, rows=[good, {"u1": 7}]
        )
    with pytest.raises(ValidationError):
        paper_responses_record(
            actor=survey.operator_a, period=survey.pk_open, rows=[{**good, "sex": "X"}]
        )
    with pytest.raises(ValidationError):
        paper_responses_record(
            actor=survey.operator_a, period=survey.pk_open,
            rows=[{**good, "service": survey.svc_ktp}],
        )  # fmt: skip
    assert paper_count(survey.pk_open) == 0
    period_close(actor=survey.operator_a, period=survey.pk_open, version=1)
    with pytest.raises(ValidationError) as caught:
        paper_responses_record(actor=survey.operator_a, period=survey.pk_open, rows=[good])
    assert caught.value.code == "period_closed"
    assert paper_count(survey.pk_open) == 0
