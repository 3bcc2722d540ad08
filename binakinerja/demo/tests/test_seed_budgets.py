"""Demo budget data (`demo/budgets.py`): two years per government tied to the demo's batches,
program phases, mentoring cycles and socialisation events; realised kept equal to the entries;
the earlier year published (both for the province); one override per government waiting for
review, entries without their receipt, a reversal pair, a pagu revision, one year below the
floor and one government with its own floor; the demo admins see their budget."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from binakinerja.accounts.models import User
from binakinerja.budgets import figures
from binakinerja.budgets.models import (
    BudgetLine,
    BudgetPolicy,
    BudgetYear,
    PaguRevision,
    Realisation,
)
from binakinerja.budgets.rules import KEGIATAN, REKENING, SUB_KEGIATAN_PATTERN
from binakinerja.budgets.selectors import lines_visible_to, may_keep
from binakinerja.demo.budgets import budgets_reset, seed_budgets
from binakinerja.demo.builders import seed_demo
from binakinerja.demo.plan import AS_OF
from binakinerja.organizations.models import OrgUnit
from binakinerja.trainings.models import BatchQuota

ASN = 300  # as the other demo tests: cheap to seed
SEED = 11
EARLIER, CURRENT = AS_OF.year - 1, AS_OF.year


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)):
        with django_db_blocker.unblock(), transaction.atomic():
            result = seed_demo(asn=ASN, seed=SEED)
            yield result
            transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return seeded


def governments() -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(parent__isnull=True).order_by("path"))


def signature() -> list[tuple]:
    """The budget data without database ids."""
    lines = sorted(BudgetLine.objects.values_list(
        "instansi__name", "year", "opd__name", "sub_kegiatan_code", "name", "pagu", "realised",
        "batch__name", "phase__number", "cycle__name", "event__title",
    ))  # fmt: skip
    entries = sorted(Realisation.objects.values_list(
        "line__instansi__name", "line__name", "date", "amount", "description", "document",
        "override_reason",
    ))  # fmt: skip
    years = sorted(BudgetYear.objects.values_list("instansi__name", "year", "total_spending"))
    return [lines, entries, years]


def test_every_government_has_lines_in_both_years_with_a_realistic_apbd(demo):
    assert set(demo.budgets) >= {"lines", "entries", "published"}
    assert demo.budgets["lines"] == BudgetLine.objects.count()
    assert demo.budgets["entries"] == Realisation.objects.count()
    for government in governments():
        for year in (EARLIER, CURRENT):
            lines = BudgetLine.objects.filter(instansi=government, year=year)
            assert lines.count() >= 5, (government.name, year)
            # BKPSDM-like spending and both dinas
            names = set(lines.values_list("opd__name", flat=True))
            assert {"Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan"} <= names
            assert any("Pengembangan Sumber Daya Manusia" in name for name in names)
            budget_year = BudgetYear.objects.get(instansi=government, year=year)
            low, high = (1.7e12, 1.95e12) if "Provinsi" in government.name else (0.85e12, 1.35e12)
            assert low <= budget_year.total_spending <= high
            assert f"APBD Tahun Anggaran {year}" in budget_year.spending_source
        assert not BudgetLine.objects.filter(instansi=government).exclude(
            year__in=(EARLIER, CURRENT)).exists()  # fmt: skip
    for line in BudgetLine.objects.all():
        assert line.kegiatan_code in KEGIATAN and line.rekening_code in REKENING
        assert SUB_KEGIATAN_PATTERN.match(line.sub_kegiatan_code).group(1) == line.kegiatan_code
        assert line.sub_kegiatan_code[-5:] in (".0001", ".0002")
        assert 5_000_000 <= line.pagu < 1_000_000_000 and line.pagu % 1_000_000 == 0
        assert line.opd.parent_id == line.instansi_id


def test_realised_is_the_sum_of_every_lines_entries(demo):
    lines = BudgetLine.objects.annotate(total=Sum("entries__amount"))
    assert lines.count() > 100
    for line in lines:
        assert line.realised == (line.total or Decimal(0)), line


def test_entries_lie_in_their_year_and_never_after_as_of(demo):
    assert not Realisation.objects.exclude(date__year=F("line__year")).exists()
    assert not Realisation.objects.filter(date__gt=AS_OF).exists()
    for government in governments():
        for year, (low, high) in ((EARLIER, (0.85, 1.0)), (CURRENT, (0.38, 0.58))):
            whole = figures.totals(BudgetLine.objects.filter(instansi=government, year=year))
            assert low <= whole.realised / whole.pagu <= high, (government.name, year)


def test_tied_lines_pay_for_things_of_their_government_and_year(demo):
    batch_lines = BudgetLine.objects.filter(batch__isnull=False).select_related("batch")
    assert batch_lines.count() >= 7
    assert Counter(batch_lines.values_list("batch_id", flat=True)).most_common(1)[0][1] == 1
    for line in batch_lines:
        assert line.batch.year == line.year
        paid_by = BatchQuota.objects.filter(batch=line.batch, opd__parent=line.instansi)
        assert paid_by.exists()  # the government's ASN hold seats in it
    for line in BudgetLine.objects.filter(phase__isnull=False).select_related("phase__program"):
        assert line.phase.program.instansi_id == line.instansi_id
        assert line.phase.start.year == line.year == CURRENT
    for line in BudgetLine.objects.filter(cycle__isnull=False).select_related("cycle"):
        assert line.cycle.instansi_id == line.instansi_id and line.cycle.year == line.year
    for line in BudgetLine.objects.filter(event__isnull=False).select_related("event__program"):
        assert line.event.program.instansi_id == line.instansi_id
        assert line.event.date.year == line.year
    for government in governments():
        current = BudgetLine.objects.filter(instansi=government, year=CURRENT)
        ties = current.aggregate(phases=Count("pk", filter=Q(phase__isnull=False)),
                                 cycles=Count("pk", filter=Q(cycle__isnull=False)),
                                 events=Count("pk", filter=Q(event__isnull=False)),
                                 general=Count("pk", filter=Q(phase=None, batch=None, cycle=None,
                                                              event=None)))  # fmt: skip
        assert ties["phases"] == 2 and ties["cycles"] == 1 and ties["events"] >= 1
        assert ties["general"] >= 3
        assert (
            not BudgetLine.objects.filter(instansi=government, year=EARLIER)
            .filter(Q(phase__isnull=False) | Q(cycle__isnull=False) | Q(event__isnull=False))
            .exists()
        )  # the program and the cycles start in the current year


def test_the_earlier_year_is_published_and_the_current_one_for_the_province_only(demo):
    published = set(BudgetYear.objects.filter(published_at__isnull=False)
                    .values_list("instansi__name", "year"))  # fmt: skip
    expected = {(g.name, EARLIER) for g in governments()} | {
        ("Pemerintah Provinsi Gorontalo", CURRENT)}  # fmt: skip
    assert published == expected
    assert demo.budgets["published"] == len(expected) == 8
    assert all(published_at.date() <= AS_OF for published_at in BudgetYear.objects.filter(
        published_at__isnull=False).values_list("published_at", flat=True))  # fmt: skip
    province = OrgUnit.objects.get(name="Pemerintah Provinsi Gorontalo")
    assert [y.year for y in figures.public_years(province)] == [CURRENT, EARLIER]


def test_one_override_per_government_waits_for_review(demo):
    overrides = Realisation.objects.exclude(override_reason="").select_related("line")
    assert sorted(overrides.values_list("line__instansi__name", flat=True)) == sorted(
        g.name for g in governments())  # fmt: skip
    for entry in overrides:
        line = entry.line
        assert line.year == CURRENT and line.opd.name == "Dinas Kesehatan"
        assert entry.override_reviewed_at is None and entry.override_reviewed_by is None
        assert line.realised > line.pagu >= line.realised - entry.amount  # this one went over
        assert not line.entries.filter(date__gt=entry.date).exists()
    # No other line went over its pagu.
    over = BudgetLine.objects.filter(realised__gt=F("pagu"))
    assert set(over) == {entry.line for entry in overrides}
    assert demo.budgets["overrides"] == 7


def test_some_entries_lack_their_receipt_and_the_others_have_a_pdf(demo):
    missing = Realisation.objects.filter(document="", amount__gt=0)
    for government in governments():
        assert missing.filter(line__instansi=government, line__year=CURRENT).exists()
    assert missing.filter(
        line__instansi__name="Pemerintah Provinsi Gorontalo", line__opd__name="Dinas Kesehatan"
    ).exists()  # operator.dinkes's task
    documented = Realisation.objects.exclude(document="")
    assert documented.count() > 3 * missing.count()
    names = list(documented.values_list("document", flat=True))
    assert len(set(names)) == len(names)
    for entry in documented.order_by("pk")[:20]:
        with entry.document.open("rb") as file:
            assert file.read(5) == b"%PDF-"


def test_a_reversal_pair_corrects_a_receipt_posted_twice(demo):
    reversal = Realisation.objects.select_related("reverses").get(amount__lt=0)
    original = reversal.reverses
    assert reversal.amount == -original.amount and reversal.line_id == original.line_id
    assert reversal.date >= original.date and not reversal.document
    twin = Realisation.objects.filter(line=original.line, date=original.date,
                                      amount=original.amount).exclude(pk=original.pk)  # fmt: skip
    assert twin.count() == 1  # the entry the duplicate repeated stays
    assert demo.budgets["reversals"] == 1


def test_one_pagu_revision_in_the_earlier_year(demo):
    revision = PaguRevision.objects.select_related("line").get()
    assert revision.line.year == EARLIER and revision.on.year == EARLIER
    assert revision.after == revision.line.pagu != revision.before
    assert revision.line.realised <= revision.after
    assert "APBD perubahan" in revision.reason and revision.document


def test_one_year_below_the_floor_and_one_government_with_its_own(demo):
    policies = list(BudgetPolicy.objects.values_list("instansi__name", "floor_percent"))
    assert policies == [("Pemerintah Kabupaten Gorontalo Utara", Decimal("0.16"))]
    below = []
    for government in governments():
        for year in (EARLIER, CURRENT):
            lines = BudgetLine.objects.filter(instansi=government, year=year)
            floor = figures.floor(government, year, figures.totals(lines))
            assert floor.allocated.met is not None
            if floor.allocated.warning:
                below.append((government.name, year))
    assert below == [("Pemerintah Kota Gorontalo", CURRENT)]


def test_the_demo_logins_see_their_budget(demo):
    client = Client()
    logins = (("admin.provinsi", "Pemerintah Provinsi Gorontalo"),
              ("admin.kota", "Pemerintah Kota Gorontalo"),
              ("pimpinan.provinsi", "Pemerintah Provinsi Gorontalo"))  # fmt: skip
    for username, government in logins:
        user = User.objects.get(username=username)
        unit = OrgUnit.objects.get(name=government)
        assert may_keep(user, unit) == username.startswith("admin")
        client.force_login(user)
        response = client.get(reverse("budgets:year", args=[unit.pk, CURRENT]))
        assert response.status_code == 200
        assert response.context["whole"].lines == BudgetLine.objects.filter(
            instansi=unit, year=CURRENT).count()  # fmt: skip
    operator = User.objects.get(username="operator.dinkes")
    seen = set(lines_visible_to(operator).values_list("opd__name", "instansi__name"))
    assert seen == {("Dinas Kesehatan", "Pemerintah Provinsi Gorontalo")}
    assert Realisation.objects.filter(line__opd__name="Dinas Kesehatan", recorded_by=operator,
                                      line__instansi__name="Pemerintah Provinsi Gorontalo",
                                      ).exists()  # fmt: skip


def test_the_same_seed_gives_the_same_budgets_and_another_seed_does_not(demo):
    first = signature()

    def again(seed: int) -> list:
        with transaction.atomic():
            budgets_reset()
            seed_budgets(seed=seed, year=AS_OF.year)
            rows = signature()
            transaction.set_rollback(True)
        return rows

    assert again(SEED) == first
    assert again(SEED + 1) != first


def test_entries_are_posted_on_their_day(demo):
    for date, created in Realisation.objects.values_list("date", "created_at")[:200]:
        assert timezone.localtime(created).date() == date
