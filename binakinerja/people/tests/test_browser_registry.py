"""The ASN registry in a real browser (Debian's Chromium through Playwright, see conftest.py):
what an OPD operator does every day, on a desktop and on a small phone."""

import pytest
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _search_registry(page, text):
    page.goto("/asn/")
    page.fill("#filters input[name=q]", text)
    # The filter form is submitted through HTMX, which swaps only #results.
    with page.expect_response(lambda r: "/asn/?" in r.url and r.request.method == "GET"):
        page.click("#filters button[type=submit]")


def test_operator_finds_colleague_by_grouped_nip_and_opens_their_page(page, world):
    browser_log_in(page, world.operator_a.username)
    expect(page).to_have_url("/")
    page.click("header nav a[href='/asn/']")
    expect(page).to_have_url("/asn/")

    grouped = world.asn.nip_grouped
    assert " " in grouped
    _search_registry(page, grouped)

    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(grouped)
    expect(rows.first).to_contain_text(world.asn.full_name)

    rows.first.locator("a", has_text=grouped).click()
    expect(page).to_have_url(f"/asn/{world.asn.pk}/")
    expect(page.locator("main h1")).to_have_text(world.asn.full_name)
    expect(page.locator("main p span.nip")).to_contain_text(grouped)


def test_operator_cannot_find_or_open_employee_of_another_opd(page, world):
    browser_log_in(page, world.operator_a.username)

    _search_registry(page, world.teacher.nip_grouped)
    expect(page.locator("#results tbody a")).to_have_count(0)
    expect(page.locator("#results")).not_to_contain_text(world.teacher.name)

    response = page.goto(f"/asn/{world.teacher.pk}/")
    assert response.status == 404
    expect(page.locator("main h1")).to_have_text("Halaman tidak ditemukan")
    expect(page.locator("body")).not_to_contain_text(world.teacher.name)


def _assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a small phone ({width} px)"


def test_login_and_employee_list_fit_a_small_phone_screen(page, world):
    page.set_viewport_size(PHONE)
    page.goto("/akun/login/")
    _assert_no_sideways_scroll(page)
    browser_log_in(page, world.operator_a.username)
    _search_registry(page, "Siti")
    expect(page.locator("#results tbody a")).to_have_count(1)
    _assert_no_sideways_scroll(page)


def test_employee_page_fits_a_small_phone_screen(page, world):
    page.set_viewport_size(PHONE)
    browser_log_in(page, world.operator_a.username)
    page.goto(f"/asn/{world.asn.pk}/")
    _assert_no_sideways_scroll(page)


def test_language_selector_switches_to_english(page, world):
    browser_log_in(page, world.operator_a.username)
    page.goto("/asn/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "id")

    # Choosing does not leave the page (WCAG 3.2.2, on input); the button does.
    page.select_option("#lang-select", "en")
    expect(html).to_have_attribute("lang", "id")
    with page.expect_navigation():
        page.click("form.lang button[type=submit]")
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url("/asn/")


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(page, world):
    username = world.operator_a.username
    for _attempt in range(5):
        browser_log_in(page, username, password="salah-sandi-yang-panjang")
    response = browser_log_in(page, username)

    assert response.status == 429
    expect(page.locator("main h1")).to_have_text("Akun terkunci")
    page.goto("/asn/")
    expect(page).to_have_url("/akun/login/?next=/asn/")
