"""Small hand-written datasets for tests: only the cells a test cares about, the rest filled in."""

from __future__ import annotations

import csv
from pathlib import Path

from simatlas import schema

PROVENANCE = {"source_url": "https://example.org/source", "seen_on": "2026-11-01", "confidence": "high"}

OPERATORS = [
    {"operator_id": "hk-alpha", "name": "Alpha HK", "country": "HK", "kind": "mno"},
    {"operator_id": "nc-opt", "name": "OPT test", "country": "NC", "kind": "mno"},
    {"operator_id": "seller", "name": "Seller", "country": "", "kind": "esim_seller"},
]
PLAN_DEFAULTS = {"sim_type": "physical", "billing": "prepaid", "unlimited": "no", "currency": "EUR"}
PLANS = [
    {"plan_id": "hk-a-small", "operator_id": "hk-alpha", "countries": "HK", "name": "Small",
     "price": "10", "data_gb": "1", "validity_days": "7", "hotspot": "yes"},
    {"plan_id": "hk-a-big", "operator_id": "hk-alpha", "countries": "HK", "name": "Big",
     "price": "30", "data_gb": "20", "validity_days": "30", "hotspot": "no", "five_g": "yes"},
    {"plan_id": "nc-month", "operator_id": "nc-opt", "countries": "NC", "name": "Month",
     "price": "2386.63", "currency": "XPF", "data_gb": "10", "validity_days": "30"},
    {"plan_id": "seller-asia", "operator_id": "seller", "countries": "HK; NC", "name": "Asia",
     "sim_type": "esim", "price": "15", "currency": "USD", "unlimited": "yes", "fair_use_gb": "5",
     "validity_days": ""},
]
FX = [
    {"currency": "EUR", "per_eur": "1", "as_of": "2026-11-01", "kind": "market"},
    {"currency": "USD", "per_eur": "1.5", "as_of": "2026-11-01", "kind": "market"},
    {"currency": "XPF", "per_eur": "119.331742", "as_of": "2026-11-01", "kind": "peg"},
    {"currency": "HKD", "per_eur": "8", "as_of": "2026-11-01", "kind": "market"},
]
COUNTRIES = [
    {"country": "HK", "id_required": "yes", "local_currency": "HKD"},
    {"country": "NC", "id_required": "", "local_currency": "XPF"},
]


def test_quote(row: dict[str, str]) -> dict[str, str]:
    """A stand-in for the page's words that states every cell of a test row (the validator asks
    for a quote behind a price, a yes or an audience); a test of those rules passes its own."""
    stated = " · ".join(f"{column} {value}" for column, value in row.items() if value)
    return {"source_quote": stated[:500], "source_lang": "en"}


def write_csv(path: Path, file: str, rows: list[dict[str, str]], defaults: dict | None = None) -> None:
    columns = [spec.name for spec in schema.FILES[file]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            base = {**PROVENANCE, **(defaults or {})} if "source_url" in columns else {}
            if file == "fx_rates.csv":
                base = {"source_url": PROVENANCE["source_url"]}
            if "source_quote" in columns and "source_quote" not in row:
                base = {**base, **test_quote(row)}
            writer.writerow({**base, **row})


def write_dataset(folder: Path, **overrides: list[dict[str, str]]) -> Path:
    """A valid tiny dataset; pass e.g. plans=[...] to replace a file's rows."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "operators.csv": (overrides.get("operators", OPERATORS), None),
        "plans.csv": (overrides.get("plans", PLANS), PLAN_DEFAULTS),
        "renewal.csv": (overrides.get("renewal", []), None),
        "cancellation.csv": (overrides.get("cancellation", []), None),
        "countries.csv": (overrides.get("countries", COUNTRIES), None),
        "fx_rates.csv": (overrides.get("fx", FX), None),
        "price_history.csv": (overrides.get("price_history", []), None),
        "networks.csv": (overrides.get("networks", []), None),
    }
    for file, (rows, defaults) in tables.items():
        write_csv(folder / file, file, rows, defaults)
    return folder
