"""Accessibility rules the templates keep (issue 11 item 8; the axe-core check of real pages is
test_browser_accessibility.py): every sideways-scrolling table wrapper is a labelled region that
the keyboard can reach, and the language is changed with a button, not on change."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import engines
from django.test import RequestFactory

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(PACKAGE.rglob("templates/**/*.html"))


def test_every_table_wrapper_is_a_labelled_keyboard_region():
    missing = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'<div class="table-wrap"([^>]*)>', text):
            if "{% scroll_region _(" not in match.group(1):
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(PACKAGE)}:{line}")
    assert not missing, "table-wrap without {% scroll_region _('label') %}: " + ", ".join(missing)


def test_scroll_region_renders_role_tabindex_and_an_escaped_label():
    template = engines["django"].from_string(
        '{% load binakinerja %}<div class="table-wrap"{% scroll_region label %}>'
    )
    html = template.render({"label": 'A "quoted" <label>'}, RequestFactory().get("/"))
    assert html == (
        '<div class="table-wrap" role="region" tabindex="0" '
        'aria-label="A &quot;quoted&quot; &lt;label&gt;">'
    )


def test_the_language_is_changed_with_a_button_not_on_change():
    base = (PACKAGE / "templates" / "base.html").read_text(encoding="utf-8")
    form = re.search(r'<form class="lang".*?</form>', base, re.S).group(0)
    assert "data-autosubmit" not in form
    assert re.search(r'<button type="submit"[^>]*>', form)
    assert "<noscript>" not in form


def test_regulation_names_are_marked_indonesian_in_both_languages(client, world):
    from django.urls import reverse

    client.force_login(world.asn_user)
    url = reverse("competencies:dictionary")
    indonesian = client.get(url).content.decode()
    assert '<span lang="id">PermenPANRB 38/2017</span>' in indonesian
    assert "Kompetensi manajerial dan sosial kultural menurut" in indonesian
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english
    assert 'competencies as in <span lang="id">PermenPANRB 38/2017</span>;' in english
