"""The import skeleton every all-or-nothing import shares (core.spreadsheets)."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from binakinerja.core.spreadsheets import (
    ImportResult,
    RowError,
    read_table,
    require_columns,
    require_rows,
    table_rows,
    xlsx_rows,
)


def xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("x.xlsx", buffer.getvalue())


def test_a_result_collects_row_errors_with_the_value_as_the_sheet_shows_it():
    result = ImportResult()
    assert result.ok
    result.error(3, "TANGGAL", dt.datetime(2026, 1, 31, 8), "in the future")
    result.error(4, "NIP", None, "empty")
    result.error(5, "SARAN", "x" * 500, "too long")
    assert not result.ok
    assert result.errors[0] == RowError(3, "TANGGAL", "2026-01-31", "in the future")
    assert result.errors[1] == (4, "NIP", "", "empty")
    assert len(result.errors[2].value) == 200
    assert json.loads(result.errors_json)[0] == [3, "TANGGAL", "2026-01-31", "in the future"]


def test_a_result_with_an_error_limit_stops_listing_and_says_so():
    result = ImportResult(max_errors=2)
    for row in range(2, 6):
        result.error(row, "A", row, "bad")
    assert [e.row for e in result.errors] == [2, 3]
    assert result.truncated


def test_missing_columns_and_either_or_groups_are_named():
    header = ["NIP", "LEVEL", "UNIT KERJA"]
    require_columns(header, required=["NIP"], one_of=[("KODE UNIT", "UNIT KERJA")])
    with pytest.raises(ValidationError) as refused:
        require_columns(
            header, required=["NIP", "TANGGAL"], one_of=[("KODE", "NAMA"), ("KODE UNIT", "UNIT")]
        )
    message = refused.value.messages[0]
    assert "TANGGAL" in message and "KODE / NAMA" in message and "KODE UNIT / UNIT" in message


def test_rows_are_mapped_by_header_name_and_blank_rows_skipped():
    upload = xlsx([["nip ", "Level", "Other"], ["1", 3, "x"], [None, " ", None], ["2", None]])
    rows = list(xlsx_rows(upload, columns=["NIP", "LEVEL"], required=["NIP"], max_rows=10))
    assert rows == [(2, {"NIP": "1", "LEVEL": 3}), (4, {"NIP": "2", "LEVEL": None})]


def test_more_rows_than_the_limit_are_refused():
    upload = xlsx([["NIP"], ["1"], ["2"], ["3"]])
    with pytest.raises(ValidationError):
        list(xlsx_rows(upload, columns=["NIP"], required=["NIP"], max_rows=2))


def test_a_csv_table_is_read_with_its_own_separator_and_encoding():
    upload = SimpleUploadedFile("x.csv", "Tanggal;Layanan\n01/02/2026;Poli Umum\n".encode("cp1252"))
    header, rows = read_table(upload, name="x.csv")
    assert header == ["TANGGAL", "LAYANAN"]
    assert list(table_rows(header, rows, columns=["LAYANAN"], max_rows=5)) == [
        (2, {"LAYANAN": "Poli Umum"})
    ]


def test_an_unreadable_workbook_and_an_empty_file_are_refused():
    with pytest.raises(ValidationError):
        read_table(SimpleUploadedFile("x.xlsx", b"not a zip"))
    with pytest.raises(ValidationError):
        require_rows([])
    require_rows([1])
