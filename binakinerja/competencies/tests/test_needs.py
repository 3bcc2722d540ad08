"""The training needs analysis of one ASN: ranking, follow-ups, suggested form, access and a
constant number of queries."""

import pytest
from django.http import Http404
from django.urls import reverse

from binakinerja.competencies import rules
from binakinerja.competencies.models import Competency, CompetencyGroup, PositionStandard
from binakinerja.competencies.needs import SuggestedForm, employee_needs, suggested_form
from binakinerja.performance.models import FollowUp, Period, Skp, SkpAssessment

pytestmark = pytest.mark.django_db


def follow_up(w, year=2026, predikat="kurang", description="Perbaiki laporan", done=False):
    from binakinerja.performance.rules import period_dates

    start, end = period_dates(year, "annual")
    period, _ = Period.objects.get_or_create(
        instansi=w.prov, year=year, kind="annual", defaults={"start": start, "end": end}
    )
    skp, _ = Skp.objects.get_or_create(employee=w.asn, year=year)
    assessment, _ = SkpAssessment.objects.get_or_create(
        skp=skp, period=period,
        defaults={"hasil_kerja": "di_bawah", "perilaku_kerja": "di_bawah", "predikat": predikat,
                  "reason": "-", "assessed_by": w.atasan},
    )  # fmt: skip
    return FollowUp.objects.create(
        assessment=assessment, kind="training_need", description=description, is_done=done
    )


# --- suggested_form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "gap", "form"),
    [
        (rules.NeedSource.GAP, 1, SuggestedForm.COACHING_MENTORING),
        (rules.NeedSource.GAP, 2, SuggestedForm.KLASIKAL),
        (rules.NeedSource.GAP, 4, SuggestedForm.KLASIKAL),
        (rules.NeedSource.GAP, 0, None),
        (rules.NeedSource.GAP, -1, None),
        (rules.NeedSource.FOLLOW_UP, None, None),
        (rules.NeedSource.JP_SHORTFALL, None, None),
        (rules.NeedSource.FOLLOW_UP, 3, None),
    ],
)
def test_suggested_form(source, gap, form):
    assert suggested_form(source, gap) == form


# --- ranking -----------------------------------------------------------------------------------


def test_needs_of_the_asn_ranked_by_hand(talent):
    # Perawat: level 1 on M1..M8 and SK1, level 3 on T-KEP-1; the ASN has M1 1 and T-KEP-1 1.
    # → T-KEP-1 gap 2 (weight 20), M2..M8 and SK1 gap 1 (weight 10 each), JP shortfall (5).
    needs = employee_needs(talent.asn_user, talent.asn, year=2026)
    assert [(n.rank, n.source, n.weight) for n in needs][:2] == [
        (1, "gap", 20),
        (2, "gap", 10),
    ]
    assert needs[0].subject == "T-KEP-1 · Asuhan Keperawatan"
    assert needs[0].form == SuggestedForm.KLASIKAL
    assert needs[0].gap == 2
    codes = [n.subject.split(" · ")[0] for n in needs if n.source == "gap"]
    assert codes == ["T-KEP-1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"]  # no M1
    assert all(n.form == SuggestedForm.COACHING_MENTORING for n in needs[1:9])
    assert needs[-1].source == rules.NeedSource.JP_SHORTFALL
    assert needs[-1].rank == 10
    assert needs[-1].form is None
    assert "20" in needs[-1].reason


def test_open_follow_up_of_the_year_is_included(talent):
    shown = follow_up(talent, predikat="kurang", description="Pelatihan pelaporan")
    follow_up(talent, description="Sudah selesai", done=True)
    follow_up(talent, year=2025, description="Tahun lalu")
    needs = employee_needs(talent.atasan_user, talent.asn, year=2026)
    ups = [n for n in needs if n.source == rules.NeedSource.FOLLOW_UP]
    assert len(ups) == 1
    assert needs[0] is ups[0]  # kurang weighs 25: above the gap of 2 levels (20)
    assert needs[0].weight == 25
    assert shown.description in needs[0].subject
    assert needs[0].form is None
    assert needs[1].subject.startswith("T-KEP-1")


def test_follow_up_of_a_baik_assessment_is_ignored_not_an_error(talent):
    follow_up(talent, predikat="baik")
    needs = employee_needs(talent.asn_user, talent.asn, year=2026)
    assert not [n for n in needs if n.source == rules.NeedSource.FOLLOW_UP]


def test_selector_refuses_users_outside_reach(talent):
    with pytest.raises(Http404):
        employee_needs(talent.operator_b, talent.asn, year=2026)
    with pytest.raises(Http404):
        employee_needs(talent.pimpinan, talent.asn, year=2026)


# --- the page ----------------------------------------------------------------------------------


def url_of(w, employee=None):
    return reverse("competencies:employee_needs", args=[(employee or w.asn).pk])


@pytest.mark.parametrize("persona", ["asn_user", "atasan_user", "operator_a"])
def test_page_shows_ranked_needs(talent, client, persona):
    follow_up(talent, description="Ikuti pelatihan pelaporan")
    client.force_login(getattr(talent, persona))
    response = client.get(url_of(talent) + "?year=2026")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ikuti pelatihan pelaporan" in body
    assert "Asuhan Keperawatan" in body
    assert '<dd id="jp-done">0 / 20</dd>' in body  # the ledger's JP (none in this world)
    assert [n.rank for n in response.context["needs"]] == list(range(1, 12))


@pytest.mark.parametrize("persona", ["operator_b", "pimpinan", "mentor", "penyelenggara"])
def test_page_is_404_for_others(talent, client, persona):
    client.force_login(getattr(talent, persona))
    assert client.get(url_of(talent)).status_code == 404


def test_year_defaults_to_current_and_follow_ups_follow_the_year(talent, client):
    from django.utils import timezone

    this_year = timezone.localdate().year
    follow_up(talent, year=this_year, description="Tindak lanjut tahun ini")
    client.force_login(talent.asn_user)
    response = client.get(url_of(talent))
    assert response.context["year"] == this_year
    assert "Tindak lanjut tahun ini" in response.content.decode()
    other = client.get(url_of(talent) + f"?year={this_year - 1}")
    assert "Tindak lanjut tahun ini" not in other.content.decode()


@pytest.mark.parametrize("year", ["1999", "2101", "abc", "-5", "2026.5"])
def test_bad_years_are_404(talent, client, year):
    client.force_login(talent.asn_user)
    assert client.get(url_of(talent) + f"?year={year}").status_code == 404


def test_a_year_in_the_path_and_links_to_the_neighbouring_years(talent, client):
    follow_up(talent, year=2025, description="Tindak lanjut 2025")
    client.force_login(talent.asn_user)
    url = reverse("competencies:employee_needs_year", args=[talent.asn.pk, 2025])
    response = client.get(url)
    assert response.context["year"] == 2025
    body = response.content.decode()
    assert "Tindak lanjut 2025" in body
    for year in (2024, 2026):
        assert reverse("competencies:employee_needs_year", args=[talent.asn.pk, year]) in body


@pytest.mark.parametrize("year", [1999, 2101])
def test_years_outside_core_range_in_the_path_are_404(talent, client, year):
    client.force_login(talent.asn_user)
    url = reverse("competencies:employee_needs_year", args=[talent.asn.pk, year])
    assert client.get(url).status_code == 404


def test_page_query_count_is_constant(talent, client, django_assert_num_queries):
    client.force_login(talent.asn_user)
    follow_up(talent)
    with django_assert_num_queries(20, exact=False) as context:
        assert client.get(url_of(talent) + "?year=2026").status_code == 200
    count = len(context.captured_queries)
    small = len(employee_needs(talent.asn_user, talent.asn, year=2026))
    for i in range(5):
        competency = Competency.objects.create(
            code=f"T-X-{i}", group=CompetencyGroup.TEKNIS, name=f"Teknis {i}"
        )
        PositionStandard.objects.create(position=talent.pos_perawat, competency=competency, level=2)
        follow_up(talent, description=f"Tindak lanjut {i}")
    assert len(employee_needs(talent.asn_user, talent.asn, year=2026)) == small + 10
    with django_assert_num_queries(count):
        assert client.get(url_of(talent) + "?year=2026").status_code == 200
