"""`manage.py backup [FILE]`: the whole system — every table and every file under MEDIA_ROOT —
in one .tar.gz with its manifest (core/backup.py; README, "Cadangan dan pemulihan")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from binakinerja.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Cadangkan seluruh basis data dan berkas unggahan ke satu arsip .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="arsip tujuan (bawaan: binakinerja-YYYYmmdd-HHMMSS.tar.gz)"
        )

    def handle(self, *args, **options):
        name = options["file"] or timezone.localtime().strftime("binakinerja-%Y%m%d-%H%M%S.tar.gz")
        target = Path(name)
        if not target.parent.is_dir():
            raise CommandError(f"Folder {target.parent} tidak ada.")
        try:
            summary = backup_create(target)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(summary.tables.values())
        self.stdout.write(
            f"Cadangan ditulis ke {summary.path}: {len(summary.tables)} tabel, {rows} baris, "
            f"{summary.files} berkas."
        )
