"""The budget's views × every persona, as in core's permission matrix. `w` is the budget world
(binakinerja/budgets/testing.py). POST rows send `payload(w)` (or {}).

Readers of the province's budget: superadmin, its admin (who keeps it), its pimpinan, and the
operators of its OPDs for their OPD's lines (they post realisasi to them). The public pages
need no login."""

import pytest
from django.urls import reverse

from binakinerja.budgets.testing import pdf
from binakinerja.core.testing import LOGIN, PERSONAS, assert_permission

NOBODY_ELSE = {"anonymous": LOGIN}
READERS = {"superadmin": 200, "admin": 200, "operator_a": 200, "operator_b": 200,
           "pimpinan": 200}  # fmt: skip
KEEP_GET = {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 403,
            "operator_b": 403, "pimpinan": 403}  # fmt: skip
KEEP_POST = {**KEEP_GET, "superadmin": 302, "admin": 302}
# The Dinas Kesehatan line: Dinas Pendidikan's operator does not see it.
LINE_GET = {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200, "pimpinan": 200}
LINE_KEEP_GET = {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 403,
                 "pimpinan": 403}  # fmt: skip
LINE_KEEP_POST = {**LINE_KEEP_GET, "superadmin": 302, "admin": 302}
LINE_POST = {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 302, "pimpinan": 403}
EVERYONE = dict.fromkeys(PERSONAS, 200)


def _year(w, name):
    return reverse(name, args=[w.prov.pk, w.year])


def _line_payload(w):
    return {"opd": w.dinkes.pk, "kegiatan_code": "5.04.02.1.01", "rekening_code": "5.1.02.02.12",
            "name": "Pelatihan kader", "pagu": "2.000.000", "source_document": "DPA"}  # fmt: skip


MATRIX = [
    # --- the year, its settings and costs, lists (views/budget.py) ---
    ("budget index", lambda w: reverse("budgets:index"), "get",
     {**NOBODY_ELSE, "superadmin": 200, "admin": 302, "operator_a": 302, "operator_b": 302,
      "pimpinan": 302}, 403, None),
    ("budget year", lambda w: _year(w, "budgets:year"), "get", {**NOBODY_ELSE, **READERS}, 404,
     None),
    ("budget year export", lambda w: _year(w, "budgets:year") + "?export=xlsx", "get",
     {**NOBODY_ELSE, **READERS}, 404, None),
    ("budget year rekening export", lambda w: _year(w, "budgets:year") + "?export=rekening",
     "get", {**NOBODY_ELSE, **READERS}, 404, None),
    ("budget settings", lambda w: _year(w, "budgets:year_settings"), "get", KEEP_GET, 404, None),
    ("budget settings post", lambda w: _year(w, "budgets:year_settings"), "post", KEEP_POST, 404,
     lambda w: {"total_spending": "3.000.000.000", "spending_source": "APBD",
                "floor_percent": "0,34", "publish": "on"}),
    ("budget costs", lambda w: _year(w, "budgets:costs"), "get", {**NOBODY_ELSE, **READERS}, 404,
     None),
    ("budget costs export", lambda w: _year(w, "budgets:costs") + "?export=csv", "get",
     {**NOBODY_ELSE, **READERS}, 404, None),
    ("overrides", lambda w: reverse("budgets:overrides"), "get", {**NOBODY_ELSE, **READERS}, 403,
     None),
    ("missing documents", lambda w: reverse("budgets:missing_documents"), "get",
     {**NOBODY_ELSE, **READERS}, 403, None),
    # --- lines and entries (views/lines.py) ---
    ("line create", lambda w: _year(w, "budgets:line_create"), "get", KEEP_GET, 404, None),
    ("line create post", lambda w: _year(w, "budgets:line_create"), "post", KEEP_POST, 404,
     _line_payload),
    ("line", lambda w: reverse("budgets:line_detail", args=[w.line.pk]), "get", LINE_GET, 404,
     None),
    ("line edit", lambda w: reverse("budgets:line_edit", args=[w.line.pk]), "get",
     LINE_KEEP_GET, 404, None),
    ("line edit post", lambda w: reverse("budgets:line_edit", args=[w.line.pk]), "post",
     LINE_KEEP_POST, 404,
     lambda w: {**_line_payload(w), "version": w.line.version}),
    ("pagu revise", lambda w: reverse("budgets:pagu_revise", args=[w.line.pk]), "get",
     LINE_KEEP_GET, 404, None),
    ("pagu revise post", lambda w: reverse("budgets:pagu_revise", args=[w.line.pk]), "post",
     LINE_KEEP_POST, 404,
     lambda w: {"pagu": "12.000.000", "on": w.spent_on.isoformat(), "reason": "APBD-P",
                "document": "Perda APBD-P", "version": w.line.version}),
    ("realisation post", lambda w: reverse("budgets:realisation_post", args=[w.line.pk]), "post",
     LINE_POST, 404,
     lambda w: {"date": w.spent_on.isoformat(), "amount": "100.000", "description": "ATK",
                "document": pdf()}),
    ("realisation reverse", lambda w: reverse("budgets:realisation_reverse", args=[w.entry.pk]),
     "post", LINE_POST, 404, lambda w: {"reason": "Salah input"}),
    ("document attach", lambda w: reverse("budgets:document_attach", args=[w.undocumented.pk]),
     "post", LINE_POST, 404, lambda w: {"document": pdf()}),
    ("document download", lambda w: reverse("budgets:document_download", args=[w.entry.pk]),
     "get", {**NOBODY_ELSE, "superadmin": 200, "admin": 200, "operator_a": 200,
             "pimpinan": 403}, 404, None),
    ("override review", lambda w: reverse("budgets:override_review", args=[w.override.pk]),
     "post", {**NOBODY_ELSE, "superadmin": 302, "admin": 302, "operator_a": 403,
              "pimpinan": 403}, 404, None),
    # --- imports (views/exchange.py) ---
    ("lines import", lambda w: _year(w, "budgets:lines_import"), "get", KEEP_GET, 404, None),
    ("lines import template", lambda w: _year(w, "budgets:lines_import") + "?template=1", "get",
     KEEP_GET, 404, None),
    ("lines import post", lambda w: _year(w, "budgets:lines_import"), "post",
     {**KEEP_GET}, 404, None),
    ("realisations import", lambda w: _year(w, "budgets:realisations_import"), "get",
     {**NOBODY_ELSE, **READERS, "pimpinan": 403}, 404, None),
    ("realisations import template",
     lambda w: _year(w, "budgets:realisations_import") + "?template=1", "get",
     {**NOBODY_ELSE, **READERS, "pimpinan": 403}, 404, None),
    ("import error report", lambda w: reverse("budgets:import_errors"), "post",
     {**NOBODY_ELSE, **READERS}, 403, lambda w: {"errors": '[[2, "PAGU", "x", "salah"]]'}),
    # --- the public pages (views/public.py) ---
    ("public budget index", lambda w: reverse("budgets_public:index"), "get", EVERYONE, 200,
     None),
    ("public budget page", lambda w: reverse("budgets_public:government", args=[w.prov.pk]),
     "get", EVERYONE, 200, None),
    ("public budget csv",
     lambda w: reverse("budgets_public:government", args=[w.prov.pk]) + "?format=csv", "get",
     EVERYONE, 200, None),
    ("public budget unpublished",
     lambda w: reverse("budgets_public:government", args=[w.kota.pk]), "get",
     dict.fromkeys(PERSONAS, 404), 404, None),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def w(world):
    from binakinerja.budgets.testing import build_budget_world

    return build_budget_world(world)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission(client, w, persona, row):
    label, url, method, expected, default, payload = row
    assert_permission(client, w, persona=persona, label=label, url=url, method=method,
                      want=expected.get(persona, default), payload=payload)  # fmt: skip
