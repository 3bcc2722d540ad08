import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from binakinerja.performance.models import Skp, SkpIndicator, SkpResult

HEADER = ["NIP", "TAHUN", "JENIS", "RENCANA HASIL KERJA", "ASPEK", "INDIKATOR", "TARGET",
          "SATUAN"]  # fmt: skip


def workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("target.xlsx", buffer.getvalue())


def test_operator_imports_targets_grouping_indicators_by_result(world, client):
    client.force_login(world.operator_a)
    upload = workbook([
        [world.asn.nip, 2026, "utama", "Cakupan imunisasi naik", "kuantitas", "Bayi", 120, "bayi"],
        [world.asn.nip, 2026, "utama", "Cakupan imunisasi naik", "waktu", "Tepat", "Des", ""],
        [world.asn_peer.nip, 2026, "tambahan", "Tim kerja", "kuantitas", "Rapat", 6, "kali"],
    ])  # fmt: skip
    response = client.post(reverse("performance:target_import"), {"file": upload})
    assert response.status_code == 302
    assert Skp.objects.filter(year=2026).count() == 2
    result = SkpResult.objects.get(text="Cakupan imunisasi naik")
    assert result.indicators.count() == 2
    assert set(result.indicators.values_list("target_text", flat=True)) == {"", "Des"}


def test_one_bad_row_saves_nothing_and_reports_every_error(world, client):
    client.force_login(world.operator_a)
    upload = workbook([
        [world.asn.nip, 2026, "utama", "Cakupan", "kuantitas", "Bayi", 120, "bayi"],
        [world.teacher.nip, 2026, "utama", "Di luar cakupan", "kuantitas", "x", 1, ""],
        ["1.98609E+17", 2026, "utama", "NIP rusak", "kuantitas", "x", 1, ""],
        [world.asn.nip, 2026, "pokok", "Jenis salah", "mutu", "x", "", ""],
    ])  # fmt: skip
    response = client.post(reverse("performance:target_import"), {"file": upload})
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(row, column) for row, column, _v, _r in errors] == [
        (3, "NIP"),
        (4, "NIP"),
        (5, "JENIS"),
    ]
    assert not Skp.objects.exists() and not SkpIndicator.objects.exists()


def test_not_an_xlsx_an_empty_file_and_non_managers(world, client):
    client.force_login(world.operator_a)
    empty = client.post(reverse("performance:target_import"), {"file": workbook([])}, follow=True)
    assert [m.level_tag for m in empty.context["messages"]] == ["error"]
    bad = SimpleUploadedFile("target.xlsx", b"not a zip file at all")
    response = client.post(reverse("performance:target_import"), {"file": bad}, follow=True)
    assert "bukan buku kerja" in response.content.decode() or "xlsx" in response.content.decode()
    assert not Skp.objects.exists()
    client.force_login(world.asn_user)
    assert client.get(reverse("performance:target_import")).status_code == 403


def test_error_report_downloads_as_xlsx(world, client):
    import json

    from openpyxl import load_workbook

    client.force_login(world.operator_a)
    upload = workbook([["123", 2026, "utama", "x", "kuantitas", "y", 1, ""]])
    page = client.post(reverse("performance:target_import"), {"file": upload})
    errors = json.loads(page.context["errors_json"])
    assert errors[0][:2] == [2, "NIP"]
    response = client.post(
        reverse("performance:target_import_report"), {"errors": page.context["errors_json"]}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == (2, "NIP", "123")
    bad = client.post(reverse("performance:target_import_report"), {"errors": "{nonsense"})
    assert bad.status_code == 400


def test_import_writes_through_the_services_with_an_audit_row_per_skp_and_result(world):
    from binakinerja.core.models import AuditLog
    from binakinerja.people.models import Employee
    from binakinerja.performance.importing import skp_targets_import

    upload = workbook([
        [world.asn.nip, 2026, "utama", "Cakupan imunisasi naik", "kuantitas", "Bayi", 120, "bayi"],
        [world.asn.nip, 2026, "utama", "Cakupan imunisasi naik", "waktu", "Tepat", "Des", ""],
        [world.asn_peer.nip, 2026, "tambahan", "Tim kerja", "kuantitas", "Rapat", 6, "kali"],
    ])  # fmt: skip
    result = skp_targets_import(
        actor=world.operator_a, upload=upload,
        editable_employees=Employee.objects.editable_by(world.operator_a),
    )  # fmt: skip
    assert result.ok and (result.skps_created, result.results_created) == (2, 2)
    assert result.indicators_created == 3
    audit = AuditLog.objects.filter(actor=world.operator_a)
    skps = Skp.objects.filter(year=2026)
    assert {e.object_id for e in audit.filter(object_type="performance.skp", action="create")} == {
        str(pk) for pk in skps.values_list("pk", flat=True)
    }
    created_results = audit.filter(object_type="performance.skpresult", action="create")
    assert created_results.count() == 2
    assert audit.get(action="import").changes["indicators"] == [0, 3]
    assert all(skp.behaviours.count() == 7 for skp in skps)  # as skp_create makes them


def test_a_target_full_clean_refuses_is_reported_by_cell_and_nothing_is_written(world, client):
    client.force_login(world.operator_a)
    upload = workbook([
        [world.asn.nip, 2026, "utama", "Cakupan", "kuantitas", "Bayi", 120, "bayi"],
        [world.asn.nip, 2026, "utama", "Cakupan", "kuantitas", "Terlalu besar", 10**15, ""],
        [world.asn_peer.nip, 2026, "utama", "Rapat", "kuantitas", "x", 1, "s" * 60],
    ])  # fmt: skip
    response = client.post(reverse("performance:target_import"), {"file": upload})
    errors = response.context["result"].errors
    assert [(row, column) for row, column, _v, _r in errors] == [(3, "TARGET"), (4, "SATUAN")]
    assert not Skp.objects.exists() and not SkpIndicator.objects.exists()


def test_the_bulk_target_service_refuses_an_invalid_indicator_and_rolls_back(world):
    from django.core.exceptions import ValidationError

    from binakinerja.core.models import AuditLog
    from binakinerja.performance.services import SkpTarget, skp_targets_add

    good = {"aspect": "kuantitas", "text": "Bayi", "target_value": 1, "target_unit": ""}
    bad = {"aspect": "kuantitas", "text": "Tanpa target", "target_value": None, "target_text": ""}
    with pytest.raises(ValidationError):
        skp_targets_add(
            actor=world.operator_a,
            targets=[
                SkpTarget(employee=world.asn, year=2026, kind="utama", text="A", indicators=[good]),
                SkpTarget(employee=world.asn_peer, year=2026, kind="utama", text="B",
                          indicators=[bad]),
            ],
        )  # fmt: skip
    assert not Skp.objects.exists() and not AuditLog.objects.filter(object_type__startswith="perf")


def _nip_queries(captured) -> int:
    return sum('"nip" IN' in q["sql"] for q in captured.captured_queries)


@pytest.mark.parametrize("staff", [2, 12])
def test_the_import_looks_nips_up_in_a_constant_number_of_queries(world, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from binakinerja.core.testing import make_employee
    from binakinerja.people.models import Employee
    from binakinerja.performance.importing import skp_targets_import

    people = [make_employee(world.puskesmas, f"Staf {i}") for i in range(staff)]
    upload = workbook(
        [[p.nip, 2026, "utama", "Layanan", "kuantitas", "Pasien", 10, "orang"] for p in people]
        + [["199001012015031999", 2026, "utama", "Tidak dikenal", "kuantitas", "x", 1, ""]]
    )
    with CaptureQueriesContext(connection) as captured:
        result = skp_targets_import(
            actor=world.operator_a, upload=upload,
            editable_employees=Employee.objects.editable_by(world.operator_a),
        )  # fmt: skip
    assert [(e.row, e.column) for e in result.errors] == [(staff + 2, "NIP")]
    assert _nip_queries(captured) == 1
