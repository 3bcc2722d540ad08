"""EVALUASI KINERJA PEGAWAI of one period (triwulan I–IV or the year), laid out like the form
of PermenPANRB 6/2022 (Lampiran) as e-kinerja applications print it, with the toolkit in
`core.documents`: the period's real dates; the identity blocks as they were when the period
was assessed (`identity.identities`: the snapshot); the organisation's own result (capaian
kinerja organisasi) and the distribution of its staff's predikats against the curve that
result allows (pola distribusi); the results with their realisation and evidence and the
atasan's continuous feedback (umpan balik berkelanjutan) from the dialog kinerja; the
behaviours with their guides, expectations and feedback; the ratings, the predikat and its
reason; the annual document adds the atasan pejabat penilai and the catatan/rekomendasi.

`evaluation_content` gathers the facts once (a handful of queries); `evaluation_pdf` and
`evaluation_xlsx` lay the same content out. The document is official Indonesian whatever the
reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone, translation
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer, Table, TableStyle

from binakinerja.core.documents import (
    DASH,
    FONT,
    FONT_BOLD,
    LINE,
    SHADE,
    STYLES,
    Column,
    OfficialDocument,
    Section,
    SheetWriter,
    Signer,
    fields,
    grid,
    id_date,
    id_number,
    id_percent,
    signature_blocks,
    signature_row,
    text,
    title_block,
)
from binakinerja.core.pdf import para
from binakinerja.core.privacy import is_small_group, min_group
from binakinerja.performance.documents.identity import (
    ATASAN_PENILAI,
    FIELDS,
    PEGAWAI,
    PENILAI,
    identities,
)
from binakinerja.performance.models import (
    CheckIn,
    OrgPerformance,
    SkpAssessment,
    SkpIndicator,
    SkpRealisation,
    SkpResult,
)
from binakinerja.performance.rules import (
    CORE_VALUE_GUIDES,
    DEFAULT_DISTRIBUTION_RULES,
    CoreValue,
    Predikat,
    distribution_violations,
)
from binakinerja.performance.selectors import masked_breakdown

TITLE = "EVALUASI KINERJA PEGAWAI"
SUBTITLE = "PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
SUBTITLE_JPT = (
    "PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA "
    "MANDIRI"
)
PERIOD_NAMES = {"q1": "TRIWULAN I", "q2": "TRIWULAN II", "q3": "TRIWULAN III",
                "q4": "TRIWULAN IV", "annual": "TAHUNAN"}  # fmt: skip
PERIOD_LABELS = {"q1": "Triwulan I", "q2": "Triwulan II", "q3": "Triwulan III",
                 "q4": "Triwulan IV", "annual": "Tahunan"}  # fmt: skip
QUARTER_SHORT = {"q1": "TW I", "q2": "TW II", "q3": "TW III", "q4": "TW IV", "annual": "Tahunan"}
RATINGS = {"di_atas": "DI ATAS EKSPEKTASI", "sesuai": "SESUAI EKSPEKTASI",
           "di_bawah": "DI BAWAH EKSPEKTASI"}  # fmt: skip
PREDIKATS = {"sangat_baik": "Sangat Baik", "baik": "Baik", "butuh_perbaikan": "Butuh Perbaikan",
             "kurang": "Kurang/Misconduct", "sangat_kurang": "Sangat Kurang"}  # fmt: skip
ORG_PREDIKATS = {"istimewa": "Istimewa", "baik": "Baik", "butuh_perbaikan": "Butuh Perbaikan",
                 "kurang": "Kurang", "sangat_kurang": "Sangat Kurang"}  # fmt: skip
ASPECTS = {"kuantitas": "Kuantitas", "kualitas": "Kualitas", "waktu": "Waktu", "biaya": "Biaya"}
PERSPECTIVES = {"penerima_layanan": "Penerima Layanan", "proses_bisnis": "Proses Bisnis",
                "penguatan_internal": "Penguatan Internal", "anggaran": "Anggaran"}  # fmt: skip
ROLE_PEGAWAI = "PEGAWAI YANG DINILAI"
ROLE_PENILAI = "PEJABAT PENILAI KINERJA"
ROLE_ATASAN = "ATASAN PEJABAT PENILAI KINERJA"


# --- the content ----------------------------------------------------------------------------


@dataclass
class RuleLine:
    """One rule of the distribution curve for the organisation's result, and whether the
    staff's predikats of the period meet it."""

    text: str
    met: bool | None  # None: nobody assessed yet


@dataclass
class Distribution:
    """The organisation's result (capaian kinerja organisasi) and its staff's predikats in the
    period (counts masked below the small-group size, as everywhere in the app)."""

    unit_name: str
    org_predikat: str  # "" when the organisation has no result recorded
    org_year: int | None
    rows: list[tuple[str, object, int | None]]  # (predikat label, count or "< 5", percent)
    total: int
    rules: list[RuleLine] = field(default_factory=list)
    limits: dict[str, tuple[str, int]] = field(default_factory=dict)  # predikat → (min/max, %)

    @property
    def hidden(self) -> bool:
        """Fewer than AGGREGATE_MIN_GROUP people assessed: any breakdown (even "< 5" next to
        zeros and the total) would tell colleagues' predikats, so none is printed."""
        return 0 < self.total and is_small_group(self.total)


HIDDEN_DISTRIBUTION = (
    "Kurang dari {n} pegawai dinilai pada periode ini: pola distribusi tidak ditampilkan untuk "
    "melindungi data pribadi."
)


@dataclass
class Evaluation:
    """Everything an evaluation shows, as text and numbers, in the form's order."""

    kind: str
    year: int
    start: dt.date
    end: dt.date
    jpt: bool
    instansi: str
    people: dict
    distribution: Distribution
    results: list  # rows for the HASIL KERJA table: lists and `Section`s
    general_feedback: list[tuple[str, str]]  # (date, text) not tied to a result or value
    behaviours: list[list]
    hasil_kerja: str
    perilaku_kerja: str
    predikat: str
    reason: str
    catatan: str
    place_date: str
    version: str

    @property
    def annual(self) -> bool:
        return self.kind == "annual"

    @property
    def period_name(self) -> str:
        return PERIOD_NAMES[self.kind]

    @property
    def period_label(self) -> str:
        """ "Triwulan III", "Tahunan" (str.title would write "Iii")."""
        return PERIOD_LABELS[self.kind]

    @property
    def period_dates(self) -> str:
        return f"{id_date(self.start)} s.d. {id_date(self.end)}"

    @property
    def subtitle(self) -> str:
        return SUBTITLE_JPT if self.jpt else SUBTITLE


def _amount(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return ""
    places = 0 if value == value.to_integral_value() else 2
    if unit == "%":
        return id_percent(value, places)
    return f"{id_number(value, places)} {unit}".strip()


def _target(indicator: SkpIndicator) -> str:
    if indicator.target_value is not None:
        return _amount(indicator.target_value, indicator.target_unit)
    return indicator.target_text or DASH


def _realisation_text(indicator: SkpIndicator, realisation: SkpRealisation) -> str:
    value = _amount(realisation.value, indicator.target_unit)
    if value and realisation.text:
        return f"{value} ({realisation.text})"
    return value or realisation.text


def _evidence_text(files: int) -> str:
    return f"Bukti dukung: {id_number(files)} berkas" if files else "Bukti dukung: belum ada"


def _realisation_cell(indicator, realisations: list[SkpRealisation], kind: str) -> str:
    """The realisation of the period with its evidence count. The annual document shows the
    annual realisation when one was recorded, else each quarter's."""
    if not realisations:
        return "Belum ada realisasi"
    own = [r for r in realisations if r.period.kind == kind]
    if own:
        realisation = own[0]
        return f"{_realisation_text(indicator, realisation)}\n{_evidence_text(realisation.files)}"
    lines = [f"{QUARTER_SHORT[r.period.kind]}: {_realisation_text(indicator, r)}"
             for r in sorted(realisations, key=lambda r: r.period.start)]  # fmt: skip
    lines.append(_evidence_text(sum(r.files for r in realisations)))
    return "\n".join(lines)


def _feedback_cell(check_ins: list[CheckIn]) -> str:
    if not check_ins:
        return DASH
    return "\n".join(f"{id_date(timezone.localtime(c.created_at))}: {c.text}" for c in check_ins)


def _check_ins_of_period(skp, assessment: SkpAssessment) -> list[CheckIn]:
    """The atasan's entries in the dialog kinerja that belong to the period: dated within it,
    or after its end up to the moment it was assessed (the assessment talk). Later entries
    belong to the next period, so a printed evaluation does not change afterwards."""
    period, zone = assessment.period, timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    within = Q(created_at__lt=end)
    if assessment.assessed_at:
        within |= Q(created_at__lte=assessment.assessed_at)
    return list(
        CheckIn.objects.filter(skp=skp, created_at__gte=start)
        .filter(within)
        .exclude(author_id=skp.employee_id)
        .order_by("created_at", "pk")
    )


def _rule_text(rule) -> str:
    names = " / ".join(PREDIKATS[p] for p in rule.predikats)
    bound = "paling sedikit" if rule.bound == "min" else "paling banyak"
    if rule.share is not None:
        return f"{names} {bound} {id_percent(rule.share * 100)}"
    if rule.bound == "max" and rule.count == 0:
        return f"Tidak ada {names}"
    return f"{names} {bound} {id_number(rule.count)} orang"


def _distribution(skp, assessment, people: dict) -> Distribution:
    """The organisation's latest result up to the SKP's year and its staff's predikats in the
    same period, with the curve's rules for that result."""
    from binakinerja.organizations.models import OrgUnit

    path = people.get("opd_path") or skp.employee.unit.opd_path or skp.employee.unit.path
    unit = OrgUnit.objects.filter(path=path).first()
    record = (
        OrgPerformance.objects.filter(opd__path=path, year__lte=skp.year).order_by("-year").first()
    )
    counts = {
        row["predikat"]: row["n"]
        for row in SkpAssessment.objects.filter(
            period=assessment.period, skp__employee__unit__path__startswith=path
        )
        .values("predikat")
        .annotate(n=Count("id"))
        .order_by()
    }
    values = list(Predikat.values)
    cells = masked_breakdown([counts.get(v, 0) for v in values], exact=False)
    total = sum(counts.values())
    distribution = Distribution(
        unit_name=unit.name if unit else "",
        org_predikat=record.predikat if record else "",
        org_year=record.year if record else None,
        rows=[(PREDIKATS[v], n, p) for v, (n, p) in zip(values, cells, strict=True)],
        total=total,
    )
    if record is not None:
        broken = {v.rule for v in distribution_violations(record.predikat, counts)}
        for rule in DEFAULT_DISTRIBUTION_RULES[record.predikat]:
            distribution.rules.append(RuleLine(_rule_text(rule), None if not total
                                               else rule not in broken))  # fmt: skip
            if rule.share is not None and len(rule.predikats) == 1:
                distribution.limits[rule.predikats[0]] = (rule.bound, int(rule.share * 100))
    return distribution


def _result_rows(skp, assessment, check_ins: list[CheckIn], jpt: bool) -> list:
    period = assessment.period
    realisations = (
        SkpRealisation.objects.filter(period__instansi_id=period.instansi_id)
        .select_related("period")
        .annotate(files=Count("evidence"))
        .order_by("period__start")
    )
    realisations = (
        realisations.filter(period__year=period.year)
        if period.kind == "annual"
        else realisations.filter(period=period)
    )
    results = (
        SkpResult.objects.filter(skp=skp)
        .select_related("supports", "supports_goal")
        .prefetch_related(
            Prefetch("indicators", SkpIndicator.objects.order_by("pk")),
            Prefetch("indicators__realisations", realisations, to_attr="of_period"),
        )
        .order_by("kind", "order", "pk")
    )
    feedback: dict[int, list[CheckIn]] = {}
    for check_in in check_ins:
        if check_in.result_id:
            feedback.setdefault(check_in.result_id, []).append(check_in)
    rows = []
    for label, kind in (("A. UTAMA", "utama"), ("B. TAMBAHAN", "tambahan")):
        rows.append(Section(label))
        of_kind = [r for r in results if r.kind == kind]
        if jpt and kind == "utama":
            order = list(PERSPECTIVES) + [""]
            of_kind.sort(key=lambda r: order.index(r.perspective))
        if not of_kind:
            rows.append(["", "Tidak ada", DASH, DASH, DASH, DASH, DASH, DASH])
        perspective = None
        for number, result in enumerate(of_kind, start=1):
            if jpt and kind == "utama" and result.perspective != perspective:
                perspective = result.perspective
                rows.append(Section(f"Perspektif: {PERSPECTIVES.get(perspective, 'Lainnya')}"))
            if result.supports_id:
                intervened = result.supports.text
            elif result.supports_goal_id:
                intervened = f"Sasaran organisasi: {result.supports_goal.text}"
            else:
                intervened = DASH
            indicators = list(result.indicators.all()) or [None]
            for index, indicator in enumerate(indicators):
                first = index == 0
                rows.append([
                    number if first else "",
                    intervened if first else "",
                    result.text if first else "",
                    ASPECTS.get(indicator.aspect, indicator.aspect) if indicator else DASH,
                    indicator.text if indicator else DASH,
                    _target(indicator) if indicator else DASH,
                    _realisation_cell(indicator, indicator.of_period, period.kind)
                    if indicator else DASH,
                    _feedback_cell(feedback.get(result.pk, [])) if first else "",
                ])  # fmt: skip
    return rows


def _behaviour_rows(skp, check_ins: list[CheckIn]) -> list[list]:
    by_value: dict[str, list[CheckIn]] = {}
    for check_in in check_ins:
        if check_in.value:
            by_value.setdefault(check_in.value, []).append(check_in)
    expectations = {b.value: b.expectation for b in skp.behaviours.all()}
    rows = []
    for number, value in enumerate(CoreValue.values, start=1):
        guides = [str(g) for g in CORE_VALUE_GUIDES[CoreValue(value)]]
        rows.append([number, str(CoreValue(value).label), guides,
                     expectations.get(value) or DASH,
                     _feedback_cell(by_value.get(value, []))])  # fmt: skip
    return rows


def evaluation_content(skp, assessment) -> Evaluation:
    """The facts of the evaluation of `assessment` (a period of `skp`), in Indonesian."""
    with translation.override("id"):
        people = identities(skp, assessment)
        period = assessment.period
        jpt = bool(people.get("jpt")) or skp.results.exclude(perspective="").exists()
        check_ins = _check_ins_of_period(skp, assessment)
        assessed = timezone.localtime(assessment.assessed_at) if assessment.assessed_at else None
        place = people.get("tempat") or "..................."
        return Evaluation(
            kind=period.kind,
            year=period.year,
            start=period.start,
            end=period.end,
            jpt=jpt,
            instansi=people.get("instansi", ""),
            people=people,
            distribution=_distribution(skp, assessment, people),
            results=_result_rows(skp, assessment, check_ins, jpt),
            general_feedback=[
                (id_date(timezone.localtime(c.created_at)), c.text)
                for c in check_ins
                if not c.result_id and not c.value
            ],
            behaviours=_behaviour_rows(skp, check_ins),
            hasil_kerja=RATINGS.get(assessment.hasil_kerja, assessment.hasil_kerja),
            perilaku_kerja=RATINGS.get(assessment.perilaku_kerja, assessment.perilaku_kerja),
            predikat=PREDIKATS.get(assessment.predikat, assessment.predikat).upper(),
            reason=assessment.reason,
            catatan=assessment.catatan_rekomendasi,
            place_date=f"{place}, {id_date(assessed) if assessed else '...................'}",
            version=str(skp.version),
        )


def _signers(content: Evaluation) -> tuple[Signer, Signer, Signer]:
    def signer(key: str, role: str, **extra) -> Signer:
        person = content.people.get(key) or {}
        return Signer(role, person.get("nama") or DASH, person.get("nip") or "",
                      key=key, **extra)  # fmt: skip

    return (
        signer(PEGAWAI, ROLE_PEGAWAI),
        signer(PENILAI, ROLE_PENILAI, place_date=content.place_date),
        signer(ATASAN_PENILAI, ROLE_ATASAN, place_date="Mengetahui,"),
    )


# --- the PDF --------------------------------------------------------------------------------

WIDTH = 267  # mm: A4 landscape less the toolkit's margins
RESULT_COLUMNS = [
    Column("NO", 9, "centre"),
    Column("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", 38),
    Column("RENCANA HASIL KERJA", 38),
    Column("ASPEK", 18),
    Column("INDIKATOR KINERJA INDIVIDU", 36),
    Column("TARGET", 20),
    Column("REALISASI BERDASARKAN BUKTI DUKUNG", 44),
    Column("UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", 64),
]
BEHAVIOUR_COLUMNS = [
    Column("NO", 9, "centre"),
    Column("PERILAKU KERJA", 96),
    Column("EKSPEKTASI KHUSUS PIMPINAN", 78),
    Column("UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", 84),
]
BOLD_RIGHT = ParagraphStyle("bold_right", parent=STYLES["cell_bold"], alignment=TA_RIGHT)
BAR = colors.HexColor("#5b7fa6")
GRIDLINE = colors.HexColor("#dddddd")
LIMIT = colors.HexColor("#b3261e")


def _identity_block(title: str, person: dict | None, width: float) -> Table:
    rows = [(label.upper(), (person or {}).get(key)) for key, label in FIELDS]
    table = Table([[text(title, "cell_bold")], [fields(rows, (38, width - 46), numbered=True)]],
                  colWidths=[width * mm])  # fmt: skip
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (0, 0), 0.5, LINE), ("BACKGROUND", (0, 0), (0, 0), SHADE),
        ("LEFTPADDING", (0, 1), (-1, -1), 0), ("RIGHTPADDING", (0, 1), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, -1), 0), ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, 0), 2), ("BOTTOMPADDING", (0, 0), (0, 0), 2),
    ]))  # fmt: skip
    return table


def _side_by_side(left, right, widths=(WIDTH / 2 - 2, WIDTH / 2 - 2)) -> Table:
    gap = WIDTH - sum(widths)
    table = Table([[left, "", right]], colWidths=[widths[0] * mm, gap * mm, widths[1] * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return table


def _header_line(content: Evaluation) -> Table:
    table = Table(
        [[text(content.instansi, "cell_bold", upper=True),
          para(f"PERIODE PENILAIAN: {content.period_dates}", BOLD_RIGHT)]],
        colWidths=[WIDTH / 2 * mm, WIDTH / 2 * mm],
    )  # fmt: skip
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    table.hAlign = "LEFT"
    return table


def _chart(distribution: Distribution) -> Drawing:
    """Bars of the staff's predikat shares on a 0–100% scale, with a red mark where the curve
    sets a limit on one predikat (e.g. "maks 70%"); a hidden small count shows "< 5"."""
    width, height = 100 * mm, 46 * mm
    left, base, top = 9 * mm, 9 * mm, height - 5 * mm
    slot = (width - left) / len(distribution.rows)
    drawing = Drawing(width, height)
    for share in (0, 25, 50, 75, 100):
        y = base + (top - base) * share / 100
        drawing.add(Line(left, y, width, y, strokeColor=LINE if share == 0 else GRIDLINE,
                         strokeWidth=0.5 if share == 0 else 0.3))  # fmt: skip
        drawing.add(String(left - 1.5, y - 2, f"{share}%", fontName=FONT, fontSize=5.5,
                           textAnchor="end"))  # fmt: skip
    for index, ((label, count, percent), value) in enumerate(
        zip(distribution.rows, Predikat.values, strict=True)
    ):
        x = left + index * slot
        bar = (top - base) * percent / 100 if percent is not None else 0
        if bar:
            drawing.add(Rect(x + slot * 0.25, base, slot * 0.5, bar, fillColor=BAR,
                             strokeColor=None))  # fmt: skip
        shown = id_percent(percent) if percent is not None else str(count)
        drawing.add(String(x + slot / 2, base + bar + 1.5, shown, fontName=FONT, fontSize=6,
                           textAnchor="middle"))  # fmt: skip
        drawing.add(String(x + slot / 2, base - 7, label, fontName=FONT, fontSize=5.3,
                           textAnchor="middle"))  # fmt: skip
        if value in distribution.limits:
            bound, limit = distribution.limits[value]
            y = base + (top - base) * limit / 100
            drawing.add(Line(x + slot * 0.1, y, x + slot * 0.9, y, strokeColor=LIMIT,
                             strokeWidth=1.2, strokeDashArray=[2, 1.5]))  # fmt: skip
            drawing.add(String(x + slot / 2, y + 1.5, f"{'min' if bound == 'min' else 'maks'} "
                               f"{limit}%", fontName=FONT_BOLD, fontSize=5.5, fillColor=LIMIT,
                               textAnchor="middle"))  # fmt: skip
    return drawing


def _rule_state(rule: RuleLine) -> str:
    if rule.met is None:
        return "belum ada penilaian"
    return "terpenuhi" if rule.met else "belum terpenuhi"


def _distribution_story(content: Evaluation) -> list:
    """CAPAIAN KINERJA ORGANISASI, then POLA DISTRIBUSI: the staff's predikats of the period
    (table), the curve's rules for the organisation's result, and the same as a bar chart."""
    distribution = content.distribution
    if distribution.org_predikat:
        result = ORG_PREDIKATS[distribution.org_predikat].upper()
        if distribution.org_year != content.year:
            result += f" (capaian tahun {distribution.org_year}, yang terakhir ditetapkan)"
    else:
        result = "BELUM DITETAPKAN"
    if distribution.hidden:
        return [
            fields([("CAPAIAN KINERJA ORGANISASI", result),
                    ("ORGANISASI", distribution.unit_name)], widths=(70, WIDTH - 70)),
            text("POLA DISTRIBUSI", "subheading"),
            text(HIDDEN_DISTRIBUTION.format(n=min_group()), "cell"),
        ]  # fmt: skip
    rows = [[label, count, id_percent(percent) if percent is not None else DASH]
            for label, count, percent in distribution.rows]  # fmt: skip
    rows.append([text(f"Jumlah pegawai dinilai: {id_number(distribution.total)}", "cell_bold"),
                 "", ""])  # fmt: skip
    table = grid([Column("PREDIKAT PEGAWAI", 40), Column("JUMLAH", 20, "right"),
                  Column("PERSENTASE", 24, "right")], rows)  # fmt: skip
    table.setStyle(TableStyle([("SPAN", (0, len(rows)), (-1, len(rows)))]))
    if distribution.rules:
        notes = [text("Ketentuan kurva distribusi untuk capaian organisasi "
                      f"{ORG_PREDIKATS[distribution.org_predikat]}:", "cell_bold")]  # fmt: skip
        notes += [text(f"• {rule.text} — {_rule_state(rule)}", "cell")
                  for rule in distribution.rules]  # fmt: skip
    else:
        notes = [text("Ketentuan kurva distribusi berlaku setelah capaian kinerja organisasi "
                      "ditetapkan.", "cell")]  # fmt: skip
    caption = (
        f"Sebaran predikat pegawai {distribution.unit_name} pada periode "
        f"{content.period_label} {content.year}. Jumlah di bawah 5 orang ditampilkan "
        "sebagai “< 5” untuk melindungi data pribadi."
    )
    notes += [Spacer(1, 2 * mm), text(caption, "small")]
    widths = (84, 74, 100)
    gap = (WIDTH - sum(widths)) / 2
    block = Table([[table, "", notes, "", _chart(distribution)]],
                  colWidths=[widths[0] * mm, gap * mm, widths[1] * mm, gap * mm,
                             widths[2] * mm])  # fmt: skip
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return [
        fields([("CAPAIAN KINERJA ORGANISASI", result),
                ("ORGANISASI", distribution.unit_name)], widths=(70, WIDTH - 70)),
        text("POLA DISTRIBUSI", "subheading"),
        block,
    ]  # fmt: skip


def _stacked(title: str, lines: list[str]):
    """A cell with a bold first line and the guides under it."""
    table = Table([[text(title, "cell_bold")]] + [[text(f"• {line}", "cell")] for line in lines])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))  # fmt: skip
    table.hAlign = "LEFT"
    return table


def evaluation_pdf(skp, assessment) -> bytes:
    """EVALUASI KINERJA PEGAWAI of one period, A4 landscape, as the PermenPANRB 6/2022 form."""
    content = evaluation_content(skp, assessment)
    people = content.people
    story = title_block(TITLE, content.subtitle, f"PERIODE: {content.period_name}")
    story += [Spacer(1, 1 * mm), _header_line(content), Spacer(1, 2 * mm)]
    half = WIDTH / 2 - 2
    pegawai_block = _identity_block(ROLE_PEGAWAI, people.get(PEGAWAI), half)
    story.append(
        _side_by_side(pegawai_block, _identity_block(ROLE_PENILAI, people.get(PENILAI), half))
    )
    if content.annual:
        story += [Spacer(1, 2 * mm),
                  _side_by_side(_identity_block(ROLE_ATASAN, people.get(ATASAN_PENILAI), half),
                                Spacer(1, 1))]  # fmt: skip
    story.append(Spacer(1, 3 * mm))
    story += _distribution_story(content)
    # a heading never ends a page: it moves on with the table's header and first rows
    story += [
        CondPageBreak(55 * mm),
        text("HASIL KERJA", "heading"),
        grid(RESULT_COLUMNS, content.results),
    ]
    if content.general_feedback:
        story += [
            text("UMPAN BALIK BERKELANJUTAN (DIALOG KINERJA, TIDAK TERKAIT HASIL KERJA "
                 "TERTENTU)", "subheading"),
            grid([Column("TANGGAL", 32), Column("UMPAN BALIK", WIDTH - 32)],
                 [list(row) for row in content.general_feedback]),
        ]  # fmt: skip
    story += [
        Spacer(1, 2 * mm),
        fields([("RATING HASIL KERJA", content.hasil_kerja)], widths=(70, WIDTH - 70)),
    ]
    behaviours = [[n, _stacked(name, guides), expectation, feedback]
                  for n, name, guides, expectation, feedback in content.behaviours]  # fmt: skip
    story += [
        CondPageBreak(55 * mm),
        text("PERILAKU KERJA", "heading"),
        grid(BEHAVIOUR_COLUMNS, behaviours),
    ]
    closing = [("RATING PERILAKU KERJA", content.perilaku_kerja),
               ("PREDIKAT KINERJA PEGAWAI", content.predikat),
               ("ALASAN", content.reason)]  # fmt: skip
    if content.annual:
        closing.append(("CATATAN/REKOMENDASI", content.catatan or DASH))
    story += [Spacer(1, 2 * mm), fields(closing, widths=(70, WIDTH - 70))]
    pegawai, penilai, atasan = _signers(content)
    if content.annual:  # the atasan pejabat penilai countersigns in the middle
        story.append(signature_row(pegawai, atasan, penilai, width_mm=WIDTH))
    else:
        story.append(signature_blocks(pegawai, penilai, width_mm=WIDTH - 40))
    document = OfficialDocument(
        title=f"Evaluasi Kinerja Pegawai {content.period_label} {content.year}",
        government=content.instansi,
        version=content.version,
        landscape=True,
    )
    return document.build(story)


# --- the XLSX twin --------------------------------------------------------------------------


EMPTY = "–"  # an empty cell of the workbook: a lone "-" would be guarded as a formula ('-)


def _cells(rows: list) -> list:
    """Rows for `SheetWriter.table` with "-" written as "–"."""
    return [row if isinstance(row, Section) else [EMPTY if c == DASH else c for c in row]
            for row in rows]  # fmt: skip


def _distribution_sheet(sheet: SheetWriter, distribution: Distribution) -> None:
    sheet.table(["", "PREDIKAT PEGAWAI", "JUMLAH", "PERSENTASE"],
                [["", label, count, f"{percent}%" if percent is not None else EMPTY]
                 for label, count, percent in distribution.rows])  # fmt: skip
    for rule in distribution.rules:
        sheet.line(f"• {rule.text} — {_rule_state(rule)}")


def evaluation_xlsx(skp, assessment) -> bytes:
    """The same evaluation as a workbook, in the PDF's order (numbers stay numbers)."""
    content = evaluation_content(skp, assessment)
    people = content.people
    sheet = SheetWriter(f"Evaluasi Kinerja Pegawai {content.period_label} {content.year}",
                        [6, 30, 30, 13, 28, 14, 30, 40], sheet_title="Evaluasi")  # fmt: skip
    sheet.title(TITLE, content.subtitle, f"PERIODE: {content.period_name}")
    sheet.line(content.instansi.upper(), bold=True)
    sheet.line(f"PERIODE PENILAIAN: {content.period_dates}", bold=True)
    blocks = [(ROLE_PEGAWAI, PEGAWAI), (ROLE_PENILAI, PENILAI)]
    if content.annual:
        blocks.append((ROLE_ATASAN, ATASAN_PENILAI))
    for title, key in blocks:
        sheet.blank()
        sheet.line(title, bold=True)
        person = people.get(key) or {}
        rows = [(label.upper(), person.get(name) or EMPTY) for name, label in FIELDS]
        sheet.fields(rows, numbered=True)
    distribution = content.distribution
    sheet.blank()
    org = ORG_PREDIKATS.get(distribution.org_predikat, "Belum ditetapkan")
    if distribution.org_predikat and distribution.org_year != content.year:
        org += f" (capaian tahun {distribution.org_year})"
    sheet.line(f"CAPAIAN KINERJA ORGANISASI: {org.upper()}", bold=True)
    sheet.line("POLA DISTRIBUSI", bold=True)
    if distribution.hidden:
        sheet.line(HIDDEN_DISTRIBUTION.format(n=min_group()))
    else:
        _distribution_sheet(sheet, distribution)
    sheet.blank()
    sheet.line("HASIL KERJA", bold=True)
    sheet.table([c.header for c in RESULT_COLUMNS], _cells(content.results))
    for date, feedback in content.general_feedback:
        sheet.line(f"Umpan balik ({date}): {feedback}")
    sheet.line(f"RATING HASIL KERJA: {content.hasil_kerja}", bold=True)
    sheet.blank()
    sheet.line("PERILAKU KERJA", bold=True)
    behaviours = [[n, "\n".join([name] + [f"• {g}" for g in guides]), expectation, feedback]
                  for n, name, guides, expectation, feedback in content.behaviours]  # fmt: skip
    sheet.table([c.header for c in BEHAVIOUR_COLUMNS], _cells(behaviours))
    sheet.blank()
    sheet.line(f"RATING PERILAKU KERJA: {content.perilaku_kerja}", bold=True)
    sheet.line(f"PREDIKAT KINERJA PEGAWAI: {content.predikat}", bold=True)
    sheet.line(f"ALASAN: {content.reason}")
    if content.annual:
        sheet.line(f"CATATAN/REKOMENDASI: {content.catatan or EMPTY}")
    pegawai, penilai, atasan = _signers(content)
    sheet.signatures(pegawai, penilai)
    if content.annual:
        sheet.signatures(None, atasan)
    return sheet.to_bytes()
