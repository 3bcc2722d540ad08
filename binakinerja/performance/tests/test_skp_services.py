import pytest
from django.core.exceptions import ValidationError

from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.models import AuditLog
from binakinerja.performance.models import Skp
from binakinerja.performance.services import (
    skp_create,
    skp_result_add,
    skp_transition,
)

INDICATOR = {"aspect": "kuantitas", "text": "Jumlah kunjungan rumah", "target_value": 120,
             "target_unit": "kunjungan"}  # fmt: skip


@pytest.fixture
def plans(world):
    boss = skp_create(actor=world.atasan_user, employee=world.atasan, year=2026)
    boss_result = skp_result_add(
        actor=world.atasan_user, skp=boss, kind="utama", text="Cakupan imunisasi naik",
        supports=None, indicators=[INDICATOR],
    )  # fmt: skip
    mine = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    return boss, boss_result, mine


def test_new_skp_is_a_draft_with_the_seven_core_values(world, plans):
    _boss, _result, mine = plans
    assert mine.status == "draft"
    assert mine.atasan == world.atasan
    assert mine.behaviours.count() == 7


def test_one_skp_per_employee_and_year(world, plans):
    with pytest.raises(ValidationError):
        skp_create(actor=world.asn_user, employee=world.asn, year=2026)


def test_result_cascades_from_the_supervisors_result(world, plans):
    _boss, boss_result, mine = plans
    result = skp_result_add(
        actor=world.asn_user, skp=mine, kind="utama", text="Imunisasi dasar lengkap di desa",
        supports=boss_result, indicators=[INDICATOR],
    )  # fmt: skip
    assert result.supports == boss_result
    assert list(boss_result.supported_by.all()) == [result]
    assert AuditLog.objects.filter(object_type="performance.skpresult").count() == 2


def test_result_may_support_only_the_supervisors_result_of_the_same_year(world, plans):
    _boss, _boss_result, mine = plans
    peer = skp_create(actor=None, employee=world.asn_peer, year=2026)
    peer_result = peer.results.create(kind="utama", text="Hasil rekan kerja")
    last_year = skp_create(actor=None, employee=world.atasan, year=2025)
    old_result = last_year.results.create(kind="utama", text="Hasil atasan tahun lalu")
    for wrong in (peer_result, old_result):
        with pytest.raises(ValidationError):
            skp_result_add(
                actor=world.asn_user, skp=mine, kind="utama", text="y", supports=wrong,
                indicators=[INDICATOR],
            )  # fmt: skip
    assert not mine.results.exists()


def test_indicator_without_target_is_refused_and_nothing_is_written(world, plans):
    _boss, _result, mine = plans
    with pytest.raises(ValidationError):
        skp_result_add(
            actor=world.asn_user, skp=mine, kind="utama", text="Tanpa target", supports=None,
            indicators=[{"aspect": "kualitas", "text": "Mutu"}],
        )  # fmt: skip
    assert not mine.results.exists()


def test_submit_approve_and_the_roles(world, plans):
    _boss, boss_result, mine = plans
    with pytest.raises(ValidationError):  # no main result yet
        skp_transition(actor=world.asn_user, skp=mine, action="submit", version=mine.version)
    skp_result_add(
        actor=world.asn_user, skp=mine, kind="utama", text="Imunisasi", supports=boss_result,
        indicators=[INDICATOR],
    )  # fmt: skip
    mine = skp_transition(actor=world.asn_user, skp=mine, action="submit", version=mine.version)
    assert mine.status == "submitted"
    with pytest.raises(ValidationError):  # the owner cannot approve their own SKP
        skp_transition(actor=world.asn_user, skp=mine, action="approve", version=mine.version)
    with pytest.raises(ValidationError):  # an outsider cannot either
        skp_transition(actor=world.operator_a, skp=mine, action="approve", version=mine.version)
    with pytest.raises(ValidationError):  # the plan is locked once submitted
        skp_result_add(
            actor=world.asn_user, skp=mine, kind="tambahan", text="z", supports=None,
            indicators=[INDICATOR],
        )  # fmt: skip
    mine = skp_transition(actor=world.atasan_user, skp=mine, action="approve", version=mine.version)
    assert mine.status == "approved"
    moves = AuditLog.objects.filter(object_type="performance.skp", action="update")
    assert [m.changes["status"] for m in moves.order_by("id")] == [
        ["draft", "submitted"],
        ["submitted", "approved"],
    ]


def test_return_needs_a_comment(world, plans):
    _boss, boss_result, mine = plans
    skp_result_add(
        actor=world.asn_user, skp=mine, kind="utama", text="Imunisasi", supports=boss_result,
        indicators=[INDICATOR],
    )  # fmt: skip
    mine = skp_transition(actor=world.asn_user, skp=mine, action="submit", version=mine.version)
    with pytest.raises(ValidationError):
        skp_transition(actor=world.atasan_user, skp=mine, action="return", version=mine.version)
    mine = skp_transition(
        actor=world.atasan_user, skp=mine, action="return", version=mine.version,
        comment="Target terlalu rendah",
    )  # fmt: skip
    assert mine.status == "returned"


def test_a_stale_second_move_is_refused(world, plans):
    _boss, boss_result, mine = plans
    skp_result_add(
        actor=world.asn_user, skp=mine, kind="utama", text="Imunisasi", supports=boss_result,
        indicators=[INDICATOR],
    )  # fmt: skip
    mine = skp_transition(actor=world.asn_user, skp=mine, action="submit", version=mine.version)
    seen = Skp.objects.get(pk=mine.pk)  # two tabs of the atasan loaded the same version
    skp_transition(actor=world.atasan_user, skp=mine, action="approve", version=seen.version)
    with pytest.raises(StaleVersionError):
        skp_transition(actor=world.atasan_user, skp=seen, action="return", version=seen.version,
                       comment="Terlambat")  # fmt: skip
    assert Skp.objects.get(pk=mine.pk).status == "approved"
