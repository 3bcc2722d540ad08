"""Breach records (Pasal 46): affected persons named from the registry within the recorder's
government or counted, a 3 × 24-hour clock, notices drafted in Indonesian, notices recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from binakinerja.pdp import notices, services
from binakinerja.pdp.models import Breach


def _record(world, **overrides):
    fields = {
        "actor": world.admin,
        "instansi": world.prov,
        "discovered_at": timezone.now() - dt.timedelta(hours=2),
        "description": "Laptop hilang",
        "categories": ["identity", "performance"],
        "affected": [world.asn],
        "affected_count": None,
        "measures": "Akun dikunci",
    }
    return services.breach_record(**{**fields, **overrides})  # fmt: skip


def test_a_breach_has_its_clock_and_counts_the_persons_named(world):
    breach = _record(world, affected_count=0)
    assert breach.deadline - breach.discovered_at == dt.timedelta(hours=72)
    assert breach.affected_count == 1 and list(breach.affected.all()) == [world.asn]


def test_a_person_of_another_government_cannot_be_named(world):
    with pytest.raises(ValidationError):
        _record(world, affected=[world.kota_employee])
    assert not Breach.objects.exists()


def test_a_breach_without_persons_or_count_is_refused_on_the_page(world, client):
    client.force_login(world.admin)
    response = client.post(reverse("pdp:breach_create"), {
        "instansi": world.prov.pk, "discovered_at": "2026-01-05T08:00", "description": "x",
        "categories": ["identity"], "affected_nips": "", "affected_count": "", "measures": "y",
    })  # fmt: skip
    assert response.status_code == 200
    assert not Breach.objects.exists()
    response = client.post(reverse("pdp:breach_create"), {
        "instansi": world.prov.pk, "discovered_at": "2026-01-05T08:00", "description": "x",
        "categories": ["identity"], "affected_nips": world.kota_employee.nip, "measures": "y",
    })  # fmt: skip
    assert response.status_code == 200 and not Breach.objects.exists()


def test_the_notices_are_drafted_in_indonesian_whatever_the_page_language(world):
    breach = _record(world)
    with translation.override("en"):
        to_person, to_authority = notices.subject_notice(breach), notices.authority_notice(breach)
    assert "Pasal 46" in to_person and "Laptop hilang" in to_person
    assert "Jumlah" in to_authority and "Pemerintah Provinsi Gorontalo" in to_authority


def test_notices_are_recorded_and_close_the_task(world, client):
    breach = _record(world)
    client.force_login(world.admin)
    at = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    for whom in ("subjects", "authority"):
        response = client.post(reverse("pdp:breach_notified", args=[breach.pk]),
                               {"whom": whom, "at": at})  # fmt: skip
        assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.subjects_notified_at and breach.authority_notified_at and not breach.is_open


def test_a_notice_before_the_discovery_is_refused(world, client):
    breach = _record(world)
    client.force_login(world.admin)
    response = client.post(reverse("pdp:breach_notified", args=[breach.pk]),
                           {"whom": "subjects", "at": "2020-01-01T08:00"})  # fmt: skip
    assert response.status_code == 400
    breach.refresh_from_db()
    assert breach.subjects_notified_at is None


def test_the_register_lists_the_retention_in_force(world, client, settings):
    settings.PDP_RETENTION = {**settings.PDP_RETENTION, "audit_entries": 4321}
    client.force_login(world.admin)
    with translation.override("en"):
        response = client.get(reverse("pdp:processing_register"), HTTP_ACCEPT_LANGUAGE="en")
    assert "4321" in response.content.decode()
