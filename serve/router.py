"""The script every session runs (st.App's script, and AppTest's main script): app.py, the router.

It lives here, not at the top level, because Streamlit decides once per process whether an app is a
"pages directory" (v1) app from whether a folder named `pages` sits beside the main script
(runtime/pages_manager.py); in that mode a fresh server's first deep link runs the page file alone,
without app.py. The pages stay in the top-level `pages/` folder, so the main script lives here,
where there is none — Streamlit's documented convention ("a pages/ directory next to your
entrypoint file"), no patch.
"""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # sys.path[0] is serve/: the project's packages live one level up
    sys.path.insert(0, str(ROOT))

runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
