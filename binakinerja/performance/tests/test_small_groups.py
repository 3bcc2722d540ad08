"""Aggregate readers (pimpinan) get counts, never persons, and small groups are persons
(SECURITY.md): the OPD progress, distribution, overview and cascade pages show "< 5" to them
for groups under AGGREGATE_MIN_GROUP; the managers of the OPD, who may read the persons
anyway, see exact numbers and the recap export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from binakinerja.core.testing import make_employee
from binakinerja.performance.models import OrgPerformance
from binakinerja.performance.selectors import small_cells
from binakinerja.performance.testing import build_performance_world

SMALL = "&lt; 5"  # "< 5" as the HTML shows it


@pytest.fixture
def perf(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_performance_world(world)


def page(client, user, name, *args, **query):
    client.force_login(user)
    response = client.get(reverse(f"performance:{name}", args=args), query)
    assert response.status_code == 200
    return response.content.decode()


def test_leader_sees_small_progress_counts_masked_and_manager_sees_them_exact(perf, client):
    # Dinas Kesehatan: 3 active ASN, 3 SKPs, 3 annual assessments.
    leader = page(client, perf.pimpinan, "opd_progress", perf.dinkes.pk, 2026)
    assert SMALL in leader
    assert 'class="num">3<' not in leader
    assert "export=csv" not in leader  # no link to a list of persons
    manager = page(client, perf.operator_a, "opd_progress", perf.dinkes.pk, 2026)
    assert SMALL not in manager and 'class="num">3<' in manager and "export=csv" in manager


def test_groups_of_five_or_more_are_shown_to_leaders(perf, client):
    for i in range(3):
        make_employee(perf.puskesmas, f"Perawat {i}")
    leader = page(client, perf.pimpinan, "opd_progress", perf.dinkes.pk, 2026)
    assert '<div class="num">6</div>' in leader  # 6 active ASN


def test_recap_export_is_for_managers_and_xlsx_works(perf, client):
    url = reverse("performance:opd_progress", args=[perf.dinkes.pk, 2026])
    client.force_login(perf.pimpinan)
    assert client.get(url, {"export": "csv"}).status_code == 403
    assert client.get(url, {"export": "xlsx"}).status_code == 403
    client.force_login(perf.operator_a)
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200  # was a 500: lazily translated labels in the cells
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "NIP"
    assert {r[0] for r in rows[1:]} == {perf.atasan.nip, perf.asn.nip, perf.asn_peer.nip}
    assert "Triwulan I" in {r[3] for r in rows[1:]}


def test_distribution_masks_small_cells_for_leaders(perf, client):
    leader = page(client, perf.pimpinan, "distribution", perf.dinkes.pk, 2026)
    assert SMALL in leader
    assert perf.asn.name not in leader
    manager = page(client, perf.operator_a, "distribution", perf.dinkes.pk, 2026)
    assert SMALL not in manager
    assert "3 penilaian tahunan" in manager or "3 annual assessments" in manager


def test_broken_curve_rules_show_no_counts_to_leaders(perf, client):
    OrgPerformance.objects.create(opd=perf.dinkes, year=2026, predikat="butuh_perbaikan")
    leader = page(client, perf.pimpinan, "distribution", perf.dinkes.pk, 2026)
    manager = page(client, perf.operator_a, "distribution", perf.dinkes.pk, 2026)
    for text in ("1 dari 3", "1 of 3"):
        assert text not in leader
    assert "1 dari 3" in manager or "1 of 3" in manager
    assert "60%" in leader  # the rule itself is shown


def test_overview_masks_small_opds_for_leaders_only(perf, client):
    client.force_login(perf.pimpinan)
    rows = client.get(reverse("performance:opd_overview"), {"year": 2026}).context["rows"]
    dinkes = next(r for r in rows if r["opd"] == perf.dinkes)
    assert (dinkes["staff"], dinkes["approved"], dinkes["approved_share"]) == ("< 5", "< 5", None)
    assert (
        "&lt; 5" in client.get(reverse("performance:opd_overview"), {"year": 2026}).content.decode()
    )
    client.force_login(perf.admin)
    rows = client.get(reverse("performance:opd_overview"), {"year": 2026}).context["rows"]
    dinkes = next(r for r in rows if r["opd"] == perf.dinkes)
    assert (dinkes["staff"], dinkes["approved"]) == (3, 3)


def test_cascade_names_nobody_to_leaders_and_counts_supporters(perf, client):
    leader = page(client, perf.pimpinan, "cascade", perf.dinkes.pk, 2026)
    for person in (perf.atasan, perf.asn, perf.asn_peer):
        assert person.name not in leader
    assert perf.goal.text in leader and SMALL in leader
    manager = page(client, perf.operator_a, "cascade", perf.dinkes.pk, 2026)
    assert perf.asn.name in manager and perf.atasan.name in manager


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([10, 7, 0, 0, 0], [False, False, False, False, False]),
        ([10, 3, 0, 0, 0], [True, True, False, False, False]),  # only 3 → the next hides too
        ([10, 7, 3, 0, 0], [False, True, True, False, False]),
        ([10, 7, 3, 2, 0], [False, False, True, True, False]),  # two hidden: enough
        ([3, 0, 0, 0, 0], [True, False, False, False, False]),  # nothing else to hide
    ],
)
def test_one_hidden_cell_takes_the_next_smallest_with_it(settings, counts, hidden):
    settings.AGGREGATE_MIN_GROUP = 5
    assert small_cells(counts) == hidden
