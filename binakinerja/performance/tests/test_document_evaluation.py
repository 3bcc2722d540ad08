"""The EVALUASI KINERJA PEGAWAI of a period, generated from the demo data and read back: the
form's sections, the period's real dates, the realisation and the atasan's feedback, the
organisation's result and its distribution curve, both signature blocks, page numbers; the
annual document's atasan pejabat penilai and catatan/rekomendasi; identities kept as they were
when the period was assessed; user text shown literally; a closed period's data locked."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from binakinerja.core.documents import id_date
from binakinerja.demo.builders import seed_demo
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.performance.documents import evaluation_pdf
from binakinerja.performance.documents.evaluation import evaluation_xlsx
from binakinerja.performance.documents.identity import place_of
from binakinerja.performance.models import (
    CheckIn,
    OrgPerformance,
    Period,
    Skp,
    SkpAssessment,
    SkpBehaviour,
    SkpResult,
)
from binakinerja.performance.services import (
    check_in_add,
    period_close,
    period_reopen,
    realisation_record,
    skp_assess,
)

NASTY = "Seksi <img src=x> & <b>tebal</b>"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
IN_Q4 = dt.date(2026, 11, 20)  # "today" for the tests: the demo year's last quarter


def amount(value, unit: str) -> str:
    """ "95%", "12 kali": how the form writes a whole number with its unit."""
    return f"{int(value)}%" if unit == "%" else f"{int(value)} {unit}"


def read(pdf: bytes) -> tuple[str, list[str]]:
    """The whole text with whitespace collapsed (wrapped cells read as one line), and each
    page's raw text."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).split()), pages


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One demo data set for the module, rolled back at its end; each test runs in its own
    savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(asn=300, seed=11)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db, settings, tmp_path, monkeypatch):
    """The demo registry with the ASN login's SKP under way, its Q1 (closed by the demo) given
    a realisation with evidence and a check-in by the atasan, then assessed and closed again."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: IN_Q4)
    users = {u.username: u for u in get_user_model().objects.all()}
    asn = Employee.objects.get(user=users["asn"])
    skp = Skp.objects.get(employee=asn, year=2026)
    Skp.objects.filter(pk=skp.pk).update(status="in_progress", atasan=asn.supervisor)
    skp.refresh_from_db()
    periods = {
        p.kind: p for p in Period.objects.filter(instansi__path=asn.unit.instansi_path, year=2026)
    }
    assert periods["q1"].status == "closed"  # the demo closed the past quarter
    periods["q1"] = period_reopen(actor=users["admin.provinsi"], period=periods["q1"],
                                  reason="Lengkapi TW I")  # fmt: skip
    result = skp.results.get(kind="utama")
    indicator = result.indicators.first()
    realisation_record(
        actor=users["asn"], indicator=indicator, period=periods["q1"], value=indicator.target_value,
        text="Laporan triwulan lengkap", files=[SimpleUploadedFile("bukti.pdf", PDF)],
    )  # fmt: skip
    check_in = check_in_add(actor=users["atasan"], skp=skp, result=result,
                            text="Capaian imunisasi sesuai jadwal, pertahankan")  # fmt: skip
    value_check_in = check_in_add(actor=users["atasan"], skp=skp, value="kolaboratif",
                                  text="Koordinasi lintas bidang baik")  # fmt: skip
    in_q1 = dt.datetime(2026, 2, 10, 9, 0, tzinfo=timezone.get_current_timezone())
    CheckIn.objects.filter(pk__in=[check_in.pk, value_check_in.pk]).update(created_at=in_q1)
    skp.refresh_from_db()
    assessment = skp_assess(
        actor=users["atasan"], skp=skp, period=periods["q1"], hasil_kerja="sesuai",
        perilaku_kerja="di_atas", reason="Target triwulan tercapai", version=skp.version,
    )  # fmt: skip
    periods["q1"] = period_close(actor=users["admin.provinsi"], period=periods["q1"])
    skp.refresh_from_db()
    return type("Demo", (), dict(users=users, asn=asn, skp=skp, periods=periods, result=result,
                                 indicator=indicator, assessment=assessment))  # fmt: skip


def test_quarter_evaluation_follows_the_form_with_the_period_s_facts(demo):
    skp, assessment = demo.skp, demo.assessment
    text, pages = read(evaluation_pdf(skp, assessment))
    assert text.startswith("EVALUASI KINERJA PEGAWAI") or "EVALUASI KINERJA PEGAWAI" in pages[0]
    assert (
        "PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
        in text
    )
    assert "PERIODE: TRIWULAN I " in text
    assert "PERIODE PENILAIAN: 1 Januari 2026 s.d. 31 Maret 2026" in text
    assert "31 Desember" not in text  # not the year's dates on a quarter
    for section in ("PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", "CAPAIAN KINERJA ORGANISASI",
                    "POLA DISTRIBUSI", "HASIL KERJA", "A. UTAMA", "B. TAMBAHAN",
                    "RATING HASIL KERJA SESUAI EKSPEKTASI", "PERILAKU KERJA",
                    "RATING PERILAKU KERJA DI ATAS EKSPEKTASI", "PREDIKAT KINERJA PEGAWAI BAIK",
                    "Target triwulan tercapai"):  # fmt: skip
        assert section in text, section
    assert "ATASAN PEJABAT PENILAI KINERJA" not in text  # only on the annual document
    # the results table: its columns, the intervened result, the realisation and feedback
    for header in ("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "INDIKATOR KINERJA INDIVIDU",
                   "REALISASI BERDASARKAN BUKTI DUKUNG",
                   "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG"):  # fmt: skip
        assert header in text, header
    result = SkpResult.objects.select_related("supports").get(pk=demo.result.pk)
    assert result.supports is not None and " ".join(result.supports.text.split()) in text
    target = amount(demo.indicator.target_value, demo.indicator.target_unit)
    assert f"{target} (Laporan triwulan lengkap) Bukti dukung: 1 berkas" in text
    assert "10 Februari 2026: Capaian imunisasi sesuai jadwal, pertahankan" in text
    assert "10 Februari 2026: Koordinasi lintas bidang baik" in text  # on Kolaboratif
    assert "Memahami dan memenuhi kebutuhan masyarakat" in text  # the guides, in Indonesian
    # the organisation's result (the demo has last year's) and the curve's rules for it
    record = OrgPerformance.objects.get(opd__path=skp.employee.unit.opd_path)
    assert f"capaian tahun {record.year}" in text
    assert "Ketentuan kurva distribusi untuk capaian organisasi" in text
    assert "Jumlah pegawai dinilai:" in text
    # both signature blocks, the penilai's with place and the assessment's date
    atasan = skp.atasan
    place = place_of(skp.employee.unit.kab_kota)
    date = id_date(timezone.localtime(assessment.assessed_at))
    assert (
        f"{place}, {date} PEJABAT PENILAI KINERJA {atasan.full_name} NIP {atasan.nip_grouped}"
        in (text)
    )
    assert f"{skp.employee.full_name} NIP {skp.employee.nip_grouped}" in text
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page


def test_the_document_is_indonesian_whatever_the_reader_s_language(demo):
    with translation.override("en"):
        text, _pages = read(evaluation_pdf(demo.skp, demo.assessment))
    assert "Memahami dan memenuhi kebutuhan masyarakat" in text
    assert "Understands" not in text and "Quantity" not in text


def test_annual_evaluation_adds_the_atasan_penilai_and_the_notes(demo):
    skp, users = demo.skp, demo.users
    with pytest.raises(ValidationError) as refused:
        skp_assess(actor=users["atasan"], skp=skp, period=demo.periods["q2"],
                   hasil_kerja="sesuai", perilaku_kerja="sesuai", reason="TW II",
                   version=skp.version, catatan_rekomendasi="Ikut pelatihan")  # fmt: skip
    assert "catatan_rekomendasi" in refused.value.message_dict
    annual = skp_assess(
        actor=users["atasan"], skp=skp, period=demo.periods["annual"], hasil_kerja="di_atas",
        perilaku_kerja="di_atas", reason="Kinerja tahunan melampaui target",
        version=skp.version, catatan_rekomendasi="Diusulkan mengikuti pelatihan kepemimpinan",
    )  # fmt: skip
    text, pages = read(evaluation_pdf(skp, annual))
    assert "PERIODE: TAHUNAN" in text
    assert "PERIODE PENILAIAN: 1 Januari 2026 s.d. 31 Desember 2026" in text
    atasan_penilai = skp.atasan.supervisor
    assert atasan_penilai is not None
    assert "ATASAN PEJABAT PENILAI KINERJA" in text
    assert f"Mengetahui, ATASAN PEJABAT PENILAI KINERJA {atasan_penilai.full_name}" in text
    assert "CATATAN/REKOMENDASI Diusulkan mengikuti pelatihan kepemimpinan" in text
    assert "PREDIKAT KINERJA PEGAWAI SANGAT BAIK" in text
    # the year's realisation is the quarters', named
    assert "TW I: " in text
    assert f"Halaman {len(pages)} dari {len(pages)}" in pages[-1]


def test_a_reprint_after_a_transfer_names_the_period_s_people(demo):
    skp, assessment = demo.skp, demo.assessment
    old_atasan, old_unit = skp.atasan, skp.employee.unit
    assert assessment.snapshot["penilai"]["nama"] == old_atasan.full_name
    new_unit = OrgUnit.objects.filter(kind="opd").exclude(path=old_unit.opd_path).first()
    new_atasan = Employee.objects.filter(unit__path__startswith=new_unit.path).first()
    Employee.objects.filter(pk=skp.employee_id).update(unit=new_unit, supervisor=new_atasan,
                                                       golongan="IV/a")  # fmt: skip
    Skp.objects.filter(pk=skp.pk).update(atasan=new_atasan)
    skp.refresh_from_db()
    assessment.refresh_from_db()
    text, _pages = read(evaluation_pdf(skp, assessment))
    assert old_atasan.full_name in text and old_atasan.nip_grouped in text
    assert new_atasan.full_name not in text
    assert " ".join(old_unit.name.split()) in text
    assert "IV/a" not in text


def test_user_text_is_shown_literally_in_the_pdf_and_the_workbook(demo):
    skp, users = demo.skp, demo.users
    Employee.objects.filter(pk__in=[skp.employee_id, skp.atasan_id]).update(name=NASTY)
    OrgUnit.objects.filter(pk=skp.employee.unit_id).update(name=NASTY)
    SkpResult.objects.filter(skp=skp).update(text=NASTY)
    demo.indicator.__class__.objects.filter(result__skp=skp).update(text=NASTY)
    SkpBehaviour.objects.filter(skp=skp, value="akuntabel").update(expectation=NASTY)
    skp.refresh_from_db()
    check_in_add(actor=users["atasan"], skp=skp, text=NASTY, result=demo.result)
    realisation_record(actor=users["asn"], indicator=demo.indicator, period=demo.periods["q2"],
                       value=3, text=NASTY)  # fmt: skip
    annual = skp_assess(
        actor=users["atasan"], skp=skp, period=demo.periods["annual"], hasil_kerja="sesuai",
        perilaku_kerja="sesuai", reason=NASTY, version=skp.version, catatan_rekomendasi=NASTY,
    )  # fmt: skip
    text, _pages = read(evaluation_pdf(skp, annual))
    # names (twice each: identity block and signature), unit, result, indicator, expectation,
    # realisation, check-in, reason and catatan
    assert text.count(NASTY) >= 10
    assert f"TW II: {amount(3, demo.indicator.target_unit)} ({NASTY})" in text
    sheet = load_workbook(io.BytesIO(evaluation_xlsx(skp, annual))).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(NASTY in c for c in cells)
    assert "EVALUASI KINERJA PEGAWAI" in cells
    assert "'-" not in cells  # an empty cell is no quoted dash
    assert f"CATATAN/REKOMENDASI: {NASTY}" in cells


def test_a_closed_period_locks_realisations_and_check_ins_until_reopened(demo):
    skp, users, periods = demo.skp, demo.users, demo.periods
    with pytest.raises(ValidationError) as refused:
        realisation_record(actor=users["asn"], indicator=demo.indicator, period=periods["q1"],
                           value=1)  # fmt: skip
    assert refused.value.code == "period_closed"
    # a check-in is dated today: refused while the quarter covering today is closed
    periods["q4"] = period_close(actor=users["admin.provinsi"], period=periods["q4"])
    with pytest.raises(ValidationError) as refused, translation.override("id"):
        check_in_add(actor=users["atasan"], skp=skp, text="Terlambat")
    assert refused.value.code == "period_closed"
    with translation.override("id"):
        assert "Triwulan IV 2026 sudah ditutup" in " ".join(refused.value.messages)
    before = CheckIn.objects.filter(skp=skp).count()
    period_reopen(actor=users["admin.provinsi"], period=periods["q4"], reason="Koreksi")
    periods["q1"] = period_reopen(actor=users["admin.provinsi"], period=periods["q1"],
                                  reason="Koreksi TW I")  # fmt: skip
    check_in_add(actor=users["atasan"], skp=skp, text="Dialog setelah dibuka")
    assert CheckIn.objects.filter(skp=skp).count() == before + 1
    realisation = realisation_record(actor=users["asn"], indicator=demo.indicator,
                                     period=periods["q1"], value=2)  # fmt: skip
    assert realisation.value == 2


def test_the_atasan_writes_the_notes_through_the_assessment_form(demo, client):
    skp = demo.skp
    client.force_login(demo.users["atasan"])
    response = client.post(
        reverse("performance:skp_assess", args=[skp.pk]),
        {"period": demo.periods["annual"].pk, "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai",
         "reason": "Sesuai target", "catatan_rekomendasi": "Pertahankan kinerja",
         "version": skp.version},
    )  # fmt: skip
    assert response.status_code == 302
    annual = SkpAssessment.objects.get(skp=skp, period=demo.periods["annual"])
    assert annual.catatan_rekomendasi == "Pertahankan kinerja"
    assert annual.snapshot["pegawai"]["nip"] == skp.employee.nip_grouped
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert 'name="catatan_rekomendasi"' in page
    assert reverse("performance:evaluation_xlsx", args=[skp.pk, annual.pk]) in page
    response = client.get(reverse("performance:evaluation_xlsx", args=[skp.pk, annual.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_jpt_s_evaluation_takes_the_jpt_subtitle_and_groups_by_perspective(demo):
    skp = (
        Skp.objects.filter(employee__position__kind__startswith="jpt", atasan__isnull=False)
        .order_by("pk")
        .first()
    )
    period = Period.objects.get(
        instansi__path=skp.employee.unit.instansi_path, year=skp.year, kind="q2"
    )
    SkpResult.objects.filter(skp=skp, kind="utama").update(perspective="penerima_layanan")
    assessment = SkpAssessment.objects.create(
        skp=skp, period=period, hasil_kerja="sesuai", perilaku_kerja="sesuai", predikat="baik",
        reason="Sesuai", assessed_by=skp.atasan,
    )  # fmt: skip
    text, _pages = read(evaluation_pdf(skp, assessment))
    assert "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in text
    assert "PEJABAT ADMINISTRASI" not in text
    assert "A. UTAMA Perspektif: Penerima Layanan 1" in text
    assert "PERIODE: TRIWULAN II PEMERINTAH" in text
    assert "1 April 2026 s.d. 30 Juni 2026" in text


def test_a_small_unit_s_distribution_is_not_printed(demo):
    """With fewer than five people assessed in the organisation, no breakdown is printed (even
    "< 5" next to zeros and the total would tell colleagues' predikats)."""
    opd_path = demo.skp.employee.unit.opd_path
    others = SkpAssessment.objects.filter(
        period=demo.periods["q1"], skp__employee__unit__path__startswith=opd_path
    )
    keep = list(others.order_by("pk").values_list("pk", flat=True)[:3])
    if demo.assessment.pk not in keep:
        keep[-1] = demo.assessment.pk
    others.exclude(pk__in=keep).delete()
    assert others.count() == 3
    text, _pages = read(evaluation_pdf(demo.skp, demo.assessment))
    assert "POLA DISTRIBUSI Kurang dari 5 pegawai dinilai pada periode ini" in text
    assert "Jumlah pegawai dinilai" not in text
    assert "PERSENTASE" not in text
    sheet = load_workbook(io.BytesIO(evaluation_xlsx(demo.skp, demo.assessment))).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any(str(c).startswith("Kurang dari 5 pegawai dinilai") for c in cells)
    assert "PERSENTASE" not in cells
