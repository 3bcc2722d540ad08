"""The matching run of a mentoring cycle (issue 14; DOMAIN.md §8b, §10): the one module that
turns the registry into `PersonFacts`, finds the mentees whose needs call for mentoring, and
writes the proposed pairs of the optimal matching (`rules.build_scores` → `rules.match_mentors`).

Facts are read in a fixed number of queries whatever the number of people (a province runs it
on thousands of ASN). Accepted and active pairs are never touched by a re-run: only the
previous *proposals* are replaced."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from binakinerja.competencies.idp import idp_activities
from binakinerja.competencies.models import Competency
from binakinerja.competencies.rules import gap_form, gaps
from binakinerja.competencies.selectors import latest_levels, required_levels
from binakinerja.core.audit import audit_record
from binakinerja.mentoring.models import (
    Conflict,
    EffectivenessSnapshot,
    MentoringCycle,
    MentorOffer,
    Pair,
)
from binakinerja.mentoring.rules import (
    REASON_LABELS,
    EligibilityRules,
    MatchSettings,
    PersonFacts,
    ScoreWeights,
    build_scores,
    covered_gaps,
    match_mentors,
    mentor_eligible,
    pair_allowed,
)
from binakinerja.mentoring.selectors import can_coordinate
from binakinerja.people.models import Employee
from binakinerja.performance.rules import Predikat
from binakinerja.performance.selectors import annual_predikat, follow_up_list_open

MENTORING = "mentoring"  # FollowUpKind.MENTORING and DevelopmentForm.MENTORING
NEW_CPNS_DAYS = 365
KEPT = (Pair.Status.ACCEPTED, Pair.Status.ACTIVE)


# --- facts ------------------------------------------------------------------------------------


def person_facts(
    employee_ids: Iterable[int], year: int, *, cycle: MentoringCycle | None = None
) -> dict[int, PersonFacts]:
    """{employee_id: PersonFacts} for the rules, in five queries whatever the number of ids:
    employees (unit, position), current competency levels, required levels of their positions,
    last year's (`year` − 1) annual predikat, and the conflicts declared in `cycle` (when given).

    `field` is the jabatan name (two "Perawat" share a field); `gaps` keep only the positive
    ones (the levels the mentee lacks)."""
    ids = list(dict.fromkeys(employee_ids))
    if not ids:
        return {}
    employees = list(
        Employee.objects.filter(pk__in=ids)
        .select_related("unit", "position")
        .only(
            "pk",
            "state",
            "golongan",
            "supervisor_id",
            "unit__path",
            "position__kind",
            "position__level",
            "position__name",
        )  # fmt: skip
        .order_by()
    )
    levels = latest_levels(ids)
    required_of = required_levels(e.position_id for e in employees)
    predikat = annual_predikat(ids, year=year - 1)
    conflicts: dict[int, set[int]] = defaultdict(set)
    if cycle is not None:
        rows = Conflict.objects.filter(cycle=cycle).filter(
            Q(mentor_id__in=ids) | Q(mentee_id__in=ids)
        )
        for mentor_id, mentee_id in rows.values_list("mentor_id", "mentee_id"):
            conflicts[mentor_id].add(mentee_id)
            conflicts[mentee_id].add(mentor_id)

    facts = {}
    for e in employees:
        own = levels.get(e.pk, {})
        required = required_of.get(e.position_id, {})
        position = e.position
        facts[e.pk] = PersonFacts(
            id=e.pk,
            state=e.state,
            predikat=predikat.get(e.pk),
            levels=own,
            required=required,
            gaps={code: gap for code, gap in gaps(required, own).items() if gap > 0},
            jabatan_kind=position.kind if position else "",
            functional_level=position.level if position else "",
            golongan=e.golongan or "",
            field=position.name if position else "",
            unit_path=e.unit.path if e.unit_id else "",
            conflicts=frozenset(conflicts.get(e.pk, ())),
            atasan_id=e.supervisor_id,
        )
    return facts


def pair_problems(cycle: MentoringCycle, mentor_id: int, mentee_id: int) -> list[str]:
    """Why the cycle's rules forbid `mentor_id` mentoring `mentee_id` (labels in the reader's
    language; empty = allowed): the mentor's own eligibility and the pair rules, as the
    matching applies them. Used when the coordinator swaps a mentor by hand."""
    eligibility, _weights, match_settings = cycle_rules(cycle)
    facts = person_facts([mentor_id, mentee_id], cycle.year, cycle=cycle)
    if mentor_id not in facts or mentee_id not in facts:
        return [_("Unknown ASN.")]
    mentor, mentee = facts[mentor_id], facts[mentee_id]
    codes = mentor_eligible(mentor, eligibility) + pair_allowed(
        mentor, mentee, None, eligibility, match_settings
    )
    if not mentee.gaps:  # a new CPNS without a jabatan standard yet: nothing to cover
        codes = [code for code in codes if code != "no_gap_covered"]
    return [str(REASON_LABELS[code]) for code in dict.fromkeys(codes)]


# --- mentees ----------------------------------------------------------------------------------


def cycle_employees(cycle: MentoringCycle):
    """The active ASN of the cycle's scope (its OPD, or its whole government), as a queryset."""
    root = cycle.opd or cycle.instansi
    return Employee.objects.filter(
        unit__path__startswith=root.path, state=Employee.State.AKTIF
    ).order_by("pk")


def mentees_from_needs(cycle: MentoringCycle, *, facts: dict | None = None) -> list[tuple]:
    """[(employee_id, reason)] of the ASN of the cycle's scope whose needs call for mentoring:
    a competency gap of one level (the coaching/mentoring form of `competencies.rules.gap_form`),
    an open SKP follow-up of kind mentoring, a mentoring activity in the approved IDP of the
    year, or a new CPNS (TMT CPNS within the year before the cycle starts).

    Ranked as the needs page ranks them: largest gap first, then by the number of needs, then
    by id (stable). The reason lists every need found, in the reader's language."""
    scope = list(cycle_employees(cycle).values_list("pk", "tmt_cpns"))
    ids = [pk for pk, _tmt in scope]
    if facts is None:
        facts = person_facts(ids, cycle.year, cycle=cycle)
    found: dict[int, list[str]] = defaultdict(list)
    largest: dict[int, int] = defaultdict(int)

    for pk in ids:
        person = facts.get(pk)
        if person is None:
            continue
        one_level = sorted(code for code, gap in person.gaps.items() if gap_form(gap) and gap == 1)
        if one_level:
            found[pk].append(_("competency gap of one level in %(codes)s")
                             % {"codes": ", ".join(one_level)})  # fmt: skip
        if person.gaps:
            largest[pk] = max(person.gaps.values())

    follow_ups: set[int] = set()
    for year in (cycle.year - 1, cycle.year):
        rows = follow_up_list_open(employee_ids=ids, year=year, predikats=Predikat.values)
        follow_ups.update(
            rows.filter(kind=MENTORING).values_list("assessment__skp__employee_id", flat=True)
        )
    for pk in sorted(follow_ups):
        found[pk].append(_("SKP follow-up: mentoring"))

    planned = idp_activities(employee_ids=ids, year=cycle.year, status="planned")
    for pk in sorted(set(planned.filter(form=MENTORING).values_list("plan__employee_id",
                                                                    flat=True))):  # fmt: skip
        found[pk].append(_("mentoring planned in the approved IDP"))

    since = cycle.start - dt.timedelta(days=NEW_CPNS_DAYS)
    for pk, tmt_cpns in scope:
        if tmt_cpns and since <= tmt_cpns <= cycle.start:
            found[pk].append(_("new CPNS (TMT CPNS %(date)s)") % {"date": tmt_cpns.isoformat()})

    ranked = sorted(found, key=lambda pk: (-largest.get(pk, 0), -len(found[pk]), pk))
    return [(pk, "; ".join(found[pk])) for pk in ranked]


# --- the run ----------------------------------------------------------------------------------


@dataclass
class MatchResult:
    """What a run did: counts for the coordinator, and why each unmatched mentee stayed so."""

    mentees: int = 0
    matched: int = 0
    kept: int = 0
    replaced: int = 0
    unmatched: dict[int, str] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)

    @property
    def unmatched_count(self) -> int:
        return len(self.unmatched)


def _overrides(cls, values) -> object:
    """`cls` defaults with the known keys of a settings dict over them (unknown keys ignored)."""
    names = {f.name for f in dataclasses.fields(cls)}
    if not isinstance(values, dict):
        return cls()
    return cls(**{k: v for k, v in values.items() if k in names})


def cycle_rules(cycle: MentoringCycle) -> tuple[EligibilityRules, ScoreWeights, MatchSettings]:
    """Rules, weights and pair settings of a cycle: `cycle.settings` "eligibility", "weights"
    and "match" over the defaults of `rules`."""
    settings = cycle.settings or {}
    return (
        _overrides(EligibilityRules, settings.get("eligibility")),
        _overrides(ScoreWeights, settings.get("weights")),
        _overrides(MatchSettings, settings.get("match")),
    )


def parts_json(parts) -> dict[str, float]:
    """The score parts as stored on the pair: the rows of `ScoreParts.explain()`, keyed by part
    name so the review page labels them in the reader's language."""
    names = ("coverage", "same_field", "place", "cross_opd", "total")
    return {name: round(getattr(parts, name), 4) for name in names}


def _unmatched_reason(mentee: PersonFacts, refused: dict, scores: dict) -> str:
    if not mentee.gaps:
        return _("no competency gap a mentor could cover")
    own = [reasons for (_m, e), reasons in refused.items() if e == mentee.id]
    if any(e == mentee.id for (_m, e) in scores):
        return _("every suitable mentor's capacity is used")
    if own:
        codes = sorted({code for reasons in own for code in reasons})
        return "; ".join(str(REASON_LABELS[code]) for code in codes)
    return _("no eligible mentor is strong enough in their gaps")


def unmatched_reasons(mentees, assignment, scores, refused) -> dict[int, str]:
    """Why each mentee without a mentor stayed so. Scores and refusals are indexed by mentee
    once: looking each mentee up in all pairs would be quadratic (minutes on a province)."""
    refused_of: dict = defaultdict(dict)
    for key, reasons in refused.items():
        refused_of[key[1]][key] = reasons
    scored_of: dict = defaultdict(dict)
    for key, score in scores.items():
        scored_of[key[1]][key] = score
    return {m.id: _unmatched_reason(m, refused_of[m.id], scored_of[m.id])
            for m in mentees if m.id not in assignment}  # fmt: skip


@transaction.atomic
def matching_run(*, actor, cycle: MentoringCycle) -> MatchResult:
    """Propose pairs for the cycle (coordinator only): eligible offers with their capacity less
    the accepted/active pairs they already have, the mentees from `mentees_from_needs` without
    such a pair, the optimal matching; the previous proposals are replaced in one transaction,
    and the run is audited."""
    if not can_coordinate(actor, cycle.instansi, cycle.opd):
        raise PermissionDenied
    cycle = MentoringCycle.objects.select_for_update().get(pk=cycle.pk)
    eligibility, weights, match_settings = cycle_rules(cycle)

    kept_rows = Pair.objects.filter(cycle=cycle, status__in=KEPT)
    kept = list(kept_rows.values_list("mentor_id", "mentee_id"))
    kept_mentees = {mentee for _m, mentee in kept}
    load: dict[int, int] = defaultdict(int)
    for mentor, _e in kept:
        load[mentor] += 1
    offers = dict(
        MentorOffer.objects.filter(cycle=cycle, status=MentorOffer.Status.OFFERED).values_list(
            "mentor_id", "capacity"
        )
    )

    scope_ids = list(cycle_employees(cycle).values_list("pk", flat=True))
    facts = person_facts(set(scope_ids) | set(offers), cycle.year, cycle=cycle)
    needs = mentees_from_needs(cycle, facts=facts)
    mentee_ids = [pk for pk, _reason in needs if pk not in kept_mentees]
    mentors = [
        facts[m] for m in offers if m in facts and not mentor_eligible(facts[m], eligibility)
    ]
    capacity = {m.id: max(0, offers[m.id] - load[m.id]) for m in mentors}
    mentees = [facts[pk] for pk in mentee_ids]

    scores, parts, refused = build_scores(mentors, mentees, eligibility, weights, match_settings)
    assignment = match_mentors(capacity, scores)

    competency_ids = dict(Competency.objects.values_list("code", "pk"))
    person = {p.id: p for p in (*mentors, *mentees)}

    def main_competency(mentor: int, mentee: int) -> int | None:
        """The covered gap with the most levels (then by code): what the pair works on first."""
        covered = covered_gaps(person[mentor], person[mentee], eligibility.level_margin)
        if not covered:
            return None
        code = min(covered, key=lambda c: (-covered[c], c))
        return competency_ids.get(code)

    _total, deleted = Pair.objects.filter(cycle=cycle, status=Pair.Status.PROPOSED).delete()
    replaced = deleted.get(Pair._meta.label, 0)
    new = [
        Pair(
            cycle=cycle,
            mentor_id=mentor,
            mentee_id=mentee,
            competency_id=main_competency(mentor, mentee),
            status=Pair.Status.PROPOSED,
            score=Decimal(str(round(parts[(mentor, mentee)].total, 3))),
            score_parts=parts_json(parts[(mentor, mentee)]),
        )  # fmt: skip
        for mentee, mentor in sorted(assignment.items())
    ]
    Pair.objects.bulk_create(new)
    result = MatchResult(
        mentees=len(mentees), matched=len(new), kept=len(kept), replaced=replaced,
        unmatched=unmatched_reasons(mentees, assignment, scores, refused),
        pairs=new,
    )  # fmt: skip
    cycle.last_run = {
        "at": timezone.now().isoformat(), "mentees": result.mentees, "matched": result.matched,
        "kept": result.kept, "replaced": result.replaced,
        "unmatched": {str(pk): reason for pk, reason in result.unmatched.items()},
    }  # fmt: skip
    cycle.save(update_fields=["last_run"])
    # The comparison group of the effectiveness figures is this run's unmatched mentees.
    EffectivenessSnapshot.objects.filter(cycle=cycle).delete()
    audit_record(actor=actor, action="update", instance=cycle, changes={
        "matching": [None, {"mentees": result.mentees, "matched": result.matched,
                            "unmatched": result.unmatched_count, "kept": result.kept,
                            "replaced": result.replaced}],
    })  # fmt: skip
    return result
