"""The Countries page, overview and profiles, cold and warm: what a layer of place data costs.

    .venv/bin/python -m bench.places_bench --scales bundled,world --runs 3
    .venv/bin/python -m bench.places_bench --scales bundled,world --against 30e047f   # before and after

Per scale: the core overview (places.overview, memo emptied = cold, then warm) and one full script
run of the Countries page (AppTest: the overview, a profile with curated data, a profile with only
its networks listed), first run after the memo is emptied (cold) and the median of the next runs
(warm). `--against REV` runs the same measurement on REV's code (a git worktree) in the same
command, and prints each figure's ratio to REV's: the layer's cost, on this machine, in this run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = {"overview": {}, "profile HK": {"country": "HK"}, "profile PE": {"country": "PE"}}


def _timed(function: Callable[[], object]) -> float:  # a core call
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def measure(scale: str, runs: int) -> dict[str, float]:
    """This tree's figures at one scale (run with the tree's own code on sys.path)."""
    from streamlit.testing.v1 import AppTest

    from simatlas import places
    from simatlas.loader import DEFAULT_DATA_DIR, load_dataset

    folder = DEFAULT_DATA_DIR
    if scale == "world":
        from bench.synthetic import write_world

        folder = write_world(Path(tempfile.mkdtemp(prefix="places-bench-")) / "data")
    os.environ["SIMATLAS_DATA_DIR"] = str(folder)
    dataset = load_dataset(folder)
    figures: dict[str, float] = {}
    dataset.memo.clear()
    figures["core overview cold"] = _timed(lambda: places.overview(dataset, "USD", "en"))
    figures["core overview warm"] = statistics.median(
        _timed(lambda: places.overview(dataset, "USD", "en")) for _ in range(runs))
    router = str(Path.cwd() / "serve" / "router.py")
    for name, query in VIEWS.items():
        def run(query: dict[str, str] = query, name: str = name) -> float:
            at = AppTest.from_file(router, default_timeout=600)
            at.run()
            at.switch_page("../pages/countries.py")
            for key, value in query.items():
                at.query_params[key] = value
            started = time.perf_counter()
            at.run()
            if at.exception:
                raise RuntimeError(f"{name}: {at.exception[0].value}")
            return time.perf_counter() - started

        run()  # the process's first run of the page: imports, the dataset's cache
        from ui import shell  # the dataset the pages read (cached per process): empty its memo

        loaded = shell._load(str(folder), dataset.version)
        assert loaded.memo, "not the pages' dataset: its memo should hold the first run's tables"
        loaded.memo.clear()
        figures[f"page {name} cold"] = run()
        figures[f"page {name} warm"] = statistics.median(run() for _ in range(runs))
    return figures


def _in_tree(tree: Path, scales: list[str], runs: int) -> dict[str, dict[str, float]]:
    """The same measurement with `tree`'s code, in its own process."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        target = Path(out.name)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, str(Path(__file__)), "--scales", ",".join(scales), "--runs", str(runs),
                    "--json", str(target), "--here"], cwd=tree, env=env, check=True)
    figures: dict[str, dict[str, float]] = json.loads(target.read_text())
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.places_bench")
    parser.add_argument("--scales", default="bundled,world")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", default=None, help="a git revision to measure in the same run")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)  # one tree, this process
    args = parser.parse_args(argv)
    scales = args.scales.split(",")
    if args.here:
        results = {scale: measure(scale, args.runs) for scale in scales}
        if args.json:
            args.json.write_text(json.dumps(results))
        return 0
    after = _in_tree(ROOT, scales, args.runs)
    before = None
    if args.against:
        tree = Path(tempfile.mkdtemp(prefix="places-bench-tree-")) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.against],
                       check=True, capture_output=True)
        try:
            before = _in_tree(tree, scales, args.runs)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    for scale in scales:
        print(f"\n{scale}: seconds (median of {args.runs} warm runs)"
              + (f"; {args.against} → this tree, ratio" if before else ""))
        for name, value in after[scale].items():
            line = f"  {name:<26} {value:8.3f}"
            if before and name in before[scale]:
                was = before[scale][name]
                line = f"  {name:<26} {was:8.3f} → {value:8.3f}   {value / was:5.2f}×"
            print(line)
    if args.json:
        args.json.write_text(json.dumps({"after": after, "before": before}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
