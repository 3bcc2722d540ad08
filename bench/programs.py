"""Benchmark of the program pages at Gorontalo scale (issue 15; a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N` (which brings a running three-phase program per
government with socialisation, readiness answers, support actions and coordination cases), then
times, server side through Django's test client (median of --runs requests, queries counted),
on the largest government's program — target ≤ 150 ms each: the program page for an admin
BKPSDM of that government and for its pimpinan (masked numbers), the province's program page
for the `pimpinan.provinsi` demo login, and the logframe page. The demo has logins for the
province's and the city's admin only: for a larger government the bench adds an admin and a
pimpinan scoped to it. Then `insight.unit_rows` directly (the facts and signals of every unit)
for the units of phase 1 and for all units, and the program page of the smallest government:
the number of queries must not grow with the number of units. The facts read from the other
modules are kept per program and day (`insight.program_facts`): the pages are timed with them
kept, and reading them afresh (the day's first reading, or the coordinator's button) is timed
apart. For a page over its target the
slowest queries of one request are printed.

    .venv/bin/python bench/programs.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import statistics
import time

from seeded import run, setup_django
from trainings import line, timed_get

TARGET_PAGE_MS = 150
SLOWEST = 5


def slowest_queries(client, url: str) -> None:
    """The slowest queries of one request, with their time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_HOST="127.0.0.1")
    total = sum(float(q["time"]) for q in queries.captured_queries)
    print(f"    {len(queries)} queries, {total * 1000:.1f} ms in the database; slowest:")
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:SLOWEST]:
        print(f"    {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}")


def login_for(role: str, government, username: str):
    """A login with `role` scoped to `government`: the demo's, or one made for the bench."""
    from django.contrib.auth import get_user_model

    from binakinerja.accounts.models import RoleAssignment

    found = (
        RoleAssignment.objects.filter(role=role, scope=government)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    if found:
        return found.user
    user = get_user_model().objects.create_user(username=username, password=None)
    RoleAssignment.objects.create(user=user, role=role, scope=government)
    return user


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from binakinerja.accounts.models import Role
    from binakinerja.demo.plan import AS_OF
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee
    from binakinerja.programs import insight
    from binakinerja.programs.models import (
        Program,
        ReadinessResponse,
        SocialisationAttendance,
    )

    # A freshly seeded database has no planner statistics yet (production's autovacuum keeps
    # them).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    sizes = {root: Employee.objects.filter(root.subtree_q("unit__")).count()
             for root in OrgUnit.objects.filter(parent=None)}  # fmt: skip
    largest = max(sizes, key=sizes.get)
    smallest = min(sizes, key=sizes.get)
    province = next(root for root in sizes if "Provinsi" in root.name)
    programs = {p.instansi_id: p for p in Program.objects.select_related("instansi")}
    program = programs[largest.pk]
    phase_units = list(program.units.select_related("unit", "phase"))
    phase1 = [pu for pu in phase_units if pu.phase.number == 1]
    responses = ReadinessResponse.objects.filter(program=program, is_current=True).count()
    attendance = SocialisationAttendance.objects.filter(event__program=program).count()
    print(f"{largest.name}: {sizes[largest]:,} ASN; {program.name}: {len(phase_units)} units "
          f"({len(phase1)} in phase 1), {responses:,} current readiness answers, "
          f"{attendance:,} socialisation attendances")  # fmt: skip

    admin = login_for(Role.ADMIN_BKPSDM, largest, "bench.admin")
    pimpinan = login_for(Role.PIMPINAN, largest, "bench.pimpinan")
    province_pimpinan = get_user_model().objects.get(username="pimpinan.provinsi")
    client = Client()
    detail = "programs:program_detail"
    pages = [
        (f"program page, admin ({admin.username})", admin, reverse(detail, args=[program.pk])),
        (f"program page, pimpinan ({pimpinan.username}, masked)", pimpinan,
         reverse(detail, args=[program.pk])),
        ("province's program page, pimpinan.provinsi", province_pimpinan,
         reverse(detail, args=[programs[province.pk].pk])),
        ("logframe page, admin", admin, reverse("programs:logframe", args=[program.pk])),
    ]  # fmt: skip
    for label, user, url in pages:
        client.force_login(user)
        ms, status, queries = timed_get(client, url, runs)
        line(label, ms, TARGET_PAGE_MS, f"status {status}, {queries} queries")
        if ms > TARGET_PAGE_MS:
            slowest_queries(client, url)

    # The signals of every unit, directly: the query count must not grow with the units.
    counts = {}
    for label, units in (("phase 1", phase1), ("all phases", phase_units)):
        insight.unit_rows(program, units, today=AS_OF)
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                rows = insight.unit_rows(program, units, today=AS_OF)
            samples.append(time.perf_counter() - started)
        counts[label] = len(queries)
        flagged = sum(1 for row in rows if row.signals)
        line(f"unit_rows, {label} ({len(units)} units)", statistics.median(samples) * 1000,
             None, f"{len(queries)} queries, {flagged} units with signals")  # fmt: skip
    # Reading the other modules afresh: the day's first reading, or the coordinator's button.
    samples = []
    for _ in range(max(3, runs // 4)):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            insight.program_facts(program, AS_OF, refresh=True)
        samples.append(time.perf_counter() - started)
    line("facts read afresh (first reading of a day)", statistics.median(samples) * 1000, None,
         f"{len(queries)} queries; kept for the day after")  # fmt: skip
    client.force_login(get_user_model().objects.get(username="superadmin"))
    small = programs[smallest.pk]
    url = reverse(detail, args=[small.pk])
    ms, status, queries = timed_get(client, url, runs)
    line(f"program page, smallest government ({small.units.count()} units)", ms, None,
         f"status {status}, {queries} queries, superadmin; {smallest.name}")  # fmt: skip
    client.force_login(get_user_model().objects.get(username="superadmin"))
    ms, status, big_queries = timed_get(client, reverse(detail, args=[program.pk]), runs)
    line(f"program page, largest ({len(phase_units)} units)", ms, TARGET_PAGE_MS,
         f"status {status}, {big_queries} queries, superadmin")  # fmt: skip
    print(f"query count constant: unit_rows {counts['phase 1'] == counts['all phases']} "
          f"({counts['phase 1']} / {counts['all phases']}), program page "
          f"{queries == big_queries} ({queries} / {big_queries})")  # fmt: skip


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_programs", measure)
