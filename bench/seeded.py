"""Shared by the page benchmarks: run a measurement against a fresh database seeded with
`seed_demo --asn N` (a temporary SQLite file, or a PostgreSQL database created and dropped)."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
LOOPBACK = "127.0.0.1"  # load scripts serve and call nothing else


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def gunicorn_env(database_url: str) -> dict[str, str]:
    """The environment of a production-like gunicorn on loopback for a load script: DEBUG off,
    a throwaway key, plain HTTP, persistent database connections."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-throwaway-secret-key-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": LOOPBACK,
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "3600",  # persistent connections, as in production
        "PYTHONWARNINGS": "ignore:No directory at",  # no collectstatic for a bench
    }


def gunicorn_command(port: int, *, workers: int, threads: int, worker_class: str = "gthread",
                     keep_alive: int = 5) -> list[str]:  # fmt: skip
    """`keep_alive`: seconds an idle connection stays open. Longer than a simulated user's
    think time, as a reverse proxy keeps browsers' connections (nginx: 75 s); shorter, the
    server closes a connection just as the user posts on it and the post is lost in transit
    (status 0 in locust), which no real browser behind a proxy sees."""
    return [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "binakinerja.wsgi:application",
        "--bind", f"{LOOPBACK}:{port}", "--workers", str(workers),
        "--worker-class", worker_class, "--threads", str(threads),
        "--log-level", "warning", "--keep-alive", str(keep_alive),
    ]  # fmt: skip


def prepare(database_url: str, asn: int) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run([*manage, "seed_demo", "--asn", str(asn), "--seed", "1"], env=env,
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    print(f"seed_demo --asn {asn}: {time.perf_counter() - started:.1f} s")
    analyze(database_url)


def analyze(database_url: str) -> None:
    """Planner statistics, as production's autovacuum keeps them: a freshly seeded PostgreSQL
    database has none and plans sequential scans for one-SKP lookups (seconds under load)."""
    if not database_url.startswith("postgres"):
        return
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binakinerja.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def run(description: str, database: str, measure: Callable[[str, int], None]) -> None:
    """Parse --asn/--runs/--postgres, seed a fresh database, call `measure(url, runs)`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--asn", type=int, default=32000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if args.postgres:
        import psycopg

        url = f"postgres://postgres@127.0.0.1:5432/{database}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database}")
            conn.execute(f"CREATE DATABASE {database}")
        try:
            prepare(url, args.asn)
            measure(url, args.runs)
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/{database}.sqlite3"
        prepare(url, args.asn)
        measure(url, args.runs)
