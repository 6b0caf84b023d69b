"""Where a page's time goes in the browser: a first visit (empty browser cache) and a repeat visit,
for SIM Atlas's Plans, Countries (overview and a profile) and Trip pages and for the floor apps (one
line; Streamlit's table and two charts; those plus a sidebar of our settings' widget kinds, sent before
or after the page), all in one run, each app under the project's own server config.

    python -m bench.breakdown                    # 5 loads per page and visit
    python -m bench.breakdown --loads 7 --json bench/results/breakdown.json

Each load is timed inside the page, on the page's own clock (ms from navigation start), by a script
added before any of the page's own (WATCH): the websocket's messages (wrapped constructor), the
DOM's changes (MutationObserver: when the first table and chart elements arrive, when their grid and
Vega drawing appear, when the last grey placeholder — Streamlit's `stSkeleton`, shown while an
element's code is being fetched — goes), the main thread's long tasks (PerformanceObserver), and the
resource timings of every JavaScript file. A load has settled when the script has finished, nothing
is placeholder and the DOM has not changed for QUIET_MS; its time is that of the last change.

Printed per page and visit (medians): settled; HTML; the app's code; first and last websocket
message (the script's run and its messages on the wire); JS files fetched after the first message
(count, KiB, the span of that wave); when the grid and the charts were drawn after their elements
arrived; the last placeholder, and how long after the table was drawn it went (> 0: the page drew
in two waves); long tasks (busy) and the rest (idle); and the ratio of settled to
each floor's same page kind (Streamlit's own table and two charts; a one-line app).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server

QUIET_MS = 600

# Added before the page's own scripts, in every document of the context.
WATCH = """(() => {
  const t = {wsFirst: null, wsLast: null, wsSentFirst: null, messages: 0, bytes: 0,
             tableIn: null, gridDrawn: null, chartIn: null, chartsDrawn: null,
             skeletonSeen: null, skeletonLast: null, lastChange: 0, busy: 0};
  window.__breakdown = t;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        const now = performance.now();
        if (t.wsFirst === null) t.wsFirst = now;
        t.wsLast = now; t.messages += 1;
        t.bytes += event.data.byteLength || event.data.size || event.data.length || 0;
      });
    }
    send(data) {
      if (t.wsSentFirst === null) t.wsSentFirst = performance.now();
      return super.send(data);
    }
  };
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) t.busy += entry.duration;
  }).observe({type: 'longtask', buffered: true});
  const look = () => {
    const now = performance.now();
    t.lastChange = now;
    const q = selector => document.querySelectorAll(selector).length;
    if (q('[data-testid=stSkeleton]')) {
      t.skeletonLast = now;
      if (t.skeletonSeen === null) t.skeletonSeen = now;
    }
    const tables = q('[data-testid=stDataFrame]'), charts = q('[data-testid=stVegaLiteChart]');
    if (tables && t.tableIn === null) t.tableIn = now;
    if (charts && t.chartIn === null) t.chartIn = now;
    if (tables && t.gridDrawn === null && q('[data-testid=stDataFrame] canvas') >= tables) t.gridDrawn = now;
    if (charts && t.chartsDrawn === null
        && q('[data-testid=stVegaLiteChart] svg, [data-testid=stVegaLiteChart] canvas') >= charts) {
      t.chartsDrawn = now;
    }
  };
  new MutationObserver(look).observe(document, {childList: true, subtree: true, characterData: true});
})()"""

SETTLED = """quiet => {
  const t = window.__breakdown;
  return !!t && t.wsLast !== null && !document.querySelector('[data-testid=stStatusWidget]')
    && !document.querySelector('[data-testid=stSkeleton]')
    && performance.now() - t.lastChange > quiet;
}"""

READ = """() => {
  const t = window.__breakdown;
  const nav = performance.getEntriesByType('navigation')[0];
  const js = performance.getEntriesByType('resource').filter(entry => entry.name.includes('/static/js/'));
  const main = js.find(entry => /\\/index\\.[^/]*\\.js$/.test(entry.name));
  const late = js.filter(entry => t.wsFirst !== null && entry.startTime >= t.wsFirst);
  return {...t, html: nav.responseEnd, appCode: main ? main.responseEnd : null, jsFiles: js.length,
          late: late.map(entry => ({name: entry.name.split('/').pop(), start: entry.startTime,
                                    end: entry.responseEnd, bytes: entry.encodedBodySize}))};
}"""


@dataclass(frozen=True)
class Target:
    app: str        # label
    script: str     # what the server runs
    path: str       # the page's address


OURS = "serve/streamlit_app.py"
TARGETS = (
    Target("plans", OURS, "/?country=HK"),
    Target("countries", OURS, "/countries"),
    Target("profile", OURS, "/countries?country=NC"),
    Target("trip", OURS, "/trip?country=HK&days=7"),

    Target("widget floor", "bench/widget_floor_app.py", "/"),
    Target("widget floor (sidebar last)", "bench/widget_floor_app.py", "/?sidebar=last"),
    Target("component floor", "bench/component_floor_app.py", "/"),
    Target("floor", "bench/floor_app.py", "/"),
)


def load(browser: Browser, url: str, loads: int) -> dict[str, list[dict]]:
    """`loads` first visits (each in a new browser context: empty cache) and as many repeat visits
    (the same context opening the address again: code cached, a new page)."""
    samples: dict[str, list[dict]] = {"first": [], "repeat": []}
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        context.add_init_script(WATCH)
        try:
            for visit in ("first", "repeat"):
                page = context.new_page()
                page.goto(url, timeout=120_000)
                page.wait_for_function(SETTLED, arg=QUIET_MS, timeout=120_000, polling=50)
                samples[visit].append(page.evaluate(READ))
                page.close()
        finally:
            context.close()
    return samples


def summary(samples: list[dict]) -> dict[str, float | None]:
    def median(values) -> float | None:
        values = [value for value in values if value is not None]
        return round(statistics.median(values)) if values else None

    def after(sample: dict, end: str, start: str) -> float | None:
        return None if sample[end] is None or sample[start] is None else sample[end] - sample[start]

    return {
        "settled": median(s["lastChange"] for s in samples),
        "html": median(s["html"] for s in samples),
        "app code": median(s["appCode"] for s in samples),
        "first msg": median(s["wsFirst"] for s in samples),
        "last msg": median(s["wsLast"] for s in samples),
        "late JS files": median(len(s["late"]) for s in samples),
        "late JS KiB": median(sum(f["bytes"] for f in s["late"]) / 1024 for s in samples),
        "late JS wave": median((max(f["end"] for f in s["late"]) - min(f["start"] for f in s["late"]))
                               if s["late"] else 0 for s in samples),
        "grid drawn after": median(after(s, "gridDrawn", "tableIn") for s in samples),
        "charts drawn after": median(after(s, "chartsDrawn", "chartIn") for s in samples),
        "last placeholder": median(s["skeletonLast"] for s in samples),
        # > 0: a grey placeholder was still on screen after the table was drawn (the two-wave look)
        "placeholder after table": median(after(s, "skeletonLast", "gridDrawn") for s in samples),
        "busy": median(s["busy"] for s in samples),
        "idle": median(s["lastChange"] - s["busy"] for s in samples),
    }


def run(loads: int, targets: list[Target]) -> dict:
    servers: dict[str, tuple] = {}
    figures: dict = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for target in targets:
                if target.script not in servers:
                    servers[target.script] = start_server(app=target.script)
                url = servers[target.script][1] + target.path
                load(browser, url, 1)  # the server's first run of this page (its caches) is not measured
                samples = load(browser, url, loads)
                figures[target.app] = {visit: {"summary": summary(runs), "samples": runs}
                                       for visit, runs in samples.items()}
            browser.close()
    finally:
        for process, _ in servers.values():
            stop_server(process)
    return figures


def print_table(figures: dict) -> None:
    columns = list(next(iter(figures.values()))["first"]["summary"])
    print("| page | visit | " + " | ".join(columns) + " | × component floor | × floor |")
    print("|---" * (len(columns) + 4) + "|")
    for app, visits in figures.items():
        for visit, measured in visits.items():
            row = measured["summary"]
            ratios = [row["settled"] / figures[floor][visit]["summary"]["settled"]
                      for floor in ("component floor", "floor")]
            cells = ["–" if value is None else f"{value:g}" for value in row.values()]
            cells += [f"{ratio:.2f}" for ratio in ratios]
            print(f"| {app} | {visit} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write every sample here")
    parser.add_argument("--only", help="comma-separated page labels to measure (the floors always are)")
    args = parser.parse_args()
    started = time.monotonic()
    only = set(args.only.split(",")) | {"component floor", "floor"} if args.only else None
    figures = run(args.loads, [target for target in TARGETS if only is None or target.app in only])
    print_table(figures)
    print(f"\n{args.loads} loads per page and visit, times in ms from navigation start; "
          f"{time.monotonic() - started:.0f} s in all")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
