import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of


def test_manager_creates_a_login_and_the_employee_sets_a_password(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    employee = world.asn_peer
    client.force_login(world.operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:employee_account_create", args=[employee.pk]),
            {"email": "andi@example.test"},
        )
    assert response.status_code == 302
    employee.refresh_from_db()
    user = employee.user
    assert user.username == employee.nip
    assert not user.has_usable_password()
    assert AuditLog.objects.filter(object_type="accounts.user", object_id=str(user.pk)).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["andi@example.test"]
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)

    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "kopi-pagi-di-limboto-2026"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    login = client.post(
        reverse("accounts:login"), {"username": employee.nip, "password": new_password}
    )
    assert login.status_code == 302
    assert login["Location"] == reverse("core:dashboard")
    user = get_user_model().objects.get(pk=user.pk)
    assert reach_of(user).employee_id == employee.pk


def test_reader_cannot_create_a_login(world, client):
    client.force_login(world.atasan_user)
    response = client.post(
        reverse("people:employee_account_create", args=[world.asn_peer.pk]),
        {"email": "andi@example.test"},
    )
    assert response.status_code == 403
    world.asn_peer.refresh_from_db()
    assert world.asn_peer.user is None


def test_second_login_for_the_same_employee_is_refused(world, client):
    client.force_login(world.operator_a)
    response = client.post(
        reverse("people:employee_account_create", args=[world.asn.pk]),
        {"email": "siti@example.test"},
        follow=True,
    )
    assert "sudah memiliki akun" in response.content.decode()
    world.asn.refresh_from_db()
    assert world.asn.user == world.asn_user
