"""Demo training data (issue 13): five institutions with their widyaiswara, about 30 programs
co-designed with them (most approved; one under review, one returned with comments), two
years of batches (angkatan) with sessions, quotas, costs, participants, attendance, pre/post
tests and certificates, and the JP ledger: completions of batches, recognised outside
activities and imported SIASN history, so that about 70% of the ASN in service reach 20 JP in
the last full year and about 40% half-way through the demo year.

Everything follows the demo's day (`plan.AS_OF`): batches that ended are finished or
evaluated, one is running, later ones are open for nominations or planned. The demo logins get
their part: `asn` is enrolled in an upcoming batch and holds a certificate of last year,
`atasan` has a nomination to agree to, `operator.dinkes` an open batch with seats left,
`penyelenggara` (BPSDM Provinsi Gorontalo) a program returned for revision.

Rows are written with `bulk_create` in chunks; one summary audit record is written by
`builders.seed_demo`. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from binakinerja.competencies.models import Competency
from binakinerja.demo.plan import AS_OF
from binakinerja.organizations.models import OrgUnit, opd_path_of
from binakinerja.people.models import GONE_STATES, Employee
from binakinerja.trainings.models import (
    Attendance,
    Batch,
    BatchQuota,
    BehaviourSurvey,
    Certificate,
    CostLine,
    Enrolment,
    Facilitator,
    Institution,
    JpRecord,
    Module,
    OutsideActivity,
    Program,
    ProgramCompetency,
    ProgramRevision,
    ReactionResponse,
    ReviewComment,
    Session,
)
from binakinerja.trainings.rules import (
    BEHAVIOUR_ITEMS,
    JP_MINUTES,
    L3_ANSWER_DAYS,
    REACTION_ITEMS,
    add_months,
    certificate_number,
    certificate_prefix,
    certificate_result,
    completed,
    form_of,
    impact_score,
    signer_text,
)

CHUNK = 5000
CAPACITY = 32
JP_PER_DAY = 8
YEARLY_JP = 20
REACHED_LAST_YEAR = 0.70
REACHED_THIS_YEAR = 0.40
ENROLLED_PER_ASN = 0.45  # enrolments a year per ASN in service (all batches together)

# name, kind, accreditation, head, head NIP
INSTITUTIONS = (
    ("BPSDM Provinsi Gorontalo", "bpsdm", "A (LAN)", "Dr. Hartono Mokodompit, M.Si.",
     "197104121996031003"),
    ("Universitas Negeri Gorontalo", "university", "Unggul (BAN-PT)", "Prof. Dr. Rahmawati Usman",
     "196805201993032001"),
    ("Puslatbang KMP LAN Makassar", "lan", "A (LAN)", "Dr. Andi Mappatoba, M.Si.",
     "197002101995031002"),
    ("Bapelkes Kemenkes Makassar", "ministry", "Terakreditasi A", "dr. Nurul Hasanah, M.Kes.",
     "197506182002122001"),
    ("Pusdiklat Kemendagri Regional Makassar", "ministry", "A (LAN)",
     "Drs. Yusran Lamatenggo, M.AP.", "196912031994031005"),
)  # fmt: skip
FACILITATORS = (
    "Dr. Hamzah Ali, M.Si.", "Dra. Fitriyanti Nusi, M.Pd.", "Ir. Sofyan Botutihe, M.T.",
    "Dr. Ratna Pakaya, M.Kes.", "Drs. Arifin Dunggio, M.AP.", "Nurhayati Talib, S.Psi., M.Psi.",
    "Dr. Syamsul Bahri, M.Pd.", "dr. Irma Lamadjido, M.Kes.", "Hendra Mustafa, S.E., M.Ak.",
    "Dr. Wahyuni Hulukati, M.Si.",
)  # fmt: skip

# title, form, institution index, [(competency code, level)], [(module, JP)], audience
PROGRAMS = (
    ("Pelatihan Kepemimpinan Pengawas (PKP)", "KL01", 0, [("M4", 3), ("M8", 3)],
     [("Kepemimpinan Pancasila dan Bela Negara", 16), ("Manajemen Kinerja", 24),
      ("Aktualisasi Kepemimpinan", 24)], "Pejabat pengawas"),
    ("Pelatihan Kepemimpinan Administrator (PKA)", "KL01", 2, [("M7", 4), ("M8", 4)],
     [("Kepemimpinan Strategis", 24), ("Inovasi Pelayanan", 24), ("Proyek Perubahan", 24)],
     "Pejabat administrator"),
    ("Integritas dan Antikorupsi", "KL02", 0, [("M1", 3)],
     [("Nilai Dasar Integritas", 8), ("Konflik Kepentingan dan Gratifikasi", 8)], "Semua ASN"),
    ("Kerja Sama Tim yang Efektif", "KL02", 0, [("M2", 3)],
     [("Dinamika Kelompok", 8), ("Kolaborasi Lintas Unit", 8)], "Semua ASN"),
    ("Komunikasi Efektif bagi ASN", "KL02", 1, [("M3", 3)],
     [("Komunikasi Lisan", 8), ("Penulisan Naskah Dinas", 8)], "Semua ASN"),
    ("Manajemen Kinerja Berorientasi Hasil", "KL02", 0, [("M4", 3)],
     [("SKP dan Indikator Kinerja", 8), ("Dialog Kinerja", 8), ("Umpan Balik", 8)],
     "Atasan langsung"),
    ("Pelayanan Prima", "KL02", 0, [("M5", 3)],
     [("Standar Pelayanan", 8), ("Penanganan Pengaduan", 8), ("Survei Kepuasan", 8)],
     "Petugas layanan"),
    ("Coaching dan Mentoring bagi Atasan", "KL02", 2, [("M6", 3)],
     [("Dasar Coaching", 8), ("Praktik Mentoring", 8)], "Atasan langsung"),
    ("Manajemen Perubahan", "KL02", 2, [("M7", 3)],
     [("Memimpin Perubahan", 8), ("Mengelola Resistensi", 8)], "Pejabat struktural"),
    ("Pengambilan Keputusan Berbasis Data", "KL02", 1, [("M8", 3)],
     [("Analisis Masalah", 8), ("Keputusan Berbasis Bukti", 8)], "Pejabat struktural"),
    ("Wawasan Kebangsaan dan Moderasi", "KL05", 4, [("SK1", 3)],
     [("Wawasan Kebangsaan", 8), ("Moderasi dan Kerukunan", 8)], "Semua ASN"),
    ("Asuhan Keperawatan Dasar", "KL03", 3, [("T-KES-01", 2)],
     [("Pengkajian Keperawatan", 8), ("Intervensi dan Evaluasi", 8), ("Praktik Klinik", 8)],
     "Perawat"),
    ("Asuhan Kebidanan Terkini", "KL03", 3, [("T-KES-02", 3)],
     [("Antenatal Terpadu", 8), ("Kegawatdaruratan Maternal", 8)], "Bidan"),
    ("Pelayanan Kefarmasian di Puskesmas", "KL03", 3, [("T-KES-03", 2)],
     [("Manajemen Obat", 8), ("Farmasi Klinik", 8)], "Tenaga kefarmasian"),
    ("Kesehatan Masyarakat dan Surveilans", "KL03", 3, [("T-KES-04", 3)],
     [("Surveilans Epidemiologi", 8), ("Promosi Kesehatan", 8)], "Tenaga kesehatan masyarakat"),
    ("Pembelajaran Berdiferensiasi", "KL04", 1, [("T-PEN-01", 3)],
     [("Asesmen Diagnostik", 8), ("Desain Pembelajaran", 8), ("Praktik Mengajar", 8)], "Guru"),
    ("Asesmen dan Penilaian Hasil Belajar", "KL04", 1, [("T-PEN-02", 3)],
     [("Asesmen Formatif", 8), ("Asesmen Sumatif", 8)], "Guru"),
    ("Pengelolaan Keuangan Daerah", "KL10", 4, [("T-ADM-01", 3)],
     [("Penatausahaan Keuangan", 8), ("Pelaporan Keuangan", 8)], "Pengelola keuangan"),
    ("Bimtek Kearsipan Dinamis", "KL10", 0, [("T-ADM-02", 2)],
     [("Tata Naskah", 8), ("Pemberkasan Arsip", 8)], "Arsiparis dan pelaksana"),
    ("Bimtek Penyusunan SKP", "KL10", 0, [("M4", 2)], [("Penyusunan SKP", 8)], "Semua ASN"),
    ("Bimtek SPBE dan Tata Kelola Data", "KL10", 4, [("M8", 2)],
     [("Arsitektur SPBE", 8), ("Tata Kelola Data", 8)], "Pengelola data"),
    ("Workshop Inovasi Pelayanan Publik", "KL07", 2, [("M5", 4), ("M7", 3)],
     [("Desain Inovasi", 8), ("Replikasi Inovasi", 8)], "Pejabat struktural"),
    ("Kursus Bahasa Inggris Pelayanan", "KL08", 1, [("M3", 2)],
     [("Percakapan Pelayanan", 8), ("Korespondensi", 8)], "Petugas layanan"),
    ("Seminar Reformasi Birokrasi Daerah", "KL06", 0, [("M7", 2)],
     [("Reformasi Birokrasi Gorontalo", 4)], "Semua ASN"),
    ("Sosialisasi Manajemen ASN", "KL11", 0, [("M1", 2)],
     [("UU ASN dan Turunannya", 4)], "Semua ASN"),
    ("E-learning Pelayanan Publik Dasar", "NKL03", 2, [("M5", 2)],
     [("Modul Daring Pelayanan Publik", 10), ("Evaluasi Daring", 2)], "Semua ASN"),
    ("E-learning Etika dan Integritas", "NKL03", 2, [("M1", 2)],
     [("Modul Daring Etika", 8)], "Semua ASN"),
    ("Pelatihan Jarak Jauh Analisis Kebijakan", "NKL04", 2, [("M8", 3)],
     [("Analisis Kebijakan", 16), ("Penulisan Policy Brief", 8)], "Analis kebijakan"),
    ("Pelatihan Dasar Pengadaan Barang/Jasa", "KL03", 4, [("T-ADM-01", 2)],
     [("Regulasi Pengadaan", 8), ("Praktik e-Katalog", 8)], "Pengelola pengadaan"),
    ("Manajemen Data Kepegawaian", "KL10", 0, [("M8", 2)],
     [("Data ASN dan SIASN", 8), ("Analisis Data Kepegawaian", 8)], "Pengelola kepegawaian"),
)  # fmt: skip
# Index of the BPSDM program that is under review and the one returned with comments.
UNDER_REVIEW = ("Pelatihan Literasi Digital ASN", "KL10", 0, [("M8", 2)],
                [("Literasi Digital", 8), ("Keamanan Informasi", 8)], "Semua ASN")  # fmt: skip
RETURNED = ("Pelatihan Penulisan Laporan Kinerja", "KL02", 0, [("M3", 3), ("M4", 2)],
            [("Struktur LKjIP", 8), ("Analisis Capaian", 8)], "Pengelola kinerja")  # fmt: skip
# The second signer of the demo's certificates (the setting TRAININGS_CERTIFICATE_SIGNER in a
# real deployment): the head of BKPSDM of the province, a synthetic person.
SECOND_SIGNER = (
    "Drs. Sutrisno Pakaya, M.Si.",
    "196903151990031004",
    "Kepala BKPSDM Provinsi Gorontalo",
)
OUTSIDE = (  # title, organiser, form, minutes
    ("Webinar Pelayanan Publik Inklusif", "KemenPANRB", "KL06", 180),
    ("Seminar Nasional Kesehatan Ibu dan Anak", "IBI Gorontalo", "KL06", 360),
    ("Kursus Daring Manajemen Proyek", "Universitas Terbuka", "NKL03", 900),
    ("Workshop Penulisan Artikel Ilmiah", "UNG", "KL07", 720),
    ("Pelatihan Mandiri ASN Unggul", "LAN (ASN Unggul)", "NKL09", 1080),
)  # fmt: skip


def employees_in_service() -> list[tuple[int, int | None, int | None]]:
    """(pk, OPD id, supervisor id) of every ASN in service, in pk order."""
    opds = dict(OrgUnit.objects.filter(kind="opd").values_list("path", "pk"))
    rows = (
        Employee.objects.exclude(state__in=GONE_STATES)
        .order_by("pk")
        .values_list("pk", "unit__path", "supervisor_id")
    )
    return [(pk, opds.get(opd_path_of(path) or ""), supervisor) for pk, path, supervisor in rows]


def _first_signer(institution: Institution) -> str:
    return signer_text(institution.head_name, institution.head_nip, f"Kepala {institution.name}")


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _chunks(rows: list, size: int = CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _create(model, rows: list) -> list:
    created = []
    for chunk in _chunks(rows):
        created.extend(model.objects.bulk_create(chunk))
    return created


class _Program:
    """A program row with what the seeding needs of it."""

    def __init__(self, program: Program, short: str, modules: list[Module]):
        self.program, self.short, self.modules = program, short, modules  # short: number prefix
        self.total_jp = sum(m.jp for m in modules)
        self.days = max(1, math.ceil(self.total_jp / JP_PER_DAY))


def _institutions(rng: random.Random) -> tuple[list[Institution], list[list[Facilitator]]]:
    institutions = _create(Institution, [
        Institution(name=name, kind=kind, accreditation=accreditation, head_name=head,
                    head_nip=nip, address="Gorontalo" if i < 2 else "Makassar")
        for i, (name, kind, accreditation, head, nip) in enumerate(INSTITUTIONS)
    ])  # fmt: skip
    facilitators = []
    names = list(FACILITATORS)
    rng.shuffle(names)
    for i, institution in enumerate(institutions):
        chosen = names[(2 * i) % len(names) : (2 * i) % len(names) + 2] or names[:2]
        facilitators.append(_create(Facilitator, [
            Facilitator(institution=institution, name=name, expertise="Widyaiswara")
            for name in chosen
        ]))  # fmt: skip
    return institutions, facilitators


def _programs(institutions, competencies) -> list[_Program]:
    programs, targets, modules_of = [], [], []
    for title, form_code, inst, targets_of, modules, audience in PROGRAMS:
        form = form_of(form_code)
        programs.append(Program(
            institution=institutions[inst], title=title, form_code=form.code,
            jenis_diklat_id=form.jenis_diklat_id, audience=audience,
            objectives=f"Peserta mampu menerapkan {title.lower()} dalam tugas sehari-hari.",
            method="Ceramah, diskusi, studi kasus dan praktik", min_attendance_pct=80,
            pass_mark=Decimal(70) if form.klasikal else None,
            status=Program.Status.APPROVED, version=2,
        ))  # fmt: skip
        targets.append(targets_of)
        modules_of.append(modules)
    programs = _create(Program, programs)
    module_rows, target_rows, revisions = [], [], []
    for program, targets_of, modules in zip(programs, targets, modules_of, strict=True):
        for order, (name, jp) in enumerate(modules, start=1):
            module_rows.append(Module(program=program, order=order, name=name, jp=jp,
                                      method="Tatap muka"))  # fmt: skip
        for code, level in targets_of:
            if code in competencies:
                target_rows.append(
                    ProgramCompetency(program=program, competency=competencies[code], level=level)
                )
        for number in (1, 2):
            revisions.append(ProgramRevision(program=program, number=number, snapshot={
                "title": program.title, "form_code": program.form_code,
                "modules": [{"name": name, "jp": jp} for name, jp in modules],
            }))  # fmt: skip
    modules = _create(Module, module_rows)
    _create(ProgramCompetency, target_rows)
    _create(ProgramRevision, revisions)
    by_program: dict[int, list[Module]] = {}
    for module in modules:
        by_program.setdefault(module.program_id, []).append(module)
    shorts = {inst.pk: certificate_prefix(inst.name) for inst in institutions}
    return [_Program(p, shorts[p.institution_id], by_program[p.pk]) for p in programs]


def _workflow_programs(institutions, competencies) -> None:
    """One BPSDM program under review and one returned with comments per module."""
    for spec, status in ((UNDER_REVIEW, Program.Status.SUBMITTED),
                         (RETURNED, Program.Status.RETURNED)):  # fmt: skip
        title, form_code, inst, targets, modules, audience = spec
        form = form_of(form_code)
        program = Program.objects.create(
            institution=institutions[inst], title=title, form_code=form.code,
            jenis_diklat_id=form.jenis_diklat_id, audience=audience, status=status,
            objectives="Rancangan bersama BKPSDM dan BPSDM", pass_mark=Decimal(70),
        )  # fmt: skip
        rows = [Module.objects.create(program=program, order=i, name=name, jp=jp)
                for i, (name, jp) in enumerate(modules, start=1)]  # fmt: skip
        for code, level in targets:
            ProgramCompetency.objects.create(program=program, competency=competencies[code],
                                             level=level)  # fmt: skip
        revision = ProgramRevision.objects.create(program=program, number=1, snapshot={
            "title": title, "form_code": form.code,
            "modules": [{"name": name, "jp": jp} for name, jp in modules],
        })  # fmt: skip
        if status == Program.Status.RETURNED:
            ReviewComment.objects.create(
                program=program, revision=revision, module=rows[0], module_name=rows[0].name,
                text="Tambahkan contoh LKjIP perangkat daerah Gorontalo dan latihan menyusun.",
            )  # fmt: skip
            ReviewComment.objects.create(
                program=program, revision=revision,
                text="JP mata pelatihan analisis capaian perlu ditambah menjadi 12 JP.",
            )  # fmt: skip


def _batch_dates(rng: random.Random, year: int, days: int) -> tuple[dt.date, dt.date]:
    start = _monday_on_or_after(dt.date(year, 2, 1) + dt.timedelta(days=rng.randrange(0, 280)))
    end = start + dt.timedelta(days=days - 1)
    while end.weekday() >= 5:  # a batch of several days skips no weekend: keep it in a week
        end -= dt.timedelta(days=1)
    return start, max(start, end)


def _status(start: dt.date, end: dt.date) -> str:
    if end < AS_OF - dt.timedelta(days=30):
        return Batch.Status.EVALUATED
    if end < AS_OF:
        return Batch.Status.FINISHED
    if start <= AS_OF:
        return Batch.Status.RUNNING
    return Batch.Status.OPEN if (start - AS_OF).days <= 75 else Batch.Status.PLANNED


def seed_trainings(*, seed: int, year: int = AS_OF.year) -> dict[str, int]:
    """Write the demo's training data (see the module's docstring); returns the counts."""
    rng = random.Random(seed * 31 + 13)  # noqa: S311 - demo data, not a secret
    with transaction.atomic():
        competencies = {c.code: c for c in Competency.objects.all()}
        institutions, facilitators = _institutions(rng)
        programs = _programs(institutions, competencies)
        _workflow_programs(institutions, competencies)
        people = employees_in_service()  # [(pk, opd_id, supervisor_id)]
        facilitators_of = {i.pk: f for i, f in zip(institutions, facilitators, strict=True)}
        counts = _batches(rng, programs, facilitators_of, people, year)
        counts.update(_evaluations(rng))
        counts.update(_ledger_top_up(rng, people, year))
        _demo_logins(year)
        counts.update(institutions=len(institutions), programs=len(programs) + 2)
    return counts


def _batches(rng, programs: list[_Program], facilitators, people, year: int) -> dict[str, int]:
    """Batches of the last full year and the demo year, with their participants."""
    opds = sorted({opd for _pk, opd, _sup in people if opd})
    per_program = max(1, round(ENROLLED_PER_ASN * len(people) / len(programs) / CAPACITY))
    batches, sessions_of, quotas, costs = [], {}, [], []
    booked: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for item in programs:
        for batch_year in (year - 1, year):
            for n in range(per_program):
                start, end = _batch_dates(rng, batch_year, item.days)
                batches.append(Batch(
                    program=item.program, name=f"Angkatan {n + 1} {batch_year}",
                    year=batch_year, capacity=CAPACITY, place=item.program.institution.name,
                    start=start, end=end, nominations_close=start - dt.timedelta(days=7),
                    status=_status(start, end),
                ))  # fmt: skip
    batches = _create(Batch, batches)
    program_of = {item.program.pk: item for item in programs}
    session_rows = []
    for batch in batches:
        item = program_of[batch.program_id]
        day, modules = batch.start, item.modules
        inst_facilitators = facilitators[item.program.institution_id]
        for index in range(item.days):
            session_rows.append(Session(
                batch=batch, date=min(day + dt.timedelta(days=index), batch.end),
                start_time=dt.time(8), end_time=dt.time(15, 30), place=batch.place,
                module=modules[index % len(modules)],
                facilitator=inst_facilitators[index % len(inst_facilitators)],
                attendance_closed=batch.end < AS_OF,
            ))  # fmt: skip
        for opd in rng.sample(opds, k=min(4, len(opds))):
            quotas.append(BatchQuota(batch=batch, opd_id=opd, seats=CAPACITY // 4))
        costs.append(CostLine(batch=batch, description="Honorarium widyaiswara",
                              amount=Decimal(item.total_jp * 300_000)))  # fmt: skip
        costs.append(CostLine(batch=batch, description="Konsumsi dan penggandaan modul",
                              amount=Decimal(CAPACITY * item.days * 85_000)))  # fmt: skip
    sessions = _create(Session, session_rows)
    for session in sessions:
        sessions_of.setdefault(session.batch_id, []).append(session)
    _create(BatchQuota, quotas)
    _create(CostLine, costs)
    for batch in batches:
        batch.facilitators.add(*{s.facilitator_id for s in sessions_of[batch.pk]})

    # Participants: the quota OPDs' people first, nobody booked twice in the same days.
    by_opd: dict[int, list[tuple[int, int | None]]] = {}
    for pk, opd, supervisor in people:
        by_opd.setdefault(opd, []).append((pk, supervisor))
    quota_opds: dict[int, list[int]] = {}
    for quota in quotas:
        quota_opds.setdefault(quota.batch_id, []).append(quota.opd_id)
    enrolments = []
    for batch in batches:
        pool = [p for opd in quota_opds.get(batch.pk, []) for p in by_opd.get(opd, [])]
        rng.shuffle(pool)
        wanted = CAPACITY - rng.randrange(0, 6) if batch.status != Batch.Status.OPEN else 12
        taken = 0
        for pk, supervisor in pool:
            if taken >= wanted:
                break
            ranges = booked.setdefault(pk, [])
            if any(not (batch.end < s or e < batch.start) for s, e in ranges):
                continue
            ranges.append((batch.start, batch.end))
            status = Enrolment.Status.ENROLLED
            if batch.status == Batch.Status.OPEN and taken % 4 == 3 and supervisor:
                status = Enrolment.Status.NOMINATED
            enrolments.append(Enrolment(batch=batch, employee_id=pk, status=status,
                                        reason="Rencana pengembangan kompetensi"))  # fmt: skip
            taken += 1
    enrolments = _create(Enrolment, enrolments)
    return _outcomes(rng, batches, program_of, sessions_of, enrolments)


def _outcomes(rng, batches, program_of, sessions_of, enrolments) -> dict[str, int]:
    """Attendance, tests, completion, certificates and JP of the batches that ended."""
    batch_of = {b.pk: b for b in batches}
    attendance, certificates, records, updates = [], [], [], []
    numbers: dict[tuple[str, int], int] = {}
    for enrolment in enrolments:
        batch = batch_of[enrolment.batch_id]
        if batch.status not in (Batch.Status.FINISHED, Batch.Status.EVALUATED,
                                Batch.Status.RUNNING):  # fmt: skip
            continue
        item = program_of[batch.program_id]
        sessions = sessions_of[batch.pk]
        held = [s for s in sessions if s.date < AS_OF]
        present = [s for s in held if rng.random() < 0.96]
        for session in present:
            method = "qr" if rng.random() < 0.85 else "manual"
            attendance.append(Attendance(session=session, enrolment=enrolment, method=method))
        if batch.status == Batch.Status.RUNNING:
            continue
        pre = max(10, min(95, round(rng.gauss(58, 10))))
        gain = max(-0.1, min(1.0, rng.gauss(0.62, 0.18)))
        post = max(0, min(100, round(pre + gain * (100 - pre))))
        enrolment.pre_score, enrolment.post_score = Decimal(pre), Decimal(post)
        done = completed(attended=len(present), sessions=len(sessions),
                         min_attendance_pct=item.program.min_attendance_pct,
                         post_score=post, pass_mark=item.program.pass_mark)  # fmt: skip
        enrolment.status = Enrolment.Status.COMPLETED if done else Enrolment.Status.NOT_COMPLETED
        updates.append(enrolment)
        if not done:
            continue
        key = (item.short, batch.year)
        numbers[key] = numbers.get(key, 0) + 1
        number = certificate_number(item.short, batch.year, numbers[key])
        certificates.append(Certificate(
            enrolment=enrolment, number=number, status=Certificate.Status.ISSUED,
            signer_1=_first_signer(item.program.institution), signer_2=signer_text(*SECOND_SIGNER),
            result=certificate_result(post, item.program.test_maximum),
            issued_at=_aware(batch.end + dt.timedelta(days=7)),
        ))  # fmt: skip
        records.append(JpRecord(
            employee_id=enrolment.employee_id, title=item.program.title,
            institution_name=item.program.institution.name, form_code=item.program.form_code,
            jenis_diklat_id=item.program.jenis_diklat_id, start=batch.start, end=batch.end,
            year=batch.end.year, minutes=item.total_jp * JP_MINUTES, jp=Decimal(item.total_jp),
            source=JpRecord.Source.BATCH, source_ref=f"trainings.enrolment:{enrolment.pk}",
            certificate_number=number,
        ))  # fmt: skip
    for chunk in _chunks(updates):
        Enrolment.objects.bulk_update(chunk, ["status", "pre_score", "post_score"])
    _create(Attendance, attendance)
    _create(Certificate, certificates)
    _create(JpRecord, records)
    return {"batches": len(batches), "enrolments": len(enrolments),
            "attendance": len(attendance), "certificates": len(certificates),
            "jp_batch": len(records)}  # fmt: skip


def _evaluations(rng) -> dict[str, int]:
    """L1 questionnaires of most participants of the batches that ended, and L3 (alumnus and
    direct superior, three months on) of last year's batches, most of them answered."""
    facilitators: dict[int, set[int]] = {}
    for batch_id, facilitator_id in Session.objects.values_list("batch_id", "facilitator_id"):
        if facilitator_id:
            facilitators.setdefault(batch_id, set()).add(facilitator_id)
    ended = Enrolment.objects.filter(
        status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.NOT_COMPLETED]
    ).values_list(
        "pk", "batch_id", "batch__end", "employee_id", "employee__supervisor_id", "status"
    )
    reactions, surveys = [], []
    for pk, batch_id, end, employee_id, supervisor_id, status in ended:
        if rng.random() < 0.85:
            mood = rng.choice((3, 4, 4, 4, 5, 5))
            answers = {key: max(1, min(5, mood + rng.choice((-1, 0, 0, 1))))
                       for key, _label in REACTION_ITEMS if key != "facilitator"}  # fmt: skip
            for facilitator_id in sorted(facilitators.get(batch_id, ())):
                answers[f"facilitator:{facilitator_id}"] = max(1, min(5, mood + rng.choice((0, 1))))
            reactions.append(ReactionResponse(enrolment_id=pk, answers=answers))
        due = add_months(end, 3) + dt.timedelta(days=L3_ANSWER_DAYS)
        if status != Enrolment.Status.COMPLETED or add_months(end, 3) > AS_OF:
            continue
        for respondent, person in (("alumnus", employee_id), ("supervisor", supervisor_id)):
            if person is None:
                continue
            survey = BehaviourSurvey(enrolment_id=pk, respondent=respondent, due=due,
                                     respondent_employee_id=person)  # fmt: skip
            if rng.random() < 0.8:
                pairs = {}
                for key, _label in BEHAVIOUR_ITEMS:
                    before = rng.choice((1, 2, 2, 3))
                    pairs[key] = [before, min(4, before + rng.choice((0, 1, 1, 2)))]
                survey.answers = pairs
                survey.impact = impact_score(pairs.values())
                survey.submitted_at = _aware(min(due, AS_OF) - dt.timedelta(days=5))
            surveys.append(survey)
    _create(ReactionResponse, reactions)
    _create(BehaviourSurvey, surveys)
    return {"reactions": len(reactions), "l3": len(surveys)}


def _ledger_top_up(rng, people, year: int) -> dict[str, int]:
    """Imported SIASN history and recognised outside activities, so that about 70% reach 20 JP
    in the last full year and about 40% so far in the demo year."""
    done: dict[tuple[int, int], Decimal] = {}
    for employee_id, record_year, jp in JpRecord.objects.values_list("employee_id", "year", "jp"):
        done[(employee_id, record_year)] = done.get((employee_id, record_year), 0) + jp
    records, outside = [], []
    years = (
        (year - 1, REACHED_LAST_YEAR, dt.date(year - 1, 12, 20)),
        (year, REACHED_THIS_YEAR, AS_OF - dt.timedelta(days=3)),
    )
    for record_year, share, last_day in years:
        for pk, _opd, _sup in people:
            have = done.get((pk, record_year), Decimal(0))
            goal = YEARLY_JP if rng.random() < share else rng.randrange(0, YEARLY_JP)
            while have < goal:
                title, organiser, form_code, minutes = rng.choice(OUTSIDE)
                form = form_of(form_code)
                jp = Decimal(minutes // JP_MINUTES)
                if have + jp >= YEARLY_JP and goal < YEARLY_JP:
                    break
                end = dt.date(record_year, 1, 15) + dt.timedelta(
                    days=rng.randrange(0, (last_day - dt.date(record_year, 1, 15)).days)
                )
                recognised = rng.random() < 0.25
                records.append(JpRecord(
                    employee_id=pk, title=title, institution_name=organiser, form_code=form.code,
                    jenis_diklat_id=form.jenis_diklat_id, start=end, end=end, year=record_year,
                    minutes=minutes, jp=jp,
                    source=JpRecord.Source.OUTSIDE if recognised else JpRecord.Source.IMPORTED,
                ))  # fmt: skip
                if recognised:
                    outside.append((len(records) - 1, OutsideActivity(
                        employee_id=pk, title=title, organiser=organiser, form_code=form.code,
                        start=end, end=end, minutes=minutes,
                        status=OutsideActivity.Status.RECOGNISED, recognised_jp=jp,
                    )))  # fmt: skip
                have += jp
    records = _create(JpRecord, records)
    activities = _create(OutsideActivity, [activity for _i, activity in outside])
    for (index, _activity), activity in zip(outside, activities, strict=True):
        records[index].source_ref = f"trainings.outsideactivity:{activity.pk}"
    for chunk in _chunks([records[index] for index, _a in outside]):
        JpRecord.objects.bulk_update(chunk, ["source_ref"])
    # A few proposals still waiting for BKPSDM (the admin's home task).
    waiting = []
    for pk, _opd, _sup in rng.sample(people, k=min(6, len(people))):
        title, organiser, form_code, minutes = rng.choice(OUTSIDE)
        waiting.append(OutsideActivity(
            employee_id=pk, title=title, organiser=organiser, form_code=form_code,
            start=AS_OF - dt.timedelta(days=20), end=AS_OF - dt.timedelta(days=20),
            minutes=minutes, status=OutsideActivity.Status.EVIDENCE,
        ))  # fmt: skip
    _create(OutsideActivity, waiting)
    return {"jp_records": len(records), "outside": len(activities) + len(waiting)}


def _demo_logins(year: int) -> None:
    """The demo logins' part: `asn` enrolled in an open batch and certified last year,
    `atasan` with a nomination to agree to, Dinkes with a quota in an open batch."""
    asn = Employee.objects.filter(user__username="asn").first()
    atasan = Employee.objects.filter(user__username="atasan").first()
    open_batches = list(Batch.objects.filter(status=Batch.Status.OPEN).order_by("start", "pk"))
    if asn is None or not open_batches:
        return
    dinkes = OrgUnit.objects.filter(kind="opd", path=opd_path_of(asn.unit.path) or "").first()
    batch = open_batches[0]
    if dinkes is not None:
        BatchQuota.objects.get_or_create(batch=batch, opd=dinkes, defaults={"seats": 8})
    Enrolment.objects.update_or_create(
        batch=batch, employee=asn,
        defaults={"status": Enrolment.Status.ENROLLED, "reason": "Rencana pengembangan"},
    )  # fmt: skip
    if atasan is not None:
        staff = Employee.objects.filter(supervisor=atasan).exclude(pk=asn.pk).first()
        if staff is not None:
            Enrolment.objects.update_or_create(
                batch=batch, employee=staff,
                defaults={"status": Enrolment.Status.NOMINATED,
                          "reason": "Kesenjangan kompetensi 1 level"},
            )  # fmt: skip
    last_year = (
        Batch.objects.filter(year=year - 1, status=Batch.Status.EVALUATED)
        .exclude(enrolments__employee=asn)
        .select_related("program__institution")
        .order_by("start")
        .first()
    )
    if last_year is None or Certificate.objects.filter(enrolment__employee=asn).exists():
        return
    program = last_year.program
    enrolment = Enrolment.objects.create(
        batch=last_year, employee=asn, status=Enrolment.Status.COMPLETED,
        reason="Rencana pengembangan", pre_score=Decimal(60), post_score=Decimal(85),
    )  # fmt: skip
    Attendance.objects.bulk_create(
        Attendance(session=session, enrolment=enrolment, method="qr")
        for session in last_year.sessions.all()
    )
    short = certificate_prefix(program.institution.name)
    taken = Certificate.objects.filter(number__startswith=f"{short}/{last_year.year}/").count()
    number = certificate_number(short, last_year.year, taken + 1)
    Certificate.objects.create(enrolment=enrolment, number=number,
                               signer_1=_first_signer(program.institution),
                               signer_2=signer_text(*SECOND_SIGNER),
                               result=certificate_result(85, program.test_maximum),
                               status=Certificate.Status.ISSUED,
                               issued_at=_aware(last_year.end + dt.timedelta(days=7)))  # fmt: skip
    jp = sum(program.modules.values_list("jp", flat=True))
    JpRecord.objects.create(
        employee=asn, title=program.title, institution_name=program.institution.name,
        form_code=program.form_code, jenis_diklat_id=program.jenis_diklat_id,
        start=last_year.start, end=last_year.end, year=last_year.end.year,
        minutes=jp * JP_MINUTES, jp=Decimal(jp), source=JpRecord.Source.BATCH,
        source_ref=f"trainings.enrolment:{enrolment.pk}", certificate_number=number,
    )  # fmt: skip


def trainings_reset() -> None:
    """Delete every training row (they point at employees, which the demo reset deletes)."""
    for model in (JpRecord, OutsideActivity, Certificate, Attendance, Enrolment, Session,
                  BatchQuota, CostLine, Batch, ReviewComment, ProgramRevision,
                  ProgramCompetency, Module, Program, Facilitator, Institution):  # fmt: skip
        model.objects.all().delete()
