"""Mentoring fixtures on top of the persona world (binakinerja/core/testing.py): the persona
`mentor` gets an ASN record at Dinas Kesehatan; a running cycle of the province coordinated by
`admin_prov`; the mentor offers 3 places; an active pair mentor → the ASN (Siti, persona `asn`)
and a proposed pair mentor → her peer (no login)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from binakinerja.core.testing import make_employee
from binakinerja.mentoring.models import MentoringCycle, MentorOffer, Pair


def build_mentoring_world(w: SimpleNamespace) -> SimpleNamespace:
    w.mentor_employee = make_employee(w.dinkes, "Hendra Katili", golongan="IV/a", user=w.mentor)
    # Dates follow today so that "not in the future, not before the cycle" holds on any day.
    today = timezone.localdate()
    w.cycle = MentoringCycle.objects.create(
        instansi=w.prov, year=today.year, name="Mentoring Provinsi", coordinator=w.admin,
        start=today - dt.timedelta(days=60), end=today + dt.timedelta(days=120),
        status=MentoringCycle.Status.RUNNING,
    )  # fmt: skip
    w.offer = MentorOffer.objects.create(cycle=w.cycle, mentor=w.mentor_employee, capacity=3)
    now = timezone.now()
    w.pair = Pair.objects.create(
        cycle=w.cycle, mentor=w.mentor_employee, mentee=w.asn, status=Pair.Status.ACTIVE,
        score=Decimal("0.820"), score_parts={"coverage": 0.6, "same_field": 0.2},
        mentor_accepted_at=now, mentee_accepted_at=now,
    )  # fmt: skip
    w.proposed_pair = Pair.objects.create(
        cycle=w.cycle, mentor=w.mentor_employee, mentee=w.asn_peer, score=Decimal("0.5")
    )
    return w
