"""The JP ledger's services and reads: credits, conversion per form, JP done, the 20 JP
compliance against a hand-built set, days left, outside activity recognition."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import Notification
from binakinerja.core.testing import make_employee
from binakinerja.trainings import ledger
from binakinerja.trainings.models import (
    Enrolment,
    JpConversion,
    JpRecord,
    OutsideActivity,
)

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    return build_training_world(build_competency_world(world))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _record(employee, jp, *, year=2026, ref=""):
    return JpRecord.objects.create(
        employee=employee, title="Kursus", form_code="KL08", jenis_diklat_id=11,
        start=dt.date(year, 5, 1), end=dt.date(year, 5, 2), year=year, minutes=0,
        jp=Decimal(jp), source=JpRecord.Source.IMPORTED, source_ref=ref,
    )  # fmt: skip


# --- credits ------------------------------------------------------------------------------------


def test_credit_completion_writes_the_program_jp_once(w, django_capture_on_commit_callbacks):
    w.enrolment.status = Enrolment.Status.COMPLETED
    w.enrolment.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = ledger.credit_completion(w.enrolment, w.penyelenggara)
    again = ledger.credit_completion(w.enrolment, w.penyelenggara)
    assert first.pk == again.pk
    assert JpRecord.objects.filter(source_ref=f"trainings.enrolment:{w.enrolment.pk}").count() == 1
    assert first.jp == Decimal(16)  # two modules of 8 JP
    assert first.minutes == 16 * 45
    assert (first.form_code, first.jenis_diklat_id) == ("KL03", 3)
    assert (first.start, first.end, first.year) == (w.batch.start, w.batch.end, 2026)
    assert first.institution_name == "BPSDM Provinsi Gorontalo"
    assert first.source == JpRecord.Source.BATCH
    assert AuditLog.objects.filter(object_type="trainings.jprecord",
                                   object_id=str(first.pk)).count() == 1  # fmt: skip
    assert Notification.objects.filter(recipient=w.asn_user, text__contains="16 JP").exists()


def test_credit_completion_refuses_an_enrolment_not_completed(w):
    with pytest.raises(ValidationError):
        ledger.credit_completion(w.enrolment, w.penyelenggara)
    assert not JpRecord.objects.filter(source=JpRecord.Source.BATCH).exists()


def _minutes(w, minutes, form, ref):
    return ledger.credit_minutes(
        employee=w.asn, minutes=minutes, form_code=form, title="Mentoring",
        start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 1), source=JpRecord.Source.MENTORING,
        source_ref=ref, actor=w.mentor,
    )  # fmt: skip


def test_credit_minutes_uses_45_minutes_a_jp_by_default(w):
    record = _minutes(w, 100, "NKL02", "mentoring.session:1")
    assert record.jp == Decimal(2)  # 100 / 45 rounded down
    assert record.jenis_diklat_id == 15


def test_credit_minutes_follows_the_configured_conversion_and_cap(w):
    JpConversion.objects.create(form_code="NKL02", minutes_per_jp=60, cap_jp=Decimal(3))
    assert _minutes(w, 150, "NKL02", "mentoring.session:2").jp == Decimal(2)  # 150 / 60
    assert _minutes(w, 600, "NKL02", "mentoring.session:3").jp == Decimal(3)  # capped
    assert _minutes(w, 600, "NKL03", "mentoring.session:4").jp == Decimal(13)  # other form: 45


def test_credit_minutes_is_idempotent(w):
    first = _minutes(w, 90, "NKL01", "mentoring.session:9")
    second = _minutes(w, 900, "NKL01", "mentoring.session:9")
    assert first.pk == second.pk and second.jp == Decimal(2)


def test_conversion_set_is_for_admins_and_audited(w):
    with pytest.raises(PermissionDenied):
        ledger.conversion_set(actor=w.operator_a, form_code="NKL03", minutes_per_jp=60)
    row = ledger.conversion_set(actor=w.admin, form_code="NKL03", minutes_per_jp=60, cap_jp=4)
    ledger.conversion_set(actor=w.admin, form_code="NKL03", minutes_per_jp=30)
    row.refresh_from_db()
    assert (row.minutes_per_jp, row.cap_jp) == (30, None)
    assert AuditLog.objects.filter(object_type="trainings.jpconversion").count() == 2
    with pytest.raises(ValidationError):
        ledger.conversion_set(actor=w.admin, form_code="NKL03", minutes_per_jp=0)


# --- reads --------------------------------------------------------------------------------------


def test_jp_done_by_employee_sums_the_year_in_one_query(w, django_assert_num_queries):
    _record(w.asn, 10)
    _record(w.asn, 5, year=2025)
    _record(w.teacher, 7)
    with django_assert_num_queries(1):
        done = ledger.jp_done_by_employee([w.asn.pk, w.teacher.pk, w.atasan.pk], 2026)
    # the world's webinar (4 JP) + 10
    assert done == {w.asn.pk: Decimal(14), w.teacher.pk: Decimal(7)}


@pytest.mark.parametrize(
    "today, year, left",
    [
        (dt.date(2026, 12, 31), 2026, 0),
        (dt.date(2026, 12, 1), 2026, 30),
        (dt.date(2026, 1, 1), 2026, 364),
        (dt.date(2027, 1, 5), 2026, 0),
        (dt.date(2025, 6, 1), 2026, 365),
    ],
)
def test_days_left(today, year, left):
    assert ledger.days_left(year, today) == left


def test_compliance_counts_against_a_hand_built_set(w, django_assert_num_queries):
    """Dinkes: atasan 20 JP (exactly the target: reached), ASN 4 + 15.5 = 19.5 (below), peer 0;
    Dikbud: teacher 25. Kota is another government and does not count."""
    JpRecord.objects.all().delete()
    _record(w.atasan, 20)
    _record(w.asn, 4)
    _record(w.asn, Decimal("15.5"))
    _record(w.asn, 30, year=2025)  # another year
    _record(w.teacher, 25)
    _record(w.kota_employee, 40)
    gone = make_employee(w.dikbud, "Pensiunan", state="pensiun")
    _record(gone, 1)
    with django_assert_num_queries(2):
        report = ledger.jp_compliance(w.prov, 2026, target=20, today=dt.date(2026, 12, 1))
    units = {row.unit.name: row for row in report.units}
    assert (units["Dinas Kesehatan"].employees, units["Dinas Kesehatan"].reached) == (3, 1)
    assert units["Dinas Kesehatan"].share == 33
    assert (units["Dinas Pendidikan dan Kebudayaan"].employees,
            units["Dinas Pendidikan dan Kebudayaan"].reached) == (1, 1)  # fmt: skip
    assert (report.total.employees, report.total.reached, report.total.below) == (4, 2, 2)
    assert report.total.share == 50
    assert report.days_left == 30
    below = list(report.below)
    assert [(e.name, e.jp_done) for e in below] == [
        ("Andi Mokoginta", Decimal(0)), ("Siti Nurhaliza", Decimal("19.5"))]  # fmt: skip


def test_compliance_query_count_does_not_grow(w, django_assert_num_queries):
    for i in range(30):
        employee = make_employee(w.puskesmas, f"Pegawai {i}")
        _record(employee, i)
    with django_assert_num_queries(3):
        report = ledger.jp_compliance(w.prov, 2026)
        list(report.below[:50])
    assert report.total.employees == 34


# --- outside activities -------------------------------------------------------------------------


def _propose(w, **fields):
    values = dict(title="Seminar <img src=x> & <b>", organiser="Kemenkes", form_code="KL06",
                  start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 1), minutes=200)  # fmt: skip
    values.update(fields)
    return ledger.outside_propose(actor=w.asn_user, employee=w.asn, **values)


def test_outside_recognition_workflow(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        activity = _propose(w)
        activity = ledger.outside_evidence_submit(
            actor=w.asn_user, activity=activity, version=activity.version,
            upload=SimpleUploadedFile("sertifikat.pdf", PDF, content_type="application/pdf"),
        )  # fmt: skip
    assert activity.status == OutsideActivity.Status.EVIDENCE
    assert Notification.objects.filter(recipient=w.admin).exists()  # admin BKPSDM told
    assert list(ledger.outside_awaiting_recognition(w.admin)) == [activity]
    with pytest.raises(PermissionDenied):  # operators do not recognise
        ledger.outside_recognise(actor=w.operator_a, activity=activity, version=activity.version)
    with django_capture_on_commit_callbacks(execute=True):
        activity = ledger.outside_recognise(actor=w.admin, activity=activity,
                                            version=activity.version)  # fmt: skip
    assert activity.recognised_jp == Decimal(4)  # 200 / 45 rounded down
    record = JpRecord.objects.get(source_ref=f"trainings.outsideactivity:{activity.pk}")
    assert (record.source, record.jp, record.institution_name) == ("outside", 4, "Kemenkes")
    assert Notification.objects.filter(recipient=w.asn_user, text__contains="4 JP").exists()
    assert AuditLog.objects.filter(object_type="trainings.outsideactivity",
                                   action="recognise").exists()  # fmt: skip


def test_recogniser_may_set_the_jp_and_a_stale_version_is_refused(w):
    activity = _propose(w)
    activity = ledger.outside_evidence_submit(
        actor=w.asn_user, activity=activity, version=activity.version,
        upload=SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        ledger.outside_recognise(actor=w.admin, activity=activity, version=activity.version - 1)
    activity = ledger.outside_recognise(actor=w.admin, activity=activity,
                                        version=activity.version, jp=Decimal("2.5"))  # fmt: skip
    assert JpRecord.objects.get(source=JpRecord.Source.OUTSIDE).jp == Decimal("2.5")


def test_evidence_is_checked_like_skp_evidence(w):
    activity = _propose(w)
    for name, content in [("bukti.pdf", b"MZ not a pdf"), ("bukti.exe", b"MZ"),
                          ("bukti.docx", b"PK\x03\x04xx")]:  # fmt: skip
        with pytest.raises(ValidationError):
            ledger.outside_evidence_submit(actor=w.asn_user, activity=activity,
                                           version=activity.version,
                                           upload=SimpleUploadedFile(name, content))  # fmt: skip
    activity.refresh_from_db()
    assert activity.status == OutsideActivity.Status.PROPOSED and not activity.evidence


def test_reject_needs_a_note_and_a_rejected_proposal_can_come_back(w):
    activity = _propose(w)
    with pytest.raises(ValidationError):
        ledger.outside_reject(actor=w.admin, activity=activity, version=activity.version, note="")
    activity = ledger.outside_reject(actor=w.admin, activity=activity, version=activity.version,
                                     note="Sertifikat tidak terbaca")  # fmt: skip
    assert activity.status == OutsideActivity.Status.REJECTED
    activity = ledger.outside_evidence_submit(
        actor=w.asn_user, activity=activity, version=activity.version,
        upload=SimpleUploadedFile("b.jpg", b"\xff\xd8\xff" + b"0" * 20),
    )  # fmt: skip
    assert activity.status == OutsideActivity.Status.EVIDENCE
    assert not JpRecord.objects.filter(source=JpRecord.Source.OUTSIDE).exists()


def test_only_the_asn_proposes_for_themself_and_bad_dates_are_refused(w):
    with pytest.raises(PermissionDenied):
        ledger.outside_propose(actor=w.atasan_user, employee=w.asn, title="x", organiser="y",
                               form_code="KL06", start=dt.date(2026, 1, 1),
                               end=dt.date(2026, 1, 1), minutes=60)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        _propose(w, start=dt.date(2026, 6, 2), end=dt.date(2026, 6, 1))
    assert "end" in error.value.error_dict


def test_admin_of_another_government_cannot_recognise(w):
    from binakinerja.accounts.models import Role, RoleAssignment
    from binakinerja.core.testing import make_user

    kota_admin = make_user("admin_kota")
    RoleAssignment.objects.create(user=kota_admin, role=Role.ADMIN_BKPSDM, scope=w.kota)
    assert not ledger.can_recognise(kota_admin, w.asn)
    assert ledger.can_recognise(w.admin, w.asn)
    assert ledger.can_recognise(w.superadmin, w.asn)
