"""Benchmark of the API's list endpoints at Gorontalo scale (a plain script, not a test).

Seeds a fresh SQLite database (or PostgreSQL with --postgres) with `seed_demo --asn N`, creates
tokens through the service as a superadmin would (one for every government, one for the
province), and times the server side of each list endpoint: the first page and a page deep in
the list (its cursor taken from halfway down), 50 and 200 rows a page, with its SQL queries.
Target (issue 18): ≤ 50 ms per page on PostgreSQL at 32,000 ASN. Usage:

    .venv/bin/python bench/api.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from seeded import run, setup_django


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from binakinerja.api.rules import scope_choices
    from binakinerja.api.services import token_create
    from binakinerja.api.v1.paging import cursor_after
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee
    from binakinerja.performance.models import Skp
    from binakinerja.trainings.models import JpRecord

    settings.API_RATE_LIMIT = "1000000/min"  # the benchmark measures pages, not the limit
    superadmin = get_user_model().objects.filter(is_superuser=True).first()
    province = OrgUnit.objects.filter(kind="instansi").order_by("pk").first()
    scopes = [code for code, _label in scope_choices()]
    expires = timezone.localdate() + dt.timedelta(days=30)
    secrets = {}
    for label, unit in (("every government", None), ("province", province)):
        _token, secrets[label] = token_create(
            actor=superadmin, name=f"bench {label}", purpose="bench", unit=unit, scopes=scopes,
            expires_on=expires,
        )  # fmt: skip
    opd = OrgUnit.objects.filter(kind="opd", path__startswith=province.path).order_by("pk")[5]
    year = Skp.objects.order_by("-year").values_list("year", flat=True).first() or 2026
    jp_year = JpRecord.objects.order_by("-year").values_list("year", flat=True).first() or year

    def middle(model):
        pks = model.objects.order_by("pk").values_list("pk", flat=True)
        count = pks.count()
        return cursor_after(pks[count // 2]) if count else ""

    deep = {"employees": middle(Employee), "skps": middle(Skp), "jp": middle(JpRecord)}
    lists = [
        "/api/v1/units", "/api/v1/employees", "/api/v1/employees?limit=200",
        f"/api/v1/employees?cursor={deep['employees']}", f"/api/v1/employees?unit={opd.pk}",
        "/api/v1/employees?q=siti", "/api/v1/employees?status=PPPK",
        f"/api/v1/skps?year={year}", f"/api/v1/skps?year={year}&cursor={deep['skps']}",
        "/api/v1/skps?limit=200", f"/api/v1/jp-records?year={jp_year}",
        f"/api/v1/jp-records?cursor={deep['jp']}", f"/api/v1/jp-records?unit={opd.pk}",
        "/api/v1/trainings/programs", "/api/v1/trainings/batches", "/api/v1/mentoring/pairs",
        "/api/v1/ikm",
    ]  # fmt: skip
    client = Client()
    print(f"ASN: {Employee.objects.count()}, SKPs: {Skp.objects.count()}, "
          f"JP records: {JpRecord.objects.count()}")  # fmt: skip
    for label, secret in secrets.items():
        print(f"\ntoken of {label}")
        print(f"{'list':60s} {'status':>6s} {'rows':>5s} {'median ms':>10s} {'max ms':>7s} "
              f"{'queries':>8s}")  # fmt: skip
        for url in lists:
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url, HTTP_HOST="127.0.0.1",
                                          HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip
                times.append(time.perf_counter() - started)
            rows = len(response.json().get("items", [])) if response.status_code == 200 else 0
            shown = url if len(url) <= 60 else url[:57] + "..."
            print(f"{shown:60s} {response.status_code:6d} {rows:5d} "
                  f"{statistics.median(times) * 1000:10.1f} {max(times) * 1000:7.1f} "
                  f"{len(queries):8d}")  # fmt: skip


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_api", measure)
