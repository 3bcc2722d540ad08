"""PDF documents of an SKP: the plan (SKP) and the assessment (evaluasi kinerja), laid out like
the forms of PermenPANRB 6/2022 with the government's letterhead, names and NIPs. reportlab
builds them in pure Python, so the intranet server needs no extra system libraries."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from binakinerja.core.pdf import para
from binakinerja.organizations.models import OrgUnit

STYLES = getSampleStyleSheet()
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)


def _p(text):
    return para(text, STYLES["BodyText"])


def _people_table(skp) -> Table:
    employee, atasan = skp.employee, skp.atasan
    rows = [
        ["", "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA"],
        ["Nama", employee.full_name, atasan.full_name if atasan else "-"],
        ["NIP", employee.nip_grouped, atasan.nip_grouped if atasan else "-"],
        ["Pangkat/Gol.", employee.get_golongan_display() or "-",
         (atasan.get_golongan_display() or "-") if atasan else "-"],
        ["Jabatan", employee.position.name if employee.position else "-",
         atasan.position.name if atasan and atasan.position else "-"],
        ["Unit kerja", employee.unit.name, atasan.unit.name if atasan else "-"],
    ]  # fmt: skip
    table = Table([[_p(c) for c in row] for row in rows], colWidths=[30 * mm, 70 * mm, 70 * mm])
    table.setStyle(GRID)
    return table


def _letterhead(skp, title: str) -> list:
    instansi = OrgUnit.objects.filter(path=skp.employee.unit.instansi_path).first()
    return [
        para(instansi.name if instansi else "", STYLES["Title"], upper=True),
        para(title, STYLES["Heading2"]),
        para(f"Periode penilaian: 1 Januari – 31 Desember {skp.year}", STYLES["BodyText"]),
        Spacer(1, 4 * mm),
    ]


def _build(story) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, invariant=True)  # fmt: skip
    doc.build(story)
    return buffer.getvalue()


def skp_pdf(skp) -> bytes:
    """SASARAN KINERJA PEGAWAI: people, hasil kerja with indicators and targets, perilaku kerja
    with the supervisor's expectations."""
    story = _letterhead(skp, "SASARAN KINERJA PEGAWAI")
    story += [_people_table(skp), Spacer(1, 5 * mm)]
    rows = [["No", "Rencana hasil kerja", "Aspek", "Indikator kinerja individu", "Target"]]
    for kind_label, kind in (("A. UTAMA", "utama"), ("B. TAMBAHAN", "tambahan")):
        rows.append([kind_label, "", "", "", ""])
        for n, result in enumerate(skp.results.filter(kind=kind), start=1):
            for indicator in result.indicators.all():
                target = (
                    f"{indicator.target_value:g} {indicator.target_unit}".strip()
                    if indicator.target_value is not None
                    else indicator.target_text
                )
                rows.append([n, result.text, indicator.get_aspect_display(), indicator.text,
                             target])  # fmt: skip
    widths = [10 * mm, 60 * mm, 22 * mm, 50 * mm, 28 * mm]
    table = Table([[_p(c) for c in row] for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle(GRID)
    story += [para("HASIL KERJA", STYLES["Heading3"]), table, Spacer(1, 5 * mm)]
    rows = [["No", "Perilaku kerja (BerAKHLAK)", "Ekspektasi khusus pimpinan"]]
    for n, behaviour in enumerate(skp.behaviours.all(), start=1):
        rows.append([n, behaviour.get_value_display(), behaviour.expectation or "-"])
    table = Table([[_p(c) for c in row] for row in rows], colWidths=[10 * mm, 60 * mm, 100 * mm])
    table.setStyle(GRID)
    story += [para("PERILAKU KERJA", STYLES["Heading3"]), table]
    return _build(story)
