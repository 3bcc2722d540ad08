"""Survey fixtures on top of the persona world (binakinerja/core/testing.py).

Three service units: the puskesmas (Dinas Kesehatan, operator_a), a school (Dinas Pendidikan,
operator_b) and the Disdukcapil office of the other government. Each has services, a closed and
published period last year with responses, and an open yearly period this year.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from binakinerja.organizations.services import orgunit_create
from binakinerja.satisfaction.models import (
    ELEMENT_FIELDS,
    Service,
    ServiceUnit,
    SurveyPeriod,
    SurveyResponse,
)


def make_responses(period, answers_list, **fields) -> list[SurveyResponse]:
    """Responses written straight to the database, one per sequence of 9 answers."""
    objs = []
    for answers in answers_list:
        objs.append(
            SurveyResponse(
                period=period,
                **dict(zip(ELEMENT_FIELDS, answers, strict=True)),
                **fields,
            )
        )
    return SurveyResponse.objects.bulk_create(objs)


def make_periods(service_unit, *, year: int, population: int = 500):
    last = SurveyPeriod.objects.create(
        service_unit=service_unit, year=year - 1, starts_on=dt.date(year - 1, 1, 1),
        ends_on=dt.date(year - 1, 12, 31), status=SurveyPeriod.Status.CLOSED,
        population=population, published_at=timezone.now(),
    )  # fmt: skip
    current = SurveyPeriod.objects.create(
        service_unit=service_unit, year=year, starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31), population=population,
    )  # fmt: skip
    return last, current


def build_survey_world(w: SimpleNamespace) -> SimpleNamespace:
    """Adds survey data to the world `w` and returns it."""
    year = timezone.localdate().year
    w.year = year
    w.sekolah = orgunit_create(
        actor=None, parent=w.dikbud, name="SMA Negeri 1 Gorontalo", unit_type="sekolah",
        is_service_unit=True,
    )  # fmt: skip
    w.dukcapil = w.kota_opd
    w.su_puskesmas = ServiceUnit.objects.create(unit=w.puskesmas, annual_users=1200)
    w.su_sekolah = ServiceUnit.objects.create(unit=w.sekolah, annual_users=300)
    w.su_dukcapil = ServiceUnit.objects.create(unit=w.dukcapil, annual_users=5000)
    w.svc_umum = Service.objects.create(
        service_unit=w.su_puskesmas, name="Poli Umum", target_minutes=60
    )
    w.svc_kia = Service.objects.create(service_unit=w.su_puskesmas, name="KIA", target_minutes=45)
    w.svc_legalisir = Service.objects.create(service_unit=w.su_sekolah, name="Legalisir Ijazah")
    w.svc_ktp = Service.objects.create(service_unit=w.su_dukcapil, name="KTP-el")
    w.pk_last, w.pk_open = make_periods(w.su_puskesmas, year=year)
    w.sk_last, w.sk_open = make_periods(w.su_sekolah, year=year, population=300)
    w.dk_last, w.dk_open = make_periods(w.su_dukcapil, year=year, population=5000)
    # Last year's puskesmas results: NRR 3.5, 3.0, … (hand-checkable), one unanswered element.
    make_responses(
        w.pk_last,
        [(4, 3, 3, 4, 3, 3, 4, 2, 3), (3, 3, 4, 4, 3, 4, 4, 3, None)],
        service=w.svc_umum, sex="P", age_band="30-39", education="sma", occupation="irt",
        visit_date=dt.date(year - 1, 6, 1), suggestion="Ruang tunggu perlu kipas angin.",
    )  # fmt: skip
    make_responses(w.sk_last, [(3,) * 9, (2,) * 9], service=w.svc_legalisir)
    make_responses(w.dk_last, [(4,) * 9], service=w.svc_ktp)
    return w
