"""Background import jobs that die half-way: the heartbeat, giving up a dead job (on the page
that polls it and in the daily sweep), orphaned uploads, and a real worker killed mid-import.
The mechanism is every background job's (`core.jobs`); ImportJob is its first user."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from binakinerja.core.jobs import JobLost, job_beat, job_fail_stale, jobs_sweep
from binakinerja.core.models import AuditLog
from binakinerja.core.testing import build_world, make_nip
from binakinerja.core.testing_jobs import PausedWorker, shared_database
from binakinerja.people.importing import jobs
from binakinerja.people.models import Employee, ImportJob
from binakinerja.people.tests.test_importing import csv_bytes, siasn_row

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
STALE_ID = (
    "Pekerjaan berhenti sebelum selesai; tidak ada data yang disimpan. Unggah ulang berkasnya."
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(settings) -> list[str]:
    root = settings.MEDIA_ROOT / "imports"
    return sorted(path.name for path in root.iterdir()) if root.exists() else []


def running_job(owner, *, beat_seconds_ago: float, status="checking") -> ImportJob:
    """A job a worker was running, whose last heartbeat was `beat_seconds_ago`."""
    job = ImportJob(owner=owner, original_name="asn.csv", status=status, rows_done=4)
    job.file.save("asn.csv", ContentFile(csv_bytes([siasn_row()])), save=False)
    job.save()
    beat = timezone.now() - dt.timedelta(seconds=beat_seconds_ago)
    ImportJob.objects.filter(pk=job.pk).update(started_at=beat, heartbeat_at=beat)
    job.refresh_from_db()
    return job


def progress(client, job):
    return client.get(reverse("people:import_job_progress", args=[job.pk]))


# --- giving up a dead job ----------------------------------------------------------------------


def test_polling_a_job_whose_heartbeat_stopped_fails_it_and_deletes_its_file(
    client, world, settings
):
    settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 60
    job = running_job(world.operator_a, beat_seconds_ago=61)
    client.force_login(world.operator_a)
    content = progress(client, job).content.decode()
    assert STALE_ID in content
    assert 'hx-trigger="every 1s"' not in content  # the page stops polling
    job.refresh_from_db()
    assert (job.status, job.file.name, job.error_count) == ("failed", "", 1)
    assert job.errors[0]["code"] == "job_stale" and job.finished_at
    assert stored(settings) == []
    entry = AuditLog.objects.get(object_type="people.importjob", action="update")
    assert entry.changes["status"] == ["checking", "failed"] and entry.actor is None


def test_polling_a_live_job_changes_nothing(client, world, settings, django_assert_num_queries):
    settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 60
    job = running_job(world.operator_a, beat_seconds_ago=30, status="saving")
    client.force_login(world.operator_a)
    progress(client, job)  # warm the session
    with django_assert_num_queries(5):  # the same reads as any poll (session, user, job, reach)
        content = progress(client, job).content.decode()
    assert 'hx-trigger="every 1s"' in content
    job.refresh_from_db()
    assert job.status == "saving" and len(stored(settings)) == 1


def test_a_job_no_worker_took_is_failed_after_the_queue_timeout(world, settings):
    settings.JOB_QUEUED_TIMEOUT_HOURS = 24
    job = running_job(world.operator_a, beat_seconds_ago=0, status="queued")
    assert not job_fail_stale(job, now=timezone.now() + dt.timedelta(hours=23))
    assert job_fail_stale(job, now=timezone.now() + dt.timedelta(hours=25))
    assert ImportJob.objects.get().status == "failed" and stored(settings) == []


def test_a_slow_worker_given_up_mid_save_rolls_its_save_back(world, settings, monkeypatch):
    """A sweep gives the job up while its (slow, not dead) worker saves: the worker's last beat,
    inside its transaction, finds the job failed and rolls the save back, so the owner's
    "nothing was saved" stays true."""
    settings.TASKS = IMMEDIATE
    beats = jobs._beats

    def given_up_when_saving(job_id):
        progress = beats(job_id)

        def report(stage, done, total):
            progress(stage, done, total)
            if stage == "saving" and done == 0:  # the last committed beat before the save
                job = ImportJob.objects.get(pk=job_id)
                assert job_fail_stale(job, now=timezone.now() + dt.timedelta(hours=1))

        return report

    monkeypatch.setattr(jobs, "_beats", given_up_when_saving)
    rows = [siasn_row() for _ in range(3)]
    before = Employee.objects.count()
    jobs.import_job_create(
        actor=world.operator_a, upload=SimpleUploadedFile("asn.csv", csv_bytes(rows))
    )
    job = ImportJob.objects.get()
    assert (job.status, job.errors[0]["code"]) == ("failed", "job_stale")
    assert Employee.objects.count() == before
    assert stored(settings) == []
    with pytest.raises(JobLost):
        job_beat(ImportJob, job.pk, rows_done=3)


def test_the_sweep_fails_stale_jobs_and_deletes_only_old_orphaned_uploads(world, settings):
    settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 60
    settings.JOB_ORPHAN_GRACE_HOURS = 6
    dead = running_job(world.operator_a, beat_seconds_ago=3600)
    live = running_job(world.operator_a, beat_seconds_ago=1)
    root = settings.MEDIA_ROOT / "imports"
    old_orphan, new_orphan = root / "0123abcd.csv", root / "4567ef01.csv"
    for path in (old_orphan, new_orphan):
        path.write_bytes(b"NIK|NOMOR HP\n")
    seven_hours_ago = time.time() - 7 * 3600
    os.utime(old_orphan, (seven_hours_ago, seven_hours_ago))
    call_command("jobs_sweep", stdout=open(os.devnull, "w"))  # noqa: SIM115
    dead.refresh_from_db()
    live.refresh_from_db()
    assert (dead.status, live.status) == ("failed", "checking")
    assert stored(settings) == sorted([live.file.name.split("/")[1], new_orphan.name])
    assert jobs_sweep().jobs_failed == 0  # a second sweep finds nothing more to do


def test_import_job_create_is_audited(world, settings):
    settings.TASKS = IMMEDIATE
    job = jobs.import_job_create(
        actor=world.operator_a,
        upload=SimpleUploadedFile("daftar.csv", csv_bytes([siasn_row()])),
        dry_run=True,
    )
    entry = AuditLog.objects.get(object_type="people.importjob", object_id=str(job.pk))
    assert entry.action == "create" and entry.actor == world.operator_a
    assert entry.changes["original_name"] == [None, "daftar.csv"]
    assert entry.changes["dry_run"] == [None, True]


# --- a real worker, killed -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("stage", "pause"),
    [
        ("checking", "binakinerja.people.importing.checking:RowChecker.check_batch"),
        ("saving", "binakinerja.people.importing.saving:Saver.save_batch"),
    ],
)
def test_a_worker_killed_mid_import_ends_failed_without_file_or_employees(
    client, settings, stage, pause
):
    """`manage.py db_worker` runs a web import and is killed with SIGKILL half-way (after two
    batches of its stage). Nothing it did survives; the job shows failed with "nothing was
    saved; upload again" once its heartbeat is older than the timeout; the upload is gone."""
    world = build_world()
    settings.TASKS = DATABASE
    nips = [make_nip() for _ in range(12)]
    data = csv_bytes([siasn_row(nip=nip) for nip in nips])
    job = jobs.import_job_create(actor=world.operator_a, upload=SimpleUploadedFile("asn.csv", data))
    assert job.status == "queued" and len(stored(settings)) == 1
    with shared_database() as url:
        worker = PausedWorker(
            url,
            pause=pause,
            after_calls=2,
            patch={
                "binakinerja.people.importing.service:BATCH_ROWS": 4,
                "binakinerja.people.importing.jobs:PROGRESS_EVERY_SECONDS": 0,
            },
            env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)},
        )
        try:
            worker.wait_paused()
        finally:
            worker.kill()

    job.refresh_from_db()
    assert job.status == stage and job.heartbeat_at is not None
    assert job.rows_done == (4 if stage == "checking" else 0)
    client.force_login(world.operator_a)
    settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 300
    assert 'hx-trigger="every 1s"' in progress(client, job).content.decode()  # not yet

    settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 1
    time.sleep(max(0.0, 1.05 - (timezone.now() - job.heartbeat_at).total_seconds()))
    content = progress(client, job).content.decode()
    assert STALE_ID in content  # the pages speak Indonesian first
    job.refresh_from_db()
    assert job.status == "failed" and job.file.name == ""
    assert stored(settings) == []
    assert not Employee.objects.filter(nip__in=nips).exists()
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "FAILED"  # not RUNNING for ever
    assert jobs_sweep().jobs_failed == 0
