# SIM Atlas in a container: the same server `make run` starts, listening on all interfaces.
#   docker build -t simatlas . && docker run --rm -p 8501:8501 simatlas
# Several containers behind one address need session affinity (deploy/kubernetes/ingress.yaml,
# deploy/render_haproxy.py): a Streamlit session lives in one process.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 simatlas \
    && useradd --system --uid 10001 --gid simatlas --home-dir /app --shell /usr/sbin/nologin simatlas

WORKDIR /app

# Dependencies first: this layer is rebuilt only when the lock changes. The hashed lock, as `make run`
# installs it: every package, transitive ones included, pinned and checked against its hash.
COPY requirements.lock ./
RUN python -m pip install --require-hashes -r requirements.lock

# The app (what .dockerignore leaves: app.py, serve/, pages/, ui/, simatlas/, data/, .streamlit/).
COPY --chown=root:root . .

# The data validated once, at build time: every replica of this image starts from the snapshot
# (simatlas/snapshot.py) instead of parsing and checking the CSV files again. A build with invalid
# data fails here, naming every problem.
RUN SIMATLAS_SNAPSHOT_DIR=/app/.snapshots python -m simatlas validate
ENV SIMATLAS_SNAPSHOT_DIR=/app/.snapshots

USER simatlas:simatlas
EXPOSE 8501

# Readiness: 200 once the data is loaded and valid (serve/asgi.py loads it at start-up), 503 with
# the reason before (and the data problems when it is invalid). From the build's snapshot a million
# plans are ready in about 12 s; without one (data mounted at run time) they take about a minute to
# load and check on one core, hence the start period. Liveness alone is GET /_stcore/health.
HEALTHCHECK --interval=15s --timeout=3s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/ready', timeout=2).status == 200 else 1)"]

# `make run`'s command (tests/deploy/test_dockerfile.py keeps them the same), on all interfaces.
CMD ["python", "-m", "streamlit", "run", "serve/streamlit_app.py", "--server.headless", "true", "--server.address", "0.0.0.0", "--server.port", "8501"]
