"""Every spreadsheet import fed malformed and random files (Hypothesis) through its page:
random, missing, repeated and misspelt headers; wrong types; empty, huge and formula-like
cells; unicode; dates in odd formats; repeated rows; files that are not workbooks at all.

Two properties per import: the page never fails (a refused file or row comes back as a page
with its reasons, 200; a file that was taken, as a redirect, 302), and a refusal writes
nothing (the row count of every table of the project is as before). The ASN list import runs
as a background job, which turns any failure into a failed job; its service, `employee_import`,
is therefore fuzzed directly, with the same properties.

One world with data in every app is built once for the module (core/tests/worlds.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from binakinerja.core.tests.worlds import build_every_app_world

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))  # more for a longer hunt by hand
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no example database in the checkout: each run explores afresh
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the world is meant to outlive each example
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
XLSX_MAX_CELL = 32_767  # the most characters a cell of a workbook holds


@dataclass(frozen=True)
class Import:
    """One import page: who uses it, where, and rows that look right (its own template when
    it offers one) for the fuzzer to start from."""

    name: str
    persona: str
    url: Callable
    template: str | None = "1"  # the `?template=` value of its template download
    columns: tuple[str, ...] = ()  # when there is no template
    rows: Callable | None = None  # world -> example rows that import (added to the template's)
    csv: bool = False
    extra: dict = field(default_factory=dict)


def _target_rows(w):
    year = w.perf_year + 1  # this year's SKP is past planning
    return [
        [w.asn.nip, year, "utama", "Pelayanan imunisasi", "kuantitas", "Anak diimunisasi",
         120, "anak"],
        [w.asn.nip, year, "tambahan", "Penyuluhan", "waktu", "Tepat waktu", 12, "bulan"],
    ]  # fmt: skip


IMPORTS = [
    Import("skp targets", "admin", lambda w: reverse("performance:target_import"),
           template=None, rows=_target_rows,
           columns=("NIP", "TAHUN", "JENIS", "RENCANA HASIL KERJA", "ASPEK", "INDIKATOR",
                    "TARGET", "SATUAN")),
    Import("competency assessments", "admin", lambda w: reverse("competencies:assessment_import")),
    Import("position standards", "admin", lambda w: reverse("competencies:standards_import")),
    Import("socialisation attendance", "operator_a",
           lambda w: reverse("programs:attendance_import", args=[w.event.pk]), csv=True,
           rows=lambda w: [[w.asn_peer.nip, w.asn_peer.name, "ya"]]),
    Import("training scores", "admin",
           lambda w: reverse("trainings:batch_scores_import", args=[w.batch.pk]),
           rows=lambda w: [[w.asn.nip, w.asn.name, 55, 80]]),
    Import("training history (SIASN)", "admin", lambda w: reverse("trainings:siasn_import"),
           csv=True, rows=lambda w: [[w.asn_peer.nip, 3, "Pelatihan Teknis Imunisasi",
                                      "BPSDM Provinsi Gorontalo", 24, "02-02-2026",
                                      "04-02-2026", 2026, "SERT-01"]]),
    Import("nominations", "operator_a",
           lambda w: reverse("trainings:nominate_import", args=[w.open_batch.pk, w.dinkes.pk]),
           rows=lambda w: [[w.asn_peer.nip, "Kesenjangan pelayanan"]]),
    Import("budget lines", "admin",
           lambda w: reverse("budgets:lines_import", args=[w.prov.pk, w.year]),
           rows=lambda w: [["Dinas Kesehatan", "5.04.02.1.01", "5.04.02.1.01.0001",
                            "5.1.02.02.12", "Pelatihan teknis", "150.000.000", "DPA 2026"]]),
    Import("realisations", "operator_a",
           lambda w: reverse("budgets:realisations_import", args=[w.prov.pk, w.year]),
           rows=lambda w: [[w.line.pk, w.spent_on.strftime("%d-%m-%Y"), "250.000",
                            "Honor narasumber"]]),
    Import("paper questionnaires", "operator_a",
           lambda w: reverse("satisfaction:paper_import", args=[w.pk_open.pk])),
    Import("service times (days)", "operator_a",
           lambda w: reverse("satisfaction:service_time_import", args=[w.su_puskesmas.pk]),
           template="days", csv=True),
    Import("service times (visits)", "operator_a",
           lambda w: reverse("satisfaction:service_time_import", args=[w.su_puskesmas.pk]),
           template="visits", csv=True, extra={"replace": "on"}),
]  # fmt: skip

# Cells that have broken importers elsewhere: formulas (CSV injection), dates that do not
# exist or are written the other way round, numbers as text with separators, look-alike digits,
# right-to-left marks, zero-width spaces, very long and very short values.
TRICKY = [
    "=cmd|' /C calc'!A0", "=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "=HYPERLINK(\"x\")",
    "31/02/2026", "2026-02-30", "2026-13-01", "1/1/26", "01.01.2026", "1 Januari 2026",
    "2026/03/02", "02-03-2026", "44197", "0", "-1", "-0", "1e309", "NaN", "inf", "1.000.000",
    "1,5", "Rp 10.000.000,00", "１２３", "١٢٣", "19860101 201001 1 001", "\u202e123",
    "\u200b", "ya", "tidak", "Ya", "x", "✓", "null", "None", "TRUE", "<script>x</script>",
    "' OR 1=1 --", "../../etc/passwd", "Ǥorontalo ✓ 日本語", "08:05", "25:61", "8.30",
]  # fmt: skip


def _huge(text: str, times: int) -> str:
    return (text * times)[:XLSX_MAX_CELL]


def cells(plausible: list) -> st.SearchStrategy:
    """A cell: mostly something that looks right for its column, otherwise anything."""
    anything = st.one_of(
        st.none(),
        st.just(""),
        st.sampled_from(TRICKY),
        st.text(max_size=40),
        st.builds(_huge, st.text(min_size=1, max_size=3), st.integers(1_000, 12_000)),
        st.integers(min_value=-(10**15), max_value=10**15),
        st.floats(allow_nan=False, allow_infinity=False),
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
        st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
        st.booleans(),
    )
    if not plausible:
        return anything
    return st.one_of(st.sampled_from(plausible), st.sampled_from(plausible), anything)


@st.composite
def spreadsheets(draw, columns: list[str], examples: list[list]) -> tuple[list, list[list]]:
    """(header, rows). Half the time the real header over the example rows with a cell here
    and there replaced by anything (so some files are taken and the writes run too); otherwise
    the real columns with some dropped, renamed, repeated or joined by strangers, in any order,
    over rows of plausible-or-random cells. Sometimes a row is repeated."""
    if examples and draw(st.booleans()):
        header = list(columns)
        picked = [
            examples[i]
            for i in draw(
                st.lists(st.integers(0, len(examples) - 1), min_size=1, max_size=4, unique=True)
            )
        ]
        rows = [
            [draw(cells([])) if draw(st.integers(0, 9)) == 0 else value
             for value in (list(row) + [None] * len(header))[: len(header)]]
            for row in picked
        ]  # fmt: skip
    else:
        header = [
            draw(st.sampled_from([c, c.lower(), f"  {c}_ ", c.replace(" ", "_")]))
            for c in columns
            if draw(st.integers(0, 9)) > 0  # each column missing one time in ten
        ]
        header += draw(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(columns)),
                                max_size=2))  # fmt: skip
        header = draw(st.permutations(header))
        by_name = {c.upper(): [row[i] for row in examples if i < len(row)]
                   for i, c in enumerate(columns)}  # fmt: skip
        strategies = [cells(by_name.get(str(h).strip(" _").replace("_", " ").upper(), []))
                      for h in header]  # fmt: skip
        rows = draw(st.lists(st.tuples(*strategies).map(list), max_size=6))
    if rows and draw(st.booleans()):
        rows.append(list(draw(st.sampled_from(rows))))  # a repeated row
    return header, rows


def _printable(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_bytes(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append([_printable(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(header, rows, delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in [header, *rows]:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def uploads(draw, columns: list[str], examples: list[list], allow_csv: bool):
    """(file name, content): an XLSX (or CSV) of `spreadsheets`, or now and then a file that
    only pretends to be one."""
    kind = draw(st.sampled_from(["xlsx"] * 6 + (["csv"] * 3 if allow_csv else []) + ["junk"]))
    if kind == "junk":
        content = draw(st.sampled_from([
            b"", b"PK\x03\x04garbage", b"%PDF-1.4\n", b"NIP;NAMA\n", b"\xff\xfe\x00\x00",
        ]) | st.binary(max_size=200))  # fmt: skip
        return draw(
            st.sampled_from(["data.xlsx", "data.csv"] if allow_csv else ["data.xlsx"])
        ), content
    header, rows = draw(spreadsheets(columns, examples))
    if kind == "xlsx":
        return "impor.xlsx", xlsx_bytes(header, rows)
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return "impor.csv", csv_bytes(header, rows, delimiter, encoding)


def table_counts() -> list[int]:
    """The row count of every table of the project's apps, in one query."""
    existing = set(connection.introspection.table_names())
    tables = sorted({
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("binakinerja.") or model._meta.app_label == "auth"
    } & existing)  # fmt: skip
    quote = connection.ops.quote_name
    counts = (f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608 - model tables
    sql = "SELECT " + ", ".join(counts)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchone())


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """One world for the module, rolled back at its end; each test in its own savepoint."""
    from binakinerja.trainings.models import Batch, BatchQuota

    with django_db_blocker.unblock(), transaction.atomic():
        w = build_every_app_world()
        start = timezone.localdate() + dt.timedelta(days=60)
        w.open_batch = Batch.objects.create(
            program=w.training_program, name="Angkatan II", year=start.year, capacity=30,
            place="Aula BPSDM", start=start, end=start + dt.timedelta(days=1),
            status=Batch.Status.OPEN,
        )  # fmt: skip
        BatchQuota.objects.create(batch=w.open_batch, opd=w.dinkes, seats=10)
        yield w
        transaction.set_rollback(True)


@pytest.fixture
def w(built, db):
    return built


def _examples(client, w, spec: Import) -> tuple[list[str], list[list]]:
    good = spec.rows(w) if spec.rows else []
    if spec.template is None:
        return list(spec.columns), good
    response = client.get(spec.url(w) + f"?template={spec.template}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    header, *rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    return [str(c) for c in header], [*good, *rows]


@pytest.mark.parametrize("spec", IMPORTS, ids=[spec.name for spec in IMPORTS])
def test_an_import_page_never_fails_and_a_refusal_writes_nothing(client, w, spec):
    client.force_login(getattr(w, spec.persona))
    url = spec.url(w)
    columns, examples = _examples(client, w, spec)
    outcomes = set()

    @FUZZ
    @given(upload=uploads(columns, examples, spec.csv))
    def fuzz(upload):
        name, content = upload
        before = table_counts()
        response = client.post(url, {"file": SimpleUploadedFile(name, content), **spec.extra})
        assert response.status_code in (200, 302), response.status_code
        outcomes.add(response.status_code)
        if response.status_code == 200:  # refused: the page again, with its reasons
            assert table_counts() == before
            assert response.context["messages"] or response.context["result"].errors

    fuzz()
    assert 200 in outcomes  # the fuzzer reached the refusals at least


# --- The ASN list (SIASN export), through its service -----------------------------------------

ASN_COLUMNS = ["NIP BARU", "NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "GOL AKHIR NAMA",
               "JABATAN NAMA", "JENIS JABATAN NAMA", "TMT JABATAN", "UNOR NAMA",
               "INSTANSI KERJA NAMA", "NIP ATASAN", "EMAIL", "TINGKAT PENDIDIKAN NAMA"]  # fmt: skip


def _asn_rows(w) -> list[list]:
    return [
        [w.asn.nip, "Siti Rahmawati", "01-01-1986", "P", "III/a", "Perawat Terampil",
         "Jabatan Fungsional", "01-01-2015", "Puskesmas Limboto", "Pemerintah Provinsi Gorontalo",
         w.atasan.nip, "siti@example.go.id", "D-III"],
        ["199001012015031002", "Budi Santoso", "1990-01-01", "L", "III/b", "Analis Kepegawaian",
         "Jabatan Pelaksana", "2015-03-01", "Dinas Kesehatan", "Pemerintah Provinsi Gorontalo",
         "", "", "S-1"],
    ]  # fmt: skip


def test_the_asn_import_never_fails_and_a_refusal_writes_nothing(w, tmp_path):
    from binakinerja.people.importing.service import employee_import

    outcomes = set()

    @FUZZ
    @given(upload=uploads(ASN_COLUMNS, _asn_rows(w), allow_csv=True))
    def fuzz(upload):
        name, content = upload
        path = tmp_path / name
        path.write_bytes(content)
        before = table_counts()
        try:
            result = employee_import(actor=w.admin, path=path, name=name)
        except (ValidationError, PermissionDenied):
            ok = False
        else:
            ok = result.ok
            assert ok or result.errors
        outcomes.add(ok)
        if not ok:
            assert table_counts() == before

    fuzz()
    assert False in outcomes
