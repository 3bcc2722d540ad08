import pytest


@pytest.fixture
def survey(world):
    """The persona world plus service units, services and survey periods
    (binakinerja/satisfaction/testing.py)."""
    from binakinerja.satisfaction.testing import build_survey_world

    return build_survey_world(world)
