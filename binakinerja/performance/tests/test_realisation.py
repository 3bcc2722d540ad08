import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binakinerja.performance.models import Evidence, SkpRealisation
from binakinerja.performance.rules import evidence_check
from binakinerja.performance.services import (
    period_close,
    period_open_year,
    realisation_record,
    skp_create,
    skp_result_add,
    skp_transition,
)

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "kali"}


@pytest.fixture
def started(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    periods = {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=2026)}
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    result = skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    return skp, result.indicators.get(), periods


@pytest.mark.parametrize(
    ("name", "head", "size", "code"),
    [
        ("bukti.pdf", PDF, len(PDF), None),
        ("foto.jpg", b"\xff\xd8\xff\xe0", 100, None),
        ("laporan.docx", b"PK\x03\x04", 100, None),
        ("bukti.pdf", b"MZ\x90\x00", 100, "evidence_content"),  # an executable renamed
        ("skrip.exe", b"MZ\x90\x00", 100, "evidence_type"),
        ("halaman.html", b"<html>", 100, "evidence_type"),
        ("besar.pdf", PDF, 11 * 1024 * 1024, "evidence_size"),
        ("kosong.pdf", b"", 0, "evidence_empty"),
    ],
)
def test_evidence_is_checked_by_size_type_and_content(name, head, size, code):
    if code is None:
        assert evidence_check(name=name, size=size, head=head).startswith(".")
    else:
        with pytest.raises(ValidationError) as caught:
            evidence_check(name=name, size=size, head=head)
        assert caught.value.error_list[0].code == code


def test_asn_records_realisation_with_evidence_and_only_viewers_download_it(world, client, started):
    skp, indicator, periods = started
    client.force_login(world.asn_user)
    response = client.post(
        reverse("performance:realisation_record", args=[skp.pk]),
        {"indicator": indicator.pk, "period": periods["q1"].pk, "value": "12",
         "evidence": SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    realisation = SkpRealisation.objects.get()
    evidence = Evidence.objects.get()
    assert realisation.value == 12
    assert evidence.file.name.startswith("evidence/") and "bukti" not in evidence.file.name
    url = reverse("performance:evidence_download", args=[evidence.pk])
    download = client.get(url)
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    client.force_login(world.atasan_user)
    assert client.get(url).status_code == 200
    client.force_login(world.operator_b)
    assert client.get(url).status_code == 404


def test_forged_file_leaves_nothing_behind(world, started, tmp_path):
    skp, indicator, periods = started
    with pytest.raises(ValidationError):
        realisation_record(
            actor=world.asn_user, indicator=indicator, period=periods["q1"], value=5,
            files=[SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf")],
        )  # fmt: skip
    assert not SkpRealisation.objects.exists()
    assert not Evidence.objects.exists()
    assert not (tmp_path / "evidence").exists() or not any((tmp_path / "evidence").iterdir())


def test_closed_period_and_other_people_are_refused(world, started):
    skp, indicator, periods = started
    period_close(actor=world.admin, period=periods["q2"])
    periods["q2"].refresh_from_db()
    with pytest.raises(ValidationError):
        realisation_record(actor=world.asn_user, indicator=indicator, period=periods["q2"],
                           value=1)  # fmt: skip
    with pytest.raises(ValidationError):
        realisation_record(actor=world.atasan_user, indicator=indicator, period=periods["q1"],
                           value=1)  # fmt: skip
    assert not SkpRealisation.objects.exists()


def test_realisation_refused_on_a_page_without_the_form_is_said_not_a_bare_400(world, client):
    """The SKP deadline rush (bench/deadline_rush.py) saw ~15% of realisation posts answered
    400 with a page that said nothing: the SKP was submitted, so its page had no realisation
    form to carry the refusal. The refusal now comes back as a message on the SKP page."""
    periods = {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=2026)}
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    result = skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    url = reverse("performance:realisation_record", args=[skp.pk])
    data = {"indicator": result.indicators.get().pk, "period": periods["q1"].pk, "value": "5"}
    client.force_login(world.asn_user)
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:skp_detail", args=[skp.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Realisasi dicatat setelah SKP disetujui dan dimulai." in page
    client.force_login(world.atasan_user)  # the atasan's page has no realisation form either
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(reverse("performance:skp_detail", args=[skp.pk]), 302)]
    assert "Hanya ASN pemilik SKP ini yang dapat melakukannya." in response.content.decode()
    assert not SkpRealisation.objects.exists()


def test_realisation_refused_with_the_form_on_the_page_keeps_the_form(world, client, started):
    skp, indicator, periods = started
    client.force_login(world.asn_user)
    response = client.post(
        reverse("performance:realisation_record", args=[skp.pk]),
        {"indicator": indicator.pk, "period": periods["q1"].pk, "value": ""},
    )
    assert response.status_code == 400
    assert "Indikator ini bertarget angka: isi realisasi dengan angka." in response.content.decode()
    assert not SkpRealisation.objects.exists()
