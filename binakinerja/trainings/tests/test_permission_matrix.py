"""The trainings views × every persona, as in core's permission matrix. `w` is the training
world (binakinerja/trainings/testing.py). POST rows send `payload(w)` (or {}).

Each area adds its rows under its heading."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission
from binakinerja.trainings.tests.matrix_attendance import ATTENDANCE_ROWS
from binakinerja.trainings.tests.matrix_batches import BATCH_ROWS
from binakinerja.trainings.tests.matrix_certificates import CERTIFICATE_ROWS
from binakinerja.trainings.tests.matrix_ledger import LEDGER_ROWS
from binakinerja.trainings.tests.matrix_programs import PROGRAM_ROWS

# (label, url builder, method, {persona: expected status}, default, payload builder or None)
MATRIX = [
    # --- the start page (views/start.py): every signed-in role ---
    (
        "trainings start",
        lambda w: reverse("trainings:home"),
        "get",
        {"anonymous": LOGIN},
        200,
        None,
    ),
    # --- institutions and programs (views/programs.py) ---
    *PROGRAM_ROWS,
    # --- batches, nomination and enrolment (views/batches.py) ---
    *BATCH_ROWS,
    # --- attendance and evaluation (views/attendance.py, views/evaluation.py) ---
    *ATTENDANCE_ROWS,
    # --- JP ledger, 20 JP and SIASN (views/ledger.py) ---
    *LEDGER_ROWS,
    # --- certificates (views/certificates.py; the public verification page) ---
    *CERTIFICATE_ROWS,
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # evidence files of outside activities


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    return build_training_world(build_competency_world(world))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
