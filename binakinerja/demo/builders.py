"""Writes the demo data set: a deterministic, realistic registry of Gorontalo's seven
governments (see `plan.py` for how it is drawn up).

The plan is pure Python; writing it is fast because only the few thousand units go through
`organizations.services.orgunit_create` (it keeps the materialised path). Positions and
employees are bulk-created, employees level by level down the supervision tree so that each
level's supervisors already have their primary keys; then the demo logins and one summary audit
record. No career history is written: it records changes, not registration, and each seeded
record already holds its current position and rank with their TMTs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from binakinerja.accounts.models import Role, RoleAssignment, User
from binakinerja.core.audit import audit_record
from binakinerja.demo import data as D
from binakinerja.demo.budgets import budgets_reset, seed_budgets
from binakinerja.demo.competencies import competencies_reset, seed_competencies, seed_idp
from binakinerja.demo.mentoring import mentoring_reset, seed_mentoring
from binakinerja.demo.monitoring import monitoring_reset
from binakinerja.demo.performance import performance_reset, seed_performance
from binakinerja.demo.plan import AS_OF, G, Person, Planner, UnitPlan
from binakinerja.demo.programs import programs_reset, seed_programs
from binakinerja.demo.trainings import seed_trainings, trainings_reset
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.services import orgunit_create
from binakinerja.people.models import CareerHistory, Employee, Position
from binakinerja.people.services import employee_link_user

INSTITUTION = "BPSDM Provinsi Gorontalo"


@dataclass
class SeedResult:
    units: int = 0
    positions: int = 0
    employees: int = 0
    pppk: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, scope
    performance: dict[str, int] = field(default_factory=dict)
    competencies: dict[str, int] = field(default_factory=dict)
    trainings: dict[str, int] = field(default_factory=dict)
    mentoring: dict[str, int] = field(default_factory=dict)
    programs: dict[str, int] = field(default_factory=dict)
    budgets: dict[str, int] = field(default_factory=dict)
    # Written last by the command (`monitoring.seed_monitoring`, after the survey data it reads).
    monitoring: dict[str, int] = field(default_factory=dict)


def _create_units(planner: Planner) -> int:
    count = 0

    def create(node: UnitPlan, parent: OrgUnit | None) -> None:
        nonlocal count
        node.unit = orgunit_create(
            actor=None,
            parent=parent,
            name=node.name,
            short_name=node.short_name,
            code=node.code,
            unit_type=node.unit_type,
            is_service_unit=node.is_service_unit,
            kab_kota=node.kab_kota,
            address=node.address,
        )
        count += 1
        for child in node.children:
            create(child, node.unit)

    for root in planner.roots:
        create(root, None)
    return count


def _create_positions(people: list[Person]) -> dict[tuple, int]:
    keys: dict[tuple, None] = {}
    for person in people:
        keys.setdefault((person.plan.unit.pk, *person.position))
    objs = [Position(unit_id=u, name=n, kind=k, level=lv) for (u, n, k, lv) in keys]
    Position.objects.bulk_create(objs, batch_size=2000)
    if any(o.pk is None for o in objs):  # databases that do not return ids from bulk inserts
        objs = list(Position.objects.filter(unit_id__in={k[0] for k in keys}))
    return {(o.unit_id, o.name, o.kind, o.level): o.pk for o in objs}


def _create_employees(people: list[Person], positions: dict[tuple, int]) -> None:
    by_depth: dict[int, list[Person]] = {}
    for person in people:
        by_depth.setdefault(person.depth, []).append(person)
    for depth in sorted(by_depth):
        batch = by_depth[depth]
        objs = [
            Employee(
                nip=p.nip,
                name=p.name,
                gelar_depan=p.gelar_depan,
                gelar_belakang=p.gelar_belakang,
                status=p.status,
                gender=p.gender,
                birth_date=p.birth_date,
                birth_place=p.birth_place,
                tmt_cpns=p.tmt_cpns,
                golongan=p.golongan,
                tmt_golongan=p.tmt_golongan,
                position_id=positions[(p.plan.unit.pk, *p.position)],
                tmt_jabatan=p.tmt_jabatan,
                unit_id=p.plan.unit.pk,
                supervisor_id=p.supervisor.pk if p.supervisor is not None else None,
                state=p.state,
                education_level=p.education_level,
                education_major=p.education_major,
                email=p.email,
            )
            for p in batch
        ]
        Employee.objects.bulk_create(objs, batch_size=1000)
        if any(o.pk is None for o in objs):
            ids = dict(
                Employee.objects.filter(nip__in=[p.nip for p in batch]).values_list("nip", "pk")
            )
            for p in batch:
                p.pk = ids[p.nip]
        else:
            for p, o in zip(batch, objs, strict=True):
                p.pk = o.pk


def _find_opd(planner: Planner, gov_key: str, opd_key: str) -> UnitPlan:
    root = next(r for r in planner.roots if r.gov.key == gov_key)
    return next(o for o in root.children if o.opd_key == opd_key)


def _pick_atasan(planner: Planner) -> tuple[Person, Person]:
    """A Kepala Bidang in the provincial Dinas Kesehatan with a staff member below them."""
    dinkes = _find_opd(planner, "prov", "dinkes")
    heads = [u.head for u in dinkes.children if u.unit_type == D.BIDANG] + [
        u.head for u in dinkes.walk() if u is not dinkes
    ]
    for head in heads:
        if head.subordinates == 0:
            continue
        below = [
            p for p in planner.people if p.supervisor is head and p.state == Employee.State.AKTIF
        ]
        staff = [p for p in below if p.subordinates == 0] or below
        if staff:
            return head, staff[0]
    raise RuntimeError("no supervisor with staff in the provincial Dinas Kesehatan")


def _pick_mentor(planner: Planner, taken: list[Person]) -> Person:
    """A senior provincial employee: a Widyaiswara of BPSDM if there is one."""
    province = [p for p in planner.people if p.plan.gov.is_province and p not in taken]
    active = [p for p in province if p.state == Employee.State.AKTIF and p.status == "PNS"]
    for test in (
        lambda p: p.role == "Widyaiswara" and G[p.golongan] >= G["IV/a"],
        lambda p: p.role == "Widyaiswara",
        lambda p: p.subordinates == 0 and G.get(p.golongan, 0) >= G["IV/a"],
        lambda p: G.get(p.golongan, 0) >= G["III/c"],
        lambda p: True,
    ):
        found = [p for p in active if test(p)]
        if found:
            return found[0]
    raise RuntimeError("no employee for the mentor login")


def _create_logins(planner: Planner, result: SeedResult) -> None:
    password = make_password(D.DEMO_PASSWORD)  # hashed once: Argon2 is deliberately slow
    prov_root = next(r for r in planner.roots if r.gov.is_province).unit
    kota_root = next(r for r in planner.roots if r.gov.key == "kota").unit
    dinkes = _find_opd(planner, "prov", "dinkes").unit
    dikbud = _find_opd(planner, "prov", "dikbud").unit

    def user(username: str, *, staff=False, superuser=False) -> User:
        account = User.objects.create_user(
            username=username,
            email=f"{username}@demo.binakinerja.example",
            password=None,
            is_staff=staff or superuser,
            is_superuser=superuser,
        )
        account.password = password
        account.save(update_fields=["password"])
        return account

    def employee_of(person: Person) -> Employee:
        return Employee.objects.get(pk=person.pk)

    user("superadmin", superuser=True)
    result.logins.append(("superadmin", "Superuser (admin Django)", "semua data"))
    for username, role, scope, staff, label in (
        ("admin.provinsi", Role.ADMIN_BKPSDM, prov_root, True, "Admin BKPSDM"),
        ("admin.kota", Role.ADMIN_BKPSDM, kota_root, False, "Admin BKPSDM"),
        ("operator.dinkes", Role.OPERATOR_OPD, dinkes, False, "Operator OPD"),
        ("operator.dikbud", Role.OPERATOR_OPD, dikbud, False, "Operator OPD"),
        ("pimpinan.provinsi", Role.PIMPINAN, prov_root, False, "Pimpinan"),
    ):
        RoleAssignment.objects.create(user=user(username, staff=staff), role=role, scope=scope)
        where = scope.name if scope.parent_id is None else f"{scope.name} ({prov_root.name})"
        result.logins.append((username, label, where))

    atasan, asn = _pick_atasan(planner)
    mentor = _pick_mentor(planner, [atasan, asn])
    for username, person, label in (
        ("atasan", atasan, "Atasan (pegawai dengan bawahan)"),
        ("asn", asn, "ASN"),
    ):
        employee_link_user(actor=None, employee=employee_of(person), user=user(username))
        result.logins.append(
            (username, label, f"{person.name}, {person.position[0]} – {person.plan.name}")
        )
    account = user("mentor")
    RoleAssignment.objects.create(user=account, role=Role.MENTOR)
    employee_link_user(actor=None, employee=employee_of(mentor), user=account)
    result.logins.append(("mentor", "Mentor", f"{mentor.name}, {mentor.position[0]}"))
    account = user("penyelenggara")
    RoleAssignment.objects.create(user=account, role=Role.PENYELENGGARA, institution=INSTITUTION)
    result.logins.append(("penyelenggara", "Penyelenggara pelatihan", INSTITUTION))


def seed_demo(*, asn: int, seed: int) -> SeedResult:
    """Write the demo data set for `asn` employees from `seed` (into an empty registry)."""
    planner = Planner(asn=asn, seed=seed).plan()
    people = planner.people
    result = SeedResult()
    with transaction.atomic():
        result.units = _create_units(planner)
        positions = _create_positions(people)
        result.positions = len(positions)
        _create_employees(people, positions)
        result.employees = len(people)
        result.pppk = sum(1 for p in people if p.status == "PPPK")
        _create_logins(planner, result)
        result.performance = seed_performance(seed=seed, year=AS_OF.year)
        result.competencies = seed_competencies(seed=seed, year=AS_OF.year)
        result.competencies.update(seed_idp(year=AS_OF.year))
        result.trainings = seed_trainings(seed=seed, year=AS_OF.year)
        result.mentoring = seed_mentoring(seed=seed, year=AS_OF.year)
        result.programs = seed_programs(seed=seed, year=AS_OF.year)
        result.budgets = seed_budgets(seed=seed, year=AS_OF.year)
        audit_record(
            actor=None,
            action="import",
            object_type="demo.seed",
            object_repr=f"seed_demo --asn {asn} --seed {seed}",
            changes={
                "units": [0, result.units],
                "positions": [0, result.positions],
                "employees": [0, result.employees],
                "users": [0, len(result.logins)],
            },
            reason="Synthetic demo data (seed_demo): not real ASN records.",
        )
    return result


def demo_reset() -> dict[str, int]:
    """Delete the registry the demo wrote (employees, positions, units) and the demo logins.
    Other apps' records that point at them block the deletion (PROTECT); audit rows stay."""
    with transaction.atomic():
        users = User.objects.filter(username__in=D.DEMO_USERNAMES)
        RoleAssignment.objects.filter(user__in=users).delete()
        counts = {
            "employees": Employee.objects.count(),
            "units": OrgUnit.objects.count(),
            "users": users.count(),
        }
        monitoring_reset()
        budgets_reset()
        programs_reset()
        mentoring_reset()
        trainings_reset()
        competencies_reset()
        performance_reset()
        CareerHistory.objects.all().delete()
        Employee.objects.update(supervisor=None, user=None)
        Employee.objects.all().delete()
        Position.objects.all().delete()
        for depth in sorted(set(OrgUnit.objects.values_list("depth", flat=True)), reverse=True):
            OrgUnit.objects.filter(depth=depth).delete()
        users.delete()
        audit_record(
            actor=None,
            action="delete",
            object_type="demo.seed",
            object_repr="seed_demo --reset",
            changes={k: [v, 0] for k, v in counts.items()},
        )
    return counts
