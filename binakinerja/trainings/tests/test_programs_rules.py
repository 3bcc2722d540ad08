"""`rules.revision_changes`: what changed between two submitted versions of a program."""

from binakinerja.trainings.rules import RevisionChange, revision_changes


def snap(fields=None, modules=(), competencies=()):
    base = {"title": "Pelayanan Prima", "form_code": "KL03", "jenis_diklat_id": 3,
            "min_attendance_pct": 80, "pass_mark": "70", "test_maximum": "100"}  # fmt: skip
    return {"fields": {**base, **(fields or {})}, "modules": list(modules),
            "competencies": list(competencies)}  # fmt: skip


def module(pk, name, jp, order=1, **extra):
    return {"id": pk, "order": order, "name": name, "jp": jp, "objective": "", "method": "",
            **extra}  # fmt: skip


def test_identical_snapshots_have_no_change():
    s = snap(modules=[module(1, "A", 8)], competencies=[{"code": "M1", "level": 2}])
    assert revision_changes(s, s) == []


def test_field_changes_are_listed_in_the_form_order():
    old = snap()
    new = snap({"pass_mark": "75", "title": "Pelayanan Prima II"})
    assert revision_changes(old, new) == [
        RevisionChange("field", "title", "Pelayanan Prima", "Pelayanan Prima II"),
        RevisionChange("field", "pass_mark", "70", "75"),
    ]


def test_modules_added_removed_and_changed_are_matched_by_id_even_when_renamed():
    old = snap(modules=[module(1, "Standar", 8), module(2, "Komunikasi", 8, order=2)])
    new = snap(modules=[module(1, "Standar Pelayanan", 10), module(3, "Etika", 4, order=2)])
    changes = revision_changes(old, new)
    assert changes == [
        RevisionChange("module_changed", "Standar Pelayanan",
                       {"name": "Standar", "jp": 8}, {"name": "Standar Pelayanan", "jp": 10}),
        RevisionChange("module_added", "Etika", None, module(3, "Etika", 4, order=2)),
        RevisionChange("module_removed", "Komunikasi", module(2, "Komunikasi", 8, order=2), None),
    ]  # fmt: skip


def test_modules_without_ids_are_matched_by_name():
    old = snap(modules=[{"name": "A", "jp": 2, "order": 1}])
    new = snap(modules=[{"name": "A", "jp": 3, "order": 1}])
    assert revision_changes(old, new) == [
        RevisionChange("module_changed", "A", {"jp": 2}, {"jp": 3})
    ]


def test_target_competencies_added_removed_and_level_changed():
    old = snap(competencies=[{"code": "M1", "level": 2}, {"code": "M2", "level": 3}])
    new = snap(competencies=[{"code": "M1", "level": 3}, {"code": "T-1", "level": 2}])
    assert revision_changes(old, new) == [
        RevisionChange("competency_changed", "M1", 2, 3),
        RevisionChange("competency_added", "T-1", None, 2),
        RevisionChange("competency_removed", "M2", 3, None),
    ]


def test_a_first_version_lists_everything_as_added():
    new = snap(modules=[module(1, "A", 8)], competencies=[{"code": "M1", "level": 2}])
    kinds = [change.kind for change in revision_changes(None, new)]
    assert kinds.count("field") == len(new["fields"])
    assert "module_added" in kinds and "competency_added" in kinds
