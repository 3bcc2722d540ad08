"""Writes of the survey administration: service units, services, periods, extra questions,
paper responses and the review of flagged ones. Each is atomic and audited; views fetch the
objects through the scoped selectors first, so these functions trust their arguments' scope
except where a new object enters it (a unit marked as service unit, a question's unit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binakinerja.core.audit import audit_record, creation_changes, diff, snapshot
from binakinerja.core.concurrency import check_version
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import can_manage_unit, orgunit_list_visible_to
from binakinerja.organizations.services import orgunit_update
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    AgeBand,
    Education,
    ExtraQuestion,
    Occupation,
    Service,
    ServiceUnit,
    Sex,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.rules import (
    MAX_ANSWER,
    MIN_ANSWER,
    ancestor_paths,
    period_bounds,
    period_population,
)

# --- Checks of a paper row --------------------------------------------------------------------

RESPONDENT_CHOICES = {
    "sex": set(Sex.values),
    "age_band": set(AgeBand.values),
    "education": set(Education.values),
    "occupation": set(Occupation.values),
}


def row_problems(row: dict, *, period: SurveyPeriod, services: set[int], today: dt.date) -> dict:
    """Why one paper row cannot be stored, as {field: message} (empty when it can). `row`
    holds visit_date, service (a Service or None), u1…u9 and the respondent fields."""
    problems = {}
    for name in ELEMENT_FIELDS:
        value = row.get(name)
        if value is not None and (
            isinstance(value, bool) or value not in range(MIN_ANSWER, MAX_ANSWER + 1)
        ):
            problems[name] = _("An answer is a digit from 1 to 4.")
    if all(row.get(name) is None for name in ELEMENT_FIELDS):
        problems["__all__"] = _("Fill in at least one answer U1–U9.")
    visit = row.get("visit_date")
    if visit is not None:
        if visit > today:
            problems["visit_date"] = _("The visit date lies in the future.")
        elif not period.starts_on <= visit <= period.ends_on:
            problems["visit_date"] = _("The visit date lies outside the period (%(period)s).") % {
                "period": f"{period.starts_on:%d/%m/%Y}–{period.ends_on:%d/%m/%Y}"
            }
    for name, choices in RESPONDENT_CHOICES.items():
        if row.get(name) and row[name] not in choices:
            problems[name] = _("Unknown code.")
    service = row.get("service")
    if service is not None and service.pk not in services:
        problems["service"] = _("This service does not belong to the service unit.")
    return problems


# --- Service units ----------------------------------------------------------------------------

SERVICE_UNIT_FIELDS = ["unit", "public_code", "annual_users", "is_active"]


@transaction.atomic
def service_unit_create(*, actor, unit: OrgUnit, annual_users: int) -> ServiceUnit:
    """Give an organisation unit of the actor's scope its survey profile; the unit is marked as
    a public service unit too."""
    if unit.kind == OrgUnit.Kind.INSTANSI:
        raise ValidationError(
            _("A government as a whole cannot be a service unit; choose an agency or a unit."),
            code="service_unit_instansi",
        )
    if not can_manage_unit(actor, unit):
        raise ValidationError(_("This unit lies outside your scope."), code="out_of_scope")
    if ServiceUnit.objects.filter(unit=unit).exists():
        raise ValidationError(
            _("%(unit)s is already a service unit."),
            params={"unit": unit.name},
            code="service_unit_exists",
        )
    if annual_users is None or annual_users < 0:
        raise ValidationError(_("Service users per year cannot be negative."), code="negative")
    service_unit = ServiceUnit(unit=unit, annual_users=annual_users)
    service_unit.full_clean()
    service_unit.save()
    if not unit.is_service_unit:
        orgunit_update(actor=actor, unit=unit, is_service_unit=True)
    audit_record(
        actor=actor,
        action="create",
        instance=service_unit,
        changes=creation_changes(snapshot(service_unit, SERVICE_UNIT_FIELDS)),
    )
    return service_unit


@transaction.atomic
def service_unit_update(
    *, actor, service_unit: ServiceUnit, version: int, annual_users: int, is_active: bool
) -> ServiceUnit:
    """Change the yearly users and whether the online form accepts responses."""
    current = ServiceUnit.objects.select_for_update().get(pk=service_unit.pk)
    check_version(current.version, version)
    if annual_users is None or annual_users < 0:
        raise ValidationError(_("Service users per year cannot be negative."), code="negative")
    before = snapshot(current, SERVICE_UNIT_FIELDS)
    current.annual_users = annual_users
    current.is_active = is_active
    changes = diff(before, snapshot(current, SERVICE_UNIT_FIELDS))
    if not changes:
        return current
    current.version = F("version") + 1
    current.save(update_fields=["annual_users", "is_active", "version"])
    current.refresh_from_db()
    audit_record(actor=actor, action="update", instance=current, changes=changes)
    return current


# --- Services ---------------------------------------------------------------------------------

SERVICE_FIELDS = ["name", "target_minutes", "is_active"]


def _save_service(service: Service) -> None:
    name_taken = (
        Service.objects.filter(service_unit_id=service.service_unit_id, name__iexact=service.name)
        .exclude(pk=service.pk)
        .exists()
    )
    if name_taken:
        raise ValidationError(
            {"name": _("The unit already has a service with this name.")}, code="service_name"
        )
    service.full_clean()
    try:
        with transaction.atomic():
            service.save()
    except IntegrityError as error:  # a concurrent add of the same name
        raise ValidationError(
            {"name": _("The unit already has a service with this name.")}, code="service_name"
        ) from error


@transaction.atomic
def service_add(
    *, actor, service_unit: ServiceUnit, name: str, target_minutes: int | None = None
) -> Service:
    service = Service(
        service_unit=service_unit, name=(name or "").strip(), target_minutes=target_minutes
    )
    _save_service(service)
    audit_record(
        actor=actor,
        action="create",
        instance=service,
        changes=creation_changes(snapshot(service, SERVICE_FIELDS)),
    )
    return service


@transaction.atomic
def service_update(
    *, actor, service: Service, name: str, target_minutes: int | None, is_active: bool
) -> Service:
    current = Service.objects.select_for_update().get(pk=service.pk)
    before = snapshot(current, SERVICE_FIELDS)
    current.name = (name or "").strip()
    current.target_minutes = target_minutes
    current.is_active = is_active
    changes = diff(before, snapshot(current, SERVICE_FIELDS))
    if changes:
        _save_service(current)
        audit_record(actor=actor, action="update", instance=current, changes=changes)
    return current


# --- Survey periods ---------------------------------------------------------------------------

PERIOD_FIELDS = ["year", "kind", "number", "starts_on", "ends_on", "status", "population"]


@transaction.atomic
def period_create(
    *, actor, service_unit: ServiceUnit, year: int, kind: str, number: int,
    population: int | None = None,
) -> SurveyPeriod:  # fmt: skip
    """Open a new survey period. Its dates follow from the kind and number; the population
    defaults to the yearly users scaled to the period. A unit has one open period at a time and
    no two periods overlap."""
    starts_on, ends_on = period_bounds(year, kind, number)
    # Lock the unit so that two operators creating periods at once are serialised.
    ServiceUnit.objects.select_for_update().filter(pk=service_unit.pk).first()
    periods = SurveyPeriod.objects.filter(service_unit=service_unit)
    open_period = periods.filter(status=SurveyPeriod.Status.OPEN).first()
    if open_period is not None:
        raise ValidationError(
            _("%(period)s is still open: close it before opening a new period."),
            params={"period": str(open_period)},
            code="period_one_open",
        )
    overlapping = periods.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if overlapping is not None:
        raise ValidationError(
            _("The new period overlaps %(period)s (%(start)s–%(end)s)."),
            params={
                "period": str(overlapping),
                "start": f"{overlapping.starts_on:%d/%m/%Y}",
                "end": f"{overlapping.ends_on:%d/%m/%Y}",
            },
            code="period_overlap",
        )
    if population is None:
        population = period_population(service_unit.annual_users, kind)
    if population < 0:
        raise ValidationError(_("The population cannot be negative."), code="negative")
    period = SurveyPeriod(
        service_unit=service_unit, year=year, kind=kind, number=number, starts_on=starts_on,
        ends_on=ends_on, population=population,
    )  # fmt: skip
    period.full_clean()
    period.save()
    audit_record(
        actor=actor,
        action="create",
        instance=period,
        changes=creation_changes(snapshot(period, PERIOD_FIELDS)),
    )
    return period


def _locked_period(period: SurveyPeriod, version: int) -> SurveyPeriod:
    current = SurveyPeriod.objects.select_for_update().get(pk=period.pk)
    check_version(current.version, version)
    return current


def _save_period(current: SurveyPeriod, *, actor, changes: dict, reason: str = "") -> None:
    fields = [name for name in changes if name != "version"]
    current.version = F("version") + 1
    current.save(update_fields=[*fields, "version"])
    current.refresh_from_db()
    audit_record(actor=actor, action="update", instance=current, changes=changes, reason=reason)


@transaction.atomic
def period_close(*, actor, period: SurveyPeriod, version: int) -> SurveyPeriod:
    """Close a period: no more responses, paper entries or imports."""
    current = _locked_period(period, version)
    if not current.is_open:
        raise ValidationError(_("This period is already closed."), code="period_unchanged")
    current.status = SurveyPeriod.Status.CLOSED
    _save_period(current, actor=actor, changes={"status": ["open", "closed"]})
    return current


@transaction.atomic
def period_reopen(*, actor, period: SurveyPeriod, version: int, reason: str) -> SurveyPeriod:
    """Reopen a closed period; the reason is kept in the audit trail. A published period must
    be unpublished first, so that a public IKM never changes under its readers."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the period is reopened; the reason is kept in the audit trail.")}
        )
    current = _locked_period(period, version)
    if current.is_open:
        raise ValidationError(_("This period is already open."), code="period_unchanged")
    if current.is_published:
        raise ValidationError(
            _("This period's IKM is published: unpublish it before reopening the period."),
            code="period_published",
        )
    other = (
        SurveyPeriod.objects.filter(
            service_unit_id=current.service_unit_id, status=SurveyPeriod.Status.OPEN
        )
        .exclude(pk=current.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            _("%(period)s is open: a unit has one open period at a time. Close it first."),
            params={"period": str(other)},
            code="period_one_open",
        )
    current.status = SurveyPeriod.Status.OPEN
    _save_period(current, actor=actor, changes={"status": ["closed", "open"]}, reason=reason[:500])
    return current


@transaction.atomic
def period_publish(*, actor, period: SurveyPeriod, version: int) -> SurveyPeriod:
    """Make a closed period's IKM public."""
    current = _locked_period(period, version)
    if current.is_open:
        raise ValidationError(
            _("Only a closed period can be published: close it first."), code="period_open"
        )
    if current.is_published:
        raise ValidationError(_("This period is already published."), code="period_unchanged")
    current.published_at = timezone.now()
    _save_period(
        current, actor=actor, changes={"published_at": [None, current.published_at.isoformat()]}
    )
    return current


@transaction.atomic
def period_unpublish(*, actor, period: SurveyPeriod, version: int) -> SurveyPeriod:
    """Withdraw a period's IKM from the public pages."""
    current = _locked_period(period, version)
    if not current.is_published:
        raise ValidationError(_("This period is not published."), code="period_unchanged")
    old = current.published_at.isoformat()
    current.published_at = None
    _save_period(current, actor=actor, changes={"published_at": [old, None]})
    return current


# --- Extra questions --------------------------------------------------------------------------


def question_units_for(service_unit: ServiceUnit, actor):
    """The units where the actor may ask an extra question for this service unit: the unit
    itself and its OPD chain (not the whole government), within the actor's write scope."""
    return (
        orgunit_list_visible_to(actor, write=True)
        .filter(path__in=ancestor_paths(service_unit.unit.path))
        .exclude(kind=OrgUnit.Kind.INSTANSI)
        .order_by("-depth")
    )


@transaction.atomic
def extra_question_add(*, actor, service_unit: ServiceUnit, unit: OrgUnit, text: str):
    """Ask an agency's own question in `unit`'s subtree (the service unit or its OPD)."""
    if not question_units_for(service_unit, actor).filter(pk=unit.pk).exists():
        raise ValidationError(
            {"unit": _("Choose this service unit or an agency above it in your scope.")}
        )
    text = (text or "").strip()
    position = (
        ExtraQuestion.objects.filter(unit=unit).aggregate(top=Max("position"))["top"] or 0
    ) + 1
    question = ExtraQuestion(unit=unit, text=text, position=position)
    question.full_clean()
    question.save()
    audit_record(
        actor=actor,
        action="create",
        instance=question,
        changes=creation_changes(snapshot(question, ["unit", "text", "position"])),
    )
    return question


@transaction.atomic
def extra_question_deactivate(*, actor, service_unit: ServiceUnit, question: ExtraQuestion):
    """Stop asking a question; its answers stay."""
    if not question_units_for(service_unit, actor).filter(pk=question.unit_id).exists():
        raise ValidationError(
            _("This question is asked above your scope; you cannot change it."),
            code="out_of_scope",
        )
    if not question.is_active:
        raise ValidationError(_("This question is already inactive."), code="unchanged")
    ExtraQuestion.objects.filter(pk=question.pk).update(is_active=False)
    question.is_active = False
    audit_record(
        actor=actor, action="update", instance=question, changes={"is_active": [True, False]}
    )
    return question


# --- Paper responses --------------------------------------------------------------------------

RESPONDENT_FIELDS = ("sex", "age_band", "education", "occupation")
PAPER_FIELDS = ("visit_date", "service", *RESPONDENT_FIELDS, *ELEMENT_FIELDS, "suggestion")


def period_require_open(period: SurveyPeriod) -> None:
    if not period.is_open:
        raise ValidationError(
            _("%(period)s is closed: responses can no longer be added."),
            params={"period": str(period)},
            code="period_closed",
        )


@transaction.atomic
def paper_responses_record(
    *, actor, period: SurveyPeriod, rows: Sequence[dict],
    source: str = SurveyResponse.Source.PAPER,
) -> list[SurveyResponse]:  # fmt: skip
    """Store questionnaires filled in on paper, all or nothing, as one audit record. Each row
    is a dict of PAPER_FIELDS (service as a Service or None, codes as stored)."""
    current = SurveyPeriod.objects.select_for_update().get(pk=period.pk)
    period_require_open(current)
    if not rows:
        raise ValidationError(_("There is no filled-in row to store."), code="no_rows")
    services = set(
        Service.objects.filter(service_unit_id=current.service_unit_id).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    errors = []
    for number, row in enumerate(rows, start=1):
        problems = row_problems(row, period=current, services=services, today=today)
        if problems:
            errors.append(
                _("Row %(row)d: %(problems)s")
                % {"row": number, "problems": " ".join(str(p) for p in problems.values())}
            )
    if errors:
        raise ValidationError(errors, code="bad_rows")
    responses = [
        SurveyResponse(
            period=current,
            source=source,
            entered_by=actor,
            status=SurveyResponse.Status.VALID,
            service=row.get("service"),
            visit_date=row.get("visit_date"),
            **{name: row.get(name) or "" for name in RESPONDENT_FIELDS},
            **{name: row.get(name) for name in ELEMENT_FIELDS},
            suggestion=(row.get("suggestion") or "").strip()[:2000],
        )
        for row in rows
    ]
    created = SurveyResponse.objects.bulk_create(responses, batch_size=1000)
    audit_record(
        actor=actor,
        action="create",
        object_type="satisfaction.surveyresponse",
        object_id=str(current.pk),
        object_repr=f"{current.service_unit} {current}",
        changes={"responses": [0, len(created)], "source": [None, str(source)]},
    )
    return created


# --- Review of flagged responses --------------------------------------------------------------

DECISIONS = {"accept": SurveyResponse.Status.VALID, "reject": SurveyResponse.Status.REJECTED}


@transaction.atomic
def responses_review(*, actor, service_unit: ServiceUnit, ids: Iterable[int], decision: str) -> int:
    """Accept (count in the IKM) or reject flagged responses of the unit; returns how many
    changed. Responses of other units, or no longer flagged, are left alone."""
    status = DECISIONS.get(decision)
    if status is None:
        raise ValidationError(_("Choose accept or reject."), code="decision")
    wanted = sorted({int(pk) for pk in ids if str(pk).isdigit()})
    if not wanted:
        raise ValidationError(_("Select at least one response."), code="no_selection")
    flagged = SurveyResponse.objects.filter(
        pk__in=wanted,
        period__service_unit=service_unit,
        status=SurveyResponse.Status.FLAGGED,
    )
    # Periods of the reviewed responses, locked so that a close cannot interleave.
    period_ids = sorted(set(flagged.values_list("period_id", flat=True)))
    closed = SurveyPeriod.objects.select_for_update().filter(
        pk__in=period_ids, status=SurveyPeriod.Status.CLOSED, published_at__isnull=False
    )
    if closed.exists():
        raise ValidationError(
            _("Some of these responses belong to a published period: unpublish it first."),
            code="period_published",
        )
    changed_ids = list(flagged.order_by("pk").values_list("pk", flat=True))
    count = SurveyResponse.objects.filter(pk__in=changed_ids).update(status=status)
    if count:
        audit_record(
            actor=actor,
            action="update",
            object_type="satisfaction.surveyresponse",
            object_id=str(service_unit.pk),
            object_repr=f"{service_unit}: {decision} {count}",
            changes={"status": ["flagged", str(status)], "responses": changed_ids[:200]},
        )
    return count
