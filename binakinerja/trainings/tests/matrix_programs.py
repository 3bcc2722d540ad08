"""Permission-matrix rows of institutions, programs and the catalogue (views/programs.py); the
app's one matrix (test_permission_matrix.py) lists them under its heading. `w` is the training
world: the persona `penyelenggara` works for BPSDM (`w.bpsdm`: the approved `w.program`, the
draft `w.draft`); `w.ung` and its draft `w.other_draft` are another institution's."""

from django.urls import reverse

from binakinerja.core.testing import LOGIN

MANAGERS = {"superadmin": 200, "admin": 200}
EVERYONE = {"anonymous": LOGIN}  # and every persona gets the default


def _submitted(w):
    """The BPSDM draft submitted for review (a module and a target competency first)."""
    from binakinerja.trainings import design
    from binakinerja.trainings.models import Module, ProgramCompetency

    if getattr(w, "_submitted", None) is None:
        Module.objects.create(program=w.draft, order=1, name="Tata Kelola Data", jp=6)
        ProgramCompetency.objects.create(program=w.draft, competency=w.teknis, level=2)
        w.draft.refresh_from_db()
        design.program_submit(actor=w.penyelenggara, program=w.draft,
                              edit_version=w.draft.edit_version)  # fmt: skip
        w._submitted = w.draft
    return w._submitted


def _target(w):
    from binakinerja.trainings.models import ProgramCompetency

    target, _created = ProgramCompetency.objects.get_or_create(
        program=w.draft, competency=w.competencies["M2"], defaults={"level": 2}
    )  # made once per world: the leak test builds the URL once per persona
    return target


def _other_target(w):
    from binakinerja.trainings.models import ProgramCompetency

    target, _created = ProgramCompetency.objects.get_or_create(
        program=w.other_draft, competency=w.teknis, defaults={"level": 2}
    )
    return target


def _program_payload(w):
    return {"institution": w.bpsdm.pk, "title": "Analisis Data Kesehatan", "form_code": "KL03",
            "min_attendance_pct": 80, "test_maximum": 100, "pass_mark": 70,
            "edit_version": 1}  # fmt: skip


def _module_payload(w):
    return {"name": "Statistik Dasar", "jp": 4, "edit_version": 1}


def _target_payload(w):
    return {"competency": w.teknis.pk, "level": 3, "edit_version": 1}


WRITERS_DRAFT = {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 302}

# (label, url builder, method, {persona: expected status}, default, payload builder or None)
PROGRAM_ROWS = [
    # The catalogue: every logged-in user; approved programs only.
    ("catalogue", lambda w: reverse("trainings:catalogue"), "get", EVERYONE, 200, None),
    ("catalogue filtered", lambda w: reverse("trainings:catalogue")
     + f"?competency={w.teknis.pk}&form=KL03&institution={w.bpsdm.pk}", "get",
     EVERYONE, 200, None),
    ("catalogue post", lambda w: reverse("trainings:catalogue"), "post", EVERYONE, 405, None),
    ("catalogue detail approved", lambda w: reverse("trainings:catalogue_detail",
                                                    args=[w.program.pk]), "get",
     EVERYONE, 200, None),
    ("catalogue detail of a draft", lambda w: reverse("trainings:catalogue_detail",
                                                      args=[w.draft.pk]), "get",
     EVERYONE, 404, None),
    # The workbench: managers and penyelenggara (their institution's programs); others 403.
    ("program list", lambda w: reverse("trainings:program_list"), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 403, None),
    ("program create form", lambda w: reverse("trainings:program_create"), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 403, None),
    ("program create post", lambda w: reverse("trainings:program_create"), "post",
     WRITERS_DRAFT, 403, _program_payload),
    ("program create for another institution",
     lambda w: reverse("trainings:program_create"), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 400}, 403,
     lambda w: {**_program_payload(w), "institution": w.ung.pk}),
    ("program page of own draft", lambda w: reverse("trainings:program_detail",
                                                    args=[w.draft.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 404, None),
    ("program page of another institution's draft",
     lambda w: reverse("trainings:program_detail", args=[w.other_draft.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS}, 404, None),
    ("program page of an approved program",
     lambda w: reverse("trainings:program_detail", args=[w.program.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 404, None),
    ("program edit form", lambda w: reverse("trainings:program_edit", args=[w.draft.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 404, None),
    ("program edit post", lambda w: reverse("trainings:program_edit", args=[w.draft.pk]),
     "post", WRITERS_DRAFT, 404, _program_payload),
    ("program edit of another institution's draft",
     lambda w: reverse("trainings:program_edit", args=[w.other_draft.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 404, _program_payload),
    # An approved program: its readers (everyone) get 403 on writes; writers are refused
    # with a message (not editable).
    ("program edit of an approved program",
     lambda w: reverse("trainings:program_edit", args=[w.program.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 302}, 403, None),
    ("module add", lambda w: reverse("trainings:module_add", args=[w.draft.pk]), "post",
     WRITERS_DRAFT, 404, _module_payload),
    ("module add to another institution's draft",
     lambda w: reverse("trainings:module_add", args=[w.other_draft.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 404, _module_payload),
    ("module add to an approved program",
     lambda w: reverse("trainings:module_add", args=[w.program.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 400, "admin": 400, "penyelenggara": 400}, 403,
     _module_payload),
    ("module add get", lambda w: reverse("trainings:module_add", args=[w.draft.pk]), "get",
     {"anonymous": LOGIN}, 405, None),
    ("module edit form of an approved program",
     lambda w: reverse("trainings:module_edit", args=[w.module_1.pk]), "get",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 302}, 403, None),
    ("module edit of a draft", lambda w: reverse("trainings:module_edit", args=[
        w.draft.modules.create(order=1, name="Pengantar", jp=2).pk]), "post",
     WRITERS_DRAFT, 404, _module_payload),
    ("module remove of an approved program",
     lambda w: reverse("trainings:module_remove", args=[w.module_1.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 302}, 403,
     lambda w: {"edit_version": 1}),
    ("module remove of another institution's draft", lambda w: reverse(
        "trainings:module_remove", args=[w.other_draft.modules.create(name="X", jp=2).pk]),
     "post", {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 404,
     lambda w: {"edit_version": 1}),
    ("target add", lambda w: reverse("trainings:target_add", args=[w.draft.pk]), "post",
     WRITERS_DRAFT, 404, _target_payload),
    ("target add to an approved program",
     lambda w: reverse("trainings:target_add", args=[w.program.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 400, "admin": 400, "penyelenggara": 400}, 403,
     _target_payload),
    ("target remove", lambda w: reverse("trainings:target_remove", args=[_target(w).pk]),
     "post", WRITERS_DRAFT, 404, lambda w: {"edit_version": 1}),
    ("target remove of another institution's draft",
     lambda w: reverse("trainings:target_remove", args=[_other_target(w).pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 404, lambda w: {"edit_version": 1}),
    ("program submit", lambda w: reverse("trainings:program_submit", args=[w.draft.pk]),
     "post", WRITERS_DRAFT, 404, lambda w: {"edit_version": 1}),
    ("program submit of an approved program",
     lambda w: reverse("trainings:program_submit", args=[w.program.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 302}, 403,
     lambda w: {"edit_version": 1}),
    # Review: managers only; the institution's staff 403; others do not see the program.
    ("program comment", lambda w: reverse("trainings:program_comment",
                                          args=[_submitted(w).pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 403}, 404,
     lambda w: {"text": "Perjelas tujuan modul.", "module": ""}),
    ("program decide", lambda w: reverse("trainings:program_decide",
                                         args=[_submitted(w).pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 403}, 404,
     lambda w: {"action": "return", "edit_version": _submitted(w).edit_version}),
    ("program decide on an approved program",
     lambda w: reverse("trainings:program_decide", args=[w.program.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"action": "approve", "edit_version": 1}),
    # Institutions: managed by admins BKPSDM; an institution's page for its staff too.
    ("institution list", lambda w: reverse("trainings:institution_list"), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 403, None),
    ("institution create form", lambda w: reverse("trainings:institution_create"), "get",
     {"anonymous": LOGIN, **MANAGERS}, 403, None),
    ("institution create post", lambda w: reverse("trainings:institution_create"), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"name": "LAN RI", "kind": "lan", "is_active": "on"}),
    ("institution page own", lambda w: reverse("trainings:institution_detail",
                                               args=[w.bpsdm.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 404, None),
    ("institution page other", lambda w: reverse("trainings:institution_detail",
                                                 args=[w.ung.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS}, 404, None),
    ("institution edit form", lambda w: reverse("trainings:institution_edit",
                                                args=[w.bpsdm.pk]), "get",
     {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 403}, 404, None),
    ("institution edit post", lambda w: reverse("trainings:institution_edit",
                                                args=[w.bpsdm.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302, "penyelenggara": 403}, 404,
     lambda w: {"name": w.bpsdm.name, "kind": "bpsdm", "accreditation": "A",
                "is_active": "on"}),
    ("facilitator add form", lambda w: reverse("trainings:facilitator_add", args=[w.bpsdm.pk]),
     "get", {"anonymous": LOGIN, **MANAGERS, "penyelenggara": 200}, 404, None),
    ("facilitator add post", lambda w: reverse("trainings:facilitator_add", args=[w.bpsdm.pk]),
     "post", WRITERS_DRAFT, 404, lambda w: {"name": "Dra. Nurlela Usman"}),
    ("facilitator add to another institution",
     lambda w: reverse("trainings:facilitator_add", args=[w.ung.pk]), "post",
     {"anonymous": LOGIN, "superadmin": 302, "admin": 302}, 404,
     lambda w: {"name": "Dra. Nurlela Usman"}),
    ("facilitator edit", lambda w: reverse("trainings:facilitator_edit",
                                           args=[w.facilitator.pk]), "post",
     WRITERS_DRAFT, 404, lambda w: {"name": "Dr. Hamzah Ali, M.Pd.", "nip": ""}),
]  # fmt: skip
