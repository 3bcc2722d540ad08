"""SIASN training history: the export's columns and dd-mm-yyyy dates, the import all or
nothing, and no double counting on re-import."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from binakinerja.core.models import AuditLog
from binakinerja.people.models import Employee
from binakinerja.trainings import siasn
from binakinerja.trainings.models import JpRecord


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    return build_training_world(build_competency_world(world))


def _xlsx(rows, header=siasn.COLUMNS, name="riwayat.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _import(w, upload, actor=None):
    actor = actor or w.admin
    return siasn.history_import(actor=actor, upload=upload,
                                editable_employees=Employee.objects.editable_by(actor))  # fmt: skip


def test_export_has_siasn_columns_and_dd_mm_yyyy_dates(w, client):
    w.jp_record.certificate_number = "SERT/01"
    w.jp_record.jp = Decimal("3.5")
    w.jp_record.save()
    client.force_login(w.operator_a)
    response = client.get(reverse("trainings:siasn_export", args=[w.dinkes.pk, 2026]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [
        "NIP", "jenisDiklatId", "namaKursus", "institusiPenyelenggara", "jumlahJam",
        "tanggalKursus", "tanggalSelesaiKursus", "tahunKursus", "nomorSertipikat",
    ]  # fmt: skip
    assert list(rows[1]) == [w.asn.nip, 9, "Webinar Gizi Anak", "Kemenkes", 4, "01-02-2026",
                             "01-02-2026", 2026, "SERT/01"]  # fmt: skip
    assert AuditLog.objects.filter(action="export", object_id=str(w.dinkes.pk)).exists()


def test_export_as_csv(w, client):
    client.force_login(w.admin)
    response = client.get(reverse("trainings:siasn_export", args=[w.prov.pk, 2026]) + "?format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][5:7] == ["tanggalKursus", "tanggalSelesaiKursus"]
    assert rows[1][0] == w.asn.nip and rows[1][5] == "01-02-2026"


def test_pimpinan_cannot_export_persons(w, client):
    client.force_login(w.pimpinan)
    assert client.get(reverse("trainings:siasn_export", args=[w.prov.pk, 2026])).status_code == 403


def _row(nip, name="Pelatihan Kepemimpinan <b>", start="02-03-2025", end="06-03-2025", jp=32):
    return [nip, 1, name, "BPSDM", jp, start, end, 2025, "NO/1"]


def test_import_writes_records_with_imported_source(w):
    result = _import(w, _xlsx([_row(w.asn.nip), _row(w.teacher.nip, name="Bimtek Data")]))
    assert result.ok and result.created == 2
    record = JpRecord.objects.get(employee=w.teacher, title="Bimtek Data")
    assert (record.source, record.jp, record.minutes, record.year) == ("imported", 32, 1440, 2025)
    assert (record.form_code, record.start) == ("KL01", dt.date(2025, 3, 2))
    assert record.source_ref.startswith(f"siasn:{w.teacher.nip}:20250302:20250306:")


def test_import_is_all_or_nothing(w):
    result = _import(w, _xlsx([
        _row(w.asn.nip),
        _row("123", jp=2),  # bad NIP
        [w.asn.nip, 99, "X", "", 2, "01-01-2025", "01-01-2025", "", ""],  # unknown code
        [w.asn.nip, 3, "Y", "", "dua", "31-02-2025", "01-01-2025", "", ""],  # jp and date
        _row(w.kota_employee.nip),  # outside the importer's scope
    ]))  # fmt: skip
    assert not result.ok
    columns = {(e.row, e.column) for e in result.errors}
    assert {(3, "NIP"), (4, "jenisDiklatId"), (5, "jumlahJam"), (5, "tanggalKursus"),
            (6, "NIP")} <= columns  # fmt: skip
    assert not JpRecord.objects.filter(source_ref__startswith="siasn:").exists()


def test_reimport_does_not_double_count(w):
    upload = [_row(w.asn.nip), _row(w.asn.nip, name="Seminar", jp=4)]
    assert _import(w, _xlsx(upload)).created == 2
    again = _import(w, _xlsx(upload))
    assert again.ok and (again.created, again.skipped) == (0, 2)
    spelled = _import(w, _xlsx([_row(w.asn.nip, name="  pelatihan   KEPEMIMPINAN <b>")]))
    assert spelled.ok and (spelled.created, spelled.skipped) == (0, 1)
    assert JpRecord.objects.filter(employee=w.asn, year=2025).count() == 2


def test_an_exported_batch_record_imported_back_is_not_counted_twice(w, client):
    client.force_login(w.admin)
    response = client.get(reverse("trainings:siasn_export", args=[w.prov.pk, 2026]))
    upload = SimpleUploadedFile("balik.xlsx", response.content)
    result = _import(w, upload)
    assert result.ok and (result.created, result.skipped) == (0, 1)


def test_the_same_course_twice_in_a_file_is_refused(w):
    result = _import(w, _xlsx([_row(w.asn.nip), _row(w.asn.nip)]))
    assert not result.ok and result.errors[0].row == 3


def test_import_page_takes_csv_and_reports_errors(w, client):
    client.force_login(w.operator_a)
    text = ";".join(siasn.COLUMNS) + "\n" + ";".join(str(v) for v in _row(w.asn.nip)) + "\n"
    upload = SimpleUploadedFile("riwayat.csv", text.encode())
    response = client.post(reverse("trainings:siasn_import"), {"file": upload})
    assert response.status_code == 302
    assert JpRecord.objects.filter(employee=w.asn, source=JpRecord.Source.IMPORTED,
                                   year=2025).count() == 1  # fmt: skip
    bad = SimpleUploadedFile("riwayat.csv", (";".join(siasn.COLUMNS) + "\n" + ";".join(
        str(v) for v in _row(w.teacher.nip)) + "\n").encode())  # fmt: skip
    response = client.post(reverse("trainings:siasn_import"), {"file": bad})
    assert response.status_code == 200
    assert "No employee you manage has this NIP." in response.content.decode() or \
        "Tidak ada pegawai" in response.content.decode()  # fmt: skip
