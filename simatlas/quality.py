"""How good the data is: coverage, freshness, unknown fields, and every source used."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from simatlas import schema, suitability
from simatlas.i18n import country_name, t
from simatlas.loader import Dataset
from simatlas.memo import per_dataset
from simatlas.places import places, plans_in

TABLES = ("operators", "plans", "renewal", "cancellation", "countries")
PROVENANCE = {"source_url", "seen_on", "source_date", "confidence", "conflict_url", "note_en", "note_zh"}


def _fact_columns(file: str) -> list[str]:
    """Columns that hold facts (not ids, provenance or notes): where "unknown" means a gap."""
    return [spec.name for spec in schema.FILES[file]
            if not spec.required and spec.name not in PROVENANCE and spec.kind != "ref"]


def _unknown(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame[columns].isna() | frame[columns].eq("unknown")


@per_dataset
def coverage_by_place(dataset: Dataset, lang: str) -> pd.DataFrame:
    rows = []
    plan_columns = _fact_columns("plans.csv")
    for code in places(dataset):
        operators = dataset.operators[dataset.operators["country"] == code]
        in_place = plans_in(dataset, code)
        policy = pd.concat([frame[frame["operator_id"].isin(operators["operator_id"])]
                            for frame in (dataset.renewal, dataset.cancellation)])
        seen = pd.concat([operators["seen_on"], in_place["seen_on"], policy["seen_on"]])
        dated = pd.concat([operators["source_date"], in_place["source_date"], policy["source_date"]]).dropna()
        unknown = _unknown(in_place, plan_columns).to_numpy().mean() if len(in_place) else None
        rows.append({
            "place": country_name(code, lang), "operators": len(operators), "plans": len(in_place),
            "rules": len(policy), "unknown_share": None if unknown is None else round(100 * unknown),
            "oldest_source": dated.min() if len(dated) else None,
            "newest_source": dated.max() if len(dated) else None,
            "seen_on": seen.max() if len(seen) else None,
        })
    return pd.DataFrame(rows)


@per_dataset
def freshness(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Rows per year the source states (its own date), undated as its own bar."""
    dates = pd.concat([getattr(dataset, name)["source_date"] for name in TABLES])
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
    cited = pd.concat([
        getattr(dataset, name)[["source_url", "confidence"]].assign(file=f"{name}.csv") for name in TABLES
    ])
    grouped = cited.groupby("source_url").agg(
        rows=("file", "size"), files=("file", lambda files: ", ".join(sorted(set(files)))),
    )
    return grouped.reset_index().sort_values(["rows", "source_url"], ascending=[False, True])


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
    """The place(s) of each row; a plan lists every place it works in (one row each after explode)."""
    if name == "plans":
        return frame["plan_id"].map(dataset.coverage.groupby("plan_id")["country"].agg(list))
    if name == "countries":
        return frame["country"]
    if name == "operators":
        return frame["country"]
    return frame["operator_id"].map(dataset.operators.set_index("operator_id")["country"])


def source_ages(dataset: Dataset, today: dt.date) -> pd.DataFrame:
    """Every fact row with its source's own date and age, one row per place it applies to.

    Columns: file, key, place (NA for sellers spanning places), operator_id, source_date,
    age_days (NA when undated), stale, source_url. Undated rows first, then oldest first.
    """
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
        }))
    rows = pd.concat(parts, ignore_index=True).explode("place", ignore_index=True)
    age = suitability.source_age_days(rows["source_date"], today)
    rows["age_days"] = pd.Series(age, index=rows.index).astype("Int64")
    rows["stale"] = suitability.is_stale(age)  # undated is stale: no date, no claim to be today's
    order = rows.assign(undated=rows["age_days"].isna(), age=rows["age_days"].fillna(0))
    order = order.sort_values(["undated", "age", "file", "key"], ascending=[False, False, True, True])
    columns = ["file", "key", "place", "operator_id", "source_date", "age_days", "stale", "source_url"]
    return order[columns].reset_index(drop=True)


def _summary(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    grouped = rows.dropna(subset=[by]).groupby(by)
    table = grouped.agg(
        rows=("key", "size"), stale=("stale", "sum"),
        undated=("age_days", lambda ages: int(ages.isna().sum())), oldest=("source_date", "min"),
    ).reset_index()
    table["stale_share"] = (100 * table["stale"] / table["rows"]).round().astype("int64")
    return table


def freshness_report(dataset: Dataset, today: dt.date, limit: int = RECHECK_LIMIT) -> dict[str, pd.DataFrame]:
    """How old the sources are, for the freshness command and the About-the-data page.

    - rows: every fact row by source age (see `source_ages`), undated first, then oldest first;
    - by_place: rows, stale, undated, oldest source and stale share (%) per place, most plans first;
    - by_operator: the same per operator, oldest source first (undated operators first);
    - recheck: the stale rows to re-check next: places with the most plans first, then undated and
      oldest first, at most `limit` rows.
    Stale means undated or older than `STALE_AFTER_DAYS` days.
    """
    rows = source_ages(dataset, today)
    plans_per_place = dataset.coverage.groupby("country")["plan_id"].nunique()
    by_place = _summary(rows, "place")
    by_place.insert(1, "plans", by_place["place"].map(plans_per_place).fillna(0).astype("int64"))
    by_place = by_place.sort_values(["plans", "place"], ascending=[False, True], ignore_index=True)
    by_operator = _summary(rows.drop_duplicates(["file", "key"]), "operator_id")
    by_operator = by_operator.sort_values(
        ["undated", "oldest", "operator_id"], ascending=[False, True, True], na_position="first",
        ignore_index=True,
    )
    stale = rows[rows["stale"]].assign(
        plans=rows["place"].map(plans_per_place).fillna(0),
        not_a_plan=rows["file"] != "plans.csv",  # prices go out of date fastest: plans first
    )
    # A stable sort keeps `rows`' order (undated, then oldest) within each place.
    recheck = stale.sort_values(["plans", "not_a_plan"], ascending=[False, True], kind="stable")
    recheck = recheck.drop(columns=["plans", "not_a_plan"])
    return {"rows": rows, "by_place": by_place, "by_operator": by_operator,
            "recheck": recheck.head(limit).reset_index(drop=True)}
