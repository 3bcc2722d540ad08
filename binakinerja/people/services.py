"""Writes to the ASN registry. Views, the import, commands and the admin all call these."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.people.models import CareerHistory, Employee, Position
from binakinerja.people.rules import career_changes, nip_facts
from binakinerja.people.selectors import employee_is_below

EDITABLE_FIELDS = [
    "name", "gelar_depan", "gelar_belakang", "golongan", "tmt_golongan", "position",
    "tmt_jabatan", "unit", "supervisor", "state", "education_level", "education_major",
    "email", "phone", "birth_place",
]  # fmt: skip
AUDITED_FIELDS = ["nip", "status", "gender", "birth_date", "tmt_cpns", *EDITABLE_FIELDS]


def check_supervisor(*, employee: Employee, supervisor: Employee | None) -> None:
    """Refuse a supervisor who is the employee themself or one of their subordinates."""
    if supervisor is None or employee.pk is None:
        return
    if supervisor.pk == employee.pk:
        raise ValidationError({"supervisor": _("An employee cannot supervise themself.")})
    if employee_is_below(ancestor_id=employee.pk, candidate_id=supervisor.pk):
        raise ValidationError(
            {"supervisor": _("This supervisor is a subordinate of the employee: no cycles.")}
        )


def _record_career_changes(employee: Employee, before: dict, after: dict) -> None:
    rows = [
        CareerHistory(
            employee=employee, kind=kind, old_value=old, new_value=new, effective_date=effective
        )
        for kind, old, new, effective in career_changes(
            before, after, tmt_jabatan=employee.tmt_jabatan, tmt_golongan=employee.tmt_golongan
        )
    ]
    CareerHistory.objects.bulk_create(rows)


@transaction.atomic
def employee_create(*, actor, nip, unit, name: str, **fields) -> Employee:
    """Register an ASN. Status, gender, birth date and TMT come from the NIP. No career history
    is written: it records later changes (see `career_changes`)."""
    facts = nip_facts(nip)
    employee = Employee(unit=unit, name=name, **facts, **fields)
    employee.full_clean()
    employee.save()
    after = snapshot(employee, AUDITED_FIELDS)
    audit_record(actor=actor, action="create", instance=employee, changes=creation_changes(after))
    return employee


@transaction.atomic
def employee_update(*, actor, employee: Employee, version: int | None = None, **fields):
    """Change an employee's record. With `version` (what the editor loaded), a save that
    another person's save has overtaken is refused instead of overwriting it."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = Employee.objects.select_for_update().get(pk=employee.pk)
    if version is not None:
        check_version(current.version, version)  # StaleVersionError: someone saved first
    before = snapshot(current, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(current, name, value)
    if "supervisor" in fields:
        check_supervisor(employee=current, supervisor=fields["supervisor"])
    current.full_clean()
    after = snapshot(current, AUDITED_FIELDS)
    changes = diff(before, after)
    if not changes:
        return current
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    _record_career_changes(current, before, after)
    audit_record(actor=actor, action="update", instance=current, changes=changes)
    return current


@transaction.atomic
def employee_link_user(*, actor, employee: Employee, user) -> Employee:
    """Give an employee their login account."""
    before = snapshot(employee, ["user"])
    employee.user = user
    employee.save(update_fields=["user", "updated_at"])
    audit_record(
        actor=actor,
        action="update",
        instance=employee,
        changes=diff(before, snapshot(employee, ["user"])),
    )
    return employee


@dataclass
class SetupLinkDelivery:
    """The password set-up e-mail of a login account. It is sent after the commit (never for an
    account that was rolled back), so `sent` stays None until then; afterwards True, or False
    when the mail server refused it: the account exists all the same and the link can be sent
    again (`employee_account_link_resend`)."""

    user: object
    email: str
    sent: bool | None = None


def _send_setup_link_after_commit(delivery: SetupLinkDelivery, base_url: str) -> None:
    from binakinerja.accounts.services import password_setup_email_try

    def send():
        delivery.sent = password_setup_email_try(user=delivery.user, base_url=base_url)

    transaction.on_commit(send)


@transaction.atomic
def employee_account_create(
    *, actor, employee: Employee, email: str, base_url: str
) -> SetupLinkDelivery:
    """Give an employee a login (username = NIP) and e-mail them a link to choose a password.
    Accounts are made when someone first needs to log in, not for every ASN up front."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if employee.user_id is not None:
        raise ValidationError(_("This employee already has a login account."), code="has_user")
    if User.objects.filter(username=employee.nip).exists():
        raise ValidationError(_("A login account with this NIP already exists."), code="taken")
    user = User(username=employee.nip, email=email, first_name=employee.name[:150])
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(
        actor=actor, action="create", instance=user, changes={"username": [None, user.username]}
    )
    employee_link_user(actor=actor, employee=employee, user=user)
    if email and employee.email != email:
        employee_update(actor=actor, employee=employee, email=email)
    delivery = SetupLinkDelivery(user=user, email=email)
    _send_setup_link_after_commit(delivery, base_url)
    return delivery


@transaction.atomic
def employee_account_link_resend(*, actor, employee: Employee, base_url: str) -> SetupLinkDelivery:
    """Send the password set-up link of an employee's login again, e.g. after the mail server
    failed the first time. Only for accounts whose holder has not chosen a password yet (who
    has one uses "forgot password" on the login page). Audited."""
    employee = Employee.objects.select_related("user").get(pk=employee.pk)
    user = employee.user
    if user is None:
        raise ValidationError(_("This employee has no login account yet."), code="no_user")
    if user.has_usable_password():
        raise ValidationError(
            _(
                "This login already has a password; its holder can use “Forgot your password?” on "
                "the login page."
            ),
            code="has_password",
        )
    if not user.email:
        raise ValidationError(_("This login account has no e-mail address."), code="no_email")
    audit_record(
        actor=actor,
        action="update",
        instance=user,
        changes={"setup_link_sent_to": [None, user.email]},
        reason="tautan pengaturan kata sandi dikirim ulang",
    )
    delivery = SetupLinkDelivery(user=user, email=user.email)
    _send_setup_link_after_commit(delivery, base_url)
    return delivery


POSITION_FIELDS = ["name", "kind", "level", "unit"]


@transaction.atomic
def position_create(*, actor, unit, name: str, kind: str, level: str = "") -> Position:
    """Add a jabatan to a unit (the import adds them too); the level is only for fungsional."""
    position = Position(unit=unit, name=name.strip(), kind=kind, level=level or "")
    position.full_clean()
    position.save()
    audit_record(
        actor=actor,
        action="create",
        instance=position,
        changes=creation_changes(snapshot(position, POSITION_FIELDS)),
    )
    return position
