"""The monitoring views × every persona, as in core's permission matrix. `w` is the program and
budget world with the province's rollups of this year (binakinerja/monitoring/testing.py).

Readers of a unit's dashboard: superadmin, admins and pimpinan of its government, operators of
the OPD (their own OPD only); admins recompute the figures."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

NOBODY_ELSE = {"anonymous": LOGIN}

MATRIX = [
    ("monitoring start", lambda w: reverse("monitoring:start"), "get",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302, "operator_b": 302,
      "pimpinan": 302}, 403, None),
    ("government dashboard", lambda w: reverse("monitoring:dashboard", args=[w.prov.pk, w.year]),
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "pimpinan": 200}, 404, None),
    ("government dashboard indicator",
     lambda w: reverse("monitoring:dashboard", args=[w.prov.pk, w.year]) + "?indikator=ikm",
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "pimpinan": 200}, 404, None),
    ("OPD dashboard", lambda w: reverse("monitoring:dashboard", args=[w.dinkes.pk, w.year]),
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "pimpinan": 200,
             "operator_a": 200}, 404, None),
    ("all governments", lambda w: reverse("monitoring:overview", args=[w.year]), "get",
     {**NOBODY_ELSE, "superadmin": 200}, 403, None),
    ("monitoring refresh", lambda w: reverse("monitoring:refresh", args=[w.prov.pk, w.year]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "pimpinan": 403}, 404, None),
    ("program impact", lambda w: reverse("monitoring:impact", args=[w.program.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200,
      "pimpinan": 200}, 404, None),
    ("program impact refresh", lambda w: reverse("monitoring:impact_refresh", args=[w.program.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 403,
              "operator_b": 403, "pimpinan": 403}, 404, None),
    ("monev report", lambda w: reverse("monitoring:monev", args=[w.dinkes.pk, w.year, 2]),
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 200}, 404, None),
    ("monev report pdf",
     lambda w: reverse("monitoring:monev", args=[w.dinkes.pk, w.year, 0]) + "?format=pdf",
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 200}, 404, None),
    ("monev report xlsx",
     lambda w: reverse("monitoring:monev", args=[w.prov.pk, w.year, 4]) + "?format=xlsx",
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "pimpinan": 200}, 404, None),
    ("monev report save", lambda w: reverse("monitoring:monev", args=[w.dinkes.pk, w.year, 2]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302,
              "pimpinan": 403}, 404,
     lambda w: {"analysis": "Capaian baik.", "obstacles": "Jaringan lambat.",
                "follow_up": "Pendampingan."}),
    ("warning rules", lambda w: reverse("monitoring:rules"), "get",
     {**NOBODY_ELSE, "superadmin": 200}, 403, None),
    ("warning rules save", lambda w: reverse("monitoring:rules"), "post",
     {**NOBODY_ELSE, "superadmin": 302}, 403,
     lambda w: {"rule": w.warning.rule_id, "threshold": "40", "from_month": "10",
                "active": "on"}),
    ("early warnings", lambda w: reverse("monitoring:warnings"), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200,
      "pimpinan": 200}, 403, None),
    # Dinas Pendidikan's warning: its operator and the admins dismiss it; pimpinan read it.
    ("early warning dismiss", lambda w: reverse("monitoring:warning_dismiss", args=[w.warning.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_b": 302,
              "pimpinan": 403}, 404, lambda w: {"reason": "Dialihkan"}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    from binakinerja.monitoring.testing import build_monitoring_world

    return build_monitoring_world(world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
