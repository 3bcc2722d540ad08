from django.urls import reverse

from binakinerja.organizations.services import orgunit_update


def test_unit_change_log_is_shown_to_its_managers_only(world, client):
    orgunit_update(actor=world.admin, unit=world.dinkes, address="Jl. Tinaloga No. 1")
    url = reverse("organizations:orgunit_detail", args=[world.dinkes.pk])
    client.force_login(world.admin)
    content = client.get(url).content.decode()
    assert "Jl. Tinaloga No. 1" in content
    assert "admin_prov" in content
    client.force_login(world.pimpinan)
    content = client.get(url).content.decode()
    assert "admin_prov" not in content


def test_children_carry_active_employee_counts_of_their_subtree(world, client):
    client.force_login(world.admin)
    response = client.get(reverse("organizations:orgunit_detail", args=[world.dinkes.pk]))
    children = {u.name: u.employee_count for u in response.context["children"]}
    assert children == {"Puskesmas Limboto": 3}
    client.force_login(world.superadmin)
    response = client.get(reverse("organizations:orgunit_list"))
    roots = {u.name: u.employee_count for u in response.context["units"]}
    assert roots == {"Pemerintah Provinsi Gorontalo": 4, "Pemerintah Kota Gorontalo": 1}


def test_single_root_goes_straight_to_its_page(world, client):
    client.force_login(world.operator_a)
    response = client.get(reverse("organizations:orgunit_list"))
    assert response["Location"] == reverse("organizations:orgunit_detail", args=[world.dinkes.pk])


def test_dashboard_lists_the_units_below_the_single_root(world, client):
    client.force_login(world.admin)
    units = client.get(reverse("core:dashboard")).context["units"]
    assert {u.name: u.employee_count for u in units} == {
        "Dinas Kesehatan": 3,
        "Dinas Pendidikan dan Kebudayaan": 1,
    }


def test_pimpinan_sees_counts_but_no_employee_list(world, client):
    client.force_login(world.pimpinan)
    dashboard = client.get(reverse("core:dashboard"))
    assert dashboard.context["counts"]["aktif"] == 4
    assert b"Siti Nurhaliza" not in dashboard.content
    assert client.get(reverse("people:employee_list")).status_code == 403


def test_unit_table_exports_what_it_shows(world, client):
    import io

    from openpyxl import load_workbook

    client.force_login(world.admin)
    url = reverse("organizations:orgunit_detail", args=[world.dinkes.pk])
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nama"
    assert rows[1][0] == "Puskesmas Limboto"
    assert rows[1][-1] == 3
    text = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "Puskesmas Limboto;Puskesmas;Unit kerja;;ya;3" in text


def test_unit_options_match_by_name_within_the_write_scope(world, client):
    url = reverse("organizations:orgunit_options")
    client.force_login(world.operator_a)
    content = client.get(url, {"q": "limboto"}).content.decode()
    assert f'value="{world.puskesmas.pk}"' in content
    content = client.get(url, {"q": "Pendidikan"}).content.decode()
    assert f'value="{world.dikbud.pk}"' not in content
    client.force_login(world.atasan_user)
    assert f'value="{world.puskesmas.pk}"' not in client.get(url, {"q": "limboto"}).content.decode()


def test_large_scopes_get_a_search_box_instead_of_every_unit(world, client):
    from binakinerja.organizations.services import orgunit_create
    from binakinerja.organizations.widgets import FULL_LIST_LIMIT

    for i in range(FULL_LIST_LIMIT + 5):
        orgunit_create(actor=None, parent=world.dinkes, name=f"Pustu {i:03d}")
    client.force_login(world.operator_a)
    page = client.get(reverse("people:employee_edit", args=[world.asn.pk])).content.decode()
    assert "Pustu 001" not in page
    assert world.puskesmas.name in page  # the current unit stays selected
    assert reverse("organizations:orgunit_options") in page
    # Any unit of the scope is still accepted when posted.
    pustu = world.dinkes.children.get(name="Pustu 007")
    response = client.post(
        reverse("people:employee_edit", args=[world.asn.pk]),
        {"name": world.asn.name, "unit": pustu.pk, "golongan": "III/a", "state": "aktif",
         "version": world.asn.version},
    )  # fmt: skip
    assert response.status_code == 302
    world.asn.refresh_from_db()
    assert world.asn.unit == pustu


def test_operator_adds_a_unit_below_their_opd(world, client):
    from binakinerja.core.models import AuditLog
    from binakinerja.organizations.models import OrgUnit

    client.force_login(world.operator_a)
    response = client.post(
        reverse("organizations:orgunit_create", args=[world.dinkes.pk]),
        {"name": "Puskesmas Telaga", "unit_type": "puskesmas", "is_service_unit": "on",
         "kab_kota": "Kabupaten Gorontalo", "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    unit = OrgUnit.objects.get(name="Puskesmas Telaga")
    assert unit.parent == world.dinkes and unit.kind == "unit" and unit.is_service_unit
    assert unit.path.startswith(world.dinkes.path + ".")
    assert AuditLog.objects.filter(object_type="organizations.orgunit", action="create").exists()


def test_admin_adds_an_opd_below_the_government(world, client):
    from binakinerja.organizations.models import OrgUnit

    client.force_login(world.admin)
    client.post(
        reverse("organizations:orgunit_create", args=[world.prov.pk]),
        {"name": "Badan Kepegawaian Daerah", "unit_type": "badan", "is_active": "on"},
    )
    assert OrgUnit.objects.get(name="Badan Kepegawaian Daerah").kind == "opd"


def test_unit_edit_is_audited_and_refuses_an_empty_name(world, client):
    client.force_login(world.operator_a)
    url = reverse("organizations:orgunit_edit", args=[world.puskesmas.pk])
    response = client.post(url, {"name": "", "unit_type": "puskesmas", "is_active": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    response = client.post(
        url, {"name": "Puskesmas Limboto", "unit_type": "puskesmas", "address": "Jl. Ahmad Yani",
              "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    world.puskesmas.refresh_from_db()
    assert world.puskesmas.address == "Jl. Ahmad Yani"


def test_only_managers_of_the_unit_may_add_or_edit(world, client):
    from binakinerja.organizations.models import OrgUnit

    data = {"name": "Liar", "unit_type": "bidang", "is_active": "on"}
    for persona, expected in [("operator_b", 404), ("pimpinan", 403), ("asn_user", 404)]:
        client.force_login(getattr(world, persona))
        create = reverse("organizations:orgunit_create", args=[world.dinkes.pk])
        assert client.post(create, data).status_code == expected, persona
        edit = reverse("organizations:orgunit_edit", args=[world.dinkes.pk])
        assert client.post(edit, data).status_code == expected, persona
    assert not OrgUnit.objects.filter(name="Liar").exists()
    world.dinkes.refresh_from_db()
    assert world.dinkes.name == "Dinas Kesehatan"
