"""The pimpinan's dashboard in a real browser on a 360 px phone (issue 17, "Tests"): from the
home page's panel to the government's dashboard, an indicator picked for the chart, a drill-down
to an OPD; small groups masked; axe-core over the monitoring pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in
from binakinerja.core.tests.test_browser_accessibility import (  # noqa: F401 (axe_page: fixture)
    WIDTHS,
    axe_page,
    axe_violations,
)
from binakinerja.monitoring.testing import build_monitoring_world

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_pimpinan_dashboard_on_a_phone_with_a_drill_down(browser, live_server, world):
    w = build_monitoring_world(world)
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE,
                                  is_mobile=True, has_touch=True)  # fmt: skip
    context.set_default_timeout(10_000)
    phone = context.new_page()
    browser_log_in(phone, w.pimpinan.username)
    phone.goto("/")
    dashboard = reverse("monitoring:dashboard", args=[w.prov.pk, w.year])
    expect(phone.locator("#monitoring-panel-title")).to_be_visible()
    _click(phone, phone.locator(f"main a[href='{dashboard}']"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.select_option("#indikator", "absorption")
    _click(phone, phone.locator("form.filters button[type=submit]"))
    expect(phone.locator("figure.chart-figure svg")).to_be_visible()
    row = phone.locator("main table tr", has_text=w.dinkes.name).first
    expect(row).to_contain_text("< 5")  # the puskesmas' three ASN: masked for pimpinan
    _click(
        phone,
        row.locator(f"a[href='{reverse('monitoring:dashboard', args=[w.dinkes.pk, w.year])}']"),
    )
    expect(phone.locator("h1")).to_contain_text(w.dinkes.name)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_monitoring_pages_have_no_wcag_violation(axe_page, world):  # noqa: F811 (the fixture)
    w = build_monitoring_world(world)
    pages = {
        w.pimpinan: [reverse("monitoring:dashboard", args=[w.prov.pk, w.year]), "/"],
        w.admin: [reverse("monitoring:impact", args=[w.program.pk]),
                  reverse("monitoring:warnings"),
                  reverse("monitoring:monev", args=[w.prov.pk, w.year, 0])],
        w.operator_a: [reverse("monitoring:dashboard", args=[w.dinkes.pk, w.year])],
    }  # fmt: skip
    found = []
    for user, urls in pages.items():
        axe_page.context.clear_cookies()
        browser_log_in(axe_page, user.username)
        for url in urls:
            for width in WIDTHS:
                axe_page.set_viewport_size({"width": width, "height": 800})
                response = axe_page.goto(url)
                assert response.status == 200, (url, response.status)
                found += [f"{url} at {width}px: {v}" for v in axe_violations(axe_page)]
    assert not found, "\n".join(found)
