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

import hashlib
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
from binakinerja.core.documents import (
    Column,
    OfficialDocument,
    PlainCell,
    Section,
    SheetWriter,
    Signer,
    Total,
    grid,
    id_date,
    id_number,
    id_rupiah,
    signature_blocks,
    text,
    title_block,
)
from binakinerja.core.privacy import is_small_group, masked, min_group, small_group_label
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
    kinds: frozenset[str] = frozenset()  # jabatan kinds of its people ("" = no position)

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
        return f"Level {self.target_level}" if self.target_level else NONE

    @property
    def document_note(self) -> str:
        if self.small:
            return ""
        if self.source == LineSource.GAP:
            return f"Total kesenjangan {id_number(self.amount)} level"
        if self.source == LineSource.FOLLOW_UP:
            return f"{id_number(self.amount)} tindak lanjut terbuka"
        return "Kekurangan JP setelah pengembangan di atas"


@dataclass
class PlanUnitRow:
    """The plan's share of one child unit of the root (or of the root unit itself)."""

    unit: OrgUnit
    is_root: bool
    employees: int = 0  # in service, in scope
    people: int = 0  # of them, with at least one planned development (each counted once)
    participants: int = 0  # the lines' people summed: one ASN in two lines counts twice
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
    people: int  # unique ASN with at least one line
    jp: int
    cost: Decimal
    mask: bool = False  # small groups hidden from this reader (see _mask)
    participants: int = 0  # the lines' people summed (participants counted per line)

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
    """Walk the employees once: {(unit index, line key): [people, amount, ids, position
    kinds]}, and per unit index [employees, people]. `rows` are (pk, position id, unit path,
    position kind). Line keys: ("gap", code, level, form), ("follow_up", kind), ("jp",). Unit
    index -1 is the root unit itself."""
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

    def add(index, key, pk, amount, kind):
        tally = tallies.get((index, key))
        if tally is None:
            tally = tallies[(index, key)] = [0, 0, [], set()]
        tally[0] += 1
        tally[1] += amount
        tally[3].add(kind)
        if keep_ids:
            tally[2].append(pk)

    for pk, position_id, path, kind in rows:
        kind = kind or ""
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
                add(index, ("gap", code, level, form), pk, gap, kind)
                planned += gap * per_level[form]
                has_need = True
        counts: dict[str, int] = {}
        for _id, follow_up_kind, _predikat in follow_ups.get(pk, ()):
            counts[follow_up_kind] = counts.get(follow_up_kind, 0) + 1
        for follow_up_kind, count in counts.items():
            add(index, ("follow_up", follow_up_kind), pk, count, kind)
            planned += count * per_need[rules.follow_up_form(follow_up_kind)]
            has_need = True
        missing = rules.jp_still_missing(jp_done=done.get(pk, 0), planned_jp=planned)
        if missing:
            add(index, ("jp",), pk, missing, kind)
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
    for (_index, key), (people, amount, ids, kinds) in tallies.items():
        line = merged.get(key)
        if line is None:
            line = merged[key] = [0, 0, [], set()]
        line[0] += people
        line[1] += amount
        line[3] |= kinds
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
        people, amount, ids, kinds = merged[key]
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
                kinds=frozenset(kinds),
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
        .values_list("pk", "position_id", "unit__path", "position__kind")
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
    for (index, key), (people, amount, _ids, _kinds) in tallies.items():
        row = own if index == -1 else units[index]
        jp, cost = _estimate(key, people, amount, unit_costs)
        row.participants += people
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
        participants=sum(line.people for line in lines),
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
            line.kinds = frozenset()  # "the one JPT of the unit" would name them
    for row in [*plan.units, plan]:
        if is_small_group(row.people):
            row.people = row.participants = row.jp = row.cost = label
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
        .values_list("pk", "position_id", "unit__path", "position__kind")
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


# --- the document (rencana pengembangan kompetensi) ----------------------------------------------
# An official Indonesian document (core/documents.py): its text is written in Indonesian here,
# not translated. The PDF and the XLSX share the columns, rows and totals below.

# The JADWAL/WAKTU column: when in the year each form is planned. No regulation fixes it, and
# the app does not schedule batches (an angkatan gets its dates when it is organised), so this
# is the planned window, not a batch date: klasikal waits for the year's APBD to be in force and
# a batch to be procured and organised (triwulan II–III); coaching, mentoring and e-learning run
# beside the work all year.
ALL_YEAR = "Triwulan I–IV\nJanuari–Desember"
PLAN_WINDOWS = {
    F.KLASIKAL: "Triwulan II–III\nApril–September",
    F.COACHING_MENTORING: ALL_YEAR,
    F.COACHING: ALL_YEAR,
    F.MENTORING: ALL_YEAR,
    F.E_LEARNING: ALL_YEAR,
}
# The form codes of Perlan 10/2018 as agencies transcribe them (DOMAIN.md §8a): a competency
# gap met in class is the training of its group; a training need from an SKP follow-up has no
# group, so the kind of training is chosen when it is organised.
KLASIKAL_BY_GROUP = {
    "manajerial": "Klasikal (KL02)\nPelatihan manajerial",
    "sosial_kultural": "Klasikal (KL05)\nPelatihan sosial kultural",
    "teknis": "Klasikal (KL03)\nPelatihan teknis",
}
FORM_DOCUMENT_CODES = {
    F.KLASIKAL: "Klasikal (KL01–KL12)\nPelatihan sesuai kebutuhan",
    F.COACHING_MENTORING: "Nonklasikal (NKL01/NKL02)\nCoaching/mentoring",
    F.COACHING: "Nonklasikal (NKL01)\nCoaching",
    F.MENTORING: "Nonklasikal (NKL02)\nMentoring",
    F.E_LEARNING: "Nonklasikal (NKL03)\nE-learning",
}
# The SASARAN column: the jabatan kinds of a line's people, in the order of PositionKind (JF:
# jabatan fungsional).
KIND_DOCUMENT_LABELS = {
    "jpt_utama": "JPT utama", "jpt_madya": "JPT madya", "jpt_pratama": "JPT pratama",
    "administrator": "Administrator", "pengawas": "Pengawas",
    "fungsional_keahlian": "JF keahlian", "fungsional_keterampilan": "JF keterampilan",
    "pelaksana": "Pelaksana",
    "": "Belum berjabatan",
}  # fmt: skip
# SUMBER ANGGARAN: competency development is paid from the government's own regional budget
# (DOMAIN.md §9a: the 0.34% floor of APBD); `{pemda}` is the government without "Pemerintah".
FUNDING_SOURCE = "APBD {pemda}"
NONE = "–"  # an empty cell (not "-": the XLSX guard against formulas would print "'-")
UNSIGNED_NAME = "(" + "." * 48 + ")"  # the name line to fill in by hand
UNSIGNED_NIP = "." * 40

LINE_COLUMNS = [
    ("NO", 9, "centre"), ("KOMPETENSI / KEBUTUHAN", 46, "left"), ("TINGKAT", 17, "centre"),
    ("BENTUK PENGEMBANGAN", 42, "left"), ("SASARAN", 34, "left"),
    ("JUMLAH PESERTA", 18, "right"), ("JP", 17, "right"), ("JADWAL/WAKTU", 30, "left"),
    ("PERKIRAAN BIAYA", 32, "right"), ("SUMBER ANGGARAN", 22, "left"),
]  # fmt: skip
UNIT_COLUMNS = [
    ("NO", 9, "centre"), ("UNIT KERJA", 107, "left"), ("JUMLAH ASN", 22, "right"),
    ("ASN DENGAN RENCANA\n(UNIK)", 30, "right"), ("PESERTA\n(PER BARIS)", 30, "right"),
    ("JP", 30, "right"), ("PERKIRAAN BIAYA", 39, "right"),
]  # fmt: skip
COST_COLUMNS = [
    ("NO", 9, "centre"), ("BENTUK PENGEMBANGAN", 88, "left"),
    ("JP PER LEVEL KESENJANGAN", 40, "right"), ("JP PER TINDAK LANJUT", 40, "right"),
    ("BIAYA PER PESERTA-JP", 45, "right"), ("BIAYA PER PESERTA", 45, "right"),
]  # fmt: skip
LINE_MONEY, UNIT_MONEY, COST_MONEY = (8,), (6,), (4, 5)  # indexes of the rupiah columns
TOTAL_PER_LINE = "JUMLAH (peserta dihitung per baris)"
TOTAL_UNIQUE = "ASN unik (setiap ASN dihitung sekali)"


def document_form(line: PlanLine) -> str:
    """The BENTUK PENGEMBANGAN cell: klasikal or nonklasikal, the form and its KL/NKL code."""
    if line.form == F.KLASIKAL and line.competency is not None:
        return KLASIKAL_BY_GROUP.get(line.competency.group, FORM_DOCUMENT_CODES[F.KLASIKAL])
    return FORM_DOCUMENT_CODES[line.form]


def document_target(line: PlanLine) -> str:
    """The SASARAN cell: the jabatan kinds of the line's people ("–" when hidden: naming the
    one JPT of a unit would name them)."""
    if not line.kinds:
        return NONE
    return ", ".join(label for kind, label in KIND_DOCUMENT_LABELS.items() if kind in line.kinds)


def _money(value) -> str:
    return value if isinstance(value, str) else id_rupiah(value)


@dataclass
class PlanDocument:
    """What the plan's document needs beyond the plan: the government, the budget, who signs."""

    government: str
    pemda: str  # the government without "Pemerintah": "Provinsi Gorontalo"
    funding: str
    place: str
    compiler: str  # the position of who composes the plan (the head of the BKD/BKPSDM)
    printed_at: object
    version: str


def plan_document(plan: DevelopmentPlan) -> PlanDocument:
    """The government of the plan's root, its APBD, the place of signing (its kab/kota) and the
    BKD/BKPSDM whose head composes the plan (two queries). `version` is a fingerprint of the
    figures: two prints with the same version show the same plan."""
    from django.utils import timezone

    instansi = OrgUnit.objects.filter(path=plan.root.instansi_path).first()
    government = instansi.name if instansi else ""
    pemda = government.removeprefix("Pemerintah ").strip() or government
    place = (instansi.kab_kota if instansi else "").removeprefix("Kota ")
    place = place.removeprefix("Kabupaten ").strip()
    agency = (
        OrgUnit.objects.filter(path__startswith=plan.root.instansi_path, kind=OrgUnit.Kind.OPD,
                               name__icontains="kepegawaian")
        .order_by("path").values_list("name", flat=True).first()
    )  # fmt: skip
    lines = [(line.document_subject, line.form, line.people, line.jp, str(line.cost))
             for line in plan.lines]  # fmt: skip
    figures = repr([lines, plan.people, plan.participants, plan.employees, plan.year])
    return PlanDocument(
        government=government,
        pemda=pemda,
        funding=FUNDING_SOURCE.format(pemda=pemda),
        place=place,
        compiler=f"Kepala {agency or 'Badan Kepegawaian Daerah'}",
        printed_at=timezone.localdate(),
        version=hashlib.sha256(figures.encode()).hexdigest()[:8],
    )


def _line_rows(plan: DevelopmentPlan, doc: PlanDocument) -> list:
    rows: list = []
    for n, line in enumerate(plan.lines, start=1):
        subject = line.document_subject
        if line.document_note:
            subject += f"\n{line.document_note}"
        free = not isinstance(line.cost, str) and not line.cost
        rows.append([n, subject, line.document_level, document_form(line),
                     document_target(line), line.people, line.jp, PLAN_WINDOWS[line.form],
                     line.cost, NONE if free else doc.funding])  # fmt: skip
    if not rows:
        rows.append(Section("Tidak ada kebutuhan pengembangan kompetensi pada tahun ini."))
    rows.append(Total(["", TOTAL_PER_LINE, "", "", "", plan.participants, plan.jp, "",
                       plan.cost, ""]))  # fmt: skip
    rows.append(Total(["", TOTAL_UNIQUE, "", "", "", plan.people, "", "", "", ""]))
    return rows


def _unit_rows(plan: DevelopmentPlan) -> list:
    rows: list = [
        [n, row.unit.name + (" (unit induk)" if row.is_root else ""), row.employees,
         row.people, row.participants, row.jp, row.cost]
        for n, row in enumerate(plan.units, start=1)
    ]  # fmt: skip
    rows.append(Total(["", "JUMLAH", plan.employees, plan.people, plan.participants, plan.jp,
                       plan.cost]))  # fmt: skip
    return rows


def _cost_rows(plan: DevelopmentPlan) -> list:
    return [
        [n, FORM_DOCUMENT_CODES[form].replace("\n", ": "), v["jp_per_level"], v["jp_per_need"],
         v["cost_per_jp"], v["cost_per_participant"]]
        for n, (form, v) in enumerate(plan.costs.items(), start=1)
    ]  # fmt: skip


def _notes(plan: DevelopmentPlan) -> list[str]:
    people = plan.people if isinstance(plan.people, str) else id_number(plan.people)
    employees = plan.employees if isinstance(plan.employees, str) else id_number(plan.employees)
    notes = [
        f"Jumlah peserta dihitung per baris: seorang ASN yang direncanakan pada dua baris "
        f"dihitung dua kali. ASN unik menghitung setiap ASN sekali: {people} dari {employees} "
        f"ASN dalam lingkup rencana ini.",
        f"Kebutuhan dihitung dari kesenjangan kompetensi terhadap standar jabatan, tindak lanjut "
        f"SKP dan kewajiban {rules.YEARLY_JP} JP per tahun (1 JP = {rules.JP_MINUTES} menit). "
        f"Kesenjangan 2 level atau lebih: klasikal; 1 level: coaching/mentoring; kekurangan JP: "
        f"e-learning. Jadwal/waktu adalah rentang yang direncanakan, bukan tanggal angkatan.",
    ]
    if plan.mask:
        notes.append(
            f"Angka tentang kelompok kurang dari {min_group()} orang ditampilkan sebagai "
            f'"{small_group_label()}" agar tidak seorang pun dapat dikenali.'
        )
    return notes


def _signers(plan: DevelopmentPlan, doc: PlanDocument) -> tuple[Signer, Signer]:
    when = id_date(doc.printed_at)
    return (
        Signer("Disusun oleh", UNSIGNED_NAME, UNSIGNED_NIP, f"{doc.compiler}\n{doc.pemda}",
               key="penyusun"),
        Signer("Disetujui oleh", UNSIGNED_NAME, UNSIGNED_NIP,
               f"a.n. Pejabat Pembina Kepegawaian\nSekretaris Daerah {doc.pemda}",
               f"{doc.place}, {when}" if doc.place else when, key="penyetuju"),
    )  # fmt: skip


def _subtitles(plan: DevelopmentPlan, doc: PlanDocument) -> list[str]:
    names = [plan.root.name] if plan.root.kind != OrgUnit.Kind.INSTANSI else []
    return [*names, doc.government, f"Tahun {plan.year}"]


def plan_pdf(plan: DevelopmentPlan) -> bytes:
    """The plan as an A4 landscape official document: the lines with their target, schedule,
    cost and budget, two totals (participants per line and unique ASN), the share of each unit,
    the unit costs used, and the approval block (composed by the BKD, approved for the PPK)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Spacer, TableStyle

    doc = plan_document(plan)

    def columns(spec):
        return [Column(header, width, align) for header, width, align in spec]

    def table(spec, rows, money, span_label=False):
        result = grid(columns(spec), [_pdf_row(row, spec, money) for row in rows])
        if span_label:  # the totals' labels run across the descriptive columns
            body = [i for i, row in enumerate(rows, start=1) if isinstance(row, Total)]
            result.setStyle(TableStyle([("SPAN", (1, i), (4, i)) for i in body]))
        return result

    story = [*title_block("Rencana Pengembangan Kompetensi ASN", *_subtitles(plan, doc)),
             Spacer(1, 2 * mm),
             table(LINE_COLUMNS, _line_rows(plan, doc), LINE_MONEY, span_label=True)]  # fmt: skip
    story += [Spacer(1, 1.5 * mm), *(text(note, "small") for note in _notes(plan)[:1])]
    story += [CondPageBreak(45 * mm), text("RINCIAN PER UNIT KERJA", "heading"),
              table(UNIT_COLUMNS, _unit_rows(plan), UNIT_MONEY)]  # fmt: skip
    story += [CondPageBreak(45 * mm), text("BIAYA SATUAN YANG DIPAKAI", "heading"),
              table(COST_COLUMNS, _cost_rows(plan), COST_MONEY), Spacer(1, 2 * mm)]  # fmt: skip
    story += [text(note, "small") for note in _notes(plan)[1:]]
    width = sum(width for _header, width, _align in LINE_COLUMNS)
    story.append(signature_blocks(*_signers(plan, doc), width_mm=width))
    return OfficialDocument(
        title=plan.title, government=doc.government, version=doc.version,
        printed_at=doc.printed_at, landscape=True,
    ).build(story)  # fmt: skip


def _pdf_row(row, spec, money: tuple[int, ...]):
    """Every cell a `PlainCell` aligned as its column: money columns (their indexes) as
    rupiah, counts the Indonesian way, masked counts ("< 5") as they are; totals in bold."""
    if isinstance(row, Section):
        return row
    bold = isinstance(row, Total)
    cells = []
    for i, (value, (_header, _width, align)) in enumerate(zip(row.cells if bold else row, spec,
                                                              strict=True)):  # fmt: skip
        if i in money and value != "":
            value = _money(value)
        elif isinstance(value, int | Decimal):
            value = id_number(value)
        cells.append(PlainCell(value, align, bold=bold))
    return Total(cells) if bold else cells


def plan_xlsx(plan: DevelopmentPlan) -> bytes:
    """The same document in a workbook, in the PDF's order, columns and totals (numbers stay
    numbers; rupiah cells formatted #,##0)."""
    doc = plan_document(plan)
    sheet = SheetWriter(plan.title, [5, 44, 11, 34, 26, 12, 10, 24, 16, 22], sheet_title="Rencana")
    sheet.title("Rencana Pengembangan Kompetensi ASN", *_subtitles(plan, doc))

    def table(spec, rows, money):
        start = sheet.row
        sheet.table([header for header, _w, _a in spec], rows)
        for row in range(start + 1, sheet.row):
            for index in money:
                sheet.sheet.cell(row, index + 1).number_format = "#,##0"

    table(LINE_COLUMNS, _line_rows(plan, doc), LINE_MONEY)
    sheet.line(_notes(plan)[0])
    sheet.blank()
    sheet.line("RINCIAN PER UNIT KERJA", bold=True)
    table(UNIT_COLUMNS, _unit_rows(plan), UNIT_MONEY)
    sheet.blank()
    sheet.line("BIAYA SATUAN YANG DIPAKAI", bold=True)
    table(COST_COLUMNS, _cost_rows(plan), COST_MONEY)
    for note in _notes(plan)[1:]:
        sheet.line(note)
    sheet.signatures(*_signers(plan, doc))
    return sheet.to_bytes()
