import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_employee
from binakinerja.organizations.services import orgunit_create
from binakinerja.people.models import Employee


def add_staff(world, count):
    unit = orgunit_create(actor=None, parent=world.dinkes, name=f"Bidang {count}")
    start = Employee.objects.count()
    Employee.objects.bulk_create(
        [
            Employee(
                nip=f"1980{1 + n // 999 % 12:02d}01200501{1 + n % 2}{1 + n % 999:03d}",
                name=f"Pegawai {i:05d}",
                unit=unit,
                status="PNS",
                gender="L",
                birth_date="1980-01-01",
                position=world.pos_perawat,
                supervisor=world.atasan,
            )
            for i, n in enumerate(range(start, start + count))
        ]
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/asn/",
        "/asn/?q=Pegawai&sort=-name",
        "/asn/?page=2",
        "/",
        "/organisasi/{dinkes}/",
    ],
)
def test_query_count_does_not_grow_with_the_data(world, client, url):
    url = url.format(dinkes=world.dinkes.pk)
    client.force_login(world.operator_a)
    add_staff(world, 60)
    small = count_queries(client, url)
    add_staff(world, 600)
    assert count_queries(client, url) == small


def test_dashboard_query_count_for_an_atasan_does_not_grow(world, client):
    client.force_login(world.atasan_user)
    add_staff(world, 20)
    small = count_queries(client, "/")
    add_staff(world, 400)
    assert count_queries(client, "/") == small


def test_search_by_nip_typed_with_spaces_finds_the_employee(world, client):
    client.force_login(world.operator_a)
    content = client.get("/asn/", {"q": world.asn.nip_grouped}).content.decode()
    assert "Siti Nurhaliza" in content
    assert "Rahmat Hasan" not in content


def test_search_by_partial_nip_and_by_name(world, client):
    client.force_login(world.operator_a)
    content = client.get("/asn/", {"q": world.asn.nip[:8]}).content.decode()
    assert world.asn.nip_grouped in content
    content = client.get("/asn/", {"q": "nurhal"}).content.decode()
    assert "Siti Nurhaliza" in content and "Rahmat" not in content


def test_filters_cascade_from_government_to_opd(world, client):
    client.force_login(world.admin)
    content = client.get("/asn/", {"instansi": world.prov.pk, "opd": world.dikbud.pk}).content
    assert b"Yusuf Polapa" in content
    assert b"Siti Nurhaliza" not in content


def test_filter_to_a_unit_outside_scope_is_ignored_not_leaked(world, client):
    client.force_login(world.operator_b)
    content = client.get("/asn/", {"opd": world.dinkes.pk}).content
    assert b"Siti Nurhaliza" not in content


def test_contact_details_only_for_self_and_managers(world, client):
    url = reverse("people:employee_detail", args=[world.atasan.pk])
    client.force_login(world.atasan_user)
    assert world.atasan.phone.encode() in client.get(url).content
    client.force_login(world.operator_a)
    assert world.atasan.phone.encode() in client.get(url).content
    world.atasan.supervisor = make_employee(world.puskesmas, "Kepala Dinas", user=None)
    world.atasan.save()
    boss = world.atasan.supervisor
    from binakinerja.core.testing import make_user

    boss.user = make_user("kadis")
    boss.save()
    client.force_login(boss.user)
    response = client.get(url)
    assert response.status_code == 200
    assert world.atasan.phone.encode() not in response.content


def test_export_is_what_the_list_shows_neutralised_and_audited(world, client):
    world.asn.name = '=HYPERLINK("http://x")'
    world.asn.save()
    client.force_login(world.operator_a)
    response = client.get("/asn/", {"export": "csv", "q": world.asn.nip})
    assert response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0] == world.asn.nip
    assert rows[1][1].startswith("'=")
    entry = AuditLog.objects.get(action="export")
    assert entry.actor == world.operator_a


def test_xlsx_export_opens_and_holds_the_filtered_rows(world, client):
    client.force_login(world.operator_a)
    response = client.get("/asn/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    nips = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert nips == {world.asn.nip, world.atasan.nip, world.asn_peer.nip}


def test_edit_form_saves_through_the_service(world, client):
    client.force_login(world.operator_a)
    url = reverse("people:employee_edit", args=[world.asn.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "nip"}
    data.update(
        {"unit": world.puskesmas.pk, "position": world.pos_perawat.pk, "golongan": "III/b",
         "supervisor_nip": world.atasan.nip_grouped, "version": world.asn.version}
    )  # fmt: skip
    data.pop("tmt_golongan", None)
    data.pop("tmt_jabatan", None)
    response = client.post(url, data)
    assert response.status_code == 302
    world.asn.refresh_from_db()
    assert world.asn.golongan == "III/b"
    assert world.asn.supervisor == world.atasan


def test_stale_edit_shows_a_message_and_keeps_the_other_save(world, client):
    client.force_login(world.operator_a)
    url = reverse("people:employee_edit", args=[world.asn.pk])
    data = {
        "name": "Siti Nurhaliza Dai", "unit": world.puskesmas.pk, "golongan": "III/a",
        "state": "aktif", "version": world.asn.version,
    }  # fmt: skip
    Employee.objects.filter(pk=world.asn.pk).update(version=world.asn.version + 1, name="Lain")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Reload" in response.content.decode() or "Muat ulang" in response.content.decode()
    world.asn.refresh_from_db()
    assert world.asn.name == "Lain"


def test_supervisor_outside_scope_is_refused(world, client):
    client.force_login(world.operator_a)
    url = reverse("people:employee_edit", args=[world.asn.pk])
    data = {
        "name": "Siti", "unit": world.puskesmas.pk, "golongan": "III/a", "state": "aktif",
        "version": world.asn.version, "supervisor_nip": world.teacher.nip,
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["supervisor_nip"]


def test_create_form_refuses_bad_nip_with_message(world, client):
    client.force_login(world.operator_a)
    response = client.post(
        reverse("people:employee_create"),
        {"nip": "1.98609E+17", "name": "X", "unit": world.puskesmas.pk, "state": "aktif"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["nip"]
    assert not Employee.objects.filter(name="X").exists()


def test_create_form_in_unit_outside_scope_is_refused(world, client):
    client.force_login(world.operator_a)
    response = client.post(
        reverse("people:employee_create"),
        {"nip": "199001012015011001", "name": "Y", "unit": world.dikbud.pk, "state": "aktif"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Employee.objects.filter(name="Y").exists()


def test_create_form_registers_the_employee(world, client):
    client.force_login(world.operator_a)
    response = client.post(
        reverse("people:employee_create"),
        {"nip": "19900101 201501 1 001", "name": "Baru", "unit": world.puskesmas.pk,
         "state": "aktif", "golongan": "III/a"},
    )  # fmt: skip
    assert response.status_code == 302
    employee = Employee.objects.get(nip="199001012015011001")
    assert employee.unit == world.puskesmas


def test_htmx_request_returns_only_the_table(world, client):
    client.force_login(world.operator_a)
    response = client.get("/asn/", HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"<table" in response.content


def test_change_log_shows_field_labels_and_old_to_new(world, client):
    from binakinerja.people.services import employee_update

    employee_update(actor=world.admin, employee=world.asn, golongan="III/b")
    client.force_login(world.operator_a)
    content = client.get(reverse("people:employee_detail", args=[world.asn.pk])).content.decode()
    # a choice by its label (golongan with its pangkat), not its code alone
    assert "Golongan</strong>: III/a – Penata Muda → III/b – Penata Muda Tingkat I" in content
    client.force_login(world.atasan_user)
    content = client.get(reverse("people:employee_detail", args=[world.asn.pk])).content.decode()
    assert "III/a – Penata Muda → III/b" not in content
