"""The costed development plan: pure rules with hand-worked numbers, the bulk needs analysis
(equal to the one-ASN analysis), plan totals in the talent world, constant query counts, the
XLSX/PDF exports, the demand selector and scoping."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from binakinerja.competencies import rules
from binakinerja.competencies.models import AssessmentMethod, CompetencyAssessment
from binakinerja.competencies.needs import employee_needs, suggested_form
from binakinerja.competencies.plan import (
    development_plan,
    needs_analysis,
    plan_costs_in_use,
    plan_demand,
)
from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_employee
from binakinerja.people.models import Employee
from binakinerja.performance.models import FollowUp, Period, Skp, SkpAssessment

F = rules.PlanForm
COSTS = rules.plan_costs()


# --- rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize("gap", [-2, -1, 0, 1, 2, 3, 4])
def test_gap_form_is_the_form_the_needs_page_suggests(gap):
    assert rules.gap_form(gap) == suggested_form(rules.NeedSource.GAP, gap)


@pytest.mark.parametrize(
    ("kind", "form"),
    [("training_need", F.KLASIKAL), ("coaching", F.COACHING), ("mentoring", F.MENTORING),
     ("counselling", F.COACHING)],
)  # fmt: skip
def test_follow_up_form_by_kind(kind, form):
    assert rules.follow_up_form(kind) == form


def test_follow_up_form_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown follow-up kind"):
        rules.follow_up_form("promotion")


def test_default_costs_are_checked_and_typed():
    assert COSTS[F.KLASIKAL] == {
        "jp_per_level": 24, "jp_per_need": 24, "cost_per_jp": Decimal("100000"),
        "cost_per_participant": Decimal("250000"),
    }  # fmt: skip
    assert set(COSTS) == set(F.ALL)


def test_overrides_replace_only_what_they_name():
    costs = rules.plan_costs({"klasikal": {"cost_per_jp": "120000.50"}, "e_learning": {}})
    assert costs[F.KLASIKAL]["cost_per_jp"] == Decimal("120000.50")
    assert costs[F.KLASIKAL]["jp_per_level"] == 24
    assert costs[F.COACHING] == COSTS[F.COACHING]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"webinar": {}}, "unknown form"),
        ({"klasikal": {"price": 1}}, "unknown key"),
        ({"klasikal": {"cost_per_jp": -1}}, "≥ 0"),
        ({"klasikal": {"jp_per_level": 2.5}}, "whole number"),
        ({"klasikal": {"cost_per_jp": "abc"}}, "not a number"),
        ({"klasikal": {"cost_per_jp": True}}, "not a number"),
        ({"klasikal": {"cost_per_jp": "NaN"}}, "≥ 0"),
        ({"klasikal": 5}, "expected a mapping"),
    ],
)
def test_bad_overrides_are_refused(overrides, message):
    with pytest.raises(ValueError, match=message):
        rules.plan_costs(overrides)


def test_line_estimate_of_a_klasikal_line_by_hand():
    # 3 people, gaps 2 + 2 + 3 = 7 levels × 24 JP = 168 JP; 168 × 100.000 + 3 × 250.000.
    assert rules.plan_line_estimate(people=3, form=F.KLASIKAL, gap_levels_total=7, costs=COSTS) == (
        168,
        Decimal("17550000"),
    )


def test_line_estimate_of_follow_ups_and_of_given_jp():
    # 2 people with 3 coaching follow-ups: 3 × 8 JP = 24 JP × 25.000.
    assert rules.plan_line_estimate(people=2, form=F.COACHING, needs=3, costs=COSTS) == (
        24, Decimal("600000"),
    )  # fmt: skip
    assert rules.plan_line_estimate(people=4, form=F.E_LEARNING, jp=50, costs=COSTS) == (
        50, Decimal("500000"),
    )  # fmt: skip


def test_line_estimate_rounds_to_the_rupiah_half_up():
    costs = rules.plan_costs({"e_learning": {"cost_per_jp": "0.5", "cost_per_participant": 0}})
    assert rules.plan_line_estimate(people=1, form=F.E_LEARNING, jp=3, costs=costs) == (
        3, Decimal("2"),
    )  # fmt: skip


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"gap_levels_total": 1, "jp": 2}, {"needs": -1}, {"jp": 1, "form": "webinar"}],
)
def test_line_estimate_refuses_unclear_input(kwargs):
    arguments = {"people": 1, "form": F.KLASIKAL, "costs": COSTS} | kwargs
    with pytest.raises(ValueError):
        rules.plan_line_estimate(**arguments)


@pytest.mark.parametrize(
    ("done", "planned", "missing"),
    [(0, 0, 20), (0, 8, 12), (5, 8, 7), (0, 48, 0), (19.5, 0, 1), (12.25, 0, 8), (20, 0, 0)],
)
def test_jp_still_missing(done, planned, missing):
    assert rules.jp_still_missing(jp_done=done, planned_jp=planned) == missing


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "0"), (999, "999"), (1250000, "1.250.000"), (Decimal("1234567.5"), "1.234.568"),
     (-5000, "-5.000")],
)  # fmt: skip
def test_rupiah_text_in_indonesian_style(amount, text):
    assert rules.rupiah_text(amount) == text


def test_bad_setting_is_a_configuration_error(settings):
    settings.COMPETENCIES_PLAN_COSTS = {"klasikal": {"cost_per_jp": -1}}
    with pytest.raises(ImproperlyConfigured, match="COMPETENCIES_PLAN_COSTS"):
        plan_costs_in_use()
    settings.COMPETENCIES_PLAN_COSTS = {"klasikal": {"cost_per_jp": 1}}
    assert plan_costs_in_use()[F.KLASIKAL]["cost_per_jp"] == 1


# --- helpers -----------------------------------------------------------------------------------


def follow_up(w, employee, kind="training_need", predikat="kurang", year=2026, done=False):
    from binakinerja.performance.rules import period_dates

    start, end = period_dates(year, "annual")
    period, _ = Period.objects.get_or_create(
        instansi=w.prov, year=year, kind="annual", defaults={"start": start, "end": end}
    )
    skp, _ = Skp.objects.get_or_create(employee=employee, year=year)
    assessment, _ = SkpAssessment.objects.get_or_create(
        skp=skp, period=period,
        defaults={"hasil_kerja": "di_bawah", "perilaku_kerja": "di_bawah", "predikat": predikat,
                  "reason": "-", "assessed_by": w.atasan},
    )  # fmt: skip
    return FollowUp.objects.create(
        assessment=assessment, kind=kind, description=f"{kind} {employee.name}", is_done=done
    )


def key_of(need):
    return (need.source, need.weight, need.subject if need.source == "gap" else None)


def row_key(row):
    return (row.source, row.weight, row.subject.split(" · ")[0] if row.source == "gap" else None)


def grow(w, n):
    """n more perawat at the puskesmas, each with an assessment and an open follow-up."""
    for i in range(n):
        employee = make_employee(
            w.puskesmas, f"Perawat {i}", position=w.pos_perawat, supervisor=w.atasan
        )
        CompetencyAssessment.objects.create(
            employee=employee, competency=w.competencies["M2"], level=1,
            assessed_on=dt.date(2026, 1, 1), method=AssessmentMethod.SUPERVISOR, is_current=True,
        )  # fmt: skip
        follow_up(w, employee, kind="mentoring" if i % 2 else "coaching")


# --- needs analysis ----------------------------------------------------------------------------


def test_needs_analysis_ranks_like_the_needs_page(talent):
    follow_up(talent, talent.asn, kind="training_need", predikat="kurang")
    follow_up(talent, talent.asn, kind="coaching")  # same assessment: a second follow-up
    follow_up(talent, talent.asn, year=2025)  # another year: left out
    follow_up(talent, talent.atasan, kind="coaching", predikat="sangat_kurang", done=True)
    people = [talent.asn, talent.atasan, talent.asn_peer, talent.teacher]
    result = needs_analysis([e.pk for e in people], year=2026)
    assert set(result) == {e.pk for e in people}
    for employee in people:
        page = employee_needs(talent.admin, employee, year=2026)
        assert [key_of(n) for n in result[employee.pk]] == [row_key(r) for r in page]
    asn = result[talent.asn.pk]
    assert [n.source for n in asn[:3]] == ["follow_up", "follow_up", "gap"]
    assert asn[2].subject == "T-KEP-1"
    assert [n.source for n in result[talent.asn_peer.pk]] == ["jp_shortfall"]


def test_needs_analysis_takes_jp_done_per_employee(talent):
    result = needs_analysis(
        [talent.asn.pk, talent.asn_peer.pk], year=2026, jp_done={talent.asn_peer.pk: 20}
    )
    assert result[talent.asn_peer.pk] == []
    assert result[talent.asn.pk][-1].source == "jp_shortfall"


@pytest.mark.django_db
def test_needs_analysis_of_nobody_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert needs_analysis([], year=2026) == {}


def test_needs_analysis_query_count_is_constant(talent, django_assert_num_queries):
    def ids():
        return list(Employee.objects.values_list("pk", flat=True))

    small_ids = ids()
    with django_assert_num_queries(4):
        small = needs_analysis(small_ids, year=2026)
    grow(talent, 6)
    big_ids = ids()
    with django_assert_num_queries(4):
        big = needs_analysis(big_ids, year=2026)
    assert len(big) == len(small) + 6
    newcomer = big[max(big_ids)]
    # T-KEP-1 never assessed: a gap of 3 (weight 30) before the kurang follow-up (25).
    assert [(n.source, n.weight) for n in newcomer[:2]] == [("gap", 30), ("follow_up", 25)]


# --- the plan ----------------------------------------------------------------------------------


def test_plan_of_dinkes_by_hand(talent):
    # atasan (kepala, level 2 on 9): M8 at 1 → 1 level → coaching/mentoring 8 JP; 12 JP missing.
    # asn (perawat, level 1 on 9, T-KEP-1 at 3): M2..M8 and SK1 1 level each (8 × 8 JP),
    #   T-KEP-1 at 1 → 2 levels klasikal (48 JP): 112 JP planned, nothing missing.
    # asn_peer (no position): 20 JP missing → e-learning.
    plan = development_plan(talent.admin, root_unit=talent.dinkes, year=2026)
    gap_lines = [(ln.competency.code, ln.target_level, ln.form, ln.people, ln.amount, ln.jp,
                  ln.cost) for ln in plan.lines if ln.source == "gap"]  # fmt: skip
    small = Decimal("200000")  # 8 JP × 25.000
    assert gap_lines == [
        ("M2", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        ("M3", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        ("M4", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        ("M5", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        ("M6", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        ("M7", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        ("M8", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        ("M8", 2, F.COACHING_MENTORING, 1, 1, 8, small),
        ("SK1", 1, F.COACHING_MENTORING, 1, 1, 8, small),
        # 48 JP × 100.000 + 1 × 250.000
        ("T-KEP-1", 3, F.KLASIKAL, 1, 2, 48, Decimal("5050000")),
    ]
    shortfall = plan.lines[-1]
    assert (shortfall.source, shortfall.form, shortfall.people, shortfall.jp, shortfall.cost) == (
        "jp_shortfall", F.E_LEARNING, 2, 32, Decimal("320000"),
    )  # fmt: skip
    assert len(plan.lines) == 11
    assert (plan.employees, plan.people, plan.jp) == (3, 3, 72 + 48 + 32)
    assert plan.cost == Decimal("7170000")
    assert plan.cost_text == "7.170.000"
    [unit] = plan.units
    assert (unit.unit, unit.employees, unit.people, unit.jp, unit.cost) == (
        talent.puskesmas, 3, 3, 152, Decimal("7170000"),
    )  # fmt: skip


def test_plan_follow_up_lines_per_kind(talent):
    follow_up(talent, talent.asn, kind="training_need")
    follow_up(talent, talent.asn, kind="training_need")
    follow_up(talent, talent.asn_peer, kind="counselling")
    follow_up(talent, talent.atasan, kind="mentoring", done=True)
    plan = development_plan(talent.admin, root_unit=talent.dinkes, year=2026)
    ups = [(ln.follow_up_kind, ln.form, ln.people, ln.amount, ln.jp, ln.cost)
           for ln in plan.lines if ln.source == "follow_up"]  # fmt: skip
    assert ups == [
        # 2 × 24 JP × 100.000 + 1 × 250.000
        ("training_need", F.KLASIKAL, 1, 2, 48, Decimal("5050000")),
        ("counselling", F.COACHING, 1, 1, 8, Decimal("200000")),  # counselling → coaching
    ]
    # asn_peer now has 8 JP planned: 12 missing; the atasan still 12: 24 JP of e-learning.
    assert (plan.lines[-1].people, plan.lines[-1].jp) == (2, 24)
    assert plan.cost == Decimal("7170000") + Decimal("5050000") + Decimal("200000") - Decimal(
        "80000"
    )


def test_a_follow_up_is_costed_with_its_own_form(talent):
    # asn_peer has no position, so no gap: one training need is 24 JP of klasikal, which
    # covers the yearly 20 JP; before the fix the jabatan kind was read as the follow-up kind.
    follow_up(talent, talent.asn_peer, kind="training_need")
    follow_up(talent, talent.atasan, kind="counselling")
    plan = development_plan(talent.admin, root_unit=talent.dinkes, year=2026)
    ups = {ln.follow_up_kind: (ln.form, ln.people, ln.jp, ln.cost, ln.kinds)
           for ln in plan.lines if ln.source == "follow_up"}  # fmt: skip
    assert ups["training_need"] == (F.KLASIKAL, 1, 24, Decimal("2650000"), frozenset({""}))
    assert ups["counselling"][:4] == (F.COACHING, 1, 8, Decimal("200000"))
    shortfall = plan.lines[-1]
    # The atasan: M8 coaching/mentoring 8 JP + counselling 8 JP → 4 JP missing; asn_peer none.
    assert (shortfall.source, shortfall.people, shortfall.jp) == ("jp_shortfall", 1, 4)
    assert plan.participants == sum(line.people for line in plan.lines) > plan.people == 3


def test_plan_costs_follow_the_setting_and_the_argument(talent, settings):
    settings.COMPETENCIES_PLAN_COSTS = {"e_learning": {"cost_per_jp": 0}}
    plan = development_plan(talent.admin, root_unit=talent.dinkes, year=2026)
    assert plan.cost == Decimal("7170000") - Decimal("320000")
    plan = development_plan(
        talent.admin, root_unit=talent.dinkes, year=2026,
        costs={"klasikal": {"cost_per_participant": 0}},
    )  # fmt: skip
    assert plan.cost == Decimal("7170000") - Decimal("250000")  # the setting is replaced


def test_people_with_needs_count_even_when_their_forms_cost_no_jp(talent):
    free = {form: {"jp_per_level": 0, "jp_per_need": 0} for form in F.ALL}
    plan = development_plan(talent.admin, root_unit=talent.dinkes, year=2026, costs=free)
    assert plan.people == 3
    assert plan.lines[-1].jp == 60  # nothing planned counts: 20 JP each for all three
    assert plan.cost == Decimal("250000") + Decimal("600000")  # klasikal fee + e-learning


def test_plan_of_the_province_breaks_down_per_opd(talent):
    plan = development_plan(talent.admin, root_unit=talent.prov, year=2026)
    rows = {row.unit.name: (row.employees, row.people, row.cost) for row in plan.units}
    assert rows["Dinas Kesehatan"] == (3, 3, Decimal("7170000"))
    assert rows["Dinas Pendidikan dan Kebudayaan"][:2] == (1, 1)  # the teacher: 20 JP missing
    assert plan.cost == sum((row.cost for row in plan.units), Decimal(0))
    assert plan.cost == Decimal("7170000") + Decimal("200000")
    assert plan.employees == 4  # the other government's employee stays out


def test_plan_leaves_out_retired_employees(talent):
    Employee.objects.filter(pk=talent.asn_peer.pk).update(state=Employee.State.PENSIUN)
    plan = development_plan(talent.admin, root_unit=talent.dinkes, year=2026)
    assert (plan.employees, plan.lines[-1].jp) == (2, 12)


@pytest.mark.parametrize("persona", ["admin", "pimpinan", "operator_a"])
def test_plan_query_count_is_constant(talent, persona, django_assert_num_queries):
    user = getattr(talent, persona)
    development_plan(user, root_unit=talent.dinkes, year=2026)  # warm the reach cache
    with django_assert_num_queries(6) as small_context:
        development_plan(user, root_unit=talent.dinkes, year=2026)
    grow(talent, 6)
    with django_assert_num_queries(len(small_context.captured_queries)):
        big = development_plan(user, root_unit=talent.dinkes, year=2026)
    assert big.employees == 3 + 6  # 9 people: exact for every persona
    assert {ln.follow_up_kind for ln in big.lines if ln.source == "follow_up"} == {
        "coaching", "mentoring",
    }  # fmt: skip


# --- plan_demand -------------------------------------------------------------------------------


def test_plan_demand_lists_the_employees_of_each_line(talent, django_assert_num_queries):
    follow_up(talent, talent.asn, kind="mentoring")
    with django_assert_num_queries(5):
        lines = plan_demand(root_unit=talent.dinkes, year=2026)
    by_key = {(ln.source, ln.competency.code if ln.competency else ln.follow_up_kind,
               ln.target_level): ln for ln in lines}  # fmt: skip
    assert by_key[("gap", "T-KEP-1", 3)].employee_ids == [talent.asn.pk]
    assert by_key[("gap", "M8", 2)].employee_ids == [talent.atasan.pk]
    assert by_key[("follow_up", "mentoring", None)].employee_ids == [talent.asn.pk]
    assert by_key[("jp_shortfall", "", None)].employee_ids == sorted(
        [talent.atasan.pk, talent.asn_peer.pk]
    )
    assert all(len(ln.employee_ids) == ln.people for ln in lines)


def test_plan_demand_filters_by_form(talent):
    follow_up(talent, talent.asn, kind="mentoring")
    mentoring = plan_demand(
        root_unit=talent.dinkes, year=2026, form=(F.MENTORING, F.COACHING_MENTORING)
    )
    assert {ln.form for ln in mentoring} == {F.MENTORING, F.COACHING_MENTORING}
    assert len(mentoring) == 10
    [klasikal] = plan_demand(root_unit=talent.dinkes, year=2026, form=F.KLASIKAL)
    assert klasikal.competency.code == "T-KEP-1"
    with pytest.raises(ValueError, match="unknown form"):
        plan_demand(root_unit=talent.dinkes, year=2026, form="webinar")


# --- the page and its exports ------------------------------------------------------------------


def url_of(w, unit=None, year=2026):
    return reverse("competencies:development_plan", args=[(unit or w.dinkes).pk, year])


@pytest.mark.parametrize("persona", ["admin", "operator_a"])
def test_page_shows_lines_totals_units_and_costs(talent, client, persona):
    client.force_login(getattr(talent, persona))
    response = client.get(url_of(talent))
    assert response.status_code == 200
    body = response.content.decode()
    assert "7.170.000" in body
    assert "5.050.000" in body
    assert "Asuhan Keperawatan" in body
    assert "Puskesmas Limboto" in body
    assert "100.000" in body  # the unit cost of klasikal per participant-JP
    assert response.context["plan"].people == 3
    assert "Andi Mokoginta" not in body  # counts, never names


def test_operator_of_another_opd_gets_404(talent, client):
    client.force_login(talent.operator_b)
    assert client.get(url_of(talent)).status_code == 404
    assert client.get(url_of(talent) + "?format=xlsx").status_code == 404


@pytest.mark.parametrize("persona", ["asn_user", "atasan_user", "mentor", "penyelenggara"])
def test_roles_without_aggregates_get_403(talent, client, persona):
    client.force_login(getattr(talent, persona))
    assert client.get(url_of(talent)).status_code == 403


@pytest.mark.parametrize("suffix", ["?format=csv", "?format=XLSX"])
def test_unknown_export_format_is_404(talent, client, suffix):
    client.force_login(talent.admin)
    assert client.get(url_of(talent) + suffix).status_code == 404


def test_years_outside_the_range_are_404(talent, client):
    client.force_login(talent.admin)
    assert client.get(url_of(talent, year=1999)).status_code == 404
    assert client.get(url_of(talent, year=2101)).status_code == 404


def test_xlsx_export_opens_with_totals_and_is_audited(talent, client):
    from openpyxl import load_workbook

    client.force_login(talent.operator_a)
    response = client.get(url_of(talent) + "?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Rencana"]
    sheet = workbook["Rencana"]
    rows = list(sheet.values)
    assert [row[0] for row in rows[:4]] == [
        "RENCANA PENGEMBANGAN KOMPETENSI ASN", "DINAS KESEHATAN", "PEMERINTAH PROVINSI GORONTALO",
        "TAHUN 2026",
    ]  # fmt: skip
    heads = [i for i, row in enumerate(rows) if row[0] == "NO"]
    assert list(rows[heads[0]]) == [
        "NO", "KOMPETENSI / KEBUTUHAN", "TINGKAT", "BENTUK PENGEMBANGAN", "SASARAN",
        "JUMLAH PESERTA", "JP", "JADWAL/WAKTU", "PERKIRAAN BIAYA", "SUMBER ANGGARAN",
    ]  # fmt: skip
    assert rows[heads[0] + 1][1].startswith("M2 ")
    total = heads[0] + 1 + 11  # 11 lines, then the totals: per line, then unique ASN
    assert rows[total][1:9] == (
        "JUMLAH (peserta dihitung per baris)", None, None, None, 12, 152, None, 7170000,
    )  # fmt: skip
    assert rows[total + 1][1::4] == ("ASN unik (setiap ASN dihitung sekali)", 3, None)
    assert sheet.cell(row=total + 1, column=9).number_format == "#,##0"
    assert rows[heads[1] + 1][1:7] == ("Puskesmas Limboto", 3, 3, 12, 152, 7170000)
    entry = AuditLog.objects.get(action=AuditLog.Action.EXPORT)
    assert entry.actor == talent.operator_a
    assert entry.object_id == str(talent.dinkes.pk)
    assert "XLSX" in entry.object_repr


def test_pdf_export_opens_with_totals_and_is_audited(talent, client):
    from pypdf import PdfReader

    client.force_login(talent.operator_a)
    response = client.get(url_of(talent) + "?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert ("RENCANA PENGEMBANGAN KOMPETENSI ASN DINAS KESEHATAN PEMERINTAH PROVINSI "
            "GORONTALO TAHUN 2026") in text  # fmt: skip
    assert "JUMLAH" in text
    assert "7.170.000" in text
    assert "Asuhan Keperawatan" in text
    assert "PEMERINTAH PROVINSI GORONTALO" in text
    assert AuditLog.objects.filter(action=AuditLog.Action.EXPORT, actor=talent.operator_a).count()


def test_page_query_count_is_constant(talent, client, django_assert_num_queries):
    client.force_login(talent.operator_a)
    with django_assert_num_queries(30, exact=False) as context:
        assert client.get(url_of(talent)).status_code == 200
    grow(talent, 5)
    with django_assert_num_queries(len(context.captured_queries)):
        response = client.get(url_of(talent))
    assert response.context["plan"].employees == 8


def test_a_bad_unit_cost_setting_fails_the_system_check(settings):
    from binakinerja.competencies.checks import plan_costs_check

    settings.COMPETENCIES_PLAN_COSTS = {"kelas": {"cost_per_jp": 1}}
    assert [e.id for e in plan_costs_check()] == ["competencies.E001"]
    settings.COMPETENCIES_PLAN_COSTS = {"klasikal": {"cost_per_jp": 120_000}}
    assert plan_costs_check() == []
