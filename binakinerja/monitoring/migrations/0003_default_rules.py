"""The default early-warning rules (issue 17): thresholds as data, changed by admins later."""

from decimal import Decimal

from django.db import migrations

RULES = [
    ("jp-rendah-september", "JP per ASN di bawah 10 pada September", "jp_mean", "below",
     Decimal(10), 9),
    ("ikm-turun", "IKM turun lebih dari 5 poin dari tahun lalu", "ikm", "drop", Decimal(5), 1),
    ("skp-belum-disetujui-februari", "SKP belum semua disetujui pada akhir Februari",
     "skp_approved", "below", Decimal(100), 3),
    ("kesiapan-rendah", "Indeks kesiapan di bawah 50", "readiness", "below", Decimal(50), 1),
    ("serapan-rendah-triwulan-4", "Serapan anggaran di bawah 50% pada triwulan IV",
     "absorption", "below", Decimal(50), 10),
]  # fmt: skip


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
