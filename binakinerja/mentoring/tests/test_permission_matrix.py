"""The mentoring views × every persona, as in core's permission matrix. `w` is the mentoring
world (binakinerja/mentoring/testing.py). POST rows send `payload(w)` (or {}).

Each area adds its rows under its heading."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission
from binakinerja.mentoring.tests.matrix_cycles import CYCLES_ROWS
from binakinerja.mentoring.tests.matrix_insight import INSIGHT_ROWS
from binakinerja.mentoring.tests.matrix_pairs import PAIRS_ROWS

# (label, url builder, method, {persona: expected status}, default, payload builder or None)
MATRIX = [
    # --- the start page (views/start.py): every signed-in role ---
    (
        "mentoring start",
        lambda w: reverse("mentoring:home"),
        "get",
        {"anonymous": LOGIN},
        200,
        None,
    ),  # fmt: skip
    # --- cycles, offers, conflicts (views/cycles.py) and the review (views/review.py) ---
    *CYCLES_ROWS,
    # --- working together (views/pairs.py) ---
    *PAIRS_ROWS,
    # --- aggregates and effectiveness (views/insight.py) ---
    *INSIGHT_ROWS,
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # session evidence files


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.mentoring.testing import build_mentoring_world

    return build_mentoring_world(build_competency_world(world))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
