"""Demo competency data (`demo/competencies.py`): standards, assessments and potentials that fit
the demo's SKP ratings, so the heat map and the 9-box look like a real province."""

import datetime as dt
import io
from collections import Counter, defaultdict
from statistics import mean, median

import pytest
from django.core.management import call_command
from django.db import transaction

from binakinerja.accounts.models import User
from binakinerja.competencies import rules
from binakinerja.competencies.models import (
    Competency,
    CompetencyAssessment,
    CompetencyGroup,
    PositionStandard,
    PotentialAssessment,
)
from binakinerja.competencies.selectors import (
    latest_kinerja,
    latest_levels,
    latest_potential,
    nine_box_grid,
    required_levels,
)
from binakinerja.competencies.services import assessments_mark_current
from binakinerja.demo.builders import demo_reset, seed_demo
from binakinerja.demo.competencies import STRUCTURAL, TECHNICAL_CODES
from binakinerja.demo.plan import AS_OF
from binakinerja.demo.satisfaction import satisfaction_reset
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee, Position

ASN = 300  # as the other demo tests: cheap to seed
BIG = 1500  # enough employees in the province for every row of the 9-box to fill
SEED = 11
YEAR = AS_OF.year
REGULATION = ("M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1")


def signature() -> tuple[list, list]:
    """The competency data without database ids."""
    assessments = CompetencyAssessment.objects.order_by(
        "employee__nip", "competency__code", "assessed_on"
    ).values_list("employee__nip", "competency__code", "level", "assessed_on", "method",
                  "is_current")  # fmt: skip
    potentials = PotentialAssessment.objects.order_by("employee__nip", "assessed_on").values_list(
        "employee__nip", "potential", "score", "assessed_on"
    )
    return list(assessments), list(potentials)


def seed_and_read(seed: int) -> tuple[list, list]:
    with transaction.atomic():
        seed_demo(asn=ASN, seed=seed)
        rows = signature()
        transaction.set_rollback(True)
    return rows


def jpm_by_rating() -> dict[str, float]:
    employees = dict(Employee.objects.values_list("pk", "position_id"))
    required = required_levels(employees.values())
    actual = latest_levels(employees)
    rating = latest_kinerja(employees, YEAR)
    matches = defaultdict(list)
    for pk, position in employees.items():
        if pk in actual and pk in rating:
            matches[rating[pk]].append(rules.job_person_match(required[position], actual[pk]))
    return {key: float(mean(values)) for key, values in matches.items()}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One larger demo rolled back at the end of the class."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo(asn=BIG, seed=SEED)
        transaction.set_rollback(True)


class TestLargerDemo:
    """Read-only checks on one larger demo, seeded once for the class and rolled back after
    it (a class scope: the tests below it see an empty database again)."""

    def test_every_position_has_the_default_and_its_technical_standards(self, demo, db):
        required = required_levels(Position.objects.values_list("pk", flat=True))
        positions = list(Position.objects.all())
        assert len(required) == len(positions)
        for position in positions:
            levels = required[position.pk]
            default = rules.default_required_level(position.kind, position.level)
            assert {code: levels[code] for code in REGULATION} == dict.fromkeys(REGULATION, default)
            extra = set(levels) - set(REGULATION)
            assert extra <= set(TECHNICAL_CODES)
            if position.name.startswith("Guru"):
                assert {"T-PEN-01", "T-PEN-02"} <= extra
            if position.name.startswith("Perawat"):
                assert "T-KES-01" in extra
            if position.name.startswith("Pengelola Keuangan"):
                assert "T-ADM-01" in extra
        assert PositionStandard.objects.count() == demo.competencies["standards"]
        technical = Counter(
            PositionStandard.objects.filter(competency__group=CompetencyGroup.TEKNIS).values_list(
                "competency__code", flat=True
            )
        )
        assert {"T-KES-01", "T-KES-04", "T-PEN-01", "T-PEN-02", "T-ADM-01", "T-ADM-02"} <= set(
            technical
        )
        assert Competency.objects.filter(code="T-PEN-01").get().levels.count() == 5

    def test_most_asn_are_assessed_over_three_years_with_history_kept(self, demo, db):
        employees = dict(Employee.objects.values_list("pk", "position__kind"))
        assessed = set(CompetencyAssessment.objects.values_list("employee_id", flat=True))
        assert len(assessed) == demo.competencies["assessed"]
        assert 0.6 < len(assessed) / len(employees) < 0.9  # not everyone, but the majority

        def share(kinds) -> float:
            group = [pk for pk, kind in employees.items() if (kind in STRUCTURAL) == kinds]
            return sum(pk in assessed for pk in group) / len(group)

        assert share(True) > 0.8 and share(True) > share(False) + 0.1

        rows = list(
            CompetencyAssessment.objects.values_list(
                "pk", "employee_id", "competency_id", "assessed_on", "is_current", "method"
            )
        )
        assert len(rows) == demo.competencies["assessments"]
        pairs = defaultdict(list)
        for pk, employee, competency, day, current, _method in rows:
            pairs[(employee, competency)].append((day, pk, current))
        for history in pairs.values():
            assert len({day for day, _pk, _current in history}) == len(history)
            assert [current for *_rest, current in sorted(history)] == [False] * (
                len(history) - 1
            ) + [True]
        with_history = sum(len(history) > 1 for history in pairs.values())
        assert 0.2 < with_history / len(pairs) < 0.8
        assert any(len(history) == 3 for history in pairs.values())
        days = [day for _pk, _e, _c, day, _current, _m in rows]
        assert min(days) >= dt.date(YEAR - 2, 1, 1) and max(days) < AS_OF
        assert {day.year for day in days} == {YEAR - 2, YEAR - 1, YEAR}
        assert {method for *_rest, method in rows} == {
            "assessment_center", "uji_kompetensi", "360", "atasan",
        }  # fmt: skip

        # The flags are exactly what the service would set.
        flagged = CompetencyAssessment.objects.filter(is_current=True).values_list("pk", flat=True)
        current = set(flagged)
        assessments_mark_current(employee_ids=employees)
        assert set(flagged) == current

    def test_some_levels_rise_over_the_years(self, demo, db):
        rows = CompetencyAssessment.objects.order_by("employee_id", "competency_id", "assessed_on")
        by_pair = defaultdict(list)
        for employee, competency, level in rows.values_list(
            "employee_id", "competency_id", "level"
        ):
            by_pair[(employee, competency)].append(level)
        changes = Counter(
            (levels[-1] > levels[0]) - (levels[-1] < levels[0])
            for levels in by_pair.values()
            if len(levels) > 1
        )
        assert changes[1] > changes[-1] > 0 and changes[0] > changes[1]

    def test_levels_follow_the_skp_rating(self, demo, db):
        jpm = jpm_by_rating()
        assert jpm["di_atas"] > jpm["sesuai"] > jpm["di_bawah"]
        assert jpm["di_atas"] - jpm["di_bawah"] > 5

    def test_agencies_differ_in_their_strengths(self, demo, db):
        """Gaps by OPD: change and decisions are weak in some OPDs, public service is a strength of
        health units; not the same everywhere."""
        opds = {u.pk: u for u in OrgUnit.objects.filter(kind=OrgUnit.Kind.OPD)}
        employees = list(Employee.objects.values_list("pk", "position_id", "unit__path"))
        required = required_levels(position for _pk, position, _path in employees)
        actual = latest_levels(pk for pk, _position, _path in employees)
        gaps = defaultdict(list)  # (opd id, code) → required − actual of assessed employees
        for pk, position, path in employees:
            opd = next(pk for pk, unit in opds.items() if path.startswith(unit.path))
            for code, need in required[position].items():
                if code in actual.get(pk, {}):
                    gaps[(opd, code)].append(need - actual[pk][code])

        def average(code, test) -> float:
            return mean(g for (opd, c), values in gaps.items() if c == code and test(opds[opd])
                        for g in values)  # fmt: skip

        def health(unit) -> bool:
            return unit.short_name == "Dinkes" or unit.unit_type == OrgUnit.UnitType.RSUD

        assert average("M5", health) < average("M5", lambda u: not health(u)) - 0.3
        everyone = lambda _unit: True  # noqa: E731
        assert average("M7", everyone) > average("M1", everyone) + 0.3
        # Per OPD: how far its weaker of M7/M8 lies below its M1–M6 (in levels of gap).
        excess = []
        for opd in {opd for opd, code in gaps if code == "M1" and len(gaps[(opd, code)]) >= 8}:
            base = mean(mean(gaps[(opd, code)]) for code in ("M1", "M2", "M3", "M4", "M5", "M6"))
            excess.append(max(mean(gaps[(opd, "M7")]), mean(gaps[(opd, "M8")])) - base)
        assert len(excess) >= 10
        assert sum(value > median(excess) + 0.4 for value in excess) >= 3

    def test_most_asn_have_a_potential_with_history_for_some(self, demo, db):
        total = Employee.objects.count()
        rows = list(PotentialAssessment.objects.values_list("employee_id", "potential", "score"))
        assert len(rows) == demo.competencies["potentials"]
        assert len({e for e, _p, _s in rows}) / total > 0.7
        assert max(Counter(e for e, _p, _s in rows).values()) >= 2
        for _employee, potential, score in rows:
            expected = "tinggi" if score >= 72 else "menengah" if score >= 57 else "rendah"
            assert potential == expected
        classes = Counter(latest_potential({e for e, _p, _s in rows}).values())
        assert classes["menengah"] > classes["tinggi"] and classes["menengah"] > classes["rendah"]

    def test_the_provincial_nine_box_spreads_like_a_real_one(self, demo, db):
        admin = User.objects.get(username="admin.provinsi")
        province = OrgUnit.objects.get(kind=OrgUnit.Kind.INSTANSI, name__contains="Provinsi")
        grid = nine_box_grid(admin, root_unit=province, year=YEAR)
        counts = {number: box.count for number, box in grid.boxes.items()}
        assert grid.placed > 80 and sum(counts.values()) == grid.placed
        assert sum(1 for count in counts.values() if count) >= 7
        biggest = sorted(counts, key=counts.get, reverse=True)
        assert biggest[0] in (5, 8)
        assert counts[5] + counts[8] + counts[2] + counts[7] > 0.7 * grid.placed
        assert counts[9] < counts[5] and counts[1] < counts[5]
        assert counts[9] + counts[1] < 0.15 * grid.placed


@pytest.mark.django_db
def test_same_seed_gives_the_same_competency_data_and_another_seed_does_not():
    first = seed_and_read(SEED)
    assert first[0] and first[1]
    assert not CompetencyAssessment.objects.exists()
    assert seed_and_read(SEED) == first
    other = seed_and_read(SEED + 1)
    assert other[0] != first[0] and other[1] != first[1]


def test_command_prints_the_counts_and_reset_removes_the_competency_data(db):
    out = io.StringIO()
    call_command("seed_demo", asn=ASN, seed=SEED, stdout=out)
    assessments = CompetencyAssessment.objects.count()
    assert assessments and PotentialAssessment.objects.exists()
    assert f"{assessments} hasil penilaian" in out.getvalue()
    assert f"{PositionStandard.objects.count()} standar kompetensi jabatan" in out.getvalue()

    satisfaction_reset()
    demo_reset()

    assert not CompetencyAssessment.objects.exists()
    assert not PotentialAssessment.objects.exists()
    assert not PositionStandard.objects.exists()
    assert not Competency.objects.filter(code__in=TECHNICAL_CODES).exists()
    assert set(Competency.objects.values_list("code", flat=True)) == set(REGULATION)
    assert not Employee.objects.exists() and not Position.objects.exists()


def test_demo_asn_has_idps_through_the_workflow(db):
    """Last year's plan approved with one activity done; this year's waiting for the atasan."""
    from binakinerja.accounts.models import User
    from binakinerja.competencies import idp
    from binakinerja.competencies.models import IdpStatus, IndividualDevelopmentPlan
    from binakinerja.demo.builders import seed_demo

    seed_demo(asn=ASN, seed=SEED)
    plans = {
        p.year: p for p in IndividualDevelopmentPlan.objects.filter(employee__user__username="asn")
    }
    assert plans[AS_OF.year - 1].status == IdpStatus.DISETUJUI
    assert plans[AS_OF.year].status == IdpStatus.DIAJUKAN
    done = plans[AS_OF.year - 1].activities.filter(status="done").count()
    assert done == 1
    atasan = User.objects.get(username="atasan")
    assert list(idp.plan_inbox(atasan)) == [plans[AS_OF.year]]
