"""Command line: `python -m simatlas validate [--data DIR]` checks every data file.

Prints one line per problem (file, line, column, what is wrong) and exits 1, or prints a summary
and exits 0. Never a traceback for a data problem.

`python -m simatlas networks` rewrites data/networks.csv from the vendored list of network codes
(simatlas.networks). `python -m simatlas datapackage` writes data/datapackage.json (the Frictionless
description of the files, generated from simatlas.schema); `python -m simatlas freshness` lists the
rows by the age of their source, the stale share per place and what to re-check next.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from simatlas import datapackage, networks
from simatlas.arrays import is_missing
from simatlas.loader import DataError, Dataset, data_dir_from_env, load_dataset


def validate(data_dir: Path) -> int:
    try:
        # Always the files themselves, never a snapshot of an earlier check; a pass writes the
        # snapshot that the server then starts from (simatlas.snapshot).
        dataset = load_dataset(data_dir, use_snapshot=False)
    except DataError as error:
        _print_problems(data_dir, error)
        return 1
    places = dataset.coverage["country"].nunique()
    print(
        f"OK: {len(dataset.operators)} operators, {len(dataset.plans)} plans in {places} places, "
        f"{len(dataset.renewal)} renewal and {len(dataset.cancellation)} cancellation rows, "
        f"{len(dataset.fx_rates)} exchange rates, {len(dataset.price_history)} earlier prices ({data_dir})"
    )
    return 0


def _print_problems(data_dir: Path, error: DataError) -> None:
    print(f"{len(error.problems)} problem(s) in {data_dir}:", file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)


def write_datapackage(data_dir: Path) -> int:
    path = datapackage.write(data_dir)
    print(f"wrote {path}")
    return 0


def _cell(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and is_missing(value)) else str(value)


def _age(row: Any) -> str:  # a row of itertuples()
    if pd.isna(row.age_days):
        return "undated"
    return f"{row.source_date} ({row.age_days} days)"


def _row_line(row: Any, lead: str = "    ") -> str:
    stale = "STALE " if row.stale else "      "
    return f"{lead}{stale}{_age(row):<24} {row.file:<17} {row.key:<45} {row.source_url}"


def freshness(data_dir: Path, today: dt.date, recheck: int) -> int:
    try:
        dataset = load_dataset(data_dir)
    except DataError as error:
        _print_problems(data_dir, error)
        return 1
    print(_freshness_text(dataset, today, recheck))
    return 0


def _freshness_text(dataset: Dataset, today: dt.date, recheck: int) -> str:
    from simatlas.quality import freshness_report  # imports Babel tables: only when asked for
    from simatlas.suitability import STALE_AFTER_DAYS

    report = freshness_report(dataset, today, limit=recheck)
    stale = f"stale = undated or source older than {STALE_AFTER_DAYS} days"
    lines = [f"Source freshness on {today} ({stale})", ""]
    lines.append("Stale share per place (most plans first):")
    for row in report["by_place"].itertuples(index=False):
        lines.append(f"  {row.place}  {row.plans:>3} plans  {row.rows:>3} rows  {row.stale:>3} stale "
                     f"({row.stale_share}%)  {row.undated:>3} undated  oldest {_cell(row.oldest) or '-'}")
    lines += ["", f"Re-check next ({len(report['recheck'])} stale rows, places with the most plans first):"]
    lines += [_row_line(row, f"  {_cell(row.place) or '--':<3}") for row in report["recheck"].itertuples()]
    lines += ["", "Per operator (undated first, then oldest source first):"]
    for row in report["by_operator"].itertuples(index=False):
        lines.append(f"  {row.operator_id:<28} {row.rows:>3} rows  "
                     f"{row.stale:>3} stale ({row.stale_share}%)  "
                     f"{row.undated:>3} undated  oldest {_cell(row.oldest) or '-'}")
    lines += ["", "Rows by source age, per place (undated first, then oldest first):"]
    rows = report["rows"].assign(place=report["rows"]["place"].fillna("(sellers spanning places)"))
    for place, group in rows.groupby("place", sort=True):
        lines.append(f"  {place}")
        lines += [_row_line(row) for row in group.itertuples(index=False)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simatlas")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data file")
    check.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    package = commands.add_parser("datapackage", help="write datapackage.json (Frictionless) from the schema")
    package.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    listed = commands.add_parser("networks", help="rewrite networks.csv from data/registry/mcc-mnc-list.json")
    listed.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    fresh = commands.add_parser("freshness", help="rows by source age, stale share per place")
    fresh.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    fresh.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)"
    )
    fresh.add_argument("--recheck", type=int, default=15, help="length of the re-check list (default 15)")
    args = parser.parse_args(argv)
    data_dir = args.data or data_dir_from_env()
    if args.command == "datapackage":
        return write_datapackage(data_dir)
    if args.command == "networks":
        print(f"wrote {networks.write(data_dir)}")
        return 0
    if args.command == "freshness":
        return freshness(data_dir, args.today or dt.date.today(), args.recheck)
    return validate(data_dir)


if __name__ == "__main__":
    sys.exit(main())
