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

# --- Several processes behind one address (deploy/cluster.py: HAProxy, cookie affinity) ---------
# make cluster [REPLICAS=2] [PORT=8500] [CHECK_PATH=/_stcore/health]; Ctrl-C drains, then stops.
REPLICAS ?= 2
CHECK_PATH ?= /_stcore/health
# PORT above defaults to 8501 for `make run`; this target defaults to 8500 unless PORT is given.
CLUSTER_PORT = $(if $(filter file,$(origin PORT)),8500,$(PORT))

.PHONY: cluster capacity test-deploy
cluster: $(VENV)/.runtime
	@command -v haproxy >/dev/null || bash deploy/install-haproxy.sh
	$(PY) -m deploy.cluster --replicas $(REPLICAS) --port $(CLUSTER_PORT) --check-path $(CHECK_PATH)

# Websocket crowd: floor, 1 process, REPLICAS behind HAProxy, and one replica killed (bench/README.md).
USERS ?= 8
SECONDS_EACH ?= 20
capacity: $(VENV)/.runtime
	@command -v haproxy >/dev/null || bash deploy/install-haproxy.sh
	$(PY) -m bench.capacity --users $(USERS) --seconds $(SECONDS_EACH) --replicas $(REPLICAS)

test-deploy: $(VENV)/.dev
	@command -v haproxy >/dev/null || bash deploy/install-haproxy.sh || echo "HAProxy could not be installed: its tests will be skipped."
	$(PY) -m pytest -q tests/deploy
