"""Permission-matrix rows of attendance and evaluation (views/attendance.py,
views/evaluation.py); the app's one matrix (test_permission_matrix.py) lists them under its
heading. In the training world the batch belongs to the penyelenggara's institution (BPSDM), the
ASN is enrolled, the teacher only nominated; admins BKPSDM manage every batch."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

ANON = {"anonymous": LOGIN}
RUNNERS = {**ANON, "superadmin": 200, "admin": 200, "penyelenggara": 200}
RUNNERS_REDIRECT = {**ANON, "superadmin": 302, "admin": 302, "penyelenggara": 302}
REGISTRY = {**ANON, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200}
EVERYONE = {**ANON, **{p: 200 for p in ("superadmin", "admin", "operator_a", "operator_b",
                                          "pimpinan", "mentor", "penyelenggara", "atasan_user",
                                          "asn_user")}}  # fmt: skip


def _code(w):
    from binakinerja.trainings.attendance import attendance_code, scan_path

    return scan_path(attendance_code(w.session_1))


def _survey(w, respondent):
    import datetime as dt

    from binakinerja.trainings.models import BehaviourSurvey

    survey, _created = BehaviourSurvey.objects.get_or_create(
        enrolment=w.enrolment, respondent=respondent,
        defaults={"respondent_employee": w.asn if respondent == "alumnus" else w.atasan,
                  "due": dt.date(2026, 7, 1)},
    )  # fmt: skip
    return reverse("trainings:behaviour_survey", args=[survey.pk])


def _scores(w):
    return {f"pre-{w.enrolment.pk}": "40", f"post-{w.enrolment.pk}": "70,5"}


ATTENDANCE_ROWS = [
    # Attendance lists and the QR screen: those who run the batch; readers of the catalogue 403.
    ("batch attendance", lambda w: reverse("trainings:batch_attendance", args=[w.batch.pk]),
     "get", RUNNERS, 403, None),
    ("session attendance", lambda w: reverse("trainings:session_attendance",
                                             args=[w.session_1.pk]), "get", RUNNERS, 403, None),
    ("session attendance mark", lambda w: reverse("trainings:session_attendance",
                                                  args=[w.session_1.pk]), "post",
     RUNNERS_REDIRECT, 403, lambda w: {"present": [str(w.enrolment.pk)]}),
    ("session attendance close", lambda w: reverse("trainings:session_attendance_close",
                                                   args=[w.session_1.pk]), "post",
     RUNNERS_REDIRECT, 403, None),
    ("session attendance close get", lambda w: reverse("trainings:session_attendance_close",
                                                       args=[w.session_1.pk]), "get", ANON, 405,
     None),
    ("session qr screen", lambda w: reverse("trainings:session_qr_screen", args=[w.session_1.pk]),
     "get", RUNNERS, 403, None),
    ("session qr code", lambda w: reverse("trainings:session_qr", args=[w.session_1.pk]), "get",
     RUNNERS, 403, None),
    # The scan: recorded for the enrolled ASN; refused (400, with the reason) for anyone else.
    ("attendance scan", _code, "get", {**ANON, "asn_user": 200}, 400, None),
    ("attendance scan forged", lambda w: reverse("trainings:attendance_scan",
                                                 args=["1.abc.xyz.forged"]), "get", ANON, 400,
     None),
    # Evaluation of a batch: those who run it.
    ("batch evaluation", lambda w: reverse("trainings:batch_evaluation", args=[w.batch.pk]),
     "get", RUNNERS, 403, None),
    ("batch scores", lambda w: reverse("trainings:batch_scores", args=[w.batch.pk]), "get",
     RUNNERS, 403, None),
    ("batch scores post", lambda w: reverse("trainings:batch_scores", args=[w.batch.pk]), "post",
     RUNNERS_REDIRECT, 403, _scores),
    ("batch scores import", lambda w: reverse("trainings:batch_scores_import", args=[w.batch.pk]),
     "get", RUNNERS, 403, None),
    ("batch scores template", lambda w: reverse("trainings:batch_scores_import",
                                                args=[w.batch.pk]) + "?template=1", "get",
     RUNNERS, 403, None),
    ("batch scores import post", lambda w: reverse("trainings:batch_scores_import",
                                                   args=[w.batch.pk]), "post", RUNNERS, 403,
     None),
    ("scores import error report", lambda w: reverse("trainings:scores_import_errors"), "post",
     RUNNERS, 403, lambda w: {"errors": '[[2, "NIP", "123", "x"]]'}),
    ("scores import error report get", lambda w: reverse("trainings:scores_import_errors"),
     "get", ANON, 405, None),
    # The participant's own L1 questionnaire: nobody else's (404).
    ("reaction form", lambda w: reverse("trainings:reaction_form", args=[w.batch.pk]), "get",
     {**ANON, "asn_user": 200}, 404, None),
    ("reaction form post", lambda w: reverse("trainings:reaction_form", args=[w.batch.pk]),
     "post", {**ANON, "asn_user": 200}, 404, None),
    # A facilitator's ratings: managers and the institution's staff; others 404.
    ("facilitator evaluation", lambda w: reverse("trainings:facilitator_evaluation",
                                                 args=[w.facilitator.pk]), "get", RUNNERS, 404,
     None),
    # The learning-gain report: managers (all) and penyelenggara (own institution).
    ("evaluation report", lambda w: reverse("trainings:evaluation_report"), "get", RUNNERS, 403,
     None),
    ("my evaluations", lambda w: reverse("trainings:my_evaluations"), "get", EVERYONE, 200,
     None),
    # L3: the respondent only (the alumnus; the superior for theirs).
    ("behaviour survey alumnus", lambda w: _survey(w, "alumnus"), "get",
     {**ANON, "asn_user": 200}, 404, None),
    ("behaviour survey supervisor", lambda w: _survey(w, "supervisor"), "get",
     {**ANON, "atasan_user": 200}, 404, None),
    ("behaviour survey post", lambda w: _survey(w, "alumnus"), "post",
     {**ANON, "asn_user": 200}, 404, None),
    # Re-assessment proposals: whoever records assessments (registry managers).
    ("reassessment list", lambda w: reverse("trainings:reassessment_list"), "get", REGISTRY, 403,
     None),
]  # fmt: skip
