"""SIASN fixtures on top of the persona world: the performance world (an annual assessment for
every employee) and the training world (a JP record of the ASN), plus a structural training's
JP record and one earlier, accepted submission of the atasan's SKP result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from binakinerja.performance.testing import build_performance_world
from binakinerja.siasn.models import SiasnSubmission
from binakinerja.trainings.models import JpRecord
from binakinerja.trainings.testing import build_training_world


def build_siasn_world(w: SimpleNamespace) -> SimpleNamespace:
    if hasattr(w, "pkp_record"):
        return w
    build_performance_world(w)
    if not hasattr(w, "jp_record"):
        build_training_world(w)
    w.year = w.perf_year
    w.pkp_record = JpRecord.objects.create(
        employee=w.atasan, title="Pelatihan Kepemimpinan Pengawas (PKP) Angkatan II",
        institution_name="BPSDM Provinsi Gorontalo", form_code="KL01", jenis_diklat_id=1,
        start=dt.date(2026, 2, 2), end=dt.date(2026, 5, 29), year=2026, minutes=0,
        jp=Decimal(140), source=JpRecord.Source.IMPORTED, certificate_number="PKP/II/2026/07",
    )  # fmt: skip
    w.atasan_assessment = w.atasan_skp.assessments.get(period__kind="annual")
    w.sent_submission = SiasnSubmission.objects.create(
        kind="skp", assessment=w.atasan_assessment,
        reference=f"performance.skpassessment:{w.atasan_assessment.pk}", employee=w.atasan,
        year=w.year, payload={"tahun": w.year}, fingerprint="0" * 64, status="sent",
        siasn_id="b1e7c0de-0000-4000-8000-000000000001", answer="success", sent_by=w.admin,
    )  # fmt: skip
    return w
