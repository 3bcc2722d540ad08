"""Data-subject requests: filed with the 3 × 24-hour clock, answered by the admins of the
person's government (refusals name their exemption), the requester told, the open ones on the
admins' home page with the overdue ones counted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.home import tasks_for
from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.scoping import reach_of
from binakinerja.pdp import services
from binakinerja.pdp.models import SubjectRequest


@pytest.fixture
def filed(world):
    return services.request_file(actor=world.asn_user, employee=world.asn, kind="correction",
                                 details="Tempat lahir saya Limboto")  # fmt: skip


def test_an_online_request_gets_a_deadline_of_three_days_and_is_audited(world, filed):
    assert filed.channel == "online" and filed.status == "open"
    assert filed.deadline - filed.received_at == dt.timedelta(hours=72)
    assert AuditLog.objects.filter(object_type="pdp.subjectrequest", object_id=str(filed.pk),
                                   action="create").exists()  # fmt: skip


def test_nobody_files_for_someone_else_unless_they_administer_them(world):
    with pytest.raises(PermissionDenied):
        services.request_file(actor=world.atasan_user, employee=world.asn, kind="access",
                              details="x")  # fmt: skip
    with pytest.raises(PermissionDenied):  # the province's admin, a city employee
        services.request_file(actor=world.admin, employee=world.kota_employee, kind="access",
                              details="x")  # fmt: skip


def test_a_paper_request_runs_from_when_the_letter_arrived(
    world, django_capture_on_commit_callbacks
):
    arrived = timezone.now() - dt.timedelta(hours=80)
    with django_capture_on_commit_callbacks(execute=True):
        paper = services.request_file(actor=world.admin, employee=world.asn, kind="deletion",
                                      details="Surat", received_at=arrived)  # fmt: skip
    assert paper.channel == "paper" and paper.is_overdue
    assert Notification.objects.filter(recipient=world.asn_user).exists()


def test_a_refusal_needs_an_exemption_and_leaves_the_request_open_without_one(world, filed):
    with pytest.raises(ValidationError) as error:
        services.request_decide(actor=world.admin, request=filed, outcome="refused",
                                decision="Data wajib disimpan", version=filed.version)  # fmt: skip
    assert "exemption" in error.value.message_dict
    filed.refresh_from_db()
    assert filed.is_open


def test_an_answer_is_recorded_audited_and_told_to_the_requester(
    world, filed, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(actor=world.admin, request=filed, outcome="refused",
                                exemption="legal_obligation", decision="Data wajib disimpan",
                                version=filed.version)  # fmt: skip
    filed.refresh_from_db()
    assert filed.status == "refused" and filed.decided_by == world.admin
    entry = AuditLog.objects.get(object_type="pdp.subjectrequest", action="update")
    assert entry.changes["status"] == ["open", "refused"]
    client.force_login(world.asn_user)
    response = client.get(reverse("pdp:request_detail", args=[filed.pk]))
    assert b"Data wajib disimpan" in response.content
    assert Notification.objects.filter(
        recipient=world.asn_user, link=reverse("pdp:request_detail", args=[filed.pk])
    ).exists()
    with pytest.raises(ValidationError):  # answered once
        services.request_decide(actor=world.admin, request=filed, outcome="completed",
                                decision="x", version=filed.version)  # fmt: skip


def test_an_answer_from_a_stale_page_is_refused(world, filed):
    with pytest.raises(ValidationError):
        services.request_decide(actor=world.admin, request=filed, outcome="completed",
                                decision="Sudah", version=filed.version + 1)  # fmt: skip


def test_the_page_refuses_a_refusal_without_exemption_with_a_message(world, filed, client):
    client.force_login(world.admin)
    response = client.post(reverse("pdp:request_decide", args=[filed.pk]),
                           {"outcome": "refused", "decision": "Tidak", "exemption": "",
                            "version": filed.version})  # fmt: skip
    assert response.status_code == 400
    assert "pengecualian" in response.content.decode().lower()
    assert SubjectRequest.objects.get(pk=filed.pk).is_open


def test_open_requests_are_a_home_task_of_the_admins_with_the_overdue_counted(world, filed):
    SubjectRequest.objects.filter(pk=filed.pk).update(deadline=timezone.now() - dt.timedelta(1))
    titles = [t.detail for t in tasks_for(world.admin, reach_of(world.admin))
              if t.url == reverse("pdp:request_list")]  # fmt: skip
    assert titles and "1" in titles[0]
    assert not [t for t in tasks_for(world.operator_a, reach_of(world.operator_a))
                if t.url == reverse("pdp:request_list")]  # fmt: skip


def test_the_admins_list_marks_the_overdue_request(world, filed, client):
    SubjectRequest.objects.filter(pk=filed.pk).update(deadline=timezone.now() - dt.timedelta(1))
    client.force_login(world.admin)
    response = client.get(reverse("pdp:request_list"))
    assert 'class="badge overdue"' in response.content.decode()
