"""Browser and server figures: what a user feels, against an empty Streamlit app (the floor)."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.load import rss_mb
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, open_controls, start_server, stop_server

PAGES = ["", "countries?country=HK", "trip?country=HK", "fees?country=HK", "renewal?country=HK",
         "cancellation?country=HK", "data"]
READY_PLANS = """() => !document.querySelector('[data-testid=stStatusWidget]')
  && document.querySelector('[data-testid=stDataFrame] table[role=grid]')
  && document.querySelectorAll('[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg')
     .length >= 2"""
IDLE = "() => !document.querySelector('[data-testid=stStatusWidget]')"
READY_ANY = """() => !document.querySelector('[data-testid=stStatusWidget]')
  && document.querySelector('[data-testid=stMainBlockContainer] h1, [data-testid=stMarkdownContainer] p')"""


def _open(browser, url: str, ready: str, received: list[int] | None = None):
    """A new browser context (empty cache), navigated to `url`: the cold visit."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    if received is not None:
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda frame: received.append(len(frame) if frame else 0)))
    return context, page, _navigate(page, url, ready)


def _navigate(page, url: str, ready: str) -> float:
    started = time.perf_counter()
    page.goto(url, timeout=300_000)
    page.wait_for_function(ready, timeout=300_000, polling=10)
    return time.perf_counter() - started


def measure(data_dir: Path | None, runs: int, app: str = "serve/streamlit_app.py",
            ready: str | None = None) -> dict:
    """Cold and warm time to ready, filter-change time, bytes per page, memory after 1 and 20.

    For a floor app (any `app` but ours) only the cold and warm times, until `ready` holds.
    """
    floor = app != "serve/streamlit_app.py"
    ready = ready or (READY_ANY if floor else READY_PLANS)
    process, base = start_server(data_dir, app=app)
    figures: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # Cold: a fresh server and a browser with an empty cache. Warm: the same browser opening
            # the link again (assets cached, data already loaded by the server).
            context, page, cold = _open(browser, base + "/", ready)
            figures["cold_s"] = [cold]
            figures["memory_mb_1"] = rss_mb(process.pid)
            warm, change = [], []
            for _ in range(runs):
                warm.append(_navigate(page, base + "/", ready))
                if not floor:
                    change.append(_filter_change(page))
            # Every page, warm: time until the script has finished and the page shows its content.
            figures["pages_warm_s"] = {
                (path.split("?")[0] or "plans"): [_navigate(page, f"{base}/{path}", READY_ANY)
                                                  for _ in range(runs)]
                for path in ([] if floor else PAGES)
            }
            context.close()
            figures["warm_s"] = warm
            if not floor:
                figures["filter_change_s"] = change
                figures["bytes"] = {}
                for path in PAGES:
                    received: list[int] = []
                    context, page, _ = _open(browser, f"{base}/{path}", READY_ANY, received)
                    page.wait_for_function(IDLE, timeout=300_000)
                    time.sleep(0.5)
                    figures["bytes"][path.split("?")[0] or "plans"] = sum(received)
                    context.close()
                open_contexts = [_open(browser, base + "/", ready)[0] for _ in range(20)]
                figures["memory_mb_20"] = rss_mb(process.pid)
                for opened in open_contexts:
                    opened.close()
            browser.close()
    finally:
        stop_server(process)
    return figures


def _filter_change(page) -> float:
    """Tick 'Hotspot allowed': time until the address bar and the table have both changed."""
    heading = page.locator("[data-testid=stMain] h2").first.inner_text()
    open_controls(page)  # the page's filters, folded under its title
    started = time.perf_counter()  # from the tick itself: unfolding is not the filter's cost
    page.get_by_role("checkbox", name="Hotspot allowed").click(force=True)
    page.wait_for_function(
        """before => location.search.includes('hotspot=true')
            && !document.querySelector('[data-testid=stStatusWidget]')
            && document.querySelector('[data-testid=stMain] h2')?.innerText !== before""",
        arg=heading, timeout=300_000, polling=10,
    )
    return time.perf_counter() - started
