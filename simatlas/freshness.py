"""The About-the-data page's "Freshness" tables: recent price changes and stale sources per place.

Thin, labelled views of `history.changes_by_place` and `quality.freshness_report`, computed once per
dataset, day and language.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from simatlas import history, quality
from simatlas.i18n import country_name
from simatlas.loader import Dataset
from simatlas.memo import per_dataset

CHANGE_WINDOWS = (6, 12)  # months


@per_dataset
def price_changes_by_place(dataset: Dataset, today: dt.date, lang: str) -> pd.DataFrame:
    """Per place: plans, and how many of them changed value in the last 6 and 12 months.

    Columns: place, plans, changed_6, changed_12; most changes first, then most plans.
    """
    tables = [
        history.changes_by_place(dataset, months, today).rename(columns={"changed": f"changed_{months}"})
        for months in CHANGE_WINDOWS
    ]
    table = tables[0]
    for other in tables[1:]:
        table = table.merge(other.drop(columns=["plans"]), on="country", how="outer")
    counts = [f"changed_{months}" for months in CHANGE_WINDOWS]
    table = table.sort_values([*reversed(counts), "plans", "country"],
                              ascending=[False] * (len(counts) + 1) + [True], ignore_index=True)
    table.insert(0, "place", table["country"].map(lambda code: country_name(code, lang)))
    return table.drop(columns=["country"])


@per_dataset
def _report(dataset: Dataset, today: dt.date) -> dict[str, pd.DataFrame]:
    # The page's share only: the full report also lists every (fact, place) row, 1.4 million at world scale.
    return quality.freshness_by_place(dataset, today)


@per_dataset
def stale_by_place(dataset: Dataset, today: dt.date, lang: str) -> pd.DataFrame:
    """Per place: rows, stale and undated rows, oldest source and stale share (%), most plans first."""
    table = _report(dataset, today)["by_place"].copy()  # the memoised report is shared: never changed
    table["place"] = table["place"].map(lambda code: country_name(code, lang))
    return table[["place", "plans", "rows", "stale", "undated", "oldest", "stale_share"]]


@per_dataset
def recheck_next(dataset: Dataset, today: dt.date, lang: str) -> pd.DataFrame:
    """The stale rows to re-check next (see `quality.freshness_report`), place named in `lang`."""
    table = _report(dataset, today)["recheck"].copy()
    # Sellers spanning places have no place: left empty (the grid says unknown), never guessed.
    table["place"] = [country_name(code, lang) if isinstance(code, str) else None for code in table["place"]]
    return table[["place", "file", "key", "source_date", "age_days", "source_url"]]
