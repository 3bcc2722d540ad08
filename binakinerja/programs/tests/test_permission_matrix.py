"""The program's views × every persona, as in core's permission matrix. `w` is the program
world (binakinerja/programs/testing.py). POST rows send `payload(w)` (or {}).

Readers of a program: superadmin, the province's admin (its coordinator), the operators of
its OPDs and the province's pimpinan. Work in a unit (socialisation, support actions) is for
those who manage it; the readiness questionnaire is for the ASN of units in their phase."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

NOBODY_ELSE = {"anonymous": LOGIN}
READERS = {"superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200,
           "pimpinan": 200}  # fmt: skip
# Coordinator pages: readers who do not coordinate get 403, everyone else 404.
COORDINATE_GET = {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 403,
                  "operator_b": 403, "pimpinan": 403}  # fmt: skip
COORDINATE_POST = {**COORDINATE_GET, "superadmin": 302, "admin": 302}


def _day(days: int = 0) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _answers(w) -> dict:
    return {f"item_{item.pk}": "4" for item in w.program.items.all()}


MATRIX = [
    # --- programs, phases, planner, statuses, logframe (views/program.py) ---
    ("program list", lambda w: reverse("programs:program_list"), "get",
     {**NOBODY_ELSE, **READERS}, 403, None),
    ("program create", lambda w: reverse("programs:program_create"), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200}, 403, None),
    ("program create post", lambda w: reverse("programs:program_create"), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302}, 403,
     lambda w: {"instansi": w.prov.pk, "name": "Program Kedua", "start_year": 2027,
                "end_year": 2029}),
    ("program page", lambda w: reverse("programs:program_detail", args=[w.program.pk]), "get",
     {**NOBODY_ELSE, **READERS}, 404, None),
    ("program units export",
     lambda w: reverse("programs:program_detail", args=[w.program.pk]) + "?export=xlsx", "get",
     {**NOBODY_ELSE, **READERS}, 404, None),
    ("program status", lambda w: reverse("programs:program_status", args=[w.program.pk]),
     "post", COORDINATE_POST, 404,
     lambda w: {"status": "closed", "version": w.program.version}),
    ("facts refresh", lambda w: reverse("programs:facts_refresh", args=[w.program.pk]), "post",
     COORDINATE_POST, 404, None),
    ("phase create", lambda w: reverse("programs:phase_create", args=[w.program.pk]), "get",
     COORDINATE_GET, 404, None),
    ("phase create post", lambda w: reverse("programs:phase_create", args=[w.program.pk]),
     "post", COORDINATE_POST, 404,
     lambda w: {"number": 3, "start": _day(400), "end": _day(600), "units": [w.puskesmas.pk],
                "partners": "Universitas Negeri Gorontalo — pendampingan"}),
    ("phase edit", lambda w: reverse("programs:phase_edit", args=[w.phase2.pk]), "get",
     COORDINATE_GET, 404, None),
    ("phase edit post", lambda w: reverse("programs:phase_edit", args=[w.phase2.pk]), "post",
     COORDINATE_POST, 404,
     lambda w: {"number": 2, "start": _day(210), "end": _day(500), "units": [w.dikbud.pk],
                "version": w.phase2.version}),
    ("planner", lambda w: reverse("programs:plan", args=[w.program.pk]), "get",
     COORDINATE_GET, 404, None),
    ("planner propose", lambda w: reverse("programs:plan", args=[w.program.pk]), "post",
     COORDINATE_POST, 404, lambda w: {"method": "random", "seed": 7, "keep_first_phase": "on"}),
    ("planner approve", lambda w: reverse("programs:plan_approve", args=[w.program.pk]), "post",
     COORDINATE_POST, 404,
     lambda w: {f"unit_{w.dikbud.pk}": 1, "version": w.program.version}),
    ("unit status", lambda w: reverse("programs:unit_status", args=[w.dinkes_unit.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302, "pimpinan": 403}, 404,
     lambda w: {"status": "running", "on": _day(), "version": w.dinkes_unit.version}),
    ("logframe", lambda w: reverse("programs:logframe", args=[w.program.pk]), "get",
     {**NOBODY_ELSE, **READERS}, 404, None),
    ("indicator create", lambda w: reverse("programs:indicator_create", args=[w.program.pk]),
     "get", COORDINATE_GET, 404, None),
    ("indicator create post",
     lambda w: reverse("programs:indicator_create", args=[w.program.pk]), "post",
     COORDINATE_POST, 404,
     lambda w: {"level": "outcome", "name": "Waktu layanan puskesmas", "source": "entered",
                "unit_label": "menit", "baseline": "45"}),
    ("indicator edit",
     lambda w: reverse("programs:indicator_edit", args=[w.program.pk, w.entered.pk]), "get",
     COORDINATE_GET, 404, None),
    ("indicator value", lambda w: reverse("programs:indicator_value", args=[w.entered.pk]),
     "get", COORDINATE_GET, 404, None),
    ("indicator value post", lambda w: reverse("programs:indicator_value", args=[w.entered.pk]),
     "post", COORDINATE_POST, 404,
     lambda w: {"year": w.program.start_year, "value": "3", "note": "SK Kepala Dinas"}),
    # --- socialisation, readiness, support actions (views/units.py) ---
    ("events", lambda w: reverse("programs:event_list", args=[w.program.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200,
      "pimpinan": 403}, 404, None),
    ("event create", lambda w: reverse("programs:event_create", args=[w.program.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200,
      "pimpinan": 403}, 404, None),
    # Dinas Pendidikan's operator may not choose Dinas Kesehatan: the form says so (200).
    ("event create post", lambda w: reverse("programs:event_create", args=[w.program.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302,
              "operator_b": 200, "pimpinan": 403}, 404,
     lambda w: {"unit": w.dinkes.pk, "date": _day(), "title": "Sosialisasi kedua"}),
    ("event page", lambda w: reverse("programs:event_detail", args=[w.event.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200}, 404, None),
    ("event attendance", lambda w: reverse("programs:attendance_add", args=[w.event.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302}, 404,
     lambda w: {"nips": w.asn_peer.nip}),
    ("attendance upload", lambda w: reverse("programs:attendance_import", args=[w.event.pk]),
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200}, 404, None),
    ("attendance list to mark",
     lambda w: reverse("programs:attendance_import", args=[w.event.pk]) + "?template=1", "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200}, 404, None),
    # Without a file the page says what to choose (200); nothing is written.
    ("attendance upload post",
     lambda w: reverse("programs:attendance_import", args=[w.event.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200}, 404, None),
    ("attendance error report", lambda w: reverse("programs:attendance_import_errors"), "post",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200},
     403, lambda w: {"errors": '[[2, "NIP", "123", "NIP salah"]]'}),
    ("event question", lambda w: reverse("programs:question_add", args=[w.event.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302}, 404,
     lambda w: {"question": "Kapan pelatihan dimulai?"}),
    ("event answer", lambda w: reverse("programs:question_answer", args=[w.question.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302}, 404,
     lambda w: {"answer": "Ya, sebagai JP mentoring (NKL02)."}),
    ("readiness", lambda w: reverse("programs:readiness", args=[w.program.pk]), "get",
     {**NOBODY_ELSE, "atasan_user": 200, "asn_user": 200}, 403, None),
    ("readiness post", lambda w: reverse("programs:readiness", args=[w.program.pk]), "post",
     {**NOBODY_ELSE, "atasan_user": 302, "asn_user": 302}, 403, _answers),
    ("questionnaire items", lambda w: reverse("programs:items", args=[w.program.pk]), "get",
     COORDINATE_GET, 404, None),
    ("questionnaire items post", lambda w: reverse("programs:items", args=[w.program.pk]),
     "post", COORDINATE_POST, 404,
     lambda w: {"dimension": "ability", "text": "Saya punya waktu untuk berlatih."}),
    ("support actions", lambda w: reverse("programs:action_list"), "get", NOBODY_ELSE, 200,
     None),
    ("support action create", lambda w: reverse("programs:action_create", args=[w.program.pk]),
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200,
             "operator_b": 200, "pimpinan": 403}, 404, None),
    ("support action create post",
     lambda w: reverse("programs:action_create", args=[w.program.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302, "operator_b": 200,
      "pimpinan": 403}, 404,
     lambda w: {"unit": w.dinkes.pk, "kind": "coaching", "description": "Coaching kepala.",
                "owner": w.operator_a.pk, "due": _day(10)}),
    ("support action", lambda w: reverse("programs:action_detail", args=[w.action.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200}, 404, None),
    ("support action close", lambda w: reverse("programs:action_close", args=[w.action.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302}, 404,
     lambda w: {"status": "done", "outcome": "Selesai.", "version": w.action.version}),
    # --- coordination across agencies (views/coordination.py) ---
    ("coordination log", lambda w: reverse("programs:case_list", args=[w.program.pk]), "get",
     {**NOBODY_ELSE, **READERS, "pimpinan": 403}, 404, None),
    ("coordination log export",
     lambda w: reverse("programs:case_list", args=[w.program.pk]) + "?export=csv", "get",
     {**NOBODY_ELSE, **READERS, "pimpinan": 403}, 404, None),
    ("coordination create", lambda w: reverse("programs:case_create", args=[w.program.pk]),
     "get", {**NOBODY_ELSE, **READERS, "pimpinan": 403}, 404, None),
    ("coordination create post",
     lambda w: reverse("programs:case_create", args=[w.program.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302, "operator_b": 302,
      "pimpinan": 403}, 404,
     lambda w: {"title": "Data gizi siswa", "agencies": [w.dinkes.pk, w.dikbud.pk],
                "raised_on": _day()}),
    ("coordination case", lambda w: reverse("programs:case_detail", args=[w.case.pk]), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200},
     404, None),
    ("coordination step", lambda w: reverse("programs:case_step", args=[w.case.pk]), "post",
     {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302, "operator_b": 302},
     404, lambda w: {"date": _day(), "text": "Rapat bersama."}),
    ("coordination resolve", lambda w: reverse("programs:case_resolve", args=[w.case.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302,
              "operator_b": 302}, 404,
     lambda w: {"resolved_on": _day(), "resolution": "Data dibagi mingguan.",
                "version": w.case.version}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    from binakinerja.programs.testing import build_program_world

    return build_program_world(world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
