"""The public survey form in a real browser with JavaScript switched off, on a small phone: open
the form, answer, send, see the thank-you page; the response is stored."""

import pytest
from playwright.sync_api import expect

from binakinerja.satisfaction.models import ExtraAnswer, ExtraQuestion, SurveyResponse

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, live_server, settings):
    """A 320 px wide tab without JavaScript, as on a cheap phone with scripts blocked."""
    settings.SATISFACTION_FORM_MIN_SECONDS = 0
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        viewport={"width": 320, "height": 640},
        java_script_enabled=False,
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    requests = []
    tab.on("request", lambda r: requests.append(r.url))
    yield tab, requests
    context.close()


def test_the_form_works_without_javascript(phone, survey):
    tab, requests = phone
    question = ExtraQuestion.objects.create(unit=survey.dinkes, text="Apakah antrean tertib?")
    tab.goto(f"/s/{survey.su_puskesmas.public_code}/")
    expect(tab.locator("h1")).to_have_text("Puskesmas Limboto")
    # Nothing but the page itself is loaded: no CSS file, no script, no image, no font.
    assert len(requests) == 1, requests
    # Nothing sticks out at 320 px.
    assert tab.locator("main").bounding_box()["width"] <= 320
    assert tab.locator("button[type=submit]").bounding_box()["width"] <= 320

    for number, score in enumerate((4, 3, 3, 4, 2, 4, 4, 3, 1), start=1):
        tab.check(f"#id_u{number}_{score - 1}")
    tab.select_option("#id_service", label="KIA")
    tab.check("#id_sex_1")
    tab.select_option("#id_age_band", "30-39")
    tab.fill(f"#id_x{question.pk}", "Ya, tertib")
    tab.fill("#id_suggestion", "Ruang tunggu perlu kipas angin.")
    # Every radio button is a large touch target through its label.
    assert tab.locator("label[for=id_u1_0]").bounding_box()["height"] >= 40
    # The honeypot is out of sight.
    assert not tab.locator("#id_website").is_visible() or (
        tab.locator("#id_website").bounding_box()["x"] < 0
    )
    with tab.expect_navigation():
        tab.click("button[type=submit]")

    assert tab.url.endswith(f"/s/{survey.su_puskesmas.public_code}/terima-kasih/")
    expect(tab.locator("h1")).to_be_visible()
    stored = SurveyResponse.objects.get(period=survey.pk_open)
    assert stored.answers == (4, 3, 3, 4, 2, 4, 4, 3, 1)
    assert stored.status == SurveyResponse.Status.VALID
    assert (stored.service, stored.sex, stored.age_band) == (survey.svc_kia, "P", "30-39")
    assert stored.suggestion == "Ruang tunggu perlu kipas angin."
    assert ExtraAnswer.objects.get(response=stored).text == "Ya, tertib"
    # The thank-you page shows last year's published index.
    expect(tab.locator("main")).to_contain_text(str(survey.year - 1))
