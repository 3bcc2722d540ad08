"""Position standards page and technical competencies (views/standards.py, services.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from binakinerja.competencies.models import (
    Competency,
    CompetencyGroup,
    CompetencyLevel,
    PositionStandard,
)
from binakinerja.competencies.services import technical_competency_create
from binakinerja.core.models import AuditLog
from binakinerja.people.models import Position, PositionKind

pytestmark = pytest.mark.django_db


def _url(position):
    return reverse("competencies:position_standards", args=[position.pk])


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


# --- position standards ---------------------------------------------------------------------


def test_page_lists_standard_with_level_description(talent, client):
    CompetencyLevel.objects.update_or_create(
        competency=talent.teknis, level=3, defaults={"title": "Mampu merencanakan asuhan"}
    )
    client.force_login(talent.operator_a)
    response = client.get(_url(talent.pos_perawat))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="standard-row"') == 10  # 8 manajerial + SK1 + 1 teknis
    assert "Asuhan Keperawatan" in body
    assert "Mampu merencanakan asuhan" in body
    assert 'name="action" value="defaults"' in body


def test_pimpinan_reads_without_forms(talent, client):
    client.force_login(talent.pimpinan)
    response = client.get(_url(talent.pos_kepala))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="standard-row"') == 9
    assert 'name="action" value="defaults"' not in body
    assert 'name="level"' not in body


def test_set_level_updates_and_audits(talent, client):
    client.force_login(talent.operator_a)
    m1 = talent.competencies["M1"]
    response = client.post(_url(talent.pos_kepala), {"competency": m1.pk, "level": "4"})
    assert response.status_code == 302
    assert PositionStandard.objects.get(position=talent.pos_kepala, competency=m1).level == 4
    assert AuditLog.objects.filter(
        object_type="competencies.positionstandard", action=AuditLog.Action.UPDATE
    ).exists()


@pytest.mark.parametrize("level", ["0", "6", "abc", "", "2.5"])
def test_bad_level_writes_nothing(talent, client, level):
    client.force_login(talent.operator_a)
    m1 = talent.competencies["M1"]
    audits = AuditLog.objects.count()
    response = client.post(
        _url(talent.pos_kepala), {"competency": m1.pk, "level": level}, follow=True
    )
    assert response.status_code == 200
    assert PositionStandard.objects.get(position=talent.pos_kepala, competency=m1).level == 2
    assert AuditLog.objects.count() == audits
    assert any("1" in m and "5" in m for m in _messages(response))


@pytest.mark.parametrize("competency", ["", "x", "999999"])
def test_unknown_competency_refused(talent, client, competency):
    client.force_login(talent.operator_a)
    before = PositionStandard.objects.count()
    response = client.post(
        _url(talent.pos_kepala), {"competency": competency, "level": "3"}, follow=True
    )
    assert response.status_code == 200
    assert PositionStandard.objects.count() == before
    assert _messages(response)


def test_apply_defaults_adds_missing_only(talent, client):
    position = Position.objects.create(
        name="Kepala Seksi", kind=PositionKind.PENGAWAS, unit=talent.puskesmas
    )
    m1 = talent.competencies["M1"]
    PositionStandard.objects.create(position=position, competency=m1, level=4)
    client.force_login(talent.admin)
    response = client.post(_url(position), {"action": "defaults"})
    assert response.status_code == 302
    standards = PositionStandard.objects.filter(position=position)
    assert standards.count() == 9
    assert standards.get(competency=m1).level == 4  # kept
    assert set(standards.exclude(competency=m1).values_list("level", flat=True)) == {2}


def test_pimpinan_cannot_write(talent, client):
    client.force_login(talent.pimpinan)
    m1 = talent.competencies["M1"]
    response = client.post(_url(talent.pos_kepala), {"competency": m1.pk, "level": "5"})
    assert response.status_code == 403
    assert PositionStandard.objects.get(position=talent.pos_kepala, competency=m1).level == 2


def test_other_operator_gets_404(talent, client):
    client.force_login(talent.operator_b)
    assert client.get(_url(talent.pos_kepala)).status_code == 404
    assert client.get(reverse("competencies:position_standards", args=[999999])).status_code == 404


# --- technical competencies -----------------------------------------------------------------


def test_technical_list_shows_teknis_only(talent, client):
    client.force_login(talent.pimpinan)
    response = client.get(reverse("competencies:technical_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="technical-row"') == 1
    assert "T-KEP-1" in body
    assert 'name="code"' not in body  # no create form for pimpinan


def test_admin_creates_technical_with_levels(talent, client):
    client.force_login(talent.admin)
    response = client.post(
        reverse("competencies:technical_list"),
        {"code": "t-gizi-1", "name": "Gizi Klinis", "field": "Kesehatan",
         "level_1": "Mengenal", "level_3": "Menerapkan"},
    )  # fmt: skip
    assert response.status_code == 302
    competency = Competency.objects.get(code="T-GIZI-1")
    assert competency.group == CompetencyGroup.TEKNIS
    assert dict(competency.levels.values_list("level", "title")) == {
        1: "Mengenal",
        3: "Menerapkan",
    }
    log = AuditLog.objects.get(object_type="competencies.competency", object_id=str(competency.pk))
    assert log.action == AuditLog.Action.CREATE


def test_duplicate_code_refused_with_message(talent, client):
    client.force_login(talent.admin)
    before = Competency.objects.count()
    response = client.post(
        reverse("competencies:technical_list"),
        {"code": "t-kep-1", "name": "Lain", "field": "Kesehatan"},
    )
    assert response.status_code == 200
    assert "T-KEP-1" in str(response.context["form"].errors["code"])
    assert Competency.objects.count() == before


def test_missing_fields_refused(talent, client):
    client.force_login(talent.admin)
    before = Competency.objects.count()
    response = client.post(reverse("competencies:technical_list"), {"code": "T-X"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"name", "field"}
    assert Competency.objects.count() == before


def test_operator_cannot_create(talent, client):
    client.force_login(talent.operator_a)
    response = client.post(
        reverse("competencies:technical_list"),
        {"code": "T-Y", "name": "Y", "field": "Kesehatan"},
    )
    assert response.status_code == 403
    assert not Competency.objects.filter(code="T-Y").exists()


def test_service_refuses_operator_and_bad_levels(talent):
    with pytest.raises(PermissionDenied):
        technical_competency_create(
            actor=talent.operator_a, code="T-Z", name="Z", field="Kesehatan"
        )
    with pytest.raises(ValidationError) as error:
        technical_competency_create(
            actor=talent.admin, code="T-Z", name="Z", field="Kesehatan", levels={6: "x"}
        )
    assert "levels" in error.value.error_dict
    assert not Competency.objects.filter(code="T-Z").exists()
