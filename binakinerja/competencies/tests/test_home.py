"""The competency start page per role, and the dictionary."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from binakinerja.competencies.models import Competency, CompetencyLevel

HOME = "/kompetensi/"


def test_urls_are_the_documented_ones():
    assert reverse("competencies:home") == HOME
    assert reverse("competencies:dictionary") == "/kompetensi/kamus/"


def test_asn_sees_own_links_and_no_units(talent, client):
    client.force_login(talent.asn_user)
    response = client.get(HOME)
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("competencies:employee_gaps", args=[talent.asn.pk]) in body
    assert reverse("competencies:employee_needs", args=[talent.asn.pk]) in body
    assert response.context["units"] == []
    assert reverse("competencies:assessment_import") not in body


def test_managers_see_their_top_units_with_the_aggregate_pages(talent, client):
    year = timezone.localdate().year
    client.force_login(talent.operator_a)
    response = client.get(HOME)
    assert response.context["units"] == [talent.dinkes]
    body = response.content.decode()
    assert reverse("competencies:heat_map", args=[talent.dinkes.pk]) in body
    assert reverse("competencies:nine_box", args=[talent.dinkes.pk, year]) in body
    assert reverse("competencies:development_plan", args=[talent.dinkes.pk, year]) in body
    assert reverse("competencies:assessment_import") in body
    client.force_login(talent.superadmin)
    units = client.get(HOME).context["units"]
    assert set(units) == {talent.prov, talent.kota}
    client.force_login(talent.pimpinan)
    response = client.get(HOME)
    assert response.context["units"] == [talent.prov]
    assert reverse("competencies:assessment_import") not in response.content.decode()


@pytest.mark.parametrize("persona", ["mentor", "penyelenggara"])
def test_roles_without_people_see_only_the_dictionary(talent, client, persona):
    client.force_login(getattr(talent, persona))
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["units"] == [] and not response.context["own_employee_id"]
    assert reverse("competencies:dictionary") in response.content.decode()


def test_dictionary_lists_levels_and_indicators_in_constant_queries(
    talent, client, django_assert_num_queries
):
    client.force_login(talent.asn_user)
    url = reverse("competencies:dictionary")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Integritas" in body and "Perekat Bangsa" in body and "Asuhan Keperawatan" in body
    main = body.split('<main id="content">')[1]  # the header's menu is a <details> too
    assert main.count("<details") == 10  # 8 managerial, 1 socio-cultural, 1 technical
    assert "Level 5" in body
    extra = Competency.objects.create(code="T-X", group="teknis", name="Kearsipan", field="Umum")
    for level in range(1, 6):
        CompetencyLevel.objects.create(competency=extra, level=level, title=f"Uraian {level}")
    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert (
        response.content.decode().split('<main id="content">')[1].count("<details") == 11
        and "Uraian 5" in response.content.decode()
    )


def test_nav_links_to_competencies(talent, client):
    client.force_login(talent.asn_user)
    assert f'href="{HOME}"' in client.get("/").content.decode()


def test_idp_links_for_the_asn_and_the_atasan(talent, client):
    client.force_login(talent.asn_user)
    body = client.get(HOME).content.decode()
    assert reverse("competencies:idp_home") in body
    assert reverse("competencies:idp_inbox") not in body
    client.force_login(talent.atasan_user)
    assert reverse("competencies:idp_inbox") in client.get(HOME).content.decode()


def test_needs_page_links_to_the_idp_of_its_year(talent, client):
    client.force_login(talent.asn_user)
    url = reverse("competencies:employee_needs", args=[talent.asn.pk]) + "?year=2025"
    body = client.get(url).content.decode()
    assert reverse("competencies:idp_employee", args=[talent.asn.pk, 2025]) in body
