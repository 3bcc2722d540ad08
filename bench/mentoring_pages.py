"""Benchmark of the mentoring pages at Gorontalo scale (issue 14; a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N` (which brings a mentoring cycle per government
with offers, pairs and sessions), then times, server side through Django's test client (median
of --runs requests, queries counted), every mentoring page on the largest government's cycle —
target ≤ 150 ms each: the start page of the mentor and of the mentee, the pair page, the
coordinator's cycle page, the review page, the swap page, the pimpinan's summary and the
effectiveness page (its figures kept for the day), and computing those figures (the first
reading of a day). Then the matching run itself on that cycle from the database (facts of
every ASN of the government, eligibility, gap coverage, the optimal matching, the proposals
written), target ≤ 10 s.

    .venv/bin/python bench/mentoring_pages.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import statistics
import time

from seeded import run, setup_django
from trainings import line, timed_get

TARGET_PAGE_MS = 150
TARGET_RUN_MS = 10_000


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from binakinerja.mentoring.insight import effectiveness_snapshot
    from binakinerja.mentoring.matching import matching_run
    from binakinerja.mentoring.models import MentoringCycle, Pair
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee

    users = get_user_model().objects
    sizes = {root: Employee.objects.filter(root.subtree_q("unit__")).count()
             for root in OrgUnit.objects.filter(parent=None)}  # fmt: skip
    largest = max(sizes, key=sizes.get)
    province = next(root for root in sizes if "Provinsi" in root.name)
    cycle = MentoringCycle.objects.filter(instansi=largest).order_by("-year").first()
    pairs = Pair.objects.filter(cycle=cycle)
    sessions = pairs.aggregate(n=Count("sessions"))["n"]
    print(f"{largest.name}: {sizes[largest]:,} ASN; cycle {cycle.name}: "
          f"{cycle.offers.count():,} mentor offers, {pairs.count():,} pairs, "
          f"{sessions:,} sessions")  # fmt: skip

    client = Client()
    mentor = users.get(username="mentor")
    asn = users.get(username="asn")
    superadmin = users.get(username="superadmin")
    pimpinan = users.get(username="pimpinan.provinsi")
    busiest = (
        pairs.filter(status=Pair.Status.ACTIVE).annotate(n=Count("sessions")).order_by("-n").first()
    )
    proposed = pairs.filter(status=Pair.Status.PROPOSED).first() or pairs.first()
    pages = [
        ("start page, mentor", mentor, reverse("mentoring:home")),
        ("start page, mentee (asn)", asn, reverse("mentoring:home")),
        ("pair page (most sessions)", superadmin, reverse("mentoring:pair_detail",
                                                          args=[busiest.pk])),
        ("cycle page, coordinator", superadmin, reverse("mentoring:cycle_detail",
                                                        args=[cycle.pk])),
        ("review page", superadmin, reverse("mentoring:review", args=[cycle.pk])),
        ("swap page", superadmin, reverse("mentoring:pair_swap", args=[proposed.pk])),
        ("summary of the largest government, admin", superadmin,
         reverse("mentoring:summary", args=[largest.pk, cycle.year])),
        ("summary of the province, pimpinan (masked)", pimpinan,
         reverse("mentoring:summary", args=[province.pk, cycle.year])),
        ("effectiveness (figures kept for the day)", superadmin,
         reverse("mentoring:effectiveness", args=[cycle.pk])),
    ]  # fmt: skip
    for label, user, url in pages:
        client.force_login(user)
        ms, status, queries = timed_get(client, url, runs)
        line(label, ms, TARGET_PAGE_MS, f"status {status}, {queries} queries")

    # The effectiveness figures computed (the first reading of a day, "Compute again now").
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        effectiveness_snapshot(cycle, refresh=True)
        samples.append(time.perf_counter() - started)
    line("effectiveness figures computed (first reading of a day)",
         statistics.median(samples) * 1000, None, "kept for the day after")  # fmt: skip

    samples = []
    for _ in range(3):
        started = time.perf_counter()
        result = matching_run(actor=superadmin, cycle=cycle)
        samples.append(time.perf_counter() - started)
    line(f"matching run from the database ({result.mentees:,} mentees)", sorted(samples)[1] * 1000,
         TARGET_RUN_MS, f"{result.matched:,} matched, {result.kept:,} kept")  # fmt: skip


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_mentoring", measure)
