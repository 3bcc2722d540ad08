"""PDP fixtures on top of the persona world with its SKPs (binakinerja/performance/testing.py):
the ASN's open request, a request of the other government's employee (recorded on paper), and
a breach of each government, the province's naming the ASN."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from binakinerja.pdp.models import CLOCK, Breach, SubjectRequest


def build_pdp_world(w: SimpleNamespace) -> SimpleNamespace:
    from binakinerja.performance.testing import build_performance_world

    build_performance_world(w)
    now = timezone.now()
    w.pdp_request = SubjectRequest.objects.create(
        employee=w.asn, kind="correction", details="Tanggal lahir saya salah",
        channel="online", received_at=now, deadline=now + CLOCK, filed_by=w.asn_user,
    )  # fmt: skip
    w.kota_request = SubjectRequest.objects.create(
        employee=w.kota_employee, kind="access", details="Minta salinan data",
        channel="paper", received_at=now, deadline=now + CLOCK, filed_by=w.superadmin,
    )  # fmt: skip
    w.breach = Breach.objects.create(
        instansi=w.prov, discovered_at=now, deadline=now + CLOCK, affected_count=1,
        description="Laptop berisi ekspor hilang", categories=["identity"],
        measures="Kata sandi diganti", recorded_by=w.admin,
    )  # fmt: skip
    w.breach.affected.add(w.asn)
    w.kota_breach = Breach.objects.create(
        instansi=w.kota, discovered_at=now, deadline=now + CLOCK, affected_count=3,
        description="Surel salah kirim", categories=["employment"], measures="Ditarik",
        recorded_by=w.superadmin,
    )  # fmt: skip
    return w
