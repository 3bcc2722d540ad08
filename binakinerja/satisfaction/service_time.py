"""Service times: waiting (arrival → start) and service (start → finish) minutes per service.

Two sources feed the figures. `ServiceVisit` rows give exact statistics. `ServiceDay` rows (daily
aggregates from a queue system or a register) give only each day's visits, medians and 90th
percentiles, so over several days we report the visit-weighted median of the daily values (the
page says "dari rekap harian"). The total time of a daily aggregate is estimated as its waiting
median plus its service median.

How a service's days combine in one bucket (a period or a month): visits take precedence for
the days they cover (a ServiceDay of a day that also has visits is ignored). When every day of
the bucket comes from visits, the figures are exact; otherwise the visit days are summarised
per day like aggregates and all days enter the weighted medians together.

Statistics are computed in Python from one `values_list` query per source for the whole unit
and period (a busy unit has ~50k visits a period: a sort is cheap), so the page costs the same
number of queries on SQLite and PostgreSQL whatever the data size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from binakinerja.core.audit import audit_record, creation_changes, snapshot
from binakinerja.core.spreadsheets import (
    ImportResult,
    read_table,
    require_columns,
    require_rows,
    table_rows,
)
from binakinerja.satisfaction.models import Service, ServiceDay, ServiceUnit, ServiceVisit
from binakinerja.satisfaction.rules import percentile

# --- Pure statistics --------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Count, median and 90th percentile of some durations (minutes); None when empty."""

    count: int
    median: float | None
    p90: float | None


def summarize(durations: Iterable[float]) -> Summary:
    values = sorted(durations)
    return Summary(len(values), percentile(values, 0.5), percentile(values, 0.9))


def weighted_median(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Median of values with weights, as `(value, weight)` pairs; weights ≤ 0 are ignored.

    The smallest value whose cumulative weight reaches half the total; when it reaches exactly
    half, the mean of that value and the next one, so that equal weights give the ordinary
    median (the mean of the two middle values for an even count). None when nothing weighs."""
    items = sorted((v, w) for v, w in pairs if w > 0)
    total = sum(w for _v, w in items)
    if not items:
        return None
    half = total / 2
    running = 0.0
    for i, (value, weight) in enumerate(items):
        running += weight
        if running > half:
            return value
        if running == half:
            return (value + items[i + 1][0]) / 2 if i + 1 < len(items) else value
    return items[-1][0]  # not reached: float sums stay within the loop


@dataclass(frozen=True)
class DayFigures:
    """One day of one service: what a ServiceDay row holds, plus the day's total median."""

    date: dt.date
    visits: int
    wait_median: float
    wait_p90: float
    service_median: float
    service_p90: float
    total_median: float


@dataclass(frozen=True)
class Times:
    """The figures of one service in one bucket. `exact` is False when they are weighted
    medians of daily values (some day came from a daily aggregate)."""

    visits: int
    wait: Summary
    service: Summary
    total_median: float | None
    exact: bool

    @property
    def empty(self) -> bool:
        return self.visits == 0

    def slow(self, target_minutes: int | None) -> bool:
        """Slow when the median total time exceeds the service's target."""
        return (
            bool(target_minutes)
            and self.total_median is not None
            and (self.total_median > target_minutes)
        )


EMPTY_TIMES = Times(0, Summary(0, None, None), Summary(0, None, None), None, True)


def day_figures(date: dt.date, waits: Sequence[float], services: Sequence[float]) -> DayFigures:
    """A day of visits summarised like a daily aggregate (its total median exact)."""
    wait, service = summarize(waits), summarize(services)
    total = summarize(w + s for w, s in zip(waits, services, strict=True))
    return DayFigures(date, wait.count, wait.median, wait.p90, service.median, service.p90,
                      total.median)  # fmt: skip


def bucket_times(
    visits: Sequence[tuple[dt.date, float, float]], days: Sequence[DayFigures]
) -> Times:
    """The figures of one service over one bucket from its visits `(date, wait, service)` and
    its daily aggregates; visits take precedence for the days they cover."""
    covered = {date for date, _w, _s in visits}
    days = [d for d in days if d.date not in covered]
    if not visits and not days:
        return EMPTY_TIMES
    if not days:
        waits = [w for _d, w, _s in visits]
        services = [s for _d, _w, s in visits]
        total = summarize(w + s for w, s in zip(waits, services, strict=True))
        return Times(len(visits), summarize(waits), summarize(services), total.median, True)
    by_date: dict[dt.date, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for date, wait, service in visits:
        by_date[date][0].append(wait)
        by_date[date][1].append(service)
    figures = [*days, *(day_figures(d, w, s) for d, (w, s) in by_date.items())]
    count = sum(f.visits for f in figures)

    def wm(name: str) -> float | None:
        return weighted_median((getattr(f, name), f.visits) for f in figures)

    return Times(
        count,
        Summary(count, wm("wait_median"), wm("wait_p90")),
        Summary(count, wm("service_median"), wm("service_p90")),
        wm("total_median"),
        False,
    )


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from `start`'s to `end`'s."""
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def visit_problems(
    arrived_at: dt.datetime, started_at: dt.datetime, finished_at: dt.datetime, *, now: dt.datetime
) -> list[tuple[str, str]]:
    """What is wrong with a visit's times, as `(field, message)` pairs (empty when fine)."""
    problems = []
    if started_at < arrived_at:
        problems.append(("started_at", _("The service cannot start before the arrival.")))
    if finished_at < started_at:
        problems.append(("finished_at", _("The service cannot finish before it starts.")))
    if max(arrived_at, started_at, finished_at) > now:
        problems.append(("finished_at", _("The visit cannot lie in the future.")))
    return problems


# --- Reading the database ---------------------------------------------------------------------


@dataclass
class ServiceReport:
    """One service's figures over the selected range and per month of the period."""

    service: Service
    overall: Times
    months: list[tuple[dt.date, Times]]

    @property
    def slow(self) -> bool:
        return self.overall.slow(self.service.target_minutes)

    @property
    def target_share(self) -> float | None:
        """The median total time as a percentage of the target, for the chart."""
        if not self.service.target_minutes or self.overall.total_median is None:
            return None
        return self.overall.total_median / self.service.target_minutes * 100


def _local_midnight(date: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date, dt.time()))


def unit_service_times(
    service_unit: ServiceUnit, start: dt.date, end: dt.date, *, month: dt.date | None = None
) -> list[ServiceReport]:
    """Figures of every service of `service_unit` from `start` to `end` (inclusive), with a row
    per month; `overall` covers the whole range, or only `month` when given. Three queries."""
    services = list(service_unit.services.order_by("name"))
    if not services:
        return []
    tz = timezone.get_current_timezone()
    visits: dict[int, list[tuple[dt.date, float, float]]] = defaultdict(list)
    rows = (
        ServiceVisit.objects.filter(
            service__service_unit=service_unit,
            arrived_at__gte=_local_midnight(start),
            arrived_at__lt=_local_midnight(end + dt.timedelta(days=1)),
        )
        .order_by()
        .values_list("service_id", "arrived_at", "started_at", "finished_at")
    )
    for service_id, arrived, started, finished in rows.iterator(chunk_size=5000):
        visits[service_id].append(
            (
                arrived.astimezone(tz).date(),
                (started - arrived).total_seconds() / 60,
                (finished - started).total_seconds() / 60,
            )
        )
    days: dict[int, list[DayFigures]] = defaultdict(list)
    day_rows = (
        ServiceDay.objects.filter(
            service__service_unit=service_unit, date__gte=start, date__lte=end
        )
        .order_by()
        .values_list(
            "service_id", "date", "visits", "wait_median", "wait_p90", "service_median",
            "service_p90",
        )
    )  # fmt: skip
    for service_id, date, count, wm, wp, sm, sp in day_rows:
        days[service_id].append(DayFigures(date, count, wm, wp, sm, sp, wm + sm))

    months = months_between(start, end)
    reports = []
    for service in services:
        mine, daily = visits.get(service.pk, []), days.get(service.pk, [])
        per_month_visits: dict[dt.date, list] = defaultdict(list)
        per_month_days: dict[dt.date, list] = defaultdict(list)
        for row in mine:
            per_month_visits[row[0].replace(day=1)].append(row)
        for row in daily:
            per_month_days[row.date.replace(day=1)].append(row)
        monthly = [(m, bucket_times(per_month_visits[m], per_month_days[m])) for m in months]
        if month is not None:
            overall = dict(monthly).get(month, EMPTY_TIMES)
        else:
            overall = bucket_times(mine, daily)
        reports.append(ServiceReport(service, overall, monthly))
    return reports


# --- Writes -----------------------------------------------------------------------------------

VISIT_FIELDS = ["service", "arrived_at", "started_at", "finished_at"]


@transaction.atomic
def service_visit_record(
    *, actor, service: Service, arrived_at: dt.datetime, started_at: dt.datetime,
    finished_at: dt.datetime,
) -> ServiceVisit:  # fmt: skip
    """Record one visit's times (aware datetimes). Refused when out of order or in the future."""
    problems = visit_problems(arrived_at, started_at, finished_at, now=timezone.now())
    if problems:
        grouped: dict[str, list[str]] = defaultdict(list)
        for name, message in problems:
            grouped[name].append(message)
        raise ValidationError(dict(grouped))
    visit = ServiceVisit.objects.create(
        service=service, arrived_at=arrived_at, started_at=started_at, finished_at=finished_at
    )
    audit_record(
        actor=actor, action="create", instance=visit,
        changes=creation_changes(snapshot(visit, VISIT_FIELDS)),
    )  # fmt: skip
    return visit


# --- Import -----------------------------------------------------------------------------------

DAY_COLUMNS = [
    "TANGGAL", "LAYANAN", "JUMLAH KUNJUNGAN", "MEDIAN TUNGGU", "P90 TUNGGU", "MEDIAN LAYANAN",
    "P90 LAYANAN",
]  # fmt: skip
VISIT_COLUMNS = ["TANGGAL", "LAYANAN", "DATANG", "MULAI", "SELESAI"]
MAX_ROWS = 100_000
MAX_ERRORS = 500
MAX_MINUTES = 24 * 60
BATCH = 2000


@dataclass
class ServiceTimeImportResult(ImportResult):
    kind: str = ""  # "days" or "visits"
    replaced: int = 0
    max_errors: int | None = MAX_ERRORS


_DATE_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def read_date(value) -> dt.date:
    """A date cell: an Excel date, yyyy-mm-dd, or dd/mm/yyyy (also with - or .: day first, as
    Indonesian spreadsheets write it)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = str(value or "").strip().split(" ")[0]
    match = _DATE_YMD.fullmatch(text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _DATE_DMY.fullmatch(text)
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    raise ValueError(text)


def read_time(value) -> dt.time:
    """A time cell: an Excel time, a fraction of a day, or HH:MM / HH.MM (seconds optional)."""
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        seconds = round(value * 86400)
        return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    match = _TIME.fullmatch(str(value or "").strip())
    if match:
        try:
            return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))
        except ValueError:
            pass
    raise ValueError(value)


def read_minutes(value) -> float:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        number = float(str(value or "").strip().replace(",", "."))
    if number != number or number < 0 or number > MAX_MINUTES:  # NaN, negative, absurd
        raise ValueError(value)
    return number


def read_count(value) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").strip().removesuffix(".0")
    if not text.isdigit() or int(text) < 1:
        raise ValueError(value)
    return int(text)


def _name(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def service_times_import(
    *, actor, service_unit: ServiceUnit, upload, name: str, replace: bool = False,
    now: dt.datetime | None = None,
) -> ServiceTimeImportResult:  # fmt: skip
    """Import daily aggregates (TANGGAL, LAYANAN, JUMLAH KUNJUNGAN, MEDIAN TUNGGU, P90 TUNGGU,
    MEDIAN LAYANAN, P90 LAYANAN) or visits (TANGGAL, LAYANAN, DATANG, MULAI, SELESAI) of the
    services of one unit; the header row decides which. All or nothing: any bad row means
    nothing is written. Data already held for a service and day is refused unless `replace`,
    which replaces that day's data of that service."""
    now = now or timezone.now()
    result = ServiceTimeImportResult()
    error = result.error
    header, rows = read_table(upload, name=name)
    if all(c in header for c in DAY_COLUMNS):
        result.kind, columns = "days", DAY_COLUMNS
    elif all(c in header for c in VISIT_COLUMNS):
        result.kind, columns = "visits", VISIT_COLUMNS
    else:
        wanted = VISIT_COLUMNS if {"DATANG", "MULAI", "SELESAI"} & set(header) else DAY_COLUMNS
        require_columns(header, required=wanted)
    services = {_name(s.name): s for s in service_unit.services.all()}
    known = ", ".join(sorted(s.name for s in services.values()))
    today = timezone.localtime(now).date()
    parsed: dict[tuple[int, dt.date], int] = {}  # (service, date) → first row number
    records: list = []

    for number, row in table_rows(header, rows, columns=columns, max_rows=MAX_ROWS):
        try:
            date = read_date(row["TANGGAL"])
        except ValueError:
            error(number, "TANGGAL", row["TANGGAL"],
                  _("Not a date: write it as dd/mm/yyyy or yyyy-mm-dd."))  # fmt: skip
            continue
        if date > today:
            error(number, "TANGGAL", row["TANGGAL"], _("The date lies in the future."))
            continue
        service = services.get(_name(row["LAYANAN"]))
        if service is None:
            error(number, "LAYANAN", row["LAYANAN"],
                  _("This unit has no service of this name. Its services: %(names)s.")
                  % {"names": known or "–"})  # fmt: skip
            continue
        if result.kind == "days":
            record = _day_row(number, row, service, date, error)
            if record is None:
                continue
            first = parsed.setdefault((service.pk, date), number)
            if first != number:
                error(number, "TANGGAL", row["TANGGAL"],
                      _("This service and date already appear in row %(row)d.")
                      % {"row": first})  # fmt: skip
                continue
        else:
            record = _visit_row(number, row, service, date, now, error)
            if record is None:
                continue
            parsed.setdefault((service.pk, date), number)
        records.append(record)

    existing = _existing_keys(result.kind, service_unit, parsed)
    if not replace:
        reason = (
            _("Daily figures of this service for this date already exist. Tick “replace” to "
              "replace them.")
            if result.kind == "days"
            else _("Visits of this service on this date already exist. Tick “replace” to "
                   "replace them.")
        )  # fmt: skip
        for key in sorted(existing, key=parsed.get):
            error(parsed[key], "TANGGAL", key[1].isoformat(), reason)
    if result.errors:
        return result
    require_rows(records)

    with transaction.atomic():
        if existing:
            result.replaced = _delete_existing(result.kind, service_unit, existing)
        model = ServiceDay if result.kind == "days" else ServiceVisit
        model.objects.bulk_create(records, batch_size=BATCH)
        result.created = len(records)
        audit_record(
            actor=actor,
            action="import",
            object_type=model._meta.label_lower,
            object_repr=_("Service times import: %(unit)s") % {"unit": service_unit},
            changes={"created": [0, result.created], "replaced": [0, result.replaced]},
        )
    return result


def _day_row(number, row, service, date, error) -> ServiceDay | None:
    try:
        visits = read_count(row["JUMLAH KUNJUNGAN"])
    except ValueError:
        error(number, "JUMLAH KUNJUNGAN", row["JUMLAH KUNJUNGAN"],
              _("The number of visits must be a whole number of at least 1."))  # fmt: skip
        return None
    values = {}
    for column in ("MEDIAN TUNGGU", "P90 TUNGGU", "MEDIAN LAYANAN", "P90 LAYANAN"):
        try:
            values[column] = read_minutes(row[column])
        except ValueError:
            error(
                number,
                column,
                row[column],
                _("Minutes must be a number from 0 to %(max)d.") % {"max": MAX_MINUTES},
            )
    if len(values) < 4:
        return None
    bad = False
    for median, p90 in (("MEDIAN TUNGGU", "P90 TUNGGU"), ("MEDIAN LAYANAN", "P90 LAYANAN")):
        if values[p90] < values[median]:
            error(number, p90, row[p90],
                  _("The 90th percentile cannot be below the median (%(median)s).")
                  % {"median": f"{values[median]:g}"})  # fmt: skip
            bad = True
    if bad:
        return None
    return ServiceDay(
        service=service, date=date, visits=visits, wait_median=values["MEDIAN TUNGGU"],
        wait_p90=values["P90 TUNGGU"], service_median=values["MEDIAN LAYANAN"],
        service_p90=values["P90 LAYANAN"],
    )  # fmt: skip


def _visit_row(number, row, service, date, now, error) -> ServiceVisit | None:
    times = {}
    for column in ("DATANG", "MULAI", "SELESAI"):
        try:
            times[column] = timezone.make_aware(dt.datetime.combine(date, read_time(row[column])))
        except ValueError:
            error(number, column, row[column], _("Not a time: write it as HH:MM, e.g. 08:30."))
    if len(times) < 3:
        return None
    columns = {"started_at": "MULAI", "finished_at": "SELESAI"}
    problems = visit_problems(times["DATANG"], times["MULAI"], times["SELESAI"], now=now)
    for name, message in problems:
        error(number, columns[name], row[columns[name]], message)
    if problems:
        return None
    return ServiceVisit(
        service=service, arrived_at=times["DATANG"], started_at=times["MULAI"],
        finished_at=times["SELESAI"],
    )  # fmt: skip


def _date_range(keys) -> tuple[dt.date, dt.date]:
    dates = [date for _s, date in keys]
    return min(dates), max(dates)


def _visits_on(service_unit, keys):
    """(id, service id, local date) of the unit's visits on the days of `keys`' range."""
    first, last = _date_range(keys)
    tz = timezone.get_current_timezone()
    rows = ServiceVisit.objects.filter(
        service__service_unit=service_unit,
        arrived_at__gte=_local_midnight(first),
        arrived_at__lt=_local_midnight(last + dt.timedelta(days=1)),
    ).values_list("id", "service_id", "arrived_at")
    for pk, service_id, arrived in rows.iterator(chunk_size=5000):
        yield pk, service_id, arrived.astimezone(tz).date()


def _existing_keys(kind: str, service_unit, keys) -> set[tuple[int, dt.date]]:
    if not keys:
        return set()
    if kind == "days":
        first, last = _date_range(keys)
        held = ServiceDay.objects.filter(
            service__service_unit=service_unit, date__gte=first, date__lte=last
        ).values_list("service_id", "date")
        return set(held) & set(keys)
    return {(s, d) for _pk, s, d in _visits_on(service_unit, keys)} & set(keys)


def _delete_existing(kind: str, service_unit, keys: set) -> int:
    if kind == "days":
        first, last = _date_range(keys)
        ids = [
            pk
            for pk, s, d in ServiceDay.objects.filter(
                service__service_unit=service_unit, date__gte=first, date__lte=last
            ).values_list("id", "service_id", "date")
            if (s, d) in keys
        ]
        model = ServiceDay
    else:
        ids = [pk for pk, s, d in _visits_on(service_unit, keys) if (s, d) in keys]
        model = ServiceVisit
    deleted = 0
    for i in range(0, len(ids), 900):  # SQLite's parameter limit
        deleted += model.objects.filter(pk__in=ids[i : i + 900]).delete()[0]
    return deleted


def month_label(month: dt.date) -> str:
    """`Jan 2026`-style label of a month in the active language."""
    return date_format(month, "M Y")
