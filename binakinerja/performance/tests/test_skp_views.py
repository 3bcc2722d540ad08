from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.testing import make_employee
from binakinerja.performance.models import Skp
from binakinerja.performance.services import skp_create


def test_asn_plans_submits_and_the_atasan_approves_through_the_pages(world, client):
    client.force_login(world.asn_user)
    response = client.post(reverse("performance:skp_home"), {"year": 2026})
    skp = Skp.objects.get(employee=world.asn, year=2026)
    assert response["Location"] == reverse("performance:skp_detail", args=[skp.pk])

    client.post(
        reverse("performance:skp_result_add", args=[skp.pk]),
        {"kind": "utama", "text": "Kunjungan rumah ibu hamil", "aspect": "kuantitas",
         "indicator": "Jumlah kunjungan", "target_value": "120", "target_unit": "kunjungan"},
    )  # fmt: skip
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert "Kunjungan rumah ibu hamil" in page and "120 kunjungan" in page
    skp.refresh_from_db()
    client.post(
        reverse("performance:skp_action", args=[skp.pk]),
        {"action": "submit", "version": skp.version},
    )
    skp.refresh_from_db()
    assert skp.status == "submitted"

    client.force_login(world.atasan_user)
    board = client.get(reverse("performance:skp_home"), {"year": 2026})
    assert "Menunggu persetujuan Anda" in board.content.decode()
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert 'value="approve"' in page and 'value="submit"' not in page
    client.post(
        reverse("performance:skp_action", args=[skp.pk]),
        {"action": "approve", "version": skp.version},
    )
    skp.refresh_from_db()
    assert skp.status == "approved"


def test_result_without_target_is_refused_with_a_message(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    client.force_login(world.asn_user)
    response = client.post(
        reverse("performance:skp_result_add", args=[skp.pk]),
        {"kind": "utama", "text": "Tanpa target", "aspect": "kualitas", "indicator": "Mutu"},
        follow=True,
    )
    assert "target" in response.content.decode()
    assert not skp.results.exists()


def test_outsiders_get_404_and_owners_cannot_approve(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    for persona in ("operator_b", "pimpinan", "mentor"):
        client.force_login(getattr(world, persona))
        assert client.get(reverse("performance:skp_detail", args=[skp.pk])).status_code == 404
        response = client.post(
            reverse("performance:skp_action", args=[skp.pk]),
            {"action": "approve", "version": skp.version},
        )
        assert response.status_code == 404
    skp.refresh_from_db()
    assert skp.status == "draft"


def test_team_board_query_count_does_not_grow_with_the_team(world, client):
    client.force_login(world.atasan_user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("performance:skp_home")).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(30):
        member = make_employee(world.puskesmas, f"Staf {i}", supervisor=world.atasan)
        skp_create(actor=None, employee=member, year=2026)
    assert count() == small


def test_atasan_sets_expectations_and_the_owner_cannot(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    url = reverse("performance:skp_expectations", args=[skp.pk])
    client.force_login(world.asn_user)
    client.post(url, {"akuntabel": "Saya sendiri", "version": skp.version})
    assert skp.behaviours.get(value="akuntabel").expectation == ""
    client.force_login(world.atasan_user)
    client.post(
        url, {"akuntabel": "Laporan kunjungan tepat waktu setiap bulan", "version": skp.version}
    )
    assert (
        skp.behaviours.get(value="akuntabel").expectation
        == "Laporan kunjungan tepat waktu setiap bulan"
    )
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert "Laporan kunjungan tepat waktu" in page


def test_skp_downloads_as_a_workbook_for_viewers_only(world, client):
    import io

    from openpyxl import load_workbook

    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    client.force_login(world.atasan_user)
    response = client.get(reverse("performance:skp_xlsx", args=[skp.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "SASARAN KINERJA PEGAWAI"  # the layout of the PDF form
    nip_row = next(row for row in values if row[1] == "NIP")
    assert nip_row[:6] == (2, "NIP", world.asn.nip_grouped, 2, "NIP", world.atasan.nip_grouped)
    client.force_login(world.operator_b)
    assert client.get(reverse("performance:skp_xlsx", args=[skp.pk])).status_code == 404


def test_team_board_flags_overdue_items(world, client):
    from binakinerja.performance.models import Skp

    waiting = skp_create(actor=None, employee=world.asn, year=2026)
    quiet = skp_create(actor=None, employee=world.asn_peer, year=2026)
    Skp.objects.filter(pk=waiting.pk).update(status="submitted")
    Skp.objects.filter(pk=quiet.pk).update(status="in_progress")
    client.force_login(world.atasan_user)
    team = dict(client.get(reverse("performance:skp_home"), {"year": 2026}).context["team"])
    assert team[world.asn].awaiting_atasan and not team[world.asn].needs_dialog
    assert team[world.asn_peer].needs_dialog
    page = client.get(reverse("performance:skp_home"), {"year": 2026}).content.decode()
    assert "menunggu keputusan Anda" in page and "perlu dialog kinerja" in page


def test_a_stale_expectations_form_is_refused(world, client):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    url = reverse("performance:skp_expectations", args=[skp.pk])
    client.force_login(world.atasan_user)
    client.post(url, {"akuntabel": "Versi pertama", "version": skp.version})
    response = client.post(url, {"akuntabel": "Versi lama", "version": skp.version}, follow=True)
    assert str(StaleVersionError().message) in response.content.decode()
    assert skp.behaviours.get(value="akuntabel").expectation == "Versi pertama"


def test_a_check_in_can_name_a_result_and_a_value(world, client):
    from binakinerja.performance.models import CheckIn
    from binakinerja.performance.services import skp_result_add

    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    result = skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[{"aspect": "kuantitas", "text": "x", "target_value": 1, "target_unit": ""}],
    )  # fmt: skip
    client.force_login(world.atasan_user)
    client.post(
        reverse("performance:check_in", args=[skp.pk]),
        {"text": "Bagus", "result": result.pk, "value": "adaptif"},
    )
    check_in = CheckIn.objects.get()
    assert (check_in.result, check_in.value) == (result, "adaptif")
