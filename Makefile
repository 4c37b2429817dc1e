# The two commands a newcomer needs: `make run` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Where programs, snippets and the explorer itself reach the sandbox: follows HOST and PORT unless set.
EXPLORER_BASE_URL ?= http://$(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST)):$(PORT)

# The first Python >= 3.12 found: python3.13, python3.12 (pyenv shims that fail are skipped), then pyenv's own.
FIND_PYTHON = for c in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	  if $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$c || echo $$c; exit 0; fi; \
	done; echo "No Python >= 3.12 found: install python3.13 (or 3.12)" >&2; exit 1

.PHONY: help
help:
	@echo "make run    - set up and serve the explorer on http://$(HOST):$(PORT) (built-in sandbox)"
	@echo "make test   - lint and run every test, browser tests included"
	@echo "make test-postgres DATABASE_URL=postgres://... - the run, history and batch tests on PostgreSQL"
	@echo "make serve  - the production configuration under gunicorn (needs SECRET_KEY)"
	@echo "make bench  - rerun the benchmarks under bench/"
	@echo "make vendor - rebuild static/vendor/json-editor.js from frontend/ (needs Node 20 and npm; the result is committed)"

$(PY):
	@python=$$($(FIND_PYTHON)) && echo "Using $$python" && $$python -m venv $(VENV)

# Reinstall only when a requirements file changed.
$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

.PHONY: install
install: $(STAMP)

.PHONY: setup
setup: install
	DEBUG=1 $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 $(PY) manage.py import_catalog

.PHONY: run
run: setup
	DEBUG=1 EXPLORER_BASE_URL=$(EXPLORER_BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

.PHONY: serve
serve: install
	DEBUG=0 $(PY) manage.py migrate --no-input -v 0
	DEBUG=0 $(PY) manage.py import_catalog
	DEBUG=0 $(PY) manage.py collectstatic --no-input -v 0
	DEBUG=0 HOST=$(HOST) PORT=$(PORT) EXPLORER_BASE_URL=$(EXPLORER_BASE_URL) $(VENV)/bin/gunicorn explorer.wsgi -c gunicorn.conf.py

.PHONY: lint
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: test
test: lint
	$(VENV)/bin/pytest

# The run, history and batch tests (and every test that records runs) again on PostgreSQL, the deployment for a
# team: DATABASE_URL names a database whose role may create the test database (.ci/run sets one up).
POSTGRES_TESTS := tests/runs tests/workspace tests/robustness/test_run_faults.py
.PHONY: test-postgres
test-postgres: install
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "make test-postgres needs DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/NAME" >&2; exit 1;; esac
	$(VENV)/bin/pytest $(POSTGRES_TESTS)

.PHONY: bench
bench: install
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# The JSON editor's bundle, from frontend/package-lock.json. Only for changing it: the bundle is committed, so
# run, test and CI need no Node.
.PHONY: vendor
vendor:
	cd frontend && npm ci --no-audit --no-fund && node build.mjs
	@echo "static/vendor/json-editor.js: $$(wc -c < static/vendor/json-editor.js) bytes, $$(gzip -9c static/vendor/json-editor.js | wc -c) gzipped"
