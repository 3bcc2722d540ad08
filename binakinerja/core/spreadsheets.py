"""The skeleton of every all-or-nothing spreadsheet import.

An import reads its file with `xlsx_rows` (or `read_table` + `require_columns` + `table_rows`
when it also takes CSV or picks its layout from the header), checks every row, and reports each
refused cell on an `ImportResult` (`result.error(row, column, value, reason)`, one `RowError`
each). Only when no row was refused does it write, through its app's services, in one
transaction. Columns are matched by name (`header_key`: case, spacing and underscores
ignored, plus aliases), blank rows are skipped, and a row limit keeps memory bounded."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from binakinerja.core.signals import figures_changed_by

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")
MAX_SHOWN_VALUE = 200  # characters of a refused cell the report repeats


class RowError(NamedTuple):
    """One refused cell: sheet row number, column name, the value as written, and why."""

    row: int
    column: str
    value: str
    reason: str


@dataclass
class ImportResult:
    """What an all-or-nothing import reports: its row errors (then nothing was written) or
    what it wrote. Imports with more to count subclass it with their own counters."""

    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    max_errors: int | None = None  # stop listing after this many (the report says so)
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, value, reason) -> None:
        """Refuse one cell of the file."""
        if self.max_errors is not None and len(self.errors) >= self.max_errors:
            self.truncated = True
            return
        self.errors.append(RowError(row, column, cell_text(value)[:MAX_SHOWN_VALUE], str(reason)))

    @property
    def errors_json(self) -> str:
        """The errors for the page's error-report download (`exporting.error_report_response`);
        "" when there are none."""
        return json.dumps(self.errors) if self.errors else ""


def xlsx_upload_error(upload, *, allow_csv: bool = False) -> str | None:
    """Why an uploaded file cannot be read as an import (none, not .xlsx — or .csv when
    `allow_csv` —, too large), or None: checked before the file is opened."""
    if upload is None or not upload.name.lower().endswith(
        (".xlsx", ".csv") if allow_csv else ".xlsx"
    ):
        return _("Choose an .xlsx or .csv file.") if allow_csv else _("Choose an .xlsx file.")
    if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
        return _("The file is too large.")
    return None


def import_upload(
    request, run: Callable[[object], ImportResult], *, allow_csv: bool = False
) -> ImportResult | None:
    """The POST half of every import page: refuse an upload that is missing, of another type or
    too large; run `run(upload)`; show a file-level refusal (a ValidationError: unreadable
    file, missing columns, no rows) as a message; after rows were written, tell the monitoring
    (`core.signals.figures_changed`) so its figures catch up. Returns the import's result (its
    row errors, or what it wrote), or None when nothing was imported."""
    upload = request.FILES.get("file")
    if problem := xlsx_upload_error(upload, allow_csv=allow_csv):
        messages.error(request, problem)
        return None
    try:
        result = run(upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    if result.ok and (result.created or result.updated):
        figures_changed_by(import_upload, request.user)
    return result


def header_key(name, aliases: Mapping[str, str] | None = None) -> str:
    """A column name with case, spacing and underscores ignored ('Tanggal_lahir' → 'TANGGAL
    LAHIR'), then mapped through `aliases`."""
    key = re.sub(r"[\s_]+", " ", str(name or "")).strip().upper()
    return (aliases or {}).get(key, key)


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A cell as the error report shows it (dates as ISO dates)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return "" if value is None else str(value)


def cell_date(value, formats: Sequence[str] = DATE_FORMATS) -> dt.date:
    """A date cell (a date, or text in one of `formats`); ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(value)


def require_columns(
    header: Sequence[str], *, required: Iterable[str] = (), one_of: Iterable[Sequence[str]] = ()
) -> None:
    """Refuse a header (keys from `header_key`) without every `required` column, or without
    at least one column of each `one_of` group (e.g. a code or a name)."""
    missing = [column for column in required if column not in header]
    missing += [" / ".join(group) for group in one_of if not any(c in header for c in group)]
    if missing:
        raise ValidationError(
            _("The header row lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}
        )


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file's text encoding cannot be read; save it as UTF-8 CSV."))


def read_table(
    upload, *, name: str = "", aliases: Mapping[str, str] | None = None
) -> tuple[list[str], Iterator[Sequence]]:
    """(header keys, the rows below the header) of the first sheet of an .xlsx, or of a CSV
    file when `name` ends with .csv (UTF-8 or Windows-1252; separator ; , tab or | taken from
    the header line). ValidationError for a file that cannot be read."""
    if name.lower().endswith(".csv"):
        text = _decode(upload.read())
        first = text.split("\n", 1)[0]
        rows: Iterator[Sequence] = csv.reader(
            io.StringIO(text), delimiter=max(";,\t|", key=first.count)
        )
    else:
        try:
            workbook = load_workbook(upload, read_only=True, data_only=True)
            rows = workbook.worksheets[0].iter_rows(values_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError(
                _("This file is not a readable Excel workbook (.xlsx).")
            ) from error
    return [header_key(cell, aliases) for cell in next(rows, [])], rows


def table_rows(
    header: Sequence[str], rows: Iterable[Sequence], *, columns: Sequence[str], max_rows: int
) -> Iterator[tuple[int, dict]]:
    """(sheet row number, {column: value}) of the non-blank `rows` below `header`, for the
    `columns` the header has; ValidationError once there are more than `max_rows`."""
    index = {name: header.index(name) for name in columns if name in header}
    for number, row in enumerate(rows, start=2):
        if number > max_rows + 1:
            raise ValidationError(
                _("The file has more than %(max)d rows; split it into smaller files.")
                % {"max": max_rows}
            )
        if all(is_blank(v) for v in row):
            continue
        yield number, {name: row[i] if i < len(row) else None for name, i in index.items()}


def xlsx_rows(
    upload,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    max_rows: int,
    aliases: Mapping[str, str] | None = None,
    required_one_of: Iterable[Sequence[str]] = (),
) -> Iterator[tuple[int, dict]]:
    """(sheet row number, {column: value}) of the first sheet's non-blank rows.

    ValidationError (raised before or while iterating) for a file that is not a workbook, a
    header without a required column (or without any column of a `required_one_of` group),
    or more than `max_rows`."""
    header, rows = read_table(upload, aliases=aliases)
    require_columns(header, required=required, one_of=required_one_of)
    yield from table_rows(header, rows, columns=columns, max_rows=max_rows)


def require_rows(items) -> None:
    """Refuse a file that had no filled-in row at all."""
    if not items:
        raise ValidationError(_("The file has no filled-in rows."))
