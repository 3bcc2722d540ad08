"""WCAG 2.1 A/AA in a real browser (issue 11 item 8): axe-core runs over the main pages of every
role at a phone's 360 px and a desktop's 1280 px, and any violation fails the test.

axe-core comes from the npm registry, pinned in package.json + package-lock.json at the
repository root and installed by `make axe` (`npm ci`, a dependency of `make pytest`). It is
injected with `add_script_tag`, which the page's Content-Security-Policy (script-src 'self')
would refuse, so this test's browser context bypasses the policy; the other browser tests keep
it (conftest.py `page` fails on any refusal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from binakinerja.core.testing import browser_log_in

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [360, 1280]

# The main pages of each role: the home page, then the page where the role's daily work is.
MAIN_PAGES = {
    "asn_user": lambda w: ["core:dashboard", "performance:skp_home", ("skp", w)],
    "atasan_user": lambda w: ["core:dashboard", "performance:skp_home"],
    "operator_a": lambda w: ["core:dashboard", "people:employee_list"],
    "admin": lambda w: ["core:dashboard", "performance:period_list"],
    "pimpinan": lambda w: ["core:dashboard", "performance:opd_overview"],
}


@pytest.fixture
def axe_page(browser, live_server):
    if not AXE.exists():
        pytest.fail(f"axe-core missing at {AXE}; install it with `make axe` (npm ci).", False)
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", bypass_csp=True,
        viewport={"width": 1280, "height": 800},
    )  # fmt: skip
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    yield tab
    context.close()
    assert not errors, errors


def _skp_of_asn(world):
    from binakinerja.performance.services import period_open_year, skp_create, skp_result_add

    period_open_year(actor=None, instansi=world.prov, year=2026)
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi dasar lengkap",
        supports=None, indicators=[{"aspect": "kuantitas", "text": "Kunjungan",
                                    "target_value": 10, "target_unit": "kali"}],
    )  # fmt: skip
    return reverse("performance:skp_detail", args=[skp.pk])


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(f"{n['target']} {n['html'][:120]}" for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("persona", sorted(MAIN_PAGES))
def test_main_pages_of_every_role_have_no_wcag_violation(axe_page, world, persona):
    urls = [
        _skp_of_asn(world) if isinstance(name, tuple) else reverse(name)
        for name in MAIN_PAGES[persona](world)
    ]
    browser_log_in(axe_page, getattr(world, persona).username)
    found = []
    for url in urls:
        for width in WIDTHS:
            axe_page.set_viewport_size({"width": width, "height": 800})
            response = axe_page.goto(url)
            assert response.status == 200, (url, response.status)
            found += [f"{url} at {width}px: {v}" for v in axe_violations(axe_page)]
    assert not found, "\n".join(found)


def test_the_check_finds_a_violation_when_there_is_one(axe_page, world):
    """The harness itself: an unlabelled scrolling wrapper and an image without alt text."""
    browser_log_in(axe_page, world.operator_a.username)
    axe_page.goto(reverse("core:dashboard"))
    axe_page.evaluate(
        """() => {
          const wrap = document.createElement('div');
          wrap.className = 'table-wrap';
          wrap.innerHTML = '<table><tr><td>' + 'x'.repeat(400) + '</td></tr></table>';
          wrap.querySelector('td').style.whiteSpace = 'nowrap';
          const img = document.createElement('img');
          img.src = 'data:,';
          document.querySelector('main').append(wrap, img);
        }"""
    )
    found = " ".join(axe_violations(axe_page))
    assert "image-alt" in found
    assert "scrollable-region-focusable" in found


def test_public_survey_form_has_no_wcag_violation(axe_page, world):
    from binakinerja.satisfaction.testing import build_survey_world

    survey = build_survey_world(world)
    found = []
    for width in WIDTHS:
        axe_page.set_viewport_size({"width": width, "height": 800})
        axe_page.goto(f"/s/{survey.su_puskesmas.public_code}/")
        found += [f"survey at {width}px: {v}" for v in axe_violations(axe_page)]
    assert not found, "\n".join(found)


# --- focus ring contrast (WCAG 1.4.11: 3:1 against what is next to it) -------------------------


def _luminance(rgb: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (float(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


FOCUS_STYLE = """() => {
  const el = document.activeElement, ring = getComputedStyle(el);
  let bg = el, color = 'rgba(0, 0, 0, 0)';
  while (bg && (color === 'rgba(0, 0, 0, 0)' || color === 'transparent')) {
    color = getComputedStyle(bg).backgroundColor; bg = bg.parentElement;
  }
  return {tag: el.tagName, style: ring.outlineStyle, width: parseFloat(ring.outlineWidth),
          ring: ring.outlineColor, around: el.closest('header') ? color : null};
}"""


def test_focus_ring_stands_out_on_the_green_header_and_the_page(axe_page, world):
    browser_log_in(axe_page, world.operator_a.username)
    axe_page.goto(reverse("core:dashboard"))
    axe_page.keyboard.press("Tab")  # the skip link
    axe_page.keyboard.press("Tab")  # the brand link in the header
    focus = axe_page.evaluate(FOCUS_STYLE)
    header = axe_page.evaluate(
        "getComputedStyle(document.querySelector('header.top')).backgroundColor"
    )
    assert focus["tag"] == "A" and focus["style"] == "solid" and focus["width"] >= 2, focus
    assert contrast(focus["ring"], header) >= 3, (focus, header)
    # In the page (white): a table wrapper reached by the keyboard.
    axe_page.goto(reverse("people:employee_list"))
    axe_page.focus(".table-wrap")
    focus = axe_page.evaluate(FOCUS_STYLE)
    assert focus["style"] == "solid" and contrast(focus["ring"], "rgb(255, 255, 255)") >= 3, focus


def test_focus_ring_stands_out_on_the_public_survey(axe_page, world):
    from binakinerja.satisfaction.testing import build_survey_world

    survey = build_survey_world(world)
    axe_page.goto(f"/s/{survey.su_puskesmas.public_code}/")
    axe_page.keyboard.press("Tab")
    focus = axe_page.evaluate(FOCUS_STYLE)
    assert focus["style"] == "solid" and focus["width"] >= 2, focus
    for around in ("rgb(255, 255, 255)", "rgb(238, 241, 244)", "rgb(232, 240, 248)"):
        assert contrast(focus["ring"], around) >= 3, (focus, around)
