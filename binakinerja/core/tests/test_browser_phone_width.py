"""No page is wider than a small phone (360 px): every demo role logs in, and the home page,
every page its menu links to and every page the home page links to fit the screen
(document.scrollingElement.scrollWidth ≤ 360). Wide tables scroll inside their own frame."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from binakinerja.core.testing import PERSONAS, browser_log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
MAX_PAGES = 45
# Links that are not pages to look at: downloads, logging out, Django's admin, the switch.
SKIP = ("/akun/logout", "/admin/", "/i18n/", "export", "pdf", "xlsx", "csv", "download", "unduh")

LOGINS = [persona for persona in PERSONAS if persona != "anonymous"]  # every demo role

LINKS = """() => Array.from(document.querySelectorAll('header a[href], main a[href]'))
    .map(a => a.href)"""


@pytest.fixture
def rich_world(world, settings, tmp_path):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.organizations.services import orgunit_create
    from binakinerja.performance.testing import build_performance_world
    from binakinerja.satisfaction.testing import build_survey_world

    settings.MEDIA_ROOT = tmp_path
    # Real names are long: a select or a table cell holding one must not widen the page.
    long_opd = orgunit_create(
        actor=None, parent=world.prov, unit_type="badan",
        name="Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Provinsi Gorontalo",
    )  # fmt: skip
    orgunit_create(
        actor=None, parent=long_opd, is_service_unit=True,
        name="UPTD Pelayanan Perizinan Terpadu Satu Pintu dan Penanaman Modal Kabupaten Boalemo",
    )  # fmt: skip
    build_performance_world(world)
    build_competency_world(world)
    build_survey_world(world)
    return world


def _width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def _pages(page, origin: str) -> list[str]:
    paths = []
    for href in page.evaluate(LINKS):
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if any(s in path.lower() for s in SKIP) or path in paths:
            continue
        paths.append(path)
    return paths


@pytest.mark.parametrize("persona", LOGINS)
def test_every_main_page_of_every_role_fits_a_small_phone(page, live_server, rich_world, persona):
    """The home page, the pages it and the menu link to, then the pages those link to (the
    SKP, the heat map, the 9-box, a person's page…), up to MAX_PAGES."""
    page.set_viewport_size(PHONE)
    browser_log_in(page, getattr(rich_world, persona).username)
    page.goto("/")
    wide = []
    if _width(page) > PHONE["width"] + 1:
        wide.append(f"/ ({_width(page)} px)")
    first = _pages(page, live_server.url)
    assert first, "the home page links nowhere"
    queue, seen = list(first), {"/", *first}
    visited = 0
    dashes = []
    while queue and visited < MAX_PAGES:
        path = queue.pop(0)
        try:
            response = page.goto(path)
        except PlaywrightError:  # a download the filter above did not recognise
            continue
        if response is None or response.status != 200:
            continue
        if "html" not in (response.headers.get("content-type") or ""):
            continue
        visited += 1
        if _width(page) > PHONE["width"] + 1:
            wide.append(f"{path} ({_width(page)} px)")
        if page.locator("form.filters option", has_text="---------").count():
            dashes.append(path)  # a filter says "Semua" for no filter, like the others
        if path in first:  # one level further from the home page and the menu
            for more in _pages(page, live_server.url):
                if more not in seen:
                    seen.add(more)
                    queue.append(more)
    assert not wide, f"pages wider than a {PHONE['width']} px phone for {persona}: {wide}"
    assert not dashes, f"filters offering '---------' instead of 'Semua': {dashes}"


def test_the_public_pages_fit_a_small_phone(page, rich_world):
    from django.urls import reverse

    page.set_viewport_size(PHONE)
    for path in ("/akun/login/", reverse("survey:instansi_list")):
        response = page.goto(path)
        assert response.status == 200, path
        assert _width(page) <= PHONE["width"] + 1, f"{path} is {_width(page)} px wide"


def test_the_header_menu_folds_behind_a_button_on_a_phone(page, world):
    page.set_viewport_size(PHONE)
    browser_log_in(page, world.operator_a.username)
    page.goto("/")
    menu = page.locator("header nav")
    assert not menu.is_visible()
    page.click("header details[data-menu] > summary")
    assert menu.is_visible()
    assert page.locator("header nav a", has_text="Pegawai").first.is_visible()

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    assert menu.is_visible()
    assert not page.locator("header details[data-menu] > summary").is_visible()
