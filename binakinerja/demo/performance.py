"""Demo performance data: periods, SKPs in every state with results, indicators, behaviours,
realisations, check-ins, assessments with a realistic predikat spread, follow-ups and OPD
predikats. Written in bulk; deterministic for a seed (rows are read back in id order)."""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils import timezone

from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.performance.models import (
    CheckIn,
    FollowUp,
    OrgPerformance,
    Period,
    Skp,
    SkpAssessment,
    SkpBehaviour,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
)
from binakinerja.performance.rules import (
    NEEDS_FOLLOW_UP,
    CoreValue,
    FollowUpKind,
    period_dates,
    predikat_kinerja,
)

STATUS_WEIGHTS = [
    ("draft", 5), ("submitted", 7), ("returned", 3), ("approved", 5), ("in_progress", 30),
    ("assessed", 50),
]  # fmt: skip
HASIL_WEIGHTS = [("di_atas", 15), ("sesuai", 75), ("di_bawah", 10)]
PERILAKU_WEIGHTS = [("di_atas", 20), ("sesuai", 76), ("di_bawah", 4)]
MAIN_RESULTS = [
    ("Terlaksananya layanan {unit} sesuai standar pelayanan", "Persentase layanan sesuai SOP",
     95, "%"),
    ("Meningkatnya kepuasan penerima layanan {unit}", "Indeks kepuasan masyarakat", 85, "poin"),
    ("Tersusunnya laporan kinerja {unit} tepat waktu", "Laporan disampaikan", 12, "laporan"),
    ("Terselesaikannya dokumen administrasi {unit}", "Dokumen selesai diproses", 240, "dokumen"),
]  # fmt: skip
EXTRA_RESULTS = [
    ("Terlaksananya tugas tambahan sebagai anggota tim kerja", "Kegiatan tim diikuti", 6,
     "kegiatan"),
    ("Tersosialisasikannya program pembinaan ASN berbasis kinerja", "Sesi sosialisasi", 2, "sesi"),
]  # fmt: skip
CHECK_INS = [
    "Bagaimana capaian bulan ini? Ada kendala di lapangan?",
    "Capaian sudah sesuai rencana, pertahankan ketepatan waktunya.",
    "Mohon lengkapi bukti dukung untuk realisasi triwulan ini.",
    "Terima kasih atas inisiatif perbaikan layanan minggu lalu.",
]
EXPECTATION = "Menunjukkan perilaku {value} dalam pelayanan sehari-hari di unit."


def _pick(rng: random.Random, weighted):
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def seed_performance(*, seed: int, year: int) -> dict[str, int]:
    rng = random.Random(seed * 7919 + year)  # noqa: S311 - synthetic demo data
    governments = list(OrgUnit.objects.filter(kind="instansi").order_by("id"))
    periods: dict[tuple[str, str], Period] = {}
    rows = []
    for gov in governments:
        for kind in Period.Kind.values:
            start, end = period_dates(year, kind)
            rows.append(Period(instansi=gov, year=year, kind=kind, start=start, end=end))
    for period in Period.objects.bulk_create(rows):
        periods[(period.instansi.path, period.kind)] = period

    employees = list(
        Employee.objects.filter(state="aktif")
        .select_related("unit")
        .order_by("id")
        .only("id", "supervisor_id", "unit__path", "unit__name", "user_id")
    )
    by_id = {e.pk: e for e in employees}
    skps = []
    for employee in employees:
        status = _pick(rng, STATUS_WEIGHTS) if employee.supervisor_id in by_id else "draft"
        skps.append(
            Skp(
                employee_id=employee.pk, atasan_id=employee.supervisor_id, year=year, status=status
            )  # fmt: skip
        )
    skps = Skp.objects.bulk_create(skps, batch_size=2000)

    results, indicators, behaviours = [], [], []
    for skp, employee in zip(skps, employees, strict=True):
        unit_name = employee.unit.name
        for kind, template in (
            ("utama", rng.choice(MAIN_RESULTS)),
            ("tambahan", rng.choice(EXTRA_RESULTS)),
        ):
            results.append(SkpResult(skp=skp, kind=kind, text=template[0].format(unit=unit_name)))
        for value, label in CoreValue.choices:
            text = EXPECTATION.format(value=str(label)) if rng.random() < 0.5 else ""
            behaviours.append(SkpBehaviour(skp=skp, value=value, expectation=text))
    results = SkpResult.objects.bulk_create(results, batch_size=2000)
    SkpBehaviour.objects.bulk_create(behaviours, batch_size=5000)
    templates = {t[0]: t for t in MAIN_RESULTS + EXTRA_RESULTS}
    main_of = {}
    for result in results:
        key = next(t for t in templates if result.text.startswith(t.split("{")[0]))
        _text, indicator, target, unit = templates[key]
        indicators.append(
            SkpIndicator(
                result=result,
                aspect="kuantitas",
                text=indicator,
                target_value=Decimal(target),
                target_unit=unit,
            )  # fmt: skip
        )
        if result.kind == "utama":
            main_of[result.skp.employee_id] = result
    indicators = SkpIndicator.objects.bulk_create(indicators, batch_size=2000)

    # Cascading: each main result supports the supervisor's main result.
    cascaded = []
    for employee in employees:
        mine, boss = main_of.get(employee.pk), main_of.get(employee.supervisor_id)
        if mine is not None and boss is not None:
            mine.supports_id = boss.pk
            cascaded.append(mine)
    SkpResult.objects.bulk_update(cascaded, ["supports"], batch_size=2000)

    now = timezone.now()
    realisations, assessments, check_ins = [], [], []
    skp_of = {skp.pk: skp for skp in skps}
    for indicator in indicators:
        skp = skp_of[indicator.result.skp_id]
        if skp.status in ("in_progress", "assessed"):
            employee = by_id[skp.employee_id]
            q1 = periods[(employee.unit.path[:5], "q1")]
            share = Decimal(str(round(rng.uniform(0.6, 1.25), 2)))
            realisations.append(
                SkpRealisation(indicator=indicator, period=q1,
                               value=(indicator.target_value / 4 * share).quantize(Decimal("1")))
            )  # fmt: skip
    for skp in skps:
        employee = by_id[skp.employee_id]
        gov_path = employee.unit.path[:5]
        if skp.status in ("in_progress", "assessed") and skp.atasan_id:
            for text in rng.sample(CHECK_INS, k=rng.randint(1, 2)):
                check_ins.append(CheckIn(skp=skp, author_id=skp.atasan_id, text=text))
        if skp.status == "assessed":
            hasil, perilaku = _pick(rng, HASIL_WEIGHTS), _pick(rng, PERILAKU_WEIGHTS)
            assessments.append(
                SkpAssessment(
                    skp=skp,
                    period=periods[(gov_path, "q1")],
                    hasil_kerja=hasil,
                    perilaku_kerja=perilaku,
                    predikat=predikat_kinerja(hasil, perilaku),
                    reason="Penilaian triwulan I berdasarkan realisasi dan dialog kinerja.",
                    assessed_by_id=skp.atasan_id,
                )  # fmt: skip
            )
    SkpRealisation.objects.bulk_create(realisations, batch_size=2000)
    CheckIn.objects.bulk_create(check_ins, batch_size=2000)
    assessments = SkpAssessment.objects.bulk_create(assessments, batch_size=2000)
    follow_ups = [
        FollowUp(assessment=a, kind=rng.choice(FollowUpKind.values),
                 description="Pendampingan untuk memperbaiki capaian hasil kerja utama.")
        for a in assessments
        if a.predikat in NEEDS_FOLLOW_UP
    ]  # fmt: skip
    FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    OrgPerformance.objects.bulk_create(
        [
            OrgPerformance(
                opd=opd,
                year=year - 1,
                predikat=_pick(rng, [("istimewa", 10), ("baik", 75), ("butuh_perbaikan", 15)]),
            )
            for opd in OrgUnit.objects.filter(kind="opd").order_by("id")
        ]  # fmt: skip
    )
    # The first quarter is over: close it (later quarters stay open).
    Period.objects.filter(year=year, kind="q1", end__lt=now.date()).update(status="closed")
    return {
        "skps": len(skps),
        "assessments": len(assessments),
        "realisations": len(realisations),
        "check_ins": len(check_ins),
        "follow_ups": len(follow_ups),
    }


def performance_reset() -> None:
    """Delete the performance data that points at the registry (for `seed_demo --reset`)."""
    FollowUp.objects.all().delete()
    SkpAssessment.objects.all().delete()
    CheckIn.objects.all().delete()
    SkpRealisation.objects.all().delete()
    SkpResult.objects.update(supports=None)
    Skp.objects.all().delete()
    OrgPerformance.objects.all().delete()
    Period.objects.all().delete()
