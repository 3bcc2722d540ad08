import pytest
from django.core.exceptions import ValidationError

from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.selectors import orgunit_subtree
from binakinerja.organizations.services import orgunit_create, orgunit_move, path_step


def test_levels_follow_the_parent(world):
    assert world.prov.kind == "instansi"
    assert world.dinkes.kind == "opd"
    assert world.puskesmas.kind == "unit"
    deeper = orgunit_create(actor=None, parent=world.puskesmas, name="Pustu Hutuo")
    assert deeper.kind == "unit"
    assert deeper.depth == 3
    assert deeper.path == f"{world.puskesmas.path}.{path_step(deeper.pk)}"


def test_path_step_is_fixed_width_base36():
    assert path_step(1) == "00001"
    assert path_step(36) == "00010"
    assert len(path_step(60_000_000)) == 5


def test_subtree_is_one_query_whatever_the_depth(world, django_assert_num_queries):
    parent = world.puskesmas
    for level in range(6):
        parent = orgunit_create(actor=None, parent=parent, name=f"Level {level}")
    with django_assert_num_queries(1):
        names = [u.name for u in orgunit_subtree(unit=world.dinkes)]
    assert names[0] == "Dinas Kesehatan"
    assert "Level 5" in names
    assert "Dinas Pendidikan dan Kebudayaan" not in names


def test_move_rewrites_the_whole_subtree(world):
    child = orgunit_create(actor=None, parent=world.puskesmas, name="Pustu")
    orgunit_move(actor=world.admin, unit=world.puskesmas, new_parent=world.dikbud)
    child.refresh_from_db()
    world.puskesmas.refresh_from_db()
    assert world.puskesmas.path.startswith(world.dikbud.path + ".")
    assert child.path.startswith(world.puskesmas.path + ".")
    assert child.depth == 3
    assert world.puskesmas in orgunit_subtree(unit=world.dikbud)
    assert world.puskesmas not in orgunit_subtree(unit=world.dinkes)


def test_move_below_itself_is_refused(world):
    child = orgunit_create(actor=None, parent=world.puskesmas, name="Pustu")
    with pytest.raises(ValidationError):
        orgunit_move(actor=None, unit=world.puskesmas, new_parent=child)


def test_only_governments_are_roots(db):
    unit = OrgUnit(name="Yatim", kind="opd", path="zzzzz")
    with pytest.raises(ValidationError):
        unit.full_clean()
