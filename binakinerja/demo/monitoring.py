"""Demo monitoring history (issue 17): the three years before the demo's year, and the demo's year
completed, shaped by the demo program's phases with an effect planted where the program runs, so
that the impact page (`monitoring.impact`) finds it again.

The other demo modules describe mostly the year of `plan.AS_OF`; a program's impact needs the
years before it too (`impact.YEARS_BEFORE`). This module writes real source data — never
rollups — and then lets `rollups.refresh` compute every government's rollups of AS_OF.year−3 …
AS_OF.year:

- Predikat: an assessed SKP with its annual assessment (closed periods) for every ASN in service
  with a supervisor in each earlier year, and the annual assessment of the demo year's assessed
  SKPs (those whose first quarter is assessed).
- JP: imported SIASN history for AS_OF.year−3 and −2 (the trainings demo has −1 and the demo
  year); in the demo year the OPDs in the program get `PLANTED_JP_MEAN` more per ASN (trainings
  and e-learning of the program's themes).
- IKM and service time: two earlier closed survey periods for the satisfaction demo's service
  units and a shorter register of visits where it keeps one; for every OPD without a service
  unit, one of its own (the OPD, or its first unit serving the public) with four periods of
  answers and a register of visits.

Each outcome y of an OPD u in year t follows y = level(u) + trend(t) + effect·D(u,t) + noise,
where D(u,t) = 1 from the first year one of the OPD's units is in a phase of its government's
program, as `impact.treatment_years` reads it (the demo's phases 1 and 2 start in the demo year,
phase 3 the year after), and `effect` is `PLANTED[outcome]`. The noise is centred within each
government, year and side of the program, so the estimate is the planted effect whatever the
draws while every OPD still varies. The data are written to the model's value of each OPD and
year: JP totals exactly, visit times scaled, survey answers moved one step at a time until the
IKM is the model's (the demo year's answers and visit times of the satisfaction demo too), a
share of Baik or better rounded with its error carried to the next OPD.

Where the other demo data fix an OPD's value, that value sets its level: the year before's IKM
and service time; for JP the demo year's (the trainings demo's two years are noisy for a small
OPD: the earlier years balance the year before's deviation, and the demo year is completed
where the year before was too high to balance); for predikat the demo year's rounding (a share
of one or two assessments is 0, 50 or 100%) is carried into the earlier years.

Rows are written with `core.bulk.bulk_insert` (COPY on PostgreSQL); deterministic for a seed
(rows read in id order).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from binakinerja.core.audit import audit_record
from binakinerja.core.bulk import bulk_insert, bulk_update_rows, reserve_ids
from binakinerja.demo.plan import AS_OF
from binakinerja.demo.satisfaction import (
    ELEMENT_OFFSET,
    KINDS,
    RESPONSE_COLUMNS,
    SOURCES,
    SUGGESTIONS,
    VISIT_COLUMNS,
    _answer_weights,
    _public_codes,
    _saved,
)
from binakinerja.monitoring import rollups
from binakinerja.monitoring.impact import treatment_years
from binakinerja.monitoring.models import (
    EarlyWarning,
    ImpactSnapshot,
    Indicator,
    MonevReport,
    Rollup,
)
from binakinerja.organizations.models import OrgUnit, opd_path_of
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.performance.models import Period, Skp, SkpAssessment
from binakinerja.performance.rules import period_dates, predikat_kinerja
from binakinerja.programs.models import Program
from binakinerja.programs.selectors import phase_starts_by_unit
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    Service,
    ServiceUnit,
    ServiceVisit,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.selectors import ikm_weight, service_figures_by_unit
from binakinerja.trainings.ledger import jp_sum_by_unit
from binakinerja.trainings.models import JpRecord
from binakinerja.trainings.rules import JP_MINUTES, form_of

YEARS = 4  # AS_OF.year − 3 … AS_OF.year: the program's first year and impact.YEARS_BEFORE

# The planted effects, in the units of the rollups (`Rollup.value`): what the impact page should
# find for the OPDs in the program in their treated years.
PLANTED_PREDIKAT_GOOD = 8.0  # percentage points of ASN with predikat Baik or better
PLANTED_IKM = 0.24  # on the IKM index (1–4) the rollups keep: 6 points of the 25–100 score
PLANTED_SERVICE_MINUTES = -8.0  # minutes from arrival to the end of service
PLANTED_JP_MEAN = 6.0  # JP per ASN in the year
PLANTED = {
    Indicator.PREDIKAT_GOOD.value: PLANTED_PREDIKAT_GOOD,
    Indicator.IKM.value: PLANTED_IKM,
    Indicator.SERVICE_MINUTES.value: PLANTED_SERVICE_MINUTES,
    Indicator.JP_MEAN.value: PLANTED_JP_MEAN,
}


@dataclass(frozen=True)
class Shape:
    """An outcome's model without the effect: the level of an OPD drawn around `base` (unless
    the data fix it), a trend shared by every OPD (AS_OF.year−3 first), noise per OPD and
    year, and the bounds the value is kept in."""

    base: float
    trend: tuple[float, float, float, float]
    unit_sd: float
    noise_sd: float
    low: float
    high: float


SHAPES = {
    Indicator.PREDIKAT_GOOD.value: Shape(72.0, (0.0, 1.5, 3.0, 4.0), 6.0, 2.0, 5.0, 97.0),
    Indicator.IKM.value: Shape(3.05, (0.0, 0.03, 0.05, 0.06), 0.12, 0.03, 2.2, 3.7),
    Indicator.SERVICE_MINUTES.value: Shape(58.0, (0.0, -1.5, -3.0, -4.0), 12.0, 2.0, 8.0, 240.0),
    # JP: the level comes from the trainings demo's data (`_seed_jp`); the demo year's JP are
    # the trainings demo's (half a year), so its trend value is not used.
    Indicator.JP_MEAN.value: Shape(0.0, (-6.0, -3.0, 0.0, 0.0), 0.0, 1.5, 0.0, 400.0),
}

# Ratings of an annual assessment (hasil kerja, perilaku kerja) with weights: Baik or better,
# and below (Butuh Perbaikan mostly). About a quarter of the good ones Sangat Baik (an OPD with
# predikat Baik may have at most 70% Baik, `performance.rules.DEFAULT_DISTRIBUTION_RULES`).
GOOD_RATINGS = ((("di_atas", "di_atas"), 25), (("sesuai", "sesuai"), 55),
                (("sesuai", "di_atas"), 10), (("di_atas", "sesuai"), 10))  # fmt: skip
WEAK_RATINGS = ((("di_bawah", "sesuai"), 70), (("di_bawah", "di_atas"), 5),
                (("sesuai", "di_bawah"), 20), (("di_atas", "di_bawah"), 3),
                (("di_bawah", "di_bawah"), 2))  # fmt: skip
ANNUAL_REASON = "Penilaian tahunan berdasarkan capaian SKP dan dialog kinerja sepanjang tahun."

# Imported SIASN history: title, organiser, form, JP (1 JP items make any total exact).
HISTORY_ACTIVITIES = (
    ("Pelatihan Teknis Pelayanan Prima", "BPSDM Provinsi Gorontalo", "KL03", 24),
    ("Bimbingan Teknis Penyusunan SKP", "BKD", "KL10", 16),
    ("E-learning Literasi Digital ASN", "LAN (ASN Unggul)", "NKL03", 8),
    ("Webinar Reformasi Birokrasi", "KemenPANRB", "KL06", 4),
    ("Community of Practice Analis Kebijakan", "LAN", "NKL10", 2),
    ("Coaching oleh Atasan Langsung", "", "NKL01", 1),
)  # fmt: skip
# The program's development in its OPDs in the demo year.
PROGRAM_ACTIVITIES = (
    ("Pelatihan Tematik Pembinaan ASN Berbasis Kinerja", "BPSDM Provinsi Gorontalo", "KL03", 16),
    ("Bimbingan di Tempat Kerja: Dialog Kinerja", "BKD", "NKL11", 4),
    ("E-learning SKP dan Dialog Kinerja", "LAN (ASN Unggul)", "NKL03", 2),
    ("Coaching Program Pembinaan ASN", "", "NKL01", 1),
)  # fmt: skip
JP_FLOOR = 2.0  # JP per ASN an OPD's earlier years keep at least
JP_COLUMNS = ("employee", "title", "institution_name", "form_code", "jenis_diklat_id", "start",
              "end", "year", "minutes", "jp", "source", "source_ref", "certificate_number",
              "evidence", "created_at")  # fmt: skip

# Services of the OPDs' own service units, by a word of the OPD's name: name, target minutes.
SERVICES = (
    ("Kecamatan", (("Surat Keterangan", 20), ("Rekomendasi Perizinan", 45),
                   ("Legalisasi Dokumen", 15))),
    ("Penanaman Modal", (("Perizinan Berusaha", 60), ("Konsultasi Perizinan", 30))),
    ("Sosial", (("Rekomendasi Bantuan Sosial", 45), ("Pengaduan Layanan Sosial", 30))),
    ("Perhubungan", (("Pengujian Kendaraan Bermotor", 60), ("Izin Trayek", 45))),
    ("Tenaga Kerja", (("Kartu Tanda Pencari Kerja", 30), ("Pengaduan Hubungan Industrial", 60))),
    ("Kepegawaian", (("Layanan Kenaikan Pangkat", 45), ("Administrasi Kepegawaian", 30))),
    ("Pendapatan", (("Pembayaran Pajak Daerah", 25), ("Keberatan Pajak Daerah", 45))),
    ("Lingkungan", (("Persetujuan Lingkungan", 60), ("Pengaduan Lingkungan", 30))),
    ("Perpustakaan", (("Layanan Keanggotaan", 15), ("Layanan Kearsipan", 30))),
    ("Pertanian", (("Rekomendasi Pupuk Bersubsidi", 30), ("Konsultasi Penyuluhan", 45))),
)  # fmt: skip
DEFAULT_SERVICES = (("Pelayanan Informasi Publik", 20), ("Pelayanan Administrasi", 40),
                    ("Pengaduan Masyarakat", 30))  # fmt: skip
PROFILE = KINDS["dukcapil"]  # respondents of the OPDs' own units: the general public
RESPONSES = (25, 50)  # per full year of an OPD's own unit
EARLIER_RESPONSES = (0.25, 0.4)  # of the year before's, for the demo's units two, three back
VISITS = (12, 24)  # recorded visits per full year of an OPD without a register
EARLIER_VISITS = 0.15  # of the year before's register, two and three years back
AGES = ("<20", "20-29", "30-39", "40-49", "50-59", "60+")
EDUCATION = ("sd", "smp", "sma", "diploma", "s1", "s2")
OCCUPATIONS = ("pns", "swasta", "wirausaha", "petani", "pelajar", "irt", "lainnya")


class _World:
    """What every part shares: the years, the governments and their OPDs, the program's
    treatment per OPD, the ASN in service, the model's draws, times as the database takes them
    and the counts."""

    def __init__(self, seed: int, as_of: dt.date):
        self.rng = random.Random(seed * 6007 + 17)  # noqa: S311 - synthetic demo data
        self.np_rng = np.random.default_rng(seed * 6007 + 17)
        self.as_of = as_of
        self.year = as_of.year
        self.years = list(range(as_of.year - YEARS + 1, as_of.year + 1))
        self.last_day = as_of - dt.timedelta(days=1)
        self.governments = list(OrgUnit.objects.filter(parent__isnull=True).order_by("path"))
        self.opds: dict[int, list[OrgUnit]] = defaultdict(list)
        for opd in OrgUnit.objects.filter(parent__isnull=False, depth=1).order_by("path"):
            self.opds[opd.parent_id].append(opd)
        self.treated_from: dict[str, int] = {}  # OPD path → first year in the program
        self.started_on: dict[str, dt.date] = {}  # OPD path → the first day of its phase
        for program in Program.objects.filter(instansi__in=self.governments).order_by("pk"):
            for path, year in treatment_years(program).items():
                self.treated_from[path] = min(self.treated_from.get(path, year), year)
            for path, day in phase_starts_by_unit(program).items():
                opd = opd_path_of(path) or path
                self.started_on[opd] = min(self.started_on.get(opd, day), day)
        # OPD path (the government's for its own staff) → (pk, supervisor, TMT CPNS) in pk order
        self.staff: dict[str, list[tuple[int, int | None, dt.date | None]]] = defaultdict(list)
        for pk, path, supervisor, tmt in (
            Employee.objects.exclude(state__in=GONE_STATES).order_by("pk")
            .values_list("pk", "unit__path", "supervisor_id", "tmt_cpns")
        ):  # fmt: skip
            self.staff[opd_path_of(path) or path].append((pk, supervisor, tmt))
        self.levels: dict[tuple[str, str], float] = {}
        self.noises: dict[tuple[str, str, int], float] = {}
        self.drawn: set[str] = set()
        self.counts: Counter = Counter()
        self.zone = timezone.get_default_timezone()
        self.midnights: dict[dt.date, dt.datetime] = {}

    def treated(self, path: str, year: int) -> bool:
        start = self.treated_from.get(path)
        return start is not None and year >= start

    def value(self, indicator: str, path: str, year: int, level: float | None = None) -> float:
        """The model's value of the OPD (or the government's own staff) in `year`."""
        shape = SHAPES[indicator]
        if level is None:
            level = self.levels.get((indicator, path))
            if level is None:
                level = self.levels[(indicator, path)] = self.rng.gauss(shape.base, shape.unit_sd)
        value = level + shape.trend[year - self.years[0]] + self.noise(indicator, path, year)
        if self.treated(path, year):
            value += PLANTED[indicator]
        return min(shape.high, max(shape.low, value))

    def noise(self, indicator: str, path: str, year: int) -> float:
        """The model's noise of an OPD and year: drawn for every OPD (and government's own
        staff) at once and centred within each government, year and side of the program, so
        that the planted effect is what the estimator finds whatever the draws, while each
        OPD's value still varies around its level and the trend."""
        if indicator not in self.drawn:
            self.drawn.add(indicator)
            sd = SHAPES[indicator].noise_sd
            paths = sorted(set(self.staff) | {o.path for opds in self.opds.values() for o in opds})
            groups: dict[tuple, list[str]] = defaultdict(list)
            for key in paths:
                groups[(key[:5], self.treated(key, self.year))].append(key)
            for members in groups.values():
                for when in self.years:
                    draws = [self.rng.gauss(0, sd) for _ in members]
                    mean = sum(draws) / len(draws)
                    for key, draw in zip(members, draws, strict=True):
                        self.noises[(indicator, key, when)] = draw - mean
        return self.noises.get((indicator, path, year), 0.0)

    def level_from(self, indicator: str, value: float, year: int) -> float:
        """An OPD's level from its value in `year` (taken as the model's without noise)."""
        return value - SHAPES[indicator].trend[year - self.years[0]]

    def utc(self, day: dt.date, minutes: float = 0) -> dt.datetime:
        """`minutes` after the local midnight of `day`, as a naive UTC time (what the database
        stores; `bulk_insert` gets its text, see `_text`)."""
        midnight = self.midnights.get(day)
        if midnight is None:
            local = dt.datetime.combine(day, dt.time(), tzinfo=self.zone)
            midnight = self.midnights[day] = local.astimezone(dt.UTC).replace(tzinfo=None)
        return midnight + dt.timedelta(minutes=minutes)

    def stamp(self, day: dt.date, minutes: float = 0) -> str:
        return str(self.utc(day, minutes))

    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        """A working day (Monday–Friday) between `start` and `end`."""
        span = max(0, (end - start).days) + 1
        for _ in range(20):
            day = start + dt.timedelta(days=int(self.rng.random() * span))
            if day.weekday() < 5:
                return day
        return day


def _naive(value: dt.datetime) -> dt.datetime:
    """A time read from the database as a naive UTC time (for arithmetic with `_World.utc`)."""
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def _text(value: dt.datetime) -> str:
    """A time as both databases take it without conversion: naive UTC text (Django's
    PostgreSQL connections run in UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return str(value)


def seed_monitoring(*, seed: int, as_of: dt.date = AS_OF) -> dict[str, int]:
    """Write the monitoring history of the registry, program and survey data in the database
    and refresh the rollups of every government for the four years (the early-warning rules
    are left to `monitoring_refresh`). Returns counts for the summary line."""
    with transaction.atomic():
        world = _World(seed, as_of)
        if not world.governments:
            return {}
        _seed_predikat(world)
        _seed_jp(world)
        _seed_services(world)
        for government in world.governments:
            for year in world.years:
                world.counts["rollups"] += rollups.refresh(government, year)
        counts = world.counts
        counts.update(
            governments=len(world.governments), first_year=world.years[0], last_year=world.year,
            treated=sum(1 for y in world.treated_from.values() if y <= world.year),
        )  # fmt: skip
        audit_record(
            actor=None,
            action="import",
            object_type="demo.monitoring",
            object_repr=f"seed_demo --seed {seed}: riwayat monitoring",
            changes={name: [0, value] for name, value in counts.items()},
            reason="Synthetic demo data (seed_demo): history with a planted program effect.",
        )
    return dict(counts)


# --- predikat ------------------------------------------------------------------------------------


def _ratings(rng: random.Random, good: bool) -> tuple[str, str, str]:
    weighted = GOOD_RATINGS if good else WEAK_RATINGS
    hasil, perilaku = rng.choices([r for r, _w in weighted], [w for _r, w in weighted])[0]
    return hasil, perilaku, predikat_kinerja(hasil, perilaku).value


def _goods(world: _World, year: int, sizes: dict[str, int], shift: dict[str, float]):
    """Which of each OPD's assessments of `year` are Baik or better, in random order, and the
    share's rounding error per OPD: the model's share (plus `shift`, in points) of its
    `sizes[path]` assessments, rounded with the error carried to the next OPD of the same
    government and the same side of the program (error diffusion), so that the mean share of
    the OPDs in the program and of the others is the model's although a small OPD's share is
    a coarse fraction."""
    found, errors = {}, {}
    carried: dict[tuple[str, bool], float] = defaultdict(float)
    for path in sorted(sizes):
        n, group = sizes[path], (path[:5], world.treated(path, world.year))
        target = world.value(Indicator.PREDIKAT_GOOD.value, path, year) + shift.get(path, 0)
        share = min(1.0, max(0.0, target / 100)) + carried[group]
        good = min(n, max(0, round(share * n)))
        carried[group] = share - good / n
        errors[path] = 100 * good / n - target
        flags = [True] * good + [False] * (n - good)
        world.rng.shuffle(flags)
        found[path] = flags
    return found, errors


def _seed_predikat(world: _World) -> None:
    """The annual assessment of the demo year's assessed SKPs, then assessed SKPs with annual
    assessments for the earlier years. An OPD's earlier shares follow the rounding of its demo
    year's (a share of one or two assessments is 0, 50 or 100%), so that a small OPD's coarse
    share does not read as the program's effect."""
    rng, history = world.rng, world.years[:-1]
    existing = set(Period.objects.filter(year__in=history).values_list("instansi_id", "year",
                                                                       "kind"))  # fmt: skip
    Period.objects.bulk_create([
        Period(instansi=government, year=year, kind=kind, start=period_dates(year, kind)[0],
               end=period_dates(year, kind)[1], status=Period.Status.CLOSED)
        for government in world.governments for year in history for kind in Period.Kind.values
        if (government.pk, year, kind) not in existing
    ])  # fmt: skip
    annual = {
        (instansi, year): pk
        for pk, instansi, year in Period.objects.filter(
            kind=Period.Kind.ANNUAL, year__in=world.years
        ).values_list("pk", "instansi_id", "year")
    }
    government_of = {g.path: g.pk for g in world.governments}
    columns = ("skp", "period", "hasil_kerja", "perilaku_kerja", "predikat", "reason",
               "assessed_by", "assessed_at", "snapshot", "catatan_rekomendasi")  # fmt: skip

    # The demo year: the assessed SKPs (their first quarter is assessed) get their annual one.
    current: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for pk, atasan, path in (
        Skp.objects.filter(year=world.year, status="assessed", atasan__isnull=False)
        .exclude(assessments__period__kind=Period.Kind.ANNUAL)
        .order_by("pk").values_list("pk", "atasan_id", "employee__unit__path")
    ):  # fmt: skip
        if annual.get((government_of[path[:5]], world.year)):
            current[opd_path_of(path) or path].append((pk, atasan))
    assessed = world.stamp(world.last_day, 600)
    goods, shift = _goods(world, world.year, {p: len(rows) for p, rows in current.items()}, {})
    assessments = []
    for path, rows in current.items():
        period = annual[(government_of[path[:5]], world.year)]
        for (skp, atasan), good in zip(rows, goods[path], strict=True):
            assessments.append((skp, period, *_ratings(rng, good), ANNUAL_REASON, atasan,
                                assessed, "{}", ""))  # fmt: skip

    # The earlier years: everyone in service then with a supervisor (employee, supervisor).
    taken = set(Skp.objects.filter(year__in=history).values_list("employee_id", "year"))
    by_year: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for year in history:
        by_year[year] = {
            path: people for path in sorted(world.staff)
            if (annual.get((government_of[path[:5]], year))
                and (people := [(pk, boss) for pk, boss, tmt in world.staff[path]
                                if boss and (pk, year) not in taken
                                and (tmt is None or tmt <= dt.date(year, 6, 30))]))
        }  # fmt: skip
    ids = iter(reserve_ids(Skp, sum(len(p) for by in by_year.values() for p in by.values())))
    skps = []
    for year, by_path in by_year.items():
        created = world.stamp(dt.date(year, 1, 20), 540)
        assessed = world.stamp(dt.date(year + 1, 1, 25), 600)
        goods, _errors = _goods(world, year, {p: len(v) for p, v in by_path.items()}, shift)
        for path, people in by_path.items():
            period = annual[(government_of[path[:5]], year)]
            for (employee, boss), good in zip(people, goods[path], strict=True):
                skp = next(ids)
                skps.append((skp, employee, boss, year, "assessed", 5, "", "", "", created,
                             assessed))  # fmt: skip
                assessments.append((skp, period, *_ratings(rng, good), ANNUAL_REASON, boss,
                                    assessed, "{}", ""))  # fmt: skip
    bulk_insert(Skp, ("id", "employee", "atasan", "year", "status", "version",
                      "dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi",
                      "created_at", "updated_at"), skps, prepared=True)  # fmt: skip
    bulk_insert(SkpAssessment, columns, assessments, prepared=True)
    world.counts["skps"] = len(skps)
    world.counts["assessments"] = len(assessments)


# --- JP ------------------------------------------------------------------------------------------


def _spread(rng: random.Random, total: int, n: int) -> list[int]:
    """`total` whole JP over `n` people, unevenly (some far above 20 JP, some none)."""
    weights = [rng.gammavariate(1.4, 1.0) for _ in range(n)]
    scale = total / (sum(weights) or 1)
    shares = [w * scale for w in weights]
    whole = [math.floor(s) for s in shares]
    for i in sorted(range(n), key=lambda i: whole[i] - shares[i])[: total - sum(whole)]:
        whole[i] += 1
    return whole


class _Ledger:
    """JP records as prepared rows: activities of a catalogue adding up to a number of JP on
    working days of a span (the days' texts made once); mostly the largest activity that
    fits, so an ASN has a few records a year."""

    def __init__(self, world: _World):
        self.world = world
        self.days: dict[tuple[dt.date, dt.date], list[tuple[str, int, str]]] = {}
        self.fitting: dict[int, list[list[tuple]]] = {}
        self.rows: list[tuple] = []

    def add(self, employee: int, jp: int, catalogue, start: dt.date, end: dt.date) -> None:
        """Records of `jp` JP in all for one ASN between `start` and `end`."""
        rng = self.world.rng
        days = self.days.get((start, end))
        if days is None:
            span = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
            days = self.days[(start, end)] = [
                (day.isoformat(), day.year, self.world.stamp(day, 17 * 60))
                for day in [d for d in span if d.weekday() < 5] or span
            ]  # fmt: skip
        fitting = self.fitting.get(id(catalogue))
        if fitting is None:  # per number of JP left: the activities that fit, largest first
            activities = sorted(((t, o, form_of(c), size) for t, o, c, size in catalogue),
                                key=lambda a: -a[3])  # fmt: skip
            fitting = self.fitting[id(catalogue)] = [
                [a for a in activities if a[3] <= n] for n in range(activities[0][3] + 1)
            ]  # fmt: skip
        while jp > 0:
            options = fitting[min(jp, len(fitting) - 1)]
            pick = 0 if rng.random() < 0.6 else int(rng.random() * len(options))
            title, organiser, form, size = options[pick]
            iso, year, stamp = days[int(rng.random() * len(days))]
            self.rows.append((employee, title, organiser, form.code, form.jenis_diklat_id, iso,
                              iso, year, size * JP_MINUTES, size, "imported", "", "", "",
                              stamp))  # fmt: skip
            jp -= size


def _seed_jp(world: _World) -> None:
    """Imported history of the years before the trainings demo's; the program's OPDs get
    PLANTED_JP_MEAN more per ASN in the demo year.

    An OPD's level is its demo-year value (before the program's JP) less the change every OPD
    shares from the year before; the earlier years balance the trainings demo's year before
    (its deviation from the level is split over them, against it), so that the OPD's level
    over the years before the program is the model's although a small OPD's JP per ASN of a
    year varies by many JP."""
    rng, before = world.rng, world.year - 1
    indicator = Indicator.JP_MEAN.value
    means: dict[str, tuple[float, float]] = {}  # path → (JP per ASN the year before, this year)
    for government in world.governments:
        sums = {year: defaultdict(float) for year in (before, world.year)}
        for year, by_path in sums.items():
            for path, total in jp_sum_by_unit(government, year).items():
                by_path[opd_path_of(path) or government.path] += float(total or 0)
        for path in sorted(p for p in world.staff if p.startswith(government.path)):
            n = len(world.staff[path])
            means[path] = (sums[before][path] / n, sums[world.year][path] / n)
    change = sum(this - last for last, this in means.values()) / (len(means) or 1)
    trend = SHAPES[indicator].trend
    lowest = min(trend[: len(world.years) - 2])
    ledger = _Ledger(world)
    this_year = (dt.date(world.year, 1, 10), world.as_of - dt.timedelta(days=2))
    for path, (last, this) in means.items():
        people = world.staff[path]
        # The level: the demo year's less the shared change, or higher where the year before
        # was so high that the earlier years could not balance it above JP_FLOOR (the demo
        # year is then completed with imported JP up to the level).
        before_level = last - trend[before - world.years[0]]
        level = max(this - change - trend[before - world.years[0]],
                    (2 * JP_FLOOR - 2 * lowest + before_level) / 3)  # fmt: skip
        extra = round((level + change + trend[before - world.years[0]] - this) * len(people))
        for (pk, _s, _t), jp in zip(people, _spread(rng, max(0, extra), len(people)), strict=True):
            ledger.add(pk, jp, HISTORY_ACTIVITIES, *this_year)
        balance = (before_level - level) / (len(world.years) - 2)
        for year in world.years[:-2]:
            total = round(world.value(indicator, path, year, level=level - balance) * len(people))
            joined = [pk for pk, _s, tmt in people if tmt is None or tmt.year <= year]
            joined = joined or [pk for pk, _s, _t in people]
            for pk, jp in zip(joined, _spread(rng, total, len(joined)), strict=True):
                ledger.add(pk, jp, HISTORY_ACTIVITIES, dt.date(year, 1, 10), dt.date(year, 12, 20))
        if world.treated(path, world.year):
            start = max(world.started_on.get(path, world.as_of), this_year[0])
            total = round(PLANTED_JP_MEAN * len(people))
            for (pk, _s, _t), jp in zip(people, _spread(rng, total, len(people)), strict=True):
                ledger.add(pk, jp, PROGRAM_ACTIVITIES, min(start, this_year[1]), this_year[1])
    bulk_insert(JpRecord, JP_COLUMNS, ledger.rows, prepared=True)
    world.counts["jp_records"] = len(ledger.rows)


# --- IKM and service time ------------------------------------------------------------------------


class _Answers:
    """Survey answers of an OPD's year by period (an array of respondents × elements, 0 where
    an element was left blank): the IKM as `ikm_by_period` and the rollups compute it
    (respondent-weighted over the periods), and moves of answers by one step."""

    def __init__(self):
        self.periods: dict[int, np.ndarray] = {}
        self.weight = float(ikm_weight())

    def ikm(self) -> float | None:
        total = respondents = 0.0
        for answers in self.periods.values():
            counts = (answers > 0).sum(axis=0)
            if len(answers) and counts.all():
                nrr = answers.sum(axis=0) / counts
                total += float(nrr.sum()) * self.weight * len(answers)
                respondents += len(answers)
        return total / respondents if respondents else None

    def move_to(self, rng: np.random.Generator, target: float) -> dict[int, np.ndarray]:
        """Move answers one step up or down until the IKM is `target` (as near as whole answers
        allow: a few passes, each moving in every period as many answers, spread over the
        elements at random, as the difference asks); returns the rows moved per period (a
        mask)."""
        moved = {period: np.zeros(len(a), bool) for period, a in self.periods.items()}
        for _ in range(4):
            current = self.ikm()
            if current is None or abs(target - current) < 0.0005:
                break
            up = target > current
            for period, answers in self.periods.items():
                # One step of one answer moves the period's IKM by weight / respondents.
                steps = round(abs(target - current) * len(answers) / self.weight)
                per_element = np.bincount(rng.integers(0, len(ELEMENT_FIELDS), steps),
                                          minlength=len(ELEMENT_FIELDS))  # fmt: skip
                for i, k in enumerate(per_element.tolist()):
                    column = answers[:, i]
                    movable = np.flatnonzero((column > 0) & (column < 4) if up else column > 1)
                    k = min(k, len(movable))
                    if k:
                        chosen = rng.choice(movable, k, replace=False)
                        column[chosen] += 1 if up else -1
                        moved[period][chosen] = True
        return moved


def _answers(rng: np.random.Generator, quality: float, count: int) -> np.ndarray:
    """`count` respondents' answers around the unit's mean `quality` (before calibration)."""
    mean_offset = sum(ELEMENT_OFFSET) / len(ELEMENT_OFFSET)
    answers = np.empty((count, len(ELEMENT_FIELDS)), np.int8)
    for i, offset in enumerate(ELEMENT_OFFSET):
        cumulative = np.array(_answer_weights(quality + offset - mean_offset))
        answers[:, i] = 1 + np.searchsorted(cumulative / cumulative[-1], rng.random(count),
                                            side="right")  # fmt: skip
    answers[rng.random(count) < 0.02, 7] = 0  # never needed to complain: left blank
    return answers


def _response_rows(world: _World, period: SurveyPeriod, services: list[int], block) -> list:
    """Valid responses with the answers of `block`, as RESPONSE_COLUMNS (prepared rows)."""
    rng, n = world.rng, len(block)
    end = min(period.ends_on, world.last_day)
    span = (end - period.starts_on).days + 1
    profile = (
        rng.choices(("P", "L"), (PROFILE.female, 1 - PROFILE.female), k=n),
        rng.choices(AGES, PROFILE.ages, k=n), rng.choices(EDUCATION, PROFILE.education, k=n),
        rng.choices(OCCUPATIONS, PROFILE.occupation, k=n),
    )  # fmt: skip
    sources = rng.choices([s for s, _w in SOURCES], [w for _s, w in SOURCES], k=n)
    rows = []
    for i, answers in enumerate(block.tolist()):
        visit = period.starts_on + dt.timedelta(days=int(rng.random() * span))
        online = sources[i] == "online"
        entered = visit if online else min(visit + dt.timedelta(days=int(rng.random() * 11)), end)
        rows.append((
            period.pk, services[int(rng.random() * len(services))], visit.isoformat(),
            profile[0][i], profile[1][i], profile[2][i], profile[3][i],
            *(a or None for a in answers),
            rng.choice(SUGGESTIONS[""]) if rng.random() < 0.12 else "", sources[i], "valid", "",
            world.stamp(entered, 480 + int(rng.random() * 480)),
            f"{rng.getrandbits(128):032x}" if online else None,
            f"{rng.getrandbits(256):064x}" if online else "",
        ))  # fmt: skip
    return rows


def _visits(world: _World, services: list[Service], count: int, start: dt.date, end: dt.date):
    """`count` recorded visits [service, arrived, started, finished] (naive UTC) before they
    are scaled."""
    rng, rows = world.rng, []
    for _ in range(count):
        service = services[int(rng.random() * len(services))]
        target = service.target_minutes or 30
        arrived = world.utc(world.day_in(start, end), 450 + int(rng.random() * 300))
        started = arrived + dt.timedelta(minutes=target * 0.6 * rng.lognormvariate(0, 0.5))
        finished = started + dt.timedelta(minutes=max(1.0, target * 0.3
                                                      * rng.lognormvariate(0, 0.4)))  # fmt: skip
        rows.append([service.pk, arrived, started, finished])
    return rows


def _scale(visits: list[list], target: float) -> None:
    """Scale the waits and service times of `visits` [..., arrived, started, finished] in place
    so that their mean minutes from arrival to the end of service is `target`."""
    if not visits:
        return
    total = sum((v[-1] - v[-3]).total_seconds() for v in visits)
    factor = target * 60 * len(visits) / total
    for v in visits:
        arrived, started, finished = v[-3], v[-2], v[-1]
        v[-2] = arrived + dt.timedelta(seconds=round((started - arrived).total_seconds() * factor))
        v[-1] = v[-2] + dt.timedelta(seconds=round((finished - started).total_seconds() * factor))


@dataclass
class _Opd:
    """An OPD's survey and visit data: its service units (the demo's, or one of its own), the
    year before AS_OF's figures, and the unit whose services get the visits it lacks."""

    unit: OrgUnit
    units: list[ServiceUnit]
    ikm_before: float | None = None
    minutes_before: float | None = None
    visits_before: int = 0
    host: ServiceUnit | None = None


def _own_services(opd: OrgUnit) -> tuple[tuple[str, int], ...]:
    return next((s for word, s in SERVICES if word in opd.name), DEFAULT_SERVICES)


def _seed_services(world: _World) -> None:
    """IKM and visit history for every OPD; a service unit of its own where it has none."""
    rng, before = world.rng, world.year - 1
    by_path = {su.unit.path: su for su in ServiceUnit.objects.select_related("unit").order_by("pk")}
    flagged = list(OrgUnit.objects.filter(is_service_unit=True, depth__gte=1).order_by("path"))
    opds: list[_Opd] = []
    for government in world.governments:
        figures: dict[str, list] = defaultdict(lambda: [0.0, 0, 0.0, 0])
        for path, found in service_figures_by_unit(government, before).items():
            cell = figures[opd_path_of(path) or government.path]
            for i, name in enumerate(("ikm_sum", "respondents", "minutes_sum", "visits")):
                cell[i] += found[name]
        for opd in world.opds[government.pk]:
            units = sorted((su for path, su in by_path.items()
                            if path == opd.path or path.startswith(opd.path + ".")),
                           key=lambda su: su.pk)  # fmt: skip
            ikm_sum, respondents, minutes_sum, visits = figures[opd.path]
            opds.append(_Opd(opd, units, ikm_sum / respondents if respondents else None,
                             minutes_sum / visits if visits else None, visits))  # fmt: skip
    # Service units of their own for the OPDs without one: the OPD itself when it serves the
    # public, or else its first unit that does, or else the OPD.
    lacking = [o for o in opds if not o.units]
    new_units = []
    for o, code in zip(lacking, _public_codes(rng, len(lacking)), strict=True):
        unit = o.unit
        if not unit.is_service_unit:
            unit = next((u for u in flagged if u.path.startswith(o.unit.path + ".")
                         and u.path not in by_path), unit)  # fmt: skip
        o.host = ServiceUnit(unit=unit, public_code=code,
                             annual_users=int(round(rng.uniform(800, 6000), -1)))  # fmt: skip
        o.units = [o.host]
        new_units.append(o.host)
    _saved(ServiceUnit, new_units, key=lambda su: su.unit_id)
    _saved(Service, [Service(service_unit=o.host, name=name, target_minutes=minutes)
                     for o in lacking for name, minutes in _own_services(o.unit)],
           key=lambda s: (s.service_unit_id, s.name))  # fmt: skip
    services: dict[int, list[Service]] = defaultdict(list)
    for service in Service.objects.filter(is_active=True).order_by("pk"):
        services[service.service_unit_id].append(service)
    for o in opds:
        o.host = o.host or (o.units[0] if o.units else None)
    world.counts["service_units"] = len(new_units)

    # Periods: the years each unit lacks (closed and published, but the demo year's open).
    have = set(SurveyPeriod.objects.values_list("service_unit_id", "year"))
    periods = [
        SurveyPeriod(service_unit=su, year=year, starts_on=dt.date(year, 1, 1),
                     ends_on=dt.date(year, 12, 31),
                     status="open" if year == world.year else "closed",
                     published_at=None if year == world.year
                     else dt.datetime.combine(dt.date(year + 1, 1, 20), dt.time(9),
                                              tzinfo=world.zone),
                     population=su.annual_users)
        for o in opds for su in o.units for year in world.years if (su.pk, year) not in have
    ]  # fmt: skip
    _saved(SurveyPeriod, periods, key=lambda p: (p.service_unit_id, p.year))
    period_of = {(p.service_unit_id, p.year): p for p in SurveyPeriod.objects.filter(
        service_unit__in=[su for o in opds for su in o.units], kind="tahunan")}  # fmt: skip
    world.counts["periods"] = len(periods)
    _survey(world, opds, services, period_of)
    _registers(world, opds, services)


def _survey(world: _World, opds: list[_Opd], services, period_of) -> None:
    """Answers of the years each OPD lacks, moved to the model's IKM; the demo year's answers
    of the OPDs with survey data moved to it too."""
    rng, indicator = world.rng, Indicator.IKM.value
    before = world.year - 1
    counts = dict(  # valid respondents of the year before, per service unit
        SurveyResponse.objects.filter(period__year=before, status="valid").order_by()
        .values("period__service_unit_id").annotate(n=Count("pk"))
        .values_list("period__service_unit_id", "n")
    )  # fmt: skip
    rows = []
    current: list[tuple[_Opd, float]] = []
    for o in opds:
        path = o.unit.path
        level = (None if o.ikm_before is None
                 else world.level_from(indicator, o.ikm_before, before))  # fmt: skip
        full = rng.randint(*RESPONSES)
        for year in world.years:
            if o.ikm_before is not None and year >= before:
                if year == world.year:
                    current.append((o, world.value(indicator, path, year, level=level)))
                continue
            target = world.value(indicator, path, year, level=level)
            answers = _Answers()
            pending = []
            for su in o.units:
                period = period_of[(su.pk, year)]
                if o.ikm_before is not None:
                    n = round(counts.get(su.pk, full) * rng.uniform(*EARLIER_RESPONSES))
                elif year == world.year:
                    n = round(full * (world.last_day - period.starts_on).days / 365
                              * rng.uniform(1.0, 1.2))  # fmt: skip
                else:
                    n = round(full * rng.uniform(0.85, 1.15))
                answers.periods[period.pk] = _answers(world.np_rng, target, max(n, 5))
                pending.append((period, [s.pk for s in services[su.pk]]))
            answers.move_to(world.np_rng, target)
            for period, service_ids in pending:
                rows += _response_rows(world, period, service_ids, answers.periods[period.pk])
    bulk_insert(SurveyResponse, RESPONSE_COLUMNS, rows, prepared=True)
    world.counts["responses"] = len(rows)

    # The demo year of the OPDs with survey data: their answers moved to the model's value.
    moved_rows = []
    for o, target in current:
        found: dict[int, list] = defaultdict(list)
        for pk, period, *values in (
            SurveyResponse.objects.filter(period__service_unit__in=o.units, period__year=world.year,
                                          status="valid")
            .order_by("pk").values_list("pk", "period_id", *ELEMENT_FIELDS)
        ):  # fmt: skip
            found[period].append((pk, [v or 0 for v in values]))
        answers = _Answers()
        for period, rows_of in found.items():
            answers.periods[period] = np.array([v for _pk, v in rows_of], np.int8)
        for period, mask in answers.move_to(world.np_rng, target).items():
            for (pk, _old), values, was_moved in zip(found[period],
                                                     answers.periods[period].tolist(), mask,
                                                     strict=True):  # fmt: skip
                if was_moved:
                    moved_rows.append([*(v or None for v in values), pk])
    bulk_update_rows(SurveyResponse, ELEMENT_FIELDS, moved_rows)
    world.counts["responses_moved"] = len(moved_rows)


def _registers(world: _World, opds: list[_Opd], services) -> None:
    """Visits of the years each OPD lacks, scaled to the model's service time; the demo year's
    visits of the OPDs with a register scaled to it too."""
    rng, indicator = world.rng, Indicator.SERVICE_MINUTES.value
    before = world.year - 1
    rows, updates = [], []
    for o in opds:
        path = o.unit.path
        if o.minutes_before is None:
            host = services[o.host.pk] if o.host else []
            if not host:
                continue
            full = rng.randint(*VISITS)
            for year in world.years:
                end = min(dt.date(year, 12, 30), world.last_day)
                share = (end - dt.date(year, 1, 1)).days / 364
                visits = _visits(world, host, max(5, round(full * share)), dt.date(year, 1, 2),
                                 end)  # fmt: skip
                _scale(visits, world.value(indicator, path, year))
                rows += visits
            continue
        # A register of the satisfaction demo: a share of its size in the earlier years, on
        # the services it records; the demo year's visits scaled in place.
        level = world.level_from(indicator, o.minutes_before, before)
        register = o.unit.subtree_q("service__service_unit__unit__")
        recorded = set(ServiceVisit.objects.filter(register, arrived_at__year=before)
                       .values_list("service_id", flat=True).distinct())  # fmt: skip
        host = [s for su in o.units for s in services[su.pk] if s.pk in recorded]
        for year in world.years[:-2]:
            visits = _visits(world, host, max(5, round(o.visits_before * EARLIER_VISITS)),
                             dt.date(year, 1, 2), dt.date(year, 12, 30))  # fmt: skip
            _scale(visits, world.value(indicator, path, year, level=level))
            rows += visits
        this_year = [[pk, *(_naive(t) for t in times)] for pk, *times in (
            ServiceVisit.objects.filter(register, arrived_at__year=world.year).order_by("pk")
            .values_list("pk", "arrived_at", "started_at", "finished_at"))]  # fmt: skip
        _scale(this_year, world.value(indicator, path, world.year, level=level))
        updates += [[started, finished, pk] for pk, _a, started, finished in this_year]
    rows = [(s, _text(a), _text(b), _text(f)) for s, a, b, f in rows]
    bulk_insert(ServiceVisit, VISIT_COLUMNS, rows, prepared=True)
    bulk_update_rows(ServiceVisit, ("started_at", "finished_at"), updates)
    world.counts["visits"] = len(rows)
    world.counts["visits_moved"] = len(updates)


def monitoring_reset() -> None:
    """Delete the monitoring rows (rollups, early warnings, impact estimates, monev reports).
    The history this module wrote goes with the performance, trainings and satisfaction
    resets."""
    for model in (EarlyWarning, ImpactSnapshot, MonevReport, Rollup):
        model.objects.all().delete()
