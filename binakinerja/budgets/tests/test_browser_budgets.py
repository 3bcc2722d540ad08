"""The budget in a real browser (issue 16, "Tests"): an OPD operator on a 360 px phone follows
the home task to a line, records a realisation with its document, attaches the document the
task asked for, is stopped above the pagu until the reason is given; the admin reviews the
override from the home task. axe-core over the budget pages and the public page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from binakinerja.budgets.models import Realisation
from binakinerja.budgets.testing import PDF, build_budget_world
from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.core.tests.test_browser_accessibility import (  # noqa: F401 (axe_page: fixture)
    WIDTHS,
    axe_page,
    axe_violations,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
TASKS = "main .task-list a"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def _fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a 360 px phone ({width} px)"


def test_recording_a_realisation_with_its_document_on_a_phone(browser, live_server, world,
                                                               tmp_path):  # fmt: skip
    w = build_budget_world(world)
    receipt = tmp_path / "kuitansi-konsumsi.pdf"
    receipt.write_bytes(PDF)
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE,
                                  is_mobile=True, has_touch=True)  # fmt: skip
    context.set_default_timeout(10_000)
    phone = context.new_page()
    browser_log_in(phone, w.operator_a.username)

    # 1. The home task leads to the line whose entry lacks its document; it is attached.
    phone.goto("/")
    _click(
        phone, phone.locator(f"{TASKS}[href='{reverse('budgets:line_detail', args=[w.line.pk])}']")
    )
    _fits_phone(phone)
    phone.set_input_files(f"#doc-{w.undocumented.pk}", str(receipt))
    _click(phone, phone.locator(f"form[action$='/realisasi/{w.undocumented.pk}/dokumen/'] button"))
    w.undocumented.refresh_from_db()
    assert w.undocumented.document.name.endswith(".pdf")

    # 2. A new realisation with its document.
    phone.fill("#id_date", w.spent_on.isoformat())
    phone.fill("#id_amount", "1.250.000")
    phone.fill("#id_description", "Konsumsi pelatihan hari kedua")
    phone.set_input_files("#id_document", str(receipt))
    _click(phone, phone.locator("main form[action$='/realisasi/'] button[type=submit]"))
    entry = Realisation.objects.get(description="Konsumsi pelatihan hari kedua")
    assert entry.amount == Decimal("1250000") and entry.document
    expect(phone.locator("#entries")).to_contain_text("1.250.000")
    _fits_phone(phone)

    # 3. Above the pagu the page says so and nothing is posted, until the reason is given.
    phone.fill("#id_date", w.spent_on.isoformat())
    phone.fill("#id_amount", "5.000.000")
    phone.fill("#id_description", "Sewa aula tambahan")
    _click(phone, phone.locator("main form[action$='/realisasi/'] button[type=submit]"))
    expect(phone.locator("main form .errorlist")).to_contain_text("pagu")
    assert not Realisation.objects.filter(description="Sewa aula tambahan").exists()
    phone.fill("#id_override_reason", "Peserta bertambah atas arahan kepala dinas")
    phone.set_input_files("#id_document", str(receipt))
    _click(phone, phone.locator("main form[action$='/realisasi/'] button[type=submit]"))
    override = Realisation.objects.get(description="Sewa aula tambahan")
    assert override.override_reason
    phone.goto("/")
    expect(phone.locator(f"{TASKS}[href='{reverse('budgets:missing_documents')}']")).to_have_count(
        0
    )
    context.close()

    # 4. The admin follows the home task and reviews both overrides.
    page = browser.new_page(base_url=live_server.url)
    browser_log_in(page, w.admin.username)
    page.goto("/")
    _click(page, page.locator(f"{TASKS}[href='{reverse('budgets:overrides')}']"))
    for _ in range(2):
        _click(page, page.locator("main form button[type=submit]").first)
    assert not Realisation.objects.exclude(override_reason="").filter(
        override_reviewed_at=None).exists()  # fmt: skip
    page.goto("/")
    expect(page.locator(f"{TASKS}[href='{reverse('budgets:overrides')}']")).to_have_count(0)
    browser_log_out(page)


def test_budget_pages_have_no_wcag_violation(axe_page, world):  # noqa: F811 (the fixture)
    """axe-core (WCAG 2.1 A/AA) over the budget pages, on a phone and a desktop."""
    w = build_budget_world(world)
    year = [w.prov.pk, w.year]
    pages = {
        w.admin: [
            reverse("budgets:year", args=year), reverse("budgets:line_detail", args=[w.line.pk]),
            reverse("budgets:costs", args=year), reverse("budgets:year_settings", args=year),
            reverse("budgets:lines_import", args=year), reverse("budgets:overrides"),
            reverse("budgets:line_create", args=year),
        ],
        w.operator_a: [reverse("budgets:missing_documents")],
        None: [reverse("budgets_public:index"),
               reverse("budgets_public:government", args=[w.prov.pk])],
    }  # fmt: skip
    found = []
    for user, urls in pages.items():
        axe_page.context.clear_cookies()
        if user is not None:
            browser_log_in(axe_page, user.username)
        for url in urls:
            for width in WIDTHS:
                axe_page.set_viewport_size({"width": width, "height": 800})
                response = axe_page.goto(url)
                assert response.status == 200, (url, response.status)
                found += [f"{url} at {width}px: {v}" for v in axe_violations(axe_page)]
    assert not found, "\n".join(found)
