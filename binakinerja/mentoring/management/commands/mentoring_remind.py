"""`manage.py mentoring_remind [--date YYYY-MM-DD]`: remind both sides of mentoring pairs without
a session for `MENTORING_INACTIVE_DAYS` days. Run it daily (cron/systemd), like
`trainings_l3_open`; running it twice on a day reminds nobody twice."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from binakinerja.mentoring.reminders import remind_inactive_pairs


class Command(BaseCommand):
    help = "Ingatkan pasangan mentoring yang lama tidak bertemu."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, date, **options):
        reminded = remind_inactive_pairs(date or timezone.localdate())
        self.stdout.write(f"{reminded} pasangan mentoring diingatkan.")
