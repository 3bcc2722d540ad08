"""Permission-matrix rows of the certificates (views/certificates.py) and the public
verification page; the app's one matrix (test_permission_matrix.py) lists them under its
heading. Here the ASN (Dinkes puskesmas) completed the world's batch of BPSDM Provinsi
Gorontalo (the penyelenggara's institution) and holds an issued certificate; the teacher
(Dikbud) has a draft. Runners: superadmin, admin BKPSDM, penyelenggara."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

ANON = {"anonymous": LOGIN}
RUNNERS = {**ANON, "superadmin": 200, "admin": 200, "penyelenggara": 200}
RUNNERS_POST = {**ANON, "superadmin": 302, "admin": 302, "penyelenggara": 302}
# The ASN's enrolment is visible through the registry (themself, atasan, operator and admin
# in scope) and to the institution's staff; pimpinan reads aggregates only.
SEES_ASN = {**RUNNERS, "operator_a": 200, "atasan_user": 200, "asn_user": 200}
EVERYONE = {"anonymous": 200}


def _certificate(w, which: str):
    """The ASN's issued certificate ("issued") or the teacher's draft ("draft"), made once per
    world."""
    from binakinerja.trainings.models import Certificate, Enrolment

    cache = w.__dict__.setdefault("_certificates", {})
    if not cache:
        Enrolment.objects.filter(pk__in=[w.enrolment.pk, w.teacher_enrolment.pk]).update(
            status=Enrolment.Status.COMPLETED
        )
        cache["issued"] = Certificate.objects.create(
            enrolment=w.enrolment, number="BPSDM-PG/2026/0001", status=Certificate.Status.ISSUED,
            result="Lulus", signer_1="Dr. Hamid Kuna|196805121994031007|Kepala BPSDM",
        )  # fmt: skip
        from django.utils import timezone

        Certificate.objects.filter(pk=cache["issued"].pk).update(issued_at=timezone.now())
        cache["draft"] = Certificate.objects.create(
            enrolment=w.teacher_enrolment, number="BPSDM-PG/2026/0002", result="Lulus",
            signer_1="Dr. Hamid Kuna|196805121994031007|Kepala BPSDM",
        )  # fmt: skip
    return cache[which]


def _signers(w):
    return {"signer_1_name": "Dr. Hamid Kuna", "signer_1_nip": "196805121994031007",
            "signer_1_position": "Kepala BPSDM Provinsi Gorontalo"}  # fmt: skip


def _url(name, *args):
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


CERTIFICATE_ROWS = [
    # The reader's own certificates: everyone signed in (an empty list without an employee).
    ("my certificates", _url("trainings:certificate_mine"), "get",
     {"anonymous": LOGIN}, 200, None),
    # Every certificate the reader works on: managers and institution staff; others 403.
    ("certificate list", _url("trainings:certificate_list"), "get", RUNNERS, 403, None),
    # A batch's certificates: visible batch, but only those who run it (403 otherwise).
    ("batch certificates", _url("trainings:batch_certificates", lambda w: w.batch.pk), "get",
     RUNNERS, 403, None),
    ("batch certificates create", _url("trainings:batch_certificates_create",
                                       lambda w: w.batch.pk), "post",
     RUNNERS_POST, 403, _signers),
    ("batch certificates issue", _url("trainings:batch_certificates_issue",
                                      lambda w: w.batch.pk), "post",
     RUNNERS_POST, 403, None),
    # Download: an issued certificate for whoever sees the enrolment; others 404.
    ("certificate download issued", _url("trainings:certificate_download",
                                         lambda w: _certificate(w, "issued").pk), "get",
     SEES_ASN, 404, None),
    # A draft exists only for those who run the batch (the teacher's operator sees 404 too).
    ("certificate download draft", _url("trainings:certificate_download",
                                        lambda w: _certificate(w, "draft").pk), "get",
     RUNNERS, 404, None),
    # Revoke: runners; those who see the enrolment but do not run the batch 403; others 404.
    ("certificate revoke", _url("trainings:certificate_revoke",
                                lambda w: _certificate(w, "issued").pk), "post",
     {**RUNNERS_POST, "operator_a": 403, "atasan_user": 403, "asn_user": 403}, 404,
     lambda w: {"reason": "Salah data"}),
    # Public verification (no login): an issued certificate for anyone, an unknown code 404.
    ("certificate verify", _url("certificates:verify", lambda w: _certificate(w, "issued").code),
     "get", EVERYONE, 200, None),
    ("certificate verify draft", _url("certificates:verify",
                                      lambda w: _certificate(w, "draft").code), "get",
     {}, 404, None),
    ("certificate verify unknown", _url("certificates:verify", "tidak-dikenal"), "get",
     {}, 404, None),
]  # fmt: skip
