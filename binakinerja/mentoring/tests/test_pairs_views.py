"""The pair's page (views/pairs.py): built around the reader's next step; the mentee logs a
session, the mentor confirms it and the mentee's JP rises; bad input is shown on the form in
Indonesian with nothing written; readers see the page without forms; stale pages are refused."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from binakinerja.mentoring.models import Feedback, MentoringSession, Pair, PairGoal
from binakinerja.trainings.models import JpRecord


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.mentoring.testing import build_mentoring_world

    return build_mentoring_world(build_competency_world(world))


def _page(client, w, user, pair=None):
    client.force_login(user)
    response = client.get(reverse("mentoring:pair_detail", args=[(pair or w.pair).pk]))
    assert response.status_code == 200
    return response.content.decode()


def _mentee_jp(html: str) -> str:
    return re.search(r'id="mentee-jp" data-jp="([^"]+)"', html).group(1)


def _session_data(**fields):
    data = {"date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(), "minutes": "90",
            "mode": "tatap_muka", "topic": "Dokumentasi asuhan keperawatan"}  # fmt: skip
    data.update(fields)
    return data


def _log(client, w, user, **fields):
    client.force_login(user)
    return client.post(reverse("mentoring:session_new", args=[w.pair.pk]), _session_data(**fields))


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- the whole flow -----------------------------------------------------------------------------


def test_mentee_logs_mentor_confirms_and_the_mentees_jp_rises(client, w):
    before = _page(client, w, w.asn_user)
    assert _mentee_jp(before) == "0"
    assert 'id="session-form"' in before and 'id="id_date"' in before
    assert f'value="{timezone.localdate().isoformat()}"' in before  # today by default
    assert reverse("trainings:jp_mine", args=[timezone.localdate().year]) in before

    response = _log(client, w, w.asn_user)
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("mentoring:pair_detail", args=[w.pair.pk])
                                          + "#sessions")  # fmt: skip
    session = MentoringSession.objects.get(pair=w.pair)
    assert session.logged_by == w.asn_user and session.confirmed_at is None
    assert not JpRecord.objects.filter(employee=w.asn).exists()  # not before confirmation
    mine = client.get(response["Location"]).content.decode()
    assert "Konfirmasi</button>" not in mine  # one does not confirm one's own session
    assert "menunggu Hendra Katili" in mine

    # The mentor's next step is to confirm it: the button comes before the session form.
    page = _page(client, w, w.mentor)
    assert "Konfirmasi</button>" in page
    assert page.index("Konfirmasi</button>") < page.index('id="session-form"')
    response = client.post(reverse("mentoring:session_confirm", args=[session.pk]), follow=True)
    assert "Sesi telah dikonfirmasi" in " ".join(_messages(response))
    record = JpRecord.objects.get(employee=w.asn, source="mentoring")
    assert record.form_code == "NKL02" and record.jp == 2  # 90 minutes at 45 minutes per JP
    assert 'id="mentee-jp"' not in response.content.decode()  # the mentor sees the pair's JP only

    after = _page(client, w, w.asn_user)
    assert _mentee_jp(after) == "2"
    assert re.search(r'id="pair-jp">2 JP<', after)
    assert "dikonfirmasi" in after


def test_the_pair_awaiting_acceptance_shows_the_accept_button_first(client, w):
    Pair.objects.filter(pk=w.proposed_pair.pk).update(status=Pair.Status.ACCEPTED)
    page = _page(client, w, w.mentor, w.proposed_pair)
    assert "Terima</button>" in page and 'id="session-form"' not in page
    response = client.post(reverse("mentoring:pair_accept", args=[w.proposed_pair.pk]),
                           {"version": "1"}, follow=True)  # fmt: skip
    assert "Anda telah menerima pasangan ini." in _messages(response)
    w.proposed_pair.refresh_from_db()
    assert w.proposed_pair.mentor_accepted_at is not None
    assert "Terima</button>" not in response.content.decode()


def test_accepting_from_a_stale_page_says_so_and_changes_nothing(client, w):
    Pair.objects.filter(pk=w.proposed_pair.pk).update(status=Pair.Status.ACCEPTED, version=2)
    client.force_login(w.mentor)
    response = client.post(reverse("mentoring:pair_accept", args=[w.proposed_pair.pk]),
                           {"version": "1"}, follow=True)  # fmt: skip
    assert any("Muat ulang" in m or "muat ulang" in m for m in _messages(response))
    w.proposed_pair.refresh_from_db()
    assert w.proposed_pair.mentor_accepted_at is None


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date": "2999-01-01"}, "date", "masa depan"),
        ({"minutes": "0"}, "minutes", "lebih dari nol"),
        ({"minutes": "-30"}, "minutes", "lebih dari nol"),
        ({"topic": "  "}, "topic", ""),
    ],
    ids=["future", "zero minutes", "negative minutes", "no topic"],
)
def test_bad_session_input_is_shown_on_the_form_and_nothing_is_written(client, w, fields, field,
                                                                       message):  # fmt: skip
    response = _log(client, w, w.asn_user, **fields)
    assert response.status_code == 200
    form = response.context["session_form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    assert not MentoringSession.objects.exists()
    html = response.content.decode()
    assert "Dokumentasi asuhan keperawatan" in html or field == "topic"  # the input is kept
    assert 'id="session-form"' in html


def test_a_session_overlapping_another_of_the_same_mentor_is_refused(client, w):
    assert _log(client, w, w.asn_user, start_time="09:00", minutes="60").status_code == 302
    response = _log(client, w, w.mentor, start_time="09:30", minutes="30", topic="Lagi")
    assert response.status_code == 200
    errors = response.context["session_form"].errors
    assert "tumpang tindih" in " ".join(errors["start_time"])
    assert MentoringSession.objects.count() == 1


def test_confirming_ones_own_session_gives_a_message_and_no_jp(client, w):
    _log(client, w, w.asn_user)
    session = MentoringSession.objects.get()
    response = client.post(reverse("mentoring:session_confirm", args=[session.pk]), follow=True)
    assert any("sendiri" in m for m in _messages(response))
    session.refresh_from_db()
    assert session.confirmed_at is None and not JpRecord.objects.exists()


def test_evidence_is_checked_by_its_content_and_downloaded_by_readers(client, w):
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.force_login(w.asn_user)
    url = reverse("mentoring:session_new", args=[w.pair.pk])
    response = client.post(url, {**_session_data(), "evidence": fake})
    assert response.status_code == 200 and "evidence" in response.context["session_form"].errors
    assert not MentoringSession.objects.exists()

    real = SimpleUploadedFile("laporan saya.pdf", b"%PDF-1.4 hasil", content_type="application/pdf")
    assert client.post(url, {**_session_data(), "evidence": real}).status_code == 302
    session = MentoringSession.objects.get()
    assert session.evidence.name.endswith(".pdf") and "laporan" not in session.evidence.name
    client.force_login(w.atasan_user)  # a reader of the mentee
    download = client.get(reverse("mentoring:session_evidence", args=[session.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 hasil"
    assert download["Content-Type"] == "application/octet-stream"


# --- readers ------------------------------------------------------------------------------------


def test_readers_see_the_page_without_forms_and_get_403_on_writes(client, w):
    for reader in (w.admin, w.atasan_user, w.operator_a):
        page = _page(client, w, reader)
        assert 'id="read-only"' in page
        assert 'id="session-form"' not in page and 'id="goal-form"' not in page
        assert 'id="feedback-form"' not in page
        assert _log(client, w, reader).status_code == 403
    assert not MentoringSession.objects.exists()
    # The coordinator may close the pair: the form is there for them, not for the atasan.
    assert 'id="close-form"' in _page(client, w, w.admin)
    assert 'id="close-form"' not in _page(client, w, w.atasan_user)


def test_outsiders_get_404(client, w):
    for outsider in (w.operator_b, w.pimpinan, w.penyelenggara):
        client.force_login(outsider)
        assert client.get(reverse("mentoring:pair_detail", args=[w.pair.pk])).status_code == 404


# --- plan, feedback, closing --------------------------------------------------------------------


def test_goals_from_needs_and_a_done_toggle(client, w):
    client.force_login(w.mentor)
    url = reverse("mentoring:goals_from_needs", args=[w.pair.pk])
    response = client.post(url, follow=True)
    assert "9 sasaran diambil dari kebutuhan mentee." in _messages(response)
    assert "Asuhan Keperawatan" in response.content.decode()
    response = client.post(url, follow=True)
    assert "Semua kebutuhan mentee sudah ada dalam rencana." in _messages(response)
    assert PairGoal.objects.filter(pair=w.pair).count() == 9
    goal = PairGoal.objects.filter(pair=w.pair).first()
    client.post(reverse("mentoring:goal_done", args=[goal.pk]), {"done": "1"})
    goal.refresh_from_db()
    assert goal.done


def test_a_goal_added_by_hand_and_an_empty_one(client, w):
    client.force_login(w.asn_user)
    url = reverse("mentoring:goal_add", args=[w.pair.pk])
    response = client.post(url, {"goal-text": "   "})
    assert response.status_code == 200 and "text" in response.context["goal_form"].errors
    assert not PairGoal.objects.exists()
    response = client.post(url, {"goal-text": "Memimpin rapat", "goal-competency": w.teknis.pk})
    assert response.status_code == 302
    assert PairGoal.objects.get().competency == w.teknis


def test_feedback_with_a_bad_rating_is_refused_on_the_form(client, w):
    client.force_login(w.asn_user)
    url = reverse("mentoring:feedback", args=[w.pair.pk])
    response = client.post(url, {"feedback-text": "Bagus", "feedback-rating": "9"})
    assert response.status_code == 200 and "rating" in response.context["feedback_form"].errors
    assert not Feedback.objects.exists()
    response = client.post(url, {"feedback-text": "Bagus", "feedback-rating": "4"}, follow=True)
    assert "Terima kasih, umpan balik Anda telah disimpan." in _messages(response)
    assert Feedback.objects.get().author_role == "mentee"


def test_closing_needs_a_reflection_and_refuses_a_stale_page(client, w):
    client.force_login(w.mentor)
    url = reverse("mentoring:pair_close", args=[w.pair.pk])
    response = client.post(url, {"version": "1", "close-reflection": ""})
    assert response.status_code == 200 and "reflection" in response.context["close_form"].errors
    response = client.post(url, {"version": "0", "close-reflection": "Selesai"}, follow=True)
    assert any("muat ulang" in m.lower() for m in _messages(response))
    w.pair.refresh_from_db()
    assert w.pair.status == Pair.Status.ACTIVE
    response = client.post(url, {"version": "1", "close-reflection": "Tujuan tercapai"},
                           follow=True)  # fmt: skip
    w.pair.refresh_from_db()
    assert w.pair.status == Pair.Status.CLOSED
    page = response.content.decode()
    assert "Tujuan tercapai" in page and 'id="session-form"' not in page
    assert 'id="feedback-form"' in page  # the last word still comes after closing


def test_the_pair_page_takes_the_same_queries_with_more_sessions_and_goals(client, w):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.force_login(w.mentor)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("mentoring:pair_detail", args=[w.pair.pk])).status_code == 200
        return len(queries)

    def add(n):
        for i in range(n):
            day = timezone.localdate() - dt.timedelta(days=i + 1)
            MentoringSession.objects.create(pair=w.pair, date=day, minutes=60, topic=f"Sesi {i}",
                                            logged_by=w.asn_user)  # fmt: skip
            PairGoal.objects.create(pair=w.pair, text=f"Sasaran {i}", competency=w.teknis)
            Feedback.objects.create(pair=w.pair, author_role="mentee", text="Baik", rating=4)

    add(1)
    small = count()
    add(10)
    assert count() == small
