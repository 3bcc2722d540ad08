from django.urls import reverse

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.testing import make_user
from binakinerja.performance.models import Period
from binakinerja.performance.services import period_open_year


def test_admin_opens_a_year_and_closes_a_quarter(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("performance:period_list"), {"instansi": world.prov.pk, "year": 2026}
    )
    assert response.status_code == 302
    assert Period.objects.filter(instansi=world.prov, year=2026).count() == 5
    q1 = Period.objects.get(instansi=world.prov, year=2026, kind="q1")
    client.post(reverse("performance:period_status", args=[q1.pk]))
    q1.refresh_from_db()
    assert not q1.is_open
    page = client.get(reverse("performance:period_list")).content.decode()
    assert "Ditutup" in page and "Triwulan I 2026" in page


def test_reopen_without_reason_shows_a_message_and_keeps_it_closed(world, client):
    q1 = period_open_year(actor=world.admin, instansi=world.prov, year=2026)[0]
    client.force_login(world.admin)
    client.post(reverse("performance:period_status", args=[q1.pk]))
    response = client.post(reverse("performance:period_status", args=[q1.pk]), follow=True)
    assert "alasan" in response.content.decode().lower()
    q1.refresh_from_db()
    assert not q1.is_open
    client.post(reverse("performance:period_status", args=[q1.pk]), {"reason": "Koreksi"})
    q1.refresh_from_db()
    assert q1.is_open


def test_admin_cannot_open_or_touch_another_governments_periods(world, client):
    kota_admin = make_user("admin_kota")
    RoleAssignment.objects.create(user=kota_admin, role=Role.ADMIN_BKPSDM, scope=world.kota)
    q1 = period_open_year(actor=kota_admin, instansi=world.kota, year=2026)[0]
    client.force_login(world.admin)
    response = client.post(
        reverse("performance:period_list"), {"instansi": world.kota.pk, "year": 2027}
    )
    assert response.status_code == 200
    assert "instansi" in response.context["form"].errors
    assert client.post(reverse("performance:period_status", args=[q1.pk])).status_code == 404
    q1.refresh_from_db()
    assert q1.is_open
