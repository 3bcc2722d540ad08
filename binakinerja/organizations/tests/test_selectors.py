import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from binakinerja.organizations.selectors import (
    can_manage_unit,
    opd_of,
    orgunit_ancestors,
    orgunit_get_for_user,
)


def test_unit_fetcher_gives_404_outside_the_browsable_units(world):
    with pytest.raises(Http404):
        orgunit_get_for_user(world.operator_b, world.puskesmas.pk)
    with pytest.raises(Http404):
        orgunit_get_for_user(world.operator_a, "x")


def test_unit_fetcher_gives_403_on_write_to_those_who_only_browse(world):
    assert orgunit_get_for_user(world.pimpinan, world.puskesmas.pk) == world.puskesmas
    with pytest.raises(PermissionDenied):
        orgunit_get_for_user(world.pimpinan, world.puskesmas.pk, write=True)
    assert orgunit_get_for_user(world.operator_a, world.puskesmas.pk, write=True)
    assert can_manage_unit(world.operator_a, world.puskesmas)
    assert not can_manage_unit(world.operator_b, world.puskesmas.pk)


def test_ancestors_and_opd_come_from_the_path(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert orgunit_ancestors(world.puskesmas) == [world.prov, world.dinkes]
    assert orgunit_ancestors(world.prov) == []
    assert opd_of(world.puskesmas) == world.dinkes
    assert opd_of(world.prov) is None
