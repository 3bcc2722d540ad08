"""A page of every list costs the same number of queries whatever the data (STYLE.md: proven
at two sizes), and an SKP page brings its assessments in one more query, not one per SKP."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binakinerja.api.testing import bearer, build_api_world
from binakinerja.core.testing import make_employee
from binakinerja.performance.testing import build_performance_world
from binakinerja.trainings.models import JpRecord

LISTS = ["unit_list", "employee_list", "skp_list", "jp_record_list", "program_list",
         "batch_list", "pair_list", "ikm_list"]  # fmt: skip


def counts(client, secret) -> dict[str, int]:
    found = {}
    for name in LISTS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(f"api:v1:{name}"), **bearer(secret))
        assert response.status_code == 200, name
        found[name] = len(queries)
    return found


def test_list_pages_cost_the_same_queries_at_two_sizes(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = build_api_world(build_performance_world(world))
    client.get(reverse("api:v1:unit_list"), **bearer(w.secret_prov))  # last use recorded
    small = counts(client, w.secret_prov)
    for number in range(30):
        person = make_employee(w.puskesmas, f"Pegawai {number}", supervisor=w.atasan)
        JpRecord.objects.create(
            employee=person, title="Kursus", form_code="KL03", jenis_diklat_id=3,
            start=dt.date(2026, 1, 5), end=dt.date(2026, 1, 6), year=2026, minutes=90,
            jp=Decimal(2), source=JpRecord.Source.IMPORTED, source_ref=f"t:{number}",
        )  # fmt: skip
    earlier = SimpleNamespace(**{k: v for k, v in vars(w).items() if k != "skp"})
    build_performance_world(earlier, year=2025)  # a second year of SKPs with assessments
    assert counts(client, w.secret_prov) == small
    page = client.get(reverse("api:v1:skp_list"), **bearer(w.secret_prov)).json()["items"]
    assert len(page) == 8 and all(skp["assessments"] for skp in page)  # not the city's two
