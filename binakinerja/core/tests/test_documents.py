"""The document toolkit every official document is built with: Indonesian numbers and dates,
page numbers, embedded fonts, escaped text, tables that leave no lone row, and signature blocks
that record where they landed."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Spacer

from binakinerja.core.documents import (
    FONT,
    Column,
    OfficialDocument,
    Section,
    SheetWriter,
    Signer,
    Total,
    fields,
    fit_text,
    grid,
    id_count,
    id_date,
    id_date_range,
    id_number,
    id_percent,
    id_rupiah,
    signature_blocks,
    signature_row,
    text,
    title_block,
)

NASTY = "Seksi <img src=x> & <b>tebal</b>"


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (1250, 0, "1.250"),
        (3015, 0, "3.015"),
        (34364, 0, "34.364"),
        (3.256, 2, "3,26"),
        (Decimal("81.245"), 2, "81,25"),  # half up, as by hand
        (0, 0, "0"),
        (-1234.5, 1, "-1.234,5"),
        (None, 0, "-"),
        (1234567, 0, "1.234.567"),
    ],
)
def test_numbers_the_indonesian_way(value, places, expected):
    assert id_number(value, places) == expected


def test_percent_rupiah_count_and_dates():
    assert id_percent(95) == "95%"
    assert id_percent(95.5, 1) == "95,5%"
    assert id_rupiah(Decimal("12500000")) == "Rp12.500.000"
    assert id_count(12, "laporan") == "12 laporan"
    assert id_date(dt.date(2026, 3, 31)) == "31 Maret 2026"
    assert id_date(dt.datetime(2026, 8, 17, 10, 0)) == "17 Agustus 2026"
    assert id_date_range(dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == "1 Januari – 31 Maret 2026"
    assert id_date_range(dt.date(2025, 12, 1), dt.date(2026, 1, 31)) == (
        "1 Desember 2025 – 31 Januari 2026"
    )


def _long_document(rows: int):
    document = OfficialDocument(
        title="DOKUMEN UJI", government="Pemerintah Provinsi Gorontalo", version="7",
        printed_at=dt.date(2026, 3, 31),
    )  # fmt: skip
    columns = [Column("NO", 10, "right"), Column("URAIAN", 120), Column("NILAI", 50, "right")]
    body = [Section("A. BAGIAN PERTAMA")] + [[n, f"{NASTY} {n}", n * 1000] for n in range(1, rows)]
    body.append(Total(["", "JUMLAH", sum(n * 1000 for n in range(1, rows))]))
    story = title_block("Dokumen uji", "Subjudul") + [
        fields([("Nama", NASTY), ("NIP", "19900115 201503 1 002")], numbered=True),
        grid(columns, body),
        signature_blocks(
            Signer("Pegawai yang Dinilai", "Siti Nurhaliza", "19900115 201503 1 002",
                   key="pegawai"),
            Signer("Pejabat Penilai Kinerja", "Rahmat Hasan", "19800101 200501 1 001",
                   place_date="Gorontalo, 31 Maret 2026", key="penilai"),
        ),
    ]  # fmt: skip
    return document, document.build(story)


def test_pages_are_numbered_with_the_total_and_carry_header_printed_date_and_version():
    document, pdf = _long_document(150)
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    assert total >= 3
    for number, page in enumerate(reader.pages, start=1):
        content = page.extract_text()
        assert f"Halaman {number} dari {total}" in content
        assert "PEMERINTAH PROVINSI GORONTALO" in content
        assert "Dicetak 31 Maret 2026 · versi 7" in content
    assert reader.metadata.title == "DOKUMEN UJI"


def test_a_long_title_is_cut_to_fit_beside_the_government_in_the_header():
    title = "Laporan Survei Kepuasan Masyarakat " + "Unit Pelayanan Terpadu Satu Pintu " * 4
    document = OfficialDocument(title=title, government="Pemerintah Kabupaten Bone Bolango")
    header = PdfReader(io.BytesIO(document.build([text("Isi")]))).pages[0].extract_text()
    shown = next(line for line in header.splitlines() if "Laporan Survei" in line)
    assert shown.endswith("…")
    assert len(shown) < len(title)
    room = 210 * mm - 30 * mm - pdfmetrics.stringWidth("PEMERINTAH KABUPATEN BONE BOLANGO",
                                                          FONT, 7.5) - 8 * mm  # fmt: skip
    assert fit_text(title, room, 7.5) in shown
    assert pdfmetrics.stringWidth(fit_text(title, room, 7.5), FONT, 7.5) <= room
    assert fit_text("Pendek", room, 7.5) == "Pendek"


def test_text_is_shown_literally_and_numbers_the_indonesian_way():
    _document, pdf = _long_document(10)
    content = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Seksi <img src=x> & <b>tebal</b> 3" in content
    assert "A. BAGIAN PERTAMA" in content
    assert "45.000" in content  # the total of 1..9 × 1000


def test_every_font_is_embedded():
    _document, pdf = _long_document(10)
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]  # TrueType inside


def test_signature_blocks_record_their_slots_side_by_side_on_the_last_page():
    document, pdf = _long_document(150)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    slots = {slot.key: slot for slot in document.signature_slots}
    assert set(slots) == {"pegawai", "penilai"}
    assert slots["pegawai"].page == slots["penilai"].page == pages
    assert slots["pegawai"].y == slots["penilai"].y  # the two blocks line up
    assert slots["pegawai"].x < slots["penilai"].x
    assert slots["penilai"].height > 40  # room to sign
    content = PdfReader(io.BytesIO(pdf)).pages[-1].extract_text()
    assert "Gorontalo, 31 Maret 2026" in content and "NIP 19800101 200501 1 001" in content


def test_a_row_of_three_signatures_lines_up_and_records_each_slot():
    document = OfficialDocument(title="UJI", government="PEMERINTAH PROVINSI GORONTALO")
    signers = [Signer("Pegawai", "Siti", "1990", key="pegawai"),
               Signer("Atasan Pejabat Penilai", NASTY, "1975", place_date="Mengetahui,",
                      key="atasan_penilai"),
               Signer("Pejabat Penilai", "Budi", "1980", place_date="Gorontalo, 31 Maret 2026",
                      key="penilai")]  # fmt: skip
    pdf = document.build([text("Isi"), signature_row(*signers)])
    slots = {slot.key: slot for slot in document.signature_slots}
    assert list(slots) == ["pegawai", "atasan_penilai", "penilai"]
    assert slots["pegawai"].x < slots["atasan_penilai"].x < slots["penilai"].x
    assert len({slot.y for slot in slots.values()}) == 1
    page_width = PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width
    middle = slots["atasan_penilai"]
    assert abs((middle.x + middle.width / 2) - page_width / 2) < 3  # centred (within padding)
    content = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Mengetahui, Atasan Pejabat Penilai" in content and NASTY in content


def test_no_page_holds_a_single_row_of_a_split_table():
    """Whatever the length, a table's part on a page has at least two body rows."""
    for rows in range(40, 140, 7):
        _document, pdf = _long_document(rows)
        for page in PdfReader(io.BytesIO(pdf)).pages:
            lines = page.extract_text().splitlines()
            body = [line for line in lines if line.startswith("Seksi <img")]
            assert len(body) != 1, (rows, lines)


def test_a_section_row_never_ends_a_page_and_slack_does_not_keep_a_lone_row():
    """A short table after a tall row leaves slack at the foot of a page: the split must still
    move the rows, and a section row ("B. ...") goes on with the rows under it."""
    columns = [Column("NO", 10, "right"), Column("URAIAN", 170)]
    for lead in range(120, 200, 6):  # mm of text before the table: moves the page break
        body = [Section("A. UTAMA"), [1, "Tinggi\n" * 12], Section("B. TAMBAHAN"), [2, "Baris"]]
        for extra in range(2):
            body += [[3 + extra, "Baris"]] if extra else []
            document = OfficialDocument(title="UJI", government="PEMERINTAH")
            pdf = document.build([Spacer(1, lead * mm), grid(columns, body)])
            for page in PdfReader(io.BytesIO(pdf)).pages[:-1]:
                lines = [line.strip() for line in page.extract_text().splitlines()]
                rows = [line for line in lines if line.startswith(("A. ", "B. ", "1", "2", "3"))]
                assert not rows or not rows[-1].startswith(("A. ", "B. ")), (lead, lines)


def test_the_xlsx_twin_keeps_layout_numbers_and_guards_formulas():
    sheet = SheetWriter("DOKUMEN UJI", [6, 40, 14])
    sheet.title("Dokumen uji", "Subjudul")
    sheet.fields([("Nama", '=HYPERLINK("x")')], numbered=True)
    rows = [Section("A. BAGIAN"), [1, NASTY, Decimal("1250")], Total(["", "JUMLAH", 1250])]
    sheet.table(["NO", "URAIAN", "NILAI"], rows)
    place_date = "Gorontalo, 31 Maret 2026"
    sheet.signatures(
        Signer("Pegawai", "Siti", "1990", key="pegawai"),
        Signer("Penilai", "Rahmat", "1980", place_date=place_date),
    )
    workbook = load_workbook(io.BytesIO(sheet.to_bytes()))
    values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row if cell]
    assert values[:2] == ["DOKUMEN UJI", "SUBJUDUL"]
    assert "A. BAGIAN" in values and NASTY in values and 1250 in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert "Gorontalo, 31 Maret 2026" in values and "NIP 1980" in values


def test_a_paragraph_of_every_style_builds():
    document = OfficialDocument(title="T", government="G")
    story = [text(NASTY, style) for style in ("title", "body", "small", "caveat", "cell")]
    assert PdfReader(io.BytesIO(document.build(story))).pages[0].extract_text().count("<img") == 5


def test_a_plain_cell_draws_text_literally_and_wraps_when_too_wide():
    from binakinerja.core.documents import PlainCell

    short = PlainCell("<b>Rp1.250</b> & co", "right")
    assert short.wrap(100 * mm, 50 * mm) == (100 * mm, PlainCell.LEADING)
    long = PlainCell("kata " * 40, "left")
    width, height = long.wrap(30 * mm, 200 * mm)
    assert long.paragraph is not None and height > PlainCell.LEADING
    document = OfficialDocument(title="Uji", government="Pemerintah Provinsi Gorontalo")
    table = grid([Column("A", 40), Column("B", 60, "right")],
                 [[PlainCell("<img src=x>", "left"), PlainCell("1.250", "right")]])  # fmt: skip
    page = PdfReader(io.BytesIO(document.build([table]))).pages[0].extract_text()
    assert "<img src=x>" in page and "1.250" in page
