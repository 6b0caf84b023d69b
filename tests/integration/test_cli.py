"""The command line, run as a contributor runs it (a subprocess): `python -m simatlas validate`."""

import subprocess
import sys

from tests.factories import OPERATORS, PLANS, write_dataset
from tests.unit.test_loader import edit


def test_validate_command_names_the_problem_without_a_traceback(tmp_path):
    folder = write_dataset(tmp_path / "data")
    edit(folder, "plans.csv", ",10,EUR", ",ten,EUR")
    run = subprocess.run(
        [sys.executable, "-m", "simatlas", "validate", "--data", str(folder)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 1
    assert "plans.csv, line 2 (data row 1), column 'price': must be a number, found 'ten'" in run.stderr
    assert "Traceback" not in run.stderr


def test_validate_command_accepts_good_data(tiny_dir):
    run = subprocess.run(
        [sys.executable, "-m", "simatlas", "validate", "--data", str(tiny_dir)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"OK: {len(OPERATORS)} operators, {len(PLANS)} plans")
