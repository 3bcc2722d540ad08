"""Benchmark of the competency reads at Gorontalo scale (a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N`, then replaces the demo's competency data with
the issue's scale: 20 competencies (the 9 of the dictionary and 11 technical ones), a standard
for each of them on every position, and for every ASN three yearly assessments of each
competency (32,000 ASN → 1.92 million assessments; the newest of each marked current). Then it
times, median of 3:
- the full needs analysis of every ASN (`plan.needs_analysis`) and the instansi plan of the
  largest government (`plan.development_plan`), target < 5 s together;
and, median of --runs requests through Django's test client (server time, no network):
- the heat map and the 9-box pages of that government (superadmin), of the province (admin,
  pimpinan) and of its Dinas Kesehatan (operator), target < 200 ms each; and the plan page.

    .venv/bin/python bench/competencies.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from seeded import run, setup_django

COMPETENCIES = 20
YEARS_OF_ASSESSMENTS = 3
BATCH = 10_000


def replace_competency_data(year: int) -> tuple[int, int, int]:
    """The issue's scale, written with bulk inserts (the services write one row at a time)."""
    from django.db import transaction

    from binakinerja.competencies.models import (
        AssessmentMethod,
        Competency,
        CompetencyAssessment,
        CompetencyGroup,
        PositionStandard,
    )
    from binakinerja.competencies.rules import default_required_level
    from binakinerja.people.models import Employee, Position

    rng = random.Random(5)
    with transaction.atomic():
        CompetencyAssessment.objects.all().delete()
        PositionStandard.objects.all().delete()
        competencies = list(
            Competency.objects.exclude(group=CompetencyGroup.TEKNIS).order_by("code")
        )
        technical = list(
            Competency.objects.filter(group=CompetencyGroup.TEKNIS)[: COMPETENCIES - 9]
        )
        for i in range(len(technical), COMPETENCIES - len(competencies)):
            technical.append(
                Competency.objects.create(
                    code=f"T-BENCH-{i + 1}",
                    group=CompetencyGroup.TEKNIS,
                    name=f"Kompetensi Teknis Uji {i + 1}",
                    field="Umum",
                )  # fmt: skip
            )
        competencies += technical
        positions = list(Position.objects.all())
        required = {}
        standards = []
        for position in positions:
            base = default_required_level(position.kind, position.level) or 1
            for competency in competencies:
                level = base if competency.group != CompetencyGroup.TEKNIS else rng.randint(1, 3)
                required[position.pk, competency.pk] = level
                standards.append(
                    PositionStandard(position=position, competency=competency, level=level)
                )
        PositionStandard.objects.bulk_create(standards, batch_size=BATCH)

        employees = list(Employee.objects.values_list("pk", "position_id"))
        days = [
            dt.date(year - YEARS_OF_ASSESSMENTS + 1 + i, 3, 1) for i in range(YEARS_OF_ASSESSMENTS)
        ]
        methods = list(AssessmentMethod.values)
        batch, total = [], 0
        for employee_id, position_id in employees:
            for competency in competencies:
                need = required.get((position_id, competency.pk), 2)
                level = max(1, min(5, need + rng.choice((-2, -1, -1, 0, 0, 0, 1))))
                for i, day in enumerate(days):
                    batch.append(
                        CompetencyAssessment(
                            employee_id=employee_id,
                            competency=competency,
                            level=max(1, min(5, level - (len(days) - 1 - i) // 2)),
                            assessed_on=day,
                            method=rng.choice(methods),
                            is_current=i == len(days) - 1,
                        )  # fmt: skip
                    )
            if len(batch) >= BATCH:
                CompetencyAssessment.objects.bulk_create(batch)
                total += len(batch)
                batch = []
        CompetencyAssessment.objects.bulk_create(batch)
        total += len(batch)
    return len(competencies), len(standards), total


def timed(function, runs: int = 3):
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from binakinerja.competencies import plan
    from binakinerja.competencies.selectors import GONE_STATES
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee
    from binakinerja.performance.models import Skp

    year = Skp.objects.values_list("year", flat=True).order_by("-year").first()
    started = time.perf_counter()
    competencies, standards, assessments = replace_competency_data(year)
    print(f"{competencies} competencies, {standards:,} standards, {assessments:,} assessments "
          f"written in {time.perf_counter() - started:.1f} s")  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    User = get_user_model()
    superadmin = User.objects.get(username="superadmin")
    roots = list(OrgUnit.objects.filter(parent=None))
    sizes = {
        root.pk: Employee.objects.filter(unit__path__startswith=root.path).count() for root in roots
    }
    largest = max(roots, key=lambda root: sizes[root.pk])
    ids = list(Employee.objects.exclude(state__in=GONE_STATES).values_list("pk", flat=True))

    needs_seconds, needs = timed(lambda: plan.needs_analysis(ids, year=year))
    counted = sum(len(rows) for rows in needs.values())
    print(f"needs analysis of {len(ids):,} ASN ({counted:,} needs): median {needs_seconds:.2f} s")
    plan_seconds, result = timed(
        lambda: plan.development_plan(superadmin, root_unit=largest, year=year)
    )
    print(f"instansi plan of {largest.name} ({sizes[largest.pk]:,} ASN, {len(result.lines)} "
          f"lines): median {plan_seconds:.2f} s")  # fmt: skip
    all_seconds, _ = timed(
        lambda: [plan.development_plan(superadmin, root_unit=root, year=year) for root in roots]
    )
    print(f"plans of all {len(roots)} governments: median {all_seconds:.2f} s")
    print(f"needs analysis + largest instansi plan: {needs_seconds + plan_seconds:.2f} s "
          f"(target < 5 s)")  # fmt: skip

    def page(username, url, target=" (target < 200 ms)"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        samples, queries = [], 0
        for _ in range(runs):
            connection.queries_log.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, HTTP_HOST="127.0.0.1")
            samples.append(time.perf_counter() - started)
            queries = len(ctx.captured_queries)
        assert response.status_code == 200, (url, response.status_code)
        median = statistics.median(samples) * 1000
        print(f"{username:17s} {url:36s} median {median:6.1f} ms, {queries} queries, "
              f"{len(response.content) // 1024} KB{target}")  # fmt: skip

    province = OrgUnit.objects.get(parent=None, name="Pemerintah Provinsi Gorontalo")
    dinkes = OrgUnit.objects.get(kind="opd", name="Dinas Kesehatan", parent=province)
    print(f"largest government: {largest.name}; province: {sizes[province.pk]:,} ASN")
    for username, unit in (
        ("superadmin", largest),
        ("admin.provinsi", province),
        ("pimpinan.provinsi", province),
        ("operator.dinkes", dinkes),
    ):
        page(username, f"/kompetensi/peta-panas/{unit.pk}/")
        page(username, f"/kompetensi/talenta/{unit.pk}/{year}/")
    page("admin.provinsi", f"/kompetensi/rencana/{province.pk}/{year}/", target="")


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_comp", measure)
