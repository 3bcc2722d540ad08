"""`manage.py import_asn FILE`: import a SIASN-style ASN list (CSV or XLSX) from the command
line, through the same `employee_import` as the web upload: upsert by NIP, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from binakinerja.core.scoping import reach_of
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.importing.report import report_xlsx
from binakinerja.people.importing.service import CHECKING, employee_import

PRINTED_ERRORS = 200


class Progress:
    """One tqdm bar per stage (checking rows, then saving them)."""

    def __init__(self, enabled: bool, stream):
        self.enabled, self.stream = enabled, stream
        self.bar, self.stage = None, None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            label = _("Checking") if stage == CHECKING else _("Saving")
            self.bar = tqdm(
                total=total, desc=label, unit=_("rows"), file=self.stream, dynamic_ncols=True
            )
            self.stage = stage
        if total and total < done:
            self.bar.total = done
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = (
        "Import a SIASN-style ASN list (.csv or .xlsx): employees are upserted by NIP, all or "
        "nothing. A file with errors changes nothing; its error report is printed and saved as "
        "XLSX, and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="import as this user, within their scope (default: the system, full scope)",
        )
        parser.add_argument(
            "--create-units-under",
            metavar="ORGUNIT_ID",
            type=int,
            help="create units missing from the organisation tree below this agency (OPD)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and simulate everything, save nothing"
        )
        parser.add_argument(
            "--report",
            metavar="PATH",
            help="where to save the error report (default: FILE name + .kesalahan.xlsx)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args, file, actor, create_units_under, dry_run, report, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("File %(path)s does not exist.") % {"path": path})
        user = None
        if actor:
            user = get_user_model().objects.filter(username=actor, is_active=True).first()
            if user is None:
                raise CommandError(_("No active user is called %(name)s.") % {"name": actor})
            if not reach_of(user).can_manage_registry:
                raise CommandError(
                    _("User %(name)s may not change the ASN registry.") % {"name": actor}
                )
        parent = None
        if create_units_under is not None:
            parent = OrgUnit.objects.filter(pk=create_units_under).first()
            if parent is None:
                raise CommandError(
                    _("No organisation unit has id %(id)d.") % {"id": create_units_under}
                )
        progress = Progress(
            enabled=not options["no_progress"] and options["verbosity"] > 0,
            # tqdm redraws with "\r"; OutputWrapper.write would add a newline each time.
            stream=getattr(self.stderr, "_out", sys.stderr),
        )
        try:
            result = employee_import(
                actor=user,
                path=path,
                name=path.name,
                create_units_under=parent,
                dry_run=dry_run,
                progress=progress,
            )
        except PermissionDenied:
            raise CommandError(
                _("User %(name)s may not create units under %(unit)s.")
                % {"name": actor, "unit": parent}
            ) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        finally:
            progress.close()

        if not result.ok:
            self._report_errors(result, path, report)
            counts = {
                "errors": result.error_count,
                "bad": result.rows_with_errors,
                "rows": result.rows,
            }
            raise CommandError(
                _("%(errors)d errors in %(bad)d of %(rows)d rows; nothing was imported.") % counts
            )
        summary = _(
            "%(rows)d rows: %(created)d employees added, %(updated)d updated, %(unchanged)d "
            "unchanged; %(units)d units and %(positions)d positions created."
        ) % {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "units": result.units_created,
            "positions": result.positions_created,
        }
        if dry_run:
            summary += " " + _("Dry run: nothing was saved.")
        self.stdout.write(self.style.SUCCESS(summary))

    def _report_errors(self, result, path: Path, report: str | None) -> None:
        write = self.stderr.write
        write(_("Row\tColumn\tValue\tReason"))
        for error in result.errors[:PRINTED_ERRORS]:
            row = "" if error.row is None else str(error.row)
            write(f"{row}\t{error.column}\t{error.value}\t{error.reason}")
        if len(result.errors) > PRINTED_ERRORS:
            write(
                _("… and %(more)d more errors in the report.")
                % {"more": result.error_count - PRINTED_ERRORS}
            )
        target = Path(report) if report else path.with_name(path.name + ".kesalahan.xlsx")
        try:
            target.write_bytes(report_xlsx(result.errors))
        except OSError as error:
            write(_("The error report could not be saved: %(error)s") % {"error": error})
        else:
            write(_("Error report saved to %(path)s.") % {"path": target})
