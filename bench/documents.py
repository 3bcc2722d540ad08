"""Benchmark of the official documents (issue 12) at Gorontalo scale (a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N`, then times, median of --runs builds of the
bytes (the function the download view calls, no HTTP), with the query count of one build:
- `skp_pdf` of a typical SKP (the median number of results among assessed SKPs) and of the
  one with the most results;
- `evaluation_pdf` of that typical SKP's Q1 assessment and, when there is one, its annual one;
- `period_report_pdf` (Laporan SKM) of a typical survey period (the median number of
  respondents) and of the largest;
  target ≤ 300 ms each (the issue's "typical SKP/period"; the largest are shown for context);
- the rencana pengembangan kompetensi of one OPD (Dinas Kesehatan, operator.dinkes) and of
  the province (admin.provinsi at its root): `development_plan` then `plan_pdf`, target ≤ 300 ms
  for the OPD and ≤ 2 s for the province (the whole wait: analysis and document); and, for
  context, the plans of all the demo's governments one after another (every ASN seeded).

    .venv/bin/python bench/documents.py [--asn 32000] [--runs 20] [--postgres]

BENCH_DATABASE_URL=sqlite:////path/db.sqlite3 measures an already seeded database instead.
"""

from __future__ import annotations

import io
import os
import statistics
import time

from seeded import run, setup_django

TARGET_DOCUMENT_MS = 300
TARGET_PROVINCE_PLAN_MS = 2000


def timed(build, runs: int):
    """(median ms, result, queries of one build): the first build also warms caches (fonts,
    the reach of the user), so it is not counted when there are several."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        result = build()
    samples = []
    for _ in range(max(runs, 1)):
        started = time.perf_counter()
        result = build()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, result, len(ctx.captured_queries)


def pages_of(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def report(label: str, ms: float, target: float | None, detail: str = "") -> None:
    verdict = ""
    if target:
        verdict = f"target {target:5.0f} ms  ratio {ms / target:4.2f}  "
        verdict += "ok" if ms <= target else "SLOW"
    print(f"{label:58s} median {ms:7.1f} ms  {verdict}  {detail}")


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from binakinerja.competencies.plan import development_plan, plan_pdf
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee
    from binakinerja.performance.documents import evaluation_pdf, skp_pdf
    from binakinerja.performance.models import Skp, SkpAssessment
    from binakinerja.satisfaction.models import SurveyPeriod
    from binakinerja.satisfaction.reports import period_report_pdf

    User = get_user_model()
    year = Skp.objects.values_list("year", flat=True).order_by("-year").first()
    print(f"{Employee.objects.count():,} ASN, {Skp.objects.count():,} SKP, year {year}, "
          f"median of {runs} builds")  # fmt: skip

    # --- the SKP and its evaluation ---
    assessed = (
        Skp.objects.filter(year=year, assessments__period__kind="q1")
        .annotate(n=Count("results", distinct=True))
        .order_by("n", "pk")
    )
    sizes = list(assessed.values_list("pk", "n"))
    typical_pk, typical_n = sizes[len(sizes) // 2]
    largest_pk, largest_n = sizes[-1]
    for label, pk, n in (("typical", typical_pk, typical_n), ("most results", largest_pk,
                                                              largest_n)):  # fmt: skip
        skp = Skp.objects.get(pk=pk)
        ms, pdf, queries = timed(lambda skp=skp: skp_pdf(skp), runs)
        report(f"skp_pdf, {label} SKP ({n} results)", ms,
               TARGET_DOCUMENT_MS if label == "typical" else None,
               f"{pages_of(pdf)} pages, {queries} queries")  # fmt: skip
    skp = Skp.objects.get(pk=typical_pk)
    for kind in ("q1", "annual"):
        assessment = SkpAssessment.objects.filter(skp=skp, period__kind=kind).first()
        if assessment is None:
            print(f"evaluation_pdf {kind}: the typical SKP has no {kind} assessment")
            continue
        ms, pdf, queries = timed(lambda a=assessment: evaluation_pdf(skp, a), runs)
        report(f"evaluation_pdf, typical SKP, {kind}", ms, TARGET_DOCUMENT_MS,
               f"{pages_of(pdf)} pages, {queries} queries")  # fmt: skip

    # --- the Laporan SKM ---
    periods = list(
        SurveyPeriod.objects.annotate(n=Count("responses")).filter(n__gt=0).order_by("n", "pk")
        .values_list("pk", "n")
    )  # fmt: skip
    for label, (pk, n) in (("typical", periods[len(periods) // 2]), ("largest", periods[-1])):
        period = SurveyPeriod.objects.get(pk=pk)
        ms, pdf, queries = timed(lambda p=period: period_report_pdf(p), runs)
        report(f"period_report_pdf, {label} period ({n:,} respondents)", ms,
               TARGET_DOCUMENT_MS if label == "typical" else None,
               f"{pages_of(pdf)} pages, {queries} queries")  # fmt: skip

    # --- the development plan ---
    province = OrgUnit.objects.get(parent=None, name="Pemerintah Provinsi Gorontalo")
    dinkes = OrgUnit.objects.get(kind="opd", name="Dinas Kesehatan", parent=province)
    for label, username, unit, target in (
        ("OPD Dinas Kesehatan", "operator.dinkes", dinkes, TARGET_DOCUMENT_MS),
        ("province", "admin.provinsi", province, TARGET_PROVINCE_PLAN_MS),
    ):
        user = User.objects.get(username=username)
        plan_ms, plan, plan_queries = timed(
            lambda u=user, r=unit: development_plan(u, root_unit=r, year=year), runs
        )
        pdf_ms, pdf, pdf_queries = timed(lambda p=plan: plan_pdf(p), runs)
        both_ms, _pdf, _q = timed(
            lambda u=user, r=unit: plan_pdf(development_plan(u, root_unit=r, year=year)), runs
        )
        detail = (f"{plan.employees:,} ASN, {len(plan.lines)} lines, {len(plan.units)} units, "
                  f"{pages_of(pdf)} pages, {plan_queries + pdf_queries} queries")  # fmt: skip
        report(f"  development_plan, {label}", plan_ms, None)
        report(f"  plan_pdf, {label}", pdf_ms, None)
        report(f"plan of the {label}: analysis + PDF", both_ms, target, detail)
    # For context: every government's plan in turn (all 32,000 ASN of the demo).
    superadmin = User.objects.get(username="superadmin")
    roots = list(OrgUnit.objects.filter(parent=None))
    all_ms, _pdfs, _q = timed(
        lambda: [plan_pdf(development_plan(superadmin, root_unit=root, year=year))
                 for root in roots], max(runs // 4, 1),
    )  # fmt: skip
    report(f"plans of all {len(roots)} governments, one after another", all_ms, None)


if __name__ == "__main__":
    if os.environ.get("BENCH_DATABASE_URL"):
        import argparse

        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--runs", type=int, default=20)
        measure(os.environ["BENCH_DATABASE_URL"], parser.parse_args().runs)
    else:
        run(__doc__.splitlines()[0], "bk_bench_docs", measure)
