"""The default early-warning rules (issue 17), shared by migration 0003 and
`warnings.ensure_default_rules`: thresholds as data, changed by admins later."""

from decimal import Decimal

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
