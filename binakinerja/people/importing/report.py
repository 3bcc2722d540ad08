"""The error report of an ASN import: one entry per bad cell (row, column, value, reason).

Reasons are kept as the untranslated message and its parameters, and translated when shown, so
the same stored report reads in Bahasa Indonesia or English as the reader chooses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from binakinerja.core.exporting import xlsx_bytes

MAX_VALUE_CHARS = 200  # a reported cell value is cut to this length (a hostile 10 MB cell…)
DEFAULT_MAX_REPORTED = 10_000


def max_reported_errors() -> int:
    return getattr(settings, "IMPORT_MAX_REPORTED_ERRORS", DEFAULT_MAX_REPORTED)


def _shown(value) -> str:
    if value is None:
        return ""
    value = str(value)
    return value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad cell. `row` is the spreadsheet row number (None for the file as a whole)."""

    row: int | None
    column: str
    value: str
    code: str
    message: str  # untranslated
    params: dict

    @classmethod
    def from_error(cls, row, column: str, value, error: ValidationError) -> list[RowError]:
        with translation.override(None):  # keep the English msgid, translate when shown
            return [
                cls(
                    row=row,
                    column=column,
                    value=_shown(value),
                    code=item.code or "invalid",
                    message=str(item.message),
                    params={k: _plain(v) for k, v in (item.params or {}).items()},
                )
                for item in error.error_list
            ]

    @property
    def reason(self) -> str:
        text = gettext(self.message)
        return text % self.params if self.params else text

    def as_json(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "code": self.code,
            "message": self.message,
            "params": self.params,
        }

    @classmethod
    def from_json(cls, data: dict) -> RowError:
        return cls(
            row=data.get("row"),
            column=data.get("column", ""),
            value=data.get("value", ""),
            code=data.get("code", ""),
            message=data.get("message", ""),
            params=data.get("params") or {},
        )


def _plain(value):
    return value if isinstance(value, int | float | str) else str(value)


@dataclass
class ErrorCollector:
    """Keeps the first `limit` errors and counts them all."""

    limit: int = field(default_factory=max_reported_errors)
    errors: list[RowError] = field(default_factory=list)
    count: int = 0
    rows: set = field(default_factory=set)

    def add(self, row, column: str, value, error: ValidationError) -> None:
        for entry in RowError.from_error(row, column, value, error):
            self.count += 1
            self.rows.add(row)
            if len(self.errors) < self.limit:
                self.errors.append(entry)

    @property
    def rows_with_errors(self) -> int:
        return len(self.rows)


REPORT_HEADERS = [_("Row"), _("Column"), _("Value"), _("Reason")]


def report_rows(errors: list[RowError]):
    for error in errors:
        yield [error.row if error.row is not None else "", error.column, error.value, error.reason]


def report_xlsx(errors: list[RowError]) -> bytes:
    """The report as an XLSX workbook; values that look like formulas are neutralised."""
    return xlsx_bytes(
        [str(h) for h in REPORT_HEADERS], report_rows(errors), sheet_title=str(_("Errors"))
    )
