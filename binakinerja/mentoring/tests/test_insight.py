"""Mentoring figures (issue 14 §7): the summary per OPD against hand-worked numbers, masked for
pimpinan (page and exports), the effectiveness comparison with its caveats, and both in a
constant number of queries however many pairs there are."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from binakinerja.competencies.models import (
    AssessmentMethod,
    Competency,
    CompetencyAssessment,
    PositionStandard,
)
from binakinerja.competencies.services import assessments_mark_current
from binakinerja.competencies.testing import ensure_dictionary
from binakinerja.core.testing import make_employee, response_text
from binakinerja.mentoring import insight, services
from binakinerja.mentoring.models import MentoringCycle, MentorOffer, Pair
from binakinerja.people.models import Position, PositionKind
from binakinerja.performance.testing import _periods, _skp

# --- the summary --------------------------------------------------------------------------------


def _pair(cycle, mentor, mentee, status, *, accepted_days_ago=0):
    accepted = timezone.now() - dt.timedelta(days=accepted_days_ago)
    return Pair.objects.create(
        cycle=cycle, mentor=mentor, mentee=mentee, status=status,
        mentor_accepted_at=accepted, mentee_accepted_at=accepted,
    )  # fmt: skip


@pytest.fixture
def s(world, settings):
    """The persona mentoring world plus: the teacher (Dikbud) mentors a Dinkes nurse across
    OPDs (active since 90 days, no session: inactive) and closed a pair with a Dikbud
    colleague; a cancelled pair, a pair of last year's cycle and one of the city are left out.
    Siti's pair has one confirmed session of 100 minutes (2 JP) and one unconfirmed."""
    from binakinerja.mentoring.testing import build_mentoring_world

    settings.MENTORING_INACTIVE_DAYS = 30
    w = build_mentoring_world(world)
    w.nurse = make_employee(w.puskesmas, "Nurse Lintas")
    w.colleague = make_employee(w.dikbud, "Guru Rekan")
    w.dropped = make_employee(w.puskesmas, "Batal Satu")
    MentorOffer.objects.create(cycle=w.cycle, mentor=w.teacher, capacity=3)
    MentorOffer.objects.create(cycle=w.cycle, mentor=w.atasan, capacity=1, status="withdrawn")
    _pair(w.cycle, w.teacher, w.nurse, Pair.Status.ACTIVE, accepted_days_ago=90)
    _pair(w.cycle, w.teacher, w.colleague, Pair.Status.CLOSED)
    _pair(w.cycle, w.teacher, w.dropped, Pair.Status.CANCELLED)
    old = MentoringCycle.objects.create(
        instansi=w.prov, year=w.cycle.year - 1, name="Lama", coordinator=w.admin,
        start=dt.date(w.cycle.year - 1, 1, 1), end=dt.date(w.cycle.year - 1, 12, 1),
    )  # fmt: skip
    _pair(old, w.teacher, w.dropped, Pair.Status.CLOSED)
    city = MentoringCycle.objects.create(
        instansi=w.kota, year=w.cycle.year, name="Kota", coordinator=w.admin,
        start=w.cycle.start, end=w.cycle.end,
    )  # fmt: skip
    _pair(city, make_employee(w.kota_opd, "Mentor Kota"), w.kota_employee, Pair.Status.ACTIVE)

    today = timezone.localdate()
    # Minutes ÷ 45 rounded down (the default NKL02 conversion): 100 minutes → 2 JP.
    session = services.session_log(actor=w.asn_user, pair=w.pair, date=today, minutes=100,
                                   topic="Asuhan keperawatan")  # fmt: skip
    services.session_confirm(actor=w.mentor, session=session)
    services.session_log(actor=w.asn_user, pair=w.pair, date=today - dt.timedelta(days=1),
                         minutes=60, topic="Dokumentasi")  # fmt: skip
    return w


def _rows(report):
    return {row.unit.name: row for row in report.units}


def test_summary_counts_per_opd_and_in_total(s):
    report = insight.mentoring_summary(s.prov, s.cycle.year)
    rows = _rows(report)
    assert list(rows) == ["Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan"]
    dinkes, dikbud, total = rows["Dinas Kesehatan"], rows["Dinas Pendidikan dan Kebudayaan"], \
        report.total  # fmt: skip
    # Dinkes: Hendra offers; Siti (active), Andi (proposed), the nurse (active, cross-OPD,
    # inactive); one confirmed session; 2 JP.
    assert (dinkes.mentors, dinkes.mentees, dinkes.pairs, dinkes.active, dinkes.inactive) == (
        1, 3, 3, 2, 1)  # fmt: skip
    assert (dinkes.sessions, dinkes.jp, dinkes.cross_opd, dinkes.cross_share) == (
        1, Decimal(2), 1, 33)  # fmt: skip
    # Dikbud: the teacher offers (withdrawn offers do not count); one closed pair inside Dikbud.
    assert (dikbud.mentors, dikbud.mentees, dikbud.active, dikbud.inactive, dikbud.sessions,
            dikbud.jp, dikbud.cross_share) == (1, 1, 0, 0, 0, 0, 0)  # fmt: skip
    assert (total.mentors, total.mentees, total.pairs, total.active, total.inactive) == (
        2, 4, 4, 2, 1)  # fmt: skip
    assert (total.sessions, total.jp, total.cross_share) == (1, Decimal(2), 25)


def test_summary_of_an_opd_counts_its_subunits_and_narrows_to_the_readers_employees(s):
    from binakinerja.people.models import Employee

    report = insight.mentoring_summary(s.dinkes, s.cycle.year)
    own, puskesmas = report.units
    # Hendra works at Dinkes itself, above the puskesmas: a row of the unit's own staff.
    assert (own.unit, own.is_root, own.mentors, own.mentees) == (s.dinkes, True, 1, 0)
    assert (puskesmas.unit.name, puskesmas.mentors, puskesmas.mentees) == ("Puskesmas Limboto",
                                                                            0, 3)  # fmt: skip
    assert (report.total.mentors, report.total.mentees, report.total.inactive) == (1, 3, 1)
    narrowed = insight.mentoring_summary(
        s.prov, s.cycle.year, employees=Employee.objects.filter(pk__in=[s.asn.pk, s.teacher.pk])
    )
    assert (narrowed.total.mentees, narrowed.total.mentors, narrowed.total.sessions) == (1, 1, 1)


def test_summary_of_another_year_is_empty(s):
    report = insight.mentoring_summary(s.prov, s.cycle.year + 1)
    assert (report.total.mentees, report.total.pairs, report.total.cross_share) == (0, 0, None)


def test_summary_runs_a_constant_number_of_queries(s):
    with CaptureQueriesContext(connection) as small:
        insight.mentoring_summary(s.prov, s.cycle.year)
    for i in range(12):
        mentee = make_employee(s.dikbud if i % 2 else s.puskesmas, f"Tambahan {i}")
        _pair(s.cycle, s.teacher if i % 3 else s.mentor_employee, mentee, Pair.Status.ACTIVE,
              accepted_days_ago=i * 10)  # fmt: skip
    with CaptureQueriesContext(connection) as large:
        report = insight.mentoring_summary(s.prov, s.cycle.year)
    assert report.total.mentees == 16
    assert len(large) == len(small) == 6


def test_pimpinan_reads_masked_figures_and_no_person(client, s):
    client.force_login(s.pimpinan)
    url = reverse("mentoring:summary", args=[s.prov.pk, s.cycle.year])
    with override("id"):
        page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert '">&lt; 5</td>' in text  # a masked cell, not only the note about masking
    for person in (s.asn, s.asn_peer, s.nurse, s.mentor_employee, s.teacher):
        assert person.name not in text and person.nip not in text
    export = client.get(url + "?format=csv")
    csv = response_text(export)
    assert "Dinas Kesehatan;< 5;< 5;" in csv
    assert "Jumlah;< 5;< 5;< 5;< 5;< 5;< 5;< 5" in csv


def test_admin_reads_the_numbers_in_the_page_and_the_exports(client, s):
    client.force_login(s.admin)
    url = reverse("mentoring:summary", args=[s.prov.pk, s.cycle.year])
    page = client.get(url)
    assert page.status_code == 200 and "&lt; 5" not in page.content.decode()
    assert '<rect height="10" width="33"/>' in page.content.decode()  # the cross-OPD bar
    csv = response_text(client.get(url + "?format=csv"))
    assert "Dinas Kesehatan;1;3;2;1;1;2;33" in csv
    assert "Jumlah;2;4;2;1;1;2;25" in csv
    xlsx = response_text(client.get(url + "?format=xlsx"))
    assert "Jumlah\t2\t4\t2\t1\t1\t2\t25" in xlsx
    assert client.get(url + "?format=pdf").status_code == 404


def test_summary_start_sends_pimpinan_to_their_province_this_year(client, s):
    client.force_login(s.pimpinan)
    response = client.get(reverse("mentoring:summary_start"))
    assert response["Location"] == reverse(
        "mentoring:summary", args=[s.prov.pk, timezone.localdate().year]
    )


# --- effectiveness ------------------------------------------------------------------------------

START = dt.date(2025, 2, 1)
BEFORE, AFTER = dt.date(2025, 1, 10), dt.date(2025, 9, 1)


def _assess(employee, levels: dict, day: dt.date):
    for code, level in levels.items():
        CompetencyAssessment.objects.create(
            employee=employee, competency=Competency.objects.get(code=code), level=level,
            assessed_on=day, method=AssessmentMethod.UJI_KOMPETENSI,
        )  # fmt: skip


def _predikat(employee, year: int, predikat: str, instansi):
    _skp(employee, year=year, status="assessed", periods=_periods(instansi, year),
         predikat=predikat)  # fmt: skip


@pytest.fixture
def e(world, settings):
    """A 2025 cycle (start 1 Feb 2025), AGGREGATE_MIN_GROUP 3. The analyst jabatan requires
    M1 and M2 at level 3. Mentored: A1–A3 by mentor P, A4 by mentor Q. Comparison (unmatched at
    the last run): C1–C3 (C3 without a jabatan); A1 was unmatched but paired by hand since, D
    has a proposed pair — neither is in the comparison.

    Gaps (start → now): A1 3 → 1, A2 3 → 2, A3 3 → 3 (not re-assessed), A4 3 → 2;
    C1 2 → 1, C2 2 → 2, C3 no standard. Predikat 2024 → 2025: A1 better, A2 same, A3 worse,
    A4 none; C1 same, C2 better."""
    from binakinerja.mentoring.testing import build_mentoring_world

    settings.AGGREGATE_MIN_GROUP = 3
    ensure_dictionary()
    w = build_mentoring_world(world)
    analyst = Position.objects.create(name="Analis", kind=PositionKind.PELAKSANA,
                                      unit=w.puskesmas)  # fmt: skip
    for code in ("M1", "M2"):
        PositionStandard.objects.create(position=analyst, competency=Competency.objects.get(
            code=code), level=3)  # fmt: skip
    w.e_cycle = MentoringCycle.objects.create(
        instansi=w.prov, year=2025, name="Mentoring 2025", coordinator=w.admin, start=START,
        end=dt.date(2025, 12, 15), status=MentoringCycle.Status.RUNNING,
    )  # fmt: skip
    person = {}
    for name in ("A1", "A2", "A3", "A4", "C1", "C2", "D"):
        person[name] = make_employee(w.puskesmas, f"Pegawai {name}", position=analyst)
    person["C3"] = make_employee(w.puskesmas, "Pegawai C3")
    person["P"] = make_employee(w.dinkes, "Mentor Pertama")
    person["Q"] = make_employee(w.dikbud, "Mentor Kedua")
    for name in ("A1", "A2", "A3", "A4"):
        _assess(person[name], {"M1": 1, "M2": 2}, BEFORE)
    for name in ("C1", "C2", "C3"):
        _assess(person[name], {"M1": 2, "M2": 2}, BEFORE)
    _assess(person["A1"], {"M1": 3}, AFTER)
    _assess(person["A2"], {"M2": 3}, AFTER)
    _assess(person["A4"], {"M1": 2}, AFTER)
    _assess(person["C1"], {"M1": 3}, AFTER)
    assessments_mark_current(employee_ids=[p.pk for p in person.values()])
    for name, before, after in (("A1", "butuh_perbaikan", "baik"), ("A2", "baik", "baik"),
                                ("A3", "baik", "butuh_perbaikan"), ("C1", "baik", "baik"),
                                ("C2", "butuh_perbaikan", "baik")):  # fmt: skip
        _predikat(person[name], 2024, before, w.prov)
        _predikat(person[name], 2025, after, w.prov)
    for name in ("A1", "A2", "A3"):
        _pair(w.e_cycle, person["P"], person[name],
              Pair.Status.CLOSED if name == "A3" else Pair.Status.ACTIVE)  # fmt: skip
    _pair(w.e_cycle, person["Q"], person["A4"], Pair.Status.ACTIVE)
    _pair(w.e_cycle, person["Q"], person["D"], Pair.Status.PROPOSED)
    _pair(w.e_cycle, person["Q"], person["C2"], Pair.Status.CANCELLED)  # still unmentored
    w.e_cycle.last_run = {"unmatched": {str(person[n].pk): "-" for n in ("A1", "C1", "C2", "C3",
                                                                         "D")}}  # fmt: skip
    w.person = person
    return w


def test_effectiveness_compares_mentored_with_unmentored_by_hand(e):
    report = insight.mentor_effectiveness(e.e_cycle, today=dt.date(2026, 12, 5))
    m, c = report.mentored, report.comparison
    assert report.comparison_source == "last_run"
    assert (m.people, m.with_standard, m.gap_start, m.gap_now) == (4, 4, 12, 8)
    assert (m.gap_start_mean, m.gap_now_mean, m.closure_mean) == (
        Decimal("3.00"), Decimal("2.00"), Decimal("1.00"))  # fmt: skip
    assert (m.closed_share, m.reassessed_share) == (75, 75)
    assert (m.with_predikat, m.improved, m.same, m.worse, m.improved_share) == (3, 1, 1, 1, 33)
    assert (c.people, c.with_standard, c.gap_start, c.gap_now, c.closure_mean) == (
        3, 2, 4, 3, Decimal("0.50"))  # fmt: skip
    assert (c.closed_share, c.with_predikat, c.improved_share, c.worse_share) == (50, 2, 50, 0)
    assert report.predikat_years == (2024, 2025)


def test_mentors_with_few_mentees_are_merged(e):
    report = insight.mentor_effectiveness(e.e_cycle, today=dt.date(2026, 12, 5))
    first, merged = report.mentors
    assert first.mentor == e.person["P"]
    assert (first.figures.people, first.figures.closure_mean, first.figures.closed_share,
            first.figures.improved_share) == (3, Decimal("1.00"), 67, 33)  # fmt: skip
    assert merged.mentor is None and merged.mentors == 1
    assert (merged.figures.people, merged.figures.closure) == (1, 1)
    assert merged.figures.small


def test_caveats_are_plain_indonesian_and_follow_the_data(e):
    with override("id"):
        late = insight.mentor_effectiveness(e.e_cycle, today=dt.date(2026, 12, 5)).caveats
        early = insight.mentor_effectiveness(e.e_cycle, today=dt.date(2026, 1, 20)).caveats
    text = " ".join(late)
    assert "acak" in text  # not randomised
    assert "kebutuhan" in text  # chosen by need
    assert "dinilai ulang" in text  # re-assessment lags
    assert "kecil" in text  # small groups
    assert not any("2025" in caveat for caveat in late)  # predikat 2025 final by December 2026
    assert any("2025" in caveat and "predikat" in caveat.lower() for caveat in early)


def test_without_a_matching_run_the_comparison_comes_from_todays_needs(e):
    e.e_cycle.last_run = {}
    with override("id"):
        report = insight.mentor_effectiveness(e.e_cycle, today=dt.date(2026, 12, 5))
    assert report.comparison_source == "needs_now"
    # Today C1 (M2 one level short) and C2 (both one level short) need mentoring; the paired
    # A1–A4 and D are not comparison, nor C3 (no jabatan standard, no other need).
    assert report.comparison.people == 2
    assert (report.comparison.gap_start, report.comparison.gap_now) == (4, 3)
    assert "kebutuhan hari ini" in report.caveats[-1]


def test_effectiveness_runs_a_constant_number_of_queries(e):
    with CaptureQueriesContext(connection) as small:
        insight.mentor_effectiveness(e.e_cycle, today=dt.date(2026, 12, 5))
    analyst = e.person["A1"].position
    extra = {}
    for i in range(10):
        mentee = make_employee(e.puskesmas, f"Tambahan {i}", position=analyst)
        _assess(mentee, {"M1": 1}, BEFORE)
        _pair(e.e_cycle, e.person["P" if i % 2 else "Q"], mentee, Pair.Status.ACTIVE)
        other = make_employee(e.puskesmas, f"Tanpa mentor {i}", position=analyst)
        extra[str(other.pk)] = "-"
    e.e_cycle.last_run = {"unmatched": {**e.e_cycle.last_run["unmatched"], **extra}}
    with CaptureQueriesContext(connection) as large:
        report = insight.mentor_effectiveness(e.e_cycle, today=dt.date(2026, 12, 5))
    assert (report.mentored.people, report.comparison.people) == (14, 13)
    assert len(large) == len(small) == 6


def test_effectiveness_figures_are_kept_for_the_day_and_computed_again_on_request(e):
    day = timezone.localdate()
    first, at = insight.effectiveness_snapshot(e.e_cycle, today=day)
    assert first.mentored.gap_now == 8
    # A3 is re-assessed at the standard: the kept figures do not move until asked to.
    _assess(e.person["A3"], {"M1": 3, "M2": 3}, AFTER + dt.timedelta(days=1))
    assessments_mark_current(employee_ids=[e.person["A3"].pk])
    with CaptureQueriesContext(connection) as reading:
        kept, kept_at = insight.effectiveness_snapshot(e.e_cycle, today=day)
    assert kept_at == at and len(reading) == 2  # the kept figures, the mentors' names
    assert insight.snapshot_data(kept) == insight.snapshot_data(first)
    assert kept.caveats == first.caveats
    assert [(r.mentor, r.figures.label, r.mentors) for r in kept.mentors] == [
        (r.mentor, r.figures.label, r.mentors) for r in first.mentors]  # fmt: skip
    fresh, fresh_at = insight.effectiveness_snapshot(e.e_cycle, refresh=True, today=day)
    assert fresh.mentored.gap_now == 5 and fresh_at > at  # A3: 3 → 0
    # The next day computes again without being asked.
    Pair.objects.filter(cycle=e.e_cycle, mentee=e.person["A3"]).update(
        status=Pair.Status.CANCELLED)  # fmt: skip
    tomorrow, tomorrow_at = insight.effectiveness_snapshot(
        e.e_cycle, today=day + dt.timedelta(days=1))  # fmt: skip
    assert tomorrow_at > fresh_at and tomorrow.mentored.people == 3


def test_kept_figures_are_read_back_in_the_readers_language(e):
    day = timezone.localdate()
    with override("en"):
        insight.effectiveness_snapshot(e.e_cycle, today=day)
    with override("id"):
        report, _at = insight.effectiveness_snapshot(e.e_cycle, today=day)
    assert report.mentored.label == "Mendapat mentor"
    assert "acak" in " ".join(report.caveats)


def test_effectiveness_page_for_the_coordinator(client, e):
    e.e_cycle.save()
    client.force_login(e.admin)
    with override("id"):
        page = client.get(reverse("mentoring:effectiveness", args=[e.e_cycle.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Mentor Pertama" in text  # three mentees: named
    assert "Mentor Kedua" not in text  # one mentee: merged
    assert "acak" in text
    assert "Hitung ulang sekarang" in text
    _assess(e.person["A3"], {"M1": 3, "M2": 3}, AFTER + dt.timedelta(days=1))
    assessments_mark_current(employee_ids=[e.person["A3"].pk])
    with override("id"):
        done = client.post(reverse("mentoring:effectiveness_refresh", args=[e.e_cycle.pk]),
                           follow=True)  # fmt: skip
    assert "dihitung ulang" in done.content.decode()
    assert e.e_cycle.effectiveness_snapshot.data["mentored"]["gap_now"] == 5


def test_effectiveness_is_refused_to_the_cycles_mentee_and_hidden_from_pimpinan(client, e):
    _pair(e.e_cycle, e.person["P"], e.asn, Pair.Status.ACTIVE)
    url = reverse("mentoring:effectiveness", args=[e.e_cycle.pk])
    client.force_login(e.asn_user)
    assert client.get(url).status_code == 403
    client.force_login(e.operator_a)  # the province's cycle is not an OPD's
    assert client.get(url).status_code == 404
    client.force_login(e.pimpinan)
    assert client.get(url).status_code == 404
