"""Benchmark of the home page ("what needs you now") at Gorontalo scale (a plain script, not a
test).

Seeds a fresh database with `seed_demo --asn N`, then times the server side of the home page
of each demo role (the ASN first: its target is a median of 50 ms or less at 32,000 ASN) and
prints the median of --runs requests, the number of SQL queries and the tasks shown.

    .venv/bin/python bench/home.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import statistics
import time

from seeded import run, setup_django

USERS = ["asn", "atasan", "operator.dinkes", "admin.provinsi", "superadmin", "pimpinan.provinsi"]


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from binakinerja.core.home import tasks_for
    from binakinerja.core.scoping import reach_of

    print(f"{'user':18s} {'status':>6s} {'median ms':>10s} {'queries':>8s}  tasks")
    for username in USERS:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/", HTTP_HOST="127.0.0.1")
            times.append(time.perf_counter() - started)
        median = statistics.median(times) * 1000
        tasks = "; ".join(task.title for task in tasks_for(user, reach_of(user)))
        line = f"{username:18s} {response.status_code:6d} {median:10.1f} {len(queries):8d}"
        print(f"{line}  {tasks}", flush=True)


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_home", measure)
