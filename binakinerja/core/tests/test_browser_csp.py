"""The behaviours that used to be inline scripts, in a real browser under the
Content-Security-Policy (the `page` fixture fails a test on any CSP refusal in the console):
htmx requests, the employee form's positions, the cascaded filters, the paper questionnaire
grid, the public form's own styles."""

import pytest
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in

pytestmark = pytest.mark.browser


def test_choosing_a_unit_loads_its_positions(page, world):
    browser_log_in(page, world.operator_a.username)
    page.goto("/asn/new/")
    expect(page.locator("#id_position option", has_text="Perawat")).to_have_count(0)
    with page.expect_response(lambda r: "/asn/positions/?unit=" in r.url):
        page.select_option("#id_unit", str(world.puskesmas.pk))
    expect(page.locator("#id_position option", has_text="Perawat")).to_have_count(1)
    expect(page.locator("#id_position option", has_text="Kepala Puskesmas")).to_have_count(1)


def _open_more_filters(page):
    """The filter form is swapped after each choice; its <details> may come back closed."""
    if not page.locator("#filters details[open]").count():
        page.click("#filters summary")


def test_the_filters_cascade_from_government_to_opd(page, world):
    browser_log_in(page, world.superadmin.username)
    page.goto("/asn/")
    _open_more_filters(page)
    with page.expect_response(lambda r: "instansi=" in r.url):
        page.select_option("#filters select[name=instansi]", str(world.prov.pk))
    opd = page.locator("#filters select[name=opd]")
    expect(opd.locator("option", has_text="Dinas Kesehatan")).to_have_count(1)
    expect(opd.locator("option", has_text="Kependudukan")).to_have_count(0)
    _open_more_filters(page)
    with page.expect_response(lambda r: "opd=" in r.url):
        opd.select_option(str(world.dinkes.pk))
    unit = page.locator("#filters select[name=unit]")
    expect(unit.locator("option", has_text="Puskesmas Limboto")).to_have_count(1)
    # Another government: its OPDs only, and the OPD and unit chosen before are cleared.
    _open_more_filters(page)
    with page.expect_response(lambda r: f"instansi={world.kota.pk}" in r.url):
        page.select_option("#filters select[name=instansi]", str(world.kota.pk))
    expect(opd.locator("option", has_text="Kependudukan")).to_have_count(1)
    expect(opd.locator("option", has_text="Dinas Kesehatan")).to_have_count(0)
    expect(opd).to_have_value("")


def test_the_paper_grid_moves_on_after_each_answer(page, world):
    from binakinerja.satisfaction.testing import build_survey_world

    survey = build_survey_world(world)
    browser_log_in(page, world.operator_a.username)
    page.goto(f"/skm/periode/{survey.pk_open.pk}/kertas/")
    answers = page.locator("input.answer")
    answers.first.focus()
    page.keyboard.type("43")
    expect(answers.nth(0)).to_have_value("4")
    expect(answers.nth(1)).to_have_value("3")
    expect(answers.nth(2)).to_be_focused()


def test_the_public_form_is_styled_by_its_nonced_style_block(page, world):
    from binakinerja.satisfaction.testing import build_survey_world

    survey = build_survey_world(world)
    page.goto(f"/s/{survey.su_puskesmas.public_code}/")
    width = page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth")
    assert width == "640px"  # 40rem from the page's own <style> block


def test_the_django_admin_keeps_to_the_policy(page, world):
    browser_log_in(page, world.superadmin.username)
    pages = ["/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{world.admin.pk}/change/",
             "/admin/organizations/orgunit/", "/admin/core/auditlog/"]  # fmt: skip
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
    page.goto("/admin/accounts/user/")
    # the changelist's JavaScript (select all) runs
    page.check("#action-toggle")
    expect(page.locator("input.action-select").first).to_be_checked()
