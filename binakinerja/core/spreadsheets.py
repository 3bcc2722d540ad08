"""Reading uploaded XLSX files for the all-or-nothing imports: header matching by name, blank
rows skipped, a row limit, and the cell conversions every import shares."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")


def xlsx_upload_error(upload) -> str | None:
    """Why an uploaded file cannot be read as an import (none, not .xlsx, too large), or None:
    checked before the file is opened."""
    if upload is None or not upload.name.lower().endswith(".xlsx"):
        return _("Choose an .xlsx file.")
    if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
        return _("The file is too large.")
    return None


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


def xlsx_rows(
    upload,
    *,
    columns: Sequence[str],
    required: Sequence[str],
    max_rows: int,
    aliases: Mapping[str, str] | None = None,
    required_one_of: Sequence[str] = (),
) -> Iterator[tuple[int, dict]]:
    """(sheet row number, {column: value}) of the first sheet's non-blank rows.

    ValidationError (raised before or while iterating) for a file that is not a workbook, a
    header without a required column (or none of `required_one_of`), or more than `max_rows`."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("This file is not a readable Excel workbook (.xlsx).")) from error
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [header_key(cell, aliases) for cell in next(rows, [])]
    missing = [c for c in required if c not in header]
    if required_one_of and not any(c in header for c in required_one_of):
        missing.append(" / ".join(required_one_of))
    if missing:
        raise ValidationError(
            _("The header row lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}
        )
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
