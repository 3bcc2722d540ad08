"""Permission-matrix rows of views/pairs.py; the app's one matrix (test_permission_matrix.py)
lists them under its heading. World: binakinerja/mentoring/testing.py.

Who sees the active pair mentor → ASN: its mentor and its mentee (who write), the coordinator
(`admin`, who may also close it), and whoever may read the mentee (superadmin, the Dinkes
operator, the atasan): the readers get the page, and 403 on a write. Everyone else gets 404:
the other OPD's operator, pimpinan (aggregates only), penyelenggara. Every view has a GET and a
POST row: the one it does not take answers 405 (or, for the session form, a redirect to the
page's form)."""

import datetime as dt

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.testing import LOGIN

ANON = {"anonymous": LOGIN}
# The active pair: sides, the coordinator and readers of the mentee.
SEES_PAIR = {**ANON, "superadmin": 200, "admin": 200, "operator_a": 200, "atasan_user": 200,
             "mentor": 200, "asn_user": 200}  # fmt: skip
# A write by a side succeeds (302 back to the page); readers 403.
SIDES_WRITE = {**ANON, "superadmin": 403, "admin": 403, "operator_a": 403, "atasan_user": 403,
               "mentor": 302, "asn_user": 302}  # fmt: skip
# Closing: the coordinator (and the super-admin, who coordinates everything) may close too.
CLOSERS = {**SIDES_WRITE, "superadmin": 302, "admin": 302}
# The accepted pair mentor → the ASN's peer (no login): the mentor, the coordinator and the
# peer's readers (the atasan leads both); the ASN does not see her peer.
ACCEPT = {**ANON, "superadmin": 403, "admin": 403, "operator_a": 403, "atasan_user": 403,
          "mentor": 302}  # fmt: skip
# A view that does not take the method: 405 for those who get that far (login first).
NOT_ALLOWED = {**ANON}


def _url(name, *args):
    return lambda w: reverse(f"mentoring:{name}", args=[a(w) if callable(a) else a for a in args])


def _pair(w):
    return w.pair.pk


def _accepted_pair(w):
    """The proposed pair, accepted by the coordinator: it awaits the mentor's acceptance."""
    from binakinerja.mentoring.models import Pair

    Pair.objects.filter(pk=w.proposed_pair.pk, status=Pair.Status.PROPOSED).update(
        status=Pair.Status.ACCEPTED
    )
    return w.proposed_pair.pk


def _version_of(pk):
    from binakinerja.mentoring.models import Pair

    return Pair.objects.get(pk=pk).version


def _session(w):
    """A session the mentee logged, with evidence, awaiting the mentor's confirmation."""
    from binakinerja.mentoring.models import MentoringSession

    if getattr(w, "_session", None) is None:
        session = MentoringSession(
            pair=w.pair, date=timezone.localdate() - dt.timedelta(days=1), minutes=90,
            topic="Asuhan keperawatan", logged_by=w.asn_user,
        )  # fmt: skip
        session.evidence.save("bukti.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        session.save()
        w._session = session
    return w._session.pk


def _goal(w):
    from binakinerja.mentoring.models import PairGoal

    if getattr(w, "_goal", None) is None:
        w._goal = PairGoal.objects.create(pair=w.pair, text="Menyusun rencana asuhan")
    return w._goal.pk


def _new_session(w):
    return {"date": timezone.localdate().isoformat(), "minutes": "60", "mode": "tatap_muka",
            "topic": "Dokumentasi asuhan"}  # fmt: skip


PAIRS_ROWS = [
    ("pair detail", _url("pair_detail", _pair), "get", SEES_PAIR, 404, None),
    ("pair detail post", _url("pair_detail", _pair), "post", NOT_ALLOWED, 405, None),
    ("pair accept", _url("pair_accept", _accepted_pair), "post", ACCEPT, 404,
     lambda w: {"version": _version_of(w.proposed_pair.pk)}),
    ("pair accept get", _url("pair_accept", _pair), "get", NOT_ALLOWED, 405, None),
    ("session new", _url("session_new", _pair), "get",
     {**ANON, **{p: 302 for p in SEES_PAIR if p != "anonymous"}}, 404, None),
    ("session new post", _url("session_new", _pair), "post", SIDES_WRITE, 404, _new_session),
    # The mentee logged it: the mentor confirms; the mentee is told she cannot (a message).
    ("session confirm", _url("session_confirm", _session), "post", SIDES_WRITE, 404, None),
    ("session confirm get", _url("session_confirm", _session), "get", NOT_ALLOWED, 405, None),
    ("session evidence", _url("session_evidence", _session), "get", SEES_PAIR, 404, None),
    ("session evidence post", _url("session_evidence", _session), "post", NOT_ALLOWED, 405,
     None),
    ("goal add", _url("goal_add", _pair), "post", SIDES_WRITE, 404,
     lambda w: {"goal-text": "Memimpin rapat tim"}),
    ("goal add get", _url("goal_add", _pair), "get", NOT_ALLOWED, 405, None),
    ("goals from needs", _url("goals_from_needs", _pair), "post", SIDES_WRITE, 404, None),
    ("goals from needs get", _url("goals_from_needs", _pair), "get", NOT_ALLOWED, 405, None),
    ("goal done", _url("goal_done", _goal), "post", SIDES_WRITE, 404, lambda w: {"done": "1"}),
    ("goal done get", _url("goal_done", _goal), "get", NOT_ALLOWED, 405, None),
    ("feedback", _url("feedback", _pair), "post", SIDES_WRITE, 404,
     lambda w: {"feedback-text": "Sangat membantu", "feedback-rating": "5"}),
    ("feedback get", _url("feedback", _pair), "get", NOT_ALLOWED, 405, None),
    ("pair close", _url("pair_close", _pair), "post", CLOSERS, 404,
     lambda w: {"version": _version_of(w.pair.pk), "close-reflection": "Lebih percaya diri"}),
    ("pair close get", _url("pair_close", _pair), "get", NOT_ALLOWED, 405, None),
]  # fmt: skip
