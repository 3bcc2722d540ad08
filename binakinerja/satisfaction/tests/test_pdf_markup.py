"""Names and texts that look like reportlab markup reach the Laporan SKM and the QR poster as
plain text (core/pdf.py): `<img src=x>` used to fail the document, `<b>` vanished and an upper-
cased `&amp;` printed as `&AMP;`."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from binakinerja.organizations.models import OrgUnit
from binakinerja.satisfaction.followup import improvement_action_add

pytestmark = pytest.mark.django_db

UNIT = "Seksi <img src=x> & Loket"
OPD = "Dinas <b>Kesehatan</b> & KB"
INSTANSI = "Pemerintah <para> Provinsi & Gorontalo"


def text_of(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def hostile(survey):
    OrgUnit.objects.filter(pk=survey.puskesmas.pk).update(name=UNIT)
    OrgUnit.objects.filter(pk=survey.dinkes.pk).update(name=OPD)
    OrgUnit.objects.filter(pk=survey.prov.pk).update(name=INSTANSI)
    return survey


def test_the_skm_report_prints_markup_literally(hostile, client):
    improvement_action_add(
        actor=hostile.operator_a, period=hostile.pk_last, element=8,
        action="Kotak <img src=x> & <b>aduan</b>", responsible="Kasubag <TU>",
    )  # fmt: skip
    hostile.pk_last.analysis = "Analisis <b>unit</b> & tim <img src=x>"
    hostile.pk_last.save()
    client.force_login(hostile.pimpinan)
    text = text_of(client.get(reverse("satisfaction:report_pdf", args=[hostile.pk_last.pk])))
    assert INSTANSI.upper() in text
    assert UNIT in text and OPD in text
    assert "Kotak <img src=x> & <b>aduan</b>" in text and "Kasubag <TU>" in text
    assert "Analisis <b>unit</b> & tim <img src=x>" in text


def test_the_poster_prints_markup_literally(hostile, client):
    client.force_login(hostile.operator_a)
    response = client.get(reverse("satisfaction:poster", args=[hostile.su_puskesmas.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"  # a download like every other
    assert response["Cache-Control"] == "no-store"
    text = text_of(response)
    assert UNIT in text
    assert OPD.upper() in text and INSTANSI.upper() in text
    assert "&AMP;" not in text
