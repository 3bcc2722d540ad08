"""The competency views × every persona, as in core's permission matrix. `w` is the talent world
(binakinerja/competencies/testing.py). POST rows send `payload(w)` (or {})."""

import pytest
from django.urls import reverse

from binakinerja.core.tests.test_permission_matrix import LOGIN, PERSONAS

# (label, url builder, method, {persona: expected status}, default, payload builder or None)
MATRIX = [
    # --- views_assessments.py rows ---
    # --- end views_assessments.py rows ---
    # --- views_talent.py rows ---
    # --- end views_talent.py rows ---
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("label", "url", "method", "expected", "default", "payload"),
    MATRIX,
    ids=[row[0] for row in MATRIX],
)
def test_competency_permission_matrix(
    talent, client, persona, label, url, method, expected, default, payload
):
    if persona != "anonymous":
        client.force_login(getattr(talent, persona))
    target = url(talent)
    if method == "post":
        response = client.post(target, payload(talent) if payload else {})
    else:
        response = client.get(target)
    want = expected.get(persona, default)
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == want, (label, persona, response.status_code)
