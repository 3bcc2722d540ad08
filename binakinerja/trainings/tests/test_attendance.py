"""Attendance by rotating QR (issue 13 item 5): the signed, time-bound, session-bound code;
the participant's scan and its refusals; marking by hand; closing. A fixed clock (`now`)
replaces sleeping."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from binakinerja.core.models import AuditLog
from binakinerja.trainings import attendance as att
from binakinerja.trainings.models import Attendance, Batch, Enrolment, Session

T0 = 1_780_000_020.0  # the start of a 30-second window (1_780_000_020 / 30 is whole)


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    w = build_training_world(build_competency_world(world))
    Batch.objects.filter(pk=w.batch.pk).update(status=Batch.Status.RUNNING)
    return w


def check_in(w, user, session, *, made=T0, at=T0, nonce=""):
    return att.attendance_check_in(
        user=user, code=att.attendance_code(session, now=made, nonce=nonce), now=at
    )


def refusal(w, user, session, **kwargs):
    with pytest.raises(att.AttendanceRefused) as caught:
        check_in(w, user, session, **kwargs)
    return caught.value


def test_code_is_valid_in_its_window_and_the_next(w):
    assert T0 % 30 == 0
    code = att.attendance_code(w.session_1, now=T0)
    for at in (T0, T0 + 29.9, T0 + 30, T0 + 59.9):
        reading = att.code_read(code, w.session_1, now=at)
        assert reading.session == w.session_1
        assert reading.window == int(T0 // 30)


def test_code_expires_after_sixty_seconds(w):
    code = att.attendance_code(w.session_1, now=T0)
    with pytest.raises(att.AttendanceRefused) as caught:
        att.code_read(code, w.session_1, now=T0 + 60)
    assert caught.value.code == "expired"
    assert "kedaluwarsa" in caught.value.messages[0]


def test_two_codes_of_one_window_differ_by_their_nonce(w):
    first = att.attendance_code(w.session_1, now=T0)
    second = att.attendance_code(w.session_1, now=T0)
    assert first != second
    assert first.split(".")[:2] == second.split(".")[:2]


def test_participant_scan_records_presence_with_nonce(w):
    result = check_in(w, w.asn_user, w.session_1, nonce="abcdEFGH")
    assert result.created
    row = Attendance.objects.get(session=w.session_1, enrolment=w.enrolment)
    assert row.method == Attendance.Method.QR
    assert row.code_nonce == "abcdEFGH"
    assert row.marked_by == w.asn_user
    assert AuditLog.objects.filter(object_type="trainings.attendance", object_id=str(row.pk),
                                   actor=w.asn_user).exists()  # fmt: skip


def test_other_sessions_code_is_refused(w):
    code = att.attendance_code(w.session_1, now=T0)
    with pytest.raises(att.AttendanceRefused) as caught:
        att.code_read(code, w.session_2, now=T0)
    assert caught.value.code == "invalid"
    assert caught.value.messages[0] == "Kode QR tidak berlaku untuk sesi ini."
    # The id of another session written into the code breaks its signature.
    parts = code.split(".")
    parts[0] = att._b36(w.session_2.pk)
    with pytest.raises(att.AttendanceRefused) as caught:
        att.attendance_check_in(user=w.asn_user, code=".".join(parts), now=T0)
    assert caught.value.code == "invalid"
    assert not Attendance.objects.exists()


def test_forged_or_garbled_code_is_refused(w):
    code = att.attendance_code(w.session_1, now=T0)
    head, mac = code.rsplit(".", 1)
    forged = [
        f"{head}.{'A' * len(mac)}",  # a made-up signature
        code.replace(code.split(".")[2], "zzzzzzzz"),  # another nonce under the old signature
        "not-a-code",
        "1.2.3",
        f"{att._b36(999999)}.{code.split('.', 1)[1]}",  # an unknown session
    ]
    for text in forged:
        with pytest.raises(att.AttendanceRefused) as caught:
            att.attendance_check_in(user=w.asn_user, code=text, now=T0)
        assert caught.value.code == "invalid", text
    # A new session secret voids every earlier code.
    Session.objects.filter(pk=w.session_1.pk).update(secret="f" * 64)
    with pytest.raises(att.AttendanceRefused):
        att.attendance_check_in(user=w.asn_user, code=code, now=T0)
    assert not Attendance.objects.exists()


def test_same_person_twice_is_already_recorded_without_a_second_row(w):
    assert check_in(w, w.asn_user, w.session_1, nonce="nonce001").created
    again = check_in(w, w.asn_user, w.session_1, nonce="nonce001")  # the same code
    later = check_in(w, w.asn_user, w.session_1, made=T0 + 30, at=T0 + 31)  # a later code
    assert not again.created and not later.created
    assert again.attendance.code_nonce == "nonce001"
    assert Attendance.objects.filter(session=w.session_1).count() == 1


def test_one_code_serves_every_participant_in_the_room(w):
    from binakinerja.core.testing import make_user

    peer_user = make_user("peer")
    w.asn_peer.user = peer_user
    w.asn_peer.save()
    peer = Enrolment.objects.create(batch=w.batch, employee=w.asn_peer,
                                    status=Enrolment.Status.ENROLLED)  # fmt: skip
    code = att.attendance_code(w.session_1, now=T0)
    assert att.attendance_check_in(user=w.asn_user, code=code, now=T0 + 5).created
    assert att.attendance_check_in(user=peer_user, code=code, now=T0 + 40).created
    assert set(Attendance.objects.values_list("enrolment_id", flat=True)) == {
        w.enrolment.pk, peer.pk}  # fmt: skip


def test_not_enrolled_is_refused(w):
    # The atasan is no participant; the teacher is only nominated (no seat yet).
    assert refusal(w, w.atasan_user, w.session_1).code == "not_enrolled"
    w.teacher.user = w.operator_b
    w.teacher.save()
    w.operator_b._bk_reach = None
    del w.operator_b._bk_reach
    assert refusal(w, w.operator_b, w.session_1).code == "not_enrolled"
    assert refusal(w, w.admin, w.session_1).code == "no_employee"
    assert not Attendance.objects.exists()


def test_closed_list_is_refused(w):
    att.attendance_close(actor=w.penyelenggara, session=w.session_1)
    error = refusal(w, w.asn_user, w.session_1)
    assert error.code == "closed"
    assert error.messages[0] == "Daftar hadir sesi ini sudah ditutup."
    assert not Attendance.objects.exists()


def test_manual_marking_adds_and_removes_only_what_was_shown(w):
    peer = Enrolment.objects.create(batch=w.batch, employee=w.asn_peer,
                                    status=Enrolment.Status.ENROLLED)  # fmt: skip
    added, removed = att.attendance_mark(actor=w.penyelenggara, session=w.session_1,
                                         present={w.enrolment.pk}, shown_present=set())  # fmt: skip
    assert (added, removed) == (1, 0)
    row = Attendance.objects.get(enrolment=w.enrolment, session=w.session_1)
    assert row.method == Attendance.Method.MANUAL and row.marked_by == w.penyelenggara
    # The peer scans after the list was shown: an untick of the ASN must not take them off.
    check_in(w, w.asn_peer.user or _link(w.asn_peer), w.session_1)
    added, removed = att.attendance_mark(actor=w.penyelenggara, session=w.session_1,
                                         present=set(), shown_present={w.enrolment.pk})  # fmt: skip
    assert (added, removed) == (0, 1)
    assert list(Attendance.objects.values_list("enrolment_id", flat=True)) == [peer.pk]
    assert AuditLog.objects.filter(object_type="trainings.attendance", action="delete").count() == 1
    # Someone who is no participant cannot be marked.
    with pytest.raises(ValidationError, match="peserta"):
        att.attendance_mark(actor=w.penyelenggara, session=w.session_1,
                            present={w.teacher_enrolment.pk}, shown_present=set())  # fmt: skip


def _link(employee):
    from binakinerja.core.testing import make_user

    employee.user = make_user(f"user{employee.pk}")
    employee.save()
    return employee.user


def test_closing_is_audited_and_then_marking_is_refused(w):
    att.attendance_mark(actor=w.penyelenggara, session=w.session_1, present={w.enrolment.pk},
                        shown_present=set())  # fmt: skip
    assert att.attendance_close(actor=w.penyelenggara, session=w.session_1) == 1
    w.session_1.refresh_from_db()
    assert w.session_1.attendance_closed
    assert AuditLog.objects.filter(object_type="trainings.session",
                                   object_id=str(w.session_1.pk)).exists()  # fmt: skip
    with pytest.raises(ValidationError, match="ditutup"):
        att.attendance_mark(actor=w.penyelenggara, session=w.session_1, present=set(),
                            shown_present={w.enrolment.pk})  # fmt: skip
    assert Attendance.objects.count() == 1


# --- pages ---------------------------------------------------------------------------------------


def test_scan_page_records_and_answers_already_recorded(client, w):
    client.force_login(w.asn_user)
    url = att.scan_path(att.attendance_code(w.session_1))
    response = client.get(url)
    assert response.status_code == 200
    assert 'id="scan-ok"' in response.content.decode()
    response = client.get(url)
    assert 'id="scan-already"' in response.content.decode()
    assert "sudah tercatat" in response.content.decode()
    assert Attendance.objects.count() == 1


def test_scan_page_refuses_with_the_reason_in_indonesian(client, w):
    client.force_login(w.asn_user)
    old = att.attendance_code(w.session_1, now=T0 - 3600)
    response = client.get(att.scan_path(old))
    assert response.status_code == 400
    assert "Kode QR sudah kedaluwarsa, pindai kode yang sedang tampil" in response.content.decode()


def test_scan_page_fits_a_phone(client, w):
    client.force_login(w.asn_user)
    html = client.get(att.scan_path(att.attendance_code(w.session_1))).content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "<table" not in html  # nothing wider than the screen


def test_qr_fragment_is_an_svg_of_the_scan_url_that_refreshes_at_the_window(client, w):
    client.force_login(w.penyelenggara)
    response = client.get(reverse("trainings:session_qr", args=[w.session_1.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg viewBox="' in html and 'class="qr"' in html
    assert 'hx-trigger="load delay:' in html
    link = html.split('class="qr-link"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert "/pelatihan/hadir/" in link
    code = link.rstrip("/").rsplit("/", 1)[1]
    assert att.code_read(code, w.session_1).session == w.session_1
    screen = client.get(reverse("trainings:session_qr_screen", args=[w.session_1.pk]))
    assert 'id="qr-code"' in screen.content.decode()


def test_session_facilitator_may_show_the_qr_but_not_mark(client, w):
    w.facilitator.user = w.mentor
    w.facilitator.save()
    client.force_login(w.mentor)
    assert (
        client.get(reverse("trainings:session_qr_screen", args=[w.session_1.pk])).status_code == 200
    )
    assert (
        client.get(reverse("trainings:session_attendance", args=[w.session_1.pk])).status_code
        == 403
    )


def test_attendance_list_page_marks_by_hand(client, w):
    client.force_login(w.penyelenggara)
    url = reverse("trainings:session_attendance", args=[w.session_1.pk])
    page = client.get(url).content.decode()
    assert w.asn.name in page and w.teacher.name not in page  # the nominee has no seat
    response = client.post(url, {"present": [str(w.enrolment.pk)]})
    assert response.status_code == 302
    assert Attendance.objects.get().method == Attendance.Method.MANUAL
    client.post(reverse("trainings:session_attendance_close", args=[w.session_1.pk]))
    page = client.get(url).content.decode()
    assert 'id="close-form"' not in page and "disabled" in page
