"""The Laporan SKM (PDF) and the raw data workbook (XLSX) of a period."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from binakinerja.core.models import AuditLog
from binakinerja.satisfaction.followup import improvement_action_add
from binakinerja.satisfaction.models import SurveyResponse
from binakinerja.satisfaction.reports import period_data_xlsx, period_report_pdf
from binakinerja.satisfaction.rules import Element
from binakinerja.satisfaction.testing import make_responses

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_pdf_report_holds_score_mutu_and_structure(survey, client):
    improvement_action_add(
        actor=survey.operator_a, period=survey.pk_last, element=8,
        action="Sediakan kotak pengaduan daring", responsible="Kasubag TU",
    )  # fmt: skip
    client.force_login(survey.pimpinan)
    response = client.get(reverse("satisfaction:report_pdf", args=[survey.pk_last.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Laporan Survei Kepuasan Masyarakat" in text
    assert "Puskesmas Limboto" in text and "Dinas Kesehatan" in text
    assert "83,33" in text  # the converted score
    assert "Mutu pelayanan B" in text and "Baik" in text
    assert "Krejcie" in text and "217" in text  # the minimum sample for N = 500
    assert "Sediakan kotak pengaduan daring" in text
    # generated analysis: the highest (U4 Biaya/tarif, first of the 4.0s) and the lowest (U8)
    with translation.override("id"):
        lowest, highest = str(Element(8).label), str(Element(4).label)
    analysis = text[text.index("ANALISIS HASIL SKM") : text.index("BAB V")]
    assert lowest in analysis and highest in analysis
    # a reader's copy counts suggestions by theme and quotes none
    assert "Ruang tunggu perlu kipas angin" not in text
    assert AuditLog.objects.filter(action="export", object_id=str(survey.pk_last.pk)).exists()


def test_pdf_uses_the_written_analysis(survey):
    survey.pk_last.analysis = "Analisis tertulis oleh unit & tim <mutu>."
    survey.pk_last.save()
    text = " ".join(pdf_text(period_report_pdf(survey.pk_last)).split())
    assert "Analisis tertulis oleh unit & tim <mutu>." in text


def test_pdf_of_an_empty_period(survey):
    text = " ".join(pdf_text(period_report_pdf(survey.pk_open)).split())
    assert "belum dapat dihitung" in text
    assert "Belum ada rencana tindak lanjut" in text


def test_xlsx_holds_valid_responses_only_and_no_device_data(survey, client):
    period = survey.pk_last
    SurveyResponse.objects.filter(period=period).update(device_hash="d" * 64, token_nonce=None)
    make_responses(period, [(4,) * 9], device_hash="e" * 64, token_nonce="nonce-valid-1",
                   suggestion="=HYPERLINK(\"http://x\")", source="online")  # fmt: skip
    make_responses(period, [(1,) * 9], status=SurveyResponse.Status.FLAGGED, suggestion="Flag")
    client.force_login(survey.operator_a)
    response = client.get(reverse("satisfaction:report_xlsx", args=[period.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["Data", "Ringkasan"]
    rows = list(workbook["Data"].iter_rows(values_only=True))
    assert len(rows) - 1 == period.responses.filter(status="valid").count() == 3
    cells = [str(v) for row in rows for v in row if v is not None]
    assert not any("d" * 64 in c or "e" * 64 in c or "nonce-valid-1" in c for c in cells)
    assert "Flag" not in cells
    assert '\'=HYPERLINK("http://x")' in cells  # formula neutralised
    assert "Ruang tunggu perlu kipas angin." in cells
    header = rows[0]
    assert header[7:16] == tuple(f"U{i}" for i in range(1, 10))
    summary = {row[0]: row[1] for row in workbook["Ringkasan"].iter_rows(values_only=True) if row}
    assert summary["Responden valid"] == 3
    assert summary["Mutu pelayanan"] in {"A", "B"}
    assert AuditLog.objects.filter(action="export", object_repr__startswith="XLSX").exists()


def test_xlsx_is_for_managers_only(survey, client):
    url = reverse("satisfaction:report_xlsx", args=[survey.pk_last.pk])
    client.force_login(survey.pimpinan)
    assert client.get(url).status_code == 403
    client.force_login(survey.operator_b)
    assert client.get(url).status_code == 404


def test_xlsx_summary_values(survey):
    workbook = load_workbook(io.BytesIO(period_data_xlsx(survey.pk_last)), read_only=True)
    summary = {row[0]: row[1] for row in workbook["Ringkasan"].iter_rows(values_only=True) if row}
    assert summary["Nilai IKM konversi"] == 83.33
    assert summary["Mutu pelayanan"] == "B"
    with translation.override("id"):
        assert summary["U8"] == str(Element(8).label)
