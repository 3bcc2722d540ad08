"""Benchmark of the trainings app at Gorontalo scale (issue 13; a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N` (which brings two years of demo batches and
JP records), adds three older years of JP history (about 9 records per ASN a year, as SIASN
imports would), so the ledger holds about 1 million records for 32,000 ASN, then times
(median of --runs requests, server side through Django's test client, queries counted):
- the 20 JP compliance page of the largest government (target ≤ 150 ms), its query count
  against that of the smallest government (constant whatever the size);
- an ASN's "JP saya" page;
- the certificate PDF of an issued certificate (target ≤ 300 ms).
The 40-participant QR check-in under load is `bench/trainings_checkin.py` (gunicorn +
PostgreSQL).

    .venv/bin/python bench/trainings.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from seeded import run, setup_django

HISTORY_YEARS = 3
RECORDS_PER_YEAR = 9
TARGET_COMPLIANCE_MS = 150
TARGET_CERTIFICATE_MS = 300


def add_history() -> int:
    """Older JP records (imported history) for every ASN in service, written with COPY."""
    from binakinerja.demo.plan import AS_OF
    from binakinerja.demo.satisfaction import _insert, _Values
    from binakinerja.demo.trainings import OUTSIDE, employees_in_service
    from binakinerja.trainings.models import JpRecord
    from binakinerja.trainings.rules import JP_MINUTES, form_of

    rng = random.Random(7)  # noqa: S311 - bench data
    values = _Values()
    rows = []
    first = AS_OF.year - 1 - HISTORY_YEARS
    for pk, _opd, _sup in employees_in_service():
        for year in range(first, first + HISTORY_YEARS):
            for _ in range(RECORDS_PER_YEAR):
                title, organiser, code, minutes = rng.choice(OUTSIDE)
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 360))
                form = form_of(code)
                rows.append((pk, title, organiser, form.code, form.jenis_diklat_id,
                             values.date(day), values.date(day), year, minutes,
                             minutes // JP_MINUTES, "imported", "", "", "",
                             values.time(day, 600)))  # fmt: skip
    columns = ("employee", "title", "institution_name", "form_code", "jenis_diklat_id", "start",
               "end", "year", "minutes", "jp", "source", "source_ref", "certificate_number",
               "evidence", "created_at")  # fmt: skip
    return _insert(JpRecord, columns, rows)


def timed_get(client, url: str, runs: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, HTTP_HOST="127.0.0.1")  # warm the reach and the templates
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="127.0.0.1")
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, response.status_code, len(queries)


def line(label: str, ms: float, target: int | None, extra: str = "") -> None:
    verdict = ""
    if target:
        verdict = f"target {target:5d} ms  ratio {ms / target:.2f}  "
        verdict += "ok" if ms <= target else "SLOW"
    print(f"{label:56s} median {ms:8.1f} ms  {verdict}  {extra}", flush=True)


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from binakinerja.demo.plan import AS_OF
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee
    from binakinerja.trainings.certificates import certificate_pdf
    from binakinerja.trainings.models import Certificate, JpRecord

    started = time.perf_counter()
    added = add_history()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"history: {added:,} older JP records in {time.perf_counter() - started:.1f} s; "
          f"ledger {JpRecord.objects.count():,} records")  # fmt: skip

    sizes = {}
    for root in OrgUnit.objects.filter(parent=None):
        sizes[root] = Employee.objects.filter(root.subtree_q("unit__")).count()
    largest = max(sizes, key=sizes.get)
    smallest = min(sizes, key=sizes.get)
    superadmin = get_user_model().objects.get(username="superadmin")
    client = Client()
    client.force_login(superadmin)
    year = AS_OF.year - 1
    results = {}
    for root in (largest, smallest):
        url = reverse("trainings:jp_compliance", args=[root.pk, year])
        ms, status, queries = timed_get(client, url, runs)
        results[root] = queries
        line(f"20 JP compliance, {root.name} ({sizes[root]:,} ASN)", ms,
             TARGET_COMPLIANCE_MS if root == largest else None,
             f"status {status}, {queries} queries")  # fmt: skip
    print(f"query count constant: {results[largest] == results[smallest]}")

    asn = get_user_model().objects.get(username="asn")
    client.force_login(asn)
    ms, status, queries = timed_get(client, reverse("trainings:jp_mine", args=[year]), runs)
    line("JP saya (the ASN's year)", ms, None, f"status {status}, {queries} queries")

    certificate = (
        Certificate.objects.filter(status=Certificate.Status.ISSUED)
        .annotate(modules=Count("enrolment__batch__program__modules"))
        .order_by("-modules", "pk")
        .first()
    )
    certificate_pdf(certificate)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        pdf = certificate_pdf(certificate, verify_url="https://binakinerja.example/sertifikat/x/")
        samples.append(time.perf_counter() - started)
    line("certificate PDF", statistics.median(samples) * 1000, TARGET_CERTIFICATE_MS,
         f"{len(pdf) // 1024} KB, {certificate.modules} modules")  # fmt: skip


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_trainings", measure)
