"""Real-browser fixtures: a fresh Streamlit server on a free port, and Debian's Chromium.

Locally, a missing Chromium skips these tests with a reason; under CI=true it fails the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "browser" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(data_dir: Path | None = None,
                 app: str = "serve/streamlit_app.py") -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ}
    if data_dir:
        env["SIMATLAS_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the Streamlit server did not become healthy in 60 s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def server():
    process, base = start_server()
    yield base
    stop_server(process)


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing under CI=true: browser tests must run (see .ci/run)")
        pytest.skip("Debian Chromium is not installed (make test installs it when it can)")


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, accept_downloads=True,
                                  locale="en-US")
    opened = context.new_page()
    opened.set_default_timeout(60_000)  # a loaded 2-core CI machine can be slow to serve a page
    opened.set_default_navigation_timeout(60_000)
    yield opened
    context.close()


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the page shows its title and Streamlit reports the script run as finished."""
    page.wait_for_selector("h1", timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid=stApp]');
            const state = app && app.getAttribute('data-test-script-state');
            return state && !['initial', 'running', 'rerunRequested'].includes(state)
                && !document.querySelector('[data-testid=stStatusWidget]');
        }""",
        timeout=timeout,
    )


# True once what `measure` reads of the first element matching `selector` has not changed for `quiet`
# ms: "drawing" (how many elements and how much text: the whole app settled) or "height" (a fold's
# animation over). One script for every "wait until it holds still"; each wait has its own key.
HELD_STILL = """({selector, measure, quiet, key}) => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const value = measure === 'height' ? element.getBoundingClientRect().height
        : element.querySelectorAll('*').length + ':' + element.innerText.length;
    const now = performance.now(), held = (window.__held ??= {});
    if (!held[key] || held[key].value !== value) {
        held[key] = {value, since: now};
        return false;
    }
    return now - held[key].since >= quiet;
}"""
FOLD = "[data-testid=stMain] [data-testid=stExpander] details"


def held_still_arg(selector: str, measure: str, quiet_ms: int) -> dict[str, object]:
    """HELD_STILL's argument (evaluate FORGET_HELD first: an earlier wait's value must not count)."""
    return {"selector": selector, "measure": measure, "quiet": quiet_ms, "key": f"{measure}:{selector}"}


FORGET_HELD = "() => { window.__held = {}; }"


# Streamlit's frontend loads a widget's code on first use: after a first run ends, the sidebar's
# widgets appear over the next second or two, a few at a time (seen under HAProxy on a busy machine:
# 0 inputs at the run's end, 12 two seconds later). A test that compares what is drawn must wait for
# the drawing, not for the run.
def wait_until_drawn(page, quiet_ms: int = 1_000, timeout: float = 30_000) -> None:
    """Wait until nothing on the page has changed for `quiet_ms` (call after wait_for_app)."""
    page.evaluate(FORGET_HELD)
    page.wait_for_function(HELD_STILL, arg=held_still_arg("[data-testid=stApp]", "drawing", quiet_ms),
                           polling=100, timeout=timeout)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def open_controls(page) -> None:
    """Unfold the page's own controls (ui.shell.page_controls: the first expander of the page, under
    its title), where a page's filters live; a no-op when they are open."""
    details = page.locator(FOLD).first
    details.wait_for(state="attached")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
        page.wait_for_function(
            "(fold) => document.querySelector(fold)?.open", arg=FOLD)
    # Its inputs are built by the run that opening it starts (ui.shell.lazy_fold): wait for them.
    page.wait_for_function("(fold) => document.querySelector(fold)?.querySelector("
                           "'[data-testid=stElementContainer]')", arg=FOLD, timeout=30_000)
    # The fold opens with an animation: a click aimed at a control inside it while it still grows
    # can land beside it. Wait until its height has held for 300 ms.
    page.evaluate(FORGET_HELD)
    page.wait_for_function(HELD_STILL, arg=held_still_arg(FOLD, "height", 300), polling=50, timeout=10_000)
