"""nine_box, job_person_match, gaps, default standards and the ranking of needs."""

from decimal import Decimal

import pytest

from binakinerja.competencies.rules import (
    DEFAULT_NINE_BOX,
    NINE_BOX_RECOMMENDATIONS,
    NeedSource,
    default_required_level,
    gaps,
    job_person_match,
    jp_of_minutes,
    jpm_band,
    nine_box,
    rank_needs,
    validate_nine_box_mapping,
)


@pytest.mark.parametrize(
    ("potensial", "kinerja", "box"),
    [
        ("tinggi", "di_bawah", 6), ("tinggi", "sesuai", 8), ("tinggi", "di_atas", 9),
        ("menengah", "di_bawah", 3), ("menengah", "sesuai", 5), ("menengah", "di_atas", 7),
        ("rendah", "di_bawah", 1), ("rendah", "sesuai", 2), ("rendah", "di_atas", 4),
    ],
)  # fmt: skip
def test_nine_box_all_combinations(potensial, kinerja, box):
    assert nine_box(kinerja, potensial) == box
    assert NINE_BOX_RECOMMENDATIONS[box]


def test_nine_box_with_a_changed_mapping():
    # A mapping numbered row by row from the top left (another common convention).
    mapping = {
        (p, k): 1 + 3 * row + col
        for row, p in enumerate(["tinggi", "menengah", "rendah"])
        for col, k in enumerate(["di_bawah", "sesuai", "di_atas"])
    }
    validate_nine_box_mapping(mapping)
    assert nine_box("di_bawah", "tinggi", mapping) == 1
    assert nine_box("di_atas", "rendah", mapping) == 9
    assert nine_box("di_atas", "rendah") == 4  # the default is untouched


def test_default_mapping_is_valid_and_bad_mappings_are_refused():
    validate_nine_box_mapping(DEFAULT_NINE_BOX)
    broken = dict(DEFAULT_NINE_BOX)
    broken[("tinggi", "di_atas")] = 8
    with pytest.raises(ValueError, match="exactly once"):
        validate_nine_box_mapping(broken)
    with pytest.raises(ValueError, match="every"):
        validate_nine_box_mapping({("tinggi", "di_atas"): 9})


@pytest.mark.parametrize(("kinerja", "potensial"), [("baik", "tinggi"), ("sesuai", "sedang")])
def test_nine_box_refuses_unknown_values(kinerja, potensial):
    with pytest.raises(ValueError, match="unknown"):
        nine_box(kinerja, potensial)


def test_job_person_match_hand_worked():
    required = {"M1": 3, "M2": 3, "M3": 2, "SK1": 2}  # Σ 10
    actual = {"M1": 3, "M2": 2, "M3": 4, "SK1": 2}  # capped: 3 + 2 + 2 + 2 = 9
    assert job_person_match(required, actual) == Decimal("90.00")


def test_job_person_match_missing_competency_counts_zero():
    assert job_person_match({"M1": 3, "M2": 3}, {"M1": 3}) == Decimal("50.00")


def test_job_person_match_over_qualification_is_capped():
    assert job_person_match({"M1": 2}, {"M1": 5}) == Decimal("100.00")
    # Over-qualification in one competency does not hide a gap in another.
    assert job_person_match({"M1": 2, "M2": 4}, {"M1": 5, "M2": 1}) == Decimal("50.00")


def test_job_person_match_ignores_unrequired_and_empty_standard():
    assert job_person_match({"M1": 3}, {"M1": 3, "T9": 1}) == Decimal("100.00")
    assert job_person_match({}, {"M1": 3}) is None


def test_job_person_match_rounds_half_up():
    # 2 / 3 = 66.666… → 66.67
    assert job_person_match({"M1": 3}, {"M1": 2}) == Decimal("66.67")


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, True])
def test_levels_outside_1_to_5_are_refused(bad):
    with pytest.raises(ValueError, match="outside 1–5"):
        job_person_match({"M1": bad}, {})
    with pytest.raises(ValueError, match="outside 1–5"):
        job_person_match({"M1": 3}, {"M1": bad})


@pytest.mark.parametrize(
    ("percent", "band"),
    [("100", "optimal"), ("90", "optimal"), ("89.99", "cukup_optimal"), ("78", "cukup_optimal"),
     ("77.99", "kurang_optimal"), ("0", "kurang_optimal")],
)  # fmt: skip
def test_jpm_bands(percent, band):
    assert jpm_band(Decimal(percent)) == band


def test_jpm_bands_are_configurable():
    bands = ((Decimal("80"), "memenuhi"), (Decimal("0"), "belum"))
    assert jpm_band(Decimal("85"), bands) == "memenuhi"
    assert jpm_band(Decimal("79.9"), bands) == "belum"


def test_gaps_positive_are_needs_negative_over_qualification():
    assert gaps({"M1": 3, "M2": 2, "M3": 4}, {"M1": 1, "M2": 3}) == {"M1": 2, "M2": -1, "M3": 4}


@pytest.mark.parametrize(
    ("kind", "level", "required"),
    [("jpt_utama", "", 5), ("jpt_pratama", "", 4), ("administrator", "", 3), ("pengawas", "", 2),
     ("pelaksana", "", 1), ("fungsional_keahlian", "ahli_utama", 4),
     ("fungsional_keahlian", "ahli_pertama", 1), ("fungsional_keterampilan", "mahir", 2)],
)  # fmt: skip
def test_default_required_levels(kind, level, required):
    assert default_required_level(kind, level) == required


def test_default_required_level_table_is_replaceable():
    assert default_required_level("pengawas", table={("pengawas", ""): 3}) == 3
    assert default_required_level("unknown") is None


def test_rank_needs_orders_by_weight_and_explains():
    needs = rank_needs(
        gaps_by_competency={"M1": 2, "M2": -1, "M3": 1, "M4": 0},
        follow_ups={"17": "kurang"},
        jp_done=12,
    )
    assert [(n.source, n.subject) for n in needs] == [
        (NeedSource.FOLLOW_UP, "17"),  # 25
        (NeedSource.GAP, "M1"),  # 20
        (NeedSource.GAP, "M3"),  # 10
        (NeedSource.JP_SHORTFALL, "jp"),  # 5
    ]
    assert "predikat kurang" in needs[0].reason
    assert "2 level" in needs[1].reason
    assert "8 JP" in needs[3].reason


def test_rank_needs_without_shortfall_and_refusing_good_predikat():
    assert rank_needs(gaps_by_competency={}, jp_done=20) == []
    with pytest.raises(ValueError, match="needs no follow-up"):
        rank_needs(gaps_by_competency={}, follow_ups={"1": "baik"})


@pytest.mark.parametrize(
    ("minutes", "rounding", "jp"),
    [(90, "down", 2), (100, "down", 2), (100, "up", 3), (112, "half_up", 2), (113, "half_up", 3),
     (0, "up", 0)],
)  # fmt: skip
def test_jp_of_minutes(minutes, rounding, jp):
    assert jp_of_minutes(minutes, rounding=rounding) == jp
