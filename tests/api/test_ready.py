"""/ready: 503 with a JSON reason until the data is loaded and valid, 200 with its version after;
the data problems (the first 20) when it is not; a data change on disk is reloaded."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from simatlas import readiness
from simatlas.loader import DataError, data_version, load_dataset
from tests.api.client import app_for, request
from tests.api.conftest import plain_loader
from tests.unit.test_loader import CASES


def test_not_ready_before_the_load_starts(tiny_dir):
    app = app_for(readiness.DataState(tiny_dir, plain_loader))
    answer = request(app, "/ready")
    assert answer.status == 503
    assert answer.json()["ready"] is False and answer.headers["cache-control"] == "no-store"


def test_not_ready_while_loading_then_ready_with_the_version(tiny_dir):
    release = threading.Event()

    def slow_loader(data_dir: str, version: str):
        release.wait(10)
        return plain_loader(data_dir, version)

    state = readiness.DataState(tiny_dir, slow_loader)
    app = app_for(state)
    thread = state.start()
    assert thread is not None and state.start() is None  # one load at a time
    loading = request(app, "/ready")
    assert loading.status == 503
    assert loading.json() == {"ready": False, "reason": "loading", "version": data_version(tiny_dir)}
    api_answer = request(app, "/api/plans.json")  # the API waits for the data too: 503, not 500
    assert api_answer.status == 503 and api_answer.headers["retry-after"]
    release.set()
    thread.join(10)
    ready = request(app, "/ready")
    assert ready.status == 200
    assert ready.json() == {"ready": True, "version": load_dataset(tiny_dir).version}
    assert request(app, "/api/plans.json").status == 200


@pytest.mark.parametrize("case", list(CASES)[:4])
def test_broken_data_is_not_ready_and_says_why(tmp_path, case):
    folder = tiny_folder(tmp_path)
    CASES[case][0](folder)
    with pytest.raises(DataError) as expected:
        load_dataset(folder)
    state = readiness.DataState(folder, plain_loader)
    state.load_now()
    app = app_for(state)
    answer = request(app, "/ready")
    assert answer.status == 503
    body = answer.json()
    assert body["ready"] is False and body["reason"] == "data_error"
    assert body["problems"][0] == str(expected.value.problems[0])
    assert body["problem_count"] == len(expected.value.problems)
    assert request(app, "/api/countries.csv").status == 503


def test_at_most_20_problems_are_listed(tmp_path):
    folder = tiny_folder(tmp_path)
    plans_csv = folder / "plans.csv"
    header, first = plans_csv.read_text().splitlines()[:2]
    assert ",10,EUR" in first
    plans_csv.write_text("\n".join([header] + [first.replace(",10,EUR", ",ten,EUR")] * 30) + "\n")
    state = readiness.DataState(folder, plain_loader)
    state.load_now()
    body = request(app_for(state), "/ready").json()
    assert body["problem_count"] > readiness.MAX_PROBLEMS == len(body["problems"])


def test_an_unexpected_load_failure_is_not_ready_either(tiny_dir):
    def failing(data_dir: str, version: str):
        raise MemoryError("no room")

    state = readiness.DataState(tiny_dir, failing)
    state.load_now()
    body = request(app_for(state), "/ready").json()
    assert body["reason"] == "data_error" and body["problems"] == ["MemoryError: no room"]


def test_a_data_change_is_reloaded(tiny_dir):
    state = readiness.DataState(tiny_dir, plain_loader)
    state.load_now()
    app = app_for(state)
    before = request(app, "/ready").json()["version"]
    plans_csv = tiny_dir / "plans.csv"
    stat = plans_csv.stat()
    os.utime(plans_csv, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    deadline = time.monotonic() + 10
    answer = request(app, "/ready")
    while answer.status != 200 and time.monotonic() < deadline:
        assert answer.json()["reason"] == "loading"
        time.sleep(0.05)
        answer = request(app, "/ready")
    assert answer.status == 200 and answer.json()["version"] != before


def tiny_folder(tmp_path: Path) -> Path:
    from tests.factories import write_dataset

    return write_dataset(tmp_path / "data")
