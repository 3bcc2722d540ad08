"""The signatures world for tests and the permission matrix: the local signer's demo
certificate (made once per test session in the session's SIGNING_LOCAL_DIR, a temporary
folder: see the root conftest), the performance world (an SKP whose pejabat penilai is the
world's atasan, with an annual assessment), the training world with an issued certificate
naming the atasan as its signer, and a monev report of Dinas Kesehatan."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone

from binakinerja.signatures.demo_ca import DemoFiles, make_demo_ca
from binakinerja.signatures.models import SignedDocument

TEST_PASSPHRASE = "rahasia-uji-123"  # noqa: S105 - the throwaway test certificate


def ensure_test_certificate() -> DemoFiles:
    folder = Path(settings.SIGNING_LOCAL_DIR)
    files = DemoFiles(folder)
    if not files.exist():
        make_demo_ca(folder, passphrase=TEST_PASSPHRASE)
    return files


def build_signature_world(w: SimpleNamespace) -> SimpleNamespace:
    from binakinerja.monitoring.models import MonevReport
    from binakinerja.performance.testing import build_performance_world
    from binakinerja.trainings.models import Certificate, Enrolment
    from binakinerja.trainings.rules import signer_text
    from binakinerja.trainings.testing import build_training_world

    if hasattr(w, "certificate"):
        return w
    ensure_test_certificate()
    build_performance_world(w)
    if not hasattr(w, "batch"):
        build_training_world(w)
    Enrolment.objects.filter(pk=w.enrolment.pk).update(status=Enrolment.Status.COMPLETED)
    atasan = w.atasan
    w.certificate = Certificate.objects.create(
        enrolment=w.enrolment, number="BPSDMPG/2026/0001", status=Certificate.Status.ISSUED,
        result="Lulus", issued_at=timezone.now(),
        signer_1=signer_text(atasan.full_name, atasan.nip, "Kepala BPSDM Provinsi Gorontalo"),
        identity={"nama": w.asn.full_name, "nip": w.asn.nip_grouped},
    )  # fmt: skip
    w.signed = SignedDocument.objects.create(
        kind=SignedDocument.Kind.SKP, object_id=w.peer_skp.pk, object_version="0",
        title=f"SKP {w.peer_skp.year}", signer=w.atasan_user, signer_name=atasan.full_name,
        signer_position="Kepala Puskesmas", code="kodeujipublik1234", sha256="0" * 64,
        backend="local", file="signed/tidak-ada.pdf",
    )  # fmt: skip
    w.monev = MonevReport.objects.create(unit=w.dinkes, year=w.perf_year, quarter=2,
                                         analysis="Capaian baik.", updated_by=w.admin)  # fmt: skip
    return w
