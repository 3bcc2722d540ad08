"""Benchmark of the monitoring pages at Gorontalo scale (issue 17; a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N` (which brings four years of history and the
rollups refreshed from it, `demo/monitoring.py`) and runs ANALYZE. Then times the daily refresh
as `manage.py monitoring_refresh` runs it — `rollups.refresh_all` for this year and the last,
then the early-warning rules (`warnings.evaluate`) — and the refresh of all four years. Then
times, server side through Django's test client (median of --runs requests, queries counted),
target ≤ 150 ms each: the dashboard of the province and of the largest government for an admin
BKPSDM and a pimpinan of each (logins made for the bench where the demo has none), the
dashboard of the largest government's largest OPD for its operator, the program's impact page
(the estimate kept for the day), the early-warnings list, the monev report page of the largest
government (the year, quarter 0) and the home page of a pimpinan (it shows the dashboard
panel); beside the targets: the overview of every government (superadmin), the impact computed
afresh (the day's first reading, or the coordinator's button) and the monev report's PDF and
XLSX. For a page over its target the slowest queries of one request are printed.

`--national` (PostgreSQL only; implies --postgres) skips the demo: `bench/national.py` generates
about 4.3 million ASN (--asn, default 4,300,000) in about 550 governments (--governments; 34
provinces and their kabupaten/kota, OPDs as the demo's shape) with a year of annual SKP
assessments, JP records and IKM answers, all with COPY through `core.bulk.bulk_insert`, into
`bk_bench_national` (dropped at the end unless --keep), then VACUUM ANALYZE. It times the
refresh of every government's rollups for the year (`rollups.refresh_all`; above
NATIONAL_REFRESH_LIMIT_S as estimated from a sample of governments, only the sample is refreshed
and the total extrapolated), the early-warning rules at national scale, and — target ≤ 1 s
each — the national overview (superadmin), the largest province's dashboard for its admin
BKPSDM and its pimpinan and the largest kabupaten/kota's dashboard for its admin.

    .venv/bin/python bench/monitoring.py [--asn 32000] [--runs 20] [--postgres]
    .venv/bin/python bench/monitoring.py --national [--asn 4300000] [--governments 550]
        [--runs 10] [--keep]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import time

from programs import login_for, slowest_queries
from seeded import PG_ADMIN, ROOT, run, setup_django
from trainings import line, timed_get

TARGET_PAGE_MS = 150
TARGET_NATIONAL_MS = 1000
NATIONAL_DATABASE = "bk_bench_national"
NATIONAL_REFRESH_LIMIT_S = 25 * 60  # beyond this, refresh a sample and extrapolate
REFRESH_SAMPLE = 12  # governments timed first (the largest, the smallest and between)


def timed_download(client, url: str, runs: int):
    """`timed_get` for a file: (median ms, status, queries, bytes)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, HTTP_HOST="127.0.0.1")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
            body = response.content
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, response.status_code, len(queries), len(body)


def timed_call(function, runs: int):
    """(median ms, queries of the last call) of `function()`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, len(queries)


def page(client, user, label: str, url: str, runs: int, target: int | None = TARGET_PAGE_MS):
    client.force_login(user)
    ms, status, queries = timed_get(client, url, runs)
    line(label, ms, target, f"status {status}, {queries} queries")
    if target and ms > target:
        slowest_queries(client, url)
    return ms


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from binakinerja.accounts.models import Role
    from binakinerja.demo.plan import AS_OF
    from binakinerja.monitoring import impact, rollups, warnings
    from binakinerja.monitoring.models import Rollup
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee
    from binakinerja.programs.models import Program

    # A freshly seeded database has no planner statistics yet (production's autovacuum keeps
    # them).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    year = AS_OF.year
    roots = list(OrgUnit.objects.filter(parent=None))
    sizes = {root: Employee.objects.filter(root.subtree_q("unit__")).count() for root in roots}
    largest = max(sizes, key=sizes.get)
    province = next(root for root in roots if "Provinsi" in root.name)
    opd_sizes = {opd: Employee.objects.filter(opd.subtree_q("unit__")).count()
                 for opd in OrgUnit.objects.filter(parent=largest)}  # fmt: skip
    opd = max(opd_sizes, key=opd_sizes.get)
    first = Rollup.objects.order_by("year").values_list("year", flat=True).first()
    print(f"{largest.name}: {sizes[largest]:,} ASN, {len(opd_sizes)} OPDs; {opd.name}: "
          f"{opd_sizes[opd]:,} ASN; {Rollup.objects.count():,} rollups {first}–{year}")  # fmt: skip

    # The daily task (`monitoring_refresh`): this year and the last, then the rules.
    started = time.perf_counter()
    written = rollups.refresh_all([year - 1, year])
    refreshed = time.perf_counter() - started
    started = time.perf_counter()
    warned = warnings.evaluate(AS_OF)
    evaluated = time.perf_counter() - started
    each = refreshed * 1000 / len(written)
    line(f"refresh_all, 2 years ({len(written)} government-years)", refreshed * 1000, None,
         f"{sum(written.values()):,} rollups, {each:.0f} ms per government-year")  # fmt: skip
    line("early-warning rules (evaluate)", evaluated * 1000, None,
         f"{warned['opened']} opened, {warned['resolved']} resolved")  # fmt: skip
    started = time.perf_counter()
    written = rollups.refresh_all(list(range(year - 3, year + 1)))
    refreshed = time.perf_counter() - started
    line(f"refresh_all, 4 years ({len(written)} government-years)", refreshed * 1000, None,
         f"{sum(written.values()):,} rollups")  # fmt: skip

    users = get_user_model().objects
    admin_prov, pimpinan_prov = users.get(username="admin.provinsi"), users.get(
        username="pimpinan.provinsi")  # fmt: skip
    admin = login_for(Role.ADMIN_BKPSDM, largest, "bench.admin")
    pimpinan = login_for(Role.PIMPINAN, largest, "bench.pimpinan")
    operator = login_for(Role.OPERATOR_OPD, opd, "bench.operator")
    superadmin = users.get(username="superadmin")
    program = Program.objects.get(instansi=largest)
    client = Client()
    dashboard = "monitoring:dashboard"
    for label, user, url in (
        ("province dashboard, admin.provinsi", admin_prov,
         reverse(dashboard, args=[province.pk, year])),
        ("province dashboard, pimpinan.provinsi", pimpinan_prov,
         reverse(dashboard, args=[province.pk, year])),
        (f"largest government's dashboard, admin ({admin.username})", admin,
         reverse(dashboard, args=[largest.pk, year])),
        (f"largest government's dashboard, pimpinan ({pimpinan.username})", pimpinan,
         reverse(dashboard, args=[largest.pk, year])),
        (f"OPD dashboard ({opd.short_name or opd.name}), operator", operator,
         reverse(dashboard, args=[opd.pk, year])),
    ):  # fmt: skip
        page(client, user, label, url, runs)

    url = reverse("monitoring:impact", args=[program.pk])
    page(client, admin, "impact page (kept for the day), admin", url, runs)
    ms, queries = timed_call(lambda: impact.program_impact(program, refresh=True),
                             max(3, runs // 4))  # fmt: skip
    line("impact computed afresh (4 outcomes × 199 resamples)", ms, None, f"{queries} queries")
    estimates, _at = impact.program_impact(program)
    print("    " + "; ".join(
        f"{code} {e.effect:+.2f} [{e.ci_low:+.2f}, {e.ci_high:+.2f}]" if e.effect is not None
        and e.ci_low is not None else f"{code} –" for code, e in estimates.items()))  # fmt: skip

    url = reverse("monitoring:warnings")
    page(client, admin_prov, "early warnings, admin.provinsi", url, runs)
    page(client, admin, "early warnings, admin of the largest government", url, runs)
    url = reverse("monitoring:monev", args=[largest.pk, year, 0])
    page(client, admin, "monev report page (largest government, the year)", url, runs)
    client.force_login(admin)
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a failure: one line
    for kind in ("pdf", "xlsx"):
        try:
            ms, status, queries, size = timed_download(client, f"{url}?format={kind}",
                                                       max(3, runs // 4))  # fmt: skip
        except Exception as error:  # noqa: BLE001 - a bench reports the failure and goes on
            print(f"monev report {kind.upper()}: FAILS, {type(error).__name__}: {error}")
            continue
        line(f"monev report {kind.upper()}", ms, None,
             f"status {status}, {queries} queries, {size / 1024:.0f} KiB")  # fmt: skip
    page(client, pimpinan_prov, "home page, pimpinan.provinsi (dashboard panel)", "/", runs)
    page(client, pimpinan, f"home page, {pimpinan.username} (dashboard panel)", "/", runs)
    page(client, superadmin, "every government side by side, superadmin",
         reverse("monitoring:overview", args=[year]), runs, None)  # fmt: skip


def _sample(sizes: dict, count: int) -> list:
    """`count` governments spread over the sizes (the largest and the smallest included)."""
    ordered = sorted(sizes, key=sizes.get)
    if len(ordered) <= count:
        return ordered
    step = (len(ordered) - 1) / (count - 1)
    return list(dict.fromkeys(ordered[round(i * step)] for i in range(count)))


def profile_compute(root, year: int) -> None:
    """The time of each selector `rollups.compute` calls for one government (and of the
    predikat counts without a government, as the rollups read them before issue 17's bench)."""
    from django.conf import settings

    from binakinerja.budgets.figures import absorption_by_opd
    from binakinerja.mentoring.selectors import mentees_by_unit
    from binakinerja.people.selectors import headcount_by_unit
    from binakinerja.performance.selectors import predikat_counts_by_opd, skp_counts_by_unit
    from binakinerja.programs.selectors import readiness_sums_by_unit
    from binakinerja.satisfaction.selectors import service_figures_by_unit
    from binakinerja.trainings.ledger import jp_compliance, jp_sum_by_unit

    parts = (
        ("headcount_by_unit", lambda: headcount_by_unit(root)),
        ("jp_compliance", lambda: jp_compliance(root, year)),
        ("jp_sum_by_unit", lambda: jp_sum_by_unit(root, year)),
        ("skp_counts_by_unit", lambda: skp_counts_by_unit(
            root=root, year=year, check_in_days=settings.SKP_CHECK_IN_DAYS)),
        ("predikat_counts_by_opd(root=…)", lambda: predikat_counts_by_opd(year=year, root=root)),
        ("predikat_counts_by_opd, whole country", lambda: predikat_counts_by_opd(year=year)),
        ("service_figures_by_unit", lambda: service_figures_by_unit(root, year)),
        ("mentees_by_unit", lambda: mentees_by_unit(root, year)),
        ("readiness_sums_by_unit", lambda: readiness_sums_by_unit(root)),
        ("absorption_by_opd", lambda: absorption_by_opd(root, year)),
    )  # fmt: skip
    found = []
    for name, function in parts:
        started = time.perf_counter()
        function()
        found.append(f"{name} {(time.perf_counter() - started) * 1000:.0f}")
    print(f"    compute({root.name}), ms: " + "; ".join(found), flush=True)


def measure_national(runs: int, asn: int) -> None:
    """Refresh, early warning and the dashboards on the generated national data."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from binakinerja.accounts.models import Role
    from binakinerja.demo.plan import AS_OF
    from binakinerja.monitoring import rollups, warnings
    from binakinerja.monitoring.models import Rollup
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee

    year = AS_OF.year
    roots = list(OrgUnit.objects.filter(parent=None).order_by("name"))
    by_prefix: dict[str, int] = {}  # ASN per government path, from one grouped query
    for path, n in (
        Employee.objects.order_by().values("unit__path").annotate(n=Count("pk"))
        .values_list("unit__path", "n")
    ):  # fmt: skip
        by_prefix[path[:5]] = by_prefix.get(path[:5], 0) + n
    sizes = {root: by_prefix.get(root.path, 0) for root in roots}
    provinces = {r: n for r, n in sizes.items() if "Provinsi" in r.name}
    locals_ = {r: n for r, n in sizes.items() if "Provinsi" not in r.name}
    province = max(provinces, key=provinces.get)
    kabupaten = max(locals_, key=locals_.get)
    print(f"{len(roots)} governments, {sum(sizes.values()):,} ASN; largest province "
          f"{province.name} {sizes[province]:,} ASN; largest kabupaten/kota {kabupaten.name} "
          f"{sizes[kabupaten]:,} ASN", flush=True)  # fmt: skip

    for root in (province, kabupaten):
        profile_compute(root, year)

    # The refresh: a sample first, for the estimate; then every government when it fits.
    sample = _sample(sizes, REFRESH_SAMPLE)
    started = time.perf_counter()
    for root in sample:
        t0 = time.perf_counter()
        written = rollups.refresh(root, year)
        print(f"    refresh {root.name}: {sizes[root]:,} ASN, "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms, {written} rollups")  # fmt: skip
    sampled = time.perf_counter() - started
    sample_asn = sum(sizes[r] for r in sample)
    estimate = sampled / len(sample) * len(roots) * 0.5 + sampled / sample_asn * sum(
        sizes.values()) * 0.5  # fmt: skip
    line(f"refresh, sample of {len(sample)} governments", sampled * 1000, None,
         f"{sample_asn:,} ASN; whole country estimated {estimate / 60:.1f} min")  # fmt: skip
    if estimate <= NATIONAL_REFRESH_LIMIT_S:
        started = time.perf_counter()
        written = rollups.refresh_all([year])
        refreshed = time.perf_counter() - started
        line(f"refresh_all, {year} ({len(written)} government-years)", refreshed * 1000, None,
             f"{sum(written.values()):,} rollups, "
             f"{refreshed * 1000 / len(written):.0f} ms per government-year")  # fmt: skip
    else:
        print(f"refresh_all NOT run: estimated {estimate / 60:.1f} min > "
              f"{NATIONAL_REFRESH_LIMIT_S / 60:.0f} min; extrapolated from the sample above "
              f"({sampled * 1000 / len(sample):.0f} ms per government-year); only the sample's "
              "rollups exist", flush=True)  # fmt: skip
    counts = dict(Rollup.objects.filter(year=year).order_by().values("indicator")
                  .annotate(n=Count("pk")).values_list("indicator", "n"))  # fmt: skip
    print(
        f"{sum(counts.values()):,} rollups of {year}: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())),
        flush=True,
    )

    for label in ("first run, opens warnings", "second run, nothing new"):
        started = time.perf_counter()
        warned = warnings.evaluate(AS_OF)
        evaluated = time.perf_counter() - started
        line(f"early-warning rules (evaluate), {label}", evaluated * 1000, None,
             f"{warned['opened']:,} opened, {warned['resolved']:,} resolved")  # fmt: skip

    users = get_user_model().objects
    superadmin = users.filter(username="bench.superadmin").first() or users.create_user(
        username="bench.superadmin", password=None, is_superuser=True, is_staff=True)  # fmt: skip
    admin_prov = login_for(Role.ADMIN_BKPSDM, province, "bench.admin.provinsi")
    pimpinan_prov = login_for(Role.PIMPINAN, province, "bench.pimpinan.provinsi")
    admin_kab = login_for(Role.ADMIN_BKPSDM, kabupaten, "bench.admin.kabupaten")
    pimpinan_kab = login_for(Role.PIMPINAN, kabupaten, "bench.pimpinan.kabupaten")
    client = Client()
    dashboard = "monitoring:dashboard"
    for label, user, url in (
        ("national overview, superadmin", superadmin,
         reverse("monitoring:overview", args=[year])),
        (f"province dashboard ({province.name}), admin", admin_prov,
         reverse(dashboard, args=[province.pk, year])),
        (f"province dashboard ({province.name}), pimpinan", pimpinan_prov,
         reverse(dashboard, args=[province.pk, year])),
        (f"largest kab/kota dashboard ({kabupaten.name}), admin", admin_kab,
         reverse(dashboard, args=[kabupaten.pk, year])),
        (f"largest kab/kota dashboard ({kabupaten.name}), pimpinan", pimpinan_kab,
         reverse(dashboard, args=[kabupaten.pk, year])),
    ):  # fmt: skip
        page(client, user, label, url, runs, TARGET_NATIONAL_MS)


def national(args) -> None:
    """Create `bk_bench_national`, migrate, generate, VACUUM ANALYZE, measure; drop it unless
    --keep."""
    import psycopg

    url = f"postgres://postgres@127.0.0.1:5432/{NATIONAL_DATABASE}"
    if args.reuse:  # measure again on the database a --keep run left
        setup_django(url)
        try:
            measure_national(args.runs, args.asn)
        finally:
            _finish(args)
        return
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {NATIONAL_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {NATIONAL_DATABASE}")
    try:
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env,
                       check=True)  # fmt: skip
        print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)
        setup_django(url)
        import national as generator
        from django.db import connection

        result = generator.generate(asn=args.asn, governments=args.governments, seed=1)
        print(f"generated in {result['total']:.0f} s ({result['total'] / 60:.1f} min); "
              "per table (generation and COPY):")  # fmt: skip
        for table, seconds in sorted(result["seconds"].items(), key=lambda kv: -kv[1]):
            rows = result["rows"][table]
            rate = rows / seconds if seconds else 0
            print(f"    {table:32s} {rows:>12,} rows {seconds:8.1f} s  {rate:>10,.0f} rows/s")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what production's autovacuum keeps
        print(f"VACUUM ANALYZE: {time.perf_counter() - started:.0f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"database size: {cursor.fetchone()[0]}", flush=True)
        measure_national(args.runs, args.asn)
    finally:
        _finish(args)


def _finish(args) -> None:
    """Close the connections; drop the database unless --keep."""
    import psycopg
    from django.db import connections

    connections.close_all()
    if not args.keep:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {NATIONAL_DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    if "--national" in sys.argv:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--national", action="store_true")
        parser.add_argument("--postgres", action="store_true")  # implied
        parser.add_argument("--asn", type=int, default=4_300_000)
        parser.add_argument("--governments", type=int, default=550)
        parser.add_argument("--runs", type=int, default=10)
        parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="measure on the database a --keep run left (no generation)",
        )
        national(parser.parse_args())
    else:
        run(__doc__.splitlines()[0], "bk_bench_monitoring", measure)
