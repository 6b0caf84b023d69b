"""simatlas.snapshot: a dataset validated once starts from its Arrow snapshot, equal table for table;
a changed file or rule, or a damaged snapshot, means the full load."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from simatlas import loader, schema, snapshot
from simatlas.loader import DataError, load_dataset
from tests.factories import write_dataset


@pytest.fixture
def folder(tmp_path):
    return write_dataset(tmp_path / "data")


def tables_of(dataset) -> dict[str, pd.DataFrame]:
    return {file: frame.reset_index(drop=True) for file, frame in snapshot_tables(dataset).items()}


def snapshot_tables(dataset) -> dict[str, pd.DataFrame]:
    names = {"operators.csv": "operators", "plans.csv": "plans", "renewal.csv": "renewal",
             "cancellation.csv": "cancellation", "countries.csv": "countries", "fx_rates.csv": "fx_rates",
             "price_history.csv": "price_history"}
    return {file: getattr(dataset, name) for file, name in names.items()}


def test_the_second_load_reads_the_snapshot_and_gives_the_same_dataset(folder, monkeypatch):
    first = load_dataset(folder)
    (written,) = [path for path in (folder / ".snapshots").iterdir()]
    assert (written / snapshot.COMPLETE).is_file()
    checked = []
    monkeypatch.setattr(loader, "validated_tables", lambda data_dir: checked.append(data_dir))
    again = load_dataset(folder)
    assert checked == []  # nothing parsed or validated again
    for file, frame in tables_of(first).items():
        pd.testing.assert_frame_equal(frame, tables_of(again)[file], check_exact=True, obj=file)
    pd.testing.assert_frame_equal(first.coverage, again.coverage)
    assert (first.version, first.place_codes) == (again.version, again.place_codes)


def test_a_changed_file_is_validated_again(folder):
    load_dataset(folder)
    plans = (folder / "plans.csv").read_text(encoding="utf-8")
    (folder / "plans.csv").write_text(plans.replace("hk-a-small", "hk a small", 1), encoding="utf-8")
    with pytest.raises(DataError):  # an id with a space: the files are checked, not the old snapshot
        load_dataset(folder)


def test_the_validate_command_never_trusts_a_snapshot(folder, monkeypatch):
    load_dataset(folder)
    checked = []
    real = loader.validated_tables

    def recorded(data_dir):
        checked.append(1)
        return real(data_dir)

    monkeypatch.setattr(loader, "validated_tables", recorded)
    load_dataset(folder, use_snapshot=False)
    assert checked == [1]


def test_a_damaged_snapshot_falls_back_to_the_files(folder):
    load_dataset(folder)
    (written,) = list((folder / ".snapshots").iterdir())
    (written / "plans.csv.arrow").write_bytes(b"not arrow")
    assert len(load_dataset(folder).plans) == len(loader.validated_tables(folder)["plans.csv"])


def test_another_rule_names_another_snapshot(folder, monkeypatch):
    load_dataset(folder)
    version = loader.data_version(folder)
    assert snapshot.read(folder, version) is not None
    monkeypatch.setattr(snapshot, "rules_fingerprint", lambda: "other-rules")
    assert snapshot.read(folder, version) is None


def test_an_unwritable_place_only_costs_the_snapshot(folder, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    monkeypatch.setenv(snapshot.SNAPSHOT_DIR_ENV, str(blocked))
    assert len(load_dataset(folder).plans) > 0
    assert snapshot.write(folder, "v", {file: pd.DataFrame() for file in schema.FILES}) is None


def test_a_write_left_half_way_is_cleared_only_once_it_is_old(folder):
    root = snapshot.folder_for(folder)
    root.mkdir(parents=True)
    abandoned, under_way = root / ".writing-abandoned", root / ".writing-under-way"
    abandoned.mkdir()
    under_way.mkdir()
    old = time.time() - snapshot.ABANDONED_AFTER_S - 60
    os.utime(abandoned, (old, old))
    load_dataset(folder)  # writes the snapshot, then prunes
    assert not abandoned.exists() and under_way.exists()
