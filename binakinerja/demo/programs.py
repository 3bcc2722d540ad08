"""Demo program data (issue 15): one running program per government, "Program Pembinaan ASN
Berbasis Kinerja <year>–<year+2>", coordinated by the government's demo admin (admin.provinsi,
admin.kota) or else the superadmin, as the mentoring demo does. Everything as of `plan.AS_OF`.

- Three phases, each with its partners and a quota: phase 1 the government's Dinas Pendidikan
  and Dinas Kesehatan (their puskesmas and schools are in their subtree), started four months
  before AS_OF and running; phase 2 about half of the other OPDs, drawn by
  `rules.plan_order(method="random", seed=<demo seed>)` (the seed is in the audit trail as
  `plan_approve` records it), started two weeks before AS_OF and in socialisation; phase 3 the
  rest, starting eight months after AS_OF, not started.
- Socialisation: one or two events in every OPD of phases 1 and 2, attended by 40–90% of the
  OPD's ASN in service, with a few questions, most answered.
- Readiness: current ADKAR answers (`rules.adkar_profile` on the program's own statements) from
  60–80% of the active ASN of phases 1 and 2, answered since their questionnaire opened
  (PROGRAMS_READINESS_LEAD_DAYS before the phase), with a tendency per OPD so that some stall
  at Desire, Ability, Knowledge or Reinforcement and others are ready; some phase-1 ASN answered
  twice (the first answers kept as history, `is_current` false).
- Support actions on the units with the lowest readiness (a barrier point or an index under
  the signal limit), owned by the government's admin or the OPD's operator, some done.
- Coordination cases between two or three OPDs raised over the year before AS_OF, most
  resolved after 5–60 days (faster in the later months), each with one to three steps.
- The logframe's computed indicators get yearly targets; one entered indicator with a value.

The program, its phases and its status go through the programs services (audited); the many
rows (attendance, readiness answers) are written with `core.bulk.bulk_insert`, the others with
`bulk_create`. Deterministic for a seed (rows read in id order).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from decimal import Decimal

from django.conf import settings

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.audit import audit_record
from binakinerja.core.bulk import bulk_insert
from binakinerja.demo.mentoring import _coordinators
from binakinerja.demo.plan import AS_OF
from binakinerja.organizations.models import OrgUnit, opd_path_of
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.programs import insight, rules
from binakinerja.programs.models import (
    CoordinationCase,
    CoordinationStep,
    Indicator,
    IndicatorValue,
    PhaseUnit,
    Program,
    ReadinessItem,
    ReadinessResponse,
    SocialisationAttendance,
    SocialisationEvent,
    SocialisationQuestion,
    SupportAction,
)
from binakinerja.programs.selectors import signal_limits
from binakinerja.programs.services import phase_save, program_create, program_status_set

BATCH = 2000
YEARS = 2  # the program runs from AS_OF's year to two years later
PHASE1_STARTED = 120  # days before AS_OF
PHASE2_STARTED = 14
PHASE3_STARTS = 240  # days after AS_OF
PHASE_DAYS = 330
FIRST_OPDS = ("Pendidikan", "Kesehatan")  # phase 1, as in the seed of the program
ATTENDANCE = (0.40, 0.90)  # share of an OPD's ASN in service at its socialisation
RESPONDING = (0.60, 0.80)  # share of an OPD's active ASN who answered the questionnaire
ANSWERED_TWICE = 0.15  # of phase-1 respondents: earlier answers kept as history
QUOTA_SHARE = 0.35  # of a phase's ASN: its training and mentoring places
CASES = (4, 8)  # per government
CASE_DAYS = (5, 60)
RESOLVED = 0.85

PARTNERS = {
    1: [{"name": "BPSDM Provinsi Gorontalo", "role": "Pelatihan"},
        {"name": "Universitas Negeri Gorontalo", "role": "Pendampingan"}],
    2: [{"name": "BPSDM Provinsi Gorontalo", "role": "Pelatihan"},
        {"name": "Universitas Muhammadiyah Gorontalo", "role": "Pendampingan"}],
    3: [{"name": "BPSDM Provinsi Gorontalo", "role": "Pelatihan"},
        {"name": "Universitas Negeri Gorontalo", "role": "Pendampingan dan evaluasi"}],
}  # fmt: skip
PHASE_NAMES = {
    1: "Tahap 1 — Pendidikan dan Kesehatan",
    2: "Tahap 2 — Perluasan ke OPD layanan",
    3: "Tahap 3 — Seluruh OPD",
}
OBJECTIVES = (
    "Meningkatkan kualitas layanan publik melalui pembinaan ASN berbasis kinerja: SKP yang "
    "disepakati dan dipantau lewat dialog kinerja, 20 JP pengembangan kompetensi per tahun, "
    "mentoring, serta koordinasi lintas OPD untuk masalah layanan."
)
# Yearly targets of the computed indicators, for the program's first, second and third year.
TARGETS = {
    Indicator.Source.READINESS: (65, 70, 75),
    Indicator.Source.JP20: (60, 70, 80),
    Indicator.Source.MENTORING: (3, 6, 10),
    Indicator.Source.PREDIKAT: (80, 85, 90),
    Indicator.Source.SERVICE_TIME: (45, 40, 35),
    Indicator.Source.IKM: (80, 82, 85),
}
ENTERED = ("SOP layanan yang diperbarui", "dokumen", (10, 25, 40))

# ADKAR: the usual gradient (aware before able), and per OPD a tendency: where it stalls.
BASE_MEANS = {"awareness": 4.0, "desire": 3.8, "knowledge": 3.6, "ability": 3.5,
              "reinforcement": 3.5}  # fmt: skip
TENDENCIES = ((None, 50), ("desire", 15), ("ability", 15), ("knowledge", 10),
              ("reinforcement", 10))  # fmt: skip
FIRST_TENDENCY = {"Pendidikan": "ability", "Kesehatan": None}  # teachers lack time and tools
STALL = 1.1  # how far the stalling dimension's mean drops
PERSON_SD, ITEM_SD = 0.45, 0.6

EVENT_TITLES = (
    "Sosialisasi Program Pembinaan ASN Berbasis Kinerja di {opd}",
    "Sosialisasi lanjutan {opd}: dialog kinerja dan rencana pengembangan",
)
MATERIALS = (
    "Tujuan program dan tahapannya; SKP dan dialog kinerja; 20 JP per tahun dan cara "
    "mencatatnya; mentoring; kuesioner kesiapan (ADKAR)."
)
QUESTIONS = (
    ("Apakah JP dari mentoring dihitung dalam 20 JP per tahun?",
     "Ya. Sesi mentoring yang dikonfirmasi tercatat sebagai JP di riwayat JP masing-masing."),
    ("Bagaimana bila jadwal pelatihan bentrok dengan jadwal layanan di unit?",
     "Unit menyusun jadwal bergilir; pelatihan daring dapat diikuti di luar jam layanan."),
    ("Apakah jawaban kuesioner kesiapan memengaruhi penilaian kinerja saya?",
     "Tidak. Jawaban hanya dibaca sebagai angka per unit, tidak untuk menilai perorangan."),
    ("Siapa yang mendampingi kami setelah sosialisasi?",
     "Tim BKPSDM bersama mitra perguruan tinggi mendampingi setiap unit selama tahapnya."),
    ("Apakah SKP tahun ini harus disusun ulang?",
     "Tidak. Rencana hasil kerja disesuaikan pada dialog kinerja berikutnya bila perlu."),
    ("Bagaimana ASN di unit yang jauh dari kota mengikuti program ini?",
     "Materi tersedia daring, dan pendamping berkunjung ke unit secara berkala."),
)  # fmt: skip
ACTION_TEXT = {
    "awareness": (SupportAction.Kind.SOCIALISATION,
                  "Sosialisasi ulang per bidang: alasan program dan masalah layanan yang dituju."),
    "desire": (SupportAction.Kind.COACHING,
               "Coaching kepala unit untuk membahas manfaat program bersama stafnya."),
    "knowledge": (SupportAction.Kind.SOCIALISATION,
                  "Klinik tanya jawab: apa yang berubah dalam tugas sehari-hari dan ke mana "
                  "bertanya."),
    "ability": (SupportAction.Kind.PENDAMPINGAN,
                "Pendampingan di tempat kerja: atur waktu dan sarana untuk cara kerja baru."),
    "reinforcement": (SupportAction.Kind.COACHING,
                      "Coaching atasan langsung untuk mengakui perubahan dalam dialog kinerja."),
    None: (SupportAction.Kind.PENDAMPINGAN,
           "Pendampingan unit oleh mitra perguruan tinggi selama dua bulan."),
}  # fmt: skip
OUTCOMES = (
    "Dilaksanakan; kepala unit menyepakati rencana tindak lanjut bersama stafnya.",
    "Selesai; ASN unit mengisi ulang kuesioner kesiapan bulan berikutnya.",
)
# Problems that need more than one OPD: the agencies by a word of their name.
CASE_TEMPLATES = (
    ("Data kesehatan siswa untuk penjaringan kesehatan sekolah", ("Kesehatan", "Pendidikan"),
     "Format data disepakati; sekolah mengirim daftar siswa tiap awal semester."),
    ("Rujukan pasien PBI yang belum terdaftar", ("Kesehatan", "Sosial", "Kependudukan"),
     "Pendaftaran PBI dipercepat lewat verifikasi NIK bersama dalam satu hari."),
    ("NIK ganda menghambat penyaluran bantuan sosial", ("Sosial", "Kependudukan"),
     "Data ganda dibersihkan; pemutakhiran data dilakukan bulanan."),
    ("Izin usaha tertahan menunggu rekomendasi tata ruang", ("Penanaman Modal", "Pekerjaan Umum"),
     "Rekomendasi tata ruang diberikan paling lama lima hari kerja melalui sistem perizinan."),
    ("Sampah medis puskesmas belum terangkut", ("Kesehatan", "Lingkungan Hidup"),
     "Jadwal pengangkutan dua mingguan disepakati dengan pihak pengolah berizin."),
    ("Akta kelahiran untuk pendaftaran sekolah", ("Kependudukan", "Pendidikan"),
     "Layanan akta kelahiran dibuka di sekolah saat penerimaan peserta didik baru."),
    ("Data balita berisiko stunting tidak sinkron",
     ("Kesehatan", "Pemberdayaan Perempuan", "Perencanaan"),
     "Satu data balita berisiko dipakai bersama dan dimutakhirkan tiap bulan."),
    ("Akses jalan ke sekolah rusak saat musim hujan", ("Pendidikan", "Pekerjaan Umum", "Bencana"),
     "Perbaikan darurat dikerjakan; ruas jalan masuk prioritas anggaran tahun berikutnya."),
    ("Pendataan tenaga honorer pendidikan untuk seleksi PPPK", ("Pendidikan", "Kepegawaian"),
     "Data diverifikasi bersama dan diunggah sebelum batas waktu seleksi."),
    ("Anggaran pelatihan lintas OPD belum dialokasikan", ("Kepegawaian", "Keuangan",
                                                          "Perencanaan"),
     "Pelatihan bersama dianggarkan di BKPSDM; OPD berbagi kuota peserta."),
)  # fmt: skip
STEPS = (
    "Rapat koordinasi para kepala bidang; masalah dan datanya dipetakan bersama.",
    "Tim teknis kedua OPD memeriksa data dan menyusun usulan penyelesaian.",
    "Usulan penyelesaian dibahas dengan Sekretariat Daerah dan disepakati.",
    "Uji coba penyelesaian di satu kecamatan; hasilnya dilaporkan ke koordinator program.",
)


def _opd_matching(opds: list[OrgUnit], word: str) -> OrgUnit | None:
    return next((opd for opd in opds if word in opd.name), None)


class _World:
    """What every government's seeding shares: the rng, the ASN by OPD, the demo logins, and
    the rows written at the end."""

    def __init__(self, seed: int, year: int):
        self.seed = seed
        self.rng = random.Random(seed * 2221 + year)  # noqa: S311 - synthetic demo data
        self.year = year
        self.lead = settings.PROGRAMS_READINESS_LEAD_DAYS
        self.staff: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
        for pk, unit_id, path, state in (
            Employee.objects.exclude(state__in=GONE_STATES)
            .order_by("pk")
            .values_list("pk", "unit_id", "unit__path", "state")
        ):  # fmt: skip
            self.staff[opd_path_of(path) or path].append((pk, unit_id, state == "aktif"))
        self.operators = {
            scope_id: user for scope_id, user in (
                (a.scope_id, a.user) for a in RoleAssignment.objects.filter(
                    role=Role.OPERATOR_OPD).select_related("user").order_by("user__username")
            )
        }  # fmt: skip
        self.profiles: dict[tuple, rules.AdkarProfile] = {}
        self.counts: Counter = Counter()
        self.attendance: list[list] = []
        self.responses: list[list] = []
        self.questions: list[SocialisationQuestion] = []
        self.steps: list[CoordinationStep] = []

    def profile(self, by_dimension: dict[str, list[int]]) -> rules.AdkarProfile:
        """`rules.adkar_profile`, once per distinct (sum, count) per dimension: the profile
        depends on the means only (thousands of respondents share a few thousand profiles)."""
        key = tuple((sum(v), len(v)) for v in by_dimension.values())
        found = self.profiles.get(key)
        if found is None:
            found = self.profiles[key] = rules.adkar_profile(by_dimension)
        return found


def seed_programs(*, seed: int, year: int) -> dict[str, int]:
    """Write the demo's programs (one per government) with their phases, socialisation,
    readiness answers, support actions and coordination cases. Returns counts for the summary
    line."""
    world = _World(seed, year)
    coordinators, fallback = _coordinators()
    if fallback is None and not coordinators:
        return {}
    programs = []
    for government in OrgUnit.objects.filter(parent__isnull=True).order_by("path"):
        coordinator = coordinators.get(government.pk, fallback)
        programs.append((_seed_government(world, government, coordinator), coordinator))
    SocialisationQuestion.objects.bulk_create(world.questions, batch_size=BATCH)
    bulk_insert(SocialisationAttendance, ("event", "employee", "recorded_by"), world.attendance)
    bulk_insert(ReadinessResponse, ("program", "employee", "unit", "answered_on", "answers",
                                    "index", *rules.DIMENSIONS, "barrier", "is_current"),
                world.responses)  # fmt: skip
    for program, coordinator in programs:
        _support_actions(world, program, coordinator)
    CoordinationStep.objects.bulk_create(world.steps, batch_size=BATCH)
    counts = world.counts
    counts["questions"] = len(world.questions)
    counts["attendance"] = len(world.attendance)
    counts["responses"] = sum(1 for row in world.responses if row[-1])
    counts["history"] = len(world.responses) - counts["responses"]
    counts["steps"] = len(world.steps)
    return dict(counts)


def _seed_government(world: _World, government: OrgUnit, coordinator) -> Program:
    rng, year = world.rng, world.year
    program = program_create(
        actor=coordinator, instansi=government, objectives=OBJECTIVES, start_year=year,
        end_year=year + YEARS,
        name=f"Program Pembinaan ASN Berbasis Kinerja {year}–{year + YEARS}",
    )  # fmt: skip
    world.counts["programs"] += 1
    _targets(world, program, coordinator)

    # The order: Pendidikan and Kesehatan first, the other OPDs drawn at random into 2 and 3.
    opds = list(OrgUnit.objects.filter(parent=government).order_by("name"))
    first = [opd for word in FIRST_OPDS if (opd := _opd_matching(opds, word))]
    rest = [opd for opd in opds if opd not in first]
    drawn = rules.plan_order([opd.pk for opd in rest], 2, method=rules.ORDER_RANDOM,
                             seed=world.seed)  # fmt: skip
    members = {1: first, 2: [o for o in rest if drawn[o.pk] == 1],
               3: [o for o in rest if drawn[o.pk] == 2]}  # fmt: skip
    starts = {1: AS_OF - dt.timedelta(days=PHASE1_STARTED),
              2: AS_OF - dt.timedelta(days=PHASE2_STARTED),
              3: AS_OF + dt.timedelta(days=PHASE3_STARTS)}  # fmt: skip
    phases = {}
    for number, units in members.items():
        if not units:
            continue
        staff = sum(len(world.staff[opd.path]) for opd in units)
        phases[number] = phase_save(
            actor=coordinator, program=program, number=number, name=PHASE_NAMES[number],
            start=starts[number], end=starts[number] + dt.timedelta(days=PHASE_DAYS),
            units=units, quota=round(staff * QUOTA_SHARE), partners=PARTNERS[number],
        )  # fmt: skip
        world.counts["phases"] += 1
        world.counts["units"] += len(units)
    audit_record(actor=coordinator, action="approve", instance=program, changes={
        "order": [None, {"method": rules.ORDER_RANDOM, "seed": world.seed}],
        **{f"unit {opd.name}": [None, number] for number in (2, 3) for opd in members[number]},
    })  # fmt: skip
    program = program_status_set(
        actor=coordinator, program=program, status=Program.Status.RUNNING, version=program.version
    )

    # Unit statuses as of AS_OF: phase 1 running, phase 2 in socialisation, phase 3 waiting.
    phase_units = list(
        program.units.select_related("unit", "phase").order_by("phase__number", "unit__path")
    )
    for phase_unit in phase_units:
        start = phase_unit.phase.start
        if phase_unit.phase.number == 1:
            phase_unit.status = PhaseUnit.Status.RUNNING
            phase_unit.socialisation_on = start
            phase_unit.running_on = start + dt.timedelta(days=rng.randint(21, 45))
            phase_unit.version = 3
        elif phase_unit.phase.number == 2:
            phase_unit.status = PhaseUnit.Status.SOCIALISATION
            phase_unit.socialisation_on = start + dt.timedelta(days=rng.randint(0, 4))
            phase_unit.version = 2
    PhaseUnit.objects.bulk_update(phase_units, ["status", "socialisation_on", "running_on",
                                                "version"])  # fmt: skip

    items = {d: [] for d in rules.DIMENSIONS}
    for pk, dimension in ReadinessItem.objects.filter(program=program).values_list(
        "pk", "dimension"
    ):
        items[dimension].append(str(pk))
    for phase_unit in phase_units:
        if phase_unit.phase.number in (1, 2):
            _socialisation(world, program, phase_unit, coordinator)
            _readiness(world, program, phase_unit, items)
    _cases(world, program, opds, coordinator)
    return program


def _targets(world: _World, program: Program, coordinator) -> None:
    """Yearly targets on the default logframe, and one indicator entered with evidence."""
    indicators = list(program.indicators.all())
    for indicator in indicators:
        values = TARGETS.get(indicator.source)
        if values:
            indicator.targets = {str(y): str(v) for y, v in zip(program.years, values,
                                                                 strict=False)}  # fmt: skip
    Indicator.objects.bulk_update(indicators, ["targets"])
    name, unit, targets = ENTERED
    entered = Indicator.objects.create(
        program=program, level=Indicator.Level.OUTPUT, name=name, unit_label=unit,
        source=Indicator.Source.ENTERED, order=len(indicators),
        targets={str(y): str(v) for y, v in zip(program.years, targets, strict=False)},
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=entered, year=world.year, value=Decimal(world.rng.randint(6, 14)),
        entered_by=coordinator,
        note=f"Rekap SOP yang ditetapkan kepala OPD per {AS_OF.strftime('%d-%m-%Y')} "
             "(arsip Bagian Organisasi).",
    )  # fmt: skip


def _socialisation(world: _World, program: Program, phase_unit: PhaseUnit, coordinator) -> None:
    """One or two events in the OPD (two in a large one), attended by a share of its ASN in
    service; a few questions, most answered by the one who held the event."""
    rng, opd = world.rng, phase_unit.unit
    staff = world.staff[opd.path]
    held_by = world.operators.get(opd.pk, coordinator)
    first = phase_unit.socialisation_on or phase_unit.phase.start
    last = min(AS_OF - dt.timedelta(days=1), first + dt.timedelta(days=40))
    count = 2 if len(staff) > 60 or rng.random() < 0.3 else 1
    days = sorted(first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))
                  for _ in range(count))  # fmt: skip
    name = opd.short_name or opd.name
    events = SocialisationEvent.objects.bulk_create([
        SocialisationEvent(program=program, unit=opd, date=day, created_by=held_by,
                           title=EVENT_TITLES[i].format(opd=name)[:200],
                           place=f"Aula {name}"[:200], materials=MATERIALS)
        for i, day in enumerate(days)
    ])  # fmt: skip
    world.counts["events"] += len(events)
    present = rng.sample(staff, k=round(len(staff) * rng.uniform(*ATTENDANCE)))
    present.sort()
    for pk, _unit, _active in present:
        world.attendance.append([rng.choice(events).pk, pk, held_by.pk])
    for event in events:
        for question, answer in rng.sample(QUESTIONS, k=rng.randint(1, 3)):
            answered = rng.random() < 0.85
            world.questions.append(SocialisationQuestion(
                event=event, question=question, answer=answer if answered else "",
                answered_by=held_by if answered else None,
            ))  # fmt: skip


def _answers(world: _World, means: dict[str, float], items: dict[str, list[str]]):
    """One respondent's answers (item id → 1–5) and their profile."""
    rng = world.rng
    person = rng.gauss(0, PERSON_SD)
    answers, by_dimension = {}, {}
    for dimension in rules.DIMENSIONS:
        values = []
        for item in items[dimension]:
            value = min(5, max(1, round(means[dimension] + person + rng.gauss(0, ITEM_SD))))
            answers[item] = value
            values.append(value)
        by_dimension[dimension] = values
    return answers, world.profile(by_dimension)


def _readiness(world: _World, program: Program, phase_unit: PhaseUnit, items) -> None:
    """Current answers from a share of the OPD's active ASN since the questionnaire opened,
    with the OPD's tendency; some phase-1 ASN answered twice (the first kept as history)."""
    rng, opd = world.rng, phase_unit.unit
    tendency = next((t for word, t in FIRST_TENDENCY.items() if word in opd.name), "unset")
    if phase_unit.phase.number != 1 or tendency == "unset":
        tendency = rng.choices([t for t, _w in TENDENCIES], [w for _t, w in TENDENCIES])[0]
    shift = rng.uniform(-0.3, 0.3)
    means = {d: m + shift - (STALL if d == tendency else 0) for d, m in BASE_MEANS.items()}
    if phase_unit.phase.number == 2:  # just socialised: aware, still learning what changes
        means["awareness"] -= 0.2
        means["knowledge"] -= 0.3
    opened = phase_unit.phase.start - dt.timedelta(days=world.lead)
    window = (AS_OF - opened).days - 1
    active = [row for row in world.staff[opd.path] if row[2]]
    answering = sorted(rng.sample(active, k=round(len(active) * rng.uniform(*RESPONDING))))
    for pk, unit_id, _active in answering:
        on = opened + dt.timedelta(days=rng.randint(0, window))
        if (
            phase_unit.phase.number == 1
            and (on - opened).days > 60
            and (rng.random() < ANSWERED_TWICE)
        ):
            earlier = {d: m - 0.4 for d, m in means.items()}
            answers, profile = _answers(world, earlier, items)
            before = opened + dt.timedelta(days=rng.randint(0, (on - opened).days - 30))
            world.responses.append(_response_row(program, pk, unit_id, before, answers, profile,
                                                 current=False))  # fmt: skip
        answers, profile = _answers(world, means, items)
        world.responses.append(_response_row(program, pk, unit_id, on, answers, profile,
                                             current=True))  # fmt: skip


def _response_row(program, pk, unit_id, on, answers, profile, *, current: bool) -> list:
    return [program.pk, pk, unit_id, on, answers, profile.index,
            *(profile.dimensions[d] for d in rules.DIMENSIONS), profile.barrier or "",
            current]  # fmt: skip


def _support_actions(world: _World, program: Program, coordinator) -> None:
    """Two to four actions on the units whose readiness raises a signal (a barrier point, or an
    index under the limit), the lowest first; the older ones done."""
    rng = world.rng
    limits = signal_limits()
    phase_units = list(program.units.filter(phase__number__in=(1, 2)).select_related("unit")
                       .order_by("unit__path"))  # fmt: skip
    readiness = insight.readiness_by_unit(program, [pu.unit.path for pu in phase_units])
    flagged = [
        (readiness[pu.unit.path], pu.unit) for pu in phase_units
        if readiness[pu.unit.path].respondents >= limits.min_group
        and (readiness[pu.unit.path].barrier
             or readiness[pu.unit.path].index < limits.readiness_index)
    ]  # fmt: skip
    world.counts["barriers"] += sum(1 for r, _unit in flagged if r.barrier)
    flagged.sort(key=lambda item: (item[0].index, item[1].path))
    actions = []
    for i, (unit_readiness, unit) in enumerate(flagged[: rng.randint(2, 4)]):
        kind, text = ACTION_TEXT[unit_readiness.barrier]
        done = i % 2 == 1
        created = AS_OF - dt.timedelta(days=rng.randint(40, 80) if done else rng.randint(3, 20))
        actions.append(SupportAction(
            program=program, unit=unit, kind=kind, description=text,
            signal="barrier" if unit_readiness.barrier else "readiness",
            owner=world.operators.get(unit.pk, coordinator), created_by=coordinator,
            due=created + dt.timedelta(days=rng.randint(21, 45)),
            status=SupportAction.Status.DONE if done else SupportAction.Status.OPEN,
            outcome=rng.choice(OUTCOMES) if done else "",
            closed_on=created + dt.timedelta(days=rng.randint(14, 30)) if done else None,
            version=2 if done else 1,
        ))  # fmt: skip
    SupportAction.objects.bulk_create(actions)
    world.counts["actions"] += len(actions)
    world.counts["open_actions"] += sum(1 for a in actions if a.status == "open")


def _cases(world: _World, program: Program, opds: list[OrgUnit], coordinator) -> None:
    """Coordination cases over the year before AS_OF between the OPDs a problem involves; most
    resolved, faster as the program settles in."""
    rng = world.rng
    possible = []
    for title, words, resolution in CASE_TEMPLATES:
        agencies = [opd for word in words if (opd := _opd_matching(opds, word))]
        if len(set(agencies)) >= 2:
            possible.append((title, list(dict.fromkeys(agencies)), resolution))
    picked = rng.sample(possible, k=min(len(possible), rng.randint(*CASES)))
    raised_days = sorted(rng.randint(7, 365) for _ in picked)
    cases, agencies_of = [], []
    for (title, agencies, resolution), ago in zip(picked, reversed(raised_days), strict=True):
        raised = AS_OF - dt.timedelta(days=ago)
        longest = CASE_DAYS[1] if ago > 180 else 30  # the recent ones are solved faster
        days = rng.randint(CASE_DAYS[0], longest)
        resolved = raised + dt.timedelta(days=days)
        is_resolved = resolved < AS_OF and rng.random() < RESOLVED
        raised_by = next((world.operators[a.pk] for a in agencies if a.pk in world.operators),
                         coordinator)  # fmt: skip
        cases.append(CoordinationCase(
            program=program, title=title, raised_by=raised_by, raised_on=raised,
            description=f"Dilaporkan dalam rapat koordinasi program; melibatkan "
                        f"{', '.join(a.name for a in agencies)}.",
            status=CoordinationCase.Status.RESOLVED if is_resolved
            else CoordinationCase.Status.OPEN,
            resolution=resolution if is_resolved else "",
            resolved_on=resolved if is_resolved else None, version=2 if is_resolved else 1,
        ))  # fmt: skip
        agencies_of.append(agencies)
    cases = CoordinationCase.objects.bulk_create(cases)
    through = CoordinationCase.agencies.through
    through.objects.bulk_create(
        through(coordinationcase_id=case.pk, orgunit_id=agency.pk)
        for case, agencies in zip(cases, agencies_of, strict=True)
        for agency in agencies
    )  # fmt: skip
    for case in cases:
        end = case.resolved_on or AS_OF - dt.timedelta(days=1)
        span = max(0, (end - case.raised_on).days)
        dates = sorted(case.raised_on + dt.timedelta(days=rng.randint(0, span))
                       for _ in range(rng.randint(1, 3)))  # fmt: skip
        for i, day in enumerate(dates):
            world.steps.append(CoordinationStep(case=case, date=day, text=STEPS[i],
                                                by_id=case.raised_by_id if i == 0
                                                else coordinator.pk))  # fmt: skip
    world.counts["cases"] += len(cases)
    world.counts["resolved"] += sum(1 for c in cases if c.resolved_on)


def programs_reset() -> None:
    """Delete every program row (they point at employees, units and the demo logins, which the
    demo reset deletes)."""
    CoordinationCase.agencies.through.objects.all().delete()
    for model in (CoordinationStep, CoordinationCase, SupportAction, ReadinessResponse,
                  SocialisationAttendance, SocialisationQuestion, SocialisationEvent,
                  IndicatorValue, Program):  # fmt: skip
        model.objects.all().delete()
