"""Who may give which role over which scope (accounts.rules, accounts.services): every
role-giving persona × every role × every kind of scope, the unscoped-admin escalation, the
database constraint behind the levels, and the read-only Django admin."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.accounts.services import role_assign, role_revoke
from binakinerja.core.models import AuditLog
from binakinerja.core.scoping import reach_of
from binakinerja.core.testing import make_user


@pytest.fixture
def grants_world(world):
    """The persona world plus an admin BKPSDM of the city government (admin.kota in the demo),
    an unscoped (provincial super-) admin, and a login for an employee of the city."""
    w = world
    w.admin_kota = make_user("admin_kota")
    RoleAssignment.objects.create(user=w.admin_kota, role=Role.ADMIN_BKPSDM, scope=w.kota)
    w.admin_all = make_user("admin_all")
    RoleAssignment.objects.create(user=w.admin_all, role=Role.ADMIN_BKPSDM)
    w.kota_user = make_user("fatmah")
    w.kota_employee.user = w.kota_user
    w.kota_employee.save()
    w.dikbud_user = make_user("yusuf")
    w.teacher.user = w.dikbud_user
    w.teacher.save()
    return w


SCOPES = {
    "none": None,
    "province": "prov",  # a government: the provincial one
    "city": "kota",  # a government: the city
    "province OPD": "dinkes",
    "city OPD": "kota_opd",
    "unit below an OPD": "puskesmas",
}

EVERYWHERE = {
    Role.ADMIN_BKPSDM: {"none", "province", "city"},
    Role.OPERATOR_OPD: {"province OPD", "city OPD"},
    Role.PIMPINAN: {"province", "city", "province OPD", "city OPD"},
    Role.MENTOR: {"none"},
    Role.PENYELENGGARA: {"none"},
}
# What each actor may give: the levels that fit the role (EVERYWHERE) within the actor's reach.
# (actor persona, the employee's login the role goes to, {role: allowed scopes})
ACTORS = {
    "superadmin": ("asn_user", EVERYWHERE),
    "admin_all": ("asn_user", EVERYWHERE),
    "admin": (
        "asn_user",
        {
            Role.ADMIN_BKPSDM: {"province"},
            Role.OPERATOR_OPD: {"province OPD"},
            Role.PIMPINAN: {"province", "province OPD"},
            Role.MENTOR: {"none"},
            Role.PENYELENGGARA: {"none"},
        },
    ),
    "admin_kota": (
        "kota_user",
        {
            Role.ADMIN_BKPSDM: {"city"},
            Role.OPERATOR_OPD: {"city OPD"},
            Role.PIMPINAN: {"city", "city OPD"},
            Role.MENTOR: {"none"},
            Role.PENYELENGGARA: {"none"},
        },
    ),
    "operator_a": ("asn_user", {}),
    "pimpinan": ("asn_user", {}),
    "mentor": ("asn_user", {}),
    "penyelenggara": ("asn_user", {}),
    "atasan_user": ("asn_user", {}),
    "asn_user": ("atasan_user", {}),
}
CASES = [
    (actor, role, scope)
    for actor in ACTORS
    for role in Role.values
    for scope in SCOPES
]  # fmt: skip


@pytest.mark.parametrize(("actor", "role", "scope"), CASES)
def test_who_may_give_which_role_over_which_scope(grants_world, actor, role, scope):
    w = grants_world
    holder_name, allowed = ACTORS[actor]
    holder = getattr(w, holder_name)
    unit = getattr(w, SCOPES[scope]) if SCOPES[scope] else None
    expected = scope in allowed.get(role, set())
    try:
        role_assign(actor=getattr(w, actor), user=holder, role=role, scope=unit)
    except ValidationError as error:
        assert not expected, error.messages
        assert not RoleAssignment.objects.filter(user=holder, role=role, scope=unit).exists()
        assert error.messages and all(m.strip() for m in error.messages)
    else:
        assert expected, "given although outside the actor's reach or the role's levels"
        assignment = RoleAssignment.objects.get(user=holder, role=role, scope=unit)
        assert assignment.scope_kind == (unit.kind if unit else "")
        assert AuditLog.objects.filter(
            object_type="accounts.roleassignment", object_id=str(assignment.pk), action="create"
        ).exists()


@pytest.mark.parametrize(("actor", "role", "scope"), CASES)
def test_who_may_remove_which_role_over_which_scope(grants_world, actor, role, scope):
    """Removing follows the same rule as giving: only inside the actor's own reach."""
    w = grants_world
    holder_name, allowed = ACTORS[actor]
    holder = getattr(w, holder_name)
    unit = getattr(w, SCOPES[scope]) if SCOPES[scope] else None
    if scope not in EVERYWHERE[role]:
        return  # such an assignment cannot exist (database constraint, tested below)
    assignment = role_assign(actor=w.superadmin, user=holder, role=role, scope=unit)
    expected = scope in allowed.get(role, set())
    try:
        role_revoke(actor=getattr(w, actor), assignment=assignment)
    except ValidationError:
        assert not expected
        assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    else:
        assert expected
        assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_city_admin_cannot_make_anyone_provincial_super_admin(grants_world, client):
    """The escalation of the issue: a government's admin gave admin_bkpsdm without a scope,
    which reaches every government."""
    w = grants_world
    client.force_login(w.admin_kota)
    response = client.post(
        reverse("accounts:role_list"),
        {"nip": w.kota_employee.nip, "role": Role.ADMIN_BKPSDM, "scope": ""},
    )
    assert response.status_code == 200
    assert "scope" in response.context["form"].errors
    assert "tanpa cakupan" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=w.kota_user).exists()
    fresh = type(w.kota_user).objects.get(pk=w.kota_user.pk)
    assert not reach_of(fresh).manages_everything


def test_city_admin_may_give_an_admin_role_over_the_city(grants_world, client):
    w = grants_world
    client.force_login(w.admin_kota)
    response = client.post(
        reverse("accounts:role_list"),
        {"nip": w.kota_employee.nip, "role": Role.ADMIN_BKPSDM, "scope": w.kota.pk},
    )
    assert response.status_code == 302
    fresh = type(w.kota_user).objects.get(pk=w.kota_user.pk)
    assert reach_of(fresh).admin_paths == [w.kota.path]


def _offered_scopes(client):
    return client.get(reverse("accounts:role_list")).context["form"].fields["scope"].queryset


def test_role_form_offers_only_units_inside_the_admins_reach(grants_world, client):
    w = grants_world
    w.admin_kota.role_assignments.create(role=Role.OPERATOR_OPD, scope=w.dikbud)
    client.force_login(w.admin_kota)
    offered = set(
        client.get(reverse("accounts:role_list")).context["form"].fields["scope"].queryset
    )
    assert offered == {w.kota, w.kota_opd}  # not the OPD they merely operate elsewhere
    client.force_login(w.admin_all)
    offered = set(
        client.get(reverse("accounts:role_list")).context["form"].fields["scope"].queryset
    )
    assert offered == {w.prov, w.kota, w.dinkes, w.dikbud, w.kota_opd}


def test_scoped_admin_neither_lists_nor_removes_the_super_admin_of_their_government(
    grants_world, client
):
    w = grants_world
    super_admin = role_assign(actor=w.superadmin, user=w.kota_user, role=Role.ADMIN_BKPSDM)
    client.force_login(w.admin_kota)
    listed = {a.pk for a in client.get(reverse("accounts:role_list")).context["assignments"]}
    assert super_admin.pk not in listed
    response = client.post(reverse("accounts:role_revoke", args=[super_admin.pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=super_admin.pk).exists()


def test_nobody_removes_their_own_admin_role(grants_world):
    w = grants_world
    own = RoleAssignment.objects.get(user=w.admin_kota)
    with pytest.raises(ValidationError):
        role_revoke(actor=w.admin_kota, assignment=own)
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


# --- the database constraint ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.OPERATOR_OPD, "prov"),  # an operator over a whole government
        (Role.OPERATOR_OPD, "puskesmas"),
        (Role.ADMIN_BKPSDM, "dinkes"),  # an admin over an OPD
        (Role.PIMPINAN, "puskesmas"),
        (Role.MENTOR, "dinkes"),
    ],
)
def test_database_refuses_a_scope_of_the_wrong_level(world, role, scope):
    """Even written straight through the ORM (as the Django admin or a script would)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=world.asn_user, role=role, scope=getattr(world, scope))


def test_database_refuses_a_scope_level_that_is_not_the_scopes(world):
    """The copy cannot be forged either: a bulk write bypassing save() with a wrong level, or
    an update of the level alone, breaks a constraint."""
    operator = RoleAssignment.objects.get(user=world.operator_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.filter(pk=operator.pk).update(scope_kind="instansi")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=world.asn_user, role=Role.OPERATOR_OPD, scope=world.dinkes)]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=world.asn_user, role=Role.MENTOR, scope_kind="opd")]
        )


def test_constraint_message_is_translated(world):
    assignment = RoleAssignment(user=world.asn_user, role=Role.OPERATOR_OPD, scope=world.prov)
    assignment.copy_scope_kind()
    with pytest.raises(ValidationError) as caught:
        assignment.full_clean()
    assert "untuk operator" in " ".join(caught.value.messages)


# --- the Django admin ------------------------------------------------------------------------


def test_django_admin_shows_roles_but_cannot_change_them(world, client):
    client.force_login(world.superadmin)
    operator = RoleAssignment.objects.get(user=world.operator_a)
    change_url = reverse("admin:accounts_roleassignment_change", args=[operator.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    response = client.post(
        change_url, {"user": world.operator_a.pk, "role": Role.ADMIN_BKPSDM, "scope": ""}
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:accounts_roleassignment_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_roleassignment_delete", args=[operator.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    operator.refresh_from_db()
    assert (operator.role, operator.scope) == (Role.OPERATOR_OPD, world.dinkes)


def test_django_admin_user_page_cannot_add_roles_inline(world, client):
    client.force_login(world.superadmin)
    page = client.get(reverse("admin:accounts_user_change", args=[world.asn_user.pk]))
    assert page.status_code == 200
    formset = page.context["inline_admin_formsets"][0]
    assert not formset.has_add_permission
    assert not formset.has_change_permission
    assert not formset.has_delete_permission
