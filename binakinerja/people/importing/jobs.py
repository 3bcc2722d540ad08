"""Web imports: an upload becomes an `ImportJob`, which a django-tasks background task runs
through `employee_import` (the same path as the command), reporting progress on the job row.
The job's life (claim, heartbeat, end, and giving up a job whose worker died) is the one every
background job shares: `binakinerja.core.jobs`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from binakinerja.core.audit import audit_record, creation_changes
from binakinerja.core.jobs import (
    JobLost,
    job_beat,
    job_delete_file,
    job_finish,
    job_start,
    job_stopped_fields,
)
from binakinerja.core.scoping import reach_of
from binakinerja.core.signals import figures_changed_by
from binakinerja.people.importing.report import RowError
from binakinerja.people.importing.service import (
    CHECKING,
    SAVING,
    check_create_units_under,
    employee_import,
)
from binakinerja.people.models import ImportJob

logger = logging.getLogger("binakinerja.people.importing")

PROGRESS_EVERY_SECONDS = 0.5  # the page polls every second; no need to write more often


def import_job_get_for_user(user, pk) -> ImportJob:
    """The fetcher for one import job: only its owner sees it; everyone else gets 404."""
    try:
        return ImportJob.objects.get(pk=pk, owner_id=user.pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def import_job_list_for_user(user):
    return ImportJob.objects.filter(owner_id=user.pk).order_by("-created_at", "-id")


def import_job_errors(job: ImportJob) -> list[RowError]:
    return [RowError.from_json(entry) for entry in job.errors or []]


@transaction.atomic
def import_job_create(*, actor, upload, create_units_under=None, dry_run: bool = False):
    """Store an upload (already checked by the form) under a generated name outside the web
    root, record the job (audited) and queue its import, in one transaction: with the database
    task backend, the job and its task commit together. With the immediate backend it has run
    when this returns. An upload whose job does not commit is deleted by `jobs_sweep`."""
    if not reach_of(actor).can_manage_registry:
        raise PermissionDenied
    check_create_units_under(actor=actor, unit=create_units_under)
    job = ImportJob(
        owner=actor,
        original_name=Path(upload.name or "").name[:255],
        create_units_under=create_units_under,
        dry_run=dry_run,
    )
    job.file.save(upload.name or "upload", upload, save=False)
    job.save()
    after = {"original_name": job.original_name, "dry_run": dry_run}
    if create_units_under is not None:
        after["create_units_under"] = str(create_units_under)
    audit_record(
        actor=actor,
        action="create",
        instance=job,
        object_repr=job.original_name,
        changes=creation_changes(after),
    )
    from binakinerja.people.tasks import import_job_run_task

    result = import_job_run_task.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def _failure(message) -> list[dict]:
    error = ValidationError(message, code="import_failed")
    return [entry.as_json() for entry in RowError.from_error(None, "", "", error)]


def _outcome(result) -> dict:
    return {
        "status": ImportJob.Status.DONE if result.ok else ImportJob.Status.REJECTED,
        "rows_total": result.rows,
        "rows_done": result.rows,
        "created_count": result.created,
        "updated_count": result.updated,
        "unchanged_count": result.unchanged,
        "units_created": result.units_created,
        "positions_created": result.positions_created,
        "error_count": result.error_count,
        "rows_with_errors": result.rows_with_errors,
        "errors": [entry.as_json() for entry in result.errors],
    }


def _beats(job_id: int):
    """The import's progress callback: a heartbeat with progress, at most every
    PROGRESS_EVERY_SECONDS per stage, and a last one just before the save commits."""
    last = {"at": 0.0, "stage": CHECKING}

    def progress(stage: str, done: int, total: int | None) -> None:
        if stage == SAVING and done:
            # Inside the save's transaction a beat is seen only at its commit; `before_commit`
            # beats once, at the end, which also rolls the save back if the job was given up.
            return
        now = time.monotonic()
        if stage == last["stage"] and now - last["at"] < PROGRESS_EVERY_SECONDS:
            return
        last.update(at=now, stage=stage)
        status = ImportJob.Status.SAVING if stage == SAVING else ImportJob.Status.CHECKING
        job_beat(ImportJob, job_id, status=status, rows_done=done, rows_total=total)

    return progress


def import_job_run(*, job_id: int) -> None:
    """Run a queued job once (a retried task finds it started and does nothing). The stored
    upload is deleted at the end whatever the outcome: SIASN exports also hold NIK, phone and
    NPWP, which the registry does not keep."""
    job = ImportJob.objects.select_related("owner", "create_units_under").filter(pk=job_id).first()
    if job is None or not job_start(ImportJob, job_id, status=ImportJob.Status.CHECKING):
        return
    try:
        result = employee_import(
            actor=job.owner,
            path=job.file.path,
            name=job.original_name,
            create_units_under=job.create_units_under,
            dry_run=job.dry_run,
            progress=_beats(job.pk),
            before_commit=lambda: job_beat(ImportJob, job.pk),
            reason=f"import job {job.pk}: {job.original_name}",
        )
    except JobLost:
        logger.warning("import job %s was given up while it ran; nothing was saved", job.pk)
        job_delete_file(job)
        return
    except PermissionDenied:
        errors = _failure(_("You may no longer import ASN lists; nothing was saved."))
        fields = {"status": ImportJob.Status.FAILED, "errors": errors, "error_count": len(errors)}
    except ValidationError as error:
        errors = [entry.as_json() for entry in RowError.from_error(None, "", "", error)]
        fields = {"status": ImportJob.Status.FAILED, "errors": errors, "error_count": len(errors)}
    except (KeyboardInterrupt, SystemExit):
        # The worker is being stopped: end the job as if it had died, at once.
        job_finish(job, status=ImportJob.Status.FAILED, **job_stopped_fields(job))
        raise
    except Exception:
        logger.exception("import job %s failed", job.pk)
        errors = _failure(
            _(
                "The import stopped because of an unexpected error; nothing was saved. "
                "Try again, and tell the BKPSDM administrator if it happens again."
            )
        )
        fields = {"status": ImportJob.Status.FAILED, "errors": errors, "error_count": len(errors)}
    else:
        fields = _outcome(result)
        if result.ok and not job.dry_run and (result.created or result.updated):
            figures_changed_by(import_job_run, job.owner)
    job_finish(job, **fields)
