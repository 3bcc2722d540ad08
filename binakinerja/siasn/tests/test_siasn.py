"""SIASN interchange: the payloads built from real SKP assessments and JP records, sending them
through the local fake of SIASN over HTTP (siasn/fake.py), and the page."""

from __future__ import annotations

import datetime as dt
import socket
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import build_world, xlsx_sheet
from binakinerja.performance.documents.identity import assessment_snapshot
from binakinerja.performance.rules import Rating, predikat_kinerja
from binakinerja.siasn import payloads, services
from binakinerja.siasn.client import SiasnClient
from binakinerja.siasn.fake import FakeSiasn, running_fake, settings_for
from binakinerja.siasn.models import SiasnSubmission
from binakinerja.siasn.testing import build_siasn_world
from binakinerja.trainings.models import JpRecord


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """One persona + SIASN world for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_siasn_world(build_world())
        transaction.set_rollback(True)


@pytest.fixture
def w(module_world, db):
    cache.clear()  # tokens and PNS ids are cached: every test starts without them
    w = SimpleNamespace(**vars(module_world))
    for name in ("assessment", "jp_record", "pkp_record", "atasan"):  # tests change these
        getattr(w, name).refresh_from_db()
    return w


@pytest.fixture
def fake(settings):
    with running_fake(FakeSiasn()) as (service, base):
        for name, value in settings_for(base, service).items():
            setattr(settings, name, value)
        yield service


def _pns_id(nip: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_OID, nip))  # what the fake answers


# --- payloads -----------------------------------------------------------------------------------


def test_ratings_and_kuadran_follow_the_predikat_of_every_pair():
    # (hasil, perilaku) → (hasilKinerjaNilai, perilakuKerjaNilai, kuadranKinerjaNilai)
    expected = {
        ("di_atas", "di_atas"): (1, 1, 1), ("di_atas", "sesuai"): (1, 2, 2),
        ("sesuai", "di_atas"): (2, 1, 2), ("sesuai", "sesuai"): (2, 2, 2),
        ("di_bawah", "di_atas"): (3, 1, 3), ("di_bawah", "sesuai"): (3, 2, 3),
        ("di_atas", "di_bawah"): (1, 3, 4), ("sesuai", "di_bawah"): (2, 3, 4),
        ("di_bawah", "di_bawah"): (3, 3, 5),
    }  # fmt: skip
    for (hasil, perilaku), codes in expected.items():
        predikat = predikat_kinerja(hasil, perilaku)
        got = (payloads.RATING[Rating(hasil)], payloads.RATING[Rating(perilaku)],
               payloads.KUADRAN[predikat])  # fmt: skip
        assert got == codes, (hasil, perilaku, predikat)


def test_skp22_payload_of_an_annual_assessment_has_the_exact_fields(w):
    assessment = w.assessment
    assessment.hasil_kerja, assessment.perilaku_kerja = "di_bawah", "sesuai"
    assessment.predikat = "butuh_perbaikan"
    assessment.save()
    payload = payloads.skp22_payload(assessment, pns_id="PNS-1")
    assert payload == {
        "id": None, "tahun": 2026, "hasilKinerjaNilai": 3, "perilakuKerjaNilai": 2,
        "kuadranKinerjaNilai": 3, "penilaiNipNrp": w.atasan.nip,
        "penilaiNama": w.atasan.full_name, "penilaiGolongan": "34",
        "penilaiJabatan": "Kepala Puskesmas", "penilaiUnorNama": "Puskesmas Limboto",
        "statusPenilai": "ASN", "pnsDinilaiOrang": "PNS-1",
    }  # fmt: skip


def test_skp22_names_the_penilai_as_they_were_when_assessed(w):
    assessment = w.assessment
    assessment.snapshot = assessment_snapshot(assessment.skp)
    assessment.save()
    w.atasan.golongan = "IV/a"
    w.atasan.save()
    payload = payloads.skp22_payload(assessment)
    assert payload["penilaiGolongan"] == "34"  # III/d at the assessment, IV/a (41) now


def test_skp22_without_a_penilai_is_refused_with_a_reason(w):
    skp = w.teacher_skp  # the teacher has no atasan
    with translation.override("en"), pytest.raises(payloads.PayloadError, match="penilai"):
        payloads.skp22_payload(skp.assessments.get(period__kind="annual"))


def test_kursus_payload_of_a_jp_record_has_the_exact_fields(w):
    payload = payloads.kursus_payload(w.jp_record, pns_id="PNS-2", instansi_id="INST")
    assert payloads.kind_of_record(w.jp_record) == payloads.KURSUS
    assert payload == {
        "id": None, "instansiId": "INST", "institusiPenyelenggara": "Kemenkes",
        "jenisDiklatId": "9", "jenisKursus": "", "jenisKursusSertipikat":
        "Seminar/Konferensi/Sarasehan", "jumlahJam": 4, "lokasiId": None,
        "namaKursus": "Webinar Gizi Anak", "nomorSertipikat": "", "pnsOrangId": "PNS-2",
        "tahunKursus": 2026, "tanggalKursus": "01-02-2026", "tanggalSelesaiKursus": "01-02-2026",
    }  # fmt: skip


def test_structural_training_goes_to_diklat_with_its_latihan_struktural_id(w):
    assert payloads.kind_of_record(w.pkp_record) == payloads.DIKLAT
    assert payloads.diklat_payload(w.pkp_record, pns_id="PNS-3") == {
        "id": None, "bobot": 0, "institusiPenyelenggara": "BPSDM Provinsi Gorontalo",
        "jenisKompetensi": "", "jumlahJam": 140, "latihanStrukturalId": "2",
        "nomor": "PKP/II/2026/07", "pnsOrangId": "PNS-3", "tahun": 2026,
        "tanggal": "02-02-2026", "tanggalSelesai": "29-05-2026",
    }  # fmt: skip


def test_latihan_struktural_of_old_and_new_names():
    names = {
        "Diklatpim Tingkat IV Angkatan 3": 2, "PIM III": 3, "Diklat PIM II": 4, "PIM I": 5,
        "Pelatihan Kepemimpinan Administrator (PKA)": 3, "PKN Tingkat II": 4,
        "Pelatihan Kepemimpinan Nasional Tingkat I": 5, "SEPADA": 1, "Sespim Polri": 6,
        "SESPATI": 7, "Orientasi Kepemimpinan": 8,
    }  # fmt: skip
    assert {name: payloads.latihan_struktural_of(name) for name in names} == names


# --- sending through the fake -------------------------------------------------------------------


def test_sending_records_success_with_siasn_id_and_the_payload_as_received(w, fake):
    submission = services.submission_send(actor=w.admin, obj=w.assessment, client=SiasnClient())
    assert submission.status == SiasnSubmission.Status.SENT
    assert submission.siasn_id in fake.saved
    received = fake.saved[submission.siasn_id]
    assert received["kind"] == "skp22" and received["body"] == submission.payload
    assert submission.payload["pnsDinilaiOrang"] == _pns_id(w.asn.nip)
    assert submission.sent_by == w.admin and submission.employee == w.asn
    assert AuditLog.objects.filter(action="siasn_send", object_id=str(submission.pk)).exists()


def test_a_rejected_payload_records_the_failure_and_siasns_message(w, fake):
    record = JpRecord.objects.create(
        employee=w.asn, title="Bimtek singkat", institution_name="Dinas Kesehatan",
        form_code="KL10", jenis_diklat_id=8,
        start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 1), year=2026, minutes=10,
        jp=Decimal("0.2"), source=JpRecord.Source.IMPORTED,
    )  # fmt: skip
    submission = services.submission_send(actor=w.admin, obj=record, client=SiasnClient())
    assert submission.status == SiasnSubmission.Status.FAILED
    assert submission.siasn_id == "" and "jumlahJam minimal 1" in submission.answer
    assert submission.payload["jumlahJam"] == 0 and not fake.saved


def test_tokens_are_fetched_once_and_reused_across_records_and_clients(w, fake):
    result = services.submissions_send(actor=w.admin, client=SiasnClient(),
                                       objects=[w.assessment, w.jp_record])  # fmt: skip
    services.submission_send(actor=w.admin, obj=w.pkp_record, client=SiasnClient())
    assert result.sent == 2 and len(fake.saved) == 3
    assert fake.token_requests == {"apim": 1, "sso": 1}


def test_a_token_the_gateway_no_longer_accepts_is_fetched_again_once(w, fake):
    client = SiasnClient()
    services.submission_send(actor=w.admin, obj=w.jp_record, client=client)
    fake.gateway_tokens.clear()  # revoked on the gateway before its expiry
    submission = services.submission_send(actor=w.admin, obj=w.pkp_record, client=client)
    assert submission.status == SiasnSubmission.Status.SENT
    assert fake.token_requests == {"apim": 2, "sso": 2}


def test_an_unchanged_sent_record_is_refused_and_a_changed_one_replaces_siasns(w, fake):
    client = SiasnClient()
    first = services.submission_send(actor=w.admin, obj=w.jp_record, client=client)
    with translation.override("en"), pytest.raises(ValidationError, match="unchanged"):
        services.submission_send(actor=w.admin, obj=w.jp_record, client=client)
    w.jp_record.certificate_number = "KEMENKES/2026/0099"
    w.jp_record.save()
    second = services.submission_send(actor=w.admin, obj=w.jp_record, client=client)
    assert second.payload["id"] == first.siasn_id == second.siasn_id
    assert list(fake.saved) == [first.siasn_id]
    assert fake.saved[first.siasn_id]["body"]["nomorSertipikat"] == "KEMENKES/2026/0099"


def test_an_unreachable_siasn_is_recorded_and_stops_the_batch(w, settings):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name, value in settings_for(f"http://127.0.0.1:{port}", FakeSiasn()).items():
        setattr(settings, name, value)
    with translation.override("en"):
        result = services.submissions_send(actor=w.admin, client=SiasnClient(),
                                           objects=[w.assessment, w.jp_record])  # fmt: skip
    assert (result.sent, result.failed) == (0, 1) and "could not be reached" in result.stopped
    failed = SiasnSubmission.objects.get(assessment=w.assessment)
    assert failed.status == "failed" and "could not be reached" in failed.answer


def test_another_governments_admin_may_not_send(w, fake):
    kota_assessment = w.kota_skp.assessments.get(period__kind="annual")
    with pytest.raises(PermissionDenied):
        services.submission_send(actor=w.admin, obj=kota_assessment, client=SiasnClient())
    assert not fake.saved


# --- the page -----------------------------------------------------------------------------------


def test_page_sends_selected_records_and_shows_state_and_answer(w, fake, client):
    client.force_login(w.admin)
    page = reverse("siasn:government", args=[w.prov.pk, w.year])
    response = client.post(reverse("siasn:send", args=[w.prov.pk, w.year]),
                           {"jenis": "jp", "ids": [w.jp_record.pk, w.pkp_record.pk]})  # fmt: skip
    assert response.status_code == 302
    sent = SiasnSubmission.objects.filter(status="sent", kind__in=["kursus", "diklat"])
    assert sorted(sent.values_list("kind", flat=True)) == ["diklat", "kursus"]
    with translation.override("en"):
        listed = client.get(page + "?jenis=jp&status=terkirim", HTTP_ACCEPT_LANGUAGE="en")
    body = listed.content.decode()
    assert w.jp_record.title in body and sent.first().siasn_id in body
    not_sent = client.get(page + "?jenis=jp&status=belum").content.decode()
    assert w.jp_record.title not in not_sent


def test_send_all_sends_only_what_is_not_sent_yet(w, fake, client):
    client.force_login(w.admin)
    client.post(reverse("siasn:send", args=[w.prov.pk, w.year]), {"jenis": "skp", "semua": "1"})
    # The province's annual assessments but the atasan's (already sent) and the teacher's (no
    # penilai: recorded as failed with its reason, not sent).
    sent = set(SiasnSubmission.objects.filter(status="sent", kind="skp")
               .values_list("employee__name", flat=True))  # fmt: skip
    assert sent == {w.asn.name, w.asn_peer.name, w.atasan.name}
    assert len(fake.saved) == 2  # the atasan's was sent before (fixture), not again
    teacher = SiasnSubmission.objects.get(employee=w.teacher)
    assert teacher.status == "failed" and "penilai" in teacher.answer


def test_export_lists_state_and_siasn_id(w, client):
    client.force_login(w.admin)
    with translation.override("en"):
        response = client.get(reverse("siasn:government", args=[w.prov.pk, w.year])
                              + "?export=xlsx")  # fmt: skip
    rows = xlsx_sheet(response)
    by_nip = {row[0]: row for row in rows[1:]}
    assert by_nip[w.atasan.nip][-2] == w.sent_submission.siasn_id
    assert by_nip[w.asn.nip][-4] in ("", None)  # not sent: no state
    assert w.kota_employee.nip not in by_nip


def test_list_queries_do_not_grow_with_the_records(w, client):
    client.force_login(w.admin)
    url = reverse("siasn:government", args=[w.prov.pk, w.year]) + "?jenis=jp"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(5):
        JpRecord.objects.create(
            employee=w.asn_peer, title=f"Seminar {i}", form_code="KL06", jenis_diklat_id=9,
            start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 1), year=2026, jp=Decimal(2),
            source=JpRecord.Source.IMPORTED,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


# --- the status on the SKP page and the JP ledger (template tags) -------------------------------


def test_skp_page_and_jp_ledger_show_the_siasn_state_to_admins_only(w, client):
    skp_page = reverse("performance:skp_detail", args=[w.atasan_skp.pk])
    ledger = reverse("trainings:jp_employee", args=[w.atasan.pk, w.year])
    details = reverse("siasn:record", args=["skp", w.atasan_assessment.pk])
    client.force_login(w.admin)
    assert w.sent_submission.siasn_id in client.get(skp_page).content.decode()
    assert details in client.get(skp_page).content.decode()
    assert '<th scope="col">SIASN</th>' in client.get(ledger).content.decode()
    client.force_login(w.atasan_user)  # the owner: no SIASN state
    assert w.sent_submission.siasn_id not in client.get(skp_page).content.decode()
    assert (
        '<th scope="col">SIASN</th>'
        not in client.get(reverse("trainings:jp_mine", args=[w.year])).content.decode()
    )
