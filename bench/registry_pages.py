"""Benchmark of the registry pages at Gorontalo scale (a plain script, not a test).

Seeds a fresh SQLite database (or the PostgreSQL database named by --postgres) with
`seed_demo --asn N`, then times the server side of the pages people open every day, as the
provincial super-admin (the widest scope), and prints the median of --runs requests and the
number of SQL queries of each. Usage:

    .venv/bin/python bench/registry_pages.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/",
    "/asn/",
    "/asn/?q=siti",
    "/asn/?q=19800101",
    "/asn/?golongan=III/a&sort=-name&page=20",
    "/organisasi/",
    "/asn/?export=csv",
]
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/bk_bench_pages"


def prepare(database_url: str, asn: int) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "seed_demo", "--asn", str(asn), "--seed", "1"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"seed_demo --asn {asn}: {time.perf_counter() - started:.1f} s")


def measure(database_url: str, runs: int) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binakinerja.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username="superadmin"))
    print(f"{'page':45s} {'status':>6s} {'median ms':>10s} {'queries':>8s}")
    for url in PAGES:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_HOST="127.0.0.1")
                if response.streaming:
                    b"".join(response.streaming_content)
            times.append(time.perf_counter() - started)
        median = statistics.median(times) * 1000
        print(f"{url:45s} {response.status_code:6d} {median:10.1f} {len(queries):8d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asn", type=int, default=32000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if args.postgres:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS bk_bench_pages")
            conn.execute("CREATE DATABASE bk_bench_pages")
        try:
            prepare(PG_BENCH, args.asn)
            measure(PG_BENCH, args.runs)
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS bk_bench_pages WITH (FORCE)")
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/pages.sqlite3"
        prepare(url, args.asn)
        measure(url, args.runs)


if __name__ == "__main__":
    main()
