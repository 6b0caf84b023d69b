"""The short form of `make load`: concurrent browser sessions on one server, one change each.
Zero errors, and every session sees exactly its own view (no state leaks between sessions).

`make test` runs 5 sessions (the class of check, in a minute); `make test-full` runs 30."""

import json
import os
import subprocess
import sys

from tests.browser.conftest import ROOT, require_chromium

SESSIONS = int(os.environ.get("SIMATLAS_LOAD_SESSIONS", "5"))


def test_concurrent_sessions_each_see_their_own_view():
    require_chromium()
    # A process of its own: async Playwright must not share a process with the suite's sync one.
    run = subprocess.run(
        [sys.executable, "-m", "bench.load", "--sessions", str(SESSIONS), "--changes", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False,
    )
    report = json.loads(run.stdout)
    print(report)
    assert report["errors"] == []
    assert report["changes_done"] == SESSIONS
    assert report["memory_mb_after"] < 2048
