"""The read-only talent pages: gaps/JPM, heat map and 9-box, per persona."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from binakinerja.competencies.tests.test_selectors import build_rated, grow


@pytest.fixture
def rated(talent):
    return build_rated(talent)


def gaps_url(employee):
    return reverse("competencies:employee_gaps", args=[employee.pk])


def test_asn_sees_own_gaps_and_jpm(talent, client):
    client.force_login(talent.asn_user)
    response = client.get(gaps_url(talent.asn))
    assert response.status_code == 200
    body = response.content.decode()
    assert "16,67%" in body  # Indonesian decimal comma
    assert "Asuhan Keperawatan" in body
    assert response.context["report"].jpm_band == "kurang_optimal"
    assert client.get(gaps_url(talent.atasan)).status_code == 404
    assert client.get(gaps_url(talent.asn_peer)).status_code == 404


def test_atasan_sees_the_subordinates_gaps(talent, client):
    client.force_login(talent.atasan_user)
    response = client.get(gaps_url(talent.asn))
    assert response.status_code == 200
    assert response.context["report"].job_person_match == Decimal("16.67")
    own = client.get(gaps_url(talent.atasan))
    assert "94,44%" in own.content.decode()


def test_gaps_page_without_a_standard(talent, client):
    client.force_login(talent.admin)
    response = client.get(gaps_url(talent.asn_peer))
    assert response.status_code == 200
    assert response.context["report"].rows == []


@pytest.mark.parametrize("persona", ["operator_b", "pimpinan", "mentor", "penyelenggara"])
def test_others_get_404_on_an_individuals_gaps(talent, client, persona):
    client.force_login(getattr(talent, persona))
    assert client.get(gaps_url(talent.asn)).status_code == 404


def test_heat_map_page_drills_down(talent, client):
    client.force_login(talent.pimpinan)
    response = client.get(reverse("competencies:heat_map", args=[talent.prov.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("competencies:heat_map", args=[talent.dinkes.pk]) in body
    response = client.get(reverse("competencies:heat_map", args=[talent.dinkes.pk]))
    body = response.content.decode()
    assert reverse("competencies:heat_map", args=[talent.puskesmas.pk]) in body
    assert reverse("competencies:heat_map", args=[talent.prov.pk]) in body  # the way back up
    year = timezone.localdate().year
    assert reverse("competencies:development_plan", args=[talent.dinkes.pk, year]) in body
    assert reverse("competencies:nine_box", args=[talent.dinkes.pk, year]) in body
    assert "2,00" not in body  # T-KEP-1 in the puskesmas: one person, a small group
    assert "&lt; 5" in body
    assert "Siti Nurhaliza" not in body


def test_heat_map_lists_the_units_own_people_to_who_may_read_them(talent, client):
    url = reverse("competencies:heat_map", args=[talent.puskesmas.pk])
    client.force_login(talent.operator_a)
    response = client.get(url)
    people = response.context["people"]
    assert [row.employee for row in people][:1] == [talent.asn]  # the largest total gap first
    asn = people[0]
    assert (asn.gap_count, asn.required_count) == (9, 10)  # M1 is met at level 1
    assert asn.job_person_match == Decimal("16.67")
    assert reverse("competencies:employee_gaps", args=[talent.asn.pk]) in response.content.decode()
    client.force_login(talent.pimpinan)  # aggregates only: no names
    response = client.get(url)
    assert response.status_code == 200 and response.context["people"] == []
    assert talent.asn.name not in response.content.decode()


def test_unit_people_gaps_query_count_is_constant(talent, django_assert_num_queries):
    from binakinerja.competencies.selectors import unit_people_gaps

    unit_people_gaps(talent.admin, unit=talent.puskesmas)  # warm the reach cache
    with django_assert_num_queries(3):
        before = unit_people_gaps(talent.admin, unit=talent.puskesmas)
    grow(talent, 5)
    with django_assert_num_queries(3):
        after = unit_people_gaps(talent.admin, unit=talent.puskesmas)
    assert len(after) == len(before) + 5
    assert len(unit_people_gaps(talent.admin, unit=talent.puskesmas, limit=2)) == 2


def test_heat_map_scope(talent, client):
    client.force_login(talent.operator_a)
    assert client.get(reverse("competencies:heat_map", args=[talent.dinkes.pk])).status_code == 200
    response = client.get(reverse("competencies:heat_map", args=[talent.prov.pk]))
    assert response.status_code == 404
    client.force_login(talent.atasan_user)
    assert client.get(reverse("competencies:heat_map", args=[talent.dinkes.pk])).status_code == 403
    client.force_login(talent.admin)
    response = client.get(reverse("competencies:heat_map", args=[talent.kota.pk]))
    assert response.status_code == 404
    assert client.get(reverse("competencies:heat_map", args=[999999])).status_code == 404


def test_nine_box_page_counts_for_pimpinan_names_for_admin(rated, client):
    url = reverse("competencies:nine_box", args=[rated.dinkes.pk, 2026])
    client.force_login(rated.pimpinan)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Siti Nurhaliza" not in body
    assert "Rahmat Hasan" not in body
    assert "Dipromosikan" in body  # recommendations shown
    assert response.context["grid"].boxes[7].count == 1
    client.force_login(rated.admin)
    body = client.get(url).content.decode()
    assert "Siti Nurhaliza" in body
    assert reverse("competencies:employee_gaps", args=[rated.asn.pk]) in body
    # Rows tinggi → rendah: box 6 comes before box 3, box 3 before box 1.
    assert body.index("box-6") < body.index("box-3") < body.index("box-1")


@pytest.mark.parametrize("year", [1999, 2101, 0])
def test_nine_box_rejects_odd_years(talent, client, year):
    client.force_login(talent.admin)
    url = reverse("competencies:nine_box", args=[talent.dinkes.pk, year])
    assert client.get(url).status_code == 404


def test_pages_query_counts_are_constant(rated, client, django_assert_num_queries):
    client.force_login(rated.admin)
    urls = [
        reverse("competencies:heat_map", args=[rated.dinkes.pk]),
        reverse("competencies:nine_box", args=[rated.dinkes.pk, 2026]),
    ]
    counts = []
    for url in urls:
        with django_assert_num_queries(20, exact=False) as context:
            assert client.get(url).status_code == 200
        counts.append(len(context.captured_queries))
    grow(rated, 5)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
