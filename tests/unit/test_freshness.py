"""Source freshness: rows by the age their source states, stale share per place, what to re-check."""

import datetime as dt
from typing import cast

import pandas as pd
import pytest

from simatlas.__main__ import main
from simatlas.loader import load_dataset
from simatlas.quality import freshness_report
from simatlas.suitability import STALE_AFTER_DAYS
from tests.conftest import own_copy
from tests.factories import OPERATORS, PLANS, write_dataset

TODAY = dt.date(2026, 12, 1)
DATED = {"hk-a-small": "2026-10-01", "hk-a-big": "2019-01-01", "nc-month": "2026-06-01"}  # seller: undated


@pytest.fixture(scope="module")
def _dataset_once(tmp_path_factory):
    plans = [{**plan, "source_date": DATED.get(plan["plan_id"], "")} for plan in PLANS]
    operators = [{**operator, "source_date": "2026-11-01"} for operator in OPERATORS]
    countries = [{"country": "HK", "local_currency": "HKD", "source_date": "2026-11-01"},
                 {"country": "NC", "local_currency": "XPF", "source_date": "2026-11-01"}]
    folder = write_dataset(
        tmp_path_factory.mktemp("freshness") / "data", plans=plans, operators=operators, countries=countries)
    return load_dataset(folder)


@pytest.fixture
def dataset(_dataset_once):
    return own_copy(_dataset_once)


def test_undated_rows_come_first_then_the_oldest(dataset):
    rows = freshness_report(dataset, TODAY)["rows"]
    plan_rows = rows[rows["file"] == "plans.csv"].drop_duplicates("key")
    assert plan_rows["key"].tolist() == ["seller-asia", "hk-a-big", "nc-month", "hk-a-small"]
    assert rows["age_days"].isna().tolist()[:2] == [True, True]  # the seller's plan, in HK and in NC


def test_stale_means_undated_or_older_than_the_limit(dataset):
    rows = freshness_report(dataset, TODAY)["rows"].drop_duplicates("key").set_index("key")
    assert rows.loc["seller-asia", "stale"] and rows.loc["hk-a-big", "stale"]
    assert not rows.loc["hk-a-small", "stale"] and not rows.loc["nc-month", "stale"]
    assert STALE_AFTER_DAYS == 548


def test_a_plan_counts_in_every_place_it_works_in(dataset):
    by_place = freshness_report(dataset, TODAY)["by_place"].set_index("place")
    # HK: operator, country, 3 plans (small, big, seller) -> 5 rows, 2 stale.
    columns = ["plans", "rows", "stale", "undated", "stale_share"]
    # One place's cells: a Series (the stubs' .loc[row, columns] may also be a frame, for a repeated label).
    assert cast(pd.Series, by_place.loc["HK", columns]).tolist() == [3, 5, 2, 1, 40]
    assert cast(pd.Series, by_place.loc["NC", ["plans", "rows", "stale"]]).tolist() == [2, 4, 1]
    assert by_place.index.tolist() == ["HK", "NC"]  # most plans first


def test_per_operator_undated_first(dataset):
    by_operator = freshness_report(dataset, TODAY)["by_operator"]
    assert by_operator["operator_id"].tolist()[0] == "seller"
    hk = by_operator.set_index("operator_id").loc["hk-alpha"]
    assert (hk["rows"], hk["stale"], hk["oldest"]) == (3, 1, "2019-01-01")


def test_recheck_lists_stale_rows_of_the_biggest_place_first(dataset):
    recheck = freshness_report(dataset, TODAY, limit=2)["recheck"]
    assert recheck["place"].tolist() == ["HK", "HK"]
    assert recheck["key"].tolist() == ["seller-asia", "hk-a-big"]
    assert recheck["stale"].all()


def test_freshness_command_prints_plain_text(tiny_dir, capsys):
    assert main(["freshness", "--data", str(tiny_dir), "--today", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert "Stale share per place" in out and "Re-check next" in out and "undated" in out
    assert "HK" in out and "hk-a-small" in out
