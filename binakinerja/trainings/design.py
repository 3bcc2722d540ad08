"""The co-design of training programs (issue 13, items 1–2): institutions and their
facilitators, and a program's workflow — the institution drafts (fields, target competencies,
modules), submits (a `ProgramRevision` snapshot, version + 1), BKPSDM comments per module or on
the program, returns for revision or approves. Every version and comment is kept.

Who may do what (the views fetch through `selectors` first, so outsiders already got 404):
- institutions and their records: managers of trainings (admins BKPSDM, `can_manage_trainings`);
- facilitators: the institution's staff and managers;
- a program's content and its submission: its institution's staff and managers (BKPSDM may
  enter a program on an institution's behalf), only while draft or returned;
- review (comments, return, approve): managers only, only while submitted.

Every edit of a program's content checks and bumps `Program.edit_version` under a row lock, so
two people editing the same program (or the same module) never overwrite each other silently.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import notify, settle
from binakinerja.trainings import rules
from binakinerja.trainings.models import (
    Facilitator,
    Institution,
    Module,
    Program,
    ProgramCompetency,
    ProgramRevision,
    ReviewComment,
)
from binakinerja.trainings.selectors import can_manage_trainings, institutions_of

EDITABLE_STATUSES = (Program.Status.DRAFT, Program.Status.RETURNED)
INSTITUTION_FIELDS = (
    "name", "kind", "accreditation", "accreditation_until", "address", "head_name", "head_nip",
    "is_active",
)  # fmt: skip
FACILITATOR_FIELDS = ("name", "nip", "expertise")
PROGRAM_FIELDS = rules.PROGRAM_SNAPSHOT_FIELDS
MODULE_FIELDS = rules.MODULE_SNAPSHOT_FIELDS

# Notifications (core.notifications): msgids; they tell what happened.
PROGRAM_SUBMITTED = gettext_noop(
    "%(institution)s submitted the training program %(title)s (version %(version)s) for review."
)
PROGRAM_RETURNED = gettext_noop("BKPSDM returned the training program %(title)s for revision.")
PROGRAM_APPROVED = gettext_noop("BKPSDM approved the training program %(title)s.")


# --- who ----------------------------------------------------------------------------------------


def works_for(user, institution: Institution) -> bool:
    return institution.name in institutions_of(user)


def can_edit_program(user, program: Program) -> bool:
    """Whoever may change a program's content (status aside)."""
    return can_manage_trainings(user) or works_for(user, program.institution)


def can_edit_facilitators(user, institution: Institution) -> bool:
    return can_manage_trainings(user) or works_for(user, institution)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def program_staff_users(program: Program):
    """The active users who work for the program's institution (RoleAssignment)."""
    from binakinerja.accounts.models import Role, User

    return User.objects.filter(
        is_active=True,
        role_assignments__role=Role.PENYELENGGARA,
        role_assignments__institution=program.institution.name,
    ).distinct()


def training_manager_users():
    """The active admins BKPSDM (who review programs)."""
    from binakinerja.accounts.models import Role, User

    return User.objects.filter(is_active=True, role_assignments__role=Role.ADMIN_BKPSDM).distinct()


def program_link(program: Program, anchor: str = "") -> str:
    return reverse("trainings:program_detail", args=[program.pk]) + anchor


# --- institutions and facilitators --------------------------------------------------------------


def _clean_nip(instance, field: str) -> None:
    """An optional NIP, normalised as the registry does (18 digits; spaces and dots dropped)."""
    from binakinerja.people.rules import normalize_nip

    value = getattr(instance, field)
    if value:
        try:
            setattr(instance, field, normalize_nip(value))
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from None


@transaction.atomic
def institution_save(*, actor, data: dict, institution: Institution | None = None) -> Institution:
    """Create or change an institution (managers only)."""
    _require(can_manage_trainings(actor))
    creating = institution is None
    institution = institution or Institution()
    before = {} if creating else snapshot(institution, INSTITUTION_FIELDS)
    for name in INSTITUTION_FIELDS:
        if name in data:
            value = data[name]
            setattr(institution, name, value.strip() if isinstance(value, str) else value)
    _clean_nip(institution, "head_nip")
    institution.full_clean()
    institution.save()
    after = snapshot(institution, INSTITUTION_FIELDS)
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE if creating else AuditLog.Action.UPDATE,
        instance=institution, changes=creation_changes(after) if creating else diff(before, after),
    )  # fmt: skip
    return institution


@transaction.atomic
def facilitator_save(
    *, actor, institution: Institution, data: dict, facilitator: Facilitator | None = None
) -> Facilitator:
    """Add or change a facilitator of an institution (its staff and managers)."""
    _require(can_edit_facilitators(actor, institution))
    creating = facilitator is None
    facilitator = facilitator or Facilitator(institution=institution)
    if facilitator.institution_id != institution.pk:
        raise PermissionDenied
    before = {} if creating else snapshot(facilitator, FACILITATOR_FIELDS)
    for name in FACILITATOR_FIELDS:
        if name in data:
            setattr(facilitator, name, (data[name] or "").strip())
    _clean_nip(facilitator, "nip")
    facilitator.full_clean()
    facilitator.save()
    after = snapshot(facilitator, FACILITATOR_FIELDS)
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE if creating else AuditLog.Action.UPDATE,
        instance=facilitator, changes=creation_changes(after) if creating else diff(before, after),
    )  # fmt: skip
    return facilitator


# --- a program's content ------------------------------------------------------------------------


def _clean_program(program: Program) -> None:
    """The program's own rules, in Indonesian-first messages, before `full_clean`."""
    errors: dict[str, list] = {}
    program.title = (program.title or "").strip()
    if not program.title:
        errors.setdefault("title", []).append(_("The program needs a title."))
    try:
        form = rules.form_of(program.form_code or "")
        program.form_code = form.code
    except ValueError:
        errors.setdefault("form_code", []).append(_("Choose a development form (KL/NKL code)."))
        form = None
    if not program.jenis_diklat_id and form is not None:
        program.jenis_diklat_id = form.jenis_diklat_id
    if program.jenis_diklat_id and program.jenis_diklat_id not in rules.JENIS_DIKLAT:
        errors.setdefault("jenis_diklat_id", []).append(_("Unknown SIASN jenisDiklatId."))
    pct = program.min_attendance_pct
    if pct is None or not 0 <= pct <= 100:
        errors.setdefault("min_attendance_pct", []).append(
            _("The minimum attendance is a percentage between 0 and 100.")
        )
    maximum = program.test_maximum
    if maximum is None or Decimal(maximum) <= 0:
        errors.setdefault("test_maximum", []).append(
            _("The maximum test score must be above zero.")
        )
    elif program.pass_mark is not None:
        if Decimal(program.pass_mark) < 0:
            errors.setdefault("pass_mark", []).append(_("The pass mark cannot be negative."))
        elif Decimal(program.pass_mark) > Decimal(maximum):
            errors.setdefault("pass_mark", []).append(
                _("The pass mark (%(mark)s) is above the maximum test score (%(maximum)s).")
                % {"mark": f"{Decimal(program.pass_mark):g}", "maximum": f"{Decimal(maximum):g}"}
            )
    if errors:
        raise ValidationError(errors)
    program.full_clean()


def _assign(program: Program, data: dict) -> None:
    form_changed = "form_code" in data and data["form_code"] != program.form_code
    for name in PROGRAM_FIELDS:
        if name in data:
            value = data[name]
            setattr(program, name, value.strip() if isinstance(value, str) else value)
    # The SIASN code follows the form unless the editor overrides it (a structural diklat such
    # as SEPADA under another code); an empty override means "derived from the form".
    if not data.get("jenis_diklat_id") and (form_changed or "jenis_diklat_id" in data):
        program.jenis_diklat_id = None


@transaction.atomic
def program_create(*, actor, institution: Institution, data: dict) -> Program:
    """A new draft of `institution` (its staff, or a manager on its behalf)."""
    _require(can_manage_trainings(actor) or works_for(actor, institution))
    if not institution.is_active:
        raise ValidationError(_("This institution is no longer active."))
    program = Program(institution=institution, status=Program.Status.DRAFT)
    _assign(program, data)
    _clean_program(program)
    program.save()
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=program,
        changes=creation_changes(snapshot(program, PROGRAM_FIELDS)),
    )  # fmt: skip
    return program


def _lock_for_edit(*, actor, program: Program, edit_version) -> Program:
    """The program locked for a change of its content: writer, editable status, same
    `edit_version` as the form saw."""
    locked = Program.objects.select_for_update().select_related("institution").get(pk=program.pk)
    _require(can_edit_program(actor, locked))
    if locked.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("A program that is %(status)s cannot be changed; only a draft or a program "
              "returned for revision can.") % {"status": locked.get_status_display().lower()},
            code="program_not_editable",
        )  # fmt: skip
    check_version(locked.edit_version, edit_version)
    return locked


def _bump(program: Program) -> None:
    program.edit_version = F("edit_version") + 1
    program.save(update_fields=["edit_version", "updated_at"])
    program.refresh_from_db(fields=["edit_version", "updated_at"])


@transaction.atomic
def program_update(*, actor, program: Program, edit_version, data: dict) -> Program:
    locked = _lock_for_edit(actor=actor, program=program, edit_version=edit_version)
    before = snapshot(locked, PROGRAM_FIELDS)
    _assign(locked, data)
    _clean_program(locked)
    locked.edit_version += 1
    locked.save()
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=locked,
        changes=diff(before, snapshot(locked, PROGRAM_FIELDS)),
    )  # fmt: skip
    return locked


def _clean_module(module: Module) -> None:
    errors: dict[str, list] = {}
    module.name = (module.name or "").strip()
    if not module.name:
        errors.setdefault("name", []).append(_("The module needs a name."))
    if module.jp is None or module.jp <= 0:
        errors.setdefault("jp", []).append(_("A module's JP must be above zero."))
    if module.order is None or module.order < 1:
        errors.setdefault("order", []).append(_("The order starts at 1."))
    if errors:
        raise ValidationError(errors)
    module.full_clean()


def _assign_module(module: Module, data: dict) -> None:
    for name in MODULE_FIELDS:
        if name == "order" and data.get(name) in (None, ""):
            continue  # an empty order keeps the module's place
        if name in data:
            value = data[name]
            setattr(module, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def module_add(*, actor, program: Program, edit_version, data: dict) -> Module:
    locked = _lock_for_edit(actor=actor, program=program, edit_version=edit_version)
    module = Module(program=locked)
    if data.get("order") in (None, ""):
        data = {**data, "order": locked.modules.count() + 1}
    _assign_module(module, data)
    _clean_module(module)
    module.save()
    _bump(locked)
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=module,
        changes=creation_changes(snapshot(module, MODULE_FIELDS)),
        reason=str(locked),
    )  # fmt: skip
    return module


@transaction.atomic
def module_update(*, actor, module: Module, edit_version, data: dict) -> Module:
    locked = _lock_for_edit(actor=actor, program=module.program, edit_version=edit_version)
    module = Module.objects.get(pk=module.pk, program=locked)
    before = snapshot(module, MODULE_FIELDS)
    _assign_module(module, data)
    _clean_module(module)
    module.save()
    _bump(locked)
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=module,
        changes=diff(before, snapshot(module, MODULE_FIELDS)), reason=str(locked),
    )  # fmt: skip
    return module


@transaction.atomic
def module_remove(*, actor, module: Module, edit_version) -> None:
    locked = _lock_for_edit(actor=actor, program=module.program, edit_version=edit_version)
    module = Module.objects.get(pk=module.pk, program=locked)
    audit_record(
        actor=actor, action=AuditLog.Action.DELETE, instance=module,
        changes=diff(snapshot(module, MODULE_FIELDS), {}), reason=str(locked),
    )  # fmt: skip
    module.delete()  # its review comments keep `module_name`
    _bump(locked)


@transaction.atomic
def target_add(*, actor, program: Program, edit_version, competency, level) -> ProgramCompetency:
    """A target competency and level (1–5) of the dictionary; one row per competency."""
    locked = _lock_for_edit(actor=actor, program=program, edit_version=edit_version)
    if competency is None:
        raise ValidationError({"competency": [_("Choose a competency from the dictionary.")]})
    if level is None or not 1 <= int(level) <= 5:
        raise ValidationError({"level": [_("A competency level lies between 1 and 5.")]})
    if locked.target_competencies.filter(competency=competency).exists():
        raise ValidationError(
            {"competency": [_("%(competency)s is already a target of this program; remove "
                              "it first to set another level.") % {"competency": competency}]}
        )  # fmt: skip
    target = ProgramCompetency(program=locked, competency=competency, level=int(level))
    target.full_clean()
    target.save()
    _bump(locked)
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=target,
        changes={"level": [None, target.level]}, reason=str(locked),
    )  # fmt: skip
    return target


@transaction.atomic
def target_remove(*, actor, target: ProgramCompetency, edit_version) -> None:
    locked = _lock_for_edit(actor=actor, program=target.program, edit_version=edit_version)
    target = ProgramCompetency.objects.select_related("competency").get(
        pk=target.pk, program=locked
    )
    audit_record(
        actor=actor, action=AuditLog.Action.DELETE, instance=target,
        changes={"level": [target.level, None]}, reason=str(locked),
    )  # fmt: skip
    target.delete()
    _bump(locked)


# --- versions -----------------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value


def program_snapshot(program: Program) -> dict:
    """The program as submitted: fields, modules (with their ids, so the next version's diff
    knows a renamed module) and target competencies, as JSON."""
    return {
        "fields": {name: _plain(getattr(program, name)) for name in PROGRAM_FIELDS},
        "modules": [
            {"id": m.pk, **{name: getattr(m, name) for name in MODULE_FIELDS}}
            for m in program.modules.order_by("order", "pk")
        ],
        "competencies": [
            {"code": t.competency.code, "name": t.competency.name, "level": t.level}
            for t in program.target_competencies.select_related("competency").order_by(
                "competency__group", "competency__code"
            )
        ],
    }


@transaction.atomic
def program_submit(*, actor, program: Program, edit_version) -> ProgramRevision:
    """Submit a draft or a revised program for review: a kept snapshot, version + 1."""
    locked = _lock_for_edit(actor=actor, program=program, edit_version=edit_version)
    problems = []
    if not locked.modules.exists():
        problems.append(_("Add at least one module with its JP."))
    if not locked.target_competencies.exists():
        problems.append(_("Add at least one target competency with its level."))
    if problems:
        raise ValidationError(problems, code="program_incomplete")
    last = locked.revisions.order_by("-number").values_list("number", flat=True).first()
    number = (last or 0) + 1  # version 1 is the first submission
    old_status, old_version = locked.status, locked.version
    locked.version = number
    locked.status = Program.Status.SUBMITTED
    locked.edit_version += 1
    locked.save(update_fields=["version", "status", "edit_version", "updated_at"])
    revision = ProgramRevision.objects.create(
        program=locked, number=number, snapshot=program_snapshot(locked), submitted_by=actor
    )
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=locked,
        changes={"status": [old_status, locked.status], "version": [old_version, number]},
    )  # fmt: skip
    link = program_link(locked)
    for user in program_staff_users(locked):
        settle(user=user, message=PROGRAM_RETURNED, link=link)
    for user in training_manager_users():
        if user.pk != actor.pk:
            notify(
                user=user, message=PROGRAM_SUBMITTED, link=link,
                params={"institution": locked.institution.name, "title": locked.title,
                        "version": number},
            )  # fmt: skip
    return revision


# --- review -------------------------------------------------------------------------------------


def _lock_for_review(*, actor, program: Program, edit_version=None) -> Program:
    _require(can_manage_trainings(actor))
    locked = Program.objects.select_for_update().select_related("institution").get(pk=program.pk)
    if locked.status != Program.Status.SUBMITTED:
        raise ValidationError(
            _("Only a program under review can be commented on, returned or approved."),
            code="program_not_submitted",
        )
    if edit_version is not None:
        check_version(locked.edit_version, edit_version)
    return locked


@transaction.atomic
def program_comment(*, actor, program: Program, text: str, module: Module | None = None):
    """BKPSDM's comment on the current version, on the program or one of its modules."""
    locked = _lock_for_review(actor=actor, program=program)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the comment.")]})
    if module is not None and module.program_id != locked.pk:
        raise ValidationError({"module": [_("That module belongs to another program.")]})
    revision = locked.revisions.order_by("-number").first()
    comment = ReviewComment(
        program=locked, revision=revision, module=module,
        module_name=module.name if module else "", text=text, author=actor,
    )  # fmt: skip
    comment.full_clean()
    comment.save()
    audit_record(
        actor=actor, action=AuditLog.Action.CREATE, instance=comment,
        changes={"text": [None, text[:300]]}, reason=str(locked),
    )  # fmt: skip
    return comment


def _decide(*, actor, program: Program, edit_version, status: str, message: str) -> Program:
    locked = _lock_for_review(actor=actor, program=program, edit_version=edit_version)
    old = locked.status
    locked.status = status
    locked.edit_version += 1
    locked.save(update_fields=["status", "edit_version", "updated_at"])
    audit_record(
        actor=actor, action=AuditLog.Action.UPDATE, instance=locked,
        changes={"status": [old, status]},
    )  # fmt: skip
    link = program_link(locked)
    for user in training_manager_users():
        settle(user=user, message=PROGRAM_SUBMITTED, link=link)
    for user in program_staff_users(locked):
        notify(user=user, message=message, params={"title": locked.title}, link=link)
    return locked


@transaction.atomic
def program_return(*, actor, program: Program, edit_version) -> Program:
    """Back to the institution for revision, with the comments of this version."""
    return _decide(
        actor=actor, program=program, edit_version=edit_version,
        status=Program.Status.RETURNED, message=PROGRAM_RETURNED,
    )  # fmt: skip


@transaction.atomic
def program_approve(*, actor, program: Program, edit_version) -> Program:
    """Approved: in the catalogue, batches may be planned."""
    return _decide(
        actor=actor, program=program, edit_version=edit_version,
        status=Program.Status.APPROVED, message=PROGRAM_APPROVED,
    )  # fmt: skip


def program_revisions(program: Program) -> list[dict]:
    """Every submitted version, newest first, with what changed since the one before and the
    comments made on it. Two queries."""
    revisions = list(program.revisions.order_by("number").select_related("submitted_by"))
    comments: dict[int, list] = {}
    for comment in ReviewComment.objects.filter(program=program).select_related("author"):
        comments.setdefault(comment.revision_id, []).append(comment)
    result, previous = [], None
    for revision in revisions:
        result.append(
            {
                "revision": revision,
                "changes": rules.revision_changes(previous, revision.snapshot)
                if previous is not None
                else [],
                "comments": comments.get(revision.pk, []),
            }
        )
        previous = revision.snapshot
    return result[::-1]
