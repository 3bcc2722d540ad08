"""Names, titles and comments that look like reportlab markup (`<img src=x>` fails the whole
document, `<b>` vanishes, `&` may break an entity) reach the SKP and evaluasi kinerja PDFs as
plain text (core/pdf.py)."""

import io

from django.urls import reverse
from pypdf import PdfReader

from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.performance.models import SkpAssessment
from binakinerja.performance.services import period_open_year, skp_create, skp_result_add

UNIT = "Seksi <img src=x>"
INSTANSI = "Pemerintah <b>Provinsi</b> & Gorontalo"
NAME = "Siti <b>Nur</b> & Co"
RESULT = "Imunisasi <img src=x> & <b>cakupan</b> a < b"
REASON = "Alasan <para> & <b>tebal</b>"


def text_of(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_markup_in_names_results_and_reasons_is_printed_literally(world, client):
    OrgUnit.objects.filter(pk=world.puskesmas.pk).update(name=UNIT)
    OrgUnit.objects.filter(pk=world.prov.pk).update(name=INSTANSI)
    Employee.objects.filter(pk=world.asn.pk).update(name=NAME)
    world.asn.refresh_from_db()
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    indicator = {"aspect": "kuantitas", "text": "Cakupan <b>&", "target_value": 12,
                 "target_unit": "<kali>"}  # fmt: skip
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text=RESULT, supports=None,
                   indicators=[indicator])  # fmt: skip
    skp.behaviours.update(expectation="Ramah <img src=x> & tepat")
    q1 = period_open_year(actor=None, instansi=world.prov, year=2026)[0]
    assessment = SkpAssessment.objects.create(
        skp=skp, period=q1, hasil_kerja="di_atas", perilaku_kerja="di_atas",
        predikat="sangat_baik", reason=REASON, assessed_by=world.atasan,
    )  # fmt: skip
    client.force_login(world.atasan_user)

    text = text_of(client.get(reverse("performance:skp_pdf", args=[skp.pk])))
    assert INSTANSI.upper() in text
    for literal in (UNIT, NAME, RESULT, "Cakupan <b>&", "<kali>", "Ramah <img src=x> & tepat"):
        assert literal in text

    url = reverse("performance:evaluation_pdf", args=[skp.pk, assessment.pk])
    text = text_of(client.get(url))
    assert INSTANSI.upper() in text
    assert REASON in text and UNIT in text and NAME in text
