"""Retention: what is past its period goes, what is recent stays, a run is logged with counts
only; a dry run deletes nothing and logs nothing; the command and the task run the same."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from binakinerja.core.models import AuditLog, Notification
from binakinerja.pdp.models import RetentionRun
from binakinerja.pdp.retention import retention_run
from binakinerja.people.models import ImportJob


@pytest.fixture
def aged(world, settings):
    """One old and one recent item of every category."""
    from binakinerja.satisfaction.models import (
        BlockedSubmission,
        ServiceUnit,
        SurveyPeriod,
        SurveyResponse,
    )

    settings.PDP_RETENTION = {**settings.PDP_RETENTION, "audit_entries": 30,
                              "notifications": 30, "import_jobs": 30, "sessions": 1,
                              "login_records": 30, "survey_device_hashes": 2,
                              "survey_blocked_counts": 30}  # fmt: skip
    now = timezone.now()
    old = now - dt.timedelta(days=100)
    for at in (old, now):
        log = AuditLog.objects.create(action="update", object_repr=f"marker {at == old}")
        AuditLog.objects.filter(pk=log.pk).update(at=at)
        note = Notification.objects.create(recipient=world.asn_user, text="x")
        Notification.objects.filter(pk=note.pk).update(created_at=at)
        job = ImportJob.objects.create(owner=world.admin, original_name="asn.xlsx",
                                       status="done", finished_at=at)  # fmt: skip
        ImportJob.objects.filter(pk=job.pk).update(created_at=at)
        Session.objects.create(session_key=f"s{at.timestamp():.0f}", session_data="",
                               expire_date=at)  # fmt: skip
        attempt = AccessAttempt.objects.create(
            username="u",
            ip_address="10.0.0.1",
            user_agent=f"b{at.timestamp()}",
            failures_since_start=1,
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=at)
    ImportJob.objects.create(owner=world.admin, original_name="running.xlsx", status="saving")
    ImportJob.objects.filter(original_name="running.xlsx").update(created_at=old)
    unit = ServiceUnit.objects.create(unit=world.puskesmas, public_code="PKM1")
    period = SurveyPeriod.objects.create(
        service_unit=unit, year=2026, starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31)
    )
    for index, at in enumerate((old, now)):
        response = SurveyResponse.objects.create(
            period=period, device_hash="d" * 64, address_hash="a" * 64, token_nonce=f"n{index}"
        )
        SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=at)
        BlockedSubmission.objects.create(service_unit=unit, device_hash=f"{index}", hour=at)
    return world


def test_old_items_go_recent_ones_stay_and_the_run_is_logged(aged):
    from binakinerja.satisfaction.models import BlockedSubmission, SurveyResponse

    counts = retention_run()
    assert counts == {"import_jobs": 1, "sessions": 1, "login_records": 1, "audit_entries": 1,
                      "notifications": 1, "survey_device_hashes": 1,
                      "survey_blocked_counts": 1}  # fmt: skip
    kept = set(AuditLog.objects.filter(object_repr__startswith="marker")
               .values_list("object_repr", flat=True))  # fmt: skip
    assert kept == {"marker False"} and Notification.objects.count() == 1
    assert Session.objects.count() == 1 and AccessAttempt.objects.count() == 1
    assert BlockedSubmission.objects.count() == 1
    # The running job stays whatever its age; the recent finished one stays.
    assert sorted(ImportJob.objects.values_list("original_name", flat=True)) == [
        "asn.xlsx",
        "running.xlsx",
    ]
    assert SurveyResponse.objects.count() == 2  # the responses stay, the old one unhashed
    assert SurveyResponse.objects.filter(device_hash="", address_hash="",
                                         token_nonce=None).count() == 1  # fmt: skip
    run = RetentionRun.objects.get()
    assert run.counts == counts and run.periods["audit_entries"] == 30


def test_a_dry_run_deletes_nothing_and_logs_nothing(aged):
    out = StringIO()
    call_command("pdp_retention", "--dry-run", stdout=out)
    assert "audit_entries: 1" in out.getvalue()
    assert AuditLog.objects.filter(object_repr="marker True").exists()
    assert not RetentionRun.objects.exists()


def test_the_command_runs_the_rules(aged):
    call_command("pdp_retention", stdout=StringIO())
    assert RetentionRun.objects.get().total == 7
    call_command("pdp_retention", stdout=StringIO())  # nothing left to delete
    assert RetentionRun.objects.first().total == 0


def test_the_task_runs_the_rules(aged):
    from binakinerja.pdp.tasks import retention_task

    assert retention_task.call()["audit_entries"] == 1
