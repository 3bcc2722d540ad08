# Bina Kinerja — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PY ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
RUN := $(VENV)/bin/python
MANAGE := $(RUN) manage.py
DEMO_ASN ?= 2000
# Two-factor login off in the demo unless set (TWO_FACTOR_REQUIRED_ROLES=… make demo): its
# admins and operators log in with the published demo password and no authenticator app.
TWO_FACTOR_REQUIRED_ROLES ?=
DEMO_ENV := DEBUG=true TWO_FACTOR_REQUIRED_ROLES="$(TWO_FACTOR_REQUIRED_ROLES)"
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test test-fast lint check migrations-check translations messages pytest pytest-fast browsers axe bench clean

$(UV):
	$(PY) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

venv: $(VENV)/.synced

demo: venv
	$(DEMO_ENV) $(MANAGE) migrate --noinput
	$(DEMO_ENV) $(MANAGE) seed_demo --asn $(DEMO_ASN) --seed 2026 --if-empty
	@echo "Bina Kinerja berjalan di http://127.0.0.1:8000  (Ctrl+C untuk berhenti)"
	$(DEMO_ENV) $(MANAGE) db_worker >var/worker.log 2>&1 & echo $$! > var/worker.pid; \
	trap 'kill $$(cat var/worker.pid) 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: venv
	SECRET_KEY=check-only-key-0123456789-abcdefghijklmnopqrstuvwxyz $(MANAGE) check --fail-level WARNING
	SECRET_KEY=check-only-key-0123456789-abcdefghijklmnopqrstuvwxyz $(MANAGE) makemigrations --check --dry-run

translations: venv
	$(RUN) -m binakinerja.core.i18n_check

messages: venv
	DEBUG=true $(MANAGE) makemessages --locale id --locale en --no-location --ignore '.venv/*' --ignore '.tools/*'
	DEBUG=true $(RUN) -m binakinerja.core.i18n_check --compile

browsers:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# axe-core (npm registry, pinned in package.json + package-lock.json) for the accessibility
# check of the browser tests; test-only, never served.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq npm)
	npm ci --no-audit --no-fund
	@touch $@

axe: $(AXE)

pytest: venv browsers axe
	$(VENV)/bin/pytest -n 2 -q

test: lint check translations pytest

# Quick loop while coding: everything but the real-browser tests (make test still runs them).
pytest-fast: venv
	$(VENV)/bin/pytest -n 2 -q -m "not browser"

test-fast: lint check translations pytest-fast

bench: venv
	$(RUN) bench/import_asn.py

clean:
	rm -rf $(VENV) .tools var staticfiles db.sqlite3* node_modules
