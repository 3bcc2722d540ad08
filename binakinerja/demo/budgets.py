"""Demo budget data (issue 16): per government, the competency-development budget of the year
before `plan.AS_OF` and of AS_OF's year, consistent with the demo's trainings, programs and
mentoring.

- The year: the region's total spending (APBD: the province about Rp 1,8 trillion, a regency or
  the city Rp 0,9–1,3 trillion) from its Perda. The earlier year is published on the public
  page for every government; the current year only for the province (so its public trend has
  two points). Kabupaten Gorontalo Utara sets its own floor (0,16%, a `BudgetPolicy`); the
  others keep the default 0,34%. The pagu of each year is drawn to a share of total spending
  above the floor, except the city's current year, which stays below it (the warning shows
  to `admin.kota`).
- Lines (kegiatan 5.04.02.1.01/02 of `rules.KEGIATAN`, sub-kegiatan `.0001` training and
  `.0002` support, rekening 5.1.02.02.12, from the OPD's DPA): general lines at the
  government's BKPSDM-like OPD (BKPSDM of a regency or the city, BPSDM of the province),
  Dinas Pendidikan and Dinas Kesehatan; a line per training batch the government hosts (the
  government with most quota seats in the batch pays for it, so a batch is paid once; its pagu
  from the batch's cost lines, its realisasi those cost lines once the batch ended); in the
  current year lines of the government's program phases that start in it, its mentoring cycle
  and its first socialisation events.
- Realisasi: several entries per line, dated in the year and never after AS_OF: the earlier
  year absorbed 85–100%, the current year 40–55% overall. Most entries carry a small PDF
  receipt in MEDIA_ROOT; some do not (the home task "attach the documents"). Per government
  exactly one entry of the current year takes a Dinas Kesehatan line above its pagu with an
  override reason, not reviewed yet (the admin's home task). The province's earlier year has
  one pagu revision (a cut in the APBD perubahan) and its current year one reversal pair (a
  receipt posted twice, the duplicate reversed).

Lines, entries and revisions are written with `bulk_create`; each line's `realised` is the sum
of its entries, set when it is written. Written by the government's demo admin (admin.provinsi,
admin.kota) or else the superadmin; entries of the province's Dinas Kesehatan and Dinas
Pendidikan by `operator.dinkes` and `operator.dikbud`. The receipts have names that do not
depend on database ids (`anggaran/<year>/demo-<seed>/<government>/…`), so seeding again (tests,
`--reset`) reuses or rewrites them instead of piling up copies. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.budgets.models import (
    BudgetLine,
    BudgetPolicy,
    BudgetYear,
    PaguRevision,
    Realisation,
)
from binakinerja.core.audit import audit_entry
from binakinerja.core.models import AuditLog
from binakinerja.demo import data as D
from binakinerja.demo.mentoring import _coordinators
from binakinerja.demo.plan import AS_OF
from binakinerja.mentoring.models import MentoringCycle
from binakinerja.organizations.models import OrgUnit
from binakinerja.programs.models import Phase, SocialisationEvent
from binakinerja.trainings.models import Batch, BatchQuota, CostLine, Enrolment

BATCH = 1000
MILLION = 1_000_000
TECHNICAL, MANAGERIAL = "5.04.02.1.01", "5.04.02.1.02"  # rules.KEGIATAN
REKENING = "5.1.02.02.12"
# Total regional spending (Rp billion) of the earlier and the current year; a few hundred
# million more are drawn on top.
SPENDING = {
    "prov": (1823, 1861), "kota": (1046, 1082), "kabgor": (1284, 1302), "boalemo": (918, 947),
    "pohuwato": (1021, 1058), "bonebol": (984, 1013), "gorut": (902, 931),
}  # fmt: skip
OWN_FLOOR = ("gorut", Decimal("0.16"))  # the one government with its own floor
BELOW_FLOOR = ("kota", AS_OF.year)  # the one year below the floor
SHARE = (0.36, 0.46)  # the pagu's share of total spending, percent
SHARE_OWN_FLOOR = (0.19, 0.26)
SHARE_BELOW = (0.27, 0.31)
PUBLISHED_BOTH = "prov"
REVISED = "prov"  # its earlier year: one pagu cut in the APBD perubahan
REVERSAL = "prov"  # its current year: a receipt posted twice, the duplicate reversed
MAX_BATCH_LINES = 6  # per government and year
EVENT_LINES = 2
ABSORBED_EARLIER = (0.82, 0.98)  # a line's absorption in the earlier year (or fully)
FULLY_ABSORBED = 0.35
ABSORBED_CURRENT = (0.43, 0.50)  # the current year overall, as of AS_OF
WITHOUT_DOCUMENT = {"earlier": 0.03, "current": 0.15}
# Program audiences whose batches a dinas pays for rather than BKPSDM.
HEALTH_AUDIENCES = ("Perawat", "Bidan", "Tenaga kefarmasian", "Tenaga kesehatan masyarakat")
TECHNICAL_FORMS = ("KL03", "KL04", "KL10", "NKL04")
# Per participant and day of a batch, paid by the government beside the institution's costs:
# daily allowance and lodging (the regional standard cost, SSH).
ALLOWANCES = (550_000, 650_000, 750_000)

# name, OPD (bkd/dinkes/dikbud), kegiatan, sub-kegiatan, pagu range (Rp million). Dinas
# Kesehatan and Dinas Pendidikan come early, so every government has lines of both.
GENERAL = (
    ("Pelatihan Dasar CPNS", "bkd", MANAGERIAL, 1, (450, 900)),
    ("Pelatihan tenaga kesehatan puskesmas", "dinkes", TECHNICAL, 1, (150, 400)),
    ("Peningkatan kompetensi guru: pembelajaran berdiferensiasi", "dikbud", TECHNICAL, 1,
     (200, 500)),
    ("Pelatihan penanganan kegawatdaruratan (BTCLS)", "dinkes", TECHNICAL, 2, (70, 180)),
    ("Orientasi PPPK", "bkd", MANAGERIAL, 1, (150, 400)),
    ("Bimbingan teknis kepala sekolah dan pengawas sekolah", "dikbud", TECHNICAL, 2, (80, 200)),
    ("Pelatihan Kepemimpinan Pengawas (kontribusi peserta)", "bkd", MANAGERIAL, 1, (200, 450)),
    ("Uji kompetensi dan sertifikasi jabatan fungsional", "bkd", MANAGERIAL, 2, (100, 250)),
    ("Bimbingan teknis manajemen kinerja dan penyusunan SKP", "bkd", TECHNICAL, 1, (60, 150)),
    ("Pengembangan kompetensi teknis pengelola kepegawaian", "bkd", TECHNICAL, 2, (50, 120)),
)  # fmt: skip
ROUNDS = ("", " Gelombang II", " Gelombang III", " Gelombang IV", " Gelombang V")
SMALLEST_LINE = 25 * MILLION
SPENT_ON = (
    "Honorarium narasumber", "Konsumsi peserta", "Penggandaan modul dan bahan",
    "Sewa ruang dan perlengkapan", "Uang harian dan transport peserta",
    "Kontribusi peserta kepada penyelenggara",
)  # fmt: skip
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")  # fmt: skip
OVERRIDE_REASON = (
    "Peserta bertambah atas arahan kepala dinas setelah pagu ditetapkan; kekurangan diusulkan "
    "dalam APBD perubahan."
)
REVISION_REASON = "APBD perubahan: efisiensi belanja sesuai Inpres Nomor 1 Tahun 2025"
REVERSAL_REASON = "kuitansi yang sama tercatat dua kali"


def _aware(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def receipt_pdf(text: str) -> bytes:
    """A tiny PDF (the pattern of `budgets.testing.PDF`) naming what it is a receipt for."""
    name = text.encode("ascii", "replace").replace(b"\n", b" ")[:120]
    return b"%PDF-1.4\n%" + name + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` rupiah in `parts` positive amounts of whole thousands (the last takes the rest);
    nothing for nothing."""
    if total <= 0:
        return []
    parts = max(1, min(parts, total // 100_000))
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    amounts = [int(total * w / sum(weights)) // 1000 * 1000 for w in weights[:-1]]
    return [*amounts, total - sum(amounts)]


def _days(rng: random.Random, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    span = max(0, (last - first).days)
    return sorted(first + dt.timedelta(days=rng.randint(0, span)) for _ in range(count))


class _Plan:
    """One line and its entries before they are written."""

    def __init__(self, line: BudgetLine, poster):
        self.line, self.poster = line, poster
        self.entries: list[Realisation] = []
        self.no_document: set[int] = set()  # indexes of entries posted without a receipt


class _World:
    """What every government's seeding shares: the rng, the logins, the batches each
    government pays for, and the rows written at the end."""

    def __init__(self, seed: int, year: int):
        self.seed, self.year = seed, year
        self.years = (year - 1, year)
        self.rng = random.Random(seed * 5051 + year)  # noqa: S311 - synthetic demo data
        self.admins, self.fallback = _coordinators()
        self.operators = {
            a.scope_id: a.user for a in RoleAssignment.objects.filter(role=Role.OPERATOR_OPD)
            .select_related("user").order_by("user__username")
        }  # fmt: skip
        self.keys = {g.name: g.key for g in D.GOVERNMENTS}
        self.hosted = self._hosted_batches()
        self.costs: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for batch_id, description, amount in CostLine.objects.order_by("pk").values_list(
            "batch_id", "description", "amount"
        ):
            self.costs[batch_id].append((description, int(amount)))
        attended = (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED,
                    Enrolment.Status.NOT_COMPLETED)  # fmt: skip
        self.participants = dict(
            Enrolment.objects.filter(status__in=attended).order_by().values("batch_id")
            .annotate(n=Count("pk")).values_list("batch_id", "n")
        )  # fmt: skip
        self.plans: dict[tuple[int, int], tuple[str, list[_Plan]]] = {}  # → receipts' folder
        self.years_rows: list[BudgetYear] = []
        self.revisions: list[tuple[_Plan, PaguRevision]] = []
        self.reversals: list[tuple[_Plan, int, Realisation]] = []  # plan, index of the original
        self.audit: list[AuditLog] = []
        self.counts: Counter = Counter()

    def _hosted_batches(self) -> dict[tuple[int, int], list[Batch]]:
        """(government id, year) → the batches of the years it pays for: the government whose
        OPDs hold most of the batch's quota seats (the first by path on a tie)."""
        government_of = {
            pk: (parent_id, parent_path) for pk, parent_id, parent_path in OrgUnit.objects.filter(
                parent__isnull=False, parent__parent__isnull=True
            ).values_list("pk", "parent_id", "parent__path")
        }  # fmt: skip
        seats: dict[int, Counter] = defaultdict(Counter)
        paths = {}
        for batch_id, opd_id, n in BatchQuota.objects.filter(
            batch__year__in=self.years
        ).values_list("batch_id", "opd_id", "seats"):
            if opd_id in government_of:
                government, path = government_of[opd_id]
                seats[batch_id][government] += n
                paths[government] = path
        hosted = defaultdict(list)
        batches = Batch.objects.filter(pk__in=list(seats)).select_related("program")
        for batch in batches.order_by("start", "name", "pk"):
            host = min(seats[batch.pk].items(), key=lambda item: (-item[1], paths[item[0]]))[0]
            hosted[(host, batch.year)].append(batch)
        return hosted


def seed_budgets(*, seed: int, year: int = AS_OF.year) -> dict[str, int]:
    """Write the demo's budgets (see the module's docstring) for the year before `year` and
    `year`. Returns counts for the summary line."""
    world = _World(seed, year)
    if world.fallback is None and not world.admins:
        return {}
    governments = list(OrgUnit.objects.filter(parent__isnull=True).order_by("path"))
    for government in governments:
        key = world.keys.get(government.name, government.path)
        if key == OWN_FLOOR[0]:
            BudgetPolicy.objects.create(instansi=government, floor_percent=OWN_FLOOR[1])
        for budget_year in world.years:
            _seed_year(world, government, key, budget_year)
    _write(world)
    counts = {name: 0 for name in ("overrides", "revisions", "reversals")} | world.counts
    counts["published"] = sum(1 for row in world.years_rows if row.published_at)
    return counts


def _opds(government: OrgUnit) -> dict[str, OrgUnit]:
    """The government's BKPSDM-like OPD (BKPSDM, the province's BPSDM, else its BKD), Dinas
    Kesehatan and Dinas Pendidikan; the BKPSDM-like one stands in for a missing dinas."""
    opds = list(OrgUnit.objects.filter(parent=government).order_by("name", "pk"))

    def first(*words: str) -> OrgUnit | None:
        return next((o for o in opds if all(w in o.name for w in words)), None)

    bkd = first("Pengembangan Sumber Daya Manusia") or first("Kepegawaian") or government
    return {"bkd": bkd, "dinkes": first("Dinas Kesehatan") or bkd,
            "dikbud": first("Dinas Pendidikan") or bkd}  # fmt: skip


def _seed_year(world: _World, government: OrgUnit, key: str, year: int) -> None:
    rng, current = world.rng, year == world.year
    admin = world.admins.get(government.pk, world.fallback)
    opds = _opds(government)
    billions = SPENDING.get(key, (950, 980))[1 if current else 0]
    total = Decimal(billions * 1000 * MILLION + rng.randrange(0, 1000) * MILLION
                    + rng.randrange(0, 1000) * 1000)  # fmt: skip
    region = government.name.removeprefix("Pemerintah ")
    published = year < world.year or key == PUBLISHED_BOTH
    published_at = None
    if published:
        day = (dt.date(year + 1, 3, 2) + dt.timedelta(days=rng.randint(0, 20))
               if year < world.year else AS_OF - dt.timedelta(days=11))  # fmt: skip
        published_at = _aware(day)
    world.years_rows.append(BudgetYear(
        instansi=government, year=year, total_spending=total, published_at=published_at,
        spending_source=f"Perda {region} Nomor {rng.randint(4, 14)} Tahun {year - 1} tentang "
                        f"APBD Tahun Anggaran {year}",
    ))  # fmt: skip
    if (key, year) == BELOW_FLOOR:
        share = SHARE_BELOW
    elif key == OWN_FLOOR[0]:
        share = SHARE_OWN_FLOOR
    else:
        share = SHARE
    target = int(total * Decimal(str(round(rng.uniform(*share), 3))) / 100)

    def poster(opd: OrgUnit):
        return world.operators.get(opd.pk, admin)

    def line(opd, kegiatan, sub, name, pagu, **ties) -> BudgetLine:
        short = opd.short_name or opd.name
        return BudgetLine(
            instansi=government, year=year, opd=opd, kegiatan_code=kegiatan,
            sub_kegiatan_code=f"{kegiatan}.{sub:04d}", rekening_code=REKENING, name=name[:300],
            pagu=Decimal(pagu), source_document=f"DPA {short} {year}"[:300], created_by=admin,
            **ties,
        )  # fmt: skip

    last_day = min(AS_OF, dt.date(year, 12, 31))
    ties = [  # the lines that pay for something
        _batch_plan(world, batch, line, opds, poster, last_day)
        for batch in _sample(rng, world.hosted.get((government.pk, year), []), MAX_BATCH_LINES)
    ]  # fmt: skip
    if current:
        ties += _program_plans(world, government, year, line, opds["bkd"], poster(opds["bkd"]),
                               last_day)  # fmt: skip
    tied_pagu = sum(int(p.line.pagu) for p in ties)
    general = _general_plans(rng, max(0, target - tied_pagu), line, opds, poster)
    plans = ties + general

    # The current year's override: the smallest Dinas Kesehatan line, (almost) spent, then more.
    dinkes = [p for p in general if p.line.opd == opds["dinkes"]] or general
    override = min(dinkes, key=lambda p: (p.line.pagu, general.index(p)))
    _spend(world, year, ties, general, override, last_day)
    for plan in plans:
        for index in range(len(plan.entries)):
            if rng.random() < WITHOUT_DOCUMENT["current" if current else "earlier"]:
                plan.no_document.add(index)
    if current:
        _override(world, override, last_day)
        # Undocumented for sure at both dinas: their operators' home task.
        dikbud = next((p for p in general if p.line.opd == opds["dikbud"]), None)
        for plan in (dinkes[0], dikbud):
            if plan is not None and plan.entries:
                plan.no_document.add(0)
        if key == REVERSAL and dikbud is not None and dikbud.entries:
            _reversal(world, dikbud, last_day)
    elif key == REVISED:
        _revision(world, general[0], admin, year)
    world.plans[(government.pk, year)] = (f"anggaran/{year}/demo-{world.seed}/{key}", plans)
    world.audit.append(audit_entry(
        actor=admin, action="import", instance=government,
        object_repr=f"Anggaran {government.name} {year} (data demo)",
        changes={"lines": [0, len(plans)],
                 "entries": [0, sum(len(p.entries) for p in plans)]},
        reason="Synthetic demo data (seed_demo): not a real budget.",
    ))  # fmt: skip


def _spend(world: _World, year: int, ties: list[_Plan], general: list[_Plan], override: _Plan,
           last_day: dt.date) -> None:  # fmt: skip
    """Entries of the general lines: the earlier year (almost) fully absorbed; the current
    year to an overall share as of AS_OF, counting what the tied lines spent and the override
    line (spent almost to its pagu before the override)."""
    rng, current = world.rng, year == world.year
    first_day = dt.date(year, 2, 1)
    base = 0.0
    if current:
        spent = sum(amount for p in ties for amount in _amounts(p)) + int(override.line.pagu)
        goal = rng.uniform(*ABSORBED_CURRENT) * sum(int(p.line.pagu) for p in ties + general)
        rest = sum(int(p.line.pagu) for p in general if p is not override) or 1
        base = min(0.9, max(0.1, (goal - spent) / rest))
    for plan in general:
        pagu = int(plan.line.pagu)
        if not current:
            share_spent = 1.0 if rng.random() < FULLY_ABSORBED else rng.uniform(*ABSORBED_EARLIER)
        elif plan is override:
            share_spent = rng.uniform(0.90, 0.97)
        else:
            share_spent = min(0.95, max(0.05, base * rng.uniform(0.6, 1.4)))
        amount = int(pagu * share_spent) // 1000 * 1000
        end = last_day - dt.timedelta(days=14) if plan is override else last_day
        parts = rng.randint(2, 5) if current else rng.randint(3, 6)
        days = _days(rng, first_day, end, parts)
        for value, day in zip(_split(rng, amount, parts), days, strict=False):
            plan.entries.append(Realisation(
                date=day, amount=Decimal(value), recorded_by=plan.poster,
                description=f"{rng.choice(SPENT_ON)}, {MONTHS[day.month - 1]} {year}",
            ))  # fmt: skip


def _sample(rng: random.Random, items: list, k: int) -> list:
    """Up to `k` of `items`, kept in their order."""
    if len(items) <= k:
        return list(items)
    chosen = set(rng.sample(range(len(items)), k))
    return [item for i, item in enumerate(items) if i in chosen]


def _amounts(plan: _Plan) -> list[int]:
    return [int(entry.amount) for entry in plan.entries]


def _batch_plan(world: _World, batch: Batch, line, opds, poster, last_day: dt.date) -> _Plan:
    """The line paying for a batch the government hosts: its pagu the batch's cost lines and
    the allowance of a full batch (with a margin); once the batch ended, its realisasi those
    cost lines and the allowance of the participants it had."""
    rng = world.rng
    program = batch.program
    if program.audience in HEALTH_AUDIENCES:
        opd = opds["dinkes"]
    elif program.audience == "Guru":
        opd = opds["dikbud"]
    else:
        opd = opds["bkd"]
    costs = world.costs.get(batch.pk) or [("Biaya penyelenggaraan", 15 * MILLION)]
    cost = sum(amount for _d, amount in costs)
    days, rate = (batch.end - batch.start).days + 1, rng.choice(ALLOWANCES)
    planned = cost + batch.capacity * days * rate
    pagu = math.ceil(planned * rng.uniform(1.03, 1.12) / MILLION) * MILLION
    kegiatan = TECHNICAL if program.form_code in TECHNICAL_FORMS else MANAGERIAL
    plan = _Plan(line(opd, kegiatan, 1, f"{program.title} — {batch.name}", pagu, batch=batch),
                 poster(opd))  # fmt: skip
    if batch.end <= last_day:
        for description, amount in costs:
            day = min(last_day, batch.end + dt.timedelta(days=rng.randint(2, 12)))
            plan.entries.append(Realisation(date=day, amount=Decimal(amount),
                                            description=f"{description} {batch.name}",
                                            recorded_by=plan.poster))  # fmt: skip
        allowance = min(world.participants.get(batch.pk, 0) * days * rate, pagu - cost)
        if allowance:
            plan.entries.append(Realisation(
                date=min(last_day, batch.end + dt.timedelta(days=rng.randint(1, 5))),
                amount=Decimal(allowance), recorded_by=plan.poster,
                description=f"Uang harian dan penginapan peserta {batch.name}",
            ))  # fmt: skip
    elif batch.start <= last_day:  # running on AS_OF: an advance for the venue and meals
        plan.entries.append(Realisation(
            date=batch.start, amount=Decimal(pagu * 3 // 10 // 1000 * 1000),
            description=f"Uang muka konsumsi {batch.name}", recorded_by=plan.poster,
        ))  # fmt: skip
    return plan


def _program_plans(world: _World, government, year: int, line, opd, poster, last_day):
    """Lines of the program's phases starting this year, the mentoring cycle and the first
    socialisation events, with what they have spent as of AS_OF."""
    rng, found = world.rng, []
    phases = Phase.objects.filter(program__instansi=government, start__year=year).order_by(
        "program_id", "number")  # fmt: skip
    for phase in phases:
        low, high = (150, 350) if phase.number == 1 else (100, 250)
        pagu = rng.randint(low, high) * MILLION
        plan = _Plan(line(opd, MANAGERIAL, 2, f"Pendampingan program: {phase.name}", pagu,
                          phase=phase), poster)  # fmt: skip
        if phase.start <= last_day:
            spent = rng.uniform(0.4, 0.6) if phase.number == 1 else rng.uniform(0.05, 0.15)
            months = max(1, (last_day - phase.start).days // 30)
            days = _days(rng, phase.start, last_day, months)
            for value, day in zip(_split(rng, int(pagu * spent) // 1000 * 1000, months), days,
                                  strict=False):  # fmt: skip
                plan.entries.append(Realisation(
                    date=day, amount=Decimal(value), recorded_by=poster,
                    description=f"Honorarium pendamping dan perjalanan dinas, "
                                f"{MONTHS[day.month - 1]} {year}",
                ))  # fmt: skip
        found.append(plan)
    cycles = MentoringCycle.objects.filter(instansi=government, year=year).order_by("pk")
    for cycle in cycles:
        pagu = rng.randint(60, 150) * MILLION
        plan = _Plan(line(opd, MANAGERIAL, 2, f"Honorarium mentor dan pertemuan: {cycle.name}",
                          pagu, cycle=cycle), poster)  # fmt: skip
        if cycle.start <= last_day:
            months = max(1, (last_day - cycle.start).days // 30)
            days = _days(rng, cycle.start, last_day, months)
            spent = int(pagu * rng.uniform(0.35, 0.5)) // 1000 * 1000
            for value, day in zip(_split(rng, spent, months), days, strict=False):
                plan.entries.append(Realisation(
                    date=day, amount=Decimal(value), recorded_by=poster,
                    description=f"Honorarium mentor dan konsumsi pertemuan, "
                                f"{MONTHS[day.month - 1]} {year}",
                ))  # fmt: skip
        found.append(plan)
    events = SocialisationEvent.objects.filter(
        program__instansi=government, date__year=year, date__lte=last_day
    ).order_by("date", "pk")
    for event in events[:EVENT_LINES]:
        pagu = rng.randint(10, 25) * MILLION
        plan = _Plan(line(opd, MANAGERIAL, 2, f"Konsumsi dan bahan: {event.title}", pagu,
                          event=event), poster)  # fmt: skip
        spent = int(pagu * rng.uniform(0.9, 1.0)) // 1000 * 1000
        for value, what in zip(_split(rng, spent, 2), ("Konsumsi peserta", "Penggandaan bahan"),
                               strict=False):  # fmt: skip
            day = min(last_day, event.date + dt.timedelta(days=rng.randint(0, 5)))
            plan.entries.append(Realisation(date=day, amount=Decimal(value), recorded_by=poster,
                                            description=f"{what} {event.title}"[:300]))  # fmt: skip
        found.append(plan)
    return found


def _general_plans(rng: random.Random, budget: int, line, opds, poster) -> list[_Plan]:
    """General lines from GENERAL in turn (again as further rounds) until their pagu reaches
    `budget`; the last takes what remains."""
    plans, left, turn = [], budget, 0
    while left >= SMALLEST_LINE or not plans:
        name, opd_key, kegiatan, sub, (low, high) = GENERAL[turn % len(GENERAL)]
        pagu = rng.randint(low, high) * MILLION
        if pagu > left:
            pagu = max(SMALLEST_LINE, left // MILLION * MILLION)
        opd = opds[opd_key]
        rounds = ROUNDS[min(turn // len(GENERAL), len(ROUNDS) - 1)]
        plans.append(_Plan(line(opd, kegiatan, sub, f"{name}{rounds}", pagu), poster(opd)))
        left -= pagu
        turn += 1
    return plans


def _override(world: _World, plan: _Plan, last_day: dt.date) -> None:
    """The entry that takes the line above its pagu, posted with its reason, not reviewed."""
    rng = world.rng
    before = sum(_amounts(plan))
    excess = int(plan.line.pagu) * rng.randint(6, 12) // 100 // 1000 * 1000
    amount = int(plan.line.pagu) - before + excess
    plan.entries.append(Realisation(
        date=last_day - dt.timedelta(days=rng.randint(2, 10)), amount=Decimal(amount),
        description="Konsumsi dan penggandaan bahan untuk peserta tambahan",
        override_reason=OVERRIDE_REASON, recorded_by=plan.poster,
    ))  # fmt: skip
    world.counts["overrides"] += 1


def _reversal(world: _World, plan: _Plan, last_day: dt.date) -> None:
    """The line's first receipt posted a second time, and that duplicate reversed."""
    original = plan.entries[0]
    duplicate = Realisation(date=original.date, amount=original.amount,
                            description=original.description, recorded_by=plan.poster)  # fmt: skip
    plan.entries.insert(1, duplicate)
    plan.no_document = {i + 1 if i >= 1 else i for i in plan.no_document}
    on = min(last_day, original.date + dt.timedelta(days=world.rng.randint(3, 10)))
    reversal = Realisation(
        date=on, amount=-original.amount, recorded_by=plan.poster,
        description=f"Pembalikan entri tanggal {original.date.strftime('%d-%m-%Y')}: "
                    f"{REVERSAL_REASON}",
    )  # fmt: skip
    world.reversals.append((plan, 1, reversal))
    world.counts["reversals"] += 1


def _revision(world: _World, plan: _Plan, admin, year: int) -> None:
    """The line's pagu cut in the APBD perubahan: its pagu before was higher."""
    after = int(plan.line.pagu)
    before = math.ceil(after * world.rng.uniform(1.12, 1.25) / MILLION) * MILLION
    plan.line.version = 2
    plan.line.source_document = plan.line.source_document.replace("DPA", "DPPA", 1)
    world.revisions.append((plan, PaguRevision(
        before=Decimal(before), after=Decimal(after), on=dt.date(year, 9, 30),
        reason=REVISION_REASON, by=admin,
        document=f"Perda {plan.line.instansi.name.removeprefix('Pemerintah ')} tentang "
                 f"Perubahan APBD Tahun Anggaran {year}",
    )))  # fmt: skip
    world.counts["revisions"] += 1


def _receipt(storage, name: str, content: bytes) -> str:
    """The receipt's file under `name`: kept when it already holds `content` (a demo seeded
    again), else written afresh."""
    if storage.exists(name):
        with storage.open(name, "rb") as existing:
            if existing.read() == content:
                return name
        storage.delete(name)
    return storage.save(name, ContentFile(content))


def _write(world: _World) -> None:
    """Write the years, the lines with their `realised`, the entries with their receipts, the
    revisions and reversals, and the audit records."""
    BudgetYear.objects.bulk_create(world.years_rows, batch_size=BATCH)
    plans = [plan for _folder, year_plans in world.plans.values() for plan in year_plans]
    for plan in plans:
        plan.line.realised = sum((e.amount for e in plan.entries), Decimal(0))
    for plan, _index, reversal in world.reversals:
        plan.line.realised += reversal.amount
    BudgetLine.objects.bulk_create([plan.line for plan in plans], batch_size=BATCH)
    storage = Realisation._meta.get_field("document").storage
    entries = []
    for folder, year_plans in world.plans.values():
        for number, plan in enumerate(year_plans, start=1):
            for index, entry in enumerate(plan.entries):
                entry.line = plan.line
                if index in plan.no_document:
                    continue
                name = f"{folder}/kuitansi-{number:03d}-{index + 1:02d}.pdf"
                content = receipt_pdf(f"Kuitansi {entry.description} Rp {int(entry.amount)}")
                entry.document = _receipt(storage, name, content)
            entries.extend(plan.entries)
    Realisation.objects.bulk_create(entries, batch_size=BATCH)
    reversals = []
    for plan, index, reversal in world.reversals:
        reversal.line = plan.line
        reversal.reverses = plan.entries[index]
        reversals.append(reversal)
    Realisation.objects.bulk_create(reversals)
    entries += reversals
    # Posted on the day of the spending, not on the day the demo was seeded.
    for entry in entries:
        entry.created_at = _aware(entry.date, 10 + entry.pk % 7, entry.pk % 60)
    Realisation.objects.bulk_update(entries, ["created_at"], batch_size=BATCH)
    revisions = []
    for plan, revision in world.revisions:
        revision.line = plan.line
        revisions.append(revision)
    PaguRevision.objects.bulk_create(revisions)
    for revision in revisions:
        PaguRevision.objects.filter(pk=revision.pk).update(created_at=_aware(revision.on, 14))
        world.audit.append(audit_entry(
            actor=revision.by, action="update", instance=revision.line,
            changes={"pagu": [str(revision.before), str(revision.after)]},
            reason=revision.reason,
        ))  # fmt: skip
    for entry in entries:
        if entry.override_reason or entry.reverses_id:
            world.audit.append(audit_entry(
                actor=entry.recorded_by, action="create", instance=entry,
                changes={"line": [None, str(entry.line)], "amount": [None, str(entry.amount)]},
                reason=entry.override_reason or REVERSAL_REASON,
            ))  # fmt: skip
    AuditLog.objects.bulk_create(world.audit, batch_size=BATCH)
    world.counts["lines"] = len(plans)
    world.counts["entries"] = len(entries)
    world.counts["undocumented"] = sum(1 for e in entries if not e.document and e.amount > 0)


def budgets_reset() -> None:
    """Delete every budget row (they point at units, batches, phases, cycles, events and the
    demo logins, which the demo reset deletes). The demo's receipts stay: seeding again reuses
    them."""
    Realisation.objects.filter(reverses__isnull=False).delete()
    for model in (Realisation, PaguRevision, BudgetLine, BudgetYear, BudgetPolicy):
        model.objects.all().delete()
