"""Downloads: spreadsheet cells and headers cannot start a formula, and a file name cannot
break out of its Content-Disposition header (SECURITY.md: every user text entering a
spreadsheet or a header is escaped for that format)."""

import io

import pytest
from openpyxl import load_workbook

from binakinerja.core.exporting import csv_response, file_response, safe_cell, xlsx_response

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_that_would_run_as_a_formula_is_text(value):
    assert safe_cell(value) == "'" + value


def test_a_lone_dash_is_an_empty_form_cell_not_a_formula():
    assert safe_cell("-") == "-"
    assert safe_cell("-1+1") == "'-1+1"


def test_formula_cells_and_headers_stay_text_in_xlsx_and_csv():
    rows = [["=1+1", "@cmd", 5, -3, None]]
    workbook = load_workbook(io.BytesIO(xlsx_response(["=A1", "Nama"], rows, "x.xlsx").content))
    assert list(workbook.active.values) == [
        ("'=A1", "Nama", None, None, None),
        ("'=1+1", "'@cmd", 5, -3, None),
    ]
    response = csv_response(["=A1", "Nama"], rows, "x.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == ["'=A1;Nama", "'=1+1;'@cmd;5;-3;"]


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("skp-2026.pdf", 'attachment; filename="skp-2026.pdf"'),
        ('a"b.pdf', 'attachment; filename="a\\"b.pdf"'),
        ("a\r\nSet-Cookie: x=1.pdf", 'attachment; filename="a-Set-Cookie: x=1.pdf"'),
        ("../../etc/passwd", 'attachment; filename="-..-etc-passwd"'),
        ("Évaluasi.pdf", "attachment; filename*=utf-8''%C3%89valuasi.pdf"),
    ],
)
def test_download_names_cannot_break_the_header(name, header):
    response = file_response(b"%PDF", "application/pdf", name)
    assert response["Content-Disposition"] == header
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
