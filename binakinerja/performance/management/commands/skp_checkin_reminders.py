"""`manage.py skp_checkin_reminders [--days N] [--year Y]`: remind each atasan of the SKPs
in their team that had no check-in (dialog kinerja) for N days. Run it daily (cron/systemd)."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from binakinerja.performance.selectors import skp_without_recent_check_in


class Command(BaseCommand):
    help = "Ingatkan atasan tentang SKP yang belum mendapat dialog kinerja dalam N hari."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=getattr(settings, "SKP_CHECK_IN_DAYS", 30))
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, days, year, **options):
        year = year or timezone.localdate().year
        by_atasan = defaultdict(list)
        for skp in skp_without_recent_check_in(year=year, days=days):
            if skp.atasan is not None:
                by_atasan[skp.atasan].append(skp)
        sent = 0
        for atasan, skps in by_atasan.items():
            names = ", ".join(s.employee.full_name for s in skps)
            self.stdout.write(f"{atasan.full_name}: {len(skps)} SKP tanpa dialog kinerja — {names}")
            email = atasan.email or (atasan.user.email if atasan.user else "")
            if email:
                send_mail(
                    subject=f"Bina Kinerja: {len(skps)} SKP menunggu dialog kinerja",
                    message=(
                        f"SKP berikut belum mendapat dialog kinerja dalam {days} hari terakhir:\n"
                        + "\n".join(f"- {s.employee.full_name} ({s.year})" for s in skps)
                    ),
                    from_email=None,
                    recipient_list=[email],
                )
                sent += 1
        self.stdout.write(f"{len(by_atasan)} atasan diingatkan, {sent} email dikirim.")
