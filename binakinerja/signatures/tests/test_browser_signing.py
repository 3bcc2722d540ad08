"""Electronic signing in a real browser on a 360 px phone: the pejabat penilai opens the SKP
they assess, follows "Tanda tangani secara elektronik", types a wrong passphrase (refused,
nothing stored), then the right one (the local PAdES signer); the public verification page
names them, and the signed PDF downloaded from the SKP page checks out as valid when uploaded
to the public check. axe-core over the signing and verification pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in
from binakinerja.core.tests.test_browser_accessibility import (  # noqa: F401 (axe_page: fixture)
    axe_page,
    axe_violations,
)
from binakinerja.signatures.models import SignedDocument
from binakinerja.signatures.testing import TEST_PASSPHRASE, build_signature_world

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a 360 px phone ({width} px)"


def _signed_files(settings) -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / "signed").rglob("*.pdf"))


def test_penilai_signs_an_skp_on_a_phone_and_the_public_checks_it(
    browser, live_server, world, settings, tmp_path
):
    w = build_signature_world(world)
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport=PHONE, is_mobile=True,
        has_touch=True, accept_downloads=True,
    )  # fmt: skip
    context.set_default_timeout(15_000)
    phone = context.new_page()
    browser_log_in(phone, w.atasan_user.username)
    phone.goto(reverse("performance:skp_detail", args=[w.skp.pk]))
    with phone.expect_navigation():
        phone.click("main a:has-text('Tanda tangani secara elektronik') >> nth=0")
    assert phone.url.endswith(reverse("signatures:sign", args=["skp", w.skp.pk]))
    expect(phone.locator("#signature-state")).to_have_attribute("data-state", "unsigned")
    expect(phone.locator("main")).to_contain_text(w.atasan.full_name)  # who signs
    _fits_phone(phone)

    # A wrong passphrase: refused with the reason, nothing signed or kept.
    files_before = _signed_files(settings)
    phone.fill("#id_passphrase", "bukan-passphrase-ini")
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    expect(phone.locator("main [role=alert]")).to_contain_text("Passphrase salah")
    assert phone.input_value("#id_passphrase") == ""  # never sent back to the page
    assert not SignedDocument.objects.filter(kind="skp", object_id=w.skp.pk).exists()
    assert _signed_files(settings) == files_before
    _fits_phone(phone)

    # The right passphrase: signed, and the page says so with its verification link.
    phone.fill("#id_passphrase", TEST_PASSPHRASE)
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    expect(phone.locator("#signature-state")).to_have_attribute("data-state", "signed")
    expect(phone.locator("main form")).to_have_count(0)  # no second signature offered
    document = SignedDocument.objects.get(kind="skp", object_id=w.skp.pk)
    assert document.signer_name == w.atasan.full_name
    _fits_phone(phone)

    # The SKP page's PDF is now the signed file.
    phone.goto(reverse("performance:skp_detail", args=[w.skp.pk]))
    with phone.expect_download() as download_info:
        phone.click(f"main a[href='{reverse('performance:skp_pdf', args=[w.skp.pk])}']")
    saved = tmp_path / "skp-ditandatangani.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes() == document.file.open("rb").read()

    # The public verification page (no login) names the signer; the file checks out.
    public = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE,
                                 is_mobile=True, has_touch=True)  # fmt: skip
    public.set_default_timeout(15_000)
    visitor = public.new_page()
    visitor.goto(reverse("signatures:verify", args=[document.code]))
    expect(visitor.locator("#signature-state")).to_have_attribute("data-state", "valid")
    expect(visitor.locator("main, body").first).to_contain_text(w.atasan.full_name)
    assert w.atasan.nip not in visitor.content()
    _fits_phone(visitor)
    visitor.set_input_files("input[type=file]", str(saved))
    with visitor.expect_navigation():
        visitor.click("form button[type=submit]")
    expect(visitor.locator("#check-result")).to_have_attribute("data-result", "valid")
    # One changed byte: the public check says the file was changed.
    changed = bytearray(saved.read_bytes())
    changed[len(changed) // 3] ^= 0x01
    tampered = tmp_path / "skp-diubah.pdf"
    tampered.write_bytes(bytes(changed))
    visitor.set_input_files("input[type=file]", str(tampered))
    with visitor.expect_navigation():
        visitor.click("form button[type=submit]")
    expect(visitor.locator("#check-result")).not_to_have_attribute("data-result", "valid")
    _fits_phone(visitor)
    public.close()
    context.close()


def test_signing_pages_have_no_wcag_violation(axe_page, world):  # noqa: F811 (the fixture)
    """axe-core (WCAG 2.1 A/AA) at 360 px: the signing desk, a document's signing page with a
    refused passphrase, and the public verification pages."""
    w = build_signature_world(world)
    axe_page.set_viewport_size(PHONE)
    found = []
    browser_log_in(axe_page, w.atasan_user.username)
    for url in (reverse("signatures:index"),
                reverse("signatures:sign", args=["evaluation", w.assessment.pk]),
                reverse("signatures:batch_sign", args=[w.batch.pk])):  # fmt: skip
        response = axe_page.goto(url)
        assert response.status == 200, (url, response.status)
        found += [f"{url}: {v}" for v in axe_violations(axe_page)]
    axe_page.goto(reverse("signatures:sign", args=["evaluation", w.assessment.pk]))
    axe_page.fill("#id_passphrase", "salah")
    with axe_page.expect_navigation():
        axe_page.click("main form button[type=submit]")
    found += [f"refused: {v}" for v in axe_violations(axe_page)]
    axe_page.context.clear_cookies()
    for url in (reverse("signatures:verify", args=[w.signed.code]),
                reverse("signatures:verify_upload")):  # fmt: skip
        response = axe_page.goto(url)
        assert response.status == 200, (url, response.status)
        found += [f"{url}: {v}" for v in axe_violations(axe_page)]
    assert not found, "\n".join(found)
