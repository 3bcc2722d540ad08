"""Translations are complete (no untranslated or fuzzy entry) and the compiled catalogue is the
one Django loads."""

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from binakinerja.core.i18n_check import LOCALE_DIR, problems

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po"


def test_indonesian_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert problems(PO) == []


def test_compiled_catalogue_matches_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    polib.pofile(str(PO)).save_as_mofile(str(compiled))
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes(), (
        "locale/id/LC_MESSAGES/django.mo is stale: run `make messages`"
    )


def test_pages_speak_indonesian_by_default_and_english_on_request(world, client):
    client.force_login(world.operator_a)
    page = client.get(reverse("people:employee_list")).content.decode()
    assert 'lang="id"' in page
    assert "Pegawai (ASN)" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("people:employee_list")).content.decode()
    assert 'lang="en"' in page
    assert "Employees (ASN)" in page


def test_validation_messages_are_indonesian_outside_requests():
    from django.core.exceptions import ValidationError

    from binakinerja.people.rules import parse_nip

    with translation.override("id"):
        with pytest.raises(ValidationError) as caught:
            parse_nip("123")
        assert "NIP harus 18 digit" in caught.value.messages[0]
