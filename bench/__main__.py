"""`make bench`: SIM Atlas against the framework's own floor, at the bundled size, 1k…1M plans and
the world shape (≈220 places, ≈40 sellers, 60,000 plans, most of them regional).

    python -m bench                          # bundled, 1k, 10k, 100k, 1M, world; 3 runs each
    python -m bench --scales bundled,1k --runs 2 --no-browser

Synthetic datasets (real schema, realistic shapes) are generated on the fly into a temporary folder,
never committed, and loaded through the same path as the bundled data (SIMATLAS_DATA_DIR). Prints one
table of medians (± spread) and writes every sample as JSON to bench/results/, so runs compare.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import WORLD_PLAN_COUNT, write_synthetic, write_world
from simatlas.loader import DEFAULT_DATA_DIR

# Plans per scale; "world" is the shape of a real eSIM price table (≈220 places, ≈40 sellers,
# WORLD_PLAN_COUNT plans, most of them regional), not just a count (bench.synthetic.write_world).
SCALES = {"bundled": None, "1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000,
          "world": WORLD_PLAN_COUNT}
WORLD = "world"
RESULTS = Path(__file__).resolve().parent / "results"


def spread(samples) -> str:
    if not isinstance(samples, list):
        return str(samples)
    middle = statistics.median(samples)
    if len(samples) == 1:
        return f"{middle:.3f}"
    return f"{middle:.3f}±{(max(samples) - min(samples)) / 2:.3f}"


def dataset_for(scale: str, folder: Path) -> Path:
    """The data folder a scale is measured on: the bundled data, or one generated into `folder`."""
    size = SCALES[scale]
    if size is None:
        return DEFAULT_DATA_DIR
    return write_world(folder) if scale == WORLD else write_synthetic(folder, size)


def run(scales: list[str], runs: int, browser: bool, path: Path | None = None) -> dict:
    from bench.core_bench import core_figures
    from bench.server_bench import script_runs

    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.machine()}, "
                    f"{platform.python_version()}, {__import__('os').cpu_count()} cores", "scales": {}}
    if browser:
        from bench.browser_bench import READY_PLANS, measure

        floor = measure(None, runs, app="bench/floor_app.py")
        report["floor"] = floor
        print(f"floor: cold {spread(floor['cold_s'])} s, warm {spread(floor['warm_s'])} s", flush=True)
        components = measure(None, runs, app="bench/component_floor_app.py", ready=READY_PLANS)
        report["component_floor"] = components
        print(f"component floor: cold {spread(components['cold_s'])} s, "
              f"warm {spread(components['warm_s'])} s", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        for scale in scales:
            data_dir = dataset_for(scale, Path(scratch) / scale)
            figures: dict[str, object] = {"core": core_figures(data_dir, runs)}
            print(f"{scale}: core done", flush=True)
            figures["server"] = script_runs(data_dir, runs)
            print(f"{scale}: server done", flush=True)
            if browser:
                try:
                    figures["browser"] = measure(data_dir, runs)
                except Exception as error:  # a scale that times out is a finding, not a crash
                    figures["browser_error"] = f"{type(error).__name__}: {str(error)[:200]}"
                print(f"{scale}: browser done", flush=True)
            report["scales"][scale] = figures
            if path:  # keep what is measured so far, so a long run is never lost
                path.write_text(json.dumps(report, indent=2, default=str))
    return report


def table(report: dict) -> str:
    floor = report.get("floor")
    lines = [
        "| scale | plans | load+validate s | core plans view s | server plans run s | warm to table s "
        "| × floor | × component floor | cold × floor | slowest page × floor | filter change s "
        "| largest chart KiB | plans page KiB | MB after 1 / 20 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale, figures in report["scales"].items():
        core, server, browser = figures["core"], figures["server"], figures.get("browser")
        if "browser_error" in figures:
            lines.append(f"| {scale} | browser stage failed: {figures['browser_error'][:80]} |")
        largest_chart = max(core["plans_chart_bytes"], core["cancellation_chart_bytes"])
        row = [scale, str(core["plans"]), spread(core["load_validate_s"]), spread(core["plans_all_s"]),
               spread(server["plans_s"])]
        if browser and floor:
            warm = statistics.median(browser["warm_s"]) / statistics.median(floor["warm_s"])
            cold = statistics.median(browser["cold_s"]) / statistics.median(floor["cold_s"])
            pages = {name: statistics.median(samples) for name, samples in browser["pages_warm_s"].items()}
            slowest = max(pages, key=pages.__getitem__)
            slowest_ratio = pages[slowest] / statistics.median(floor["warm_s"])
            components = report.get("component_floor")
            versus_components = "–"
            if components:
                ratio = statistics.median(browser["warm_s"]) / statistics.median(components["warm_s"])
                versus_components = f"{ratio:.2f}"
            row += [spread(browser["warm_s"]), f"{warm:.2f}", versus_components, f"{cold:.2f}",
                    f"{slowest_ratio:.2f} ({slowest})", spread(browser["filter_change_s"]),
                    f"{largest_chart / 1024:.1f}", f"{browser['bytes']['plans'] / 1024:.0f}",
                    f"{browser['memory_mb_1']:.0f} / {browser['memory_mb_20']:.0f}"]
        else:
            row += ["–", "–", "–", "–", "–", "–", f"{largest_chart / 1024:.1f}", "–", "–"]
        lines.append("| " + " | ".join(row) + " |")
    if floor:
        lines.append("")
        lines.append(f"Floor (empty Streamlit app, one line of text): cold {spread(floor['cold_s'])} s, "
                     f"warm {spread(floor['warm_s'])} s.")
        if report.get("component_floor"):
            components = report["component_floor"]
            lines.append(f"Component floor (one st.dataframe and two st.altair_chart, nothing else): "
                         f"cold {spread(components['cold_s'])} s, warm {spread(components['warm_s'])} s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scales", default=",".join(SCALES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    scales = [scale.strip().lower() for scale in args.scales.split(",") if scale.strip()]
    unknown = [scale for scale in scales if scale not in SCALES]
    if unknown:
        parser.error(f"unknown scale(s): {', '.join(unknown)}; choose from {', '.join(SCALES)}")
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    report = run(scales, args.runs, browser=not args.no_browser, path=path)
    path.write_text(json.dumps(report, indent=2, default=str))
    print(table(report))
    print(f"\nAll samples: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
