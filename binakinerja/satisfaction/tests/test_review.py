"""Review of flagged responses: accept (counted) or reject, by the unit's managers only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.models import AuditLog
from binakinerja.satisfaction.models import BlockedSubmission, SurveyResponse
from binakinerja.satisfaction.selectors import ikm_of_period
from binakinerja.satisfaction.services import period_close, period_publish, responses_review
from binakinerja.satisfaction.testing import make_responses

pytestmark = pytest.mark.django_db


def flag(period, count=2, **fields):
    return make_responses(
        period, [(1,) * 9] * count, status="flagged", flag_reason="perangkat sama", **fields
    )


def statuses(responses):
    return [SurveyResponse.objects.get(pk=r.pk).status for r in responses]


def test_accept_counts_in_the_ikm_and_reject_does_not(survey):
    a, b, c = flag(survey.pk_open, 3)
    make_responses(survey.pk_open, [(4,) * 9])
    assert ikm_of_period(survey.pk_open).respondents == 1
    count = responses_review(
        actor=survey.operator_a, service_unit=survey.su_puskesmas, ids=[a.pk], decision="accept"
    )
    assert count == 1 and ikm_of_period(survey.pk_open).respondents == 2
    responses_review(
        actor=survey.operator_a, service_unit=survey.su_puskesmas, ids=[b.pk, c.pk],
        decision="reject",
    )  # fmt: skip
    assert statuses([a, b, c]) == ["valid", "rejected", "rejected"]
    assert ikm_of_period(survey.pk_open).respondents == 2
    entries = AuditLog.objects.filter(object_type="satisfaction.surveyresponse", action="update")
    assert entries.count() == 2
    assert entries.filter(changes__status=["flagged", "rejected"]).get().changes["responses"] == [
        b.pk, c.pk]  # fmt: skip


def test_review_leaves_other_units_and_unflagged_responses_alone(survey):
    (other,) = flag(survey.sk_open, 1)
    (valid,) = make_responses(survey.pk_open, [(4,) * 9])
    count = responses_review(
        actor=survey.admin, service_unit=survey.su_puskesmas, ids=[other.pk, valid.pk, "x"],
        decision="reject",
    )  # fmt: skip
    assert count == 0 and statuses([other, valid]) == ["flagged", "valid"]
    assert not AuditLog.objects.filter(object_type="satisfaction.surveyresponse").exists()
    with pytest.raises(ValidationError):
        responses_review(
            actor=survey.admin, service_unit=survey.su_puskesmas, ids=[valid.pk], decision="ok"
        )
    with pytest.raises(ValidationError):
        responses_review(
            actor=survey.admin, service_unit=survey.su_puskesmas, ids=[], decision="accept"
        )


def test_responses_of_a_published_period_wait_for_unpublishing(survey):
    (late,) = flag(survey.pk_open, 1)
    period = period_close(actor=survey.admin, period=survey.pk_open, version=1)
    period_publish(actor=survey.admin, period=period, version=period.version)
    with pytest.raises(ValidationError) as caught:
        responses_review(
            actor=survey.admin, service_unit=survey.su_puskesmas, ids=[late.pk],
            decision="accept",
        )  # fmt: skip
    assert caught.value.code == "period_published"
    assert statuses([late]) == ["flagged"]


def test_review_page_lists_flagged_with_answers_and_blocked_devices(survey, client):
    (response_,) = flag(survey.pk_open, 1, suggestion="Petugas ramah")
    flag(survey.sk_open, 1, suggestion="Sekolah lain")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    BlockedSubmission.objects.create(
        service_unit=survey.su_puskesmas, device_hash="abcdef0123456789" * 4, hour=now, count=7
    )
    BlockedSubmission.objects.create(
        service_unit=survey.su_puskesmas, device_hash="f" * 64,
        hour=now - dt.timedelta(days=40), count=99,
    )  # fmt: skip
    client.force_login(survey.operator_a)
    page = client.get(reverse("satisfaction:review", args=[survey.su_puskesmas.pk]))
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == [response_]
    assert page.context["blocked_total"] == 7 and len(page.context["blocked"]) == 1
    html = page.content.decode()
    assert "Petugas ramah" in html and "Sekolah lain" not in html
    assert "abcdef0123" in html and "abcdef0123456789abcdef" not in html  # shortened
    assert "perangkat sama" in html


def test_review_posts_one_or_all_selected(survey, client):
    a, b, c = flag(survey.pk_open, 3)
    url = reverse("satisfaction:review", args=[survey.su_puskesmas.pk])
    client.force_login(survey.operator_a)
    assert client.post(url, {"one": f"reject:{a.pk}"}).status_code == 302
    assert client.post(url, {"decision": "accept", "ids": [b.pk, c.pk]}).status_code == 302
    assert statuses([a, b, c]) == ["rejected", "valid", "valid"]
    nothing = client.post(url, {"decision": "accept"})
    assert nothing.status_code == 200


def test_outsiders_cannot_review(survey, client):
    (a,) = flag(survey.pk_open, 1)
    url = reverse("satisfaction:review", args=[survey.su_puskesmas.pk])
    client.force_login(survey.operator_b)
    assert client.post(url, {"one": f"accept:{a.pk}"}).status_code == 404
    client.force_login(survey.pimpinan)
    assert client.get(url).status_code == 403
    assert client.post(url, {"one": f"accept:{a.pk}"}).status_code == 403
    # A manager of the school cannot review the puskesmas response through their own unit.
    client.force_login(survey.operator_b)
    own = reverse("satisfaction:review", args=[survey.su_sekolah.pk])
    assert client.post(own, {"one": f"accept:{a.pk}"}).status_code == 302
    assert statuses([a]) == ["flagged"]


def test_flagged_count_on_list_and_detail(survey, client):
    flag(survey.pk_open, 2)
    client.force_login(survey.operator_a)
    listing = client.get(reverse("satisfaction:unit_list"))
    assert {r["su"]: r["flagged"] for r in listing.context["rows"]} == {survey.su_puskesmas: 2}
    detail = client.get(reverse("satisfaction:unit_detail", args=[survey.su_puskesmas.pk]))
    assert detail.context["flagged"] == 2
    assert reverse("satisfaction:review", args=[survey.su_puskesmas.pk]) in detail.content.decode()
