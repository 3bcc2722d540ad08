"""The IDP in a real browser: the ASN starts the plan, adds an activity from a suggested need and
one of their own and submits; the atasan returns it with a comment from the inbox; the ASN edits
and resubmits; the atasan approves; the ASN records one activity as done and the progress shows
it. Elements are found by id and data attributes, so the test holds in any language."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in, browser_log_out

pytestmark = pytest.mark.browser


def _click(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_an_idp_from_proposal_to_progress(page, talent):
    today = timezone.localdate()
    plan_url = f"/kompetensi/idp/{today.year}/"

    # The ASN starts the plan, picks the suggested technical gap and adds an own activity.
    browser_log_in(page, talent.asn_user.username)
    page.goto(plan_url)
    _click(page, "#idp-start")
    suggestion = page.locator('tr[data-need="gap:T-KEP-1"]')
    expect(suggestion.locator("select[name=form]")).to_have_value("klasikal")
    expect(suggestion.locator("input[name=planned_jp]")).to_have_value("48")  # 2 levels × 24 JP
    suggestion.locator("select[name=target_month]").select_option("3")
    _click(page, 'tr[data-need="gap:T-KEP-1"] button[type=submit]')
    expect(page.locator('tr[data-need="gap:T-KEP-1"]')).to_have_count(0)
    page.fill("#id_title", "Belajar mandiri aplikasi rekam medis")
    page.select_option("#id_need_source", "own")
    page.select_option("#id_form", "belajar_mandiri")
    page.fill("#id_planned_jp", "4")
    page.select_option("#id_target_month", "6")
    _click(page, "#idp-add-form button[type=submit]")
    expect(page.locator("table.idp-activities tbody tr[data-activity]")).to_have_count(2)
    expect(page.locator("#idp-jp-warning")).to_be_hidden()  # 52 JP: no shortfall
    _click(page, "#idp-submit")
    expect(page.locator("#idp-status")).to_have_attribute("data-status", "diajukan")
    browser_log_out(page)

    # The atasan finds it in the inbox and returns it with a comment.
    browser_log_in(page, talent.atasan_user.username)
    page.goto("/kompetensi/idp/persetujuan/")
    row = page.locator("table.idp-inbox tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(talent.asn.name)
    _click(page, "table.idp-inbox tbody tr a")
    page.fill("#id_comment", "Kurangi belajar mandiri, tambah JP teknis")
    _click(page, "#idp-return")
    expect(page.locator("table.idp-inbox")).to_have_count(0)
    browser_log_out(page)

    # The ASN reads the comment, edits the own activity and resubmits.
    browser_log_in(page, talent.asn_user.username)
    page.goto(plan_url)
    expect(page.locator("#idp-status")).to_have_attribute("data-status", "dikembalikan")
    expect(page.locator("#idp-return-comment")).to_contain_text("tambah JP teknis")
    own_row = page.locator("table.idp-activities tr", has_text="rekam medis")
    _click(page, 'table.idp-activities tr:has-text("rekam medis") a.button')
    page.fill("#id_planned_jp", "6")
    _click(page, "#idp-edit-form button[type=submit]")
    expect(own_row.locator("td.num")).to_have_text("6")
    _click(page, "#idp-submit")
    browser_log_out(page)

    # The atasan approves.
    browser_log_in(page, talent.atasan_user.username)
    page.goto("/kompetensi/idp/persetujuan/")
    _click(page, "table.idp-inbox tbody tr a")
    _click(page, "#idp-approve")
    browser_log_out(page)

    # The ASN records the classroom training as done: 48 of 54 JP, 89 %.
    browser_log_in(page, talent.asn_user.username)
    page.goto(plan_url)
    expect(page.locator("#idp-status")).to_have_attribute("data-status", "disetujui")
    expect(page.locator("#idp-progress-text")).to_have_attribute("data-percent", "0")
    done_form = page.locator('table.idp-activities tr[data-status="planned"] form.idp-done').first
    done_form.locator("input[type=date]").fill(today.isoformat())
    done_form.locator("input[name=evidence]").fill("Sertifikat 045/BPSDM/2026")
    with page.expect_navigation():
        done_form.locator("button[type=submit]").click()
    expect(page.locator('table.idp-activities tr[data-status="done"]')).to_contain_text(
        "Sertifikat 045/BPSDM/2026"
    )
    expect(page.locator("#idp-progress-text")).to_have_attribute("data-percent", "89")
    expect(page.locator("#idp-progress")).to_have_attribute("value", "48")
    expect(page.locator("#idp-progress")).to_have_attribute("max", "54")
