"""User text in PDFs: reportlab reads a Paragraph's text as markup, so every paragraph of every
PDF goes through core.pdf, which escapes it. The PDFs themselves are tested with hostile names
in their apps (test_pdf_markup.py)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import SimpleDocTemplate

from binakinerja.core.pdf import para, pdf_text

PACKAGE = Path(__file__).resolve().parents[2]
HOSTILE = ["Seksi <img src=x>", "A & B", "<b>tebal</b>", "a < b > c", "&amp; tetap", "<para>"]


def rendered(text: str, **kwargs) -> str:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([para(text, getSampleStyleSheet()["BodyText"], **kwargs)])
    return " ".join(PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text().split())


@pytest.mark.parametrize("text", HOSTILE)
def test_a_paragraph_shows_markup_characters_literally(text):
    assert rendered(text) == text


def test_upper_case_is_applied_before_escaping():
    assert pdf_text("a & b", upper=True) == "A &amp; B"
    assert rendered("Dinas A & B <x>", upper=True) == "DINAS A & B <X>"


def test_line_breaks_survive_and_none_is_empty():
    assert pdf_text("satu\r\ndua\n<tiga>") == "satu<br/>dua<br/>&lt;tiga&gt;"
    assert pdf_text(None) == ""
    assert pdf_text(0) == "0"


def test_no_module_builds_a_paragraph_without_the_helper():
    """`Paragraph(` anywhere but core/pdf.py would take its text as markup, unescaped."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in f"/{relative}" or relative == "core/pdf.py":
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\bParagraph\s*\(", source) or re.search(r"\bXPreformatted\s*\(", source):
            offenders.append(relative)
    assert offenders == []
