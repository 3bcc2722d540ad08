"""Demo mentoring data (issue 14): one running cycle per government, "Mentoring ASN <government>
<year>", from February to December, coordinated by the government's demo admin (admin.provinsi,
admin.kota) or else the superadmin.

- Mentors: a sample of the eligible senior ASN (`rules.mentor_eligible` under the cycle's rules,
  jabatan level at least pengawas / ahli pertama / penyelia) offer 1–5 places in their strongest
  competencies; a couple of conflicts of interest are declared per cycle.
- Mentees: `matching.mentees_from_needs`; pairs from the optimal matching computed as
  `matching.matching_run` computes it (`rules.build_scores` → `rules.match_mentors`, see `_match`
  for why not the service itself), so capacity and forbidden pairs hold.
- Pairs, as of `plan.AS_OF`: most active (coordinator, mentor and mentee accepted), some still
  proposed, a few accepted by the coordinator and waiting for the mentor or the mentee, a few
  closed with a reflection. Goals from the mentee's gaps; feedback from some.
- Sessions every two to five weeks since the pair became active: most confirmed, each with its
  JP record in the trainings ledger exactly as `services.session_confirm` writes it (NKL02,
  source "mentoring", source_ref "mentoring.mentoringsession:<pk>", `jp_record_ref` on the
  session); some pairs' last session waits for confirmation; a few active pairs have had no
  session for longer than settings.MENTORING_INACTIVE_DAYS (inactive as of AS_OF).
- Demo logins: `mentor` mentors `asn` (active, sessions, the last one logged by `asn` waiting
  for the mentor's confirmation) and two more mentees of the matching (one pair accepted by its
  mentee, waiting for the mentor; one active). The `asn` login may have no competency gap
  (then the matching would not pick them): their pair is placed before the run (a run keeps
  accepted and active pairs), scored with `rules.pair_score` like any other, never against a
  declared conflict or with the direct atasan.

Who logged and confirmed: most demo ASN have no login, so a session of a side without one is
recorded by the coordinator (entered from the pair's paper logbook); the demo logins log and
confirm their own. The demo's last year has no annual SKP predikat (the performance demo seeds
the demo year only): while there is none, the demo cycles switch the "predikat at least Baik"
rule off in their settings (`eligibility.min_predikat = ""`), visibly; once last year's
predikat exists the default rules apply.

Rows are written with `bulk_create`; the cycles and their status go through the mentoring
services (audited), each matching run is recorded on its cycle and audited as the service does.
Deterministic for a seed (rows read back in id order).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.competencies.models import Competency
from binakinerja.core.audit import audit_record
from binakinerja.demo.plan import AS_OF
from binakinerja.mentoring.matching import (
    KEPT,
    cycle_employees,
    cycle_rules,
    mentees_from_needs,
    parts_json,
    person_facts,
    unmatched_reasons,
)
from binakinerja.mentoring.models import (
    Conflict,
    Feedback,
    MentoringCycle,
    MentoringSession,
    MentorOffer,
    Pair,
    PairGoal,
)
from binakinerja.mentoring.rules import (
    MAX_CAPACITY,
    build_scores,
    covered_gaps,
    jabatan_rank,
    match_mentors,
    mentor_eligible,
    pair_allowed,
    pair_score,
)
from binakinerja.mentoring.selectors import inactive_pairs
from binakinerja.mentoring.services import (
    JP_SOURCE,
    MENTORING_FORM,
    cycle_create,
    cycle_set_status,
)
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.trainings.ledger import conversion_for
from binakinerja.trainings.models import JpRecord
from binakinerja.trainings.rules import jp_of

BATCH = 2000
OFFER_SHARE = 0.06  # of a government's active ASN offer to mentor,
MAX_OFFERS = 120  # up to a cohort of 120 mentors (a year's program; keeps the seed quick)
SENIOR_RANK = 4  # rules.JABATAN_RANK: pengawas, ahli pertama, penyelia and above
MATCHED_AFTER = 14  # days after the cycle starts: the coordinator's matching run
COORDINATOR_ACCEPTS = 21
PROPOSED, ACCEPTED, CLOSED = 0.10, 0.06, 0.05  # shares of the matched pairs; the rest active
INACTIVE = 0.10  # of the active pairs: no session for longer than MENTORING_INACTIVE_DAYS
AWAITING = 0.25  # of the other active pairs: the last session is not confirmed yet
SESSION_GAP = (14, 35)  # days between two sessions of a pair
# One start time per mentee of a mentor (at most five), sessions at most 90 minutes: a mentor's
# sessions never overlap (the rule `services.session_log` enforces).
SLOTS = (dt.time(8, 0), dt.time(9, 30), dt.time(11, 0), dt.time(13, 30), dt.time(15, 0))
MINUTES = (45, 60, 60, 90, 90)
MODE_CHOICES = (
    MentoringSession.Mode.TATAP_MUKA, MentoringSession.Mode.DARING, MentoringSession.Mode.TELEPON,
)  # fmt: skip
MODE_WEIGHTS = (6, 3, 1)
TOPICS = (
    "Diskusi kasus {name}",
    "Praktik {name} di unit kerja",
    "Umpan balik penerapan {name}",
    "Menyusun rencana aksi {name}",
    "Belajar dari pengalaman mentor: {name}",
)
ACTIONS = (
    "Mentee mencoba langkah yang disepakati pada tugas minggu ini dan mencatat hasilnya.",
    "Mentee menyusun draf dan mengirimkannya kepada mentor sebelum sesi berikutnya.",
    "Mentor membagikan contoh dokumen; mentee menyesuaikannya dengan unit kerjanya.",
    "Mentee mengamati praktik mentor di lapangan dan menuliskan tiga pelajaran.",
)
REFLECTIONS = (
    "Target kompetensi tercapai; mentee kini memimpin kegiatan serupa di unitnya.",
    "Sebagian besar tujuan tercapai. Mentee akan melanjutkan lewat pelatihan klasikal.",
    "Mentee lebih percaya diri mengambil keputusan; catatan sesi menjadi bahan pembelajaran.",
)
FEEDBACK = {
    Feedback.Role.MENTOR: (
        "Mentee aktif bertanya dan menyelesaikan tugas tepat waktu.",
        "Perlu lebih konsisten menerapkan hasil diskusi, namun ada kemajuan nyata.",
        "Mentee terbuka terhadap masukan dan cepat belajar.",
    ),
    Feedback.Role.MENTEE: (
        "Mentor sabar dan memberi contoh yang mudah diterapkan.",
        "Sesi sangat membantu; jadwal kadang perlu disesuaikan dengan tugas lapangan.",
        "Mentor berbagi pengalaman nyata dan memberi umpan balik yang jelas.",
    ),
}
CONFLICT_REASONS = ("Hubungan keluarga", "Satu tim kerja dengan penilaian bersama")
ADMIN_LOGINS = ("admin.provinsi", "admin.kota")
STATUS_COUNTS = (
    (Pair.Status.PROPOSED, "proposed"), (Pair.Status.ACCEPTED, "accepted"),
    (Pair.Status.ACTIVE, "active"), (Pair.Status.CLOSED, "closed"),
)  # fmt: skip
SESSION_REF = "mentoring.mentoringsession:"  # source_ref of a session's JP record


def _aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _workday(day: dt.date) -> dt.date:
    """The day itself, or the Friday before a weekend day."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _coordinators() -> tuple[dict[int, object], object | None]:
    """{government id: its demo admin login} and the superadmin (the fallback coordinator)."""
    rows = RoleAssignment.objects.filter(
        user__username__in=ADMIN_LOGINS, role=Role.ADMIN_BKPSDM, scope__parent__isnull=True
    ).select_related("user")
    by_government = {row.scope_id: row.user for row in rows.order_by("user__username")}
    User = get_user_model()
    fallback = (
        User.objects.filter(username="superadmin").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    return by_government, fallback


def _login_employee(username: str) -> Employee | None:
    return Employee.objects.filter(user__username=username).first()


class _World:
    """What every government's seeding shares: the rng, the competencies, the demo logins, and
    the rows written at the end."""

    def __init__(self, seed: int, year: int):
        self.rng = random.Random(seed * 1409 + year)  # noqa: S311 - synthetic demo data
        self.year = year
        self.competencies = {code: (pk, name) for pk, code, name in
                             Competency.objects.values_list("pk", "code", "name")}  # fmt: skip
        self.code_of = {pk: code for code, (pk, _name) in self.competencies.items()}
        self.mentor = _login_employee("mentor")
        self.asn = _login_employee("asn")
        self.login_of = dict(
            Employee.objects.filter(user__isnull=False).values_list("pk", "user_id")
        )
        self.inactive_days = django_settings.MENTORING_INACTIVE_DAYS
        self.counts: Counter = Counter()
        self.sessions: list[tuple[MentoringSession, Pair]] = []
        self.goals: list[PairGoal] = []
        self.feedback: list[Feedback] = []


def seed_mentoring(*, seed: int, year: int) -> dict[str, int]:
    """Write the demo's mentoring cycles (one per government), offers, pairs, goals, sessions
    with their JP records, and feedback. Returns counts for the summary line."""
    world = _World(seed, year)
    coordinators, fallback = _coordinators()
    if fallback is None and not coordinators:
        return {}
    for government in OrgUnit.objects.filter(parent__isnull=True).order_by("path"):
        _seed_government(world, government, coordinators.get(government.pk, fallback))
    _write_sessions(world)
    PairGoal.objects.bulk_create(world.goals, batch_size=BATCH)
    Feedback.objects.bulk_create(world.feedback, batch_size=BATCH)
    counts = world.counts
    counts["goals"], counts["feedback"] = len(world.goals), len(world.feedback)
    counts["inactive"] = inactive_pairs(Pair.objects.all(), today=AS_OF).count()
    return dict(counts)


def _seed_government(world: _World, government: OrgUnit, coordinator) -> None:
    rng, year = world.rng, world.year
    ids = list(cycle_employees(MentoringCycle(instansi=government)).values_list("pk", flat=True))
    facts = person_facts(ids, year)
    settings = {}
    if not any(person.predikat for person in facts.values()):
        settings = {"eligibility": {"min_predikat": ""}}  # no annual SKP of last year (see top)
    cycle = cycle_create(
        actor=coordinator, instansi=government, year=year, coordinator=coordinator,
        name=f"Mentoring ASN {government.name} {year}", start=dt.date(year, 2, 2),
        end=dt.date(year, 12, 15), settings=settings,
    )  # fmt: skip
    world.counts["cycles"] += 1
    cycle = cycle_set_status(actor=coordinator, cycle=cycle, status=MentoringCycle.Status.OPEN)
    eligibility, weights, match_settings = cycle_rules(cycle)
    margin = eligibility.level_margin

    # Offers: a sample of the eligible seniors, and the `mentor` login with three places.
    seniors = [person for _pk, person in sorted(facts.items())
               if jabatan_rank(person) >= SENIOR_RANK
               and not mentor_eligible(person, eligibility)]  # fmt: skip
    login = facts.get(world.mentor.pk) if world.mentor else None
    if login is not None and mentor_eligible(login, eligibility):
        login = None
    wanted = min(MAX_OFFERS, max(3, round(len(ids) * OFFER_SHARE)))
    offering = rng.sample(seniors, k=min(wanted, len(seniors)))
    if login is not None and login not in offering:
        offering.append(login)
    offering.sort(key=lambda person: person.id)
    offers = MentorOffer.objects.bulk_create([
        MentorOffer(cycle=cycle, mentor_id=person.id,
                    capacity=3 if person is login else rng.randint(1, MAX_CAPACITY),
                    note="Bersedia membimbing di luar jam layanan.")
        for person in offering
    ], batch_size=BATCH)  # fmt: skip
    through = MentorOffer.competencies.through
    through.objects.bulk_create([
        through(mentoroffer_id=offer.pk, competency_id=world.competencies[code][0])
        for offer, person in zip(offers, offering, strict=True)
        for code, _level in sorted(person.levels.items(), key=lambda i: (-i[1], i[0]))[:3]
        if code in world.competencies
    ], batch_size=BATCH)  # fmt: skip
    world.counts["offers"] += len(offers)

    needs = mentees_from_needs(cycle, facts=facts)
    world.counts["mentees"] += len(needs)
    conflicts: dict[tuple[int, int], Conflict] = {}
    logins = {world.mentor.pk if world.mentor else None, world.asn.pk if world.asn else None}
    for reason in CONFLICT_REASONS:  # between people without a demo login
        if offering and needs:
            mentor, mentee = rng.choice(offering).id, rng.choice(needs)[0]
            if mentor != mentee and not {mentor, mentee} & logins:
                conflicts.setdefault((mentor, mentee), Conflict(
                    cycle=cycle, mentor_id=mentor, mentee_id=mentee, reason=reason))  # fmt: skip
    Conflict.objects.bulk_create(conflicts.values())
    world.counts["conflicts"] += len(conflicts)
    for mentor, mentee in conflicts:  # the facts were read before the conflicts were declared
        facts[mentor] = replace(facts[mentor], conflicts=facts[mentor].conflicts | {mentee})
        facts[mentee] = replace(facts[mentee], conflicts=facts[mentee].conflicts | {mentor})

    cycle = cycle_set_status(actor=coordinator, cycle=cycle, status=MentoringCycle.Status.MATCHING)
    kept = []
    asn = facts.get(world.asn.pk) if world.asn else None
    hard = {"self", "conflict", "direct_atasan"}  # what no demo pair may break
    if (
        login is not None
        and asn is not None
        and not hard & set(pair_allowed(login, asn, None, eligibility, match_settings))
    ):
        kept.append(_asn_pair(world, cycle, login, asn, weights, margin))  # fmt: skip
    proposed = _match(world, cycle, coordinator, facts, needs, kept)
    if login is not None:
        proposed += _login_top_up(world, cycle, facts, needs, login, kept + proposed)
    _set_states(world, cycle, proposed, login)
    pairs = Pair.objects.bulk_create(kept + proposed, batch_size=BATCH)
    world.counts["pairs"] += len(pairs)
    by_status = Counter(pair.status for pair in pairs)
    for status, name in STATUS_COUNTS:
        world.counts[name] += by_status[status]

    slot_of: Counter = Counter()  # a mentor's pairs meet at different times of day
    for pair in pairs:
        slot = slot_of[pair.mentor_id]
        slot_of[pair.mentor_id] += 1
        if pair.status != Pair.Status.PROPOSED:
            _goals(world, pair, facts, margin)
        if pair.status in (Pair.Status.ACTIVE, Pair.Status.CLOSED):
            _sessions_of(world, cycle, pair, facts, slot=slot, asn_pair=bool(kept) and
                         pair is pairs[0])  # fmt: skip
    cycle_set_status(actor=coordinator, cycle=cycle, status=MentoringCycle.Status.RUNNING)


def _match(world: _World, cycle, coordinator, facts, needs, kept: list[Pair]) -> list[Pair]:
    """The coordinator's matching run as `matching.matching_run` does it — eligible offers with
    their capacity less the pairs they keep, the mentees of the needs without a kept pair,
    `rules.build_scores` → `rules.match_mentors`, the proposals with their score, score parts
    and main competency, the run recorded on the cycle and audited — on the facts read once.
    Not the service itself: its reasons for the unmatched mentees scan every refused pair for
    every mentee (minutes at 32,000 ASN); here they are indexed by mentee first, same reasons.
    Returns the proposals, unsaved."""
    eligibility, weights, match_settings = cycle_rules(cycle)
    load = Counter(pair.mentor_id for pair in kept if pair.status in KEPT)
    kept_mentees = {pair.mentee_id for pair in kept if pair.status in KEPT}
    offers = dict(MentorOffer.objects.filter(cycle=cycle, status=MentorOffer.Status.OFFERED)
                  .values_list("mentor_id", "capacity"))  # fmt: skip
    mentors = [facts[pk] for pk in sorted(offers)
               if pk in facts and not mentor_eligible(facts[pk], eligibility)]  # fmt: skip
    capacity = {m.id: max(0, offers[m.id] - load[m.id]) for m in mentors}
    mentees = [facts[pk] for pk, _reason in needs if pk not in kept_mentees]
    scores, parts, refused = build_scores(mentors, mentees, eligibility, weights, match_settings)
    assignment = match_mentors(capacity, scores)
    pairs = [
        _proposal(world, cycle, facts[mentor], facts[mentee], parts[(mentor, mentee)],
                  eligibility.level_margin)
        for mentee, mentor in sorted(assignment.items())
    ]  # fmt: skip

    unmatched = unmatched_reasons(mentees, assignment, scores, refused)
    run = {"mentees": len(mentees), "matched": len(pairs), "kept": len(kept), "replaced": 0}
    cycle.last_run = {
        "at": _aware(cycle.start + dt.timedelta(days=MATCHED_AFTER)).isoformat(),
        **run,
        "unmatched": {str(pk): why for pk, why in unmatched.items()},
    }
    cycle.save(update_fields=["last_run"])
    audit_record(actor=coordinator, action="update", instance=cycle, changes={
        "matching": [None, {**run, "unmatched": len(unmatched)}]})  # fmt: skip
    return pairs


def _proposal(world: _World, cycle, mentor, mentee, parts, margin: int, **fields) -> Pair:
    """A pair as the matching run stores it: score to three places, the parts, and the main
    competency (the covered gap with the most levels, then by code)."""
    covered = covered_gaps(mentor, mentee, margin)
    main = min(covered, key=lambda code: (-covered[code], code)) if covered else None
    return Pair(
        cycle=cycle, mentor_id=mentor.id, mentee_id=mentee.id,
        competency_id=world.competencies.get(main, (None,))[0],
        score=Decimal(str(round(parts.total, 3))), score_parts=parts_json(parts),
        **{"status": Pair.Status.PROPOSED, **fields},
    )  # fmt: skip


def _asn_pair(world: _World, cycle, mentor, mentee, weights, margin: int) -> Pair:
    """The `asn` login's active pair with the `mentor` login, in place before the matching run
    (which keeps it). Scored like any pair; its main competency is the mentee's largest gap the
    mentor covers or, without one, where the mentor is furthest ahead."""
    accepted = _aware(cycle.start + dt.timedelta(days=COORDINATOR_ACCEPTS + 2), 10)
    pair = _proposal(world, cycle, mentor, mentee, pair_score(mentor, mentee, weights, margin),
                     margin, status=Pair.Status.ACTIVE, mentor_accepted_at=accepted,
                     mentee_accepted_at=accepted + dt.timedelta(hours=3), version=4)  # fmt: skip
    if pair.competency_id is None and mentor.levels:  # a mentor with no assessment: none named
        ahead = min(mentor.levels, key=lambda c: (mentee.levels.get(c, 0) - mentor.levels[c], c))
        pair.competency_id = world.competencies.get(ahead, (None,))[0]
    return pair


def _login_top_up(world: _World, cycle, facts, needs, login, pairs: list[Pair]) -> list[Pair]:
    """When the optimal matching left the `mentor` login fewer than two new mentees (a small
    data set), give them allowed mentees it left unmatched (best score first), within the
    login's three places."""
    mine = sum(1 for pair in pairs if pair.mentor_id == login.id)
    missing = min(2, 3 - mine) - sum(1 for p in pairs if p.mentor_id == login.id
                                     and p.status == Pair.Status.PROPOSED)  # fmt: skip
    if missing <= 0:
        return []
    eligibility, weights, match_settings = cycle_rules(cycle)
    paired = {pair.mentee_id for pair in pairs}
    options = []
    for pk, _reason in needs:
        mentee = facts[pk]
        if pk in paired or pair_allowed(login, mentee, None, eligibility, match_settings):
            continue
        options.append((pair_score(login, mentee, weights, eligibility.level_margin), pk))
    options.sort(key=lambda item: (-item[0].total, item[1]))
    return [_proposal(world, cycle, login, facts[pk], parts, eligibility.level_margin)
            for parts, pk in options[:missing]]  # fmt: skip


def _set_states(world: _World, cycle, pairs: list[Pair], login) -> None:
    """Move the proposals on as the coordinator, mentors and mentees would have by AS_OF."""
    rng = world.rng
    accepted_on = cycle.start + dt.timedelta(days=COORDINATOR_ACCEPTS)
    login_pairs = 0
    for pair in pairs:
        mentor_at = _aware(accepted_on + dt.timedelta(days=rng.randint(1, 25)), rng.randint(8, 15))
        mentee_at = _aware(accepted_on + dt.timedelta(days=rng.randint(1, 25)), rng.randint(8, 15))
        draw = rng.random()
        if login is not None and pair.mentor_id == login.id:
            login_pairs += 1  # the first waits for the mentor's acceptance, the others active
            draw = -1.0 if login_pairs == 1 else 1.0
        if draw < 0:
            pair.status, pair.mentee_accepted_at, pair.version = Pair.Status.ACCEPTED, mentee_at, 3
        elif draw < PROPOSED:
            continue
        elif draw < PROPOSED + ACCEPTED:
            pair.status, pair.version = Pair.Status.ACCEPTED, 2
            side = rng.choice(("mentor", "mentee", "none"))
            if side == "mentor":
                pair.mentor_accepted_at, pair.version = mentor_at, 3
            elif side == "mentee":
                pair.mentee_accepted_at, pair.version = mentee_at, 3
        else:
            pair.status, pair.version = Pair.Status.ACTIVE, 4
            pair.mentor_accepted_at, pair.mentee_accepted_at = mentor_at, mentee_at
            if draw < PROPOSED + ACCEPTED + CLOSED:
                pair.status, pair.version = Pair.Status.CLOSED, 5
                pair.reflection = rng.choice(REFLECTIONS)


def _goals(world: _World, pair: Pair, facts, margin: int) -> None:
    """Two goals from the mentee's gaps, the ones the mentor covers first, worded as
    `plans.goals_from_needs` words them; without a gap, one agreed by the pair: the main
    competency one level up."""
    mentee, mentor = facts[pair.mentee_id], facts[pair.mentor_id]
    covered = covered_gaps(mentor, mentee, margin)
    order = sorted(mentee.gaps, key=lambda c: (c not in covered, -mentee.gaps[c], c))
    with translation.override(django_settings.LANGUAGE_CODE):
        for code in [c for c in order if c in world.competencies][:2]:
            pk, name = world.competencies[code]
            params = {"competency": f"{code} · {name}", "actual": mentee.levels.get(code),
                      "required": mentee.required.get(code, 0)}  # fmt: skip
            if params["actual"] is None:
                text = _("Reach level %(required)d in %(competency)s (not assessed yet)") % params
            else:
                text = _("Raise %(competency)s from level %(actual)d to level %(required)d") % (
                    params
                )
            world.goals.append(PairGoal(
                pair=pair, competency_id=pk, source=PairGoal.Source.GAP, text=text,
                done=pair.status == Pair.Status.CLOSED or world.rng.random() < 0.15,
            ))  # fmt: skip
    if not order and pair.competency_id in world.code_of:
        code = world.code_of[pair.competency_id]
        level = mentee.levels.get(code, 0)
        world.goals.append(PairGoal(
            pair=pair, competency_id=pair.competency_id, source=PairGoal.Source.AGREED,
            text=f"Menguatkan {world.competencies[code][1]} dari level {level} ke level "
                 f"{level + 1} sebagai bekal jabatan berikutnya",
        ))  # fmt: skip


def _sessions_of(world: _World, cycle, pair: Pair, facts, *, slot: int, asn_pair: bool) -> None:
    """The pair's sessions, backwards from its last one: recent for most active pairs, long ago
    (or none at all) for the inactive ones, before the close for closed pairs. The asn login's
    pair is never inactive and its last session, logged by the asn, waits for the mentor."""
    rng = world.rng
    active_on = max(pair.mentor_accepted_at, pair.mentee_accepted_at).date()
    closed = pair.status == Pair.Status.CLOSED
    inactive = not closed and not asn_pair and rng.random() < INACTIVE
    if closed:
        last = AS_OF - dt.timedelta(days=rng.randint(10, 60))
    elif inactive:
        if rng.random() < 0.25:
            return  # accepted, never met
        last = AS_OF - dt.timedelta(days=world.inactive_days + rng.randint(5, 60))
    else:
        last = AS_OF - dt.timedelta(days=rng.randint(1, min(21, world.inactive_days - 3)))
    dates = []
    day = _workday(last)
    while day >= active_on:
        dates.append(day)
        day = _workday(day - dt.timedelta(days=rng.randint(*SESSION_GAP)))
    dates.reverse()
    awaiting = not closed and not inactive and (asn_pair or rng.random() < AWAITING)
    codes = sorted(code for code in facts[pair.mentee_id].gaps if code in world.competencies)
    codes = codes or [world.code_of.get(pair.competency_id, "M1")]
    for index, day in enumerate(dates):
        is_last = index == len(dates) - 1
        competency_id, name = world.competencies.get(rng.choice(codes), (None, "kompetensi"))
        by_mentee = (is_last or index % 2 == 1) if asn_pair else rng.random() < 0.4
        session = MentoringSession(
            pair=pair, date=day, start_time=SLOTS[slot % len(SLOTS)], minutes=rng.choice(MINUTES),
            mode=rng.choices(MODE_CHOICES, MODE_WEIGHTS)[0], competency_id=competency_id,
            topic=rng.choice(TOPICS).format(name=name), actions=rng.choice(ACTIONS),
            logged_by_id=_user_of(world, pair, mentee_side=by_mentee),
        )  # fmt: skip
        if not (awaiting and is_last):
            confirm_on = min(day + dt.timedelta(days=rng.randint(0, 3)), AS_OF - dt.timedelta(1))
            session.confirmed_by_id = _user_of(world, pair, mentee_side=not by_mentee)
            session.confirmed_at = _aware(max(confirm_on, day), 16, rng.choice((0, 15, 30, 45)))
        world.sessions.append((session, pair))
    if dates and (closed or (len(dates) >= 3 and rng.random() < 0.3)):
        roles = list(Feedback.Role) if closed else [rng.choice(list(Feedback.Role))]
        for role in roles:
            world.feedback.append(Feedback(pair=pair, author_role=role,
                                           text=rng.choice(FEEDBACK[role]),
                                           rating=rng.choice((3, 4, 4, 5, 5))))  # fmt: skip


def _user_of(world: _World, pair: Pair, *, mentee_side: bool) -> int:
    """The login of one side of the pair, or the coordinator's (entered from the logbook)."""
    employee_id = pair.mentee_id if mentee_side else pair.mentor_id
    return world.login_of.get(employee_id) or pair.cycle.coordinator_id


def _write_sessions(world: _World) -> None:
    """The sessions, then the JP records of the confirmed ones with the values
    `session_confirm` → `trainings.ledger.credit_minutes` writes: the mentee's record, the
    form's conversion, title "Mentoring: <topic>", the mentor's name as organiser, the dates of
    the session, source "mentoring" and its source_ref, the confirming login as author; then
    each session's `jp_record_ref` in one UPDATE."""
    sessions = MentoringSession.objects.bulk_create([s for s, _pair in world.sessions],
                                                    batch_size=BATCH)  # fmt: skip
    conversion = conversion_for(MENTORING_FORM.code)
    mentor_ids = {pair.mentor_id for _s, pair in world.sessions}
    names = dict(Employee.objects.filter(pk__in=mentor_ids).values_list("pk", "name"))
    records = JpRecord.objects.bulk_create([
        JpRecord(
            employee_id=pair.mentee_id, title=f"Mentoring: {s.topic}"[:300],
            institution_name=names[pair.mentor_id][:300], form_code=MENTORING_FORM.code,
            jenis_diklat_id=MENTORING_FORM.jenis_diklat_id, start=s.date, end=s.date,
            year=s.date.year, minutes=s.minutes, jp=jp_of(s.minutes, conversion),
            source=JP_SOURCE, source_ref=f"{SESSION_REF}{s.pk}", created_by_id=s.confirmed_by_id,
        )
        for s, (_s, pair) in zip(sessions, world.sessions, strict=True)
        if s.confirmed_at is not None
    ], batch_size=BATCH)  # fmt: skip
    record = JpRecord.objects.filter(
        ~Q(source_ref=""),  # the unique index on source_ref is partial: this lets it be used
        source_ref=Concat(Value(SESSION_REF), Cast(OuterRef("pk"), CharField())),
    ).values("pk")[:1]
    MentoringSession.objects.filter(confirmed_at__isnull=False, jp_record_ref="").update(
        jp_record_ref=Concat(Value("trainings.jprecord:"), Cast(Subquery(record), CharField()))
    )
    world.counts["sessions"] = len(sessions)
    world.counts["confirmed"] = len(records)
    world.counts["awaiting"] = len(sessions) - len(records)
    world.counts["jp_records"] = len(records)


def mentoring_reset() -> None:
    """Delete every mentoring row (they point at employees, units and the demo logins, which the
    demo reset deletes). Their JP records go with the trainings ledger (`trainings_reset`)."""
    for model in (Feedback, MentoringSession, PairGoal, Pair, Conflict, MentorOffer,
                  MentoringCycle):  # fmt: skip
        model.objects.all().delete()
