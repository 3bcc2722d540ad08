"""The web side of the ASN import: upload → job page → progress → result or error report,
with the immediate task backend; upload checks; who may see what."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_nip
from binakinerja.people.importing import jobs
from binakinerja.people.models import Employee, ImportJob
from binakinerja.people.tests.test_importing import csv_bytes, siasn_row, xlsx_bytes

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def _tasks_and_media(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, data: bytes, name: str = "asn.csv", **fields):
    payload = {"file": SimpleUploadedFile(name, data), **fields}
    return client.post(reverse("people:import_upload"), payload)


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT / "imports"
    return sorted(root.iterdir()) if root.exists() else []


# --- access --------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, world):
    for url in (reverse("people:import_upload"), reverse("people:import_job", args=[1])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["asn_user", "atasan_user", "pimpinan", "mentor"])
def test_only_registry_managers_may_upload(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("people:import_upload")).status_code == 403
    assert upload(client, csv_bytes([siasn_row()])).status_code == 403
    assert not ImportJob.objects.exists()


def test_upload_page_lists_only_agencies_in_scope(client, world):
    client.force_login(world.operator_a)
    page = client.get(reverse("people:import_upload")).content.decode()
    assert "Dinas Kesehatan" in page
    assert "Dinas Pendidikan dan Kebudayaan" not in page


# --- the flow ----------------------------------------------------------------------------------


def test_upload_runs_the_import_and_shows_the_result(client, world, settings):
    client.force_login(world.operator_a)
    nip = make_nip()
    response = upload(client, csv_bytes([siasn_row(nip=nip), siasn_row()]))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:import_job", args=[job.pk])
    assert job.status == ImportJob.Status.DONE
    assert (job.created_count, job.rows_total, job.owner) == (2, 2, world.operator_a)
    assert Employee.objects.filter(nip=nip, unit=world.puskesmas).exists()
    page = client.get(response["Location"]).content.decode()
    assert "asn.csv" in page
    assert 'hx-trigger="every 1s"' not in page  # finished: no more polling
    fragment = client.get(reverse("people:import_job_progress", args=[job.pk]))
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    # The upload is deleted once imported (it also held NIK, phone and NPWP).
    assert job.file.name == ""
    assert stored_files(settings) == []


def test_running_job_polls_every_second_and_offers_a_reload_link(client, world):
    job = ImportJob.objects.create(
        owner=world.operator_a,
        original_name="asn.csv",
        status=ImportJob.Status.CHECKING,
        rows_total=1000,
        rows_done=250,
    )
    client.force_login(world.operator_a)
    page = client.get(reverse("people:import_job", args=[job.pk])).content.decode()
    progress_url = reverse("people:import_job_progress", args=[job.pk])
    assert f'hx-get="{progress_url}"' in page
    assert 'hx-trigger="every 1s"' in page
    assert 'value="25"' in page
    assert f'href="{reverse("people:import_job", args=[job.pk])}"' in page  # works without JS
    fragment = client.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert "<html" not in fragment


def test_file_with_errors_shows_the_report_and_downloads_it(client, world):
    client.force_login(world.operator_a)
    before = Employee.objects.count()
    rows = [siasn_row(), siasn_row(**{"NIP BARU": '=HYPERLINK("x")'}), siasn_row()]
    response = upload(client, csv_bytes(rows), **{"dry_run": ""})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REJECTED
    assert Employee.objects.count() == before
    page = client.get(response["Location"]).content.decode()
    assert 'class="error-report"' in page
    assert "NIP BARU" in page
    assert "=HYPERLINK" in page.replace("&quot;", '"')  # shown as text, escaped
    report = client.get(reverse("people:import_report", args=[job.pk]))
    assert report.status_code == 200
    assert report["Content-Disposition"].startswith("attachment;")
    assert report["X-Content-Type-Options"] == "nosniff"
    sheet = load_workbook(io.BytesIO(report.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == 3
    assert rows[1][1] == "NIP BARU"
    assert rows[1][2].startswith("'=")  # neutralised formula
    assert AuditLog.objects.filter(action="export", object_type="people.importjob").exists()


def test_check_only_saves_nothing(client, world):
    client.force_login(world.operator_a)
    before = Employee.objects.count()
    upload(client, csv_bytes([siasn_row()]), dry_run="on")
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.dry_run) == ("done", 1, True)
    assert Employee.objects.count() == before


def test_missing_units_are_created_under_the_chosen_agency(client, world):
    client.force_login(world.operator_a)
    rows = [siasn_row(**{"UNOR NAMA": "Puskesmas Telaga"})]
    response = upload(client, csv_bytes(rows), create_units="on")
    assert response.status_code == 200  # the agency must be chosen
    assert "create_units_under" in response.context["form"].errors
    upload(client, csv_bytes(rows), create_units="on", create_units_under=world.dinkes.pk)
    job = ImportJob.objects.get()
    assert (job.status, job.units_created) == ("done", 1)
    assert world.dinkes.children.filter(name="Puskesmas Telaga").exists()


def test_agency_outside_scope_cannot_be_chosen(client, world):
    client.force_login(world.operator_a)
    response = upload(
        client, csv_bytes([siasn_row()]), create_units="on", create_units_under=world.dikbud.pk
    )
    assert response.status_code == 200
    assert "create_units_under" in response.context["form"].errors
    assert not ImportJob.objects.exists()


def test_xlsx_upload(client, world):
    client.force_login(world.operator_a)
    nip = make_nip()
    upload(client, xlsx_bytes([siasn_row(nip=nip, **{"NIP BARU": nip})]), name="asn.xlsx")
    assert ImportJob.objects.get().status == "done"
    assert Employee.objects.filter(nip=nip).exists()


# --- upload checks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (os.urandom(2048) + b"\x00", "asn.csv"),
        (b"hello, this is not a workbook", "asn.xlsx"),
        (b"", "asn.csv"),
        (b"NIP BARU|NAMA\r\n", "asn.exe"),
        (b"MZ\x90\x00", "asn.csv"),
    ],
)
def test_bad_uploads_are_refused_by_the_form(client, world, settings, data, name):
    client.force_login(world.operator_a)
    response = upload(client, data, name=name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()
    assert stored_files(settings) == []


def test_oversized_upload_is_refused_without_being_stored(client, world, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10_000
    client.force_login(world.operator_a)
    data = csv_bytes([siasn_row() for _ in range(60)])
    assert len(data) > 10_000
    response = upload(client, data)
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["too_large"]
    assert response.wsgi_request.import_upload_too_large  # stopped while receiving
    assert not ImportJob.objects.exists()


def test_header_only_file_is_rejected_by_the_job(client, world):
    client.force_login(world.operator_a)
    upload(client, csv_bytes([]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REJECTED
    assert [e["code"] for e in job.errors] == ["no_rows"]
    assert client.get(reverse("people:import_job", args=[job.pk])).status_code == 200


def test_upload_is_stored_under_a_generated_name_outside_the_web_root(client, world, settings):
    settings.TASKS = DUMMY  # queued, not run
    client.force_login(world.operator_a)
    upload(client, csv_bytes([siasn_row()]), name="../../daftar asn.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED
    assert job.original_name == "daftar asn.csv"
    assert job.file.name.startswith("imports/")
    assert "daftar" not in job.file.name and job.file.name.endswith(".csv")
    assert os.path.realpath(job.file.path).startswith(os.path.realpath(settings.MEDIA_ROOT))
    page = client.get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    jobs.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert stored_files(settings) == []
    jobs.import_job_run(job_id=job.pk)  # a retried task does nothing
    assert ImportJob.objects.get().created_count == 1


def test_unexpected_failure_marks_the_job_failed(client, world, settings, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs, "employee_import", broken)
    client.force_login(world.operator_a)
    response = upload(client, csv_bytes([siasn_row()]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["code"] == "import_failed"
    assert stored_files(settings) == []
    assert client.get(response["Location"]).status_code == 200


# --- owners only ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["operator_b", "admin", "superadmin", "asn_user"])
def test_only_the_owner_sees_a_job_and_its_report(client, world, persona):
    client.force_login(world.operator_a)
    upload(client, csv_bytes([siasn_row(NAMA="")]))
    job = ImportJob.objects.get()
    assert client.get(reverse("people:import_report", args=[job.pk])).status_code == 200
    client.force_login(getattr(world, persona))
    for name in ("people:import_job", "people:import_job_progress", "people:import_report"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name


def test_report_of_a_job_without_errors_is_404(client, world):
    client.force_login(world.operator_a)
    upload(client, csv_bytes([siasn_row()]))
    job = ImportJob.objects.get()
    assert client.get(reverse("people:import_report", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("bad_rows", [1, 300])
def test_progress_fragment_query_count_does_not_grow_with_errors(
    client, world, django_assert_num_queries, bad_rows
):
    client.force_login(world.operator_a)
    upload(client, csv_bytes([siasn_row(NAMA="") for _ in range(bad_rows)]))
    job = ImportJob.objects.get()
    client.get(reverse("people:import_job_progress", args=[job.pk]))  # warm the session
    with django_assert_num_queries(5):  # session, user, job, reach (2); no session write
        client.get(reverse("people:import_job_progress", args=[job.pk]))


@pytest.mark.parametrize(
    ("status", "total", "done", "text"),
    [
        ("queued", None, 0, "Waiting to start"),
        ("checking", None, 0, "Checking rows"),
        ("saving", 1500, 0, "1,500 rows in one step"),
        ("failed", None, 0, "Nothing was saved."),
    ],
)
def test_every_job_state_renders(client, world, settings, status, total, done, text):
    settings.LANGUAGE_CODE = "en"
    settings.USE_THOUSAND_SEPARATOR = True
    job = ImportJob.objects.create(
        owner=world.operator_a, original_name="asn.csv", status=status, rows_total=total,
        rows_done=done,
    )  # fmt: skip
    client.force_login(world.operator_a)
    response = client.get(reverse("people:import_job_progress", args=[job.pk]))
    assert response.status_code == 200
    content = response.content.decode()

    def plain(value):
        return value.replace(",", "").replace(".", "")

    assert plain(text) in plain(content)
    assert ('hx-trigger="every 1s"' in content) == (status != "failed")


def test_imported_formula_is_neutralised_in_the_employee_export(client, world):
    client.force_login(world.operator_a)
    nip = make_nip()
    formula = '=HYPERLINK("http://evil.example/x","klik")'
    upload(client, xlsx_bytes([siasn_row(nip=nip, NAMA=formula)]), name="asn.xlsx")
    assert Employee.objects.get(nip=nip).name == formula  # stored as text
    response = client.get(reverse("people:employee_list") + f"?q={nip}&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["'" + formula]
