"""Spreadsheet export shared by every list view: XLSX (openpyxl write-only, so memory stays
flat) and CSV (streamed). Cells that a spreadsheet would run as a formula are neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A value that cannot start a formula in Excel or LibreOffice (OWASP CSV injection). A
    lone "-" (an empty cell on a form) is text in both and stays as it is."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)  # a lazily translated label: openpyxl refuses the proxy
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and value != "-":
        return "'" + value
    return value


# Control characters would end or split the header; slashes would name a path on some clients.
_UNSAFE_IN_FILENAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


def safe_filename(filename: str) -> str:
    """A download name that cannot break out of its header: control characters and path
    separators become "-"; quotes and non-ASCII letters are escaped by
    `content_disposition_header` (RFC 6266 `filename*=` for the latter)."""
    return _UNSAFE_IN_FILENAME.sub("-", str(filename)).strip(" .") or "unduhan"


def _attachment(response, filename: str):
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A generated file (PDF, XLSX) as a download, never rendered inline or cached."""
    return _attachment(HttpResponse(content, content_type=content_type), filename)


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str = "Data"):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([safe_cell(str(h)) for h in headers])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(headers, rows, filename: str, sheet_title: str = "Data") -> HttpResponse:
    return file_response(xlsx_bytes(headers, rows, sheet_title), XLSX_TYPE, filename)


class _Echo:
    def write(self, value):
        return value


def csv_response(headers, rows, filename: str) -> StreamingHttpResponse:
    """Semicolon-separated UTF-8 with BOM: what Excel in an Indonesian locale opens correctly."""
    writer = csv.writer(_Echo(), delimiter=";")

    def generate():
        yield "\ufeff" + writer.writerow([safe_cell(str(h)) for h in headers])
        for row in rows:
            yield writer.writerow([safe_cell(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


ERROR_REPORT_MAX_ROWS = 10_000


def error_report_response(request, filename: str) -> HttpResponse:
    """A refused import's row/column/value/reason report as XLSX. The page posts the rows back
    (field `errors`, JSON), so nothing of a refused file is kept on the server; the caller
    checks who may ask. Malformed input is a 400 with a message, never a server error."""
    try:
        errors = json.loads(request.POST.get("errors", "[]"))[:ERROR_REPORT_MAX_ROWS]
        rows = [[int(r), str(c)[:100], str(v)[:500], str(m)[:500]] for r, c, v, m in errors]
    except (ValueError, TypeError):
        return HttpResponseBadRequest(_("The report could not be read."))
    headers = [_("Row"), _("Column"), _("Value"), _("Reason")]
    return xlsx_response(headers, rows, filename, sheet_title="Kesalahan")
