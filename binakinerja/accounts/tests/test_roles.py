from django.urls import reverse

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of
from binakinerja.core.testing import make_user
from binakinerja.people.models import Employee


def test_admin_makes_an_employee_operator_of_an_opd(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("accounts:role_list"),
        {"nip": world.asn.nip_grouped, "role": Role.OPERATOR_OPD, "scope": world.dinkes.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=world.asn_user, role=Role.OPERATOR_OPD)
    assert assignment.scope == world.dinkes
    assert AuditLog.objects.filter(object_type="accounts.roleassignment", action="create").exists()
    fresh = type(world.asn_user).objects.get(pk=world.asn_user.pk)
    assert Employee.objects.visible_to(fresh).filter(pk=world.teacher.pk).exists() is False
    assert Employee.objects.editable_by(fresh).filter(pk=world.atasan.pk).exists()


def test_operator_role_over_a_government_is_refused(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("accounts:role_list"),
        {"nip": world.asn.nip, "role": Role.OPERATOR_OPD, "scope": world.prov.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not RoleAssignment.objects.filter(user=world.asn_user).exists()


def test_scope_outside_the_admins_government_is_not_offered(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("accounts:role_list"),
        {"nip": world.asn.nip, "role": Role.OPERATOR_OPD, "scope": world.kota_opd.pk},
    )
    assert response.status_code == 200
    assert "scope" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(user=world.asn_user).exists()


def test_employee_of_another_government_cannot_be_given_a_role(world, client):
    world.kota_employee.user = make_user("fatmah")
    world.kota_employee.save()
    client.force_login(world.admin)
    response = client.post(
        reverse("accounts:role_list"),
        {"nip": world.kota_employee.nip, "role": Role.MENTOR},
    )
    assert response.status_code == 200
    assert "nip" in response.context["form"].errors


def test_list_holds_only_the_admins_government(world, client):
    other = make_user("operator_kota")
    RoleAssignment.objects.create(user=other, role=Role.OPERATOR_OPD, scope=world.kota_opd)
    client.force_login(world.admin)
    assignments = list(client.get(reverse("accounts:role_list")).context["assignments"])
    assert {a.user.username for a in assignments} >= {"operator_dinkes", "operator_dikbud"}
    assert "operator_kota" not in {a.user.username for a in assignments}
    foreign = RoleAssignment.objects.get(user=other)
    response = client.post(reverse("accounts:role_revoke", args=[foreign.pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=foreign.pk).exists()


def test_revoke_removes_the_reach_and_is_audited(world, client):
    assignment = RoleAssignment.objects.get(user=world.operator_b)
    client.force_login(world.admin)
    response = client.post(reverse("accounts:role_revoke", args=[assignment.pk]))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    entry = AuditLog.objects.get(object_type="accounts.roleassignment", action="delete")
    assert entry.changes["role"] == ["operator_opd", None]
    fresh = type(world.operator_b).objects.get(pk=world.operator_b.pk)
    assert not reach_of(fresh).can_manage_registry


def test_non_admins_cannot_manage_roles(world, client):
    assignment = RoleAssignment.objects.get(user=world.operator_b)
    for persona in ("operator_a", "pimpinan", "atasan_user", "asn_user", "mentor"):
        client.force_login(getattr(world, persona))
        assert client.get(reverse("accounts:role_list")).status_code == 403
        assert client.post(reverse("accounts:role_revoke", args=[assignment.pk])).status_code == 403
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_role_list_exports_the_admins_roles_and_audits_it(world, client):
    client.force_login(world.admin)
    response = client.get(reverse("accounts:role_list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "operator_dinkes" in text
    assert "operator_kota" not in text
    assert AuditLog.objects.filter(action="export", actor=world.admin).exists()
