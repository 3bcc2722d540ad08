"""`manage.py seed_demo`: a deterministic, plausible Gorontalo registry with a login per role."""

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from binakinerja.accounts.models import User
from binakinerja.core.models import AuditLog
from binakinerja.demo.builders import seed_demo
from binakinerja.demo.data import DEMO_PASSWORD, DEMO_USERNAMES, GOVERNMENTS
from binakinerja.demo.plan import AS_OF, Planner
from binakinerja.organizations.models import OrgUnit
from binakinerja.organizations.services import path_step
from binakinerja.people.models import CareerHistory, Employee
from binakinerja.people.rules import GOLONGAN_ORDER, parse_nip

ASN = 300
SEED = 11
ROOT = Path(__file__).resolve().parents[3]

# Rank bounds by education (SIASN codes): the entry rank and the highest in the data set.
LOWEST = {"15": "II/a", "30": "II/c", "35": "III/a", "40": "III/a", "45": "III/b", "50": "III/c"}
HIGHEST = {"15": "III/b", "30": "III/d", "35": "IV/d", "40": "IV/d", "45": "IV/e", "50": "IV/e"}
PPPK = {"15": "V", "30": "VII", "35": "IX", "40": "IX", "45": "X", "50": "XI"}
LEVEL_BANDS = {
    "ahli_pertama": ("III/a", "III/b"),
    "ahli_muda": ("III/c", "III/d"),
    "ahli_madya": ("IV/a", "IV/c"),
    "pemula": ("II/a", "II/b"),
    "terampil": ("II/c", "II/d"),
    "mahir": ("III/a", "III/b"),
    "penyelia": ("III/c", "III/d"),
}


def rank(code: str) -> int:
    return GOLONGAN_ORDER[code]


@pytest.fixture
def seeded(db):
    return seed_demo(asn=ASN, seed=SEED)


def signature() -> list[tuple]:
    """Everything that identifies the data set, without database ids."""
    return list(
        Employee.objects.order_by("nip").values_list(
            "nip", "name", "gelar_belakang", "golongan", "position__name", "unit__name",
            "supervisor__nip", "state", "email",
        )
    )  # fmt: skip


def seed_and_read(seed: int) -> list[tuple]:
    """Seed inside a savepoint that is rolled back: a fresh database each time."""
    with transaction.atomic():
        seed_demo(asn=ASN, seed=seed)
        rows = signature()
        transaction.set_rollback(True)
    return rows


@pytest.mark.django_db
def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    first = seed_and_read(SEED)
    assert not Employee.objects.exists()
    assert seed_and_read(SEED) == first
    other = seed_and_read(SEED + 1)
    assert [row[0] for row in other] != [row[0] for row in first]


def test_plan_does_not_depend_on_the_process_hash_seed():
    """Iterating a set or dict of strings in the wrong place would make two processes differ."""
    script = (
        "import django, hashlib; django.setup();"
        "from binakinerja.demo.plan import Planner;"
        f"p = Planner(asn={ASN}, seed={SEED}).plan();"
        "print(hashlib.sha256('|'.join(x.nip + x.name + x.plan.name for x in p.people)"
        ".encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed,
               "DJANGO_SETTINGS_MODULE": "binakinerja.settings"}  # fmt: skip
        out = subprocess.run(  # noqa: S603 - fixed interpreter and script
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
        digests.add(out.stdout.strip())
    people = Planner(asn=ASN, seed=SEED).plan().people
    local = hashlib.sha256(
        "|".join(x.nip + x.name + x.plan.name for x in people).encode()
    ).hexdigest()
    assert digests == {local}


def test_the_data_set_has_exactly_the_asked_headcount_and_a_realistic_pppk_share():
    people = Planner(asn=5000, seed=3).plan().people
    assert len(people) == 5000
    pppk = sum(p.status == "PPPK" for p in people) / len(people)
    assert 0.15 <= pppk <= 0.25
    province = sum(p.plan.gov.is_province for p in people) / len(people)
    assert 0.18 <= province <= 0.22


def test_education_and_health_are_the_largest_agencies():
    planner = Planner(asn=5000, seed=3).plan()
    for root in planner.roots:
        sizes = {
            opd.name: sum(1 + u.staff for u in opd.walk()) for opd in root.children
        }  # fmt: skip
        biggest = sorted(sizes, key=sizes.get, reverse=True)[:3]
        assert biggest[0] == "Dinas Pendidikan dan Kebudayaan"
        if not root.gov.is_province:
            assert "Dinas Kesehatan" in biggest[:2]


def test_all_seven_governments_are_present_with_their_regency(seeded):
    governments = dict(OrgUnit.objects.filter(kind="instansi").values_list("name", "kab_kota"))
    assert set(governments) == {g.name for g in GOVERNMENTS}
    assert "Pemerintah Provinsi Gorontalo" in governments
    assert all(governments.values())
    assert OrgUnit.objects.filter(unit_type="puskesmas", is_service_unit=True).exists()
    assert OrgUnit.objects.filter(unit_type="sekolah", is_service_unit=True).exists()
    assert OrgUnit.objects.filter(name="RSUD Toto Kabila", unit_type="rsud").exists()


def test_unit_paths_follow_their_parents(seeded):
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        if unit.parent_id is None:
            assert unit.path == path_step(unit.pk)
            assert unit.depth == 0
        else:
            parent = units[unit.parent_id]
            assert unit.path == f"{parent.path}.{path_step(unit.pk)}"
            assert unit.depth == parent.depth + 1
    assert max(u.depth for u in units.values()) >= 2


def test_units_below_agencies_reach_several_levels_at_scale():
    planner = Planner(asn=5000, seed=3).plan()

    def depth(node, level=0):
        return max([level, *(depth(c, level + 1) for c in node.children)])

    assert max(depth(root) for root in planner.roots) >= 4  # Setda → Asisten → Biro → Bagian


def test_every_nip_parses_and_agrees_with_the_record(seeded):
    employees = list(Employee.objects.all())
    assert len(employees) == ASN
    assert len({e.nip for e in employees}) == ASN
    for e in employees:
        info = parse_nip(e.nip)
        assert (info.status, info.gender, info.birth_date) == (e.status, e.gender, e.birth_date)
        if e.status == "PNS":
            assert info.tmt == e.tmt_cpns
        else:
            assert e.tmt_cpns is None
            assert info.tmt == e.tmt_golongan.year
            assert 2019 <= info.tmt <= 2025


def test_golongan_fits_education_position_and_functional_level(seeded):
    for e in Employee.objects.select_related("position"):
        kind, level = e.position.kind, e.position.level
        if e.status == "PPPK":
            assert e.golongan == PPPK[e.education_level], e
            assert kind not in ("jpt_pratama", "jpt_madya", "administrator", "pengawas")
            continue
        assert rank(LOWEST[e.education_level]) <= rank(e.golongan), e
        assert rank(e.golongan) <= rank(HIGHEST[e.education_level]), e
        if kind == "pelaksana" and e.education_level == "15":
            assert rank(e.golongan) <= rank("III/b"), e
        if kind == "jpt_pratama":
            assert rank(e.golongan) >= rank("IV/c"), e
        if kind == "administrator":
            assert rank(e.golongan) >= rank("III/d"), e
        if kind.startswith("fungsional"):
            low, high = LEVEL_BANDS[level]
            assert rank(low) <= rank(e.golongan) <= rank(high), e
            assert (kind == "fungsional_keahlian") == (level.startswith("ahli")), e


def test_dates_are_plausible(seeded):
    for e in Employee.objects.all():
        start = e.tmt_cpns or e.tmt_golongan
        assert start <= e.tmt_golongan <= AS_OF, e
        assert start <= e.tmt_jabatan <= AS_OF, e
        age_at_start = (start - e.birth_date).days / 365.25
        assert age_at_start >= 18, e
        age_now = (AS_OF - e.birth_date).days / 365.25
        if e.state == Employee.State.PENSIUN:
            assert age_now >= 58, e
        else:
            assert age_now < 60, e


def test_supervisors_form_a_tree_within_each_government(seeded):
    rows = {
        pk: (sup, path, state, position)
        for pk, sup, path, state, position in Employee.objects.values_list(
            "pk", "supervisor_id", "unit__path", "state", "position__name"
        )
    }
    sekda = {pk for pk, (sup, *_r, pos) in rows.items() if pos == "Sekretaris Daerah"}
    assert len(sekda) == 7
    for pk, (sup, path, state, _pos) in rows.items():
        if pk in sekda or state == Employee.State.PENSIUN:
            assert sup is None
            continue
        assert sup is not None, pk
        sup_path = rows[sup][1]
        assert sup_path[:5] == path[:5]  # same government
        # the supervisor works in the same unit, a unit above, or is the government's Sekda
        assert sup in sekda or path == sup_path or path.startswith(sup_path + "."), pk
        seen = {pk}
        while sup is not None:
            assert sup not in seen, "cycle"
            seen.add(sup)
            sup = rows[sup][0]


def test_seed_writes_no_career_history(seeded):
    """Career history records changes, not registration: the seeded records hold their current
    position and rank (with TMTs) themselves."""
    assert not CareerHistory.objects.exists()
    assert not Employee.objects.filter(position=None).exists()


def test_one_summary_audit_record_describes_the_seed(seeded):
    entry = AuditLog.objects.get(object_type="demo.seed")
    assert entry.action == "import"
    assert entry.changes["employees"] == [0, ASN]
    assert not AuditLog.objects.filter(object_type="people.employee", action="create").exists()


def subordinates_of(pk: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for emp, sup in Employee.objects.values_list("pk", "supervisor_id"):
        children.setdefault(sup, []).append(emp)
    found, todo = set(), [pk]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def visible(username: str) -> set[int]:
    user = User.objects.get(username=username)
    return set(Employee.objects.visible_to(user).values_list("pk", flat=True))


def subtree(unit: OrgUnit) -> set[int]:
    return set(
        Employee.objects.filter(unit__path__startswith=unit.path).values_list("pk", flat=True)
    )


def test_every_demo_login_works_with_the_demo_password(seeded, client):
    assert set(User.objects.values_list("username", flat=True)) == set(DEMO_USERNAMES)
    for username in DEMO_USERNAMES:
        # through the real login form (django-axes needs the request `client.login` lacks)
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
        client.logout()
    superadmin = User.objects.get(username="superadmin")
    assert superadmin.is_superuser and superadmin.is_staff
    assert User.objects.get(username="admin.provinsi").is_staff


def test_each_demo_login_sees_what_its_role_allows(seeded):
    province = OrgUnit.objects.get(name="Pemerintah Provinsi Gorontalo")
    kota = OrgUnit.objects.get(name="Pemerintah Kota Gorontalo")
    dinkes = OrgUnit.objects.get(name="Dinas Kesehatan", parent=province)
    dikbud = OrgUnit.objects.get(name="Dinas Pendidikan dan Kebudayaan", parent=province)
    everyone = set(Employee.objects.values_list("pk", flat=True))

    assert visible("superadmin") == everyone
    assert visible("admin.provinsi") == subtree(province)
    assert visible("admin.kota") == subtree(kota) != set()
    assert visible("operator.dinkes") == subtree(dinkes) != set()
    assert visible("operator.dikbud") == subtree(dikbud) != set()
    assert visible("pimpinan.provinsi") == set()  # aggregates only, no personal records
    assert visible("penyelenggara") == set()

    atasan = Employee.objects.get(user__username="atasan")
    below = subordinates_of(atasan.pk)
    assert below
    assert visible("atasan") == {atasan.pk} | below
    assert atasan.unit.path.startswith(dinkes.path)
    assert atasan.position.name.startswith("Kepala Bidang")
    asn = Employee.objects.get(user__username="asn")
    assert asn.supervisor_id == atasan.pk
    assert visible("asn") == {asn.pk}
    mentor = Employee.objects.get(user__username="mentor")
    assert mentor.status == "PNS" and mentor.unit.path.startswith(province.path)


def test_if_empty_does_nothing_on_a_second_run(db):
    call_command("seed_demo", asn=ASN, seed=SEED, if_empty=True, stdout=io.StringIO())
    before = signature()
    out = io.StringIO()
    call_command("seed_demo", asn=ASN, seed=SEED + 1, if_empty=True, stdout=out)
    assert "dilewati" in out.getvalue()
    # The logins are printed again, so `make demo` always shows how to get in.
    assert "| atasan" in out.getvalue() and "Atasan, ASN" in out.getvalue()
    assert "| operator.dinkes" in out.getvalue()
    assert signature() == before
    assert AuditLog.objects.filter(object_type="demo.seed").count() == 1


def test_command_prints_the_login_table_and_the_demo_password(db):
    out = io.StringIO()
    call_command("seed_demo", asn=ASN, seed=SEED, stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text and "HANYA untuk demo" in text
    assert "Program: 7 program, 21 tahap, " in text and "kasus koordinasi" in text
    for username in DEMO_USERNAMES:
        assert f"| {username} " in text


def test_command_refuses_a_registry_that_is_not_empty(seeded):
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("seed_demo", asn=ASN, seed=SEED, stdout=io.StringIO())


def test_reset_is_refused_outside_debug(seeded, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", asn=ASN, seed=SEED, reset=True, stdout=io.StringIO())


def test_reset_replaces_the_demo_data(seeded, settings):
    settings.DEBUG = True
    first = signature()
    call_command("seed_demo", asn=ASN, seed=SEED, reset=True, stdout=io.StringIO())
    assert signature() == first
    assert OrgUnit.objects.filter(kind="instansi").count() == 7


def test_too_small_a_data_set_is_refused(db):
    with pytest.raises(CommandError, match="minimal"):
        call_command("seed_demo", asn=10, seed=SEED, stdout=io.StringIO())


def test_a_sample_of_employees_passes_model_validation(seeded):
    for e in Employee.objects.order_by("?")[:40]:
        e.full_clean(validate_unique=False, validate_constraints=False)
    assert dt.date(1950, 1, 1) < min(Employee.objects.values_list("birth_date", flat=True))


def test_demo_performance_data_follows_the_rules(seeded):
    from binakinerja.performance.models import FollowUp, Period, Skp, SkpAssessment, SkpResult
    from binakinerja.performance.rules import NEEDS_FOLLOW_UP, predikat_kinerja

    assert Period.objects.count() == 7 * 5
    statuses = set(Skp.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "in_progress", "assessed"} <= statuses
    assessments = list(SkpAssessment.objects.select_related("skp"))
    assert assessments
    for a in assessments:
        assert a.predikat == predikat_kinerja(a.hasil_kerja, a.perilaku_kerja)
        assert a.skp.status == "assessed" and a.assessed_by_id == a.skp.atasan_id
    predikats = {a.predikat for a in assessments}
    assert "baik" in predikats and len(predikats) >= 2
    assert all(f.assessment.predikat in NEEDS_FOLLOW_UP for f in FollowUp.objects.all())
    for result in SkpResult.objects.filter(supports__isnull=False).select_related(
        "skp", "supports__skp"
    ):
        assert result.supports.skp.employee_id == result.skp.atasan_id
