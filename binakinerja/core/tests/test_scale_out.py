"""Beyond one machine (issue 17): dashboards read from a replica when one is configured, and
background tasks can run on Redis workers by setting (django-tasks-rq)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from binakinerja.core import replica

ROOT = Path(__file__).resolve().parents[3]


def test_marked_views_read_from_the_replica_only_when_one_is_configured(monkeypatch):
    router = replica.ReplicaRouter()
    seen = {}

    @replica.reads_from_replica
    def view(request):
        seen[request.method] = router.db_for_read(None)
        return None

    factory = RequestFactory()
    view(factory.get("/"))
    assert seen["GET"] == "default"  # no replica configured: the primary
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    view(factory.get("/"))
    view(factory.post("/"))
    assert seen == {"GET": "replica", "POST": "default"}  # a POST never reads a lagging copy
    assert router.db_for_read(None) == "default"  # outside a marked view
    assert router.db_for_write(None) == "default"
    assert not router.allow_migrate("replica", "people")


SCRIPT = """
import django
django.setup()
import django_rq
from binakinerja.people.tasks import import_job_run_task
queue = django_rq.get_queue("default")
queue.empty()
result = import_job_run_task.enqueue(job_id=0)
print(import_job_run_task.get_backend().__class__.__name__, queue.count, result.status)
queue.empty()
"""


def test_tasks_go_to_redis_workers_by_setting():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    env = {**os.environ, "DEBUG": "true", "TASKS_BACKEND": "django_tasks_rq.RQBackend",
           "REDIS_URL": "redis://127.0.0.1:6379/15",
           "DJANGO_SETTINGS_MODULE": "binakinerja.settings", "PYTHONPATH": str(ROOT)}  # fmt: skip
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=ROOT,
        text=True,
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split() == ["RQBackend", "1", "READY"]
