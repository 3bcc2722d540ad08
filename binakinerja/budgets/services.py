"""The budget's writes (issue 16): the one module that writes budget lines, pagu revisions,
realisasi and the year's settings. Every write is atomic, checks who may make it, validates
before it writes anything and is audited. Amounts are `Decimal` rupiah (`rules.parse_amount`).

A line's `realised` is kept with its entries under the line's row lock (`select_for_update`):
two operators posting at once cannot both slip under the pagu.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.budgets import rules
from binakinerja.budgets.models import (
    BudgetLine,
    BudgetPolicy,
    BudgetYear,
    PaguRevision,
    Realisation,
)
from binakinerja.budgets.selectors import may_keep, may_post
from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.notifications import notify
from binakinerja.organizations.models import OrgUnit
from binakinerja.performance.rules import evidence_check

LINE_FIELDS = ["opd", "kegiatan_code", "sub_kegiatan_code", "rekening_code", "name", "pagu",
               "source_document", "phase", "batch", "cycle", "event"]  # fmt: skip
TIES = ("phase", "batch", "cycle", "event")


def _check_document(upload) -> None:
    """A supporting document is checked like SKP evidence: size, type, and content that is
    what its name claims."""
    if upload is None:
        return
    head = upload.read(16)
    upload.seek(0)
    try:
        evidence_check(name=upload.name, size=upload.size, head=head)
    except ValidationError as error:
        raise ValidationError({"document": error.messages}) from None


def _tie_errors(instansi: OrgUnit, year: int, ties: dict) -> dict:
    """A line pays for at most one thing, of its own government."""
    given = {name: value for name, value in ties.items() if value is not None}
    errors = {}
    if len(given) > 1:
        errors["phase"] = _("A line is tied to one thing at most: a phase, a batch, a cycle or "
                            "an event.")  # fmt: skip
    phase, event, cycle = given.get("phase"), given.get("event"), given.get("cycle")
    if phase is not None and phase.program.instansi_id != instansi.pk:
        errors["phase"] = _("The phase belongs to another government's program.")
    if event is not None and event.program.instansi_id != instansi.pk:
        errors["event"] = _("The event belongs to another government's program.")
    if cycle is not None and cycle.instansi_id != instansi.pk:
        errors["cycle"] = _("The mentoring cycle belongs to another government.")
    batch = given.get("batch")
    if batch is not None and batch.year != year:
        errors["batch"] = _("The batch runs in %(year)s, not in the line's year.") % {
            "year": batch.year}  # fmt: skip
    return errors


def _clean_line(instansi: OrgUnit, *, year: int, opd: OrgUnit, kegiatan_code: str,
                rekening_code: str, name: str, pagu, source_document: str, ties: dict,
                sub_kegiatan_code: str = "") -> tuple[dict, dict]:  # fmt: skip
    """(clean values, errors) of a line's fields."""
    values = {"kegiatan_code": (kegiatan_code or "").strip(),
              "sub_kegiatan_code": (sub_kegiatan_code or "").strip(),
              "rekening_code": (rekening_code or "").strip(), "name": (name or "").strip(),
              "source_document": (source_document or "").strip(), "opd": opd}  # fmt: skip
    errors = rules.code_errors(values["kegiatan_code"], values["sub_kegiatan_code"],
                               values["rekening_code"])  # fmt: skip
    if not values["name"]:
        errors["name"] = _("Name the line.")
    if not values["source_document"]:
        errors["source_document"] = _("Name the source document (DPA, APBD perubahan).")
    if opd is None or not (opd.path == instansi.path or opd.path.startswith(instansi.path + ".")):
        errors["opd"] = _("Choose an OPD of this government.")
    try:
        values["pagu"] = rules.parse_amount(pagu)
    except ValidationError as error:
        errors["pagu"] = " ".join(error.messages)
    errors.update(_tie_errors(instansi, year, ties))
    values.update({name: ties.get(name) for name in TIES})
    return values, errors


@transaction.atomic
def line_create(*, actor, instansi: OrgUnit, year: int, **fields) -> BudgetLine:
    """A new budget line of the government's year (its pagu from the DPA)."""
    if not may_keep(actor, instansi):
        raise PermissionDenied
    ties = {name: fields.pop(name, None) for name in TIES}
    values, errors = _clean_line(instansi, year=year, ties=ties, **fields)
    if errors:
        raise ValidationError(errors)
    line = BudgetLine.objects.create(instansi=instansi, year=year, created_by=actor, **values)
    BudgetYear.objects.get_or_create(instansi=instansi, year=year)
    audit_record(actor=actor, action="create", instance=line,
                 changes=creation_changes(snapshot(line, LINE_FIELDS)))  # fmt: skip
    return line


@transaction.atomic
def line_update(*, actor, line: BudgetLine, version, **fields) -> BudgetLine:
    """Change a line's codes, name, OPD, source or tie; the pagu changes by revision only."""
    line = BudgetLine.objects.select_for_update().select_related("instansi").get(pk=line.pk)
    if not may_keep(actor, line.instansi):
        raise PermissionDenied
    check_version(line.version, version)
    ties = {name: fields.pop(name, None) for name in TIES}
    fields["pagu"] = line.pagu
    values, errors = _clean_line(line.instansi, year=line.year, ties=ties, **fields)
    if errors:
        raise ValidationError(errors)
    before = snapshot(line, LINE_FIELDS)
    for name, value in values.items():
        setattr(line, name, value)
    line.version = F("version") + 1
    line.save()
    line.refresh_from_db()
    audit_record(actor=actor, action="update", instance=line,
                 changes=diff(before, snapshot(line, LINE_FIELDS)))  # fmt: skip
    return line


@transaction.atomic
def pagu_revise(*, actor, line: BudgetLine, pagu, on: dt.date, reason: str, document: str,
                version) -> PaguRevision:  # fmt: skip
    """A new pagu for the line (APBD perubahan, a shift), kept with the old one, its reason
    and document. Never below what the line has already realised."""
    line = BudgetLine.objects.select_for_update().select_related("instansi").get(pk=line.pk)
    if not may_keep(actor, line.instansi):
        raise PermissionDenied
    check_version(line.version, version)
    errors = {}
    try:
        new = rules.parse_amount(pagu)
    except ValidationError as error:
        errors["pagu"] = " ".join(error.messages)
        new = None
    if new is not None and new < line.realised:
        errors["pagu"] = _("The line has already realised Rp %(realised)s; the pagu cannot be "
                           "lower.") % {"realised": rupiah(line.realised)}  # fmt: skip
    if new is not None and new == line.pagu:
        errors["pagu"] = _("The pagu is already Rp %(pagu)s.") % {"pagu": rupiah(line.pagu)}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for the change.")
    if not (document or "").strip():
        errors["document"] = _("Name the document (e.g. the APBD perubahan).")
    if on is None or on.year != line.year:
        errors["on"] = _("The date must lie in the line's year %(year)s.") % {"year": line.year}
    if errors:
        raise ValidationError(errors)
    revision = PaguRevision.objects.create(line=line, before=line.pagu, after=new, on=on,
                                           reason=reason.strip(), document=document.strip(),
                                           by=actor)  # fmt: skip
    BudgetLine.objects.filter(pk=line.pk).update(pagu=new, version=F("version") + 1)
    audit_record(actor=actor, action="update", instance=line,
                 changes={"pagu": [str(revision.before), str(revision.after)]},
                 reason=revision.reason)  # fmt: skip
    return revision


def rupiah(amount: Decimal) -> str:
    """1234567.5 → "1.234.567,50" (whole rupiah without the sen)."""
    amount = Decimal(amount)
    whole = f"{abs(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if whole.endswith(",00"):
        whole = whole[:-3]
    return ("-" if amount < 0 else "") + whole


def _admins_of(instansi: OrgUnit):
    return (
        RoleAssignment.objects.filter(role=Role.ADMIN_BKPSDM, scope=instansi)
        .select_related("user")
        .order_by("user_id")
    )


@transaction.atomic
def realisation_post(*, actor, line: BudgetLine, date: dt.date, amount, description: str,
                     document=None, override_reason: str = "") -> Realisation:  # fmt: skip
    """Post spending against a line: refused (nothing written) when it would take the line
    above its pagu, unless the poster gives the reason for exceeding it — then it is posted,
    audited as an override, and waits for an admin's review."""
    line = BudgetLine.objects.select_for_update().select_related("instansi", "opd").get(
        pk=line.pk)  # fmt: skip
    if not may_post(actor, line):
        raise PermissionDenied
    errors = {}
    try:
        amount = rules.parse_amount(amount)
    except ValidationError as error:
        errors["amount"] = " ".join(error.messages)
    if not (description or "").strip():
        errors["description"] = _("Say what the money was spent on.")
    if date is None or date.year != line.year:
        errors["date"] = _("The date must lie in the line's year %(year)s.") % {"year": line.year}
    elif date > timezone.localdate():
        errors["date"] = _("Spending is posted when it happened, not ahead.")
    try:
        _check_document(document)
    except ValidationError as error:
        errors.update(error.message_dict)
    override_reason = (override_reason or "").strip()
    if "amount" not in errors and rules.would_exceed(line.pagu, line.realised, amount):
        if not override_reason:
            errors["amount"] = _(
                "This takes the line to Rp %(total)s, above its pagu of Rp %(pagu)s. Give the "
                "reason for exceeding the pagu to post it anyway."
            ) % {"total": rupiah(line.realised + amount), "pagu": rupiah(line.pagu)}
    else:
        override_reason = ""  # within the pagu: nothing to override
    if errors:
        raise ValidationError(errors)
    entry = Realisation(line=line, date=date, amount=amount, description=description.strip(),
                        override_reason=override_reason, recorded_by=actor)  # fmt: skip
    if document is not None:
        entry.document = document
    entry.save()
    BudgetLine.objects.filter(pk=line.pk).update(realised=F("realised") + amount)
    audit_record(actor=actor, action="create", instance=entry,
                 changes=creation_changes({"line": str(line), "date": date.isoformat(),
                                           "amount": str(amount),
                                           "description": entry.description,
                                           "override_reason": override_reason}),
                 reason=override_reason)  # fmt: skip
    if override_reason:
        link = reverse("budgets:line_detail", args=[line.pk])
        for assignment in _admins_of(line.instansi):
            if assignment.user_id != actor.pk:
                notify(user=assignment.user, link=link,
                       message=gettext_noop("Spending above the pagu of %(line)s was posted "
                                            "with an override; review it."),
                       params={"line": line.name})  # fmt: skip
    return entry


@transaction.atomic
def realisation_reverse(*, actor, entry: Realisation, reason: str, on: dt.date | None = None):
    """Correct a posted entry by a reversing one (its negative amount); the original stays as
    it was. An entry is reversed once; a reversal is not reversed again."""
    line = BudgetLine.objects.select_for_update().select_related("instansi", "opd").get(
        pk=entry.line_id)  # fmt: skip
    if not may_post(actor, line):
        raise PermissionDenied
    entry = Realisation.objects.get(pk=entry.pk)
    if entry.amount < 0:
        raise ValidationError(_("A reversal cannot be reversed; post the spending again."))
    if Realisation.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry was already reversed."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    on = on or timezone.localdate()
    if on.year != line.year:
        on = entry.date  # a late correction of last year's entry stays in its year
    reversal = Realisation.objects.create(
        line=line, date=on, amount=-entry.amount, reverses=entry, recorded_by=actor,
        description=_("Reversal of the entry of %(date)s: %(reason)s")
        % {"date": entry.date.strftime("%d-%m-%Y"), "reason": reason.strip()},
    )  # fmt: skip
    BudgetLine.objects.filter(pk=line.pk).update(realised=F("realised") - entry.amount)
    changes = {"reverses": [None, entry.pk], "amount": [None, str(-entry.amount)]}
    audit_record(actor=actor, action="create", instance=reversal, reason=reason.strip(),
                 changes=changes)  # fmt: skip
    return reversal


@transaction.atomic
def document_attach(*, actor, entry: Realisation, document) -> Realisation:
    """Attach the supporting document to an entry posted without one (the amount stays)."""
    line = BudgetLine.objects.select_related("instansi", "opd").get(pk=entry.line_id)
    if not may_post(actor, line):
        raise PermissionDenied
    entry = Realisation.objects.select_for_update().get(pk=entry.pk)
    if entry.document:
        raise ValidationError({"document": _("This entry already has its document.")})
    if document is None:
        raise ValidationError({"document": _("Choose the file.")})
    _check_document(document)
    entry.document = document
    entry.save(update_fields=["document"])
    audit_record(actor=actor, action="update", instance=entry,
                 changes={"document": [None, entry.document.name]})  # fmt: skip
    return entry


@transaction.atomic
def override_review(*, actor, entry: Realisation, note: str = "") -> Realisation:
    """An admin has looked at an entry posted above the pagu."""
    line = BudgetLine.objects.select_related("instansi").get(pk=entry.line_id)
    if not may_keep(actor, line.instansi):
        raise PermissionDenied
    entry = Realisation.objects.select_for_update().get(pk=entry.pk)
    if not entry.override_reason:
        raise ValidationError(_("This entry did not exceed the pagu."))
    if entry.override_reviewed_at:
        raise ValidationError(_("This override was already reviewed."))
    entry.override_reviewed_by = actor
    entry.override_reviewed_at = timezone.now()
    entry.save(update_fields=["override_reviewed_by", "override_reviewed_at"])
    audit_record(actor=actor, action="update", instance=entry, reason=(note or "").strip(),
                 changes={"override_reviewed": [False, True]})  # fmt: skip
    return entry


@transaction.atomic
def year_save(*, actor, instansi: OrgUnit, year: int, total_spending, spending_source: str,
              publish: bool, version=None) -> BudgetYear:  # fmt: skip
    """The year's total regional spending (for the floor) and whether the year is published
    on the public page."""
    if not may_keep(actor, instansi):
        raise PermissionDenied
    budget_year, _created = BudgetYear.objects.select_for_update().get_or_create(
        instansi=instansi, year=year)  # fmt: skip
    if version is not None:
        check_version(budget_year.version, version)
    errors = {}
    total = None
    if total_spending not in (None, ""):
        try:
            total = rules.parse_amount(total_spending)
        except ValidationError as error:
            errors["total_spending"] = " ".join(error.messages)
    if total is not None and not (spending_source or "").strip():
        errors["spending_source"] = _("Name where the total comes from (the APBD).")
    if errors:
        raise ValidationError(errors)
    before = {"total_spending": str(budget_year.total_spending or ""),
              "published": bool(budget_year.published_at)}  # fmt: skip
    budget_year.total_spending = total
    budget_year.spending_source = (spending_source or "").strip()
    if publish and not budget_year.published_at:
        budget_year.published_at = timezone.now()
    elif not publish:
        budget_year.published_at = None
    budget_year.version += 1
    budget_year.save()
    after = {"total_spending": str(budget_year.total_spending or ""),
             "published": bool(budget_year.published_at)}  # fmt: skip
    audit_record(actor=actor, action="update", instance=budget_year, changes=diff(before, after))
    return budget_year


@transaction.atomic
def policy_save(*, actor, instansi: OrgUnit, floor_percent) -> BudgetPolicy:
    """The government's floor for competency development (percent of total spending)."""
    if not may_keep(actor, instansi):
        raise PermissionDenied
    try:
        floor = Decimal(str(floor_percent).replace(",", "."))
    except Exception:  # noqa: BLE001 — any unreadable text is the same mistake
        floor = None
    if floor is None or not floor.is_finite() or not (0 < floor <= 100):
        raise ValidationError({"floor_percent": _("The floor is a percentage above 0 and at "
                                                  "most 100, e.g. 0,34.")})  # fmt: skip
    policy, _created = BudgetPolicy.objects.get_or_create(instansi=instansi)
    before = str(policy.floor_percent)
    policy.floor_percent = floor.quantize(Decimal("0.01"))
    policy.version += 1
    policy.save()
    audit_record(actor=actor, action="update", instance=policy,
                 changes={"floor_percent": [before, str(policy.floor_percent)]})  # fmt: skip
    return policy


def realised_from_entries(line: BudgetLine) -> Decimal:
    """The line's realisasi summed from its entries (tests check it against `realised`)."""
    return line.entries.aggregate(total=Sum("amount"))["total"] or Decimal(0)
