# SIM Atlas: `make run` serves the dashboard, `make test` runs every test (see README).
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= localhost
PORT ?= 8501

.PHONY: run test test-unit test-app test-browser lint validate bench load clean

$(VENV)/.runtime: requirements.txt
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.address $(HOST) --server.port $(PORT)

validate: $(VENV)/.runtime
	$(PY) -m simatlas validate

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

test: $(VENV)/.dev
	@command -v chromium >/dev/null || bash .ci/install-chromium || echo "Chromium could not be installed: browser tests will be skipped (CI=true makes that a failure)."
	$(VENV)/bin/ruff check .
	$(PY) -m simatlas validate
	$(PY) -m pytest -q

test-unit: $(VENV)/.dev
	$(PY) -m pytest -q tests/unit

test-app: $(VENV)/.dev
	$(PY) -m pytest -q tests/app

test-browser: $(VENV)/.dev
	$(PY) -m pytest -q tests/browser

bench: $(VENV)/.dev
	$(PY) -m bench

SESSIONS ?= 30
CHANGES ?= 5
load: $(VENV)/.dev
	$(PY) -m bench.load --sessions $(SESSIONS) --changes $(CHANGES)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache bench/results tests/browser/artifacts
