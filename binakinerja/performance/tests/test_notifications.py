"""Each step of the SKP workflow tells the other party, with a link to the exact place, in the
reader's language; a refused step notifies nobody, and a done step's notice is settled."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from binakinerja.core.models import Notification
from binakinerja.performance.models import SkpAssessment
from binakinerja.performance.services import (
    check_in_add,
    follow_up_create,
    period_open_year,
    realisation_record,
    skp_assess,
    skp_create,
    skp_result_add,
    skp_transition,
)

INDICATOR = {"aspect": "kuantitas", "text": "Kunjungan", "target_value": 10, "target_unit": "x"}


def drafted(world):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    skp_result_add(
        actor=world.asn_user, skp=skp, kind="utama", text="Imunisasi", supports=None,
        indicators=[INDICATOR],
    )  # fmt: skip
    return skp


def only_note(user) -> Notification:
    (note,) = Notification.objects.filter(recipient=user, read_at__isnull=True)
    return note


def in_english(note) -> str:
    with translation.override("en"):
        return note.body


def test_submit_return_approve_notify_the_other_party(world, django_capture_on_commit_callbacks):
    skp = drafted(world)
    link = reverse("performance:skp_detail", args=[skp.pk])
    with django_capture_on_commit_callbacks(execute=True):
        skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    note = only_note(world.atasan_user)
    assert note.link == link
    assert in_english(note) == f"{world.asn.full_name} submitted SKP 2026 for approval."
    assert world.asn.full_name in note.text  # stored in the default language (Indonesian)

    with django_capture_on_commit_callbacks(execute=True):
        skp = skp_transition(actor=world.atasan_user, skp=skp, action="return",
                             version=skp.version, comment="Tambah target")  # fmt: skip
    note = only_note(world.asn_user)
    assert note.link == link
    assert in_english(note) == f"{world.atasan.full_name} returned your SKP 2026: Tambah target"
    # The atasan's notice of the submission is settled: that step is done.
    assert not Notification.objects.filter(recipient=world.atasan_user, read_at=None).exists()

    with django_capture_on_commit_callbacks(execute=True):
        skp = skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    assert not Notification.objects.filter(recipient=world.asn_user, read_at=None).exists()
    with django_capture_on_commit_callbacks(execute=True):
        skp_transition(actor=world.atasan_user, skp=skp, action="approve", version=skp.version)
    note = only_note(world.asn_user)
    assert in_english(note) == f"{world.atasan.full_name} approved your SKP 2026."
    assert note.link == link


def test_a_refused_move_notifies_nobody(world, django_capture_on_commit_callbacks):
    skp = skp_create(actor=world.asn_user, employee=world.asn, year=2026)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        skp_transition(actor=world.asn_user, skp=skp, action="approve", version=skp.version)
    assert not Notification.objects.exists()


@pytest.fixture
def started(world):
    periods = {p.kind: p for p in period_open_year(actor=None, instansi=world.prov, year=2026)}
    skp = drafted(world)
    for actor, action in [(world.asn_user, "submit"), (world.atasan_user, "approve"),
                          (world.asn_user, "start")]:  # fmt: skip
        skp = skp_transition(actor=actor, skp=skp, action=action, version=skp.version)
    Notification.objects.all().delete()
    return skp, periods


def test_realisation_tells_the_atasan(world, started, django_capture_on_commit_callbacks):
    skp, periods = started
    indicator = skp.results.get().indicators.get()
    with django_capture_on_commit_callbacks(execute=True):
        realisation_record(actor=world.asn_user, indicator=indicator, period=periods["q1"],
                           value=4)  # fmt: skip
    note = only_note(world.atasan_user)
    assert note.link == reverse("performance:skp_detail", args=[skp.pk])
    assert in_english(note) == (
        f"{world.asn.full_name} recorded a realisation on SKP 2026 for Quarter I."
    )
    with translation.override("id"):
        assert "Triwulan I" in note.body  # the quarter in the reader's language
    assert not Notification.objects.filter(recipient=world.asn_user).exists()


def test_dialog_comment_and_reply_tell_the_other_party_with_the_anchor(
    world, started, django_capture_on_commit_callbacks
):
    skp, _ = started
    link = reverse("performance:skp_detail", args=[skp.pk]) + "#dialog"
    with django_capture_on_commit_callbacks(execute=True):
        check_in_add(actor=world.atasan_user, skp=skp, text="Bagaimana progres imunisasi?")
    note = only_note(world.asn_user)
    assert note.link == link
    assert in_english(note) == (
        f"{world.atasan.full_name} wrote in the performance dialogue of your SKP 2026."
    )
    with django_capture_on_commit_callbacks(execute=True):
        check_in_add(actor=world.asn_user, skp=skp, text="Sudah 40%.")
    note = only_note(world.atasan_user)
    assert note.link == link
    assert in_english(note) == (
        f"{world.asn.full_name} replied in the performance dialogue of SKP 2026."
    )


def test_assessment_and_follow_up_tell_the_asn(world, started, django_capture_on_commit_callbacks):
    skp, periods = started
    with django_capture_on_commit_callbacks(execute=True):
        assessment = skp_assess(
            actor=world.atasan_user, skp=skp, period=periods["q1"], hasil_kerja="di_bawah",
            perilaku_kerja="sesuai", reason="Target belum tercapai", version=skp.version,
        )  # fmt: skip
    note = only_note(world.asn_user)
    link = reverse("performance:skp_detail", args=[skp.pk])
    assert note.link == link
    assert in_english(note) == f"{world.atasan.full_name} assessed your SKP 2026 for Quarter I."
    assert not Notification.objects.filter(recipient=world.atasan_user).exists()
    note.delete()
    assert isinstance(assessment, SkpAssessment)
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_create(actor=world.atasan_user, assessment=assessment, kind="coaching",
                         description="Pendampingan pencatatan")  # fmt: skip
    note = only_note(world.asn_user)
    assert note.link == link
    assert in_english(note) == (
        f"{world.atasan.full_name} set a follow-up on your SKP 2026: Pendampingan pencatatan"
    )


def test_email_is_sent_when_the_setting_is_on(
    world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BY_EMAIL = True
    world.atasan_user.email = "atasan@example.test"
    world.atasan_user.save()
    skp = drafted(world)
    with django_capture_on_commit_callbacks(execute=True):
        skp_transition(actor=world.asn_user, skp=skp, action="submit", version=skp.version)
    (mail,) = mailoutbox
    assert mail.to == ["atasan@example.test"]
    assert reverse("performance:skp_detail", args=[skp.pk]) in mail.body
