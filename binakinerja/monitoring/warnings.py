"""Early warning (issue 17): the rules (`WarningRule`, thresholds as data) checked against the
rollups by the daily task. A breach opens one warning per rule, unit and year and tells the
people responsible (operators of the OPD; admins of the government for the government as a
whole); a warning whose figures recovered is resolved; one dismissed with a reason stays
dismissed for the year. Home tasks list the open warnings of the reader's units."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.audit import audit_record, diff
from binakinerja.core.notifications import notify
from binakinerja.core.scoping import reach_of
from binakinerja.monitoring.models import EarlyWarning, Rollup, WarningRule
from binakinerja.organizations.models import OrgUnit


def breached(rule: WarningRule, value: float | None, before: float | None) -> bool:
    """Whether a unit's value (and last year's, for a drop) breaks the rule. Pure."""
    if value is None:
        return False
    threshold = float(rule.threshold)
    if rule.test == WarningRule.Test.BELOW:
        return value < threshold
    if rule.test == WarningRule.Test.ABOVE:
        return value > threshold
    return before is not None and before - value > threshold


def _responsible(unit: OrgUnit):
    """Operators of an OPD, admins of a government: who is told of a warning."""
    role = Role.ADMIN_BKPSDM if "." not in unit.path else Role.OPERATOR_OPD
    return [a.user for a in RoleAssignment.objects.filter(role=role, scope=unit)
            .select_related("user")]  # fmt: skip


def evaluate(today: dt.date | None = None) -> dict[str, int]:
    """Check every active rule against this year's rollups (rules apply from their month on);
    returns how many warnings were opened and resolved."""
    today = today or timezone.localdate()
    year = today.year
    current = {(r.unit_id, r.indicator): r for r in Rollup.objects.filter(year=year)}
    last = {(r.unit_id, r.indicator): r.value for r in Rollup.objects.filter(year=year - 1)}
    existing = {(w.rule_id, w.unit_id): w for w in EarlyWarning.objects.filter(year=year)}
    units = {}
    opened = resolved = 0
    now = timezone.now()
    for rule in WarningRule.objects.filter(active=True):
        if today.month < rule.from_month:
            continue
        for (unit_id, indicator), rollup in current.items():
            if indicator != rule.indicator:
                continue
            value = rollup.value
            warning = existing.get((rule.pk, unit_id))
            if breached(rule, value, last.get((unit_id, indicator))):
                if warning is None:
                    warning = EarlyWarning.objects.create(rule=rule, unit_id=unit_id, year=year,
                                                          value=value, raised_at=now)  # fmt: skip
                    opened += 1
                    unit = units.get(unit_id) or OrgUnit.objects.get(pk=unit_id)
                    units[unit_id] = unit
                    link = reverse("monitoring:warnings")
                    for user in _responsible(unit):
                        notify(user=user, link=link,
                               message=gettext_noop("Early warning for %(unit)s: %(rule)s."),
                               params={"unit": unit.name, "rule": rule.name})  # fmt: skip
                elif warning.status == EarlyWarning.Status.RESOLVED:
                    warning.status, warning.closed_at, warning.value = "open", None, value
                    warning.save(update_fields=["status", "closed_at", "value"])
                    opened += 1
                elif warning.status == EarlyWarning.Status.OPEN and warning.value != value:
                    warning.value = value
                    warning.save(update_fields=["value"])
            elif warning is not None and warning.status == EarlyWarning.Status.OPEN:
                warning.status, warning.closed_at, warning.value = "resolved", now, value or 0
                warning.save(update_fields=["status", "closed_at", "value"])
                resolved += 1
    return {"opened": opened, "resolved": resolved}


def warnings_for(user):
    """The warnings of the units the reader reads (admins: their government and its OPDs;
    operators: their OPD; pimpinan: their scope)."""
    reach = reach_of(user)
    warnings = EarlyWarning.objects.select_related("rule", "unit")
    if reach.manages_everything:
        return warnings
    q = Q(pk__in=[])
    for path in reach.dashboard_paths:
        q |= Q(unit__path=path) | Q(unit__path__startswith=path + ".")
    return warnings.filter(q)


def may_close(user, warning: EarlyWarning) -> bool:
    reach = reach_of(user)
    path = warning.unit.path
    return reach.manages_everything or any(path == p or path.startswith(p + ".")
                                           for p in reach.managed_paths)  # fmt: skip


@transaction.atomic
def dismiss(*, actor, warning: EarlyWarning, reason: str) -> EarlyWarning:
    """Close an open warning with the reason (audited); it stays closed for the year."""
    if not may_close(actor, warning):
        raise PermissionDenied
    warning = EarlyWarning.objects.select_for_update().get(pk=warning.pk)
    if warning.status != EarlyWarning.Status.OPEN:
        raise ValidationError(_("This warning is no longer open."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for dismissing the warning.")})
    warning.status = EarlyWarning.Status.DISMISSED
    warning.reason = reason.strip()[:300]
    warning.closed_at = timezone.now()
    warning.closed_by = actor
    warning.save()
    audit_record(actor=actor, action="update", instance=warning, reason=warning.reason,
                 changes={"status": ["open", "dismissed"]})  # fmt: skip
    return warning


def ensure_default_rules() -> None:
    """The default rules (migration 0003 writes them; a flushed test database lacks them)."""
    from binakinerja.monitoring.migrations import _default_rules

    for code, name, indicator, test, threshold, month in _default_rules.RULES:
        WarningRule.objects.get_or_create(code=code, defaults={
            "name": name, "indicator": indicator, "test": test, "threshold": threshold,
            "from_month": month,
        })  # fmt: skip


@transaction.atomic
def rule_save(*, actor, rule: WarningRule, threshold, from_month, active: bool) -> WarningRule:
    """Change a rule's threshold, first month and whether it runs (superadmins; audited)."""
    if not reach_of(actor).manages_everything:
        raise PermissionDenied
    errors = {}
    try:
        value = Decimal(str(threshold).replace(",", "."))
        if not value.is_finite():
            raise ValueError
    except (ValueError, ArithmeticError):
        errors["threshold"] = _("The threshold must be a number.")
    try:
        month = int(from_month)
        if not 1 <= month <= 12:
            raise ValueError
    except (TypeError, ValueError):
        errors["from_month"] = _("The month is a number from 1 to 12.")
    if errors:
        raise ValidationError(errors)
    rule = WarningRule.objects.select_for_update().get(pk=rule.pk)
    before = {"threshold": str(rule.threshold), "from_month": rule.from_month,
              "active": rule.active}  # fmt: skip
    rule.threshold, rule.from_month, rule.active = value, month, bool(active)
    rule.save()
    after = {"threshold": str(rule.threshold), "from_month": rule.from_month,
             "active": rule.active}  # fmt: skip
    audit_record(actor=actor, action="update", instance=rule, changes=diff(before, after))
    return rule
