"""The program's writes (issue 15): the one module that writes programs, phases and their
units, socialisation, readiness answers, support actions and coordination cases. Every write
is atomic, checks who may make it, validates before it writes anything and is audited; the
person who must act next is notified.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.core.notifications import notify
from binakinerja.core.spreadsheets import (
    ImportResult,
    cell_text,
    read_table,
    require_columns,
    require_rows,
    table_rows,
)
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.people.rules import normalize_nip
from binakinerja.programs import rules
from binakinerja.programs.models import (
    CoordinationCase,
    CoordinationStep,
    Indicator,
    IndicatorValue,
    Phase,
    PhaseUnit,
    Program,
    ReadinessItem,
    ReadinessResponse,
    SocialisationAttendance,
    SocialisationEvent,
    SocialisationQuestion,
    SupportAction,
)
from binakinerja.programs.selectors import (
    can_coordinate,
    manages_unit,
    may_coordinate,
    readiness_open_for,
)

PROGRAM_FIELDS = ["instansi", "name", "start_year", "end_year", "objectives", "coordinator",
                  "status"]  # fmt: skip
PHASE_FIELDS = ["number", "name", "start", "end", "quota", "partners"]
ACTION_FIELDS = ["unit", "kind", "signal", "description", "owner", "due", "status", "outcome",
                 "closed_on"]  # fmt: skip
CASE_FIELDS = ["title", "description", "raised_on", "status", "resolution", "resolved_on"]
INDICATOR_FIELDS = ["level", "name", "source", "unit_label", "higher_is_better", "baseline",
                    "targets"]  # fmt: skip

# The logframe a new program starts with: every indicator the system computes, at its level.
DEFAULT_INDICATORS = [
    ("input", Indicator.Source.READINESS, "indeks"),
    ("output", Indicator.Source.JP20, "%"),
    ("output", Indicator.Source.MENTORING, "%"),
    ("outcome", Indicator.Source.PREDIKAT, "%"),
    ("outcome", Indicator.Source.SERVICE_TIME, "menit"),
    ("impact", Indicator.Source.IKM, "IKM"),
]


def _require_coordinator(actor, program: Program) -> None:
    if not may_coordinate(actor, program):
        raise PermissionDenied


# --- programs -----------------------------------------------------------------------------------


@transaction.atomic
def program_create(
    *, actor, instansi: OrgUnit, name: str, start_year: int, end_year: int,
    objectives: str = "",
) -> Program:  # fmt: skip
    """A government's program, with the default ADKAR questionnaire and a logframe of the
    indicators the system computes (both editable)."""
    if not can_coordinate(actor, instansi):
        raise PermissionDenied
    errors = {}
    if instansi.parent_id is not None:
        errors["instansi"] = _("Choose a government, not one of its units.")
    if start_year and end_year and end_year < start_year:
        errors["end_year"] = _("The last year must not be before the first year.")
    if errors:
        raise ValidationError(errors)
    program = Program(instansi=instansi, name=name.strip(), start_year=start_year,
                      end_year=end_year, objectives=objectives.strip(),
                      coordinator=actor)  # fmt: skip
    program.full_clean()
    program.save()
    ReadinessItem.objects.bulk_create(
        ReadinessItem(program=program, dimension=dimension, text=text, order=10 * i + j)
        for i, dimension in enumerate(rules.DIMENSIONS)
        for j, text in enumerate(rules.DEFAULT_ITEMS[dimension])
    )
    Indicator.objects.bulk_create(
        Indicator(
            program=program,
            level=level,
            source=source,
            name=str(source.label),
            unit_label=unit,
            higher_is_better=source != Indicator.Source.SERVICE_TIME,
            order=i,
        )  # fmt: skip
        for i, (level, source, unit) in enumerate(DEFAULT_INDICATORS)
    )
    audit_record(actor=actor, action="create", instance=program,
                 changes=creation_changes(snapshot(program, PROGRAM_FIELDS)))  # fmt: skip
    return program


@transaction.atomic
def program_status_set(*, actor, program: Program, status: str, version) -> Program:
    _require_coordinator(actor, program)
    program = Program.objects.select_for_update().get(pk=program.pk)
    check_version(program.version, version)
    if status not in Program.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == Program.Status.RUNNING and not program.phases.exists():
        raise ValidationError(_("Plan at least one phase before the program runs."))
    before = snapshot(program, PROGRAM_FIELDS)
    program.status = status
    program.version += 1
    program.save(update_fields=["status", "version"])
    audit_record(actor=actor, action="update", instance=program,
                 changes=diff(before, snapshot(program, PROGRAM_FIELDS)))  # fmt: skip
    return program


# --- phases -------------------------------------------------------------------------------------


def _clean_partners(partners) -> list[dict]:
    cleaned = []
    for partner in partners or []:
        name = str(partner.get("name", "")).strip()
        role = str(partner.get("role", "")).strip()
        if name:
            cleaned.append({"name": name[:200], "role": role[:200]})
        elif role:
            raise ValidationError({"partners": _("Every partner needs a name.")})
    return cleaned


def _unit_errors(program: Program, units, phase: Phase | None) -> list[str]:
    """Why these units cannot be in this phase: outside the government, or already in another
    phase of the program (a unit is in one phase only)."""
    errors = []
    for unit in units:
        if not unit.path.startswith(program.instansi.path + ".") or unit.parent_id is None:
            errors.append(_("%(unit)s is not a unit of %(government)s.")
                          % {"unit": unit.name, "government": program.instansi.name})  # fmt: skip
    taken = (
        PhaseUnit.objects.filter(program=program, unit__in=units)
        .exclude(phase=phase)
        .select_related("unit", "phase")
    )
    for phase_unit in taken:
        errors.append(_("%(unit)s is already in phase %(n)s of this program.")
                      % {"unit": phase_unit.unit.name, "n": phase_unit.phase.number})  # fmt: skip
    return errors


@transaction.atomic
def phase_save(
    *, actor, program: Program, number: int, start: dt.date, end: dt.date, units, name: str = "",
    quota: int | None = None, partners=None, phase: Phase | None = None, version=None,
) -> Phase:  # fmt: skip
    """Create a phase, or change one (`phase` with the `version` the form saw): its dates,
    partners, quota and units. Units that stay keep their status; units taken out lose theirs.
    Refused whole when a unit is in another phase or the dates are out of order."""
    _require_coordinator(actor, program)
    Program.objects.select_for_update().get(pk=program.pk)  # one phase edit at a time
    units = list(units)
    errors: dict[str, list[str]] = {}
    if start and end and end < start:
        errors["end"] = [_("The end date must not be before the start date.")]
    if start and not program.start_year <= start.year <= program.end_year:
        errors.setdefault("start", []).append(
            _("The phase must start within the program's years (%(first)s–%(last)s).")
            % {"first": program.start_year, "last": program.end_year}
        )
    duplicate = Phase.objects.filter(program=program, number=number).exclude(
        pk=phase.pk if phase else None
    )
    if duplicate.exists():
        errors["number"] = [_("Phase %(n)s already exists.") % {"n": number}]
    if not units:
        errors["units"] = [_("Choose at least one unit.")]
    unit_errors = _unit_errors(program, units, phase)
    if unit_errors:
        errors["units"] = unit_errors
    if quota is not None and quota < 0:
        errors["quota"] = [_("The quota cannot be negative.")]
    partners = _clean_partners(partners)
    if errors:
        raise ValidationError(errors)
    if phase is None:
        phase = Phase(program=program)
        before = {}
    else:
        phase = Phase.objects.select_for_update().get(pk=phase.pk, program=program)
        check_version(phase.version, version)
        before = snapshot(phase, PHASE_FIELDS)
        before["units"] = sorted(phase.units.values_list("unit__name", flat=True))
        phase.version += 1
    phase.number, phase.name, phase.start, phase.end = number, name.strip(), start, end
    phase.quota, phase.partners = quota, partners
    phase.full_clean(exclude=["program"])
    phase.save()
    keep = {unit.pk for unit in units}
    phase.units.exclude(unit_id__in=keep).delete()
    present = set(phase.units.values_list("unit_id", flat=True))
    PhaseUnit.objects.bulk_create(
        PhaseUnit(program=program, phase=phase, unit=unit) for unit in units
        if unit.pk not in present
    )  # fmt: skip
    after = snapshot(phase, PHASE_FIELDS)
    after["units"] = sorted(unit.name for unit in units)
    audit_record(actor=actor, action="update" if before else "create", instance=phase,
                 changes=diff(before, after) if before else creation_changes(after))  # fmt: skip
    return phase


def _new_seed() -> int:
    return secrets.randbelow(10**9)


@transaction.atomic
def plan_propose(
    *, actor, program: Program, method: str, seed: int | None = None, phases: int | None = None,
    keep_first_phase: bool = True, readiness: dict | None = None,
) -> dict:  # fmt: skip
    """The planner: propose the order of the government's OPDs (and units already in a phase)
    into the program's phases, by readiness or at random with a recorded seed. The proposal is
    kept on the program until the coordinator approves it (`plan_approve`); nothing else moves.
    `readiness` is unit id → readiness index (from `insight.readiness_by_unit`)."""
    _require_coordinator(actor, program)
    program = Program.objects.select_for_update().get(pk=program.pk)
    phase_count = phases or program.phases.count()
    if phase_count < 1:
        raise ValidationError(_("Create the phases first: the planner fills them."))
    if method == rules.ORDER_RANDOM and seed is None:
        seed = _new_seed()
    current = dict(program.units.values_list("unit_id", "phase__number"))
    opds = list(
        OrgUnit.objects.filter(parent=program.instansi).order_by("name").values_list("pk",
                                                                                       flat=True)
    )  # fmt: skip
    units = opds + sorted(set(current) - set(opds))
    fixed = {u: 1 for u, n in current.items() if n == 1} if keep_first_phase else {}
    try:
        plan = rules.plan_order(units, phase_count, method=method, seed=seed,
                                readiness=readiness or {}, fixed=fixed)  # fmt: skip
    except ValueError as error:
        raise ValidationError(str(error)) from error
    program.proposal = {
        "method": method, "seed": seed, "at": timezone.now().isoformat(), "by": actor.pk,
        "phases": phase_count, "plan": {str(u): n for u, n in plan.items()},
    }  # fmt: skip
    program.save(update_fields=["proposal"])
    audit_record(actor=actor, action="propose", instance=program,
                 changes={"proposal": [None, {"method": method, "seed": seed}]})  # fmt: skip
    return program.proposal


@transaction.atomic
def plan_approve(*, actor, program: Program, plan: dict[int, int], version) -> int:
    """Approve the (edited) proposal: unit id → phase number, 0 to leave a unit out. Units
    moving phase keep their status; the method and seed of the proposal are kept in the audit
    trail with every move. Returns the number of units placed."""
    _require_coordinator(actor, program)
    program = Program.objects.select_for_update().get(pk=program.pk)
    check_version(program.version, version)
    phases = {phase.number: phase for phase in program.phases.all()}
    errors = []
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=[u for u in plan])}
    for unit_id, number in plan.items():
        if number and number not in phases:
            errors.append(_("Phase %(n)s does not exist.") % {"n": number})
        if unit_id not in units:
            errors.append(_("Unknown unit."))
    placed = [units[u] for u, n in plan.items() if n and u in units]
    errors += [
        _("%(unit)s is not a unit of %(government)s.")
        % {"unit": unit.name, "government": program.instansi.name}
        for unit in placed
        if not unit.path.startswith(program.instansi.path + ".")
    ]
    if errors:
        raise ValidationError(sorted(set(errors)))
    existing = {pu.unit_id: pu for pu in program.units.select_related("phase")}
    moves = {}
    for unit_id, number in sorted(plan.items()):
        phase_unit = existing.get(unit_id)
        if not number:
            if phase_unit:
                moves[units[unit_id].name] = [phase_unit.phase.number, None]
                phase_unit.delete()
            continue
        if phase_unit is None:
            PhaseUnit.objects.create(program=program, phase=phases[number], unit=units[unit_id])
            moves[units[unit_id].name] = [None, number]
        elif phase_unit.phase.number != number:
            moves[units[unit_id].name] = [phase_unit.phase.number, number]
            phase_unit.phase = phases[number]
            phase_unit.version += 1
            phase_unit.save(update_fields=["phase", "version"])
    proposal = program.proposal or {}
    program.proposal = {}
    program.version += 1
    program.save(update_fields=["proposal", "version"])
    audit_record(actor=actor, action="approve", instance=program, changes={
        "order": [None, {"method": proposal.get("method"), "seed": proposal.get("seed")}],
        **{f"unit {name}": move for name, move in moves.items()},
    })  # fmt: skip
    return len(placed)


STATUS_DATE = {
    PhaseUnit.Status.SOCIALISATION: "socialisation_on",
    PhaseUnit.Status.RUNNING: "running_on",
    PhaseUnit.Status.DONE: "done_on",
}


@transaction.atomic
def unit_status_set(*, actor, phase_unit: PhaseUnit, status: str, on: dt.date, version):
    """Move a unit to a status on a date (kept per status, so the timeline and the monitoring
    read when each unit started). The operators of the unit's OPD are told when it enters
    socialisation: they hold it."""
    if not manages_unit(actor, phase_unit.unit):
        raise PermissionDenied
    phase_unit = (
        PhaseUnit.objects.select_for_update()
        .select_related("unit", "program")
        .get(pk=phase_unit.pk)
    )
    check_version(phase_unit.version, version)
    if status not in PhaseUnit.Status.values:
        raise ValidationError(_("Unknown status."))
    if on is None:
        raise ValidationError({"on": _("Give the date of the change.")})
    order = list(PhaseUnit.Status.values)
    for s, field in STATUS_DATE.items():
        value = getattr(phase_unit, field)
        if value and order.index(s) < order.index(status) and on < value:
            raise ValidationError({"on": _("The date is before the unit's earlier step (%(date)s).")
                                   % {"date": value.strftime("%d-%m-%Y")}})  # fmt: skip
    before = {"status": phase_unit.status}
    phase_unit.status = status
    if status in STATUS_DATE:
        setattr(phase_unit, STATUS_DATE[status], on)
    phase_unit.version += 1
    phase_unit.save()
    audit_record(
        actor=actor,
        action="update",
        instance=phase_unit,
        changes={"status": [before["status"], status], "on": [None, on.isoformat()]},
    )
    if status == PhaseUnit.Status.SOCIALISATION:
        link = reverse("programs:event_create", args=[phase_unit.program_id])
        for user in _operators_of(phase_unit.unit):
            notify(
                user=user,
                link=f"{link}?unit={phase_unit.unit_id}",
                message=gettext_noop(
                    "%(unit)s enters the socialisation of %(program)s: plan its socialisation."
                ),
                params={"unit": phase_unit.unit.name, "program": phase_unit.program.name},
            )
    return phase_unit


def _operators_of(unit: OrgUnit):
    """Operators whose OPD holds the unit (the people who run it day to day)."""
    opd_path = unit.opd_path
    if not opd_path:
        return []
    return [
        assignment.user
        for assignment in RoleAssignment.objects.filter(
            role=Role.OPERATOR_OPD, scope__path=opd_path
        ).select_related("user")
    ]


# --- socialisation ------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *, actor, program: Program, unit: OrgUnit, date: dt.date, title: str, place: str = "",
    materials: str = "", materials_file=None,
) -> SocialisationEvent:  # fmt: skip
    if not manages_unit(actor, unit):
        raise PermissionDenied
    if not program.units.filter(unit__path__in=_ancestor_paths(unit)).exists():
        raise ValidationError({"unit": _("This unit is in no phase of the program.")})
    event = SocialisationEvent(program=program, unit=unit, date=date, title=title.strip(),
                               place=place.strip(), materials=materials.strip(),
                               materials_file=materials_file or "", created_by=actor)  # fmt: skip
    event.full_clean()
    event.save()
    audit_record(actor=actor, action="create", instance=event, changes=creation_changes(
        snapshot(event, ["unit", "date", "title", "place"])))  # fmt: skip
    return event


def _ancestor_paths(unit: OrgUnit) -> list[str]:
    parts = unit.path.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


@transaction.atomic
def attendance_record(*, actor, event: SocialisationEvent, nips: list[str]) -> int:
    """Record who attended from the signed list: every NIP must be an ASN in service of the
    event's unit; one unknown NIP refuses the whole list (with every line's problem) so nothing
    is half-recorded. Returns how many were added (those already recorded are not counted)."""
    if not manages_unit(actor, event.unit):
        raise PermissionDenied
    wanted, problems = [], []
    for line, raw in enumerate(nips, start=1):
        raw = str(raw).strip()
        if not raw:
            continue
        try:
            nip = normalize_nip(raw)
        except ValidationError as error:
            problems.append(_("Line %(n)s: %(problem)s")
                            % {"n": line, "problem": " ".join(error.messages)})  # fmt: skip
            continue
        wanted.append((line, nip))
    found = dict(
        Employee.objects.filter(nip__in=[nip for _, nip in wanted],
                                unit__path__startswith=event.unit.path)
        .exclude(state__in=GONE_STATES)
        .values_list("nip", "pk")
    )  # fmt: skip
    for line, nip in wanted:
        if nip not in found:
            problems.append(_("Line %(n)s: no ASN in service of %(unit)s has NIP %(nip)s.")
                            % {"n": line, "unit": event.unit.name, "nip": nip})  # fmt: skip
    if problems:
        raise ValidationError(problems)
    if not wanted:
        raise ValidationError(_("Enter at least one NIP."))
    return _attendance_add(actor, event, {found[nip] for _, nip in wanted}, action="update")


def _attendance_add(actor, event: SocialisationEvent, employee_ids: set[int], *, action) -> int:
    """Add the attendees not yet recorded; audited. Returns how many were added."""
    already = set(event.attendance.values_list("employee_id", flat=True))
    new = sorted(employee_ids - already)
    SocialisationAttendance.objects.bulk_create(
        SocialisationAttendance(event=event, employee_id=pk, recorded_by=actor) for pk in new
    )
    audit_record(actor=actor, action=action, instance=event,
                 changes={"attendance": [len(already), len(already) + len(new)]})  # fmt: skip
    return len(new)


ATTENDANCE_COLUMNS = ["NIP", "NAMA", "HADIR"]
ATTENDANCE_ALIASES = {"KEHADIRAN": "HADIR", "PRESENT": "HADIR", "NAME": "NAMA"}
ATTENDANCE_MAX_ROWS = 20_000
PRESENT_MARKS = {"YA", "Y", "YES", "HADIR", "1", "X", "V", "✓", "TRUE"}
ABSENT_MARKS = {"", "TIDAK", "T", "NO", "N", "0", "-", "FALSE", "TIDAK HADIR", "ABSEN"}


def attendance_import(*, actor, event: SocialisationEvent, upload) -> ImportResult:
    """The signed attendance list from XLSX, all or nothing: one row per ASN (NIP; NAMA is
    ignored). With a HADIR column only the rows marked present (ya, x, 1, hadir) count, so the
    unit's staff list downloaded from the event page can be marked and sent back; without it
    every row is an attendee. Every NIP must be an ASN in service of the event's unit, once."""
    if not manages_unit(actor, event.unit):
        raise PermissionDenied
    result = ImportResult()
    header, rows = read_table(upload, name=upload.name, aliases=ATTENDANCE_ALIASES)
    require_columns(header, required=["NIP"])
    marked = "HADIR" in header
    rows = list(table_rows(header, rows, columns=ATTENDANCE_COLUMNS,
                           max_rows=ATTENDANCE_MAX_ROWS))  # fmt: skip
    require_rows(rows)
    present: dict[str, int] = {}  # NIP → sheet row
    for number, raw in rows:
        if marked:
            mark = cell_text(raw.get("HADIR")).strip().upper()
            if mark in ABSENT_MARKS:
                continue
            if mark not in PRESENT_MARKS:
                result.error(number, "HADIR", raw.get("HADIR"),
                             _("Write “ya” for an attendee or leave the cell empty."))  # fmt: skip
                continue
        try:
            nip = normalize_nip(raw.get("NIP"))
        except ValidationError as error:
            result.error(number, "NIP", raw.get("NIP"), " ".join(error.messages))
            continue
        if nip in present:
            message = _("Row %(row)d already has this NIP.") % {"row": present[nip]}
            result.error(number, "NIP", raw.get("NIP"), message)
            continue
        present[nip] = number
    found = dict(
        Employee.objects.filter(nip__in=list(present), unit__path__startswith=event.unit.path)
        .exclude(state__in=GONE_STATES)
        .values_list("nip", "pk")
    )  # fmt: skip
    for nip, number in present.items():
        if nip not in found:
            result.error(number, "NIP", nip, _("No ASN in service of %(unit)s has this NIP.")
                         % {"unit": event.unit.name})  # fmt: skip
    if not result.errors and not present:
        raise ValidationError(_("No row is marked as present."))
    if result.errors:
        result.errors.sort()
        return result
    with transaction.atomic():
        result.created = _attendance_add(actor, event, set(found.values()), action="import")
    return result


def attendance_template_rows(event: SocialisationEvent) -> list[list]:
    """The unit's ASN in service as a list to mark: NIP, name, HADIR (yes for those already
    recorded)."""
    recorded = set(event.attendance.values_list("employee_id", flat=True))
    staff = (
        Employee.objects.filter(unit__path__startswith=event.unit.path)
        .exclude(state__in=GONE_STATES)
        .order_by("name")
        .values_list("pk", "nip", "name")
    )
    return [[nip, name, "ya" if pk in recorded else ""] for pk, nip, name in staff]


@transaction.atomic
def question_add(*, actor, event: SocialisationEvent, question: str, answer: str = ""):
    if not manages_unit(actor, event.unit):
        raise PermissionDenied
    if not question.strip():
        raise ValidationError({"question": _("Write the question.")})
    item = SocialisationQuestion.objects.create(
        event=event, question=question.strip(), answer=answer.strip(),
        answered_by=actor if answer.strip() else None,
    )  # fmt: skip
    audit_record(
        actor=actor,
        action="create",
        instance=item,
        changes=creation_changes({"question": item.question, "answer": item.answer}),
    )
    return item


@transaction.atomic
def question_answer(*, actor, question: SocialisationQuestion, answer: str):
    if not manages_unit(actor, question.event.unit):
        raise PermissionDenied
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    before = question.answer
    question.answer, question.answered_by = answer.strip(), actor
    question.save(update_fields=["answer", "answered_by"])
    audit_record(actor=actor, action="update", instance=question,
                 changes={"answer": [before, question.answer]})  # fmt: skip
    return question


# --- readiness ----------------------------------------------------------------------------------


@transaction.atomic
def item_save(
    *, actor, program: Program, dimension: str, text: str, active: bool = True,
    item: ReadinessItem | None = None,
) -> ReadinessItem:  # fmt: skip
    """Add or change a statement of the program's questionnaire. Answers already given keep
    their profile (computed when answered)."""
    _require_coordinator(actor, program)
    if dimension not in rules.DIMENSIONS:
        raise ValidationError({"dimension": _("Choose an ADKAR dimension.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the statement.")})
    before = snapshot(item, ["dimension", "text", "active"]) if item else {}
    if item is None:
        last = program.items.order_by("-order").values_list("order", flat=True).first() or 0
        item = ReadinessItem(program=program, order=last + 1)
    item.dimension, item.text, item.active = dimension, text.strip(), active
    item.save()
    after = snapshot(item, ["dimension", "text", "active"])
    audit_record(actor=actor, action="update" if before else "create", instance=item,
                 changes=diff(before, after) if before else creation_changes(after))  # fmt: skip
    return item


def _answers_by_dimension(items, answers: dict) -> tuple[dict, dict, list[str]]:
    """Answers keyed by item id (strings from a form, or ints) → per dimension, the clean
    answers and the problems (outside 1–5, not a number)."""
    by_dimension: dict[str, list[int]] = {d: [] for d in rules.DIMENSIONS}
    clean, problems = {}, []
    for item in items:
        raw = answers.get(item.pk, answers.get(str(item.pk)))
        if raw in (None, ""):
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if (
            value is None
            or str(raw).strip() not in {str(value)}
            or not (rules.LIKERT_MIN <= value <= rules.LIKERT_MAX)
        ):
            problems.append(_("“%(item)s”: answer from 1 to 5.") % {"item": item.text})
            continue
        by_dimension[item.dimension].append(value)
        clean[str(item.pk)] = value
    return by_dimension, clean, problems


@transaction.atomic
def readiness_answer(*, actor, program: Program, answers: dict, today=None) -> ReadinessResponse:
    """An ASN answers the program's ADKAR questionnaire. Open to ASN of units in or near their
    phase (`selectors.readiness_open_for`); each answer 1–5; every statement answered. The new
    answers become the current ones; earlier ones stay as history."""
    today = today or timezone.localdate()
    employee = Employee.objects.filter(user=actor).select_related("unit").first()
    open_units = readiness_open_for(employee, today)
    unit_of_program = [pu for pu in open_units if pu.program_id == program.pk]
    if employee is None or not unit_of_program:
        raise PermissionDenied
    items = list(program.items.filter(active=True))
    by_dimension, clean, problems = _answers_by_dimension(items, answers)
    missing = [item.text for item in items if str(item.pk) not in clean]
    if missing and not problems:
        problems.append(_("Answer every statement (%(n)s left).") % {"n": len(missing)})
    if problems:
        raise ValidationError(problems)
    profile = rules.adkar_profile({d: v for d, v in by_dimension.items() if v})
    ReadinessResponse.objects.filter(program=program, employee=employee,
                                     is_current=True).update(is_current=False)  # fmt: skip
    response = ReadinessResponse.objects.create(
        program=program, employee=employee, unit=employee.unit, answered_on=today,
        answers=clean, index=profile.index, barrier=profile.barrier or "",
        **{d: profile.dimensions[d] for d in rules.DIMENSIONS},
    )  # fmt: skip
    audit_record(actor=actor, action="create", instance=response,
                 changes={"index": [None, profile.index]})  # fmt: skip
    return response


# --- support actions ----------------------------------------------------------------------------


@transaction.atomic
def action_create(
    *, actor, program: Program, unit: OrgUnit, kind: str, description: str, owner, due,
    signal: str = "", today=None,
) -> SupportAction:  # fmt: skip
    """Assign a support action for a unit to a person, due by a date. The owner is told."""
    today = today or timezone.localdate()
    if not manages_unit(actor, unit):
        raise PermissionDenied
    errors = {}
    if owner is None:
        errors["owner"] = _("Choose who carries the action out.")
    elif not owner.is_active:
        errors["owner"] = _("This account is not active.")
    if kind not in SupportAction.Kind.values:
        errors["kind"] = _("Choose the kind of support.")
    if not description.strip():
        errors["description"] = _("Say what is to be done.")
    if due is None:
        errors["due"] = _("Give a due date.")
    elif due < today:
        errors["due"] = _("The due date has already passed.")
    if signal and signal not in rules.SIGNAL_CODES:
        errors["signal"] = _("Unknown signal.")
    if not program.units.filter(unit__path__in=_ancestor_paths(unit)).exists():
        errors["unit"] = _("This unit is in no phase of the program.")
    if errors:
        raise ValidationError(errors)
    action = SupportAction.objects.create(
        program=program, unit=unit, kind=kind, signal=signal, description=description.strip(),
        owner=owner, due=due, created_by=actor,
    )  # fmt: skip
    audit_record(actor=actor, action="create", instance=action,
                 changes=creation_changes(snapshot(action, ACTION_FIELDS)))  # fmt: skip
    notify(user=owner, link=reverse("programs:action_detail", args=[action.pk]),
           message=gettext_noop("A support action for %(unit)s is yours, due %(due)s."),
           params={"unit": unit.name, "due": due.strftime("%d-%m-%Y")})  # fmt: skip
    return action


@transaction.atomic
def action_close(
    *, actor, action: SupportAction, outcome: str, version, status: str = "done", today=None
) -> SupportAction:
    """The owner (or a manager of the unit) closes the action as done or cancelled, saying
    what came of it. The person who assigned it is told."""
    today = today or timezone.localdate()
    action = SupportAction.objects.select_for_update().select_related("unit").get(pk=action.pk)
    if action.owner_id != actor.pk and not manages_unit(actor, action.unit):
        raise PermissionDenied
    check_version(action.version, version)
    if action.status != SupportAction.Status.OPEN:
        raise ValidationError(_("This action is already closed."))
    if status not in (SupportAction.Status.DONE, SupportAction.Status.CANCELLED):
        raise ValidationError({"status": _("Close it as done or cancelled.")})
    if not outcome.strip():
        raise ValidationError({"outcome": _("Say what came of it.")})
    before = snapshot(action, ACTION_FIELDS)
    action.status, action.outcome, action.closed_on = status, outcome.strip(), today
    action.version += 1
    action.save()
    audit_record(actor=actor, action="update", instance=action,
                 changes=diff(before, snapshot(action, ACTION_FIELDS)))  # fmt: skip
    if action.created_by_id != actor.pk:
        notify(user=action.created_by, link=reverse("programs:action_detail", args=[action.pk]),
               message=gettext_noop("The support action for %(unit)s is closed."),
               params={"unit": action.unit.name})  # fmt: skip
    return action


# --- coordination across agencies ---------------------------------------------------------------


@transaction.atomic
def case_create(
    *, actor, program: Program, title: str, agencies, raised_on: dt.date, description: str = "",
) -> CoordinationCase:  # fmt: skip
    """Log a service problem that needs more than one OPD. The operators of the agencies
    involved are told."""
    agencies = list(agencies)
    reach_ok = may_coordinate(actor, program) or any(manages_unit(actor, a) for a in agencies)
    if not reach_ok:
        raise PermissionDenied
    errors = {}
    if not title.strip():
        errors["title"] = _("Name the problem.")
    outside = [a.name for a in agencies if a.parent_id != program.instansi_id]
    if outside:
        errors["agencies"] = _("Not an OPD of %(government)s: %(names)s.") % {
            "government": program.instansi.name, "names": ", ".join(outside)}  # fmt: skip
    elif len(agencies) < 2:
        errors["agencies"] = _("A coordination case involves at least two OPDs.")
    if raised_on is None:
        errors["raised_on"] = _("Give the date the problem was raised.")
    if errors:
        raise ValidationError(errors)
    case = CoordinationCase.objects.create(program=program, title=title.strip(),
                                           description=description.strip(), raised_by=actor,
                                           raised_on=raised_on)  # fmt: skip
    case.agencies.set(agencies)
    audit_record(
        actor=actor,
        action="create",
        instance=case,
        changes=creation_changes(
            {**snapshot(case, CASE_FIELDS), "agencies": sorted(a.name for a in agencies)}
        ),
    )
    link = reverse("programs:case_detail", args=[case.pk])
    for agency in agencies:
        for user in _operators_of(agency):
            if user.pk != actor.pk:
                notify(
                    user=user,
                    link=link,
                    params={"title": case.title},
                    message=gettext_noop("Your OPD is asked to help solve: %(title)s."),
                )
    return case


def _require_case_member(actor, case: CoordinationCase) -> None:
    if may_coordinate(actor, case.program) or case.raised_by_id == actor.pk:
        return
    if any(manages_unit(actor, agency) for agency in case.agencies.all()):
        return
    raise PermissionDenied


@transaction.atomic
def case_step_add(*, actor, case: CoordinationCase, date: dt.date, text: str):
    _require_case_member(actor, case)
    errors = {}
    if not text.strip():
        errors["text"] = _("Describe the step.")
    if date is None:
        errors["date"] = _("Give the date of the step.")
    elif date < case.raised_on:
        errors["date"] = _("The step cannot come before the problem was raised.")
    if errors:
        raise ValidationError(errors)
    step = CoordinationStep.objects.create(case=case, date=date, text=text.strip(), by=actor)
    audit_record(actor=actor, action="create", instance=step,
                 changes=creation_changes({"case": case.pk, "text": step.text}))  # fmt: skip
    return step


@transaction.atomic
def case_resolve(*, actor, case: CoordinationCase, resolution: str, resolved_on, version):
    _require_case_member(actor, case)
    case = CoordinationCase.objects.select_for_update().get(pk=case.pk)
    check_version(case.version, version)
    errors = {}
    if case.status == CoordinationCase.Status.RESOLVED:
        raise ValidationError(_("This case is already resolved."))
    if not resolution.strip():
        errors["resolution"] = _("Say how it was resolved.")
    if resolved_on is None:
        errors["resolved_on"] = _("Give the date it was resolved.")
    elif resolved_on < case.raised_on:
        errors["resolved_on"] = _("It cannot be resolved before it was raised.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(case, CASE_FIELDS)
    case.status, case.resolution, case.resolved_on = (
        CoordinationCase.Status.RESOLVED,
        resolution.strip(),
        resolved_on,
    )
    case.version += 1
    case.save()
    audit_record(actor=actor, action="update", instance=case,
                 changes=diff(before, snapshot(case, CASE_FIELDS)))  # fmt: skip
    return case


# --- the logframe -------------------------------------------------------------------------------


def _decimal(value, field: str, errors: dict):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        errors[field] = _("Enter a number.")
        return None


@transaction.atomic
def indicator_save(
    *, actor, program: Program, level: str, name: str, source: str, unit_label: str = "",
    higher_is_better: bool = True, baseline=None, targets: dict | None = None,
    indicator: Indicator | None = None,
) -> Indicator:  # fmt: skip
    """Add or change a logframe indicator; `targets` is year → value for the program's
    years."""
    _require_coordinator(actor, program)
    errors: dict = {}
    baseline = _decimal(baseline, "baseline", errors)
    clean_targets = {}
    for year, value in (targets or {}).items():
        number = _decimal(value, "targets", errors)
        if number is None:
            continue
        if int(year) not in program.years:
            errors["targets"] = _("Targets are for the program's years only.")
        clean_targets[str(int(year))] = str(number)
    if level not in Indicator.Level.values:
        errors["level"] = _("Choose a level.")
    if source not in Indicator.Source.values:
        errors["source"] = _("Choose a source.")
    if not name.strip():
        errors["name"] = _("Name the indicator.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(indicator, INDICATOR_FIELDS) if indicator else {}
    if indicator is None:
        indicator = Indicator(program=program, order=program.indicators.count())
    indicator.level, indicator.name, indicator.source = level, name.strip(), source
    indicator.unit_label, indicator.higher_is_better = unit_label.strip(), higher_is_better
    indicator.baseline, indicator.targets = baseline, clean_targets
    indicator.save()
    after = snapshot(indicator, INDICATOR_FIELDS)
    audit_record(actor=actor, action="update" if before else "create", instance=indicator,
                 changes=diff(before, after) if before else creation_changes(after))  # fmt: skip
    return indicator


@transaction.atomic
def indicator_value_set(
    *, actor, indicator: Indicator, year: int, value, evidence=None, note: str = ""
) -> IndicatorValue:
    """The value of an entered indicator for a year, with its evidence (a file, or a note
    naming the source document)."""
    _require_coordinator(actor, indicator.program)
    errors: dict = {}
    if indicator.source != Indicator.Source.ENTERED:
        raise ValidationError(_("This indicator is computed by the system."))
    number = _decimal(value, "value", errors)
    if number is None and "value" not in errors:
        errors["value"] = _("Enter the value.")
    if year not in indicator.program.years:
        errors["year"] = _("Choose one of the program's years.")
    existing = IndicatorValue.objects.filter(indicator=indicator, year=year).first()
    if not evidence and not note.strip() and not (existing and existing.evidence):
        errors["evidence"] = _("Attach the evidence or name its source document.")
    if errors:
        raise ValidationError(errors)
    row = existing or IndicatorValue(indicator=indicator, year=year, entered_by=actor)
    before = {"value": str(row.value) if existing else None}
    row.value, row.note, row.entered_by = number, note.strip(), actor
    if evidence:
        row.evidence = evidence
    row.save()
    audit_record(actor=actor, action="update", instance=indicator,
                 changes={f"value {year}": [before["value"], str(number)]})  # fmt: skip
    return row
