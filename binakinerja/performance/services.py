"""Writes of performance management; each is atomic and audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from binakinerja.core.audit import audit_record
from binakinerja.performance.models import Period
from binakinerja.performance.rules import period_dates


@transaction.atomic
def period_open_year(*, actor, instansi, year: int) -> list[Period]:
    """Create the four quarters and the annual period of a year for a government, open."""
    if instansi.kind != "instansi":
        raise ValidationError(_("Periods belong to a government (instansi)."))
    periods = []
    for kind in Period.Kind.values:
        start, end = period_dates(year, kind)
        period = Period(instansi=instansi, year=year, kind=kind, start=start, end=end)
        period.full_clean()
        period.save()
        periods.append(period)
    audit_record(
        actor=actor,
        action="create",
        object_type="performance.period",
        object_id=f"{instansi.pk}:{year}",
        object_repr=f"{instansi} {year}",
        changes={"year": [None, year], "periods": [None, [str(p) for p in periods]]},
    )
    return periods


def _set_status(*, actor, period: Period, status: str, reason: str = "") -> Period:
    locked = Period.objects.select_for_update().get(pk=period.pk)
    if locked.status == status:
        raise ValidationError(
            _("This period is already %(status)s."),
            params={"status": locked.get_status_display().lower()},
            code="period_unchanged",
        )
    old = locked.status
    locked.status = status
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="update",
        instance=locked,
        changes={"status": [old, status]},
        reason=reason,
    )
    return locked


@transaction.atomic
def period_close(*, actor, period: Period) -> Period:
    """Close a period: its realisations and assessments become read-only."""
    return _set_status(actor=actor, period=period, status=Period.Status.CLOSED)


@transaction.atomic
def period_reopen(*, actor, period: Period, reason: str) -> Period:
    """Reopen a closed period; the reason is required and kept in the audit trail."""
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Say why the period is reopened; the reason is kept in the audit trail.")}
        )
    return _set_status(actor=actor, period=period, status=Period.Status.OPEN, reason=reason)


def period_require_open(period: Period) -> None:
    """Refuse a change to data of a closed period."""
    if not period.is_open:
        raise ValidationError(
            _("%(period)s is closed; its data can no longer be changed."),
            params={"period": str(period)},
            code="period_closed",
        )
