"""Demo competency data: position standards, three years of competency assessments and the
potential of most ASN, consistent with the demo's SKP ratings.

Standards: every demo position gets the 8 manajerial competencies and Perekat Bangsa at the
default level of its kind (`rules.default_required_level`, as
`services.position_standards_apply_defaults` does one position at a time), and positions of a
field get a few technical competencies (health, education, finance and archives) defined here.

Assessments: each ASN has a latent ability drawn from their SKP rating (hasil kerja of the demo
year), education, their OPD and unit and chance. A competency's measured level is its required
level moved by that ability, by the competency (Mengelola Perubahan and Pengambilan Keputusan
are usually the weakest) and by the OPD (some OPDs are weak in change and decisions, health
units strong in Pelayanan Publik), so the heat map shows patterns rather than noise. Structural
officials are mostly assessed (assessment center), others less often (uji kompetensi, 360,
atasan); some are assessed in two or three of the last three years, and some improve. Potential
scores follow the same ability plus education, rank and age, so the 9-box fills realistically.

Standards and the technical competencies are written with `bulk_create`; the many assessments
and potentials with the plain batched INSERTs (COPY on PostgreSQL) of `satisfaction._insert`,
in chunks of employees. No per-row audit: `builders.seed_demo` writes one summary record.
`is_current` is set while building: an employee has at most one assessment event per year and
kind (managerial or technical), so dates are unique per employee and competency and the newest
one is the one of the latest year.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from binakinerja.competencies.models import (
    AssessmentMethod,
    Competency,
    CompetencyAssessment,
    CompetencyGroup,
    CompetencyLevel,
    IndividualDevelopmentPlan,
    PositionStandard,
    PotentialAssessment,
)
from binakinerja.competencies.rules import MAX_LEVEL, MIN_LEVEL, default_required_level
from binakinerja.demo.plan import AS_OF, G
from binakinerja.demo.satisfaction import _insert
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee, Position, PositionKind
from binakinerja.performance.models import SkpAssessment

BATCH = 2000
CHUNK = 10_000  # assessment rows built before they are written
STRUCTURAL = (
    PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA,
    PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS,
)  # fmt: skip
GONE = (Employee.State.PENSIUN, Employee.State.PINDAH)
ASSESSMENT_COLUMNS = (
    "employee", "competency", "level", "assessed_on", "method", "assessor", "evidence",
    "created_at", "is_current",
)  # fmt: skip
POTENTIAL_COLUMNS = (
    "employee", "potential", "score", "assessed_on", "method", "assessor", "created_at",
)  # fmt: skip

# Technical competencies of the demo: code, name, field, definition.
TECHNICAL = (
    ("T-KES-01", "Asuhan Keperawatan", "Kesehatan",
     "Memberikan asuhan keperawatan kepada individu, keluarga dan masyarakat sesuai standar."),
    ("T-KES-02", "Asuhan Kebidanan", "Kesehatan",
     "Memberikan asuhan kebidanan pada ibu hamil, bersalin, nifas dan bayi sesuai standar."),
    ("T-KES-03", "Pelayanan Kefarmasian", "Kesehatan",
     "Mengelola sediaan farmasi dan memberikan pelayanan farmasi klinik sesuai standar."),
    ("T-KES-04", "Kesehatan Masyarakat", "Kesehatan",
     "Merencanakan, melaksanakan dan mengevaluasi upaya kesehatan masyarakat di wilayah kerja."),
    ("T-PEN-01", "Pengelolaan Pembelajaran", "Pendidikan",
     "Merancang, melaksanakan dan mengelola pembelajaran yang berpusat pada peserta didik."),
    ("T-PEN-02", "Penilaian Hasil Belajar", "Pendidikan",
     "Merancang dan melaksanakan penilaian proses dan hasil belajar serta memanfaatkannya."),
    ("T-ADM-01", "Pengelolaan Keuangan Daerah", "Administrasi Umum",
     "Menatausahakan, melaporkan dan mempertanggungjawabkan keuangan daerah sesuai ketentuan."),
    ("T-ADM-02", "Pengelolaan Arsip", "Administrasi Umum",
     "Mengelola arsip dinamis dan statis sesuai kaidah kearsipan."),
)  # fmt: skip
TECHNICAL_CODES = tuple(code for code, *_rest in TECHNICAL)
LEVEL_TEXTS = (
    "Memahami dasar-dasar {name} dan melaksanakannya dengan bimbingan.",
    "Melaksanakan {name} secara mandiri pada tugas rutin.",
    "Melaksanakan {name} pada kasus yang kompleks dan membimbing rekan kerja.",
    "Mengembangkan metode dan standar {name} di unit kerja.",
    "Menetapkan kebijakan dan menjadi rujukan {name} di tingkat daerah.",
)
# Required technical level by functional level, else by kind.
TECHNICAL_LEVEL = {
    "ahli_pertama": 2, "ahli_muda": 3, "ahli_madya": 4, "ahli_utama": 5,
    "pemula": 1, "terampil": 2, "mahir": 3, "penyelia": 3,
    PositionKind.PELAKSANA: 2, PositionKind.PENGAWAS: 3, PositionKind.ADMINISTRATOR: 3,
    PositionKind.JPT_PRATAMA: 4, PositionKind.JPT_MADYA: 4, PositionKind.JPT_UTAMA: 5,
}  # fmt: skip

# The latent ability's parts (in levels).
RATING_SHIFT = {"di_atas": 0.7, "sesuai": 0.0, "di_bawah": -0.8, None: -0.05}
EDUCATION_SHIFT = {"15": -0.25, "30": -0.1, "35": 0.0, "40": 0.0, "45": 0.2, "50": 0.3}
# Competencies that are usually measured higher or lower than the required level.
COMPETENCY_SHIFT = {"M1": 0.35, "M2": 0.2, "M3": 0.05, "M4": 0.0, "M5": 0.05, "M6": -0.1,
                    "M7": -0.3, "M8": -0.3, "SK1": 0.35}  # fmt: skip
BASE_SHIFT = -0.35  # a typical ASN measures a little below the standard
WEAK_OPD_SHARE = 0.35  # OPDs weak in Mengelola Perubahan and/or Pengambilan Keputusan
WEAK_SHIFT = -1.0
HEALTH_PUBLIC_SERVICE = 0.8  # health units are strong in Pelayanan Publik
EDUCATION_DEVELOPMENT = 0.3  # schools in Pengembangan Diri dan Orang Lain

# Share of ASN assessed at least once in the three years, and how many of the years.
ASSESSED_SHARE = {"structural": 0.92, "other": 0.66}
YEARS_WEIGHTS = ((1, 50), (2, 33), (3, 17))
METHODS = {
    "structural": ((AssessmentMethod.ASSESSMENT_CENTER, 70), (AssessmentMethod.FEEDBACK_360, 20),
                   (AssessmentMethod.SUPERVISOR, 10)),
    "other": ((AssessmentMethod.UJI_KOMPETENSI, 40), (AssessmentMethod.FEEDBACK_360, 25),
              (AssessmentMethod.SUPERVISOR, 35)),
    "technical": ((AssessmentMethod.UJI_KOMPETENSI, 80), (AssessmentMethod.SUPERVISOR, 20)),
}  # fmt: skip
ASSESSORS = {
    AssessmentMethod.ASSESSMENT_CENTER: "UPT Penilaian Kompetensi BKPSDM",
    AssessmentMethod.UJI_KOMPETENSI: "Tim Uji Kompetensi {opd}",
    AssessmentMethod.FEEDBACK_360: "Penilaian 360 derajat {opd}",
    AssessmentMethod.SUPERVISOR: "Atasan langsung",
}
IMPROVER_SHARE = 0.35  # of ASN assessed more than once: levels rose since the earlier years

POTENTIAL_SHARE = {"structural": 0.95, "other": 0.8}
POTENTIAL_MEAN, POTENTIAL_SPREAD = 64.0, 9.0  # score points per level of ability
TINGGI_FROM, MENENGAH_FROM = Decimal("72"), Decimal("57")


def _pick(rng: random.Random, weighted):
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _clip(level: float) -> int:
    return max(MIN_LEVEL, min(MAX_LEVEL, round(level)))


def _technical_codes(name: str, kind: str, field: str) -> list[str]:
    """The technical competencies a position of a field requires (by its name)."""
    codes = []
    if name.startswith("Perawat"):
        codes.append("T-KES-01")
    elif name.startswith("Bidan"):
        codes.append("T-KES-02")
    elif name.startswith(("Apoteker", "Asisten Apoteker", "Tenaga Teknis Kefarmasian")):
        codes.append("T-KES-03")
    elif field == "health" and kind != PositionKind.PELAKSANA and "Keuangan" not in name:
        if "Umum" not in name and not name.startswith(("Arsiparis", "Pranata Komputer")):
            codes.append("T-KES-04")
    if name.startswith("Guru"):
        codes += ["T-PEN-01", "T-PEN-02"]
    elif name.startswith(("Kepala Sekolah", "Pranata Laboratorium Pendidikan")):
        codes.append("T-PEN-01")
    elif name.startswith("Pengawas Sekolah"):
        codes.append("T-PEN-02")
    if "Keuangan" in name or name.startswith("Bendahara"):
        codes.append("T-ADM-01")
    if name.startswith(("Arsiparis", "Pengadministrasi Perkantoran", "Pengadministrasi Umum")) or (
        kind in STRUCTURAL and "Umum" in name
    ):
        codes.append("T-ADM-02")
    return codes


def _technical_competencies() -> dict[str, Competency]:
    """The demo's technical competencies (with level descriptions), created when missing."""
    present = {c.code: c for c in Competency.objects.filter(code__in=TECHNICAL_CODES)}
    new = [
        Competency(code=code, group=CompetencyGroup.TEKNIS, name=name, field=field,
                   definition=definition)
        for code, name, field, definition in TECHNICAL
        if code not in present
    ]  # fmt: skip
    if new:
        Competency.objects.bulk_create(new)
        created = Competency.objects.filter(code__in=[c.code for c in new])
        CompetencyLevel.objects.bulk_create(
            [
                CompetencyLevel(competency=c, level=i, title=text.format(name=c.name.lower()))
                for c in created
                for i, text in enumerate(LEVEL_TEXTS, start=MIN_LEVEL)
            ]
        )
        present = {c.code: c for c in Competency.objects.filter(code__in=TECHNICAL_CODES)}
    return present


def _unit_fields() -> tuple[dict[int, int], dict[int, str], dict[int, str]]:
    """Per unit id: its OPD's id and field (health, education, other); per OPD its short name."""
    units = {
        pk: (parent, kind, unit_type, short or name)
        for pk, parent, kind, unit_type, short, name in OrgUnit.objects.values_list(
            "pk", "parent_id", "kind", "unit_type", "short_name", "name"
        )
    }
    opd_of: dict[int, int] = {}

    def find(pk: int) -> int:
        if pk not in opd_of:
            parent, kind, _type, _short = units[pk]
            opd_of[pk] = pk if kind == OrgUnit.Kind.OPD or parent is None else find(parent)
        return opd_of[pk]

    for pk in units:
        find(pk)
    field_of, name_of = {}, {}
    for pk, (_parent, _kind, unit_type, short) in units.items():
        if opd_of[pk] == pk:
            name_of[pk] = short
            field_of[pk] = (
                "health" if short == "Dinkes" or unit_type == "rsud"
                else "education" if short == "Dikbud" else "other"
            )  # fmt: skip
    return opd_of, field_of, name_of


def _standards(
    codes: dict[str, int], technical: dict[str, Competency], opd_of, field_of
) -> tuple[dict[int, dict[str, int]], int]:
    """Create every position's standards; return {position id: {code: level}} and the count."""
    required: dict[int, dict[str, int]] = {}
    rows = []
    positions = Position.objects.order_by("id")
    for pk, unit_id, name, kind, level in positions.values_list(
        "id", "unit_id", "name", "kind", "level"
    ):
        levels = {}
        default = default_required_level(kind, level)
        if default is not None:
            levels = dict.fromkeys(codes, default)
        field = field_of[opd_of[unit_id]]
        for code in _technical_codes(name, kind, field):
            levels[code] = TECHNICAL_LEVEL.get(level or kind, 2)
        required[pk] = levels
        rows += [
            PositionStandard(position_id=pk, competency_id=codes.get(c) or technical[c].pk, level=v)
            for c, v in levels.items()
        ]
    PositionStandard.objects.bulk_create(rows, batch_size=BATCH)
    return required, len(rows)


def _opd_traits(rng: random.Random, field_of: dict[int, str]) -> dict[int, dict]:
    """Per OPD: an overall shift, its assessment coverage and per-competency shifts."""
    traits = {}
    for opd in sorted(field_of):
        shifts = {code: rng.gauss(0, 0.15) for code in COMPETENCY_SHIFT}
        if rng.random() < WEAK_OPD_SHARE:
            for code in rng.choice((("M7",), ("M8",), ("M7", "M8"))):
                shifts[code] += WEAK_SHIFT
        if field_of[opd] == "health":
            shifts["M5"] += HEALTH_PUBLIC_SERVICE
        elif field_of[opd] == "education":
            shifts["M6"] += EDUCATION_DEVELOPMENT
        traits[opd] = {
            "shift": rng.gauss(0, 0.25),
            "coverage": min(1.3, max(0.6, rng.gauss(1.0, 0.15))),
            "competencies": shifts,
        }
    return traits


def _day(rng: random.Random, year: int, until: dt.date) -> dt.date:
    first = dt.date(year, 1, 8) if year == until.year else dt.date(year, 2, 1)
    last = min(until, dt.date(year, 11, 30))
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def seed_competencies(*, seed: int, year: int) -> dict[str, int]:
    """Write the demo's standards, assessments (years `year`-2 … `year`) and potentials."""
    rng = random.Random(seed * 104729 + year + 38)  # noqa: S311 - synthetic demo data
    until = min(AS_OF, dt.date(year, 12, 31)) - dt.timedelta(days=1)
    years = (year - 2, year - 1, year)
    managerial = dict(
        Competency.objects.filter(group__in=(CompetencyGroup.MANAJERIAL,
                                             CompetencyGroup.SOSIAL_KULTURAL), is_active=True)
        .order_by("code")
        .values_list("code", "pk")
    )  # fmt: skip
    technical = _technical_competencies()
    ids = {**managerial, **{code: c.pk for code, c in technical.items()}}
    opd_of, field_of, opd_name = _unit_fields()
    required, standards = _standards(managerial, technical, opd_of, field_of)
    traits = _opd_traits(rng, field_of)
    unit_shift: dict[int, float] = {}
    rating = dict(
        SkpAssessment.objects.filter(skp__year=year)
        .order_by("period__end", "pk")
        .values_list("skp__employee_id", "hasil_kerja")
    )
    employees = Employee.objects.order_by("id").values_list(
        "id", "position_id", "unit_id", "state", "education_level", "golongan", "birth_date",
        "position__kind", "position__name",
    )  # fmt: skip

    counts = {"standards": standards, "technical": len(technical), "assessments": 0,
              "assessed": 0, "potentials": 0}  # fmt: skip
    assessments: list[list] = []  # rows of ASSESSMENT_COLUMNS
    potentials: list[tuple] = []  # rows of POTENTIAL_COLUMNS
    date = connection.ops.adapt_datefield_value
    decimal = connection.ops.adapt_decimalfield_value
    created = connection.ops.adapt_datetimefield_value(timezone.now())

    def flush() -> None:
        counts["assessments"] += _insert(CompetencyAssessment, ASSESSMENT_COLUMNS, assessments)
        counts["potentials"] += _insert(PotentialAssessment, POTENTIAL_COLUMNS, potentials)
        assessments.clear()
        potentials.clear()

    for pk, position_id, unit_id, state, education, golongan, born, kind, name in employees:
        opd = opd_of[unit_id]
        trait = traits[opd]
        if unit_id not in unit_shift:
            unit_shift[unit_id] = rng.gauss(0, 0.15)
        group = "structural" if kind in STRUCTURAL or name.startswith("Kepala ") else "other"
        # Ability apart from the SKP rating: potential leans on it more than on the rating.
        talent = (
            rng.gauss(0, 0.55) + EDUCATION_SHIFT.get(education, 0) + trait["shift"]
            + unit_shift[unit_id]
        )  # fmt: skip
        ability = talent + RATING_SHIFT[rating.get(pk)]
        standard = required.get(position_id, {})
        open_years = years[:-1] if state in GONE else years
        if standard and rng.random() < ASSESSED_SHARE[group] * trait["coverage"]:
            counts["assessed"] += 1
            chosen = sorted(rng.sample(open_years, min(_pick(rng, YEARS_WEIGHTS), len(open_years))))
            improver = len(chosen) > 1 and rng.random() < IMPROVER_SHARE
            latest: dict[str, int] = {}
            for code, need in standard.items():
                shift = COMPETENCY_SHIFT.get(code, 0.0) + trait["competencies"].get(code, 0.0)
                latest[code] = _clip(need + BASE_SHIFT + ability + shift + rng.gauss(0, 0.45))
            current: dict[str, CompetencyAssessment] = {}
            for index, when in enumerate(chosen):
                behind = len(chosen) - 1 - index  # assessments still to come after this one
                events = [
                    ("managerial", [c for c in standard if c in managerial]),
                    ("technical", [c for c in standard if c not in managerial]),
                ]
                for event, codes in events:
                    if not codes:
                        continue
                    method = _pick(rng, METHODS["technical" if event == "technical" else group])
                    day = date(_day(rng, when, until))
                    assessor = ASSESSORS[method].format(opd=opd_name[opd])
                    for code in codes:
                        level = latest[code]
                        if behind and improver:
                            level -= sum(rng.random() < 0.5 for _ in range(behind))
                        elif behind:
                            level += _pick(rng, ((-1, 8), (0, 86), (1, 6)))
                        row = [pk, ids[code], _clip(level), day, method.value, assessor, "",
                               created, False]  # fmt: skip
                        assessments.append(row)
                        current[code] = row
            for row in current.values():
                row[-1] = True  # the newest: is_current
        if rng.random() < POTENTIAL_SHARE[group]:
            age = AS_OF.year - born.year if born else 45
            score = (
                POTENTIAL_MEAN
                + POTENTIAL_SPREAD * (0.7 * talent + 0.4 * RATING_SHIFT[rating.get(pk)]
                                      + rng.gauss(0, 0.7) + (45 - age) * 0.012
                                      + (G.get(golongan, G["III/a"]) - G["III/a"]) * 0.04)
            )  # fmt: skip
            score = Decimal(str(round(min(99.0, max(25.0, score)), 2)))
            method = (
                AssessmentMethod.ASSESSMENT_CENTER if group == "structural"
                else _pick(rng, METHODS["other"][:2])
            )  # fmt: skip
            final = open_years[-1] if rng.random() < 0.6 else open_years[-2]
            earlier = [y for y in open_years if y < final and rng.random() < 0.25]
            for when, points in [(y, score - rng.randint(0, 8)) for y in earlier] + [
                (final, score)
            ]:
                points = max(Decimal(0), Decimal(points))
                potential = (
                    "tinggi" if points >= TINGGI_FROM
                    else "menengah" if points >= MENENGAH_FROM else "rendah"
                )  # fmt: skip
                potentials.append(
                    (pk, potential, decimal(points, 6, 2), date(_day(rng, when, until)),
                     method.value, ASSESSORS[method].format(opd=opd_name[opd]), created)
                )  # fmt: skip
        if len(assessments) >= CHUNK:
            flush()
    flush()
    return counts


def competencies_reset() -> None:
    """Delete the demo's competency data (for `seed_demo --reset`, which then deletes every
    employee): development plans, assessments, potentials, position standards and the demo's
    technical competencies. The dictionary's 9 stay, and so do technical ones that other
    records still use: the next seed reuses them by code."""
    IndividualDevelopmentPlan.objects.all().delete()
    CompetencyAssessment.objects.all().delete()
    PotentialAssessment.objects.all().delete()
    PositionStandard.objects.all().delete()
    try:
        with transaction.atomic():
            demo_technical = Q(code__in=TECHNICAL_CODES, group=CompetencyGroup.TEKNIS)
            Competency.objects.filter(demo_technical).delete()
    except ProtectedError:
        pass


def seed_idp(*, year: int) -> dict[str, int]:
    """The demo ASN's individual development plans, written through the IDP services as the ASN
    and their atasan would: last year's approved with its first activity done, this year's
    submitted and waiting in the demo atasan's inbox. Needs the demo logins `asn`, `atasan`."""
    from binakinerja.accounts.models import User
    from binakinerja.competencies import idp

    asn_user = User.objects.filter(username="asn").first()
    atasan_user = User.objects.filter(username="atasan").first()
    employee = Employee.objects.filter(user=asn_user).first() if asn_user else None
    if employee is None or atasan_user is None:
        return {"plans": 0, "activities": 0}
    activities = 0
    for plan_year in (year - 1, year):
        plan = idp.plan_create(actor=asn_user, employee=employee, year=plan_year)
        for suggestion in idp.plan_suggestions(asn_user, plan)[:3]:
            plan.refresh_from_db()
            idp.activity_add(
                actor=asn_user, plan=plan, version=plan.version, title=suggestion.title,
                need_source=suggestion.need_source, form=suggestion.form,
                planned_jp=suggestion.planned_jp, competency=suggestion.competency,
                target_month=3 + 3 * activities % 9, need_ref=suggestion.need_ref,
            )  # fmt: skip
            activities += 1
        plan.refresh_from_db()
        if not plan.activities.exists():
            continue
        idp.plan_submit(actor=asn_user, plan=plan, version=plan.version)
        if plan_year < year:
            plan.refresh_from_db()
            idp.plan_approve(actor=atasan_user, plan=plan, version=plan.version)
            plan.refresh_from_db()
            first = plan.activities.order_by("pk").first()
            idp.activity_complete(
                actor=asn_user, activity=first, version=plan.version,
                completed_on=dt.date(plan_year, 10, 15), evidence="Sertifikat pelatihan",
            )  # fmt: skip
    return {"plans": employee.development_plans.count(), "activities": activities}
