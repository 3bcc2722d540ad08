"""Test helpers for background jobs: a real worker process (`manage.py db_worker`) that stops
at a chosen point of its task so a test can kill it there, and the test database shared with
that process.

    with shared_database() as url:
        worker = PausedWorker(url, pause="pkg.module:Class.method", after_calls=2, env={...})
        worker.wait_paused()
        worker.kill()          # SIGKILL: what a deploy, a restart or the OOM killer does

`shared_database` needs `@pytest.mark.django_db(transaction=True)`, so that what the test
wrote is committed and the worker sees it. PostgreSQL: the worker opens the test database
itself. SQLite: the test database is in memory, which no other process can open, so it is copied
to a file for the worker and the file (with whatever the worker committed before it died) is
copied back when the block ends — the state a real server would find on disk.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
PAUSED = "WORKER PAUSED"


@contextmanager
def shared_database():
    """The test database's URL for another process (see the module docstring)."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(settings.get("USER") or "", safe="")
        password = quote(settings.get("PASSWORD") or "", safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host, port = settings.get("HOST") or "localhost", settings.get("PORT") or 5432
        yield f"postgres://{auth}{host}:{port}/{quote(settings['NAME'], safe='')}"
        return
    if connection.vendor != "sqlite":
        raise NotImplementedError(connection.vendor)
    if not connection.is_in_memory_db():
        yield f"sqlite:///{Path(settings['NAME']).resolve()}"
        return
    connection.ensure_connection()
    with tempfile.TemporaryDirectory(prefix="bk-shared-db-") as folder:
        path = Path(folder) / "db.sqlite3"
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        try:
            yield f"sqlite:///{path}"
        finally:
            source = sqlite3.connect(path)  # recovers the WAL: committed pages only
            try:
                source.backup(connection.connection)
            finally:
                source.close()


class PausedWorker:
    """`manage.py db_worker --batch` in a subprocess on `database_url`, whose `pause` callable
    (`module:attribute.path`) runs normally `after_calls` times and then prints PAUSED and
    sleeps, so the test can kill the worker right there. `patch` sets module attributes first
    (e.g. a smaller batch size) as {"module:NAME": value}."""

    def __init__(
        self,
        database_url: str,
        *,
        pause: str,
        after_calls: int,
        patch: dict | None = None,
        env: dict | None = None,
    ):
        spec = {"pause": pause, "after_calls": after_calls, "patch": patch or {}}
        environ = {
            **os.environ,
            "DATABASE_URL": database_url,
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "BK_PAUSED_WORKER": json.dumps(spec),
            **(env or {}),
        }
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", __name__],
            cwd=ROOT,
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait_paused(self, timeout: float = 90) -> None:
        """Block until the worker reached the pause (or fail with its output)."""
        import selectors
        import time

        deadline = time.monotonic() + timeout
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if selector.select(timeout=0.5):
                line = self.process.stdout.readline()
                if PAUSED in line:
                    return
                if not line and self.process.poll() is not None:
                    break
            elif self.process.poll() is not None:
                break
        self.kill()
        raise AssertionError(f"the worker never paused:\n{self.process.stderr.read()[-3000:]}")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        for stream in (self.process.stdout, self.process.stderr):
            stream.close()


def _run_paused_worker() -> None:
    import importlib
    import time

    import django

    spec = json.loads(os.environ["BK_PAUSED_WORKER"])
    django.setup()
    for target, value in spec["patch"].items():
        module, name = target.split(":")
        setattr(importlib.import_module(module), name, value)
    module, path = spec["pause"].split(":")
    *owner_path, name = path.split(".")
    owner = importlib.import_module(module)
    for part in owner_path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    calls = {"n": 0}

    def paused(*args, **kwargs):
        result = original(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == spec["after_calls"]:
            print(PAUSED, flush=True)
            time.sleep(600)
        return result

    setattr(owner, name, paused)
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1")


if __name__ == "__main__":
    _run_paused_worker()
