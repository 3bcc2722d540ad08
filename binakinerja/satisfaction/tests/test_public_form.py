"""The public survey form: the page, a submission from GET to the thank-you page, and every kind
of bad input refused with a message and nothing stored. (Abuse protection: test_abuse.py.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from binakinerja.organizations.services import orgunit_create
from binakinerja.satisfaction.models import (
    ExtraAnswer,
    ExtraQuestion,
    Service,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.public import DEVICE_COOKIE
from binakinerja.satisfaction.rules import ancestor_paths

TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _no_minimum_time(settings):
    """Tests send the form at once; the 'too fast' flag has its own test in test_abuse.py."""
    settings.SATISFACTION_FORM_MIN_SECONDS = 0


def form_url(service_unit) -> str:
    return reverse("survey:form", args=[service_unit.public_code])


def token_of(response) -> str:
    match = TOKEN_RE.search(response.content.decode())
    assert match, "no token in the page"
    return match.group(1)


def fresh_token(client, service_unit) -> str:
    response = client.get(form_url(service_unit))
    assert response.status_code == 200
    return token_of(response)


def answers(token: str, **extra) -> dict:
    data = {"token": token, **{f"u{i}": str(1 + i % 4) for i in range(1, 10)}}
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, service_unit, **extra):
    return client.post(form_url(service_unit), answers(fresh_token(client, service_unit), **extra))


def text_of(response) -> str:
    return response.content.decode()


def said(msgid: str, **params) -> str:
    """A message as the page shows it in the active language (Bahasa Indonesia once the lead
    merged the catalogue; the English msgid until then)."""
    text = gettext(msgid)
    return escape(text % params if params else text)


# --- the page --------------------------------------------------------------------------------


def test_the_form_shows_the_unit_the_period_and_the_nine_questions(survey, client):
    response = client.get(form_url(survey.su_puskesmas))
    assert response.status_code == 200
    page = text_of(response)
    assert "Puskesmas Limboto" in page
    assert f"periode {survey.year}" in page
    assert page.count("<fieldset") == 9 + 1  # nine elements and the sex question
    assert page.count('type="radio"') == 9 * 4 + 2
    assert said("How easy is the service procedure at this unit?") in page
    assert said("Very courteous and friendly") in page
    assert 'lang="id"' in page
    assert "Poli Umum" in page and "KIA" in page
    assert page.count("<link") == 1 and '<link rel="icon" href="data:,">' in page
    for absent in ("<script", "<img", "<style src", "htmx", "app.css", 'type="tel"', "onclick"):
        assert absent not in page, absent
    assert response.cookies[DEVICE_COOKIE]["httponly"]
    assert response.cookies[DEVICE_COOKIE]["samesite"] == "Lax"
    assert "no-store" in response["Cache-Control"]


def test_a_respondent_profile_is_offered_and_nothing_identifying(survey, client):
    page = text_of(client.get(form_url(survey.su_puskesmas)))
    for name in ("sex", "age_band", "education", "occupation", "visit_date", "suggestion",
                 "service"):  # fmt: skip
        assert f'name="{name}"' in page, name
    names = set(re.findall(r'name="([^"]+)"', page))
    assert names <= {
        "csrfmiddlewaretoken", "token", "website", "sex", "age_band", "education",
        "occupation", "visit_date", "suggestion", "service", "viewport", "robots",
        *(f"u{i}" for i in range(1, 10)),
    }  # fmt: skip


def test_the_page_stays_small_with_four_services_and_two_extra_questions(survey, client):
    for name in ("Imunisasi", "Laboratorium"):
        Service.objects.create(service_unit=survey.su_puskesmas, name=name)
    ExtraQuestion.objects.create(unit=survey.dinkes, text="Apakah antrean tertib?")
    ExtraQuestion.objects.create(unit=survey.puskesmas, text="Apa yang paling Anda sukai?")
    response = client.get(form_url(survey.su_puskesmas))
    page = text_of(response)
    assert "Apakah antrean tertib?" in page and "Apa yang paling Anda sukai?" in page
    assert "Laboratorium" in page
    assert len(response.content) < 50_000
    assert len(response.content) < 20_000  # the aim: far below the limit


def test_extra_questions_come_from_the_unit_and_its_ancestors_only(survey, client):
    mine = ExtraQuestion.objects.create(unit=survey.prov, text="Pertanyaan provinsi")
    ExtraQuestion.objects.create(unit=survey.dikbud, text="Pertanyaan dinas lain")
    ExtraQuestion.objects.create(unit=survey.dinkes, text="Pertanyaan nonaktif", is_active=False)
    page = text_of(client.get(form_url(survey.su_puskesmas)))
    assert mine.text in page
    assert "Pertanyaan dinas lain" not in page
    assert "Pertanyaan nonaktif" not in page


def test_ancestor_paths_are_the_path_prefixes():
    assert ancestor_paths("00001.0000a.00003") == ["00001", "00001.0000a", "00001.0000a.00003"]
    assert ancestor_paths("00001") == ["00001"]


def test_only_active_services_of_the_unit_are_offered(survey, client):
    Service.objects.create(service_unit=survey.su_puskesmas, name="Layanan Lama", is_active=False)
    page = text_of(client.get(form_url(survey.su_puskesmas)))
    assert "Layanan Lama" not in page
    assert "Legalisir Ijazah" not in page


def test_unknown_code_is_a_small_404(survey, client):
    response = client.get(reverse("survey:form", args=["zzzzzz"]))
    assert response.status_code == 404
    assert len(response.content) < 5_000
    assert "<script" not in text_of(response)


def test_an_inactive_unit_is_a_404(survey, client):
    survey.su_puskesmas.is_active = False
    survey.su_puskesmas.save()
    assert client.get(form_url(survey.su_puskesmas)).status_code == 404
    survey.su_sekolah.unit.is_active = False
    survey.su_sekolah.unit.save()
    assert client.get(form_url(survey.su_sekolah)).status_code == 404


def test_no_open_period_is_a_polite_page_without_a_form(survey, client):
    SurveyPeriod.objects.filter(pk=survey.pk_open.pk).update(status=SurveyPeriod.Status.CLOSED)
    response = client.get(form_url(survey.su_puskesmas))
    assert response.status_code == 200
    assert said(
        "The satisfaction survey is not open yet or no longer open. Nothing was recorded."
    ) in text_of(response)
    assert "<form" not in text_of(response)


def test_an_open_period_that_has_not_started_is_not_offered(survey, client):
    today = timezone.localdate()
    SurveyPeriod.objects.filter(pk=survey.pk_open.pk).update(
        starts_on=today + dt.timedelta(days=1), ends_on=today + dt.timedelta(days=90)
    )
    response = client.get(form_url(survey.su_puskesmas))
    assert response.status_code == 200
    assert "<form" not in text_of(response)


def test_english_is_available(survey, client):
    client.cookies["django_language"] = "en"
    page = text_of(client.get(form_url(survey.su_puskesmas)))
    assert 'lang="en"' in page
    assert "Send my answers" in page


# --- a submission ----------------------------------------------------------------------------


def test_a_submission_is_stored_valid_and_leads_to_the_thank_you_page(survey, client):
    question = ExtraQuestion.objects.create(unit=survey.dinkes, text="Apakah antrean tertib?")
    empty = ExtraQuestion.objects.create(unit=survey.puskesmas, text="Ada lagi?")
    token = fresh_token(client, survey.su_puskesmas)
    today = timezone.localdate()
    response = client.post(
        form_url(survey.su_puskesmas),
        answers(
            token, u5="", u9="1", service=str(survey.svc_kia.pk), sex="P", age_band="30-39",
            education="s1", occupation="wirausaha", visit_date=today.isoformat(),
            suggestion="  Parkir motor kurang luas. ", **{f"x{question.pk}": "Ya, tertib",
                                                           f"x{empty.pk}": "  "},
        ),
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("survey:thanks", args=[survey.su_puskesmas.public_code])
    stored = SurveyResponse.objects.get(period=survey.pk_open)
    assert stored.answers == (2, 3, 4, 1, None, 3, 4, 1, 1)
    assert stored.status == SurveyResponse.Status.VALID
    assert stored.flag_reason == ""
    assert stored.source == SurveyResponse.Source.ONLINE
    assert stored.service == survey.svc_kia
    assert (stored.sex, stored.age_band, stored.education, stored.occupation) == (
        "P", "30-39", "s1", "wirausaha",
    )  # fmt: skip
    assert stored.visit_date == today
    assert stored.suggestion == "Parkir motor kurang luas."
    assert len(stored.token_nonce) == 32 and stored.token_nonce in _unsign(token)
    assert len(stored.device_hash) == 64
    assert list(ExtraAnswer.objects.values_list("question_id", "text")) == [
        (question.pk, "Ya, tertib")
    ]
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert said("Thank you!") in text_of(thanks)
    assert said("Your answers were received. They help us improve our service.") in text_of(thanks)


def _unsign(token: str) -> str:
    from django.core import signing

    from binakinerja.satisfaction.public import TOKEN_SALT

    return str(signing.Signer(salt=TOKEN_SALT).unsign_object(token))


def test_a_minimal_submission_with_one_answer_is_enough(survey, client):
    token = fresh_token(client, survey.su_sekolah)
    response = client.post(form_url(survey.su_sekolah), {"token": token, "u3": "4"})
    assert response.status_code == 302
    stored = SurveyResponse.objects.get(period=survey.sk_open)
    assert stored.answers == (None, None, 4, None, None, None, None, None, None)
    assert (stored.sex, stored.suggestion, stored.service) == ("", "", None)


def test_the_thank_you_page_shows_the_published_ikm(survey, client):
    page = text_of(client.get(reverse("survey:thanks", args=[survey.su_sekolah.public_code])))
    # Last year's school: NRR 2.5 on every element → 62,50, mutu D.
    assert "62,50" in page
    assert "Tidak Baik" in page
    assert str(survey.year - 1) in page
    assert "<script" not in page


def test_the_thank_you_page_without_a_published_ikm(survey, client):
    SurveyPeriod.objects.filter(service_unit=survey.su_sekolah).update(published_at=None)
    page = text_of(client.get(reverse("survey:thanks", args=[survey.su_sekolah.public_code])))
    assert said("No satisfaction index has been published for this unit yet.") in page


def test_thank_you_page_of_an_unknown_code_is_a_404(survey, client):
    assert client.get(reverse("survey:thanks", args=["nnnnnn"])).status_code == 404


def test_the_post_path_makes_few_queries(survey, client, django_assert_max_num_queries):
    """The POST must sustain hundreds of submissions a second (bench/survey_load.py)."""
    question = ExtraQuestion.objects.create(unit=survey.dinkes, text="Apakah antrean tertib?")
    token = fresh_token(client, survey.su_puskesmas)
    data = answers(token, service=str(survey.svc_umum.pk), **{f"x{question.pk}": "Ya"})
    # unit+period, services+extra questions, both rate counts, the insert, the extra answers;
    # the test's transaction adds a savepoint and its release.
    with django_assert_max_num_queries(7):
        response = client.post(form_url(survey.su_puskesmas), data)
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(period=survey.pk_open).count() == 1


def test_the_post_writes_no_session(survey, client):
    token = fresh_token(client, survey.su_puskesmas)
    response = client.post(form_url(survey.su_puskesmas), answers(token))
    assert response.status_code == 302
    assert "sessionid" not in response.cookies


# --- bad input: a message, status 400, nothing stored ----------------------------------------

ONE_OF_FOUR = ("Choose one of the four answers.", {})
OFFERED = ("Choose one of the options offered.", {})
FROM_LIST = ("Choose a service from the list.", {})
BAD_INPUT = [
    ("no answer at all", {f"u{i}": "" for i in range(1, 10)},
     ("Answer at least one of the nine questions.", {})),
    ("answer above 4", {"u1": "5"}, ONE_OF_FOUR),
    ("answer below 1", {"u2": "0"}, ONE_OF_FOUR),
    ("answer not a number", {"u3": "baik"}, ONE_OF_FOUR),
    ("unknown sex", {"sex": "X"}, OFFERED),
    ("unknown age band", {"age_band": "99"}, OFFERED),
    ("unknown education", {"education": "s9"}, OFFERED),
    ("unknown occupation", {"occupation": "astronot"}, OFFERED),
    ("unknown service", {"service": "999999"}, FROM_LIST),
    ("service not a number", {"service": "abc"}, FROM_LIST),
    ("suggestion too long", {"suggestion": "x" * 2001},
     ("Keep the suggestion to at most %(limit_value)d characters.", {"limit_value": 2000})),
    ("visit date malformed", {"visit_date": "kemarin"},
     ("Enter the date as day, month and year.", {})),
    ("null character", {"suggestion": "a\x00b"}, ("Null characters are not allowed.", {})),
]  # fmt: skip


@pytest.mark.parametrize(("label", "bad", "message"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_refused_with_a_message(survey, client, label, bad, message):
    token = fresh_token(client, survey.su_puskesmas)
    before = SurveyResponse.objects.count()
    response = client.post(form_url(survey.su_puskesmas), answers(token, **bad))
    assert response.status_code == 400, label
    page = text_of(response)
    msgid, params = message
    assert said(msgid, **params) in page, label
    assert said("Some answers need your attention: see the messages below.") in page
    assert token in page  # the same token: the form can be sent again as it is
    assert SurveyResponse.objects.count() == before


def test_another_units_service_is_refused(survey, client):
    before = SurveyResponse.objects.count()
    response = submit(client, survey.su_puskesmas, service=str(survey.svc_ktp.pk))
    assert response.status_code == 400
    assert said("Choose a service from the list.") in text_of(response)
    assert SurveyResponse.objects.count() == before


def test_a_visit_date_in_the_future_or_before_the_period_is_refused(survey, client):
    before = SurveyResponse.objects.count()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = submit(client, survey.su_puskesmas, visit_date=tomorrow.isoformat())
    assert response.status_code == 400
    assert said("The visit date cannot be in the future.") in text_of(response)
    response = submit(client, survey.su_puskesmas, visit_date=f"{survey.year - 1}-12-31")
    assert response.status_code == 400
    assert said(
        "The visit date cannot be before the survey period starts (%(date)s).",
        date=f"01-01-{survey.year}",
    ) in text_of(response)
    assert SurveyResponse.objects.count() == before


def test_an_overlong_extra_answer_is_refused(survey, client):
    question = ExtraQuestion.objects.create(unit=survey.dinkes, text="Apakah antrean tertib?")
    before = SurveyResponse.objects.count()
    response = submit(client, survey.su_puskesmas, **{f"x{question.pk}": "y" * 501})
    assert response.status_code == 400
    assert said(
        "Keep the answer to at most %(limit_value)d characters.", limit_value=500
    ) in text_of(response)
    assert SurveyResponse.objects.count() == before


def test_the_unit_of_a_sub_unit_sees_its_ancestors_questions(survey, client):
    """A service unit deeper in the tree (a UPT under a bidang) gets every ancestor's questions."""
    from binakinerja.satisfaction.models import ServiceUnit

    bidang = orgunit_create(actor=None, parent=survey.dinkes, name="Bidang Yankes")
    upt = orgunit_create(actor=None, parent=bidang, name="UPT Labkes", is_service_unit=True)
    unit = ServiceUnit.objects.create(unit=upt)
    SurveyPeriod.objects.create(
        service_unit=unit, year=survey.year, starts_on=dt.date(survey.year, 1, 1),
        ends_on=dt.date(survey.year, 12, 31),
    )  # fmt: skip
    ExtraQuestion.objects.create(unit=bidang, text="Pertanyaan bidang")
    ExtraQuestion.objects.create(unit=survey.prov, text="Pertanyaan provinsi")
    page = text_of(client.get(form_url(unit)))
    assert "Pertanyaan bidang" in page and "Pertanyaan provinsi" in page


def test_public_pages_speak_indonesian_even_to_english_phones(survey, client):
    """Accept-Language follows the phone's setting; the public pages stay in Bahasa Indonesia
    unless the visitor chose English (the language cookie)."""
    url = reverse("survey:form", args=[survey.su_puskesmas.public_code])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Sangat sesuai" in page and "Very appropriate" not in page
    listing = client.get(reverse("survey:instansi_list"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert listing["Content-Language"] == "id"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Very appropriate" in page
