"""Institutions, co-designed programs and the catalogue (design.py, views/programs.py): the
workflow draft → submit → comments per module → return → revise → submit → approve with every
version and comment kept, optimistic concurrency, bad input, institution scoping, the catalogue
with the reader's needs first, home tasks."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from binakinerja.accounts.models import Role, RoleAssignment
from binakinerja.core.concurrency import StaleVersionError
from binakinerja.core.home import tasks_for
from binakinerja.core.models import AuditLog, Notification
from binakinerja.core.scoping import reach_of
from binakinerja.core.testing import make_user
from binakinerja.trainings import design
from binakinerja.trainings.models import (
    Batch,
    Enrolment,
    Institution,
    Module,
    Program,
    ProgramCompetency,
    ProgramRevision,
    ReviewComment,
)

HOSTILE = "<img src=x> & <b>"


@pytest.fixture
def w(world):
    from binakinerja.competencies.testing import build_competency_world
    from binakinerja.trainings.testing import build_training_world

    w = build_training_world(build_competency_world(world))
    w.ung_staff = make_user("staf_ung")
    RoleAssignment.objects.create(user=w.ung_staff, role=Role.PENYELENGGARA,
                                  institution=w.ung.name)  # fmt: skip
    return w


def _fresh(program):
    return Program.objects.get(pk=program.pk)


def _text(response):
    return response.content.decode()


def _post(client, name, pk, data):
    return client.post(reverse(f"trainings:{name}", args=[pk]), data)


# --- the workflow -------------------------------------------------------------------------------


def test_draft_submit_review_return_revise_submit_approve_keeps_every_version_and_comment(
    client, w, django_capture_on_commit_callbacks
):
    client.force_login(w.penyelenggara)
    response = client.post(reverse("trainings:program_create"), {
        "institution": w.bpsdm.pk, "title": "Manajemen Data Kesehatan", "form_code": "KL10",
        "min_attendance_pct": 80, "pass_mark": "70", "test_maximum": "100",
        "audience": "Pengelola data puskesmas",
    })  # fmt: skip
    program = Program.objects.get(title="Manajemen Data Kesehatan")
    assert response.status_code == 302 and program.status == Program.Status.DRAFT
    assert program.jenis_diklat_id == 8  # derived from KL10 Bimbingan Teknis
    ev = program.edit_version
    assert (
        _post(
            client,
            "target_add",
            program.pk,
            {"competency": w.teknis.pk, "level": 3, "edit_version": ev},
        ).status_code
        == 302
    )
    ev += 1
    for name, jp in (("Dasar Statistik", 6), ("Dashboard", 4)):
        assert (
            _post(
                client, "module_add", program.pk, {"name": name, "jp": jp, "edit_version": ev}
            ).status_code
            == 302
        )
        ev += 1
    assert _fresh(program).edit_version == ev
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "program_submit", program.pk, {"edit_version": ev})
    program = _fresh(program)
    assert response.status_code == 302
    assert (program.status, program.version) == (Program.Status.SUBMITTED, 1)
    v1 = ProgramRevision.objects.get(program=program, number=1)
    assert [m["name"] for m in v1.snapshot["modules"]] == ["Dasar Statistik", "Dashboard"]
    assert v1.snapshot["competencies"] == [
        {"code": "T-KEP-1", "name": "Asuhan Keperawatan", "level": 3}
    ]
    assert Notification.objects.filter(recipient=w.admin, link__contains=str(program.pk)).exists()
    # The institution cannot change what is under review.
    dashboard = Module.objects.get(program=program, name="Dashboard")
    response = _post(
        client,
        "module_add",
        program.pk,
        {"name": "X", "jp": 2, "edit_version": program.edit_version},
    )
    assert response.status_code == 400 and "tidak dapat diubah" in _text(response)
    assert program.modules.count() == 2
    # BKPSDM comments on a module and on the program, then returns it.
    client.force_login(w.admin)
    assert (
        _post(
            client,
            "program_comment",
            program.pk,
            {"module": dashboard.pk, "text": "Tambahkan praktik."},
        ).status_code
        == 302
    )
    assert (
        _post(
            client,
            "program_comment",
            program.pk,
            {"module": "", "text": "Perjelas sasaran peserta."},
        ).status_code
        == 302
    )
    page = _text(client.get(reverse("trainings:program_detail", args=[program.pk])))
    assert "Tambahkan praktik." in page and "Perjelas sasaran peserta." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            "program_decide",
            program.pk,
            {"action": "return", "edit_version": _fresh(program).edit_version},
        )
    program = _fresh(program)
    assert program.status == Program.Status.RETURNED
    assert Notification.objects.filter(recipient=w.penyelenggara,
                                       link__contains=str(program.pk)).exists()  # fmt: skip
    assert not Notification.objects.filter(recipient=w.ung_staff).exists()
    # The institution revises: removes the commented module, changes one, adds one.
    client.force_login(w.penyelenggara)
    statistik = Module.objects.get(program=program, name="Dasar Statistik")
    ev = program.edit_version
    assert _post(client, "module_remove", dashboard.pk, {"edit_version": ev}).status_code == 302
    ev += 1
    assert _post(client, "module_edit", statistik.pk,
                 {"name": "Statistik Kesehatan", "jp": 8, "order": 1,
                  "edit_version": ev}).status_code == 302  # fmt: skip
    ev += 1
    assert (
        _post(
            client,
            "module_add",
            program.pk,
            {"name": "Praktik Dashboard", "jp": 6, "edit_version": ev},
        ).status_code
        == 302
    )
    ev += 1
    assert _post(client, "program_submit", program.pk, {"edit_version": ev}).status_code == 302
    program = _fresh(program)
    assert (program.status, program.version) == (Program.Status.SUBMITTED, 2)
    # Both versions and every comment are kept; the removed module's comment keeps its name.
    assert list(program.revisions.values_list("number", flat=True)) == [1, 2]
    kept = ReviewComment.objects.get(text="Tambahkan praktik.")
    assert (kept.revision.number, kept.module, kept.module_name) == (1, None, "Dashboard")
    versions = design.program_revisions(program)
    assert [v["revision"].number for v in versions] == [2, 1]
    kinds = {(c.kind, c.subject) for c in versions[0]["changes"]}
    assert kinds == {
        ("module_changed", "Statistik Kesehatan"),
        ("module_added", "Praktik Dashboard"),
        ("module_removed", "Dashboard"),
    }
    assert len(versions[1]["comments"]) == 2 and versions[0]["comments"] == []
    client.force_login(w.admin)
    page = _text(client.get(reverse("trainings:program_detail", args=[program.pk])))
    assert "Mata pelatihan dihapus: Dashboard" in page
    assert "Mata pelatihan ditambahkan: Praktik Dashboard (6 JP)" in page
    assert "Versi 1" in page and "Versi 2" in page and "Tambahkan praktik." in page
    response = _post(
        client,
        "program_decide",
        program.pk,
        {"action": "approve", "edit_version": program.edit_version},
    )
    assert _fresh(program).status == Program.Status.APPROVED
    # Approved: in the catalogue for the ASN, and no longer editable.
    client.force_login(w.asn_user)
    assert "Manajemen Data Kesehatan" in _text(client.get(reverse("trainings:catalogue")))
    client.force_login(w.penyelenggara)
    response = _post(client, "program_edit", program.pk, {
        "title": "Diubah", "form_code": "KL10", "min_attendance_pct": 80, "test_maximum": 100,
        "edit_version": _fresh(program).edit_version})  # fmt: skip
    assert response.status_code == 400 and "tidak dapat diubah" in _text(response)
    assert _fresh(program).title == "Manajemen Data Kesehatan"
    assert AuditLog.objects.filter(object_type="trainings.program",
                                   object_id=str(program.pk)).count() >= 5  # fmt: skip


def _ready_draft(w):
    ProgramCompetency.objects.create(program=w.draft, competency=w.teknis, level=2)
    Module.objects.create(program=w.draft, order=1, name="Tata Kelola Data", jp=6)
    return _fresh(w.draft)


def test_submit_without_modules_or_targets_is_refused_with_a_reason(client, w):
    client.force_login(w.penyelenggara)
    response = _post(client, "program_submit", w.draft.pk, {"edit_version": w.draft.edit_version})
    assert response.status_code == 302
    page = _text(client.get(response["Location"]))
    assert "Tambahkan sekurang-kurangnya satu mata pelatihan" in page
    assert "sekurang-kurangnya satu kompetensi sasaran" in page
    assert _fresh(w.draft).status == Program.Status.DRAFT
    assert not ProgramRevision.objects.filter(program=w.draft).exists()


def test_the_institution_cannot_review_its_own_program(w):
    draft = _ready_draft(w)
    design.program_submit(actor=w.penyelenggara, program=draft, edit_version=draft.edit_version)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        design.program_approve(actor=w.penyelenggara, program=draft,
                               edit_version=_fresh(draft).edit_version)  # fmt: skip
    assert _fresh(draft).status == Program.Status.SUBMITTED


# --- concurrency --------------------------------------------------------------------------------


def test_two_people_editing_the_same_module_do_not_overwrite_each_other(client, w):
    module = Module.objects.create(program=w.draft, order=1, name="Pengantar", jp=2)
    seen = _fresh(w.draft).edit_version  # both opened the form at this version
    design.module_update(actor=w.penyelenggara, module=module, edit_version=seen,
                         data={"name": "Pengantar Data", "jp": 3})  # fmt: skip
    client.force_login(w.admin)
    response = _post(
        client, "module_edit", module.pk, {"name": "Pengantar Umum", "jp": 4, "edit_version": seen}
    )
    assert response.status_code == 400
    assert "Muat ulang" in _text(response) or "mengubah" in _text(response)
    module.refresh_from_db()
    assert (module.name, module.jp) == ("Pengantar Data", 3)


def test_a_stale_program_edit_is_refused_by_the_service(w):
    seen = w.draft.edit_version
    design.program_update(actor=w.penyelenggara, program=w.draft, edit_version=seen,
                          data={"title": "Draf Manajemen Data v2"})  # fmt: skip
    with pytest.raises(StaleVersionError):
        design.program_update(actor=w.admin, program=w.draft, edit_version=seen,
                              data={"title": "Tertimpa"})  # fmt: skip
    assert _fresh(w.draft).title == "Draf Manajemen Data v2"


# --- bad input ----------------------------------------------------------------------------------


def _program_data(**overrides):
    data = {"title": "Judul", "form_code": "KL03", "min_attendance_pct": 80,
            "test_maximum": "100", "pass_mark": "70"}  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "   "}, "Program harus diberi judul."),
        ({"pass_mark": "120"}, "Nilai batas lulus (120) melebihi nilai maksimal tes (100)."),
        ({"test_maximum": "0"}, "Nilai maksimal tes harus lebih dari nol."),
        ({"min_attendance_pct": 120}, "Kehadiran minimal berupa persentase antara 0 dan 100."),
    ],
)
def test_bad_program_fields_are_refused_in_indonesian_and_nothing_is_saved(
    client, w, overrides, message
):
    client.force_login(w.penyelenggara)
    before = Program.objects.count()
    response = client.post(
        reverse("trainings:program_create"),
        {"institution": w.bpsdm.pk, **_program_data(**overrides)},
    )
    assert response.status_code == 400
    assert message in _text(response)
    assert Program.objects.count() == before
    response = _post(
        client,
        "program_edit",
        w.draft.pk,
        {**_program_data(**overrides), "edit_version": w.draft.edit_version},
    )
    assert response.status_code == 400 and message in _text(response)
    assert _fresh(w.draft).edit_version == w.draft.edit_version  # nothing written


@pytest.mark.parametrize(
    ("jp", "message"),
    [
        (0, "JP mata pelatihan harus lebih dari nol."),
        (-4, "JP mata pelatihan harus lebih dari nol."),
    ],
)
def test_a_module_without_positive_jp_is_refused(client, w, jp, message):
    client.force_login(w.penyelenggara)
    response = _post(
        client,
        "module_add",
        w.draft.pk,
        {"name": "Modul", "jp": jp, "edit_version": w.draft.edit_version},
    )
    assert response.status_code == 400 and message in _text(response)
    assert not w.draft.modules.exists()


@pytest.mark.parametrize("level", [0, 6])
def test_a_level_outside_one_to_five_is_refused(client, w, level):
    client.force_login(w.penyelenggara)
    response = _post(
        client,
        "target_add",
        w.draft.pk,
        {"competency": w.teknis.pk, "level": level, "edit_version": w.draft.edit_version},
    )
    assert response.status_code == 400
    assert "Level kompetensi antara 1 dan 5." in _text(response)
    assert not w.draft.target_competencies.exists()


def test_a_duplicate_target_competency_is_refused(client, w):
    client.force_login(w.penyelenggara)
    ev = w.draft.edit_version
    _post(client, "target_add", w.draft.pk, {"competency": w.teknis.pk, "level": 2,
                                              "edit_version": ev})  # fmt: skip
    response = _post(
        client,
        "target_add",
        w.draft.pk,
        {"competency": w.teknis.pk, "level": 3, "edit_version": ev + 1},
    )
    assert response.status_code == 400
    assert "sudah menjadi sasaran program ini" in _text(response)
    assert list(w.draft.target_competencies.values_list("level", flat=True)) == [2]


def test_the_siasn_code_follows_the_form_unless_overridden(w):
    program = design.program_create(actor=w.penyelenggara, institution=w.bpsdm,
                                    data=_program_data(form_code="KL01"))  # fmt: skip
    assert program.jenis_diklat_id == 1
    design.program_update(
        actor=w.penyelenggara,
        program=program,
        edit_version=program.edit_version,
        data=_program_data(form_code="KL02", jenis_diklat_id=None),
    )
    assert _fresh(program).jenis_diklat_id == 5  # Manajerial
    program = _fresh(program)
    design.program_update(
        actor=w.penyelenggara,
        program=program,
        edit_version=program.edit_version,
        data=_program_data(form_code="KL02", jenis_diklat_id=1),
    )
    assert _fresh(program).jenis_diklat_id == 1  # a structural diklat reported as such


def test_user_text_is_escaped_on_every_page(client, w):
    draft = w.draft
    design.program_update(actor=w.penyelenggara, program=draft, edit_version=draft.edit_version,
                          data={"title": HOSTILE, "audience": HOSTILE})  # fmt: skip
    draft = _fresh(draft)
    design.module_add(actor=w.penyelenggara, program=draft, edit_version=draft.edit_version,
                      data={"name": HOSTILE, "jp": 2})  # fmt: skip
    client.force_login(w.penyelenggara)
    for url in (
        reverse("trainings:program_detail", args=[draft.pk]),
        reverse("trainings:program_list"),
        reverse("trainings:institution_detail", args=[w.bpsdm.pk]),
    ):
        page = _text(client.get(url))
        assert "<img src=x>" not in page and "&lt;img src=x&gt; &amp; &lt;b&gt;" in page


# --- scoping ------------------------------------------------------------------------------------


def test_staff_of_another_institution_get_404_on_drafts_and_403_on_writes(client, w):
    client.force_login(w.ung_staff)
    assert client.get(reverse("trainings:program_detail", args=[w.draft.pk])).status_code == 404
    assert (
        _post(
            client, "module_add", w.draft.pk, {"name": "X", "jp": 2, "edit_version": 1}
        ).status_code
        == 404
    )
    # BPSDM's approved program is in the catalogue, so writing to it is forbidden, not hidden.
    assert (
        _post(
            client, "module_add", w.program.pk, {"name": "X", "jp": 2, "edit_version": 1}
        ).status_code
        == 403
    )
    assert _post(client, "program_edit", w.program.pk, {}).status_code == 403
    # Their own draft is theirs.
    assert client.get(reverse("trainings:program_detail",
                              args=[w.other_draft.pk])).status_code == 200  # fmt: skip
    listed = _text(client.get(reverse("trainings:program_list")))
    assert "Draf Statistik Terapan" in listed and "Draf Manajemen Data" not in listed


def test_institution_page_lists_staff_programs_and_facilitators(client, w):
    client.force_login(w.penyelenggara)
    page = _text(client.get(reverse("trainings:institution_detail", args=[w.bpsdm.pk])))
    assert "penyelenggara" in page and "Pelayanan Prima Puskesmas" in page
    assert "Dr. Hamzah Ali" in page and "staf_ung" not in page
    response = client.post(
        reverse("trainings:facilitator_add", args=[w.bpsdm.pk]),
        {"name": "Dra. Nurlela Usman", "expertise": "Statistik"},
    )
    assert response.status_code == 302
    assert w.bpsdm.facilitators.filter(name="Dra. Nurlela Usman").exists()


def test_admin_creates_and_edits_an_institution_and_a_duplicate_name_is_refused(client, w):
    client.force_login(w.admin)
    response = client.post(reverse("trainings:institution_create"), {
        "name": "LAN RI", "kind": "lan", "accreditation": "A",
        "accreditation_until": "2028-12-31", "head_name": "Kepala LAN",
        "head_nip": "197001011990031001", "is_active": "on"})  # fmt: skip
    assert response.status_code == 302
    lan = Institution.objects.get(name="LAN RI")
    response = client.post(
        reverse("trainings:institution_edit", args=[lan.pk]),
        {"name": "LAN RI", "kind": "lan", "accreditation": "B"},
    )
    lan.refresh_from_db()
    assert (lan.accreditation, lan.is_active) == ("B", False)
    log = AuditLog.objects.filter(object_type="trainings.institution", object_id=str(lan.pk))
    assert log.filter(changes__accreditation=["A", "B"]).exists()
    response = client.post(
        reverse("trainings:institution_create"), {"name": w.bpsdm.name, "kind": "bpsdm"}
    )
    assert response.status_code == 400
    assert Institution.objects.filter(name=w.bpsdm.name).count() == 1


# --- the catalogue ------------------------------------------------------------------------------


def _approved(w, title, competency, level=2):
    program = Program.objects.create(
        institution=w.ung,
        title=title,
        form_code="KL08",
        jenis_diklat_id=11,
        status=Program.Status.APPROVED,
    )
    Module.objects.create(program=program, order=1, name="Modul", jp=5)
    ProgramCompetency.objects.create(program=program, competency=competency, level=level)
    return program


def test_catalogue_shows_approved_programs_only_and_marks_those_fitting_the_asn_needs(client, w):
    # The ASN (perawat) is below the standard on T-KEP-1 (1 of 3) but meets M1 (1 of 1).
    fits = _approved(w, "Asuhan Keperawatan Lanjut", w.teknis, 3)
    other = _approved(w, "Integritas untuk Semua", w.competencies["M1"])
    client.force_login(w.asn_user)
    page = _text(client.get(reverse("trainings:catalogue")))
    assert "Draf Manajemen Data" not in page and "Draf Statistik Terapan" not in page
    assert "Pelayanan Prima Puskesmas" in page and "Sesuai kebutuhan Anda" in page
    assert page.index("Asuhan Keperawatan Lanjut") < page.index("Integritas untuk Semua")
    assert page.count("fits-badge") == 1
    assert f'data-program="{fits.pk}" data-fits="1"' in page
    assert f'data-program="{other.pk}" data-fits' not in page
    detail = _text(client.get(reverse("trainings:catalogue_detail", args=[fits.pk])))
    assert "Sesuai kebutuhan Anda" in detail and "Asuhan Keperawatan" in detail
    # Someone without an ASN record sees no mark.
    client.force_login(w.operator_a)
    assert "fits-badge" not in _text(client.get(reverse("trainings:catalogue")))


def test_catalogue_filters_and_shows_the_next_batch_with_seats_left(client, w, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 2, 1))
    _approved(w, "Integritas untuk Semua", w.competencies["M1"])
    client.force_login(w.operator_b)
    url = reverse("trainings:catalogue")
    page = _text(client.get(url))
    # w.batch: capacity 30, one enrolled (the ASN), the teacher only nominated.
    assert "Angkatan I 2026" in page and "tersisa 29 kursi" in page
    assert "16 JP" in page
    page = _text(client.get(url, {"competency": w.competencies["M1"].pk}))
    assert "Integritas untuk Semua" in page and "Pelayanan Prima Puskesmas" not in page
    page = _text(client.get(url, {"form": "KL03", "institution": w.bpsdm.pk}))
    assert "Pelayanan Prima Puskesmas" in page and "Integritas untuk Semua" not in page
    page = _text(client.get(url, {"form": "<script>", "competency": "x"}))
    assert "Pelayanan Prima Puskesmas" in page  # junk filters are ignored


def test_catalogue_query_count_does_not_grow_with_programs(client, w, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(w.asn_user)
    url = reverse("trainings:catalogue")
    client.get(url)  # warm the session and the reach
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(15):
        program = _approved(w, f"Program {n}", w.teknis if n % 2 else w.competencies["M2"])
        Batch.objects.create(program=program, name="Angkatan I", year=2026, capacity=20,
                             start="2026-09-01", end="2026-09-02")  # fmt: skip
        Enrolment.objects.create(batch=program.batches.get(), employee=w.asn_peer,
                                 status=Enrolment.Status.ENROLLED)  # fmt: skip
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.content.decode().count("catalogue-item") == 16
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


# --- home tasks ---------------------------------------------------------------------------------


def test_home_tasks_review_for_admins_and_revision_for_the_institution(w):
    draft = _ready_draft(w)
    design.program_submit(actor=w.penyelenggara, program=draft, edit_version=draft.edit_version)
    titles = [t.title for t in tasks_for(w.admin, reach_of(w.admin))]
    assert "Telaah 1 program pelatihan" in titles
    assert not any(
        "Perbaiki" in t.title for t in tasks_for(w.penyelenggara, reach_of(w.penyelenggara))
    )
    design.program_return(actor=w.admin, program=draft, edit_version=_fresh(draft).edit_version)
    titles = [t.title for t in tasks_for(w.penyelenggara, reach_of(w.penyelenggara))]
    assert "Perbaiki 1 program pelatihan yang dikembalikan BKPSDM" in titles
    assert not any("program pelatihan" in t.title
                   for t in tasks_for(w.ung_staff, reach_of(w.ung_staff)))  # fmt: skip
    assert not any("Telaah" in t.title for t in tasks_for(w.admin, reach_of(w.admin)))


def test_a_comment_needs_text_and_a_module_of_the_program(w):
    draft = _ready_draft(w)
    design.program_submit(actor=w.penyelenggara, program=draft, edit_version=draft.edit_version)
    with pytest.raises(ValidationError):
        design.program_comment(actor=w.admin, program=draft, text="  ")
    with pytest.raises(ValidationError):
        design.program_comment(actor=w.admin, program=draft, text="x", module=w.module_1)
    assert not ReviewComment.objects.exists()
    assert Decimal(draft.test_maximum) == 100


def test_a_malformed_nip_of_the_head_or_a_facilitator_is_refused(client, w):
    client.force_login(w.admin)
    response = client.post(
        reverse("trainings:institution_edit", args=[w.bpsdm.pk]),
        {"name": w.bpsdm.name, "kind": "bpsdm", "head_nip": "12345", "is_active": "on"},
    )
    assert response.status_code == 400
    w.bpsdm.refresh_from_db()
    assert w.bpsdm.head_nip == ""
    response = client.post(
        reverse("trainings:facilitator_add", args=[w.bpsdm.pk]),
        {"name": "Dra. Nurlela Usman", "nip": "1980 0101 2005012 001"},
    )
    assert response.status_code == 302
    assert w.bpsdm.facilitators.get(name="Dra. Nurlela Usman").nip == "198001012005012001"
