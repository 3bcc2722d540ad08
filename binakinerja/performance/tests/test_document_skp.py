"""The SKP as PermenPANRB 6/2022's form (and e-kinerja applications) print it: title and
approach, government and PERIODE PENILAIAN, both identity blocks, HASIL KERJA with the leader's
intervened result, PERILAKU KERJA with the BerAKHLAK guides and the ekspektasi, both signature
blocks, the lampiran; the XLSX twin in the same order; the lampiran service and views.

The demo data set is seeded with 300 ASN (as the demo app's own tests do): 150, the size the
issue suggested, is too small for `seed_demo` to find a supervisor with staff in the provincial
Dinas Kesehatan."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.models import AuditLog
from binakinerja.demo.builders import seed_demo
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee, Position
from binakinerja.performance.documents.skp import (
    CORE_VALUES,
    INTERVENED,
    LAMPIRAN_TITLE,
    SUBTITLE,
    SUBTITLE_JPT,
    TITLE,
    period_text,
    place_of,
    skp_pdf,
    skp_xlsx,
)
from binakinerja.performance.models import Period, Skp, SkpIndicator, SkpResult
from binakinerja.performance.services import (
    skp_create,
    skp_lampiran_set,
    skp_result_add,
    skp_transition,
)

NASTY = "<img src=x> & <b>"
INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan rumah", "target_value": 12,
             "target_unit": "kali"}  # fmt: skip


def pdf_text(content: bytes) -> tuple[str, int]:
    """The PDF's text with whitespace collapsed (table cells come out whole, in stream order)
    and its number of pages."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def xlsx_values(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [value for row in sheet.iter_rows(values_only=True) for value in row if value != None]  # noqa: E711


def flat(values) -> str:
    return " ".join(" ".join(str(v).split()) for v in values)


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One demo data set for the class of demo tests, rolled back at its end (so the `world`
    tests below start from an empty database)."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(asn=300, seed=11)
        yield
        transaction.set_rollback(True)


def demo_skp() -> Skp:
    """A demo SKP with a main result that intervenes its leader's result and an extra result."""
    return (
        Skp.objects.filter(results__supports__isnull=False, atasan__isnull=False)
        .filter(results__kind="tambahan")
        .exclude(employee__position__kind__startswith="jpt")
        .distinct()
        .order_by("pk")
        .first()
    )


# --- the PDF from demo data ---------------------------------------------------------------------


class TestDemoSkp:
    """The SKP of demo SKPs (one demo data set for the class)."""

    def test_demo_skp_prints_every_part_of_the_form(self, demo, db):
        skp = demo_skp()
        skp.dukungan_sumber_daya = "Laptop dan akses internet\n\nAnggaran perjalanan dinas"
        skp.skema_pertanggungjawaban = "Laporan bulanan kepada atasan langsung"
        skp.konsekuensi = "Teguran lisan bila target triwulan tidak tercapai"
        skp.save()
        skp.behaviours.filter(value="akuntabel").update(
            expectation="Laporan tepat waktu tiap bulan"
        )
        text, pages = pdf_text(skp_pdf(skp))

        assert TITLE in text and SUBTITLE in text and "PIMPINAN TINGGI" not in text
        annual = Period.objects.get(instansi__path=skp.employee.unit.instansi_path, year=skp.year,
                                    kind="annual")  # fmt: skip
        assert (annual.start, annual.end) == (dt.date(skp.year, 1, 1), dt.date(skp.year, 12, 31))
        assert f"PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER {skp.year}" in text
        instansi = OrgUnit.objects.get(path=skp.employee.unit.instansi_path)
        assert instansi.name.upper() in text
        assert "PEGAWAI YANG DINILAI" in text and "PEJABAT PENILAI KINERJA" in text
        for label in ("NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"):
            assert label in text
        for person in (skp.employee, skp.atasan):
            assert person.full_name in text and person.nip_grouped in text
            assert person.get_golongan_display() in text
        assert "A. HASIL KERJA UTAMA" in text and "B. HASIL KERJA TAMBAHAN" in text
        assert INTERVENED in text
        for column in ("RENCANA HASIL KERJA", "ASPEK", "INDIKATOR KINERJA INDIVIDU", "TARGET"):
            assert column in text
        main = skp.results.filter(supports__isnull=False).select_related("supports").first()
        indicator = main.indicators.first()
        target = f"{int(indicator.target_value)} {indicator.target_unit}"
        # the row: number, the leader's result, the ASN's result, aspect, indicator, target
        assert f"1 {main.supports.text} {main.text} Kuantitas {indicator.text} {target}" in text
        for name, guides in CORE_VALUES.values():
            assert name in text
            for guide in guides:
                assert guide in text
        assert "EKSPEKTASI KHUSUS PIMPINAN" in text and "Laporan tepat waktu tiap bulan" in text
        assert LAMPIRAN_TITLE in text
        assert (
            "DUKUNGAN SUMBER DAYA 1 Laptop dan akses internet 2 Anggaran perjalanan dinas" in text
        )
        assert "SKEMA PERTANGGUNGJAWABAN 1 Laporan bulanan kepada atasan langsung" in text
        assert "KONSEKUENSI 1 Teguran lisan bila target triwulan tidak tercapai" in text
        # both signature blocks, on the form and on the lampiran
        assert (
            text.count("Pegawai yang Dinilai") == 2 and text.count("Pejabat Penilai Kinerja") == 2
        )
        for person in (skp.employee, skp.atasan):
            assert text.count(f"{person.full_name} NIP {person.nip_grouped}") == 2
        assert "Halaman 1 dari" in text and f"Halaman {pages} dari {pages}" in text
        assert f"versi {skp.version}" in text

    def test_a_result_with_several_indicators_keeps_its_number_and_text_once(self, demo, db):
        skp = demo_skp()
        main = skp.results.filter(kind="utama").first()
        SkpIndicator.objects.create(result=main, aspect="waktu", text="Tepat waktu",
                                    target_value=12, target_unit="bulan")  # fmt: skip
        text, _pages = pdf_text(skp_pdf(skp))
        assert text.count(main.text) == 1 + (
            main.supports.text == main.text if main.supports else 0
        )
        assert "Waktu Tepat waktu 12 bulan" in text

    def test_jpt_skp_prints_the_jpt_approach_and_the_perspectives(self, demo, db):
        skp = (
            Skp.objects.filter(employee__position__kind__startswith="jpt", results__isnull=False)
            .distinct()
            .order_by("pk")
            .first()
        )
        results = list(skp.results.order_by("kind", "pk"))
        SkpResult.objects.filter(pk=results[0].pk).update(perspective="penerima_layanan")
        SkpResult.objects.filter(pk__in=[r.pk for r in results[1:]]).update(perspective="anggaran")
        text, _pages = pdf_text(skp_pdf(skp))
        assert SUBTITLE_JPT in text and SUBTITLE not in text
        assert "PERSPEKTIF" in text and "Penerima Layanan" in text and "Anggaran" in text
        assert "ASPEK" not in text  # the JPT form has no aspects column

    def test_workbook_has_the_same_sections_as_the_pdf(self, demo, db):
        skp = demo_skp()
        skp.konsekuensi = "Teguran lisan\nPembinaan oleh atasan"
        skp.save()
        values = xlsx_values(skp_xlsx(skp))
        joined = flat(values)
        headings = [
            TITLE, SUBTITLE, "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER",
            "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", "HASIL KERJA",
            "A. HASIL KERJA UTAMA", "B. HASIL KERJA TAMBAHAN", INTERVENED,
            "INDIKATOR KINERJA INDIVIDU", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN",
            LAMPIRAN_TITLE, "DUKUNGAN SUMBER DAYA", "SKEMA PERTANGGUNGJAWABAN", "KONSEKUENSI",
            "Pegawai yang Dinilai", "Pejabat Penilai Kinerja",
        ]  # fmt: skip
        for heading in headings:
            assert heading in joined
        for person in (skp.employee, skp.atasan):
            assert person.full_name in values and f"NIP {person.nip_grouped}" in values
        main = skp.results.filter(supports__isnull=False).select_related("supports").first()
        assert main.supports.text in values and main.text in values
        assert "Teguran lisan" in values and "Pembinaan oleh atasan" in values
        assert "'-" not in values  # no quoted dash for an empty cell
        assert 1 in values  # result numbers stay numbers
        assert (
            joined.index("A. HASIL KERJA UTAMA")
            < joined.index("PERILAKU KERJA")
            < joined.index(LAMPIRAN_TITLE)
        )


def test_every_user_field_with_markup_prints_literally(world, db):
    OrgUnit.objects.filter(pk=world.prov.pk).update(name=f"Pemprov {NASTY}")
    OrgUnit.objects.filter(pk=world.puskesmas.pk).update(name=f"Puskesmas {NASTY}")
    Employee.objects.filter(pk=world.asn.pk).update(name=f"Siti {NASTY}")
    Employee.objects.filter(pk=world.atasan.pk).update(name=f"Rahmat {NASTY}")
    Position.objects.filter(pk=world.asn.position_id).update(name=f"Perawat {NASTY}")
    boss = skp_create(actor=world.atasan_user, employee=world.atasan, year=2026)
    leader = skp_result_add(actor=world.atasan_user, skp=boss, kind="utama",
                            text=f"Pimpinan {NASTY}", supports=None,
                            indicators=[INDICATOR])  # fmt: skip
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    indicator = {"aspect": "kuantitas", "text": f"Indikator {NASTY}", "target_value": None,
                 "target_unit": "", "target_text": f"Target {NASTY}"}  # fmt: skip
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text=f"Hasil {NASTY}",
                   supports=leader, indicators=[indicator])  # fmt: skip
    skp.behaviours.update(expectation=f"Ekspektasi {NASTY}")
    skp = skp_lampiran_set(
        actor=world.asn_user, skp=skp, dukungan_sumber_daya=f"Dukungan {NASTY}",
        skema_pertanggungjawaban=f"Skema {NASTY}", konsekuensi=f"Konsekuensi {NASTY}",
        version=skp.version,
    )  # fmt: skip
    literals = [f"{prefix} {NASTY}" for prefix in (
        "Siti", "Rahmat", "Puskesmas", "Perawat", "Pimpinan", "Hasil", "Indikator", "Target",
        "Ekspektasi", "Dukungan", "Skema", "Konsekuensi")]  # fmt: skip
    text, _pages = pdf_text(skp_pdf(skp))
    for literal in literals + [f"PEMPROV {NASTY.upper()}"]:
        assert literal in text
    values = flat(xlsx_values(skp_xlsx(skp)))
    for literal in literals:
        assert literal in values


# --- the lampiran service -----------------------------------------------------------------------


def lampiran(skp, **overrides):
    data = {"dukungan_sumber_daya": "Laptop", "skema_pertanggungjawaban": "Laporan bulanan",
            "konsekuensi": "Teguran", "version": skp.version}  # fmt: skip
    return {**data, **overrides}


def test_asn_sets_the_lampiran_and_it_is_audited(world, db):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    saved = skp_lampiran_set(actor=world.asn_user, skp=skp, **lampiran(skp))
    skp.refresh_from_db()
    assert (skp.dukungan_sumber_daya, skp.konsekuensi) == ("Laptop", "Teguran")
    assert skp.version == saved.version == 2
    entry = AuditLog.objects.filter(object_type="performance.skp", object_id=str(skp.pk),
                                    action="update").latest("at")  # fmt: skip
    assert entry.changes["dukungan_sumber_daya"] == ["", "Laptop"]
    assert entry.actor == world.asn_user


def test_stranger_cannot_set_the_lampiran(world, db):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    with pytest.raises(PermissionDenied):
        skp_lampiran_set(actor=world.admin, skp=skp, **lampiran(skp))
    skp.refresh_from_db()
    assert skp.dukungan_sumber_daya == "" and skp.version == 1


def test_stale_version_is_refused(world, db):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_lampiran_set(actor=world.asn_user, skp=skp, **lampiran(skp))
    with pytest.raises(StaleVersionError):
        skp_lampiran_set(actor=world.atasan_user, skp=skp, **lampiran(skp, konsekuensi="Lain"))
    skp.refresh_from_db()
    assert skp.konsekuensi == "Teguran"


def test_atasan_may_set_it_while_submitted_but_the_asn_no_longer(world, db):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
                   indicators=[INDICATOR])  # fmt: skip
    skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    with pytest.raises(ValidationError):
        skp_lampiran_set(actor=world.asn_user, skp=skp, **lampiran(skp))
    skp = skp_lampiran_set(actor=world.atasan_user, skp=skp, **lampiran(skp))
    assert skp.dukungan_sumber_daya == "Laptop"


def test_the_form_is_dated_the_day_the_atasan_approved_it(world, db):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
                   indicators=[INDICATOR])  # fmt: skip
    skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    skp = skp_transition(actor=world.atasan_user, skp=skp, action="approve", version=skp.version)
    AuditLog.objects.filter(object_id=str(skp.pk), changes__status__1="approved").update(
        at=dt.datetime(2026, 1, 20, 10, tzinfo=dt.UTC)
    )
    text, _pages = pdf_text(skp_pdf(skp))
    assert re.search(r"(\w+, )?20 Januari 2026 Pejabat Penilai Kinerja", text)


def test_period_and_place_are_written_the_indonesian_way():
    assert period_text(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == (
        "1 JANUARI SD 31 DESEMBER 2026"
    )
    assert period_text(dt.date(2025, 7, 1), dt.date(2026, 6, 30)) == ("1 JULI 2025 SD 30 JUNI 2026")
    assert place_of("Kota Gorontalo") == "Gorontalo"
    assert place_of("Kabupaten Bone Bolango") == "Bone Bolango"


# --- the views ----------------------------------------------------------------------------------


def test_owner_downloads_the_pdf_and_a_stranger_gets_404(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    client.force_login(world.asn_user)
    response = client.get(reverse("performance:skp_pdf", args=[skp.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert TITLE in pdf_text(response.content)[0]
    response = client.get(reverse("performance:skp_xlsx", args=[skp.pk]))
    assert (
        response.status_code == 200
        and f"skp-2026-{world.asn.nip}.xlsx" in (response["Content-Disposition"])
    )
    assert TITLE in xlsx_values(response.content)
    client.force_login(world.operator_b)
    assert client.get(reverse("performance:skp_pdf", args=[skp.pk])).status_code == 404
    assert client.get(reverse("performance:skp_xlsx", args=[skp.pk])).status_code == 404


def test_lampiran_is_saved_from_the_skp_page(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    client.force_login(world.asn_user)
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert reverse("performance:skp_lampiran", args=[skp.pk]) in page
    response = client.post(reverse("performance:skp_lampiran", args=[skp.pk]),
                           lampiran(skp, konsekuensi="Teguran <b>"))  # fmt: skip
    assert response.status_code == 302
    skp.refresh_from_db()
    assert skp.konsekuensi == "Teguran <b>"
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert "Teguran &lt;b&gt;" in page


def test_lampiran_post_refused_to_readers_and_strangers(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    url = reverse("performance:skp_lampiran", args=[skp.pk])
    client.force_login(world.operator_b)
    assert client.post(url, lampiran(skp)).status_code == 404
    client.force_login(world.operator_a)  # reads the SKP, may not change it
    assert client.post(url, lampiran(skp)).status_code == 403
    skp.refresh_from_db()
    assert skp.dukungan_sumber_daya == ""


def test_jpt_result_form_offers_the_perspective(world, client):
    Position.objects.filter(pk=world.asn.position_id).update(kind="jpt_pratama", level="")
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    client.force_login(world.asn_user)
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert 'name="perspective"' in page
    client.post(reverse("performance:skp_result_add", args=[skp.pk]), {
        "kind": "utama", "text": "Layanan kepegawaian", "perspective": "proses_bisnis",
        "aspect": "kuantitas", "indicator": "Layanan", "target_value": "10",
        "target_unit": "layanan"})  # fmt: skip
    assert skp.results.get().perspective == "proses_bisnis"


def test_other_result_forms_have_no_perspective(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    client.force_login(world.asn_user)
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert 'name="perspective"' not in page


@pytest.mark.parametrize("extra", [0, 3, 5, 6, 7, 9, 12])
def test_signatures_never_stand_alone_on_a_page(world, db, extra):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    for n in range(1 + extra):
        skp_result_add(actor=world.asn_user, skp=skp, kind="utama", supports=None,
                       text=f"Hasil kerja {n} yang cukup panjang untuk dua baris " * 2,
                       indicators=[INDICATOR])  # fmt: skip
    reader = PdfReader(io.BytesIO(skp_pdf(skp)))
    signed = [" ".join(p.extract_text().split()) for p in reader.pages]
    signed = [page for page in signed if "Pegawai yang Dinilai" in page]
    assert len(signed) == 2  # the form and the lampiran
    # on the form, at least the last BerAKHLAK value's row stands above the signatures
    assert "Kolaboratif" in signed[0] and "EKSPEKTASI KHUSUS PIMPINAN" in signed[0]
    assert "KONSEKUENSI" in signed[1]
