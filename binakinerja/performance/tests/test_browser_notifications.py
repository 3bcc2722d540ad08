"""Notifications both ways in a real browser on a phone (360 px): the ASN records a quarter's
realisation and the atasan sees the count in the header and the notification, which opens the
SKP; the atasan writes in the dialog kinerja and the ASN sees it and lands on the dialog."""

import re

import pytest
from playwright.sync_api import expect

from binakinerja.core.models import Notification
from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.performance.services import (
    period_open_year,
    skp_create,
    skp_result_add,
    skp_transition,
)

pytestmark = pytest.mark.browser

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "x"}


def started_skp(world):
    periods = {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=2026)}
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    Notification.objects.all().delete()
    return skp, periods


def test_realisation_and_dialog_notify_both_ways(page, world):
    page.set_viewport_size({"width": 360, "height": 740})
    skp, periods = started_skp(world)
    skp_url = f"/kinerja/skp/{skp.pk}/"

    browser_log_in(page, world.asn_user.username)
    expect(page.locator("header .notif-count")).to_have_count(0)
    page.goto(skp_url)
    form = page.locator("form[action$='/realisasi/']")
    form.locator("[name=indicator]").select_option(index=1)
    form.locator("[name=period]").select_option(str(periods["q1"].pk))
    form.locator("[name=value]").fill("4")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    browser_log_out(page)

    browser_log_in(page, world.atasan_user.username)
    expect(page.locator("header .notif-count")).to_contain_text("1")
    with page.expect_navigation():
        page.click("header .notif-link")
    note = page.locator("main .notification-list li.unread a")
    expect(note).to_have_text(
        f"{world.asn.full_name} mencatat realisasi SKP 2026 untuk Triwulan I."
    )
    with page.expect_navigation():
        note.click()
    expect(page).to_have_url(re.compile(rf"{skp_url}$"))
    expect(page.locator("header .notif-count")).to_have_count(0)  # opened, so read
    page.fill("#id_checkin", "Bagus, lanjutkan kunjungan rumah.")
    with page.expect_navigation():
        page.click("form[action$='/dialog/'] button[type=submit]")
    browser_log_out(page)

    browser_log_in(page, world.asn_user.username)
    expect(page.locator("header .notif-count")).to_contain_text("1")
    with page.expect_navigation():
        page.click("header .notif-link")
    with page.expect_navigation():
        page.click(
            f"main .notification-list a:has-text('{world.atasan.full_name} menulis di dialog')"
        )
    expect(page).to_have_url(re.compile(rf"{skp_url}#dialog$"))
    expect(page.locator("#dialog")).to_be_visible()  # the notification's anchor exists
    expect(page.locator("main")).to_contain_text("Bagus, lanjutkan kunjungan rumah.")
    # No page wider than the phone with the count in the header.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
