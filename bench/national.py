"""National-scale data for the monitoring benchmark (issue 17; `bench/monitoring.py --national`).

Fills a migrated PostgreSQL database with about 4.3 million ASN in about 550 governments — 34
provinces ("Pemerintah Provinsi …") and their kabupaten/kota — and one year of what the
monitoring rollups read (`monitoring.rollups.compute`): the registry (units with staff, atasan
as the head of one's unit), the periods, an SKP per ASN in service (most of them assessed, with
the annual `SkpAssessment` and its predikat from `performance.rules.predikat_kinerja`), 0–4 JP
records per ASN, and IKM: service units with a yearly survey period, valid answers and a
register of visits. Mentoring, readiness and budgets stay empty (their rollups too).

Each government is written in its own transaction with COPY (`core.bulk.bulk_insert`, ids from
`reserve_ids`), so memory stays bounded by the largest government; numpy draws the values.
Deterministic for a seed. The shapes are the demo's (`demo/plan.py`) in outline: an OPD has a
secretariat and bidang; education and health hold most ASN in schools and puskesmas.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

PROVINCES = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu",
    "Lampung", "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat",
    "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat",
    "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan",
    "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Sulawesi Tengah",
    "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo", "Sulawesi Barat", "Maluku",
    "Maluku Utara", "Papua", "Papua Barat",
)  # fmt: skip
# Relative size of each province's ASN (Java's provinces are the largest).
PROVINCE_WEIGHT = (
    1.1, 1.6, 1.0, 0.9, 0.7, 1.1, 0.5, 1.0, 0.4, 0.5, 2.2, 2.6, 2.4, 0.6, 2.5, 1.0, 0.8, 0.8,
    0.9, 0.8, 0.6, 0.7, 0.8, 0.3, 0.6, 0.7, 1.4, 0.6, 0.4, 0.3, 0.5, 0.4, 0.6, 0.4,
)  # fmt: skip
PROVINCE_SHARE = 0.2  # of all regional ASN work for the provinces
KOTA_SHARE = 0.19  # of the kabupaten/kota are kota
SYLLABLES = (
    "ba", "ka", "ma", "sa", "ta", "ra", "la", "pa", "ja", "wa", "nga", "lu", "bo", "gu", "so",
    "ti", "ru", "ne", "di", "ko", "se", "mo", "pu", "ri", "tu", "nu",
)  # fmt: skip
SUFFIXES = ("", " Barat", " Timur", " Utara", " Selatan", " Tengah", " Raya", " Jaya")

# OPDs: name, short name, unit type, share of the government's ASN, outlet kind, serves the
# public (a service unit), only in ("", "prov", "kab").
OPDS = (
    ("Sekretariat Daerah", "Setda", "sekretariat", 0.025, "", False, ""),
    ("Sekretariat DPRD", "Setwan", "sekretariat", 0.006, "", False, ""),
    ("Inspektorat Daerah", "Inspektorat", "inspektorat", 0.008, "", False, ""),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan", 0.008, "", False, ""),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "badan", 0.008, "",
     True, ""),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan", 0.012, "", False, ""),
    ("Badan Pendapatan Daerah", "Bapenda", "badan", 0.012, "", True, ""),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "badan", 0.005, "", False, ""),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "badan", 0.004, "", False, ""),
    ("Dinas Pendidikan", "Disdik", "dinas", 0.44, "sekolah", False, ""),
    ("Dinas Kesehatan", "Dinkes", "dinas", 0.15, "puskesmas", False, ""),
    ("Rumah Sakit Umum Daerah", "RSUD", "rsud", 0.07, "", True, ""),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", "dinas", 0.015, "", False, ""),
    ("Dinas Perhubungan", "Dishub", "dinas", 0.01, "", True, ""),
    ("Dinas Sosial", "Dinsos", "dinas", 0.008, "", True, ""),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "dinas", 0.008, "", True, "kab"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas", 0.006, "",
     True, ""),
    ("Dinas Tenaga Kerja", "Disnaker", "dinas", 0.006, "", True, ""),
    ("Dinas Pertanian", "Distan", "dinas", 0.02, "", False, ""),
    ("Dinas Lingkungan Hidup", "DLH", "dinas", 0.01, "", True, ""),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "dinas", 0.005, "", True, ""),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "dinas", 0.012, "", False, ""),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "dinas", 0.005, "", False, ""),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "Diskop UKM", "dinas", 0.005, "", False, ""),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag", "dinas", 0.006, "", False, ""),
    ("Dinas Pariwisata", "Dispar", "dinas", 0.005, "", False, ""),
    ("Dinas Kelautan dan Perikanan", "DKP", "dinas", 0.008, "", False, ""),
    ("Dinas Pemuda dan Olahraga", "Dispora", "dinas", 0.004, "", False, ""),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "dinas", 0.004, "", False,
     ""),
    ("Dinas Ketahanan Pangan", "DKP Pangan", "dinas", 0.005, "", False, ""),
)  # fmt: skip
KECAMATAN_SHARE = 0.004  # of a kabupaten/kota's ASN per kecamatan
OUTLET_SHARE = 0.85  # of education's and health's ASN work in schools and puskesmas
OUTLET_SIZE = {"sekolah": 22, "puskesmas": 38}
OFFICES = ("Sekretariat", "Bidang Perencanaan dan Program", "Bidang Pembinaan",
           "Bidang Pelayanan")  # fmt: skip
SERVICE_NAMES = (("Pelayanan Informasi Publik", 20), ("Pelayanan Administrasi", 40),
                 ("Pengaduan Masyarakat", 30))  # fmt: skip

FIRST_MALE = (
    "Ahmad", "Budi", "Hendra", "Rizal", "Agus", "Yusuf", "Fajar", "Irfan", "Dedi", "Andi",
    "Wahyu", "Bambang", "Eko", "Joko", "Rahmat", "Taufik", "Hasan", "Arif",
)  # fmt: skip
FIRST_FEMALE = (
    "Siti", "Nurul", "Dewi", "Sri", "Fitri", "Rina", "Ayu", "Wulan", "Indah", "Lestari",
    "Ratna", "Yuni", "Maya", "Putri", "Rahmawati", "Nur", "Dian",
)  # fmt: skip
LAST = ("Saputra", "Hidayat", "Pratama", "Santoso", "Wijaya", "Kurniawan", "Nasution", "Lubis",
        "Siregar", "Harahap", "Sitompul", "Simanjuntak", "Pohan", "Daulay", "Tanjung", "Rahman",
        "Hamzah", "Lamato", "Mokodompit", "Tuloli", "Pakaya", "Setiawan", "Gunawan", "Susanto",
        "Halim", "Syahputra", "Nugroho", "Utomo", "Purba", "Ginting")  # fmt: skip
PNS_GOLONGAN = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a",
                "IV/b", "IV/c")  # fmt: skip
PNS_GOLONGAN_P = (0.04, 0.05, 0.07, 0.07, 0.14, 0.15, 0.14, 0.13, 0.11, 0.06, 0.04)
PPPK_GOLONGAN = ("V", "VII", "IX", "X")
EDUCATION = ("15", "30", "35", "40", "45")
EDUCATION_P = (0.2, 0.15, 0.05, 0.5, 0.1)
STATES = ("aktif", "cuti", "tugas_belajar", "pensiun")
STATES_P = (0.965, 0.01, 0.01, 0.015)
# SKPs of the year: statuses and their shares (the rest of the ASN in service have none).
SKP_STATUSES = ("assessed", "in_progress", "approved", "submitted", "draft")
SKP_STATUSES_P = (0.88, 0.05, 0.04, 0.02, 0.01)
RATINGS = ("di_atas", "sesuai", "di_bawah")
# (hasil kerja, perilaku kerja) pairs and their weights; a government shifts the good ones.
RATING_PAIRS = [(h, p) for h in RATINGS for p in RATINGS]
RATING_WEIGHTS = np.array([0.07, 0.10, 0.01, 0.09, 0.56, 0.04, 0.01, 0.06, 0.06])
JP_COUNTS_P = (0.08, 0.25, 0.32, 0.22, 0.13)  # 0–4 records per ASN in service
RESPONSES = (60, 141)  # valid answers per service unit (uniform)
VISITS = 20  # recorded visits per service unit
ANSWER_P = np.array([0.03, 0.12, 0.55, 0.30])  # 1–4, moved by each unit's quality
BIRTH_FIRST = dt.date(1966, 1, 1)
BIRTH_DAYS = 12000  # birth dates 1966-01-01 … 1998-11
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_SCRAMBLE = 104_729  # a prime: i × it mod 31⁶ gives distinct codes


@dataclass
class Government:
    name: str
    short_name: str
    kab_kota: str
    kind: str  # "prov", "kab" or "kota"
    province: int
    size: int
    first_ordinal: int = 0  # the national ordinal of its first ASN (makes NIPs unique)


@dataclass
class _Unit:
    name: str
    short_name: str
    kind: str
    unit_type: str
    parent: int | None  # index in the government's list
    staff: int = 0
    is_service_unit: bool = False
    opd: int = 0  # index of its OPD (itself for an OPD)


@dataclass
class Totals:
    """Seconds and rows per table over all governments."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, table: str, started: float, rows: int) -> float:
        now = time.perf_counter()
        self.seconds[table] += now - started
        self.rows[table] += rows
        return now


def _split(total: int, weights, minimum: int = 0) -> list[int]:
    """`total` as whole parts in proportion to `weights` (largest remainders), each ≥ minimum."""
    weights = np.asarray(weights, dtype=float)
    base = minimum * len(weights)
    rest = max(0, total - base)
    exact = rest * weights / weights.sum()
    parts = np.floor(exact).astype(int)
    order = np.argsort(-(exact - parts), kind="stable")
    parts[order[: rest - parts.sum()]] += 1
    return (parts + minimum).tolist()


def _place_names(rng: np.random.Generator, count: int) -> list[str]:
    """`count` distinct made-up place names (two or three syllables, capitalised)."""
    found: list[str] = []
    seen: set[str] = set(PROVINCES)
    while len(found) < count:
        n = 2 + int(rng.random() < 0.4)
        word = "".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), n)).capitalize()
        if rng.random() < 0.15:
            word += SUFFIXES[int(rng.integers(1, len(SUFFIXES)))]
        if word not in seen:
            seen.add(word)
            found.append(word)
    return found


def plan_governments(asn: int, governments: int, seed: int) -> list[Government]:
    """The governments and their sizes: provinces in proportion to 34 of `governments`, the
    province share of the ASN spread by `PROVINCE_WEIGHT`, kabupaten/kota log-normally."""
    rng = np.random.default_rng(seed)
    n_prov = max(1, round(len(PROVINCES) * governments / 550))
    n_prov = min(n_prov, len(PROVINCES), governments - 1)
    n_local = governments - n_prov
    prov_sizes = _split(round(asn * PROVINCE_SHARE), PROVINCE_WEIGHT[:n_prov], minimum=200)
    # Kabupaten/kota per province in proportion to the province's weight.
    per_province = _split(n_local, PROVINCE_WEIGHT[:n_prov], minimum=1)
    is_kota = rng.random(n_local) < KOTA_SHARE
    local_weights = rng.lognormal(0.0, 0.55, n_local) * np.where(is_kota, 0.7, 1.0)
    local_sizes = _split(asn - sum(prov_sizes), local_weights, minimum=200)
    names = _place_names(rng, n_local)
    found = [
        Government(f"Pemerintah Provinsi {name}", f"Pemprov {name}", name, "prov", i, size)
        for i, (name, size) in enumerate(zip(PROVINCES[:n_prov], prov_sizes, strict=False))
    ]
    k = 0
    for province, count in enumerate(per_province):
        for _ in range(count):
            name, size = names[k], local_sizes[k]
            if is_kota[k]:
                found.append(Government(f"Pemerintah Kota {name}", f"Pemkot {name}",
                                        f"Kota {name}", "kota", province, size))  # fmt: skip
            else:
                found.append(Government(f"Pemerintah Kabupaten {name}", f"Pemkab {name}",
                                        f"Kabupaten {name}", "kab", province, size))  # fmt: skip
            k += 1
    ordinal = 0
    for government in found:
        government.first_ordinal = ordinal
        ordinal += government.size
    return found


def _units(government: Government, rng: np.random.Generator) -> list[_Unit]:
    """The government's tree (root first, parents before children) with staff per unit."""
    gov_is_prov = government.kind == "prov"
    root = _Unit(government.name, government.short_name, "instansi", "pemda", None)
    units = [root]
    opds = [o for o in OPDS if not o[6] or (o[6] == "kab") != gov_is_prov]
    weights = [o[3] * rng.uniform(0.8, 1.25) for o in opds]
    kecamatan = 0 if gov_is_prov else int(np.clip(government.size * 0.002, 5, 40))
    weights += [KECAMATAN_SHARE] * kecamatan
    budgets = _split(government.size, weights, minimum=1)
    specs = [(o[0], o[1], o[2], o[4], o[5]) for o in opds]
    specs += [(f"Kecamatan {n}", f"Kec. {n}", "kecamatan", "", True)
              for n in _place_names(rng, kecamatan)]  # fmt: skip
    school_no = defaultdict(int)
    for (name, short, unit_type, outlet, serves), budget in zip(specs, budgets, strict=True):
        opd_index = len(units)
        opd = _Unit(name, short, "opd", unit_type, 0, is_service_unit=serves, opd=opd_index)
        units.append(opd)
        outlets = []
        if outlet and budget >= 40:
            count = max(1, round(budget * OUTLET_SHARE / OUTLET_SIZE[outlet]))
            outlets = _split(round(budget * OUTLET_SHARE), rng.uniform(0.6, 1.5, count), 2)
            budget -= sum(outlets)
        offices = min(len(OFFICES), max(0, (budget - 1) // 4))
        sizes = _split(budget - 1, [1.3] + [1.0] * offices) if offices else [budget - 1]
        opd.staff = 1 + sizes[0]
        for office, size in zip(OFFICES[:offices], sizes[1:], strict=True):
            units.append(_Unit(office, "", "unit", "sekretariat" if office == "Sekretariat"
                               else "bidang", opd_index, size, opd=opd_index))  # fmt: skip
        for size in outlets:
            if outlet == "puskesmas":
                school_no["pkm"] += 1
                name = f"Puskesmas {government.kab_kota.split(' ', 1)[-1]} {school_no['pkm']}"
                units.append(_Unit(name, "", "unit", "puskesmas", opd_index, size,
                                   is_service_unit=True, opd=opd_index))  # fmt: skip
            else:
                level = "SMA Negeri" if gov_is_prov else ("SD Negeri" if rng.random() < 0.7
                                                          else "SMP Negeri")  # fmt: skip
                school_no[level] += 1
                name = f"{level} {school_no[level]} {government.kab_kota.split(' ', 1)[-1]}"
                units.append(_Unit(name, "", "unit", "sekolah", opd_index, size, opd=opd_index))
    return units


def _public_code(index: int) -> str:
    value = (index + 1) * CODE_SCRAMBLE % 31**6
    chars = []
    for _ in range(6):
        value, digit = divmod(value, 31)
        chars.append(CODE_ALPHABET[digit])
    return "".join(chars)


def _dates(days: np.ndarray, first: dt.date = BIRTH_FIRST) -> np.ndarray:
    return np.datetime64(first.isoformat(), "D") + days.astype("timedelta64[D]")


def _text_dates(values: np.ndarray) -> list[str]:
    return np.datetime_as_string(values, unit="D").tolist()


def _stamps(days: np.ndarray, seconds: np.ndarray, first: dt.date) -> list[str]:
    """Naive UTC timestamps as text (Django's PostgreSQL connections run in UTC)."""
    values = (np.datetime64(first.isoformat(), "s") + days.astype("timedelta64[D]")
              + seconds.astype("timedelta64[s]"))  # fmt: skip
    return [s.replace("T", " ") for s in np.datetime_as_string(values, unit="s").tolist()]


class Writer:
    """Writes one government at a time; `totals` keeps the seconds and rows per table."""

    def __init__(self, *, year: int, as_of: dt.date, seed: int):
        from binakinerja.performance.rules import predikat_kinerja
        from binakinerja.trainings.rules import JP_MINUTES, form_of

        self.year, self.as_of, self.seed = year, as_of, seed
        self.totals = Totals()
        self.predikat = [predikat_kinerja(h, p).value for h, p in RATING_PAIRS]
        self.jp_minutes = JP_MINUTES
        from binakinerja.demo.trainings import OUTSIDE

        self.activities = [(title, organiser, form_of(code).code, form_of(code).jenis_diklat_id,
                            minutes) for title, organiser, code, minutes in OUTSIDE]  # fmt: skip
        self.service_units = 0  # national ordinal of service units (public codes)
        self.days_so_far = (as_of - dt.date(year, 1, 1)).days  # the year up to AS_OF

    def write(self, government: Government, index: int) -> dict[str, int]:
        from django.db import transaction

        rng = np.random.default_rng([self.seed, index])
        with transaction.atomic():
            units, unit_ids = self._org_units(government, rng)
            people = self._employees(government, units, unit_ids, rng)
            root_id = unit_ids[0]
            self._performance(root_id, people, rng)
            self._jp(people, rng)
            self._satisfaction(government, units, unit_ids, rng)
        return {"units": len(units), "asn": len(people["ids"])}

    # --- registry ------------------------------------------------------------------------------

    def _org_units(self, government: Government, rng):
        from binakinerja.core.bulk import bulk_insert, reserve_ids
        from binakinerja.organizations.models import OrgUnit
        from binakinerja.organizations.services import path_step

        started = time.perf_counter()
        units = _units(government, rng)
        ids = reserve_ids(OrgUnit, len(units))
        paths: list[str] = []
        rows = []
        for unit, pk in zip(units, ids, strict=True):
            parent_path = paths[unit.parent] if unit.parent is not None else None
            path = path_step(pk) if parent_path is None else f"{parent_path}.{path_step(pk)}"
            paths.append(path)
            rows.append((pk, unit.name, unit.short_name, "", unit.kind, unit.unit_type,
                         unit.is_service_unit, None if unit.parent is None else ids[unit.parent],
                         path, path.count("."), "", government.kab_kota, True))  # fmt: skip
        bulk_insert(OrgUnit, ("id", "name", "short_name", "code", "kind", "unit_type",
                              "is_service_unit", "parent", "path", "depth", "address",
                              "kab_kota", "is_active"), rows, prepared=True)  # fmt: skip
        self.totals.add("organizations_orgunit", started, len(rows))
        return units, ids

    def _employees(self, government: Government, units: list[_Unit], unit_ids, rng) -> dict:
        from binakinerja.core.bulk import bulk_insert, reserve_ids
        from binakinerja.people.models import Employee

        started = time.perf_counter()
        staff = np.array([u.staff for u in units])
        n = int(staff.sum())
        ids = np.array(reserve_ids(Employee, n), dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(staff)[:-1]])
        unit_of = np.repeat(np.arange(len(units)), staff)  # index of each ASN's unit
        # Heads: the first ASN of each unit; a unit without staff borrows its parent's head.
        head = np.full(len(units), -1, dtype=np.int64)
        for i, unit in enumerate(units):
            if staff[i]:
                head[i] = ids[starts[i]]
            elif unit.parent is not None:
                head[i] = head[unit.parent]
        parent_head = np.array([head[u.parent] if u.parent is not None else -1 for u in units])
        supervisor = head[unit_of].copy()
        is_head = np.zeros(n, dtype=bool)
        is_head[starts[staff > 0]] = True
        supervisor[is_head] = parent_head[unit_of[is_head]]  # an OPD's head: the root's (none)
        ordinal = government.first_ordinal + np.arange(n)
        gender = ordinal % 2  # 0 male, 1 female
        rest = ordinal // 2
        birth_days = rest % BIRTH_DAYS
        sequence = rest // BIRTH_DAYS + 1
        birth = _dates(birth_days)
        birth_text = _text_dates(birth)
        birth_year = birth.astype("datetime64[Y]").astype(int) + 1970
        pppk = rng.random(n) < 0.15
        pppk[is_head] = False
        tmt_year = np.minimum(birth_year + 22 + rng.integers(0, 12, n), self.year - 1)
        tmt_month = rng.integers(1, 13, n)
        pppk_year = rng.integers(2019, self.year, n)
        frequency = rng.integers(1, 10, n)
        nips = [
            f"{b.replace('-', '')}{py}2{f}{g + 1}{s:03d}" if p
            else f"{b.replace('-', '')}{ty}{tm:02d}{g + 1}{s:03d}"
            for b, p, ty, tm, py, f, g, s in zip(
                birth_text, pppk.tolist(), tmt_year.tolist(), tmt_month.tolist(),
                pppk_year.tolist(), frequency.tolist(), gender.tolist(), sequence.tolist(),
                strict=True)
        ]  # fmt: skip
        female = gender.astype(bool)
        first = np.where(female, rng.integers(0, len(FIRST_FEMALE), n),
                         rng.integers(0, len(FIRST_MALE), n))  # fmt: skip
        last = rng.integers(0, len(LAST), n)
        names = [f"{(FIRST_FEMALE if fe else FIRST_MALE)[a]} {LAST[b]}"
                 for fe, a, b in zip(female.tolist(), first.tolist(), last.tolist(),
                                     strict=True)]  # fmt: skip
        golongan = np.array(PNS_GOLONGAN)[rng.choice(len(PNS_GOLONGAN), n, p=PNS_GOLONGAN_P)]
        golongan = np.where(pppk, np.array(PPPK_GOLONGAN)[rng.integers(0, 4, n)], golongan)
        education = np.array(EDUCATION)[rng.choice(len(EDUCATION), n, p=EDUCATION_P)]
        state = np.array(STATES)[rng.choice(len(STATES), n, p=STATES_P)]
        state[is_head] = "aktif"
        tmt_text = [f"{y}-{m:02d}-01" if not p else f"{py}-03-01"
                    for y, m, p, py in zip(tmt_year.tolist(), tmt_month.tolist(), pppk.tolist(),
                                           pppk_year.tolist(), strict=True)]  # fmt: skip
        stamp = f"{self.as_of.isoformat()} 01:00:00"
        unit_pk = np.asarray(unit_ids, dtype=np.int64)[unit_of]
        supervisors = [None if s < 0 else s for s in supervisor.tolist()]
        rows = zip(
            ids.tolist(), nips, names, repeat(""), repeat(""),
            np.where(pppk, "PPPK", "PNS").tolist(), np.where(female, "P", "L").tolist(),
            birth_text, repeat(government.kab_kota.split(" ", 1)[-1]), tmt_text,
            golongan.tolist(), unit_pk.tolist(), supervisors, state.tolist(), education.tolist(),
            repeat(""), repeat(""), repeat(""), repeat(1), repeat(stamp), repeat(stamp),
        )  # fmt: skip
        bulk_insert(Employee, ("id", "nip", "name", "gelar_depan", "gelar_belakang", "status",
                               "gender", "birth_date", "birth_place", "tmt_cpns", "golongan",
                               "unit", "supervisor", "state", "education_level",
                               "education_major", "email", "phone", "version", "created_at",
                               "updated_at"), rows, prepared=True)  # fmt: skip
        self.totals.add("people_employee", started, n)
        in_service = state != "pensiun"
        return {"ids": ids, "supervisor": supervisor, "in_service": in_service, "nips": nips}

    # --- performance ---------------------------------------------------------------------------

    def _performance(self, root_id: int, people: dict, rng) -> None:
        from binakinerja.core.bulk import bulk_insert, reserve_ids
        from binakinerja.performance.models import Period, Skp, SkpAssessment
        from binakinerja.performance.rules import period_dates

        started = time.perf_counter()
        periods = {}
        for kind in Period.Kind.values:
            start, end = period_dates(self.year, kind)
            closed = end < self.as_of
            status = "closed" if closed else "open"
            period = Period.objects.create(instansi_id=root_id, year=self.year, kind=kind,
                                           start=start, end=end, status=status)  # fmt: skip
            periods[kind] = period.pk
        started = self.totals.add("performance_period", started, len(periods))

        ids, supervisor = people["ids"], people["supervisor"]
        has = people["in_service"] & (rng.random(len(ids)) < 0.98)
        status = np.array(SKP_STATUSES)[rng.choice(len(SKP_STATUSES), len(ids), p=SKP_STATUSES_P)]
        status[has & (supervisor < 0)] = "approved"  # no atasan: not assessed
        employees, statuses, atasan = ids[has], status[has], supervisor[has]
        skp_ids = np.array(reserve_ids(Skp, len(employees)), dtype=np.int64)
        created = f"{self.year}-01-20 02:00:00"
        updated = f"{self.as_of.isoformat()} 03:00:00"
        rows = zip(skp_ids.tolist(), employees.tolist(),
                   [None if a < 0 else a for a in atasan.tolist()], repeat(self.year),
                   statuses.tolist(), repeat(4), repeat(""), repeat(""), repeat(""),
                   repeat(created), repeat(updated))  # fmt: skip
        bulk_insert(Skp, ("id", "employee", "atasan", "year", "status", "version",
                          "dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi",
                          "created_at", "updated_at"), rows, prepared=True)  # fmt: skip
        started = self.totals.add("performance_skp", started, len(skp_ids))

        assessed = statuses == "assessed"
        count = int(assessed.sum())
        weights = RATING_WEIGHTS.copy()
        weights[[0, 1, 3, 4]] *= rng.uniform(0.85, 1.15)  # the government's own share of good
        pairs = rng.choice(len(RATING_PAIRS), count, p=weights / weights.sum())
        hasil = [RATING_PAIRS[i][0] for i in pairs.tolist()]
        perilaku = [RATING_PAIRS[i][1] for i in pairs.tolist()]
        predikat = [self.predikat[i] for i in pairs.tolist()]
        stamp = f"{self.as_of.isoformat()} 04:00:00"
        rows = zip(skp_ids[assessed].tolist(), repeat(periods["annual"]), hasil, perilaku,
                   predikat, repeat("Penilaian kinerja tahunan."), atasan[assessed].tolist(),
                   repeat(stamp), repeat("{}"), repeat(""))  # fmt: skip
        bulk_insert(SkpAssessment, ("skp", "period", "hasil_kerja", "perilaku_kerja", "predikat",
                                    "reason", "assessed_by", "assessed_at", "snapshot",
                                    "catatan_rekomendasi"), rows, prepared=True)  # fmt: skip
        self.totals.add("performance_skpassessment", started, count)

    # --- trainings -----------------------------------------------------------------------------

    def _jp(self, people: dict, rng) -> None:
        from binakinerja.core.bulk import bulk_insert
        from binakinerja.trainings.models import JpRecord

        started = time.perf_counter()
        ids = people["ids"][people["in_service"]]
        counts = rng.choice(len(JP_COUNTS_P), len(ids), p=JP_COUNTS_P)
        employees = np.repeat(ids, counts)
        n = len(employees)
        chosen = rng.integers(0, len(self.activities), n)
        start_days = rng.integers(0, max(1, self.days_so_far - 3), n)
        start = _text_dates(_dates(start_days, dt.date(self.year, 1, 1)))
        end = _text_dates(_dates(start_days + 2, dt.date(self.year, 1, 1)))
        created = _stamps(start_days + 3, np.full(n, 3600), dt.date(self.year, 1, 1))
        acts = self.activities
        rows = (
            (e, acts[c][0], acts[c][1], acts[c][2], acts[c][3], s, en, self.year, acts[c][4],
             acts[c][4] // self.jp_minutes, "imported", "", "", "", cr)
            for e, c, s, en, cr in zip(employees.tolist(), chosen.tolist(), start, end, created,
                                       strict=True)
        )  # fmt: skip
        bulk_insert(JpRecord, ("employee", "title", "institution_name", "form_code",
                               "jenis_diklat_id", "start", "end", "year", "minutes", "jp",
                               "source", "source_ref", "certificate_number", "evidence",
                               "created_at"), rows, prepared=True)  # fmt: skip
        self.totals.add("trainings_jprecord", started, n)

    # --- satisfaction --------------------------------------------------------------------------

    def _satisfaction(self, government: Government, units, unit_ids, rng) -> None:
        from binakinerja.core.bulk import bulk_insert, reserve_ids
        from binakinerja.satisfaction.models import (
            AgeBand,
            Education,
            Occupation,
            Service,
            ServiceUnit,
            ServiceVisit,
            SurveyPeriod,
            SurveyResponse,
        )

        started = time.perf_counter()
        serving = [pk for unit, pk in zip(units, unit_ids, strict=True) if unit.is_service_unit]
        if not serving:
            return
        su_ids = reserve_ids(ServiceUnit, len(serving))
        codes = [_public_code(self.service_units + i) for i in range(len(serving))]
        self.service_units += len(serving)
        users = rng.integers(800, 20000, len(serving))
        bulk_insert(ServiceUnit, ("id", "unit", "public_code", "annual_users", "is_active",
                                  "version"),
                    zip(su_ids, serving, codes, users.tolist(), repeat(True), repeat(1)),
                    prepared=True)  # fmt: skip
        started = self.totals.add("satisfaction_serviceunit", started, len(su_ids))

        service_ids = reserve_ids(Service, len(su_ids) * len(SERVICE_NAMES))
        services = np.array(service_ids, dtype=np.int64).reshape(len(su_ids), len(SERVICE_NAMES))
        targets = [m for _n, m in SERVICE_NAMES]
        bulk_insert(Service, ("id", "service_unit", "name", "target_minutes", "is_active"),
                    ((service_ids[i * len(SERVICE_NAMES) + j], su, name, minutes, True)
                     for i, su in enumerate(su_ids)
                     for j, (name, minutes) in enumerate(SERVICE_NAMES)),
                    prepared=True)  # fmt: skip
        started = self.totals.add("satisfaction_service", started, len(service_ids))

        period_ids = reserve_ids(SurveyPeriod, len(su_ids))
        bulk_insert(SurveyPeriod, ("id", "service_unit", "year", "kind", "number", "starts_on",
                                   "ends_on", "status", "population", "analysis", "version"),
                    zip(period_ids, su_ids, repeat(self.year), repeat("tahunan"), repeat(1),
                        repeat(f"{self.year}-01-01"), repeat(f"{self.year}-12-31"),
                        repeat("open"), users.tolist(), repeat(""), repeat(1)),
                    prepared=True)  # fmt: skip
        started = self.totals.add("satisfaction_surveyperiod", started, len(period_ids))

        per_unit = rng.integers(*RESPONSES, len(su_ids))
        n = int(per_unit.sum())
        unit_index = np.repeat(np.arange(len(su_ids)), per_unit)
        quality = rng.normal(0.0, 0.12, len(su_ids))[unit_index]  # shifts 3 ↔ 4
        p = np.cumsum(ANSWER_P)
        draws = rng.random((n, 9))
        shifted = draws + quality[:, None]
        answers = 1 + (shifted[:, :, None] > p[None, None, :-1]).sum(axis=2)
        answers = np.clip(answers, 1, 4)
        visit_days = rng.integers(0, self.days_so_far, n)
        visit = _text_dates(_dates(visit_days, dt.date(self.year, 1, 1)))
        submitted = _stamps(visit_days, rng.integers(1, 9, n) * 3600, dt.date(self.year, 1, 1))
        service = services[unit_index, rng.integers(0, len(SERVICE_NAMES), n)]
        sexes = np.where(rng.random(n) < 0.55, "P", "L").tolist()
        ages = np.array(AgeBand.values)[rng.integers(0, len(AgeBand.values), n)].tolist()
        educations = np.array(Education.values)[rng.integers(0, len(Education.values), n)]
        occupations = np.array(Occupation.values)[rng.integers(0, len(Occupation.values), n)]
        period_of = np.asarray(period_ids, dtype=np.int64)[unit_index]
        rows = (
            (pe, sv, vd, sx, ag, ed, oc, *ans, "", "paper", "valid", "", sub, None, "", "")
            for pe, sv, vd, sx, ag, ed, oc, ans, sub in zip(
                period_of.tolist(), service.tolist(), visit, sexes, ages, educations.tolist(),
                occupations.tolist(), answers.tolist(), submitted, strict=True)
        )  # fmt: skip
        bulk_insert(SurveyResponse, ("period", "service", "visit_date", "sex", "age_band",
                                     "education", "occupation", "u1", "u2", "u3", "u4", "u5",
                                     "u6", "u7", "u8", "u9", "suggestion", "source", "status",
                                     "flag_reason", "submitted_at", "token_nonce",
                                     "device_hash", "address_hash"), rows,
                    prepared=True)  # fmt: skip
        started = self.totals.add("satisfaction_surveyresponse", started, n)

        m = len(su_ids) * VISITS
        which = rng.integers(0, len(SERVICE_NAMES), m)
        service = services[np.repeat(np.arange(len(su_ids)), VISITS), which]
        target = np.array(targets)[which]
        days = rng.integers(0, self.days_so_far, m)
        arrive = rng.integers(7 * 3600, 13 * 3600, m) - 8 * 3600 + 86400  # local WITA → UTC
        wait = (target * 60 * 0.6 * rng.lognormal(0, 0.5, m)).astype(int)
        serve = np.maximum(60, (target * 60 * 0.3 * rng.lognormal(0, 0.4, m)).astype(int))
        first = dt.date(self.year, 1, 1) - dt.timedelta(days=1)
        bulk_insert(ServiceVisit, ("service", "arrived_at", "started_at", "finished_at"),
                    zip(service.tolist(), _stamps(days, arrive, first),
                        _stamps(days, arrive + wait, first),
                        _stamps(days, arrive + wait + serve, first), strict=True),
                    prepared=True)  # fmt: skip
        self.totals.add("satisfaction_servicevisit", started, m)


def generate(
    *,
    asn: int = 4_300_000,
    governments: int = 550,
    seed: int = 1,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> dict:
    """Fill the (migrated, Django-connected) database; returns the governments, the seconds and
    rows per table and the total seconds. Prints progress."""
    from django.db import connection

    from binakinerja.core.bulk import fewer_gc_passes
    from binakinerja.demo.plan import AS_OF
    from binakinerja.people.rules import parse_nip

    as_of = as_of or AS_OF
    year = year or as_of.year
    plan = plan_governments(asn, governments, seed)
    provinces = sum(1 for g in plan if g.kind == "prov")
    print(f"generating {sum(g.size for g in plan):,} ASN in {len(plan)} governments "
          f"({provinces} provinces, largest {max(g.size for g in plan):,} ASN, smallest "
          f"{min(g.size for g in plan):,}) for {year}", flush=True)  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")  # a bench load: no wait per commit
    writer = Writer(year=year, as_of=as_of, seed=seed)
    started = last = time.perf_counter()
    done = 0
    with fewer_gc_passes():
        for index, government in enumerate(plan):
            writer.write(government, index)
            done += government.size
            if index == 0:
                checked = writer.totals.rows["people_employee"]
                from binakinerja.people.models import Employee

                for nip in Employee.objects.order_by("?").values_list("nip", flat=True)[:2000]:
                    parse_nip(nip, today=as_of)  # raises on an invalid NIP
                print(f"  2,000 of {checked:,} NIPs parsed as valid", flush=True)
            now = time.perf_counter()
            if now - last > 30 or index == len(plan) - 1:
                elapsed = now - started
                print(f"  {index + 1}/{len(plan)} governments, {done:,} ASN, {elapsed:.0f} s "
                      f"(~{elapsed / done * (asn - done):.0f} s to go)", flush=True)  # fmt: skip
                last = now
    generated = time.perf_counter() - started
    return {
        "governments": plan,
        "seconds": dict(writer.totals.seconds),
        "rows": dict(writer.totals.rows),
        "total": generated,
    }
