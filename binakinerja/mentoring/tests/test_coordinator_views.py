"""The coordinator's pages end to end (views/cycles.py, views/review.py), the home-page tasks
of every side (home.py) and the reminders of inactive pairs (reminders.py)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from binakinerja.core.home import tasks_for
from binakinerja.core.models import AuditLog
from binakinerja.core.notifications import Notification
from binakinerja.core.scoping import reach_of
from binakinerja.mentoring import selectors, services
from binakinerja.mentoring.models import MentoringCycle, MentoringSession, MentorOffer, Pair
from binakinerja.mentoring.reminders import remind_inactive_pairs
from binakinerja.mentoring.tests.test_matching import _predikat
from binakinerja.mentoring.tests.test_matching import w as matching_w  # noqa: F401 (fixture)


@pytest.fixture
def w(matching_w):  # noqa: F811
    with override("id"):
        yield matching_w


def _titles(user):
    return [task.title for task in tasks_for(user, reach_of(user))]


def test_coordinator_creates_opens_matches_reviews_and_accepts(
    client, w, django_capture_on_commit_callbacks
):
    client.force_login(w.admin)
    response = client.post(reverse("mentoring:cycle_create"), {
        "instansi": w.prov.pk, "name": "Mentoring Dinkes 2026", "year": w.cycle.year,
        "start": w.cycle.start.isoformat(), "end": w.cycle.end.isoformat(),
    })  # fmt: skip
    cycle = MentoringCycle.objects.get(name="Mentoring Dinkes 2026")
    assert response.status_code == 302 and cycle.coordinator == w.admin
    page = client.get(reverse("mentoring:cycle_detail", args=[cycle.pk])).content.decode()
    assert "Langkah berikutnya" in page and "Buka siklus" in page
    response = client.post(reverse("mentoring:cycle_status", args=[cycle.pk]),
                           {"status": "open", "version": cycle.version})  # fmt: skip
    cycle.refresh_from_db()
    assert cycle.status == "open"
    # A stale version (the page was open in two tabs) is refused with a message.
    response = client.post(reverse("mentoring:cycle_status", args=[cycle.pk]),
                           {"status": "matching", "version": 1}, follow=True)  # fmt: skip
    assert "Orang lain telah mengubah" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == "open"
    # The mentor offers through the page; the teacher (Butuh Perbaikan last year) is told why
    # the rules do not let them mentor.
    client.force_login(w.mentor)
    page = client.get(reverse("mentoring:offer", args=[cycle.pk])).content.decode()
    assert "Anda memenuhi aturan siklus" in page
    response = client.post(reverse("mentoring:offer", args=[cycle.pk]), {"capacity": "6"})
    assert "Kapasitas harus bilangan bulat" in response.content.decode()
    assert not MentorOffer.objects.filter(cycle=cycle).exists()
    response = client.post(reverse("mentoring:offer", args=[cycle.pk]), {"capacity": "2"})
    assert response.status_code == 302
    assert MentorOffer.objects.get(cycle=cycle, mentor=w.mentor_employee).capacity == 2
    # The coordinator runs the matching and sees each score explained.
    client.force_login(w.admin)
    response = client.post(reverse("mentoring:match_run", args=[cycle.pk]), follow=True)
    page = response.content.decode()
    proposed = Pair.objects.filter(cycle=cycle, status=Pair.Status.PROPOSED)
    assert proposed.count() == 2
    assert "Cakupan kesenjangan" in page and proposed.first().mentee.name in page
    assert "Mentee tanpa mentor" in page  # m4 (no gap a mentor could cover) and one more
    first = proposed.order_by("-score", "pk").first()
    client.post(reverse("mentoring:pair_approve", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == Pair.Status.ACCEPTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mentoring:approve_all", args=[cycle.pk]))
    assert not Pair.objects.filter(cycle=cycle, status=Pair.Status.PROPOSED).exists()
    assert Notification.objects.filter(recipient=w.mentor).exists()


def test_swap_lists_only_allowed_mentors_and_keeps_the_reason(client, w):
    services_pair = Pair.objects.create(cycle=w.cycle, mentor=w.mentor_employee, mentee=w.m1)
    second = w.m2  # not a mentor: no offer, so never listed
    client.force_login(w.admin)
    page = client.get(reverse("mentoring:pair_swap", args=[services_pair.pk])).content.decode()
    assert second.name not in page and w.teacher.name not in page  # teacher: Butuh Perbaikan
    # A mentor forced by a crafted POST is refused with the rule, nothing changes.
    response = client.post(reverse("mentoring:pair_swap", args=[services_pair.pk]),
                           {"mentor": w.teacher.pk, "reason": "Bidang"})  # fmt: skip
    assert response.status_code == 200
    services_pair.refresh_from_db()
    assert services_pair.mentor == w.mentor_employee
    # Once the teacher is Baik, they are listed and the swap is kept with its reason.
    w.teacher.skps.all().delete()
    _predikat(w.teacher, w.cycle.year - 1, "baik", w.prov)
    page = client.get(reverse("mentoring:pair_swap", args=[services_pair.pk])).content.decode()
    assert w.teacher.name in page
    response = client.post(reverse("mentoring:pair_swap", args=[services_pair.pk]),
                           {"mentor": w.teacher.pk,
                            "reason": "Satu bidang keperawatan"})  # fmt: skip
    assert response.status_code == 302
    services_pair.refresh_from_db()
    assert services_pair.mentor == w.teacher and services_pair.swap_reason.startswith("Satu")
    assert AuditLog.objects.filter(object_type="mentoring.pair",
                                   reason="Satu bidang keperawatan").exists()  # fmt: skip


def test_cycle_page_shows_participants_only_their_part(client, w):
    client.force_login(w.asn_user)
    page = client.get(reverse("mentoring:cycle_detail", args=[w.cycle.pk])).content.decode()
    assert "Bagian saya" in page and "Kumpulan mentor" not in page
    assert w.asn_peer.name not in page  # another mentee of the same mentor


def test_home_tasks_for_each_side(w):
    w.pair.status = Pair.Status.ACCEPTED
    w.pair.mentee_accepted_at = None
    w.pair.save()
    assert any("Terima pasangan mentoring" in t for t in _titles(w.asn_user))
    assert any("Tinjau 1 usulan pasangan mentoring" in t for t in _titles(w.admin))
    # Active, and the mentee logged a session: the mentor is asked to confirm it.
    w.pair.status, w.pair.mentee_accepted_at = Pair.Status.ACTIVE, timezone.now()
    w.pair.save()
    services.session_log(actor=w.asn_user, pair=w.pair, date=timezone.localdate(), minutes=60,
                         topic="Asuhan keperawatan")  # fmt: skip
    assert any("Konfirmasi sesi mentoring" in t for t in _titles(w.mentor))
    assert not any("Konfirmasi" in t for t in _titles(w.asn_user))  # not one's own session


def test_offer_task_for_an_asn_who_may_mentor(w):
    w.cycle.status = MentoringCycle.Status.OPEN
    w.cycle.save()
    MentorOffer.objects.filter(mentor=w.mentor_employee).delete()
    assert any("Tawarkan diri menjadi mentor" in t for t in _titles(w.mentor))
    assert not any("Tawarkan" in t for t in _titles(w.asn_user))  # no Baik predikat last year


def _age(pair, days):
    then = timezone.now() - dt.timedelta(days=days)
    Pair.objects.filter(pk=pair.pk).update(mentor_accepted_at=then, mentee_accepted_at=then)


def test_inactive_pairs_and_reminders(w, settings, django_capture_on_commit_callbacks):
    settings.MENTORING_INACTIVE_DAYS = 30
    today = timezone.localdate()
    _age(w.pair, 10)
    assert not selectors.inactive_pairs(Pair.objects.all()).exists()  # active only 10 days
    _age(w.pair, 45)
    assert list(selectors.inactive_pairs(Pair.objects.all())) == [w.pair]
    MentoringSession.objects.create(pair=w.pair, date=today - dt.timedelta(days=40), minutes=60,
                                    topic="Lama", logged_by=w.mentor)  # fmt: skip
    assert selectors.inactive_pairs(Pair.objects.all()).get().last_session == (
        today - dt.timedelta(days=40)
    )
    assert any("Rencanakan sesi mentoring" in t for t in _titles(w.asn_user))
    assert any("pasangan mentoring tidak aktif" in t for t in _titles(w.admin))
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_inactive_pairs(today) == 1
    assert Notification.objects.filter(recipient=w.mentor).count() == 1
    assert Notification.objects.filter(recipient=w.asn_user).count() == 1
    assert remind_inactive_pairs(today) == 0  # once per inactive stretch
    call_command("mentoring_remind", "--date", (today + dt.timedelta(days=31)).isoformat())
    assert Pair.objects.get(pk=w.pair.pk).reminded_at == today + dt.timedelta(days=31)
    MentoringSession.objects.create(pair=w.pair, date=today, minutes=60, topic="Baru",
                                    logged_by=w.mentor)  # fmt: skip
    assert not selectors.inactive_pairs(Pair.objects.all()).exists()


def test_a_widyaiswara_may_offer_in_a_cycle_of_another_government(client, w):
    from binakinerja.core.testing import make_user
    from binakinerja.mentoring.models import MentoringCycle as Cycle
    from binakinerja.trainings.models import Facilitator, Institution

    kota_cycle = Cycle.objects.create(
        instansi=w.kota, year=w.cycle.year, name="Mentoring Kota", coordinator=w.admin,
        start=w.cycle.start, end=w.cycle.end, status=Cycle.Status.OPEN,
    )  # fmt: skip
    user = make_user("widyaiswara")
    w.teacher.user = user
    w.teacher.save()
    client.force_login(user)
    url = reverse("mentoring:offer", args=[kota_cycle.pk])
    assert client.get(url).status_code == 404  # a provincial teacher, not the city's
    institution = Institution.objects.create(name="BPSDM Provinsi Gorontalo")
    Facilitator.objects.create(institution=institution, name=w.teacher.name, employee=w.teacher)
    assert client.get(url).status_code == 200
    assert client.post(url, {"capacity": "3"}).status_code == 302
    assert MentorOffer.objects.get(cycle=kota_cycle).mentor == w.teacher
