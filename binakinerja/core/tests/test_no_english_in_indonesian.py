"""The Indonesian UI shows no English sentence of our own catalogue: the main pages of every
role, rendered in Bahasa Indonesia, contain no msgid (of several words) whose Indonesian
translation differs from it. Short or common words are left out to avoid false alarms (names,
codes, terms used in both languages)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polib
import pytest
from django.urls import reverse

from binakinerja.core.i18n_check import LOCALE_DIR

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po"

PAGES = {
    "asn_user": lambda w: [
        reverse("core:dashboard"), reverse("performance:skp_home"),
        reverse("performance:skp_detail", args=[w.skp.pk]), reverse("competencies:home"),
        reverse("people:employee_detail", args=[w.asn.pk]),
    ],
    "atasan_user": lambda w: [
        reverse("core:dashboard"), reverse("performance:skp_home"),
        reverse("performance:follow_up_list"), reverse("people:employee_list"),
    ],
    "operator_a": lambda w: [
        reverse("core:dashboard"), reverse("people:employee_list"),
        reverse("organizations:orgunit_list"), reverse("performance:opd_overview"),
        reverse("satisfaction:unit_list"), reverse("people:import_upload"),
        reverse("organizations:orgunit_detail", args=[w.dinkes.pk]),
    ],
    "admin": lambda w: [
        reverse("core:dashboard"), reverse("performance:period_list"),
        reverse("accounts:role_list"), reverse("competencies:home"),
    ],
    "pimpinan": lambda w: [reverse("core:dashboard"), reverse("performance:opd_overview")],
}  # fmt: skip


class _VisibleText(HTMLParser):
    """Text a person reads: text nodes outside script/style, and the labels of controls."""

    HIDDEN = {"script", "style", "title"}
    ATTRS = {"aria-label", "placeholder", "alt", "value"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in self.ATTRS and value and not (tag == "input" and name == "value"):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_sentences() -> list[str]:
    """msgids of several words, without placeholders, whose translation differs."""
    found = []
    for entry in polib.pofile(str(PO)):
        if entry.obsolete or entry.msgid_plural or not entry.msgstr:
            continue
        msgid = " ".join(entry.msgid.split())
        if entry.msgstr.strip() == entry.msgid.strip() or "%" in msgid or "{" in msgid:
            continue
        if len(msgid) < 12 or len(msgid.split()) < 2:
            continue
        if msgid in " ".join(entry.msgstr.split()):
            continue  # the Indonesian text quotes the English (e.g. a name)
        found.append(msgid)
    return found


@pytest.fixture
def rich_world(world, settings, tmp_path):
    from binakinerja.performance.testing import build_performance_world

    settings.MEDIA_ROOT = tmp_path
    return build_performance_world(world)


@pytest.mark.parametrize("persona", sorted(PAGES))
def test_main_pages_in_indonesian_show_no_english_sentence_of_our_catalogue(
    client, rich_world, persona
):
    sentences = english_sentences()
    assert len(sentences) > 200  # the check looks at a real catalogue
    client.force_login(getattr(rich_world, persona))
    leftovers = {}
    for url in PAGES[persona](rich_world):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9", follow=True)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        english = [s for s in sentences if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        if english:
            leftovers[url] = english
    assert not leftovers, f"English on Indonesian pages: {leftovers}"


def test_the_check_finds_english_sentences_when_english_is_chosen(client, rich_world):
    client.force_login(rich_world.operator_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = visible_text(client.get(reverse("people:employee_list")).content.decode())
    assert any(s in text for s in english_sentences())
