"""Importing an ASN list in a real browser: a file with errors shows the row-by-row report and
saves nothing; a clean file adds its employees."""

import pytest
from playwright.sync_api import expect

from binakinerja.core.testing import PASSWORD
from binakinerja.people.models import Employee

pytestmark = pytest.mark.browser

HEADER = "NIP BARU;NAMA;GELAR BELAKANG;TANGGAL LAHIR;JENIS KELAMIN;GOL AKHIR NAMA;UNOR NAMA\n"


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _log_in_and_upload(page, world, path):
    page.goto("/akun/login/")
    page.fill("#id_username", world.operator_a.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.click("header nav a[href='/asn/import/']")
    page.set_input_files("input[type=file]", str(path))
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_file_with_errors_shows_the_report_and_saves_nothing(
    page, world, tmp_path, immediate_tasks
):
    path = tmp_path / "asn.csv"
    path.write_text(
        HEADER
        + "199001152015031002;Hasan Katili;S.Kom.;15-01-1990;L;III/a;Puskesmas Limboto\n"
        + "1.98609E+17;Nurhayati Dai;;26-09-1986;P;III/b;Puskesmas Limboto\n",
        encoding="utf-8",
    )
    before = Employee.objects.count()
    _log_in_and_upload(page, world, path)

    expect(page.locator("main")).to_contain_text("Tidak diimpor")
    report = page.locator("main table tbody tr")
    expect(report).to_have_count(1)
    expect(report.first).to_contain_text("NIP BARU")
    expect(report.first).to_contain_text("1.98609E+17")
    expect(report.first).to_contain_text("Excel")
    with page.expect_download() as download:
        page.click("text=Unduh laporan kesalahan (XLSX)")
    assert download.value.suggested_filename.endswith(".xlsx")
    assert Employee.objects.count() == before
    assert not Employee.objects.filter(nip="199001152015031002").exists()


def test_clean_file_adds_its_employees(page, world, tmp_path, immediate_tasks):
    path = tmp_path / "asn.csv"
    path.write_text(
        HEADER + "199001152015031002;Hasan Katili;S.Kom.;15-01-1990;L;III/a;Puskesmas Limboto\n",
        encoding="utf-8",
    )
    _log_in_and_upload(page, world, path)

    expect(page.locator("main")).to_contain_text("Selesai")
    page.click("text=Lihat pegawai")
    page.fill("#filters input[name=q]", "19900115 201503 1 002")
    page.click("#filters button[type=submit]")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("Hasan Katili, S.Kom.")
