"""Prices with history: earlier values, when the current one started, changes per place, the chart."""

import datetime as dt

import pandas as pd
import pytest

from simatlas import charts, history
from simatlas.loader import DataError, load_dataset
from tests.conftest import own_copy
from tests.factories import write_dataset

EARLIER = [
    {"plan_id": "nc-month", "price": "3000", "currency": "XPF", "data_gb": "5", "validity_days": "30",
     "valid_from": "2020-01-01", "valid_until": "2022-08-01"},
    {"plan_id": "nc-month", "price": "3500", "currency": "XPF", "data_gb": "2", "validity_days": "30",
     "valid_until": "2019-11-15"},  # since when it held: unknown
    {"plan_id": "hk-a-small", "price": "12", "currency": "EUR", "valid_until": "2026-06-30"},
]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def _with_history_once(tmp_path_factory):
    return load_dataset(write_dataset(
        tmp_path_factory.mktemp("history") / "data", price_history=EARLIER))


@pytest.fixture
def with_history(_with_history_once):
    return own_copy(_with_history_once)


def test_history_lists_earlier_values_oldest_first_then_the_current_one(with_history):
    frame = history.price_history(with_history, "nc-month")
    assert frame["price"].tolist() == [3500, 3000, 2386.63]
    assert frame["current"].tolist() == [False, False, True]
    # pandas-stubs: isna's scalar overload lacks Period, Interval and numpy.bool, all in the type it gives a
    # cell (frame.loc[row, column]); at run time isna takes any value.
    assert pd.isna(frame.loc[0, "valid_from"])  # type: ignore[arg-type]  # unknown stays unknown
    assert frame.loc[2, "valid_from"] == pd.Timestamp("2022-08-01")  # the current price started then
    assert pd.isna(frame.loc[2, "valid_until"])  # type: ignore[arg-type]  # stubs: see above


def test_a_plan_without_history_has_only_its_current_value(with_history):
    frame = history.price_history(with_history, "hk-a-big")
    assert (len(frame) == 1 and frame.loc[0, "current"]
            and pd.isna(frame.loc[0, "valid_from"]))  # type: ignore[arg-type]  # stubs: see the test above


def test_changed_since_is_the_last_end_date(with_history):
    assert history.changed_since(with_history) == {
        "nc-month": dt.date(2022, 8, 1), "hk-a-small": dt.date(2026, 6, 30),
    }


def test_changed_since_is_empty_without_history(tiny):
    assert history.changed_since(tiny) == {}


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        (6, {"HK": (3, 1), "NC": (2, 0)}),  # only hk-a-small's change (2026-06-30) is in the window
        (60, {"HK": (3, 1), "NC": (2, 1)}),  # nc-month changed on 2022-08-01
        (1, {"HK": (3, 0), "NC": (2, 0)}),
    ],
)
def test_changes_by_place_counts_plans_changed_in_the_window(with_history, months, expected):
    table = history.changes_by_place(with_history, months, TODAY)
    got = {row.country: (row.plans, row.changed) for row in table.itertuples()}
    assert got == expected
    assert table["changed"].is_monotonic_decreasing


def test_chart_points_draw_a_step_line_to_today(with_history):
    points = history.price_points(history.price_history(with_history, "nc-month"), TODAY)
    assert points["step"].tolist() == list(range(len(points)))
    # 3500: one point at its end (start unknown); 3000: start and end; current: start and today.
    assert points["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2019-11-15", "2020-01-01", "2022-08-01", "2022-08-01", "2026-12-01",
    ]
    assert points["price"].tolist() == [3500, 3000, 3000, 2386.63, 2386.63]


@pytest.mark.parametrize(("lang", "title", "still"), [("en", "Price over time", "still current"),
                                                      ("zh", "价格变化", "仍然有效")])
def test_price_history_chart_encoding(with_history, lang, title, still):
    points = history.price_points(history.price_history(with_history, "nc-month"), TODAY)
    spec = charts.price_history_chart(points, "XPF", lang).to_dict()
    assert spec["title"] == title
    assert spec["mark"]["type"] == "line" and spec["mark"]["interpolate"] == "step-after"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["x"]["type"]) == ("date", "temporal")
    assert spec["encoding"]["y"]["type"] == "quantitative"
    assert spec["encoding"]["order"]["field"] == "step"
    assert {tip["field"] for tip in spec["encoding"]["tooltip"]} == {
        "value_label", "price", "from_label", "until_label", "source_label",
    }
    rows = next(iter(spec["datasets"].values()))
    assert rows[-1]["until_label"] == still


def test_an_empty_history_file_is_valid(tiny):
    assert tiny.price_history.empty


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ({"plan_id": "gone", "price": "1", "currency": "EUR", "valid_until": "2020-01-01"}, "plan_id",
         "does not exist"),
        ({"plan_id": "nc-month", "price": "1", "currency": "EUR", "valid_until": ""}, "valid_until",
         "required"),
        ({"plan_id": "nc-month", "price": "1", "currency": "EUR", "valid_from": "2021-01-01",
          "valid_until": "2020-01-01"}, "valid_from", "after valid_until"),
    ],
)
def test_a_broken_history_row_is_named(tmp_path, row, column, words):
    with pytest.raises(DataError) as caught:
        load_dataset(write_dataset(tmp_path / "data", price_history=[row]))
    first = caught.value.problems[0]
    assert (first.file, first.column) == ("price_history.csv", column)
    assert words in first.message


def test_bundled_history_cites_the_plan_rows_source(bundled):
    plans = bundled.plans.set_index("plan_id")
    assert len(bundled.price_history) >= 2
    for row in bundled.price_history.itertuples():
        assert row.source_url == plans.loc[row.plan_id, "source_url"]
    assert history.changed_since(bundled)["nc-opt-forfait-m-5h"] == dt.date(2019, 11, 15)
