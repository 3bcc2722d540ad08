"""`manage.py signing_demo_certificate`: make the local signer's throwaway CA and signing
certificate under SIGNING_LOCAL_DIR (default var/signing/, never committed), its key
encrypted with the passphrase given (asked for when not given)."""

from __future__ import annotations

import getpass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from binakinerja.signatures.demo_ca import DEMO_NAME, DemoFiles, make_demo_ca


class Command(BaseCommand):
    help = "Make the demo certificate of the local PAdES signer (demo and tests only)."

    def add_arguments(self, parser):
        parser.add_argument("--passphrase", help="passphrase of the signing key (asked if absent)")
        parser.add_argument("--name", default=DEMO_NAME, help="the signing certificate's name")
        parser.add_argument("--force", action="store_true", help="replace existing files")

    def handle(self, *args, passphrase=None, name=DEMO_NAME, force=False, **options):
        folder = settings.SIGNING_LOCAL_DIR
        if DemoFiles(folder).exist() and not force:
            raise CommandError(f"{folder} already holds a demo certificate (use --force).")
        if not passphrase:
            passphrase = getpass.getpass("Passphrase: ")
            if passphrase != getpass.getpass("Again: "):
                raise CommandError("The passphrases differ.")
        if len(passphrase) < 8:
            raise CommandError("The passphrase needs at least 8 characters.")
        files = make_demo_ca(folder, passphrase=passphrase, signer_name=name)
        self.stdout.write(f"Demo CA and signing certificate written to {files.folder}.")
        self.stdout.write("Demo only: signatures made with it are not BSrE signatures.")
