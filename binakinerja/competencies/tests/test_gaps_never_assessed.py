"""A person never assessed has no job-person match to show: "belum diukur", not
"0,00% Kurang optimal"."""

from django.urls import reverse

from binakinerja.core.testing import make_employee


def test_a_person_never_assessed_reads_not_measured_yet(talent, client):
    newcomer = make_employee(talent.puskesmas, "Nurul Ain", position=talent.pos_perawat)
    client.force_login(talent.operator_a)
    page = client.get(reverse("competencies:employee_gaps", args=[newcomer.pk])).content.decode()
    assert "belum diukur" in page
    assert "Kurang optimal" not in page and "%</strong>" not in page


def test_a_person_assessed_still_shows_the_match_and_band(talent, client):
    client.force_login(talent.operator_a)
    page = client.get(reverse("competencies:employee_gaps", args=[talent.asn.pk])).content.decode()
    assert "%</strong>" in page
