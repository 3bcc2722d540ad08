"""Benchmark of the API's list endpoints at Gorontalo scale (a plain script, not a test).

Seeds a fresh SQLite database (or PostgreSQL with --postgres) with `seed_demo --asn N`, creates
tokens through the service as a superadmin would (one for every government, one for the
province), and times the server side of each list endpoint: the first page, a page in the middle of
the token's own list and its last page, 50 and 200 rows a page, with its SQL queries.
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
    from binakinerja.api.selectors import principal_of
    from binakinerja.api.services import token_create
    from binakinerja.api.v1.paging import cursor_after
    from binakinerja.api.v1.reads import JP_PAGE_ORDER
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee
    from binakinerja.people.selectors import employee_list_visible_to
    from binakinerja.performance.models import Skp
    from binakinerja.performance.selectors import skp_list_visible_to
    from binakinerja.trainings.models import JpRecord
    from binakinerja.trainings.selectors import jp_records_visible_to

    settings.API_RATE_LIMIT = "1000000/min"  # the benchmark measures pages, not the limit
    if connection.vendor == "postgresql":
        # A freshly seeded database has no planner statistics until autovacuum gets to it,
        # and without them PostgreSQL sorts every record of a year for a page of 50 (240 ms
        # instead of 2 ms for the JP ledger); a database in service has them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    superadmin = get_user_model().objects.filter(is_superuser=True).first()
    province = OrgUnit.objects.filter(kind="instansi").order_by("pk").first()
    scopes = [code for code, _label in scope_choices()]
    expires = timezone.localdate() + dt.timedelta(days=30)
    secrets = {}
    for label, unit in (("every government", None), ("province", province)):
        secrets[label] = token_create(
            actor=superadmin, name=f"bench {label}", purpose="bench", unit=unit, scopes=scopes,
            expires_on=expires,
        )  # fmt: skip
    opd = OrgUnit.objects.filter(kind="opd", path__startswith=province.path).order_by("pk")[5]
    year = Skp.objects.order_by("-year").values_list("year", flat=True).first() or 2026
    jp_year = JpRecord.objects.order_by("-year").values_list("year", flat=True).first() or year

    def cursors(rows, name, order=("pk",)):
        """The cursors of a page in the middle of the token's own list and of its last page
        (the last page also looks past the token's last row, to the end of the table), in the
        list's page order (api.v1.paging)."""
        keys = list(rows.order_by(*order).values_list(*order))
        count = len(keys)
        return {f"{name} (middle page)": cursor_after(*keys[count // 2]),
                f"{name} (last page)": cursor_after(*keys[max(count - 30, 0)])}  # fmt: skip

    def lists(principal):
        deep = {
            **cursors(employee_list_visible_to(principal), "employees"),
            **cursors(skp_list_visible_to(principal).filter(year=year), "skps"),
            **cursors(jp_records_visible_to(principal).filter(year=jp_year), "jp", JP_PAGE_ORDER),
            **cursors(jp_records_visible_to(principal), "jp all years", JP_PAGE_ORDER),
        }
        return [
            ("units", "/api/v1/units"), ("employees", "/api/v1/employees"),
            ("employees, 200 a page", "/api/v1/employees?limit=200"),
            *[(k, f"/api/v1/employees?cursor={v}") for k, v in deep.items() if "employ" in k],
            ("employees of one OPD", f"/api/v1/employees?unit={opd.pk}"),
            ("employees named siti", "/api/v1/employees?q=siti"),
            ("employees PPPK", "/api/v1/employees?status=PPPK"),
            (f"skps {year}", f"/api/v1/skps?year={year}"),
            *[(k, f"/api/v1/skps?year={year}&cursor={v}") for k, v in deep.items()
              if k.startswith("skps")],
            ("skps, 200 a page", "/api/v1/skps?limit=200"),
            (f"jp-records {jp_year}", f"/api/v1/jp-records?year={jp_year}"),
            *[(k, f"/api/v1/jp-records?year={jp_year}&cursor={v}") for k, v in deep.items()
              if k.startswith("jp (")],
            ("jp-records, all years", "/api/v1/jp-records"),
            *[(k, f"/api/v1/jp-records?cursor={v}") for k, v in deep.items()
              if k.startswith("jp all")],
            ("jp-records of one OPD", f"/api/v1/jp-records?unit={opd.pk}"),
            ("trainings/programs", "/api/v1/trainings/programs"),
            ("trainings/batches", "/api/v1/trainings/batches"),
            ("mentoring/pairs", "/api/v1/mentoring/pairs"), ("ikm", "/api/v1/ikm"),
        ]  # fmt: skip

    client = Client()
    print(f"ASN: {Employee.objects.count()}, SKPs: {Skp.objects.count()}, "
          f"JP records: {JpRecord.objects.count()}")  # fmt: skip
    for label, (token, secret) in secrets.items():
        print(f"\ntoken of {label}")
        print(f"{'list':40s} {'status':>6s} {'rows':>5s} {'median ms':>10s} {'max ms':>7s} "
              f"{'queries':>8s}")  # fmt: skip
        for name, url in lists(principal_of(token)):
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url, HTTP_HOST="127.0.0.1",
                                          HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip
                times.append(time.perf_counter() - started)
            rows = len(response.json().get("items", [])) if response.status_code == 200 else 0
            print(f"{name:40s} {response.status_code:6d} {rows:5d} "
                  f"{statistics.median(times) * 1000:10.1f} {max(times) * 1000:7.1f} "
                  f"{len(queries):8d}")  # fmt: skip


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_api", measure)
