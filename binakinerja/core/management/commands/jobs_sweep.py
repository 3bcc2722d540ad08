"""`manage.py jobs_sweep`: give up background jobs whose worker died (failed, "nothing was
saved; upload again", upload deleted) and delete uploads under MEDIA_ROOT/imports/ that no live
job references. Run it daily from cron (README, "Pekerjaan latar belakang"); safe at any time."""

from django.core.management.base import BaseCommand

from binakinerja.core.jobs import jobs_sweep


class Command(BaseCommand):
    help = (
        "Gagalkan pekerjaan latar belakang yang pekerjanya mati dan hapus berkas unggahan "
        "yang tidak dipakai lagi."
    )

    def handle(self, *args, **options):
        result = jobs_sweep()
        self.stdout.write(
            f"{result.jobs_failed} pekerjaan digagalkan, {result.files_deleted} berkas dihapus."
        )
