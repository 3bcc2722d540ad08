"""Login accounts when the mail server fails, sending the set-up link again, and the audit of
a NIP looked up in the add-employee form."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_nip
from binakinerja.people.services import employee_account_create

FAILING_BACKEND = "binakinerja.people.tests.test_account_links.FailingEmailBackend"
LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection unexpectedly closed")


def _create_account(client, employee, email="andi@example.test"):
    return client.post(
        reverse("people:employee_account_create", args=[employee.pk]), {"email": email}, follow=True
    )


@pytest.mark.django_db(transaction=True)
def test_failed_e_mail_keeps_the_account_and_says_the_link_can_be_sent_again(
    world, client, settings
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    client.force_login(world.operator_a)
    response = _create_account(client, world.asn_peer)
    assert response.status_code == 200  # not a server error
    world.asn_peer.refresh_from_db()
    assert world.asn_peer.user is not None
    assert not world.asn_peer.user.has_usable_password()
    text = response.content.decode()
    assert "Akun masuk sudah dibuat" in text
    assert "tidak dapat dikirim ke andi@example.test" in text
    assert reverse("people:employee_account_link_resend", args=[world.asn_peer.pk]) in text


@pytest.mark.django_db(transaction=True)
def test_sent_e_mail_is_reported_as_sent(world, client, settings):
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    client.force_login(world.operator_a)
    response = _create_account(client, world.asn_peer)
    assert "telah dikirim ke andi@example.test" in response.content.decode()
    assert len(mail.outbox) == 1


def test_mail_failure_after_commit_does_not_raise(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        delivery = employee_account_create(
            actor=world.operator_a,
            employee=world.asn_peer,
            email="andi@example.test",
            base_url="http://testserver/",
        )
        assert delivery.sent is None  # nothing is sent before the commit
    assert delivery.sent is False
    from binakinerja.accounts.services import password_setup_email_try

    assert password_setup_email_try(user=delivery.user, base_url="http://testserver/") is False


def test_manager_sends_the_link_again_and_it_is_audited(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        delivery = employee_account_create(
            actor=world.operator_a,
            employee=world.asn_peer,
            email="andi@example.test",
            base_url="http://testserver/",
        )
    mail.outbox.clear()
    client.force_login(world.operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:employee_account_link_resend", args=[world.asn_peer.pk])
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["andi@example.test"]
    entry = AuditLog.objects.get(
        object_type="accounts.user", object_id=str(delivery.user.pk), action="update"
    )
    assert entry.actor == world.operator_a
    assert entry.changes == {"setup_link_sent_to": [None, "andi@example.test"]}


@pytest.mark.django_db(transaction=True)
def test_sending_again_reports_a_second_failure(world, client, settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    client.force_login(world.operator_a)
    _create_account(client, world.asn_peer)
    response = client.post(
        reverse("people:employee_account_link_resend", args=[world.asn_peer.pk]), follow=True
    )
    assert "tidak dapat dikirim ke andi@example.test" in response.content.decode()


def test_link_is_not_sent_again_to_an_account_with_a_password(world, client, settings):
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    client.force_login(world.operator_a)
    response = client.post(
        reverse("people:employee_account_link_resend", args=[world.asn.pk]), follow=True
    )
    assert "Lupa kata sandi?" in response.content.decode()
    assert mail.outbox == []
    assert not AuditLog.objects.filter(object_type="accounts.user", action="update").exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("atasan_user", 403), ("asn_user", 403), ("operator_b", 404), ("pimpinan", 404)],
)
def test_only_managers_of_the_employee_send_the_link(world, client, settings, persona, status):
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    client.force_login(getattr(world, persona))
    response = client.post(reverse("people:employee_account_link_resend", args=[world.asn.pk]))
    assert response.status_code == status
    assert mail.outbox == []


# --- the NIP check of the add-employee form ------------------------------------------------


def _check_nip(client, nip):
    return client.post(reverse("people:employee_create"), {"nip": nip})


def test_nip_registered_in_another_opd_is_told_and_the_lookup_audited(world, client):
    client.force_login(world.operator_b)  # Dinas Pendidikan; Siti works at the puskesmas
    response = _check_nip(client, world.asn.nip_grouped)
    assert response.status_code == 200
    assert "Pegawai dengan NIP ini sudah terdaftar." in response.content.decode()
    entry = AuditLog.objects.get(object_type="people.employee", object_id=str(world.asn.pk))
    assert entry.actor == world.operator_b
    assert entry.action == "lookup"
    assert entry.changes == {
        "nip": [None, world.asn.nip],
        "result": [None, "registered_outside_reach"],
    }
    assert world.asn.name not in entry.object_repr


def test_nip_registered_within_reach_is_audited_as_such(world, client):
    client.force_login(world.operator_a)
    _check_nip(client, world.asn.nip)
    entry = AuditLog.objects.get(object_type="people.employee", object_id=str(world.asn.pk))
    assert entry.changes["result"] == [None, "registered_in_reach"]


def test_free_nip_leaves_no_lookup_record(world, client):
    client.force_login(world.operator_b)
    _check_nip(client, make_nip())
    assert not AuditLog.objects.filter(object_type="people.employee", action="lookup").exists()
