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

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt ./
RUN python -m pip install -r requirements.txt

# The app (what .dockerignore leaves: app.py, serve/, pages/, ui/, simatlas/, data/, .streamlit/).
COPY --chown=root:root . .

USER simatlas:simatlas
EXPOSE 8501

# Readiness: 200 once the data is loaded and valid (serve/asgi.py loads it at start-up), 503 with
# the reason before (and the data problems when it is invalid). A million plans take 1-2 minutes to
# load and check on one core, hence the start period. Liveness alone is GET /_stcore/health.
HEALTHCHECK --interval=15s --timeout=3s --start-period=180s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/ready', timeout=2).status == 200 else 1)"]

# `make run`'s command (tests/deploy/test_dockerfile.py keeps them the same), on all interfaces.
CMD ["python", "-m", "streamlit", "run", "serve/streamlit_app.py", "--server.headless", "true", "--server.address", "0.0.0.0", "--server.port", "8501"]
