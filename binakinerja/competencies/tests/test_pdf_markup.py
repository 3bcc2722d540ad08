"""Unit, government and competency names that look like reportlab markup reach the development
plan PDF as plain text (core/pdf.py): a unit named `Seksi <img src=x>` used to fail the PDF with
a server error for everyone who exported the plan."""

import io

from django.urls import reverse
from pypdf import PdfReader

from binakinerja.competencies.models import Competency
from binakinerja.organizations.models import OrgUnit

UNIT = "Seksi <img src=x> & Loket"
OPD = "Dinas <b>Kesehatan</b> & KB"
INSTANSI = "Pemerintah <para> Provinsi & Gorontalo"
COMPETENCY = "Asuhan <b>Keperawatan</b> & <img src=x>"


def test_the_development_plan_pdf_prints_markup_literally(talent, client):
    OrgUnit.objects.filter(pk=talent.puskesmas.pk).update(name=UNIT)
    OrgUnit.objects.filter(pk=talent.dinkes.pk).update(name=OPD)
    OrgUnit.objects.filter(pk=talent.prov.pk).update(name=INSTANSI)
    Competency.objects.filter(pk=talent.teknis.pk).update(name=COMPETENCY)
    client.force_login(talent.pimpinan)
    url = reverse("competencies:development_plan", args=[talent.dinkes.pk, 2026])
    response = client.get(url + "?format=pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert INSTANSI.upper() in text
    assert OPD.upper() in text  # in the plan's title
    assert UNIT in text
    assert COMPETENCY in text
