import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from binakinerja.performance.models import CheckIn, Skp
from binakinerja.performance.services import skp_create


def test_atasan_and_asn_talk_on_the_timeline_and_outsiders_cannot(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    url = reverse("performance:check_in", args=[skp.pk])
    client.force_login(world.atasan_user)
    client.post(url, {"text": "Bagaimana kunjungan minggu ini?"})
    client.force_login(world.asn_user)
    client.post(url, {"text": "Sudah 12 rumah, Pak."})
    assert [c.author for c in CheckIn.objects.order_by("id")] == [world.atasan, world.asn]
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert "Sudah 12 rumah" in page
    client.force_login(world.operator_a)  # may see the SKP, but is not part of the dialog
    client.post(url, {"text": "Campur tangan"})
    assert CheckIn.objects.count() == 2


def test_reminders_go_to_the_atasan_of_skps_without_recent_check_ins(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.atasan.email = "rahmat@example.test"
    world.atasan.save()
    quiet = skp_create(actor=None, employee=world.asn, year=2026)
    talked = skp_create(actor=None, employee=world.asn_peer, year=2026)
    Skp.objects.filter(pk__in=[quiet.pk, talked.pk]).update(status="in_progress")
    CheckIn.objects.create(skp=talked, author=world.atasan, text="Rutin")
    old = CheckIn.objects.create(skp=quiet, author=world.atasan, text="Lama")
    CheckIn.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=45))
    out = io.StringIO()
    call_command("skp_checkin_reminders", days=30, year=2026, stdout=out)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rahmat@example.test"]
    assert world.asn.full_name in mail.outbox[0].body
    assert world.asn_peer.full_name not in mail.outbox[0].body
