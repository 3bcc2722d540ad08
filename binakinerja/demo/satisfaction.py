"""Demo data of the public satisfaction survey (SKM) and of service times.

Service units for the demo's puskesmas, a sample of its schools (at most `MAX_SCHOOLS`), the
RSUDs, the Disdukcapil offices and the provincial health laboratory (so that the demo login
`operator.dinkes` has a unit too), each with its services and target minutes; two yearly survey
periods (last year closed and published, this year open) with responses, a respondent profile
mix, suggestions in Indonesian and a few flagged online responses; service visits for a few
units and daily aggregates (ServiceDay) for others.

The demo registry has no phased rollout of the service-improvement programme, so its units are
defined here: every service unit under the Dinas Kesehatan and the Dinas Pendidikan dan
Kebudayaan of the province and of Kabupaten Gorontalo (`PROGRAM_AGENCIES`). In the second year
their answers shift upward and their service times shorten (gradually over the first months);
the other units stay flat. The data describe the year of `plan.AS_OF` (not the real clock), so
the same `seed` gives the same data. Rows are written in batches: `bulk_create` for the few
units, services and periods, plain INSERTs for the many responses, visits and daily figures.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from binakinerja.core.audit import audit_record
from binakinerja.demo.plan import AS_OF
from binakinerja.organizations.models import OrgUnit
from binakinerja.satisfaction.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    ELEMENT_FIELDS,
    BlockedSubmission,
    ExtraAnswer,
    ExtraQuestion,
    ImprovementAction,
    Service,
    ServiceDay,
    ServiceUnit,
    ServiceVisit,
    SurveyPeriod,
    SurveyResponse,
)

MAX_SCHOOLS = 60
BATCH = 2000
PROGRAM_GOVERNMENTS = ("Pemerintah Provinsi Gorontalo", "Pemerintah Kabupaten Gorontalo")
PROGRAM_AGENCIES = ("Dinkes", "Dikbud")  # short names of the agencies running the programme
PROGRAM_ANSWER_SHIFT = 0.25  # on the 1–4 scale, in the second year
PROGRAM_TIME_CUT = 0.25  # share of the service time saved once the programme runs
LABKES = "UPTD Laboratorium Kesehatan Daerah"


@dataclass(frozen=True)
class Kind:
    """A kind of service unit: its services (name, target minutes, share of visitors, visits a
    day), yearly users, responses a year and profile weights."""

    services: tuple[tuple[str, int, float, int], ...]
    annual_users: tuple[int, int]
    responses: tuple[int, int]
    female: float
    ages: tuple[int, ...]  # weights of AgeBand in order
    education: tuple[int, ...]  # weights of Education in order
    occupation: tuple[int, ...]  # weights of Occupation in order
    quality: tuple[float, float]  # range of the unit's mean answer in the first year
    saturday: bool = False


KINDS = {
    "puskesmas": Kind(
        (("Poli Umum", 60, 0.35, 40), ("KIA", 45, 0.2, 15), ("Gigi", 60, 0.1, 8),
         ("Laboratorium", 90, 0.1, 12), ("Farmasi", 30, 0.25, 45)),
        (6000, 18000), (180, 380), 0.66, (4, 20, 28, 22, 16, 10), (25, 25, 32, 6, 10, 2),
        (6, 10, 24, 20, 8, 30, 2), (2.95, 3.3), saturday=True,
    ),
    "sekolah": Kind(
        (("Penerimaan Siswa Baru", 30, 0.55, 20), ("Legalisir Ijazah", 15, 0.3, 6),
         ("Mutasi Siswa", 60, 0.15, 2)),
        (250, 1400), (80, 160), 0.55, (12, 14, 30, 30, 12, 2), (8, 20, 40, 10, 18, 4),
        (14, 12, 22, 16, 18, 16, 2), (3.0, 3.35),
    ),
    "rsud": Kind(
        (("Rawat Jalan", 120, 0.45, 120), ("IGD", 30, 0.15, 25), ("Farmasi", 60, 0.3, 150),
         ("Laboratorium", 120, 0.1, 60)),
        (30000, 90000), (300, 400), 0.56, (4, 16, 22, 22, 20, 16), (18, 20, 34, 10, 15, 3),
        (12, 14, 22, 18, 6, 24, 4), (2.85, 3.2), saturday=True,
    ),
    "dukcapil": Kind(
        (("KTP-el", 45, 0.4, 40), ("Kartu Keluarga", 60, 0.3, 30),
         ("Akta Kelahiran", 60, 0.2, 15), ("Pindah Datang", 90, 0.1, 8)),
        (15000, 60000), (250, 400), 0.5, (10, 30, 24, 18, 12, 6), (15, 20, 38, 10, 15, 2),
        (10, 20, 24, 18, 10, 14, 4), (2.9, 3.25),
    ),
    "labkes": Kind(
        (("Laboratorium Klinik", 90, 0.7, 30), ("Uji Kualitas Air", 120, 0.3, 6)),
        (3000, 8000), (120, 220), 0.5, (2, 18, 30, 26, 16, 8), (6, 10, 34, 18, 26, 6),
        (20, 30, 20, 10, 6, 12, 2), (3.0, 3.3),
    ),
}  # fmt: skip

# Offsets of each element (unsur) from the unit's mean: cost is mostly free, waiting is what
# people complain about, then complaint handling and facilities.
ELEMENT_OFFSET = (0.05, 0.0, -0.2, 0.45, 0.0, 0.1, 0.15, -0.15, -0.1)
ELEMENT_PROGRAM_EXTRA = (0.0, 0.05, 0.15, 0.0, 0.0, 0.0, 0.05, 0.1, 0.0)
SOURCES = (("online", 55), ("paper", 35), ("import", 10))

SUGGESTIONS = {
    "": (
        "Antrean perlu dipercepat, terutama pada pagi hari.",
        "Mohon ditambah kursi di ruang tunggu.",
        "Petugas sudah ramah, pertahankan.",
        "Toilet perlu lebih dijaga kebersihannya.",
        "Informasi persyaratan sebaiknya ditempel di depan loket.",
        "Jam pelayanan mohon dimulai tepat waktu.",
        "Parkiran terlalu sempit dan panas.",
        "Perlu nomor antrean elektronik agar lebih tertib.",
        "Pelayanan sudah baik, terima kasih.",
        "Mohon disediakan layanan pengaduan lewat WhatsApp.",
        "Ruang tunggu panas, perlu kipas angin atau AC.",
        "Petugas loket kadang tidak ada di tempat saat jam kerja.",
        "Alur pelayanan perlu papan petunjuk yang jelas.",
        "Mohon disediakan jalur khusus untuk lansia dan disabilitas.",
        "Tambah petugas pada hari Senin karena sangat ramai.",
        "Sosialisasikan syarat layanan lewat media sosial.",
        "Kotak saran jarang dibuka, mohon ditindaklanjuti.",
        "Sediakan air minum di ruang tunggu.",
        "Pelayanan cepat dan tidak dipungut biaya, sangat membantu.",
        "Jaringan internet sering lambat sehingga pelayanan tertunda.",
    ),
    "puskesmas": (
        "Obat di apotek sering kosong, mohon stok ditambah.",
        "Dokter mohon datang lebih pagi.",
        "Poli gigi sebaiknya buka setiap hari.",
        "Hasil laboratorium mohon dijelaskan lebih rinci.",
    ),
    "sekolah": (
        "Informasi penerimaan siswa baru mohon diumumkan lebih awal.",
        "Legalisir ijazah sebaiknya bisa selesai di hari yang sama.",
        "Mohon sediakan formulir mutasi secara daring.",
    ),
    "rsud": (
        "Waktu tunggu di poliklinik terlalu lama.",
        "Antrean farmasi sangat panjang, mohon tambah loket.",
        "Perawat IGD sigap dan ramah.",
        "Pendaftaran BPJS perlu dipermudah.",
    ),
    "dukcapil": (
        "Blanko KTP-el sering habis.",
        "Pengurusan akta kelahiran mohon bisa lewat desa.",
        "Mohon layanan jemput bola untuk warga yang jauh.",
        "Sistem sering offline sehingga harus datang kembali.",
    ),
    "labkes": ("Hasil uji air mohon bisa dikirim lewat surel.",),
}
FLAG_REASON = "Banyak isian dari perangkat yang sama dalam waktu singkat."


@dataclass
class UnitSeed:
    """A unit being seeded: its kind, whether the programme runs there, its quality."""

    unit: OrgUnit
    kind: str
    program: bool
    quality: float
    time_factor: float
    service_unit: ServiceUnit | None = None
    services: list[Service] = field(default_factory=list)


def _pick_units(rng: random.Random) -> list[UnitSeed]:
    """The units to seed, in id order (schools: a sample of at most MAX_SCHOOLS)."""
    program_paths = tuple(
        OrgUnit.objects.filter(
            depth=1,
            short_name__in=PROGRAM_AGENCIES,
            parent__name__in=PROGRAM_GOVERNMENTS,
        ).values_list("path", flat=True)
    )  # fmt: skip
    wanted = (
        Q(unit_type="puskesmas") | Q(unit_type="sekolah") | Q(unit_type="rsud")
        | Q(short_name="Disdukcapil", depth=1) | Q(name=LABKES)
    )  # fmt: skip
    units = list(OrgUnit.objects.filter(wanted, is_active=True).order_by("id"))
    schools = [u for u in units if u.unit_type == "sekolah"]
    sample = set(rng.sample(range(len(schools)), min(MAX_SCHOOLS, len(schools))))
    chosen = {schools[i].pk for i in sample}
    seeds = []
    for unit in units:
        if unit.unit_type == "sekolah" and unit.pk not in chosen:
            continue
        kind = {"puskesmas": "puskesmas", "sekolah": "sekolah", "rsud": "rsud"}.get(
            unit.unit_type, "labkes" if unit.name == LABKES else "dukcapil"
        )
        low, high = KINDS[kind].quality
        seeds.append(
            UnitSeed(
                unit=unit, kind=kind, program=unit.path.startswith(program_paths),
                quality=rng.uniform(low, high), time_factor=rng.uniform(0.75, 1.3),
            )
        )  # fmt: skip
    return seeds


def _public_codes(rng: random.Random, count: int) -> list[str]:
    codes: set[str] = set(ServiceUnit.objects.values_list("public_code", flat=True))
    out = []
    while len(out) < count:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in codes:
            codes.add(code)
            out.append(code)
    return out


def _saved(model, objs: list, key) -> list:
    """`bulk_create` and make sure every object has its id (re-read on databases that do not
    return ids from bulk inserts)."""
    model.objects.bulk_create(objs, batch_size=BATCH)
    if objs and any(o.pk is None for o in objs):
        fresh = {key(o): o.pk for o in model.objects.all()}
        for o in objs:
            o.pk = fresh[key(o)]
    return objs


def _answer_weights(mean: float) -> list[float]:
    """Cumulative weights of the answers 1–4 around `mean` (a discretised bell curve)."""
    mean = min(max(mean, 1.3), 3.9)
    weights = [math.exp(-((k - mean) ** 2) / (2 * 0.55**2)) for k in (1, 2, 3, 4)]
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    return cumulative


def _aware(date: dt.date, minutes: float) -> dt.datetime:
    tz = timezone.get_default_timezone()
    return dt.datetime.combine(date, dt.time(), tzinfo=tz) + dt.timedelta(minutes=minutes)


RESPONSE_COLUMNS = (
    "period", "service", "visit_date", "sex", "age_band", "education", "occupation",
    *ELEMENT_FIELDS, "suggestion", "source", "status", "flag_reason", "submitted_at",
    "token_nonce", "device_hash",
)  # fmt: skip
VISIT_COLUMNS = ("service", "arrived_at", "started_at", "finished_at")
DAY_COLUMNS = (
    "service", "date", "visits", "wait_median", "wait_p90", "service_median", "service_p90"
)  # fmt: skip


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> int:
    """Plain batched INSERTs for the large tables (responses, visits, daily figures): the ORM's
    per-object and per-value work would triple the seeding time. Values must already be in the
    database's form (see `_Values`); the tables' constraints still check them. PostgreSQL gets
    COPY (psycopg's executemany sends row by row); SQLite's executemany loops in C."""
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(model._meta.get_field(c).column) for c in columns)
    one = f"({', '.join(['%s'] * len(columns))})"
    head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608 - names from the model
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):  # psycopg 3
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            for i in range(0, len(rows), BATCH):
                cursor.executemany(head + one, rows[i : i + BATCH])
    return len(rows)


class _Values:
    """Dates and local times in the database's form, with the backend's adapters bound once
    (hundreds of thousands of values: the lookups would cost more than the inserts)."""

    def __init__(self):
        self._date = connection.ops.adapt_datefield_value
        self._datetime = connection.ops.adapt_datetimefield_value
        self._midnights: dict[dt.date, dt.datetime] = {}

    def date(self, date: dt.date):
        return self._date(date)

    def time(self, date: dt.date, minutes: float):
        midnight = self._midnights.get(date)
        if midnight is None:
            midnight = self._midnights[date] = _aware(date, 0)
        return self._datetime(midnight + dt.timedelta(minutes=minutes))


def _responses(
    rng: random.Random, db: _Values, seed: UnitSeed, period: SurveyPeriod, count: int,
    second_year: bool, last_day: dt.date,
) -> list[tuple]:  # fmt: skip
    """`count` valid responses of one period as RESPONSE_COLUMNS rows."""
    kind = KINDS[seed.kind]
    cumulative = []
    for i in range(len(ELEMENT_FIELDS)):
        mean = seed.quality + ELEMENT_OFFSET[i]
        if i == 3 and seed.kind == "rsud":
            mean -= 0.3  # hospital patients pay for more than other services' users
        if second_year:
            mean += (
                PROGRAM_ANSWER_SHIFT + ELEMENT_PROGRAM_EXTRA[i]
                if seed.program
                else rng.uniform(-0.04, 0.04)
            )
        cumulative.append(_answer_weights(mean))
    columns = [rng.choices((1, 2, 3, 4), cum_weights=cw, k=count) for cw in cumulative]
    span = (last_day - period.starts_on).days
    picks = {
        "service": rng.choices([s.pk for s in seed.services],
                               weights=[s[2] for s in kind.services], k=count),
        "sex": rng.choices(("P", "L"), weights=(kind.female, 1 - kind.female), k=count),
        "age_band": rng.choices(("<20", "20-29", "30-39", "40-49", "50-59", "60+"),
                                weights=kind.ages, k=count),
        "education": rng.choices(("sd", "smp", "sma", "diploma", "s1", "s2"),
                                 weights=kind.education, k=count),
        "occupation": rng.choices(("pns", "swasta", "wirausaha", "petani", "pelajar", "irt",
                                   "lainnya"), weights=kind.occupation, k=count),
        "source": rng.choices([s for s, _w in SOURCES], weights=[w for _s, w in SOURCES], k=count),
    }  # fmt: skip
    phrases = SUGGESTIONS[""] + SUGGESTIONS[seed.kind]
    devices = [f"{rng.getrandbits(256):064x}" for _ in range(max(1, count * 9 // 10))]
    rows = []
    for n in range(count):
        visit = period.starts_on + dt.timedelta(days=rng.randint(0, span))
        source = picks["source"][n]
        answers = [column[n] for column in columns]
        if rng.random() < 0.02:
            answers[7] = None  # never needed to complain: left blank
        online = source == "online"
        entered = visit if online else min(visit + dt.timedelta(days=rng.randint(0, 10)), last_day)
        rows.append((
            period.pk, picks["service"][n], db.date(visit), picks["sex"][n],
            picks["age_band"][n], picks["education"][n], picks["occupation"][n], *answers,
            rng.choice(phrases) if rng.random() < 0.12 else "", source, "valid", "",
            db.time(entered, rng.randint(8 * 60, 16 * 60)),
            f"{rng.getrandbits(128):032x}" if online else None,
            rng.choice(devices) if online else "",
        ))  # fmt: skip
    return rows


def _flagged(rng: random.Random, db: _Values, seed: UnitSeed, period: SurveyPeriod, day: dt.date):
    """A burst of online responses from one device: flagged for the operator's review."""
    device = f"{rng.getrandbits(256):064x}"
    score = rng.choice((1, 4))
    return [
        (
            period.pk, seed.services[0].pk, db.date(day), "", "", "", "",
            *[score] * len(ELEMENT_FIELDS), "", "online", "flagged", FLAG_REASON,
            db.time(day, 10 * 60 + i), f"{rng.getrandbits(128):032x}", device,
        )
        for i in range(rng.randint(3, 6))
    ]  # fmt: skip


def _time_factor(seed: UnitSeed, day: dt.date, first_year: int, rng: random.Random) -> float:
    """How slow the unit is on `day` (1 = as planned): the programme cuts the times over the
    first four months of the second year."""
    factor = seed.time_factor
    if day.year > first_year and seed.program:
        ramp = min(1.0, day.month / 4)
        factor *= 1 - PROGRAM_TIME_CUT * ramp
    return factor * rng.uniform(0.9, 1.1)


def _open_days(kind: Kind, name: str, start: dt.date, end: dt.date) -> Iterator[dt.date]:
    last_weekday = 6 if name == "IGD" else (5 if kind.saturday else 4)
    day = start
    while day <= end:
        if day.weekday() <= last_weekday:
            yield day
        day += dt.timedelta(days=1)


def _visits(rng, db: _Values, seed: UnitSeed, start: dt.date, end: dt.date) -> list[tuple]:
    """A register of visits: a sample of up to 4 visitors a day per service."""
    kind = KINDS[seed.kind]
    rows = []
    for service, (name, target, _share, per_day) in zip(seed.services, kind.services, strict=True):
        service_factor = rng.uniform(0.8, 1.25)  # some services of a unit are slower
        for day in _open_days(kind, name, start, end):
            factor = _time_factor(seed, day, start.year, rng) * service_factor
            wait_median, service_median = target * 0.62 * factor, target * 0.3 * factor
            for _ in range(min(4, max(1, round(per_day * rng.uniform(0.08, 0.2))))):
                arrived = rng.randint(7 * 60 + 30, 12 * 60 + 30)
                wait = min(360.0, wait_median * rng.lognormvariate(0, 0.5))
                length = max(1.0, service_median * rng.lognormvariate(0, 0.4))
                started = arrived + round(wait)
                rows.append((
                    service.pk, db.time(day, arrived), db.time(day, started),
                    db.time(day, started + round(length)),
                ))  # fmt: skip
    return rows


def _days(rng, db: _Values, seed: UnitSeed, start: dt.date, end: dt.date) -> list[tuple]:
    """Daily aggregates as a queue system exports them."""
    kind = KINDS[seed.kind]
    rows = []
    for service, (name, target, _share, per_day) in zip(seed.services, kind.services, strict=True):
        service_factor = rng.uniform(0.8, 1.25)  # some services of a unit are slower
        for day in _open_days(kind, name, start, end):
            factor = _time_factor(seed, day, start.year, rng) * service_factor
            wait = round(target * 0.62 * factor, 1)
            length = round(max(1.0, target * 0.3 * factor * rng.uniform(0.9, 1.1)), 1)
            count = max(1, round(per_day * rng.uniform(0.6, 1.3)))
            rows.append((
                service.pk, db.date(day), count, wait, round(wait * rng.uniform(1.7, 2.4), 1),
                length, round(length * rng.uniform(1.5, 2.0), 1),
            ))  # fmt: skip
    return rows


def seed_satisfaction(*, seed: int, as_of: dt.date = AS_OF) -> dict[str, int]:
    """Write the survey and service-time demo data for the registry in the database."""
    rng = random.Random(seed * 104_729 + 4)  # noqa: S311 - synthetic demo data
    year = as_of.year
    last_day = as_of - dt.timedelta(days=1)  # the data end the day before AS_OF
    seeds = _pick_units(rng)
    db = _Values()
    counts = dict.fromkeys(
        ("service_units", "services", "periods", "responses", "flagged", "visits", "days"), 0
    )
    if not seeds:
        return counts
    codes = _public_codes(rng, len(seeds))
    for s, code in zip(seeds, codes, strict=True):
        low, high = KINDS[s.kind].annual_users
        s.service_unit = ServiceUnit(
            unit=s.unit, public_code=code, annual_users=int(round(rng.uniform(low, high), -1))
        )
    _saved(ServiceUnit, [s.service_unit for s in seeds], key=lambda o: o.unit_id)
    services = []
    for s in seeds:
        s.services = [
            Service(service_unit=s.service_unit, name=name, target_minutes=target)
            for name, target, _share, _per_day in KINDS[s.kind].services
        ]
        services += s.services
    _saved(Service, services, key=lambda o: (o.service_unit_id, o.name))

    published = _aware(dt.date(year, 1, 20), 9 * 60)
    periods = []
    for s in seeds:
        users = s.service_unit.annual_users
        periods.append(
            SurveyPeriod(
                service_unit=s.service_unit, year=year - 1, starts_on=dt.date(year - 1, 1, 1),
                ends_on=dt.date(year - 1, 12, 31), status="closed", population=users,
                published_at=published,
            )
        )  # fmt: skip
        periods.append(
            SurveyPeriod(
                service_unit=s.service_unit, year=year, starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 12, 31), status="open", population=users,
            )
        )  # fmt: skip
    _saved(SurveyPeriod, periods, key=lambda o: (o.service_unit_id, o.year))

    flag_units = set(rng.sample(range(len(seeds)), max(1, len(seeds) // 8)))
    responses: list[tuple] = []
    for i, s in enumerate(seeds):
        low, high = KINDS[s.kind].responses
        full = rng.randint(low, high)
        closed, current = periods[2 * i], periods[2 * i + 1]
        responses += _responses(rng, db, s, closed, full, False, closed.ends_on)
        share = (last_day - current.starts_on).days / 365
        responses += _responses(
            rng, db, s, current, round(full * share * rng.uniform(1.0, 1.3)), True, last_day
        )
        if i in flag_units:
            day = last_day - dt.timedelta(days=rng.randint(1, 20))
            flagged = _flagged(rng, db, s, current, day)
            counts["flagged"] += len(flagged)
            responses += flagged
        if len(responses) >= 20_000:
            counts["responses"] += _insert(SurveyResponse, RESPONSE_COLUMNS, responses)
            responses = []
    counts["responses"] += _insert(SurveyResponse, RESPONSE_COLUMNS, responses)

    # Service times: visit registers for a few units, daily aggregates for others.
    start = dt.date(year - 1, 1, 1)
    by_kind = {k: [s for s in seeds if s.kind == k] for k in KINDS}
    pkm_program = [s for s in by_kind["puskesmas"] if s.program]
    pkm_other = [s for s in by_kind["puskesmas"] if not s.program]
    with_visits = by_kind["labkes"] + pkm_program[:2] + pkm_other[:1] + by_kind["dukcapil"][:1]
    with_days = by_kind["rsud"][:3] + by_kind["dukcapil"][1:3] + pkm_program[2:4] + pkm_other[1:3]
    for s in with_visits:
        counts["visits"] += _insert(
            ServiceVisit, VISIT_COLUMNS, _visits(rng, db, s, start, last_day)
        )
    for s in with_days:
        counts["days"] += _insert(ServiceDay, DAY_COLUMNS, _days(rng, db, s, start, last_day))

    counts.update(service_units=len(seeds), services=len(services), periods=len(periods))
    audit_record(
        actor=None,
        action="import",
        object_type="demo.satisfaction",
        object_repr=f"seed_demo --seed {seed}: survei kepuasan",
        changes={name: [0, value] for name, value in counts.items()},
        reason="Synthetic demo data (seed_demo): not real survey responses.",
    )
    return counts


def satisfaction_reset() -> None:
    """Delete every survey and service-time record (for `seed_demo --reset`)."""
    ServiceVisit.objects.all().delete()
    ServiceDay.objects.all().delete()
    ExtraAnswer.objects.all().delete()
    ImprovementAction.objects.all().delete()
    SurveyResponse.objects.all().delete()
    BlockedSubmission.objects.all().delete()
    SurveyPeriod.objects.all().delete()
    Service.objects.all().delete()
    ExtraQuestion.objects.all().delete()
    ServiceUnit.objects.all().delete()
