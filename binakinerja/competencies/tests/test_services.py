"""Services of assessments and position standards, and the view that records one assessment."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from binakinerja.competencies import services
from binakinerja.competencies.models import (
    Competency,
    CompetencyAssessment,
    CompetencyGroup,
    PositionStandard,
    PotentialAssessment,
)
from binakinerja.core.models import AuditLog
from binakinerja.people.models import Position, PositionKind

DAY = dt.date(2026, 1, 10)
# session, user, reach (roles, own employee), employee and its write check (people's one
# fetcher), competency choices, history, potentials… (no session write: renewed once a minute)
QUERIES = 10  # with the header's unread-notification count


def record(w, **changes):
    data = {
        "actor": w.operator_a, "employee": w.asn, "competency": w.competencies["M2"], "level": 3,
        "assessed_on": DAY, "method": "assessment_center", "assessor": " UPT ",
    }  # fmt: skip
    data.update(changes)
    return services.assessment_record(**data)


def test_assessment_record_creates_audited_row_and_keeps_history(talent):
    older = set(CompetencyAssessment.objects.filter(employee=talent.asn).values_list("pk", "level"))
    new = record(talent, competency=talent.competencies["M1"], level=4)
    assert (new.level, new.assessor, new.created_by) == (4, "UPT", talent.operator_a)
    after = set(CompetencyAssessment.objects.filter(employee=talent.asn).values_list("pk", "level"))
    assert older < after and after - older == {(new.pk, 4)}
    entry = AuditLog.objects.get(object_type="competencies.competencyassessment",
                                 object_id=str(new.pk))  # fmt: skip
    assert entry.action == "create" and entry.changes["level"] == [None, 4]


def current_of(employee, competency):
    return list(
        CompetencyAssessment.objects.filter(
            employee=employee, competency=competency, is_current=True
        ).values_list("level", flat=True)
    )


def test_the_newest_by_date_is_current_even_when_recorded_later(talent):
    m1 = talent.competencies["M1"]
    assert current_of(talent.asn, m1) == [1]  # 2026-02-01 beats 2024-05-01
    older = record(talent, competency=m1, level=5, assessed_on=dt.date(2025, 1, 1))
    assert not older.is_current and current_of(talent.asn, m1) == [1]
    newer = record(talent, competency=m1, level=4, assessed_on=dt.date(2026, 3, 1))
    assert newer.is_current and current_of(talent.asn, m1) == [4]
    same_day = record(talent, competency=m1, level=2, assessed_on=dt.date(2026, 3, 1))
    assert same_day.is_current and current_of(talent.asn, m1) == [2]  # the later record wins
    assert CompetencyAssessment.objects.filter(employee=talent.asn, competency=m1).count() == 5


def test_mark_current_is_keyword_only_and_atomic(talent):
    with pytest.raises(TypeError):
        services.assessments_mark_current([talent.atasan.pk])  # the old positional call
    assert hasattr(services.assessments_mark_current, "__wrapped__")  # transaction.atomic


def test_mark_current_repairs_any_state(talent):
    CompetencyAssessment.objects.filter(employee=talent.atasan).update(is_current=False)
    services.assessments_mark_current(employee_ids=[talent.atasan.pk])
    rows = CompetencyAssessment.objects.filter(employee=talent.atasan)
    assert rows.filter(is_current=True).count() == rows.count() == 9


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"level": 0}, "level"),
        ({"level": 6}, "level"),
        ({"level": True}, "level"),
        ({"method": "tebakan"}, "method"),
        ({"assessed_on": "future"}, "assessed_on"),
    ],
)
def test_assessment_record_refuses_bad_values(talent, changes, field):
    if changes.get("assessed_on") == "future":
        changes["assessed_on"] = timezone.localdate() + dt.timedelta(days=1)
    before = CompetencyAssessment.objects.count()
    with pytest.raises(ValidationError) as error:
        record(talent, **changes)
    assert field in error.value.message_dict
    assert CompetencyAssessment.objects.count() == before


def test_assessment_record_refuses_inactive_competency_and_outside_scope(talent):
    before = CompetencyAssessment.objects.count()
    Competency.objects.filter(pk=talent.teknis.pk).update(is_active=False)
    talent.teknis.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        record(talent, competency=talent.teknis)
    assert "competency" in error.value.message_dict
    for actor, employee in [(talent.operator_b, talent.asn), (talent.atasan_user, talent.asn),
                            (talent.admin, talent.kota_employee)]:  # fmt: skip
        with pytest.raises(ValidationError) as error:
            record(talent, actor=actor, employee=employee)
        assert error.value.code == "outside_scope"
    assert CompetencyAssessment.objects.count() == before


def test_potential_record_and_refusals(talent):
    new = services.potential_record(
        actor=talent.admin, employee=talent.asn, potential="tinggi", score=88, assessed_on=DAY,
        method="assessment_center",
    )  # fmt: skip
    assert PotentialAssessment.objects.filter(employee=talent.asn).count() == 2
    assert AuditLog.objects.filter(
        object_id=str(new.pk), action="create", object_type="competencies.potentialassessment"
    ).exists()
    bad = [
        ({"potential": "sedang"}, "potential"),
        ({"score": -1}, "score"),
        ({"method": ""}, "method"),
        ({"assessed_on": timezone.localdate() + dt.timedelta(days=3)}, "assessed_on"),
    ]
    for changes, field in bad:
        data = {"actor": talent.admin, "employee": talent.asn, "potential": "rendah",
                "score": None, "assessed_on": DAY, "method": "atasan", **changes}  # fmt: skip
        with pytest.raises(ValidationError) as error:
            services.potential_record(**data)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError):
        services.potential_record(
            actor=talent.operator_b, employee=talent.asn, potential="rendah", score=None,
            assessed_on=DAY, method="atasan",
        )  # fmt: skip
    assert PotentialAssessment.objects.filter(employee=talent.asn).count() == 2


def test_position_standard_set_updates_or_creates_with_audit(talent):
    m1 = talent.competencies["M1"]
    standard = services.position_standard_set(
        actor=talent.operator_a, position=talent.pos_kepala, competency=m1, level=4
    )
    assert PositionStandard.objects.get(position=talent.pos_kepala, competency=m1).level == 4
    entry = AuditLog.objects.get(object_type="competencies.positionstandard",
                                 object_id=str(standard.pk))  # fmt: skip
    assert entry.action == "update" and entry.changes == {"level": [2, 4]}
    created = services.position_standard_set(
        actor=talent.admin, position=talent.pos_kepala, competency=talent.teknis, level=3
    )
    assert AuditLog.objects.filter(object_id=str(created.pk), action="create").exists()
    for actor, level in [(talent.operator_b, 3), (talent.atasan_user, 3), (talent.admin, 6)]:
        with pytest.raises(ValidationError):
            services.position_standard_set(
                actor=actor, position=talent.pos_kepala, competency=m1, level=level
            )
    assert PositionStandard.objects.get(position=talent.pos_kepala, competency=m1).level == 4


def test_apply_defaults_creates_only_missing_standards(talent, monkeypatch):
    position = Position.objects.create(
        name="Kepala Bidang", kind=PositionKind.ADMINISTRATOR, unit=talent.dinkes
    )
    PositionStandard.objects.create(position=position, competency=talent.competencies["M1"],
                                    level=5)  # fmt: skip
    created = services.position_standards_apply_defaults(actor=talent.operator_a, position=position)
    assert len(created) == 8 and {s.level for s in created} == {3}
    levels = dict(position.competency_standards.values_list("competency__code", "level"))
    assert levels["M1"] == 5 and levels["SK1"] == 3 and len(levels) == 9
    assert not any(
        Competency.objects.get(code=code).group == CompetencyGroup.TEKNIS for code in levels
    )
    assert AuditLog.objects.filter(object_type="competencies.positionstandard",
                                   action="create").count() == 8  # fmt: skip
    assert services.position_standards_apply_defaults(actor=talent.admin, position=position) == []
    with pytest.raises(ValidationError):
        services.position_standards_apply_defaults(actor=talent.operator_b, position=position)
    odd = Position.objects.create(name="Staf", kind=PositionKind.PELAKSANA, unit=talent.dinkes)
    monkeypatch.setattr(services, "default_required_level", lambda kind, level: None)
    with pytest.raises(ValidationError) as error:
        services.position_standards_apply_defaults(actor=talent.admin, position=odd)
    assert error.value.code == "no_default"
    assert not odd.competency_standards.exists()


# --- the view ---------------------------------------------------------------------------------


def test_add_view_shows_history_newest_first(talent, client):
    client.force_login(talent.operator_a)
    response = client.get(reverse("competencies:assessment_add", args=[talent.asn.pk]))
    assert response.status_code == 200
    dates = [a.assessed_on for a in response.context["history"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 3
    body = response.content.decode()
    assert body.index("01/02/2026") < body.index("01/05/2024")


def test_add_view_records_and_reports_bad_input(talent, client):
    client.force_login(talent.operator_a)
    url = reverse("competencies:assessment_add", args=[talent.asn.pk])
    data = {"competency": talent.competencies["M3"].pk, "level": 2, "assessed_on": "2026-01-05",
            "method": "uji_kompetensi", "assessor": "Tim", "evidence": "BA-7"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    new = CompetencyAssessment.objects.get(employee=talent.asn, competency__code="M3")
    assert (new.level, new.evidence, new.created_by) == (2, "BA-7", talent.operator_a)
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    bad = [({"level": 7}, "level"), ({"assessed_on": future}, "assessed_on"),
           ({"method": "x"}, "method"), ({"competency": 0}, "competency")]  # fmt: skip
    for changes, field in bad:
        response = client.post(url, {**data, **changes})
        assert response.status_code == 200
        assert response.context["form"].errors[field]
    assert CompetencyAssessment.objects.filter(employee=talent.asn).count() == 4


def test_add_view_query_count_does_not_grow_with_history(talent, client, django_assert_num_queries):
    client.force_login(talent.operator_a)
    url = reverse("competencies:assessment_add", args=[talent.asn.pk])
    client.get(url)  # warm caches (content types, sessions)
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200
    for day in range(1, 11):
        record(talent, assessed_on=dt.date(2025, 1, day))
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert len(response.context["history"]) == 13
