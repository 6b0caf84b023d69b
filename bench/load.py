"""Many users at once: N concurrent browser sessions against one server on loopback.

Each session opens its own shared link (a different place), checks it sees exactly its own view,
then changes filters a bounded number of times, checking its own view after each change. Prints
p50/p95 latency (filter change → view updated), errors, and the server's memory.

    python -m bench.load --sessions 30 --changes 5      # make load
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

from simatlas.describe import describe_plans
from simatlas.i18n import t
from simatlas.loader import load_dataset
from simatlas.plans import PlanFilter, filter_plans, operator_names
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FOLD,
    FORGET_HELD,
    HELD_STILL,
    held_still_arg,
    start_server,
    stop_server,
)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def expected_heading(dataset, names, country: str, hotspot: bool) -> str:
    plan_filter = PlanFilter(countries=(country,), sort="price", needs=("hotspot",) if hotspot else ())
    return describe_plans(plan_filter, len(filter_plans(dataset, plan_filter)), "en", names)


async def session(browser, base: str, country: str, changes: int, dataset, names, report: dict) -> None:
    context = await browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-US")
    page = await context.new_page()
    try:
        await page.goto(f"{base}/?country={country}&sort=price", timeout=180_000)
        heading = page.locator("[data-testid=stMain] h2").first
        await heading.wait_for(timeout=180_000)
        await _expect(heading, expected_heading(dataset, names, country, False), report, country)
        # The page's filters sit in the page, folded under its title (ui.shell.page_controls).
        controls = page.locator("[data-testid=stMain] [data-testid=stExpander] summary").first
        await controls.click(timeout=180_000)
        # Opening it runs the page, which builds the filters inside (ui.shell.lazy_fold).
        box = page.get_by_role("checkbox", name=t("plans.hotspot", "en"))
        await box.wait_for(state="visible", timeout=180_000)
        # A tick aimed into the fold while it still opens can land beside the box: wait till it holds.
        await page.evaluate(FORGET_HELD)
        await page.wait_for_function(HELD_STILL, arg=held_still_arg(FOLD, "height", 300), polling=50,
                                     timeout=180_000)
        for step in range(changes):
            hotspot = step % 2 == 0  # toggle on, off, on…
            started = time.perf_counter()
            # click(), not check(): check() re-reads the state before Streamlit has rerun.
            await box.click(force=True, timeout=180_000)
            want = expected_heading(dataset, names, country, hotspot)
            await page.wait_for_function(
                "want => document.querySelector('[data-testid=stMain] h2')?.innerText.trim() === want",
                arg=want, timeout=180_000
            )
            await page.wait_for_function(
                "on => location.search.includes('hotspot=true') === on", arg=hotspot, timeout=180_000
            )
            report["latencies"].append(time.perf_counter() - started)
            await _expect(heading, want, report, country)
    except Exception as error:  # a session that fails is counted, the run goes on
        report["errors"].append(f"{country}: {type(error).__name__}: {str(error)[:160]}")
    finally:
        await context.close()


async def _expect(heading, want: str, report: dict, country: str) -> None:
    got = (await heading.inner_text()).strip()
    if got != want:
        report["errors"].append(f"{country}: saw {got!r}, expected {want!r} (state leak?)")


async def run(sessions: int, changes: int) -> dict:
    dataset = load_dataset()
    names = operator_names(dataset, "en")
    places = sorted(dataset.coverage["country"].unique())
    process, base = start_server()
    report: dict = {"sessions": sessions, "changes": changes, "latencies": [], "errors": []}
    try:
        report["memory_mb_idle"] = rss_mb(process.pid)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            started = time.perf_counter()
            await asyncio.gather(*[
                session(browser, base, places[i % len(places)], changes, dataset, names, report)
                for i in range(sessions)
            ])
            report["wall_s"] = round(time.perf_counter() - started, 1)
            report["memory_mb_after"] = rss_mb(process.pid)
            await browser.close()
    finally:
        stop_server(process)
    latencies = sorted(report.pop("latencies"))
    report["changes_done"] = len(latencies)
    if latencies:
        report["p50_ms"] = round(1000 * statistics.median(latencies))
        ranked = sorted(latencies)  # nearest-rank 95th percentile
        report["p95_ms"] = round(1000 * ranked[math.ceil(0.95 * len(ranked)) - 1])
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--changes", type=int, default=5)
    args = parser.parse_args(argv)
    report = asyncio.run(run(args.sessions, args.changes))
    print(json.dumps(report, indent=2))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
