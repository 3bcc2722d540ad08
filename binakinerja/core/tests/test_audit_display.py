"""The change log shows field labels and readable values (a choice by its label, yes/no as
Ya/Tidak, empty as –), no raw codes; downloads are listed apart from the changes; the page
title holds no HTML."""

from django.urls import reverse

from binakinerja.core.audit import audit_record
from binakinerja.organizations.services import orgunit_update


def test_unit_history_reads_as_labels_and_plain_values(world, client):
    orgunit_update(actor=world.admin, unit=world.dinkes, unit_type="badan", is_active=False)
    audit_record(actor=world.admin, action="update", instance=world.dinkes,
                 changes={"is_service_unit": [None, True]})  # fmt: skip
    client.force_login(world.admin)
    page = client.get(reverse("organizations:orgunit_detail", args=[world.dinkes.pk]))
    text = page.content.decode()
    assert "Aktif</strong>: Ya → Tidak" in text
    assert "Unit layanan publik</strong>: – → Ya" in text
    assert "– → –" not in text
    assert ": Dinas → Badan" in text
    assert "True" not in text and "→ badan" not in text
    title = text.split("<title>")[1].split("</title>")[0]
    assert "<" not in title and "Dinas Kesehatan" in title


def test_downloads_are_listed_apart_from_the_changes(world, client):
    for _ in range(3):
        audit_record(actor=world.admin, action="export", instance=world.dinkes)
    orgunit_update(actor=world.admin, unit=world.dinkes, is_active=False)
    client.force_login(world.admin)
    text = client.get(
        reverse("organizations:orgunit_detail", args=[world.dinkes.pk])
    ).content.decode()
    table = text.split("<table>")[-1].split("</table>")[0]
    assert "Diekspor" not in table
    assert "3 unduhan" in text


def test_skp_history_shows_the_status_by_its_label(world, client, settings, tmp_path):
    from binakinerja.performance.testing import build_performance_world

    settings.MEDIA_ROOT = tmp_path
    build_performance_world(world)
    audit_record(actor=world.asn_user, action="update", instance=world.skp,
                 changes={"status": ["draft", "submitted"]})  # fmt: skip
    client.force_login(world.asn_user)
    text = client.get(reverse("performance:skp_detail", args=[world.skp.pk])).content.decode()
    assert "Status</strong>: Konsep → Diajukan" in text
    assert "draft → submitted" not in text
