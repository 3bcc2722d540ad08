"""Run the local fake of SIASN (siasn/fake.py) for the demo, on 127.0.0.1 only."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from binakinerja.siasn.fake import FakeSiasn, running_fake, settings_for


class Command(BaseCommand):
    help = "Serve a local fake of BKN's SIASN API on 127.0.0.1 (demo and manual tests)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)

    def handle(self, *args, port, **options):
        with running_fake(FakeSiasn(), port=port) as (fake, base):
            self.stdout.write(f"Fake SIASN at {base}. Start the app with:")
            for name, value in settings_for(base, fake).items():
                self.stdout.write(f"  export {name}={value}")
            self.stdout.write("Ctrl-C stops it.")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                self.stdout.write(f"Stopped; {len(fake.saved)} records received.")
