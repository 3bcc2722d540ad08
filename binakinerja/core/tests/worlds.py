"""One world with data in every app: the persona world (core/testing.py) with each app's test
world on top, for the tests that cross every app (import fuzzing, backup round trip)."""

from __future__ import annotations

from types import SimpleNamespace


def build_every_app_world() -> SimpleNamespace:
    """Performance, competencies, trainings, satisfaction, mentoring, programs, budgets and
    monitoring data on the persona world. The training world's program stays as
    `w.training_program` (the program world names its own `w.program`)."""
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.core.testing import build_world
    from binakinerja.mentoring.testing import build_mentoring_world
    from binakinerja.monitoring.testing import build_monitoring_world
    from binakinerja.performance.testing import build_performance_world
    from binakinerja.satisfaction.testing import build_survey_world
    from binakinerja.trainings.testing import build_training_world

    w = build_training_world(build_competency_world(build_performance_world(build_world())))
    w.training_program = w.program
    w = build_mentoring_world(build_survey_world(w))
    return build_monitoring_world(w)
