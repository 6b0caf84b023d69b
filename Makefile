# SIM Atlas: `make run` serves the dashboard, `make test` runs every test (see README).
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= localhost
PORT ?= 8501

.PHONY: run dev test test-full test-unit test-app test-browser lint typecheck validate lock bench load clean

# The whole environment, transitive packages included, is pinned with hashes in requirements*.lock
# (made from requirements*.txt by `make lock`); an install that does not match them fails.
$(VENV)/.runtime: requirements.lock
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $@

lock:
	python3 -m venv /tmp/simatlas-lock && /tmp/simatlas-lock/bin/pip install --quiet uv==0.13.9
	for file in requirements requirements-dev; do \
	  /tmp/simatlas-lock/bin/uv pip compile $$file.txt --generate-hashes --python-version 3.11 \
	    --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" -q -o $$file.lock; done

run: $(VENV)/.runtime
	$(PY) -m streamlit run serve/streamlit_app.py --server.address $(HOST) --server.port $(PORT)

# While editing: reload on save (the project's config serves without a file watcher: see it).
dev: $(VENV)/.runtime
	$(PY) -m streamlit run serve/streamlit_app.py --server.address $(HOST) --server.port $(PORT) \
		--server.fileWatcherType auto --server.runOnSave true

validate: $(VENV)/.runtime
	$(PY) -m simatlas validate

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

# Every class of check, fast enough to run before each commit (hostile links: 30 per page; the
# parser itself is fuzzed with 400 links per page; 5 concurrent browser sessions).
test: $(VENV)/.dev
	@command -v chromium >/dev/null || bash .ci/install-chromium || echo "Chromium could not be installed: browser tests will be skipped (CI=true makes that a failure)."
	@command -v haproxy >/dev/null || bash deploy/install-haproxy.sh || echo "HAProxy could not be installed: its tests will be skipped."
	@bash .ci/install-axe || echo "axe-core could not be installed: the accessibility test will be skipped (CI=true makes that a failure)."
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m simatlas validate
	$(VENV)/bin/frictionless validate --trusted data/datapackage.json
	$(PY) -m pytest -q -n 2  # both cores: the app and browser tests are CPU-bound, each in its own worker

# The long form: 1,000 hostile links per page (7,000), 5,000 parser links and 300 API links per page,
# 30 browser sessions, every place swept through every page.
test-full: $(VENV)/.dev
	SIMATLAS_HOSTILE_EXAMPLES=1000 SIMATLAS_PARSER_EXAMPLES=5000 SIMATLAS_API_EXAMPLES=300 \
	  SIMATLAS_LOAD_SESSIONS=30 SIMATLAS_FULL=1 $(MAKE) test

# The core's fast loop (both cores); the fuzz campaigns are in tests/fuzz, processes in tests/integration.
test-unit: $(VENV)/.dev
	$(PY) -m pytest -q -n 2 tests/unit

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
# make cluster [REPLICAS=2] [PORT=8500] [CHECK_PATH=/ready]; Ctrl-C drains, then stops.
# /ready: a replica gets visitors once its data is loaded and valid (/_stcore/health: the server is up).
REPLICAS ?= 2
CHECK_PATH ?= /ready
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
