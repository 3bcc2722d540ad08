"""Benchmark of the mentor matching (issue 14; a plain script, not a test).

Times `match_mentors` (binakinerja/mentoring/rules.py) on the issue's province-sized case:
5,000 mentees × 1,000 mentors, capacity 1–5 each, about 50 eligible mentors per mentee with
random integer scores 0–100; target ≤ 10 s (median of --runs). Also prints how many mentees
were matched against the seats there are, and checks capacity and forbidden pairs. No database.

Then times `build_scores` (eligibility, forbidden pairs and score parts) on synthetic facts of the
same size — 1,000 mentors, 5,000 mentees, tuned so about 50 mentors are allowed per mentee —
target ≤ 10 s, and `match_mentors` on the scores it built.

    .venv/bin/python bench/mentoring.py [--mentees 5000] [--mentors 1000] [--eligible 50]
                                        [--runs 3] [--seed 14]
"""

from __future__ import annotations

import argparse
import pathlib
import random
import statistics
import sys
import time
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from binakinerja.mentoring.rules import PersonFacts, build_scores, match_mentors  # noqa: E402

TARGET_MS = 10_000


def province_case(mentees: int, mentors: int, eligible: int, seed: int):
    rng = random.Random(seed)
    capacity = {m: rng.randint(1, 5) for m in range(mentors)}
    scores = {
        (m, e): rng.randint(0, 100)
        for e in range(mentees)
        for m in rng.sample(range(mentors), min(eligible, mentors))
    }
    return capacity, scores


def report(label: str, ms: float, target: float | None, detail: str = "") -> None:
    verdict = ""
    if target:
        verdict = f"target {target:5.0f} ms  ratio {ms / target:4.2f}  "
        verdict += "ok" if ms <= target else "SLOW"
    print(f"{label:58s} median {ms:7.1f} ms  {verdict}  {detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentees", type=int, default=5000)
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--eligible", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()

    capacity, scores = province_case(args.mentees, args.mentors, args.eligible, args.seed)
    seats = sum(capacity.values())
    samples = []
    for _ in range(max(args.runs, 1)):
        started = time.perf_counter()
        result = match_mentors(capacity, scores)
        samples.append(time.perf_counter() - started)

    assert all((mentor, mentee) in scores for mentee, mentor in result.items())
    assert all(n <= capacity[m] for m, n in Counter(result.values()).items())
    total = sum(scores[mentor, mentee] for mentee, mentor in result.items())
    print(f"{args.mentees:,} mentees × {args.mentors:,} mentors, {len(scores):,} allowed pairs, "
          f"{seats:,} seats, median of {len(samples)} runs")  # fmt: skip
    report(
        "match_mentors (optimal: count, then total score)",
        statistics.median(samples) * 1000,
        TARGET_MS,
        f"{len(result):,} matched, total score {total:,}",
    )
    bench_build_scores(args)


def province_facts(mentees: int, mentors: int, seed: int, competencies: int = 80):
    """Mentors with levels in 4 of `competencies`, mentees with 3 gaps, spread over 2 governments ×
    30 OPDs × 10 units; some on leave, some below Baik, some conflicts and direct atasans."""
    rng = random.Random(seed)
    codes = [f"k{c:02d}" for c in range(competencies)]
    units = [f"{g:05d}.{o:05d}.{u:05d}" for g in range(2) for o in range(30) for u in range(10)]
    fields = ["Kesehatan", "Pendidikan", "Keuangan", "Infrastruktur", "Pelayanan umum"]
    mentor_facts = [
        PersonFacts(
            id=m,
            state=rng.choices(["aktif", "cuti", "tugas_belajar"], [0.92, 0.05, 0.03])[0],
            predikat=rng.choices(["sangat_baik", "baik", "butuh_perbaikan"], [0.2, 0.7, 0.1])[0],
            levels={code: rng.randint(1, 5) for code in rng.sample(codes, 4)},
            jabatan_kind=rng.choice(["administrator", "pengawas", "jpt_pratama"]),
            golongan=rng.choice(["III/c", "III/d", "IV/a", "IV/b"]),
            field=rng.choice(fields),
            unit_path=rng.choice(units),
        )
        for m in range(mentors)
    ]
    mentee_facts = []
    for e in range(mentees):
        required = {code: rng.randint(2, 4) for code in rng.sample(codes, 3)}
        mentee_facts.append(
            PersonFacts(
                id=mentors + e,
                required=required,
                gaps={code: rng.randint(1, 3) for code in required},
                jabatan_kind=rng.choice(["pelaksana", "pengawas"]),
                golongan=rng.choice(["II/c", "III/a", "III/b"]),
                field=rng.choice(fields),
                unit_path=rng.choice(units),
                conflicts=frozenset({rng.randrange(mentors)}),
                atasan_id=rng.randrange(mentors),
            )
        )
    return mentor_facts, mentee_facts


def bench_build_scores(args) -> None:
    mentors, mentees = province_facts(args.mentees, args.mentors, args.seed)
    samples = []
    for _ in range(max(args.runs, 1)):
        started = time.perf_counter()
        scores, parts, refused = build_scores(mentors, mentees)
        samples.append(time.perf_counter() - started)
    per_mentee = Counter(mentee for _, mentee in scores)
    none = len(mentees) - len(per_mentee)
    print(f"{len(scores):,} allowed pairs ({len(scores) / len(mentees):.1f} per mentee, "
          f"{none:,} mentees with none), {len(refused):,} refused")  # fmt: skip
    report(
        "build_scores (eligibility, forbidden pairs, score parts)",
        statistics.median(samples) * 1000,
        TARGET_MS,
    )
    capacity = {m.id: random.Random(args.seed + m.id).randint(1, 5) for m in mentors}
    started = time.perf_counter()
    result = match_mentors(capacity, scores)
    report(
        "match_mentors on those scores (one run)",
        (time.perf_counter() - started) * 1000,
        TARGET_MS,
        f"{len(result):,} matched",
    )


if __name__ == "__main__":
    main()
