"""Small groups are persons (SECURITY.md): on the heat map, the 9-box and the development plan
(page, XLSX and PDF), a reader who may not read every person counted (pimpinan) sees "< 5"
for any count or average about fewer than AGGREGATE_MIN_GROUP people; admins and operators of
the subtree, who may open each person's record, see the exact numbers."""

import io

import pytest
from django.urls import reverse

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.competencies.plan import TOTAL_PER_LINE
from binakinerja.competencies.selectors import masks_small_groups
from binakinerja.competencies.tests.test_selectors import build_rated, grow
from binakinerja.people.models import Employee

LABEL = "< 5"


@pytest.fixture
def three_nurses_cell(talent):
    """The puskesmas: the kepala, the ASN and the peer (now a perawat too), so the cell of each
    manajerial competency counts 3 people."""
    Employee.objects.filter(pk=talent.asn_peer.pk).update(position=talent.pos_perawat)
    return talent


def heat_cell(response, code):
    heat = response.context["heat"]
    column = [c.code for c in heat.competencies].index(code)
    (row,) = heat.rows
    return row, row.cells[column]


def test_pimpinan_sees_less_than_five_for_a_heat_map_cell_of_three_people(
    three_nurses_cell, client
):
    client.force_login(three_nurses_cell.pimpinan)
    response = client.get(reverse("competencies:heat_map", args=[three_nurses_cell.dinkes.pk]))
    row, cell = heat_cell(response, "M1")
    assert cell.required_count == 3
    assert (cell.average_text, cell.counts_text, row.employees_text) == (LABEL, "", LABEL)
    body = response.content.decode()
    assert '<td class="num heat-hidden" data-label="M1">&lt; 5<small></small></td>' in body
    assert '<td class="num" data-label="Pegawai">3</td>' not in body
    assert "0,33" not in body


def test_operator_sees_the_exact_heat_map_cell_of_three_people(three_nurses_cell, client):
    client.force_login(three_nurses_cell.operator_a)
    response = client.get(reverse("competencies:heat_map", args=[three_nurses_cell.dinkes.pk]))
    row, cell = heat_cell(response, "M1")
    assert (cell.average_text, cell.counts_text, row.employees_text) == ("0,33", "1/3", 3)
    body = response.content.decode()
    assert '<td class="num heat-low" data-label="M1">0,33<small>1/3</small></td>' in body
    assert '<td class="num" data-label="Pegawai">3</td>' in body
    assert "&lt; 5" not in body


def test_a_heat_map_cell_of_five_people_is_shown_to_pimpinan(three_nurses_cell, client):
    grow(three_nurses_cell, 2)  # 5 people in the puskesmas
    client.force_login(three_nurses_cell.pimpinan)
    response = client.get(reverse("competencies:heat_map", args=[three_nurses_cell.dinkes.pk]))
    row, cell = heat_cell(response, "M1")
    assert (cell.required_count, row.employees_text) == (5, 5)
    assert cell.average_text != LABEL


def test_nine_box_counts_of_one_person_are_hidden_from_pimpinan_only(talent, client):
    rated = build_rated(talent)
    url = reverse("competencies:nine_box", args=[rated.dinkes.pk, 2026])
    client.force_login(rated.pimpinan)
    response = client.get(url)
    grid = response.context["grid"]
    assert grid.boxes[7].count == 1  # counted, never shown
    assert (grid.boxes[7].count_text, grid.boxes[7].moved_in_text) == (LABEL, LABEL)
    assert (grid.placed_text, grid.unplaced_text, grid.moved_text) == (LABEL, LABEL, LABEL)
    assert grid.boxes[1].count_text == 0  # an empty box singles nobody out
    assert '">&lt; 5</span></div>' in response.content.decode()  # the box's count
    client.force_login(rated.admin)
    grid = client.get(url).context["grid"]
    assert (grid.boxes[7].count_text, grid.placed_text) == (1, 2)


def test_plan_page_shows_pimpinan_less_than_five_and_operator_the_numbers(talent, client):
    url = reverse("competencies:development_plan", args=[talent.dinkes.pk, 2026])
    client.force_login(talent.pimpinan)
    response = client.get(url)
    plan = response.context["plan"]
    assert (plan.people, plan.employees, plan.jp, plan.cost_text) == (LABEL, LABEL, LABEL, LABEL)
    assert all(line.people == LABEL and line.note == "" for line in plan.lines)
    body = response.content.decode()
    assert "Asuhan Keperawatan" in body  # what is planned stays visible
    assert "7.170.000" not in body and "&lt; 5" in body
    client.force_login(talent.operator_a)
    plan = client.get(url).context["plan"]
    assert (plan.people, plan.employees, plan.cost_text) == (3, 3, "7.170.000")


def test_plan_exports_hide_small_groups_from_pimpinan(talent, client):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    url = reverse("competencies:development_plan", args=[talent.dinkes.pk, 2026])
    client.force_login(talent.pimpinan)
    workbook = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))
    rows = list(workbook["Rencana"].values)
    heads = [i for i, row in enumerate(rows) if row[0] == "NO"]
    total = next(i for i, row in enumerate(rows) if row[1] == TOTAL_PER_LINE)
    assert rows[total][5:9] == (LABEL, LABEL, None, LABEL)
    assert rows[total + 1][5] == LABEL  # the unique ASN
    assert {row[5] for row in rows[heads[0] + 1 : total]} == {LABEL}
    assert rows[heads[1] + 1][1:7] == ("Puskesmas Limboto", LABEL, LABEL, LABEL, LABEL, LABEL)
    text = "".join(p.extract_text() for p in PdfReader(
        io.BytesIO(client.get(url + "?format=pdf").content)).pages)  # fmt: skip
    assert "7.170.000" not in text and LABEL in text
    client.force_login(talent.operator_a)
    workbook = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))
    rows = list(workbook["Rencana"].values)
    total = next(i for i, row in enumerate(rows) if row[1] == TOTAL_PER_LINE)
    assert (rows[total][5], rows[total + 1][5]) == (12, 3)  # per line, unique ASN


def test_only_readers_of_every_person_see_exact_counts(talent):
    assert not masks_small_groups(talent.superadmin, talent.prov)
    assert not masks_small_groups(talent.admin, talent.dinkes)
    assert not masks_small_groups(talent.operator_a, talent.puskesmas)
    assert masks_small_groups(talent.pimpinan, talent.dinkes)
    # An operator who also leads the province reads the persons of their OPD only.
    RoleAssignment.objects.create(user=talent.operator_a, role=Role.PIMPINAN, scope=talent.prov)
    talent.operator_a = type(talent.operator_a).objects.get(pk=talent.operator_a.pk)
    assert masks_small_groups(talent.operator_a, talent.prov)
    assert not masks_small_groups(talent.operator_a, talent.dinkes)
