"""Command line: `python -m simatlas validate [--data DIR]` checks every data file.

Prints one line per problem (file, line, column, what is wrong) and exits 1, or prints a summary
and exits 0. Never a traceback for a data problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simatlas.loader import DataError, data_dir_from_env, load_dataset


def validate(data_dir: Path) -> int:
    try:
        dataset = load_dataset(data_dir)
    except DataError as error:
        print(f"{len(error.problems)} problem(s) in {data_dir}:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    places = dataset.coverage["country"].nunique()
    print(
        f"OK: {len(dataset.operators)} operators, {len(dataset.plans)} plans in {places} places, "
        f"{len(dataset.renewal)} renewal and {len(dataset.cancellation)} cancellation rows, "
        f"{len(dataset.fx_rates)} exchange rates ({data_dir})"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simatlas")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every data file")
    check.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    args = parser.parse_args(argv)
    return validate(args.data or data_dir_from_env())


if __name__ == "__main__":
    sys.exit(main())
