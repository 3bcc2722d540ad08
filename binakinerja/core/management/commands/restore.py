"""`manage.py restore FILE [--force]`: put a backup of `manage.py backup` back — checked against
its manifest and the database's migrations, all rows in one transaction, then the files
(core/backup.py; README, "Cadangan dan pemulihan")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binakinerja.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Pulihkan basis data dan berkas unggahan dari arsip `manage.py backup` "
        "(ke basis data yang sudah di-migrate dan masih kosong)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="arsip dari manage.py backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="ganti seluruh isi basis data yang sudah berisi data",
        )

    def handle(self, *args, **options):
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"Berkas {source} tidak ada.")
        try:
            summary = backup_restore(source, force=options["force"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(summary.tables.values())
        self.stdout.write(
            f"Dipulihkan dari {source} (dibuat {summary.manifest.get('created', '?')}): "
            f"{len(summary.tables)} tabel, {rows} baris, {summary.files} berkas; "
            "jumlah baris sesuai manifes."
        )
