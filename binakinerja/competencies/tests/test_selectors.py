"""Selectors of competencies and talent: latest values, gaps/JPM, heat map, 9-box."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from binakinerja.competencies.models import (
    AssessmentMethod,
    CompetencyAssessment,
    PotentialAssessment,
)
from binakinerja.competencies.selectors import (
    employee_gap_rows,
    gap_sums,
    heat_map,
    latest_kinerja,
    latest_levels,
    latest_potential,
    nine_box_grid,
    required_levels,
)
from binakinerja.competencies.services import assessments_mark_current
from binakinerja.core.testing import make_employee
from binakinerja.performance.models import Period, Skp, SkpAssessment

MANAGERIAL = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"]


def periods_of(w, year):
    """The quarter and annual periods of `year` for the province (created once)."""
    from binakinerja.performance.rules import period_dates

    result = {}
    for kind in Period.Kind.values:
        start, end = period_dates(year, kind)
        result[kind], _ = Period.objects.get_or_create(
            instansi=w.prov, year=year, kind=kind, defaults={"start": start, "end": end}
        )
    return result


def rate(w, employee, year, hasil_kerja, kind="annual"):
    skp, _ = Skp.objects.get_or_create(employee=employee, year=year)
    return SkpAssessment.objects.create(
        skp=skp, period=periods_of(w, year)[kind], hasil_kerja=hasil_kerja,
        perilaku_kerja="sesuai", predikat="baik", reason="-", assessed_by=w.atasan,
    )  # fmt: skip


# --- latest values --------------------------------------------------------------------------


def test_latest_levels_picks_the_newest_assessment_in_one_query(talent, django_assert_num_queries):
    with django_assert_num_queries(1):
        levels = latest_levels([talent.asn.pk, talent.atasan.pk, talent.teacher.pk])
    assert levels[talent.asn.pk] == {"M1": 1, "T-KEP-1": 1}  # the 2024 level 2 is history
    assert levels[talent.atasan.pk]["M8"] == 1
    assert levels[talent.atasan.pk]["M1"] == 3
    assert talent.teacher.pk not in levels


def test_latest_levels_breaks_a_same_day_tie_by_the_newer_record(talent):
    day = dt.date(2026, 2, 1)  # same day as the ASN's level 1
    CompetencyAssessment.objects.create(
        employee=talent.asn, competency=talent.competencies["M1"], level=4, assessed_on=day,
        method=AssessmentMethod.SUPERVISOR,
    )  # fmt: skip
    assessments_mark_current(employee_ids=[talent.asn.pk])
    assert latest_levels([talent.asn.pk])[talent.asn.pk]["M1"] == 4
    assert latest_levels([]) == {}


def test_gap_sums_match_the_gaps_rule_in_one_query(talent, django_assert_num_queries):
    from binakinerja.competencies.rules import gaps
    from binakinerja.people.models import Employee

    people = Employee.objects.filter(pk__in=[talent.asn.pk, talent.atasan.pk, talent.teacher.pk])
    with django_assert_num_queries(1):
        sums = gap_sums(people)
    required = required_levels(p.position_id for p in people)
    levels = latest_levels(p.pk for p in people)
    expected = {
        p.pk: sum(g for g in gaps(required[p.position_id], levels.get(p.pk, {})).values() if g > 0)
        for p in people
        if p.position_id in required
    }
    assert sums == expected and expected  # never-assessed counts as level 0, as in the rule
    assert gap_sums(Employee.objects.none()) == {}


def test_required_levels_per_position_in_one_query(talent, django_assert_num_queries):
    with django_assert_num_queries(1):
        required = required_levels([talent.pos_perawat.pk, talent.pos_kepala.pk, None])
    assert required[talent.pos_perawat.pk] == {**dict.fromkeys(MANAGERIAL, 1), "T-KEP-1": 3}
    assert required[talent.pos_kepala.pk] == dict.fromkeys(MANAGERIAL, 2)


# --- gaps ----------------------------------------------------------------------------------


def test_gap_rows_of_the_asn(talent):
    report = employee_gap_rows(talent.asn_user, talent.asn)
    rows = {row.competency.code: row for row in report.rows}
    assert set(rows) == {*MANAGERIAL, "T-KEP-1"}
    assert (rows["M1"].required, rows["M1"].actual, rows["M1"].gap) == (1, 1, 0)
    assert (rows["M2"].required, rows["M2"].actual, rows["M2"].gap) == (1, None, 1)
    assert (rows["T-KEP-1"].required, rows["T-KEP-1"].actual, rows["T-KEP-1"].gap) == (3, 1, 2)
    # Σ min(actual, required) = 1 (M1) + 1 (T-KEP-1) = 2 of Σ required = 9 + 3 = 12.
    assert report.job_person_match == Decimal("16.67")
    assert report.jpm_band == "kurang_optimal"


def test_gap_rows_of_the_atasan_seen_by_an_operator(talent):
    report = employee_gap_rows(talent.operator_a, talent.atasan)
    rows = {row.competency.code: row.gap for row in report.rows}
    assert rows == {**dict.fromkeys(MANAGERIAL, -1), "M8": 1}
    # Σ min = 8 × 2 + 1 = 17 of 18.
    assert report.job_person_match == Decimal("94.44")
    assert report.jpm_band == "optimal"


def test_gap_rows_without_a_standard(talent):
    report = employee_gap_rows(talent.admin, talent.asn_peer)
    assert report.rows == []
    assert report.job_person_match is None
    assert report.jpm_band is None


@pytest.mark.parametrize("persona", ["operator_b", "pimpinan", "mentor", "asn_user"])
def test_gap_rows_outside_scope_are_404(talent, persona):
    with pytest.raises(Http404):
        employee_gap_rows(getattr(talent, persona), talent.atasan)


# --- heat map ------------------------------------------------------------------------------


def test_heat_map_of_dinkes(talent):
    data = heat_map(talent.admin, root_unit=talent.dinkes)
    codes = [c.code for c in data.competencies]
    assert set(codes) == {*MANAGERIAL, "T-KEP-1"}
    assert [row.unit for row in data.rows] == [talent.puskesmas]
    row = data.rows[0]
    assert row.employees == 3
    cells = dict(zip(codes, row.cells, strict=True))
    # atasan needs 2 (has 3, M8: 1), ASN needs 1 (has only M1) and T-KEP-1 3 (has 1).
    assert (cells["M1"].average, cells["M1"].required_count, cells["M1"].gap_count) == (
        Decimal("0.00"), 2, 0,
    )  # fmt: skip
    assert (cells["M2"].average, cells["M2"].gap_count) == (Decimal("0.50"), 1)
    assert (cells["M8"].average, cells["M8"].gap_count) == (Decimal("1.00"), 2)
    assert (cells["T-KEP-1"].average, cells["T-KEP-1"].required_count) == (Decimal("2.00"), 1)
    assert cells["M1"].tone == "none"
    assert cells["T-KEP-1"].tone == "severe"


def test_heat_map_of_the_province_for_pimpinan(talent):
    data = heat_map(talent.pimpinan, root_unit=talent.prov)
    units = [row.unit for row in data.rows]
    assert units == sorted([talent.dinkes, talent.dikbud], key=lambda u: u.name)
    by_unit = {row.unit: row for row in data.rows}
    assert by_unit[talent.dinkes].employees == 3
    assert by_unit[talent.dikbud].employees == 1
    assert all(cell is None for cell in by_unit[talent.dikbud].cells)
    m8 = [c.code for c in data.competencies].index("M8")
    assert by_unit[talent.dinkes].cells[m8].average == Decimal("1.00")


def test_heat_map_leaves_out_retired_employees_and_counts_the_root_itself(talent):
    talent.asn.state = "pensiun"
    talent.asn.save()
    make_employee(talent.dinkes, "Kepala Dinas")
    data = heat_map(talent.admin, root_unit=talent.dinkes)
    assert [(row.unit, row.is_root, row.employees) for row in data.rows] == [
        (talent.dinkes, True, 1),
        (talent.puskesmas, False, 2),
    ]
    assert "T-KEP-1" not in [c.code for c in data.competencies]


def grow(talent, n):
    for i in range(n):
        employee = make_employee(
            talent.puskesmas, f"Perawat {i}", position=talent.pos_perawat, supervisor=talent.atasan
        )
        CompetencyAssessment.objects.create(
            employee=employee, competency=talent.competencies["M2"], level=1,
            assessed_on=dt.date(2026, 1, 1), method=AssessmentMethod.SUPERVISOR, is_current=True,
        )  # fmt: skip
        PotentialAssessment.objects.create(
            employee=employee, potential="rendah", assessed_on=dt.date(2025, 1, 1),
            method=AssessmentMethod.SUPERVISOR,
        )  # fmt: skip
        rate(talent, employee, 2026, "sesuai")
        rate(talent, employee, 2025, "di_atas")


@pytest.mark.parametrize("persona", ["admin", "pimpinan", "operator_a"])
def test_heat_map_and_nine_box_query_counts_are_constant(
    talent, persona, django_assert_num_queries
):
    user = getattr(talent, persona)
    heat_map(user, root_unit=talent.dinkes)  # warm the reach cache
    with django_assert_num_queries(4) as small_heat:
        heat_map(user, root_unit=talent.dinkes)
    with django_assert_num_queries(6) as small_box:
        nine_box_grid(user, root_unit=talent.dinkes, year=2026)
    grow(talent, 6)
    with django_assert_num_queries(len(small_heat.captured_queries)):
        data = heat_map(user, root_unit=talent.dinkes)
    with django_assert_num_queries(len(small_box.captured_queries)):
        grid = nine_box_grid(user, root_unit=talent.dinkes, year=2026)
    assert data.rows[0].employees == 9
    assert grid.boxes[2].count == 6
    assert grid.boxes[2].moved_in == 6  # box 4 (rendah, di atas) in 2025
    assert grid.boxes[4].moved_out == 6


def test_a_box_names_its_first_people_and_counts_the_rest(talent, monkeypatch):
    from binakinerja.competencies import selectors

    monkeypatch.setattr(selectors, "NAMES_PER_BOX", 2)
    grow(talent, 5)
    box = nine_box_grid(talent.admin, root_unit=talent.dinkes, year=2026).boxes[2]
    assert (box.count, box.nameable, len(box.people), box.more_names, box.hidden) == (5, 5, 2, 3, 0)
    assert [name for _, name in box.people] == ["Perawat 0", "Perawat 1"]
    grid = nine_box_grid(talent.pimpinan, root_unit=talent.prov, year=2026)
    assert grid.boxes[2].hidden == 5 and grid.boxes[2].people == []
    assert talent.dinkes in grid.children


# --- kinerja, potential, 9-box -------------------------------------------------------------


def test_latest_kinerja_prefers_the_annual_and_falls_back_a_year(talent):
    rate(talent, talent.asn, 2026, "di_bawah", kind="q1")
    rate(talent, talent.asn, 2026, "sesuai", kind="q4")
    rate(talent, talent.asn, 2026, "di_atas", kind="annual")
    rate(talent, talent.atasan, 2025, "di_bawah", kind="q2")
    rate(talent, talent.teacher, 2024, "di_atas")
    ids = [talent.asn.pk, talent.atasan.pk, talent.teacher.pk]
    assert latest_kinerja(ids, 2026) == {talent.asn.pk: "di_atas", talent.atasan.pk: "di_bawah"}
    assert latest_kinerja(ids, 2027) == {talent.asn.pk: "di_atas"}
    assert latest_kinerja(ids, 2025) == {
        talent.atasan.pk: "di_bawah", talent.teacher.pk: "di_atas",
    }  # fmt: skip


def test_latest_potential_newest_and_as_of(talent):
    PotentialAssessment.objects.create(
        employee=talent.asn, potential="rendah", assessed_on=dt.date(2025, 6, 1),
        method=AssessmentMethod.SUPERVISOR,
    )  # fmt: skip
    ids = [talent.asn.pk, talent.atasan.pk, talent.teacher.pk]
    assert latest_potential(ids) == {talent.asn.pk: "menengah", talent.atasan.pk: "tinggi"}
    assert latest_potential(ids, as_of=dt.date(2025, 12, 31)) == {talent.asn.pk: "rendah"}


def build_rated(talent):
    """ASN: 2025 rendah × sesuai (box 2) → 2026 menengah × di atas (box 7); atasan: 2026
    tinggi × sesuai (box 8), nothing in 2025; the peer has nothing."""
    PotentialAssessment.objects.create(
        employee=talent.asn, potential="rendah", assessed_on=dt.date(2025, 6, 1),
        method=AssessmentMethod.SUPERVISOR,
    )  # fmt: skip
    rate(talent, talent.asn, 2025, "sesuai")
    rate(talent, talent.asn, 2026, "di_atas")
    rate(talent, talent.atasan, 2026, "sesuai")
    return talent


@pytest.fixture
def rated(talent):
    return build_rated(talent)


def test_nine_box_placement_and_movement(rated):
    grid = nine_box_grid(rated.admin, root_unit=rated.dinkes, year=2026)
    assert grid.show_names
    assert {n: box.count for n, box in grid.boxes.items() if box.count} == {7: 1, 8: 1}
    assert grid.boxes[7].people == [(rated.asn.pk, "Siti Nurhaliza")]
    assert grid.boxes[8].people == [(rated.atasan.pk, "Rahmat Hasan")]
    assert (grid.boxes[7].moved_in, grid.boxes[2].moved_out, grid.moved) == (1, 1, 1)
    assert (grid.placed, grid.unplaced) == (2, 1)
    assert grid.boxes[9].recommendation.startswith("Dipromosikan")
    layout = [[box.number for box in row] for row in grid.grid_rows()]
    assert layout == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]


def test_nine_box_of_the_year_before(rated):
    grid = nine_box_grid(rated.admin, root_unit=rated.puskesmas, year=2025)
    assert {n: box.count for n, box in grid.boxes.items() if box.count} == {2: 1}
    assert grid.moved == 0


def test_nine_box_hides_names_from_pimpinan(rated):
    grid = nine_box_grid(rated.pimpinan, root_unit=rated.prov, year=2026)
    assert not grid.show_names
    assert grid.boxes[7].count == 1
    assert grid.boxes[8].count == 1
    assert all(box.people == [] for box in grid.boxes.values())
    assert grid.unplaced == 2  # the peer and the teacher


def test_nine_box_names_only_for_people_the_user_reads(rated):
    # The atasan sees themself and the ASN; a pimpinan-cum-atasan sees the others as counts.
    from binakinerja.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=rated.atasan_user, role=Role.PIMPINAN, scope=rated.prov)
    teacher_potential = PotentialAssessment.objects.create(
        employee=rated.teacher, potential="tinggi", assessed_on=dt.date(2026, 1, 1),
        method=AssessmentMethod.SUPERVISOR,
    )  # fmt: skip
    rate(rated, teacher_potential.employee, 2026, "di_atas")
    grid = nine_box_grid(rated.atasan_user, root_unit=rated.prov, year=2026)
    assert grid.show_names
    assert grid.boxes[9].count == 1
    assert grid.boxes[9].people == []
    assert grid.boxes[9].hidden == 1
    assert grid.boxes[7].people == [(rated.asn.pk, "Siti Nurhaliza")]
