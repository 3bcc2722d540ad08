"""Benchmark of performance management at Gorontalo scale (a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N` (a year of SKPs), then measures:
- recomputing every predikat of the year and checking every OPD's distribution curve;
- the operator's OPD progress page and the atasan's team board (median of --runs requests,
  with their query counts).

    .venv/bin/python bench/performance.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import statistics
import time

from seeded import run, setup_django


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from binakinerja.organizations.models import OrgUnit
    from binakinerja.performance.models import OrgPerformance, Skp
    from binakinerja.performance.rules import distribution_violations
    from binakinerja.performance.selectors import predikat_counts_by_opd
    from binakinerja.performance.services import predikat_recompute_all

    year = Skp.objects.values_list("year", flat=True).first()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        predikat_recompute_all(year=year)
        counts = predikat_counts_by_opd(year=year, kind="q1")
        # The demo records each OPD's predikat of the previous year: use it as the limit.
        org = dict(
            OrgPerformance.objects.filter(year=year - 1).values_list("opd__path", "predikat")
        )
        broken = sum(
            1 for path, c in counts.items() if path in org and distribution_violations(org[path], c)
        )
        times.append(time.perf_counter() - started)
    print(f"recompute all predikats + distribution check of {len(counts)} OPDs "
          f"({broken} break their curve): median {statistics.median(times):.2f} s")  # fmt: skip

    def page(username, url):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        samples, queries = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, HTTP_HOST="127.0.0.1")
            samples.append(time.perf_counter() - started)
            queries = len(ctx.captured_queries)
        print(f"{username:16s} {url:40s} {response.status_code} "
              f"median {statistics.median(samples) * 1000:6.1f} ms, {queries} queries")  # fmt: skip

    province = "Pemerintah Provinsi Gorontalo"
    dinkes = OrgUnit.objects.get(kind="opd", name="Dinas Kesehatan", parent__name=province)
    page("operator.dinkes", f"/kinerja/progres/{dinkes.pk}/{year}/")
    page("atasan", f"/kinerja/skp/?year={year}")
    page("superadmin", f"/kinerja/progres/?year={year}")


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_perf", measure)
