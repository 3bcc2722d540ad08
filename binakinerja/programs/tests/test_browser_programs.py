"""The program walked end to end in a real browser (issue 15, "Tests"): the coordinator creates
a phase for the puskesmas; an ASN there answers the readiness questionnaire on a 360 px phone
from the home task and sees their profile; the unit's signal appears on the program page; the
coordinator assigns a support action from the signal; its owner closes it from the home task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from binakinerja.core.testing import browser_log_in, browser_log_out, make_employee
from binakinerja.core.tests.test_browser_accessibility import (  # noqa: F401 (axe_page: fixture)
    WIDTHS,
    axe_page,
    axe_violations,
)
from binakinerja.programs import rules
from binakinerja.programs.models import Phase, ReadinessResponse, SupportAction

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
TASKS = "main .task-list a"


def _click(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def _fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a 360 px phone ({width} px)"


@pytest.fixture
def program(world):
    """The program world without the ASN's answers and actions, and four colleagues at the
    puskesmas who answered with little Awareness (the fifth answer makes the unit count)."""
    from binakinerja.programs.testing import build_program_world

    w = build_program_world(world)
    ReadinessResponse.objects.all().delete()
    SupportAction.objects.all().delete()
    today = timezone.localdate()
    for i in range(4):
        colleague = make_employee(w.puskesmas, f"Rekan {i}")
        profile = rules.adkar_profile({d: [1 if d == "awareness" else 3] for d in rules.DIMENSIONS})
        ReadinessResponse.objects.create(
            program=w.program, employee=colleague, unit=w.puskesmas, answered_on=today,
            answers={}, index=profile.index, barrier=profile.barrier,
            **profile.dimensions,
        )  # fmt: skip
    return w


def test_phase_readiness_on_a_phone_signal_and_support_action(page, browser, live_server, program):
    w = program
    today = timezone.localdate()
    # 1. The coordinator creates phase 3 with the puskesmas, starting today.
    browser_log_in(page, w.admin.username)
    page.goto(reverse("programs:program_detail", args=[w.program.pk]))
    _click(page, page.locator(f"a[href='{reverse('programs:phase_create', args=[w.program.pk])}']"))
    page.fill("#id_name", "Tahap puskesmas")
    page.fill("#id_start", today.isoformat())
    page.fill("#id_end", (today + dt.timedelta(days=120)).isoformat())
    page.check(f"input[name=units][value='{w.puskesmas.pk}']")
    _click(page, page.locator("main form button[type=submit]"))
    phase = Phase.objects.get(program=w.program, number=3)
    assert list(phase.units.values_list("unit_id", flat=True)) == [w.puskesmas.pk]
    browser_log_out(page)

    # 2. The ASN, on a phone, follows the home task and answers: Awareness is their barrier.
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE,
                                  is_mobile=True, has_touch=True)  # fmt: skip
    context.set_default_timeout(10_000)
    phone = context.new_page()
    browser_log_in(phone, w.asn_user.username)
    phone.goto("/")
    url = reverse("programs:readiness", args=[w.program.pk])
    _click(phone, phone.locator(f"{TASKS}[href='{url}']"))
    _fits_phone(phone)
    for item in w.program.items.filter(active=True):
        value = "1" if item.dimension == "awareness" else "3"
        phone.locator(f"input[name=item_{item.pk}][value='{value}']").check()
    _click(phone, phone.locator("#readiness-form button[type=submit]"))
    response = ReadinessResponse.objects.get(employee=w.asn, is_current=True)
    assert (response.index, response.barrier) == (40.0, "awareness")
    expect(phone.locator("#profile-heading")).to_be_visible()
    expect(phone.locator("main table .badge")).to_have_count(1)  # the barrier point
    _fits_phone(phone)
    expect(phone.locator(f"{TASKS}[href='{url}']")).to_have_count(0)
    context.close()

    # 3. The coordinator sees the puskesmas' signals and assigns a support action from one.
    browser_log_in(page, w.admin.username)
    page.goto(reverse("programs:program_detail", args=[w.program.pk]))
    row = page.locator("#units tr", has_text=w.puskesmas.name)
    assign = row.locator("ul.signals a[href*='signal=readiness']")
    expect(assign).to_have_count(1)
    expect(row.locator("ul.signals a[href*='signal=barrier']")).to_have_count(1)
    _click(page, assign)
    page.select_option("#id_owner", str(w.operator_a.pk))
    page.fill("#id_description", "Pendampingan kepala puskesmas tentang tujuan program.")
    page.fill("#id_due", (today + dt.timedelta(days=14)).isoformat())
    _click(page, page.locator("main form button[type=submit]"))
    action = SupportAction.objects.get(program=w.program)
    assert (action.unit_id, action.signal, action.owner_id) == (
        w.puskesmas.pk, "readiness", w.operator_a.pk)  # fmt: skip
    browser_log_out(page)

    # 4. The owner follows the home task and closes the action with its outcome.
    browser_log_in(page, w.operator_a.username)
    page.goto("/")
    _click(
        page, page.locator(f"{TASKS}[href='{reverse('programs:action_detail', args=[action.pk])}']")
    )
    page.fill("#id_outcome", "Dua kali pendampingan; kepala puskesmas menjelaskan ke staf.")
    _click(page, page.locator("#close-form button[type=submit]"))
    action.refresh_from_db()
    assert (action.status, action.closed_on) == ("done", today)


def test_program_pages_have_no_wcag_violation(axe_page, world):  # noqa: F811 (the fixture)
    """axe-core (WCAG 2.1 A/AA) over each role's program pages, on a phone and a desktop."""
    from binakinerja.programs.testing import build_program_world

    w = build_program_world(world)
    pages = {
        w.admin: [
            reverse("programs:program_detail", args=[w.program.pk]),
            reverse("programs:plan", args=[w.program.pk]),
            reverse("programs:logframe", args=[w.program.pk]),
            reverse("programs:phase_create", args=[w.program.pk]),
            reverse("programs:event_detail", args=[w.event.pk]),
            reverse("programs:action_detail", args=[w.action.pk]),
            reverse("programs:case_detail", args=[w.case.pk]),
        ],
        w.asn_user: [reverse("programs:readiness", args=[w.program.pk])],
        w.pimpinan: [reverse("programs:program_detail", args=[w.program.pk])],
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
