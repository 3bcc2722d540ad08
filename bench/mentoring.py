"""Benchmark of the mentor matching (issue 14; a plain script, not a test).

Times `match_mentors` (binakinerja/mentoring/rules.py) on the issue's province-sized case:
5,000 mentees × 1,000 mentors, capacity 1–5 each, about 50 eligible mentors per mentee with
random integer scores 0–100; target ≤ 10 s (median of --runs). Also prints how many mentees
were matched against the seats there are, and checks capacity and forbidden pairs. No database.

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

from binakinerja.mentoring.rules import match_mentors  # noqa: E402

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


if __name__ == "__main__":
    main()
