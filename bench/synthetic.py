"""Synthetic datasets with the real schema, for tests and benchmarks only (never bundled).

Rows are clearly fake (example.org sources, "Synthetic" names) but follow realistic shapes: a few
operators per place, sellers spanning many places, prices rising with data, some unknowns.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simatlas import schema
from simatlas.loader import DEFAULT_DATA_DIR

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
        # Every synthetic row is "quoted", so its yes flags and audience pass the validator.
        "source_quote": "Synthetic source text.",
        "source_lang": "en",
        "derived": "",
        "confidence": rng.choice(schema.CONFIDENCE, size),
        "conflict_url": "",
        "note_en": "",
        "note_zh": "",
    }


def _price_quotes(price: np.ndarray) -> list[str]:
    """A stand-in for each plan page's words that states its price (the validator checks it)."""
    return [f"Synthetic plan for {value:.2f}" if not np.isnan(value) else "Synthetic plan, price not given"
            for value in np.asarray(price, dtype=float)]


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
            "name_zh": "",
            "name_zh_url": "",
            "name_zh_seen_on": "",
            "name_zh_source_date": "",
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


def _plan_facts(rng: np.random.Generator, count: int) -> dict[str, object]:
    """The plan columns both shapes draw alike: tri-state features, validity start, a free SIM for
    half the plans, and fees no source gives (unknown)."""
    return {
        "local_number": _tri(rng, count),
        "hotspot": _tri(rng, count),
        "five_g": _tri(rng, count),
        "validity_starts": rng.choice(["purchase", "install", "first_connection", ""], count),
        "renewable": _tri(rng, count),
        "sim_fee": np.where(rng.random(count) < 0.5, 0.0, np.nan),
        "deposit": np.nan,
        "deposit_refundable": "",
        "monthly_admin_fee": np.nan,
        "min_term_months": np.nan,
        "early_termination_fee": np.nan,
    }


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
    price = np.round(price_eur * per_eur, 2)
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
            "price": price,
            "currency": currency,
            "data_gb": np.where(unlimited == "yes", np.nan, data_gb),
            "unlimited": unlimited,
            "fair_use_gb": np.where(unlimited == "yes", 50, np.nan),
            "validity_days": rng.choice([1, 3, 7, 15, 30, 90, 365], count),
            **_plan_facts(rng, count),
            **_provenance(rng, count),
            "source_quote": _price_quotes(price),
        }
    )


def policy_frame(rng: np.random.Generator, operators: pd.DataFrame,
                 specs: list[schema.ColumnSpec]) -> pd.DataFrame:
    """Renewal or cancellation rows: one per operator, its main product."""
    size = len(operators)
    product = np.where(operators["kind"] == "esim_seller", "esim", "prepaid")
    columns: dict[str, object] = {"operator_id": operators["operator_id"], "product": product}
    for spec in specs[2:]:
        if spec.kind == "tri":
            columns[spec.name] = _tri(rng, size)
        elif spec.name in ("source_url", "seen_on", "source_date", "source_quote", "source_lang",
                           "confidence"):
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
    frames["networks.csv"] = _real_networks(list(frames["countries.csv"]["country"]))
    return _write(folder, frames)


def _real_networks(places: list[str]) -> pd.DataFrame:
    """The bundled list of networks, for these places: it is the same size whatever the plans (one
    list of the world's network codes), so the real one is the shape to measure with."""
    listed = pd.read_csv(DEFAULT_DATA_DIR / "networks.csv", dtype=str, keep_default_na=False)
    return listed[listed["country"].isin(places)]


def _write(folder: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """Write each file with exactly its schema's columns. An optional column this generator does not
    draw (one added to the schema later) is written empty, i.e. unknown, which is always valid."""
    for name, frame in frames.items():
        specs = schema.FILES[name]
        missing = [spec.name for spec in specs if spec.name not in frame.columns]
        required = [spec.name for spec in specs if spec.required and spec.name in missing]
        if required:
            raise ValueError(f"synthetic {name} lacks required column(s): {', '.join(required)}")
        frame.assign(**dict.fromkeys(missing, ""))[[spec.name for spec in specs]].to_csv(
            folder / name, index=False)
    return folder


# --- World shape -------------------------------------------------------------------------------------
# Real eSIM price tables (esimdb's public September 2023 extract) hold ~60,000 plans across ~220 places
# and ~40 sellers, most plans regional: one plan row listing dozens of places in `countries` (the
# schema's own way to say "works in all of these"). This profile has that shape, for benchmarks and for
# tests that every page stays complete and readable at it.

WORLD_PLAN_COUNT = 60_000
WORLD_SELLERS = 40
SELLER_COVERAGE = (50, 150)  # places one seller covers, inclusive
REGION_SIZE = (12, 60)  # places in one regional plan (a seller's "global" plan covers all of its own)
# Babel territories that are not ISO 3166-1 countries or territories (EU, UN, exceptional
# reservations, pseudo-locales, unknown region), and uninhabited ones nobody sells a SIM for.
NOT_PLACES = frozenset({
    "AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ",
    "AQ", "BV", "GS", "HM", "IO", "TF", "UM", "PN", "CC", "CX", "NF", "TK", "SJ", "BQ", "EH",
    "KP", "VA", "AX", "BL", "MF", "PM", "SH", "WF", "NU", "FK", "MS", "GG", "JE", "IM",
})
SELLER_CURRENCIES = ("USD", "USD", "USD", "EUR", "EUR", "GBP", "HKD", "CNY", "AUD", "SGD", "JPY")
GIGABYTES = np.array([0.5, 1, 2, 3, 5, 10, 15, 20, 30, 50, 100])
DAYS = np.array([1, 3, 5, 7, 10, 15, 30, 60, 90, 180, 365])
# Long names are real (marketing names, legal names); some are Chinese. All say they are examples.
LONG_PLAN_NAMES = (
    "Synthetic Unlimited Premium Roaming Data Pass with Hotspot and 5G (example only) {gb} GB",
    "合成示例套餐：亚太及大洋洲多国多地区畅游高速流量包，含热点分享与5G网络，"
    "到期自动续订可随时取消，非真实商品，仅供测试使用 {gb}GB",
    "Synthetic Business Traveller Multi-Country Connectivity Bundle, Auto Top-up {gb} GB",
)
LONG_SELLER_NAMES = (
    "Synthetic Global Roaming Connectivity Solutions International Holdings Limited (example)",
    "合成示例环球漫游数据通信服务有限公司（测试用虚构卖家，非真实企业）",
)


def world_places() -> dict[str, str]:
    """≈220 real ISO 3166-1 places, each with its own currency as CLDR (Babel) records it today."""
    from babel.numbers import get_territory_currencies

    from simatlas.loader import iso_countries, iso_currencies

    known = iso_currencies()
    places: dict[str, str] = {}
    for code in sorted(iso_countries() - NOT_PLACES):
        currencies = [c for c in get_territory_currencies(code) if c in known]
        if currencies:
            places[code] = currencies[0]
    return places


def world_rates(currencies: list[str], rng: np.random.Generator) -> dict[str, float]:
    """Units per EUR: the rates above where known, otherwise synthetic but of the right size (a
    currency without minor units, like JPY or IDR, trades in the hundreds or thousands per euro)."""
    from babel.numbers import get_currency_precision

    rates: dict[str, float] = {}
    for currency in sorted(set(currencies)):
        if currency in PER_EUR:
            rates[currency] = PER_EUR[currency]
            continue
        low, high = (30.0, 30_000.0) if get_currency_precision(currency) == 0 else (0.3, 60.0)
        rates[currency] = float(np.round(np.exp(rng.uniform(np.log(low), np.log(high))), 4))
    return rates


def _world_operators(rng: np.random.Generator, places: list[str]) -> pd.DataFrame:
    """WORLD_SELLERS sellers spanning places, then one to three local operators per place."""
    ids, names, countries, kinds = [], [], [], []
    for index in range(WORLD_SELLERS):
        ids.append(f"syn-seller{index}")
        long = index % 13 == 5
        names.append(LONG_SELLER_NAMES[index % 2] if long else f"Synthetic eSIM Seller {index}")
        countries.append("")
        kinds.append("esim_seller")
    for place in places:
        for local in range(int(rng.integers(1, 4))):
            ids.append(f"syn-{place.lower()}-op{local}")
            names.append(f"Synthetic {place} Operator {local}")
            countries.append(place)
            kinds.append("mvno" if local == 2 else "mno")
    count = len(ids)
    return pd.DataFrame({
        "operator_id": ids, "name": names, "name_zh": "", "name_zh_url": "",
        "name_zh_seen_on": "", "name_zh_source_date": "", "country": countries,
        "kind": kinds, "host_operator_id": "",
        "brands": "", "former_names": "", "website": SOURCE, "mcc_mnc": "", "local_esim": _tri(rng, count),
        **_provenance(rng, count),
    })


def _world_plan_rows(rng: np.random.Generator, operators: pd.DataFrame, places: dict[str, str],
                     plan_count: int) -> pd.DataFrame:
    """Who sells each plan and where it works: the rows before their facts are drawn."""
    codes = np.array(list(places))
    # Shared world regions (a shuffled partition), so sellers' regional plans overlap as real ones do.
    regions = np.array_split(rng.permutation(codes), len(codes) // 30)
    locals_ = operators[operators["kind"] != "esim_seller"]
    sellers = operators[operators["kind"] == "esim_seller"]
    # Local operators sell a few plans at home; sellers get the rest, most of it regional.
    local_count = max(len(locals_), int(plan_count * 0.04))
    owners = list(locals_["operator_id"].sample(local_count, replace=local_count > len(locals_),
                                                random_state=int(rng.integers(1 << 30))))
    home = dict(zip(operators["operator_id"], operators["country"], strict=True))
    rows: list[tuple[str, str, str]] = [(owner, home[owner], "") for owner in owners]
    per_seller = (plan_count - len(rows)) // len(sellers)
    for seller in sellers["operator_id"]:
        size = int(rng.integers(SELLER_COVERAGE[0], SELLER_COVERAGE[1] + 1))
        covered = rng.choice(codes, size, replace=False)
        covered_set = set(covered)
        zones: list[tuple[str, list[str]]] = [("Global", sorted(covered_set))]
        for number, region in enumerate(regions):
            zone = sorted(covered_set.intersection(region))
            if len(zone) >= REGION_SIZE[0]:
                zones.append((f"Region {number + 1}", zone))
        # Wider zones: two or three neighbouring regions together, capped at REGION_SIZE.
        for start in range(0, len(zones) - 2, 2):
            merged = sorted({code for _, zone in zones[1 + start:4 + start] for code in zone})
            if REGION_SIZE[0] <= len(merged):
                zones.append((f"Zone {start // 2 + 1}", merged[:REGION_SIZE[1]]))
        regional = int(per_seller * 0.62)
        picks = rng.integers(0, len(zones), regional)
        picks[0] = 0  # a "Global" plan: every seller's plans together cover all its places
        rows += [(seller, "; ".join(zones[pick][1]), zones[pick][0]) for pick in picks]
        rows += [(seller, str(code), "") for code in rng.choice(covered, per_seller - regional)]
    return pd.DataFrame(rows, columns=["operator_id", "countries", "zone"])


def _world_plans(rng: np.random.Generator, operators: pd.DataFrame, places: dict[str, str],
                 rates: dict[str, float], plan_count: int) -> pd.DataFrame:
    rows = _world_plan_rows(rng, operators, places, plan_count)
    count = len(rows)
    is_seller = rows["operator_id"].str.startswith("syn-seller").to_numpy()
    seller_currency = {f"syn-seller{i}": SELLER_CURRENCIES[i % len(SELLER_CURRENCIES)]
                       for i in range(WORLD_SELLERS)}
    currency = pd.Series(np.where(is_seller, rows["operator_id"].map(seller_currency),
                                  rows["countries"].map(places)))
    gigabytes = rng.choice(GIGABYTES, count)
    days = rng.choice(DAYS, count)
    width = rows["countries"].str.count(";").to_numpy() + 1
    per_gb_eur = rng.uniform(0.8, 6.0, count) * (1 + np.log1p(width) / 3)
    price_eur = 0.5 + gigabytes * per_gb_eur + days * 0.02
    oddity = rng.random(count)
    unlimited = np.where(oddity > 0.93, "yes", "no").astype(object)
    data_gb = np.where(unlimited == "yes", np.nan, gigabytes)
    data_gb = np.where(oddity < 0.01, 0.0, data_gb)  # 0-GB rows: "activation only" or calls-only
    unlimited[(oddity >= 0.01) & (oddity < 0.03)] = ""  # neither amount nor "unlimited" known
    data_gb = np.where((oddity >= 0.01) & (oddity < 0.03), np.nan, data_gb)
    # Sellers' 0-day rows: the schema's minimum is 1 day, so "0 days" is recorded as it is meant
    # (no validity given: unknown) with a note, not as a 0 that the loader would reject.
    zero_days = (oddity >= 0.03) & (oddity < 0.045)
    validity = np.where(zero_days, np.nan, days)
    price = np.round(price_eur * currency.map(rates).to_numpy(), 2)
    price = np.where((oddity >= 0.045) & (oddity < 0.06), np.nan, price)  # price unknown
    # A few free trial plans, each for one place: a free regional plan would be every place's cheapest.
    price = np.where((oddity >= 0.06) & (oddity < 0.063) & (width == 1), 0.0, price)
    label = np.where(np.isnan(data_gb), "", [f"{g:g} GB" for g in gigabytes])
    zone = np.where(rows["zone"] == "", rows["countries"].str.slice(0, 2), rows["zone"])
    names = [f"Synthetic {z} {g} {'' if np.isnan(d) else f'{d:.0f} days'}".strip()
             for z, g, d in zip(zone, label, validity, strict=True)]
    long_rows = np.flatnonzero(rng.random(count) < 0.03)
    for position in long_rows:
        template = LONG_PLAN_NAMES[position % len(LONG_PLAN_NAMES)]
        names[position] = template.format(gb=f"{gigabytes[position]:g}")
    provenance = _provenance(rng, count)
    return pd.DataFrame({
        "plan_id": [f"{owner}-p{i}" for i, owner in enumerate(rows["operator_id"])],
        "operator_id": rows["operator_id"],
        "countries": rows["countries"],
        "name": names,
        "sim_type": np.where(is_seller, "esim", rng.choice(["physical", "esim", ""], count)),
        "billing": np.where(is_seller, "prepaid", rng.choice(schema.BILLINGS, count, p=[0.75, 0.25])),
        "audience": rng.choice(["tourist", "any", "resident", ""], count, p=[0.5, 0.3, 0.05, 0.15]),
        "requires": rng.choice(["", "none", "base_plan", "local_id; min_term", "time_window"], count,
                               p=[0.45, 0.4, 0.07, 0.05, 0.03]),
        "price": price,
        "currency": currency.to_numpy(),
        "data_gb": data_gb,
        "unlimited": unlimited,
        "fair_use_gb": np.where(unlimited == "yes", rng.choice([1.0, 3.0, 20.0, 50.0], count), np.nan),
        "validity_days": pd.array(validity, dtype="Int64"),
        **_plan_facts(rng, count),
        **provenance,
        "source_quote": _price_quotes(price),
        "note_en": np.where(zero_days, "The source lists this plan as valid for 0 days.", ""),
    })


def _world_history(rng: np.random.Generator, plans: pd.DataFrame, share: float = 0.03) -> pd.DataFrame:
    """One earlier price for a few plans, ending some months before the plan was seen."""
    chosen = plans[plans["price"].notna() & (rng.random(len(plans)) < share)]
    count = len(chosen)
    until = pd.DatetimeIndex(pd.to_datetime(chosen["seen_on"])) - pd.to_timedelta(
        rng.integers(10, 500, count), unit="D")
    provenance = _provenance(rng, count)
    del provenance["conflict_url"]
    return pd.DataFrame({
        "plan_id": chosen["plan_id"].to_numpy(),
        "price": np.round(chosen["price"].to_numpy() * rng.uniform(1.0, 1.4, count), 2),
        "currency": chosen["currency"].to_numpy(),
        "data_gb": chosen["data_gb"].to_numpy(),
        "validity_days": pd.array(chosen["validity_days"].to_numpy(), dtype="Int64"),
        "valid_from": (until - pd.to_timedelta(180, unit="D")).strftime("%Y-%m-%d"),
        "valid_until": until.strftime("%Y-%m-%d"),
        **provenance,
    })


def write_world(folder: Path, seed: int = 7, scale: float = 1.0) -> Path:
    """Write a complete, valid world-shaped dataset into `folder`: every place and seller of the world
    shape, with `scale` × WORLD_PLAN_COUNT plans (a smaller scale keeps the shape, for fast tests)."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    places = world_places()
    rates = world_rates([*places.values(), *SELLER_CURRENCIES], rng)
    operators = _world_operators(rng, list(places))
    plan_count = max(len(operators), round(WORLD_PLAN_COUNT * scale))
    plans = _world_plans(rng, operators, places, rates, plan_count)
    frames = {
        "operators.csv": operators,
        "plans.csv": plans,
        "renewal.csv": policy_frame(rng, operators, schema.RENEWAL),
        "cancellation.csv": policy_frame(rng, operators, schema.CANCELLATION),
        "countries.csv": pd.DataFrame({
            "country": list(places), "id_required": _tri(rng, len(places)), "id_rule_en": "",
            "id_rule_zh": "", "local_currency": list(places.values()), **_provenance(rng, len(places)),
        }),
        "fx_rates.csv": pd.DataFrame({
            "currency": list(rates), "per_eur": list(rates.values()), "as_of": "2026-11-20",
            "source_url": SOURCE, "kind": "market", "note": "synthetic rate",
        }),
        "price_history.csv": _world_history(rng, plans),
        "networks.csv": _real_networks(list(places)),
    }
    return _write(folder, frames)
