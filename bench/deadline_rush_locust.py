"""The simulated users of bench/deadline_rush.py (a locustfile; that script runs it).

Each simulated user is one real account of the seeded database (the plan in $RUSH_PLAN): it
logs in through the login page and then, until the run ends, opens an SKP page, fills in the
form the page offers (a think time) and posts it, as a person would in the last days before
the SKP deadline:
- an ASN: submits a draft or returned SKP, starts an approved one, records a quarter's
  realisation of an SKP in progress; one whose SKP waits for the atasan only looks at it;
- an atasan: approves a submitted SKP of a subordinate, assesses the quarter of one in progress.
Only a form the page shows is posted (a person cannot post a form they do not see), with its
CSRF token and the SKP's version, as the browser would. Only a status of 400 or more (or a
redirect to the login page) is a failure: a refusal the page explains (e.g. a move the other
side made first) is part of a rush. Each request comes on its own connection (`Connection:
close`), as nginx passes requests to gunicorn, unless the plan keeps connections alive.

Warm logins (the plan's "warm", the default): every user logs in first; once all have (or the
warm-up limit has passed) the statistics are reset, so the measured window of `run_time`
seconds holds only the deadline work, and this file then stops locust. The logins' own timings
go apart into the figures written to $RUSH_RESULTS (JSON) when locust quits. Cold logins: each
user logs in as it spawns, inside the window."""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
import threading
import time
from urllib.parse import urlparse

import gevent
from gevent.event import Event
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

HOST_ALLOWED = ("127.0.0.1", "localhost", "::1")
with open(os.environ["RUSH_PLAN"]) as handle:
    PLAN = json.load(handle)
PASSWORD = PLAN["password"]
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')
ACTION_RE = re.compile(r'name="action" value="(\w+)"')
FORM_RE = re.compile(r'<form method="post" action="([^"]+)"')
_lock = threading.Lock()
_asn = itertools.cycle(PLAN["asn"])
_atasan = itertools.cycle(PLAN["atasan"])
WARM = PLAN.get("warm", False)
_measuring = Event()  # set once the warm-up is over (at once with cold logins)
_logins: list[tuple[float, bool]] = []  # warm-up: (milliseconds of the login post, accepted)
_warmup = {"done": 0, "summary": None, "window_started": None}


def _next(source):
    with _lock:
        return next(source)


def _percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (no interpolation), in the values' unit."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@events.test_start.add_listener
def _start_warm_up(environment, **_kwargs):
    if not WARM:
        _warmup["window_started"] = time.monotonic()
        _measuring.set()
        return
    gevent.spawn(_end_warm_up, environment, time.monotonic())


@events.quitting.add_listener
def _write_results(environment, **_kwargs):
    """The final figures, once every user has stopped (locust's CSV lags up to a second)."""
    stats = environment.stats

    def row(entry, name):
        def ms(share):
            return entry.get_response_time_percentile(share) if entry.num_requests else None

        return {
            "name": name, "requests": entry.num_requests, "failures": entry.num_failures,
            "p50": ms(0.5), "p95": ms(0.95), "p99": ms(0.99), "rps": entry.total_rps,
        }  # fmt: skip

    steps = [row(e, e.name) for e in sorted(stats.entries.values(), key=lambda e: e.name)]
    started = _warmup["window_started"]
    results = {
        "warm_up": _warmup["summary"],
        "window_seconds": round(time.monotonic() - started, 1) if started else None,
        "steps": [step for step in steps if step["requests"]] + [row(stats.total, "overall")],
        "errors": [{"step": e.name, "error": str(e.error), "occurrences": e.occurrences}
                   for e in stats.errors.values()],
    }  # fmt: skip
    with open(os.environ["RUSH_RESULTS"], "w") as handle:
        json.dump(results, handle)


def _end_warm_up(environment, started: float) -> None:
    """Wait for every user's login (at most the warm-up limit), then report the logins, reset
    the statistics and stop locust after the measured window."""
    expected = environment.parsed_options.num_users
    deadline = started + PLAN["warmup_limit"]
    while _warmup["done"] < expected and time.monotonic() < deadline:
        gevent.sleep(0.2)
    times = [ms for ms, _accepted in _logins]
    summary = {
        "users": expected, "logged_in": sum(accepted for _ms, accepted in _logins),
        "count": len(times), "refused": sum(not accepted for _ms, accepted in _logins),
        "complete": _warmup["done"] >= expected,
        "seconds": round(time.monotonic() - started, 1),
        "p50_ms": _percentile(times, 0.50), "p95_ms": _percentile(times, 0.95),
        "max_ms": max(times, default=None),
    }  # fmt: skip
    _warmup["summary"] = summary
    environment.runner.stats.reset_all()
    _warmup["window_started"] = time.monotonic()
    _measuring.set()
    gevent.spawn_later(PLAN["run_time"], environment.runner.quit)


class _Person(FastHttpUser):
    abstract = True
    wait_time = between(PLAN["think_min"], PLAN["think_max"])
    # As nginx talks to gunicorn: one connection per request (unless the plan keeps them).
    default_headers = None if PLAN.get("keep_alive") else {"Connection": "close"}

    def on_start(self):
        host = urlparse(self.host).hostname
        if host not in HOST_ALLOWED:
            raise SystemExit(f"refusing to load a non-loopback host: {host}")
        self.account = _next(self.source)
        # Logins spread over the first `login_spread` seconds (0: at once, as users spawn).
        time.sleep(random.uniform(0, PLAN["login_spread"]))  # noqa: S311 - load pattern
        try:
            self.log_in()
        finally:
            _warmup["done"] += 1  # counted even when the login failed: the warm-up ends
        _measuring.wait()
        # Each person is somewhere in their own work when the window opens: the first request
        # comes after a random part of a think time, not all 500 in the same instant (a burst
        # no office produces, which would queue ~15 s of pages at once on two cores).
        gevent.sleep(random.uniform(0, PLAN["think_max"]))  # noqa: S311 - load pattern

    def log_in(self) -> None:
        page = self.client.get("/akun/login/", name="login page")
        token = CSRF_RE.search(page.text).group(1)
        started = time.perf_counter()
        with self.client.post(
            "/akun/login/",
            data={"username": self.account["username"], "password": PASSWORD,
                  "csrfmiddlewaretoken": token},  # fmt: skip
            name="log in", allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            accepted = response.status_code == 302 and "/login" not in response.headers.get(
                "Location", ""
            )
            if not accepted:
                response.failure(f"log in refused for {self.account['username']}")
        if WARM and not _measuring.is_set():
            _logins.append(((time.perf_counter() - started) * 1000, accepted))

    def open(self, skp):
        """The SKP page: (its version, the workflow actions it offers, its CSRF token, the
        paths its forms post to)."""
        with self.client.get(f"/kinerja/skp/{skp['pk']}/", name="SKP page",
                             catch_response=True) as response:  # fmt: skip
            if response.status_code != 200 or "/login" in response.url:
                response.failure(f"SKP page: {response.status_code} {response.url}")
                return None
            text = response.text
        version = VERSION_RE.search(text)  # only on pages with a workflow form
        token = CSRF_RE.search(text)
        if token is None:
            return None
        version = int(version.group(1)) if version else ""
        return version, set(ACTION_RE.findall(text)), token.group(1), set(FORM_RE.findall(text))

    def post(self, path: str, name: str, data: dict) -> None:
        self.wait()  # the person reads the page and fills in the form
        with self.client.post(path, data=data, name=name, allow_redirects=False,
                              catch_response=True) as response:  # fmt: skip
            location = (response.headers or {}).get("Location", "")
            if response.status_code != 302 or "/login" in location:
                response.failure(f"{name}: {response.status_code} {location}")


class Asn(_Person):
    weight = PLAN["asn_weight"]
    source = _asn

    @task
    def next_step(self):
        skp = self.account["skp"]
        opened = self.open(skp)
        if opened is None:
            return
        version, actions, token, forms = opened
        path = f"/kinerja/skp/{skp['pk']}/"
        if "submit" in actions or "start" in actions:
            action = "submit" if "submit" in actions else "start"
            self.post(path + "proses/", f"ASN: {action}", {
                "csrfmiddlewaretoken": token, "version": version, "action": action,
                "comment": "Mohon diperiksa." if action == "submit" else "",
            })  # fmt: skip
        elif path + "realisasi/" in forms and skp["indicators"] and skp["quarter"]:
            indicator = random.choice(skp["indicators"])  # noqa: S311 - load pattern
            self.post(path + "realisasi/", "ASN: record realisation", {
                "csrfmiddlewaretoken": token, "indicator": indicator, "period": skp["quarter"],
                "value": random.randint(1, 100), "text": "Sesuai laporan bulanan.",  # noqa: S311
            })  # fmt: skip


class Atasan(_Person):
    weight = PLAN["atasan_weight"]
    source = _atasan

    @task
    def next_step(self):
        skp = random.choice(self.account["skps"])  # noqa: S311 - load pattern
        opened = self.open(skp)
        if opened is None:
            return
        version, actions, token, forms = opened
        path = f"/kinerja/skp/{skp['pk']}/"
        if "approve" in actions:
            self.post(path + "proses/", "atasan: approve", {
                "csrfmiddlewaretoken": token, "version": version, "action": "approve",
                "comment": "",
            })  # fmt: skip
        elif path + "nilai/" in forms and skp["quarter"]:
            self.post(path + "nilai/", "atasan: assess", {
                "csrfmiddlewaretoken": token, "version": version, "period": skp["quarter"],
                "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai",
                "reason": "Capaian triwulan sesuai target.",
            })  # fmt: skip
