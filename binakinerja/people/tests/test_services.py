import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_employee
from binakinerja.people.models import CareerHistory, Employee
from binakinerja.people.rules import CAREER_TRACKED
from binakinerja.people.selectors import employee_is_below, employee_subordinate_count
from binakinerja.people.services import employee_create, employee_update


def test_create_takes_status_gender_and_dates_from_the_nip(world):
    employee = employee_create(
        actor=world.operator_a,
        nip="19900215 201903 2 004",
        unit=world.puskesmas,
        name="Nurhayati Katili",
        golongan="III/a",
        position=world.pos_perawat,
    )
    assert employee.nip == "199002152019032004"
    assert (employee.status, employee.gender) == ("PNS", "P")
    assert employee.birth_date == dt.date(1990, 2, 15)
    assert employee.tmt_cpns == dt.date(2019, 3, 1)
    entry = AuditLog.objects.get(object_type="people.employee", object_id=str(employee.pk))
    assert entry.action == "create"
    assert entry.actor == world.operator_a
    assert entry.changes["name"] == [None, "Nurhayati Katili"]
    assert "email" not in entry.changes  # a creation lists only the fields that have a value


def test_create_writes_no_career_history(world):
    """Career history records changes; the new record itself holds the current values."""
    employee = employee_create(
        actor=world.admin,
        nip="19900215 201903 2 004",
        unit=world.puskesmas,
        name="Nurhayati Katili",
        golongan="III/a",
        position=world.pos_perawat,
    )
    assert not CareerHistory.objects.filter(employee=employee).exists()
    employee_update(actor=world.admin, employee=employee, golongan="III/b")
    step = CareerHistory.objects.get(employee=employee)
    assert (step.kind, step.old_value, step.new_value) == ("rank", "III/a", "III/b")


def test_create_with_bad_nip_writes_nothing(world):
    before = (Employee.objects.count(), AuditLog.objects.count())
    with pytest.raises(ValidationError):
        employee_create(actor=world.admin, nip="1.98609E+17", unit=world.puskesmas, name="X")
    assert (Employee.objects.count(), AuditLog.objects.count()) == before


def test_update_records_each_changed_field_old_to_new(world):
    employee_update(actor=world.operator_a, employee=world.asn, golongan="III/b")
    entry = AuditLog.objects.filter(object_id=str(world.asn.pk), action="update").get()
    assert entry.changes == {"golongan": ["III/a", "III/b"]}
    history = CareerHistory.objects.get(employee=world.asn, kind="rank")
    assert (history.old_value, history.new_value) == ("III/a", "III/b")


def test_update_without_change_writes_no_audit_and_keeps_version(world):
    version = world.asn.version
    employee_update(actor=world.operator_a, employee=world.asn, golongan="III/a")
    world.asn.refresh_from_db()
    assert world.asn.version == version
    assert not AuditLog.objects.filter(object_id=str(world.asn.pk), action="update").exists()


def test_second_editor_with_stale_version_is_refused(world):
    loaded = world.asn.version
    employee_update(actor=world.admin, employee=world.asn, version=loaded, name="Siti N.")
    with pytest.raises(StaleVersionError):
        employee_update(actor=world.operator_a, employee=world.asn, version=loaded, name="Siti Nur")
    world.asn.refresh_from_db()
    assert world.asn.name == "Siti N."
    assert world.asn.version == loaded + 1


def test_career_kinds_of_the_pure_rule_are_the_models_kinds():
    assert set(CAREER_TRACKED.values()) == set(CareerHistory.Kind.values)


def test_supervisor_cycle_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        employee_update(actor=world.admin, employee=world.atasan, supervisor=world.asn)
    assert "supervisor" in caught.value.message_dict
    world.atasan.refresh_from_db()
    assert world.atasan.supervisor_id is None


def test_indirect_cycle_is_refused(world):
    grandchild = make_employee(world.puskesmas, "Cucu Bawahan", supervisor=world.asn)
    with pytest.raises(ValidationError):
        employee_update(actor=world.admin, employee=world.atasan, supervisor=grandchild)


def test_self_supervision_is_refused(world):
    with pytest.raises(ValidationError):
        employee_update(actor=world.admin, employee=world.asn, supervisor=world.asn)


def test_masked_fields_never_reach_the_audit_trail():
    from binakinerja.core.audit import diff

    assert diff({"nik": "7501010101010001"}, {"nik": "7501010101010002"}) == {"nik": ["***", "***"]}


def _chain(world, top, depth: int, width: int = 2) -> list:
    """`width` people under `top`, and under each of them the next level, `depth` levels deep."""
    everyone, level = [], [top]
    for d in range(depth):
        level = [
            make_employee(world.puskesmas, f"Tingkat {d} {i} {j}", supervisor=boss)
            for i, boss in enumerate(level)
            for j in range(width)
        ]
        everyone += level
    return everyone


def test_the_supervision_tree_query_finds_every_level_below_and_nobody_else(world):
    already = employee_subordinate_count(world.atasan.pk)  # the world's own team
    below = _chain(world, world.atasan, depth=4)  # 2 + 4 + 8 + 16 people
    outsider = make_employee(world.puskesmas, "Orang Lain")
    expected = {e.pk for e in below} | {world.asn.pk}
    assert employee_subordinate_count(world.atasan.pk) == already + len(below)
    assert employee_is_below(ancestor_id=world.atasan.pk, candidate_id=below[-1].pk)
    assert not employee_is_below(ancestor_id=world.atasan.pk, candidate_id=outsider.pk)
    assert not employee_is_below(ancestor_id=below[0].pk, candidate_id=world.atasan.pk)
    visible = set(Employee.objects.visible_to(world.atasan_user).values_list("pk", flat=True))
    assert expected <= visible and outsider.pk not in visible


def test_a_cycle_that_slipped_into_the_data_neither_loops_nor_counts_twice(world):
    already = employee_subordinate_count(world.atasan.pk)
    below = _chain(world, world.atasan, depth=2)
    # Services refuse cycles; one written straight to the table must still not hang the query.
    Employee.objects.filter(pk=world.atasan.pk).update(supervisor=below[-1])
    # Everyone below once, and the atasan, now below their own subordinate, once.
    assert employee_subordinate_count(world.atasan.pk) == already + len(below) + 1
