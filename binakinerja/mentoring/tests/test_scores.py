"""The pair score and its parts (issue 14; DOMAIN.md §10) against hand-worked numbers, and
build_scores feeding match_mentors end to end."""

from __future__ import annotations

import random

import pytest
from django.utils import translation

from binakinerja.mentoring.rules import (
    EligibilityRules,
    MatchSettings,
    PersonFacts,
    ScoreWeights,
    build_scores,
    match_mentors,
    pair_score,
    place_closeness,
)


def mentor(**overrides):
    facts = dict(
        id="m",
        predikat="baik",
        levels={"a": 3, "b": 3},
        jabatan_kind="administrator",
        field="Kesehatan",
        unit_path="00001.00002.00003",
    )
    return PersonFacts(**(facts | overrides))


def mentee(**overrides):
    facts = dict(
        id="e",
        required={"a": 2, "b": 3},
        gaps={"a": 3, "b": 1},
        jabatan_kind="pelaksana",
        field="kesehatan ",
        unit_path="00001.00002.00004",
    )
    return PersonFacts(**(facts | overrides))


def test_parts_by_hand_same_opd():
    # a: 3 ≥ 2 + 1 covered (gap 3); b: 3 < 3 + 1 not (gap 1) → 3 / 4.
    parts = pair_score(mentor(), mentee())
    assert parts.coverage == pytest.approx(0.75)
    assert parts.same_field == 1.0  # case and spaces do not matter
    assert parts.place == 0.6
    assert parts.cross_opd == 0.0
    assert parts.total == pytest.approx(0.6 * 0.75 + 0.15 + 0.05 * 0.6)  # 0.63


def test_parts_by_hand_other_opd():
    parts = pair_score(mentor(unit_path="00001.00009", field="Pendidikan"), mentee())
    assert (parts.same_field, parts.place, parts.cross_opd) == (0.0, 0.3, 1.0)
    assert parts.total == pytest.approx(0.45 + 0.05 * 0.3 + 0.2)  # 0.665


def test_coverage_is_weighted_by_gap_size():
    strong_in_b = mentor(levels={"a": 0, "b": 4})
    strong_in_a = mentor(levels={"a": 3, "b": 0})
    assert pair_score(strong_in_b, mentee()).coverage == pytest.approx(0.25)
    assert pair_score(strong_in_a, mentee()).coverage == pytest.approx(0.75)
    assert pair_score(mentor(levels={"a": 9, "b": 9}), mentee()).coverage == 1.0
    assert pair_score(mentor(), mentee(gaps={})).coverage == 0.0
    assert pair_score(mentor(), mentee(gaps={"a": 0, "b": 1})).coverage == 0.0
    assert pair_score(mentor(levels={"a": 2}), mentee(), margin=0).coverage == 0.75


@pytest.mark.parametrize(
    ("a", "b", "closeness"),
    [
        ("00001.00002.00003", "00001.00002.00003", 1.0),
        ("00001.00002", "00001.00002", 1.0),
        ("00001.00002.00003", "00001.00002.00004", 0.6),
        ("00001.00002", "00001.00002.00004.0000a", 0.6),
        ("00001.00002.00003", "00001.00005.00003", 0.3),
        ("00001.00002", "00002.00002", 0.0),
        ("", "00001.00002", 0.0),
    ],
)
def test_place_by_path_prefix(a, b, closeness):
    assert place_closeness(a, b) == closeness
    assert place_closeness(b, a) == closeness


def test_weights_scale_the_parts():
    other_opd = mentor(unit_path="00002.00001", field="")
    only_cross = ScoreWeights(coverage=0, same_field=0, place=0, cross_opd=0.5)
    assert pair_score(other_opd, mentee(), only_cross).total == 0.5
    assert pair_score(mentor(), mentee(), only_cross).total == 0.0
    assert pair_score(other_opd, mentee()).total == pytest.approx(0.45 + 0.2)


def test_explain_lists_parts_with_labels():
    rows = pair_score(mentor(), mentee()).explain()
    assert [value for _, value in rows] == [0.75, 1.0, 0.6, 0.0, 0.63]
    with translation.override("id"):
        labels = [label for label, _ in pair_score(mentor(), mentee()).explain()]
    assert labels[0] == "Cakupan kesenjangan"
    assert labels[-1] == "Skor total"


def test_build_scores_and_match_end_to_end():
    opd1, opd2 = "00001.00001", "00001.00002"
    mentors = [
        mentor(id=1, levels={"a": 5}, unit_path=opd1),
        mentor(id=2, levels={"a": 5, "b": 5}, unit_path=opd2),
        mentor(id=3, levels={"a": 5}, predikat="butuh_perbaikan"),  # not eligible
        mentor(id=4, levels={"c": 5}),  # covers nobody
    ]
    mentees = [
        mentee(id=10, unit_path=opd1 + ".00001", atasan_id=1),  # 1 is their atasan
        mentee(id=11, unit_path=opd1 + ".00002"),
        mentee(id=12, unit_path=opd2 + ".00003", conflicts=frozenset({2})),
    ]
    scores, parts, refused = build_scores(mentors, mentees)
    assert refused == {(1, 10): ["direct_atasan"], (2, 12): ["conflict"]}
    assert set(scores) == {(2, 10), (1, 11), (2, 11), (1, 12)}
    assert all(3 not in key and 4 not in key for key in scores)
    # 2 covers both gaps from another OPD; 1 covers only a (3 of 4) in the same OPD.
    assert scores[2, 11] == pytest.approx(0.6 + 0.15 + 0.05 * 0.3 + 0.2)
    assert scores[1, 11] == pytest.approx(0.45 + 0.15 + 0.05 * 0.6)
    assert parts[2, 10].total == scores[2, 10]

    # One seat each: 1 → 12 (0.815) plus 2 → 10 or 11 (0.965) beats 1 → 11 (0.63).
    tight = match_mentors({1: 1, 2: 1}, scores)
    assert len(tight) == 2 and tight[12] == 1
    assert sum(scores[m, e] for e, m in tight.items()) == pytest.approx(0.965 + 0.815)
    result = match_mentors({1: 2, 2: 1}, scores)
    assert result == {10: 2, 11: 1, 12: 1}
    assert all((result[e], e) in scores for e in result)

    scores, _, refused = build_scores(
        mentors, mentees, settings=MatchSettings(forbid_direct_atasan=False)
    )
    assert (1, 10) in scores and (1, 10) not in refused
    scores, _, _ = build_scores(mentors, mentees, EligibilityRules(min_predikat="butuh_perbaikan"))
    assert (3, 11) in scores


def random_case(rng, mentors=60, mentees=200, competencies=12):
    units = [f"0000{g}.0000{o}.0000{u}" for g in "12" for o in "123" for u in "12"]

    def person(pid, strong):
        levels = {f"k{c}": rng.randint(1, 5) for c in rng.sample(range(competencies), 4)}
        required = {f"k{c}": rng.randint(1, 4) for c in rng.sample(range(competencies), 3)}
        return PersonFacts(
            id=pid,
            predikat=rng.choice(["sangat_baik", "baik", "butuh_perbaikan"]),
            levels=levels if strong else {},
            required={} if strong else required,
            gaps={} if strong else {c: rng.randint(1, 3) for c in required},
            jabatan_kind=rng.choice(["administrator", "pengawas"] if strong else ["pelaksana"]),
            field=rng.choice(["Kesehatan", "Pendidikan"]),
            unit_path=rng.choice(units),
            conflicts=frozenset({rng.randrange(mentors)}),
        )

    return (
        [person(i, True) for i in range(mentors)],
        [person(1000 + i, False) for i in range(mentees)],
    )


def test_build_scores_agrees_with_checking_every_pair():
    from binakinerja.mentoring.rules import mentor_eligible, pair_allowed

    ms, es = random_case(random.Random(3))
    scores, parts, refused = build_scores(ms, es)
    expected = {
        (m.id, e.id): pair_score(m, e).total
        for m in ms
        if not mentor_eligible(m)
        for e in es
        if not pair_allowed(m, e)
    }
    assert scores == expected
    assert len(scores) > 100 and refused
    assert all(set(reasons) - {"no_gap_covered"} for reasons in refused.values())


def test_deterministic():
    ms, es = random_case(random.Random(5))
    first = build_scores(ms, es)
    second = build_scores(list(ms), list(es))
    assert first == second
    assert list(first[0]) == list(second[0])  # same order too
    capacity = {m.id: 2 for m in ms}
    assert match_mentors(capacity, first[0]) == match_mentors(capacity, second[0])
