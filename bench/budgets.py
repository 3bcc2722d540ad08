"""Benchmark of the budget pages at Gorontalo scale (issue 16; a plain script, not a test).

Seeds a fresh database with `seed_demo --asn N`, replaces the demo's budgets by the issue's
size — 7 governments × 5 years (AS_OF's year and the four before) × 2,000 lines × 20 entries,
70,000 lines and 1.4 million realisasi, every year with its total spending and published; in
the demo's two training years some lines pay for the government's batches, in AS_OF's year for
its program phases, mentoring cycle and socialisation events — and adds ten lines in an
eleventh, older year of the largest government. Then times, server side through Django's test
client (median of --runs requests, queries counted), target ≤ 150 ms each: the budget page of
the largest government's current year for an admin BKPSDM of that government, the same page
filtered to the lines that absorbed less than half, the public page of that government (no
login) and its CSV, and the cost per participant and per JP page. Then the budget page of the
ten-line year: its query count must equal that of the 2,000-line year. Two pages beside the
issue's targets are timed too (no target): the admin's home page (the budget's tasks read the
entries) and the list of realisasi without a document. For a page over its target the slowest
queries of one request are printed.

Entries are written with `core.bulk.bulk_insert` (PostgreSQL's COPY, one prepared statement per
batch of 5,000 on SQLite): measured 5× `bulk_create`'s speed, ~25 s instead of ~2 minutes for
the 1.4 million rows; lines with `bulk_create`; all in one transaction. Each line's `realised`
is the sum of its entries as written (checked and printed).

    .venv/bin/python bench/budgets.py [--asn 32000] [--runs 20] [--postgres]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from programs import login_for, slowest_queries
from seeded import run, setup_django
from trainings import line, timed_get

YEARS = 5
LINES = 2000
ENTRIES = 20
SMALL_LINES = 10
TARGET_PAGE_MS = 150
BATCH_SIZE = 5000
MAX_BATCH_TIES = 150  # per government and training year
MAX_EVENT_TIES = 20
LOW_SHARE = {"current": 0.35, "earlier": 0.05}  # lines that absorbed less than half
NAMES = (
    "Pelatihan Dasar CPNS", "Orientasi PPPK", "Pelatihan teknis tenaga kesehatan",
    "Peningkatan kompetensi guru", "Bimtek penyusunan SKP", "Uji kompetensi jabatan fungsional",
    "Pelatihan kepemimpinan pengawas", "Bimtek pengelolaan keuangan daerah",
    "Pelatihan pelayanan prima", "Bimtek kearsipan dinamis",
)  # fmt: skip
SPENT_ON = (
    "Honorarium narasumber", "Konsumsi peserta", "Penggandaan modul", "Sewa ruang pelatihan",
    "Uang harian peserta", "Transport lokal peserta",
)  # fmt: skip
WEIGHTS = [k % 5 + 1 for k in range(ENTRIES)]  # how a line's realisasi spreads over its entries


def entry_amounts(realised: int) -> list[int]:
    """A line's realisasi (whole thousands) in ENTRIES positive amounts; the last takes the
    rest, so they sum to it exactly."""
    total = sum(WEIGHTS)
    amounts = [realised * w // total // 1000 * 1000 for w in WEIGHTS[:-1]]
    return [*amounts, realised - sum(amounts)]


def entry_days(year: int, last: dt.date) -> list[list[str]]:
    """Seven spreads of ENTRIES dates (ISO text) over the year up to `last`."""
    first = dt.date(year, 1, 15)
    step = max(1, (last - first).days // ENTRIES)
    return [[(first + dt.timedelta(days=min(k * step + shift, (last - first).days))).isoformat()
             for k in range(ENTRIES)] for shift in range(7)]  # fmt: skip


def generate(years: list[int], small, small_year: int) -> dict[str, float]:
    """Replace the demo's budgets by the benchmark's (and SMALL_LINES lines of `small` in
    `small_year`); returns counts and timings."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from binakinerja.budgets.models import BudgetLine, BudgetYear, Realisation
    from binakinerja.budgets.rules import KEGIATAN, REKENING
    from binakinerja.core.bulk import bulk_insert
    from binakinerja.demo.budgets import budgets_reset
    from binakinerja.demo.plan import AS_OF
    from binakinerja.mentoring.models import MentoringCycle
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.programs.models import Phase, SocialisationEvent
    from binakinerja.trainings.models import BatchQuota

    rng = random.Random(16)  # noqa: S311 - bench data
    author = get_user_model().objects.get(username="superadmin")
    kegiatan = sorted(KEGIATAN)
    rekening = next(iter(REKENING))
    now = timezone.now()
    governments = list(OrgUnit.objects.filter(parent__isnull=True).order_by("path"))
    started = time.perf_counter()
    with transaction.atomic():
        budgets_reset()
        BudgetYear.objects.bulk_create([
            BudgetYear(instansi=g, year=y, published_at=now, spending_source=f"Perda APBD {y}",
                       total_spending=Decimal(rng.randint(900, 1900) * 10**9))
            for g in governments for y in years
        ])  # fmt: skip
        BudgetYear.objects.create(instansi=small, year=small_year, total_spending=Decimal(10**12),
                                  spending_source=f"Perda APBD {small_year}")  # fmt: skip
        lines, plan = [], []
        for government in governments:
            opds = list(OrgUnit.objects.filter(parent=government).order_by("path"))
            for year in years + ([small_year] if government == small else []):
                ties = _ties(government, year, AS_OF, Phase, MentoringCycle, SocialisationEvent,
                             BatchQuota)  # fmt: skip
                current = year == AS_OF.year
                count = SMALL_LINES if year == small_year else LINES
                for n in range(count):
                    pagu = rng.randint(10, 900) * 1_000_000
                    if rng.random() < LOW_SHARE["current" if current else "earlier"]:
                        share = rng.uniform(0.05, 0.45)
                    else:
                        share = rng.uniform(0.5, 0.75) if current else rng.uniform(0.8, 1.0)
                    realised = max(ENTRIES * 1000, int(pagu * share) // 1000 * 1000)
                    code = kegiatan[n % len(kegiatan)]
                    opd = opds[n % len(opds)]
                    lines.append(BudgetLine(
                        instansi=government, year=year, opd=opd, kegiatan_code=code,
                        sub_kegiatan_code=f"{code}.{n % 2 + 1:04d}", rekening_code=rekening,
                        name=f"{NAMES[n % len(NAMES)]} {n // len(NAMES) + 1}", pagu=pagu,
                        realised=realised, source_document=f"DPA {opd.short_name} {year}",
                        created_by=author, **(ties[n] if n < len(ties) else {}),
                    ))  # fmt: skip
                    plan.append(realised)
        BudgetLine.objects.bulk_create(lines, batch_size=BATCH_SIZE)
        lines_done = time.perf_counter()
        days = {year: entry_days(year, min(AS_OF, dt.date(year, 12, 31)))
                for year in {line.year for line in lines}}  # fmt: skip

        def rows():
            for item, realised in zip(lines, plan, strict=True):
                spread = days[item.year][item.pk % 7]
                for k, amount in enumerate(entry_amounts(realised)):
                    yield (item.pk, spread[k], f"{amount}.00", SPENT_ON[k % len(SPENT_ON)], "",
                           "", author.pk)  # fmt: skip

        bulk_insert(Realisation, ("line", "date", "amount", "description", "document",
                                  "override_reason", "recorded_by"), rows(), now=now,
                    batch_size=BATCH_SIZE, prepared=True)  # fmt: skip
    return {"lines": len(lines), "entries": len(lines) * ENTRIES,
            "lines_s": lines_done - started,
            "total_s": time.perf_counter() - started}  # fmt: skip


def _ties(government, year, as_of, Phase, MentoringCycle, SocialisationEvent, BatchQuota):
    """What the first lines of a government's year pay for: its batches of that year (the
    ones its OPDs hold seats in), and in AS_OF's year its phases, cycle and events."""
    batches = (
        BatchQuota.objects.filter(opd__parent=government, batch__year=year)
        .order_by("batch_id").values_list("batch_id", flat=True).distinct()
    )  # fmt: skip
    found = [{"batch_id": pk} for pk in batches[:MAX_BATCH_TIES]]
    if year != as_of.year:
        return found
    phases = Phase.objects.filter(program__instansi=government, start__year=year)
    cycles = MentoringCycle.objects.filter(instansi=government, year=year)
    events = SocialisationEvent.objects.filter(program__instansi=government, date__year=year)
    found += [{"phase_id": pk} for pk in phases.values_list("pk", flat=True)]
    found += [{"cycle_id": pk} for pk in cycles.values_list("pk", flat=True)]
    events = events.order_by("date", "pk").values_list("pk", flat=True)[:MAX_EVENT_TIES]
    return found + [{"event_id": pk} for pk in events]


def timed_download(client, url: str, runs: int):
    """`timed_get` for a download, its content read (a CSV streams its rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch():
        response = client.get(url, HTTP_HOST="127.0.0.1")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    fetch()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response, body = fetch()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, response.status_code, len(queries), len(body)


def measure(database_url: str, runs: int) -> None:
    setup_django(database_url)
    from django.db import connection
    from django.db.models import Count, F, Sum
    from django.test import Client
    from django.urls import reverse

    from binakinerja.accounts.models import Role
    from binakinerja.budgets.models import BudgetLine, Realisation
    from binakinerja.demo.plan import AS_OF
    from binakinerja.organizations.models import OrgUnit
    from binakinerja.people.models import Employee

    sizes = {root: Employee.objects.filter(root.subtree_q("unit__")).count()
             for root in OrgUnit.objects.filter(parent=None)}  # fmt: skip
    largest = max(sizes, key=sizes.get)
    current = AS_OF.year
    years = list(range(current - YEARS + 1, current + 1))
    small_year = current - YEARS - 1
    found = generate(years, largest, small_year)
    analyzed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"budgets: {found['lines']:,} lines in {found['lines_s']:.1f} s, "
          f"{Realisation.objects.count():,} realisasi; written in {found['total_s']:.1f} s, "
          f"ANALYZE {time.perf_counter() - analyzed:.1f} s")  # fmt: skip
    check = (
        BudgetLine.objects.filter(instansi=largest, year=current)
        .annotate(total=Sum("entries__amount")).exclude(total=F("realised")).count()
    )  # fmt: skip
    ties = BudgetLine.objects.filter(instansi=largest, year=current).aggregate(
        batches=Count("batch"), phases=Count("phase"), cycles=Count("cycle"),
        events=Count("event"))  # fmt: skip
    print(f"{largest.name}: {sizes[largest]:,} ASN; {current}: {LINES:,} lines, ties {ties}; "
          f"lines whose realised differs from their entries: {check}")  # fmt: skip

    admin = login_for(Role.ADMIN_BKPSDM, largest, "bench.admin")
    client = Client()
    client.force_login(admin)
    year_url = reverse("budgets:year", args=[largest.pk, current])
    pages = [
        (f"budget page {current}, admin ({admin.username})", year_url),
        ("budget page, absorbed less than half (?rendah=1)", f"{year_url}?rendah=1"),
        ("cost per participant and per JP", reverse("budgets:costs", args=[largest.pk, current])),
    ]
    counts = {}
    for label, url in pages:
        ms, status, queries = timed_get(client, url, runs)
        counts[url] = queries
        line(label, ms, TARGET_PAGE_MS, f"status {status}, {queries} queries")
        if ms > TARGET_PAGE_MS:
            slowest_queries(client, url)
    public = Client()
    public_url = reverse("budgets_public:government", args=[largest.pk])
    for label, url in (("public page (no login)", public_url),
                       ("public page, CSV", f"{public_url}?format=csv")):  # fmt: skip
        ms, status, queries, size = timed_download(public, url, runs)
        line(label, ms, TARGET_PAGE_MS, f"status {status}, {queries} queries, {size:,} bytes")
        if ms > TARGET_PAGE_MS:
            slowest_queries(public, url)

    # Beside the targets: pages that read the entries of every visible line.
    for label, url in (("home page, admin (budget tasks) [extra]", reverse("core:dashboard")),
                       ("realisasi without a document [extra]",
                        reverse("budgets:missing_documents"))):  # fmt: skip
        ms, status, queries = timed_get(client, url, runs)
        line(label, ms, None, f"status {status}, {queries} queries")
        if ms > TARGET_PAGE_MS:
            slowest_queries(client, url)

    small_url = reverse("budgets:year", args=[largest.pk, small_year])
    ms, status, small_queries = timed_get(client, small_url, runs)
    line(f"budget page {small_year} ({SMALL_LINES} lines)", ms, None,
         f"status {status}, {small_queries} queries")  # fmt: skip
    big = counts[year_url]
    print(f"query count constant: {small_queries == big} ({SMALL_LINES} lines: {small_queries}, "
          f"{LINES:,} lines: {big})")  # fmt: skip


if __name__ == "__main__":
    run(__doc__.splitlines()[0], "bk_bench_budgets", measure)
