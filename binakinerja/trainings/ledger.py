"""The JP ledger (DESIGN.md "The JP ledger is the common currency of development"): the one
module that writes `JpRecord` rows and reads JP done.

Writes (atomic, audited):
- `credit_completion(enrolment, actor)`: a completed batch enrolment → one BATCH record (JP =
  the program's module JP), idempotent through `source_ref` "trainings.enrolment:<pk>";
- `credit_minutes(...)`: minutes of an activity of some form → JP through the form's
  `JpConversion` row (§8a: configurable; default minutes ÷ 45, no cap); mentoring uses it;
- outside activities (proposal → evidence → recognition by BKPSDM, *pengakuan JP*);
- the JP conversion table (`conversion_set`).

Reads (aggregated in SQL, a fixed number of queries whatever the size):
- `jp_done_by_employee(ids, year)`: {employee id: JP} in one grouped query (registered with
  `competencies.jp` so the needs page and the IDP read the ledger);
- `jp_compliance(root_unit, year)`: the 20 JP compliance per unit and the list of ASN below the
  target with the days left in the year (the TPP-risk list of Pergub Gorontalo 1/2025);
- `employee_ledger(employee, year)`: one ASN's records of a year and what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.notifications import notify
from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import PATH_SEP, PATH_WIDTH, OrgUnit
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.trainings import rules
from binakinerja.trainings.models import (
    Certificate,
    Enrolment,
    JpConversion,
    JpRecord,
    OutsideActivity,
)
from binakinerja.trainings.selectors import can_manage_trainings

JP_FIELD = DecimalField(max_digits=12, decimal_places=2)
RECORD_FIELDS = [
    "employee", "title", "institution_name", "form_code", "jenis_diklat_id", "start", "end",
    "year", "minutes", "jp", "source", "source_ref", "certificate_number",
]  # fmt: skip
OUTSIDE_FIELDS = [
    "title", "organiser", "form_code", "start", "end", "minutes", "status", "certificate_number",
    "recognised_jp", "review_note",
]  # fmt: skip
# Only documents and photos prove attendance (the SKP's evidence rule, narrowed).
OUTSIDE_EVIDENCE_TYPES = {".pdf", ".png", ".jpg", ".jpeg"}


def jp_target() -> int:
    """The yearly JP every ASN should reach (DOMAIN.md §8: 20; setting TRAINING_JP_TARGET)."""
    return getattr(settings, "TRAINING_JP_TARGET", rules.YEARLY_JP)


# --- conversion ---------------------------------------------------------------------------------


def conversion_for(form_code: str) -> rules.Conversion:
    """The configured conversion of a form (its JpConversion row), or the default (45, no cap)."""
    row = JpConversion.objects.filter(form_code=form_code).first()
    if row is None:
        return rules.Conversion()
    return rules.Conversion(minutes_per_jp=row.minutes_per_jp, cap_jp=row.cap_jp)


def conversion_table() -> list[tuple[rules.Form, JpConversion | None]]:
    """Every form with its configured row (None: the default). One query."""
    rows = {row.form_code: row for row in JpConversion.objects.all()}
    return [(form, rows.get(code)) for code, form in rules.FORMS.items()]


@transaction.atomic
def conversion_set(*, actor, form_code: str, minutes_per_jp: int, cap_jp=None) -> JpConversion:
    """BKPSDM sets how minutes of one form become JP (§8a), audited with old → new."""
    if not can_manage_trainings(actor):
        raise PermissionDenied
    rules.form_of(form_code)
    if not isinstance(minutes_per_jp, int) or minutes_per_jp < 1 or minutes_per_jp > 1440:
        raise ValidationError({"minutes_per_jp": _("Minutes per JP must be between 1 and 1440.")})
    if cap_jp is not None and Decimal(cap_jp) <= 0:
        raise ValidationError({"cap_jp": _("The cap must be above zero, or left empty.")})
    row = JpConversion.objects.select_for_update().filter(form_code=form_code).first()
    before = snapshot(row, ["minutes_per_jp", "cap_jp"]) if row else {}
    row = row or JpConversion(form_code=form_code)
    row.minutes_per_jp = minutes_per_jp
    row.cap_jp = Decimal(cap_jp) if cap_jp is not None else None
    row.full_clean()
    row.save()
    changes = diff(before, snapshot(row, ["minutes_per_jp", "cap_jp"]))
    if changes:
        audit_record(actor=actor, action="update" if before else "create", instance=row,
                     changes=changes)  # fmt: skip
    return row


# --- credits ------------------------------------------------------------------------------------


def _create_once(record: JpRecord, *, actor) -> tuple[JpRecord, bool]:
    """Save `record` unless its `source_ref` was credited already (then return that one). The
    unique constraint on `source_ref` settles a race between two callers."""
    if record.source_ref:
        existing = JpRecord.objects.filter(source_ref=record.source_ref).first()
        if existing is not None:
            return existing, False
    record.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        existing = JpRecord.objects.filter(source_ref=record.source_ref).first()
        if existing is None:
            raise
        return existing, False
    audit_record(actor=actor, action="create", instance=record,
                 changes=creation_changes(snapshot(record, RECORD_FIELDS)))  # fmt: skip
    return record, True


def _notify_credit(record: JpRecord) -> None:
    user = record.employee.user
    if user is not None:
        notify(
            user=user,
            message=gettext_noop("%(jp)s JP from %(title)s were added to your JP record."),
            params={"jp": f"{record.jp.normalize():f}", "title": record.title},
            link=reverse("trainings:jp_mine", args=[record.year]),
        )


@transaction.atomic
def credit_completion(enrolment: Enrolment, actor=None) -> JpRecord:
    """Credit a completed enrolment: JP = the sum of its program's module JP, form and SIASN
    code of the program, dates and year of the batch, the institution's name. Idempotent: a
    second call (a batch finished twice, a retry) returns the record of the first."""
    enrolment = Enrolment.objects.select_related(
        "batch__program__institution", "employee__user"
    ).get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.COMPLETED:
        raise ValidationError(_("Only a completed enrolment earns JP."), code="not_completed")
    batch, program = enrolment.batch, enrolment.batch.program
    jp = sum((m.jp for m in program.modules.all()), 0)
    number = Certificate.objects.filter(enrolment=enrolment).values_list("number", flat=True)
    record, created = _create_once(
        JpRecord(
            employee=enrolment.employee, title=program.title[:300],
            institution_name=program.institution.name, form_code=program.form_code,
            jenis_diklat_id=program.jenis_diklat_id, start=batch.start, end=batch.end,
            year=batch.end.year, minutes=rules.minutes_of_jp(jp), jp=Decimal(jp),
            source=JpRecord.Source.BATCH, source_ref=f"trainings.enrolment:{enrolment.pk}",
            certificate_number=number.first() or "", created_by=_user(actor),
        ),
        actor=actor,
    )  # fmt: skip
    if created:
        _notify_credit(record)
    return record


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def credit_minutes(
    *,
    employee: Employee,
    minutes: int,
    form_code: str,
    title: str,
    start: dt.date,
    end: dt.date,
    source: str,
    source_ref: str,
    actor=None,
    institution_name: str = "",
    certificate_number: str = "",
    jp: Decimal | None = None,
    evidence: str = "",
) -> JpRecord:
    """Credit `minutes` of an activity of `form_code` (mentoring sessions, outside activities):
    JP through the form's conversion row unless `jp` is given (a reviewer's recognised JP).
    Idempotent through `source_ref`."""
    form = rules.form_of(form_code)
    if jp is None:
        jp = rules.jp_of(minutes, conversion_for(form.code))
    record, created = _create_once(
        JpRecord(
            employee=employee, title=title[:300], institution_name=institution_name[:300],
            form_code=form.code, jenis_diklat_id=form.jenis_diklat_id, start=start, end=end,
            year=end.year, minutes=minutes, jp=Decimal(jp), source=source,
            source_ref=source_ref[:60], certificate_number=certificate_number[:100],
            evidence=evidence, created_by=_user(actor),
        ),
        actor=actor,
    )  # fmt: skip
    if created:
        _notify_credit(record)
    return record


# --- reads --------------------------------------------------------------------------------------

ID_CHUNK = 2000  # ids per IN list (SQLite's bound parameter limit)


def jp_done_by_employee(employee_ids, year: int) -> dict[int, Decimal]:
    """JP recorded in `year` per employee: {id: JP}, employees without records left out. One
    grouped query for a queryset of ids (used as a subquery) or up to 2,000 ids."""
    if isinstance(employee_ids, QuerySet):
        chunks = [employee_ids]
    else:
        ids = sorted(set(employee_ids))
        chunks = [ids[i : i + ID_CHUNK] for i in range(0, len(ids), ID_CHUNK)]
    done: dict[int, Decimal] = {}
    for chunk in chunks:
        done.update(
            JpRecord.objects.filter(year=year, employee_id__in=chunk)
            .order_by()
            .values("employee_id")
            .annotate(total=Sum("jp"))
            .values_list("employee_id", "total")
        )
    return done


def days_left(year: int, today: dt.date | None = None) -> int:
    """Days left in `year` after `today` (0 for a past year, the whole year ahead)."""
    today = today or timezone.localdate()
    end = dt.date(year, 12, 31)
    if today > end:
        return 0
    start = max(today, dt.date(year, 1, 1) - dt.timedelta(days=1))
    return (end - start).days


def jp_total_expression(year: int):
    """Per employee (outer row), their JP of `year`: a correlated SUM over the (year, employee)
    index, 0 without records."""
    total = (
        JpRecord.objects.filter(employee_id=OuterRef("pk"), year=year)
        .order_by()
        .values("employee_id")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=JP_FIELD), Value(Decimal(0)),
                    output_field=JP_FIELD)  # fmt: skip


@dataclass
class ComplianceRow:
    """One unit (a direct child of the root, or the root's own staff): ASN in service, how many
    reached the target, the share."""

    unit: OrgUnit
    is_root: bool
    employees: int = 0
    reached: int = 0

    @property
    def below(self) -> int:
        return self.employees - self.reached

    @property
    def share(self) -> int | None:
        """Whole percent reaching the target (half up), None for an empty unit."""
        if not self.employees:
            return None
        return (200 * self.reached + self.employees) // (2 * self.employees)


@dataclass
class Compliance:
    root: OrgUnit
    year: int
    target: int
    days_left: int
    units: list[ComplianceRow] = field(default_factory=list)
    total: ComplianceRow | None = None
    below: QuerySet | None = None  # employees below the target, annotated `jp_done`, lazy


def compliance_employees(root: OrgUnit) -> QuerySet[Employee]:
    """Employees in service under `root` (no scoping: callers pass a scoped queryset)."""
    return Employee.objects.filter(root.subtree_q("unit__")).exclude(state__in=GONE_STATES)


def jp_compliance(
    root_unit: OrgUnit,
    year: int,
    *,
    employees: QuerySet[Employee] | None = None,
    target: int | None = None,
    today: dt.date | None = None,
) -> Compliance:
    """The yearly 20 JP compliance under `root_unit`: per direct child unit (and the root's own
    staff) ASN in service and how many reached `target` JP (exactly the target counts as
    reached), the totals, and `below` — a lazy queryset of the ASN below the target, lowest JP
    first, annotated `jp_done` (views paginate it). Two queries (children, one GROUP BY over the
    employees with a correlated SUM on the ledger's (year, employee) index) plus the list's.
    `employees` narrows to what the reader may see (default: everyone in service there)."""
    target = jp_target() if target is None else target
    base = employees if employees is not None else Employee.objects.all()
    base = base.filter(root_unit.subtree_q("unit__")).exclude(state__in=GONE_STATES)
    annotated = base.annotate(jp_done=jp_total_expression(year))
    key_length = len(root_unit.path) + len(PATH_SEP) + PATH_WIDTH
    children = list(OrgUnit.objects.filter(parent=root_unit).order_by("name"))
    by_path = {child.path: ComplianceRow(unit=child, is_root=False) for child in children}
    own = ComplianceRow(unit=root_unit, is_root=True)
    groups = (
        annotated.annotate(group=Substr("unit__path", 1, key_length))
        .order_by()
        .values("group")
        .annotate(
            employees=Count("pk"),
            reached=Count("pk", filter=Q(jp_done__gte=target), output_field=IntegerField()),
        )
        .values_list("group", "employees", "reached")
    )
    total = ComplianceRow(unit=root_unit, is_root=True)
    for group, count, reached in groups:
        row = by_path.get(group, own)
        row.employees += count
        row.reached += reached
        total.employees += count
        total.reached += reached
    units = [by_path[child.path] for child in children]
    if own.employees:
        units.insert(0, own)
    below = (
        annotated.filter(jp_done__lt=target)
        .select_related("unit", "position")
        .order_by("jp_done", "name", "pk")
    )
    return Compliance(root=root_unit, year=year, target=target, days_left=days_left(year, today),
                      units=units, total=total, below=below)  # fmt: skip


@dataclass
class Ledger:
    employee: Employee
    year: int
    target: int
    records: list[JpRecord]
    total: Decimal

    @property
    def missing(self) -> Decimal:
        return max(Decimal(self.target) - self.total, Decimal(0))

    @property
    def reached(self) -> bool:
        return self.total >= self.target

    @property
    def percent(self) -> int:
        return min(int(self.total * 100 / self.target), 100) if self.target else 100


def employee_ledger(employee: Employee, year: int) -> Ledger:
    """One ASN's JP records of `year` (newest first) and the total against the target. One
    query (the total is summed from the rows)."""
    records = list(JpRecord.objects.filter(employee=employee, year=year).order_by("-end", "-pk"))
    total = sum((r.jp for r in records), Decimal(0))
    return Ledger(employee=employee, year=year, target=jp_target(), records=records, total=total)


# --- outside activities (pengakuan JP) ----------------------------------------------------------


def can_recognise(user, employee: Employee) -> bool:
    """BKPSDM admins of the ASN's government (or the provincial super-admin) recognise JP."""
    reach = reach_of(user)
    if reach.manages_everything:
        return True
    path = employee.unit.path
    return any(path.startswith(admin) for admin in reach.admin_paths)


def outside_activities_visible_to(user) -> QuerySet[OutsideActivity]:
    return OutsideActivity.objects.filter(
        employee__in=Employee.objects.visible_to(user)
    ).select_related("employee__unit", "employee__user")


def outside_activity_get_for_user(user, pk) -> OutsideActivity:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(outside_activities_visible_to(user), pk=pk)


def outside_awaiting_recognition(user) -> QuerySet[OutsideActivity]:
    """Proposals with evidence that `user` may recognise (their government's ASN)."""
    reach = reach_of(user)
    rows = OutsideActivity.objects.filter(status=OutsideActivity.Status.EVIDENCE)
    if reach.manages_everything:
        return rows.select_related("employee__unit")
    q = Q(pk__in=[])
    for path in reach.admin_paths:
        q |= Q(employee__unit__path__startswith=path)
    return rows.filter(q).select_related("employee__unit")


def _activity_errors(*, title, organiser, form_code, start, end, minutes) -> dict:
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Name the activity.")
    if not (organiser or "").strip():
        errors["organiser"] = _("Name the organiser.")
    if form_code not in rules.FORMS:
        errors["form_code"] = _("Choose a development form.")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        errors["start"] = _("Enter the dates of the activity.")
    elif start > end:
        errors["end"] = _("The activity cannot end before it starts.")
    elif end > timezone.localdate():
        errors["end"] = _("Only an activity that has taken place can be proposed.")
    if not isinstance(minutes, int) or minutes < 1 or minutes > 100_000:
        errors["minutes"] = _("Enter the minutes of learning, above zero.")
    return errors


def _recognisers_of(employee: Employee):
    """Users who may recognise the ASN's JP: admins BKPSDM of their government."""
    from binakinerja.accounts.models import Role, RoleAssignment

    instansi = employee.unit.instansi_path
    return [
        assignment.user
        for assignment in RoleAssignment.objects.filter(
            role=Role.ADMIN_BKPSDM, scope__path=instansi
        ).select_related("user")
    ]


@transaction.atomic
def outside_propose(
    *, actor, employee: Employee, title: str, organiser: str, form_code: str,
    start: dt.date, end: dt.date, minutes: int, certificate_number: str = "",
) -> OutsideActivity:  # fmt: skip
    """The ASN proposes an activity outside the program's batches to count as JP."""
    if reach_of(actor).employee_id != employee.pk:
        raise PermissionDenied
    errors = _activity_errors(title=title, organiser=organiser, form_code=form_code,
                              start=start, end=end, minutes=minutes)  # fmt: skip
    if errors:
        raise ValidationError(errors)
    activity = OutsideActivity(
        employee=employee, title=title.strip()[:300], organiser=organiser.strip()[:300],
        form_code=form_code, start=start, end=end, minutes=minutes,
        certificate_number=(certificate_number or "").strip()[:100],
    )  # fmt: skip
    activity.full_clean()
    activity.save()
    audit_record(actor=actor, action="create", instance=activity,
                 changes=creation_changes(snapshot(activity, OUTSIDE_FIELDS)))  # fmt: skip
    return activity


def _lock(activity: OutsideActivity) -> OutsideActivity:
    return (
        OutsideActivity.objects.select_for_update(of=("self",))
        .select_related("employee__unit", "employee__user")
        .get(pk=activity.pk)
    )


def _save(*, actor, activity: OutsideActivity, before: dict, action: str = "update"):
    activity.version += 1
    activity.full_clean()
    activity.save()
    audit_record(actor=actor, action=action, instance=activity,
                 changes=diff(before, snapshot(activity, OUTSIDE_FIELDS)))  # fmt: skip
    return activity


@transaction.atomic
def outside_evidence_submit(*, actor, activity: OutsideActivity, version, upload):
    """The ASN uploads the evidence (certificate, attendance letter: PDF or image, checked by
    size, type and content as SKP evidence is); the proposal goes to BKPSDM. A rejected
    proposal comes back the same way with better evidence."""
    from binakinerja.performance.rules import evidence_check

    locked = _lock(activity)
    if reach_of(actor).employee_id != locked.employee_id:
        raise PermissionDenied
    check_version(locked.version, version)
    if locked.status == OutsideActivity.Status.RECOGNISED:
        raise ValidationError(_("This activity is already recognised."), code="recognised")
    if upload is None:
        raise ValidationError({"evidence": _("Choose the evidence file.")})
    head = upload.read(16)
    upload.seek(0)
    extension = evidence_check(name=upload.name, size=upload.size, head=head)
    if extension not in OUTSIDE_EVIDENCE_TYPES:
        raise ValidationError({"evidence": _("The evidence must be a PDF or an image (PNG, JPG).")})
    before = snapshot(locked, OUTSIDE_FIELDS)
    old_file = locked.evidence.name if locked.evidence else ""
    locked.evidence.save(f"bukti{extension}", upload, save=False)
    locked.status = OutsideActivity.Status.EVIDENCE
    _save(actor=actor, activity=locked, before=before)
    if old_file:
        transaction.on_commit(lambda: locked.evidence.storage.delete(old_file))
    link = reverse("trainings:outside_detail", args=[locked.pk])
    for user in _recognisers_of(locked.employee):
        notify(user=user, link=link,
               message=gettext_noop("%(name)s asks to recognise JP for %(title)s."),
               params={"name": locked.employee.name, "title": locked.title})  # fmt: skip
    return locked


@transaction.atomic
def outside_recognise(*, actor, activity: OutsideActivity, version, jp=None, note: str = ""):
    """BKPSDM recognises the activity (pengakuan JP) with the JP of the conversion table, or
    the JP the reviewer sets; the ledger gets one OUTSIDE record."""
    locked = _lock(activity)
    if not can_recognise(actor, locked.employee):
        raise PermissionDenied
    check_version(locked.version, version)
    if locked.status != OutsideActivity.Status.EVIDENCE:
        raise ValidationError(_("Only a proposal with evidence can be recognised."),
                              code="no_evidence")  # fmt: skip
    if jp is None:
        jp = rules.jp_of(locked.minutes, conversion_for(locked.form_code))
    jp = Decimal(jp)
    if jp < 0 or jp > 1000:
        raise ValidationError({"jp": _("The JP must be between 0 and 1000.")})
    before = snapshot(locked, OUTSIDE_FIELDS)
    locked.status = OutsideActivity.Status.RECOGNISED
    locked.recognised_jp = jp
    locked.reviewer = _user(actor)
    locked.review_note = (note or "").strip()[:300]
    _save(actor=actor, activity=locked, before=before, action="recognise")
    credit_minutes(
        employee=locked.employee, minutes=locked.minutes, form_code=locked.form_code,
        title=locked.title, start=locked.start, end=locked.end,
        source=JpRecord.Source.OUTSIDE, source_ref=f"trainings.outsideactivity:{locked.pk}",
        actor=actor, institution_name=locked.organiser,
        certificate_number=locked.certificate_number, jp=jp,
        evidence=locked.evidence.name if locked.evidence else "",
    )  # fmt: skip
    _notify_owner(locked, gettext_noop("%(title)s was recognised: %(jp)s JP."),
                  {"title": locked.title, "jp": f"{jp.normalize():f}"})  # fmt: skip
    return locked


@transaction.atomic
def outside_reject(*, actor, activity: OutsideActivity, version, note: str):
    """BKPSDM returns the proposal with a note (the ASN may send better evidence)."""
    locked = _lock(activity)
    if not can_recognise(actor, locked.employee):
        raise PermissionDenied
    check_version(locked.version, version)
    if locked.status not in (OutsideActivity.Status.EVIDENCE, OutsideActivity.Status.PROPOSED):
        raise ValidationError(_("This proposal is not awaiting a decision."), code="decided")
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why, so the ASN knows what to send.")})
    before = snapshot(locked, OUTSIDE_FIELDS)
    locked.status = OutsideActivity.Status.REJECTED
    locked.reviewer = _user(actor)
    locked.review_note = note.strip()[:300]
    _save(actor=actor, activity=locked, before=before, action="reject")
    _notify_owner(locked, gettext_noop("%(title)s was not recognised: %(note)s"),
                  {"title": locked.title, "note": locked.review_note})  # fmt: skip
    return locked


@transaction.atomic
def outside_withdraw(*, actor, activity: OutsideActivity, version) -> None:
    """The ASN withdraws a proposal not yet recognised (its evidence file goes too)."""
    locked = _lock(activity)
    if reach_of(actor).employee_id != locked.employee_id:
        raise PermissionDenied
    check_version(locked.version, version)
    if locked.status == OutsideActivity.Status.RECOGNISED:
        raise ValidationError(_("A recognised activity stays in the record."), code="recognised")
    audit_record(actor=actor, action="delete", instance=locked,
                 changes=diff(snapshot(locked, OUTSIDE_FIELDS), {}))  # fmt: skip
    name = locked.evidence.name if locked.evidence else ""
    storage = locked.evidence.storage
    locked.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _notify_owner(activity: OutsideActivity, message: str, params: dict) -> None:
    user = activity.employee.user
    if user is not None:
        notify(user=user, message=message, params=params,
               link=reverse("trainings:outside_detail", args=[activity.pk]))  # fmt: skip


def jp_sum_by_unit(root_unit: OrgUnit, year: int) -> dict[str, Decimal]:
    """JP recorded in `year` per unit path under `root_unit` (employees in service), one grouped
    query on the ledger: the program's signals divide it by the unit's ASN."""
    return dict(
        JpRecord.objects.filter(year=year, employee__unit__path__startswith=root_unit.path)
        .exclude(employee__state__in=GONE_STATES)
        .order_by()
        .values("employee__unit__path")
        .annotate(total=Sum("jp"))
        .values_list("employee__unit__path", "total")
    )


ENROLMENT_REF = "trainings.enrolment:"


def jp_delivered_by_batch(batch_ids, year: int) -> dict[int, tuple[int, Decimal]]:
    """Per training batch ending in `year`: the ASN credited for completing it and the JP
    credited (the ledger's batch records; budgets divide their cost by these). One grouped
    query: each record's batch is read through the enrolment its `source_ref` names."""
    batch_of = (
        Enrolment.objects.filter(pk=OuterRef("enrolment_id")).order_by().values("batch_id")[:1]
    )
    rows = (
        JpRecord.objects.filter(source=JpRecord.Source.BATCH, year=year,
                                source_ref__startswith=ENROLMENT_REF)
        .annotate(enrolment_id=Cast(Substr("source_ref", len(ENROLMENT_REF) + 1),
                                    IntegerField()))
        .annotate(batch_id=Subquery(batch_of))
        .filter(batch_id__in=list(batch_ids))
        .order_by()
        .values("batch_id")
        .annotate(n=Count("employee", distinct=True), jp=Sum("jp"))
        .values_list("batch_id", "n", "jp")
    )  # fmt: skip
    return {batch_id: (n, jp) for batch_id, n, jp in rows}


def jp_delivered(root_unit: OrgUnit, years) -> dict[int, tuple[int, Decimal]]:
    """Per year: the ASN of `root_unit` who earned JP from training batches and mentoring
    (what the program delivers, not outside activities or imported history) and those JP.
    Counted where the ASN works now; one grouped query."""
    rows = (
        JpRecord.objects.filter(year__in=list(years),
                                source__in=[JpRecord.Source.BATCH, JpRecord.Source.MENTORING],
                                employee__unit__path__startswith=root_unit.path)
        .order_by()
        .values("year")
        .annotate(n=Count("employee", distinct=True), jp=Sum("jp"))
        .values_list("year", "n", "jp")
    )  # fmt: skip
    return {year: (n, jp) for year, n, jp in rows}
