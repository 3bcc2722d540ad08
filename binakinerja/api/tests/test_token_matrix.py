"""Every API endpoint × token persona × scope (STYLE.md: every endpoint in the permission
matrix). Token personas (binakinerja/api/testing.py): the province's (admin BKPSDM reach), the
city's (another government), Dinas Kesehatan's (an operator's reach), every government's (a
superadmin's), one with only `ikm:read` (another area), one with read scopes only, an expired
one, a revoked one, a made-up one, and none. Objects of another government, or outside an
OPD, are 404; a scope the token lacks is 403; a batch naming people outside reach is 422 with
the refused rows and nothing written.

One world for the whole matrix; each cell runs in a transaction rolled back after it, so a
write of one cell is not seen by the next."""

from __future__ import annotations

import datetime as dt
import json

from django.db import transaction
from django.urls import reverse

from binakinerja.api.testing import bearer, build_api_world
from binakinerja.mentoring.testing import build_mentoring_world
from binakinerja.performance.testing import build_performance_world
from binakinerja.satisfaction.testing import build_survey_world

TOKENS = ["prov", "kota", "opd", "all", "narrow", "reader", "expired", "revoked", "made_up",
          "none"]  # fmt: skip
UNAUTHENTICATED = {"expired": 401, "revoked": 401, "made_up": 401, "none": 401}
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def v1(name, *args):
    return reverse(f"api:v1:{name}", args=args)


def jp_payload(w):
    return {"records": [{"reference": "sim-1", "nip": w.asn.nip, "form_code": "KL03",
                         "title": "Pelatihan Pelayanan Prima", "start": "2026-01-05",
                         "end": "2026-01-06", "minutes": 900}]}  # fmt: skip


def history_payload(w):
    return {"rows": [{"nip": w.asn.nip, "jenisDiklatId": 3, "namaKursus": "Kursus Gizi",
                      "jumlahJam": 20, "tanggalKursus": "05-01-2026",
                      "tanggalSelesaiKursus": "06-01-2026"}]}  # fmt: skip


def assessment_payload(w):
    return {"assessments": [{"nip": w.asn.nip, "competency": "M1", "level": 3,
                             "assessed_on": YESTERDAY.isoformat(),
                             "method": "assessment_center"}]}  # fmt: skip


def expect(area, write=False, *, kota=200, opd=200, prov=200):
    """Statuses for a row of `area`: the full-scope tokens as given, the narrow token 403 (it
    reads IKM only), the read-only token 403 on writes."""
    row = {"prov": prov, "kota": kota, "opd": opd, "all": 200, **UNAUTHENTICATED}
    row["narrow"] = 200 if area == "ikm" else 403
    row["reader"] = 403 if write else row["prov"]
    return row


# (label, method, url(w), payload(w) or None, {token: status})
ROWS = [
    ("units", "get", lambda w: v1("unit_list"), None, expect("registry")),
    ("unit of the province", "get", lambda w: v1("unit_detail", w.dinkes.pk), None,
     expect("registry", kota=404)),
    ("unit of the city", "get", lambda w: v1("unit_detail", w.kota_opd.pk), None,
     expect("registry", opd=404, prov=404)),
    ("units under a parent outside reach", "get",
     lambda w: v1("unit_list") + f"?parent={w.dikbud.pk}", None,
     expect("registry", kota=404, opd=404)),
    ("employees", "get", lambda w: v1("employee_list"), None, expect("registry")),
    ("employee of Dinas Kesehatan", "get", lambda w: v1("employee_detail", w.asn.pk), None,
     expect("registry", kota=404)),
    ("employee of Dinas Pendidikan", "get", lambda w: v1("employee_detail", w.teacher.pk), None,
     expect("registry", kota=404, opd=404)),
    ("employee of the city", "get", lambda w: v1("employee_detail", w.kota_employee.pk), None,
     expect("registry", opd=404, prov=404)),
    ("skps", "get", lambda w: v1("skp_list") + "?year=2026", None, expect("skp")),
    ("skp of the province", "get", lambda w: v1("skp_detail", w.skp.pk), None,
     expect("skp", kota=404)),
    ("skp of the city", "get", lambda w: v1("skp_detail", w.kota_skp.pk), None,
     expect("skp", opd=404, prov=404)),
    ("jp records", "get", lambda w: v1("jp_record_list"), None, expect("jp")),
    ("jp records post", "post", lambda w: v1("jp_record_list"), jp_payload,
     expect("jp", write=True, kota=422)),
    ("siasn history post", "post", lambda w: v1("history_import"), history_payload,
     expect("jp", write=True, kota=422)),
    ("assessments post", "post", lambda w: v1("assessment_import"), assessment_payload,
     expect("competencies", write=True, kota=422)),
    ("programs", "get", lambda w: v1("program_list"), None, expect("trainings")),
    ("batches", "get", lambda w: v1("batch_list"), None, expect("trainings")),
    ("pairs", "get", lambda w: v1("pair_list"), None, expect("mentoring")),
    ("ikm", "get", lambda w: v1("ikm_list"), None, expect("ikm")),
]  # fmt: skip


def call(client, w, token, method, url, payload):
    headers = {}
    if token == "made_up":
        headers = bearer("bk_00000000_" + "x" * 43)
    elif token != "none":
        headers = bearer(getattr(w, f"secret_{token}"))
    if method == "post":
        return client.post(url, json.dumps(payload(w)), content_type="application/json",
                           **headers)  # fmt: skip
    return client.get(url, **headers)


def test_every_endpoint_for_every_token_and_scope(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = build_api_world(build_mentoring_world(build_survey_world(build_performance_world(world))))
    wrong = []
    for label, method, url, payload, statuses in ROWS:
        assert set(statuses) == set(TOKENS), label
        for token in TOKENS:
            with transaction.atomic():
                response = call(client, w, token, method, url(w), payload)
                transaction.set_rollback(True)
            if response.status_code != statuses[token]:
                wrong.append((label, token, statuses[token], response.status_code,
                              response.content[:200]))  # fmt: skip
            assert response["Content-Type"].startswith("application/json"), (label, token)
            if response.status_code >= 400:
                assert response.json()["detail"], (label, token)
    assert not wrong, wrong


def test_the_matrix_names_every_api_endpoint():
    """Every endpoint of v1 (the documents aside) has rows above."""
    from types import SimpleNamespace

    from django.urls import resolve

    from binakinerja.core.tests.test_url_coverage import url_names

    documents = {"api:v1:openapi-json", "api:v1:openapi-view", "api:v1:api-root"}
    endpoints = {n for n in url_names() if n.startswith("api:v1:")} - documents
    fake = SimpleNamespace(
        **{
            name: SimpleNamespace(pk=1)
            for name in (
                "dinkes",
                "kota_opd",
                "dikbud",
                "asn",
                "teacher",
                "kota_employee",
                "skp",
                "kota_skp",
            )
        }
    )
    covered = {resolve(url(fake).split("?")[0]).view_name for _l, _m, url, _p, _s in ROWS}
    assert endpoints <= covered, endpoints - covered
