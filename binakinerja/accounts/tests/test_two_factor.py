"""Two-factor login (accounts/two_factor.py): enforcement for the roles named by
TWO_FACTOR_REQUIRED_ROLES, the code step of a login, recovery codes, enrolment, the admin's reset
and the audit trail (never a code or a secret)."""

import json
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from binakinerja.accounts import two_factor
from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.accounts.rules import check_two_factor_reset, code_kind, two_factor_required
from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.scoping import UserReach
from binakinerja.core.testing import PASSWORD, make_user

REQUIRED = ["admin_bkpsdm", "operator_opd", "superuser"]
RECOVERY = ["abcd2345", "efgh6789"]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One persona world for the module, rolled back at its end; each test in a savepoint."""
    from django.test import override_settings

    from binakinerja.core.testing import build_world

    # The suite's fast hasher (conftest.py) is a per-test setting: set it for the module too.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), fast:
        w = build_world()
        w.kota_operator = make_user("operator_kota")
        RoleAssignment.objects.create(
            user=w.kota_operator, role=Role.OPERATOR_OPD, scope=w.kota_opd
        )
        yield w
        transaction.set_rollback(True)


@pytest.fixture
def w(built, db):
    return built


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = REQUIRED


def enrol(user) -> TOTPDevice:
    """An authenticator app and two recovery codes, straight into the database."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    for code in RECOVERY:
        StaticToken.objects.create(device=static, token=code)
    return device


def code_of(device: TOTPDevice, *, step: int = 0) -> str:
    """The app's code now (`step`=1: the next 30 seconds', accepted within the tolerance)."""
    return f"{totp(device.bin_key, drift=step):06d}"


def password_step(client, user):
    return client.post(
        reverse("accounts:login"), {"username": user.get_username(), "password": PASSWORD}
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def audit_actions(user) -> list[str]:
    return list(
        AuditLog.objects.filter(object_type="accounts.user", object_id=str(user.pk))
        .filter(action__startswith="2fa_")
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- rules -------------------------------------------------------------------------------------


def test_required_roles_match_role_codes_and_superuser():
    assert two_factor_required(role_codes=["operator_opd"], is_superuser=False, required=REQUIRED)
    assert two_factor_required(role_codes=[], is_superuser=True, required=["superuser"])
    assert not two_factor_required(
        role_codes=["asn", "atasan", "pimpinan"], is_superuser=False, required=REQUIRED
    )
    assert not two_factor_required(role_codes=["admin_bkpsdm"], is_superuser=False, required=[])


def test_every_role_code_can_be_named_in_the_setting(settings):
    everyone = UserReach(
        is_superuser=True, admin_paths=["a"], operator_paths=["b"], pimpinan_paths=["c"],
        is_mentor=True, is_penyelenggara=True, employee_id=1, has_subordinates=True,
    )  # fmt: skip
    assert set(everyone.role_codes) | {"superuser"} == settings.TWO_FACTOR_ROLE_CODES


def test_setting_defaults_to_admins_operators_superusers_and_refuses_unknown_roles(tmp_path):
    from binakinerja.core.tests.test_settings import _python

    show = ("-c", "import binakinerja.settings as s; print(','.join(s.TWO_FACTOR_REQUIRED_ROLES))")
    default = _python(*show, env={"DEBUG": "true"}, tmp_path=tmp_path)
    assert default.stdout.strip() == "admin_bkpsdm,operator_opd,superuser", default.stderr
    typo = {"DEBUG": "true", "TWO_FACTOR_REQUIRED_ROLES": "admin_bkpsdm,operator"}
    refused = _python(*show, env=typo, tmp_path=tmp_path)
    assert refused.returncode != 0
    assert "TWO_FACTOR_REQUIRED_ROLES: unknown role(s) operator" in refused.stderr


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("123 456", ("totp", "123456")), ("ABCD-2345", ("recovery", "abcd2345")),
     ("12345", None), ("abc", None), ("١٢٣٤٥٦", None)],
)  # fmt: skip
def test_code_kind_reads_app_codes_and_recovery_codes(typed, kind):
    assert code_kind(typed) == kind


def _reset_check(reach, *, target_roles=(), unit=None, superuser=False, target_id=2):
    check_two_factor_reset(
        reach=reach, actor_id=1, target_id=target_id, target_is_superuser=superuser,
        target_roles=list(target_roles), target_unit_path=unit,
    )  # fmt: skip


def test_reset_rule_keeps_to_the_admins_government():
    admin = UserReach(admin_paths=["00001."])
    _reset_check(admin, unit="00001.00002.")
    _reset_check(admin, target_roles=[("operator_opd", "00001.00003.")])
    _reset_check(admin, target_roles=[("mentor", None)], unit="00001.00002.")
    refused = [
        {"unit": "00009.00002."},  # another government's ASN
        {"target_roles": [("operator_opd", "00009.00003.")], "unit": "00001.00002."},
        {"target_roles": [("admin_bkpsdm", None)], "unit": "00001.00002."},  # provincial admin
        {"superuser": True},
        {"target_id": 1},  # oneself
    ]
    for case in refused:
        with pytest.raises(ValidationError):
            _reset_check(admin, **case)
    with pytest.raises(ValidationError):
        _reset_check(UserReach(operator_paths=["00001."]), unit="00001.00002.")
    _reset_check(UserReach(all_units_admin=True), unit="00009.")
    with pytest.raises(ValidationError):
        _reset_check(UserReach(all_units_admin=True), superuser=True)
    _reset_check(UserReach(is_superuser=True), superuser=True)


# --- enforcement -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "forced"),
    [("admin", True), ("operator_a", True), ("superadmin", True), ("asn_user", False),
     ("pimpinan", False), ("atasan_user", False)],
)  # fmt: skip
def test_roles_named_must_enrol_before_any_page(client, w, required, persona, forced):
    client.force_login(getattr(w, persona))
    response = client.get(reverse("core:dashboard"))
    if forced:
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:two_factor_enrol")
        # The enrolment page itself, the security page and logging out stay open.
        assert client.get(reverse("accounts:two_factor_enrol")).status_code == 200
        assert client.get(reverse("accounts:two_factor")).status_code == 200
    else:
        assert response.status_code == 200


def test_nobody_is_forced_when_the_setting_is_empty(client, w, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    client.force_login(w.admin)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_enrolled_admin_whose_session_skipped_the_code_is_logged_out(client, w, required):
    enrol(w.admin)
    client.force_login(w.admin)  # a session opened before the app was set up
    response = client.get(reverse("people:employee_list"))
    assert response["Location"] == reverse("accounts:login")
    assert not logged_in(client)


def test_django_admin_login_goes_through_the_two_factor_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/admin/"


# --- login with a code -------------------------------------------------------------------------


def test_correct_code_logs_in_after_the_password_and_rotates_the_session(client, w, required):
    device = enrol(w.operator_a)
    first = password_step(client, w.operator_a)
    assert first["Location"] == reverse("accounts:login_verify")
    assert not logged_in(client)
    pending_key = client.session.session_key

    wrong = client.post(reverse("accounts:login_verify"), {"code": "000000"})
    assert wrong.status_code == 200
    assert not logged_in(client)
    assert "Kode ini salah" in wrong.content.decode()

    device.refresh_from_db()
    device.throttle_reset()  # the wrong code's one-second wait is not this test's subject
    done = client.post(reverse("accounts:login_verify"), {"code": code_of(device)})
    assert done["Location"] == reverse("core:dashboard")
    assert logged_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != pending_key
    assert client.get(reverse("people:employee_list")).status_code == 200  # verified
    assert audit_actions(w.operator_a) == [two_factor.FAILED, two_factor.VERIFIED]
    assert AuditLog.objects.filter(action="login", actor=w.operator_a).count() == 1


def test_user_without_an_app_logs_in_with_the_password_alone(client, w):
    assert password_step(client, w.asn_user)["Location"] == reverse("core:dashboard")
    assert logged_in(client)


def test_wrong_codes_are_throttled_with_a_clear_message(client, w):
    device = enrol(w.operator_a)
    device.throttling_failure_count = 5  # five wrong codes just now: the next waits 16 s
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    password_step(client, w.operator_a)
    response = client.post(reverse("accounts:login_verify"), {"code": code_of(device)})
    assert response.status_code == 200
    assert not logged_in(client)
    assert "Terlalu banyak kode salah" in response.content.decode()
    throttled = AuditLog.objects.filter(action=two_factor.FAILED, actor=w.operator_a).get()
    assert throttled.changes["throttled"] == [None, True]


def test_recovery_code_works_once_and_leads_to_enrolling_again(client, w, required):
    enrol(w.admin)
    password_step(client, w.admin)
    response = client.post(reverse("accounts:login_verify"), {"code": "ABCD-2345"})
    assert response["Location"] == reverse("accounts:two_factor")
    assert logged_in(client)
    assert client.get(reverse("accounts:two_factor_enrol")).status_code == 200  # may re-enrol
    assert audit_actions(w.admin) == [two_factor.RECOVERY_USED]

    client.post(reverse("accounts:logout"))
    StaticDevice.objects.filter(user=w.admin).update(throttling_failure_count=0)
    password_step(client, w.admin)
    again = client.post(reverse("accounts:login_verify"), {"code": "abcd2345"})
    assert again.status_code == 200
    assert not logged_in(client)
    assert list(
        StaticToken.objects.filter(device__user=w.admin).values_list("token", flat=True)
    ) == [RECOVERY[1]]


def test_code_step_without_a_password_step_sends_to_login(client, db):
    response = client.post(reverse("accounts:login_verify"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:login")


# --- enrolment and recovery codes --------------------------------------------------------------


def test_enrolment_confirms_the_app_and_shows_recovery_codes_once(client, w, required):
    client.force_login(w.operator_a)
    page = client.get(reverse("accounts:two_factor_enrol"))
    assert "<svg" in page.content.decode() and page.context["secret"]
    key = client.session["bk_2fa_enrol_key"]
    app = SimpleNamespace(bin_key=bytes.fromhex(key))

    wrong = client.post(reverse("accounts:two_factor_enrol"), {"code": "123"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(user=w.operator_a).exists()
    done = client.post(reverse("accounts:two_factor_enrol"), {"code": code_of(app)})
    assert done["Location"] == reverse("accounts:recovery_codes")
    assert TOTPDevice.objects.get(user=w.operator_a).key == key
    assert client.get(reverse("core:dashboard")).status_code == 200  # this session is verified

    codes = client.get(reverse("accounts:recovery_codes")).context["codes"]
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT == 10
    download = client.get(reverse("accounts:recovery_codes_download"))
    assert download["Content-Disposition"].startswith("attachment")
    assert all(code in download.content.decode() for code in codes)
    client.post(reverse("accounts:recovery_codes_done"))
    assert client.get(reverse("accounts:recovery_codes"))["Location"] == reverse(
        "accounts:two_factor"
    )

    assert audit_actions(w.operator_a) == [two_factor.ENROLLED]
    everything = json.dumps(list(AuditLog.objects.values()), default=str)
    assert key not in everything and page.context["secret"] not in everything
    assert not any(code.replace("-", "") in everything for code in codes)


def test_new_recovery_codes_replace_the_old_ones(client, w):
    enrol(w.asn_user)
    password_step(client, w.asn_user)
    client.post(reverse("accounts:login_verify"), {"code": RECOVERY[0]})
    response = client.post(reverse("accounts:recovery_codes_regenerate"))
    assert response["Location"] == reverse("accounts:recovery_codes")
    tokens = set(
        StaticToken.objects.filter(device__user=w.asn_user).values_list("token", flat=True)
    )
    assert len(tokens) == 10 and not tokens & set(RECOVERY)
    assert audit_actions(w.asn_user) == [two_factor.RECOVERY_USED, two_factor.RECOVERY_REGENERATED]


def test_changing_the_app_needs_a_session_that_passed_the_code(client, w):
    enrol(w.asn_user)
    client.force_login(w.asn_user)  # not verified
    assert client.get(reverse("accounts:two_factor_enrol"))["Location"] == reverse(
        "accounts:two_factor"
    )
    client.post(reverse("accounts:recovery_codes_regenerate"))
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(RECOVERY)


def test_a_user_who_chose_two_factor_turns_it_off_with_a_current_code(client, w, required):
    device = enrol(w.asn_user)
    password_step(client, w.asn_user)
    client.post(reverse("accounts:login_verify"), {"code": code_of(device)})
    url = reverse("accounts:two_factor_disable")
    client.post(url, {"code": "000000"})  # wrong: stays on
    assert two_factor.is_enrolled(w.asn_user)
    client.post(url, {"code": code_of(device, step=1)})
    assert not two_factor.is_enrolled(w.asn_user)
    assert not StaticToken.objects.filter(device__user=w.asn_user).exists()
    assert audit_actions(w.asn_user)[-2:] == [two_factor.VERIFIED, two_factor.DISABLED]


def test_a_role_that_requires_two_factor_cannot_turn_it_off(w, required):
    device = enrol(w.operator_a)
    with pytest.raises(ValidationError) as refused:
        two_factor.two_factor_disable(user=w.operator_a, code=code_of(device))
    assert refused.value.code == "required"
    assert two_factor.is_enrolled(w.operator_a)


# --- the admin's reset -------------------------------------------------------------------------


def test_admin_resets_a_user_of_their_government_and_the_user_is_told(
    client, w, django_capture_on_commit_callbacks
):
    enrol(w.operator_a)
    client.force_login(w.admin)
    url = reverse("accounts:two_factor_reset")
    short = client.post(url, {"account": "operator_dinkes", "reason": "hilang"})
    assert short.status_code == 200 and TOTPDevice.objects.filter(user=w.operator_a).exists()

    reason = "Ponsel hilang; dicek lewat telepon ke kepala dinas."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"account": "operator_dinkes", "reason": reason})
    assert response["Location"] == url
    assert not TOTPDevice.objects.filter(user=w.operator_a).exists()
    assert not StaticDevice.objects.filter(user=w.operator_a).exists()
    entry = AuditLog.objects.get(action=two_factor.RESET)
    assert (entry.actor, entry.object_id, entry.reason) == (w.admin, str(w.operator_a.pk), reason)
    assert Notification.objects.filter(recipient=w.operator_a).count() == 1


def test_admin_cannot_reset_a_user_of_another_government(client, w):
    enrol(w.kota_operator)
    client.force_login(w.admin)
    response = client.post(
        reverse("accounts:two_factor_reset"),
        {"account": "operator_kota", "reason": "Ponsel hilang, sudah dicek."},
    )
    assert response.status_code == 200
    assert "Tidak ada akun" in response.content.decode()
    assert TOTPDevice.objects.filter(user=w.kota_operator).exists()


def test_superadmin_resets_anyone(w):
    enrol(w.kota_operator)
    two_factor.two_factor_reset(
        actor=w.superadmin, user=w.kota_operator, reason="Ponsel dan kode hilang, dicek."
    )
    assert not two_factor.is_enrolled(w.kota_operator)
