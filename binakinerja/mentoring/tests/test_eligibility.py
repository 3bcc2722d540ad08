"""Who may mentor whom (issue 14; DOMAIN.md §8b): each eligibility rule with its reason, the
edges (exactly Baik, exactly required + 1), and the forbidden pairs."""

from __future__ import annotations

import pytest
from django.utils import translation

from binakinerja.mentoring.rules import (
    REASON_LABELS,
    EligibilityRules,
    MatchSettings,
    PersonFacts,
    higher_grade,
    jabatan_rank,
    mentor_eligible,
    pair_allowed,
    reason_labels,
)


def mentor(**overrides):
    facts = dict(
        id="m",
        predikat="baik",
        levels={"komunikasi": 4},
        jabatan_kind="administrator",
        golongan="III/d",
        unit_path="00001.00002",
    )
    return PersonFacts(**(facts | overrides))


def mentee(**overrides):
    facts = dict(
        id="e",
        required={"komunikasi": 3},
        gaps={"komunikasi": 2},
        jabatan_kind="pelaksana",
        golongan="II/c",
        unit_path="00001.00003",
    )
    return PersonFacts(**(facts | overrides))


@pytest.mark.parametrize(
    ("predikat", "reasons"),
    [
        ("sangat_baik", []),
        ("baik", []),  # exactly Baik passes
        ("butuh_perbaikan", ["predikat_below"]),
        ("kurang", ["predikat_below"]),
        ("sangat_kurang", ["predikat_below"]),
        (None, ["no_predikat"]),
    ],
)
def test_predikat_at_least_baik(predikat, reasons):
    assert mentor_eligible(mentor(predikat=predikat)) == reasons


def test_min_predikat_is_configurable():
    strict = EligibilityRules(min_predikat="sangat_baik")
    assert mentor_eligible(mentor(predikat="baik"), strict) == ["predikat_below"]
    assert mentor_eligible(mentor(predikat=None), EligibilityRules(min_predikat="")) == []


@pytest.mark.parametrize(
    ("state", "reasons"),
    [("aktif", []), ("cuti", ["not_active"]), ("tugas_belajar", ["not_active"])],
)
def test_on_leave_is_not_active(state, reasons):
    assert mentor_eligible(mentor(state=state)) == reasons
    assert mentor_eligible(mentor(state=state), EligibilityRules(require_active=False)) == []


def test_reasons_add_up():
    assert mentor_eligible(mentor(state="cuti", predikat="kurang")) == [
        "not_active",
        "predikat_below",
    ]


def test_every_reason_has_an_indonesian_label():
    with translation.override("id"):
        labels = reason_labels(REASON_LABELS)
        assert reason_labels(["direct_atasan", "not_active"]) == [
            "Atasan langsung",
            "Tidak aktif (cuti atau tugas belajar)",
        ]
    with translation.override("en"):
        english = reason_labels(REASON_LABELS)
    assert all(labels) and all(a != b for a, b in zip(labels, english, strict=True))


def test_level_exactly_required_plus_margin_passes():
    assert pair_allowed(mentor(levels={"komunikasi": 4}), mentee(), "komunikasi") == []
    assert pair_allowed(mentor(levels={"komunikasi": 3}), mentee(), "komunikasi") == [
        "level_too_low"
    ]
    assert pair_allowed(mentor(levels={}), mentee(), "komunikasi") == ["level_too_low"]
    wider = EligibilityRules(level_margin=2)
    assert pair_allowed(mentor(levels={"komunikasi": 4}), mentee(), "komunikasi", wider) == [
        "level_too_low"
    ]
    assert pair_allowed(mentor(levels={"komunikasi": 5}), mentee(), "komunikasi", wider) == []


def test_any_gap_must_be_covered_when_no_competency_is_named():
    assert pair_allowed(mentor(), mentee()) == []
    assert pair_allowed(mentor(levels={"analisis": 5}), mentee()) == ["no_gap_covered"]


def test_self_is_forbidden():
    me = mentor(id=7)
    assert "self" in pair_allowed(me, mentee(id=7), "komunikasi")
    assert "self" not in pair_allowed(me, mentee(id=8), "komunikasi")


@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_declared_conflict_either_side_is_forbidden(side):
    m = mentor(conflicts=frozenset({"e"})) if side == "mentor" else mentor()
    e = mentee(conflicts=frozenset({"m"})) if side == "mentee" else mentee()
    assert pair_allowed(m, e, "komunikasi") == ["conflict"]
    assert pair_allowed(m, mentee(id="other"), "komunikasi") == []


def test_direct_atasan_forbidden_by_setting():
    e = mentee(atasan_id="m")
    assert pair_allowed(mentor(), e, "komunikasi") == ["direct_atasan"]
    allowed = MatchSettings(forbid_direct_atasan=False)
    assert pair_allowed(mentor(), e, "komunikasi", settings=allowed) == []
    assert pair_allowed(mentor(), mentee(atasan_id="someone"), "komunikasi") == []


def test_grade_must_be_higher():
    same = mentor(jabatan_kind="pelaksana", golongan="II/c")
    assert pair_allowed(same, mentee(), "komunikasi") == ["grade_not_higher"]
    off = EligibilityRules(require_higher_grade=False)
    assert pair_allowed(same, mentee(), "komunikasi", off) == []
    # A higher golongan alone is enough, and so is a higher jabatan alone.
    assert higher_grade(mentor(jabatan_kind="pelaksana", golongan="II/d"), mentee())
    assert higher_grade(mentor(jabatan_kind="pengawas", golongan="II/a"), mentee())
    assert not higher_grade(mentor(jabatan_kind="pelaksana", golongan="II/b"), mentee())


def test_jabatan_order_follows_penyetaraan():
    def rank(kind, level=""):
        return jabatan_rank(PersonFacts(id=0, jabatan_kind=kind, functional_level=level))

    assert rank("administrator") == rank("fungsional_keahlian", "ahli_muda")
    assert rank("pengawas") == rank("fungsional_keahlian", "ahli_pertama")
    assert rank("jpt_utama") > rank("jpt_madya") > rank("jpt_pratama") > rank("administrator")
    assert rank("administrator") > rank("pengawas") > rank("pelaksana") > rank("")
    assert rank("fungsional_keterampilan", "penyelia") > rank("fungsional_keterampilan", "mahir")


def test_pns_and_pppk_golongan_are_not_compared():
    pppk = mentor(jabatan_kind="pelaksana", golongan="XVII")
    assert not higher_grade(pppk, mentee(jabatan_kind="pelaksana", golongan="II/c"))
    assert higher_grade(pppk, mentee(jabatan_kind="pelaksana", golongan="IX"))
