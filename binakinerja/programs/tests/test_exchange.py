"""Excel in and out of the program: the unit table and the coordination log as XLSX/CSV (as
the reader sees them, audited) and the signed attendance list uploaded all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import xlsx_sheet, xlsx_upload
from binakinerja.programs import services
from binakinerja.programs.models import SocialisationAttendance
from binakinerja.programs.testing import build_program_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_program_world(world)


def workbook(rows, header=("NIP", "NAMA", "HADIR")):
    return xlsx_upload(header, rows, "daftar-hadir.xlsx")


def attendees(w) -> set[str]:
    return set(
        SocialisationAttendance.objects.filter(event=w.event).values_list(
            "employee__nip", flat=True
        )
    )


# --- the unit table and the coordination log --------------------------------------------------


def test_unit_table_export_has_every_unit_with_its_signals_and_is_audited(client, w):
    client.force_login(w.admin)
    url = reverse("programs:program_detail", args=[w.program.pk])
    response = client.get(url + "?export=xlsx")
    assert response.status_code == 200
    rows = xlsx_sheet(response)
    header, body = rows[0], rows[1:]
    assert header[:3] == ("Tahap", "Unit kerja", "Status")
    by_unit = {row[1]: row for row in body}
    assert set(by_unit) == {w.dinkes.name, w.dikbud.name}
    dinkes = dict(zip(header, by_unit[w.dinkes.name], strict=True))
    assert dinkes["Tahap"] == 1 and dinkes["Status"] == "Sosialisasi"
    assert dinkes["Responden"] == 1 and dinkes["Titik hambatan"] == "Keinginan"  # Desire
    assert dinkes["Aksi terbuka"] == 1
    assert AuditLog.objects.filter(action="export", object_id=str(w.program.pk)).exists()
    csv_text = b"".join(client.get(url + "?export=csv").streaming_content).decode("utf-8-sig")
    assert w.dikbud.name in csv_text and csv_text.splitlines()[0].startswith("Tahap;Unit kerja")


def test_pimpinan_export_masks_readiness_of_small_groups(client, w):
    client.force_login(w.pimpinan)
    response = client.get(reverse("programs:program_detail", args=[w.program.pk]) + "?export=xlsx")
    rows = xlsx_sheet(response)
    dinkes = dict(zip(rows[0], next(r for r in rows[1:] if r[1] == w.dinkes.name), strict=True))
    assert dinkes["Responden"] == "< 5" and dinkes["Kesiapan"] == "< 5"
    assert not dinkes["Titik hambatan"]  # one respondent's barrier would name a person's answers


def test_coordination_log_export_lists_cases_with_their_steps(client, w):
    services.case_step_add(actor=w.operator_a, case=w.case, date=w.case.raised_on,
                           text="Rapat bersama Dinas Pendidikan.")  # fmt: skip
    client.force_login(w.operator_a)
    response = client.get(reverse("programs:case_list", args=[w.program.pk]) + "?export=xlsx")
    rows = xlsx_sheet(response)
    assert rows[0][0] == "Masalah"
    assert rows[1][0] == w.case.title
    assert "Rapat bersama Dinas Pendidikan." in rows[1][6]
    assert AuditLog.objects.filter(action="export", actor=w.operator_a).exists()


# --- the attendance list ------------------------------------------------------------------------


def test_marked_list_records_only_those_marked_present(w):
    upload = workbook([(w.asn_peer.nip, w.asn_peer.name, "ya"), (w.atasan.nip, "x", ""),
                       (w.asn.nip, w.asn.name, "Ya")])  # fmt: skip
    result = services.attendance_import(actor=w.operator_a, event=w.event, upload=upload)
    assert result.ok and result.created == 1  # the ASN was already recorded
    assert attendees(w) == {w.asn.nip, w.asn_peer.nip}
    assert AuditLog.objects.filter(action="import", object_id=str(w.event.pk)).exists()


def test_a_list_without_hadir_takes_every_row(w):
    upload = workbook([(w.asn_peer.nip,), (w.atasan.nip,)], header=("NIP",))
    result = services.attendance_import(actor=w.operator_a, event=w.event, upload=upload)
    assert result.created == 2
    assert attendees(w) == {w.asn.nip, w.asn_peer.nip, w.atasan.nip}


def test_one_wrong_row_refuses_the_whole_list_with_every_problem(w):
    upload = workbook([
        (w.asn_peer.nip, "", "ya"),
        ("123", "", "ya"),  # not a NIP
        (w.teacher.nip, "", "ya"),  # of another OPD
        (w.asn_peer.nip, "", "ya"),  # twice
        (w.atasan.nip, "", "mungkin"),  # neither present nor absent
    ])  # fmt: skip
    with translation.override("en"):
        result = services.attendance_import(actor=w.operator_a, event=w.event, upload=upload)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "NIP"), (4, "NIP"), (5, "NIP"), (6, "HADIR")]  # fmt: skip
    assert "already has this NIP" in result.errors[2].reason
    assert attendees(w) == {w.asn.nip}  # nothing written


def test_a_file_with_nobody_present_or_without_nip_is_refused(w):
    with pytest.raises(ValidationError):
        services.attendance_import(actor=w.operator_a, event=w.event,
                                   upload=workbook([(w.asn_peer.nip, "", "")]))  # fmt: skip
    with pytest.raises(ValidationError):
        services.attendance_import(actor=w.operator_a, event=w.event,
                                   upload=workbook([("x",)], header=("NAMA",)))  # fmt: skip
    assert attendees(w) == {w.asn.nip}


def test_the_downloaded_list_comes_back_marked(client, w):
    """The operator downloads the unit's ASN, marks who signed and uploads it again."""
    client.force_login(w.operator_a)
    url = reverse("programs:attendance_import", args=[w.event.pk])
    rows = xlsx_sheet(client.get(url + "?template=1"))
    assert rows[0] == ("NIP", "NAMA", "HADIR")
    marked = {row[0]: row[2] for row in rows[1:]}
    assert marked[w.asn.nip] == "ya" and not marked[w.asn_peer.nip]
    assert w.teacher.nip not in marked  # another OPD's ASN
    back = [(nip, "", "ya" if nip in (w.asn.nip, w.asn_peer.nip) else "") for nip in marked]
    response = client.post(url, {"file": workbook(back)})
    assert response.status_code == 302
    assert attendees(w) == {w.asn.nip, w.asn_peer.nip}


def test_a_refused_upload_shows_the_report_and_writes_nothing(client, w):
    client.force_login(w.operator_a)
    url = reverse("programs:attendance_import", args=[w.event.pk])
    response = client.post(url, {"file": workbook([("123", "", "ya")])})
    assert response.status_code == 200
    assert "Tidak ada yang disimpan" in response.content.decode()
    assert response.context["result"].errors[0].row == 2
    assert attendees(w) == {w.asn.nip}
