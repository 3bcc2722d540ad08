"""The SKP (Sasaran Kinerja Pegawai) as PermenPANRB 6/2022's Lampiran lays it out and Indonesian
e-kinerja applications print it: title and approach, the government and the PERIODE PENILAIAN,
the numbered identity blocks of the pegawai yang dinilai and the pejabat penilai kinerja side by
side, HASIL KERJA (A. utama / B. tambahan, with the leader's result each one intervenes),
PERILAKU KERJA (the three guides of each BerAKHLAK value and the ekspektasi khusus pimpinan),
both signature blocks, then the LAMPIRAN SKP (dukungan sumber daya, skema pertanggungjawaban,
konsekuensi) signed again.

`skp_content` gathers everything once, so the PDF (`skp_pdf`) and its XLSX twin (`skp_xlsx`)
print the same facts in the same order. The document's text is official Indonesian whatever
the reader's language, so it is written here in Indonesian, not translated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from binakinerja.core.documents import (
    DASH,
    FONT,
    FONT_BOLD,
    LINE,
    MONTHS,
    SHADE,
    Column,
    GridTable,
    OfficialDocument,
    Section,
    SheetWriter,
    Signer,
    grid,
    id_date,
    id_number,
    signature_blocks,
    text,
    title_block,
)
from binakinerja.core.models import AuditLog
from binakinerja.core.pdf import para
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.documents.identity import (
    FIELDS,
    PEGAWAI,
    PENILAI,
    identities,
    place_of,
)
from binakinerja.performance.models import Period
from binakinerja.performance.rules import CoreValue, Perspective, SkpStatus, is_jpt

TITLE = "SASARAN KINERJA PEGAWAI"
SUBTITLE = "PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
SUBTITLE_JPT = (
    "PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA "
    "MANDIRI"
)
LAMPIRAN_TITLE = "LAMPIRAN SASARAN KINERJA PEGAWAI"
INTERVENED = "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI"
LAMPIRAN_PARTS = [
    ("dukungan_sumber_daya", "DUKUNGAN SUMBER DAYA"),
    ("skema_pertanggungjawaban", "SKEMA PERTANGGUNGJAWABAN"),
    ("konsekuensi", "KONSEKUENSI"),
]

# The seven BerAKHLAK values and their guides as SE MenPANRB 20/2021 words them.
CORE_VALUES = {
    CoreValue.BERORIENTASI_PELAYANAN: ("Berorientasi Pelayanan", (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    )),
    CoreValue.AKUNTABEL: ("Akuntabel", (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan "
        "berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan "
        "efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    )),
    CoreValue.KOMPETEN: ("Kompeten", (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    )),
    CoreValue.HARMONIS: ("Harmonis", (
        "Menghargai setiap orang apa pun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    )),
    CoreValue.LOYAL: ("Loyal", (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun "
        "1945, setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara",
    )),
    CoreValue.ADAPTIF: ("Adaptif", (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    )),
    CoreValue.KOLABORATIF: ("Kolaboratif", (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    )),
}  # fmt: skip
ASPECTS = {"kuantitas": "Kuantitas", "kualitas": "Kualitas", "waktu": "Waktu", "biaya": "Biaya"}
PERSPECTIVES = {
    Perspective.PENERIMA_LAYANAN: "Penerima Layanan",
    Perspective.PROSES_BISNIS: "Proses Bisnis",
    Perspective.PENGUATAN_INTERNAL: "Penguatan Internal",
    Perspective.ANGGARAN: "Anggaran",
}
KINDS = [("utama", "A. HASIL KERJA UTAMA"), ("tambahan", "B. HASIL KERJA TAMBAHAN")]
IDENTITY_LABELS = {"nama": "NAMA", "nip": "NIP", "pangkat": "PANGKAT/GOL. RUANG",
                   "jabatan": "JABATAN", "unit_kerja": "UNIT KERJA"}  # fmt: skip


@dataclass
class SkpContent:
    """Everything the SKP prints, gathered once for the PDF and the XLSX."""

    government: str
    period: str  # "1 JANUARI SD 31 DESEMBER 2026"
    jpt: bool
    version: int
    pegawai: dict
    penilai: dict | None
    results: dict[str, list[list]] = field(default_factory=dict)  # kind → table rows
    behaviours: list[tuple[str, tuple, str]] = field(default_factory=list)
    lampiran: dict[str, list[str]] = field(default_factory=dict)
    signers: tuple[Signer, Signer] | None = None

    @property
    def subtitle(self) -> str:
        return SUBTITLE_JPT if self.jpt else SUBTITLE


def period_text(start: dt.date, end: dt.date) -> str:
    """ "1 JANUARI SD 31 DESEMBER 2026" (the year once when both dates share it)."""
    first = f"{start.day} {MONTHS[start.month - 1]}"
    if start.year != end.year:
        first += f" {start.year}"
    return f"{first} sd {id_date(end)}".upper()


def target_text(indicator) -> str:
    """ "12 dokumen", "97,50 %" or the target's text."""
    value = indicator.target_value
    if value is None:
        return indicator.target_text or DASH
    places = 0 if value == value.to_integral() else 2
    unit = indicator.target_unit.strip()
    return f"{id_number(value, places)}{'' if unit == '%' else ' '}{unit}".strip()


def lines_of(value: str) -> list[str]:
    """One numbered line per non-empty line the ASN and atasan wrote."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def guides_text(guides) -> str:
    """ "a. …\nb. …\nc. …": the three guides of a value, lettered."""
    return "\n".join(f"{letter}. {line}" for letter, line in zip("abc", guides, strict=True))


def _agreed_on(skp) -> dt.date:
    """The day the atasan approved the plan (the form's date), else today."""
    approved = (
        AuditLog.objects.filter(
            object_type="performance.skp",
            object_id=str(skp.pk),
            action="update",
            changes__status__1=SkpStatus.APPROVED,
        )  # fmt: skip
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return timezone.localdate(approved) if approved else timezone.localdate()


def _result_rows(results, *, jpt: bool) -> list[list]:
    """Table rows of one kind's results: a result's number and texts once, on its first
    indicator's row (blank on the next ones)."""
    rows = []
    if jpt:
        order = {value: n for n, value in enumerate(PERSPECTIVES)}
        results = sorted(results, key=lambda r: (order.get(r.perspective, len(order)), r.order))
    for n, result in enumerate(results, start=1):
        if result.supports_id:
            intervened = result.supports.text
        elif result.supports_goal_id:
            intervened = result.supports_goal.text
        else:
            intervened = DASH
        head = [str(n), intervened, result.text]
        for i, indicator in enumerate(result.indicators.all() or [None]):
            cells = head if i == 0 else ["", "", ""]
            if indicator is None:
                body = [DASH, DASH] if jpt else [DASH, DASH, DASH]
            elif jpt:
                body = [indicator.text, target_text(indicator)]
            else:
                body = [ASPECTS.get(indicator.aspect, indicator.aspect), indicator.text,
                        target_text(indicator)]  # fmt: skip
            if jpt:
                body.append(PERSPECTIVES.get(result.perspective, DASH) if i == 0 else "")
            rows.append(cells + body)
    return rows


def skp_content(skp) -> SkpContent:
    """Read the SKP once: identities, period, results, behaviours, lampiran and signers."""
    people = identities(skp)
    unit = skp.employee.unit
    instansi = OrgUnit.objects.filter(path=unit.instansi_path).first()
    annual = Period.objects.filter(
        instansi__path=unit.instansi_path, year=skp.year, kind=Period.Kind.ANNUAL
    ).first()
    start, end = (
        (annual.start, annual.end)
        if annual
        else (dt.date(skp.year, 1, 1), dt.date(skp.year, 12, 31))
    )
    position = skp.employee.position
    content = SkpContent(
        government=people.get("instansi") or (instansi.name if instansi else ""),
        period=period_text(start, end),
        jpt=bool(position and is_jpt(position.kind)),
        version=skp.version,
        pegawai=people[PEGAWAI],
        penilai=people.get(PENILAI),
    )
    results = skp.results.select_related("supports", "supports_goal").prefetch_related("indicators")
    for kind, _label in KINDS:
        content.results[kind] = _result_rows([r for r in results if r.kind == kind],
                                             jpt=content.jpt)  # fmt: skip
    by_value = {b.value: b.expectation for b in skp.behaviours.all()}
    for value, (name, guides) in CORE_VALUES.items():
        content.behaviours.append((name, guides, by_value.get(value, "")))
    for name, _heading in LAMPIRAN_PARTS:
        content.lampiran[name] = lines_of(getattr(skp, name))
    place = place_of(unit.kab_kota or (instansi.kab_kota if instansi else ""))
    place_date = f"{place}, {id_date(_agreed_on(skp))}" if place else id_date(_agreed_on(skp))
    penilai = content.penilai or {}
    content.signers = (
        Signer("Pegawai yang Dinilai", content.pegawai["nama"], content.pegawai["nip"],
               key="pegawai"),
        Signer("Pejabat Penilai Kinerja", penilai.get("nama", ""), penilai.get("nip", ""),
               place_date=place_date, key="penilai"),
    )  # fmt: skip
    return content


# --- PDF ----------------------------------------------------------------------------------------

WIDTH = 267  # landscape A4 less the margins, in mm


def _columns(jpt: bool) -> list[Column]:
    if jpt:
        return [Column("NO", 9, "centre"), Column(INTERVENED, 64),
                Column("RENCANA HASIL KERJA", 64), Column("INDIKATOR KINERJA INDIVIDU", 66),
                Column("TARGET", 32), Column("PERSPEKTIF", 32)]  # fmt: skip
    return [Column("NO", 9, "centre"), Column(INTERVENED, 62), Column("RENCANA HASIL KERJA", 62),
            Column("ASPEK", 22), Column("INDIKATOR KINERJA INDIVIDU", 76),
            Column("TARGET", 36)]  # fmt: skip


_HEAD_LEFT = ParagraphStyle("skp_head_left", fontName=FONT_BOLD, fontSize=9, leading=11.5)
_HEAD_RIGHT = ParagraphStyle("skp_head_right", parent=_HEAD_LEFT, alignment=TA_RIGHT)


def _letterhead(content: SkpContent, *titles: str) -> list:
    """The title and approach, then the government on the left and the period on the right."""
    head = GridTable(
        [[para(content.government, _HEAD_LEFT, upper=True),
          para(f"PERIODE PENILAIAN: {content.period}", _HEAD_RIGHT)]],
        colWidths=[WIDTH / 2 * mm, WIDTH / 2 * mm],
    )  # fmt: skip
    head.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [*title_block(*titles), Spacer(1, 2 * mm), head, Spacer(1, 2 * mm)]


def identity_pair(left_title: str, left: dict | None, right_title: str, right: dict | None,
                  *, width_mm: float = WIDTH) -> GridTable:  # fmt: skip
    """Two numbered identity blocks side by side under their titles ("PEGAWAI YANG DINILAI" |
    "PEJABAT PENILAI KINERJA"): NO, label and value each."""
    number, label = 9, 41
    value = width_mm / 2 - number - label
    data = [[text("NO", "head"), text(left_title, "head"), "", text("NO", "head"),
             text(right_title, "head"), ""]]  # fmt: skip
    for n, (key, _label) in enumerate(FIELDS, start=1):
        row = []
        for person in (left, right):
            shown = (person or {}).get(key) or DASH
            row += [text(str(n), "cell_centre"), text(IDENTITY_LABELS[key], "cell"),
                    text(shown, "cell")]  # fmt: skip
        data.append(row)
    table = GridTable(data, colWidths=[w * mm for w in (number, label, value) * 2], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, LINE), ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("SPAN", (1, 0), (2, 0)), ("SPAN", (4, 0), (5, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))  # fmt: skip
    return table


def _heading(label: str):
    return text(label, "heading")


def _value_cell(name: str, guides: tuple) -> GridTable:
    """The value's name in bold over its three guides (a borderless stack inside the cell)."""
    cell = GridTable([[text(name, "cell_bold")], [text(guides_text(guides), "cell")]])
    cell.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))  # fmt: skip
    return cell


def _behaviour_table(content: SkpContent) -> GridTable:
    columns = [Column("NO", 9, "centre"), Column("PERILAKU KERJA", 150),
               Column("EKSPEKTASI KHUSUS PIMPINAN", 108)]  # fmt: skip
    rows = [
        [str(n), _value_cell(name, guides), expectation or DASH]
        for n, (name, guides, expectation) in enumerate(content.behaviours, start=1)
    ]
    return grid(columns, rows)


def _lampiran_table(heading: str, lines: list[str]) -> GridTable:
    columns = [Column("NO", 9, "centre"), Column(heading, WIDTH - 9)]
    rows = [[str(n), line] for n, line in enumerate(lines, start=1)] or [["", DASH]]
    return grid(columns, rows)


class EndsWithSignatures(Flowable):
    """A heading, a table and the signature blocks under it, laid out so that neither the
    heading nor the signatures stand alone on a page: the table flows over pages as usual, and
    when the signatures do not fit under its end, its last rows go with them to the next page
    (GridTable moves at least two)."""

    def __init__(self, head: list, table: GridTable, signatures: KeepTogether):
        super().__init__()
        self.head, self.table = head, table
        self.tail = list(signatures._content)  # the spacer and the blocks, drawn as one

    def _measure(self, width, height):
        self._heights = [f.wrap(width, height)[1] for f in (*self.head, self.table, *self.tail)]
        return sum(self._heights)

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's signature
        self.width, self.height = availWidth, self._measure(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        y = self.height
        for flowable, height in zip((*self.head, self.table, *self.tail), self._heights,
                                    strict=True):  # fmt: skip
            y -= height
            flowable.drawOn(self.canv, 0, y)

    def split(self, availWidth, availHeight):  # noqa: N803
        total = self._measure(availWidth, availHeight)
        if total <= availHeight:
            return [self]
        head = sum(self._heights[: len(self.head)])
        table = self._heights[len(self.head)]
        # all of the table that fits, but never all of it: its end goes with the signatures
        parts = self.table.split(availWidth, min(availHeight - head, table - 1))
        if len(parts) != 2:
            return []  # start on the next page
        rest = EndsWithSignatures([], parts[1], KeepTogether(self.tail))
        return [*self.head, parts[0], rest]


def skp_story(content: SkpContent) -> list:
    """The flowables of the SKP and its lampiran."""
    signers = content.signers
    story = _letterhead(content, TITLE, content.subtitle)
    story.append(identity_pair("PEGAWAI YANG DINILAI", content.pegawai,
                               "PEJABAT PENILAI KINERJA", content.penilai))  # fmt: skip
    story.append(_heading("HASIL KERJA"))
    rows = []
    for kind, label in KINDS:
        rows.append(Section(label))
        rows += content.results[kind] or [["", DASH, DASH] + [DASH] * 3]
    story.append(grid(_columns(content.jpt), rows))
    story.append(
        EndsWithSignatures(
            [_heading("PERILAKU KERJA")], _behaviour_table(content),
            signature_blocks(*signers, width_mm=WIDTH),
        )
    )  # fmt: skip
    story += [PageBreak(), *_letterhead(content, LAMPIRAN_TITLE)]
    story.append(identity_pair("PEGAWAI YANG DINILAI", content.pegawai,
                               "PEJABAT PENILAI KINERJA", content.penilai))  # fmt: skip
    for name, heading in LAMPIRAN_PARTS:
        story += [Spacer(1, 4 * mm), _lampiran_table(heading, content.lampiran[name])]
    story.append(signature_blocks(*signers, width_mm=WIDTH))
    return story


def skp_document(skp, content: SkpContent | None = None) -> OfficialDocument:
    content = content or skp_content(skp)
    return OfficialDocument(
        title=f"{TITLE} {skp.year}", government=content.government, version=str(content.version),
        printed_at=timezone.localdate(), landscape=True,
    )  # fmt: skip


def skp_pdf(skp) -> bytes:
    """The SKP and its lampiran as a landscape A4 PDF."""
    content = skp_content(skp)
    return skp_document(skp, content).build(skp_story(content))


# --- XLSX ---------------------------------------------------------------------------------------


def skp_xlsx(skp) -> bytes:
    """The same SKP in a workbook, in the PDF's order and columns (numbers stay numbers)."""
    content = skp_content(skp)
    columns = _columns(content.jpt)
    sheet = SheetWriter(
        f"{TITLE} {skp.year}", [6, 40, 40, 14, 44, 20], sheet_title=f"SKP {skp.year}"
    )
    _xlsx_head(sheet, content, TITLE, content.subtitle)
    sheet.line("HASIL KERJA", bold=True)
    rows = []
    for kind, label in KINDS:
        rows.append(Section(label))
        rows += content.results[kind] or [["", DASH, DASH] + [DASH] * 3]
    sheet.table([c.header for c in columns], [_numbered(r) for r in rows])
    sheet.blank()
    sheet.line("PERILAKU KERJA", bold=True)
    start = sheet.row
    rows = [
        [n, name, guides_text(guides), "", expectation, ""]
        for n, (name, guides, expectation) in enumerate(content.behaviours, start=1)
    ]
    sheet.table(["NO", "PERILAKU KERJA", "PANDUAN PERILAKU", "", "EKSPEKTASI KHUSUS PIMPINAN", ""],
                rows)  # fmt: skip
    for row in range(start, sheet.row):
        sheet.sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
        sheet.sheet.merge_cells(start_row=row, start_column=5, end_row=row, end_column=6)
    sheet.signatures(*content.signers)
    sheet.blank()
    _xlsx_head(sheet, content, LAMPIRAN_TITLE)
    for name, heading in LAMPIRAN_PARTS:
        start = sheet.row
        lines = content.lampiran[name]
        sheet.table(["NO", heading, "", "", "", ""],
                    [[n, line, "", "", "", ""] for n, line in enumerate(lines, start=1)]
                    or [["", "", "", "", "", ""]])  # fmt: skip
        for row in range(start, sheet.row):
            sheet.sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        sheet.blank()
    sheet.signatures(*content.signers)
    return sheet.to_bytes()


def _numbered(row):
    """The result number as a number in the workbook, and no "-" for a missing value (a
    spreadsheet would read a leading "-" as a formula, so `safe_cell` would quote it)."""
    if not isinstance(row, list):
        return row
    row = ["" if value == DASH else value for value in row]
    return [int(row[0]), *row[1:]] if row[0].isdigit() else row


def _xlsx_head(sheet: SheetWriter, content: SkpContent, *titles: str) -> None:
    sheet.title(*titles)
    sheet.line(content.government.upper(), bold=True)
    sheet.line(f"PERIODE PENILAIAN: {content.period}", bold=True)
    sheet.blank()
    start = sheet.row
    rows = []
    for n, (key, _label) in enumerate(FIELDS, start=1):
        row = []
        for person in (content.pegawai, content.penilai):
            row += [n, IDENTITY_LABELS[key], (person or {}).get(key) or ""]
        rows.append(row)
    sheet.table(["NO", "PEGAWAI YANG DINILAI", "", "NO", "PEJABAT PENILAI KINERJA", ""], rows)
    sheet.sheet.merge_cells(start_row=start, start_column=2, end_row=start, end_column=3)
    sheet.sheet.merge_cells(start_row=start, start_column=5, end_row=start, end_column=6)
    sheet.blank()
