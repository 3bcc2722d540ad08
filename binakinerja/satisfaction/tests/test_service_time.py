"""Service times: the statistics by hand, the page, recording a visit and the import."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from binakinerja.core.models import AuditLog
from binakinerja.satisfaction.models import ServiceDay, ServiceVisit
from binakinerja.satisfaction.service_time import (
    DAY_COLUMNS,
    VISIT_COLUMNS,
    DayFigures,
    Summary,
    bucket_times,
    months_between,
    read_date,
    read_time,
    service_times_import,
    service_visit_record,
    summarize,
    unit_service_times,
    visit_problems,
    weighted_median,
)

# --- statistics by hand -------------------------------------------------------------------------


def test_summarize_gives_median_and_inclusive_p90():
    assert summarize([]) == Summary(0, None, None)
    assert summarize([7]) == Summary(1, 7, 7)
    # sorted 1 3 7 10: median (3+7)/2; p90 at position 2.7 → 7 + 0.7 × 3
    result = summarize([10, 1, 7, 3])
    assert result.count == 4 and result.median == 5
    assert result.p90 == pytest.approx(9.1)
    assert summarize(range(1, 12)).p90 == pytest.approx(10)  # 1…11: position 9 → 10


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], None),
        ([(5, 0)], None),  # no weight at all
        ([(3, 1), (1, 1), (2, 1)], 2),  # equal weights: the ordinary median
        ([(1, 1), (2, 1), (3, 1), (4, 1)], 2.5),  # even count: mean of the middle two
        ([(10, 3), (20, 1)], 10),
        ([(10, 1), (20, 3)], 20),
        ([(10, 2), (20, 2)], 15),  # exactly half: between the two
        ([(10, 1), (20, 0), (30, 1)], 20),  # a zero weight does not count
        ([(4, 10), (100, 1), (1, 1)], 4),
    ],
)
def test_weighted_median(pairs, expected):
    assert weighted_median(pairs) == expected


def test_bucket_times_from_visits_is_exact():
    day = dt.date(2025, 3, 3)
    times = bucket_times([(day, 10, 5), (day, 20, 5), (day, 30, 10)], [])
    assert times.exact and times.visits == 3
    assert (times.wait.median, times.service.median, times.total_median) == (20, 5, 25)
    assert times.wait.p90 == pytest.approx(28)


def test_bucket_times_weights_daily_values_and_prefers_visits_for_their_days():
    d1, d2, d3 = dt.date(2025, 3, 3), dt.date(2025, 3, 4), dt.date(2025, 3, 5)
    days = [
        DayFigures(d1, 100, 99, 99, 99, 99, 198),  # ignored: d1 has visits
        DayFigures(d2, 30, 40, 80, 10, 20, 50),
        DayFigures(d3, 10, 20, 30, 5, 9, 25),
    ]
    visits = [(d1, 10, 5), (d1, 12, 5)]
    times = bucket_times(visits, days)
    assert not times.exact
    assert times.visits == 42  # 2 visits + 30 + 10
    # weights: d1 2 (wait median 11), d2 30 (40), d3 10 (20) → 40 carries more than half
    assert times.wait.median == 40
    assert times.wait.p90 == 80
    assert times.total_median == 50
    # nothing at all
    assert bucket_times([], []).empty


def test_slow_only_when_the_total_median_exceeds_a_target():
    times = bucket_times([(dt.date(2025, 1, 2), 40, 21)], [])
    assert times.slow(60) and not times.slow(61) and not times.slow(None)


def test_visit_problems_name_the_field():
    base = timezone.make_aware(dt.datetime(2025, 5, 2, 8, 0))
    now = base + dt.timedelta(days=1)
    minute = dt.timedelta(minutes=1)
    assert visit_problems(base, base, base, now=now) == []
    assert [f for f, _m in visit_problems(base, base - minute, base, now=now)] == ["started_at"]
    assert [f for f, _m in visit_problems(base, base, base - minute, now=now)] == ["finished_at"]
    late = now + minute
    assert [f for f, _m in visit_problems(base, base, late, now=now)] == ["finished_at"]


def test_months_between_and_cell_readers():
    assert months_between(dt.date(2025, 11, 15), dt.date(2026, 2, 1)) == [
        dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)
    ]  # fmt: skip
    assert read_date("02/03/2025") == dt.date(2025, 3, 2)  # day first
    assert read_date("2025-03-02") == read_date(dt.datetime(2025, 3, 2, 0, 0))
    assert read_date(45718) == dt.date(2025, 3, 2)  # Excel serial
    assert read_time("8.05") == dt.time(8, 5) == read_time(8 / 24 + 5 / 1440)
    for bad in ("31/02/2025", "kemarin", ""):
        with pytest.raises(ValueError):
            read_date(bad)
    for bad in ("25:00", "8", None):
        with pytest.raises(ValueError):
            read_time(bad)


# --- the page -----------------------------------------------------------------------------------


def at(date: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(dt.datetime.combine(date, dt.time(hour, minute)))


def add_visits(service, date, rows):
    """rows: (arrival, wait minutes, service minutes)."""
    objs = []
    for arrival, wait, length in rows:
        arrived = at(date, arrival)
        started = arrived + dt.timedelta(minutes=wait)
        objs.append(
            ServiceVisit(service=service, arrived_at=arrived, started_at=started,
                         finished_at=started + dt.timedelta(minutes=length))
        )  # fmt: skip
    ServiceVisit.objects.bulk_create(objs)


def times_url(survey, **params):
    url = reverse("satisfaction:service_times", args=[survey.su_puskesmas.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


@pytest.fixture
def last_year_times(survey):
    """Poli Umum (target 60): total median 70 → slow. KIA (target 45): from daily figures."""
    june = dt.date(survey.year - 1, 6, 3)
    add_visits(survey.svc_umum, june, [("08:00", 40, 20), ("08:10", 50, 20), ("08:20", 60, 30)])
    add_visits(survey.svc_umum, june.replace(month=7), [("09:00", 5, 5)])
    ServiceDay.objects.create(
        service=survey.svc_kia, date=june, visits=30, wait_median=20, wait_p90=35,
        service_median=10, service_p90=15,
    )  # fmt: skip
    return survey


def test_page_shows_the_figures_the_slow_flag_and_the_daily_note(last_year_times, client):
    survey = last_year_times
    client.force_login(survey.pimpinan)
    response = client.get(times_url(survey, period=survey.pk_last.pk))
    assert response.status_code == 200
    reports = {r.service.name: r for r in response.context["reports"]}
    umum, kia = reports["Poli Umum"], reports["KIA"]
    assert umum.overall.visits == 4 and umum.overall.exact
    assert umum.overall.wait.median == 45  # 5, 40, 50, 60
    assert umum.overall.total_median == 65  # 10, 60, 70, 90
    assert umum.slow and not kia.slow
    assert (kia.overall.visits, kia.overall.wait.median, kia.overall.total_median) == (30, 20, 30)
    assert not kia.overall.exact and response.context["from_days"]
    html = response.content.decode()
    assert html.count('class="badge slow"') == 2  # the period row and June's row of Poli Umum
    assert ("65,0" in html or "65.0" in html) and "<svg" in html
    # pimpinan reads but does not get the recording links
    assert reverse("satisfaction:service_visit_add", args=[survey.su_puskesmas.pk]) not in html


def test_page_defaults_to_the_latest_period_and_filters_a_month(last_year_times, client):
    survey = last_year_times
    client.force_login(survey.operator_a)
    response = client.get(times_url(survey))
    assert response.context["range_key"] == str(survey.pk_open.pk)
    assert len(response.context["months"]) == timezone.localdate().month  # none in the future
    assert all(r.overall.empty for r in response.context["reports"])
    july = f"{survey.year - 1}-07"
    response = client.get(times_url(survey, period=survey.pk_last.pk, month=july))
    umum = next(r for r in response.context["reports"] if r.service.name == "Poli Umum")
    assert umum.overall.visits == 1 and umum.overall.total_median == 10 and not umum.slow
    assert response.context["month"] == july
    html = response.content.decode()
    assert reverse("satisfaction:service_visit_add", args=[survey.su_puskesmas.pk]) in html


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_queries_are_bounded_and_do_not_grow_with_the_data(survey, client):
    client.force_login(survey.operator_a)
    url = times_url(survey, period=survey.pk_last.pk)
    june = dt.date(survey.year - 1, 6, 3)
    add_visits(survey.svc_umum, june, [("08:00", 10, 10)])
    small = count_queries(client, url)
    for day in range(1, 28):
        date = dt.date(survey.year - 1, 3, day)
        add_visits(survey.svc_kia, date, [(f"08:{m:02d}", m, 7) for m in range(0, 60, 3)])
        ServiceDay.objects.create(
            service=survey.svc_umum, date=date.replace(month=4), visits=20, wait_median=10,
            wait_p90=20, service_median=5, service_p90=8,
        )  # fmt: skip
    assert ServiceVisit.objects.count() > 500
    large = count_queries(client, url)
    assert large == small
    assert large <= 13, large  # 12 + the header's unread-notification count


def test_unit_service_times_costs_three_queries(last_year_times, django_assert_num_queries):
    survey = last_year_times
    with django_assert_num_queries(3):
        reports = unit_service_times(
            survey.su_puskesmas, survey.pk_last.starts_on, survey.pk_last.ends_on
        )
    assert len(reports) == 2 and len(reports[0].months) == 12


# --- recording a visit --------------------------------------------------------------------------


def visit_url(survey, unit=None):
    return reverse("satisfaction:service_visit_add", args=[(unit or survey.su_puskesmas).pk])


def visit_post(survey, **over):
    data = {"service": survey.svc_umum.pk, "date": f"{survey.year - 1}-06-03",
            "arrived": "08:00", "started": "08:25", "finished": "08:40"}  # fmt: skip
    data.update(over)
    return data


def test_manager_records_a_visit_with_one_audit_record(survey, client):
    client.force_login(survey.operator_a)
    assert client.get(visit_url(survey)).status_code == 200
    response = client.post(visit_url(survey), visit_post(survey))
    assert response.status_code == 302
    assert f"service={survey.svc_umum.pk}" in response["Location"]
    visit = ServiceVisit.objects.get()
    assert visit.started_at - visit.arrived_at == dt.timedelta(minutes=25)
    assert timezone.localtime(visit.arrived_at).hour == 8
    audit = AuditLog.objects.get(object_type="satisfaction.servicevisit")
    assert audit.action == "create" and audit.actor == survey.operator_a


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"started": "07:55"}, "started"),
        ({"finished": "08:20"}, "finished"),
        ({"date": "2999-01-01"}, "finished"),
        ({"arrived": "8 pagi"}, "arrived"),
        ({"date": ""}, "date"),
    ],
)
def test_refused_visits_rerender_and_write_nothing(survey, client, over, field):
    client.force_login(survey.operator_a)
    response = client.post(visit_url(survey), visit_post(survey, **over))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ServiceVisit.objects.exists()


def test_a_service_of_another_unit_is_refused(survey, client):
    client.force_login(survey.operator_a)
    response = client.post(visit_url(survey), visit_post(survey, service=survey.svc_ktp.pk))
    assert response.status_code == 200 and "service" in response.context["form"].errors
    assert not ServiceVisit.objects.exists()


def test_recording_is_scoped(survey, client):
    client.force_login(survey.operator_b)
    assert client.post(visit_url(survey), visit_post(survey)).status_code == 404
    client.force_login(survey.pimpinan)
    assert client.post(visit_url(survey), visit_post(survey)).status_code == 403
    assert not ServiceVisit.objects.exists()


def test_the_service_refuses_times_out_of_order(survey):
    start = at(dt.date(survey.year - 1, 6, 3), "09:00")
    with pytest.raises(ValidationError) as caught:
        service_visit_record(
            actor=survey.operator_a, service=survey.svc_umum, arrived_at=start,
            started_at=start - dt.timedelta(minutes=1), finished_at=start,
        )  # fmt: skip
    assert "started_at" in caught.value.message_dict
    assert (
        not ServiceVisit.objects.exists()
        and not AuditLog.objects.filter(object_type="satisfaction.servicevisit").exists()
    )


# --- import -------------------------------------------------------------------------------------


def xlsx(header, rows, name="waktu.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(header, rows, name="waktu.csv", delimiter=";"):
    lines = [delimiter.join(header)] + [delimiter.join(str(c) for c in row) for row in rows]
    return SimpleUploadedFile(name, ("\ufeff" + "\r\n".join(lines)).encode())


def import_url(survey):
    return reverse("satisfaction:service_time_import", args=[survey.su_puskesmas.pk])


def day_rows(survey):
    y = survey.year - 1
    return [
        [f"{y}-06-02", "Poli Umum", 42, 18, 45, 12, 25],
        [f"03/06/{y}", "poli umum", 38, 15.5, 30, 11, 20],
        [dt.datetime(y, 6, 2), "KIA", 12, "9,5", 14, 8, 12],
    ]


def test_daily_figures_import_then_duplicates_refused_unless_replace(survey, client):
    client.force_login(survey.operator_a)
    response = client.post(import_url(survey), {"file": xlsx(DAY_COLUMNS, day_rows(survey))})
    assert response.status_code == 302
    assert ServiceDay.objects.count() == 3
    kia = ServiceDay.objects.get(service=survey.svc_kia)
    assert (kia.visits, kia.wait_median, kia.service_p90) == (12, 9.5, 12)
    assert AuditLog.objects.filter(action="import", object_type="satisfaction.serviceday").exists()

    changed = [[*row[:2], 50, *row[3:]] for row in day_rows(survey)]
    response = client.post(import_url(survey), {"file": xlsx(DAY_COLUMNS, changed)})
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(row, column) for row, column, _v, _r in errors] == [
        (2, "TANGGAL"), (3, "TANGGAL"), (4, "TANGGAL")
    ]  # fmt: skip
    assert set(ServiceDay.objects.values_list("visits", flat=True)) == {42, 38, 12}

    response = client.post(
        import_url(survey), {"file": xlsx(DAY_COLUMNS, changed), "replace": "on"}
    )
    assert response.status_code == 302
    assert list(ServiceDay.objects.values_list("visits", flat=True).distinct()) == [50]
    assert ServiceDay.objects.count() == 3


def test_visits_import_from_a_semicolon_csv(survey, client):
    client.force_login(survey.operator_a)
    y = survey.year - 1
    rows = [
        [f"02/06/{y}", "Poli Umum", "08:00", "08:20", "08:35"],
        [f"02/06/{y}", "Poli Umum", "08.05", "08.30", "08.41"],
        [f"{y}-06-03", "KIA", "09:00", "09:00", "09:10"],
    ]
    response = client.post(import_url(survey), {"file": csv_file(VISIT_COLUMNS, rows)})
    assert response.status_code == 302
    assert ServiceVisit.objects.count() == 3
    # the same day again is refused, nothing added
    again = client.post(import_url(survey), {"file": csv_file(VISIT_COLUMNS, rows[:1])})
    assert again.status_code == 200 and ServiceVisit.objects.count() == 3
    replaced = client.post(
        import_url(survey), {"file": csv_file(VISIT_COLUMNS, rows[:1]), "replace": "on"}
    )
    assert replaced.status_code == 302
    assert ServiceVisit.objects.filter(service=survey.svc_umum).count() == 1


def bad_day(survey, **cells):
    row = dict(zip(DAY_COLUMNS, day_rows(survey)[0], strict=True))
    row.update(cells)
    return [row[c] for c in DAY_COLUMNS]


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"TANGGAL": "31/02/2025"}, "TANGGAL"),
        ({"TANGGAL": "2999-01-01"}, "TANGGAL"),
        ({"LAYANAN": "Poli Mata"}, "LAYANAN"),
        ({"JUMLAH KUNJUNGAN": -3}, "JUMLAH KUNJUNGAN"),
        ({"JUMLAH KUNJUNGAN": 2.5}, "JUMLAH KUNJUNGAN"),
        ({"MEDIAN TUNGGU": -1}, "MEDIAN TUNGGU"),
        ({"P90 LAYANAN": "lama"}, "P90 LAYANAN"),
        ({"P90 TUNGGU": 10}, "P90 TUNGGU"),  # below its median 18
        ({"P90 LAYANAN": 5}, "P90 LAYANAN"),  # below its median 12
    ],
)
def test_each_bad_daily_cell_is_reported_and_nothing_written(survey, cells, column):
    rows = [day_rows(survey)[2], bad_day(survey, **cells)]
    result = service_times_import(
        actor=survey.operator_a, service_unit=survey.su_puskesmas,
        upload=xlsx(DAY_COLUMNS, rows), name="waktu.xlsx",
    )  # fmt: skip
    assert not result.ok
    assert [(row, col) for row, col, _v, _r in result.errors] == [(3, column)]
    assert all(reason for *_rest, reason in result.errors)
    assert not ServiceDay.objects.exists()


def test_a_day_twice_in_one_file_is_refused(survey):
    rows = [day_rows(survey)[0], day_rows(survey)[0]]
    result = service_times_import(
        actor=survey.operator_a, service_unit=survey.su_puskesmas,
        upload=xlsx(DAY_COLUMNS, rows), name="waktu.xlsx",
    )  # fmt: skip
    assert [(row, col) for row, col, _v, _r in result.errors] == [(3, "TANGGAL")]
    assert not ServiceDay.objects.exists()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["2025-06-02", "Poli Umum", "08:00", "07:50", "08:10"], "MULAI"),
        (["2025-06-02", "Poli Umum", "08:00", "08:10", "08:05"], "SELESAI"),
        (["2025-06-02", "Poli Umum", "jam 8", "08:10", "08:15"], "DATANG"),
        (["2025-06-02", "KTP-el", "08:00", "08:10", "08:15"], "LAYANAN"),  # another unit's
    ],
)
def test_each_bad_visit_row_is_reported_and_nothing_written(survey, row, column):
    good = ["2025-06-02", "KIA", "08:00", "08:10", "08:15"]
    result = service_times_import(
        actor=survey.operator_a, service_unit=survey.su_puskesmas,
        upload=csv_file(VISIT_COLUMNS, [good, row]), name="waktu.csv",
    )  # fmt: skip
    assert [(r, c) for r, c, _v, _m in result.errors] == [(3, column)]
    assert not ServiceVisit.objects.exists()


def test_a_file_without_the_columns_or_unreadable_is_refused_with_a_message(survey, client):
    client.force_login(survey.operator_a)
    header = [c for c in DAY_COLUMNS if c != "P90 TUNGGU"]
    response = client.post(import_url(survey), {"file": xlsx(header, [])})
    assert response.status_code == 200
    assert "P90 TUNGGU" in " ".join(str(m) for m in response.context["messages"])
    broken = SimpleUploadedFile("waktu.xlsx", b"not a workbook")
    assert client.post(import_url(survey), {"file": broken}).status_code == 200
    wrong_type = SimpleUploadedFile("waktu.pdf", b"%PDF")
    assert client.post(import_url(survey), {"file": wrong_type}).status_code == 200
    assert not ServiceDay.objects.exists() and not ServiceVisit.objects.exists()


def test_template_download_has_the_columns(survey, client):
    client.force_login(survey.operator_a)
    response = client.get(import_url(survey) + "?template=days")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == DAY_COLUMNS
    assert sheet["B2"].value in {"KIA", "Poli Umum"}
