import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from binakinerja.core.models import AuditLog
from binakinerja.people.models import Position
from binakinerja.people.selectors import position_get_for_user


def test_operator_adds_a_position_to_a_unit_and_it_is_audited(world, client):
    client.force_login(world.operator_a)
    url = reverse("people:position_list", args=[world.puskesmas.pk])
    response = client.post(
        url, {"name": "Bidan", "kind": "fungsional_keterampilan", "level": "mahir"}
    )
    assert response.status_code == 302
    position = Position.objects.get(unit=world.puskesmas, name="Bidan")
    assert position.level == "mahir"
    entry = AuditLog.objects.get(object_type="people.position", object_id=str(position.pk))
    assert entry.changes["name"] == [None, "Bidan"]
    page = client.get(url).content.decode()
    assert "Bidan" in page


def test_functional_position_without_level_is_refused_with_a_message(world, client):
    client.force_login(world.operator_a)
    response = client.post(
        reverse("people:position_list", args=[world.puskesmas.pk]),
        {"name": "Bidan", "kind": "fungsional_keterampilan", "level": ""},
    )
    assert response.status_code == 200
    assert "jenjang" in response.content.decode()
    assert not Position.objects.filter(name="Bidan").exists()


def test_duplicate_position_is_refused(world, client):
    client.force_login(world.operator_a)
    response = client.post(
        reverse("people:position_list", args=[world.puskesmas.pk]),
        {"name": "Kepala Puskesmas", "kind": "pengawas", "level": ""},
    )
    assert response.status_code == 200
    assert Position.objects.filter(name="Kepala Puskesmas").count() == 1


def test_holders_are_counted_for_each_position(world, client):
    client.force_login(world.pimpinan)
    url = reverse("people:position_list", args=[world.puskesmas.pk])
    response = client.get(url)
    holders = {p.name: p.holders for p in response.context["positions"]}
    assert holders == {"Kepala Puskesmas": 1, "Perawat": 1}
    assert response.context["form"] is None


def test_positions_export_what_the_page_shows(world, client):
    client.force_login(world.operator_a)
    url = reverse("people:position_list", args=[world.puskesmas.pk])
    text = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "Kepala Puskesmas;Pengawas;;1" in text
    assert "Perawat;Fungsional keterampilan;Terampil;1" in text


def test_position_fetcher_gives_404_outside_the_browsable_units(world):
    with pytest.raises(Http404):
        position_get_for_user(world.operator_b, world.pos_kepala.pk)
    with pytest.raises(Http404):
        position_get_for_user(world.asn_user, world.pos_kepala.pk)
    with pytest.raises(Http404):
        position_get_for_user(world.operator_a, "not-a-number")


def test_position_fetcher_gives_403_to_readers_who_may_not_manage_the_unit(world):
    assert position_get_for_user(world.pimpinan, world.pos_kepala.pk) == world.pos_kepala
    with pytest.raises(PermissionDenied):
        position_get_for_user(world.pimpinan, world.pos_kepala.pk, write=True)
    position = position_get_for_user(world.operator_a, world.pos_kepala.pk, write=True)
    assert position.unit == world.puskesmas
