"""Opening an uploaded ASN list: what kind of file it is, its encoding and separator, its header
row, and then its rows one at a time, so that memory stays flat whatever the file's length.

CSV: UTF-8 with or without BOM, else Windows-1252 (decided once for the whole file, so a
Windows-1252 file holding both `é` and the text `Ã©` reads as written); separators `|`, `;`,
`,` and tab are detected from the header row. XLSX: the first sheet whose first rows hold a NIP
column, read by openpyxl in read-only (streaming) mode; formulas are read as their text, never
evaluated. Files are refused before parsing when their name, size or first bytes do not fit.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from binakinerja.people.importing.columns import (
    NAME,
    NIP,
    UNIT_COLUMNS,
    USED_COLUMNS,
    column_key,
    header_score,
)

ALLOWED_EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx"}
XLSX_MAGIC = b"PK\x03\x04"
DELIMITERS = ["|", ";", ",", "\t"]  # on a tie, SIASN's own `|` wins
HEADER_SEARCH_ROWS = 10  # the header may sit below a title row or two
SNIFF_CHARS = 256 * 1024
CHUNK_BYTES = 1 << 20
MAX_CELL_CHARS = 131072  # the csv module's own limit, stated here so messages can name it
MAX_XLSX_RATIO = 200  # compression ratio beyond which a zip member is treated as a bomb


class FileRejected(Exception):
    """The file as a whole cannot be imported (type, encoding, header). Carries the reason as a
    `ValidationError` and, when one column is at fault, that column's name."""

    def __init__(self, message, code: str, *, column: str = "", **params):
        super().__init__(code)
        self.error = ValidationError(message, code=code, params=params)
        self.column = column


class UnreadableRow(NamedTuple):
    """A row the CSV parser could not split (e.g. a cell longer than MAX_CELL_CHARS)."""

    error: ValidationError


@dataclass
class Table:
    """An opened ASN list: where each used column is, and an iterator over its data rows as
    `(row number, cells)`, where the row number is the one a spreadsheet shows (header = 1 when
    it is the first row)."""

    kind: str
    columns: dict[str, int]
    labels: dict[str, str]
    header_row: int
    rows: Iterator[tuple[int, list | tuple | UnreadableRow]]
    total_estimate: int | None = None
    encoding: str = ""
    delimiter: str = ""
    _closers: list = field(default_factory=list)

    def label(self, key: str) -> str:
        """The column's name as the file writes it (for error reports)."""
        return self.labels.get(key, key)

    def close(self) -> None:
        for closer in self._closers:
            closer()
        self._closers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --- Upload checks (shared by the web form and the command) -----------------------------------


def file_kind(name: str) -> str:
    """`csv` or `xlsx` from the file name; anything else is refused."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        raise FileRejected(
            _("Only .csv and .xlsx files can be imported; %(name)s is neither."),
            "extension",
            name=Path(name or "").name[:100],
        )
    return ALLOWED_EXTENSIONS[suffix]


def _check_xlsx(stream) -> None:
    stream.seek(0)
    if stream.read(4) != XLSX_MAGIC:
        raise FileRejected(
            _("This .xlsx file is not an Excel workbook (it is not a zip archive)."), "xlsx_magic"
        )
    stream.seek(0)
    limit = getattr(settings, "IMPORT_MAX_XLSX_UNPACKED_BYTES", 0) or (
        10 * settings.IMPORT_MAX_UPLOAD_BYTES
    )
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            unpacked = sum(member.file_size for member in members)
            bomb = any(
                member.compress_size and member.file_size / member.compress_size > MAX_XLSX_RATIO
                for member in members
                if member.file_size > CHUNK_BYTES
            )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileRejected(
            _("This .xlsx file is damaged and cannot be opened."), "xlsx_damaged"
        ) from None
    if "xl/workbook.xml" not in names:
        raise FileRejected(
            _("This .xlsx file is a zip archive but not an Excel workbook."), "xlsx_not_workbook"
        )
    if unpacked > limit or bomb:
        raise FileRejected(
            _("This .xlsx file unpacks to more data than an ASN list can hold; it is refused."),
            "xlsx_too_large",
        )


@dataclass
class TextFacts:
    encoding: str
    lines: int


def scan_text(stream) -> TextFacts:
    """Read the whole byte stream once: refuse NUL bytes and non-text, choose UTF-8 (with or
    without BOM) or else Windows-1252, and count lines for progress estimates."""
    stream.seek(0)
    head = stream.read(4)
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise FileRejected(
            _("This file is UTF-16 text; save it again as CSV (UTF-8) and upload that."),
            "utf16",
        )
    stream.seek(0)
    utf8 = codecs.getincrementaldecoder("utf-8")("strict")
    is_utf8, lines, size = True, 0, 0
    while chunk := stream.read(CHUNK_BYTES):
        size += len(chunk)
        if b"\x00" in chunk:
            raise FileRejected(
                _("This file holds binary data (NUL bytes), not CSV text."), "binary"
            )
        lines += chunk.count(b"\n")
        if is_utf8:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                is_utf8 = False
    if size == 0:
        raise FileRejected(_("The file is empty."), "empty")
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    if is_utf8:
        return TextFacts("utf-8-sig" if head[:3] == codecs.BOM_UTF8 else "utf-8", lines)
    stream.seek(0)
    cp1252 = codecs.getincrementaldecoder("cp1252")("strict")
    try:
        while chunk := stream.read(CHUNK_BYTES):
            cp1252.decode(chunk)
    except UnicodeDecodeError:
        raise FileRejected(
            _("This file is not text in UTF-8 or Windows-1252; save it again as CSV (UTF-8)."),
            "not_text",
        ) from None
    return TextFacts("cp1252", lines)


def check_upload(name: str, stream) -> str:
    """Refuse a file by its name and content before it is stored: extension allow-list, the
    zip signature of XLSX, and for CSV text without NUL bytes. Returns `csv` or `xlsx`."""
    kind = file_kind(name)
    stream.seek(0)
    if not stream.read(1):
        raise FileRejected(_("The file is empty."), "empty")
    if kind == "xlsx":
        _check_xlsx(stream)
    else:
        scan_text(stream)
    stream.seek(0)
    return kind


# --- Header ------------------------------------------------------------------------------------


def _map_header(cells) -> tuple[dict[str, int], dict[str, str]]:
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, cell in enumerate(cells):
        key = column_key(cell)
        if key not in USED_COLUMNS:
            continue
        if key in columns:
            raise FileRejected(
                _("Column %(column)s appears more than once in the header."),
                "duplicate_column",
                column=str(cell),
            )
        columns[key] = index
        labels[key] = str(cell).replace("\ufeff", "").strip()
    if NAME not in columns:
        raise FileRejected(
            _("The file has no NAMA column; the header row must name it."),
            "missing_column",
            column=NAME,
        )
    if not any(key in columns for key in UNIT_COLUMNS):
        raise FileRejected(
            _("The file has neither a UNOR ID nor a UNOR NAMA column, so no unit can be found."),
            "missing_column",
            column="UNOR ID",
        )
    return columns, labels


def _no_header() -> FileRejected:
    return FileRejected(
        _(
            "No header row with a NIP BARU (or NIP) column was found in the first %(count)d "
            "rows; check that the file is an ASN list."
        ),
        "no_header",
        column=NIP,
        count=HEADER_SEARCH_ROWS,
    )


# --- CSV ---------------------------------------------------------------------------------------


def _sniff_csv(path: Path, encoding: str) -> tuple[str, int, list[str]]:
    """(delimiter, header record index, header cells): the separator under which one of the
    first rows names the most used columns."""
    with open(path, encoding=encoding, newline="", errors="strict") as handle:
        sample = handle.read(SNIFF_CHARS)
    best = (0, 0, "", 0, [])
    for preference, delimiter in enumerate(reversed(DELIMITERS)):
        reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
        try:
            for index, cells in enumerate(reader):
                if index >= HEADER_SEARCH_ROWS:
                    break
                score = header_score(cells)
                if (score, preference) > best[:2]:
                    best = (score, preference, delimiter, index, cells)
        except csv.Error:
            continue
    score, _preference, delimiter, index, cells = best
    if not score:
        raise _no_header()
    return delimiter, index, cells


def _csv_rows(path: Path, encoding: str, delimiter: str, header_index: int, width: int):
    """Data rows as `(record number, cells)`. A line without a quotation mark is split on the
    separator directly: for such a line that is exactly what the csv module returns, at a third
    of its cost. Lines with quotation marks (quoted separators, line breaks inside a cell) and
    over-long lines go through the csv module, which reads on from the same lines."""
    with open(path, encoding=encoding, newline="") as handle:
        lines = iter(handle)
        pending: list[str] = []

        def feed():  # the csv module's source: the line at hand, then the following ones
            while True:
                if pending:
                    yield pending.pop()
                else:
                    line = next(lines, None)
                    if line is None:
                        return
                    yield line

        reader = csv.reader(feed(), delimiter=delimiter)
        number = 0
        for line in lines:
            number += 1
            if '"' not in line and len(line) <= MAX_CELL_CHARS:
                cells = line.rstrip("\r\n").split(delimiter)
            else:
                pending.append(line)
                try:
                    cells = next(reader)
                except StopIteration:  # pragma: no cover - the line at hand is always there
                    return
                except csv.Error:
                    yield (
                        number,
                        UnreadableRow(
                            ValidationError(
                                _(
                                    "This row cannot be read: a cell is longer than %(limit)d "
                                    "characters or a quotation mark is not closed."
                                ),
                                code="row_unreadable",
                                params={"limit": MAX_CELL_CHARS},
                            )
                        ),
                    )
                    continue
            if number <= header_index + 1 or not any(cells):
                continue
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            yield number, cells


def _open_csv(path: Path) -> Table:
    with open(path, "rb") as raw:
        facts = scan_text(raw)
    delimiter, header_index, header = _sniff_csv(path, facts.encoding)
    columns, labels = _map_header(header)
    width = max(columns.values()) + 1
    return Table(
        kind="csv",
        columns=columns,
        labels=labels,
        header_row=header_index + 1,
        rows=_csv_rows(path, facts.encoding, delimiter, header_index, width),
        total_estimate=max(facts.lines - header_index - 1, 0) or None,
        encoding=facts.encoding,
        delimiter=delimiter,
    )


# --- XLSX --------------------------------------------------------------------------------------


def _xlsx_rows(sheet, header_row: int, width: int):
    number = header_row
    try:
        for cells in sheet.iter_rows(min_row=header_row + 1, values_only=True):
            number += 1
            if not any(value is not None and value != "" for value in cells):
                continue
            if len(cells) < width:
                cells = tuple(cells) + (None,) * (width - len(cells))
            yield number, cells
    except Exception:  # damage found while streaming: report it as a row, never a crash
        yield (
            number + 1,
            UnreadableRow(
                ValidationError(
                    _("The sheet cannot be read from this row on; the file is damaged."),
                    code="xlsx_damaged",
                )
            ),
        )


def _open_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    with open(path, "rb") as raw:
        _check_xlsx(raw)
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on damaged files; all mean the same here
        raise FileRejected(
            _("This .xlsx file is damaged and cannot be opened."), "xlsx_damaged"
        ) from None
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
            for index, cells in enumerate(rows, start=1):
                if header_score(cells):
                    columns, labels = _map_header(cells)
                    total = sheet.max_row - index if sheet.max_row else None
                    return Table(
                        kind="xlsx",
                        columns=columns,
                        labels=labels,
                        header_row=index,
                        rows=_xlsx_rows(sheet, index, max(columns.values()) + 1),
                        total_estimate=total if total and total > 0 else None,
                        _closers=[workbook.close],
                    )
    except FileRejected:
        workbook.close()
        raise
    except Exception:  # a malformed sheet: same message as a damaged file
        workbook.close()
        raise FileRejected(
            _("This .xlsx file is damaged and cannot be opened."), "xlsx_damaged"
        ) from None
    workbook.close()
    raise _no_header()


def open_table(path, *, name: str | None = None) -> Table:
    """Open a stored upload. `name` (the uploader's file name) decides CSV or XLSX; the content
    must agree. Raises FileRejected when the file as a whole cannot be read."""
    path = Path(path)
    kind = file_kind(name or path.name)
    if path.stat().st_size == 0:
        raise FileRejected(_("The file is empty."), "empty")
    return _open_xlsx(path) if kind == "xlsx" else _open_csv(path)
