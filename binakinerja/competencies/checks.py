"""System checks: a bad unit-cost setting is reported by `manage.py check` (and at start-up),
not by the first request for a development plan."""

from django.conf import settings
from django.core.checks import Error, register

from binakinerja.competencies import rules


@register()
def plan_costs_check(app_configs=None, **kwargs):
    try:
        rules.plan_costs(getattr(settings, "COMPETENCIES_PLAN_COSTS", None))
    except ValueError as error:
        return [Error(f"COMPETENCIES_PLAN_COSTS: {error}", id="competencies.E001")]
    return []
