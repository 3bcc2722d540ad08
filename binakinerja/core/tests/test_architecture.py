"""ARCHITECTURE.md's "What may import what", checked on the code: every import of one app by
another (at module level or inside a function) must be allowed here, so the document and the
code cannot drift apart. Tests, migrations and the demo seeder (a consumer of every app) are
left out."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

# app → the apps (or "app.module" for one module only) it may import.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "organizations": {"core"},
    "accounts": {"core"},
    "people": {"core", "organizations"},
    "performance": {"core", "organizations", "people"},
    "satisfaction": {"core", "organizations"},
    "competencies": {
        "core", "organizations", "people", "performance.selectors", "performance.rules",
    },
    # Training reads the plan's demand, the IDPs, the dictionary and the needs of competencies,
    # checks evidence files with the SKP's rule, and names a penyelenggara's institution from
    # their role assignment; competencies reads JP back through a registered hook.
    "trainings": {
        "core", "organizations", "people", "accounts.models", "performance.rules",
        "performance.selectors", "competencies.models", "competencies.selectors",
        "competencies.plan", "competencies.idp", "competencies.needs", "competencies.rules",
        "competencies.jp",
    },
    # Mentoring reads gaps, needs and follow-ups through their selectors and credits JP through
    # the trainings ledger (NKL02 from the trainings rules).
    "mentoring": {
        "core", "organizations", "people", "accounts.models", "competencies.selectors",
        "competencies.needs", "competencies.rules", "performance.selectors", "trainings.ledger",
        "trainings.rules",
        # The matching reads the approved IDP activities of form mentoring (idp_activities).
        "competencies.idp",
        # Eligibility ranks last year's predikat (the Predikat choices of PermenPANRB 6/2022).
        "performance.rules",
        # The competency dictionary and assessment history (goals, main competency, gap closure
        # for the effectiveness), read as trainings reads them; the JP ledger's records and the
        # institutions' facilitators (a widyaiswara may mentor) from the trainings models.
        "competencies.models", "trainings.models",
    },
    # The program reads the facts of its units through the other apps' selectors and ledgers:
    # SKP counts and predikat (performance), JP (the trainings ledger), inactive pairs
    # (mentoring), IKM and service times (satisfaction); the batches and pairs it counts as
    # collaboration from their models; role holders as owners of support actions.
    "programs": {
        "core", "organizations", "people", "accounts.models", "performance.selectors",
        "performance.rules", "trainings.ledger", "trainings.models", "mentoring.selectors",
        "mentoring.models", "satisfaction.selectors", "satisfaction.models",
    },
    "budgets": {
        "core", "organizations", "accounts.models", "performance.rules", "trainings.ledger",
        "trainings.models", "trainings.rules", "programs.models", "mentoring.models",
    },
    # Monitoring reads the other apps only through their selectors (issue 17).
    "monitoring": {
        "core", "organizations", "accounts.models", "people.selectors", "performance.selectors",
        "performance.rules",
        "trainings.ledger", "satisfaction.selectors", "mentoring.selectors", "programs.selectors",
        "budgets.figures",
    },
    # Issue 18. The API reads through the other apps' selectors and writes through their
    # services and all-or-nothing importers (the same doors as the pages); it holds no rules.
    "api": {
        "core", "organizations", "people.models", "people.rules", "people.selectors",
        "performance.models", "performance.selectors", "competencies.importing",
        "trainings.selectors", "trainings.ledger", "trainings.siasn", "trainings.models",
        "trainings.rules", "mentoring.selectors", "satisfaction.models", "satisfaction.selectors",
    },
    # UU PDP duties: a person's data is gathered from every app's selectors and models
    # (pdp/export.py), including what was sent about them to SIASN; the retention rules clear
    # the survey's rate-limit hashes (satisfaction.models).
    "pdp": {
        "core", "organizations", "accounts", "people", "performance", "competencies",
        "trainings", "mentoring", "programs", "satisfaction", "siasn.models",
    },
    # Electronic signatures over the documents other apps produce.
    "signatures": {
        "core", "organizations", "accounts", "people", "performance", "trainings", "monitoring",
    },
    # SIASN interchange: finished SKP results and JP records in BKN's payloads.
    "siasn": {
        "core", "organizations", "accounts", "people", "performance", "trainings",
    },
}  # fmt: skip

# Named exceptions, each with its reason (ARCHITECTURE.md lists them too).
EXCEPTIONS: dict[str, set[str]] = {
    # The scope of a user is defined by their role assignments and their ASN record.
    "core/scoping.py": {"accounts", "people"},
    # Test personas are built from the registry.
    "core/testing.py": {"accounts", "organizations", "people"},
    # The monitoring fixtures are the worlds of the apps it reads.
    "monitoring/testing.py": {"budgets", "programs"},
    # The home page shows the registry's counts and the reader's own record.
    "core/views.py": {"organizations", "people"},
    # Views and forms offer scopes and find an employee's login by NIP.
    "accounts/views.py": {"organizations", "people"},
    "accounts/forms.py": {"organizations", "people"},
    # Creating an employee's login sends the password set-up e-mail through accounts.
    "people/services.py": {"accounts"},
    # A unit's children are listed with their number of active employees.
    "organizations/selectors.py": {"people"},
}


def imports_of(path: Path) -> set[str]:
    """Every `binakinerja.<app>.<module>` imported anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(name for name in names if name.startswith("binakinerja."))
    return found


def allowed(app: str, relative: str, module: str) -> bool:
    parts = module.split(".")
    other = parts[1]
    if other == app or len(parts) < 2:
        return True
    rules = ALLOWED[app] | EXCEPTIONS.get(relative, set())
    return other in rules or ".".join(parts[1:3]) in rules


def test_apps_import_only_what_architecture_allows():
    violations = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        app = relative.split("/")[0]
        if app not in ALLOWED or "/tests/" in relative or "/migrations/" in relative:
            continue
        for module in sorted(imports_of(path)):
            if not allowed(app, relative, module):
                violations.append(f"{relative} imports {module}")
    assert not violations, "\n".join(violations)


def test_every_app_has_a_rule():
    """A new app must say what it may import before its code lands."""
    apps = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "apps.py").exists()} - {"demo"}
    assert apps <= set(ALLOWED), sorted(apps - set(ALLOWED))
