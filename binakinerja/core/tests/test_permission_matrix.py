"""Every view × every persona (STYLE.md): anonymous → login, outsider → 404, read-only → 403 on
writes, owner → OK. Personas come from binakinerja/core/testing.py."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

# (name, url builder, method, {persona: expected status}); missing personas expect `default`.
MATRIX = [
    ("dashboard", lambda w: reverse("core:dashboard"), "get",
     {"anonymous": LOGIN}, 200),
    ("employee list", lambda w: reverse("people:employee_list"), "get",
     {"anonymous": LOGIN, "pimpinan": 403, "mentor": 403, "penyelenggara": 403}, 200),
    ("employee list export", lambda w: reverse("people:employee_list") + "?export=csv", "get",
     {"anonymous": LOGIN, "pimpinan": 403, "mentor": 403, "penyelenggara": 403}, 200),
    ("own-OPD employee detail", lambda w: reverse("people:employee_detail", args=[w.asn.pk]),
     "get", {"anonymous": LOGIN, "operator_b": 404, "pimpinan": 404, "mentor": 404,
             "penyelenggara": 404}, 200),
    ("other government's employee", lambda w: reverse("people:employee_detail",
                                                      args=[w.kota_employee.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200}, 404),
    ("teacher in another OPD", lambda w: reverse("people:employee_detail", args=[w.teacher.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_b": 200}, 404),
    ("employee edit form", lambda w: reverse("people:employee_edit", args=[w.asn.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "atasan_user": 403, "asn_user": 403}, 404),
    ("employee edit post", lambda w: reverse("people:employee_edit", args=[w.asn.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
      "atasan_user": 403, "asn_user": 403}, 404),
    ("employee create form", lambda w: reverse("people:employee_create"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403),
    ("position options", lambda w: reverse("people:position_options") + f"?unit={w.puskesmas.pk}",
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 200}, 403),
    ("employee autocomplete", lambda w: reverse("people:employee_autocomplete") + "?q=siti",
     "get", {"anonymous": LOGIN}, 200),
    ("import upload", lambda w: reverse("people:import_upload"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403),
    ("unit options", lambda w: reverse("organizations:orgunit_options") + "?q=limboto", "get",
     {"anonymous": LOGIN}, 200),
    ("unit positions", lambda w: reverse("people:position_list", args=[w.puskesmas.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "pimpinan": 200}, 404),
    ("add position", lambda w: reverse("people:position_list", args=[w.puskesmas.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "pimpinan": 403}, 404),
    ("add unit form", lambda w: reverse("organizations:orgunit_create", args=[w.dinkes.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 403}, 404),
    ("edit unit form", lambda w: reverse("organizations:orgunit_edit", args=[w.dinkes.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 403}, 404),
    ("assessment periods", lambda w: reverse("performance:period_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200}, 403),
    ("my SKP", lambda w: reverse("performance:skp_home"), "get",
     {"anonymous": LOGIN, "atasan_user": 200, "asn_user": 200}, 403),
    ("SKP progress overview", lambda w: reverse("performance:opd_overview"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200, "pimpinan": 200}, 403),
    ("OPD SKP progress", lambda w: reverse("performance:opd_progress", args=[w.dinkes.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 200}, 404),
    ("OPD distribution", lambda w: reverse("performance:distribution", args=[w.dinkes.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 200}, 404),
    ("OPD cascade", lambda w: reverse("performance:cascade", args=[w.dinkes.pk, 2026]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "pimpinan": 200}, 404),
    ("SKP target import", lambda w: reverse("performance:target_import"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403),
    ("follow-up list", lambda w: reverse("performance:follow_up_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200, "atasan_user": 200}, 403),
    ("role list", lambda w: reverse("accounts:role_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200}, 403),
    # One root in scope (a government or an OPD) redirects straight to it.
    ("organisation list", lambda w: reverse("organizations:orgunit_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 302, "operator_a": 302,
      "operator_b": 302, "pimpinan": 302}, 403),
    ("own OPD page", lambda w: reverse("organizations:orgunit_detail", args=[w.dinkes.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 404, "pimpinan": 200}, 403),
    ("other government's OPD", lambda w: reverse("organizations:orgunit_detail",
                                                 args=[w.kota_opd.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 404, "operator_a": 404,
             "operator_b": 404, "pimpinan": 404}, 403),
]  # fmt: skip


def edit_payload(world):
    employee = world.asn
    employee.refresh_from_db()
    return {
        "name": employee.name,
        "gelar_depan": "",
        "gelar_belakang": "S.Kep.",
        "unit": employee.unit_id,
        "position": employee.position_id or "",
        "golongan": employee.golongan,
        "state": employee.state,
        "education_level": "",
        "version": employee.version,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("label", "url", "method", "expected", "default"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(world, client, persona, label, url, method, expected, default):
    assert_permission(
        client, world, persona=persona, label=label, url=url, method=method,
        want=expected.get(persona, default), payload=edit_payload,
    )  # fmt: skip


def test_post_by_outsider_changes_nothing(world, client):
    client.force_login(world.operator_b)
    before = world.asn.gelar_belakang
    response = client.post(
        reverse("people:employee_edit", args=[world.asn.pk]), edit_payload(world)
    )
    assert response.status_code == 404
    world.asn.refresh_from_db()
    assert world.asn.gelar_belakang == before


@pytest.mark.parametrize(
    ("persona", "visible", "hidden"),
    [
        ("operator_a", {"asn", "atasan", "asn_peer"}, {"teacher", "kota_employee"}),
        ("operator_b", {"teacher"}, {"asn", "atasan", "kota_employee"}),
        ("admin", {"asn", "teacher"}, {"kota_employee"}),
        ("atasan_user", {"atasan", "asn", "asn_peer"}, {"teacher", "kota_employee"}),
        ("asn_user", {"asn"}, {"atasan", "asn_peer", "teacher"}),
    ],
)
def test_list_shows_exactly_the_scope(world, client, persona, visible, hidden):
    client.force_login(getattr(world, persona))
    content = client.get(reverse("people:employee_list")).content.decode()
    for name in visible:
        assert getattr(world, name).nip_grouped in content, name
    for name in hidden:
        assert getattr(world, name).nip_grouped not in content, name


def test_autocomplete_is_scoped(world, client):
    client.force_login(world.operator_b)
    content = client.get(reverse("people:employee_autocomplete") + "?q=Siti").content.decode()
    assert "Siti" not in content
    client.force_login(world.operator_a)
    content = client.get(reverse("people:employee_autocomplete") + "?q=Siti").content.decode()
    assert "Siti" in content
