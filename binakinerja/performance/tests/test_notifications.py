from django.urls import reverse

from binakinerja.core.models import Notification
from binakinerja.performance.services import skp_create, skp_result_add, skp_transition

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "x"}


def test_each_move_notifies_the_other_party(world, client, django_capture_on_commit_callbacks):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    note = Notification.objects.get(recipient=world.atasan_user)
    assert "Diajukan ke atasan" in note.text
    client.force_login(world.atasan_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert note.text in page
    client.post(reverse("core:notifications_read"))
    assert note.text not in client.get(reverse("core:dashboard")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        skp_transition(actor=world.atasan_user, skp=skp, action="approve", version=skp.version)
    assert Notification.objects.filter(
        recipient=world.asn_user, text__contains="Disetujui"
    ).exists()


def test_a_refused_move_notifies_nobody(world, django_capture_on_commit_callbacks):
    import pytest
    from django.core.exceptions import ValidationError

    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        skp_transition(actor=world.asn_user, skp=skp, action="approve", version=skp.version)
    assert not Notification.objects.exists()
