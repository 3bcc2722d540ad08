"""XLSX import of position competency standards: all or nothing, every error reported."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from binakinerja.competencies.importing_standards import (
    COLUMNS,
    position_standards_import,
    template_workbook,
)
from binakinerja.competencies.models import Competency, CompetencyGroup, PositionStandard
from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.services import orgunit_create
from binakinerja.people.models import Position, PositionKind

URL = "competencies:standards_import"
REPORT = "competencies:import_error_report"
SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "samples" / "standar_kompetensi.xlsx"


def workbook(rows, header=COLUMNS, name="standar.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(**changes):
    data = {"KODE UNIT": "", "UNIT KERJA": "Puskesmas Limboto", "JABATAN": "Kepala Puskesmas",
            "JENJANG": "", "KODE KOMPETENSI": "M1", "NAMA KOMPETENSI": "", "LEVEL": 3}  # fmt: skip
    data.update(changes)
    return [data[c] for c in COLUMNS]


def post(client, upload):
    return client.post(reverse(URL), {"file": upload})


def state():
    """Every standard with its level, and the audit rows: what a refused file must not change."""
    standards = sorted(
        PositionStandard.objects.values_list("pk", "position", "competency", "level")
    )
    return standards, AuditLog.objects.filter(object_type="competencies.positionstandard").count()


def level(position, code):
    return PositionStandard.objects.get(position=position, competency__code=code).level


@pytest.fixture
def coded(talent):
    OrgUnit.objects.filter(pk=talent.puskesmas.pk).update(code="UNOR-PKM-LIMBOTO")
    return talent


def test_happy_path_updates_creates_and_audits(coded, client, settings):
    settings.LANGUAGE_CODE = "en"
    w = coded
    gizi = Competency.objects.create(
        code="T-GIZI-1", group=CompetencyGroup.TEKNIS, name="Gizi Klinis", field="Kesehatan"
    )
    client.force_login(w.operator_a)
    before = PositionStandard.objects.count()
    rows = [
        row(),  # Kepala Puskesmas M1: 2 → 3
        row(**{"KODE UNIT": "unor-pkm-limboto", "UNIT KERJA": "", "JABATAN": "perawat",
               "JENJANG": "Terampil", "KODE KOMPETENSI": "T-KEP-1", "LEVEL": "4"}),  # 3 → 4
        row(**{"UNIT KERJA": "puskesmas  limboto", "JABATAN": "Perawat",
               "KODE KOMPETENSI": "", "NAMA KOMPETENSI": "perekat bangsa", "LEVEL": 1.0}),  # same
        row(**{"KODE KOMPETENSI": "t-gizi-1", "LEVEL": 2}),  # new
    ]  # fmt: skip
    response = post(client, workbook(rows))
    assert response.status_code == 302
    assert PositionStandard.objects.count() == before + 1
    assert level(w.pos_kepala, "M1") == 3
    assert level(w.pos_perawat, "T-KEP-1") == 4
    assert level(w.pos_perawat, "SK1") == 1
    assert PositionStandard.objects.get(position=w.pos_kepala, competency=gizi).level == 2
    entry = AuditLog.objects.get(action="import", object_type="competencies.positionstandard")
    assert entry.actor == w.operator_a
    assert entry.changes == {"created": [0, 1], "updated": [0, 2], "unchanged": [0, 1],
                             "positions": [0, 2]}  # fmt: skip
    per_change = AuditLog.objects.filter(
        object_type="competencies.positionstandard", reason__startswith="impor"
    )
    assert sorted((e.action, e.changes.get("level")) for e in per_change) == [
        ("create", [None, 2]),
        ("update", [2, 3]),
        ("update", [3, 4]),
    ]
    page = client.get(response["Location"])
    texts = [str(m) for m in page.context["messages"]]
    assert texts == ["Imported: 1 standards added, 2 changed, 1 already as in the file."]


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"UNIT KERJA": "Puskesmas Entah"}, "UNIT KERJA", "No active unit has this name"),
        ({"KODE UNIT": "UNOR-X"}, "KODE UNIT", "No active unit has this code"),
        ({"UNIT KERJA": ""}, "UNIT KERJA", "unit code or name"),
        ({"JABATAN": "Bidan"}, "JABATAN", "no position with this name"),
        ({"JABATAN": None}, "JABATAN", "position name"),
        ({"JABATAN": "Perawat", "JENJANG": "Ahli Muda"}, "JENJANG", "has this level"),
        ({"KODE KOMPETENSI": "M99"}, "KODE KOMPETENSI", "No competency"),
        ({"KODE KOMPETENSI": "", "NAMA KOMPETENSI": "Kesaktian"}, "NAMA KOMPETENSI",
         "No competency"),
        ({"KODE KOMPETENSI": ""}, "NAMA KOMPETENSI", "code or name"),
        ({"LEVEL": 0}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": 6}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": 2.5}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": "tiga"}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": None}, "LEVEL", "from 1 to 5"),
        ({"LEVEL": True}, "LEVEL", "from 1 to 5"),
    ],
)  # fmt: skip
def test_each_bad_value_is_reported_and_nothing_is_written(
    coded, client, settings, changes, column, reason
):
    settings.LANGUAGE_CODE = "en"
    client.force_login(coded.operator_a)
    before = state()
    valid = row(**{"KODE KOMPETENSI": "M2", "LEVEL": 4})
    response = post(client, workbook([valid, row(**changes)]))
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(r, c) for r, c, _v, _m in errors] == [(3, column)]
    assert reason in errors[0][3]
    assert state() == before
    body = response.content.decode()
    assert 'class="error-report"' in body
    assert 'name="errors"' in body


def test_inactive_competency_and_duplicates_are_refused(coded, client, settings):
    settings.LANGUAGE_CODE = "en"
    Competency.objects.filter(pk=coded.teknis.pk).update(is_active=False)
    client.force_login(coded.operator_a)
    before = state()
    rows = [
        row(**{"KODE KOMPETENSI": "T-KEP-1"}),  # inactive
        row(LEVEL=4),
        row(**{"KODE KOMPETENSI": "", "NAMA KOMPETENSI": "Integritas", "LEVEL": 5}),  # = row 3
        row(**{"KODE UNIT": "UNOR-PKM-LIMBOTO", "UNIT KERJA": "", "LEVEL": 5}),  # = row 3
    ]
    response = post(client, workbook(rows))
    errors = response.context["result"].errors
    assert [(r, c) for r, c, _v, _m in errors] == [
        (2, "KODE KOMPETENSI"),
        (4, "NAMA KOMPETENSI"),
        (5, "KODE KOMPETENSI"),
    ]
    assert "no longer in use" in errors[0][3]
    assert errors[1][2] == "Integritas"
    assert "Row 3" in errors[1][3] and "Row 3" in errors[2][3]
    assert state() == before


def test_operator_of_another_opd_cannot_import_dinkes_positions(coded, client, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(coded.operator_b)
    before = state()
    response = post(client, workbook([row(), row(**{"KODE UNIT": "UNOR-PKM-LIMBOTO"})]))
    errors = response.context["result"].errors
    assert [(r, c, v) for r, c, v, _m in errors] == [
        (2, "UNIT KERJA", "Puskesmas Limboto"),
        (3, "KODE UNIT", "UNOR-PKM-LIMBOTO"),
    ]
    assert all("outside the units you manage" in m for *_x, m in errors)
    assert state() == before


def test_admin_of_the_province_cannot_reach_another_government(coded, settings):
    settings.LANGUAGE_CODE = "en"
    Position.objects.create(name="Kepala Dinas", kind=PositionKind.JPT_PRATAMA, unit=coded.kota_opd)
    before = state()
    upload = workbook([row(**{"UNIT KERJA": coded.kota_opd.name, "JABATAN": "Kepala Dinas"})])
    result = position_standards_import(actor=coded.admin, upload=upload)
    assert [(r, c) for r, c, _v, _m in result.errors] == [(2, "UNIT KERJA")]
    assert state() == before


def test_shared_unit_name_narrows_to_own_units_or_needs_the_code(coded, settings):
    settings.LANGUAGE_CODE = "en"
    w = coded
    mine = orgunit_create(actor=None, parent=w.dinkes, name="Sekretariat", unit_type="sekretariat")
    theirs = orgunit_create(actor=None, parent=w.dikbud, name="Sekretariat")
    OrgUnit.objects.filter(pk=theirs.pk).update(code="UNOR-SEK-DIKBUD")
    for unit in (mine, theirs):
        Position.objects.create(name="Sekretaris", kind=PositionKind.ADMINISTRATOR, unit=unit)
    upload = workbook([row(**{"UNIT KERJA": "SEKRETARIAT", "JABATAN": "Sekretaris"})])
    result = position_standards_import(actor=w.operator_a, upload=upload)
    assert result.ok and result.created == 1
    assert PositionStandard.objects.filter(position__unit=mine).count() == 1
    before = state()
    upload.seek(0)
    result = position_standards_import(actor=w.admin, upload=upload)
    assert [(r, c) for r, c, _v, _m in result.errors] == [(2, "UNIT KERJA")]
    assert "give KODE UNIT" in result.errors[0][3]
    assert state() == before
    upload = workbook([row(**{"KODE UNIT": "UNOR-SEK-DIKBUD", "JABATAN": "Sekretaris"})])
    result = position_standards_import(actor=w.admin, upload=upload)
    assert result.ok and PositionStandard.objects.filter(position__unit=theirs).count() == 1


def test_same_position_name_at_two_levels_needs_jenjang(coded, settings):
    settings.LANGUAGE_CODE = "en"
    w = coded
    mahir = Position.objects.create(
        name="Perawat", kind=PositionKind.FUNGSIONAL_KETERAMPILAN, level="mahir", unit=w.puskesmas
    )
    before = state()
    result = position_standards_import(
        actor=w.operator_a, upload=workbook([row(JABATAN="Perawat")])
    )
    assert [(r, c) for r, c, _v, _m in result.errors] == [(2, "JABATAN")]
    assert "give JENJANG" in result.errors[0][3]
    assert state() == before
    result = position_standards_import(
        actor=w.operator_a, upload=workbook([row(JABATAN="Perawat", JENJANG="MAHIR")])
    )
    assert result.ok
    assert PositionStandard.objects.get(position=mahir).level == 3
    assert level(w.pos_perawat, "M1") == 1


def test_file_level_refusals(coded, client, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(coded.admin)
    before = state()
    no_unit = [c for c in COLUMNS if c not in ("KODE UNIT", "UNIT KERJA")]
    cases = [
        (SimpleUploadedFile("x.xlsx", b"not a workbook"), "not a readable"),
        (workbook([row()[:-1]], header=COLUMNS[:-1]), "LEVEL"),
        (workbook([["Perawat", "", "M1", "", 2]], header=no_unit), "KODE UNIT / UNIT KERJA"),
        (workbook([row()], header=["UNIT KERJA", "JABATAN", "LEVEL"]), "KODE KOMPETENSI"),
        (workbook([]), "no filled-in rows"),
        (SimpleUploadedFile("x.csv", b"JABATAN;LEVEL"), ".xlsx"),
    ]
    for upload, message in cases:
        response = post(client, upload)
        assert response.status_code == 200
        assert response.context["result"] is None
        texts = [str(m) for m in response.context["messages"]]
        assert any(message in t for t in texts), (message, texts)
    assert state() == before


def test_headers_by_name_any_case_order_and_alias(coded, client):
    client.force_login(coded.operator_a)
    header = ["level", "Kompetensi", "nama_jabatan", "Unit"]
    upload = workbook([[5, "Integritas", "Kepala Puskesmas", "Puskesmas Limboto"]], header=header)
    assert post(client, upload).status_code == 302
    assert level(coded.pos_kepala, "M1") == 5


def test_template_download_has_header_and_imports_as_is(coded, client):
    client.force_login(coded.operator_a)
    response = client.get(reverse(URL), {"template": 1})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert rows[1] == ("UNOR-PKM-LIMBOTO", "Puskesmas Limboto", "Kepala Puskesmas", None, "M1",
                       "Integritas", 2)  # fmt: skip
    before = AuditLog.objects.filter(action="import").count()
    assert post(client, SimpleUploadedFile("templat.xlsx", response.content)).status_code == 302
    assert AuditLog.objects.filter(action="import").count() == before + 1


def test_docs_sample_is_the_template():
    """docs/samples/standar_kompetensi.xlsx holds the same header and example row as the
    template without a position. Regenerate it with `write_sample()` below
    (DJANGO_SETTINGS_MODULE=binakinerja.settings, DEBUG=true, then django.setup())."""
    expected = load_workbook(io.BytesIO(template_workbook())).active
    sample = load_workbook(SAMPLE).active
    assert list(sample.iter_rows(values_only=True)) == list(expected.iter_rows(values_only=True))
    assert [c.value for c in sample[1]] == COLUMNS


def write_sample() -> None:
    SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    SAMPLE.write_bytes(template_workbook())


def test_error_report_downloads_as_xlsx(coded, client):
    client.force_login(coded.operator_a)
    page = post(client, workbook([row(JABATAN="Bidan")]))
    errors = json.loads(page.context["errors_json"])
    assert errors[0][:3] == [2, "JABATAN", "Bidan"]
    report = client.post(reverse(REPORT), {"errors": page.context["errors_json"]})
    assert report.status_code == 200
    assert report["Content-Disposition"].startswith("attachment")
    rows = list(load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
    assert rows[1][:3] == (2, "JABATAN", "Bidan")
    assert client.post(reverse(REPORT), {"errors": "{oops"}).status_code == 400
    assert client.post(reverse(REPORT), {"errors": "[[1, 2]]"}).status_code == 400


def test_error_report_neutralises_formulas(coded, client):
    client.force_login(coded.operator_a)
    errors = json.dumps([[2, "JABATAN", '=HYPERLINK("x")', "bad"]])
    report = client.post(reverse(REPORT), {"errors": errors})
    value = load_workbook(io.BytesIO(report.content)).active.cell(row=2, column=3).value
    assert not str(value).startswith("=")


def test_non_managers_cannot_import(coded, client):
    before = state()
    for user in (coded.atasan_user, coded.asn_user, coded.pimpinan, coded.mentor):
        client.force_login(user)
        assert post(client, workbook([row()])).status_code == 403
        assert client.get(reverse(URL), {"template": 1}).status_code == 403
    assert state() == before


def test_pages_link_to_the_import_for_managers_only(coded, client):
    link = reverse(URL)
    client.force_login(coded.operator_a)
    assert link in client.get(reverse("competencies:technical_list")).content.decode()
    position_page = reverse("competencies:position_standards", args=[coded.pos_kepala.pk])
    assert link in client.get(position_page).content.decode()
    client.force_login(coded.pimpinan)
    assert link not in client.get(reverse("competencies:technical_list")).content.decode()
    assert link not in client.get(position_page).content.decode()


def _queries(actor, rows) -> int:
    reach_of(actor)  # the roles, read once per request, are not the import's queries
    with CaptureQueriesContext(connection) as context:
        result = position_standards_import(actor=actor, upload=workbook(rows))
    assert result.ok
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_the_rows(coded):
    """The same number of queries for 2 and for 9 rows of one unit (lookups per distinct unit
    and position, writes in batches)."""
    codes = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"]
    small = _queries(
        coded.operator_a, [row(**{"KODE KOMPETENSI": c, "LEVEL": 4}) for c in codes[:2]]
    )
    large = _queries(coded.operator_a, [row(**{"KODE KOMPETENSI": c, "LEVEL": 5}) for c in codes])
    assert small == large
