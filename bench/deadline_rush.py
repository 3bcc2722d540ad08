"""Load benchmark of the SKP deadline rush (a plain script, not a test; issue 18).

On a throwaway PostgreSQL database (`bk_bench_rush`, created, seeded with `seed_demo --asn N`
and dropped at the end) it gives 500 employees a login — ASN whose SKP waits for their next
step (draft or returned: submit; approved: start; in progress: record a realisation) and
atasan with subordinates' SKPs to approve or assess —, starts gunicorn on 127.0.0.1 (a free
port; DEBUG off, production settings apart from plain HTTP) and runs locust headless against
it (bench/deadline_rush_locust.py: every user logs in through the login page, then opens SKP
pages and posts the forms they show with CSRF, with a think time before each request).

By default every user logs in first, in a warm-up that is not measured (the morning's logins,
each an Argon2 check of ~0.3 s CPU, are not the deadline work): its logins are reported apart
(count, p50, p95), then the measured window of --run-time seconds holds only the deadline
work. --cold-logins puts the logins inside the window instead, as the first version did.
By default every request comes on a new connection, as production serves it: nginx holds the
browsers' connections and opens one to gunicorn per request (proxy_pass without upstream
keep-alive), so each request goes to whichever gunicorn process accepts it first.
--keep-alive gives each user one lasting connection instead (a browser talking to gunicorn
directly): the 500 connections then stay with the processes that happened to accept them at
login, and a process holding many queues on its two threads while others idle.
It prints, per step and overall, the requests, the failures (target 0) and the p50/p95/p99
latency (target p95 ≤ 500 ms), and exits non-zero when a target is missed. Only loopback is
ever loaded, and every phase is bounded in time. Gunicorn's workers and threads default to
the project's gunicorn.conf.py (what production serves with).

    .venv/bin/python bench/deadline_rush.py [--asn 32000] [--users 500] [--spawn-rate 50]
        [--run-time 120] [--workers W] [--threads T] [--think 5 15] [--keep-alive]
        [--warmup-limit 300 | --cold-logins [--login-spread SECONDS]]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import runpy
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from seeded import PG_ADMIN, ROOT, free_port, gunicorn_command, gunicorn_env, prepare, setup_django

DATABASE = "bk_bench_rush"
HOST = "127.0.0.1"  # never anything else: this is a load generator
PASSWORD = "rush-bench-only-password"  # noqa: S105 - throwaway accounts of a throwaway database
TARGET_P95_MS = 500
ASN_SHARE = 0.8  # of the simulated users; the rest are atasan


def make_plan(users: int) -> dict:
    """Accounts for `users` employees (ASN with a step to take, atasan with SKPs to approve or
    assess) and what each will do: SKP ids, indicator ids, the open quarter."""
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count
    from django.utils import timezone

    from binakinerja.accounts.models import User
    from binakinerja.people.models import Employee
    from binakinerja.performance.models import Period, Skp, SkpIndicator

    # A kept database (--keep) gets its accounts afresh.
    Employee.objects.filter(user__username__startswith="rush.").update(user=None)
    User.objects.filter(username__startswith="rush.").delete()
    today = timezone.localdate()
    year = Skp.objects.order_by("-year").values_list("year", flat=True).first()
    quarters = {
        instansi_path: pk
        for instansi_path, pk in Period.objects.filter(year=year, status="open", start__lte=today)
        .exclude(kind="annual")
        .order_by("start")
        .values_list("instansi__path", "pk")
    }  # the latest open quarter that has begun, per government

    def quarter_of(unit_path: str):
        return next((pk for path, pk in quarters.items() if unit_path.startswith(path)), None)

    asn_count = round(users * ASN_SHARE)
    mine = Skp.objects.filter(year=year, employee__user__isnull=True,
                              employee__supervisor__isnull=False)  # fmt: skip
    asn_skps = list(
        mine.filter(status__in=["draft", "returned", "approved", "in_progress"])
        .select_related("employee__unit").order_by("?")[:asn_count]
    )  # fmt: skip
    taken = {skp.employee_id for skp in asn_skps}
    waiting = (
        Skp.objects.filter(year=year, status__in=["submitted", "in_progress"],
                           atasan__user__isnull=True)
        .exclude(atasan_id__in=taken).values("atasan_id").annotate(n=Count("pk"))
        .order_by("-n", "atasan_id")[: users - len(asn_skps)]
    )  # fmt: skip
    atasan = list(Employee.objects.filter(pk__in=[row["atasan_id"] for row in waiting]))
    indicators: dict[int, list[int]] = {}
    for skp_id, pk in SkpIndicator.objects.filter(
        result__skp__in=asn_skps, target_value__isnull=False
    ).values_list("result__skp_id", "pk"):
        indicators.setdefault(skp_id, []).append(pk)

    password = make_password(PASSWORD)  # hashed once (Argon2), as the demo's logins
    accounts = User.objects.bulk_create(
        [User(username=f"rush.asn.{i}", password=password) for i in range(len(asn_skps))]
        + [User(username=f"rush.atasan.{i}", password=password) for i in range(len(atasan))]
    )  # fmt: skip
    people = [skp.employee for skp in asn_skps] + atasan
    for employee, account in zip(people, accounts, strict=True):
        employee.user_id = account.pk
    Employee.objects.bulk_update(people, ["user"], batch_size=1000)

    plan_asn = [
        {"username": f"rush.asn.{i}", "skp": {
            "pk": skp.pk, "indicators": indicators.get(skp.pk, []),
            "quarter": quarter_of(skp.employee.unit.path)}}
        for i, skp in enumerate(asn_skps)
    ]  # fmt: skip
    plan_atasan = []
    for i, boss in enumerate(atasan):
        skps = Skp.objects.filter(
            year=year, atasan=boss, status__in=["submitted", "in_progress"]
        ).select_related("employee__unit")[:10]
        plan_atasan.append({"username": f"rush.atasan.{i}", "skps": [
            {"pk": s.pk, "quarter": quarter_of(s.employee.unit.path)} for s in skps]})  # fmt: skip
    statuses: dict[str, int] = {}
    for skp in asn_skps:
        statuses[skp.status] = statuses.get(skp.status, 0) + 1
    their = sum(len(a["skps"]) for a in plan_atasan)
    print(f"accounts    : {len(plan_asn)} ASN (SKPs {statuses}), {len(plan_atasan)} atasan "
          f"({their} subordinates' SKPs); year {year}")  # fmt: skip
    return {"password": PASSWORD, "asn": plan_asn, "atasan": plan_atasan,
            "asn_weight": len(plan_asn), "atasan_weight": max(1, len(plan_atasan))}  # fmt: skip


def wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/akun/login/", timeout=5):  # noqa: S310
                return
        except urllib.error.HTTPError as error:
            raise SystemExit(f"gunicorn answered the login page with {error.code}") from error
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 60 s")


def report(results: dict) -> bool:
    """Print the measured window's figures per step; True when every target is met."""
    print(f"\nmeasured    : {results['window_seconds']} s")
    print(f"{'step':<32}{'requests':>9}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    for row in results["steps"]:
        ms = {key: "–" if row[key] is None else str(row[key]) for key in ("p50", "p95", "p99")}
        print(f"{row['name']:<32}{row['requests']:>9}{row['failures']:>9}"
              f"{ms['p50']:>8}{ms['p95']:>8}{ms['p99']:>8}")  # fmt: skip
    overall = results["steps"][-1]
    ok = overall["requests"] > 0 and overall["failures"] == 0 and overall["p95"] <= TARGET_P95_MS
    print(f"\nthroughput  : {overall['rps']:.1f} requests/s; target: 0 failures, p95 ≤ "
          f"{TARGET_P95_MS} ms → {'met' if ok else 'MISSED'}")  # fmt: skip
    if results["errors"]:
        print("\nfailures:")
        for error in results["errors"][:30]:
            print(f"  {error['occurrences']:>6} × {error['step']}: {error['error'][:200]}")
    return ok


def report_warm_up(w: dict | None) -> bool:
    """Print the warm-up's logins; True when every user logged in."""
    if w is None:
        print("\nwarm-up     : no report (locust stopped before the warm-up ended)")
        return False
    ms = {key: "–" if w[key] is None else f"{w[key]:.0f}" for key in ("p50_ms", "p95_ms", "max_ms")}
    print(f"\nwarm-up     : {w['logged_in']} of {w['users']} users logged in in {w['seconds']} s "
          f"(not measured); logins: {w['count']}, refused {w['refused']}, p50 {ms['p50_ms']} ms, "
          f"p95 {ms['p95_ms']} ms, max {ms['max_ms']} ms"
          + ("" if w["complete"] else " — INCOMPLETE: the warm-up limit was reached"))  # fmt: skip
    return w["complete"] and w["refused"] == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--asn", type=int, default=32000)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--spawn-rate", type=int, default=50)
    parser.add_argument("--run-time", type=int, default=120, help="seconds (at most 600)")
    production = runpy.run_path(str(ROOT / "gunicorn.conf.py"))  # the defaults served
    parser.add_argument("--workers", type=int, default=production["workers"])
    parser.add_argument("--threads", type=int, default=production["threads"])
    parser.add_argument("--keep", action="store_true",
                        help="keep the seeded database for the next run (development)")  # fmt: skip
    parser.add_argument("--keep-alive", action="store_true",
                        help="each user keeps one connection to gunicorn, as a browser talking "
                             "to it directly would; by default every request opens its own, as "
                             "nginx's proxy_pass does towards gunicorn")  # fmt: skip
    parser.add_argument("--cold-logins", action="store_true",
                        help="log in inside the measured window, as users spawn (the first "
                             "version's mode); by default all log in before it")  # fmt: skip
    parser.add_argument("--warmup-limit", type=int, default=300, metavar="SECONDS",
                        help="at most this long for the warm-up logins (at most 600)")  # fmt: skip
    parser.add_argument("--login-spread", type=float, default=0, metavar="SECONDS",
                        help="spread the users' logins over this many seconds (0: as they "
                             "spawn); each Argon2 check costs ~0.3 s of CPU")  # fmt: skip
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(5.0, 15.0),
        metavar=("MIN", "MAX"),
        help="seconds a user thinks before each request: reading the page "
        "and filling in its form, before opening the next page",
    )
    args = parser.parse_args()
    if not 0 < args.run_time <= 600:
        raise SystemExit("--run-time must be 1…600 seconds: this benchmark is bounded")
    if not 0 < args.warmup_limit <= 600:
        raise SystemExit("--warmup-limit must be 1…600 seconds: this benchmark is bounded")
    if not 0 <= args.think[0] <= args.think[1]:
        raise SystemExit("--think MIN MAX: 0 ≤ MIN ≤ MAX")
    warm = not args.cold_logins
    # With warm logins the locustfile stops locust itself after the measured window; locust's
    # own limit is only the bound of warm-up plus window.
    locust_time = args.run_time + (args.warmup_limit + 30 if warm else 0)
    import psycopg

    url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        kept = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not (args.keep and kept):
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DATABASE}")
    server, ok = None, False
    try:
        if not (args.keep and kept):
            prepare(url, args.asn)
        setup_django(url)
        plan = make_plan(args.users)
        plan.update(think_min=args.think[0], think_max=args.think[1],
                    login_spread=args.login_spread, warm=warm, run_time=args.run_time,
                    warmup_limit=args.warmup_limit, keep_alive=args.keep_alive)  # fmt: skip
        from django.db import connections

        connections.close_all()
        port = free_port()
        server_env = gunicorn_env(url)
        command = gunicorn_command(
            port, workers=args.workers, threads=args.threads, worker_class="gthread",
            keep_alive=math.ceil(args.think[1]) + 5,
        )  # fmt: skip
        # Production serves collected static files (a manifest): collect them as it would.
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput",
                        "-v0"], env=server_env, check=True)  # fmt: skip
        server = subprocess.Popen(command, env=server_env, cwd=ROOT)
        wait_for(port, server)
        connections_used = (
            "a kept-alive connection per user"
            if args.keep_alive
            else "a new connection per request, as behind nginx"
        )
        logins = (
            f"logins before the window (warm-up ≤ {args.warmup_limit} s)"
            if warm
            else "cold logins inside the window"
        ) + (f", spread over {args.login_spread:g} s" if args.login_spread else "")
        print(f"gunicorn    : {args.workers} gthread workers × {args.threads} threads, "
              f"{os.cpu_count()} CPUs; locust: {args.users} users, {args.spawn_rate}/s, "
              f"{args.run_time} s measured, think {args.think[0]:g}–{args.think[1]:g} s; "
              f"{logins}; {connections_used}")  # fmt: skip
        with tempfile.TemporaryDirectory(prefix="bk-rush-") as work:
            plan_path = Path(work) / "plan.json"
            plan_path.write_text(json.dumps(plan))
            results_path = Path(work) / "results.json"
            subprocess.run(
                [str(ROOT / ".venv" / "bin" / "locust"),
                 "-f", str(ROOT / "bench" / "deadline_rush_locust.py"), "--headless",
                 "-u", str(args.users), "-r", str(args.spawn_rate),
                 "--run-time", f"{locust_time}s", "--stop-timeout", "10",
                 "--host", f"http://{HOST}:{port}",
                 "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
                env={**os.environ, "RUSH_PLAN": str(plan_path), "RUSH_RESULTS": str(results_path)},
                check=True, timeout=locust_time + 120, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            results = json.loads(results_path.read_text())
            warmed = report_warm_up(results["warm_up"]) if warm else True
            ok = report(results) and warmed
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
