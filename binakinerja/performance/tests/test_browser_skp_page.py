"""The SKP page on a phone (360 px): the ASN records a quarter's realisation from the page's
"next step" and sees it, with the progress against the target, without the page getting wider
than the screen."""

import pytest
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in
from binakinerja.performance.services import (
    period_open_year,
    skp_create,
    skp_result_add,
    skp_transition,
)

pytestmark = pytest.mark.browser

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "kali"}
TEXTUAL = {"aspect": "kualitas", "text": "Laporan", "target_text": "Laporan lengkap"}


def test_asn_records_a_quarter_from_the_skp_page_at_360_px(page, world):
    page.set_viewport_size({"width": 360, "height": 740})
    periods = {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=2026)}
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR, TEXTUAL],
    )  # fmt: skip
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)

    browser_log_in(page, world.asn_user.username)
    page.goto(f"/kinerja/skp/{skp.pk}/")
    page.click("main .next-step a:has-text('Catat realisasi triwulan')")
    expect(page.locator("#record")).to_be_in_viewport()
    page.select_option("#id_realisation_indicator", label="Laporan (target: Laporan lengkap)")
    expect(page.locator("#id_realisation_value")).to_be_hidden()  # a text target: no number
    page.select_option("#id_realisation_indicator", label="Kunjungan (target: 10 kali)")
    expect(page.locator("#id_realisation_value")).to_be_visible()
    page.select_option("#id_realisation_period", str(periods["q1"].pk))
    page.fill("#id_realisation_value", "4")
    page.fill("#id_realisation_text", "Empat kunjungan rumah")
    with page.expect_navigation():
        page.click("form[action$='/realisasi/'] button[type=submit]")
    expect(page.locator("main")).to_contain_text("Sejauh ini 4 dari 10 kali (40%)")
    expect(page.locator("main")).to_contain_text("Empat kunjungan rumah")
    expect(page.locator("progress")).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
