import os
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd
import pytest

from simatlas.loader import Dataset, load_dataset
from tests.factories import write_dataset

ROOT = Path(__file__).resolve().parent.parent


# `make test` sweeps a sample of places through every page (the first markets and some with odd data);
# `make test-full` (SIMATLAS_FULL=1) sweeps every place.
SAMPLE_PLACES = ("NC", "HK", "MO", "JP", "FJ", "CN", "AE")


def places_to_sweep(every: list[str]) -> list[str]:
    return every if os.environ.get("SIMATLAS_FULL") == "1" else [p for p in every if p in SAMPLE_PLACES]


@pytest.fixture(scope="session")
def bundled():
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="session")
def _tiny_once(tmp_path_factory):
    return load_dataset(write_dataset(tmp_path_factory.mktemp("tiny") / "data"))


def own_copy(dataset: Dataset) -> Dataset:
    """A dataset loaded once, as a test of its own may use it: its own frames (shallow copies: under
    pandas' copy-on-write a change one test makes never reaches another), its own lookup dicts and an
    empty memo. Loading a small dataset per test (write, parse, validate: ~0.1 s) was a quarter of the
    unit suite's time."""
    frames = {spec.name: getattr(dataset, spec.name).copy(deep=False) for spec in fields(dataset)
              if isinstance(getattr(dataset, spec.name), pd.DataFrame)}
    positions = {place: rows.copy() for place, rows in dataset.positions_by_place.items()}
    return replace(dataset, **frames, positions_by_place=positions,
                   operator_short_names=dict(dataset.operator_short_names), memo={})


@pytest.fixture
def tiny(_tiny_once):
    """The small hand-written dataset (tests/factories.py), loaded and checked once per session."""
    return own_copy(_tiny_once)


@pytest.fixture
def tiny_dir(tmp_path):
    return write_dataset(tmp_path / "data")


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches():
    # AppTest shares the process: a dataset cached by one test must not leak into the next.
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def data_dir_env(monkeypatch):
    def point_to(folder: Path) -> None:
        monkeypatch.setenv("SIMATLAS_DATA_DIR", str(folder))

    yield point_to
    os.environ.pop("SIMATLAS_DATA_DIR", None)


# The longest tests (a browser crowd, every place swept) start first: run on two workers
# (`pytest -n 2`), the suite then ends with short tests on both, not one long test on one.
LONGEST_FIRST = ("test_load_short.py", "test_every_place", "test_every_request_stays_on_the_app_host",
                 "test_the_benchmark_runs_at_the_smallest_scale", "test_no_serious_axe_violation")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not any(part in item.nodeid for part in LONGEST_FIRST))
