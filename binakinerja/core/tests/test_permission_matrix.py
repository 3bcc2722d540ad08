"""Every view × every persona (STYLE.md): anonymous → login, outsider → 404, read-only → 403 on
writes, owner → OK. Personas come from binakinerja/core/testing.py."""

import pytest
from django.urls import reverse

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission, make_user


def matrix_assignment(w, scope="dinkes"):
    """An operator role over an OPD of `w` for the role-revoke rows (made once per world; an
    operator's scope must be an OPD: accounts CHECK constraint)."""
    from binakinerja.accounts.models import Role, RoleAssignment

    key = f"assignment_{scope}"
    if not hasattr(w, key):
        user = make_user(f"operator_{scope}_matrix")
        setattr(w, key, RoleAssignment.objects.create(
            user=user, role=Role.OPERATOR_OPD, scope=getattr(w, scope)
        ))  # fmt: skip
    return getattr(w, key)


def matrix_job(w):
    """A refused ASN import of operator_a with one error (made once per world)."""
    from binakinerja.people.models import ImportJob

    if not hasattr(w, "import_job"):
        w.import_job = ImportJob.objects.create(
            owner=w.operator_a, original_name="asn.xlsx", status="rejected", error_count=1,
            rows_with_errors=1, errors=[{"row": 2, "column": "NIP", "value": "123", "code": "nip",
                                         "message": "Invalid NIP.", "params": {}}],
        )  # fmt: skip
    return w.import_job


def matrix_notification(w):
    """A notification of asn_user that links to their SKP list (made once per world)."""
    from binakinerja.core.models import Notification

    if not hasattr(w, "notification"):
        w.notification = Notification.objects.create(
            recipient=w.asn_user, text="Catatan", link=reverse("performance:skp_home")
        )
    return w.notification


# Who may read an SKP (the ASN's): its owner, the atasan, managers of the OPD; others 404.
SKP_READERS = {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
               "atasan_user": 200, "asn_user": 200}  # fmt: skip
# Writes on an SKP: only its owner and its atasan (they get a redirect back to the SKP page,
# where the service's refusal is shown when the status does not allow the step); managers who
# only read it 403; others 404.
SKP_WRITERS = {**SKP_READERS, "superadmin": 403, "admin": 403, "operator_a": 403,
               "atasan_user": 302, "asn_user": 302}  # fmt: skip
# Who reads an OPD's persons: superadmin, admin, its operator.
OPD_MANAGERS = {"superadmin": 200, "admin": 200, "operator_a": 200}

# (name, url builder, method, {persona: expected status}, default[, payload builder]); missing
# personas expect `default`; POST rows without a payload builder send `edit_payload`.
MATRIX = [
    ("dashboard", lambda w: reverse("core:dashboard"), "get",
     {"anonymous": LOGIN}, 200),
    ("employee list", lambda w: reverse("people:employee_list"), "get",
     {"anonymous": LOGIN, "pimpinan": 403, "mentor": 403, "penyelenggara": 403}, 200),
    ("employee list export", lambda w: reverse("people:employee_list") + "?export=csv", "get",
     {"anonymous": LOGIN, "pimpinan": 403, "mentor": 403, "penyelenggara": 403}, 200),
    ("own-OPD employee detail", lambda w: reverse("people:employee_detail", args=[w.asn.pk]),
     "get", {"anonymous": LOGIN, "operator_b": 404, "pimpinan": 404, "mentor": 404,
             "penyelenggara": 404}, 200),
    ("other government's employee", lambda w: reverse("people:employee_detail",
                                                      args=[w.kota_employee.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200}, 404),
    ("teacher in another OPD", lambda w: reverse("people:employee_detail", args=[w.teacher.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_b": 200}, 404),
    ("employee edit form", lambda w: reverse("people:employee_edit", args=[w.asn.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "atasan_user": 403, "asn_user": 403}, 404),
    ("employee edit post", lambda w: reverse("people:employee_edit", args=[w.asn.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
      "atasan_user": 403, "asn_user": 403}, 404),
    ("employee create form", lambda w: reverse("people:employee_create"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403),
    ("position options", lambda w: reverse("people:position_options") + f"?unit={w.puskesmas.pk}",
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 200}, 403),
    ("employee autocomplete", lambda w: reverse("people:employee_autocomplete") + "?q=siti",
     "get", {"anonymous": LOGIN}, 200),
    ("import upload", lambda w: reverse("people:import_upload"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403),
    ("unit options", lambda w: reverse("organizations:orgunit_options") + "?q=limboto", "get",
     {"anonymous": LOGIN}, 200),
    ("unit positions", lambda w: reverse("people:position_list", args=[w.puskesmas.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "pimpinan": 200}, 404),
    ("add position", lambda w: reverse("people:position_list", args=[w.puskesmas.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "pimpinan": 403}, 404),
    ("add unit form", lambda w: reverse("organizations:orgunit_create", args=[w.dinkes.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 403}, 404),
    ("edit unit form", lambda w: reverse("organizations:orgunit_edit", args=[w.dinkes.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 403}, 404),
    ("assessment periods", lambda w: reverse("performance:period_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200}, 403),
    ("my SKP", lambda w: reverse("performance:skp_home"), "get",
     {"anonymous": LOGIN, "atasan_user": 200, "asn_user": 200}, 403),
    ("SKP progress overview", lambda w: reverse("performance:opd_overview"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200, "pimpinan": 200}, 403),
    ("OPD SKP progress", lambda w: reverse("performance:opd_progress", args=[w.dinkes.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 200}, 404),
    ("OPD distribution", lambda w: reverse("performance:distribution", args=[w.dinkes.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 200}, 404),
    ("OPD cascade", lambda w: reverse("performance:cascade", args=[w.dinkes.pk, 2026]), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "pimpinan": 200}, 404),
    ("SKP target import", lambda w: reverse("performance:target_import"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403),
    ("follow-up list", lambda w: reverse("performance:follow_up_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200, "atasan_user": 200}, 403),
    ("role list", lambda w: reverse("accounts:role_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200}, 403),
    # One root in scope (a government or an OPD) redirects straight to it.
    ("organisation list", lambda w: reverse("organizations:orgunit_list"), "get",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 302, "operator_a": 302,
      "operator_b": 302, "pimpinan": 302}, 403),
    ("own OPD page", lambda w: reverse("organizations:orgunit_detail", args=[w.dinkes.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 404, "pimpinan": 200}, 403),
    ("other government's OPD", lambda w: reverse("organizations:orgunit_detail",
                                                 args=[w.kota_opd.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 404, "operator_a": 404,
             "operator_b": 404, "pimpinan": 404}, 403),
    # --- accounts and core ---
    ("password change form", lambda w: reverse("accounts:password_change"), "get",
     {"anonymous": LOGIN}, 200),
    ("role revoke", lambda w: reverse("accounts:role_revoke", args=[matrix_assignment(w).pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 403, lambda w: {}),
    ("role revoke in another government",
     lambda w: reverse("accounts:role_revoke", args=[matrix_assignment(w, "kota_opd").pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 404}, 403, lambda w: {}),
    ("notifications read", lambda w: reverse("core:notifications_read"), "post",
     {"anonymous": LOGIN}, 302, lambda w: {}),
    ("notification list", lambda w: reverse("core:notification_list"), "get",
     {"anonymous": LOGIN}, 200),
    # A notification is its recipient's only (opening it redirects to its link).
    ("notification open", lambda w: reverse("core:notification_open",
                                            args=[matrix_notification(w).pk]), "get",
     {"anonymous": LOGIN, "asn_user": 302}, 404),
    # --- people ---
    # Creating a login is a registry write: managers of the unit; the atasan reads the peer
    # (403), everyone else cannot see them (404).
    ("employee account create", lambda w: reverse("people:employee_account_create",
                                                  args=[w.asn_peer.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
      "atasan_user": 403}, 404, lambda w: {"email": "andi.mokoginta@example.test"}),
    # Sending the set-up link again: the same registry write (the ASN reads themself: 403).
    ("employee account link resend", lambda w: reverse("people:employee_account_link_resend",
                                                       args=[w.asn.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
      "atasan_user": 403, "asn_user": 403}, 404, lambda w: {}),
    # An import job is its uploader's only.
    ("import job", lambda w: reverse("people:import_job", args=[matrix_job(w).pk]), "get",
     {"anonymous": LOGIN, "operator_a": 200}, 404),
    ("import job progress", lambda w: reverse("people:import_job_progress",
                                              args=[matrix_job(w).pk]), "get",
     {"anonymous": LOGIN, "operator_a": 200}, 404),
    ("import error report", lambda w: reverse("people:import_report", args=[matrix_job(w).pk]),
     "get", {"anonymous": LOGIN, "operator_a": 200}, 404),
    # --- performance: one SKP and what hangs on it (binakinerja/performance/testing.py) ---
    ("SKP detail", lambda w: reverse("performance:skp_detail", args=[w.skp.pk]), "get",
     SKP_READERS, 404),
    ("teacher's SKP", lambda w: reverse("performance:skp_detail", args=[w.teacher_skp.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_b": 200}, 404),
    ("other government's SKP", lambda w: reverse("performance:skp_detail", args=[w.kota_skp.pk]),
     "get", {"anonymous": LOGIN, "superadmin": 200}, 404),
    ("SKP workbook", lambda w: reverse("performance:skp_xlsx", args=[w.skp.pk]), "get",
     SKP_READERS, 404),
    ("SKP PDF", lambda w: reverse("performance:skp_pdf", args=[w.skp.pk]), "get",
     SKP_READERS, 404),
    ("evaluation PDF", lambda w: reverse("performance:evaluation_pdf",
                                         args=[w.skp.pk, w.assessment.pk]), "get",
     SKP_READERS, 404),
    ("evaluation workbook", lambda w: reverse("performance:evaluation_xlsx",
                                              args=[w.skp.pk, w.assessment.pk]), "get",
     SKP_READERS, 404),
    ("evidence download", lambda w: reverse("performance:evidence_download",
                                            args=[w.evidence.pk]), "get", SKP_READERS, 404),
    ("SKP result add", lambda w: reverse("performance:skp_result_add", args=[w.skp.pk]),
     "post", SKP_WRITERS, 404, lambda w: {"kind": "utama", "text": "Hasil baru"}),
    ("SKP workflow action", lambda w: reverse("performance:skp_action", args=[w.skp.pk]),
     "post", SKP_WRITERS, 404, lambda w: {"action": "submit", "version": "1"}),
    ("SKP assessment", lambda w: reverse("performance:skp_assess", args=[w.skp.pk]), "post",
     SKP_WRITERS, 404, lambda w: {"period": w.periods["q2"].pk, "hasil_kerja": "sesuai",
                                  "perilaku_kerja": "sesuai", "reason": "-", "version": "1"}),
    ("SKP follow-up", lambda w: reverse("performance:follow_up_create", args=[w.skp.pk]),
     "post", SKP_WRITERS, 404, lambda w: {"assessment": w.assessment.pk, "kind": "coaching",
                                          "description": "Pendampingan"}),
    # Only the owner records realisations: the atasan's page has no realisation form, so the
    # refusal comes back as a message after a redirect (302; nothing written).
    ("SKP realisation", lambda w: reverse("performance:realisation_record", args=[w.skp.pk]),
     "post", {**SKP_WRITERS, "atasan_user": 302}, 404, lambda w: {"indicator": w.indicator.pk,
                                          "period": w.periods["q2"].pk, "value": "50"}),
    ("SKP check-in", lambda w: reverse("performance:check_in", args=[w.skp.pk]), "post",
     SKP_WRITERS, 404, lambda w: {"text": "Dialog kinerja"}),
    ("SKP expectations", lambda w: reverse("performance:skp_expectations", args=[w.skp.pk]),
     "post", SKP_WRITERS, 404, lambda w: {"berorientasi_pelayanan": "Ramah"}),
    ("SKP lampiran", lambda w: reverse("performance:skp_lampiran", args=[w.skp.pk]),
     "post", SKP_WRITERS, 404, lambda w: {"dukungan_sumber_daya": "Laptop", "version": "1"}),
    # --- performance: periods, imports, OPD pages ---
    ("period close", lambda w: reverse("performance:period_status", args=[w.periods["q1"].pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 403, lambda w: {}),
    ("other government's period", lambda w: reverse("performance:period_status",
                                                    args=[w.kota_periods["q1"].pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 404}, 403, lambda w: {}),
    ("SKP target import report", lambda w: reverse("performance:target_import_report"), "post",
     {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_a": 200,
      "operator_b": 200}, 403, lambda w: {"errors": '[[2, "NIP", "123", "x"]]'}),
    # The predikat recap lists persons: readers of the OPD's persons only; pimpinan 403.
    ("OPD predikat recap CSV", lambda w: reverse("performance:opd_progress",
                                                 args=[w.dinkes.pk, 2026]) + "?export=csv",
     "get", {"anonymous": LOGIN, **OPD_MANAGERS, "pimpinan": 403}, 404),
    ("OPD predikat recap XLSX", lambda w: reverse("performance:opd_progress",
                                                  args=[w.dinkes.pk, 2026]) + "?export=xlsx",
     "get", {"anonymous": LOGIN, **OPD_MANAGERS, "pimpinan": 403}, 404),
    ("other OPD's progress", lambda w: reverse("performance:opd_progress",
                                               args=[w.dikbud.pk, 2026]),
     "get", {"anonymous": LOGIN, "superadmin": 200, "admin": 200, "operator_b": 200,
             "pimpinan": 200}, 404),
    ("OPD predikat set", lambda w: reverse("performance:distribution", args=[w.dinkes.pk, 2026]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302,
              "pimpinan": 403}, 404, lambda w: {"predikat": "baik"}),
    ("OPD goal add", lambda w: reverse("performance:cascade", args=[w.dinkes.pk, 2026]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "operator_a": 302, "pimpinan": 403},
     404, lambda w: {"text": "Tujuan baru"}),
]  # fmt: skip


def edit_payload(world):
    employee = world.asn
    employee.refresh_from_db()
    return {
        "name": employee.name,
        "gelar_depan": "",
        "gelar_belakang": "S.Kep.",
        "unit": employee.unit_id,
        "position": employee.position_id or "",
        "golongan": employee.golongan,
        "state": employee.state,
        "education_level": "",
        "version": employee.version,
    }


@pytest.fixture
def matrix_world(world, settings, tmp_path):
    """The persona world with SKPs, assessments and evidence (binakinerja/core/tests/
    matrices.py): the world every row of this matrix is built in."""
    from binakinerja.core.tests.matrices import build_matrix_world

    settings.MEDIA_ROOT = tmp_path
    return build_matrix_world("core", world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(matrix_world, client, persona, row):
    label, url, method, expected, default = row[:5]
    assert_permission(
        client, matrix_world, persona=persona, label=label, url=url, method=method,
        want=expected.get(persona, default), payload=row[5] if len(row) > 5 else edit_payload,
    )  # fmt: skip


def test_post_by_outsider_changes_nothing(world, client):
    client.force_login(world.operator_b)
    before = world.asn.gelar_belakang
    response = client.post(
        reverse("people:employee_edit", args=[world.asn.pk]), edit_payload(world)
    )
    assert response.status_code == 404
    world.asn.refresh_from_db()
    assert world.asn.gelar_belakang == before


@pytest.mark.parametrize(
    ("persona", "visible", "hidden"),
    [
        ("operator_a", {"asn", "atasan", "asn_peer"}, {"teacher", "kota_employee"}),
        ("operator_b", {"teacher"}, {"asn", "atasan", "kota_employee"}),
        ("admin", {"asn", "teacher"}, {"kota_employee"}),
        ("atasan_user", {"atasan", "asn", "asn_peer"}, {"teacher", "kota_employee"}),
        ("asn_user", {"asn"}, {"atasan", "asn_peer", "teacher"}),
    ],
)
def test_list_shows_exactly_the_scope(world, client, persona, visible, hidden):
    client.force_login(getattr(world, persona))
    content = client.get(reverse("people:employee_list")).content.decode()
    for name in visible:
        assert getattr(world, name).nip_grouped in content, name
    for name in hidden:
        assert getattr(world, name).nip_grouped not in content, name


def test_autocomplete_is_scoped(world, client):
    client.force_login(world.operator_b)
    content = client.get(reverse("people:employee_autocomplete") + "?q=Siti").content.decode()
    assert "Siti" not in content
    client.force_login(world.operator_a)
    content = client.get(reverse("people:employee_autocomplete") + "?q=Siti").content.decode()
    assert "Siti" in content
