"""Benchmark of the registry pages at Gorontalo scale (a plain script, not a test).

Seeds a fresh SQLite database (or the PostgreSQL database named by --postgres) with
`seed_demo --asn N`, then times the server side of the pages people open every day, as the
provincial super-admin (the widest scope), and prints the median of --runs requests and the
number of SQL queries of each. Usage:

    .venv/bin/python bench/registry_pages.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import statistics
import time

from seeded import run, setup_django

PAGES = [
    "/",
    "/asn/",
    "/asn/?q=siti",
    "/asn/?q=19800101",
    "/asn/?golongan=III/a&sort=-name&page=20",
    "/organisasi/",
    "/asn/?export=csv",
]


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
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


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_pages", measure)
