"""Budget fixtures on top of the persona world (binakinerja/core/testing.py): the province's
budget of this year with a line of BKPSDM-like spending at Dinas Kesehatan (pagu 10.000.000;
a realisation of 4.000.000 with its document and one of 1.000.000 without), a line at Dinas
Pendidikan (pagu 5.000.000), the year's total spending (2.000.000.000, so the 15.000.000 of
pagu is 0,75%), and an entry above a small line's pagu posted with an override."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from binakinerja.budgets import services

PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "kuitansi.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def build_budget_world(w: SimpleNamespace) -> SimpleNamespace:
    today = timezone.localdate()
    w.year = today.year
    w.spent_on = today - dt.timedelta(days=1) if today.timetuple().tm_yday > 1 else today
    w.line = services.line_create(
        actor=w.admin, instansi=w.prov, year=w.year, opd=w.dinkes, kegiatan_code="5.04.02.1.01",
        sub_kegiatan_code="5.04.02.1.01.0001", rekening_code="5.1.02.02.12",
        name="Pelatihan teknis tenaga kesehatan", pagu="10.000.000",
        source_document=f"DPA Dinas Kesehatan {w.year}",
    )  # fmt: skip
    w.entry = services.realisation_post(
        actor=w.operator_a, line=w.line, date=w.spent_on, amount="4.000.000",
        description="Honor narasumber", document=pdf(),
    )  # fmt: skip
    w.undocumented = services.realisation_post(
        actor=w.operator_a, line=w.line, date=w.spent_on, amount="1.000.000",
        description="Konsumsi peserta",
    )  # fmt: skip
    w.line_b = services.line_create(
        actor=w.admin, instansi=w.prov, year=w.year, opd=w.dikbud, kegiatan_code="5.04.02.1.02",
        rekening_code="5.1.02.02.12", name="Bimtek kepala sekolah", pagu="5.000.000",
        source_document=f"DPA Dinas Pendidikan {w.year}",
    )  # fmt: skip
    w.small = services.line_create(
        actor=w.admin, instansi=w.prov, year=w.year, opd=w.dinkes, kegiatan_code="5.04.02.1.01",
        rekening_code="5.1.02.02.12", name="Sosialisasi program", pagu="500.000",
        source_document=f"DPA Dinas Kesehatan {w.year}",
    )  # fmt: skip
    w.override = services.realisation_post(
        actor=w.operator_a, line=w.small, date=w.spent_on, amount="600.000",
        description="Cetak materi", document=pdf("nota.pdf"),
        override_reason="Peserta bertambah atas arahan kepala dinas",
    )  # fmt: skip
    w.budget_year = services.year_save(
        actor=w.admin, instansi=w.prov, year=w.year, total_spending="2.000.000.000",
        spending_source=f"Perda APBD {w.year}", publish=True,
    )  # fmt: skip
    for item in (w.line, w.line_b, w.small):
        item.refresh_from_db()
    return w
