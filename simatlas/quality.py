"""How good the data is: coverage, freshness, unknown fields, and every source used."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from simatlas import datapackage, networks, schema, suitability
from simatlas.i18n import country_name, t
from simatlas.loader import Dataset
from simatlas.memo import per_dataset
from simatlas.places import (
    coverage_places,
    map_ids,
    per_place_plan_values,
    place_text_range,
    places,
    policy_places,
)

TABLES = ("operators", "plans", "renewal", "cancellation", "countries")
PROVENANCE = frozenset(schema.PROVENANCE)


def _fact_columns(file: str) -> list[str]:
    """Columns that hold facts (not ids, provenance or notes): where "unknown" means a gap."""
    return [spec.name for spec in schema.FILES[file]
            if not spec.required and spec.name not in PROVENANCE and spec.kind != "ref"]


def _unknown(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame[columns].isna() | (frame[columns] == "unknown")


@per_dataset
def coverage_by_place(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Per place: local operators, plans that work there, their rules, the share of unknown plan facts
    and how old the sources are. Grouped over the coverage at once: selecting each place's plans in
    turn grows with places × regional plans (bench/README.md, world shape)."""
    codes = places(dataset)
    local = dataset.operators["country"].value_counts().reindex(codes, fill_value=0)
    policy = pd.concat([dataset.renewal, dataset.cancellation])
    rules = policy_places(dataset, policy).value_counts().reindex(codes, fill_value=0)
    plan_columns = _fact_columns("plans.csv")
    unknown_cells = _unknown(dataset.plans, plan_columns).to_numpy().sum(axis=1)
    in_place = per_place_plan_values(dataset, unknown_cells, ["size", "sum"]).reindex(codes, fill_value=0)
    dated = place_text_range(dataset, "source_date", ("renewal", "cancellation"))
    seen = place_text_range(dataset, "seen_on", ("renewal", "cancellation"))
    plans = in_place["size"].astype(int)
    # Integer sums, divided once: the same share the mean of every place's unknown cells gives.
    cells = plans.to_numpy() * len(plan_columns)
    share = np.round(100 * in_place["sum"].to_numpy(dtype=float) / np.maximum(cells, 1))
    return pd.DataFrame({
        "place": [country_name(code, lang) for code in codes],
        "operators": local.to_numpy(), "plans": plans.to_numpy(), "rules": rules.to_numpy(),
        "unknown_share": [None if count == 0 else int(value)
                          for count, value in zip(plans, share, strict=True)],
        "oldest_source": dated["min"].to_numpy(), "newest_source": dated["max"].to_numpy(),
        "seen_on": seen["max"].to_numpy(),
    })


@per_dataset
def freshness(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Rows per year the source states (its own date), undated as its own bar."""
    dates: pd.Series = pd.concat([getattr(dataset, name)["source_date"] for name in TABLES])
    years = dates.str[:4].fillna(t("data.undated", lang))
    return years.value_counts().rename_axis("year").reset_index(name="rows").sort_values("year")


@per_dataset
def unknown_fields(dataset: Dataset, limit: int = 15) -> pd.DataFrame:
    """Share of rows where each fact column is unknown, most unknown first."""
    shares = []
    for name in TABLES:
        file = f"{name}.csv"
        frame = getattr(dataset, name)
        if frame.empty:
            continue
        unknown = _unknown(frame, _fact_columns(file)).mean()
        shares += [{"field": f"{name}.{column}", "share": round(100 * value)}
                   for column, value in unknown.items()]
    table = pd.DataFrame(shares, columns=["field", "share"])
    return table.sort_values("share", ascending=False).head(limit)


@per_dataset
def sources(dataset: Dataset) -> pd.DataFrame:
    """Every source address with the files it is used in and how many rows cite it, most cited first."""
    cited: pd.DataFrame = pd.concat([
        getattr(dataset, name)[["source_url", "confidence"]].assign(file=f"{name}.csv") for name in TABLES
    ])
    grouped = cited.groupby("source_url").agg(
        rows=("file", "size"), files=("file", lambda files: ", ".join(sorted(set(files)))),
    )
    return grouped.reset_index().sort_values(["rows", "source_url"], ascending=[False, True])


LAYERS = ("curated", "networks", "boundaries")
PER_ROW = "per_row"  # a layer whose rows each carry their own date and confidence


@per_dataset
def layers(dataset: Dataset) -> pd.DataFrame:
    """What each layer of the data covers, where it comes from, how old and how sure it is, and its
    licence: the curated rows (operators' and regulators' own pages), the list of network codes, the
    map's boundaries (shapes drawn, not places of the data). Keys only: the page adds the words."""
    curated_rows = sum(len(getattr(dataset, name)) for name in TABLES)
    listed = networks.counts_by_place(dataset)
    return pd.DataFrame([
        {"layer": "curated", "places": len(dataset.place_codes), "rows": curated_rows,
         "source_date": PER_ROW, "confidence": PER_ROW,
         "licence": datapackage.DATA_LICENCE["name"], "licence_url": datapackage.DATA_LICENCE["path"]},
        {"layer": "networks", "places": len(listed), "rows": len(dataset.networks),
         "source_date": networks.SOURCE_DATE, "confidence": "low",
         "licence": datapackage.NETWORKS_LICENCE["name"],
         "licence_url": datapackage.NETWORKS_LICENCE["path"]},
        {"layer": "boundaries", "places": len(map_ids()), "rows": len(map_ids()),  # one shape each
         "source_date": None, "confidence": None,
         "licence": "Public domain (Natural Earth); ISC (world-atlas)",
         "licence_url": "https://www.naturalearthdata.com/about/terms-of-use/"},
    ], columns=["layer", "places", "rows", "source_date", "confidence", "licence", "licence_url"])


@per_dataset
def currencies_without_rate(dataset: Dataset) -> list[str]:
    used = set(dataset.plans["currency"].dropna()) | set(dataset.countries["local_currency"].dropna())
    return sorted(used - set(dataset.fx_rates["currency"]))


# Facts whose age matters. Price history is left out: an earlier price is old by design.
FRESHNESS_TABLES = ("plans", "operators", "renewal", "cancellation", "countries")
RECHECK_LIMIT = 15


def _row_keys(name: str, frame: pd.DataFrame) -> pd.Series:
    """A readable key per row, as a correction or an issue would name it."""
    if name in ("renewal", "cancellation"):
        return frame["operator_id"] + " " + frame["product"]
    column = {"plans": "plan_id", "operators": "operator_id", "countries": "country"}[name]
    return frame[column]


def _row_places(name: str, frame: pd.DataFrame, dataset: Dataset) -> pd.Series:
    """The place of each row; NA for a plan (it has one row per place, see `_per_place`)."""
    if name == "plans":
        return pd.Series(pd.NA, index=frame.index, dtype=object)
    if name == "countries":
        return frame["country"]
    if name == "operators":
        return frame["country"]
    return policy_places(dataset, frame)


def _fact_rows(dataset: Dataset, today: dt.date) -> pd.DataFrame:
    """Every fact row once (a plan once, whatever the places it works in), undated first, then oldest,
    then by file and key. `plan_pos` is a plan's row position in dataset.plans (-1 for other files)."""
    parts = []
    for name in FRESHNESS_TABLES:
        frame = getattr(dataset, name)
        parts.append(pd.DataFrame({
            "file": f"{name}.csv",
            "key": _row_keys(name, frame),
            "place": _row_places(name, frame, dataset),
            "operator_id": frame.get("operator_id", pd.NA),
            "source_date": frame["source_date"],
            "source_url": frame["source_url"],
            "plan_pos": np.arange(len(frame)) if name == "plans" else -1,
        }))
    rows = pd.concat(parts, ignore_index=True)
    age = suitability.source_age_days(rows["source_date"], today)
    rows["age_days"] = pd.Series(age, index=rows.index).astype("Int64")
    rows["stale"] = suitability.is_stale(age)  # undated is stale: no date, no claim to be today's
    order = rows.assign(undated=rows["age_days"].isna(), age=rows["age_days"].fillna(0))
    order = order.sort_values(["undated", "age", "file", "key"], ascending=[False, False, True, True])
    return rows.loc[order.index].reset_index(drop=True)


def _per_place(facts: pd.DataFrame, dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """(fact row, place) pairs, in the facts' order: a plan once for every place it works in, in the
    order its `countries` cell lists them; other rows once. Plain arrays read from the coverage by
    position: a regional plan listing 60 places costs 60 array entries, not 60 copies of its row."""
    coverage = dataset.coverage.iloc[np.argsort(dataset.coverage["pos"].to_numpy(), kind="stable")]
    counts = np.bincount(coverage["pos"].to_numpy(), minlength=len(dataset.plans))
    starts = np.cumsum(counts) - counts
    plan_pos = facts["plan_pos"].to_numpy()
    known = np.maximum(plan_pos, 0)
    repeat = np.where(plan_pos >= 0, np.maximum(counts[known], 1), 1)
    fact_index = np.repeat(np.arange(len(facts)), repeat)
    offset = np.arange(len(fact_index)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    from_coverage = (plan_pos[fact_index] >= 0) & (counts[known[fact_index]] > 0)
    place = facts["place"].to_numpy(object)[fact_index]
    numbers, codes = coverage_places(dataset)
    covered = numbers[coverage.index.to_numpy()]  # the coverage in plan order, as place numbers
    place[from_coverage] = codes[covered[starts[known[fact_index[from_coverage]]] + offset[from_coverage]]]
    return fact_index, place


def source_ages(dataset: Dataset, today: dt.date) -> pd.DataFrame:
    """Every fact row with its source's own date and age, one row per place it applies to.

    Columns: file, key, place (NA for sellers spanning places), operator_id, source_date,
    age_days (NA when undated), stale, source_url. Undated rows first, then oldest first.
    """
    facts = _fact_rows(dataset, today)
    return _rows_per_place(facts, *_per_place(facts, dataset))


AGE_COLUMNS = ["file", "key", "place", "operator_id", "source_date", "age_days", "stale", "source_url"]


def _rows_per_place(facts: pd.DataFrame, fact_index: np.ndarray, place: np.ndarray) -> pd.DataFrame:
    return facts.iloc[fact_index].reset_index(drop=True).assign(place=place)[AGE_COLUMNS]


def _summary(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    grouped = rows.assign(undated=rows["age_days"].isna()).dropna(subset=[by]).groupby(by)
    table = grouped.agg(
        rows=("key", "size"), stale=("stale", "sum"), undated=("undated", "sum"),
        oldest=("source_date", "min"),
    ).reset_index()
    table["undated"] = table["undated"].astype("int64")
    table["stale_share"] = (100 * table["stale"] / table["rows"]).round().astype("int64")
    return table


def freshness_by_place(dataset: Dataset, today: dt.date,
                       limit: int = RECHECK_LIMIT) -> dict[str, pd.DataFrame]:
    """The About-the-data page's share of `freshness_report`: `by_place` and `recheck` (see there).

    Counted on (fact, place) arrays, never on a table with one row per fact and place: at world
    scale (60,000 plans, mostly regional) that table has 1.4 million rows of text.
    """
    facts = _fact_rows(dataset, today)
    return _place_tables(dataset, facts, *_per_place(facts, dataset), limit)


def _place_tables(dataset: Dataset, facts: pd.DataFrame, fact_index: np.ndarray, place: np.ndarray,
                  limit: int) -> dict[str, pd.DataFrame]:
    place_code, codes = pd.factorize(place)  # -1: sellers spanning places (no place of their own)
    plans_per_place = dataset.coverage.groupby("country")["plan_id"].nunique()
    plans = plans_per_place.reindex(codes, fill_value=0).to_numpy()
    stale = facts["stale"].to_numpy(dtype=bool)[fact_index]
    has_place = place_code >= 0
    date_code, dates = pd.factorize(facts["source_date"], sort=True)  # code order is date order
    dated = pd.Series(date_code[fact_index][has_place]).where(lambda code: code >= 0)
    oldest = dated.groupby(place_code[has_place]).min().reindex(range(len(codes)))
    count = np.bincount(place_code[has_place], minlength=len(codes))
    stale_count = np.bincount(place_code[has_place], weights=stale[has_place], minlength=len(codes))
    undated = np.bincount(place_code[has_place], weights=(date_code[fact_index] < 0)[has_place],
                          minlength=len(codes))
    by_place = pd.DataFrame({
        "place": list(codes), "plans": plans.astype("int64"), "rows": count.astype("int64"),
        "stale": stale_count.astype("int64"), "undated": undated.astype("int64"),
        "oldest": pd.Series([None if pd.isna(code) else str(dates[int(code)]) for code in oldest],
                            dtype=facts["source_date"].dtype),
    })
    by_place["stale_share"] = (100 * by_place["stale"] / by_place["rows"]).round().astype("int64")
    by_place = by_place.sort_values(["plans", "place"], ascending=[False, True], ignore_index=True)
    # Stale rows to re-check: places with the most plans first, prices before other facts (prices go
    # out of date fastest), then the facts' own order (undated, then oldest).
    candidates = np.flatnonzero(stale)
    place_plans = np.where(has_place, plans[np.maximum(place_code, 0)], 0)[candidates]
    not_a_plan = facts["plan_pos"].to_numpy()[fact_index[candidates]] < 0
    chosen = candidates[np.lexsort((candidates, not_a_plan, -place_plans))[:limit]]
    return {"by_place": by_place, "recheck": _rows_per_place(facts, fact_index[chosen], place[chosen])}


def freshness_report(dataset: Dataset, today: dt.date, limit: int = RECHECK_LIMIT) -> dict[str, pd.DataFrame]:
    """How old the sources are, for the freshness command and the About-the-data page.

    - rows: every fact row by source age (see `source_ages`), undated first, then oldest first;
    - by_place: rows, stale, undated, oldest source and stale share (%) per place, most plans first;
    - by_operator: the same per operator, oldest source first (undated operators first);
    - recheck: the stale rows to re-check next: places with the most plans first, then undated and
      oldest first, at most `limit` rows.
    Stale means undated or older than `STALE_AFTER_DAYS` days.
    """
    facts = _fact_rows(dataset, today)  # once, with its (fact, place) pairs, for every part
    fact_index, place = _per_place(facts, dataset)
    # One row per fact: a plan's places do not change its operator's counts.
    by_operator = _summary(facts, "operator_id")
    by_operator = by_operator.sort_values(
        ["undated", "oldest", "operator_id"], ascending=[False, True, True], na_position="first",
        ignore_index=True,
    )
    return {"rows": _rows_per_place(facts, fact_index, place),
            **_place_tables(dataset, facts, fact_index, place, limit), "by_operator": by_operator}
