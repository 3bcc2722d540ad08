"""Early warnings fire from the rollups (rules as data, from their month on), tell the people
responsible, show as home tasks, clear when the figures recover, and stay dismissed with a
reason."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from binakinerja.core.home import tasks_for
from binakinerja.core.models import Notification
from binakinerja.core.scoping import reach_of
from binakinerja.monitoring import rollups, warnings
from binakinerja.monitoring.models import EarlyWarning, WarningRule
from binakinerja.monitoring.testing import build_monitoring_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    w = build_monitoring_world(world)
    EarlyWarning.objects.all().delete()  # the matrix's warning: these tests raise their own
    return w


def test_the_default_rules_are_data():
    assert WarningRule.objects.filter(active=True).count() == 5
    assert WarningRule.objects.get(code="serapan-rendah-triwulan-4").from_month == 10


def test_a_rule_fires_from_its_month_tells_the_operator_and_clears(
    w, django_capture_on_commit_callbacks
):
    # Dinas Pendidikan's line has absorbed nothing: below 50% in the fourth quarter.
    early = warnings.evaluate(dt.date(w.year, 9, 30))
    assert not EarlyWarning.objects.filter(rule__code="serapan-rendah-triwulan-4",
                                           unit=w.dikbud).exists()  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        late = warnings.evaluate(dt.date(w.year, 10, 1))
    assert late["opened"] > early["opened"]
    warning = EarlyWarning.objects.get(rule__code="serapan-rendah-triwulan-4", unit=w.dikbud)
    assert warning.status == "open" and warning.value == 0
    assert Notification.objects.filter(recipient=w.operator_b).exists()
    with translation.override("en"):
        titles = [t.title for t in tasks_for(w.operator_b, reach_of(w.operator_b))]
    assert any("early warning" in t for t in titles)
    # The money is spent: the next evaluation resolves the warning.
    from binakinerja.budgets import services

    services.realisation_post(actor=w.admin, line=w.line_b, date=w.spent_on,
                              amount="4.000.000", description="Bimtek")  # fmt: skip
    rollups.refresh(w.prov, w.year)
    result = warnings.evaluate(dt.date(w.year, 10, 2))
    warning.refresh_from_db()
    assert result["resolved"] >= 1 and warning.status == "resolved"


def test_a_warning_is_dismissed_with_a_reason_by_those_responsible(w):
    warnings.evaluate(dt.date(w.year, 11, 1))
    warning = EarlyWarning.objects.get(rule__code="serapan-rendah-triwulan-4", unit=w.dikbud)
    with pytest.raises(PermissionDenied):
        warnings.dismiss(actor=w.pimpinan, warning=warning, reason="Tidak relevan")
    with pytest.raises(ValidationError):
        warnings.dismiss(actor=w.operator_b, warning=warning, reason=" ")
    warnings.dismiss(actor=w.operator_b, warning=warning, reason="Dana dialihkan di APBD-P")
    warnings.evaluate(dt.date(w.year, 11, 2))
    warning.refresh_from_db()
    assert warning.status == "dismissed"  # still below, yet not raised again this year


def test_a_drop_compares_with_last_year():
    rule = WarningRule(test=WarningRule.Test.DROP, threshold=5)
    assert warnings.breached(rule, 80.0, 86.0) and not warnings.breached(rule, 81.0, 86.0)
    assert not warnings.breached(rule, 80.0, None)
    below = WarningRule(test=WarningRule.Test.BELOW, threshold=10)
    assert warnings.breached(below, 9.99, None) and not warnings.breached(below, 10.0, None)


def test_thresholds_are_changed_by_superadmins_and_audited(w):
    rule = WarningRule.objects.get(code="serapan-rendah-triwulan-4")
    with pytest.raises(PermissionDenied):
        warnings.rule_save(actor=w.admin, rule=rule, threshold="40", from_month=10, active=True)
    with pytest.raises(ValidationError) as error:
        warnings.rule_save(actor=w.superadmin, rule=rule, threshold="banyak", from_month=13,
                           active=True)  # fmt: skip
    assert set(error.value.message_dict) == {"threshold", "from_month"}
    warnings.rule_save(actor=w.superadmin, rule=rule, threshold="0,5", from_month=11,
                       active=True)  # fmt: skip
    rule.refresh_from_db()
    assert (float(rule.threshold), rule.from_month) == (0.5, 11)
    warnings.evaluate(dt.date(w.year, 11, 5))  # Dinas Pendidikan's 0% is still below 0.5%
    assert EarlyWarning.objects.filter(rule=rule, unit=w.dikbud).exists()
