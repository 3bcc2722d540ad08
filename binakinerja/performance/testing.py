"""Performance fixtures on top of the persona world (binakinerja/core/testing.py), for the
permission matrix and the leak test: every employee of the world has an SKP with results
(cascading from their OPD's goal), an indicator, a realisation and assessments, so a page or
export that lists people shows them all if it leaks.

Rows are written straight to the database (the services are tested on their own). Evidence
files go to the default storage: callers set MEDIA_ROOT to a temporary directory.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.core.files.base import ContentFile

from binakinerja.performance.models import (
    Evidence,
    FollowUp,
    OrgGoal,
    Period,
    Skp,
    SkpAssessment,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
)
from binakinerja.performance.rules import CoreValue, period_dates

YEAR = 2026
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"


def _periods(instansi, year: int) -> dict[str, Period]:
    periods = {}
    for kind in Period.Kind.values:
        start, end = period_dates(year, kind)
        periods[kind] = Period.objects.get_or_create(
            instansi=instansi, year=year, kind=kind, defaults={"start": start, "end": end}
        )[0]
    return periods


def _skp(employee, *, year: int, status: str, goal=None, supports=None, periods=None,
         predikat: str = "baik") -> Skp:  # fmt: skip
    skp = Skp.objects.create(employee=employee, atasan=employee.supervisor, year=year,
                             status=status)  # fmt: skip
    skp.behaviours.bulk_create([skp.behaviours.model(skp=skp, value=v) for v in CoreValue.values])
    skp.result = SkpResult.objects.create(
        skp=skp, kind="utama", text="Rencana hasil kerja utama", supports=supports,
        supports_goal=goal,
    )  # fmt: skip
    skp.indicator = SkpIndicator.objects.create(
        result=skp.result, aspect="kuantitas", text="Cakupan", target_value=90, target_unit="%"
    )
    if periods:
        for kind in ("q1", "annual"):
            SkpAssessment.objects.create(
                skp=skp, period=periods[kind], hasil_kerja="sesuai", perilaku_kerja="sesuai",
                predikat=predikat, reason="-", assessed_by=employee.supervisor or employee,
            )  # fmt: skip
    return skp


def build_performance_world(w: SimpleNamespace, *, year: int = YEAR) -> SimpleNamespace:
    """Adds periods, goals, SKPs, results, realisations, evidence, assessments, a follow-up and
    a check-in to the world `w` (once) and returns it.

    - `w.skp`: the ASN's SKP (in progress, atasan = the world's atasan) with `w.result`,
      `w.indicator`, `w.realisation`, `w.evidence`, `w.assessment` (annual, Butuh Perbaikan)
      and `w.follow_up`;
    - SKPs with assessments for the atasan, the ASN's peer, the teacher and the other
      government's employee, so every person appears in the cascade and the recaps.
    """
    if hasattr(w, "skp"):
        return w
    w.perf_year = year
    w.periods = _periods(w.prov, year)
    w.kota_periods = _periods(w.kota, year)
    w.goal = OrgGoal.objects.create(opd=w.dinkes, year=year, text="Derajat kesehatan naik")
    w.dikbud_goal = OrgGoal.objects.create(opd=w.dikbud, year=year, text="Mutu pendidikan naik")
    w.kota_goal = OrgGoal.objects.create(opd=w.kota_opd, year=year, text="Layanan adminduk")
    w.atasan_skp = _skp(w.atasan, year=year, status="in_progress", goal=w.goal,
                        periods=w.periods)  # fmt: skip
    w.skp = _skp(w.asn, year=year, status="in_progress", supports=w.atasan_skp.result,
                 periods=w.periods, predikat="butuh_perbaikan")  # fmt: skip
    w.result, w.indicator = w.skp.result, w.skp.indicator
    w.peer_skp = _skp(w.asn_peer, year=year, status="approved", supports=w.atasan_skp.result,
                      periods=w.periods)  # fmt: skip
    w.teacher_skp = _skp(w.teacher, year=year, status="in_progress", goal=w.dikbud_goal,
                         periods=w.periods)  # fmt: skip
    w.kota_skp = _skp(w.kota_employee, year=year, status="in_progress", goal=w.kota_goal,
                      periods=w.kota_periods)  # fmt: skip
    w.assessment = w.skp.assessments.get(period__kind="annual")
    w.follow_up = FollowUp.objects.create(
        assessment=w.assessment, kind="coaching", description="Pendampingan pencatatan"
    )
    w.realisation = SkpRealisation.objects.create(
        indicator=w.indicator, period=w.periods["q1"], value=45
    )
    w.evidence = Evidence(realisation=w.realisation, original_name="bukti.pdf", size=len(PDF))
    w.evidence.file.save("bukti.pdf", ContentFile(PDF), save=True)
    w.skp.check_ins.create(author=w.atasan, text="Dialog kinerja triwulan I")
    return w
