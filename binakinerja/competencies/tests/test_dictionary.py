"""The data migration loads the regulation's dictionary: 8 manajerial + 1 sosial kultural
competencies, each with levels 1–5 and their behaviour indicators."""

import pytest
from django.db import IntegrityError

from binakinerja.competencies.models import Competency, CompetencyGroup, CompetencyLevel


@pytest.mark.django_db
def test_dictionary_is_loaded():
    groups = dict(
        (group, Competency.objects.filter(group=group).count())
        for group in (CompetencyGroup.MANAJERIAL, CompetencyGroup.SOSIAL_KULTURAL)
    )
    assert groups == {CompetencyGroup.MANAJERIAL: 8, CompetencyGroup.SOSIAL_KULTURAL: 1}
    integritas = Competency.objects.get(code="M1")
    assert integritas.name == "Integritas"
    levels = list(integritas.levels.values_list("level", flat=True))
    assert levels == [1, 2, 3, 4, 5]
    assert all(len(level.indicators) >= 3 for level in CompetencyLevel.objects.all())
    assert Competency.objects.get(code="SK1").name == "Perekat Bangsa"


@pytest.mark.django_db
def test_level_outside_1_to_5_is_refused_by_the_database():
    competency = Competency.objects.get(code="M1")
    with pytest.raises(IntegrityError):
        CompetencyLevel.objects.create(competency=competency, level=6, title="x")
