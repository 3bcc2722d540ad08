"""The dashboards read the rollups: small groups hidden from pimpinan but not from the admin,
the OPDs side by side with the program's phases, the leaders' home page, and a query count
that does not grow with the OPDs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binakinerja.monitoring import dashboard as figures
from binakinerja.monitoring import rollups
from binakinerja.monitoring.models import Indicator, Rollup
from binakinerja.monitoring.testing import build_monitoring_world
from binakinerja.organizations.services import orgunit_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    return build_monitoring_world(world)


def test_small_groups_are_hidden_from_pimpinan_not_from_the_admin(w):
    staff = Rollup.objects.get(unit=w.dinkes, year=w.year, indicator=Indicator.JP20).people
    assert 0 < staff < 5  # the fixture's puskesmas holds three ASN
    for_pimpinan = figures.dashboard(w.pimpinan, w.prov, w.year)
    cells = {row.unit.pk: row.cells for row in for_pimpinan.children}
    assert cells[w.dinkes.pk]["jp20"].hidden and cells[w.dinkes.pk]["jp20"].value is None
    assert not cells[w.dinkes.pk]["absorption"].hidden  # budgets are not about persons
    for_admin = figures.dashboard(w.admin, w.prov, w.year)
    cells = {row.unit.pk: row.cells for row in for_admin.children}
    assert not cells[w.dinkes.pk]["jp20"].hidden and cells[w.dinkes.pk]["jp20"].value is not None


def test_opds_carry_their_phase_and_the_phases_are_compared(w):
    board = figures.dashboard(w.admin, w.prov, w.year)
    phases = {row.unit.pk: row.phase for row in board.children}
    assert phases[w.dinkes.pk] == 1 and phases[w.dikbud.pk] == 2
    assert [number for number, _cells in board.phases] == [1, 2]


def test_the_pimpinan_home_page_shows_the_dashboard_panel(client, w):
    client.force_login(w.pimpinan)
    page = client.get("/").content.decode()
    assert reverse("monitoring:dashboard", args=[w.prov.pk, w.year]) in page
    client.force_login(w.asn_user)
    assert "monitoring-panel-title" not in client.get("/").content.decode()


def test_an_operator_reads_only_their_opd(client, w):
    client.force_login(w.operator_a)
    assert client.get(reverse("monitoring:start")).url == reverse(
        "monitoring:dashboard", args=[w.dinkes.pk, w.year])  # fmt: skip
    page = client.get(reverse("monitoring:dashboard", args=[w.dinkes.pk, w.year]))
    assert page.status_code == 200 and w.dinkes.name in page.content.decode()


def test_the_dashboard_query_count_does_not_grow_with_the_opds(client, w):
    client.force_login(w.pimpinan)
    url = reverse("monitoring:dashboard", args=[w.prov.pk, w.year])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        orgunit_create(actor=None, parent=w.prov, name=f"Badan {i}")
    rollups.refresh(w.prov, w.year)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)


def test_the_overview_lists_every_government_with_its_figures(client, w):
    rollups.refresh(w.kota, w.year)
    rows = {row.unit.pk: row for row in figures.governments_overview(w.year)}
    assert set(rows) == {w.prov.pk, w.kota.pk}
    assert rows[w.prov.pk].cells["absorption"].value == Rollup.objects.get(
        unit=w.prov, year=w.year, indicator=Indicator.ABSORPTION).value  # fmt: skip
    client.force_login(w.superadmin)
    page = client.get(reverse("monitoring:overview", args=[w.year])).content.decode()
    assert w.kota.name in page and w.prov.name in page
