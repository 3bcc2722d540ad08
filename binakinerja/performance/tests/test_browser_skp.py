"""The SKP year in a real browser: an ASN submits, the atasan returns it, the ASN fixes and
resubmits, the atasan approves and later assesses, and the predikat appears."""

import pytest
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.performance.services import period_open_year

pytestmark = pytest.mark.browser


def _add_result(page, text):
    page.fill("#id_text", text)
    page.fill("#id_indicator", "Jumlah kunjungan rumah")
    page.fill("#id_target_value", "120")
    page.fill("#id_target_unit", "kunjungan")
    with page.expect_navigation():
        page.click("text=Tambah hasil kerja >> nth=-1")


def _act(page, label, comment=""):
    if comment:
        page.fill("#id_comment", comment)
    with page.expect_navigation():
        page.click(f"main .next-step button:has-text('{label}')")


def test_an_skp_from_plan_to_predikat(page, world):
    period_open_year(actor=world.admin, instansi=world.prov, year=2026)

    browser_log_in(page, world.asn_user.username)
    page.goto("/kinerja/skp/")
    page.fill("#id_year", "2026")
    with page.expect_navigation():
        page.click("text=Mulai SKP")
    skp_url = page.url
    _add_result(page, "Meningkatnya cakupan kunjungan rumah ibu hamil")
    _act(page, "Ajukan")
    expect(page.locator("main .skp-status")).to_have_text("Diajukan ke atasan")
    browser_log_out(page)

    browser_log_in(page, world.atasan_user.username)
    page.goto(skp_url)
    _act(page, "Kembalikan dengan catatan", comment="Tambahkan indikator kualitas layanan")
    expect(page.locator("main .skp-status")).to_have_text("Dikembalikan dengan catatan")
    browser_log_out(page)

    browser_log_in(page, world.asn_user.username)
    page.goto(skp_url)
    _add_result(page, "Meningkatnya kualitas pencatatan kunjungan")
    _act(page, "Ajukan")
    browser_log_out(page)

    browser_log_in(page, world.atasan_user.username)
    page.goto(skp_url)
    _act(page, "Setujui")
    expect(page.locator("main .skp-status")).to_have_text("Disetujui")
    browser_log_out(page)

    browser_log_in(page, world.asn_user.username)
    page.goto(skp_url)
    _act(page, "Mulai mencatat realisasi")
    expect(page.locator("main .skp-status")).to_have_text("Berjalan")
    browser_log_out(page)

    browser_log_in(page, world.atasan_user.username)
    page.goto(skp_url)
    page.select_option("#id_period", label="Triwulan I 2026")
    page.select_option("#id_hasil_kerja", "di_atas")
    page.select_option("#id_perilaku_kerja", "di_atas")
    page.fill("#id_reason", "Target kunjungan terlampaui dengan kualitas baik")
    with page.expect_navigation():
        page.click("text=Simpan penilaian")
    expect(page.locator("main")).to_contain_text("Sangat Baik")
    expect(page.locator("main .skp-status")).to_have_text("Dinilai untuk suatu periode")
