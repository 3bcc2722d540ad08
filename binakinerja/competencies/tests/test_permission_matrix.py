"""The competency views × every persona, as in core's permission matrix. `w` is the talent world
(binakinerja/competencies/testing.py). POST rows send `payload(w)` (or {})."""

import pytest
from django.urls import reverse

from binakinerja.competencies.tests.test_idp import matrix_plan
from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

# (label, url builder, method, {persona: expected status}, default, payload builder or None)
MATRIX = [
    # views/assessments.py
    ("assessment import form", lambda w: reverse("competencies:assessment_import"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, None),
    ("assessment import template", lambda w: reverse("competencies:assessment_import")
     + "?template=1", "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, None),
    ("assessment import post", lambda w: reverse("competencies:assessment_import"), "post",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, None),
    ("assessment add form", lambda w: reverse("competencies:assessment_add", args=[w.asn.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 404}, 403, None),
    ("assessment add post", lambda w: reverse("competencies:assessment_add", args=[w.asn.pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
              "operator_b": 404}, 403,
     lambda w: {"competency": w.competencies["M2"].pk, "level": 3, "assessed_on": "2026-01-15",
                "method": "atasan"}),
    ("other government's employee assessment",
     lambda w: reverse("competencies:assessment_add", args=[w.kota_employee.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 404, "operator_a": 404,
      "operator_b": 404}, 403, None),
    # Error report of a refused import (assessments or standards): managers; GET 405.
    ("import error report", lambda w: reverse("competencies:import_error_report"), "post",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, lambda w: {"errors": '[[2, "NIP", "123", "x"]]'}),
    ("import error report get", lambda w: reverse("competencies:import_error_report"), "get",
     {"anonymous": LOGIN}, 405, None),
    # views/talent.py
    # Gaps: whoever reads the employee (themself, atasan, managers in scope); others 404.
    ("asn gaps", lambda w: reverse("competencies:employee_gaps", args=[w.asn.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "atasan_user": 200, "asn_user": 200}, 404, None),
    ("atasan gaps", lambda w: reverse("competencies:employee_gaps", args=[w.atasan.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "atasan_user": 200}, 404, None),
    ("teacher gaps", lambda w: reverse("competencies:employee_gaps", args=[w.teacher.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_b": 200}, 404, None),
    # Aggregates: managers and pimpinan of the subtree; operator_b 404; other roles 403.
    ("heat map dinkes", lambda w: reverse("competencies:heat_map", args=[w.dinkes.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 404, "pimpinan": 200}, 403, None),
    ("heat map province", lambda w: reverse("competencies:heat_map", args=[w.prov.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 404,
      "operator_b": 404, "pimpinan": 200}, 403, None),
    ("nine box dinkes", lambda w: reverse("competencies:nine_box", args=[w.dinkes.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 404, "pimpinan": 200}, 403, None),
    ("nine box kota", lambda w: reverse("competencies:nine_box", args=[w.kota.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 404, "operator_a": 404,
             "operator_b": 404, "pimpinan": 404}, 403, None),
    ("heat map post", lambda w: reverse("competencies:heat_map", args=[w.dinkes.pk]), "post",
     {"anonymous": LOGIN}, 405, None),
    # views/needs.py
    # Training needs: like the gaps page (themself, atasan, managers in scope); others 404.
    ("asn needs", lambda w: reverse("competencies:employee_needs", args=[w.asn.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "atasan_user": 200, "asn_user": 200}, 404, None),
    ("teacher needs", lambda w: reverse("competencies:employee_needs", args=[w.teacher.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_b": 200}, 404, None),
    ("asn needs bad year", lambda w: reverse("competencies:employee_needs", args=[w.asn.pk])
     + "?year=1999", "get", {"anonymous": LOGIN}, 404, None),
    ("asn needs of a year", lambda w: reverse("competencies:employee_needs_year",
                                              args=[w.asn.pk, 2026]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "atasan_user": 200, "asn_user": 200}, 404, None),
    ("asn needs bad year in the path", lambda w: reverse("competencies:employee_needs_year",
                                                         args=[w.asn.pk, 1999]), "get",
     {}, 404, None),  # the year converter's 404, before any login
    ("asn needs post", lambda w: reverse("competencies:employee_needs", args=[w.asn.pk]),
     "post", {"anonymous": LOGIN}, 405, None),
    # views/standards.py
    # Standards: managers of the position's unit write, pimpinan read (403 on writes).
    ("position standards", lambda w: reverse("competencies:position_standards",
                                             args=[w.pos_kepala.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 404, "pimpinan": 200}, 403, None),
    ("position standard set", lambda w: reverse("competencies:position_standards",
                                                args=[w.pos_kepala.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
      "operator_b": 404}, 403,
     lambda w: {"competency": w.competencies["M1"].pk, "level": 3}),
    ("position standards defaults", lambda w: reverse("competencies:position_standards",
                                                      args=[w.pos_kepala.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
      "operator_b": 404}, 403, lambda w: {"action": "defaults"}),
    # Technical competencies: managers and pimpinan read; admins BKPSDM create.
    ("technical list", lambda w: reverse("competencies:technical_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200, "pimpinan": 200}, 403, None),
    ("technical create", lambda w: reverse("competencies:technical_list"), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"code": "T-GIZI-1", "name": "Gizi Klinis", "field": "Kesehatan"}),
    # Standards import: managers (as the assessment import); the file decides the positions.
    ("standards import form", lambda w: reverse("competencies:standards_import"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, None),
    ("standards import template", lambda w: reverse("competencies:standards_import")
     + "?template=1", "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, None),
    ("standards import post", lambda w: reverse("competencies:standards_import"), "post",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, None),
    # views/idp.py
    # IDP: the ASN and their readers (atasan, managers in scope) see it, others 404; only the ASN
    # changes it (readers 403), only the direct atasan decides; no ASN record → 403 on "mine".
    ("idp home", lambda w: reverse("competencies:idp_home"), "get", {"anonymous": LOGIN}, 302,
     None),
    ("idp mine", lambda w: reverse("competencies:idp_mine", args=[2026]), "get",
     {"anonymous": LOGIN, "atasan_user": 200, "asn_user": 200}, 403, None),
    ("idp mine start", lambda w: reverse("competencies:idp_mine", args=[2027]), "post",
     {"anonymous": LOGIN, "atasan_user": 302, "asn_user": 302}, 403, None),
    # A year outside core.converters' range is a 404 from the URL converter, before any login.
    ("idp mine bad year", lambda w: reverse("competencies:idp_mine", args=[1999]), "get",
     {}, 404, None),
    ("idp asn", lambda w: reverse("competencies:idp_employee",
                                  args=[matrix_plan(w).employee_id, 2026]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "atasan_user": 200, "asn_user": 200}, 404, None),
    ("idp teacher", lambda w: reverse("competencies:idp_employee", args=[w.teacher.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_b": 200}, 404, None),
    ("idp inbox", lambda w: reverse("competencies:idp_inbox"), "get",
     {"anonymous": LOGIN, "atasan_user": 200}, 403, None),
    ("idp inbox post", lambda w: reverse("competencies:idp_inbox"), "post",
     {"anonymous": LOGIN}, 405, None),
    ("idp submit", lambda w: reverse("competencies:idp_plan_action", args=[matrix_plan(w).pk]),
     "post", {"anonymous": LOGIN, "superadmin": 403, "admin": 403, "operator_a": 403,
              "atasan_user": 403, "asn_user": 302}, 404,
     lambda w: {"action": "submit", "version": matrix_plan(w).version}),
    ("idp approve", lambda w: reverse("competencies:idp_plan_action", args=[matrix_plan(w).pk]),
     "post", {"anonymous": LOGIN, "superadmin": 403, "admin": 403, "operator_a": 403,
              "atasan_user": 302, "asn_user": 403}, 404,
     lambda w: {"action": "approve", "version": matrix_plan(w).version}),
    ("idp activity add", lambda w: reverse("competencies:idp_activity_add",
                                           args=[matrix_plan(w).pk]), "post",
     {"anonymous": LOGIN, "superadmin": 403, "admin": 403, "operator_a": 403,
      "atasan_user": 403, "asn_user": 302}, 404,
     lambda w: {"version": matrix_plan(w).version, "title": "Seminar", "need_source": "own",
                "form": "klasikal", "planned_jp": "8"}),
    ("idp activity edit", lambda w: reverse("competencies:idp_activity_edit",
                                            args=[matrix_plan(w).activities.get().pk]),
     "get", {"anonymous": LOGIN, "superadmin": 403, "admin": 403, "operator_a": 403,
             "atasan_user": 403, "asn_user": 200}, 404, None),
    ("idp activity remove", lambda w: reverse("competencies:idp_activity_remove",
                                              args=[matrix_plan(w).activities.get().pk]),
     "post", {"anonymous": LOGIN, "superadmin": 403, "admin": 403, "operator_a": 403,
              "atasan_user": 403, "asn_user": 302}, 404,
     lambda w: {"version": matrix_plan(w).version}),
    ("idp activity done", lambda w: reverse("competencies:idp_activity_done",
                                            args=[matrix_plan(w).activities.get().pk]),
     "post", {"anonymous": LOGIN, "superadmin": 403, "admin": 403, "operator_a": 403,
              "atasan_user": 403, "asn_user": 302}, 404, None),
    ("idp activity cancel", lambda w: reverse("competencies:idp_activity_cancel",
                                              args=[matrix_plan(w).activities.get().pk]),
     "post", {"anonymous": LOGIN, "superadmin": 403, "admin": 403, "operator_a": 403,
              "atasan_user": 403, "asn_user": 302}, 404, None),
    # views/plan.py
    # Development plan: like the heat map (managers and pimpinan of the subtree); operator_b
    # 404; other roles 403. Exports the same.
    ("plan dinkes", lambda w: reverse("competencies:development_plan", args=[w.dinkes.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 404, "pimpinan": 200}, 403, None),
    ("plan province", lambda w: reverse("competencies:development_plan",
                                        args=[w.prov.pk, 2026]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 404,
      "operator_b": 404, "pimpinan": 200}, 403, None),
    ("plan kota", lambda w: reverse("competencies:development_plan", args=[w.kota.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 404, "operator_a": 404,
             "operator_b": 404, "pimpinan": 404}, 403, None),
    ("plan dinkes xlsx", lambda w: reverse("competencies:development_plan",
                                           args=[w.dinkes.pk, 2026]) + "?format=xlsx", "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 404, "pimpinan": 200}, 403, None),
    ("plan dinkes pdf", lambda w: reverse("competencies:development_plan",
                                          args=[w.dinkes.pk, 2026]) + "?format=pdf", "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 404, "pimpinan": 200}, 403, None),
    ("plan bad year", lambda w: reverse("competencies:development_plan",
                                        args=[w.dinkes.pk, 1999]), "get",
     {}, 404, None),  # the year converter's 404, before any login
    ("plan post", lambda w: reverse("competencies:development_plan", args=[w.dinkes.pk, 2026]),
     "post", {"anonymous": LOGIN}, 405, None),
    # views/home.py
    # The start page and the dictionary hold no personal data: every signed-in user.
    ("competency home", lambda w: reverse("competencies:home"), "get",
     {"anonymous": LOGIN}, 200, None),
    ("dictionary", lambda w: reverse("competencies:dictionary"), "get",
     {"anonymous": LOGIN}, 200, None),
    ("dictionary post", lambda w: reverse("competencies:dictionary"), "post",
     {"anonymous": LOGIN}, 405, None),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("label", "url", "method", "expected", "default", "payload"),
    MATRIX,
    ids=[row[0] for row in MATRIX],
)
def test_competency_permission_matrix(
    talent, client, persona, label, url, method, expected, default, payload
):
    assert_permission(
        client, talent, persona=persona, label=label, url=url, method=method,
        want=expected.get(persona, default), payload=payload,
    )  # fmt: skip
