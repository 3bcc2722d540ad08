import io

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


def test_not_an_xlsx_and_non_managers(world, client):
    client.force_login(world.operator_a)
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
