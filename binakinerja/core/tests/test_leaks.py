"""No page, fragment or export shows a person outside the reader's personal reach
(SECURITY.md: "aggregate roles never get person rows").

For every row of every permission matrix (binakinerja/core/tests/matrices.py) and every
persona, the response (HTML, CSV, the cells of an XLSX, the text of a PDF) contains no NIP and
no name of an employee outside `Employee.objects.visible_to(user)`. The world has an SKP with
results, assessments, a realisation and evidence for every employee
(binakinerja/performance/testing.py), so a page that lists people shows them if it leaks.

Two allowances: the reader's own supervisor (their pejabat penilai, named with NIP on the SKP
form and in the dialog kinerja) is known to them although not in their reach; and a matrix's
documented second door (`matrices.EXTRA_REACH`: a training institution's staff see the
participants of its batches). A row may name a person to everyone by design, with its reason
(`matrices.NAMED_BY_DESIGN`: a certificate's public verification page shows its holder's name
— and the test still checks that it shows nobody else, and no NIP of anyone).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from binakinerja.core.testing import PERSONAS, response_text
from binakinerja.core.tests.matrices import (
    EXTRA_REACH,
    NAMED_BY_DESIGN,
    build_matrix_world,
    matrix_rows,
)
from binakinerja.people.models import Employee
from binakinerja.performance.testing import build_performance_world

ROWS = matrix_rows()


def outside_reach(user, matrix: str = "") -> dict[str, list[str]]:
    """The NIPs (plain and grouped) and names of everyone `user` may not read, by name."""
    user = user or AnonymousUser()
    reach = set(Employee.objects.visible_to(user).values_list("pk", flat=True))
    if matrix in EXTRA_REACH and user.is_authenticated:
        reach |= EXTRA_REACH[matrix](user)
    own = Employee.objects.filter(user=user).first() if user.is_authenticated else None
    if own and own.supervisor_id:
        reach.add(own.supervisor_id)
    return {e.name: [e.nip, e.nip_grouped, e.name] for e in Employee.objects.exclude(pk__in=reach)}


def leaks(text: str, hidden: dict[str, list[str]]) -> list[str]:
    return sorted(name for name, marks in hidden.items() if any(m in text for m in marks))


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_no_response_names_a_person_outside_the_readers_reach(world, client, settings, tmp_path,
                                                              row):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    w = build_matrix_world(row.matrix, world)
    build_performance_world(w)
    found = {}
    for persona in PERSONAS:
        client.logout()
        user = None if persona == "anonymous" else getattr(w, persona)
        if user is not None:
            client.force_login(user)
        hidden = outside_reach(user, row.matrix)
        target = row.url(w)
        if row.id in NAMED_BY_DESIGN:
            shown = Employee.objects.filter(pk__in=NAMED_BY_DESIGN[row.id](w))
            for employee in shown:  # the name may show, the NIP still may not
                if employee.name in hidden:
                    hidden[employee.name] = [employee.nip, employee.nip_grouped]
        if row.method == "post":
            response = client.post(target, row.payload(w) if row.payload else {})
        else:
            response = client.get(target)
        if named := leaks(response_text(response), hidden):
            found[persona] = named
    assert not found, (row.id, found)
