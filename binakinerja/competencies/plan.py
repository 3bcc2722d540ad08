"""The competency development plan (rencana pengembangan kompetensi) of an OPD or an instansi:
the needs analysis of many ASN at once, rolled up into costed lines, and its XLSX/PDF exports.

Built for a whole province (32,000 ASN × 20 competencies): a constant number of queries however
many employees, plain tuples and dicts per employee, translated text only per line.

- `needs_analysis(ids, year=…)`: per employee the ranked needs of `rules.rank_needs`, the same
  inputs as `needs.employee_needs` (gaps of the position's standard, open SKP follow-ups of the
  year with a low predikat, the yearly JP shortfall), without access checks: callers scope.
- `development_plan(user, root_unit=…, year=…)`: the plan of the employees under `root_unit`
  the user may aggregate (like the heat map): lines per (competency, target level, form), per
  SKP follow-up kind and one for the yearly JP still missing, with JP and cost; per child unit.
  For a reader who may not read every person counted (pimpinan, `selectors.masks_small_groups`)
  every count of fewer than AGGREGATE_MIN_GROUP people, and the JP and cost that would give it
  away, is the "< 5" label (a str) in the page and in both exports.
- `plan_demand(root_unit=…, year=…, form=…)`: the same lines with the ids of their employees,
  for the training and mentoring modules to invite participants (no user: callers scope).

How forms and costs are chosen: `rules.gap_form`, `rules.follow_up_form`,
`rules.plan_line_estimate`; unit costs `rules.DEFAULT_PLAN_COSTS` overridden by the setting
COMPETENCIES_PLAN_COSTS. The JP shortfall line counts only the JP still missing after the
planned development (any development counts toward the yearly 20 JP), as e-learning.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from binakinerja.competencies import rules
from binakinerja.competencies.models import Competency
from binakinerja.competencies.selectors import (
    GONE_STATES,
    _aggregate_employees,
    latest_levels,
    masks_small_groups,
    required_levels,
)
from binakinerja.core.bulk import fewer_gc_passes
from binakinerja.core.privacy import is_small_group, masked, small_group_label
from binakinerja.organizations.models import OrgUnit
from binakinerja.people.models import Employee
from binakinerja.performance.selectors import follow_up_list_open

F = rules.PlanForm
FORM_LABELS = {
    F.KLASIKAL: gettext_lazy("Classroom training (klasikal)"),
    F.COACHING_MENTORING: gettext_lazy("Coaching / mentoring"),
    F.COACHING: gettext_lazy("Coaching"),
    F.MENTORING: gettext_lazy("Mentoring"),
    F.E_LEARNING: gettext_lazy("E-learning"),
}
# The export is an official Indonesian document (like performance/documents.py): fixed text.
FORM_DOCUMENT_LABELS = {
    F.KLASIKAL: "Klasikal (pelatihan)",
    F.COACHING_MENTORING: "Nonklasikal: coaching/mentoring",
    F.COACHING: "Nonklasikal: coaching",
    F.MENTORING: "Nonklasikal: mentoring",
    F.E_LEARNING: "Nonklasikal: e-learning",
}
FORM_ORDER = {form: i for i, form in enumerate(F.ALL)}
FOLLOW_UP_KINDS = tuple(rules.FOLLOW_UP_FORMS)  # training_need, coaching, mentoring, counselling
FOLLOW_UP_DOCUMENT_LABELS = {
    "training_need": "Kebutuhan pelatihan",
    "coaching": "Coaching",
    "mentoring": "Mentoring",
    "counselling": "Konseling",
}


def _money_text(value) -> str:
    """Rupiah with Indonesian separators, or the "< 5" label of a hidden small group."""
    return value if isinstance(value, str) else rules.rupiah_text(value)


class LineSource:
    GAP = rules.NeedSource.GAP
    FOLLOW_UP = rules.NeedSource.FOLLOW_UP
    JP_SHORTFALL = rules.NeedSource.JP_SHORTFALL


def plan_costs_in_use(overrides: Mapping | None = None) -> dict:
    """The unit costs: `overrides` if given, else the setting COMPETENCIES_PLAN_COSTS, on top of
    `rules.DEFAULT_PLAN_COSTS`. A bad setting is a configuration error, said at once."""
    if overrides is not None:
        return rules.plan_costs(overrides)
    try:
        return rules.plan_costs(getattr(settings, "COMPETENCIES_PLAN_COSTS", None))
    except ValueError as error:
        raise ImproperlyConfigured(f"COMPETENCIES_PLAN_COSTS: {error}") from error


# --- the inputs, in a constant number of queries -------------------------------------------------


def _open_follow_ups(employee_ids, year: int) -> dict[int, list[tuple[int, str, str]]]:
    """{employee_id: [(follow-up id, kind, predikat)]} of the open follow-ups of the SKP
    assessments of `year` with a predikat that needs one: one query."""
    ids = list(employee_ids)
    if not ids:
        return {}
    rows = (
        follow_up_list_open(employee_ids=ids, year=year, predikats=rules.FOLLOW_UP_WEIGHT)
        .order_by()
        .values_list("assessment__skp__employee_id", "pk", "kind", "assessment__predikat")
    )
    result: dict[int, list[tuple[int, str, str]]] = {}
    for employee_id, pk, kind, predikat in rows:
        result.setdefault(employee_id, []).append((pk, kind, predikat))
    return result


def needs_analysis(
    employee_ids: Iterable[int], *, year: int, jp_done: Mapping[int, float] | None = None
) -> dict[int, list[rules.Need]]:
    """{employee_id: ranked needs} (`rules.rank_needs`) of the given employees in `year`, the
    ranking of `needs.employee_needs` for each. `jp_done` maps employee ids to JP done this
    year (0 when absent: training records come with the training module). No access check:
    callers pass ids they scoped. Four queries, however many employees."""
    with fewer_gc_passes():
        return _needs_analysis(list(employee_ids), year=year, jp_done=jp_done)


def _needs_analysis(ids, *, year, jp_done):
    positions = dict(
        Employee.objects.filter(pk__in=ids).order_by().values_list("pk", "position_id")
    )
    required = required_levels(positions.values())
    actual = latest_levels(positions)
    follow_ups = {
        employee_id: {str(f): predikat for f, _kind, predikat in rows}
        for employee_id, rows in _open_follow_ups(positions, year).items()
    }
    done = jp_done or {}
    rank = rules.rank_needs
    empty: dict = {}
    result = {}
    for pk, position_id in positions.items():
        have = actual.get(pk, empty)
        # `rules.gaps` without its level check: levels read from the database are 1–5 by
        # constraint, and the check costs a third of this loop at a province's scale.
        gaps = {
            code: level - have.get(code, 0)
            for code, level in required.get(position_id, empty).items()
        }
        result[pk] = rank(
            gaps_by_competency=gaps, follow_ups=follow_ups.get(pk), jp_done=done.get(pk, 0)
        )
    return result


# --- the plan ------------------------------------------------------------------------------------


@dataclass
class PlanLine:
    """One line of the plan: one form of development for a group of ASN. `amount` is the total
    gap levels (gap lines), the number of follow-ups (follow-up lines) or the JP still missing
    (the JP shortfall line)."""

    source: str
    form: str
    people: int
    amount: int
    jp: int
    cost: Decimal
    competency: Competency | None = None
    target_level: int | None = None
    follow_up_kind: str = ""
    employee_ids: list[int] = field(default_factory=list)  # plan_demand only
    small: bool = False  # people, JP and cost hidden from this reader ("< 5", see _mask)

    @property
    def form_label(self) -> str:
        return str(FORM_LABELS[self.form])

    @property
    def subject(self) -> str:
        if self.source == LineSource.GAP:
            return f"{self.competency.code} · {self.competency.name}"
        if self.source == LineSource.FOLLOW_UP:
            from binakinerja.performance.rules import FollowUpKind

            return _("SKP follow-up: %(kind)s") % {"kind": FollowUpKind(self.follow_up_kind).label}
        return _("Yearly development hours (%(yearly)d JP)") % {"yearly": rules.YEARLY_JP}

    @property
    def note(self) -> str:
        if self.small:
            return ""
        if self.source == LineSource.GAP:
            return ngettext(
                "%(levels)d gap level in total", "%(levels)d gap levels in total", self.amount
            ) % {"levels": self.amount}
        if self.source == LineSource.FOLLOW_UP:
            return ngettext(
                "%(count)d open follow-up", "%(count)d open follow-ups", self.amount
            ) % {"count": self.amount}
        return _("JP still missing after the development above")

    @property
    def cost_text(self) -> str:
        return _money_text(self.cost)

    # The document (XLSX/PDF) texts, in Indonesian whatever the page language.
    @property
    def document_subject(self) -> str:
        if self.source == LineSource.GAP:
            return f"{self.competency.code} {self.competency.name}"
        if self.source == LineSource.FOLLOW_UP:
            return f"Tindak lanjut SKP: {FOLLOW_UP_DOCUMENT_LABELS[self.follow_up_kind]}"
        return f"Pemenuhan {rules.YEARLY_JP} JP per tahun"

    @property
    def document_level(self) -> str:
        return f"Level {self.target_level}" if self.target_level else "-"

    @property
    def document_note(self) -> str:
        if self.small:
            return ""
        if self.source == LineSource.GAP:
            return f"Total kesenjangan {self.amount} level"
        if self.source == LineSource.FOLLOW_UP:
            return f"{self.amount} tindak lanjut terbuka"
        return "Kekurangan JP setelah pengembangan di atas"


@dataclass
class PlanUnitRow:
    """The plan's share of one child unit of the root (or of the root unit itself)."""

    unit: OrgUnit
    is_root: bool
    employees: int = 0  # in service, in scope
    people: int = 0  # of them, with at least one planned development
    jp: int = 0
    cost: Decimal = Decimal(0)

    @property
    def cost_text(self) -> str:
        return _money_text(self.cost)


@dataclass
class DevelopmentPlan:
    root: OrgUnit
    year: int
    costs: dict
    lines: list[PlanLine]
    units: list[PlanUnitRow]
    employees: int
    people: int
    jp: int
    cost: Decimal
    mask: bool = False  # small groups hidden from this reader (see _mask)

    @property
    def cost_text(self) -> str:
        return _money_text(self.cost)

    @property
    def title(self) -> str:
        return f"Rencana Pengembangan Kompetensi ASN {self.root.name} Tahun {self.year}"

    def cost_rows(self) -> list[tuple[str, str, int, int, str, str]]:
        """(form, document label, JP per level, JP per need, rupiah per JP, per participant)."""
        return [
            (form, FORM_DOCUMENT_LABELS[form], values["jp_per_level"], values["jp_per_need"],
             rules.rupiah_text(values["cost_per_jp"]),
             rules.rupiah_text(values["cost_per_participant"]))
            for form, values in self.costs.items()
        ]  # fmt: skip


def _tally(rows, *, children, year, costs, jp_done, keep_ids):
    """Walk the employees once: {(unit index, line key): [people, amount, ids]}, and per unit
    index [employees, people]. Line keys: ("gap", code, level, form), ("follow_up", kind),
    ("jp",). Unit index -1 is the root unit itself."""
    with fewer_gc_passes():
        return _tally_rows(list(rows), children, year, costs, jp_done, keep_ids)


def _tally_rows(rows, children, year, costs, jp_done, keep_ids):
    ids = [row[0] for row in rows]
    required = required_levels(row[1] for row in rows)
    actual = latest_levels(ids)
    follow_ups = _open_follow_ups(ids, year)
    per_level = {form: values["jp_per_level"] for form, values in costs.items()}
    per_need = {form: values["jp_per_need"] for form, values in costs.items()}
    gap_form = rules.gap_form
    done = jp_done or {}
    empty: dict = {}
    index_of_path: dict[str, int] = {}
    tallies: dict[tuple, list] = {}
    units: dict[int, list[int]] = {}

    def add(index, key, pk, amount):
        tally = tallies.get((index, key))
        if tally is None:
            tally = tallies[(index, key)] = [0, 0, []]
        tally[0] += 1
        tally[1] += amount
        if keep_ids:
            tally[2].append(pk)

    for pk, position_id, path in rows:
        index = index_of_path.get(path)
        if index is None:
            index = next((i for i, c in enumerate(children) if path.startswith(c.path)), -1)
            index_of_path[path] = index
        unit = units.get(index)
        if unit is None:
            unit = units[index] = [0, 0]
        unit[0] += 1
        have = actual.get(pk, empty)
        planned = 0
        has_need = False
        for code, level in required.get(position_id, empty).items():
            gap = level - have.get(code, 0)
            if gap > 0:
                form = gap_form(gap)
                add(index, ("gap", code, level, form), pk, gap)
                planned += gap * per_level[form]
                has_need = True
        kinds: dict[str, int] = {}
        for _id, kind, _predikat in follow_ups.get(pk, ()):
            kinds[kind] = kinds.get(kind, 0) + 1
        for kind, count in kinds.items():
            add(index, ("follow_up", kind), pk, count)
            planned += count * per_need[rules.follow_up_form(kind)]
            has_need = True
        missing = rules.jp_still_missing(jp_done=done.get(pk, 0), planned_jp=planned)
        if missing:
            add(index, ("jp",), pk, missing)
            has_need = True
        if has_need:
            unit[1] += 1
    return tallies, units


def _form_of(key) -> str:
    if key[0] == "gap":
        return key[3]
    if key[0] == "follow_up":
        return rules.follow_up_form(key[1])
    return F.E_LEARNING


def _estimate(key, people, amount, costs) -> tuple[int, Decimal]:
    form = _form_of(key)
    if key[0] == "gap":
        return rules.plan_line_estimate(
            people=people, form=form, gap_levels_total=amount, costs=costs
        )
    if key[0] == "follow_up":
        return rules.plan_line_estimate(people=people, form=form, needs=amount, costs=costs)
    return rules.plan_line_estimate(people=people, form=form, jp=amount, costs=costs)


def _lines(tallies, costs, *, keep_ids) -> list[PlanLine]:
    merged: dict[tuple, list] = {}
    for (_index, key), (people, amount, ids) in tallies.items():
        line = merged.get(key)
        if line is None:
            line = merged[key] = [0, 0, []]
        line[0] += people
        line[1] += amount
        if keep_ids:
            line[2].extend(ids)
    codes = {key[1] for key in merged if key[0] == "gap"}
    competencies = {c.code: c for c in Competency.objects.filter(code__in=codes)} if codes else {}
    order = {code: i for i, code in enumerate(sorted(competencies, key=lambda c: (
        competencies[c].group, c)))}  # fmt: skip

    def sort_key(key):
        if key[0] == "gap":
            return (0, order[key[1]], key[2], FORM_ORDER[key[3]])
        if key[0] == "follow_up":
            return (1, FOLLOW_UP_KINDS.index(key[1]), 0, 0)
        return (2, 0, 0, 0)

    lines = []
    for key in sorted(merged, key=sort_key):
        people, amount, ids = merged[key]
        jp, cost = _estimate(key, people, amount, costs)
        lines.append(
            PlanLine(
                source=key[0] if key[0] != "jp" else LineSource.JP_SHORTFALL,
                form=_form_of(key),
                people=people,
                amount=amount,
                jp=jp,
                cost=cost,
                competency=competencies[key[1]] if key[0] == "gap" else None,
                target_level=key[2] if key[0] == "gap" else None,
                follow_up_kind=key[1] if key[0] == "follow_up" else "",
                employee_ids=sorted(ids) if keep_ids else [],
            )
        )
    return lines


def development_plan(
    user,
    *,
    root_unit: OrgUnit,
    year: int,
    costs: Mapping | None = None,
    jp_done: Mapping[int, float] | None = None,
) -> DevelopmentPlan:
    """The costed development plan of the employees in service under `root_unit` whom `user`
    reads or leads (scoped like the heat map; callers fetch `root_unit` with
    `selectors.aggregate_unit_get_for_user`). Lines per (competency, target level, form), per
    SKP follow-up kind and for the JP still missing; a row per direct child unit (and the root
    itself when employees sit there); totals. `costs` overrides the unit costs in use.
    Six queries, however many employees."""
    unit_costs = plan_costs_in_use(costs)
    children = list(OrgUnit.objects.filter(parent=root_unit).order_by("name"))
    rows = (
        _aggregate_employees(user, root_unit)
        .order_by()
        .values_list("pk", "position_id", "unit__path")
    )
    tallies, unit_counts = _tally(
        rows, children=children, year=year, costs=unit_costs, jp_done=jp_done, keep_ids=False
    )
    lines = _lines(tallies, unit_costs, keep_ids=False)

    units = [PlanUnitRow(unit=child, is_root=False) for child in children]
    own = PlanUnitRow(unit=root_unit, is_root=True)
    for index, (employees, people) in unit_counts.items():
        row = own if index == -1 else units[index]
        row.employees, row.people = employees, people
    for (index, key), (people, amount, _ids) in tallies.items():
        row = own if index == -1 else units[index]
        jp, cost = _estimate(key, people, amount, unit_costs)
        row.jp += jp
        row.cost += cost
    if own.employees:
        units.insert(0, own)
    plan = DevelopmentPlan(
        root=root_unit,
        year=year,
        costs=unit_costs,
        lines=lines,
        units=units,
        employees=sum(row.employees for row in units),
        people=sum(row.people for row in units),
        jp=sum(line.jp for line in lines),
        cost=sum((line.cost for line in lines), Decimal(0)),
    )
    if masks_small_groups(user, root_unit):
        _mask(plan)
    return plan


def _mask(plan: DevelopmentPlan) -> None:
    """Small groups are persons (SECURITY.md): for a reader who may not read every person
    counted, replace each count of fewer than AGGREGATE_MIN_GROUP people with the "< 5"
    label, and the JP and cost of such a group too (they are its count times a unit cost).
    Totals are summed first, so the visible ones stay true. Applied once, here, so the page
    and both exports show the same."""
    label = small_group_label()
    plan.mask = True
    for line in plan.lines:
        if is_small_group(line.people):
            line.people = line.jp = line.cost = label
            line.small = True
    for row in [*plan.units, plan]:
        if is_small_group(row.people):
            row.people = row.jp = row.cost = label
        row.employees = masked(row.employees, row.employees)


def plan_demand(
    *,
    root_unit: OrgUnit,
    year: int,
    form: str | Iterable[str] | None = None,
    costs: Mapping | None = None,
    jp_done: Mapping[int, float] | None = None,
) -> list[PlanLine]:
    """The plan's lines with `employee_ids` (sorted) filled in, for the training and mentoring
    modules to invite participants: all employees in service under `root_unit`, no user and no
    scoping (callers check access, e.g. with `aggregate_unit_get_for_user`). `form` keeps the
    lines of one form or several (`rules.PlanForm`): note that 1-level gaps are
    `COACHING_MENTORING`, so a mentoring module asks for (MENTORING, COACHING_MENTORING).
    Lines as in `development_plan`: per (competency, target level, form), per follow-up kind,
    and the JP shortfall (e-learning). Five queries."""
    unit_costs = plan_costs_in_use(costs)
    rows = (
        Employee.objects.filter(root_unit.subtree_q("unit__"))
        .exclude(state__in=GONE_STATES)
        .order_by()
        .values_list("pk", "position_id", "unit__path")
    )
    tallies, _units = _tally(
        rows, children=[], year=year, costs=unit_costs, jp_done=jp_done, keep_ids=True
    )
    lines = _lines(tallies, unit_costs, keep_ids=True)
    if form is None:
        return lines
    wanted = {form} if isinstance(form, str) else set(form)
    unknown = wanted - set(F.ALL)
    if unknown:
        raise ValueError(f"unknown form(s) {sorted(unknown)}: use {', '.join(F.ALL)}")
    return [line for line in lines if line.form in wanted]


# --- exports (rencana pengembangan kompetensi) ---------------------------------------------------

DOCUMENT_HEADERS = (
    "No", "Kompetensi", "Level/target", "Bentuk pengembangan", "Jumlah peserta", "JP",
    "Estimasi biaya (Rp)", "Keterangan",
)  # fmt: skip
UNIT_HEADERS = ("No", "Unit kerja", "Jumlah ASN", "Jumlah peserta", "JP", "Estimasi biaya (Rp)")
COST_HEADERS = (
    "Bentuk pengembangan", "JP per level kesenjangan", "JP per tindak lanjut",
    "Biaya per peserta-JP (Rp)", "Biaya per peserta (Rp)",
)  # fmt: skip


def _document_rows(plan: DevelopmentPlan) -> list[list]:
    rows = [
        [n, line.document_subject, line.document_level, FORM_DOCUMENT_LABELS[line.form],
         line.people, line.jp, line.cost, line.document_note]
        for n, line in enumerate(plan.lines, start=1)
    ]  # fmt: skip
    rows.append(["", "JUMLAH", "", "", plan.people, plan.jp, plan.cost,
                 f"{plan.people} dari {plan.employees} ASN"])  # fmt: skip
    return rows


def plan_xlsx(plan: DevelopmentPlan) -> bytes:
    """The plan as a workbook: the plan sheet (title, the RPK columns, a totals row), the
    share of each unit and the unit costs used. Rupiah cells are numbers formatted #,##0."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from binakinerja.core.exporting import safe_cell

    workbook = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEEEEE")

    def sheet_of(sheet, title, headers, rows, money_columns, widths):
        sheet.append([safe_cell(title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        sheet.append(list(headers))
        for cell in sheet[3]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
            for column in money_columns:
                sheet.cell(row=sheet.max_row, column=column).number_format = "#,##0"
        for i, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + i)].width = width

    sheet = workbook.active
    sheet.title = "Rencana"
    rows = _document_rows(plan)
    sheet_of(sheet, plan.title, DOCUMENT_HEADERS, rows, [7], [5, 42, 12, 30, 14, 10, 18, 36])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    units = [
        [n, row.unit.name, row.employees, row.people, row.jp, row.cost]
        for n, row in enumerate(plan.units, start=1)
    ]
    units.append(["", "JUMLAH", plan.employees, plan.people, plan.jp, plan.cost])
    sheet_of(workbook.create_sheet("Per unit"), plan.title, UNIT_HEADERS, units, [6],
             [5, 42, 12, 14, 10, 18])  # fmt: skip
    costs = [
        [FORM_DOCUMENT_LABELS[form], v["jp_per_level"], v["jp_per_need"], v["cost_per_jp"],
         v["cost_per_participant"]]
        for form, v in plan.costs.items()
    ]  # fmt: skip
    sheet_of(workbook.create_sheet("Biaya satuan"), "Biaya satuan yang dipakai", COST_HEADERS,
             costs, [4, 5], [32, 14, 14, 18, 18])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plan_pdf(plan: DevelopmentPlan) -> bytes:
    """The plan as an A4 landscape PDF in the house style of performance/documents.py."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    from binakinerja.core.pdf import para

    styles = getSampleStyleSheet()
    right = ParagraphStyle("right", parent=styles["BodyText"], alignment=TA_RIGHT)
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f5f5f5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
        ]
    )

    def p(value, align=None):
        text = rules.rupiah_text(value) if isinstance(value, Decimal) else value
        return para(text, right if align == "right" else styles["BodyText"])

    def table(headers, rows, widths, numeric_from):
        data = [[p(h) for h in headers]]
        for row in rows:
            data.append(
                [p(v, "right" if i >= numeric_from and not isinstance(v, str) else None)
                 for i, v in enumerate(row)]
            )  # fmt: skip
        result = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        result.setStyle(grid)
        return result

    instansi = OrgUnit.objects.filter(path=plan.root.instansi_path).first()
    story = [
        para(instansi.name if instansi else "", styles["Title"], upper=True),
        para(plan.title, styles["Heading2"], upper=True),
        Spacer(1, 3 * mm),
        table(DOCUMENT_HEADERS, _document_rows(plan), [10, 70, 20, 45, 20, 18, 32, 52], 4),
        Spacer(1, 5 * mm),
        para("RINCIAN PER UNIT KERJA", styles["Heading3"]),
    ]
    units = [
        [n, row.unit.name, row.employees, row.people, row.jp, row.cost]
        for n, row in enumerate(plan.units, start=1)
    ]
    units.append(["", "JUMLAH", plan.employees, plan.people, plan.jp, plan.cost])
    story += [table(UNIT_HEADERS, units, [10, 110, 25, 25, 25, 40], 2), Spacer(1, 5 * mm)]
    story.append(para("BIAYA SATUAN YANG DIPAKAI", styles["Heading3"]))
    costs = [
        [FORM_DOCUMENT_LABELS[form], v["jp_per_level"], v["jp_per_need"], v["cost_per_jp"],
         v["cost_per_participant"]]
        for form, v in plan.costs.items()
    ]  # fmt: skip
    cost_table = Table(
        [[p(h) for h in COST_HEADERS]]
        + [[p(v, None if i == 0 else "right") for i, v in enumerate(row)] for row in costs],
        colWidths=[70 * mm, 40 * mm, 40 * mm, 45 * mm, 45 * mm],
    )
    cost_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story += [
        cost_table,
        Spacer(1, 3 * mm),
        para(
            f"Kebutuhan dihitung dari kesenjangan kompetensi, tindak lanjut SKP dan kewajiban "
            f"{rules.YEARLY_JP} JP per tahun (1 JP = {rules.JP_MINUTES} menit). Kesenjangan "
            f"2 level atau lebih: klasikal; 1 level: coaching/mentoring.",
            styles["BodyText"],
        ),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm,
                            rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                            invariant=True, title=plan.title)  # fmt: skip
    doc.build(story)
    return buffer.getvalue()
