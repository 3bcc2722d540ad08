"""The budget's figures against hand-worked numbers: absorption per line, OPD, program and
month; cost per participant and per JP from the ledger; the floor; the public page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from binakinerja.budgets import figures, services
from binakinerja.budgets.models import BudgetLine
from binakinerja.budgets.testing import build_budget_world
from binakinerja.trainings.models import JpRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    return build_budget_world(world)


def _lines(w):
    return BudgetLine.objects.filter(instansi=w.prov, year=w.year)


def test_absorption_of_the_government_and_per_opd(w):
    # pagu 10.000.000 + 5.000.000 + 500.000; realised 5.000.000 + 0 + 600.000 (the override)
    whole = figures.totals(_lines(w))
    assert (whole.pagu, whole.realised, whole.lines) == (Decimal("15500000"), Decimal("5600000"),
                                                         3)  # fmt: skip
    assert whole.percent == Decimal("36.13")  # 5.6 / 15.5
    per_opd = {row.label: row for row in figures.by_opd(_lines(w))}
    assert per_opd[w.dinkes.name].percent == Decimal("53.33")  # 5.6 / 10.5
    assert per_opd[w.dikbud.name].percent == Decimal("0.00")
    per_rekening = figures.by_rekening(_lines(w))
    assert len(per_rekening) == 1 and per_rekening[0].label.startswith("5.1.02.02.12 Belanja")


def test_absorption_by_month_is_cumulative(w):
    whole = figures.totals(_lines(w))
    months = figures.by_month(_lines(w), whole.pagu)
    month = w.spent_on.month
    assert months[month - 1].realised == Decimal("5600000")
    assert months[-1].cumulative == Decimal("5600000") and months[-1].percent == Decimal("36.13")
    services.realisation_reverse(actor=w.admin, entry=w.entry, reason="Salah",
                                 on=w.spent_on)  # fmt: skip
    months = figures.by_month(_lines(w), whole.pagu)
    assert months[-1].cumulative == Decimal("1600000")  # the reversal counts in its month


def test_absorption_per_program_through_phases_and_events(w):
    from binakinerja.programs.testing import build_program_world

    build_program_world(w)
    line = services.line_create(
        actor=w.admin, instansi=w.prov, year=w.year, opd=w.dinkes, kegiatan_code="5.04.02.1.01",
        rekening_code="5.1.02.02.12", name="Pendampingan tahap 1", pagu="2.000.000",
        source_document="DPA", phase=w.phase1,
    )  # fmt: skip
    services.realisation_post(actor=w.admin, line=line, date=w.spent_on, amount="500.000",
                              description="Transport")  # fmt: skip
    event_line = services.line_create(
        actor=w.admin, instansi=w.prov, year=w.year, opd=w.dinkes, kegiatan_code="5.04.02.1.01",
        rekening_code="5.1.02.02.12", name="Sosialisasi", pagu="1.000.000",
        source_document="DPA", event=w.event,
    )  # fmt: skip
    rows = figures.by_program(_lines(w))
    assert [(r.label, r.pagu, r.realised, r.lines) for r in rows] == [
        (w.program.name, Decimal("3000000"), Decimal("500000"), 2)]  # fmt: skip
    assert event_line.tie == w.event


def test_a_line_ties_to_one_thing_of_its_own_government(w):
    from binakinerja.programs.testing import build_program_world

    build_program_world(w)
    with pytest.raises(Exception) as error:
        services.line_create(
            actor=w.superadmin, instansi=w.kota, year=w.year, opd=w.kota_opd,
            kegiatan_code="5.04.02.1.01", rekening_code="5.1.02.02.12", name="x", pagu="1",
            source_document="DPA", phase=w.phase1,
        )  # fmt: skip
    assert "phase" in error.value.message_dict
    with pytest.raises(Exception) as error:
        services.line_create(
            actor=w.admin, instansi=w.prov, year=w.year, opd=w.dinkes,
            kegiatan_code="5.04.02.1.01", rekening_code="5.1.02.02.12", name="x", pagu="1",
            source_document="DPA", phase=w.phase1, event=w.event,
        )  # fmt: skip
    assert "phase" in error.value.message_dict


def test_cost_per_participant_and_per_jp_from_the_ledger(w):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    build_training_world(build_competency_world(w))
    batch = w.batch
    enrolments = list(batch.enrolments.all()[:2])
    assert len(enrolments) == 2
    for i, enrolment in enumerate(enrolments):  # two ASN credited 24 JP each
        JpRecord.objects.create(
            employee=enrolment.employee, title="Pelatihan", form_code="KL01",
            jenis_diklat_id=1, start=batch.start, end=batch.end, year=batch.end.year,
            jp=Decimal(24), source=JpRecord.Source.BATCH,
            source_ref=f"trainings.enrolment:{enrolment.pk}",
        )  # fmt: skip
        assert i < 2
    year = batch.end.year
    line = services.line_create(
        actor=w.admin, instansi=w.prov, year=year, opd=w.dinkes, kegiatan_code="5.04.02.1.01",
        rekening_code="5.1.02.02.12", name="Angkatan I", pagu="9.600.000", source_document="DPA",
        batch=batch,
    )  # fmt: skip
    spent_on = min(batch.end, dt.date.today()).replace(year=year)
    services.realisation_post(actor=w.admin, line=line, date=spent_on, amount="4.800.000",
                              description="Honor dan konsumsi")  # fmt: skip
    found = figures.costs(BudgetLine.objects.filter(instansi=w.prov, year=year), year)
    row = found.batches[0]
    # Rp 4.800.000 for 2 participants and 48 JP: 2.400.000 per participant, 100.000 per JP
    assert (row.participants, row.jp) == (2, Decimal(48))
    assert row.per_participant == Decimal("2400000") and row.per_jp == Decimal("100000")
    assert found.institutions[0].per_jp == Decimal("100000")
    assert found.forms[0].label.startswith(batch.program.form_code)


def test_floor_of_the_year_against_total_spending(w):
    whole = figures.totals(_lines(w))
    floor = figures.floor(w.prov, w.year, whole)
    # 15.500.000 of 2.000.000.000 = 0,78 % ≥ 0,34 %
    assert floor.allocated.share == Decimal("0.78") and floor.allocated.met
    assert floor.realised_share == Decimal("0.28")
    services.policy_save(actor=w.admin, instansi=w.prov, floor_percent="1")
    assert figures.floor(w.prov, w.year, whole).allocated.warning


def test_public_page_shows_published_years_only_and_no_names(client, w):
    services.line_create(
        actor=w.admin, instansi=w.prov, year=w.year - 1, opd=w.dinkes,
        kegiatan_code="5.04.02.1.01", rekening_code="5.1.02.02.12", name="Tahun lalu",
        pagu="7.000.000", source_document="DPA",
    )  # fmt: skip
    years = figures.public_years(w.prov)
    assert [y.year for y in years] == [w.year]  # last year has lines but is not published
    assert years[0].pagu == Decimal("15500000")
    page = client.get(reverse("budgets_public:government", args=[w.prov.pk])).content.decode()
    assert "15.500.000" in page
    for private in (w.operator_a.username, "Honor narasumber", w.line.name, "Tambahan"):
        assert private not in page
    services.year_save(actor=w.admin, instansi=w.prov, year=w.year - 1,
                       total_spending="1.000.000.000", spending_source="APBD",
                       publish=True)  # fmt: skip
    response = client.get(reverse("budgets_public:government", args=[w.prov.pk]) + "?format=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.count("\n") == 3 and str(w.year - 1) in text
    assert client.get(reverse("budgets_public:government", args=[w.kota.pk])).status_code == 404


def test_budget_page_query_count_does_not_grow_with_lines(client, w, django_assert_max_num_queries):
    client.force_login(w.admin)
    url = reverse("budgets:year", args=[w.prov.pk, w.year])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(30):
        services.line_create(
            actor=w.admin, instansi=w.prov, year=w.year, opd=w.dikbud,
            kegiatan_code="5.04.02.1.02", rekening_code="5.1.02.02.12", name=f"Baris {i}",
            pagu="1.000.000", source_document="DPA",
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)


def test_the_budget_page_warns_below_the_floor_and_scopes_an_operator(client, w):
    url = reverse("budgets:year", args=[w.prov.pk, w.year])
    client.force_login(w.admin)
    page = client.get(url).content.decode()
    assert "Bimtek kepala sekolah" in page and 'role="alert"' not in page
    services.policy_save(actor=w.admin, instansi=w.prov, floor_percent="1")
    page = client.get(url).content.decode()
    assert 'role="alert"' in page and "batas minimal" in page
    client.force_login(w.operator_a)
    page = client.get(url).content.decode()
    assert w.line.name in page and "Bimtek kepala sekolah" not in page  # Dinas Pendidikan's
    assert "Rp 10.500.000" in page and "Rp 5.600.000" in page  # the operator's two lines only
