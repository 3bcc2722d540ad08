"""The mentoring workflow: cycles by coordinators in scope, mentor capacity 1–5, pairs accepted
by both sides, sessions logged by either side and confirmed only by the other, JP credited on
confirmation only and once (NKL02, SIASN 15, the configured conversion), visibility."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import override

from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import Notification
from binakinerja.core.testing import make_employee, make_user
from binakinerja.mentoring import selectors, services
from binakinerja.mentoring.models import (
    Conflict,
    MentoringCycle,
    MentoringSession,
    MentorOffer,
    Pair,
)
from binakinerja.trainings.ledger import conversion_set
from binakinerja.trainings.models import JpRecord


@pytest.fixture
def w(world):
    from binakinerja.mentoring.testing import build_mentoring_world

    return build_mentoring_world(world)


def _log(w, actor=None, **fields):
    fields.setdefault("date", timezone.localdate() - dt.timedelta(days=1))
    fields.setdefault("minutes", 90)
    fields.setdefault("topic", "Menyusun SOP pelayanan")
    return services.session_log(actor=actor or w.asn_user, pair=w.pair, **fields)


# --- cycles and offers --------------------------------------------------------------------------


def test_cycle_create_by_admin_in_scope_only(w):
    today = timezone.localdate()
    cycle = services.cycle_create(
        actor=w.admin, instansi=w.prov, opd=w.dinkes, year=today.year, name="Mentoring Dinkes",
        start=today, end=today + dt.timedelta(days=90),
    )  # fmt: skip
    assert cycle.coordinator == w.admin and cycle.status == MentoringCycle.Status.DRAFT
    assert AuditLog.objects.filter(object_type="mentoring.mentoringcycle",
                                   object_id=str(cycle.pk), action="create").exists()  # fmt: skip
    # An operator of Dinkes may run a Dinkes cycle, not one of Dikbud nor of the whole province.
    services.cycle_create(actor=w.operator_a, instansi=w.prov, opd=w.dinkes, year=today.year,
                          name="Dinkes B", start=today, end=today)  # fmt: skip
    for opd in (w.dikbud, None):
        with pytest.raises(PermissionDenied):
            services.cycle_create(actor=w.operator_a, instansi=w.prov, opd=opd, year=2026,
                                  name="X", start=today, end=today)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.cycle_create(actor=w.admin, instansi=w.kota, year=2026, name="Kota",
                              start=today, end=today)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.cycle_create(actor=w.admin, instansi=w.prov, year=2026, name="Terbalik",
                              start=today, end=today - dt.timedelta(days=1))  # fmt: skip
    assert "end" in error.value.message_dict


@pytest.mark.parametrize("capacity", [0, 6, -1, "tiga", None, 2.5, True])
def test_capacity_outside_1_to_5_is_refused_in_indonesian(w, capacity):
    w.cycle.status = MentoringCycle.Status.OPEN
    w.cycle.save()
    with override("id"), pytest.raises(ValidationError) as error:
        services.mentor_offer_set(actor=w.mentor, cycle=w.cycle, capacity=capacity)
    assert error.value.message_dict["capacity"] == [
        "Kapasitas harus bilangan bulat jumlah mentee dari 1 sampai 5."
    ]
    assert MentorOffer.objects.get(pk=w.offer.pk).capacity == 3  # nothing half-written


@pytest.mark.parametrize("capacity", [1, 5, "4"])
def test_capacity_within_bounds_is_kept(w, capacity):
    w.cycle.status = MentoringCycle.Status.OPEN
    w.cycle.save()
    offer = services.mentor_offer_set(actor=w.mentor, cycle=w.cycle, capacity=capacity,
                                      note="Pelayanan publik")  # fmt: skip
    assert offer.pk == w.offer.pk and offer.capacity == int(capacity)


def test_offer_needs_an_open_cycle_and_an_asn_record(w):
    with pytest.raises(ValidationError):
        services.mentor_offer_set(actor=w.mentor, cycle=w.cycle, capacity=2)  # running
    w.cycle.status = MentoringCycle.Status.OPEN
    w.cycle.save()
    with pytest.raises(PermissionDenied):
        services.mentor_offer_set(actor=w.pimpinan, cycle=w.cycle, capacity=2)


# --- pairs --------------------------------------------------------------------------------------


def test_pair_becomes_active_when_both_sides_accept(w, django_capture_on_commit_callbacks):
    peer_user = make_user("peer")
    w.asn_peer.user = peer_user
    w.asn_peer.save()
    pair = w.proposed_pair
    with pytest.raises(ValidationError):  # the coordinator accepts first
        services.pair_accept(actor=w.mentor, pair=pair)
    with pytest.raises(PermissionDenied):
        services.pair_coordinator_accept(actor=w.operator_b, pair=pair)
    services.pair_coordinator_accept(actor=w.admin, pair=pair)
    pair = services.pair_accept(actor=w.mentor, pair=pair)
    assert pair.status == Pair.Status.ACCEPTED and pair.mentor_accepted_at is not None
    with pytest.raises(PermissionDenied):
        services.pair_accept(actor=w.asn_user, pair=pair)  # not this pair's mentee
    with django_capture_on_commit_callbacks(execute=True):
        pair = services.pair_accept(actor=peer_user, pair=pair)
    assert pair.status == Pair.Status.ACTIVE and pair.mentee_accepted_at is not None
    assert Notification.objects.filter(recipient=w.mentor).exists()  # told the mentee accepted


def test_one_live_pair_per_mentee_and_cycle(w):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Pair.objects.create(cycle=w.cycle, mentor=w.atasan, mentee=w.asn)
    w.pair.status = Pair.Status.CLOSED
    w.pair.save()
    Pair.objects.create(cycle=w.cycle, mentor=w.atasan, mentee=w.asn)  # history kept


def test_swap_with_reason_respects_conflicts_and_capacity(w):
    other = make_employee(w.dikbud, "Rini Ismail", golongan="IV/b")
    peer = w.asn_peer
    with pytest.raises(ValidationError) as error:  # no offer in this cycle
        services.pair_swap(actor=w.admin, pair=w.proposed_pair, mentor=other, reason="Bidang")
    assert "mentor" in error.value.message_dict
    MentorOffer.objects.create(cycle=w.cycle, mentor=other, capacity=1)
    services.conflict_declare(actor=w.admin, cycle=w.cycle, mentor=other, mentee=peer,
                              reason="Saudara kandung")  # fmt: skip
    with override("id"), pytest.raises(ValidationError) as error:
        services.pair_swap(actor=w.admin, pair=w.proposed_pair, mentor=other, reason="Bidang")
    assert error.value.message_dict["mentor"] == [
        "Konflik kepentingan telah dinyatakan antara mentor ini dan mentee ini."
    ]
    Conflict.objects.all().delete()
    with override("id"), pytest.raises(ValidationError) as error:  # no predikat last year
        services.pair_swap(actor=w.admin, pair=w.proposed_pair, mentor=other, reason="Bidang")
    assert "Belum ada predikat tahun lalu" in error.value.message_dict["mentor"][0]
    assert Pair.objects.get(pk=w.proposed_pair.pk).mentor == w.mentor_employee  # unchanged
    # The cycle relaxes the rules (the peer has no golongan to compare with).
    w.cycle.settings = {"eligibility": {"min_predikat": "", "require_higher_grade": False}}
    w.cycle.save()
    with pytest.raises(ValidationError):  # a reason is required
        services.pair_swap(actor=w.admin, pair=w.proposed_pair, mentor=other, reason=" ")
    with pytest.raises(PermissionDenied):
        services.pair_swap(actor=w.mentor, pair=w.proposed_pair, mentor=other, reason="Saya")
    pair = services.pair_swap(actor=w.admin, pair=w.proposed_pair, mentor=other,
                              reason="Bidang yang sama")  # fmt: skip
    assert (pair.mentor, pair.swapped_from, pair.swap_reason) == (
        other,
        w.mentor_employee,
        "Bidang yang sama",
    )
    assert AuditLog.objects.filter(object_type="mentoring.pair", object_id=str(pair.pk),
                                   reason="Bidang yang sama").exists()  # fmt: skip
    third = make_employee(w.dinkes, "Nur Pakaya")
    third_pair = Pair.objects.create(cycle=w.cycle, mentor=w.mentor_employee, mentee=third)
    with pytest.raises(ValidationError) as error:  # capacity 1, already taken
        services.pair_swap(actor=w.admin, pair=third_pair, mentor=other, reason="Bidang")
    assert "mentor" in error.value.message_dict


def test_close_an_active_pair_with_a_reflection(w):
    with pytest.raises(PermissionDenied):
        services.pair_close(actor=w.operator_b, pair=w.pair)
    pair = services.pair_close(actor=w.asn_user, pair=w.pair, reflection="Lebih percaya diri")
    assert pair.status == Pair.Status.CLOSED and pair.reflection == "Lebih percaya diri"
    with pytest.raises(ValidationError):
        services.pair_close(actor=w.asn_user, pair=w.pair)


# --- sessions and JP ----------------------------------------------------------------------------


def test_session_in_the_future_is_refused(w):
    with override("id"), pytest.raises(ValidationError) as error:
        _log(w, date=timezone.localdate() + dt.timedelta(days=1))
    assert error.value.message_dict["date"] == ["Sesi tidak boleh bertanggal di masa depan."]
    assert not MentoringSession.objects.exists()


@pytest.mark.parametrize("minutes", [0, -30, "90", 481])
def test_session_minutes_must_be_positive(w, minutes):
    with pytest.raises(ValidationError) as error:
        _log(w, minutes=minutes)
    assert "minutes" in error.value.message_dict


def test_overlapping_session_of_the_same_mentor_is_refused(w):
    day = timezone.localdate() - dt.timedelta(days=2)
    _log(w, date=day, start_time=dt.time(9), minutes=90)
    with pytest.raises(ValidationError) as error:
        _log(w, actor=w.mentor, date=day, start_time=dt.time(10), minutes=30)
    assert "start_time" in error.value.message_dict
    _log(w, actor=w.mentor, date=day, start_time=dt.time(10, 30), minutes=30)  # right after


def test_only_the_other_side_confirms(w):
    session = _log(w)  # logged by the mentee
    with override("id"), pytest.raises(ValidationError) as error:
        services.session_confirm(actor=w.asn_user, session=session)
    assert error.value.messages == [
        "Anda tidak dapat mengonfirmasi sesi yang Anda catat sendiri: pihak lain yang "
        "mengonfirmasinya."
    ]
    for stranger in (w.admin, w.atasan_user, w.operator_b):
        with pytest.raises(PermissionDenied):
            services.session_confirm(actor=stranger, session=session)
    assert not JpRecord.objects.exists()
    session = services.session_confirm(actor=w.mentor, session=session)
    assert session.confirmed_by == w.mentor and session.confirmed_at is not None


def test_jp_credited_on_confirmation_only_and_once_as_nkl02(w, django_capture_on_commit_callbacks):
    conversion_set(actor=w.admin, form_code="NKL02", minutes_per_jp=30)
    with django_capture_on_commit_callbacks(execute=True):
        session = _log(w, actor=w.mentor, minutes=90)
    assert not JpRecord.objects.exists()  # logging alone earns nothing
    assert Notification.objects.filter(recipient=w.asn_user).exists()  # the mentee is asked
    with django_capture_on_commit_callbacks(execute=True):
        services.session_confirm(actor=w.asn_user, session=session)
        services.session_confirm(actor=w.asn_user, session=session)  # a second click
    record = JpRecord.objects.get()
    assert record.employee == w.asn
    assert (record.form_code, record.jenis_diklat_id) == ("NKL02", 15)
    assert record.source == JpRecord.Source.MENTORING
    assert record.source_ref == f"mentoring.mentoringsession:{session.pk}"
    assert record.minutes == 90 and record.jp == Decimal(3)  # 90 ÷ 30 as configured
    session.refresh_from_db()
    assert session.jp_record_ref == f"trainings.jprecord:{record.pk}"
    confirmations = AuditLog.objects.filter(
        object_type="mentoring.mentoringsession", object_id=str(session.pk), action="update"
    )
    assert confirmations.count() == 1
    assert Notification.objects.filter(recipient=w.mentor).exists()  # the logger hears back


def test_sessions_need_an_active_pair_and_a_side(w):
    with pytest.raises(PermissionDenied):
        services.session_log(actor=w.admin, pair=w.pair, date=timezone.localdate(),
                             minutes=30, topic="x")  # fmt: skip
    w.pair.status = Pair.Status.CLOSED
    w.pair.save()
    with pytest.raises(ValidationError):
        _log(w)


# --- visibility ---------------------------------------------------------------------------------


def test_pair_and_session_visible_to_the_pair_coordinator_and_scope_only(w):
    session = _log(w)
    for user in (w.mentor, w.asn_user, w.admin, w.operator_a, w.atasan_user, w.superadmin):
        assert w.pair in selectors.pairs_visible_to(user), user
        assert session in selectors.sessions_visible_to(user), user
    for user in (w.operator_b, w.pimpinan, w.penyelenggara):
        assert not selectors.pairs_visible_to(user).exists(), user
        assert not selectors.sessions_visible_to(user).exists(), user
        assert not selectors.cycles_visible_to(user).exists(), user
    assert set(selectors.pairs_visible_to(w.asn_user)) == {w.pair}  # not the peer's pair
    assert w.cycle in selectors.cycles_visible_to(w.mentor)
