import io

from django.urls import reverse

from binakinerja.performance.models import SkpAssessment
from binakinerja.performance.services import period_open_year, skp_create, skp_result_add

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 12, "target_unit": "kali"}


def test_skp_and_evaluation_pdfs_for_viewers_only(world, client):
    from pypdf import PdfReader

    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi dasar",
                   supports=None, indicators=[INDICATOR])  # fmt: skip
    q1 = period_open_year(actor=None, instansi=world.prov, year=2026)[0]
    assessment = SkpAssessment.objects.create(
        skp=skp, period=q1, hasil_kerja="di_atas", perilaku_kerja="di_atas",
        predikat="sangat_baik", reason="Target terlampaui", assessed_by=world.atasan,
    )  # fmt: skip
    client.force_login(world.atasan_user)
    response = client.get(reverse("performance:skp_pdf", args=[skp.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "SASARAN KINERJA PEGAWAI" in text
    assert world.asn.nip_grouped in text and "Imunisasi dasar" in text
    assert "PEMERINTAH PROVINSI GORONTALO" in text
    response = client.get(reverse("performance:evaluation_pdf", args=[skp.pk, assessment.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "PREDIKAT KINERJA PEGAWAI SANGAT BAIK" in " ".join(text.split())
    assert world.atasan.nip_grouped in text
    client.force_login(world.operator_b)
    assert client.get(reverse("performance:skp_pdf", args=[skp.pk])).status_code == 404
