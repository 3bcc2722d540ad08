"""Every permission matrix of the project in one list, with the world each one needs, for the
URL-coverage test (every URL name is in a matrix) and the leak test (no page shows a person
outside the reader's personal reach). A new matrix file is added here."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import SimpleNamespace


def _core_world(w):
    from binakinerja.performance.testing import build_performance_world

    return build_performance_world(w)


def _survey_world(w):
    from binakinerja.satisfaction.testing import build_survey_world

    return build_survey_world(w)


def _talent_world(w):
    from binakinerja.competencies.testing import build_competency_world

    return build_competency_world(w)


def _training_world(w):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    return build_training_world(build_competency_world(w))


def _mentoring_world(w):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.mentoring.testing import build_mentoring_world

    return build_mentoring_world(build_competency_world(w))


def _program_world(w):
    from binakinerja.programs.testing import build_program_world

    return build_program_world(w)


def _budget_world(w):
    from binakinerja.budgets.testing import build_budget_world

    return build_budget_world(w)


def _siasn_world(w):
    from binakinerja.siasn.testing import build_siasn_world

    return build_siasn_world(w)


def _monitoring_world(w):
    from binakinerja.monitoring.testing import build_monitoring_world

    return build_monitoring_world(w)


def _accounts_world(w):
    from binakinerja.accounts.tests.test_permission_matrix import build_accounts_world

    return build_accounts_world(w)


def _api_world(w):
    from binakinerja.api.testing import build_api_world

    return build_api_world(w)


def _signature_world(w):
    from binakinerja.signatures.testing import build_signature_world

    return build_signature_world(w)


def _pdp_world(w):
    from binakinerja.pdp.testing import build_pdp_world

    return build_pdp_world(w)


# (short name, matrix module, what the module's fixture adds to the persona world)
MATRICES = [
    ("core", "binakinerja.core.tests.test_permission_matrix", _core_world),
    ("accounts", "binakinerja.accounts.tests.test_permission_matrix", _accounts_world),
    ("satisfaction", "binakinerja.satisfaction.tests.test_permission_matrix", _survey_world),
    ("competencies", "binakinerja.competencies.tests.test_permission_matrix", _talent_world),
    ("trainings", "binakinerja.trainings.tests.test_permission_matrix", _training_world),
    ("mentoring", "binakinerja.mentoring.tests.test_permission_matrix", _mentoring_world),
    ("programs", "binakinerja.programs.tests.test_permission_matrix", _program_world),
    ("budgets", "binakinerja.budgets.tests.test_permission_matrix", _budget_world),
    ("monitoring", "binakinerja.monitoring.tests.test_permission_matrix", _monitoring_world),
    ("pdp", "binakinerja.pdp.tests.test_permission_matrix", _pdp_world),
    ("signatures", "binakinerja.signatures.tests.test_permission_matrix", _signature_world),
    ("api", "binakinerja.api.tests.test_permission_matrix", _api_world),
    ("siasn", "binakinerja.siasn.tests.test_permission_matrix", _siasn_world),
]


@dataclass(frozen=True)
class Row:
    matrix: str
    label: str
    url: object  # world -> str
    method: str
    expected: dict
    default: object
    payload: object  # world -> dict, or None

    @property
    def id(self) -> str:
        return f"{self.matrix}:{self.label}"


def matrix_rows() -> list[Row]:
    """Every row of every matrix. A row without a payload column sends the module's
    `edit_payload` (core's POST rows)."""
    rows = []
    for name, module_path, _build in MATRICES:
        module = importlib.import_module(module_path)
        for row in module.MATRIX:
            label, url, method, expected, default = row[:5]
            if len(row) > 5:
                payload = row[5]
            else:
                payload = getattr(module, "edit_payload", None) if method == "post" else None
            rows.append(Row(name, label, url, method, expected, default, payload))
    return rows


def _training_reach(user) -> set[int]:
    """Trainings' second door (trainings/selectors.py): the staff of an institution see the
    participants of its batches, though those people are outside their registry reach."""
    from binakinerja.trainings.selectors import enrolments_visible_to

    return set(enrolments_visible_to(user).values_list("employee_id", flat=True))


def _mentoring_reach(user) -> set[int]:
    """Mentoring's second door (mentoring/selectors.py): both sides of one's pairs, and the
    mentors who offered in a cycle one coordinates."""
    from binakinerja.mentoring.selectors import persons_reachable

    return persons_reachable(user)


# Per matrix, people a reader may see beyond `Employee.objects.visible_to` (leak test).
EXTRA_REACH = {"trainings": _training_reach, "mentoring": _mentoring_reach}

# Rows whose page names a person to anyone by design, each with its reason (leak test):
# row id → the employee ids it may name.
NAMED_BY_DESIGN = {
    # The public verification page of a certificate shows its holder's name (issue 13: "only
    # name, program, dates and valid / revoked"), nothing else about them.
    "trainings:certificate verify": lambda w: {w.enrolment.employee_id},
    # The public page of an electronic signature names who signed (issue 18: "shows who
    # signed and when"), never their NIP; the world's signed copy is signed by the atasan.
    "signatures:signature verification": lambda w: {w.atasan.pk},
}


def build_matrix_world(matrix: str, world: SimpleNamespace) -> SimpleNamespace:
    """The persona world extended as `matrix`'s own fixture extends it."""
    return next(build for name, _m, build in MATRICES if name == matrix)(world)
