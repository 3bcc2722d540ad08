"""The home page's tasks in a real browser at 360 px: the ASN is led from home to the SKP to
record the quarter's realisation, then the atasan is led from home to the quarter to assess;
neither page is wider than the phone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.performance.models import Period
from binakinerja.performance.services import (
    period_open_year,
    realisation_record,
    skp_create,
    skp_result_add,
    skp_transition,
)

pytestmark = pytest.mark.browser

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "kali"}


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_tasks_lead_the_asn_and_the_atasan_to_their_work_on_a_phone(page, world):
    year = timezone.localdate().year
    period_open_year(actor=None, instansi=world.prov, year=year)
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=year)
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
                   indicators=[INDICATOR])  # fmt: skip
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    page.set_viewport_size({"width": 360, "height": 740})

    browser_log_in(page, world.asn_user.username)
    page.goto("/")
    expect(page.locator("main h1")).to_contain_text(world.asn.full_name)
    task = page.locator("main .task-list a", has_text="Isi realisasi")
    expect(task).to_have_count(1)
    _fits(page)
    with page.expect_navigation():
        task.click()
    assert page.url.endswith(f"/kinerja/skp/{skp.pk}/#record")
    expect(page.locator("#record")).to_be_visible()
    quarter = (
        Period.objects.filter(
            instansi=world.prov, year=year, kind__startswith="q", start__lte=timezone.localdate()
        )  # fmt: skip
        .order_by("-start")
        .first()
    )
    realisation_record(actor=world.asn_user, indicator=skp.results.get().indicators.get(),
                       period=quarter, value=4)  # fmt: skip
    page.goto("/")
    expect(page.locator("main .task-list a", has_text="Isi realisasi")).to_have_count(0)
    browser_log_out(page)

    browser_log_in(page, world.atasan_user.username)
    page.goto("/")
    task = page.locator("main .task-list a", has_text="Nilai 1 triwulan")
    expect(task).to_have_count(1)
    _fits(page)
    with page.expect_navigation():
        task.click()
    assert page.url.endswith(f"/kinerja/skp/{skp.pk}/")
    page.goto("/kinerja/skp/")
    expect(page.locator("main .team-board")).to_contain_text("1 dari 1")
    _fits(page)
