"""The ledger's pages: JP saya, an employee's ledger, the 20 JP compliance (masked for
pimpinan, exports audited), the outside activity workflow through the pages, the JP fed back
to the competency needs page and the IDP, and the home-page tasks."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of
from binakinerja.core.testing import make_employee
from binakinerja.trainings.home import _ledger_tasks
from binakinerja.trainings.models import JpRecord, OutsideActivity

XSS = "<img src=x> & <b>"


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    return build_training_world(build_competency_world(world))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _record(employee, jp, year=2026, title="Kursus"):
    return JpRecord.objects.create(
        employee=employee, title=title, form_code="KL08", jenis_diklat_id=11,
        start=dt.date(year, 5, 1), end=dt.date(year, 5, 2), year=year, minutes=0,
        jp=Decimal(jp), source=JpRecord.Source.IMPORTED,
    )  # fmt: skip


def test_jp_mine_shows_records_total_and_what_is_missing(w, client):
    _record(w.asn, Decimal("6.5"), title=XSS)
    client.force_login(w.asn_user)
    page = client.get(reverse("trainings:jp_mine", args=[2026])).content.decode()
    assert "Webinar Gizi Anak" in page
    assert "10,50 / 20" in page
    assert XSS not in page and "&lt;img src=x&gt;" in page
    assert '<div class="num">9,50</div>' in page  # missing


def test_compliance_page_lists_asn_below_target_for_the_operator(w, client):
    _record(w.atasan, 20)
    client.force_login(w.operator_a)
    page = client.get(reverse("trainings:jp_compliance", args=[w.dinkes.pk, 2026])).content.decode()
    assert "Siti Nurhaliza" in page and "Andi Mokoginta" in page
    assert "Rahmat Hasan" not in page.split("jp-below")[1]  # exactly 20 JP: reached


def test_pimpinan_sees_masked_numbers_and_never_the_people(w, client):
    client.force_login(w.pimpinan)
    response = client.get(reverse("trainings:jp_compliance", args=[w.prov.pk, 2026]))
    page = response.content.decode()
    assert "&lt; 5" in page
    for name in ("Siti Nurhaliza", "Andi Mokoginta", "Yusuf Polapa", w.asn.nip):
        assert name not in page
    export = client.get(reverse("trainings:jp_compliance", args=[w.prov.pk, 2026]) + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Unit" and all("Siti" not in str(r) for r in rows)
    assert "< 5" in {str(c) for r in rows for c in r}


def test_compliance_export_lists_people_and_is_audited(w, client):
    client.force_login(w.admin)
    response = client.get(
        reverse("trainings:jp_compliance", args=[w.dinkes.pk, 2026]) + "?format=xlsx"
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("NIP", "Nama", "Unit", "Jabatan", "JP tercapai")
    assert {r[1] for r in rows[1:]} == {"Siti Nurhaliza", "Andi Mokoginta", "Rahmat Hasan"}
    assert AuditLog.objects.filter(action="export", object_id=str(w.dinkes.pk)).exists()


def test_compliance_page_query_count_is_constant(w, client, django_assert_num_queries):
    client.force_login(w.admin)
    url = reverse("trainings:jp_compliance", args=[w.prov.pk, 2026])
    with django_assert_num_queries(30, exact=False) as context:
        client.get(url)
    for i in range(40):
        _record(make_employee(w.puskesmas, f"Pegawai {i}"), i % 25)
    with django_assert_num_queries(len(context.captured_queries)):
        client.get(url)


def test_outside_activity_through_the_pages(w, client):
    client.force_login(w.asn_user)
    response = client.post(reverse("trainings:outside_new"), {
        "title": XSS, "organiser": XSS, "form_code": "NKL03", "start": "2026-05-01",
        "end": "2026-05-03", "minutes": "300", "certificate_number": XSS,
    })  # fmt: skip
    activity = OutsideActivity.objects.get()
    assert response.status_code == 302
    pdf = SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4\n%%EOF\n")
    client.post(reverse("trainings:outside_evidence", args=[activity.pk]),
                {"evidence": pdf, "version": activity.version})  # fmt: skip
    activity.refresh_from_db()
    assert activity.status == OutsideActivity.Status.EVIDENCE
    client.force_login(w.admin)
    inbox = client.get(reverse("trainings:outside_inbox")).content.decode()
    assert "&lt;img src=x&gt;" in inbox and XSS not in inbox
    detail = client.get(reverse("trainings:outside_detail", args=[activity.pk])).content.decode()
    assert 'value="6"' in detail  # 300 / 45 → 6 JP suggested
    client.post(reverse("trainings:outside_recognise", args=[activity.pk]),
                {"version": activity.version, "jp": "5"})  # fmt: skip
    assert JpRecord.objects.get(source=JpRecord.Source.OUTSIDE).jp == Decimal(5)
    download = client.get(reverse("trainings:outside_evidence_download", args=[activity.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/octet-stream"


def test_needs_page_and_idp_read_the_ledger(w, client):
    _record(w.asn, Decimal("7.5"))
    client.force_login(w.asn_user)
    page = client.get(reverse("competencies:employee_needs_year", args=[w.asn.pk, 2026]))
    text = page.content.decode()
    assert '<dd id="jp-done">11,50 / 20</dd>' in text  # 4 JP webinar + 7.5
    from binakinerja.competencies.jp import jp_done_for

    assert jp_done_for([w.asn.pk], 2026) == {w.asn.pk: Decimal("11.5")}
    from binakinerja.competencies.idp import plan_create

    plan_create(actor=w.asn_user, employee=w.asn, year=2026)
    idp = client.get(reverse("competencies:idp_mine", args=[2026])).content.decode()
    assert 'id="idp-ledger-jp">11,50' in idp


def test_home_tasks_for_the_asn_in_the_second_half(w):
    OutsideActivity.objects.create(employee=w.asn, title="A", organiser="B", form_code="KL06",
                                   start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 1),
                                   minutes=60)  # fmt: skip
    found = _ledger_tasks(w.asn_user, reach_of(w.asn_user), today=dt.date(2026, 8, 1))
    titles = " | ".join(t.title for t in found)
    assert "4" in titles and "20" in titles  # only 4 of 20 JP
    assert len(found) == 2
    early = _ledger_tasks(w.asn_user, reach_of(w.asn_user), today=dt.date(2026, 3, 1))
    assert len(early) == 1  # the evidence to upload, no JP warning before July


def test_home_tasks_for_admin_and_operator(w, django_assert_num_queries):
    OutsideActivity.objects.create(employee=w.asn, title="A", organiser="B", form_code="KL06",
                                   start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 1), minutes=60,
                                   status=OutsideActivity.Status.EVIDENCE)  # fmt: skip
    admin = _ledger_tasks(w.admin, reach_of(w.admin), today=dt.date(2026, 10, 1))
    assert [t.count for t in admin] == [1]
    reach = reach_of(w.operator_a)
    with django_assert_num_queries(2):
        operator = _ledger_tasks(w.operator_a, reach, today=dt.date(2026, 10, 1))
    assert [t.count for t in operator] == [3]  # atasan, ASN, peer all below 20
    assert _ledger_tasks(w.operator_a, reach, today=dt.date(2026, 9, 30)) == []
