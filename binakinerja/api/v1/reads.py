"""Read endpoints: each checks the token's scope, then reads through the owning app's selector
(the same door the pages use), filters, and pages by cursor."""

from __future__ import annotations

from typing import Annotated

from django.db.models import Prefetch
from ninja import Path, Query, Router, Schema
from pydantic import Field

from binakinerja.api.rules import READ
from binakinerja.api.v1 import schemas as s
from binakinerja.api.v1.auth import need
from binakinerja.api.v1.paging import page
from binakinerja.mentoring.selectors import pairs_visible_to
from binakinerja.organizations.selectors import orgunit_get_for_user, orgunit_list_visible_to
from binakinerja.people.selectors import employee_get_for_user, employee_list_visible_to
from binakinerja.performance.models import SkpAssessment
from binakinerja.performance.selectors import skp_get_for_user, skp_list_visible_to
from binakinerja.satisfaction.models import SurveyPeriod
from binakinerja.satisfaction.selectors import (
    can_read_surveys,
    ikm_by_period,
    service_units_visible_to,
)
from binakinerja.trainings.selectors import (
    batches_visible_to,
    jp_records_visible_to,
    programs_visible_to,
)

router = Router()
ERRORS = {400: s.Error, 401: s.Error, 403: s.Error, 404: s.Error, 422: s.Error, 429: s.Error}
UnitPage, EmployeePage = s.page_of(s.UnitOut), s.page_of(s.EmployeeOut)
SkpPage, JpPage = s.page_of(s.SkpOut), s.page_of(s.JpRecordOut)
ProgramPage, BatchPage = s.page_of(s.ProgramOut), s.page_of(s.BatchOut)
PairPage, IkmPage = s.page_of(s.PairOut), s.page_of(s.IkmOut)


class Paging(Schema):
    """Query parameters of a list (an unknown one is refused by `need(..., query=filters)`)."""

    cursor: str | None = Field(None, max_length=300, pattern=s.NO_NUL)
    limit: int | None = Field(None, ge=1, le=200, description="rows per page (default 50)")


def _unit(request, pk):
    """A unit named in a filter: 404 outside the token's reach."""
    return orgunit_get_for_user(request.auth, pk)


# --- registry -----------------------------------------------------------------------------------


def unit_row(u) -> dict:
    return {"id": u.pk, "name": u.name, "short_name": u.short_name, "code": u.code,
            "kind": u.kind, "unit_type": u.unit_type, "parent_id": u.parent_id,
            "is_service_unit": u.is_service_unit, "is_active": u.is_active}  # fmt: skip


class UnitFilter(Paging):
    kind: s.Word | None = None
    parent: s.Id | None = None
    q: s.Word | None = None


@router.get("/units", response={200: UnitPage, **ERRORS}, url_name="unit_list",
            tags=["registry"], summary="Organisation units")  # fmt: skip
def unit_list(request, filters: Query[UnitFilter]):
    need(request, "registry", READ, query=filters)
    units = orgunit_list_visible_to(request.auth)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.parent is not None:
        units = units.filter(parent=_unit(request, filters.parent))
    if filters.q:
        units = units.filter(name__icontains=filters.q)
    return page(units, name="units", cursor=filters.cursor, limit=filters.limit,
                serialize=lambda rows: [unit_row(u) for u in rows])  # fmt: skip


@router.get("/units/{pk}", response={200: s.UnitOut, **ERRORS}, url_name="unit_detail",
            tags=["registry"], summary="One organisation unit")  # fmt: skip
def unit_detail(request, pk: Annotated[int, Path(ge=1, le=2**53)]):
    need(request, "registry", READ)
    return unit_row(orgunit_get_for_user(request.auth, pk))


def employee_row(e) -> dict:
    return {"id": e.pk, "nip": e.nip, "name": e.name, "gelar_depan": e.gelar_depan,
            "gelar_belakang": e.gelar_belakang, "status": e.status, "gender": e.gender,
            "golongan": e.golongan, "state": e.state, "unit_id": e.unit_id,
            "position_id": e.position_id, "position_name": e.position.name if e.position else "",
            "supervisor_id": e.supervisor_id}  # fmt: skip


class EmployeeFilter(Paging):
    unit: s.Id | None = None
    nip: s.Word | None = None
    q: s.Word | None = None
    status: s.Word | None = None
    state: s.Word | None = None


@router.get("/employees", response={200: EmployeePage, **ERRORS}, url_name="employee_list",
            tags=["registry"], summary="Employees (ASN), without sensitive fields")  # fmt: skip
def employee_list(request, filters: Query[EmployeeFilter]):
    need(request, "registry", READ, query=filters)
    employees = employee_list_visible_to(request.auth)
    if filters.unit is not None:
        employees = employees.filter(_unit(request, filters.unit).subtree_q("unit__"))
    if filters.nip:
        employees = employees.filter(nip=filters.nip.replace(" ", ""))
    if filters.q:
        employees = employees.filter(name__icontains=filters.q)
    if filters.status:
        employees = employees.filter(status=filters.status)
    if filters.state:
        employees = employees.filter(state=filters.state)
    return page(employees, name="employees", cursor=filters.cursor, limit=filters.limit,
                serialize=lambda rows: [employee_row(e) for e in rows])  # fmt: skip


@router.get("/employees/{pk}", response={200: s.EmployeeOut, **ERRORS},
            url_name="employee_detail", tags=["registry"], summary="One employee")  # fmt: skip
def employee_detail(request, pk: Annotated[int, Path(ge=1, le=2**53)]):
    need(request, "registry", READ)
    return employee_row(employee_get_for_user(request.auth, pk))


# --- SKP ----------------------------------------------------------------------------------------


def skp_row(k) -> dict:
    return {
        "id": k.pk, "employee_id": k.employee_id, "employee_nip": k.employee.nip,
        "atasan_id": k.atasan_id, "year": k.year, "status": k.status,
        "assessments": [
            {"id": a.pk, "period_id": a.period_id, "period_kind": a.period.kind,
             "hasil_kerja": a.hasil_kerja, "perilaku_kerja": a.perilaku_kerja,
             "predikat": a.predikat, "assessed_at": a.assessed_at}
            for a in k.assessments.all()
        ],
    }  # fmt: skip


def _with_assessments(skps):
    return skps.prefetch_related(Prefetch(
        "assessments", queryset=SkpAssessment.objects.select_related("period").order_by("pk")
    ))  # fmt: skip


class SkpFilter(Paging):
    year: s.Year | None = None
    status: s.Word | None = None
    employee: s.Id | None = None
    unit: s.Id | None = None


@router.get("/skps", response={200: SkpPage, **ERRORS}, url_name="skp_list", tags=["skp"],
            summary="SKPs with their assessments")  # fmt: skip
def skp_list(request, filters: Query[SkpFilter]):
    need(request, "skp", READ, query=filters)
    skps = skp_list_visible_to(request.auth)
    if filters.year is not None:
        skps = skps.filter(year=filters.year)
    if filters.status:
        skps = skps.filter(status=filters.status)
    if filters.employee is not None:
        skps = skps.filter(employee_id=filters.employee)
    if filters.unit is not None:
        skps = skps.filter(_unit(request, filters.unit).subtree_q("employee__unit__"))
    return page(_with_assessments(skps), name="skps", cursor=filters.cursor,
                limit=filters.limit, serialize=lambda rows: [skp_row(k) for k in rows])  # fmt: skip


@router.get("/skps/{pk}", response={200: s.SkpOut, **ERRORS}, url_name="skp_detail",
            tags=["skp"], summary="One SKP with its assessments")  # fmt: skip
def skp_detail(request, pk: Annotated[int, Path(ge=1, le=2**53)]):
    need(request, "skp", READ)
    skp = skp_get_for_user(request.auth, pk)
    return skp_row(_with_assessments(type(skp).objects.filter(pk=skp.pk)).get())


# --- JP ledger, trainings -----------------------------------------------------------------------


class JpFilter(Paging):
    year: s.Year | None = None
    employee: s.Id | None = None
    unit: s.Id | None = None
    form_code: s.Word | None = None
    source: s.Word | None = None


# By person, then record (see paging): every page is an index walk, however far the reader's
# scope is spread over the ledger.
JP_PAGE_ORDER = ("employee_id", "id")


@router.get("/jp-records", response={200: JpPage, **ERRORS}, url_name="jp_record_list",
            tags=["jp"], summary="The JP ledger",
            description="Ordered by employee, then record.")  # fmt: skip
def jp_record_list(request, filters: Query[JpFilter]):
    need(request, "jp", READ, query=filters)
    records = jp_records_visible_to(request.auth).select_related("employee")
    if filters.year is not None:
        records = records.filter(year=filters.year)
    if filters.employee is not None:
        records = records.filter(employee_id=filters.employee)
    if filters.unit is not None:
        records = records.filter(_unit(request, filters.unit).subtree_q("employee__unit__"))
    if filters.form_code:
        records = records.filter(form_code=filters.form_code)
    if filters.source:
        records = records.filter(source=filters.source)

    def rows(records):
        return [{"id": r.pk, "employee_id": r.employee_id, "employee_nip": r.employee.nip,
                 "title": r.title, "institution_name": r.institution_name,
                 "form_code": r.form_code, "jenis_diklat_id": r.jenis_diklat_id,
                 "start": r.start, "end": r.end, "year": r.year, "minutes": r.minutes,
                 "jp": r.jp, "source": r.source, "certificate_number": r.certificate_number}
                for r in records]  # fmt: skip

    return page(records, name="jp", cursor=filters.cursor, limit=filters.limit, serialize=rows,
                order=JP_PAGE_ORDER)  # fmt: skip


class ProgramFilter(Paging):
    status: s.Word | None = None
    form_code: s.Word | None = None


@router.get("/trainings/programs", response={200: ProgramPage, **ERRORS},
            url_name="program_list", tags=["trainings"], summary="Training programs")  # fmt: skip
def program_list(request, filters: Query[ProgramFilter]):
    need(request, "trainings", READ, query=filters)
    programs = programs_visible_to(request.auth)
    if filters.status:
        programs = programs.filter(status=filters.status)
    if filters.form_code:
        programs = programs.filter(form_code=filters.form_code)

    def rows(programs):
        return [{"id": p.pk, "title": p.title, "institution_id": p.institution_id,
                 "institution_name": p.institution.name, "form_code": p.form_code,
                 "jenis_diklat_id": p.jenis_diklat_id, "status": p.status}
                for p in programs]  # fmt: skip

    return page(programs, name="programs", cursor=filters.cursor, limit=filters.limit,
                serialize=rows)  # fmt: skip


class BatchFilter(Paging):
    program: s.Id | None = None
    year: s.Year | None = None
    status: s.Word | None = None


@router.get("/trainings/batches", response={200: BatchPage, **ERRORS}, url_name="batch_list",
            tags=["trainings"], summary="Training batches")  # fmt: skip
def batch_list(request, filters: Query[BatchFilter]):
    need(request, "trainings", READ, query=filters)
    batches = batches_visible_to(request.auth)
    if filters.program is not None:
        batches = batches.filter(program_id=filters.program)
    if filters.year is not None:
        batches = batches.filter(year=filters.year)
    if filters.status:
        batches = batches.filter(status=filters.status)

    def rows(batches):
        return [{"id": b.pk, "program_id": b.program_id, "name": b.name, "year": b.year,
                 "capacity": b.capacity, "place": b.place, "start": b.start, "end": b.end,
                 "status": b.status} for b in batches]  # fmt: skip

    return page(batches, name="batches", cursor=filters.cursor, limit=filters.limit,
                serialize=rows)  # fmt: skip


# --- mentoring, IKM -----------------------------------------------------------------------------


class PairFilter(Paging):
    cycle: s.Id | None = None
    year: s.Year | None = None
    status: s.Word | None = None


@router.get("/mentoring/pairs", response={200: PairPage, **ERRORS}, url_name="pair_list",
            tags=["mentoring"], summary="Mentoring pairs")  # fmt: skip
def pair_list(request, filters: Query[PairFilter]):
    need(request, "mentoring", READ, query=filters)
    # Only the columns the API shows: the selector's joins to both persons and their logins
    # cost ~60 ms a page at 32,000 ASN on PostgreSQL, the narrowed page ~6 ms.
    pairs = (
        pairs_visible_to(request.auth)
        .select_related(None)
        .select_related("cycle")
        .only("id", "cycle__year", "mentor_id", "mentee_id", "competency_id", "status", "score")
    )
    if filters.cycle is not None:
        pairs = pairs.filter(cycle_id=filters.cycle)
    if filters.year is not None:
        pairs = pairs.filter(cycle__year=filters.year)
    if filters.status:
        pairs = pairs.filter(status=filters.status)

    def rows(pairs):
        return [{"id": p.pk, "cycle_id": p.cycle_id, "cycle_year": p.cycle.year,
                 "mentor_id": p.mentor_id, "mentee_id": p.mentee_id,
                 "competency_id": p.competency_id, "status": p.status, "score": p.score}
                for p in pairs]  # fmt: skip

    return page(pairs, name="pairs", cursor=filters.cursor, limit=filters.limit,
                serialize=rows)  # fmt: skip


class IkmFilter(Paging):
    year: s.Year | None = None
    unit: s.Id | None = None
    status: s.Word | None = None


@router.get("/ikm", response={200: IkmPage, **ERRORS}, url_name="ikm_list", tags=["ikm"],
            summary="IKM (Indeks Kepuasan Masyarakat) per survey period")  # fmt: skip
def ikm_list(request, filters: Query[IkmFilter]):
    need(request, "ikm", READ, query=filters)
    if not can_read_surveys(request.auth):
        return page(SurveyPeriod.objects.none(), name="ikm", cursor=filters.cursor,
                    limit=filters.limit, serialize=lambda rows: [])  # fmt: skip
    periods = SurveyPeriod.objects.filter(
        service_unit__in=service_units_visible_to(request.auth)
    ).select_related("service_unit__unit")
    if filters.year is not None:
        periods = periods.filter(year=filters.year)
    if filters.unit is not None:
        periods = periods.filter(_unit(request, filters.unit).subtree_q("service_unit__unit__"))
    if filters.status:
        periods = periods.filter(status=filters.status)

    def rows(periods):
        results = ikm_by_period([p.pk for p in periods])
        out = []
        for p in periods:
            r = results.get(p.pk)
            out.append({
                "period_id": p.pk, "service_unit_id": p.service_unit_id,
                "unit_id": p.service_unit.unit_id, "unit_name": p.service_unit.unit.name,
                "year": p.year, "kind": p.kind, "number": p.number, "starts_on": p.starts_on,
                "ends_on": p.ends_on, "status": p.status,
                "respondents": r.respondents if r else 0, "ikm": r.ikm if r else None,
                "score": r.score if r else None, "mutu": r.mutu if r else None,
                "kinerja": r.kinerja if r else None,
            })  # fmt: skip
        return out

    return page(periods, name="ikm", cursor=filters.cursor, limit=filters.limit, serialize=rows)
