"""How good the data is: coverage, freshness, unknown fields, and every source used."""

from __future__ import annotations

import pandas as pd

from simatlas import schema
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
