from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binakinerja.core.models import AuditLog
from binakinerja.core.testing import make_employee
from binakinerja.performance.models import Skp, SkpAssessment
from binakinerja.performance.services import period_open_year, skp_create


def _setup(world, extra: int = 0):
    q1 = period_open_year(actor=None, instansi=world.prov, year=2026)[0]
    people = [world.asn, world.asn_peer] + [
        make_employee(world.puskesmas, f"Staf {i}", supervisor=world.atasan) for i in range(extra)
    ]
    for i, person in enumerate(people):
        skp = skp_create(actor=None, employee=person, year=2026)
        if i % 2 == 0:
            Skp.objects.filter(pk=skp.pk).update(status="assessed")
            SkpAssessment.objects.create(
                skp=skp, period=q1, hasil_kerja="sesuai", perilaku_kerja="sesuai",
                predikat="baik", reason="-", assessed_by=world.atasan,
            )  # fmt: skip


def test_progress_shows_shares_and_the_recap_exports(world, client):
    _setup(world)
    client.force_login(world.operator_a)
    url = reverse("performance:opd_progress", args=[world.dinkes.pk, 2026])
    response = client.get(url)
    progress = response.context["progress"]
    assert progress["staff"] == 3  # atasan, asn, asn_peer
    assert progress["approved"] == 1
    assert progress["approved_share"] == 33
    periods = {label: (count, percent) for label, count, percent in response.context["periods"]}
    assert periods["Triwulan I"] == (1, 50)  # 1 of the 2 SKPs
    text = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert world.asn.nip in text and "Triwulan I" in text and "Baik" in text
    assert AuditLog.objects.filter(action="export", object_type="organizations.orgunit").exists()


def test_progress_query_count_does_not_grow_and_outsiders_get_404(world, client):
    _setup(world)
    client.force_login(world.pimpinan)
    url = reverse("performance:opd_progress", args=[world.dinkes.pk, 2026])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _setup_more = [make_employee(world.puskesmas, f"Baru {i}") for i in range(20)]
    for person in _setup_more:
        skp_create(actor=None, employee=person, year=2026)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    client.force_login(world.operator_b)
    assert client.get(url).status_code == 404


def test_overview_lists_each_visible_opd_with_grouped_counts(world, client):
    _setup(world)
    client.force_login(world.admin)
    url = reverse("performance:opd_overview")
    response = client.get(url, {"year": 2026})
    rows = {r["opd"].name: r for r in response.context["rows"]}
    assert set(rows) == {"Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan"}
    assert (rows["Dinas Kesehatan"]["staff"], rows["Dinas Kesehatan"]["approved"]) == (3, 1)
    assert rows["Dinas Kesehatan"]["assessed"] == 1
    assert rows["Dinas Pendidikan dan Kebudayaan"]["staff"] == 1
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"year": 2026})
    for i in range(15):
        skp_create(actor=None, employee=make_employee(world.dikbud, f"Guru {i}"), year=2026)
    with CaptureQueriesContext(connection) as large:
        client.get(url, {"year": 2026})
    assert len(large.captured_queries) == len(small.captured_queries)
    client.force_login(world.asn_user)
    assert client.get(url).status_code == 403


def test_operator_sees_whom_to_follow_up_and_exports_them_the_leader_does_not(world, client):
    """The OPD behind schedule: the operator sees each active ASN without an approved SKP
    (with the SKP's status and the atasan) and can export the list; the pimpinan reads the
    figures only, and the export is refused."""
    _setup(world)  # asn: assessed; asn_peer: draft; atasan: no SKP
    url = reverse("performance:opd_progress", args=[world.dinkes.pk, 2026])
    client.force_login(world.operator_a)
    response = client.get(url)
    rows = {e.name: e for e in response.context["not_approved"]}
    assert set(rows) == {world.asn_peer.name, world.atasan.name}
    assert response.context["not_approved_count"] == 2
    assert rows[world.asn_peer.name].skp_status_label == "Konsep"
    assert rows[world.atasan.name].skp_status is None
    page = response.content.decode()
    assert "Belum ada SKP" in page and world.atasan.full_name in page  # peer's atasan column
    text = b"".join(client.get(url, {"belum": "csv"}).streaming_content).decode("utf-8-sig")
    assert world.asn_peer.nip in text and world.asn.nip not in text
    assert AuditLog.objects.filter(object_repr__startswith="ASN tanpa SKP disetujui").exists()

    client.force_login(world.pimpinan)
    response = client.get(url)
    assert "not_approved" not in response.context
    assert world.asn_peer.name not in response.content.decode()
    assert client.get(url, {"belum": "xlsx"}).status_code == 403
