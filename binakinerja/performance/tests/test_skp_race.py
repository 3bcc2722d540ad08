"""Two approvals racing on separate database connections end in exactly one transition.

PostgreSQL only: the SQLite test database is shared-cache in memory, where a second writer
fails at once with "table is locked" instead of waiting, so the race cannot be staged there
(the stale-version refusal itself is tested on both in test_skp_services.py)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import build_world
from binakinerja.performance.models import Skp
from binakinerja.performance.services import skp_create, skp_result_add, skp_transition

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "x"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks that wait")
@pytest.mark.django_db(transaction=True)
def test_two_racing_moves_end_in_exactly_one_transition():
    world = build_world()
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    seen_version = skp.version
    barrier = threading.Barrier(2)
    outcomes = []

    def act(action, comment):
        try:
            barrier.wait(timeout=10)
            mine = Skp.objects.select_related("employee", "atasan").get(pk=skp.pk)
            skp_transition(
                actor=world.atasan_user, skp=mine, action=action, version=seen_version,
                comment=comment,
            )  # fmt: skip
            outcomes.append(("moved", action))
        except ValidationError:
            outcomes.append(("refused", action))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(("error", repr(error)))
        finally:
            connection.close()  # each thread had its own connection

    threads = [
        threading.Thread(target=act, args=("approve", "")),
        threading.Thread(target=act, args=("return", "Perbaiki target")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(kind for kind, _action in outcomes) == ["moved", "refused"]
    winner = next(action for kind, action in outcomes if kind == "moved")
    final = Skp.objects.get(pk=skp.pk)
    assert final.status == {"approve": "approved", "return": "returned"}[winner]
    assert final.version == seen_version + 1
    moves = AuditLog.objects.filter(object_type="performance.skp", action="update")
    assert moves.count() == 2  # the submit and exactly one of the racing moves
