"""`manage.py trainings_l3_open [--date YYYY-MM-DD]`: open the behaviour evaluations (L3) due
`TRAINING_L3_MONTHS` after each batch's end, for the alumni and their direct superiors, and
remind those whose questionnaire is overdue. Run it daily (cron/systemd), like
`skp_checkin_reminders`; running it twice creates nothing twice."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from binakinerja.trainings.evaluation import l3_reminders, l3_surveys_due


class Command(BaseCommand):
    help = "Buka evaluasi perilaku (L3) pelatihan yang jatuh tempo dan ingatkan yang terlambat."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, date, **options):
        today = date or timezone.localdate()
        opened = l3_surveys_due(today)
        reminded = l3_reminders(today)
        self.stdout.write(f"{opened} kuesioner L3 dibuka, {reminded} pengingat dikirim.")
