"""Retention (UU PDP Pasal 42–44): each category of kept data ends after its period in days
(`settings.PDP_RETENTION`), and every run leaves a `RetentionRun` with the number of items
deleted per category and nothing else. Run daily by `manage.py pdp_retention` (or the task
`pdp.tasks.retention_task`); `dry_run` counts without deleting or logging.

What the categories hold:
- `import_jobs`: finished background jobs (the ASN-list import): the row with its error report
  (which quotes cells of the file) and any stored file; running and queued jobs are never
  touched (`core.jobs`).
- `sessions`: Django's login sessions, counted from when they expired.
- `login_records`: django-axes' failed attempts, lockout counters and access logs (user names,
  IP addresses and browsers).
- `audit_entries`: the audit trail (`core.AuditLog`).
- `notifications`: in-app notifications, read or not.
- `survey_device_hashes`: the public survey's rate-limit hashes (device, network) and one-time
  form nonces, blanked on the responses (which are kept: they hold no personal data).
- `survey_blocked_counts`: refused survey submissions counted per device and hour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from binakinerja.pdp.models import RetentionRun


def _import_jobs(cutoff: dt.datetime, dry_run: bool) -> int:
    from binakinerja.core.jobs import job_delete_file, job_models

    total = 0
    for model in job_models():
        old = model.objects.filter(status__in=model.FINISHED).filter(
            Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
        )
        if not dry_run:
            for job in old.exclude(file=""):
                job_delete_file(job)
        total += _delete(old, dry_run)
    return total


def _sessions(cutoff: dt.datetime, dry_run: bool) -> int:
    from django.contrib.sessions.models import Session

    return _delete(Session.objects.filter(expire_date__lt=cutoff), dry_run)


def _login_records(cutoff: dt.datetime, dry_run: bool) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        _delete(model.objects.filter(attempt_time__lt=cutoff), dry_run)
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def _audit_entries(cutoff: dt.datetime, dry_run: bool) -> int:
    from binakinerja.core.models import AuditLog

    return _delete(AuditLog.objects.filter(at__lt=cutoff), dry_run)


def _notifications(cutoff: dt.datetime, dry_run: bool) -> int:
    from binakinerja.core.models import Notification

    return _delete(Notification.objects.filter(created_at__lt=cutoff), dry_run)


def _survey_device_hashes(cutoff: dt.datetime, dry_run: bool) -> int:
    from binakinerja.satisfaction.models import SurveyResponse

    hashed = SurveyResponse.objects.filter(submitted_at__lt=cutoff).filter(
        ~Q(device_hash="") | ~Q(address_hash="") | Q(token_nonce__isnull=False)
    )
    if dry_run:
        return hashed.count()
    return hashed.update(device_hash="", address_hash="", token_nonce=None)


def _survey_blocked_counts(cutoff: dt.datetime, dry_run: bool) -> int:
    from binakinerja.satisfaction.models import BlockedSubmission

    return _delete(BlockedSubmission.objects.filter(hour__lt=cutoff), dry_run)


def _delete(queryset, dry_run: bool) -> int:
    if dry_run:
        return queryset.count()
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


CATEGORIES: dict[str, Callable[[dt.datetime, bool], int]] = {
    "import_jobs": _import_jobs,
    "sessions": _sessions,
    "login_records": _login_records,
    "audit_entries": _audit_entries,
    "notifications": _notifications,
    "survey_device_hashes": _survey_device_hashes,
    "survey_blocked_counts": _survey_blocked_counts,
}


def retention_periods() -> dict[str, int]:
    return {name: settings.PDP_RETENTION[name] for name in CATEGORIES}


@transaction.atomic
def retention_run(*, now: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Delete what is past its period in every category; the counts per category. Logged in
    a `RetentionRun` unless `dry_run` (nothing is deleted then)."""
    now = now or timezone.now()
    periods = retention_periods()
    counts = {
        name: delete(now - dt.timedelta(days=periods[name]), dry_run)
        for name, delete in CATEGORIES.items()
    }
    if not dry_run:
        RetentionRun.objects.create(counts=counts, periods=periods)
    return counts
