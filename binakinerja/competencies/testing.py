"""Competency fixtures on top of the persona world (binakinerja/core/testing.py).

Standards for the puskesmas positions (kepala: pengawas → level 2 on the 8 manajerial and
Perekat Bangsa; perawat: level 1), assessments of the atasan and the ASN (an older and a newer
one for the ASN's Integritas, to show that history is kept and the newest counts) and potentials.
"""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

from binakinerja.competencies.models import (
    AssessmentMethod,
    Competency,
    CompetencyAssessment,
    CompetencyGroup,
    PositionStandard,
    PotentialAssessment,
)
from binakinerja.competencies.services import assessments_mark_current


def ensure_dictionary() -> None:
    """Reload the regulation's dictionary when a transactional (browser) test before this one
    has flushed the tables its data migration filled."""
    if Competency.objects.filter(code="M1").exists():
        return
    from django.apps import apps

    migration = importlib.import_module("binakinerja.competencies.migrations.0002_load_dictionary")
    migration.load(apps, None)


def build_competency_world(w: SimpleNamespace) -> SimpleNamespace:
    ensure_dictionary()
    w.competencies = {c.code: c for c in Competency.objects.exclude(group=CompetencyGroup.TEKNIS)}
    w.teknis = Competency.objects.create(
        code="T-KEP-1", group=CompetencyGroup.TEKNIS, name="Asuhan Keperawatan",
        field="Kesehatan",
    )  # fmt: skip
    for competency in w.competencies.values():
        PositionStandard.objects.create(position=w.pos_kepala, competency=competency, level=2)
        PositionStandard.objects.create(position=w.pos_perawat, competency=competency, level=1)
    PositionStandard.objects.create(position=w.pos_perawat, competency=w.teknis, level=3)
    day = dt.date(2026, 3, 1)
    for code, competency in w.competencies.items():
        CompetencyAssessment.objects.create(
            employee=w.atasan, competency=competency, level=3 if code != "M8" else 1,
            assessed_on=day, method=AssessmentMethod.ASSESSMENT_CENTER, assessor="UPT Penilaian",
        )  # fmt: skip
    m1 = w.competencies["M1"]
    CompetencyAssessment.objects.create(
        employee=w.asn, competency=m1, level=2, assessed_on=dt.date(2024, 5, 1),
        method=AssessmentMethod.SUPERVISOR,
    )  # fmt: skip
    CompetencyAssessment.objects.create(
        employee=w.asn, competency=m1, level=1, assessed_on=dt.date(2026, 2, 1),
        method=AssessmentMethod.UJI_KOMPETENSI,
    )  # fmt: skip
    CompetencyAssessment.objects.create(
        employee=w.asn, competency=w.teknis, level=1, assessed_on=dt.date(2026, 2, 1),
        method=AssessmentMethod.UJI_KOMPETENSI,
    )  # fmt: skip
    assessments_mark_current(employee_ids=[w.atasan.pk, w.asn.pk])
    PotentialAssessment.objects.create(
        employee=w.atasan, potential="tinggi", score=82, assessed_on=day,
        method=AssessmentMethod.ASSESSMENT_CENTER,
    )  # fmt: skip
    PotentialAssessment.objects.create(
        employee=w.asn, potential="menengah", score=61, assessed_on=day,
        method=AssessmentMethod.ASSESSMENT_CENTER,
    )  # fmt: skip
    return w
