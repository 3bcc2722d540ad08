"""The budget's figures (issue 16): absorption per line, OPD, program and government by month;
cost per participant and per JP delivered per batch, training program, institution and form;
the share of total regional spending against the floor; the public figures of published
years. Reads only, in grouped queries whose number does not grow with the lines: a line's
`realised` is kept with its entries, so totals sum lines, and only the monthly curve reads
entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Count, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce, Substr

from binakinerja.budgets import rules
from binakinerja.budgets.models import BudgetLine, BudgetPolicy, BudgetYear, Realisation
from binakinerja.organizations.models import OrgUnit
from binakinerja.trainings.ledger import jp_delivered, jp_delivered_by_batch
from binakinerja.trainings.models import Batch
from binakinerja.trainings.rules import FORMS

ZERO = Decimal(0)


@dataclass
class Absorption:
    """Pagu and realisasi of a group of lines."""

    label: str
    pagu: Decimal = ZERO
    realised: Decimal = ZERO
    lines: int = 0
    key: object = None

    @property
    def percent(self) -> Decimal | None:
        return rules.absorption(self.pagu, self.realised)

    @property
    def remaining(self) -> Decimal:
        return self.pagu - self.realised


def totals(lines: QuerySet[BudgetLine], label: str = "") -> Absorption:
    found = lines.order_by().aggregate(pagu=Sum("pagu"), realised=Sum("realised"), n=Count("pk"))
    return Absorption(label=label, pagu=found["pagu"] or ZERO,
                      realised=found["realised"] or ZERO, lines=found["n"])  # fmt: skip


def _grouped(lines: QuerySet[BudgetLine], key: str, label: str) -> list[Absorption]:
    rows = (
        lines.order_by().values(key, label)
        .annotate(pagu=Sum("pagu"), realised=Sum("realised"), n=Count("pk"))
        .order_by(label)
    )  # fmt: skip
    return [Absorption(label=row[label] or "", pagu=row["pagu"], realised=row["realised"],
                       lines=row["n"], key=row[key]) for row in rows]  # fmt: skip


def by_opd(lines: QuerySet[BudgetLine]) -> list[Absorption]:
    return _grouped(lines, "opd_id", "opd__name")


def by_rekening(lines: QuerySet[BudgetLine]) -> list[Absorption]:
    """Per kode rekening (the finance office's view)."""
    rows = _grouped(lines, "rekening_code", "rekening_code")
    for row in rows:
        name = rules.REKENING.get(row.key)
        row.label = f"{row.key} {name}" if name else row.key
    return rows


def by_kegiatan(lines: QuerySet[BudgetLine]) -> list[Absorption]:
    rows = _grouped(lines, "kegiatan_code", "kegiatan_code")
    for row in rows:
        name = rules.KEGIATAN.get(row.key)
        row.label = f"{row.key} {name}" if name else row.key
    return rows


def by_program(lines: QuerySet[BudgetLine]) -> list[Absorption]:
    """Per program of the programs app: lines tied to one of its phases or socialisation
    events."""
    grouped = (
        lines.annotate(program_id=Coalesce("phase__program_id", "event__program_id"),
                      program_name=Coalesce("phase__program__name", "event__program__name"))
        .filter(program_id__isnull=False)
        .order_by()
        .values("program_id", "program_name")
        .annotate(pagu=Sum("pagu"), realised=Sum("realised"), n=Count("pk"))
        .order_by("program_name")
    )  # fmt: skip
    return [Absorption(label=row["program_name"], pagu=row["pagu"], realised=row["realised"],
                       lines=row["n"], key=row["program_id"]) for row in grouped]  # fmt: skip


@dataclass
class Month:
    month: int
    realised: Decimal
    cumulative: Decimal
    percent: Decimal | None  # cumulative absorption of the pagu


def by_month(lines: QuerySet[BudgetLine], pagu: Decimal) -> list[Month]:
    """Realisasi per month of the year (entries by their date, reversals in their own month)
    and the cumulative absorption: one grouped query over the entries."""
    # The month as text ("2026-07-01"[5:7]): SQLite would run ExtractMonth as a Python function
    # on every entry; a substring of the ISO date is plain SQL on both databases.
    month_of = Substr(Cast("date", CharField()), 6, 2)
    rows = {
        int(month): total
        for month, total in Realisation.objects.filter(line__in=lines.order_by().values("pk"))
        .annotate(month=month_of)
        .order_by()
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    }  # fmt: skip
    months, running = [], ZERO
    for month in range(1, 13):
        amount = rows.get(month) or ZERO
        running += amount
        months.append(Month(month, amount, running, rules.absorption(pagu, running)))
    return months


# --- the floor ----------------------------------------------------------------------------------


def floor_percent_of(instansi: OrgUnit) -> Decimal:
    policy = BudgetPolicy.objects.filter(instansi=instansi).first()
    return policy.floor_percent if policy else rules.DEFAULT_FLOOR_PERCENT


@dataclass
class Floor:
    """The year's competency-development budget against the floor: the pagu decides (the
    floor is about what is allocated); the realised share is shown beside it."""

    allocated: rules.FloorCheck
    realised_share: Decimal | None
    total_spending: Decimal | None


def floor(instansi: OrgUnit, year: int, whole: Absorption) -> Floor:
    budget_year = BudgetYear.objects.filter(instansi=instansi, year=year).first()
    total = budget_year.total_spending if budget_year else None
    return Floor(allocated=rules.floor_check(whole.pagu, total, floor_percent_of(instansi)),
                 realised_share=rules.share(whole.realised, total) if total else None,
                 total_spending=total)  # fmt: skip


# --- cost per participant and per JP ------------------------------------------------------------


@dataclass
class Cost:
    label: str
    cost: Decimal = ZERO
    participants: int = 0
    jp: Decimal = ZERO
    batches: int = 0
    key: object = None

    @property
    def per_participant(self) -> Decimal | None:
        return rules.cost_per(self.cost, self.participants)

    @property
    def per_jp(self) -> Decimal | None:
        return rules.cost_per(self.cost, self.jp)


@dataclass
class Costs:
    batches: list[Cost] = field(default_factory=list)
    programs: list[Cost] = field(default_factory=list)
    institutions: list[Cost] = field(default_factory=list)
    forms: list[Cost] = field(default_factory=list)
    total: Cost = field(default_factory=lambda: Cost(label=""))


def costs(lines: QuerySet[BudgetLine], year: int) -> Costs:
    """What the year's batches cost (realisasi of the lines tied to them) against the ASN and
    JP the ledger credited for them, per batch and rolled up per training program, institution
    and form. Three queries."""
    spent = dict(
        lines.filter(batch__isnull=False).order_by().values("batch_id")
        .annotate(total=Sum("realised")).values_list("batch_id", "total")
    )  # fmt: skip
    if not spent:
        return Costs()
    batches = (
        Batch.objects.filter(pk__in=list(spent))
        .select_related("program__institution")
        .order_by("start", "name")
    )
    delivered = jp_delivered_by_batch(list(spent), year)
    found = Costs()
    groups = {"programs": {}, "institutions": {}, "forms": {}}
    forms = {code: form.name for code, form in FORMS.items()}
    for batch in batches:
        n, jp = delivered.get(batch.pk, (0, ZERO))
        row = Cost(label=str(batch), cost=spent[batch.pk], participants=n, jp=jp or ZERO,
                   batches=1, key=batch.pk)  # fmt: skip
        found.batches.append(row)
        program = batch.program
        for name, key, label in (
            ("programs", program.pk, program.title),
            ("institutions", program.institution_id, program.institution.name),
            ("forms", program.form_code, f"{program.form_code} {forms.get(program.form_code, '')}"),
        ):
            group = groups[name].setdefault(key, Cost(label=label.strip(), key=key))
            group.cost += row.cost
            group.participants += row.participants
            group.jp += row.jp
            group.batches += 1
        found.total.cost += row.cost
        found.total.participants += row.participants
        found.total.jp += row.jp
        found.total.batches += 1
    for name, group in groups.items():
        setattr(found, name, sorted(group.values(), key=lambda c: c.label))
    return found


# --- the public page ----------------------------------------------------------------------------


@dataclass
class PublicYear:
    year: int
    pagu: Decimal
    realised: Decimal
    participants: int
    jp: Decimal
    floor: rules.FloorCheck

    @property
    def absorption(self) -> Decimal | None:
        return rules.absorption(self.pagu, self.realised)

    @property
    def cost_per_jp(self) -> Decimal | None:
        return rules.cost_per(self.realised, self.jp)


def public_years(instansi: OrgUnit) -> list[PublicYear]:
    """The published years of a government, newest first: pagu, realisasi, the ASN who earned
    JP from training and mentoring and those JP, cost per JP, and the share of total spending
    against the floor. Aggregates only, no names; three queries whatever the years."""
    published = dict(
        BudgetYear.objects.filter(instansi=instansi, published_at__isnull=False)
        .values_list("year", "total_spending")
    )  # fmt: skip
    if not published:
        return []
    sums = {
        row["year"]: row
        for row in BudgetLine.objects.filter(instansi=instansi, year__in=list(published))
        .order_by().values("year").annotate(pagu=Sum("pagu"), realised=Sum("realised"))
    }  # fmt: skip
    delivered = jp_delivered(instansi, list(published))
    limit = floor_percent_of(instansi)
    years = []
    for year in sorted(published, reverse=True):
        pagu = (sums.get(year) or {}).get("pagu") or ZERO
        realised = (sums.get(year) or {}).get("realised") or ZERO
        n, jp = delivered.get(year, (0, ZERO))
        years.append(PublicYear(year=year, pagu=pagu, realised=realised, participants=n,
                                jp=jp or ZERO,
                                floor=rules.floor_check(pagu, published[year], limit)))  # fmt: skip
    return years


def governments_with_published_years() -> QuerySet[OrgUnit]:
    years = BudgetYear.objects.filter(published_at__isnull=False).values("instansi_id")
    return OrgUnit.objects.filter(pk__in=years).order_by("name")


def absorption_by_opd(instansi: OrgUnit, year: int) -> dict[str, tuple[Decimal, Decimal]]:
    """(pagu, realisasi) of the year's lines per spending OPD's path; one grouped query
    (monitoring's rollups)."""
    rows = (
        BudgetLine.objects.filter(instansi=instansi, year=year)
        .order_by()
        .values("opd__path")
        .annotate(pagu=Sum("pagu"), realised=Sum("realised"))
        .values_list("opd__path", "pagu", "realised")
    )
    return {path: (pagu, realised) for path, pagu, realised in rows}
