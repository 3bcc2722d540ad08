"""Load benchmark of the public survey form (a plain script, not a test).

On a throwaway PostgreSQL database (`bk_bench_survey`, created and dropped), with a few service
units and open periods, it starts gunicorn on 127.0.0.1 (DEBUG off, production settings apart
from plain HTTP), then:
1. fetches the form once per simulated device (its own cookies: CSRF and device), keeping the
   signed token of each form;
2. sends --count submissions concurrently, each device once, and measures submissions per
   second (only 302 redirects to the thank-you page count), latency p50/p95 and the statuses.
The target is ≥ 200 submissions/s on 2 cores. The load generator and whatever else runs on the
machine share its CPUs, so the measured rate is a floor; the CPU time the gunicorn workers and
the PostgreSQL backends spend per submission gives the capacity of idle cores as well.

    .venv/bin/python bench/survey_load.py [--count 3000] [--workers 4] [--worker-class gthread]
        [--threads 4] [--clients 16] [--units 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from http.cookies import SimpleCookie

from seeded import PG_ADMIN, ROOT, free_port, gunicorn_command, gunicorn_env, setup_django

DATABASE = "bk_bench_survey"
HOST = "127.0.0.1"  # never anything else: this is a load generator
TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def seed(units: int) -> list[tuple[str, list[int]]]:
    """Service units with services and an open period this year: [(public code, service ids)]."""
    import datetime as dt

    from django.utils import timezone

    from binakinerja.organizations.services import orgunit_create
    from binakinerja.satisfaction.models import ExtraQuestion, Service, ServiceUnit, SurveyPeriod

    year = timezone.localdate().year
    prov = orgunit_create(actor=None, parent=None, name="Pemerintah Provinsi Gorontalo")
    dinkes = orgunit_create(actor=None, parent=prov, name="Dinas Kesehatan", unit_type="dinas")
    ExtraQuestion.objects.create(unit=dinkes, text="Apakah antrean tertib?")
    result = []
    for n in range(1, units + 1):
        unit = orgunit_create(
            actor=None, parent=dinkes, name=f"Puskesmas {n}", unit_type="puskesmas",
            is_service_unit=True,
        )  # fmt: skip
        service_unit = ServiceUnit.objects.create(unit=unit, annual_users=5000)
        services = [
            Service.objects.create(service_unit=service_unit, name=name).pk
            for name in ("Poli Umum", "KIA", "Imunisasi", "Laboratorium")
        ]
        SurveyPeriod.objects.create(
            service_unit=service_unit, year=year, starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31), population=5000,
        )  # fmt: skip
        result.append((service_unit.public_code, services))
    return result


class Connection:
    """One keep-alive HTTP connection to the server, reopened when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.conn = None

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                content = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return response, content
        raise AssertionError("unreachable")


def cookies_of(response) -> dict[str, str]:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def in_threads(clients: int, jobs: list, work) -> list:
    """Run `work(connection, job)` over `jobs` in `clients` threads; results in any order."""
    todo: queue.Queue = queue.Queue()
    for job in jobs:
        todo.put(job)
    results, lock = [], threading.Lock()
    port = jobs[0][0] if jobs else 0

    def run():
        conn = Connection(port)
        local = []
        while True:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                break
            local.append(work(conn, job))
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def fetch_form(conn: Connection, job):
    _port, code, services, device = job
    started = time.perf_counter()
    response, content = conn.request("GET", f"/s/{code}/", headers={"User-Agent": device})
    elapsed = time.perf_counter() - started
    page = content.decode()
    token, csrf = TOKEN_RE.search(page), CSRF_RE.search(page)
    if response.status != 200 or not token or not csrf:
        return None, elapsed, response.status
    return (
        (code, services, device, cookies_of(response), token.group(1), csrf.group(1)),
        elapsed,
        200,
    )


def submission(rng: random.Random, form) -> tuple[str, str, dict]:
    code, services, device, cookies, token, csrf = form
    data = {"csrfmiddlewaretoken": csrf, "token": token}
    for i in range(1, 10):
        if rng.random() < 0.95:
            data[f"u{i}"] = str(rng.choice((2, 3, 3, 4, 4)))
    if rng.random() < 0.7:
        data["service"] = str(rng.choice(services))
    if rng.random() < 0.6:
        data.update(sex=rng.choice("LP"), age_band=rng.choice(["20-29", "30-39", "40-49"]),
                    education=rng.choice(["sma", "s1"]), occupation="wirausaha")  # fmt: skip
    if rng.random() < 0.3:
        data["suggestion"] = "Ruang tunggu perlu kipas angin dan kursi tambahan."
    headers = {
        "User-Agent": device,
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    }
    return f"/s/{code}/", urllib.parse.urlencode(data), headers


def post_form(conn: Connection, job):
    _port, path, body, headers = job
    started = time.perf_counter()
    response, _content = conn.request("POST", path, body=body, headers=headers)
    return response.status, time.perf_counter() - started


def percentile_ms(values: list[float], fraction: float) -> float:
    from binakinerja.satisfaction.rules import percentile

    return (percentile(sorted(values), fraction) or 0) * 1000


def server_cpu(server: subprocess.Popen) -> dict[tuple[str, int], float]:
    """CPU seconds used so far by each gunicorn worker and each PostgreSQL backend of the
    bench database: what one submission costs whatever else the machine is doing."""
    import psutil
    import psycopg

    def used(process) -> float:
        try:
            times = process.cpu_times()
        except psutil.Error:
            return 0.0
        return times.user + times.system

    seen = {("web", child.pid): used(child) for child in psutil.Process(server.pid).children()}
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        pids = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [DATABASE]
        ).fetchall()
    for (pid,) in pids:
        try:
            seen[("db", pid)] = used(psutil.Process(pid))
        except psutil.Error:
            pass
    return seen


def cpu_used(before: dict, after: dict, kind: str) -> float:
    # A process started meanwhile counts in full; one that ended meanwhile is lost, which is
    # why the server keeps its database connections for the whole run.
    return sum(t - before.get(key, 0.0) for key, t in after.items() if key[0] == kind)


def wait_for(port: int, path: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000, help="submissions to send")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--clients", type=int, default=16, help="concurrent client threads")
    parser.add_argument("--units", type=int, default=4)
    args = parser.parse_args()

    import psycopg

    url = f"postgres://postgres@{HOST}:5432/{DATABASE}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    server = None
    try:
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env,
                       check=True)  # fmt: skip
        setup_django(url)
        units = seed(args.units)

        port = free_port()
        server_env = gunicorn_env(url)
        command = gunicorn_command(
            port, workers=args.workers, threads=args.threads, worker_class=args.worker_class
        )
        server = subprocess.Popen(command, env=server_env, cwd=ROOT)
        wait_for(port, f"/s/{units[0][0]}/", server)
        threads = f" × {args.threads} threads" if args.worker_class == "gthread" else ""
        print(f"gunicorn    : {args.workers} {args.worker_class} workers{threads}, "
              f"{os.cpu_count()} CPUs; {args.clients} client threads; "
              f"{args.units} units")  # fmt: skip

        # The floor of this stack on this machine: a 404 of an unknown code runs every
        # middleware, one query and a tiny template.
        probes = [(port, "zzzzzz", [], "bench/probe")] * min(args.count, 1000)
        started = time.perf_counter()
        probed = in_threads(args.clients, probes, fetch_form)
        wall = time.perf_counter() - started
        floor = len(probed) / wall
        print(f"GET 404     : {len(probed)} in {wall:.1f} s = {floor:6.0f}/s (the stack's floor), "
              f"statuses {dict(Counter(s for _f, _e, s in probed))}")  # fmt: skip

        rng = random.Random(1)
        devices = [
            (port, *units[i % len(units)], f"Mozilla/5.0 (Linux; Android 12) bench/{i}")
            for i in range(args.count)
        ]
        started = time.perf_counter()
        fetched = in_threads(args.clients, devices, fetch_form)
        wall = time.perf_counter() - started
        forms = [form for form, _elapsed, _status in fetched if form]
        get_times = [elapsed for _form, elapsed, _status in fetched]
        print(f"GET form    : {len(fetched)} in {wall:.1f} s = {len(fetched) / wall:6.0f}/s, "
              f"p50 {percentile_ms(get_times, 0.5):5.1f} ms, p95 "
              f"{percentile_ms(get_times, 0.95):5.1f} ms, "
              f"statuses {dict(Counter(s for _f, _e, s in fetched))}")  # fmt: skip

        jobs = [(port, *submission(rng, form)) for form in forms]
        cpu_before = server_cpu(server)
        client_before = time.process_time()
        started = time.perf_counter()
        posted = in_threads(args.clients, jobs, post_form)
        wall = time.perf_counter() - started
        client_cpu = time.process_time() - client_before
        cpu_after = server_cpu(server)
        web_ms = cpu_used(cpu_before, cpu_after, "web") / len(posted) * 1000
        db_ms = cpu_used(cpu_before, cpu_after, "db") / len(posted) * 1000
        statuses = Counter(status for status, _elapsed in posted)
        times = [elapsed for _status, elapsed in posted]
        rate = statuses[302] / wall
        print(f"POST submit : {len(posted)} in {wall:.1f} s = {rate:6.0f} submissions/s "
              f"(target 200: ×{rate / 200:.2f}), p50 {percentile_ms(times, 0.5):5.1f} ms, "
              f"p95 {percentile_ms(times, 0.95):5.1f} ms")  # fmt: skip
        print(f"statuses    : {dict(sorted(statuses.items()))}; submissions/s ÷ 404/s = "
              f"{rate / floor:.2f}")  # fmt: skip
        cores = os.cpu_count() or 1
        capacity = cores * 1000 / (web_ms + db_ms)
        client_ms = client_cpu / len(posted) * 1000
        print(f"CPU/submit  : gunicorn {web_ms:.1f} ms + PostgreSQL {db_ms:.1f} ms (load "
              f"generator {client_ms:.1f} ms, not counted) → {cores} idle cores serve ≈ "
              f"{capacity:.0f} submissions/s (×{capacity / 200:.2f} of the target)")  # fmt: skip
        print(
            f"machine     : load average {os.getloadavg()[0]:.1f} over {cores} CPUs during "
            "the run (other work shares them)"
        )

        from django.db import connections
        from django.db.models import Count

        from binakinerja.satisfaction.models import SurveyResponse

        stored = SurveyResponse.objects.values_list("status", "flag_reason").annotate(n=Count("id"))
        print("stored      : " + ", ".join(f"{s} {r or '-'}: {n}" for s, r, n in stored))
        assert sum(n for _s, _r, n in stored) == statuses[302], "stored ≠ redirected"
        connections.close_all()
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
