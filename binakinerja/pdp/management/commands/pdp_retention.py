"""`manage.py pdp_retention`: delete what is past its retention period (settings
PDP_RETENTION) and log the counts per category. Run daily; `--dry-run` only counts."""

from django.core.management.base import BaseCommand

from binakinerja.pdp.retention import retention_run


class Command(BaseCommand):
    help = "Hapus data yang melewati masa retensinya (PDP_RETENTION) dan catat jumlahnya."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya hitung; tidak ada yang dihapus."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = retention_run(dry_run=dry_run)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        verb = "akan dihapus (uji coba, tidak ada yang dihapus)" if dry_run else "dihapus"
        self.stdout.write(f"Jumlah {verb}: {sum(counts.values())}")
