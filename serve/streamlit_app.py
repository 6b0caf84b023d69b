"""The file the server starts on (`make run`, the Dockerfile, the cluster): Streamlit's ASGI app.

`streamlit run` finds the `app = st.App(...)` assignment below and serves it with uvicorn (as would
`uvicorn streamlit_app:app` from this folder). Every session runs serve/router.py, which runs
app.py; the lifespan loads and checks the data before any visitor asks, and the routes add `/ready`
and `/api/<page>.{csv,json}` (serve/asgi.py, simatlas/api.py), and every response carries the
security headers (serve/headers.py). This is Streamlit's documented
launcher pattern (`app = st.App("dashboard.py")`).
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # sys.path[0] is serve/: the project's packages live one level up
    sys.path.insert(0, str(ROOT))

from starlette.middleware import Middleware  # noqa: E402

from serve.asgi import ROUTES, lifespan  # noqa: E402 (needs the project root on the path)
from serve.headers import SecurityHeaders  # noqa: E402

app = st.App(ROOT / "serve" / "router.py", routes=ROUTES, lifespan=lifespan,
             middleware=[Middleware(SecurityHeaders)])
