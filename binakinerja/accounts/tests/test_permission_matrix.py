"""The two-factor pages × every persona, as in core's permission matrix (the role pages of
accounts are rows there). `w` is the persona world with an authenticator app for operator_a
(`build_accounts_world`), so an admin's reset of them succeeds. POST rows send `payload(w)`."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

REASON = "Ponsel hilang; dicek lewat telepon."
# Role managers: the superadmin and the admin BKPSDM of the province.
RESETTERS = {"anonymous": LOGIN, "superadmin": 200, "admin": 200}

MATRIX = [
    ("security page", lambda w: reverse("accounts:two_factor"), "get",
     {"anonymous": LOGIN}, 200, None),
    # operator_a, already enrolled, in a session that did not pass the code (force_login), is
    # sent back to the security page: changing the app needs a verified session.
    ("enrolment page", lambda w: reverse("accounts:two_factor_enrol"), "get",
     {"anonymous": LOGIN, "operator_a": 302}, 200, None),
    # A wrong code shows the form again.
    ("enrolment wrong code", lambda w: reverse("accounts:two_factor_enrol"), "post",
     {"anonymous": LOGIN, "operator_a": 302}, 200, lambda w: {"code": "000000"}),
    # No fresh codes in the session: back to the security page.
    ("recovery codes", lambda w: reverse("accounts:recovery_codes"), "get",
     {"anonymous": LOGIN}, 302, None),
    ("recovery codes download", lambda w: reverse("accounts:recovery_codes_download"), "get",
     {"anonymous": LOGIN}, 302, None),
    ("recovery codes saved", lambda w: reverse("accounts:recovery_codes_done"), "post",
     {"anonymous": LOGIN}, 302, lambda w: {}),
    ("recovery codes regenerate", lambda w: reverse("accounts:recovery_codes_regenerate"),
     "post", {"anonymous": LOGIN}, 302, lambda w: {}),
    # A wrong code (or a role that requires it, or nothing to turn off): back with a message.
    ("two-factor disable", lambda w: reverse("accounts:two_factor_disable"), "post",
     {"anonymous": LOGIN}, 302, lambda w: {"code": "000000"}),
    # The code step without a password step: back to the login form.
    ("login code step", lambda w: reverse("accounts:login_verify"), "get",
     {"anonymous": LOGIN}, 302, None),
    ("two-factor reset form", lambda w: reverse("accounts:two_factor_reset"), "get",
     RESETTERS, 403, None),
    ("two-factor reset", lambda w: reverse("accounts:two_factor_reset"), "post",
     {**RESETTERS, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"account": w.operator_a.username, "reason": REASON}),
    # Another government's user: the form says no such account (200), nothing is reset.
    ("two-factor reset other government", lambda w: reverse("accounts:two_factor_reset"),
     "post", {**RESETTERS, "superadmin": 302}, 403,
     lambda w: {"account": w.kota_user.username, "reason": REASON}),
]  # fmt: skip


def build_accounts_world(w):
    """operator_a and a user of the other government with an authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from binakinerja.accounts.models import Role, RoleAssignment
    from binakinerja.core.testing import make_user

    if not hasattr(w, "kota_user"):
        w.kota_user = make_user("operator_kota_2fa")
        RoleAssignment.objects.create(user=w.kota_user, role=Role.OPERATOR_OPD, scope=w.kota_opd)
        for user in (w.operator_a, w.kota_user):
            TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return w


@pytest.fixture
def w(world):
    return build_accounts_world(world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
