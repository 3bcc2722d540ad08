"""The survey views × every persona, as in core's permission matrix: anonymous → login (except
the public pages), outside the scope → 404, read-only → 403 on writes, manager → OK.

`w` is the survey world (binakinerja/satisfaction/testing.py): su_puskesmas is Dinas Kesehatan's
(operator_a), su_sekolah Dinas Pendidikan's (operator_b), su_dukcapil the other government's.
POST rows send `payload(w)` (or {}), which may be invalid: a refused form still answers 200."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

MANAGERS = {"superadmin": 200, "admin": 200, "operator_a": 200}

# views_service_time.py rows: users without any survey role get 403; a valid visit.
ST_NO_ROLE = {"mentor": 403, "penyelenggara": 403, "atasan_user": 403, "asn_user": 403}


def st_visit(w):
    return {"service": w.svc_umum.pk, "date": f"{w.year - 1}-06-03", "arrived": "08:00",
            "started": "08:10", "finished": "08:30"}  # fmt: skip


# (label, url builder, method, {persona: expected status}, default, payload builder or None)
MATRIX = [
    # --- views.py rows ---
    # Readers (managers + pimpinan) of su_puskesmas; other roles 403, operator_b 404.
    ("skm unit list", lambda w: reverse("satisfaction:unit_list"), "get",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 200, "pimpinan": 200}, 403, None),
    ("skm unit create form", lambda w: reverse("satisfaction:unit_create"), "get",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 200}, 403, None),
    ("skm unit create post", lambda w: reverse("satisfaction:unit_create"), "post",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 200}, 403, None),
    ("skm unit detail", lambda w: reverse("satisfaction:unit_detail", args=[w.su_puskesmas.pk]),
     "get", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404, "pimpinan": 200}, 403, None),
    ("skm other government's unit",
     lambda w: reverse("satisfaction:unit_detail", args=[w.su_dukcapil.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 404, "operator_a": 404, "operator_b": 404,
      "pimpinan": 404}, 403, None),
    ("skm unit settings post",
     lambda w: reverse("satisfaction:unit_update", args=[w.su_puskesmas.pk]), "post",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm service add", lambda w: reverse("satisfaction:service_add", args=[w.su_puskesmas.pk]),
     "post", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm service update",
     lambda w: reverse("satisfaction:service_update", args=[w.su_puskesmas.pk, w.svc_kia.pk]),
     "post", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm period create",
     lambda w: reverse("satisfaction:period_create", args=[w.su_puskesmas.pk]), "post",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm period close", lambda w: reverse("satisfaction:period_action", args=[w.pk_open.pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
              "operator_b": 404}, 403, lambda w: {"action": "close", "version": 1}),
    ("skm period action refused",
     lambda w: reverse("satisfaction:period_action", args=[w.pk_last.pk]), "post",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm question add", lambda w: reverse("satisfaction:question_add", args=[w.su_puskesmas.pk]),
     "post", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm question deactivate",
     lambda w: reverse("satisfaction:question_deactivate", args=[
         w.su_puskesmas.pk,
         __import__("binakinerja.satisfaction.models", fromlist=["ExtraQuestion"])
         .ExtraQuestion.objects.create(unit=w.puskesmas, text="Q").pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
              "operator_b": 404}, 403, None),
    ("skm review", lambda w: reverse("satisfaction:review", args=[w.su_puskesmas.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm review post", lambda w: reverse("satisfaction:review", args=[w.su_puskesmas.pk]),
     "post", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm paper entry", lambda w: reverse("satisfaction:paper_entry", args=[w.pk_open.pk]),
     "get", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm paper entry post", lambda w: reverse("satisfaction:paper_entry", args=[w.pk_open.pk]),
     "post", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm paper import", lambda w: reverse("satisfaction:paper_import", args=[w.pk_open.pk]),
     "get", {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm paper import template",
     lambda w: reverse("satisfaction:paper_import", args=[w.pk_open.pk]) + "?template=1", "get",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm paper import post",
     lambda w: reverse("satisfaction:paper_import", args=[w.pk_open.pk]), "post",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("skm paper import report", lambda w: reverse("satisfaction:paper_import_report"), "post",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 200}, 403, None),
    # --- end views.py rows ---
    # --- views_public.py rows ---
    ("survey form (public)", lambda w: reverse("survey:form", args=[w.su_puskesmas.public_code]),
     "get", {}, 200, None),
    ("survey form post without token",
     lambda w: reverse("survey:form", args=[w.su_puskesmas.public_code]), "post", {}, 400, None),
    ("survey thank-you page",
     lambda w: reverse("survey:thanks", args=[w.su_puskesmas.public_code]), "get", {}, 200, None),
    ("survey form of an unknown code", lambda w: reverse("survey:form", args=["zzzzzz"]), "get",
     {}, 404, None),
    ("QR poster", lambda w: reverse("satisfaction:poster", args=[w.su_puskesmas.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS, "operator_b": 404}, 403, None),
    ("QR poster of another government's unit",
     lambda w: reverse("satisfaction:poster", args=[w.su_dukcapil.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 404, "operator_a": 404, "operator_b": 404},
     403, None),
    # --- end views_public.py rows ---
    # --- views_results.py rows ---
    # Readers (managers, pimpinan) 200; operator_b 404 (another OPD's unit); roles without
    # survey access 403. Free text (suggestions, raw data) is for managers only: pimpinan 403.
    (
        "period results",
        lambda w: reverse("satisfaction:period_results", args=[w.pk_last.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 200, "operator_b": 404},
        403,
        None,
    ),
    (
        "other government's period results",
        lambda w: reverse("satisfaction:period_results", args=[w.dk_last.pk]),
        "get",
        {
            "anonymous": LOGIN,
            "superadmin": 200,
            "mentor": 403,
            "penyelenggara": 403,
            "atasan_user": 403,
            "asn_user": 403,
        },
        404,
        None,
    ),
    (
        "unit trend",
        lambda w: reverse("satisfaction:unit_trend", args=[w.su_puskesmas.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 200, "operator_b": 404},
        403,
        None,
    ),
    (
        "comparison",
        lambda w: reverse("satisfaction:comparison"),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "operator_b": 200, "pimpinan": 200},
        403,
        None,
    ),
    (
        "suggestions",
        lambda w: reverse("satisfaction:suggestions", args=[w.pk_last.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "operator_b": 404},
        403,
        None,
    ),
    (
        "add follow-up action",
        lambda w: reverse("satisfaction:suggestions", args=[w.pk_last.pk]),
        "post",
        {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302, "operator_b": 404},
        403,
        lambda w: {"action": "Tambah kursi ruang tunggu", "element": "9"},
    ),
    (
        "refused follow-up action",
        lambda w: reverse("satisfaction:suggestions", args=[w.pk_last.pk]),
        "post",
        {"anonymous": LOGIN, **MANAGERS, "operator_b": 404},
        403,
        lambda w: {"action": ""},
    ),
    (
        "follow-up status",
        lambda w: reverse(
            "satisfaction:action_update",
            args=[w.pk_last.actions.create(action="Perbaiki papan informasi").pk],
        ),
        "post",
        {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302, "operator_b": 404},
        403,
        lambda w: {"status": "done", "version": "1"},
    ),
    (
        "report PDF",
        lambda w: reverse("satisfaction:report_pdf", args=[w.pk_last.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 200, "operator_b": 404},
        403,
        None,
    ),
    (
        "raw data XLSX",
        lambda w: reverse("satisfaction:report_xlsx", args=[w.pk_last.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "operator_b": 404},
        403,
        None,
    ),
    ("public IKM list", lambda w: reverse("survey:instansi_list"), "get", {}, 200, None),
    (
        "public IKM of a government",
        lambda w: reverse("survey:instansi_ikm", args=[w.prov.pk]),
        "get",
        {},
        200,
        None,
    ),
    # --- end views_results.py rows ---
    # --- views_service_time.py rows ---
    (
        "service times",
        lambda w: reverse("satisfaction:service_times", args=[w.su_puskesmas.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 200, **ST_NO_ROLE},
        404,
        None,
    ),
    (
        "service times, other government",
        lambda w: reverse("satisfaction:service_times", args=[w.su_dukcapil.pk]),
        "get",
        {"anonymous": LOGIN, "superadmin": 200, **ST_NO_ROLE},
        404,
        None,
    ),
    (
        "visit form",
        lambda w: reverse("satisfaction:service_visit_add", args=[w.su_puskesmas.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 403, **ST_NO_ROLE},
        404,
        None,
    ),
    (
        "visit post",
        lambda w: reverse("satisfaction:service_visit_add", args=[w.su_puskesmas.pk]),
        "post",
        {
            "anonymous": LOGIN,
            "superadmin": 302,
            "admin": 302,
            "operator_a": 302,
            "pimpinan": 403,
            **ST_NO_ROLE,
        },
        404,
        st_visit,
    ),
    (
        "service time import form",
        lambda w: reverse("satisfaction:service_time_import", args=[w.su_puskesmas.pk]),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 403, **ST_NO_ROLE},
        404,
        None,
    ),
    (
        "service time import template",
        lambda w: (
            reverse("satisfaction:service_time_import", args=[w.su_puskesmas.pk])
            + "?template=visits"
        ),
        "get",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 403, **ST_NO_ROLE},
        404,
        None,
    ),
    (
        "service time import post",
        lambda w: reverse("satisfaction:service_time_import", args=[w.su_puskesmas.pk]),
        "post",
        {"anonymous": LOGIN, **MANAGERS, "pimpinan": 403, **ST_NO_ROLE},
        404,
        None,
    ),
    (
        "sekolah service times",
        lambda w: reverse("satisfaction:service_times", args=[w.su_sekolah.pk]),
        "get",
        {
            "anonymous": LOGIN,
            "superadmin": 200,
            "admin": 200,
            "operator_b": 200,
            "pimpinan": 200,
            **ST_NO_ROLE,
        },
        404,
        None,
    ),
    # --- end views_service_time.py rows ---
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("label", "url", "method", "expected", "default", "payload"),
    MATRIX,
    ids=[row[0] for row in MATRIX],
)
def test_survey_permission_matrix(
    survey, client, persona, label, url, method, expected, default, payload
):
    assert_permission(
        client, survey, persona=persona, label=label, url=url, method=method,
        want=expected.get(persona, default), payload=payload,
    )  # fmt: skip
