"""The SKP page built around the task at hand: the viewer's own next step at the top (from the
workflow table), the realisation form (the value the indicator needs, choices kept when
refused, why a quarter cannot be chosen, earlier values kept, progress against the target) and
the dialog kinerja, which a sent comment returns to."""

from decimal import Decimal

import pytest
from django.urls import reverse

from binakinerja.performance.models import SkpRealisation
from binakinerja.performance.services import (
    period_close,
    period_open_year,
    realisation_record,
    skp_create,
    skp_result_add,
    skp_transition,
)

NUMERIC = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "kali"}
TEXTUAL = {"aspect": "kualitas", "text": "Laporan", "target_text": "Laporan lengkap"}


@pytest.fixture
def periods(world):
    return {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=2026)}


def make_skp(world, *, until=""):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[NUMERIC, TEXTUAL],
    )  # fmt: skip
    steps = [(world.asn_user, "submit"), (world.atasan_user, "approve"), (world.asn_user, "start")]
    for actor, action in steps:
        if until == action:
            break
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    return skp


def page_of(client, user, skp):
    client.force_login(user)
    response = client.get(reverse("performance:skp_detail", args=[skp.pk]))
    assert response.status_code == 200
    return response.content.decode()


def next_step(page):
    start = page.find('class="next-step"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


def test_draft_the_owner_submits_the_atasan_has_no_step(world, client, periods):
    skp = make_skp(world, until="submit")
    mine = next_step(page_of(client, world.asn_user, skp))
    assert "Ajukan ke atasan" in mine and 'value="submit"' in mine
    assert 'value="approve"' not in mine
    assert next_step(page_of(client, world.atasan_user, skp)) == ""


def test_submitted_the_atasan_approves_or_returns_with_a_note(world, client, periods):
    skp = make_skp(world, until="approve")
    theirs = next_step(page_of(client, world.atasan_user, skp))
    assert "Setujui" in theirs and "Kembalikan dengan catatan" in theirs
    assert "wajib untuk mengembalikan" in theirs
    assert 'value="submit"' not in theirs
    assert next_step(page_of(client, world.asn_user, skp)) == ""


def test_in_progress_the_atasan_assesses_through_the_form_not_a_status_button(
    world, client, periods
):
    skp = make_skp(world)
    theirs = next_step(page_of(client, world.atasan_user, skp))
    assert 'href="#assess"' in theirs and "Nilai Triwulan I" in theirs
    assert 'value="assess"' not in theirs  # no button that only moves the status
    mine = next_step(page_of(client, world.asn_user, skp))
    assert 'href="#record"' in mine and "Catat realisasi triwulan" in mine
    assert 'value="assess"' not in mine


def test_people_outside_the_workflow_have_no_step_and_no_back_link(world, client, periods):
    skp = make_skp(world)
    client.force_login(world.operator_a)  # the operator of the owner's OPD reads the SKP
    page = client.get(reverse("performance:skp_detail", args=[skp.pk])).content.decode()
    assert 'id="dialog"' in page
    assert next_step(page) == "" and "‹ Kembali" not in page


def test_back_link_says_where_it_goes(world, client, periods):
    skp = make_skp(world)
    assert "‹ Kembali ke SKP Saya" in page_of(client, world.asn_user, skp)
    assert "‹ Kembali ke SKP tim saya 2026" in page_of(client, world.atasan_user, skp)


def post_realisation(client, skp, **data):
    return client.post(reverse("performance:realisation_record", args=[skp.pk]), data)


def test_a_numeric_target_needs_a_number_and_a_refusal_keeps_the_choices(world, client, periods):
    skp = make_skp(world)
    numeric = skp.results.get().indicators.get(text="Kunjungan")
    client.force_login(world.asn_user)
    response = post_realisation(
        client, skp, indicator=numeric.pk, period=periods["q2"].pk, text="banyak"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "bertarget angka" in page
    assert f'<option value="{numeric.pk}" selected data-kind="number">' in page
    assert f'<option value="{periods["q2"].pk}" selected>' in page
    assert 'value="banyak"' in page  # the text typed is kept too
    assert not SkpRealisation.objects.exists()


def test_a_text_target_needs_a_text_and_the_text_is_shown(world, client, periods):
    skp = make_skp(world)
    textual = skp.results.get().indicators.get(text="Laporan")
    client.force_login(world.asn_user)
    response = post_realisation(client, skp, indicator=textual.pk, period=periods["q1"].pk)
    assert response.status_code == 400 and "bertarget teks" in response.content.decode()
    response = post_realisation(
        client, skp, indicator=textual.pk, period=periods["q1"].pk, text="Laporan Q1 selesai"
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#realisation")
    assert "Laporan Q1 selesai" in page_of(client, world.asn_user, skp)


def test_the_form_says_why_a_quarter_cannot_be_chosen(world, client, periods):
    period_close(actor=world.admin, period=periods["q1"])
    skp = make_skp(world)
    page = page_of(client, world.asn_user, skp)
    field = page[page.index('id="id_realisation_period"') :]
    field = field[: field.index("</select>")]
    assert f'<option value="{periods["q2"].pk}"' in field
    assert f'<option value="{periods["q1"].pk}"' not in field
    assert "Triwulan I sudah ditutup." in page[page.index('id="record"') :]


def test_a_quarter_recorded_again_keeps_the_earlier_value(world, client, periods):
    skp = make_skp(world)
    numeric = skp.results.get().indicators.get(text="Kunjungan")
    realisation_record(actor=world.asn_user, indicator=numeric, period=periods["q1"], value=3)
    client.force_login(world.asn_user)
    response = post_realisation(
        client, skp, indicator=numeric.pk, period=periods["q1"].pk, value="4"
    )
    assert "tetap tercatat" in client.get(response["Location"]).content.decode()
    assert SkpRealisation.objects.get().value == 4
    page = page_of(client, world.asn_user, skp)
    table = page[page.index('id="realisation"') : page.index('id="record"')]
    assert "Nilai sebelumnya" in table and "3 kali" in table and "4 kali" in table


def test_progress_against_the_target_with_a_bar(world, client, periods):
    skp = make_skp(world)
    numeric = skp.results.get().indicators.get(text="Kunjungan")
    realisation_record(actor=world.asn_user, indicator=numeric, period=periods["q1"], value=3)
    realisation_record(
        actor=world.asn_user, indicator=numeric, period=periods["q2"], value=Decimal("2.5")
    )
    page = page_of(client, world.atasan_user, skp)
    assert "Sejauh ini 5,50 dari 10 kali (55%)" in page
    assert f'<progress id="progress-{numeric.pk}" value="5.5' in page
    assert 'max="10' in page


def test_a_comment_returns_to_the_dialog(world, client, periods):
    skp = make_skp(world)
    client.force_login(world.atasan_user)
    response = client.post(reverse("performance:check_in", args=[skp.pk]), {"text": "Bagus"})
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:skp_detail", args=[skp.pk]) + "#dialog"


def test_the_dialog_is_linked_from_the_top_and_the_guides_fold_away(world, client, periods):
    skp = make_skp(world)
    page = page_of(client, world.asn_user, skp)
    assert page.index('href="#dialog"') < page.index('id="realisation"')
    assert page.count("<details") >= 7


def test_realisation_form_starts_at_the_quarter_under_way_and_the_next_empty_indicator(
    world, client, periods, settings
):
    """Only the value is left to give: the form chooses the latest open quarter that has begun
    and the first indicator without a realisation for it (the next one once that is done)."""
    import datetime as dt
    from unittest import mock

    skp = make_skp(world)
    numeric, textual = skp.results.get().indicators.order_by("pk")
    client.force_login(world.asn_user)
    url = reverse("performance:skp_detail", args=[skp.pk])
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 5, 10)):
        form = client.get(url).context["realisation_form"]
        assert (form["period"].value(), form["indicator"].value()) == (periods["q2"].pk, numeric.pk)
        realisation_record(actor=world.asn_user, indicator=numeric, period=periods["q2"], value=3)
        form = client.get(url).context["realisation_form"]
        assert form["indicator"].value() == textual.pk
    period_close(actor=None, period=periods["q1"])
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 2, 1)):
        form = client.get(url).context["realisation_form"]
        assert form["period"].value() is None  # the quarter under way is closed: no guess
