"""The file the server starts on (`make run`, the Dockerfile, the cluster): Streamlit's ASGI app
(`st.App`) with the data loaded at start-up, `/ready` and the data API; every session runs app.py.

Two roles, one file:
- Imported (by `streamlit run`, which finds the `app = st.App(...)` assignment below and hands the
  module to uvicorn; or by `uvicorn streamlit_app:app`): it builds the ASGI app. Its lifespan loads
  and checks the data before any visitor asks (serve/asgi.py); its routes are `/ready` and
  `/api/<page>.{csv,json}` (simatlas/api.py).
- Run as a session's script (st.App's script is this same file): it runs app.py, the router.

Why here and not app.py: Streamlit decides once per process whether an app is a "pages directory"
(v1) app from whether a folder named `pages` sits beside the main script (runtime/pages_manager.py),
and in that mode a fresh server's first deep link runs the page file alone, without app.py's
router. The pages stay in the top-level `pages/` folder, so the script lives here, where there is
none — Streamlit's documented convention, no patch.
"""

import runpy
import sys
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # sys.path[0] is serve/: the project's packages live one level up
    sys.path.insert(0, str(ROOT))

if get_script_run_ctx(suppress_warning=True) is not None:  # a session's script run (AppTest too)
    runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
else:
    from serve.asgi import ROUTES, lifespan

    app = st.App(Path(__file__).resolve(), routes=ROUTES, lifespan=lifespan)
