"""The survey views × every persona, as in core's permission matrix: anonymous → login (except
the public pages), outside the scope → 404, read-only → 403 on writes, manager → OK.

`w` is the survey world (binakinerja/satisfaction/testing.py): su_puskesmas is Dinas Kesehatan's
(operator_a), su_sekolah Dinas Pendidikan's (operator_b), su_dukcapil the other government's.
POST rows send `payload(w)` (or {}), which may be invalid: a refused form still answers 200."""

import pytest
from django.urls import reverse

from binakinerja.core.tests.test_permission_matrix import LOGIN, PERSONAS

MANAGERS = {"superadmin": 200, "admin": 200, "operator_a": 200}

# (label, url builder, method, {persona: expected status}, default, payload builder or None)
MATRIX = [
    # --- views.py rows ---
    # --- end views.py rows ---
    # --- views_public.py rows ---
    # --- end views_public.py rows ---
    # --- views_results.py rows ---
    # --- end views_results.py rows ---
    # --- views_service_time.py rows ---
    # --- end views_service_time.py rows ---
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("label", "url", "method", "expected", "default", "payload"),
    MATRIX,
    ids=[row[0] for row in MATRIX],
)
def test_survey_permission_matrix(
    survey, client, persona, label, url, method, expected, default, payload
):
    if persona != "anonymous":
        client.force_login(getattr(survey, persona))
    target = url(survey)
    if method == "post":
        response = client.post(target, payload(survey) if payload else {})
    else:
        response = client.get(target)
    want = expected.get(persona, default)
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want, (label, persona, response.status_code)
