"""XLSX import of assessment-center results: all or nothing, every error reported."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from binakinerja.competencies.importing import COLUMNS
from binakinerja.competencies.models import Competency, CompetencyAssessment, PotentialAssessment
from binakinerja.core.models import AuditLog

URL = "competencies:assessment_import"


def workbook(rows, header=COLUMNS, name="penilaian.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(w, **changes):
    data = {"NIP": w.asn.nip, "KODE KOMPETENSI": "M2", "NAMA KOMPETENSI": "", "LEVEL": 3,
            "SKOR": None, "TANGGAL": "15/01/2026", "METODE": "assessment_center",
            "ASESOR": "UPT Penilaian"}  # fmt: skip
    data.update(changes)
    return [data[c] for c in COLUMNS]


def post(client, upload):
    return client.post(reverse(URL), {"file": upload})


def counts():
    return CompetencyAssessment.objects.count(), PotentialAssessment.objects.count()


def test_happy_path_imports_competencies_and_potential(talent, client):
    client.force_login(talent.operator_a)
    before = counts()
    rows = [
        row(talent),
        row(talent, **{"KODE KOMPETENSI": "", "NAMA KOMPETENSI": "Perekat Bangsa", "LEVEL": "2",
                       "METODE": "Uji Kompetensi"}),
        row(talent, NIP=talent.atasan.nip, **{"KODE KOMPETENSI": "t-kep-1", "LEVEL": 4.0,
                                             "TANGGAL": dt.date(2025, 12, 1), "METODE": "360"}),
        row(talent, **{"KODE KOMPETENSI": "POTENSIAL", "LEVEL": "Tinggi", "SKOR": "84,5"}),
    ]  # fmt: skip
    response = post(client, workbook(rows))
    assert response.status_code == 302
    assert counts() == (before[0] + 3, before[1] + 1)
    m2 = CompetencyAssessment.objects.get(employee=talent.asn, competency__code="M2")
    assert (m2.level, m2.assessed_on, m2.method, m2.assessor, m2.created_by) == (
        3,
        dt.date(2026, 1, 15),
        "assessment_center",
        "UPT Penilaian",
        talent.operator_a,
    )
    sk1 = CompetencyAssessment.objects.get(employee=talent.asn, competency__code="SK1")
    assert (sk1.level, sk1.method) == (2, "uji_kompetensi")
    tek = CompetencyAssessment.objects.get(employee=talent.atasan, competency=talent.teknis)
    assert (tek.level, tek.method) == (4, "360")
    potential = PotentialAssessment.objects.filter(employee=talent.asn).order_by("-pk").first()
    assert (potential.potential, str(potential.score)) == ("tinggi", "84.50")
    # history kept: the older Integritas assessments of the ASN are untouched
    assert (
        CompetencyAssessment.objects.filter(employee=talent.asn, competency__code="M1").count() == 2
    )
    entry = AuditLog.objects.get(action="import", object_type="competencies.competencyassessment")
    assert entry.changes == {"competency_assessments": [0, 3], "potential_assessments": [0, 1],
                             "employees": [0, 2]}  # fmt: skip


def future():
    return (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"NIP": "199001012015011999"}, "NIP", "No employee you manage"),
        ({"NIP": "123"}, "NIP", ""),
        ({"KODE KOMPETENSI": "M99"}, "KODE KOMPETENSI", "No competency"),
        (
            {"KODE KOMPETENSI": "", "NAMA KOMPETENSI": "Kesaktian"},
            "NAMA KOMPETENSI",
            "No competency",
        ),
        ({"KODE KOMPETENSI": ""}, "NAMA KOMPETENSI", "code or name"),
        ({"LEVEL": 6}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": 0}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": "tiga"}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": 2.5}, "LEVEL", "from 1 to 5"),
        ({"TANGGAL": "future"}, "TANGGAL", "future"),
        ({"TANGGAL": "kemarin"}, "TANGGAL", "DD/MM/YYYY"),
        ({"METODE": "wawancara"}, "METODE", "Unknown method"),
        ({"METODE": None}, "METODE", "Unknown method"),
        ({"KODE KOMPETENSI": "POTENSIAL", "LEVEL": "sedang"}, "LEVEL", "tinggi, menengah"),
        ({"KODE KOMPETENSI": "POTENSIAL", "LEVEL": "tinggi", "SKOR": "banyak"}, "SKOR", "number"),
    ],
)
def test_each_bad_value_is_reported_and_nothing_is_written(
    talent, client, settings, changes, column, reason
):
    settings.LANGUAGE_CODE = "en"
    client.force_login(talent.operator_a)
    if changes.get("TANGGAL") == "future":
        changes["TANGGAL"] = future()
    before = counts()
    valid = row(talent, **{"KODE KOMPETENSI": "M3"})
    response = post(client, workbook([valid, row(talent, **changes)]))
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(r, c) for r, c, _v, _m in errors] == [(3, column)]
    assert reason in errors[0][3]
    assert counts() == before
    assert not AuditLog.objects.filter(action="import").exists()
    assert 'class="error-report"' in response.content.decode()


def test_outside_scope_inactive_and_duplicates_are_refused(talent, client):
    client.force_login(talent.operator_a)
    Competency.objects.filter(pk=talent.teknis.pk).update(is_active=False)
    before = counts()
    rows = [
        row(talent, NIP=talent.teacher.nip),  # another OPD
        row(talent, **{"KODE KOMPETENSI": "T-KEP-1"}),  # inactive
        row(talent),
        row(talent, LEVEL=4),  # same NIP, competency and date as row 4
        row(talent, **{"KODE KOMPETENSI": "POTENSIAL", "LEVEL": "rendah"}),
        row(talent, **{"KODE KOMPETENSI": "POTENSIAL", "LEVEL": "tinggi"}),
    ]
    response = post(client, workbook(rows))
    errors = response.context["result"].errors
    assert [(r, c) for r, c, _v, _m in errors] == [
        (2, "NIP"),
        (3, "KODE KOMPETENSI"),
        (5, "NIP"),
        (7, "NIP"),
    ]
    assert errors[0][2] == talent.teacher.nip
    assert "4" in errors[2][3] and "6" in errors[3][3]
    assert counts() == before


def test_file_level_refusals(talent, client):
    client.force_login(talent.admin)
    before = counts()
    cases = [
        SimpleUploadedFile("x.xlsx", b"not a workbook"),
        workbook([row(talent)], header=["NIP", "KODE KOMPETENSI", "LEVEL"]),
        workbook([row(talent)], header=["NIP", "LEVEL", "TANGGAL", "METODE"]),
        workbook([]),
        SimpleUploadedFile("x.csv", b"NIP;LEVEL"),
    ]
    for upload in cases:
        response = post(client, upload)
        assert response.status_code == 200
        assert response.context["result"] is None
        assert list(response.context["messages"])
    assert counts() == before


def test_headers_by_name_any_case_order_and_alias(talent, client):
    client.force_login(talent.admin)
    header = ["tanggal", "Metode", "nip", "kode_kompetensi", "level", "Skor Potensial"]
    upload = workbook([["01/12/2025", "AC", talent.teacher.nip, "potensial", "menengah", 70]],
                      header=header)  # fmt: skip
    assert post(client, upload).status_code == 302
    potential = PotentialAssessment.objects.get(employee=talent.teacher)
    assert (potential.potential, potential.score, potential.method) == (
        "menengah",
        70,
        "assessment_center",
    )


def test_template_download_imports_as_is(talent, client):
    client.force_login(talent.operator_a)
    response = client.get(reverse(URL), {"template": 1})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == COLUMNS
    before = counts()
    upload = SimpleUploadedFile("templat.xlsx", response.content)
    assert post(client, upload).status_code == 302
    assert counts() == (before[0] + 2, before[1] + 1)


def test_non_managers_cannot_import(talent, client):
    before = counts()
    for user in (talent.atasan_user, talent.asn_user, talent.pimpinan, talent.mentor):
        client.force_login(user)
        assert post(client, workbook([row(talent)])).status_code == 403
    assert counts() == before


def test_error_report_downloads_as_xlsx(talent, client):
    import json

    client.force_login(talent.operator_a)
    page = post(client, workbook([row(talent, NIP="123")]))
    assert json.loads(page.context["errors_json"])[0][:3] == [2, "NIP", "123"]
    assert 'name="errors"' in page.content.decode()
    report = client.post(
        reverse("competencies:import_error_report"), {"errors": page.context["errors_json"]}
    )
    assert report.status_code == 200
    rows = list(load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Column", "Value", "Reason") or len(rows[0]) == 4
    assert rows[1][:3] == (2, "NIP", "123")
    bad = client.post(reverse("competencies:import_error_report"), {"errors": "{nonsense"})
    assert bad.status_code == 400


def test_a_successful_page_offers_no_error_report(talent, client):
    client.force_login(talent.operator_a)
    page = client.get(reverse(URL))
    assert page.context["errors_json"] == ""
    assert 'name="errors"' not in page.content.decode()


@pytest.mark.parametrize("staff", [2, 12])
def test_nips_are_looked_up_in_a_constant_number_of_queries(talent, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from binakinerja.competencies.importing import assessments_import
    from binakinerja.core.testing import make_employee
    from binakinerja.people.models import Employee

    people = [make_employee(talent.puskesmas, f"Staf {i}") for i in range(staff)]
    upload = workbook([row(talent, NIP=p.nip) for p in people])
    with CaptureQueriesContext(connection) as captured:
        result = assessments_import(
            actor=talent.operator_a, upload=upload,
            editable_employees=Employee.objects.editable_by(talent.operator_a),
        )  # fmt: skip
    assert result.ok and result.competencies_created == staff
    assert sum('"nip" IN' in q["sql"] for q in captured.captured_queries) == 1
