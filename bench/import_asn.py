"""Benchmark of the SIASN ASN-list import (a plain script, not a test).

    .venv/bin/python bench/import_asn.py [--rows 100000] [--db sqlite|postgres|both] [--runs 3]

Generates a deterministic SIASN-style CSV (67 columns, `|`-separated, like an "Export Data ASN"
file), then for each database and run, in a fresh subprocess and a fresh database:
  1. imports it through the real path (`employee_import`, the one the command and the web
     upload use) with full validation and audit records, timing each pass (open → commit) and
     sampling peak RSS;
  2. reads the written employee rows back, empties the tables as a fresh database has them
     (SQLite: DELETE + VACUUM; PostgreSQL: TRUNCATE), and inserts the same rows into the same
     table in one transaction with the raw driver (`executemany` on sqlite3, `COPY` on psycopg)
     as the baseline; then, as the ceiling of any import, the same employees and their audit
     records.
Both sides are measured the same way: the same table with its indexes and foreign keys, one
transaction, timed to the commit, after a checkpoint so that neither pays for the other's
writes; on SQLite with the connection settings the import runs with (the project's PRAGMAs,
`foreign_keys = ON` as Django sets it, and the import's page cache). PostgreSQL runs also
report the server backend's CPU time when the server is local.

Prints the median of the runs (and each run) of rows/s, raw rows/s, their ratio and peak RSS
against the targets (≥ 25,000 rows/s, ratio ≥ 0.25, peak RSS < 500 MB), and the load average.
PostgreSQL: database `bk_bench` on BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/bk_bench), created and dropped by this script.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SEED = 2026
TARGET_ROWS_PER_S, TARGET_RATIO, TARGET_RSS_MB = 25_000, 0.25, 500
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bk_bench"

sys.path.insert(0, str(ROOT))

# --- the file ------------------------------------------------------------------------------------

OPD_NAMES = [
    "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan", "Badan Kepegawaian Daerah",
    "Badan Pengembangan Sumber Daya Manusia", "Badan Perencanaan Pembangunan Daerah",
    "Inspektorat", "Sekretariat Daerah", "Dinas Sosial", "Dinas Perhubungan",
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Pertanian", "Dinas Kelautan dan Perikanan",
    "Dinas Lingkungan Hidup", "Dinas Pariwisata", "Dinas Komunikasi Informatika dan Statistik",
    "Dinas Penanaman Modal dan PTSP", "Dinas Tenaga Kerja dan Transmigrasi",
    "Badan Pendapatan Daerah", "Badan Keuangan Daerah", "Satuan Polisi Pamong Praja",
    "RSUD dr. Hasri Ainun Habibie", "RSUD Prof. Dr. H. Aloei Saboe", "Dinas Perindustrian",
    "Dinas Koperasi dan UKM", "Dinas Kehutanan", "Dinas Energi dan Sumber Daya Mineral",
    "Dinas Pemberdayaan Perempuan", "Dinas Kepemudaan dan Olahraga", "Dinas Perpustakaan",
    "Badan Kesatuan Bangsa dan Politik",
]  # fmt: skip
UNIT_KINDS = [
    "Sekretariat", "Bidang Program", "Bidang Pelayanan", "Bidang Pengembangan",
    "Subbagian Umum dan Kepegawaian", "Subbagian Keuangan", "Seksi Data dan Informasi",
    "Seksi Pengendalian", "UPTD Wilayah I", "UPTD Wilayah II", "Puskesmas",
]  # fmt: skip
FUNCTIONAL = [
    ("Guru", ["Ahli Pertama", "Ahli Muda", "Ahli Madya"]),
    ("Perawat", ["Terampil", "Mahir", "Penyelia", "Ahli Pertama", "Ahli Muda"]),
    ("Bidan", ["Terampil", "Mahir", "Ahli Pertama"]),
    ("Dokter", ["Ahli Pertama", "Ahli Muda", "Ahli Madya"]),
    ("Analis Kepegawaian", ["Ahli Pertama", "Ahli Muda", "Ahli Madya"]),
    ("Pranata Komputer", ["Terampil", "Mahir", "Ahli Pertama", "Ahli Muda"]),
    ("Perencana", ["Ahli Pertama", "Ahli Muda", "Ahli Madya"]),
    ("Auditor", ["Ahli Pertama", "Ahli Muda", "Ahli Madya"]),
]
PELAKSANA = ["Pengadministrasi Umum", "Pengelola Data", "Pengelola Keuangan", "Pengemudi",
             "Pengadministrasi Perkantoran", "Penata Laporan Keuangan"]  # fmt: skip
GIVEN = [
    "MUHAMMAD", "SITI", "ABDUL", "NUR", "RAHMAT", "FATMAWATI", "YUSUF", "SRI", "ANDI", "HARTATI",
    "RISNA", "ISMAIL", "WAHYUNI", "HASAN", "NOVIANTI", "ARIFIN", "ROSDIANA",
]  # fmt: skip
FAMILY = [
    "MOKOGINTA", "POLAPA", "DAUD", "HASAN", "LAMATENGGO", "NTAU", "PAKAYA", "MOHAMAD", "TULIABU",
    "KATILI", "BIALANGI", "DJAFAR", "ABAS", "USMAN", "GOBEL", "HUNTOYUNGO",
]  # fmt: skip
GOLONGAN = [
    ("21", "II/a"), ("22", "II/b"), ("23", "II/c"), ("24", "II/d"), ("31", "III/a"),
    ("32", "III/b"), ("33", "III/c"), ("34", "III/d"), ("41", "IV/a"), ("42", "IV/b"),
]  # fmt: skip
EDUCATION = [("15", "SLTA", "SMA IPA"), ("30", "D-III", "D-III Keperawatan"),
             ("40", "S-1", "S-1 Pendidikan"), ("40", "S-1", "S-1 Kesehatan Masyarakat"),
             ("45", "S-2", "S-2 Administrasi Publik")]  # fmt: skip
KEDUDUKAN = [("01", "Aktif")] * 40 + [("02", "CLTN"), ("03", "Tugas Belajar"),
                                      ("20", "Masa Persiapan Pensiun")]  # fmt: skip


def organisation(rng: random.Random):
    """(OPD name, code, [(unit name, code)]) for every OPD, deterministic."""
    tree = []
    for name in OPD_NAMES:
        units = [(f"{kind} {name}"[:200], f"{rng.getrandbits(128):032x}") for kind in UNIT_KINDS]
        tree.append((name, f"{rng.getrandbits(128):032x}", units))
    return tree


def _dmy(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def siasn_rows(rows: int, rng: random.Random, tree):
    from binakinerja.people.importing.columns import SIASN_COLUMNS

    sequences: dict[str, int] = {}
    units = [(opd, unit) for opd in tree for unit in opd[2]]
    for index in range(rows):
        opd, (unit_name, unit_code) = units[index % len(units)]
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(35 * 365))
        gender = rng.choice("12")
        pppk = rng.random() < 0.15
        if pppk:
            year = min(birth.year + rng.randrange(22, 40), 2024)
            prefix = f"{birth:%Y%m%d}{year}2{rng.randrange(1, 4)}{gender}"
            tmt = dt.date(year, 3, 1)
        else:
            tmt = dt.date(min(birth.year + rng.randrange(20, 35), 2023), rng.randrange(1, 13), 1)
            prefix = f"{birth:%Y%m%d}{tmt:%Y%m}{gender}"
        sequences[prefix] = sequences.get(prefix, 0) + 1
        nip = f"{prefix}{sequences[prefix]:03d}"
        gol_id, gol_name = rng.choice(GOLONGAN)
        if pppk:
            gol_id, gol_name = "", rng.choice(["V", "VII", "IX", "X"])
        roll = rng.random()
        if roll < 0.6:
            job, levels = rng.choice(FUNCTIONAL)
            jenis, jabatan = ("2", "Jabatan Fungsional Tertentu"), f"{job} {rng.choice(levels)}"
        elif roll < 0.92 or pppk:
            jenis, jabatan = ("4", "Jabatan Fungsional Umum"), rng.choice(PELAKSANA)
        else:
            jenis = ("1", "Jabatan Struktural")
            jabatan = rng.choice(["Kepala Seksi", "Kepala Subbagian", "Kepala Bidang"])
            jabatan = f"{jabatan} {unit_name.split(' ', 1)[-1]}"[:200]
        kh_id, kh_name = ("71", "PPPK Aktif") if pppk else rng.choice(KEDUDUKAN)
        edu_id, edu_name, major = rng.choice(EDUCATION)
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        values = {
            "PNS ID": f"{rng.getrandbits(128):032x}",
            "NIP BARU": "'" + nip,
            "NIP LAMA": "" if pppk else f"'{rng.randrange(10**8, 10**9)}",
            "NAMA": f"{given} {family}",
            "GELAR DEPAN": rng.choice(["", "", "", "dr.", "Drs.", "Ir."]),
            "GELAR BELAKANG": rng.choice(["", "S.Pd.", "S.Kep., Ns.", "S.E.", "M.Si.", "A.Md."]),
            "TEMPAT LAHIR ID": f"{rng.getrandbits(64):016x}",
            "TEMPAT LAHIR NAMA": rng.choice(["GORONTALO", "LIMBOTO", "MARISA", "KWANDANG"]),
            "TANGGAL LAHIR": _dmy(birth),
            "JENIS KELAMIN": "M" if gender == "1" else "F",
            "AGAMA ID": "1",
            "AGAMA NAMA": "Islam",
            "JENIS KAWIN ID": "2",
            "JENIS KAWIN NAMA": "Menikah",
            "NIK": f"'75{rng.randrange(10**13, 10**14)}",
            "NOMOR HP": f"'08{rng.randrange(10**9, 10**10)}",
            "EMAIL": f"{given.lower()}.{family.lower()}{index}@example.go.id",
            "EMAIL GOV": "",
            "ALAMAT": f"Jl. Nani Wartabone No. {rng.randrange(1, 200)}, Kota Gorontalo",
            "NPWP NOMOR": f"{rng.randrange(10**14, 10**15)}",
            "BPJS": f"'{rng.randrange(10**12, 10**13)}",
            "JENIS PEGAWAI ID": "4" if pppk else "3",
            "JENIS PEGAWAI NAMA": "PPPK" if pppk else "PNS Daerah Provinsi",
            "KEDUDUKAN HUKUM ID": kh_id,
            "KEDUDUKAN HUKUM NAMA": kh_name,
            "STATUS CPNS PNS": "" if pppk else "P",
            "KARTU ASN VIRTUAL": "",
            "NOMOR SK CPNS": f"821.2/BKD/{rng.randrange(1000)}/{tmt.year}",
            "TANGGAL SK CPNS": _dmy(tmt - dt.timedelta(days=30)),
            "TMT CPNS": "" if pppk else _dmy(tmt),
            "NOMOR SK PNS": "",
            "TANGGAL SK PNS": "",
            "TMT PNS": "" if pppk else _dmy(tmt + dt.timedelta(days=366)),
            "GOL AWAL ID": gol_id[:1] + "1" if gol_id else "",
            "GOL AWAL NAMA": "",
            "GOL AKHIR ID": gol_id,
            "GOL AKHIR NAMA": gol_name,
            "TMT GOLONGAN": _dmy(dt.date(rng.randrange(max(tmt.year, 2005), 2025), 4, 1)),
            "MK TAHUN": str(rng.randrange(0, 30)),
            "MK BULAN": str(rng.randrange(0, 12)),
            "JENIS JABATAN ID": jenis[0],
            "JENIS JABATAN NAMA": jenis[1],
            "JABATAN ID": f"{rng.getrandbits(128):032x}",
            "JABATAN NAMA": jabatan,
            "TMT JABATAN": _dmy(dt.date(rng.randrange(max(tmt.year, 2010), 2025), 1, 2)),
            "TINGKAT PENDIDIKAN ID": edu_id,
            "TINGKAT PENDIDIKAN NAMA": edu_name,
            "PENDIDIKAN ID": f"{rng.getrandbits(64):016x}",
            "PENDIDIKAN NAMA": major,
            "TAHUN LULUS": str(birth.year + 22),
            "KPKN ID": "", "KPKN NAMA": "KPPN GORONTALO",
            "LOKASI KERJA ID": "", "LOKASI KERJA NAMA": "KOTA GORONTALO",
            "UNOR ID": unit_code,
            "UNOR NAMA": unit_name,
            "INSTANSI INDUK ID": "A5EB03E23AFEF6A0E040640A040252AD",
            "INSTANSI INDUK NAMA": "Provinsi Gorontalo",
            "INSTANSI KERJA ID": "A5EB03E23AFEF6A0E040640A040252AD",
            "INSTANSI KERJA NAMA": "Provinsi Gorontalo",
            "SATUAN KERJA INDUK ID": opd[1], "SATUAN KERJA INDUK NAMA": opd[0],
            "SATUAN KERJA KERJA ID": opd[1], "SATUAN KERJA KERJA NAMA": opd[0],
            "IS VALID NIK": "true", "NAMA SEKOLAH": "", "FLAG IKD": "0",
        }  # fmt: skip
        yield [values[column] for column in SIASN_COLUMNS]


def write_file(path: Path, rows: int) -> None:
    from binakinerja.people.importing.columns import SIASN_COLUMNS

    rng = random.Random(SEED)
    tree = organisation(rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="|", lineterminator="\r\n")
        writer.writerow(SIASN_COLUMNS)
        writer.writerows(siasn_rows(rows, rng, tree))


# --- one database, in its own process ------------------------------------------------------------


class PeakRss:
    """Samples this process's RSS every 20 ms (ru_maxrss is reported too)."""

    def __init__(self):
        import psutil

        self.process, self.peak, self._stop = psutil.Process(), 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.02)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def build_tree():
    from binakinerja.organizations.services import orgunit_create

    rng = random.Random(SEED)
    province = orgunit_create(actor=None, parent=None, name="Pemerintah Provinsi Gorontalo")
    for name, code, units in organisation(rng):
        opd = orgunit_create(actor=None, parent=province, name=name, code=code, unit_type="dinas")
        for unit_name, unit_code in units:
            orgunit_create(actor=None, parent=opd, name=unit_name, code=unit_code)


def backend_cpu_seconds(connection) -> float | None:
    """CPU time (user + system) of this connection's PostgreSQL backend so far, when the server
    runs on this machine (read from /proc); None otherwise."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return _cpu_of(pid)


def _cpu_of(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sqlite_pragmas(settings_dict: dict) -> list[str]:
    """The PRAGMAs the import's connection runs with: the project's `init_command`, Django's
    `foreign_keys = ON`, and the import's own page cache (if it sets one)."""
    from binakinerja.people.importing import service

    init = settings_dict.get("OPTIONS", {}).get("init_command", "")
    pragmas = [part.strip() for part in init.split(";") if part.strip()]
    pragmas.append("PRAGMA foreign_keys = ON")
    cache_kib = getattr(service, "SQLITE_CACHE_KIB", None)
    if cache_kib:
        pragmas.append(f"PRAGMA cache_size = -{cache_kib}")
    return pragmas


def settle(vendor: str, target: str) -> None:
    """Write out what earlier steps left in the WAL, so that the next timed step pays only for
    its own writes."""
    if vendor == "sqlite":
        import sqlite3

        connection = sqlite3.connect(target)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        return
    import psycopg

    with psycopg.connect(target, autocommit=True) as connection:
        try:
            connection.execute("CHECKPOINT")
        except psycopg.Error:  # not a superuser: the server checkpoints on its own
            pass


def empty_tables(vendor: str, target: str) -> None:
    """Leave the registry tables as a freshly migrated database has them."""
    tables = ["people_careerhistory", "core_auditlog", "people_employee"]
    if vendor == "sqlite":
        import sqlite3

        connection = sqlite3.connect(target, isolation_level=None)
        for table in tables:
            connection.execute(f"DELETE FROM {table}")
        connection.execute("VACUUM")
        connection.close()
        return
    import psycopg

    with psycopg.connect(target, autocommit=True) as connection:
        connection.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def raw_insert(vendor: str, target: str, pragmas: list[str], tables: list) -> dict:
    """`tables` — (table, columns, rows) — into the same tables with the bare driver, no
    Django, in one transaction; seconds to the commit (and the server's CPU seconds)."""
    if vendor == "sqlite":
        import sqlite3

        connection = sqlite3.connect(target, isolation_level=None)
        for pragma in pragmas:
            connection.execute(pragma)
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        for table, columns, rows in tables:
            marks = ", ".join("?" * len(columns))
            connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - start
        connection.close()
        return {"seconds": elapsed, "server_cpu": None}
    import psycopg

    with psycopg.connect(target) as connection:
        pid = connection.info.backend_pid
        cpu = _cpu_of(pid)
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for table, columns, rows in tables:
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        connection.commit()
        elapsed = time.perf_counter() - start
        after = _cpu_of(pid)
    return {"seconds": elapsed, "server_cpu": after - cpu if cpu is not None else None}


def worker(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binakinerja.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from binakinerja.core.models import AuditLog
    from binakinerja.people.importing.service import SAVING, employee_import
    from binakinerja.people.models import CareerHistory, Employee

    call_command("migrate", verbosity=0)
    build_tree()
    vendor = connection.vendor
    target = (
        str(connection.settings_dict["NAME"]) if vendor == "sqlite" else os.environ["DATABASE_URL"]
    )
    pragmas = sqlite_pragmas(connection.settings_dict) if vendor == "sqlite" else []
    connection.close()
    settle(vendor, target)

    stages = {}

    def progress(stage, done, total):
        stages.setdefault(stage, time.perf_counter())

    load_before = os.getloadavg()
    server_cpu = backend_cpu_seconds(connection)
    with PeakRss() as rss:
        start = time.perf_counter()
        result = employee_import(actor=None, path=args.csv, progress=progress)
        elapsed = time.perf_counter() - start
    if server_cpu is not None:
        server_cpu = backend_cpu_seconds(connection) - server_cpu
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert result.ok, [e.reason for e in result.errors[:5]]
    assert result.created == args.rows == Employee.objects.count()
    written = {
        "employees": Employee.objects.count(),
        "audit": AuditLog.objects.filter(object_type="people.employee").count(),
        "career": CareerHistory.objects.count(),
        "positions": result.positions_created,
    }
    checking = stages[SAVING] - start

    columns = [f.column for f in Employee._meta.concrete_fields if not f.primary_key]
    audit_columns = [f.column for f in AuditLog._meta.concrete_fields if not f.primary_key]
    read_audit = ", ".join(
        f"{c}::text" if c == "changes" and vendor == "postgresql" else c for c in audit_columns
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM people_employee ORDER BY id")
        rows = [tuple(row) for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT {read_audit} FROM core_auditlog WHERE object_type = 'people.employee' "
            "ORDER BY id"
        )
        audits = [tuple(row) for row in cursor.fetchall()]
    connection.close()

    employees = ("people_employee", columns, rows)
    empty_tables(vendor, target)
    settle(vendor, target)
    raw = raw_insert(vendor, target, pragmas, [employees])
    empty_tables(vendor, target)
    settle(vendor, target)
    raw_all = raw_insert(
        vendor, target, pragmas, [employees, ("core_auditlog", audit_columns, audits)]
    )
    print(
        json.dumps(
            {
                "db": vendor,
                "rows": args.rows,
                "seconds": elapsed,
                "checking_seconds": checking,
                "saving_seconds": elapsed - checking,
                "raw_seconds": raw["seconds"],
                "raw_all_seconds": raw_all["seconds"],
                "server_cpu": server_cpu,
                "raw_server_cpu": raw["server_cpu"],
                "raw_all_server_cpu": raw_all["server_cpu"],
                "peak_rss_mb": rss.peak / 1024 / 1024,
                "ru_maxrss_mb": maxrss_mb,
                "load": [*load_before, *os.getloadavg()],
                "written": written,
            }
        )
    )


# --- the driver ----------------------------------------------------------------------------------


def _pg_admin(url: str, statement: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)


def run_one(db: str, csv_path: Path, rows: int, keep: bool) -> dict:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "LOG_LEVEL": "WARNING",
    }
    if db == "sqlite":
        path = OUT / "bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG_URL)
        name = url.rsplit("/", 1)[1]
        _pg_admin(url, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(url, f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url
    try:
        output = subprocess.run(  # noqa: S603 - this same script, with our own arguments
            [sys.executable, __file__, "--worker", "--csv", str(csv_path), "--rows", str(rows)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except subprocess.CalledProcessError as error:
        sys.stderr.write(error.stderr)
        raise
    finally:
        if db == "postgres" and not keep:
            _pg_admin(url, f'DROP DATABASE IF EXISTS "{name}"')
    return json.loads(output.strip().splitlines()[-1])


def _rates(r: dict) -> dict:
    rate = r["rows"] / r["seconds"]
    raw_rate = r["rows"] / r["raw_seconds"]
    return {
        "rate": rate,
        "raw_rate": raw_rate,
        "ratio": rate / raw_rate,
        "raw_all_rate": r["rows"] / r["raw_all_seconds"],
        "check_rate": r["rows"] / r["checking_seconds"],
    }


def _median(runs: list[dict], key: str):
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def report(results: dict[str, list[dict]]) -> None:
    print()
    print(f"{'database':<11}{'rows':>9}{'import s':>10}{'rows/s':>9}{'check s':>9}{'save s':>8}"
          f"{'raw rows/s':>12}{'ratio':>7}{'+audit raw/s':>14}{'peak RSS':>10}"
          f"{'valid. rows/s':>15}")  # fmt: skip
    medians = {}
    for db, runs in results.items():
        for r in runs:
            r.update(_rates(r))
        keys = ["seconds", "rate", "checking_seconds", "saving_seconds", "raw_rate", "ratio",
                "raw_all_rate", "peak_rss_mb", "check_rate", "server_cpu", "raw_server_cpu",
                "raw_all_server_cpu", "ru_maxrss_mb"]  # fmt: skip
        m = {key: _median(runs, key) for key in keys}
        medians[db] = m
        for label, r in [*((f"  run {i}", r) for i, r in enumerate(runs, 1)), (db, m)]:
            print(
                f"{label:<11}{runs[0]['rows']:>9,}{r['seconds']:>10.2f}{r['rate']:>9,.0f}"
                f"{r['checking_seconds']:>9.2f}{r['saving_seconds']:>8.2f}{r['raw_rate']:>12,.0f}"
                f"{r['ratio']:>7.3f}{r['raw_all_rate']:>14,.0f}{r['peak_rss_mb']:>7.0f} MB"
                f"{r['check_rate']:>15,.0f}"
            )
    print()
    for db, m in medians.items():
        runs = results[db]
        written = runs[0]["written"]
        checks = [
            ("rows/s", m["rate"] >= TARGET_ROWS_PER_S, f"≥ {TARGET_ROWS_PER_S:,}"),
            ("ratio", m["ratio"] >= TARGET_RATIO, f"≥ {TARGET_RATIO}"),
            ("peak RSS", m["peak_rss_mb"] < TARGET_RSS_MB, f"< {TARGET_RSS_MB} MB"),
        ]
        verdict = ", ".join(
            f"{name} {'met' if ok else 'MISSED'} ({goal})" for name, ok, goal in checks
        )
        print(f"{db} (median of {len(runs)}): {verdict}")
        print(
            f"  wrote {written['employees']:,} employees, {written['audit']:,} audit records, "
            f"{written['career']:,} career rows, {written['positions']:,} positions; "
            f"validation alone {m['check_rate']:,.0f} rows/s; ru_maxrss {m['ru_maxrss_mb']:.0f} MB"
        )
        if m["server_cpu"] is not None:
            print(
                f"  server backend CPU: import {m['server_cpu']:.2f} s, raw employees "
                f"{m['raw_server_cpu']:.2f} s, raw employees + audit "
                f"{m['raw_all_server_cpu']:.2f} s"
            )
        loads = ", ".join(f"{r['load'][0]:.2f}→{r['load'][3]:.2f}" for r in runs)
        print(f"  load average (1 min) before→after each run: {loads}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3, help="runs per database (median shown)")
    parser.add_argument("--keep", action="store_true", help="keep bk_bench after the run")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    csv_path = OUT / f"siasn_{args.rows}.csv"
    start = time.perf_counter()
    write_file(csv_path, args.rows)
    size = csv_path.stat().st_size / 1024 / 1024
    print(f"generated {csv_path.relative_to(ROOT)}: {args.rows:,} rows, {size:.1f} MB "
          f"in {time.perf_counter() - start:.1f} s; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = {db: [] for db in databases}
    for _run in range(args.runs):  # alternate, so that a burst of load hits both alike
        for db in databases:
            results[db].append(run_one(db, csv_path, args.rows, args.keep))
    report({("postgresql" if db == "postgres" else db): runs for db, runs in results.items()})


if __name__ == "__main__":
    main()
