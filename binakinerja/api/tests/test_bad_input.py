"""Bad input gets the right status and a clear Indonesian JSON message, and nothing is half
written: unknown fields, wrong types, a tampered cursor, rows naming people outside the
token's reach. Also: lists stay inside the token's government and carry no sensitive field."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from binakinerja.api.testing import bearer, build_api_world
from binakinerja.competencies.models import CompetencyAssessment
from binakinerja.core.models import AuditLog
from binakinerja.performance.testing import build_performance_world
from binakinerja.trainings.models import JpRecord

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def w(world):
    return build_api_world(world)


def post(client, secret, name, body):
    return client.post(reverse(f"api:v1:{name}"), json.dumps(body),
                       content_type="application/json", **bearer(secret))  # fmt: skip


def jp_item(nip, reference, **fields):
    return {"reference": reference, "nip": nip, "form_code": "KL03", "title": "Pelayanan Prima",
            "start": "2026-02-02", "end": "2026-02-03", "minutes": 900, **fields}  # fmt: skip


def test_an_unknown_field_is_422_naming_the_field_in_indonesian(w, client):
    response = post(client, w.secret_prov, "jp_record_list",
                    {"records": [jp_item(w.asn.nip, "r1", bonus=5)]})  # fmt: skip
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Permintaan memuat kolom yang tidak valid."
    assert body["errors"] == [{"field": "body.records.0.bonus", "message": "Kolom tidak dikenal."}]
    assert not JpRecord.objects.exists()


def test_wrong_types_are_422_per_field(w, client):
    response = post(
        client,
        w.secret_prov,
        "jp_record_list",
        {"records": [jp_item(w.asn.nip, "r1", minutes="banyak", start="kemarin")]},
    )
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert fields == {
        "body.records.0.minutes": "Harus bilangan bulat.",
        "body.records.0.start": "Harus tanggal dengan format YYYY-MM-DD.",
    }
    url = reverse("api:v1:employee_list") + "?limit=0"
    assert client.get(url, **bearer(w.secret_prov)).status_code == 422
    response = client.get("/api/v1/employees/abc", **bearer(w.secret_prov))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "path.pk"


def test_a_body_that_is_not_json_is_refused_in_json(w, client):
    response = client.post(reverse("api:v1:jp_record_list"), "{rusak",
                           content_type="application/json", **bearer(w.secret_prov))  # fmt: skip
    assert response.status_code in (400, 422) and response.json()["detail"]


def test_messages_stay_indonesian_whatever_the_caller_accepts(w, client):
    response = client.get(reverse("api:v1:unit_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json()["detail"] == ("Kirim token API yang sah: "
                                         "Authorization: Bearer <token>.")  # fmt: skip


def test_cursor_pages_cover_the_list_once_and_a_tampered_cursor_is_400(w, client):
    url = reverse("api:v1:employee_list")
    seen, cursor = [], ""
    while True:
        page = client.get(url + f"?limit=2{cursor}", **bearer(w.secret_all)).json()
        seen += [e["id"] for e in page["items"]]
        if not page["next"]:
            break
        cursor = f"&cursor={page['next']}"
    assert sorted(seen) == seen and len(set(seen)) == len(seen) == 5  # the world's five ASN
    good = client.get(url + "?limit=2", **bearer(w.secret_prov)).json()["next"]
    payload, rest = good.split(":", 1)
    forged = "eyJhZnRlciI6MH0" + ":" + rest  # {"after":0} with the old signature
    for bad in (forged, good[:-1] + ("A" if good[-1] != "A" else "B"), "bukan-kursor"):
        response = client.get(url, {"cursor": bad}, **bearer(w.secret_prov))
        assert response.status_code == 400, bad
        assert response.json() == {"detail": "Penunjuk halaman tidak sah: gunakan nilai `next` "
                                             "dari halaman sebelumnya apa adanya."}  # fmt: skip


def test_jp_pages_go_by_employee_then_record_and_cover_the_ledger_once(w, client):
    """The JP ledger is paged in (employee, id) order (api.v1.paging): records written in turn
    for two persons come back person by person, each once, across pages of every size; a cursor
    of a list paged by one key is refused here."""
    from decimal import Decimal

    people = sorted([w.asn, w.asn_peer], key=lambda e: e.pk, reverse=True)
    for number in range(7):  # interleaved: the later person's records have the smaller ids
        JpRecord.objects.create(
            employee=people[number % 2], title=f"Kursus {number}", form_code="KL03",
            jenis_diklat_id=3, start=YESTERDAY, end=YESTERDAY, year=YESTERDAY.year, minutes=90,
            jp=Decimal(2), source=JpRecord.Source.IMPORTED, source_ref=f"urut:{number}",
        )  # fmt: skip
    url = reverse("api:v1:jp_record_list")
    expected = list(JpRecord.objects.order_by("employee_id", "id").values_list("employee_id",
                                                                              "id"))  # fmt: skip
    assert expected != sorted(expected, key=lambda key: key[1])  # the orders differ here
    for limit in (1, 2, 3, 50):
        seen, cursor = [], {}
        while True:
            page = client.get(url, {"limit": limit, **cursor}, **bearer(w.secret_prov)).json()
            seen += [(r["employee_id"], r["id"]) for r in page["items"]]
            if not page["next"]:
                break
            cursor = {"cursor": page["next"]}
        assert seen == expected, limit
    one_key = client.get(reverse("api:v1:employee_list"), {"limit": 1},
                         **bearer(w.secret_prov)).json()["next"]  # fmt: skip
    response = client.get(url, {"cursor": one_key}, **bearer(w.secret_prov))
    assert response.status_code == 400


def test_a_jp_batch_with_one_bad_row_writes_nothing_and_lists_the_row(w, client):
    items = [jp_item(w.asn.nip, "r1"), jp_item(w.asn_peer.nip, "r2"),
             jp_item(w.kota_employee.nip, "r3"), jp_item(w.asn.nip, "r4", form_code="XX"),
             jp_item(w.asn.nip, "r1")]  # fmt: skip
    response = post(client, w.secret_prov, "jp_record_list", {"records": items})
    assert response.status_code == 422
    rows = [(r["index"], r["field"]) for r in response.json()["rows"]]
    assert rows == [(2, "nip"), (3, "form_code"), (4, "reference")]
    assert response.json()["detail"] == "Tidak ada yang disimpan: 3 butir ditolak."
    assert not JpRecord.objects.exists()


def test_jp_records_are_written_through_the_ledger_once_per_reference_and_audited(w, client):
    body = {"records": [jp_item(w.asn.nip, "r1"), jp_item(w.asn_peer.nip, "r2")]}
    first = post(client, w.secret_prov, "jp_record_list", body)
    assert first.status_code == 200 and first.json()["created"] == 2
    again = post(client, w.secret_prov, "jp_record_list", body)
    assert again.json() == {"created": 0, "existing": 2, "ids": first.json()["ids"]}
    record = JpRecord.objects.get(employee=w.asn)
    assert record.jp == 20 and record.created_by == w.token_prov.user  # 900 min of KL03
    assert AuditLog.objects.filter(actor=w.token_prov.user, action="create",
                                   object_type="trainings.jprecord").count() == 2  # fmt: skip


def test_a_siasn_history_batch_is_all_or_nothing(w, client):
    good = {"nip": w.asn.nip, "jenisDiklatId": 3, "namaKursus": "Kursus Gizi", "jumlahJam": 20,
            "tanggalKursus": "05-01-2026", "tanggalSelesaiKursus": "06-01-2026"}  # fmt: skip
    bad = {**good, "namaKursus": "Kursus Lain", "tanggalSelesaiKursus": "31-02-2026"}
    response = post(client, w.secret_prov, "history_import", {"rows": [good, bad]})
    assert response.status_code == 422
    assert [(r["index"], r["field"]) for r in response.json()["rows"]] == [
        (1, "tanggalSelesaiKursus")]  # fmt: skip
    assert not JpRecord.objects.exists()
    response = post(client, w.secret_prov, "history_import", {"rows": [good]})
    assert response.json() == {"created": 1, "skipped": 0}
    assert post(client, w.secret_prov, "history_import", {"rows": [good]}).json() == {
        "created": 0, "skipped": 1}  # fmt: skip


def test_an_assessment_batch_is_all_or_nothing(w, client):
    good = {"nip": w.asn.nip, "competency": "M1", "level": 3,
            "assessed_on": YESTERDAY.isoformat(), "method": "assessment_center"}  # fmt: skip
    body = {"assessments": [good, {**good, "competency": "M2", "level": 9},
                            {**good, "nip": w.teacher.nip, "competency": "M3"}]}  # fmt: skip
    response = post(client, w.secret_opd, "assessment_import", body)  # Dinas Kesehatan's token
    assert response.status_code == 422
    assert [(r["index"], r["field"]) for r in response.json()["rows"]] == [(1, "LEVEL"),
                                                                           (2, "NIP")]  # fmt: skip
    assert not CompetencyAssessment.objects.exists()
    response = post(client, w.secret_opd, "assessment_import", {"assessments": [good]})
    assert response.json() == {"created": 1}
    assert CompetencyAssessment.objects.get().created_by == w.token_opd.user


def test_the_city_token_lists_only_the_city_and_no_sensitive_field(w, client):
    build_performance_world(w)
    city = bearer(w.secret_kota)
    employees = client.get(reverse("api:v1:employee_list"), **city).json()["items"]
    assert [e["id"] for e in employees] == [w.kota_employee.pk]
    skps = client.get(reverse("api:v1:skp_list"), **city).json()["items"]
    assert [k["id"] for k in skps] == [w.kota_skp.pk]
    units = {u["id"] for u in client.get(reverse("api:v1:unit_list"), **city).json()["items"]}
    assert units == {w.kota.pk, w.kota_opd.pk}
    response = client.get(reverse("api:v1:employee_list"), **bearer(w.secret_prov))
    assert response["Cache-Control"] == "no-store"
    item = response.json()["items"][0]
    assert not {"phone", "email", "birth_date", "birth_place", "nik", "npwp", "address"} & set(item)
    assert w.atasan.phone not in response.content.decode()


LISTS = ["unit_list", "employee_list", "skp_list", "jp_record_list", "program_list",
         "batch_list", "pair_list", "ikm_list"]  # fmt: skip


@pytest.mark.parametrize("name", LISTS)
def test_an_unknown_query_parameter_is_422_naming_it(w, client, name):
    # A misspelt filter (`yaer`) must not quietly return the unfiltered list.
    response = client.get(reverse(f"api:v1:{name}") + "?yaer=2026&limit=5", **bearer(w.secret_prov))
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Permintaan memuat kolom yang tidak valid."
    assert body["errors"] == [{"field": "query.yaer", "message": "Kolom tidak dikenal."}]
    assert client.get(reverse(f"api:v1:{name}") + "?limit=5",
                      **bearer(w.secret_prov)).status_code == 200  # fmt: skip


def test_a_query_parameter_on_a_detail_or_a_write_is_422(w, client):
    url = reverse("api:v1:employee_detail", args=[w.asn.pk]) + "?fields=nik"
    response = client.get(url, **bearer(w.secret_prov))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "query.fields", "message": "Kolom tidak dikenal."}
    ]
    response = client.post(reverse("api:v1:jp_record_list") + "?dry_run=1",
                           json.dumps({"records": [jp_item(w.asn.nip, "r1")]}),
                           content_type="application/json", **bearer(w.secret_prov))  # fmt: skip
    assert response.status_code == 422
    assert not JpRecord.objects.exists()
