"""A mentoring pair walked end to end in a real browser (issue 14, "Tests"): the coordinator
follows the home task to the review and approves the proposed pair; the mentee, on a 360 px
phone, accepts and logs a session; the mentor accepts from the home task and confirms the
session; the mentee's JP rises on the pair page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in, browser_log_out
from binakinerja.core.tests.test_browser_accessibility import (  # noqa: F401 (axe_page: fixture)
    WIDTHS,
    axe_page,
    axe_violations,
)
from binakinerja.mentoring.models import MentoringSession, Pair
from binakinerja.trainings.models import JpRecord

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
TASKS = "main .task-list a"


def _fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a 360 px phone ({width} px)"


def _click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


@pytest.fixture
def mentoring(world):
    """The mentoring world with the ASN's pair back to a proposal (the peer's proposal
    removed), so the coordinator has exactly one pair to approve."""
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.mentoring.testing import build_mentoring_world

    w = build_mentoring_world(build_competency_world(world))
    w.proposed_pair.delete()
    Pair.objects.filter(pk=w.pair.pk).update(
        status=Pair.Status.PROPOSED, mentor_accepted_at=None, mentee_accepted_at=None
    )
    return w


def test_coordinator_approves_mentee_logs_on_a_phone_mentor_confirms_and_jp_rises(
    page, browser, live_server, mentoring
):
    w = mentoring
    # 1. The coordinator's home says a proposal waits; the review explains it; approve.
    browser_log_in(page, w.admin.username)
    page.goto("/")
    task = page.locator(TASKS, has_text="Tinjau 1 usulan pasangan mentoring")
    expect(task).to_have_count(1)
    _click(page, task)
    assert page.url.endswith(reverse("mentoring:review", args=[w.cycle.pk]))
    proposal = page.locator(f"#pair-{w.pair.pk}")
    expect(proposal).to_contain_text(w.asn.name)
    proposal.locator("summary").click()
    expect(proposal).to_contain_text("Cakupan kesenjangan")
    _click(page, proposal.locator("button", has_text="Setujui"))
    expect(page.locator("ul.messages")).to_contain_text("disetujui")
    assert Pair.objects.get(pk=w.pair.pk).status == Pair.Status.ACCEPTED
    browser_log_out(page)

    # 2. The mentee, on a phone, follows the home task, accepts and logs yesterday's session.
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE,
                                  is_mobile=True, has_touch=True)  # fmt: skip
    context.set_default_timeout(10_000)
    phone = context.new_page()
    browser_log_in(phone, w.asn_user.username)
    phone.goto("/")
    task = phone.locator(TASKS, has_text="Terima pasangan mentoring")
    expect(task).to_have_count(1)
    _click(phone, task)
    _fits_phone(phone)
    _click(phone, phone.locator("#pair-accept"))
    assert Pair.objects.get(pk=w.pair.pk).mentee_accepted_at is not None
    browser_log_out(phone)

    # 3. The mentor accepts: the pair is active.
    browser_log_in(page, w.mentor.username)
    page.goto("/")
    _click(page, page.locator(TASKS, has_text="Terima pasangan mentoring"))
    _click(page, page.locator("#pair-accept"))
    expect(page.locator("#pair-status")).to_have_attribute("data-status", "active")
    browser_log_out(page)

    # 4. The mentee logs a 90-minute session on the phone; nothing is credited yet.
    browser_log_in(phone, w.asn_user.username)
    phone.goto(reverse("mentoring:pair_detail", args=[w.pair.pk]))
    expect(phone.locator("#mentee-jp")).to_have_attribute("data-jp", "0")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    form = phone.locator("#session-form")
    form.locator("#id_date").fill(yesterday.isoformat())
    form.locator("#id_minutes").fill("90")
    form.locator("#id_topic").fill("Menyusun asuhan keperawatan")
    _fits_phone(phone)
    _click(phone, form.locator("button[type=submit]"))
    session = MentoringSession.objects.get(pair=w.pair)
    assert session.minutes == 90 and session.confirmed_at is None
    assert not JpRecord.objects.filter(employee=w.asn).exists()
    _fits_phone(phone)

    # 5. The mentor confirms from the home task: the mentee's JP rises.
    browser_log_in(page, w.mentor.username)
    page.goto("/")
    _click(page, page.locator(TASKS, has_text="Konfirmasi sesi mentoring"))
    _click(page, page.locator(f"#confirm li[data-session='{session.pk}'] button",
                              has_text="Konfirmasi"))  # fmt: skip
    session.refresh_from_db()
    assert session.confirmed_at is not None
    record = JpRecord.objects.get(employee=w.asn, source="mentoring")
    assert record.jp == 2 and record.form_code == "NKL02"  # 90 minutes at 45 per JP
    phone.reload()
    expect(phone.locator("#mentee-jp")).to_have_attribute("data-jp", "2")
    context.close()


def test_mentoring_pages_have_no_wcag_violation(axe_page, world):  # noqa: F811 (the fixture)
    """axe-core (WCAG 2.1 A/AA) over each role's mentoring pages, on a phone and a desktop."""
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.mentoring.testing import build_mentoring_world

    w = build_mentoring_world(build_competency_world(world))
    pages = {
        w.admin: [
            reverse("mentoring:home"),
            reverse("mentoring:cycle_detail", args=[w.cycle.pk]),
            reverse("mentoring:review", args=[w.cycle.pk]),
            reverse("mentoring:pair_swap", args=[w.proposed_pair.pk]),
            reverse("mentoring:effectiveness", args=[w.cycle.pk]),
            reverse("mentoring:cycle_create"),
        ],
        w.asn_user: [
            reverse("mentoring:home"),
            reverse("mentoring:pair_detail", args=[w.pair.pk]),
        ],  # fmt: skip
        w.mentor: [reverse("mentoring:offer", args=[w.cycle.pk])],
        w.pimpinan: [reverse("mentoring:summary", args=[w.prov.pk, w.cycle.year])],
    }
    found = []
    for user, urls in pages.items():
        axe_page.context.clear_cookies()
        browser_log_in(axe_page, user.username)
        for url in urls:
            for width in WIDTHS:
                axe_page.set_viewport_size({"width": width, "height": 800})
                response = axe_page.goto(url)
                assert response.status == 200, (user.username, url, response.status)
                found += [f"{url} at {width}px: {v}" for v in axe_violations(axe_page)]
    assert not found, "\n".join(found)
