"""The SIASN ASN-list import (binakinerja/people/importing): file reading, every cell rule,
all-or-nothing writes, upserts with audit and career history, scope, hostile files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from binakinerja.core.exporting import safe_cell
from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_nip
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.importing import cells
from binakinerja.people.importing.columns import SIASN_COLUMNS, column_key, header_score
from binakinerja.people.importing.reading import FileRejected, check_upload
from binakinerja.people.importing.report import report_xlsx
from binakinerja.people.importing.service import employee_import
from binakinerja.people.models import CareerHistory, Employee, Position
from binakinerja.people.rules import parse_nip
from binakinerja.people.services import AUDITED_FIELDS as AUDITED

# --- helpers -----------------------------------------------------------------------------------


def siasn_row(**values) -> dict:
    """A valid SIASN row for a nurse at Puskesmas Limboto; keyword arguments override cells
    (use spaces in names through a dict: row(**{"NIP BARU": ...}))."""
    nip = values.pop("nip", None) or make_nip()
    row = {
        "PNS ID": "8ae48287-f1c0-4a5a-9e3c-000000000001",
        "NIP BARU": "'" + nip,
        "NAMA": "BUDI SANTOSO",
        "GELAR BELAKANG": "S.Kep.",
        "TEMPAT LAHIR NAMA": "GORONTALO",
        "TANGGAL LAHIR": f"{nip[6:8]}-{nip[4:6]}-{nip[0:4]}",
        "JENIS KELAMIN": "M" if nip[14] == "1" else "F",
        "NIK": "7501012609860001",
        "NOMOR HP": "081234567890",
        "NPWP NOMOR": "12.345.678.9-012.000",
        "BPJS": "0001234567890",
        "JENIS PEGAWAI NAMA": "PNS Daerah",
        "KEDUDUKAN HUKUM ID": "01",
        "KEDUDUKAN HUKUM NAMA": "Aktif",
        "STATUS CPNS PNS": "P",
        "TMT CPNS": f"01-{nip[12:14]}-{nip[8:12]}",
        "GOL AKHIR ID": "32",
        "GOL AKHIR NAMA": "III/b",
        "TMT GOLONGAN": "01-04-2018",
        "JENIS JABATAN ID": "2",
        "JENIS JABATAN NAMA": "Jabatan Fungsional Tertentu",
        "JABATAN NAMA": "Perawat Ahli Pertama",
        "TMT JABATAN": "01-01-2019",
        "TINGKAT PENDIDIKAN ID": "40",
        "TINGKAT PENDIDIKAN NAMA": "S-1",
        "PENDIDIKAN NAMA": "S1 Keperawatan",
        "UNOR ID": "",
        "UNOR NAMA": "Puskesmas Limboto",
        "INSTANSI KERJA NAMA": "Pemerintah Provinsi Gorontalo",
    }
    row.update(values)
    return row


def csv_bytes(rows, *, sep="|", columns=None, encoding="utf-8", header=None) -> bytes:
    columns = columns or SIASN_COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header or columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, columns=None, types=None) -> bytes:
    """An XLSX with the given rows; `types` maps a column to a converter for its cells
    (e.g. real dates or numbers, as Excel would store them)."""
    columns = columns or SIASN_COLUMNS
    types = types or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append(
            [types.get(c, lambda v: v)(row.get(c)) if row.get(c) != "" else None for c in columns]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(tmp_path, data: bytes, *, name="asn.csv", actor=None, **options):
    path = tmp_path / name
    path.write_bytes(data)
    return employee_import(actor=actor, path=path, name=name, **options)


def reasons(result) -> list[str]:
    with translation.override("en"):
        return [f"{e.row}|{e.column}|{e.reason}" for e in result.errors]


def registered(employee: Employee) -> Employee:
    """core.testing derives fixture birth dates from a global counter, which drifts past the
    present in a long session; give the fixture employee a valid NIP before importing it."""
    try:
        parse_nip(employee.nip)
    except ValidationError:
        employee.nip = make_nip(gender=1 if employee.gender == "L" else 2)
        employee.birth_date = dt.date(1986, 9, 26)
        employee.save(update_fields=["nip", "birth_date"])
    return employee


def counts():
    return (
        Employee.objects.count(),
        AuditLog.objects.count(),
        CareerHistory.objects.count(),
        Position.objects.count(),
        OrgUnit.objects.count(),
    )


# --- the happy path ----------------------------------------------------------------------------


def test_import_creates_employees_with_audit_and_no_career_history(world, tmp_path):
    nip = make_nip(birth=dt.date(1990, 5, 17), tmt=(2015, 3), gender=2)
    result = run(tmp_path, csv_bytes([siasn_row(nip=nip, NAMA="SITI AMINAH")]))
    assert result.ok, reasons(result)
    assert (result.created, result.updated, result.rows) == (1, 0, 1)
    employee = Employee.objects.get(nip=nip)
    assert employee.name == "SITI AMINAH"
    assert employee.gender == "P"
    assert employee.status == "PNS"
    assert employee.birth_date == dt.date(1990, 5, 17)
    assert employee.tmt_cpns == dt.date(2015, 3, 1)
    assert employee.golongan == "III/b"
    assert employee.tmt_golongan == dt.date(2018, 4, 1)
    assert employee.unit == world.puskesmas
    assert employee.position.name == "Perawat Ahli Pertama"
    assert (employee.position.kind, employee.position.level) == (
        "fungsional_keahlian",
        "ahli_pertama",
    )
    assert employee.state == "aktif"
    assert employee.education_level == "40"
    assert employee.education_major == "S1 Keperawatan"
    assert employee.birth_place == "GORONTALO"
    assert employee.version == 1
    assert employee.phone == ""  # NOMOR HP is never imported (UU PDP minimisation)
    audit = AuditLog.objects.get(object_type="people.employee", object_id=str(employee.pk))
    assert audit.action == "create"
    assert audit.actor_label == "system"
    assert audit.changes["name"] == [None, "SITI AMINAH"]
    assert audit.changes["unit"] == [None, "Puskesmas Limboto"]
    assert audit.object_repr == str(employee)
    assert audit.changes["golongan"] == [None, "III/b"]
    assert audit.changes["tmt_golongan"] == [None, "2018-04-01"]
    assert "7501012609860001" not in str(audit.changes)
    assert "phone" not in audit.changes  # a creation lists only the fields that have a value
    assert not employee.history.exists()  # career history records changes, not registration
    assert AuditLog.objects.filter(action="import").count() == 1


def test_import_reads_pppk_nip_without_tmt_cpns(world, tmp_path):
    nip = "200012312024211001"
    row = siasn_row(nip=nip, **{"GOL AKHIR ID": "", "GOL AKHIR NAMA": "IX", "TMT CPNS": ""})
    row["JENIS KELAMIN"] = "M"
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    employee = Employee.objects.get(nip=nip)
    assert (employee.status, employee.golongan, employee.tmt_cpns) == ("PPPK", "IX", None)


def test_dry_run_reports_counts_but_writes_nothing(world, tmp_path):
    before = counts()
    result = run(tmp_path, csv_bytes([siasn_row(), siasn_row()]), dry_run=True)
    assert result.ok and result.created == 2
    assert counts() == before


# --- encodings and separators ------------------------------------------------------------------


def test_utf8_without_bom(world, tmp_path):
    nip = make_nip()
    result = run(tmp_path, csv_bytes([siasn_row(nip=nip, NAMA="JOSÉ MOKOGINTA")]))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).name == "JOSÉ MOKOGINTA"


@pytest.mark.parametrize("first_column", ["PNS ID", "NIP BARU"])
def test_utf8_with_bom_even_on_the_nip_column(world, tmp_path, first_column):
    nip = make_nip()
    columns = [first_column] + [c for c in SIASN_COLUMNS if c != first_column]
    data = b"\xef\xbb\xbf" + csv_bytes([siasn_row(nip=nip, NAMA="RÉNI")], columns=columns)
    result = run(tmp_path, data)
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).name == "RÉNI"


def test_windows_1252_reads_accents_and_keeps_mojibake_text_as_written(world, tmp_path):
    first, second = make_nip(), make_nip()
    data = csv_bytes(
        [siasn_row(nip=first, NAMA="JOSé"), siasn_row(nip=second, NAMA="ANDRÃ© LAMATENGGO")],
        encoding="cp1252",
    )
    result = run(tmp_path, data)
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=first).name == "JOSé"
    assert Employee.objects.get(nip=second).name == "ANDRÃ© LAMATENGGO"


@pytest.mark.parametrize("sep", ["|", ";", ",", "\t"])
def test_each_separator_is_detected(world, tmp_path, sep):
    nip = make_nip()
    row = siasn_row(nip=nip, NAMA="ABDUL, HARUN; JR | TAB")
    result = run(tmp_path, csv_bytes([row], sep=sep))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).name == "ABDUL, HARUN; JR | TAB"


def test_columns_are_found_by_name_in_any_order_and_any_spelling(world, tmp_path):
    nip = make_nip()
    columns = ["nip_baru", "Unor Nama", "nama", "Kolom Lain", "gol_akhir_nama", "JENIS-KELAMIN"]
    row = {
        "nip_baru": nip,
        "Unor Nama": "puskesmas limboto",
        "nama": "RINA",
        "Kolom Lain": "x",
        "gol_akhir_nama": "III/A",
        "JENIS-KELAMIN": "L",
    }
    result = run(tmp_path, csv_bytes([row], sep=";", columns=columns))
    assert result.ok, reasons(result)
    employee = Employee.objects.get(nip=nip)
    assert (employee.name, employee.golongan, employee.unit) == ("RINA", "III/a", world.puskesmas)
    assert employee.position is None  # no JABATAN column: untouched


def test_header_below_a_title_row_is_found(world, tmp_path):
    nip = make_nip()
    data = b"DAFTAR ASN DINAS KESEHATAN|||\r\n" + csv_bytes([siasn_row(nip=nip)])
    result = run(tmp_path, data)
    assert result.ok, reasons(result)
    assert Employee.objects.filter(nip=nip).exists()


def test_row_numbers_are_spreadsheet_rows(world, tmp_path):
    data = csv_bytes([siasn_row(), siasn_row(NAMA=""), siasn_row()])
    result = run(tmp_path, data)
    assert reasons(result) == ["3|NAMA|The name is empty."]


def test_blank_words_and_apostrophes(world, tmp_path):
    nip = make_nip()
    row = siasn_row(
        nip=nip,
        **{
            "GELAR DEPAN": "null",
            "GELAR BELAKANG": "-",
            "KEDUDUKAN HUKUM ID": "'01",
            "GOL AKHIR ID": "'33",
            "TINGKAT PENDIDIKAN ID": "'45",
        },
    )
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    employee = Employee.objects.get(nip=nip)
    assert (employee.gelar_depan, employee.gelar_belakang) == ("", "")
    assert (employee.golongan, employee.education_level) == ("III/c", "45")


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26-09-1986", dt.date(1986, 9, 26)),
        ("26.09.1986", dt.date(1986, 9, 26)),
        ("1986-09-26", dt.date(1986, 9, 26)),
        ("1986-09-26 00:00:00", dt.date(1986, 9, 26)),
        ("26/09/1986", dt.date(1986, 9, 26)),
        ("9/26/1986", dt.date(1986, 9, 26)),
        ("9/26/1986 12:00:00 AM", dt.date(1986, 9, 26)),
        ("26 September 1986", dt.date(1986, 9, 26)),
        ("26 Agustus 1986", dt.date(1986, 8, 26)),
        ("19860926", dt.date(1986, 9, 26)),
        ("44652", dt.date(2022, 4, 1)),
        ("44652.0", dt.date(2022, 4, 1)),
        ("'26-09-1986", dt.date(1986, 9, 26)),
        (44652, dt.date(2022, 4, 1)),
        (dt.datetime(2022, 4, 1, 0, 0), dt.date(2022, 4, 1)),
    ],
)
def test_date_forms(text, expected):
    reading = cells.read_date(text)
    assert reading[0] == expected


def test_excel_serial_numbers_match_excel():
    assert cells.read_date("1")[0] == dt.date(1900, 1, 1)
    assert cells.read_date("59")[0] == dt.date(1900, 2, 28)
    assert cells.read_date("61")[0] == dt.date(1900, 3, 1)
    assert cells.read_date("31681")[0] == dt.date(1986, 9, 26)
    with pytest.raises(ValidationError):
        cells.read_date("60")  # Excel's 29 February 1900 never existed


def test_slash_date_with_both_parts_under_13_is_ambiguous():
    reading = cells.read_date("05/09/1986")
    assert isinstance(reading, cells.AmbiguousDate)
    assert (reading.day_first, reading.month_first) == (dt.date(1986, 9, 5), dt.date(1986, 5, 9))


@pytest.mark.parametrize(
    "text", ["31-02-2020", "2020-13-01", "kemarin", "1.98609E+17", "00-00-0000"]
)
def test_bad_dates_are_refused(text):
    with pytest.raises(ValidationError):
        cells.read_date(text)


@pytest.mark.parametrize(
    ("birth", "birth_cell", "tmt_cell", "expected"),
    [
        # The NIP's birth date shows the row writes day first …
        (dt.date(1986, 9, 5), "05/09/1986", "01/04/2018", dt.date(2018, 4, 1)),
        # … or month first (US Excel), and the other dates of the row follow it.
        (dt.date(1986, 5, 9), "05/09/1986", "01/04/2018", dt.date(2018, 1, 4)),
        # An unambiguous date of the same row settles it too.
        (dt.date(1986, 9, 26), "9/26/1986", "4/1/2018", dt.date(2018, 4, 1)),
        (dt.date(1986, 9, 26), "26/09/1986", "01/04/2018", dt.date(2018, 4, 1)),
    ],
)
def test_nip_and_row_settle_ambiguous_dates(world, tmp_path, birth, birth_cell, tmt_cell, expected):
    nip = make_nip(birth=birth)
    row = siasn_row(
        nip=nip,
        **{
            "TANGGAL LAHIR": birth_cell,
            "TMT GOLONGAN": tmt_cell,
            "TMT CPNS": "",
            "TMT JABATAN": "",
        },
    )
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).tmt_golongan == expected


def test_tmt_cpns_settles_through_the_nip_month(world, tmp_path):
    nip = make_nip(birth=dt.date(1986, 9, 26), tmt=(2010, 3))
    row = siasn_row(
        nip=nip,
        **{"TANGGAL LAHIR": "26-09-1986", "TMT CPNS": "01/03/2010", "TMT GOLONGAN": "02/04/2018"},
    )
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    employee = Employee.objects.get(nip=nip)
    assert (employee.tmt_cpns, employee.tmt_golongan) == (dt.date(2010, 3, 1), dt.date(2018, 4, 2))


def test_unsettled_ambiguous_date_refuses_the_row(world, tmp_path):
    row = siasn_row(**{"TMT GOLONGAN": "01/04/2018"})
    result = run(tmp_path, csv_bytes([row]))
    assert reasons(result) == [
        "2|TMT GOLONGAN|Date 01/04/2018 is ambiguous (day/month) and the NIP does not settle "
        "it; write it as dd-mm-yyyy."
    ]
    assert not Employee.objects.filter(name="BUDI SANTOSO").exists()


def test_birth_date_must_agree_with_the_nip(world, tmp_path):
    nip = make_nip(birth=dt.date(1986, 9, 26))
    result = run(tmp_path, csv_bytes([siasn_row(nip=nip, **{"TANGGAL LAHIR": "27-09-1986"})]))
    assert reasons(result) == [
        "2|TANGGAL LAHIR|Birth date 27-09-1986 differs from the birth date in the NIP (26-09-1986)."
    ]


def test_implausible_tmt_is_refused(world, tmp_path):
    result = run(tmp_path, csv_bytes([siasn_row(**{"TMT JABATAN": "01-01-1950"})]))
    assert [e.code for e in result.errors] == ["date_implausible"]


# --- NIP ---------------------------------------------------------------------------------------


def test_nip_in_scientific_notation_is_refused_with_a_clear_message(world, tmp_path):
    result = run(tmp_path, csv_bytes([siasn_row(**{"NIP BARU": "1.98609E+17"})]))
    assert [e.code for e in result.errors] == ["nip_scientific"]
    assert "stored by Excel as a number" in reasons(result)[0]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("19860926201001100", "nip_length"),
        ("1986092620100110011", "nip_length"),
        ("19860931201001 1 001", "nip_birth_date"),
        ("19860926 201001 3 001", "nip_gender"),
        ("ABC", "nip_not_digits"),
        ("", "nip_empty"),
    ],
)
def test_bad_nips_are_refused(world, tmp_path, value, code):
    result = run(tmp_path, csv_bytes([siasn_row(**{"NIP BARU": value})]))
    assert code in [e.code for e in result.errors]


def test_nip_with_spaces_and_apostrophe_is_read(world, tmp_path):
    result = run(tmp_path, csv_bytes([siasn_row(**{"NIP BARU": "'19860926 201001 1 777"})]))
    assert result.ok, reasons(result)
    assert Employee.objects.filter(nip="198609262010011777").exists()


def test_the_same_nip_twice_is_refused(world, tmp_path):
    nip = make_nip()
    result = run(tmp_path, csv_bytes([siasn_row(nip=nip), siasn_row(nip=nip)]))
    assert [(e.row, e.code) for e in result.errors] == [(3, "nip_duplicate")]


# --- other cells -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("male", "female"),
    [("M", "F"), ("L", "P"), ("Pria", "Wanita"), ("1", "2"), ("laki-laki", "PEREMPUAN")],
)
def test_gender_words(world, tmp_path, male, female):
    man, woman = make_nip(gender=1), make_nip(gender=2)
    rows = [
        siasn_row(nip=man, **{"JENIS KELAMIN": male}),
        siasn_row(nip=woman, **{"JENIS KELAMIN": female}),
    ]
    result = run(tmp_path, csv_bytes(rows))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=man).gender == "L"
    assert Employee.objects.get(nip=woman).gender == "P"


def test_gender_must_agree_with_nip_digit_15(world, tmp_path):
    result = run(tmp_path, csv_bytes([siasn_row(nip=make_nip(gender=1), **{"JENIS KELAMIN": "F"})]))
    assert [e.code for e in result.errors] == ["gender_mismatch"]


@pytest.mark.parametrize(
    ("gol_id", "gol_name", "expected"),
    [
        ("41", "III/a", "IV/a"),
        ("", "III/A", "III/a"),
        ("", "iv/e", "IV/e"),
        ("45", "", "IV/e"),
        ("99", "II/c", "II/c"),
    ],
)
def test_golongan_id_is_preferred_to_its_name(world, tmp_path, gol_id, gol_name, expected):
    nip = make_nip()
    row = siasn_row(nip=nip, **{"GOL AKHIR ID": gol_id, "GOL AKHIR NAMA": gol_name})
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).golongan == expected


def test_unknown_golongan_and_pppk_rank_for_pns_are_refused(world, tmp_path):
    rows = [
        siasn_row(**{"GOL AKHIR ID": "", "GOL AKHIR NAMA": "III/f"}),
        siasn_row(**{"GOL AKHIR ID": "", "GOL AKHIR NAMA": "IX"}),
    ]
    result = run(tmp_path, csv_bytes(rows))
    assert reasons(result) == [
        "2|GOL AKHIR NAMA|Unknown golongan III/f.",
        "3|GOL AKHIR NAMA|Golongan IX does not fit a PNS; PNS hold I/a to IV/e, PPPK hold I to "
        "XVII.",
    ]


@pytest.mark.parametrize(
    ("jenis", "eselon_id", "eselon_name", "name", "kind", "level"),
    [
        ("1", "21", "II.a", "Kepala Dinas Kesehatan", "jpt_pratama", ""),
        ("1", "32", "", "Kepala Bidang Pelayanan", "administrator", ""),
        ("1", "", "IV.a", "Kepala Seksi Gizi", "pengawas", ""),
        ("1", "", "", "Kepala Dinas Kesehatan", "jpt_pratama", ""),
        ("1", "", "", "Sekretaris", "administrator", ""),
        ("1", "", "", "Kepala Bidang Kesehatan Masyarakat", "administrator", ""),
        ("1", "", "", "Kepala Seksi Surveilans", "pengawas", ""),
        ("1", "", "", "Kepala Subbagian Umum dan Kepegawaian", "pengawas", ""),
        ("1", "", "", "Kepala Sub Bagian Keuangan", "pengawas", ""),
        ("1", "", "", "Kepala Puskesmas Limboto", "pengawas", ""),
        ("1", "", "", "Sekretaris Camat", "pengawas", ""),
        ("1", "", "", "Inspektur Pembantu Wilayah I", "administrator", ""),
        ("2", "", "", "Perawat Ahli Muda", "fungsional_keahlian", "ahli_muda"),
        ("2", "", "", "Dokter Ahli Utama", "fungsional_keahlian", "ahli_utama"),
        ("2", "", "", "Perawat Terampil", "fungsional_keterampilan", "terampil"),
        ("2", "", "", "Pranata Komputer Penyelia", "fungsional_keterampilan", "penyelia"),
        ("4", "", "", "Pengadministrasi Umum", "pelaksana", ""),
        ("", "", "", "Analis Kepegawaian Ahli Pertama", "fungsional_keahlian", "ahli_pertama"),
        ("", "", "", "Pengelola Data", "pelaksana", ""),
    ],
)
def test_jabatan_kinds(world, tmp_path, jenis, eselon_id, eselon_name, name, kind, level):
    nip = make_nip()
    row = siasn_row(
        nip=nip,
        **{
            "JENIS JABATAN ID": jenis,
            "JENIS JABATAN NAMA": "",
            "ESELON ID": eselon_id,
            "ESELON NAMA": eselon_name,
            "JABATAN NAMA": name,
        },
    )
    result = run(tmp_path, csv_bytes([row], columns=[*SIASN_COLUMNS, "ESELON ID", "ESELON NAMA"]))
    assert result.ok, reasons(result)
    position = Employee.objects.get(nip=nip).position
    assert (position.name, position.kind, position.level) == (name, kind, level)


def test_jabatan_kind_from_jenis_jabatan_nama(world, tmp_path):
    nip = make_nip()
    row = siasn_row(
        nip=nip,
        **{
            "JENIS JABATAN ID": "",
            "JENIS JABATAN NAMA": "Jabatan Fungsional Umum",
            "JABATAN NAMA": "Pengadministrasi Umum",
        },
    )
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).position.kind == "pelaksana"


@pytest.mark.parametrize(
    ("jenis", "name", "code"),
    [
        ("2", "Perawat", "functional_level"),
        ("1", "Koordinator Lapangan", "structural_level"),
        ("7", "Perawat Terampil", "jenis_jabatan"),
    ],
)
def test_jabatan_that_cannot_be_placed_is_refused(world, tmp_path, jenis, name, code):
    row = siasn_row(**{"JENIS JABATAN ID": jenis, "JABATAN NAMA": name})
    result = run(tmp_path, csv_bytes([row]))
    assert [e.code for e in result.errors] == [code]


def test_positions_are_reused_per_unit_name_kind_and_level(world, tmp_path):
    rows = [
        siasn_row(**{"JABATAN NAMA": "Perawat Terampil"}),
        siasn_row(**{"JABATAN NAMA": "PERAWAT  TERAMPIL"}),
    ]
    result = run(tmp_path, csv_bytes(rows))
    assert result.ok, reasons(result)
    assert result.positions_created == 1
    positions = Position.objects.filter(unit=world.puskesmas, name__iexact="Perawat Terampil")
    assert positions.count() == 1


@pytest.mark.parametrize(
    ("kh_id", "state"),
    [
        ("01", "aktif"),
        ("1", "aktif"),
        ("02", "cuti"),
        ("03", "tugas_belajar"),
        ("04", "cuti"),
        ("20", "aktif"),
        ("71", "aktif"),
        ("73", "aktif"),
        ("99", "pensiun"),
    ],
)
def test_kedudukan_hukum_gives_the_state(world, tmp_path, kh_id, state):
    nip = make_nip()
    row = siasn_row(nip=nip, **{"KEDUDUKAN HUKUM ID": kh_id, "KEDUDUKAN HUKUM NAMA": ""})
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).state == state


def test_unknown_kedudukan_hukum_is_refused(world, tmp_path):
    row = siasn_row(**{"KEDUDUKAN HUKUM ID": "05", "KEDUDUKAN HUKUM NAMA": "Penerima Uang Tunggu"})
    result = run(tmp_path, csv_bytes([row]))
    assert [(e.column, e.code) for e in result.errors] == [("KEDUDUKAN HUKUM ID", "kedudukan")]


@pytest.mark.parametrize(
    ("level_id", "level_name", "expected"),
    [("40", "S-1", "40"), ("", "S2", "45"), ("", "D-III", "30"), ("15", "", "15")],
)
def test_education_level(world, tmp_path, level_id, level_name, expected):
    nip = make_nip()
    row = siasn_row(
        nip=nip, **{"TINGKAT PENDIDIKAN ID": level_id, "TINGKAT PENDIDIKAN NAMA": level_name}
    )
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).education_level == expected


def test_email_is_imported_and_checked(world, tmp_path):
    nip = make_nip()
    rows = [siasn_row(nip=nip, EMAIL="budi@example.go.id"), siasn_row(EMAIL="bukan-email")]
    result = run(tmp_path, csv_bytes(rows))
    assert [(e.row, e.column) for e in result.errors] == [(3, "EMAIL")]
    result = run(tmp_path, csv_bytes(rows[:1]))
    assert Employee.objects.get(nip=nip).email == "budi@example.go.id"


def test_too_long_text_and_control_characters_are_refused(world, tmp_path):
    rows = [siasn_row(NAMA="A" * 151), siasn_row(NAMA="BUDI\x07")]
    result = run(tmp_path, csv_bytes(rows))
    assert [e.code for e in result.errors] == ["too_long", "control_characters"]


# --- all or nothing, upserts -------------------------------------------------------------------


def test_one_bad_row_among_good_ones_writes_nothing(world, tmp_path):
    rows = [siasn_row() for _ in range(5)]
    rows.insert(3, siasn_row(**{"GOL AKHIR ID": "", "GOL AKHIR NAMA": "V/z"}))
    before = counts()
    result = run(tmp_path, csv_bytes(rows), create_units_under=None)
    assert not result.ok
    assert (result.rows, result.error_count, result.rows_with_errors) == (6, 1, 1)
    assert [(e.row, e.column, e.value) for e in result.errors] == [(5, "GOL AKHIR NAMA", "V/z")]
    assert counts() == before


def test_every_bad_row_is_reported(world, tmp_path):
    rows = [
        siasn_row(**{"NIP BARU": "123"}),
        siasn_row(),
        siasn_row(NAMA="", **{"JENIS KELAMIN": "X"}),
    ]
    result = run(tmp_path, csv_bytes(rows))
    assert [(e.row, e.code) for e in result.errors] == [
        (2, "nip_length"),
        (4, "name_empty"),
        (4, "gender"),
    ]
    assert result.rows_with_errors == 2


def test_second_import_updates_and_audits_only_changed_fields(world, tmp_path):
    first, second = make_nip(), make_nip()
    rows = [siasn_row(nip=first), siasn_row(nip=second)]
    assert run(tmp_path, csv_bytes(rows)).ok
    employee = Employee.objects.get(nip=first)
    assert employee.version == 1
    audits, history = AuditLog.objects.count(), CareerHistory.objects.count()

    rows[0].update({"GOL AKHIR ID": "33", "GOL AKHIR NAMA": "III/c", "TMT GOLONGAN": "01-04-2022"})
    result = run(tmp_path, csv_bytes(rows))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    employee.refresh_from_db()
    assert (employee.golongan, employee.tmt_golongan) == ("III/c", dt.date(2022, 4, 1))
    assert employee.version == 2
    audit = AuditLog.objects.filter(
        object_type="people.employee", object_id=str(employee.pk), action="update"
    ).get()
    assert audit.changes == {
        "golongan": ["III/b", "III/c"],
        "tmt_golongan": ["2018-04-01", "2022-04-01"],
    }
    assert AuditLog.objects.count() == audits + 2  # the update and the import summary
    step = CareerHistory.objects.exclude(pk__lte=0).filter(employee=employee, kind="rank").first()
    assert (step.old_value, step.new_value, step.effective_date) == (
        "III/b",
        "III/c",
        dt.date(2022, 4, 1),
    )
    assert CareerHistory.objects.count() == history + 1


def test_import_keeps_fields_the_file_does_not_carry(world, tmp_path):
    registered(world.asn).refresh_from_db()
    columns = ["NIP BARU", "NAMA", "UNOR NAMA"]
    row = {"NIP BARU": world.asn.nip, "NAMA": "SITI NURHALIZA", "UNOR NAMA": "Puskesmas Limboto"}
    result = run(tmp_path, csv_bytes([row], columns=columns), actor=world.operator_a)
    assert result.ok, reasons(result)
    assert result.updated == 1
    employee = Employee.objects.get(pk=world.asn.pk)
    assert employee.name == "SITI NURHALIZA"
    assert (employee.position, employee.golongan, employee.supervisor) == (
        world.pos_perawat,
        "III/a",
        world.atasan,
    )
    assert employee.version == world.asn.version + 1
    audit = AuditLog.objects.get(
        object_type="people.employee", object_id=str(employee.pk), action="update"
    )
    # The NIP's TMT month fills a missing TMT CPNS, as `employee_create` does.
    assert audit.changes == {
        "name": ["Siti Nurhaliza", "SITI NURHALIZA"],
        "tmt_cpns": [None, "2010-01-01"],
    }
    assert audit.actor == world.operator_a


def test_unchanged_file_changes_nothing(world, tmp_path):
    data = csv_bytes([siasn_row(), siasn_row()])
    assert run(tmp_path, data).created == 2
    before = counts()
    result = run(tmp_path, data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert counts()[:3] == (before[0], before[1] + 1, before[2])  # only the summary record


# --- supervisors -------------------------------------------------------------------------------

WITH_SUPERVISOR = [*SIASN_COLUMNS, "NIP ATASAN"]


def test_supervisor_from_the_file_or_the_registry(world, tmp_path):
    registered(world.atasan)
    boss, nurse, clerk = make_nip(), make_nip(), make_nip()
    rows = [
        siasn_row(nip=nurse, **{"NIP ATASAN": boss}),  # written before the boss
        siasn_row(nip=boss, NAMA="KEPALA", **{"NIP ATASAN": ""}),
        siasn_row(nip=clerk, **{"NIP ATASAN": world.atasan.nip}),
    ]
    result = run(tmp_path, csv_bytes(rows, columns=WITH_SUPERVISOR), actor=world.operator_a)
    assert result.ok, reasons(result)
    nurse_row = Employee.objects.get(nip=nurse)
    assert nurse_row.supervisor.nip == boss
    assert Employee.objects.get(nip=clerk).supervisor == world.atasan
    audit = AuditLog.objects.get(
        object_type="people.employee", object_id=str(nurse_row.pk), action="create"
    )
    assert audit.changes["supervisor"] == [None, str(nurse_row.supervisor)]


def test_supervisor_must_exist_and_be_visible(world, tmp_path):
    registered(world.teacher)
    rows = [siasn_row(**{"NIP ATASAN": make_nip()}), siasn_row(**{"NIP ATASAN": world.teacher.nip})]
    result = run(tmp_path, csv_bytes(rows, columns=WITH_SUPERVISOR), actor=world.operator_a)
    assert [(e.row, e.code) for e in result.errors] == [
        (2, "supervisor_unknown"),
        (3, "supervisor_unknown"),
    ]


def test_supervision_cycles_are_refused(world, tmp_path):
    first, second = make_nip(), make_nip()
    registered(world.asn), registered(world.atasan)
    # The registry has ASN → atasan; making the atasan report to the ASN closes a loop.
    rows = [
        siasn_row(
            nip=world.atasan.nip,
            NAMA="RAHMAT HASAN",
            **{
                "NIP ATASAN": world.asn.nip,
                "JABATAN NAMA": "Kepala Puskesmas",
                "JENIS JABATAN ID": "1",
            },
        ),
        siasn_row(nip=first, **{"NIP ATASAN": second}),
        siasn_row(nip=second, **{"NIP ATASAN": first}),
    ]
    result = run(tmp_path, csv_bytes(rows, columns=WITH_SUPERVISOR), actor=world.operator_a)
    assert sorted((e.row, e.code) for e in result.errors) == [
        (2, "supervisor_cycle"),
        (3, "supervisor_cycle"),
        (4, "supervisor_cycle"),
    ]


def test_batches_share_ids_positions_and_later_supervisors(world, tmp_path, monkeypatch):
    """Across batches: reserved ids never collide with registered ones, a position is created
    once, a supervisor who comes in a later batch is linked at the end, and a registered
    employee in the same file is updated (with history) while the new ones get none."""
    from binakinerja.people.importing import service

    monkeypatch.setattr(service, "BATCH_ROWS", 2)
    registered(world.asn).refresh_from_db()
    boss, *staff = [make_nip() for _ in range(4)]
    rows = [siasn_row(nip=nip, **{"NIP ATASAN": boss}) for nip in staff]
    rows.append(siasn_row(nip=world.asn.nip, NAMA="SITI NURHALIZA", **{"NIP ATASAN": boss}))
    rows.append(siasn_row(nip=boss, NAMA="KEPALA", **{"NIP ATASAN": ""}))
    before = Employee.objects.count()
    result = run(tmp_path, csv_bytes(rows, columns=WITH_SUPERVISOR), actor=world.operator_a)
    assert result.ok, reasons(result)
    assert (result.created, result.updated) == (4, 1)
    assert Employee.objects.count() == before + 4
    chief = Employee.objects.get(nip=boss)
    assert set(Employee.objects.filter(supervisor=chief).values_list("nip", flat=True)) == {
        *staff,
        world.asn.nip,
    }
    assert Position.objects.filter(name="Perawat Ahli Pertama", unit=world.puskesmas).count() == 1
    assert not CareerHistory.objects.filter(employee__nip__in=[boss, *staff]).exists()
    assert CareerHistory.objects.filter(employee=world.asn, kind="rank").exists()
    audits = AuditLog.objects.filter(object_type="people.employee", action="create")
    assert sorted(audits.values_list("object_id", flat=True)) == sorted(
        str(pk)
        for pk in Employee.objects.filter(nip__in=[boss, *staff]).values_list("pk", flat=True)
    )
    for audit in audits:
        employee = Employee.objects.get(pk=int(audit.object_id))
        assert audit.object_repr == str(employee)
        assert audit.changes["nip"] == [None, employee.nip]


def test_employee_cannot_supervise_themself(world, tmp_path):
    nip = make_nip()
    result = run(
        tmp_path, csv_bytes([siasn_row(nip=nip, **{"NIP ATASAN": nip})], columns=WITH_SUPERVISOR)
    )
    assert [e.code for e in result.errors] == ["supervisor"]


# --- units and scope ---------------------------------------------------------------------------


def test_unit_found_by_unor_id_before_name(world, tmp_path):
    world.dikbud.code = "8ae482a6-4b6b-11e4-9b3a-0123456789ab"
    world.dikbud.save()
    nip = make_nip()
    row = siasn_row(nip=nip, **{"UNOR ID": world.dikbud.code, "UNOR NAMA": "Puskesmas Limboto"})
    result = run(tmp_path, csv_bytes([row]))
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).unit == world.dikbud


def test_unknown_unit_is_an_error_unless_creating_units(world, tmp_path):
    nip = make_nip()
    row = siasn_row(nip=nip, **{"UNOR ID": "abc123", "UNOR NAMA": "Puskesmas  Tibawa"})
    result = run(tmp_path, csv_bytes([row]), actor=world.operator_a)
    assert [(e.column, e.code) for e in result.errors] == [("UNOR NAMA", "unit_unknown")]

    result = run(
        tmp_path,
        csv_bytes([row, siasn_row(**{"UNOR NAMA": "PUSKESMAS TIBAWA"})]),
        actor=world.operator_a,
        create_units_under=world.dinkes,
    )
    assert result.ok, reasons(result)
    assert result.units_created == 2  # one per UNOR ID or, without one, per name
    unit = Employee.objects.get(nip=nip).unit
    assert (unit.name, unit.code, unit.parent, unit.unit_type) == (
        "Puskesmas Tibawa",
        "abc123",
        world.dinkes,
        "puskesmas",
    )
    assert unit.path.startswith(world.dinkes.path + ".")
    assert AuditLog.objects.filter(
        object_type="organizations.orgunit", action="create", object_id=str(unit.pk)
    ).exists()


def test_operator_cannot_import_into_another_opd(world, tmp_path):
    before = counts()
    rows = [siasn_row(), siasn_row(**{"UNOR NAMA": "Dinas Pendidikan dan Kebudayaan"})]
    result = run(tmp_path, csv_bytes(rows), actor=world.operator_a)
    assert [(e.row, e.code) for e in result.errors] == [(3, "unit_out_of_scope")]
    assert counts() == before


def test_operator_cannot_overwrite_an_employee_of_another_opd(world, tmp_path):
    registered(world.teacher)
    row = siasn_row(nip=world.teacher.nip, NAMA="YUSUF")
    result = run(tmp_path, csv_bytes([row]), actor=world.operator_a)
    assert [e.code for e in result.errors] == ["employee_out_of_scope"]
    world.teacher.refresh_from_db()
    assert world.teacher.name == "Yusuf Polapa"


def test_operator_cannot_create_units_under_another_opd(world, tmp_path):
    with pytest.raises(PermissionDenied):
        run(
            tmp_path,
            csv_bytes([siasn_row()]),
            actor=world.operator_a,
            create_units_under=world.dikbud,
        )


def test_units_are_created_under_an_agency_not_a_government(world, tmp_path):
    with pytest.raises(ValidationError):
        run(tmp_path, csv_bytes([siasn_row()]), create_units_under=world.prov)


def test_only_registry_managers_may_import(world, tmp_path):
    with pytest.raises(PermissionDenied):
        run(tmp_path, csv_bytes([siasn_row()]), actor=world.asn_user)


def test_ambiguous_unit_name_needs_a_code(world, tmp_path):
    make = OrgUnit.objects.create  # a second "Puskesmas Limboto" elsewhere in the province
    make(name="Puskesmas Limboto", kind="unit", parent=world.dikbud, path=world.dikbud.path + ".zz")
    result = run(tmp_path, csv_bytes([siasn_row()]), actor=world.admin)
    assert [e.code for e in result.errors] == ["unit_ambiguous"]
    result = run(tmp_path, csv_bytes([siasn_row()]), actor=world.operator_a)  # only one in scope
    assert result.ok, reasons(result)


@pytest.mark.parametrize("actor", ["operator_a", None])
def test_nips_are_resolved_per_batch_not_per_row(world, tmp_path, actor):
    """Creating, then updating, 5 or 50 employees (with supervisors) takes the same number of
    queries: registered NIPs, editable ones, locks and supervisors are one `IN` per batch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actor = getattr(world, actor) if actor else None
    boss = registered(world.atasan).nip
    assert run(tmp_path, csv_bytes([siasn_row()]), actor=actor).ok  # its position now exists
    counts = []
    for size in (5, 50):
        nips = [make_nip() for _ in range(size)]
        rows = [
            siasn_row(nip=nip, **{"NIP ATASAN": nips[0] if i else boss})
            for i, nip in enumerate(nips)
        ]
        data = csv_bytes(rows, columns=WITH_SUPERVISOR)
        changed = csv_bytes([{**row, "NAMA": "NAMA BARU"} for row in rows], columns=WITH_SUPERVISOR)
        with CaptureQueriesContext(connection) as created:
            assert run(tmp_path, data, actor=actor).created == size
        with CaptureQueriesContext(connection) as updated:
            assert run(tmp_path, changed, actor=actor).updated == size
        counts.append((len(created), len(updated)))
    assert counts[0] == counts[1]


def test_the_government_named_by_the_file_settles_a_unit_name_two_governments_share(
    world, tmp_path
):
    """Both governments have a "Dinas Kesehatan"; SIASN's INSTANSI KERJA columns say which."""
    from binakinerja.organizations.services import orgunit_create

    kota_dinkes = orgunit_create(actor=None, parent=world.kota, name="Dinas Kesehatan")
    OrgUnit.objects.filter(pk=world.kota.pk).update(code="A5EB03E23B5FF6A0E040640A040252AD")
    prov_nip, kota_nip, bare_nip = make_nip(), make_nip(), make_nip()
    rows = [
        siasn_row(nip=prov_nip, **{"UNOR NAMA": "Dinas Kesehatan"}),  # "Pemerintah Provinsi …"
        siasn_row(
            nip=kota_nip,
            **{
                "UNOR NAMA": "Dinas Kesehatan",
                "INSTANSI KERJA ID": "a5eb03e23b5ff6a0e040640a040252ad",
                "INSTANSI KERJA NAMA": "Kota Gorontalo",
            },
        ),
    ]
    for actor in (None, world.superadmin):  # the system and an unscoped admin see both
        result = run(tmp_path, csv_bytes(rows), actor=actor, dry_run=actor is None)
        assert result.ok, reasons(result)
    assert Employee.objects.get(nip=prov_nip).unit == world.dinkes
    assert Employee.objects.get(nip=kota_nip).unit == kota_dinkes

    by_name = siasn_row(
        nip=bare_nip, **{"UNOR NAMA": "Dinas Kesehatan", "INSTANSI KERJA NAMA": "Kota Gorontalo"}
    )
    assert run(tmp_path, csv_bytes([by_name]), actor=world.superadmin).ok
    assert Employee.objects.get(nip=bare_nip).unit == kota_dinkes

    unnamed = siasn_row(**{"UNOR NAMA": "Dinas Kesehatan", "INSTANSI KERJA NAMA": ""})
    unknown = siasn_row(**{"UNOR NAMA": "Dinas Kesehatan", "INSTANSI KERJA NAMA": "Kab. Bone"})
    result = run(tmp_path, csv_bytes([unnamed, unknown]), actor=world.superadmin)
    assert [(e.row, e.code) for e in result.errors] == [
        (2, "unit_ambiguous"),
        (3, "unit_ambiguous"),
    ]


# --- XLSX --------------------------------------------------------------------------------------


def test_xlsx_with_real_dates_numbers_and_text(world, tmp_path):
    nip = make_nip(birth=dt.date(1986, 9, 26))
    row = siasn_row(nip=nip, **{"NIP BARU": nip})

    def to_date(text):
        day, month, year = map(int, text.split("-"))
        return dt.datetime(year, month, day)

    types = {
        "TANGGAL LAHIR": to_date,
        "TMT GOLONGAN": lambda v: 43191,
        "GOL AKHIR ID": int,
        "KEDUDUKAN HUKUM ID": int,
        "JENIS JABATAN ID": float,
        "TINGKAT PENDIDIKAN ID": int,
    }
    result = run(tmp_path, xlsx_bytes([row], types=types), name="asn.xlsx")
    assert result.ok, reasons(result)
    employee = Employee.objects.get(nip=nip)
    assert (employee.tmt_golongan, employee.golongan, employee.education_level) == (
        dt.date(2018, 4, 1),
        "III/b",
        "40",
    )


@pytest.mark.parametrize("number", [1.98609262010011e17, 198609262010011000])
def test_xlsx_nip_stored_as_a_number_is_refused(world, tmp_path, number):
    row = siasn_row(**{"NIP BARU": number})
    result = run(tmp_path, xlsx_bytes([row]), name="asn.xlsx")
    assert [e.code for e in result.errors] == ["nip_scientific"]


def test_xlsx_formula_in_a_name_is_stored_as_text_and_neutralised_on_export(world, tmp_path):
    nip = make_nip()
    formula = '=HYPERLINK("http://evil.example/x","klik")'
    result = run(tmp_path, xlsx_bytes([siasn_row(nip=nip, NAMA=formula)]), name="asn.xlsx")
    assert result.ok, reasons(result)
    assert Employee.objects.get(nip=nip).name == formula
    assert safe_cell(formula) == "'" + formula


def test_csv_formula_in_a_name_is_stored_as_text(world, tmp_path):
    nip = make_nip()
    formula = '=HYPERLINK("http://evil.example/x","klik")'
    assert run(tmp_path, csv_bytes([siasn_row(nip=nip, NAMA=formula)])).ok
    assert Employee.objects.get(nip=nip).name == formula


def test_error_report_xlsx_neutralises_formulas(world, tmp_path):
    result = run(tmp_path, csv_bytes([siasn_row(**{"NIP BARU": "=1+1"})]))
    sheet = load_workbook(io.BytesIO(report_xlsx(result.errors))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Column", "Value", "Reason") or rows[0][0] in ("Baris", "Row")
    assert rows[1][:3] == (2, "NIP BARU", "'=1+1")


# --- hostile files -----------------------------------------------------------------------------


def _refused(tmp_path, data: bytes, name: str) -> str:
    before = counts()
    result = run(tmp_path, data, name=name)
    assert not result.ok
    assert counts() == before
    return result.errors[0].code


def test_random_bytes_named_csv_are_refused(world, tmp_path):
    data = bytes(range(256)) * 40 + os.urandom(4096)
    assert _refused(tmp_path, data, "asn.csv") == "binary"


def test_xlsx_that_is_not_a_zip_is_refused(world, tmp_path):
    assert _refused(tmp_path, csv_bytes([siasn_row()]), "asn.xlsx") == "xlsx_magic"


def test_zip_that_is_not_a_workbook_is_refused(world, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert _refused(tmp_path, buffer.getvalue(), "asn.xlsx") == "xlsx_not_workbook"


def test_damaged_workbook_is_refused(world, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-xml")
        archive.writestr("[Content_Types].xml", "<nope/>")
    assert _refused(tmp_path, buffer.getvalue(), "asn.xlsx") == "xlsx_damaged"


def test_empty_file_is_refused(world, tmp_path):
    assert _refused(tmp_path, b"", "asn.csv") == "empty"


def test_header_only_file_is_refused(world, tmp_path):
    assert _refused(tmp_path, csv_bytes([]), "asn.csv") == "no_rows"


def test_file_without_a_nip_column_is_refused(world, tmp_path):
    assert _refused(tmp_path, b"a;b;c\r\n1;2;3\r\n", "asn.csv") == "no_header"


def test_other_extensions_are_refused(world, tmp_path):
    assert _refused(tmp_path, csv_bytes([siasn_row()]), "asn.txt") == "extension"


def test_utf16_text_gets_its_own_message(world, tmp_path):
    data = "\ufeff" + csv_bytes([siasn_row()]).decode()
    assert _refused(tmp_path, data.encode("utf-16-le"), "asn.csv") == "utf16"


def test_a_10_mb_line_is_a_row_error_not_a_crash(world, tmp_path):
    data = (
        csv_bytes([siasn_row()])
        + b"A" * (10 * 1024 * 1024)
        + b"\r\n"
        + csv_bytes([siasn_row()]).split(b"\r\n", 1)[1]
    )
    assert _refused(tmp_path, data, "asn.csv") == "row_unreadable"


def test_a_10_mb_line_of_short_cells_is_a_bad_row(world, tmp_path):
    data = csv_bytes([siasn_row()]) + b"A|" * (5 * 1024 * 1024) + b"\r\n"
    before = counts()
    result = run(tmp_path, data)
    assert {e.row for e in result.errors} == {3}
    assert "nip_not_digits" in [e.code for e in result.errors]
    assert counts() == before


def test_a_line_of_separators_only_is_a_blank_row(world, tmp_path):
    data = csv_bytes([siasn_row()]) + b"|" * (1024 * 1024) + b"\r\n"
    assert run(tmp_path, data).created == 1


def test_unclosed_quote_is_reported(world, tmp_path):
    data = csv_bytes([siasn_row()]) + b'"19860926201001100|BUDI\r\n'
    assert not run(tmp_path, data).ok


def test_check_upload_accepts_good_files_and_names_the_kind(tmp_path):
    good = csv_bytes([siasn_row(nip="198609262010011001")])
    assert check_upload("ASN.CSV", io.BytesIO(good)) == "csv"
    assert check_upload("asn.xlsx", io.BytesIO(xlsx_bytes([]))) == "xlsx"
    with pytest.raises(FileRejected):
        check_upload("asn.csv", io.BytesIO(b"\x00\x01"))


# --- properties --------------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31))


@given(day=dates)
@settings(max_examples=300, deadline=None)
def test_every_written_form_of_a_date_reads_back(day):
    unambiguous = [
        day.strftime("%d-%m-%Y"),
        day.isoformat(),
        f"{day.day}-{day.month}-{day.year}",
        day.strftime("%Y%m%d"),
        str((day - cells.EXCEL_EPOCH).days),
        f"{day.isoformat()} 00:00:00",
    ]
    for text in unambiguous:
        assert cells.read_date(text)[0] == day, text
    for text, order in (
        (day.strftime("%d/%m/%Y"), cells.DAY_FIRST),
        (f"{day.month}/{day.day}/{day.year}", cells.MONTH_FIRST),
    ):
        reading = cells.read_date(text)
        if isinstance(reading, cells.AmbiguousDate):
            assert reading.settle(order) == day
        else:
            assert reading[0] == day


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_date_reader_never_crashes(text):
    try:
        cells.read_date(text)
    except ValidationError:
        pass


@given(
    st.sampled_from(SIASN_COLUMNS),
    st.sampled_from([str.lower, str.upper, str.title, lambda s: s]),
    st.sampled_from([" ", "_", "-", "  ", "."]),
    st.sampled_from(["", " ", "\ufeff"]),
)
def test_header_names_match_whatever_their_spelling(column, case, separator, padding):
    written = padding + case(column).replace(" ", separator) + padding
    assert column_key(written) == column
    assert column_key(column_key(written)) == column


def _csv_module_rows(path, delimiter: str, header_index: int, width: int) -> list:
    """What `reading._csv_rows` returned when it read every line with the csv module."""
    rows, number = [], 0
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        while True:
            try:
                cells_ = next(reader)
            except StopIteration:
                return rows
            except csv.Error:
                number += 1
                rows.append((number, "unreadable"))
                continue
            number += 1
            if number <= header_index + 1 or not any(cells_):
                continue
            rows.append((number, cells_ + [""] * (width - len(cells_))))


@given(
    st.lists(
        st.lists(st.text(alphabet='ab |;"\r\n', max_size=6), min_size=1, max_size=4)
        | st.text(alphabet='ab |"\r\n', max_size=12),  # a raw line: unbalanced quotes too
        max_size=8,
    ),
    st.sampled_from(["|", ";"]),
)
@settings(max_examples=300, deadline=None)
def test_csv_fast_path_reads_what_the_csv_module_reads(tmp_path_factory, lines, delimiter):
    from binakinerja.people.importing.reading import UnreadableRow, _csv_rows

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["NIP BARU", "NAMA", "UNOR NAMA"])
    for line in lines:
        if isinstance(line, list):
            writer.writerow(line)
        else:
            buffer.write(line + "\n")
    path = tmp_path_factory.mktemp("csv") / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    fast = [
        (number, "unreadable" if isinstance(cells_, UnreadableRow) else cells_)
        for number, cells_ in _csv_rows(path, "utf-8", delimiter, 0, 3)
    ]
    assert fast == _csv_module_rows(path, delimiter, 0, 3)


@given(st.lists(st.text(max_size=20), max_size=20))
def test_header_score_needs_a_nip_column(cells_):
    keys = {column_key(c) for c in cells_}
    assert (header_score(cells_) > 0) == ("NIP BARU" in keys)


# --- manage.py import_asn ----------------------------------------------------------------------


def call_import(*args):
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    call_command("import_asn", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_with_progress_bars(world, tmp_path):
    path = tmp_path / "asn.csv"
    path.write_bytes(csv_bytes([siasn_row(), siasn_row()]))
    out, err = call_import(path)
    assert "2 rows: 2 employees added" in out or "2 baris" in out
    assert "rows" in err or "baris" in err  # tqdm drew its bars on stderr
    assert Employee.objects.filter(name="BUDI SANTOSO").count() == 2


def test_command_refuses_a_file_with_errors_and_saves_the_report(world, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "asn.csv"
    path.write_bytes(csv_bytes([siasn_row(), siasn_row(**{"NIP BARU": "1.98609E+17"})]))
    before = counts()
    with pytest.raises(CommandError) as raised:
        call_import(path, "--no-progress")
    assert "nothing was imported" in str(raised.value) or "tidak" in str(raised.value)
    assert counts() == before
    report = tmp_path / "asn.csv.kesalahan.xlsx"
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert rows[1][:3] == (3, "NIP BARU", "1.98609E+17")


def test_command_actor_scope_dry_run_and_unit_creation(world, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "asn.csv"
    path.write_bytes(csv_bytes([siasn_row(**{"UNOR NAMA": "Puskesmas Kabila"})]))
    with pytest.raises(CommandError):
        call_import(path, "--no-progress", "--actor", "nobody")
    with pytest.raises(CommandError):
        call_import(path, "--no-progress", "--actor", "asn")
    with pytest.raises(CommandError):  # the unit is unknown
        call_import(path, "--no-progress", "--actor", "operator_dinkes")
    before = counts()
    out, _err = call_import(
        path, "--no-progress", "--actor", "operator_dinkes", "--dry-run",
        "--create-units-under", world.dinkes.pk,
    )  # fmt: skip
    assert counts() == before
    call_import(
        path, "--no-progress", "--actor", "operator_dinkes",
        "--create-units-under", world.dinkes.pk,
    )  # fmt: skip
    employee = Employee.objects.get(name="BUDI SANTOSO")
    assert employee.unit.parent == world.dinkes
    audit = AuditLog.objects.get(object_type="people.employee", object_id=str(employee.pk))
    assert audit.actor == world.operator_a
    with pytest.raises(CommandError):
        call_import(path, "--no-progress", "--actor", "operator_dikbud",
                    "--create-units-under", world.dinkes.pk)  # fmt: skip


def test_audit_of_a_created_employee_equals_the_generic_diff(world, tmp_path):
    """A creation's audit lists the non-empty fields, each exactly as `core.audit.diff` gives
    it, and as `employee_create` writes it (`creation_changes`)."""
    from binakinerja.core.audit import creation_changes, diff, snapshot
    from binakinerja.people.importing.saving import created_changes
    from binakinerja.people.services import AUDITED_FIELDS

    nip = make_nip()
    assert run(tmp_path, csv_bytes([siasn_row(nip=nip, **{"GELAR DEPAN": ""})])).ok
    employee = Employee.objects.get(nip=nip)
    after = snapshot(employee, AUDITED_FIELDS)
    filled = {name: value for name, value in after.items() if value not in (None, "")}
    assert "gelar_depan" not in filled and "phone" not in filled
    assert creation_changes(after) == diff({}, filled)
    assert created_changes(after) == json.dumps(creation_changes(after))
    audit = AuditLog.objects.get(object_type="people.employee", object_id=str(employee.pk))
    assert audit.changes == diff({}, filled)


@given(st.dictionaries(st.sampled_from(sorted(AUDITED)), st.text() | st.none()))
def test_created_changes_are_json_dumps_of_the_generic_diff(values):
    from binakinerja.core.audit import creation_changes
    from binakinerja.people.importing.saving import created_changes

    after = dict.fromkeys(AUDITED, "") | values
    assert created_changes(after) == json.dumps(creation_changes(after))


# --- the sample files in docs/samples ----------------------------------------------------------

SAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "samples")


def test_sample_file_imports_cleanly(world):
    path = os.path.join(SAMPLES, "siasn_contoh.csv")
    result = employee_import(actor=world.admin, path=path, create_units_under=world.dinkes)
    assert result.ok, reasons(result)
    assert (result.rows, result.created) == (20, 20)
    head = Employee.objects.get(name="HAMZAH ISMAIL")
    assert (head.unit, head.position.kind, head.gelar_depan) == (world.dinkes, "jpt_pratama", "dr.")
    assert Employee.objects.get(name="RISNA PAKAYA").state == "cuti"
    assert Employee.objects.get(name="JOSÉ MOHI").gender == "L"
    assert (
        Employee.objects.filter(status="PPPK", name__in=["MAGFIRAH PANU", "RIZKY ANTULE"]).count()
        == 2
    )
    assert Employee.objects.get(name="SITI NURHALIZA").unit == world.puskesmas
    assert not Employee.objects.exclude(phone="").filter(name="HAMZAH ISMAIL").exists()


def test_wrong_sample_file_reports_each_mistake(world):
    path = os.path.join(SAMPLES, "siasn_contoh_salah.csv")
    before = counts()
    result = employee_import(actor=world.admin, path=path, create_units_under=world.dinkes)
    assert counts() == before
    assert [(e.row, e.code) for e in result.errors] == [
        (3, "nip_scientific"),
        (4, "nip_length"),
        (5, "gender_mismatch"),
        (6, "golongan"),
        (7, "date_ambiguous"),
        (8, "kedudukan"),
        (9, "functional_level"),
        (10, "birth_date_mismatch"),
        (12, "nip_duplicate"),
    ]
