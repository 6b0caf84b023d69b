"""Prices with history: a plan's earlier values (data/price_history.csv) and its current one.

A history row records one earlier value of a plan and the date it stopped holding (`valid_until`);
the next value, or the current one in plans.csv, started that day. When an earlier value started is
often unknown (`valid_from` empty): it is drawn as a single point at the last date it is known to
have held, never stretched back to a guessed start.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from simatlas.loader import Dataset
from simatlas.memo import per_view

VALUE_COLUMNS = ["price", "currency", "data_gb", "validity_days"]
SOURCE_COLUMNS = ["source_url", "source_date", "confidence"]
HISTORY_COLUMNS = ["plan_id", *VALUE_COLUMNS, "valid_from", "valid_until", "current", *SOURCE_COLUMNS]


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="%Y-%m-%d")


def plan_position(dataset: Dataset, plan_id: str) -> int | None:
    """The row position of `plan_id` in dataset.plans: one scan in Arrow's own code over the id
    column (zero-copy), cheaper than a pandas comparison, and no dict of every id to build first (a
    cold first visitor's wait at a million plans; figures in bench/README.md)."""
    position = pc.index(pa.array(dataset.plans["plan_id"]), plan_id).as_py()
    return None if position is None or position < 0 else int(position)


@per_view()  # the plan a shared link's details open on: the same for every visitor
def price_history(dataset: Dataset, plan_id: str) -> pd.DataFrame:
    """Earlier values of a plan, oldest first, then its current value (`current` is True).

    `valid_from` and `valid_until` are timestamps; NaT is unknown (an earlier value's start) or open
    (the current value's end). The current value starts when the last earlier value stopped.
    """
    earlier = dataset.price_history[dataset.price_history["plan_id"] == plan_id]
    earlier = earlier.assign(
        valid_from=_dates(earlier["valid_from"]), valid_until=_dates(earlier["valid_until"]), current=False,
    ).sort_values("valid_until")
    position = plan_position(dataset, plan_id)
    plan = dataset.plans.iloc[[] if position is None else [position]]
    # assign() takes NaT like any scalar; the stubs leave NaTType out.
    now = plan.assign(
        valid_from=earlier["valid_until"].max() if len(earlier) else pd.NaT,  # type: ignore[arg-type]
        valid_until=pd.NaT,  # type: ignore[arg-type]
        current=True,
    )
    frame = pd.concat([earlier[HISTORY_COLUMNS], now[HISTORY_COLUMNS]], ignore_index=True)
    frame["valid_from"] = frame["valid_from"].astype("datetime64[ns]")
    frame["valid_until"] = frame["valid_until"].astype("datetime64[ns]")
    return frame


def changed_since(dataset: Dataset) -> dict[str, dt.date]:
    """For each plan with recorded history: the day its current value started."""
    history = dataset.price_history
    if history.empty:
        return {}
    last = _dates(history["valid_until"]).groupby(history["plan_id"]).max()
    return {str(plan_id): when.date() for plan_id, when in last.items()}


def changes_by_place(dataset: Dataset, months: int, today: dt.date) -> pd.DataFrame:
    """Per place: how many of its plans changed value (price or allowance) in the last `months` months.

    A change is an earlier value whose `valid_until` falls in the window. Columns: country, plans
    (plans that work there), changed; places with most changes first. A place whose history is empty
    reads 0 changes recorded, which is not proof that no price changed.
    """
    end = pd.Timestamp(today)
    start = end - pd.DateOffset(months=months)
    until = _dates(dataset.price_history["valid_until"])
    in_window = (until > start) & (until <= end)
    changed_plans = dataset.plans["plan_id"].isin(dataset.price_history.loc[in_window, "plan_id"]).to_numpy()
    # Counted on the coverage's positions (one row per plan and place, no duplicates): a regional plan
    # is one number per place, not a text comparison per place (1.4 million at world scale).
    place, codes = pd.factorize(dataset.coverage["country"])
    weights = changed_plans[dataset.coverage["pos"].to_numpy()]
    changed = np.bincount(place, weights=weights, minlength=len(codes))
    table = pd.DataFrame({"country": np.asarray(codes, dtype=object),
                          "plans": np.bincount(place, minlength=len(codes)).astype("int64"),
                          "changed": changed.astype("int64")})
    return table.sort_values(["changed", "country"], ascending=[False, True], ignore_index=True)


def price_points(history: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """The points of a step line for `price_history`'s frame, in drawing order (`step`).

    A value is drawn from its start (when known) to its end; the current value runs to `today`.
    An earlier value whose start is unknown is one point at its end date, the last day it held.
    Columns: step, date, price, current, valid_from, valid_until (text, "" when unknown/open),
    source_date.
    """
    rows = []
    value: Any  # a row of itertuples(): the stubs type its fields as any scalar, not as their columns
    for value in history.itertuples(index=False):
        dates = [value.valid_from, value.valid_until if not value.current else pd.Timestamp(today)]
        for date in dates:
            if pd.isna(date):
                continue
            rows.append({
                "date": date, "price": value.price, "current": bool(value.current),
                "valid_from": "" if pd.isna(value.valid_from) else value.valid_from.strftime("%Y-%m-%d"),
                "valid_until": "" if pd.isna(value.valid_until) else value.valid_until.strftime("%Y-%m-%d"),
                "source_date": "" if pd.isna(value.source_date) else value.source_date,
            })
    points = pd.DataFrame(
        rows, columns=["date", "price", "current", "valid_from", "valid_until", "source_date"]
    )
    points.insert(0, "step", range(len(points)))
    points["price"] = points["price"].astype("Float64")
    return points
