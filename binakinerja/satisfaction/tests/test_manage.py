"""Service units, services, periods and extra questions: services and views (views.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.models import AuditLog
from binakinerja.organizations.services import orgunit_create
from binakinerja.satisfaction.models import (
    ExtraQuestion,
    Service,
    ServiceUnit,
    SurveyPeriod,
    SurveyResponse,
)
from binakinerja.satisfaction.rules import period_bounds, period_population
from binakinerja.satisfaction.services import (
    extra_question_add,
    extra_question_deactivate,
    period_close,
    period_create,
    period_publish,
    period_reopen,
    period_unpublish,
    service_add,
    service_unit_create,
    service_unit_update,
    service_update,
)
from binakinerja.satisfaction.testing import make_periods, make_responses

pytestmark = pytest.mark.django_db


def indonesian(msgid: str, **params) -> str:
    """The text a page shows for `msgid` (English until the catalogue holds it)."""
    with translation.override("id"):
        text = gettext(msgid)
    return text % params if params else text


# --- Pure rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "number", "start", "end"),
    [
        ("tahunan", 1, (1, 1), (12, 31)),
        ("semester", 1, (1, 1), (6, 30)),
        ("semester", 2, (7, 1), (12, 31)),
        ("triwulan", 1, (1, 1), (3, 31)),
        ("triwulan", 2, (4, 1), (6, 30)),
        ("triwulan", 3, (7, 1), (9, 30)),
        ("triwulan", 4, (10, 1), (12, 31)),
    ],
)
def test_period_bounds(kind, number, start, end):
    assert period_bounds(2024, kind, number) == (dt.date(2024, *start), dt.date(2024, *end))


def test_period_bounds_in_a_leap_year_and_refusals():
    assert period_bounds(2024, "triwulan", 1)[1] == dt.date(2024, 3, 31)
    assert period_bounds(2023, "semester", 1) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    for kind, number in [("tahunan", 2), ("semester", 3), ("triwulan", 5), ("triwulan", 0),
                         ("bulanan", 1)]:  # fmt: skip
        with pytest.raises(ValidationError):
            period_bounds(2024, kind, number)
    with pytest.raises(ValidationError):
        period_bounds(1999, "tahunan", 1)


def test_population_scales_with_the_period_half_up():
    assert period_population(1200, "tahunan") == 1200
    assert period_population(1200, "semester") == 600
    assert period_population(1201, "semester") == 601  # 600.5 → 601
    assert period_population(1202, "triwulan") == 301  # 300.5 → 301
    assert period_population(0, "triwulan") == 0


# --- Service units ----------------------------------------------------------------------------


def test_operator_marks_a_unit_of_their_opd_as_service_unit(survey):
    unit = orgunit_create(actor=None, parent=survey.dinkes, name="Puskesmas Telaga")
    su = service_unit_create(actor=survey.operator_a, unit=unit, annual_users=800)
    unit.refresh_from_db()
    assert unit.is_service_unit and su.annual_users == 800 and len(su.public_code) == 6
    entry = AuditLog.objects.get(object_type="satisfaction.serviceunit", object_id=str(su.pk))
    assert entry.action == "create" and entry.changes["annual_users"] == [None, 800]
    assert AuditLog.objects.filter(
        object_type="organizations.orgunit", object_id=str(unit.pk), action="update"
    ).exists()


def test_service_unit_create_refusals(survey):
    with pytest.raises(ValidationError) as caught:
        service_unit_create(actor=survey.operator_a, unit=survey.puskesmas, annual_users=1)
    assert caught.value.code == "service_unit_exists"
    with pytest.raises(ValidationError) as caught:
        service_unit_create(actor=survey.operator_a, unit=survey.dikbud, annual_users=1)
    assert caught.value.code == "out_of_scope"
    with pytest.raises(ValidationError) as caught:
        service_unit_create(actor=survey.superadmin, unit=survey.prov, annual_users=1)
    assert caught.value.code == "service_unit_instansi"
    assert ServiceUnit.objects.count() == 3


def test_service_unit_update_checks_the_version(survey):
    su = survey.su_puskesmas
    service_unit_update(
        actor=survey.operator_a, service_unit=su, version=1, annual_users=1500, is_active=False
    )
    su.refresh_from_db()
    assert (su.annual_users, su.is_active, su.version) == (1500, False, 2)
    with pytest.raises(StaleVersionError):
        service_unit_update(
            actor=survey.admin, service_unit=su, version=1, annual_users=9, is_active=True
        )
    su.refresh_from_db()
    assert su.annual_users == 1500
    assert AuditLog.objects.filter(object_type="satisfaction.serviceunit", action="update").count()


def test_services_add_and_update_refuse_duplicate_names(survey):
    service = service_add(
        actor=survey.operator_a, service_unit=survey.su_puskesmas, name=" Apotek ",
        target_minutes=15,
    )  # fmt: skip
    assert service.name == "Apotek"
    with pytest.raises(ValidationError):
        service_add(actor=survey.operator_a, service_unit=survey.su_puskesmas, name="apotek")
    # The same name in another unit is fine.
    service_add(actor=survey.operator_b, service_unit=survey.su_sekolah, name="Apotek")
    with pytest.raises(ValidationError):
        service_update(
            actor=survey.operator_a, service=service, name="KIA", target_minutes=None,
            is_active=True,
        )  # fmt: skip
    service_update(
        actor=survey.operator_a, service=service, name="Apotek", target_minutes=20,
        is_active=False,
    )  # fmt: skip
    service.refresh_from_db()
    assert (service.target_minutes, service.is_active) == (20, False)
    assert AuditLog.objects.filter(object_type="satisfaction.service").count() == 3


# --- Periods ----------------------------------------------------------------------------------


def test_period_create_refuses_a_second_open_period(survey):
    with pytest.raises(ValidationError) as caught:
        period_create(
            actor=survey.operator_a, service_unit=survey.su_puskesmas, year=survey.year + 1,
            kind="tahunan", number=1,
        )  # fmt: skip
    assert caught.value.code == "period_one_open"
    assert str(survey.pk_open) in caught.value.messages[0]


def test_period_create_refuses_overlaps_and_fills_dates_and_population(survey):
    period_close(actor=survey.operator_a, period=survey.pk_open, version=1)
    with pytest.raises(ValidationError) as caught:
        period_create(
            actor=survey.operator_a, service_unit=survey.su_puskesmas, year=survey.year,
            kind="triwulan", number=3,
        )  # fmt: skip
    assert caught.value.code == "period_overlap"
    period = period_create(
        actor=survey.operator_a, service_unit=survey.su_puskesmas, year=survey.year + 1,
        kind="semester", number=2,
    )  # fmt: skip
    assert (period.starts_on, period.ends_on) == (
        dt.date(survey.year + 1, 7, 1),
        dt.date(survey.year + 1, 12, 31),
    )
    assert period.population == 600 and period.is_open  # 1200 users a year, half a year
    entry = AuditLog.objects.get(object_type="satisfaction.surveyperiod", action="create")
    assert entry.changes["kind"] == [None, "semester"]
    period_close(actor=survey.operator_a, period=period, version=period.version)
    explicit = period_create(
        actor=survey.operator_a, service_unit=survey.su_puskesmas, year=survey.year + 1,
        kind="semester", number=1, population=42,
    )  # fmt: skip
    assert explicit.population == 42


def test_close_reopen_publish_rules(survey):
    period = survey.pk_open
    with pytest.raises(ValidationError) as caught:
        period_publish(actor=survey.operator_a, period=period, version=1)
    assert caught.value.code == "period_open"
    period = period_close(actor=survey.operator_a, period=period, version=1)
    assert period.status == "closed" and period.version == 2
    with pytest.raises(ValidationError):
        period_close(actor=survey.operator_a, period=period, version=2)
    with pytest.raises(ValidationError):
        period_reopen(actor=survey.operator_a, period=period, version=2, reason="  ")
    period = period_publish(actor=survey.operator_a, period=period, version=2)
    assert period.is_published
    with pytest.raises(ValidationError) as caught:
        period_reopen(actor=survey.operator_a, period=period, version=3, reason="Salah tutup")
    assert caught.value.code == "period_published"
    period = period_unpublish(actor=survey.operator_a, period=period, version=3)
    assert not period.is_published
    period = period_reopen(actor=survey.operator_a, period=period, version=4, reason="Salah tutup")
    assert period.is_open
    reopen = AuditLog.objects.filter(object_id=str(period.pk), reason="Salah tutup")
    assert reopen.get().changes == {"status": ["closed", "open"]}


def test_reopen_refuses_when_another_period_is_open(survey):
    last = survey.pk_last
    period_unpublish(actor=survey.operator_a, period=last, version=1)
    with pytest.raises(ValidationError) as caught:
        period_reopen(actor=survey.operator_a, period=last, version=2, reason="Koreksi")
    assert caught.value.code == "period_one_open"


def test_period_changes_check_the_version(survey):
    period_close(actor=survey.operator_a, period=survey.pk_open, version=1)
    with pytest.raises(StaleVersionError):
        period_publish(actor=survey.operator_b, period=survey.pk_open, version=1)
    survey.pk_open.refresh_from_db()
    assert not survey.pk_open.is_published


# --- Extra questions --------------------------------------------------------------------------


def test_extra_questions_at_the_unit_or_its_opd(survey):
    su = survey.su_puskesmas
    own = extra_question_add(
        actor=survey.operator_a, service_unit=su, unit=survey.puskesmas, text="Apakah antrean?"
    )
    opd = extra_question_add(
        actor=survey.operator_a, service_unit=su, unit=survey.dinkes, text="Kenal aplikasi?"
    )
    assert (own.unit, own.position, opd.unit) == (survey.puskesmas, 1, survey.dinkes)
    with pytest.raises(ValidationError):  # the government is above the OPD chain
        extra_question_add(actor=survey.admin, service_unit=su, unit=survey.prov, text="x")
    with pytest.raises(ValidationError):  # another OPD's unit
        extra_question_add(actor=survey.operator_a, service_unit=su, unit=survey.sekolah, text="x")
    extra_question_deactivate(actor=survey.operator_a, service_unit=su, question=own)
    assert not ExtraQuestion.objects.get(pk=own.pk).is_active
    with pytest.raises(ValidationError):
        extra_question_deactivate(actor=survey.operator_a, service_unit=su, question=own)


# --- Views ------------------------------------------------------------------------------------


def test_unit_list_shows_scope_figures_and_filters(survey, client):
    make_responses(survey.pk_open, [(4,) * 9, (3,) * 9], status="valid")
    make_responses(survey.pk_open, [(1,) * 9], status="flagged", flag_reason="banyak")
    survey.sekolah.kab_kota = "Kota Gorontalo"
    survey.sekolah.save()
    client.force_login(survey.admin)
    response = client.get(reverse("satisfaction:unit_list"))
    assert response.status_code == 200
    rows = {row["su"]: row for row in response.context["rows"]}
    assert set(rows) == {survey.su_puskesmas, survey.su_sekolah}  # not the other government
    row = rows[survey.su_puskesmas]
    assert (row["valid"], row["flagged_open"], row["flagged"]) == (2, 1, 1)
    assert row["opd"] == survey.dinkes.name and row["open_period"] == survey.pk_open
    assert row["latest_period"] == survey.pk_last and str(row["latest"].score) == "83.33"
    assert response.context["can_manage"]
    page = response.content.decode()
    assert reverse("satisfaction:unit_create") in page and "83,33" in page  # id locale
    only = client.get(reverse("satisfaction:unit_list"), {"opd": survey.dikbud.pk})
    assert [r["su"] for r in only.context["rows"]] == [survey.su_sekolah]
    by_city = client.get(reverse("satisfaction:unit_list"), {"kab_kota": "Kota Gorontalo"})
    assert [r["su"] for r in by_city.context["rows"]] == [survey.su_sekolah]
    named = client.get(reverse("satisfaction:unit_list"), {"q": "limboto"})
    assert [r["su"] for r in named.context["rows"]] == [survey.su_puskesmas]


def test_unit_list_for_pimpinan_has_no_manager_link(survey, client):
    client.force_login(survey.pimpinan)
    response = client.get(reverse("satisfaction:unit_list"))
    assert response.status_code == 200 and not response.context["can_manage"]
    assert reverse("satisfaction:unit_create") not in response.content.decode()
    assert reverse("satisfaction:unit_list") in response.content.decode()  # the nav link


def _add_service_units(survey, count: int) -> None:
    year = survey.year
    for i in range(count):
        unit = orgunit_create(actor=None, parent=survey.dinkes, name=f"Pustu {i:03d}")
        su = ServiceUnit.objects.create(unit=unit, annual_users=100)
        service = Service.objects.create(service_unit=su, name="Umum")
        last, current = make_periods(su, year=year)
        make_responses(last, [(3,) * 9], service=service)
        make_responses(current, [(4,) * 9], service=service)
        make_responses(current, [(2,) * 9], service=service, status="flagged")


def test_unit_list_query_count_does_not_grow_with_the_units(
    survey, client, django_assert_num_queries
):
    client.force_login(survey.operator_a)
    _add_service_units(survey, 2)
    url = reverse("satisfaction:unit_list")
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(url).context["rows"]) == 3
    _add_service_units(survey, 20)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 23
    pustu = [row for row in response.context["rows"] if row["su"].unit.name.startswith("Pustu")]
    assert len(pustu) == 22 and all(row["flagged"] == row["flagged_open"] == 1 for row in pustu)
    assert all(row["valid"] == 1 and row["latest"].score == 75 for row in pustu)


def test_unit_create_view(survey, client):
    unit = orgunit_create(actor=None, parent=survey.dinkes, name="Puskesmas Telaga")
    client.force_login(survey.operator_a)
    page = client.get(reverse("satisfaction:unit_create"))
    choices = list(page.context["form"].fields["unit"].queryset)
    assert unit in choices and survey.puskesmas not in choices and survey.sekolah not in choices
    response = client.post(
        reverse("satisfaction:unit_create"), {"unit": unit.pk, "annual_users": 400}
    )
    su = ServiceUnit.objects.get(unit=unit)
    assert response.status_code == 302
    assert response["Location"] == reverse("satisfaction:unit_detail", args=[su.pk])
    refused = client.post(
        reverse("satisfaction:unit_create"), {"unit": survey.sekolah.pk, "annual_users": 1}
    )
    assert refused.status_code == 200 and refused.context["form"].errors


def test_unit_detail_for_manager_and_reader(survey, client):
    client.force_login(survey.operator_a)
    response = client.get(reverse("satisfaction:unit_detail", args=[survey.su_puskesmas.pk]))
    assert response.status_code == 200 and response.context["can_manage"]
    page = response.content.decode()
    assert survey.su_puskesmas.public_code in response.context["public_url"]
    assert reverse("satisfaction:paper_entry", args=[survey.pk_open.pk]) in page
    assert reverse("satisfaction:period_create", args=[survey.su_puskesmas.pk]) in page
    periods = {p: p for p in response.context["periods"]}
    assert periods[survey.pk_last].valid_count == 2
    client.force_login(survey.pimpinan)
    response = client.get(reverse("satisfaction:unit_detail", args=[survey.su_puskesmas.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and not response.context["can_manage"]
    assert "period_form" not in response.context
    assert reverse("satisfaction:period_create", args=[survey.su_puskesmas.pk]) not in page
    assert "Ruang tunggu" not in page  # no suggestions for pimpinan


def test_unit_update_view_and_stale_version(survey, client):
    client.force_login(survey.operator_a)
    url = reverse("satisfaction:unit_update", args=[survey.su_puskesmas.pk])
    response = client.post(url, {"annual_users": 2000, "is_active": "on", "version": 1})
    assert response.status_code == 302
    stale = client.post(url, {"annual_users": 5, "version": 1})
    assert stale.status_code == 200
    assert stale.context["unit_form"].non_field_errors()
    survey.su_puskesmas.refresh_from_db()
    assert survey.su_puskesmas.annual_users == 2000 and survey.su_puskesmas.is_active


def test_service_views(survey, client):
    client.force_login(survey.operator_a)
    su = survey.su_puskesmas
    response = client.post(
        reverse("satisfaction:service_add", args=[su.pk]),
        {"new-name": "Laboratorium", "new-target_minutes": 30},
    )
    assert response.status_code == 302
    service = su.services.get(name="Laboratorium")
    duplicate = client.post(reverse("satisfaction:service_add", args=[su.pk]), {"new-name": "KIA"})
    assert duplicate.status_code == 200 and duplicate.context["service_form"].errors
    prefix = f"s{service.pk}"
    response = client.post(
        reverse("satisfaction:service_update", args=[su.pk, service.pk]),
        {f"{prefix}-name": "Lab", f"{prefix}-target_minutes": "", f"{prefix}-is_active": ""},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.target_minutes, service.is_active) == ("Lab", None, False)
    # A service of another unit is not reachable through this unit.
    other = reverse("satisfaction:service_update", args=[su.pk, survey.svc_legalisir.pk])
    assert client.post(other, {}).status_code == 404


def test_period_views(survey, client):
    client.force_login(survey.operator_a)
    su = survey.su_puskesmas
    create = reverse("satisfaction:period_create", args=[su.pk])
    refused = client.post(create, {"year": survey.year + 1, "kind": "tahunan", "number": 1})
    assert refused.status_code == 200
    assert (
        indonesian(
            "%(period)s is still open: close it before opening a new period.",
            period=str(survey.pk_open),
        )
        in refused.content.decode()
    )
    action = reverse("satisfaction:period_action", args=[survey.pk_open.pk])
    assert client.post(action, {"action": "close", "version": 1}).status_code == 302
    stale = client.post(action, {"action": "publish", "version": 1})
    assert stale.status_code == 200
    survey.pk_open.refresh_from_db()
    assert not survey.pk_open.is_published
    assert client.post(action, {"action": "publish", "version": 2}).status_code == 302
    response = client.post(create, {"year": survey.year + 1, "kind": "triwulan", "number": 2})
    assert response.status_code == 302
    period = SurveyPeriod.objects.get(service_unit=su, year=survey.year + 1)
    assert period.ends_on == dt.date(survey.year + 1, 6, 30) and period.population == 300
    no_reason = client.post(
        reverse("satisfaction:period_action", args=[survey.pk_last.pk]),
        {"action": "reopen", "version": 1, "reason": ""},
    )
    assert no_reason.status_code == 200


def test_question_views(survey, client):
    client.force_login(survey.operator_a)
    su = survey.su_puskesmas
    page = client.get(reverse("satisfaction:unit_detail", args=[su.pk]))
    units = list(page.context["question_form"].fields["unit"].queryset)
    assert units == [survey.puskesmas, survey.dinkes]
    response = client.post(
        reverse("satisfaction:question_add", args=[su.pk]),
        {"unit": survey.dinkes.pk, "text": "Dari mana Anda tahu layanan ini?"},
    )
    assert response.status_code == 302
    question = ExtraQuestion.objects.get(unit=survey.dinkes)
    # The school's page lists only its own chain's questions.
    client.force_login(survey.operator_b)
    other = client.get(reverse("satisfaction:unit_detail", args=[survey.su_sekolah.pk]))
    assert question not in other.context["questions"]
    client.force_login(survey.operator_a)
    url = reverse("satisfaction:question_deactivate", args=[su.pk, question.pk])
    assert client.post(url).status_code == 302
    assert not ExtraQuestion.objects.get(pk=question.pk).is_active
    assert client.post(url).status_code == 200  # already inactive: a message, no 500


def test_unit_detail_counts_only_this_units_flagged(survey, client):
    make_responses(survey.sk_open, [(2,) * 9], status="flagged")
    make_responses(survey.pk_open, [(2,) * 9, (3,) * 9], status="flagged")
    client.force_login(survey.admin)
    response = client.get(reverse("satisfaction:unit_detail", args=[survey.su_puskesmas.pk]))
    assert response.context["flagged"] == 2
    assert SurveyResponse.objects.filter(status="flagged").count() == 3


def test_published_period_timestamp_is_recent(survey):
    period = period_close(actor=survey.admin, period=survey.pk_open, version=1)
    period = period_publish(actor=survey.admin, period=period, version=period.version)
    assert timezone.now() - period.published_at < dt.timedelta(minutes=1)
