"""The one fetcher per survey object type (selectors.py): it does the whole permission check
(403 without survey access, 404 outside reach, 403 for a reader asking to write) and tells the
page whether the user manages the unit, so no view checks again."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from binakinerja.satisfaction.selectors import (
    can_manage_service_unit,
    improvement_action_get_for_user,
    period_get_for_user,
    service_unit_get_for_user,
)

NO_SURVEY_ROLE = ("mentor", "penyelenggara", "atasan_user", "asn_user")


@pytest.mark.parametrize("persona", NO_SURVEY_ROLE)
def test_users_without_survey_access_are_refused_before_any_lookup(survey, persona):
    user = getattr(survey, persona)
    for write in (False, True):
        with pytest.raises(PermissionDenied):
            service_unit_get_for_user(user, survey.su_puskesmas.pk, write=write)
        with pytest.raises(PermissionDenied):
            period_get_for_user(user, survey.pk_last.pk, write=write)
        # A missing id answers the same: the refusal says nothing about which ids exist.
        with pytest.raises(PermissionDenied):
            service_unit_get_for_user(user, 999_999, write=write)


def test_a_unit_outside_the_reach_is_a_404(survey):
    with pytest.raises(Http404):
        service_unit_get_for_user(survey.operator_b, survey.su_puskesmas.pk)
    with pytest.raises(Http404):
        period_get_for_user(survey.operator_a, survey.dk_last.pk, write=True)
    with pytest.raises(Http404):
        service_unit_get_for_user(survey.operator_a, 999_999)


def test_a_reader_gets_the_unit_but_not_to_change_it(survey):
    unit = service_unit_get_for_user(survey.pimpinan, survey.su_puskesmas.pk)
    assert unit == survey.su_puskesmas and unit.can_manage is False
    with pytest.raises(PermissionDenied):
        service_unit_get_for_user(survey.pimpinan, survey.su_puskesmas.pk, write=True)
    period = period_get_for_user(survey.pimpinan, survey.pk_last.pk)
    assert period.service_unit.can_manage is False


@pytest.mark.parametrize("persona", ["superadmin", "admin", "operator_a"])
def test_a_manager_gets_the_unit_marked_as_managed(survey, persona):
    user = getattr(survey, persona)
    for write in (False, True):
        unit = service_unit_get_for_user(user, survey.su_puskesmas.pk, write=write)
        assert unit.can_manage is True
        period = period_get_for_user(user, survey.pk_open.pk, write=write)
        assert period == survey.pk_open and period.service_unit.can_manage is True


def test_can_manage_matches_the_write_scope_without_a_query(survey, django_assert_num_queries):
    from binakinerja.core.scoping import reach_of

    for user in (survey.superadmin, survey.operator_a, survey.operator_b, survey.pimpinan):
        reach_of(user)  # read once per request, as in a view
    with django_assert_num_queries(0):
        assert can_manage_service_unit(survey.superadmin, survey.su_dukcapil)
        assert can_manage_service_unit(survey.operator_a, survey.su_puskesmas)
        assert not can_manage_service_unit(survey.operator_b, survey.su_puskesmas)
        assert not can_manage_service_unit(survey.pimpinan, survey.su_puskesmas)


def test_a_follow_up_action_is_fetched_through_its_period(survey):
    action = survey.pk_last.actions.create(action="Perbaiki papan informasi")
    fetched = improvement_action_get_for_user(survey.operator_a, action.pk, write=True)
    assert fetched == action and fetched.period.service_unit.can_manage
    with pytest.raises(Http404):
        improvement_action_get_for_user(survey.operator_b, action.pk, write=True)
    with pytest.raises(PermissionDenied):
        improvement_action_get_for_user(survey.pimpinan, action.pk, write=True)
    with pytest.raises(PermissionDenied):
        improvement_action_get_for_user(survey.asn_user, 999_999, write=True)
