"""Synthetic datasets with the real schema, for tests and benchmarks only (never bundled).

Rows are clearly fake (example.org sources, "Synthetic" names) but follow realistic shapes: a few
operators per place, sellers spanning many places, prices rising with data, some unknowns.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simatlas import schema

PLACES = {
    "NC": "XPF", "HK": "HKD", "MO": "MOP", "TW": "TWD", "JP": "JPY", "KR": "KRW", "TH": "THB",
    "SG": "SGD", "MY": "MYR", "VN": "VND", "ID": "IDR", "PH": "PHP", "AU": "AUD", "NZ": "NZD",
    "FJ": "FJD", "PF": "XPF", "FR": "EUR", "GB": "GBP", "DE": "EUR", "IT": "EUR", "ES": "EUR",
    "CH": "CHF", "US": "USD", "CA": "CAD",
}
PER_EUR = {
    "EUR": 1.0, "USD": 1.08, "XPF": 119.331742, "HKD": 8.43, "MOP": 8.68, "TWD": 34.9,
    "JPY": 162.0, "KRW": 1480.0, "THB": 38.5, "SGD": 1.45, "MYR": 4.9, "VND": 27400.0,
    "IDR": 17300.0, "PHP": 62.0, "AUD": 1.64, "NZD": 1.8, "FJD": 2.45, "GBP": 0.85,
    "CHF": 0.95, "CAD": 1.48, "CNY": 7.8,
}
SOURCE = "https://example.org/synthetic"


def _tri(rng: np.random.Generator, size: int, unknown_share: float = 0.2) -> np.ndarray:
    draws = rng.random(size)
    return np.where(draws < unknown_share, "", np.where(draws < 0.6, "yes", "no"))


def _provenance(rng: np.random.Generator, size: int) -> dict[str, object]:
    days = rng.integers(0, 400, size)
    seen = pd.Timestamp("2026-11-21") - pd.to_timedelta(days, unit="D")
    # Sources state their own date some time before we read them; a fifth state none (undated).
    age = pd.to_timedelta(rng.integers(0, 1200, size), unit="D")
    stated = (seen - age).strftime("%Y-%m-%d")
    return {
        "source_url": SOURCE,
        "seen_on": seen.strftime("%Y-%m-%d"),
        "source_date": np.where(rng.random(size) < 0.2, "", stated),
        "confidence": rng.choice(schema.CONFIDENCE, size),
        "conflict_url": "",
        "note_en": "",
        "note_zh": "",
    }


def operators_frame(rng: np.random.Generator, count: int) -> pd.DataFrame:
    places = list(PLACES)
    is_seller = np.arange(count) % 10 == 9
    country = np.where(is_seller, "", [places[i % len(places)] for i in range(count)])
    kind = np.where(is_seller, "esim_seller", np.where(np.arange(count) % 3 == 2, "mvno", "mno"))
    ids = [f"syn-op{i}" for i in range(count)]
    return pd.DataFrame(
        {
            "operator_id": ids,
            "name": [f"Synthetic Operator {i}" for i in range(count)],
            "country": country,
            "kind": kind,
            "host_operator_id": "",
            "brands": "",
            "former_names": "",
            "website": SOURCE,
            "mcc_mnc": "",
            "local_esim": _tri(rng, count),
            **_provenance(rng, count),
        }
    )


def plans_frame(rng: np.random.Generator, operators: pd.DataFrame, count: int) -> pd.DataFrame:
    owner = rng.integers(0, len(operators), count)
    owners = operators.iloc[owner].reset_index(drop=True)
    places = np.array(list(PLACES))
    home = np.where(owners["country"] == "", places[rng.integers(0, len(places), count)], owners["country"])
    second = places[rng.integers(0, len(places), count)]
    countries = np.where(
        (owners["kind"] == "esim_seller") & (rng.random(count) < 0.3),
        np.char.add(np.char.add(home.astype(str), "; "), second),
        home,
    )
    currency = np.where(owners["kind"] == "esim_seller", "USD", [PLACES[c] for c in home])
    data_gb = np.round(rng.choice([1, 3, 5, 10, 20, 50, 100], count) * rng.uniform(0.5, 1.5, count))
    unlimited = np.where(rng.random(count) < 0.08, "yes", "no")
    price_eur = 2 + data_gb * rng.uniform(0.3, 3.0, count)
    per_eur = np.array([PER_EUR[c] for c in currency])
    return pd.DataFrame(
        {
            "plan_id": [f"syn-plan{i}" for i in range(count)],
            "operator_id": owners["operator_id"],
            "countries": countries,
            "name": [f"Synthetic plan {i}" for i in range(count)],
            "sim_type": rng.choice(schema.SIM_TYPES, count),
            "billing": rng.choice(schema.BILLINGS, count, p=[0.8, 0.2]),
            "audience": rng.choice(["tourist", "resident", "any", ""], count),
            "requires": rng.choice(["", "none", "base_plan", "local_id; min_term", "time_window"], count,
                                   p=[0.5, 0.3, 0.08, 0.07, 0.05]),
            "price": np.round(price_eur * per_eur, 2),
            "currency": currency,
            "data_gb": np.where(unlimited == "yes", np.nan, data_gb),
            "unlimited": unlimited,
            "fair_use_gb": np.where(unlimited == "yes", 50, np.nan),
            "validity_days": rng.choice([1, 3, 7, 15, 30, 90, 365], count),
            "local_number": _tri(rng, count),
            "hotspot": _tri(rng, count),
            "five_g": _tri(rng, count),
            "validity_starts": rng.choice(["purchase", "install", "first_connection", ""], count),
            "renewable": _tri(rng, count),
            "sim_fee": np.where(rng.random(count) < 0.5, 0, np.nan),
            "deposit": np.nan,
            "deposit_refundable": "",
            "monthly_admin_fee": np.nan,
            "min_term_months": np.nan,
            "early_termination_fee": np.nan,
            **_provenance(rng, count),
        }
    )


def policy_frame(rng, operators: pd.DataFrame, specs: list[schema.ColumnSpec]) -> pd.DataFrame:
    """Renewal or cancellation rows: one per operator, its main product."""
    size = len(operators)
    product = np.where(operators["kind"] == "esim_seller", "esim", "prepaid")
    columns: dict[str, object] = {"operator_id": operators["operator_id"], "product": product}
    for spec in specs[2:]:
        if spec.kind == "tri":
            columns[spec.name] = _tri(rng, size)
        elif spec.name in ("source_url", "seen_on", "source_date", "confidence"):
            continue
        else:
            columns[spec.name] = ""
    columns.update(_provenance(rng, size))
    return pd.DataFrame(columns)[[spec.name for spec in specs]]


def write_synthetic(folder: Path, plan_count: int, seed: int = 7) -> Path:
    """Write a complete, valid dataset of `plan_count` plans into `folder`."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    operator_count = max(10, min(2000, plan_count // 20))
    operators = operators_frame(rng, operator_count)
    frames = {
        "operators.csv": operators,
        "plans.csv": plans_frame(rng, operators, plan_count),
        "renewal.csv": policy_frame(rng, operators, schema.RENEWAL),
        "cancellation.csv": policy_frame(rng, operators, schema.CANCELLATION),
        "countries.csv": pd.DataFrame(
            {
                "country": list(PLACES),
                "id_required": _tri(rng, len(PLACES)),
                "id_rule_en": "",
                "id_rule_zh": "",
                "local_currency": list(PLACES.values()),
                **_provenance(rng, len(PLACES)),
            }
        ),
        "fx_rates.csv": pd.DataFrame(
            {
                "currency": list(PER_EUR),
                "per_eur": list(PER_EUR.values()),
                "as_of": "2026-11-20",
                "source_url": SOURCE,
                "kind": "market",
                "note": "",
            }
        ),
    }
    # No earlier prices: a header-only history is valid, and no benchmark reads it yet.
    frames["price_history.csv"] = pd.DataFrame(columns=[spec.name for spec in schema.PRICE_HISTORY])
    for name, frame in frames.items():
        frame.to_csv(folder / name, index=False)
    return folder
