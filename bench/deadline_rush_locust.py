"""The simulated users of bench/deadline_rush.py (a locustfile; that script runs it).

Each simulated user is one real account of the seeded database (the plan in $RUSH_PLAN): it
logs in through the login page and then, until the run ends, opens an SKP page and takes the
step the page offers it, as a person would in the last days before the SKP deadline:
- an ASN: submits a draft or returned SKP, starts an approved one, records a quarter's
  realisation of an SKP in progress;
- an atasan: approves a submitted SKP of a subordinate, assesses the quarter of one in progress.
Every form is posted with its CSRF token and the SKP's version, as the browser would. Only a
status of 400 or more (or a redirect to the login page) is a failure: a refusal the page
explains (e.g. a move the other side made first) is part of a rush."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time
from urllib.parse import urlparse

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

HOST_ALLOWED = ("127.0.0.1", "localhost", "::1")
with open(os.environ["RUSH_PLAN"]) as handle:
    PLAN = json.load(handle)
PASSWORD = PLAN["password"]
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')
ACTION_RE = re.compile(r'name="action" value="(\w+)"')
_lock = threading.Lock()
_asn = itertools.cycle(PLAN["asn"])
_atasan = itertools.cycle(PLAN["atasan"])


def _next(source):
    with _lock:
        return next(source)


class _Person(FastHttpUser):
    abstract = True
    wait_time = between(PLAN["think_min"], PLAN["think_max"])

    def on_start(self):
        host = urlparse(self.host).hostname
        if host not in HOST_ALLOWED:
            raise SystemExit(f"refusing to load a non-loopback host: {host}")
        self.account = _next(self.source)
        # Logins spread over the first `login_spread` seconds (0: at once, as users spawn).
        time.sleep(random.uniform(0, PLAN["login_spread"]))  # noqa: S311 - load pattern
        page = self.client.get("/akun/login/", name="login page")
        token = CSRF_RE.search(page.text).group(1)
        with self.client.post(
            "/akun/login/",
            data={"username": self.account["username"], "password": PASSWORD,
                  "csrfmiddlewaretoken": token},  # fmt: skip
            name="log in", allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302 or "/login" in response.headers.get("Location", ""):
                response.failure(f"log in refused for {self.account['username']}")

    def open(self, skp):
        """The SKP page: (its version, the workflow actions it offers, its CSRF token)."""
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
        return version, set(ACTION_RE.findall(text)), token.group(1)

    def post(self, path: str, name: str, data: dict) -> None:
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
        version, actions, token = opened
        path = f"/kinerja/skp/{skp['pk']}/"
        if "submit" in actions or "start" in actions:
            action = "submit" if "submit" in actions else "start"
            self.post(path + "proses/", f"ASN: {action}", {
                "csrfmiddlewaretoken": token, "version": version, "action": action,
                "comment": "Mohon diperiksa." if action == "submit" else "",
            })  # fmt: skip
        elif skp["indicators"] and skp["quarter"]:
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
        version, actions, token = opened
        path = f"/kinerja/skp/{skp['pk']}/"
        if "approve" in actions:
            self.post(path + "proses/", "atasan: approve", {
                "csrfmiddlewaretoken": token, "version": version, "action": "approve",
                "comment": "",
            })  # fmt: skip
        elif skp["quarter"]:
            self.post(path + "nilai/", "atasan: assess", {
                "csrfmiddlewaretoken": token, "version": version, "period": skp["quarter"],
                "hasil_kerja": "sesuai", "perilaku_kerja": "sesuai",
                "reason": "Capaian triwulan sesuai target.",
            })  # fmt: skip
