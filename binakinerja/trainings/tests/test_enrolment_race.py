"""Two agreements racing for the last seat on separate database connections end with exactly
one enrolled and one waitlisted: the seat is counted and taken under the batch row's lock.

PostgreSQL only, as performance/tests/test_skp_race.py: the SQLite test database is
shared-cache in memory, where a second writer fails at once with "table is locked" instead of
waiting, so the race cannot be staged there (SQLite serialises writers anyway)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from binakinerja.core.testing import build_world
from binakinerja.trainings import batches as services
from binakinerja.trainings import enrolment as workflow
from binakinerja.trainings.models import Enrolment
from binakinerja.trainings.testing import build_training_world


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks that wait")
@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_seat_end_with_one_enrolled_one_waitlisted():
    w = build_training_world(build_world())
    start = timezone.localdate() + dt.timedelta(days=20)
    batch = services.batch_create(actor=w.penyelenggara, program=w.program, name="Balapan",
                                  year=start.year, capacity=5, start=start, end=start)  # fmt: skip
    services.session_save(actor=w.penyelenggara, batch=batch, date=start, start_time=dt.time(8),
                          end_time=dt.time(12), place="Aula")  # fmt: skip
    services.quota_set(actor=w.penyelenggara, batch=batch, opd=w.dinkes, seats=1)
    batch.refresh_from_db()
    batch = services.batch_move(actor=w.penyelenggara, batch=batch, to="open",
                                version=batch.version)  # fmt: skip
    first, second = workflow.enrolment_nominate(
        actor=w.operator_a, batch=batch, opd=w.dinkes,
        nominees=[(w.asn, "Kesenjangan"), (w.asn_peer, "Kesenjangan")],
    )  # fmt: skip
    barrier = threading.Barrier(2)
    outcomes = []

    def agree(pk):
        try:
            mine = Enrolment.objects.select_related("employee__supervisor").get(pk=pk)
            barrier.wait(timeout=10)
            result = workflow.enrolment_decide(actor=w.atasan_user, enrolment=mine, agree=True,
                                               version=mine.version)  # fmt: skip
            outcomes.append(result.status)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(repr(error))
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=agree, args=(e.pk,)) for e in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["enrolled", "waitlisted"]
    statuses = sorted(batch.enrolments.values_list("status", flat=True))
    assert statuses == ["enrolled", "waitlisted"]
