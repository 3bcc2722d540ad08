import pytest


@pytest.fixture
def talent(world):
    """The persona world plus standards, assessments and potentials
    (binakinerja/competencies/testing.py)."""
    from binakinerja.competencies.testing import build_competency_world

    return build_competency_world(world)
