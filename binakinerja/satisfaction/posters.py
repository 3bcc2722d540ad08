"""The A4 QR poster a service unit hangs at its counter: who asks, the question, a QR code of the
short link and the link itself in large type for those who type it. reportlab draws the QR code
too (its own widget), so no extra dependency is needed."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import SimpleDocTemplate, Spacer

from binakinerja.core.pdf import para
from binakinerja.organizations.models import OrgUnit
from binakinerja.satisfaction.public import ancestor_paths

MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
QR_SIZE = 105 * mm
INK = colors.HexColor("#0b3d6b")


def _style(name, size, *, bold=False, color=colors.black, space_after=0) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName="Helvetica-Bold" if bold else "Helvetica", fontSize=size,
        leading=size * 1.2, alignment=TA_CENTER, textColor=color, spaceAfter=space_after,
    )  # fmt: skip


def _fitting_size(text: str, font: str, largest: float, smallest: float = 12) -> float:
    """The largest font size (down to `smallest`) at which `text` fits on one line."""
    size = largest
    while size > smallest and stringWidth(text, font, size) > FRAME_WIDTH:
        size -= 1
    return size


def _qr(link: str) -> Drawing:
    widget = QrCodeWidget(link, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0]
    )
    drawing.add(widget)
    drawing.hAlign = "CENTER"
    return drawing


def _owners(service_unit) -> list[str]:
    """Instansi and OPD names above the unit, top down (the unit itself left out)."""
    ancestors = OrgUnit.objects.filter(path__in=ancestor_paths(service_unit.unit.path)[:-1])
    return [unit.name for unit in ancestors.order_by("depth") if unit.kind != OrgUnit.Kind.UNIT]


def survey_poster_pdf(service_unit, link: str) -> bytes:
    """One A4 page inviting the public to the unit's survey at `link` (an absolute URL)."""
    story = []
    for name in _owners(service_unit):
        story.append(para(name, _style("owner", 13, color=INK), upper=True))
    unit_name = str(service_unit.unit.name)
    story += [
        Spacer(1, 3 * mm),
        para(
            unit_name,
            _style("unit", _fitting_size(unit_name, "Helvetica-Bold", 24, 16), bold=True),
        ),
        Spacer(1, 10 * mm),
        para(_("How was our service?"), _style("ask", 36, bold=True, color=INK)),
        Spacer(1, 4 * mm),
        para(
            _(
                "Scan the QR code or open the link below to fill in the public satisfaction "
                "survey. Your answers help us serve you better."
            ),
            _style("invite", 15),
        ),
        Spacer(1, 8 * mm),
        _qr(link),
        Spacer(1, 6 * mm),
        para(
            link,
            _style("link", _fitting_size(link, "Helvetica-Bold", 26), bold=True, color=INK),
        ),
        Spacer(1, 6 * mm),
        para(_("anonymous, 2 minutes"), _style("short", 20, bold=True)),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=_("Satisfaction survey poster"), invariant=True,
    )  # fmt: skip
    doc.build(story)
    return buffer.getvalue()
