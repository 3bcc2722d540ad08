"""Two-factor login in a real browser on a 360 px phone: an operator (a role that must use it)
is sent to enrolment after the password, sets up the app from the key shown in text, saves the
recovery codes, and logs in again with the password and a code. axe-core over its pages."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import totp

from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.core.tests.test_browser_accessibility import (  # noqa: F401 (axe_page: fixture)
    axe_page,
    axe_violations,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _code(secret_text: str, *, step: int = 0) -> str:
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key, drift=step):06d}"


def _fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a 360 px phone ({width} px)"


def test_operator_enrols_and_logs_in_with_a_code_on_a_phone(browser, live_server, world, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["admin_bkpsdm", "operator_opd", "superuser"]
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE,
                                  is_mobile=True, has_touch=True)  # fmt: skip
    context.set_default_timeout(10_000)
    phone = context.new_page()

    browser_log_in(phone, world.operator_a.username)
    assert phone.url.endswith("/akun/keamanan/aktifkan/")  # forced to enrol
    assert phone.locator("figure.qr-figure svg.qr").is_visible()
    _fits_phone(phone)
    secret = phone.locator("[data-secret]").inner_text()
    phone.fill("#id_code", _code(secret))
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    assert phone.locator("[data-recovery-codes] li").count() == 10
    _fits_phone(phone)
    with phone.expect_navigation():
        phone.click("main form[action$='/selesai/'] button")
    assert "Login dua faktor" in phone.locator("main").inner_text()

    browser_log_out(phone)
    browser_log_in(phone, world.operator_a.username)
    assert phone.url.endswith("/akun/login/kode/")
    _fits_phone(phone)
    # The enrolment code's time step is used up: the app's next code is within the tolerance.
    phone.fill("#id_code", _code(secret, step=1))
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    assert phone.url == f"{live_server.url}/"
    assert phone.locator("header a[href='/akun/keamanan/']").count() == 1
    context.close()


def test_two_factor_pages_have_no_wcag_violation(axe_page, world):  # noqa: F811 (the fixture)
    """axe-core (WCAG 2.1 A/AA) at 360 px: the admin's security, enrolment and reset pages, and
    the code step of a user with an authenticator app."""
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=world.asn_user, name="app", confirmed=True)
    axe_page.set_viewport_size(PHONE)
    found = []
    browser_log_in(axe_page, world.admin.username)
    for name in ("accounts:two_factor", "accounts:two_factor_enrol", "accounts:two_factor_reset"):
        response = axe_page.goto(reverse(name))
        assert response.status == 200, (name, response.status)
        found += [f"{name}: {v}" for v in axe_violations(axe_page)]
    axe_page.context.clear_cookies()
    browser_log_in(axe_page, world.asn_user.username)
    assert axe_page.url.endswith(reverse("accounts:login_verify"))
    found += [f"login_verify: {v}" for v in axe_violations(axe_page)]
    assert not found, "\n".join(found)
