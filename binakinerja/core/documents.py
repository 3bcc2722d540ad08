"""The document toolkit: every official document of the project (SKP, evaluasi kinerja, laporan
SKM, rencana pengembangan kompetensi, and later certificates and monev reports) is built here.

One look for all of them, as auditors expect: the government's name in the header; "Halaman 2
dari 5", the printed date and the document's version in the footer; fonts embedded (the Vera
TrueType fonts that ship inside reportlab, so no system font is needed and the PDF is
archivable; reportlab's open-source edition cannot write PDF/A); Indonesian numbers and dates
("1.250", "95%", "31 Maret 2026") whatever the reader's language; tables whose header repeats
on every page and that never leave a single row alone on a page; signature blocks that say who
signs and where, and record their place on the page (`OfficialDocument.signature_slots`) so
that the electronic signature can put its mark and QR there later. Every text enters through
`core.pdf.para`, escaped. An XLSX twin of a document is written with `SheetWriter`.
"""

from __future__ import annotations

import datetime as dt
import io
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import reportlab
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from binakinerja.core.exporting import safe_cell
from binakinerja.core.pdf import para

# --- Indonesian numbers and dates ---------------------------------------------------------------

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
DASH = "-"


def id_number(value, places: int = 0) -> str:
    """`1250` → "1.250", `3.256` with places=2 → "3,26"; None → "-". Rounds half up, as people
    do by hand (Decimal, not binary float rounding)."""
    if value is None or value == "":
        return DASH
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
    text = f"{abs(number):,.{places}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"-{text}" if number < 0 else text


def id_percent(value, places: int = 0) -> str:
    """`95` → "95%", `95.5` with places=1 → "95,5%"; None → "-"."""
    return DASH if value is None else f"{id_number(value, places)}%"


def id_rupiah(value) -> str:
    """`1250000` → "Rp1.250.000"."""
    return DASH if value is None else f"Rp{id_number(value)}"


def id_date(value: dt.date | dt.datetime | None) -> str:
    """`date(2026, 3, 31)` → "31 Maret 2026"."""
    if value is None:
        return DASH
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def id_date_range(start: dt.date, end: dt.date) -> str:
    """ "1 Januari – 31 Maret 2026" (the year once when both share it)."""
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {id_date(end)}"
    return f"{id_date(start)} – {id_date(end)}"


def id_count(n, noun: str) -> str:
    """ "12 laporan": Indonesian nouns take no plural."""
    return f"{id_number(n)} {noun}"


# --- fonts and styles ---------------------------------------------------------------------------

FONT = "BinaSans"
FONT_BOLD = "BinaSans-Bold"
_FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"


def register_fonts() -> None:
    """Register reportlab's bundled Vera TrueType family once; TrueType fonts are embedded
    (subset) in every PDF, unlike the 14 standard fonts."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(_FONT_DIR / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_FONT_DIR / "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont(f"{FONT}-Italic", str(_FONT_DIR / "VeraIt.ttf")))
    pdfmetrics.registerFont(TTFont(f"{FONT}-BoldItalic", str(_FONT_DIR / "VeraBI.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=f"{FONT}-Italic",
                                  boldItalic=f"{FONT}-BoldItalic")  # fmt: skip


register_fonts()


def _style(name, size=9, *, bold=False, align=TA_LEFT, leading=None, space_after=0, before=0):
    return ParagraphStyle(
        name, fontName=FONT_BOLD if bold else FONT, fontSize=size,
        leading=leading or size * 1.25, alignment=align, spaceAfter=space_after,
        spaceBefore=before,
    )  # fmt: skip


STYLES = {
    "title": _style("title", 12, bold=True, align=TA_CENTER, space_after=1 * mm),
    "subtitle": _style("subtitle", 9.5, bold=True, align=TA_CENTER, space_after=1 * mm),
    "centre": _style("centre", 9, align=TA_CENTER),
    "heading": _style("heading", 10, bold=True, before=3 * mm, space_after=1.5 * mm),
    "subheading": _style("subheading", 9, bold=True, before=2 * mm, space_after=1 * mm),
    "body": _style("body", 9, space_after=1.5 * mm, leading=12),
    "small": _style("small", 7.5),
    "caveat": _style("caveat", 9, bold=True, space_after=2 * mm),
    "cell": _style("cell", 8),
    "cell_bold": _style("cell_bold", 8, bold=True),
    "cell_right": _style("cell_right", 8, align=TA_RIGHT),
    "cell_centre": _style("cell_centre", 8, align=TA_CENTER),
    "head": _style("head", 8, bold=True, align=TA_CENTER),
}


def text(value, style: str = "body", *, upper: bool = False):
    """A paragraph of literal text in one of `STYLES`."""
    return para(value, STYLES[style], upper=upper)


# --- tables -------------------------------------------------------------------------------------

LINE = colors.HexColor("#666666")
SHADE = colors.HexColor("#e8e8e8")
SECTION_SHADE = colors.HexColor("#f3f3f3")


class GridTable(Table):
    """A table that never leaves a single body row alone at the foot or the head of a page:
    when a split would, one more row moves to the next page (or the whole table does)."""

    min_rows = 2
    section_rows: frozenset = frozenset()  # indexes of `Section` rows, set by `grid`

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's signature
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first, rest = parts
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        body_first = len(first._cellvalues) - header
        body_rest = len(rest._cellvalues) - header
        if body_first < self.min_rows:
            return []  # start the table on the next page instead
        keep = len(first._cellvalues)
        if body_rest < self.min_rows and body_first > self.min_rows:
            keep -= self.min_rows - body_rest
        while keep - 1 > header and keep - 1 in self.section_rows:
            keep -= 1  # a section row ("B. TAMBAHAN") goes on with the rows it heads
        if keep - header < self.min_rows:
            return []
        if keep < len(first._cellvalues):
            # split just below the rows to keep (their own heights, not the page's slack)
            parts = super().split(availWidth, sum(first._rowHeights[:keep]) + 0.5)
            if len(parts) != 2:
                return parts
        first, rest = parts
        cut = len(first._cellvalues)
        rest.section_rows = frozenset(header + i - cut for i in self.section_rows if i >= cut)
        return parts


@dataclass
class Column:
    """A table column: its header, width in mm and how its cells align ("left", "right",
    "centre"). Numbers are right-aligned and never wrap: give them room."""

    header: str
    width: float
    align: str = "left"


_ALIGN_STYLE = {"left": "cell", "right": "cell_right", "centre": "cell_centre"}


def _cell(value, align: str):
    if isinstance(value, Flowable):
        return value
    if isinstance(value, bool):
        value = "Ya" if value else "Tidak"
    elif isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = id_number(value)
    elif isinstance(value, float):
        value = id_number(value, 2)
    return text(value, _ALIGN_STYLE[align])


class PlainCell(Flowable):
    """A table cell of one or a few short lines drawn as plain strings, as a Paragraph of
    STYLES["cell"] would draw them: several times cheaper (no markup parsing, no line
    breaking), for documents of hundreds of rows (the province's development plan). Drawn
    literally (canvas strings read no markup). A line wider than its column falls back to an
    escaped Paragraph that wraps, so nothing overflows."""

    SIZE, LEADING = 8, 10

    def __init__(self, value, align: str, *, bold: bool = False):
        super().__init__()
        self.value, self.align, self.bold = str(value), align, bold
        self.font = FONT_BOLD if bold else FONT
        self.lines = self.value.split("\n")
        self.paragraph = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's signature
        if (
            self.paragraph is None
            and max(stringWidth(line, self.font, self.SIZE) for line in self.lines) > availWidth
        ):
            self.paragraph = para(self.value, _CELL_STYLES[self.align, self.bold])
        if self.paragraph is not None:
            return self.paragraph.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, self.LEADING * len(self.lines)
        return self.width, self.height

    def draw(self):
        if self.paragraph is not None:
            self.paragraph.drawOn(self.canv, 0, 0)
            return
        canvas = self.canv
        canvas.setFont(self.font, self.SIZE)
        y = self.height - self.SIZE
        for line in self.lines:
            if self.align == "right":
                canvas.drawRightString(self.width, y, line)
            elif self.align == "centre":
                canvas.drawCentredString(self.width / 2, y, line)
            else:
                canvas.drawString(0, y, line)
            y -= self.LEADING


_CELL_STYLES = {
    (align, bold): ParagraphStyle(f"plain_{align}_{bold}", parent=STYLES[name],
                                  fontName=FONT_BOLD if bold else FONT)
    for align, name in (("left", "cell"), ("right", "cell_right"), ("centre", "cell_centre"))
    for bold in (False, True)
}  # fmt: skip


@dataclass
class Section:
    """A full-width row inside a table ("A. HASIL KERJA UTAMA")."""

    label: str


@dataclass
class Total:
    """A bold row that sums a table ("JUMLAH"): its cells as for a normal row."""

    cells: list


def grid(columns: list[Column], rows, *, header_rows: list[list] | None = None) -> GridTable:
    """A ruled table with a shaded header repeated on every page. `rows` holds lists of cells
    (text, numbers — shown the Indonesian way —, flowables), `Section` rows spanning the width
    and `Total` rows in bold. `header_rows` replaces the single header made of the columns'
    headers (e.g. a numbered row under the titles, as the official forms have)."""
    headers = header_rows or [[c.header for c in columns]]
    data = [[text(h, "head") if not isinstance(h, Flowable) else h for h in row]
            for row in headers]  # fmt: skip
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, len(headers) - 1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, len(headers) - 1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for row in rows:
        index = len(data)
        if isinstance(row, Section):
            data.append([text(row.label, "cell_bold")] + [Spacer(1, 1)] * (len(columns) - 1))
            style += [("SPAN", (0, index), (-1, index)),
                      ("BACKGROUND", (0, index), (-1, index), SECTION_SHADE)]  # fmt: skip
        elif isinstance(row, Total):
            data.append([_bold_cell(v, c.align) for v, c in zip(row.cells, columns, strict=True)])
            style.append(("BACKGROUND", (0, index), (-1, index), SECTION_SHADE))
        else:
            data.append([_cell(v, c.align) for v, c in zip(row, columns, strict=True)])
    table = GridTable(data, colWidths=[c.width * mm for c in columns], repeatRows=len(headers))
    table.setStyle(TableStyle(style))
    table.section_rows = frozenset(
        len(headers) + i for i, row in enumerate(rows) if isinstance(row, Section)
    )
    return table


_BOLD_STYLES = {
    "left": _style("total_left", 8, bold=True),
    "right": _style("total_right", 8, bold=True, align=TA_RIGHT),
    "centre": _style("total_centre", 8, bold=True, align=TA_CENTER),
}


def _bold_cell(value, align: str):
    if isinstance(value, Flowable):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = id_number(value)
    return para(value, _BOLD_STYLES[align])


def fields(rows: list[tuple[str, object]], widths=(55, 125), *, numbered: bool = False):
    """An identity block: label and value per row ("Nama", "NIP", …), ruled."""
    data = []
    for n, (label, value) in enumerate(rows, start=1):
        cells = [text(label, "cell"), _cell(value if value not in (None, "") else DASH, "left")]
        data.append([text(str(n), "cell_centre")] + cells if numbered else cells)
    col_widths = ([8 * mm] if numbered else []) + [w * mm for w in widths]
    table = GridTable(data, colWidths=col_widths)
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, LINE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        )
    )  # fmt: skip
    return table


# --- signatures ---------------------------------------------------------------------------------


@dataclass
class Signer:
    """Who signs a document and where: `role` ("Pegawai yang Dinilai"), the person's `name`,
    `nip` (may be empty for a non-ASN head of unit), `position` (jabatan, optional),
    `place_date` ("Gorontalo, 31 Maret 2026", usually on the right-hand block only) and `key`,
    the slot name the electronic signature will use ("pegawai", "penilai", …)."""

    role: str
    name: str
    nip: str = ""
    position: str = ""
    place_date: str = ""
    key: str = "penandatangan"


@dataclass
class SignatureSlot:
    """Where a signature goes: page (1-based) and the box in points from the page's lower left."""

    key: str
    page: int
    x: float
    y: float
    width: float
    height: float


class _SignatureSpace(Flowable):
    """The blank room to sign in; remembers where it was drawn."""

    def __init__(self, key: str, width: float, height: float = 20 * mm):
        super().__init__()
        self.key, self.width, self.height = key, width, height

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return self.width, self.height

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        slots = getattr(self.canv, "signature_slots", None)
        if slots is not None:
            slots.append(SignatureSlot(self.key, self.canv.getPageNumber(), x, y,
                                       self.width, self.height))  # fmt: skip


def _signature_cell(signer: Signer | None, width: float) -> list:
    if signer is None:
        return [Spacer(1, 1)]
    blank = "\u00a0"  # keeps the line's height, so both blocks line up
    cell = [text(signer.place_date or blank, "centre"), text(signer.role, "centre")]
    if signer.position:
        cell.append(text(signer.position, "centre"))
    cell += [
        _SignatureSpace(signer.key, width - 6 * mm),
        para(signer.name or DASH, _style("sig_name", 9, bold=True, align=TA_CENTER)),
        text(f"NIP {signer.nip}" if signer.nip else blank, "centre"),
    ]
    return cell


def signature_blocks(left: Signer | None, right: Signer | None, *, width_mm: float = 180):
    """Two signature blocks side by side, kept together on one page: the person assessed (or
    who proposes) on the left, the one who decides on the right with "(tempat), (tanggal)"."""
    half = width_mm / 2 * mm
    table = Table([[_signature_cell(left, half), _signature_cell(right, half)]],
                  colWidths=[half, half])  # fmt: skip
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), FONT)]))  # fmt: skip
    return KeepTogether([Spacer(1, 6 * mm), table])


def single_signature(signer: Signer, *, width_mm: float = 180):
    """One signature block on the right (a head of unit signing a report)."""
    return signature_blocks(None, signer, width_mm=width_mm)


def signature_row(*signers: Signer | None, width_mm: float = 180):
    """Three (or more) signature blocks side by side in equal columns, kept together: e.g. the
    person assessed, the one who countersigns ("Mengetahui,") and the one who decides."""
    width = width_mm / len(signers) * mm
    table = Table([[_signature_cell(signer, width) for signer in signers]],
                  colWidths=[width] * len(signers))  # fmt: skip
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), FONT)]))  # fmt: skip
    return KeepTogether([Spacer(1, 6 * mm), table])


# --- the document -------------------------------------------------------------------------------


def fit_text(value: str, width: float, size: float, font: str = FONT) -> str:
    """`value` cut at a word with "…" so that it fits `width` points (a header line)."""
    if pdfmetrics.stringWidth(value, font, size) <= width:
        return value
    words = value.split()
    while words:
        words.pop()
        shorter = " ".join(words) + " …"
        if pdfmetrics.stringWidth(shorter, font, size) <= width:
            return shorter
    return "…"


class _NumberedCanvas(Canvas):
    """Holds every page until the end so the footer can say "Halaman 2 dari 5"."""

    def __init__(self, *args, document: OfficialDocument, **kwargs):
        super().__init__(*args, **kwargs)
        self._document = document
        self._pages = []
        self.signature_slots = document.signature_slots

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._document.draw_frame(self, total)
            super().showPage()
        super().save()


@dataclass
class OfficialDocument:
    """One official document. `government` is the name in the header (e.g. "PEMERINTAH PROVINSI
    GORONTALO"), `title` goes into the PDF's metadata, `version` is printed in the footer (a
    document's own revision, e.g. the SKP's version), `printed_at` the printing date (today)."""

    title: str
    government: str
    version: str = ""
    printed_at: dt.date | None = None
    landscape: bool = False
    author: str = "Bina Kinerja"
    signature_slots: list[SignatureSlot] = field(default_factory=list)

    @property
    def pagesize(self):
        return landscape(A4) if self.landscape else A4

    @property
    def width_mm(self) -> float:
        """The usable width in mm (page less 15 mm margins each side)."""
        return self.pagesize[0] / mm - 30

    def draw_frame(self, canvas, total_pages: int) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#444444"))
        government = self.government.upper()
        canvas.drawString(15 * mm, height - 9 * mm, government)
        room = width - 30 * mm - pdfmetrics.stringWidth(government, FONT, 7.5) - 8 * mm
        canvas.drawRightString(width - 15 * mm, height - 9 * mm, fit_text(self.title, room, 7.5))
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.4)
        canvas.line(15 * mm, height - 10.5 * mm, width - 15 * mm, height - 10.5 * mm)
        canvas.line(15 * mm, 11 * mm, width - 15 * mm, 11 * mm)
        printed = f"Dicetak {id_date(self.printed_at or dt.date.today())}"  # noqa: DTZ011
        if self.version:
            printed += f" · versi {self.version}"
        canvas.drawString(15 * mm, 7.5 * mm, f"{printed} · {self.author}")
        canvas.drawRightString(
            width - 15 * mm, 7.5 * mm, f"Halaman {canvas.getPageNumber()} dari {total_pages}"
        )
        canvas.restoreState()

    def build(self, story: list) -> bytes:
        """Lay out `story` (flowables) and return the PDF's bytes; `signature_slots` then holds
        where each signature block's blank room landed."""
        self.signature_slots.clear()
        buffer = io.BytesIO()
        width, height = self.pagesize
        doc = BaseDocTemplate(
            buffer, pagesize=self.pagesize, title=self.title, author=self.author,
            subject=self.government, creator="Bina Kinerja", invariant=True,
            initialFontName=FONT, initialFontSize=9,  # else Helvetica, which is not embedded
            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=16 * mm,
        )  # fmt: skip
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

        def canvasmaker(*args, **kwargs):
            return _NumberedCanvas(*args, document=self, **kwargs)

        doc.build(story, canvasmaker=canvasmaker)
        captured = _captured_slots.get()
        if captured is not None:
            captured.extend(self.signature_slots)
        return buffer.getvalue()


_captured_slots: ContextVar[list[SignatureSlot] | None] = ContextVar("captured_slots",
                                                                     default=None)  # fmt: skip


@contextmanager
def captured_signature_slots():
    """Collect the signature slots of every document built inside the block: the electronic
    signature (`binakinerja.signatures`) asks the apps' PDF functions, which return only
    bytes, where each signature block landed (page and box), to put its mark there.

        with captured_signature_slots() as slots:
            pdf = skp_pdf(skp)
        slot = next(s for s in slots if s.key == "penilai")
    """
    slots: list[SignatureSlot] = []
    token = _captured_slots.set(slots)
    try:
        yield slots
    finally:
        _captured_slots.reset(token)


def title_block(title: str, *subtitles: str) -> list:
    """The document's centred title and subtitles, upper-cased as the forms print them."""
    return [text(title, "title", upper=True)] + [text(s, "subtitle", upper=True)
                                                 for s in subtitles if s]  # fmt: skip


# --- the XLSX twin ------------------------------------------------------------------------------

_THIN = Side(style="thin", color="666666")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
_SECTION_FILL = PatternFill("solid", fgColor="F3F3F3")
_WRAP = Alignment(wrap_text=True, vertical="top")


class SheetWriter:
    """Writes a document into a worksheet in the same order and layout as its PDF: titles
    merged across the width, identity blocks, ruled tables with section and total rows,
    signature blocks side by side. Cells are written as values (numbers stay numbers) and
    text is guarded against formula injection (`safe_cell`)."""

    def __init__(self, title: str, widths: list[float], *, sheet_title: str = "Dokumen"):
        self.workbook = Workbook()
        self.sheet = self.workbook.active
        self.sheet.title = sheet_title[:31]
        self.width = len(widths)
        self.row = 1
        for index, chars in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = chars
        self.workbook.properties.title = title
        self.workbook.properties.creator = "Bina Kinerja"

    def _merged(self, value, *, bold=False, centre=False, fill=None, border=False):
        cell = self.sheet.cell(self.row, 1, safe_cell(value))
        cell.font = Font(bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="top",
                                   horizontal="center" if centre else "left")  # fmt: skip
        if fill:
            cell.fill = fill
        if self.width > 1:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row,
                                   end_column=self.width)  # fmt: skip
        if border:
            for column in range(1, self.width + 1):
                self.sheet.cell(self.row, column).border = _BOX
        self.row += 1

    def title(self, *lines: str) -> None:
        for line in lines:
            if line:
                self._merged(line.upper(), bold=True, centre=True)
        self.blank()

    def line(self, value, *, bold: bool = False) -> None:
        self._merged(value, bold=bold)

    def blank(self) -> None:
        self.row += 1

    def table(self, headers: list[str] | None, rows) -> None:
        """Rows as for `grid`: lists of cells, `Section` and `Total` rows."""
        if headers:
            for column, header in enumerate(headers, start=1):
                cell = self.sheet.cell(self.row, column, safe_cell(header))
                cell.font, cell.fill, cell.border = Font(bold=True), _HEAD_FILL, _BOX
                cell.alignment = Alignment(wrap_text=True, vertical="center",
                                           horizontal="center")  # fmt: skip
            self.row += 1
        for row in rows:
            if isinstance(row, Section):
                self._merged(row.label, bold=True, fill=_SECTION_FILL, border=True)
                continue
            bold = isinstance(row, Total)
            cells = row.cells if bold else row
            for column, value in enumerate(cells, start=1):
                if isinstance(value, Decimal):
                    value = float(value) if value != value.to_integral() else int(value)
                value = safe_cell(value) if isinstance(value, str) else value
                cell = self.sheet.cell(self.row, column, value)
                cell.border, cell.alignment = _BOX, _WRAP
                if bold:
                    cell.font, cell.fill = Font(bold=True), _SECTION_FILL
            self.row += 1

    def fields(self, rows: list[tuple[str, object]], *, numbered: bool = False) -> None:
        for n, (label, value) in enumerate(rows, start=1):
            cells = ([n] if numbered else []) + [label, value if value not in (None, "") else DASH]
            self.table(None, [cells])

    def signatures(self, left: Signer | None, right: Signer | None) -> None:
        """Two blocks: the left in the first column, the right from the middle column on."""
        self.blank()
        start = self.row
        right_column = max(2, self.width // 2 + 1)
        for column, signer in ((1, left), (right_column, right)):
            if signer is None:
                continue
            lines = [signer.place_date, signer.role, signer.position, "", "", "",
                     signer.name, f"NIP {signer.nip}" if signer.nip else ""]  # fmt: skip
            for offset, value in enumerate(lines):
                cell = self.sheet.cell(start + offset, column, safe_cell(value))
                cell.font = Font(bold=offset == 6)
        self.row = start + 9

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()
