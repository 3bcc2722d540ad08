"""Background jobs: the one way every long task (an import today; exports and reports later)
reports progress, proves it is alive, fails cleanly when its worker dies, and leaves no
uploaded file behind.

A job is a row of a model built on `BackgroundJob`. Its worker

- claims it with `job_start` (queued → running, once: a retried task finds it taken);
- calls `job_beat` regularly (with its progress): it refreshes `heartbeat_at`, and raises
  `JobLost` when the job is no longer running (a sweep gave it up), so the worker stops;
- ends it with `job_finish`, which also deletes its stored file.

A worker killed half-way (deploy, restart, out of memory, `kill -9`) never ends its job. A job
whose heartbeat is older than `JOB_HEARTBEAT_TIMEOUT_SECONDS` (or that no worker took within
`JOB_QUEUED_TIMEOUT_HOURS`) is given up by `job_fail_stale`: marked failed with "nothing was
saved; upload again", its file deleted, its django-tasks result marked failed, audited. That
happens when its page polls it and in `jobs_sweep` (`manage.py jobs_sweep`, run daily from
cron), which also deletes uploads under `MEDIA_ROOT/imports/` that no live job references.

Long writes happen in one transaction, so whatever a dead worker wrote is rolled back; a worker
that was only slow finds its job failed at its next beat and rolls back too (`JobLost`).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import OperationalError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from binakinerja.core.audit import audit_record

logger = logging.getLogger("binakinerja.core.jobs")

UPLOAD_DIR = "imports"  # under MEDIA_ROOT, outside the web root
STALE_CODE = "job_stale"
STALE_MESSAGE = _("The work stopped before it ended; nothing was saved. Upload the file again.")


class JobLost(Exception):
    """The job is no longer running (a sweep gave it up): its worker must stop and roll back."""


def job_upload_path(instance, filename: str) -> str:
    """A generated name under MEDIA_ROOT/imports/: the uploader's file name never reaches the
    file system (SECURITY.md, Files). The suffix is kept only if the job's model allows it."""
    suffix = Path(filename).suffix.lower()
    allowed = getattr(instance, "UPLOAD_SUFFIXES", ())
    return f"{UPLOAD_DIR}/{uuid.uuid4().hex}{suffix if suffix in allowed else ''}"


def job_message(message, code: str, **params) -> dict:
    """An entry of a job's `errors`: the untranslated message with its parameters, translated
    when shown, so the same record reads in the reader's language."""
    with translation.override(None):
        return {"code": code, "message": str(message), "params": params}


class BackgroundJob(models.Model):
    """What every background job records: its state, progress, heartbeat, stored file and
    errors. A concrete job overrides `status` with its own choices and names its states:
    `QUEUED`, `RUNNING` (a worker holds it), `FAILED` and `FINISHED`."""

    QUEUED = "queued"
    FAILED = "failed"
    RUNNING: tuple[str, ...] = ("running",)
    FINISHED: tuple[str, ...] = ("done", FAILED)
    UPLOAD_SUFFIXES: tuple[str, ...] = ()

    status = models.CharField(_("status"), max_length=10, default=QUEUED)
    rows_total = models.PositiveIntegerField(_("rows in file"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    file = models.FileField(_("stored file"), upload_to=job_upload_path, max_length=255, blank=True)
    errors = models.JSONField(_("error report"), default=list, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int | None:
        """Progress of the current stage in percent, when the row count is known."""
        if not self.rows_total:
            return None
        return min(100, round(100 * self.rows_done / self.rows_total))

    def failure_fields(self, entry: dict) -> dict:
        """The fields a failure writes besides status and errors (a model may add counts)."""
        return {}


def heartbeat_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)


def queued_timeout() -> dt.timedelta:
    return dt.timedelta(hours=settings.JOB_QUEUED_TIMEOUT_HOURS)


def _stale_q(model, now: dt.datetime) -> models.Q:
    """Running with no sign of life (heartbeat, else start, else creation) within the timeout,
    or queued and never taken."""
    beat_before = now - heartbeat_timeout()
    return models.Q(status__in=model.RUNNING) & (
        models.Q(heartbeat_at__lt=beat_before)
        | models.Q(heartbeat_at__isnull=True, started_at__lt=beat_before)
        | models.Q(heartbeat_at__isnull=True, started_at__isnull=True, created_at__lt=beat_before)
    ) | models.Q(status=model.QUEUED, created_at__lt=now - queued_timeout())


# --- the worker's side ---------------------------------------------------------------------------


def job_start(model: type[BackgroundJob], pk, *, status: str) -> bool:
    """Claim a queued job for this worker; False when it is not queued any more (a retried or
    duplicated task must not run it twice)."""
    now = timezone.now()
    claimed = model.objects.filter(pk=pk, status=model.QUEUED).update(
        status=status, started_at=now, heartbeat_at=now
    )
    return claimed == 1


def job_beat(model: type[BackgroundJob], pk, **fields) -> None:
    """A sign of life, with progress (`fields`). Raises `JobLost` when the job is no longer
    running, so a worker that a sweep gave up stops (and rolls back) instead of finishing a job
    its owner was told had failed.

    A beat inside a transaction is seen by others only at its commit; long transactions must
    therefore be shorter than JOB_HEARTBEAT_TIMEOUT_SECONDS, and should beat once just before
    committing (as the ASN import does) so that a job given up meanwhile rolls back."""
    alive = model.objects.filter(pk=pk, status__in=model.RUNNING).update(
        heartbeat_at=timezone.now(), **fields
    )
    if not alive:
        raise JobLost(f"{model._meta.label_lower} {pk} is no longer running")


def job_delete_file(job: BackgroundJob) -> None:
    if job.file:
        job.file.delete(save=False)


def job_finish(job: BackgroundJob, *, status: str, **fields) -> bool:
    """Record a job's outcome (only while it is still running) and delete its stored file,
    whatever the outcome. False when a sweep had already failed it."""
    job_delete_file(job)
    ended = (
        type(job)
        .objects.filter(pk=job.pk, status__in=(job.QUEUED, *job.RUNNING))
        .update(status=status, file="", finished_at=timezone.now(), **fields)
    )
    return ended == 1


# --- giving up dead jobs -------------------------------------------------------------------------


def _fail_task_result(task_id: str) -> None:
    """Mark the django-tasks result of a dead job failed (database backend only): a killed
    worker leaves it RUNNING for ever."""
    if not task_id or not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    try:
        uuid.UUID(task_id)
    except ValueError:
        return
    DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path=f"{__name__}.JobLost",
        traceback="The worker stopped giving signs of life (heartbeat timeout).\n",
    )


def job_stopped_fields(job: BackgroundJob) -> dict:
    """The failure a job records when its worker stopped before it ended."""
    entry = job_message(STALE_MESSAGE, STALE_CODE)
    return {**job.failure_fields(entry), "errors": [entry]}


@transaction.atomic
def job_fail_stale(job: BackgroundJob, *, now: dt.datetime | None = None) -> bool:
    """Give up `job` if its worker is dead (see `_stale_q`): failed, with "nothing was saved;
    upload again", its file deleted, its task result failed, audited. The update is conditional,
    so a worker that beats at the same moment keeps its job, and two sweeps fail it once.
    Returns whether this call failed it."""
    model = type(job)
    now = now or timezone.now()
    failed = (
        model.objects.filter(_stale_q(model, now), pk=job.pk)
        .select_for_update()
        .values_list("status", "file", "task_id", "heartbeat_at")
        .first()
    )
    if failed is None:
        return False
    status, file_name, task_id, heartbeat = failed
    fields = job_stopped_fields(job)
    model.objects.filter(pk=job.pk).update(status=model.FAILED, file="", finished_at=now, **fields)
    if file_name:
        job.file.storage.delete(file_name)
    _fail_task_result(task_id)
    audit_record(
        actor=None,
        action="update",
        object_type=model._meta.label_lower,
        object_id=str(job.pk),
        object_repr=str(job)[:200],
        changes={"status": [status, model.FAILED], "file": ["***", None] if file_name else None},
        reason=f"no sign of life since {heartbeat.isoformat() if heartbeat else 'start'}",
    )
    logger.warning(
        "gave up %s %s (%s, last beat %s)", model._meta.label_lower, job.pk, status, heartbeat
    )
    for name, value in {"status": model.FAILED, "file": "", "finished_at": now, **fields}.items():
        setattr(job, name, value)
    return True


def job_fail_if_stale(job: BackgroundJob) -> BackgroundJob:
    """For the page that polls a job: give it up if its worker is dead. Only a job that looks
    stale is written to, so polling a live job stays a read."""
    if job.is_finished:
        return job
    now = timezone.now()
    if job.status == job.QUEUED:
        looks_stale = job.created_at < now - queued_timeout()
    else:
        last = job.heartbeat_at or job.started_at or job.created_at
        looks_stale = last < now - heartbeat_timeout()
    if looks_stale:
        try:
            job_fail_stale(job, now=now)
        except OperationalError:  # SQLite busy with a long write: the next poll tries again
            logger.info("could not check %s %s now", job._meta.label_lower, job.pk)
    return job


# --- the daily sweep -----------------------------------------------------------------------------


def job_models() -> list[type[BackgroundJob]]:
    return [model for model in apps.get_models() if issubclass(model, BackgroundJob)]


@dataclass
class SweepResult:
    jobs_failed: int = 0
    files_deleted: int = 0


def _orphans(referenced: set[str], older_than: float):
    root = Path(settings.MEDIA_ROOT) / UPLOAD_DIR
    if not root.is_dir():
        return
    for path in root.iterdir():
        if not path.is_file() or path.is_symlink():
            continue
        if f"{UPLOAD_DIR}/{path.name}" in referenced:
            continue
        try:
            if path.stat().st_mtime < older_than:
                yield path
        except FileNotFoundError:  # removed meanwhile (a job that just ended)
            continue


def jobs_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Give up every stale job of every job model, then delete the uploads under
    MEDIA_ROOT/imports/ that no queued or running job references and that are older than
    JOB_ORPHAN_GRACE_HOURS (an upload is stored a moment before its job row commits). Run it
    daily (`manage.py jobs_sweep`); it is safe to run at any time and any number of times."""
    now = now or timezone.now()
    result = SweepResult()
    referenced: set[str] = set()
    for model in job_models():
        for job in model.objects.filter(_stale_q(model, now)):
            try:
                result.jobs_failed += job_fail_stale(job, now=now)
            except OperationalError:  # SQLite busy with a long write: the next sweep retries
                logger.warning("could not give up %s %s now", model._meta.label_lower, job.pk)
        referenced.update(
            model.objects.filter(status__in=(model.QUEUED, *model.RUNNING))
            .exclude(file="")
            .values_list("file", flat=True)
        )
    grace = dt.timedelta(hours=settings.JOB_ORPHAN_GRACE_HOURS)
    older_than = (now - grace).timestamp()
    for path in _orphans(referenced, older_than):
        path.unlink(missing_ok=True)
        result.files_deleted += 1
    if result.files_deleted:
        logger.warning("deleted %d orphaned upload(s) under %s", result.files_deleted, UPLOAD_DIR)
    return result
