"""Budget lines and realisasi from XLSX, all or nothing with the row-by-row report, and the
exports a finance office expects."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from binakinerja.budgets import importing
from binakinerja.budgets.models import BudgetLine, Realisation
from binakinerja.budgets.testing import build_budget_world
from binakinerja.core.models import AuditLog
from binakinerja.core.testing import xlsx_sheet, xlsx_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    return build_budget_world(world)


LINE = ["Dinas Kesehatan", "5.04.02.1.01", "5.04.02.1.01.0002", "5.1.02.02.12",
        "Pelatihan PPGD", "25.000.000", "DPA Dinkes"]  # fmt: skip


def test_lines_import_all_or_nothing_with_every_problem(w):
    before = BudgetLine.objects.count()
    rows = [
        LINE,
        ["Dinas Entah", *LINE[1:]],  # no such OPD
        [LINE[0], "5.4.2.1", *LINE[2:]],  # not a kegiatan code
        [*LINE[:5], "-1.000", LINE[6]],  # negative
        [*LINE[:5], "dua juta", LINE[6]],  # not a number
        [*LINE[:3], "4.1.01.01.01", *LINE[4:]],  # not a belanja account
    ]  # fmt: skip
    with translation.override("en"):
        result = importing.lines_import(
            actor=w.admin,
            instansi=w.prov,
            year=w.year,
            upload=xlsx_upload(importing.LINE_COLUMNS, rows),
        )
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "OPD"), (4, "KODE KEGIATAN"), (4, "KODE SUB KEGIATAN"), (5, "PAGU"), (6, "PAGU"),
        (7, "KODE REKENING")]  # fmt: skip
    assert BudgetLine.objects.count() == before
    result = importing.lines_import(actor=w.admin, instansi=w.prov, year=w.year,
                                    upload=xlsx_upload(importing.LINE_COLUMNS, [LINE]))  # fmt: skip
    assert result.ok and result.created == 1
    line = BudgetLine.objects.get(name="Pelatihan PPGD")
    assert line.pagu == Decimal("25000000") and line.opd == w.dinkes
    assert AuditLog.objects.filter(action="import", object_id=str(line.pk)).exists()


def test_realisations_import_refuses_rows_above_the_pagu_and_writes_nothing(w):
    header = importing.ENTRY_COLUMNS
    day = w.spent_on.strftime("%d-%m-%Y")
    rows = [
        [w.line.pk, day, "3.000.000", "Sewa aula"],
        [w.line.pk, day, "2.000.001", "Konsumsi"],  # 5 + 3 + 2.000001 > 10 million
        [999999, day, "1.000", "x"],  # no such line
        [w.line_b.pk, "31-02-2020", "1.000", "x"],  # not a date
        [w.line_b.pk, day, "1.000", ""],  # what for?
    ]  # fmt: skip
    entries = Realisation.objects.count()
    result = importing.realisations_import(actor=w.admin, instansi=w.prov, year=w.year,
                                           upload=xlsx_upload(header, rows))  # fmt: skip
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "JUMLAH"), (4, "ID BARIS"), (5, "TANGGAL"), (6, "URAIAN")]  # fmt: skip
    assert Realisation.objects.count() == entries
    result = importing.realisations_import(actor=w.operator_a, instansi=w.prov, year=w.year,
                                           upload=xlsx_upload(header, [rows[0]]))  # fmt: skip
    assert result.ok and result.created == 1
    w.line.refresh_from_db()
    assert w.line.realised == Decimal("8000000")
    # an operator posts to the lines of their own OPD only
    result = importing.realisations_import(
        actor=w.operator_a, instansi=w.prov, year=w.year,
        upload=xlsx_upload(header, [[w.line_b.pk, day, "1.000", "x"]]),
    )  # fmt: skip
    assert result.errors and result.errors[0].column == "ID BARIS"


def test_export_then_import_of_realisasi_by_line_id(client, w):
    client.force_login(w.admin)
    url = reverse("budgets:year", args=[w.prov.pk, w.year])
    rows = xlsx_sheet(client.get(url + "?export=xlsx"))
    header = rows[0]
    assert header[0] == "ID BARIS" and "PENYERAPAN %" in header
    by_name = {row[5]: row for row in rows[1:]}
    assert by_name[w.line.name][7] == 5000000  # REALISASI
    template = xlsx_sheet(client.get(reverse("budgets:realisations_import",
                                        args=[w.prov.pk, w.year]) + "?template=1"))  # fmt: skip
    assert template[0] == tuple(importing.ENTRY_COLUMNS)
    line_id = by_name[w.line_b.name][0]
    day = w.spent_on.strftime("%d-%m-%Y")
    response = client.post(
        reverse("budgets:realisations_import", args=[w.prov.pk, w.year]),
        {"file": xlsx_upload(importing.ENTRY_COLUMNS, [[line_id, day, 1250000, "Bimtek"]])},
    )  # fmt: skip
    assert response.status_code == 302
    w.line_b.refresh_from_db()
    assert w.line_b.realised == Decimal("1250000")


def test_the_finance_layout_groups_lines_per_kode_rekening(client, w):
    client.force_login(w.admin)
    rows = xlsx_sheet(client.get(reverse("budgets:year", args=[w.prov.pk, w.year])
                            + "?export=rekening"))  # fmt: skip
    assert rows[0][:2] == ("KODE REKENING", "URAIAN")
    subtotal = rows[1]
    assert subtotal[0] == "5.1.02.02.12" and subtotal[4] == 15500000 and subtotal[5] == 5600000
    assert rows[-1][1] in ("Total", "Jumlah") and rows[-1][4] == 15500000
    assert len(rows) == 1 + 1 + 3 + 1  # header, subtotal, three lines, total


def test_a_refused_import_page_shows_the_report(client, w):
    client.force_login(w.admin)
    url = reverse("budgets:lines_import", args=[w.prov.pk, w.year])
    response = client.post(url, {"file": xlsx_upload(importing.LINE_COLUMNS,
                                                  [[*LINE[:5], "nol", LINE[6]]])})  # fmt: skip
    assert response.status_code == 200
    assert response.context["result"].errors[0].column == "PAGU"
    template = xlsx_sheet(client.get(url + "?template=1"))
    assert template[0] == tuple(importing.LINE_COLUMNS)
