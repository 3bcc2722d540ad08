"""The default early-warning rules (issue 17): thresholds as data, changed by admins later."""

from django.db import migrations

from binakinerja.monitoring.migrations import _default_rules

RULES = _default_rules.RULES


def add_rules(apps, schema_editor):
    WarningRule = apps.get_model("monitoring", "WarningRule")
    for code, name, indicator, test, threshold, month in RULES:
        WarningRule.objects.get_or_create(code=code, defaults={
            "name": name, "indicator": indicator, "test": test, "threshold": threshold,
            "from_month": month,
        })  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_warnings")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
