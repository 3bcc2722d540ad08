"""Benchmark of the IKM aggregation at Gorontalo scale (a plain script, not a test).

Builds a fresh database with the demo plan's organisation tree (every service outlet of the
seven governments becomes a service unit with three yearly survey periods) and N survey
responses (answers 1–4, ~3 % unanswered; ~95 % valid), then times, median of --runs:
(a) `selectors.ikm_by_period` over the ids of every period (ORM, returns IkmResults) and
(b) the same aggregation as one hand-written SQL query (SUM/COUNT per element GROUP BY period)
    followed by the same arithmetic (`rules.ikm_from_sums`),
checks both give equal results and prints seconds and the ratio (target: < 2 s, ratio ≤ 1.5).

    .venv/bin/python bench/ikm.py [--responses 1000000] [--runs 5] [--sqlite | --postgres]

Without --sqlite/--postgres both run, one after the other, each in its own process (a temporary
SQLite file; PostgreSQL database `bk_bench_ikm`, created and dropped).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from seeded import PG_ADMIN, ROOT, setup_django

DATABASE = "bk_bench_ikm"
YEARS = (2024, 2025, 2026)
CHUNK = 50_000
STATUSES = (("valid", 95), ("flagged", 4), ("rejected", 1))
ANSWERS = (None, 1, 2, 3, 4)
ANSWER_WEIGHTS = (3, 4, 13, 45, 35)  # ~3 % unanswered; most people answer 3 or 4

RAW_SQL = """
SELECT period_id, {aggregates}, COUNT(*)
FROM satisfaction_surveyresponse
WHERE status = 'valid'
GROUP BY period_id
"""


def migrate(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env,
                   check=True)  # fmt: skip


def create_tree(planner) -> int:
    """The plan's units, bulk-created level by level (orgunit_create, one by one and audited,
    takes a minute for the 3,600 units); paths as organizations.services builds them."""
    from binakinerja.organizations.models import PATH_SEP, OrgUnit
    from binakinerja.organizations.services import child_kind, path_step

    level = [(node, None) for node in planner.roots]
    created = 0
    while level:
        units = []
        for i, (node, parent) in enumerate(level):
            node.unit = OrgUnit(
                parent=parent, name=node.name, short_name=node.short_name, code=node.code,
                kind=child_kind(parent), unit_type=node.unit_type,
                is_service_unit=node.is_service_unit, kab_kota=node.kab_kota,
                address=node.address, path=f"tmp-{created + i}",
                depth=0 if parent is None else parent.depth + 1,
            )  # fmt: skip
            units.append(node.unit)
        OrgUnit.objects.bulk_create(units)
        for unit in units:
            step = path_step(unit.pk)
            unit.path = step if unit.parent is None else f"{unit.parent.path}{PATH_SEP}{step}"
        OrgUnit.objects.bulk_update(units, ["path"], batch_size=500)
        created += len(units)
        level = [(child, node.unit) for node, _parent in level for child in node.children]
    return created


def seed(responses: int) -> tuple[int, int]:
    """The demo tree, a service unit per outlet, three yearly periods each, `responses`
    responses bulk-inserted (COPY on PostgreSQL, executemany on SQLite)."""
    from django.db import connection, transaction

    from binakinerja.demo.plan import Planner
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.satisfaction.models import ELEMENT_FIELDS, ServiceUnit, SurveyPeriod

    started = time.perf_counter()
    planner = Planner(asn=32000, seed=1)
    planner.plan_units()
    with transaction.atomic():
        units = create_tree(planner)
        outlets = OrgUnit.objects.filter(is_service_unit=True).values_list("pk", flat=True)
        ServiceUnit.objects.bulk_create(
            ServiceUnit(unit_id=pk, public_code=f"b{pk:07d}", annual_users=1000) for pk in outlets
        )
        SurveyPeriod.objects.bulk_create(
            SurveyPeriod(
                service_unit_id=su, year=year, starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 12, 31), population=1000,
                status="open" if year == YEARS[-1] else "closed",
            )
            for su in ServiceUnit.objects.values_list("pk", flat=True)
            for year in YEARS
        )  # fmt: skip
    periods = list(SurveyPeriod.objects.values_list("pk", "year"))
    print(f"  {units} organisation units, {len(outlets)} service units, {len(periods)} periods: "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip

    started = time.perf_counter()
    rng = random.Random(1)  # noqa: S311 - synthetic benchmark data
    columns = ["period_id", "visit_date", "sex", "age_band", "education", "occupation",
               *ELEMENT_FIELDS, "suggestion", "source", "status", "flag_reason",
               "submitted_at", "device_hash"]  # fmt: skip
    # Big periods and small ones, as in life: a weight per period.
    weights = [rng.paretovariate(1.5) for _ in periods]
    statuses = [s for s, _w in STATUSES]
    status_weights = [w for _s, w in STATUSES]

    def rows(count: int):
        chosen = rng.choices(periods, weights, k=count)
        answers = rng.choices(ANSWERS, ANSWER_WEIGHTS, k=count * 9)
        states = rng.choices(statuses, status_weights, k=count)
        for i, (period_id, year) in enumerate(chosen):
            day = dt.date(year, 1, 1) + dt.timedelta(days=i % 360)
            yield (period_id, day.isoformat(), "LP"[i % 2], "30-39", "sma", "swasta",
                   *answers[i * 9 : i * 9 + 9], "", "online", states[i], "",
                   f"{day.isoformat()} 09:00:00+00:00", "")  # fmt: skip

    table = "satisfaction_surveyresponse"
    done = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            while done < responses:
                count = min(CHUNK, responses - done)
                if connection.vendor == "postgresql":
                    raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                    with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in rows(count):
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                        list(rows(count)),
                    )
                done += count
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute("ANALYZE")
            # Fold the write-ahead log into the database file, as a live server's checkpoints
            # do: reading a million rows through a 250 MB WAL would triple the times.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"  {responses:,} responses: {time.perf_counter() - started:.1f} s")
    return len(outlets), len(periods)


def by_orm():
    """As the comparison and public views call it: with the ids of the periods wanted."""
    from binakinerja.satisfaction.models import SurveyPeriod
    from binakinerja.satisfaction.selectors import ikm_by_period

    return ikm_by_period(list(SurveyPeriod.objects.values_list("pk", flat=True)))


def raw_rows() -> list[tuple]:
    from django.db import connection

    from binakinerja.satisfaction.models import ELEMENT_FIELDS

    aggregates = ", ".join(f"SUM({f}), COUNT({f})" for f in ELEMENT_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL.format(aggregates=aggregates))
        return cursor.fetchall()


def arithmetic(rows: list[tuple]) -> dict:
    from binakinerja.satisfaction.rules import ikm_from_sums
    from binakinerja.satisfaction.selectors import ikm_weight

    weight = ikm_weight()
    results = {}
    for period_id, *values in rows:
        n = values.pop()
        sums = [s or 0 for s in values[0::2]]
        counts = values[1::2]
        results[period_id] = ikm_from_sums(sums, counts, respondents=n, weight=weight)
    return results


def by_raw_sql():
    return arithmetic(raw_rows())


def median_seconds(function, runs: int):
    function()  # warm-up: caches and the first connection, not counted
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def measure(database_url: str, responses: int, runs: int) -> None:
    migrate(database_url)
    setup_django(database_url)
    from django.db import connection

    seed(responses)
    orm_s, orm = median_seconds(by_orm, runs)
    raw_s, raw = median_seconds(by_raw_sql, runs)
    assert orm == raw, "the ORM and the raw SQL disagree"
    complete = sum(1 for r in orm.values() if r.complete)
    print(f"  {connection.vendor}: {len(orm)} periods with results ({complete} complete)")
    print(f"  (a) ikm_by_period (ORM):   median {orm_s:.3f} s")
    print(f"  (b) one raw SQL query:     median {raw_s:.3f} s")
    sql_s, rows = median_seconds(raw_rows, runs)
    math_s, _results = median_seconds(lambda: arithmetic(rows), runs)
    print(f"      of which the SQL {sql_s:.3f} s, the arithmetic (rules.ikm_from_sums) "
          f"{math_s:.3f} s")  # fmt: skip
    ok = orm_s < 2 and raw_s < 2 and orm_s / raw_s <= 1.5
    print(f"  ratio (a)/(b): {orm_s / raw_s:.2f}  -> {'OK' if ok else 'ABOVE TARGET'}")


def run_one(db: str, responses: int, runs: int) -> None:
    print(f"== {db}")
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DATABASE}")
        try:
            url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
            measure(url, responses, runs)
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        return
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/{DATABASE}.sqlite3", responses, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--sqlite", action="store_true")
    which.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if args.sqlite or args.postgres:
        db = "postgres" if args.postgres else "sqlite"
        run_one(db, args.responses, args.runs)
        return
    # Both, each in its own process: Django is set up once per process for one database.
    for flag in ("--sqlite", "--postgres"):
        subprocess.run([sys.executable, __file__, flag, "--responses", str(args.responses),
                        "--runs", str(args.runs)], check=True)  # fmt: skip


if __name__ == "__main__":
    main()
