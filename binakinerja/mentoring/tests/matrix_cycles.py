"""Permission-matrix rows of views/cycles.py and views/review.py; the app's one matrix
(test_permission_matrix.py) lists them under its heading. World (mentoring/testing.py): a
running province cycle coordinated by the admin BKPSDM; the mentor persona offered 3 places and
mentors the ASN (active pair) and her peer (proposed pair); the atasan leads both mentees."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

ANON = {"anonymous": LOGIN}
CREATORS = {**ANON, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200}
COORDINATOR_READ = {**ANON, "superadmin": 200, "admin": 200, "mentor": 403, "asn_user": 403}
COORDINATOR_POST = {**ANON, "superadmin": 302, "admin": 302, "mentor": 403, "asn_user": 403}
# The proposed pair (mentor → the ASN's peer): the coordinator acts; the mentor, the peer's
# atasan and the Dinkes operator see it but may not decide.
PAIR_DECIDE = {**ANON, "superadmin": 302, "admin": 302, "operator_a": 403, "atasan_user": 403,
               "mentor": 403}  # fmt: skip
NO_EMPLOYEE = {"superadmin": 403, "admin": 403, "operator_a": 403, "operator_b": 403,
               "pimpinan": 403, "penyelenggara": 403}  # fmt: skip


def _url(name, *args):
    return lambda w: reverse(f"mentoring:{name}", args=[a(w) if callable(a) else a for a in args])


def _cycle(w):
    return w.cycle.pk


def _proposed(w):
    return w.proposed_pair.pk


def _close(w):
    return {"status": "closed", "version": w.cycle.version}


def _conflict(w):
    return {"mentor_nip": w.mentor_employee.nip, "mentee_nip": w.asn_peer.nip,
            "reason": "Saudara kandung"}  # fmt: skip


CYCLES_ROWS = [
    ("cycle list", _url("cycle_list"), "get", CREATORS, 403, None),
    ("cycle create", _url("cycle_create"), "get", CREATORS, 403, None),
    ("cycle create post", _url("cycle_create"), "post", CREATORS, 403, None),
    (
        "cycle detail",
        _url("cycle_detail", _cycle),
        "get",
        COORDINATOR_READ | {"mentor": 200, "asn_user": 200},
        404,
        None,
    ),  # fmt: skip
    ("cycle status", _url("cycle_status", _cycle), "post", COORDINATOR_POST, 404, _close),
    ("offer", _url("offer", _cycle), "get", {**ANON, **NO_EMPLOYEE, "mentor": 200}, 404, None),
    (
        "offer post",
        _url("offer", _cycle),
        "post",
        {**ANON, **NO_EMPLOYEE, "mentor": 200},
        404,
        lambda w: {"capacity": "2"},
    ),  # fmt: skip
    ("conflict add", _url("conflict_add", _cycle), "post", COORDINATOR_POST, 404, _conflict),
    # --- the review (views/review.py) ---
    ("review", _url("review", _cycle), "get", COORDINATOR_READ, 404, None),
    ("match run", _url("match_run", _cycle), "post", COORDINATOR_POST, 404, None),
    ("approve all", _url("approve_all", _cycle), "post", COORDINATOR_POST, 404, None),
    ("pair approve", _url("pair_approve", _proposed), "post", PAIR_DECIDE, 404, None),
    (
        "pair swap",
        _url("pair_swap", _proposed),
        "get",
        {**PAIR_DECIDE, "superadmin": 200, "admin": 200},
        404,
        None,
    ),
    (
        "pair swap post",
        _url("pair_swap", _proposed),
        "post",
        {**PAIR_DECIDE, "superadmin": 200, "admin": 200},
        404,
        lambda w: {"reason": "Bidang"},
    ),
]
