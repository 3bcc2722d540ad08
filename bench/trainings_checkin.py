"""Load benchmark of QR attendance (issue 13; a plain script, not a test): 40 participants
check in within the same 30 seconds against gunicorn + PostgreSQL on loopback.

On a throwaway PostgreSQL database (`bk_bench_checkin`, created and dropped) it seeds one
running batch with a session today and --participants enrolled ASN with logins, starts
gunicorn on 127.0.0.1 (DEBUG off, production settings apart from plain HTTP), logs every
participant in through the real login form (not timed: Argon2 is slow on purpose), then all
of them open the code shown on the screen, one thread each, as phones would: first at random
moments within 10 seconds (people scan as the code appears), then all at the same instant (the
worst case; a second scan is "already recorded"). Target: no errors and p95 ≤ 200 ms. It also
checks that exactly one attendance row per participant was written.

    .venv/bin/python bench/trainings_checkin.py [--participants 40] [--workers 4] [--threads 4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter

from seeded import PG_ADMIN, ROOT, setup_django
from survey_load import HOST, Connection, cookies_of, free_port, percentile_ms, wait_for

DATABASE = "bk_bench_checkin"
PASSWORD = "bench-checkin-password-2026"  # noqa: S105 - throwaway bench accounts
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TARGET_P95_MS = 200


def seed(participants: int):
    """One running batch with a session today and `participants` enrolled ASN with logins."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from binakinerja.core.testing import make_employee
    from binakinerja.organizations.services import orgunit_create
    from binakinerja.trainings.models import (
        Batch,
        Enrolment,
        Institution,
        Module,
        Program,
        Session,
    )

    today = timezone.localdate()
    prov = orgunit_create(actor=None, parent=None, name="Pemerintah Provinsi Gorontalo")
    dinkes = orgunit_create(actor=None, parent=prov, name="Dinas Kesehatan", unit_type="dinas")
    institution = Institution.objects.create(name="BPSDM Provinsi Gorontalo", kind="bpsdm")
    program = Program.objects.create(institution=institution, title="Pelayanan Prima",
                                     form_code="KL03", jenis_diklat_id=3,
                                     status=Program.Status.APPROVED)  # fmt: skip
    module = Module.objects.create(program=program, order=1, name="Standar Pelayanan", jp=8)
    batch = Batch.objects.create(program=program, name="Angkatan I", year=today.year,
                                 capacity=participants, start=today, end=today,
                                 status=Batch.Status.RUNNING)  # fmt: skip
    session = Session.objects.create(batch=batch, date=today, start_time=dt.time(0, 0),
                                     end_time=dt.time(23, 59), module=module)  # fmt: skip
    hashed = make_password(PASSWORD)
    users = []
    for n in range(participants):
        user = get_user_model().objects.create(username=f"peserta{n:03d}", password=hashed)
        employee = make_employee(dinkes, f"Peserta {n + 1}", user=user)
        Enrolment.objects.create(batch=batch, employee=employee, status="enrolled")
        users.append(user.username)
    return session, users


def log_in(port: int, username: str) -> dict[str, str]:
    """The cookies of a logged-in browser, through the real login form."""
    conn = Connection(port)
    response, body = conn.request("GET", "/akun/login/")
    cookies = cookies_of(response)
    token = CSRF_RE.search(body.decode()).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
               "Referer": f"http://{HOST}:{port}/akun/login/"}  # fmt: skip
    response, _body = conn.request("POST", "/akun/login/", body=form, headers=headers)
    if response.status != 302:
        raise SystemExit(f"log-in of {username} failed: {response.status}")
    cookies.update(cookies_of(response))
    return cookies


def scan_all(port: int, path: str, browsers: list[dict], spread: float) -> list:
    """Every participant opens `path` once, each in its own thread, at a random moment within
    `spread` seconds (0: all released at once by a barrier); [(status, seconds)]."""
    results, lock = [], threading.Lock()
    gate = threading.Barrier(len(browsers))
    rng = random.Random(5)  # noqa: S311 - arrival times of a bench
    delays = [rng.uniform(0, spread) for _ in browsers]

    def scan(cookies, delay):
        conn = Connection(port)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        gate.wait()
        time.sleep(delay)
        begun = time.perf_counter()
        response, _body = conn.request("GET", path, headers=headers)
        with lock:
            results.append((response.status, time.perf_counter() - begun))

    threads = [threading.Thread(target=scan, args=pair) for pair in zip(browsers, delays,
                                                                        strict=True)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    import psycopg

    url = f"postgres://postgres@{HOST}:5432/{DATABASE}"
    secret = "bench-only-throwaway-secret-key-" + os.urandom(16).hex()
    os.environ["SECRET_KEY"] = secret  # the bench computes the codes the server checks
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    server = None
    try:
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env,
                       check=True)  # fmt: skip
        setup_django(url)
        from binakinerja.trainings.attendance import attendance_code, scan_path
        from binakinerja.trainings.models import Attendance

        session, usernames = seed(args.participants)
        port = free_port()
        server_env = {
            **os.environ, "DATABASE_URL": url, "DEBUG": "false", "SECRET_KEY": secret,
            "ALLOWED_HOSTS": HOST, "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING", "DATABASE_CONN_MAX_AGE": "3600",
            "PYTHONWARNINGS": "ignore:No directory at",
        }  # fmt: skip
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"), "binakinerja.wsgi:application",
            "--bind", f"{HOST}:{port}", "--workers", str(args.workers),
            "--worker-class", "gthread", "--threads", str(args.threads),
            "--log-level", "warning", "--keep-alive", "5",
        ]  # fmt: skip
        # Production serves collected static files (a manifest): collect them as it would.
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput",
                        "-v0"], env=server_env, check=True)  # fmt: skip
        server = subprocess.Popen(command, env=server_env, cwd=ROOT)
        wait_for(port, "/akun/login/", server)
        started = time.perf_counter()
        browsers = [log_in(port, name) for name in usernames]
        print(f"gunicorn: {args.workers} gthread workers × {args.threads} threads, "
              f"{os.cpu_count()} CPUs; {len(browsers)} participants logged in in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip

        path = scan_path(attendance_code(session))
        for label, spread in (("spread over 10 s", 10.0), ("all at the same instant", 0.0)):
            results = scan_all(port, path, browsers, spread)
            times = [elapsed for _status, elapsed in results]
            statuses = Counter(status for status, _elapsed in results)
            p95 = percentile_ms(times, 0.95)
            print(f"check-in, {label:24s}: {len(results)} scans, p50 "
                  f"{percentile_ms(times, 0.5):6.1f} ms, p95 {p95:6.1f} ms (target ≤ "
                  f"{TARGET_P95_MS} ms: {'ok' if p95 <= TARGET_P95_MS else 'SLOW'}), "
                  f"statuses {dict(statuses)}")  # fmt: skip
            if statuses != Counter({200: len(browsers)}):
                raise SystemExit("errors: every scan must be answered with the page")
        rows = Attendance.objects.filter(session=session).count()
        print(f"attendance rows: {rows} for {len(browsers)} participants (scanned twice each)")
        if rows != len(browsers):
            raise SystemExit("errors: every participant must be recorded exactly once")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        from django.db import connections

        connections.close_all()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
