"""Permission-matrix rows of batches, nomination and enrolment (views/batches.py); the app's one
matrix (test_permission_matrix.py) lists them under its heading. `w` is the training world:
`w.batch` (open, its start already past, so nominations are closed) of BPSDM's approved
`w.program`, run by the persona `penyelenggara` and by admins; a Dinkes quota of 10; the ASN
enrolled (`w.enrolment`, atasan `atasan_user`), the teacher of Dikbud nominated
(`w.teacher_enrolment`, no supervisor: the registry's managers decide)."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

RUNNERS = {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "penyelenggara": 200}
RUN_POSTS = {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 302}
NOMINATORS = {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200}
REGISTRY = {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
            "operator_b": 200}  # fmt: skip
EVERYONE = {"anonymous": LOGIN}


def _batch(w, name, *args):
    return reverse(f"trainings:{name}", args=[w.batch.pk, *args])


def _cost(w):
    from binakinerja.trainings.models import CostLine

    return CostLine.objects.create(batch=w.batch, description="Konsumsi", amount=1000).pk


def _batch_form(w):
    return {"name": "Angkatan I 2026", "year": 2026, "capacity": 30, "place": "Aula",
            "start": "2026-03-02", "end": "2026-03-03", "version": w.batch.version}  # fmt: skip


BATCH_ROWS = [
    (
        "batch list",
        lambda w: reverse("trainings:batch_list", args=[w.program.pk]),
        "get",
        EVERYONE,
        200,
        None,
    ),
    (
        "draft program's batches",
        lambda w: reverse("trainings:batch_list", args=[w.draft.pk]),
        "get",
        RUNNERS,
        404,
        None,
    ),
    (
        "batch create form",
        lambda w: reverse("trainings:batch_create", args=[w.program.pk]),
        "get",
        RUNNERS,
        403,
        None,
    ),
    (
        "batch create",
        lambda w: reverse("trainings:batch_create", args=[w.program.pk]),
        "post",
        RUN_POSTS,
        403,
        lambda w: {
            "name": "Angkatan II",
            "year": 2027,
            "capacity": 20,
            "start": "2027-02-01",
            "end": "2027-02-03",
        },
    ),
    ("batch detail", lambda w: _batch(w, "batch_detail"), "get", EVERYONE, 200, None),
    ("batch edit form", lambda w: _batch(w, "batch_edit"), "get", RUNNERS, 403, None),
    ("batch edit", lambda w: _batch(w, "batch_edit"), "post", RUN_POSTS, 403, _batch_form),
    (
        "batch move",
        lambda w: _batch(w, "batch_move"),
        "post",
        RUN_POSTS,
        403,
        lambda w: {"to": "planned", "version": w.batch.version},
    ),
    ("session add form", lambda w: _batch(w, "session_add"), "get", RUNNERS, 403, None),
    (
        "session add",
        lambda w: _batch(w, "session_add"),
        "post",
        RUN_POSTS,
        403,
        lambda w: {
            "date": "2026-03-02",
            "start_time": "13:00",
            "end_time": "15:00",
            "place": "Aula",
        },
    ),
    (
        "session edit form",
        lambda w: _batch(w, "session_edit", w.session_1.pk),
        "get",
        RUNNERS,
        403,
        None,
    ),
    (
        "session remove",
        lambda w: reverse("trainings:session_remove", args=[w.session_2.pk]),
        "post",
        RUN_POSTS,
        403,
        None,
    ),
    (
        "quota set",
        lambda w: _batch(w, "quota_set"),
        "post",
        RUN_POSTS,
        403,
        lambda w: {"opd": w.dikbud.pk, "seats": 5},
    ),
    (
        "batch facilitator",
        lambda w: _batch(w, "batch_facilitator"),
        "post",
        RUN_POSTS,
        403,
        lambda w: {"facilitator": w.facilitator.pk, "action": "add"},
    ),
    (
        "cost add",
        lambda w: _batch(w, "cost_add"),
        "post",
        RUN_POSTS,
        403,
        lambda w: {"description": "Honorarium", "amount": "1.500.000"},
    ),
    (
        "cost remove",
        lambda w: reverse("trainings:cost_remove", args=[_cost(w)]),
        "post",
        RUN_POSTS,
        403,
        None,
    ),
    ("participants export", lambda w: _batch(w, "participants_export"), "get", RUNNERS, 403, None),
    (
        "participants export csv",
        lambda w: _batch(w, "participants_export") + "?format=csv",
        "get",
        RUNNERS,
        403,
        None,
    ),
    # Nominating: the managers of an OPD with a quota (Dinkes); others 403.
    ("nominate page", lambda w: _batch(w, "nominate", w.dinkes.pk), "get", NOMINATORS, 403, None),
    (
        "nominate post",
        lambda w: _batch(w, "nominate", w.dinkes.pk),
        "post",
        NOMINATORS,
        403,
        lambda w: {"employee": [w.asn_peer.pk], "nip": "", "reason": ""},
    ),
    (
        "nominate for an OPD without quota",
        lambda w: _batch(w, "nominate", w.dikbud.pk),
        "get",
        EVERYONE,
        403,
        None,
    ),
    (
        "nominate import form",
        lambda w: _batch(w, "nominate_import", w.dinkes.pk),
        "get",
        NOMINATORS,
        403,
        None,
    ),
    (
        "nominate import template",
        lambda w: _batch(w, "nominate_import", w.dinkes.pk) + "?template=1",
        "get",
        NOMINATORS,
        403,
        None,
    ),
    (
        "nominate import post",
        lambda w: _batch(w, "nominate_import", w.dinkes.pk),
        "post",
        NOMINATORS,
        403,
        None,
    ),
    (
        "nominate error report",
        lambda w: reverse("trainings:nominate_error_report"),
        "post",
        REGISTRY,
        403,
        lambda w: {"errors": '[[2, "NIP", "123", "x"]]'},
    ),
    (
        "nominate error report get",
        lambda w: reverse("trainings:nominate_error_report"),
        "get",
        EVERYONE,
        405,
        None,
    ),
    # The agreement list: everyone's own (empty for most).
    (
        "nomination inbox",
        lambda w: reverse("trainings:nomination_inbox"),
        "get",
        EVERYONE,
        200,
        None,
    ),
    # Deciding: the atasan; without one, the registry's managers; readers 403, others 404.
    (
        "decide on the asn",
        lambda w: reverse("trainings:enrolment_decide", args=[w.enrolment.pk]),
        "post",
        {
            "anonymous": LOGIN,
            "atasan_user": 302,
            "superadmin": 403,
            "admin": 403,
            "operator_a": 403,
            "penyelenggara": 403,
            "asn_user": 403,
        },
        404,
        lambda w: {"decision": "agree", "version": w.enrolment.version},
    ),
    (
        "decide on the teacher",
        lambda w: reverse("trainings:enrolment_decide", args=[w.teacher_enrolment.pk]),
        "post",
        {
            "anonymous": LOGIN,
            "superadmin": 302,
            "admin": 302,
            "operator_b": 302,
            "penyelenggara": 403,
        },
        404,
        lambda w: {"decision": "decline", "version": w.teacher_enrolment.version},
    ),
    (
        "withdraw the teacher",
        lambda w: reverse("trainings:enrolment_withdraw", args=[w.teacher_enrolment.pk]),
        "post",
        {
            "anonymous": LOGIN,
            "superadmin": 302,
            "admin": 302,
            "operator_b": 302,
            "penyelenggara": 302,
        },
        404,
        lambda w: {"version": w.teacher_enrolment.version},
    ),
    (
        "withdraw the asn",
        lambda w: reverse("trainings:enrolment_withdraw", args=[w.enrolment.pk]),
        "post",
        {
            "anonymous": LOGIN,
            "superadmin": 302,
            "admin": 302,
            "operator_a": 302,
            "penyelenggara": 302,
            "atasan_user": 302,
            "asn_user": 403,
        },
        404,
        lambda w: {"version": w.enrolment.version},
    ),
]
