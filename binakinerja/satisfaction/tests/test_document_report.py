"""The Laporan SKM as PermenPANRB 14/2017 outlines it: cover (with the caveat of a sample below
the Krejcie–Morgan minimum on the first page), BAB I–V, lampiran, the head of unit's signature,
every figure equal to what results.py computes; and its XLSX under the same headings.

The demo data set is seeded with 300 ASN (as the demo app's own tests do): 150 is too small for
`seed_demo` to find a supervisor with staff in the provincial Dinas Kesehatan."""

import io

import pytest
from django.db import transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from binakinerja.accounts.models import User
from binakinerja.core.documents import id_date, id_date_range, id_number, id_percent
from binakinerja.demo.builders import seed_demo
from binakinerja.demo.satisfaction import seed_satisfaction
from binakinerja.organizations.models import OrgUnit
from binakinerja.satisfaction.followup import improvement_action_add
from binakinerja.satisfaction.models import ELEMENT_FIELDS, SurveyPeriod, SurveyResponse
from binakinerja.satisfaction.reports import (
    band_rows,
    period_data_xlsx,
    period_name,
    period_report,
    period_report_pdf,
    redact,
    suggestion_themes,
)
from binakinerja.satisfaction.results import period_results, unit_trend
from binakinerja.satisfaction.rules import QUESTIONS, krejcie_morgan
from binakinerja.satisfaction.testing import make_responses

NASTY = "<img src=x> & <b>"
BAB_TITLES = ("BAB I PENDAHULUAN", "BAB II PENGUMPULAN DATA SKM",
              "BAB III HASIL PENGOLAHAN DATA SKM", "BAB IV ANALISIS HASIL SKM",
              "BAB V KESIMPULAN")  # fmt: skip


def pages_of(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One demo data set (registry and surveys) for the class, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(asn=300, seed=11)
        seed_satisfaction(seed=11)
        yield
        transaction.set_rollback(True)


def demo_period() -> SurveyPeriod:
    """This year's period of a unit with last year's results, below the sample minimum."""
    for period in SurveyPeriod.objects.filter(status="open").order_by("pk"):
        results = period_results(period)
        if results.computable and not results.sample_reached:
            return period
    raise AssertionError("the demo has no open period below the minimum")


def actor() -> User:
    return User.objects.order_by("pk").first()


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
class TestFromDemoData:
    def test_outline_figures_and_signature(self):
        period = demo_period()
        improvement_action_add(
            actor=actor(), period=period, element=3, due_on=period.ends_on,
            action="Nomor antrean elektronik", responsible="Kasubag TU",
        )  # fmt: skip
        with translation.override("id"):
            results = period_results(period)
        content, document = period_report(period)
        pages = pages_of(content)
        text = " ".join(pages)
        unit = period.service_unit.unit.name
        # cover, with the caveat on the first page
        assert "LAPORAN SURVEI KEPUASAN MASYARAKAT" in pages[0]
        assert f"PADA {unit.upper()}" in pages[0]
        assert id_date_range(period.starts_on, period.ends_on) in pages[0]
        assert "PERHATIAN: SAMPEL BELUM MEMENUHI" in pages[0]
        assert (f"Jumlah responden valid ({id_number(results.valid)} orang) belum mencapai "
                f"jumlah minimum sampel Krejcie–Morgan "
                f"({id_number(krejcie_morgan(period.population))} orang)") in pages[0]  # fmt: skip
        assert "indikatif" in pages[0]
        # the five chapters, in order, each on a page of its own
        starts = [next(i for i, p in enumerate(pages) if title in p) for title in BAB_TITLES]
        assert starts == sorted(starts) and len(set(starts)) == 5
        # BAB I
        assert "B. Dasar Hukum" in text and "C. Maksud dan Tujuan" in text
        for law in ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
                    "Peraturan Pemerintah Nomor 96 Tahun 2012",
                    "Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan "
                    "Masyarakat"):  # fmt: skip
            assert law in text
        # BAB II: the channels' shares from the responses' source
        valid = SurveyResponse.objects.filter(period=period, status="valid")
        by_source = dict(valid.values_list("source").annotate(n=Count("pk")))
        total = sum(by_source.values())
        assert set(by_source) == {"online", "paper", "import"}
        for source, label in (("online", "Daring (formulir daring melalui tautan/QR)"),
                              ("paper", "Kertas (kuesioner diketik petugas)"),
                              ("import", "Kertas (kuesioner diimpor dari berkas)")):  # fmt: skip
            n = by_source[source]
            assert f"{label} {id_number(n)} {id_percent(100 * n / total, 1)}" in text
        paper = by_source["paper"] + by_source["import"]
        assert f"kertas {id_percent(100 * paper / total, 1)})" in text
        assert (f"Jumlah minimum sampel (Krejcie–Morgan), S "
                f"{id_number(krejcie_morgan(period.population))}") in text  # fmt: skip
        assert (
            f"Populasi (pengguna layanan dalam periode), N {id_number(period.population)}" in text
        )
        assert "Keterangan belum memenuhi (indikatif)" in text
        # BAB III: every element's row, the IKM as results.py computes it, the band legend
        sums = valid.aggregate(**{f: Sum(f) for f in ELEMENT_FIELDS})
        for row in results.elements:
            assert (f"U{row.number} {row.name} {id_number(row.answers)} "
                    f"{id_number(sums[f'u{row.number}'])} {id_number(row.nrr, 3)} "
                    f"{id_number(row.weighted, 3)}") in text  # fmt: skip
        result = results.result
        assert f"IKM (jumlah NRR tertimbang) {id_number(result.ikm, 4)}" in text
        assert f"Nilai IKM konversi (IKM × 25) {id_number(result.score, 2)}" in text
        assert f"Mutu pelayanan {result.mutu}" in text
        assert f"Kinerja unit pelayanan {results.kinerja_label}" in text
        assert "4 3,5324 – 4,00 88,31 – 100,00 A Sangat Baik" in text
        assert "1 1,00 – 2,5996 25,00 – 64,99 D Tidak Baik" in text
        assert "Jenis kelamin".upper() in text and "PENDIDIKAN" in text
        # BAB IV: strengths and weaknesses, follow-up, trend of the unit's periods
        assert "Kekuatan (NRR tertinggi)" in text and "Kelemahan dan prioritas perbaikan" in text
        lowest = results.priorities[0]
        assert f"U{lowest.number} {lowest.name} ({id_number(lowest.nrr, 3)})" in text
        assert "Nomor antrean elektronik U3 Kasubag TU" in text
        trend = [r for r in unit_trend(period.service_unit) if r.result]
        assert len(trend) == 2
        for row in trend:
            assert (
                f"{period_name(row.period)} "
                f"{id_date_range(row.period.starts_on, row.period.ends_on)} "
                f"{id_number(row.result.respondents)} {id_number(row.result.score, 2)}"
            ) in text
        change = trend[1].result.score - trend[0].result.score
        assert ("+" if change > 0 else "") + id_number(change, 2) in text
        # lampiran
        assert "Lampiran 1. Kuesioner" in text and "Lampiran 2. Hasil Olah Data" in text
        assert "Lampiran 3. Ringkasan Saran dan Masukan" in text
        with translation.override("id"):
            question, answers = QUESTIONS[4]
            assert f"U4 {question} {' '.join(str(a) for a in answers)}" in text
        counts = [valid.filter(u1=v).count() for v in (1, 2, 3, 4)]
        first = results.elements[0]
        assert (f"U1 {first.name} {' '.join(id_number(c) for c in counts)} "
                f"{id_number(first.answers)} {id_number(sums['u1'])} "
                f"{id_number(first.nrr, 3)}") in text  # fmt: skip
        # the reader's copy quotes no suggestion
        assert "Kutipan saran" not in text
        # signature of the head of unit, after the conclusions
        signature = pages[starts[4]]
        today = id_date(timezone.localdate())
        assert f", {today} Kepala {unit} (" in signature and "NIP ....." in signature
        [slot] = document.signature_slots
        assert slot.key == "kepala_unit" and slot.page == starts[4] + 1
        # page numbers on every page
        assert all(f"Halaman {i} dari {len(pages)}" in p for i, p in enumerate(pages, start=1))

    def test_no_caveat_at_or_above_the_minimum(self):
        period = demo_period()
        valid = SurveyResponse.objects.filter(period=period, status="valid").count()
        SurveyPeriod.objects.filter(pk=period.pk).update(population=valid)
        period.refresh_from_db()
        assert krejcie_morgan(valid) <= valid
        pages = pages_of(period_report_pdf(period))
        text = " ".join(pages)
        assert "PERHATIAN" not in pages[0] and "indikatif" not in text
        assert "Keterangan memenuhi" in text
        assert (
            f"Jumlah minimum sampel (Krejcie–Morgan), S {id_number(krejcie_morgan(valid))}" in text
        )

    def test_every_font_is_embedded_charts_included(self):
        reader = PdfReader(io.BytesIO(period_report_pdf(demo_period())))
        names = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                names.add(str(font["/BaseFont"]))
                if "/DescendantFonts" in font:
                    font = font["/DescendantFonts"][0].get_object()
                assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
        assert not any("Helvetica" in name for name in names)

    def test_the_workbook_has_the_reports_headings_and_figures(self):
        period = demo_period()
        with translation.override("id"):
            results = period_results(period)
        workbook = load_workbook(io.BytesIO(period_data_xlsx(period)), read_only=True)
        assert workbook.sheetnames == ["Data", "Ringkasan"]
        rows = [tuple(v for v in row if v not in (None, ""))
                for row in workbook["Ringkasan"].iter_rows(values_only=True)]  # fmt: skip
        assert ("BAB III. HASIL PENGOLAHAN DATA SKM",) in rows
        assert ("LAMPIRAN 2. HASIL OLAH DATA",) in rows
        assert ("No", "Unsur pelayanan", "Jumlah jawaban", "Jumlah nilai", "NRR",
                "NRR tertimbang") in rows  # fmt: skip
        assert ("Sampel minimum (Krejcie–Morgan)", krejcie_morgan(period.population)) in rows
        assert ("Nilai IKM konversi", float(results.result.score)) in rows
        assert ("Mutu pelayanan", results.result.mutu) in rows
        trend = [r for r in rows if r and r[0] == f"Tahun {period.year - 1}"]
        assert len(trend) == 1 and isinstance(trend[0][3], float)  # the score stays a number
        data = list(workbook["Data"].iter_rows(values_only=True))
        assert len(data) - 1 == results.valid


@pytest.mark.django_db
def test_markup_in_every_user_field_reads_back_literally(survey):
    period = survey.pk_last
    OrgUnit.objects.filter(pk=survey.puskesmas.pk).update(name=f"Puskesmas {NASTY}")
    make_responses(period, [(4,) * 9], suggestion=f"Saran {NASTY} hubungi 0812-3456-7890 "
                   "atau warga@contoh.id")  # fmt: skip
    improvement_action_add(actor=survey.operator_a, period=period, element=2,
                           action=f"Tindak {NASTY}", responsible=f"PJ {NASTY}")  # fmt: skip
    period.analysis = f"Analisis {NASTY}"
    period.save()
    period.refresh_from_db()
    text = " ".join(pages_of(period_report_pdf(period, with_suggestions=True)))
    assert f"PADA PUSKESMAS {NASTY.upper()}" in text
    assert f"Kepala Puskesmas {NASTY}" in text
    assert f"Saran {NASTY} hubungi [nomor disamarkan] atau [surel disamarkan]" in text
    assert "0812" not in text and "warga@contoh.id" not in text
    assert f"Tindak {NASTY}" in text and f"PJ {NASTY}" in text
    assert f"Analisis {NASTY}" in text


@pytest.mark.django_db
def test_the_view_gives_managers_the_quoted_suggestions_and_readers_the_themes(survey, client):
    url = reverse("satisfaction:report_pdf", args=[survey.pk_last.pk])
    client.force_login(survey.operator_a)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    managers = " ".join(pages_of(response.content))
    assert "Ruang tunggu perlu kipas angin." in managers
    client.force_login(survey.pimpinan)
    readers = " ".join(pages_of(client.get(url).content))
    assert "Ruang tunggu perlu kipas angin." not in readers
    assert "Sarana dan prasarana 2" in readers  # both suggestions counted under their theme


def test_band_legend_follows_the_regulation():
    assert band_rows() == [
        ("4", "3,5324 – 4,00", "88,31 – 100,00", "A", "Sangat Baik"),
        ("3", "3,0644 – 3,532", "76,61 – 88,30", "B", "Baik"),
        ("2", "2,60 – 3,064", "65,00 – 76,60", "C", "Kurang Baik"),
        ("1", "1,00 – 2,5996", "25,00 – 64,99", "D", "Tidak Baik"),
    ]


def test_suggestion_themes_and_redaction():
    themes = dict(suggestion_themes([
        "Antrean terlalu lama", "Toilet kotor dan parkir sempit", "Terima kasih, pertahankan",
        "Pokoknya mantap",
    ]))  # fmt: skip
    assert themes["Waktu pelayanan dan antrean"] == 1
    assert themes["Sarana dan prasarana"] == 1
    assert themes["Apresiasi terhadap pelayanan"] == 1 and themes["Lainnya"] == 1
    assert redact("HP +62 812 3456 7890, NIK 7501010101010001") == (
        "HP [nomor disamarkan], NIK [nomor disamarkan]"
    )
    assert redact("Loket 3 buka jam 08.00") == "Loket 3 buka jam 08.00"
