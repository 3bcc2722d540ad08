"""Training fixtures on top of the persona world (binakinerja/core/testing.py): the persona
`penyelenggara` works for "BPSDM Provinsi Gorontalo"; a second institution's program shows what
that staff may not touch. An approved program (KL03, two modules), a draft of each institution,
an open batch with two sessions and a Dinkes quota, the ASN enrolled, the teacher (Dikbud)
nominated; a JP record of the ASN."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from binakinerja.trainings.models import (
    Batch,
    BatchQuota,
    Enrolment,
    Facilitator,
    Institution,
    JpRecord,
    Module,
    Program,
    Session,
)


def build_training_world(w: SimpleNamespace) -> SimpleNamespace:
    w.bpsdm = Institution.objects.create(name="BPSDM Provinsi Gorontalo", kind="bpsdm",
                                         accreditation="A")  # fmt: skip
    w.ung = Institution.objects.create(name="Universitas Negeri Gorontalo", kind="university")
    w.program = Program.objects.create(
        institution=w.bpsdm, title="Pelayanan Prima Puskesmas", form_code="KL03",
        jenis_diklat_id=3, status=Program.Status.APPROVED, pass_mark=Decimal(70),
        objectives="Meningkatkan mutu pelayanan", audience="Perawat dan bidan",
    )  # fmt: skip
    w.module_1 = Module.objects.create(program=w.program, order=1, name="Standar Pelayanan", jp=8)
    w.module_2 = Module.objects.create(program=w.program, order=2, name="Komunikasi", jp=8)
    w.draft = Program.objects.create(institution=w.bpsdm, title="Draf Manajemen Data",
                                     form_code="KL10", jenis_diklat_id=8)  # fmt: skip
    w.other_draft = Program.objects.create(institution=w.ung, title="Draf Statistik Terapan",
                                           form_code="KL08", jenis_diklat_id=11)  # fmt: skip
    w.facilitator = Facilitator.objects.create(institution=w.bpsdm, name="Dr. Hamzah Ali")
    w.batch = Batch.objects.create(
        program=w.program, name="Angkatan I 2026", year=2026, capacity=30,
        place="Aula BPSDM", start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 3),
        status=Batch.Status.OPEN,
    )  # fmt: skip
    w.batch.facilitators.add(w.facilitator)
    BatchQuota.objects.create(batch=w.batch, opd=w.dinkes, seats=10)
    w.session_1 = Session.objects.create(
        batch=w.batch, date=dt.date(2026, 3, 2), start_time=dt.time(8), end_time=dt.time(12),
        place="Aula BPSDM", module=w.module_1, facilitator=w.facilitator,
    )  # fmt: skip
    w.session_2 = Session.objects.create(
        batch=w.batch, date=dt.date(2026, 3, 3), start_time=dt.time(8), end_time=dt.time(12),
        place="Aula BPSDM", module=w.module_2, facilitator=w.facilitator,
    )  # fmt: skip
    w.enrolment = Enrolment.objects.create(
        batch=w.batch, employee=w.asn, status=Enrolment.Status.ENROLLED,
        reason="Kesenjangan Pelayanan Publik 1 level",
    )  # fmt: skip
    w.teacher_enrolment = Enrolment.objects.create(batch=w.batch, employee=w.teacher)
    w.jp_record = JpRecord.objects.create(
        employee=w.asn, title="Webinar Gizi Anak", institution_name="Kemenkes", form_code="KL06",
        jenis_diklat_id=9, start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 1), year=2026,
        minutes=180, jp=Decimal(4), source=JpRecord.Source.IMPORTED,
    )  # fmt: skip
    return w
