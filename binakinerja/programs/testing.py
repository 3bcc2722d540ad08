"""Program fixtures on top of the persona world (binakinerja/core/testing.py): a running
program of the province coordinated by `admin_prov`, phase 1 with Dinas Kesehatan (in
socialisation; its puskesmas holds the personas `atasan` and `asn`) and phase 2 with Dinas
Pendidikan (not started); a socialisation at Dinas Kesehatan attended by the ASN, with one
question; the ASN's readiness answers; a support action owned by `operator_dinkes`; a
coordination case between the two OPDs."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from binakinerja.programs import services
from binakinerja.programs.models import PhaseUnit, Program


def build_program_world(w: SimpleNamespace) -> SimpleNamespace:
    today = timezone.localdate()
    w.program = services.program_create(
        actor=w.admin, instansi=w.prov, name="Program Pembinaan ASN Berbasis Kinerja",
        start_year=today.year, end_year=today.year + 2, objectives="Layanan publik lebih baik.",
    )  # fmt: skip
    w.phase1 = services.phase_save(
        actor=w.admin, program=w.program, number=1, start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=300), units=[w.dinkes],
        partners=[{"name": "BPSDM Provinsi Gorontalo", "role": "pelatihan"}],
    )  # fmt: skip
    w.phase2 = services.phase_save(
        actor=w.admin, program=w.program, number=2, start=today + dt.timedelta(days=200),
        end=today + dt.timedelta(days=500), units=[w.dikbud],
    )  # fmt: skip
    Program.objects.filter(pk=w.program.pk).update(status=Program.Status.RUNNING)
    w.program.refresh_from_db()
    w.dinkes_unit = PhaseUnit.objects.get(program=w.program, unit=w.dinkes)
    w.dikbud_unit = PhaseUnit.objects.get(program=w.program, unit=w.dikbud)
    services.unit_status_set(
        actor=w.admin,
        phase_unit=w.dinkes_unit,
        status="socialisation",
        on=today - dt.timedelta(days=20),
        version=w.dinkes_unit.version,
    )
    w.dinkes_unit.refresh_from_db()
    w.event = services.event_create(
        actor=w.operator_a, program=w.program, unit=w.dinkes, date=today - dt.timedelta(days=10),
        title="Sosialisasi Program di Dinas Kesehatan", place="Aula Dinkes",
    )  # fmt: skip
    services.attendance_record(actor=w.operator_a, event=w.event, nips=[w.asn.nip])
    w.question = services.question_add(actor=w.operator_a, event=w.event,
                                       question="Apakah JP mentoring dihitung?")  # fmt: skip
    items = list(w.program.items.all())
    w.response = services.readiness_answer(
        actor=w.asn_user, program=w.program,
        answers={item.pk: (2 if item.dimension == "desire" else 4) for item in items},
    )  # fmt: skip
    w.action = services.action_create(
        actor=w.admin, program=w.program, unit=w.dinkes, kind="pendampingan",
        description="Pendampingan kepala puskesmas.", owner=w.operator_a,
        due=today + dt.timedelta(days=14), signal="barrier",
    )  # fmt: skip
    w.case = services.case_create(
        actor=w.operator_a, program=w.program, title="Rujukan data kesehatan siswa",
        agencies=[w.dinkes, w.dikbud], raised_on=today - dt.timedelta(days=5),
    )  # fmt: skip
    w.indicator = w.program.indicators.first()
    w.entered = services.indicator_save(
        actor=w.admin, program=w.program, level="output", name="Dokumen SOP baru",
        source="entered", unit_label="dokumen", targets={today.year: 5},
    )  # fmt: skip
    return w
