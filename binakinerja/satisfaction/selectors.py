"""Reads of survey data: who may see which service unit, and the IKM as one grouped query.

Managers (admin BKPSDM, operator OPD) of a unit's subtree see and change its surveys; pimpinan
read the aggregates of theirs. The public sees published aggregates only (views_public).

Every managed view reaches its object through one fetcher per type
(`service_unit_get_for_user`, `period_get_for_user`, `improvement_action_get_for_user`), which
does the whole permission check: 403 for roles without survey access (or without any write
access, on a write), 404 outside the user's reach, 403 for a reader asking to write. The
fetched service unit carries `can_manage`, so pages need no check of their own.
"""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.http import Http404

from binakinerja.core.scoping import reach_of
from binakinerja.organizations.selectors import orgunit_list_visible_to
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    ImprovementAction,
    ServiceUnit,
    ServiceVisit,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.rules import IkmResult, ikm_from_sums, weight_from_setting


def ikm_weight() -> Fraction:
    return weight_from_setting(settings.SATISFACTION_IKM_WEIGHT)


def service_unit_scope_q(user, *, write: bool = False, prefix: str = "") -> Q:
    """Service units (reached through `prefix`) `user` may read (managers and pimpinan) or
    manage (managers): those of the units `orgunit_list_visible_to` gives, as a subquery."""
    return Q(**{f"{prefix}unit__in": orgunit_list_visible_to(user, write=write)})


def can_read_surveys(user) -> bool:
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.dashboard_paths)


def can_manage_surveys(user) -> bool:
    reach = reach_of(user)
    return reach.manages_everything or bool(reach.managed_paths)


def service_units_visible_to(user, *, write: bool = False):
    return ServiceUnit.objects.filter(service_unit_scope_q(user, write=write)).select_related(
        "unit"
    )


def can_manage_service_unit(user, service_unit: ServiceUnit) -> bool:
    """Whether `user` manages (not only reads) the unit: the same rule as
    `service_unit_scope_q(write=True)`, from the cached reach and the unit's path (no query)."""
    reach = reach_of(user)
    if reach.manages_everything:
        return True
    path = service_unit.unit.path
    return any(path.startswith(p) for p in reach.managed_paths)


def _get_in_reach(user, model, pk, *, write: bool, via: str):
    """The `model` row `pk` whose service unit (reached through `via`, "" for a service unit
    itself) is in `user`'s reach, with that unit's `can_manage` set. 403 for users without
    survey access (or without any write access, on a write) before any lookup, so they learn
    nothing about which ids exist; 404 outside the reach; 403 for a reader asking to write."""
    if not (can_manage_surveys(user) if write else can_read_surveys(user)):
        raise PermissionDenied
    prefix = f"{via}__" if via else ""
    found = (
        model.objects.select_related(f"{prefix}unit")
        .filter(service_unit_scope_q(user, prefix=prefix), pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    service_unit = found
    for step in filter(None, via.split("__")):
        service_unit = getattr(service_unit, step)
    service_unit.can_manage = can_manage_service_unit(user, service_unit)
    if write and not service_unit.can_manage:
        raise PermissionDenied
    return found


def service_unit_get_for_user(user, pk, *, write: bool = False) -> ServiceUnit:
    """The service unit `pk` for a page of `user` (see `_get_in_reach`); `can_manage` tells
    the page whether to offer changes."""
    return _get_in_reach(user, ServiceUnit, pk, write=write, via="")


def period_get_for_user(user, pk, *, write: bool = False) -> SurveyPeriod:
    """The survey period `pk`, checked as its service unit (`period.service_unit.can_manage`)."""
    return _get_in_reach(user, SurveyPeriod, pk, write=write, via="service_unit")


def improvement_action_get_for_user(user, pk, *, write: bool = False) -> ImprovementAction:
    """The follow-up action `pk`, checked as its period's service unit."""
    return _get_in_reach(user, ImprovementAction, pk, write=write, via="period__service_unit")


def _aggregates():
    named = {}
    for name in ELEMENT_FIELDS:
        named[f"s_{name}"] = Sum(name)
        named[f"c_{name}"] = Count(name)
    named["n"] = Count("id")
    return named


def _result_of(row: dict, weight: Fraction) -> IkmResult:
    return ikm_from_sums(
        [row[f"s_{name}"] or 0 for name in ELEMENT_FIELDS],
        [row[f"c_{name}"] for name in ELEMENT_FIELDS],
        respondents=row["n"],
        weight=weight,
    )


def ikm_by_period(periods) -> dict[int, IkmResult]:
    """IKM of each period (ids or a queryset) over its valid responses: one grouped query.

    Periods without valid responses are absent from the result."""
    weight = ikm_weight()
    rows = (
        SurveyResponse.objects.filter(period__in=periods, status=SurveyResponse.Status.VALID)
        .order_by()
        .values("period_id")
        .annotate(**_aggregates())
    )
    return {row["period_id"]: _result_of(row, weight) for row in rows}


def ikm_of_period(period) -> IkmResult | None:
    return ikm_by_period([period.pk]).get(period.pk)


def latest_published_periods(service_units) -> dict[int, SurveyPeriod]:
    """The most recent published period of each service unit (ids or a queryset)."""
    latest: dict[int, SurveyPeriod] = {}
    periods = SurveyPeriod.objects.filter(
        service_unit__in=service_units, published_at__isnull=False
    ).order_by("service_unit_id", "-ends_on", "-pk")
    for period in periods:
        latest.setdefault(period.service_unit_id, period)
    return latest


def published_ikm_of(service_unit) -> tuple[SurveyPeriod, IkmResult] | None:
    """The unit's current published IKM, for the thank-you page and the public lists."""
    period = latest_published_periods([service_unit.pk]).get(service_unit.pk)
    if period is None:
        return None
    result = ikm_of_period(period)
    return (period, result) if result is not None else None


def mean_service_minutes(root, year: int) -> float | None:
    """The mean minutes from arrival to the end of service over the year's recorded visits of
    the service units under `root` (None without visits): one aggregate in the database."""
    duration = ExpressionWrapper(F("finished_at") - F("arrived_at"), output_field=DurationField())
    mean = ServiceVisit.objects.filter(
        service__service_unit__unit__path__startswith=root.path, arrived_at__year=year
    ).aggregate(mean=Avg(duration))["mean"]
    return round(mean.total_seconds() / 60, 1) if mean is not None else None


def service_figures_by_unit(root, year: int) -> dict[str, dict]:
    """Per service unit path under `root` for `year`: the IKM summed over its periods weighted by
    respondents (`ikm_sum`, `respondents`) and the recorded visits' mean minutes from arrival to
    the end of service (`minutes_sum`, `visits`). Three queries (monitoring's rollups)."""
    found: dict[str, dict] = {}

    def row(path):
        return found.setdefault(path, {"ikm_sum": 0.0, "respondents": 0, "minutes_sum": 0.0,
                                       "visits": 0})  # fmt: skip

    periods = dict(
        SurveyPeriod.objects.filter(service_unit__unit__path__startswith=root.path, year=year)
        .values_list("pk", "service_unit__unit__path")
    )  # fmt: skip
    for period_id, result in ikm_by_period(list(periods)).items():
        if result.ikm is not None:
            target = row(periods[period_id])
            target["ikm_sum"] += result.ikm * result.respondents
            target["respondents"] += result.respondents
    duration = ExpressionWrapper(F("finished_at") - F("arrived_at"), output_field=DurationField())
    visits = (
        ServiceVisit.objects.filter(service__service_unit__unit__path__startswith=root.path,
                                    arrived_at__year=year)
        .order_by()
        .values("service__service_unit__unit__path")
        .annotate(mean=Avg(duration), n=Count("pk"))
        .values_list("service__service_unit__unit__path", "mean", "n")
    )  # fmt: skip
    for path, mean, n in visits:
        target = row(path)
        target["minutes_sum"] += mean.total_seconds() / 60 * n
        target["visits"] += n
    return found
