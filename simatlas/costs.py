"""The real cost of a plan: fees, and the cheapest way to cover a whole trip.

All amounts are computed in the plan's own currency, then converted once through the EUR pivot.
Unknown inputs are never silently zero: a fee that no source gives is left out of the total and the
option carries a flag naming the assumption, so the page can say "total assumes no SIM fee".

Trip model, per plan (vectorised over the plans frame, so the cost does not grow with Python loops):

- prepaid / eSIM pass: purchases = max(⌈days / validity⌉, ⌈GB needed / GB per pass⌉) (1 for
  unlimited). A pass that cannot be renewed on the same SIM needs a new SIM (and its fee) for each
  extra purchase; where renewal is unknown it is assumed possible, and flagged.
- postpaid: months = ⌈days / 30⌉, billed at least the minimum term; with a known early-termination
  fee, the cheaper of "pay the whole term" and "pay the months used + the fee". Data must fit:
  GB per month × months ≥ GB needed (unlimited always fits).
- one-off costs: SIM/activation fee, a deposit that does not come back, the cancellation fee of the
  operator's product (from cancellation.csv) — "leaving costs".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from simatlas.i18n import t
from simatlas.loader import Dataset
from simatlas.memo import per_dataset
from simatlas.plans import operator_names, rate_per_eur

DAYS_PER_MONTH = 30
CHART_MAX_DAYS = 90


@dataclass(frozen=True)
class Trip:
    countries: tuple[str, ...] = ()
    days: int = 7
    total_gb: float = 5.0
    gb_per_day: float | None = None  # when set, wins over total_gb
    esim_only: bool = False
    local_number: bool = False
    hotspot: bool = False
    five_g: bool = False

    @property
    def gb_needed(self) -> float:
        return self.gb_per_day * self.days if self.gb_per_day is not None else self.total_gb

    def lasting(self, days: int) -> Trip:
        """The same needs over another length (data scales with the days)."""
        per_day = self.gb_per_day if self.gb_per_day is not None else self.total_gb / max(self.days, 1)
        return Trip(self.countries, days, per_day * days, per_day, self.esim_only, self.local_number,
                    self.hotspot, self.five_g)


def _covering_all(dataset: Dataset, countries: Sequence[str]) -> np.ndarray:
    """Row positions of the plans that work in every one of `countries` (a multi-place trip).

    Intersects the per-place positions built at load: the cost follows the chosen places' rows.
    """
    if not countries:
        return np.arange(len(dataset.plans))
    empty = np.empty(0, dtype=np.int64)
    chunks = [dataset.positions_by_place.get(code, empty) for code in sorted(set(countries))]
    return functools.reduce(np.intersect1d, chunks)


def _fee_lookup(dataset: Dataset, table: str, column: str) -> pd.Series:
    """(operator_id, product) → fee, for renewal top-up fees or cancellation fees."""
    frame = getattr(dataset, table)
    return frame.set_index(["operator_id", "product"])[column]


def _policy_fee(dataset: Dataset, plans: pd.DataFrame, table: str, column: str) -> pd.Series:
    """The fee for each plan's operator and product; falls back to the operator's prepaid row for
    eSIM passes of local operators. NA where no row gives it."""
    lookup = _fee_lookup(dataset, table, column)
    fee = pd.Series(pd.NA, index=plans.index, dtype="Float64")
    for product in ("postpaid", "esim", "prepaid"):
        keys = pd.MultiIndex.from_arrays([plans["operator_id"], pd.Series(product, index=plans.index)])
        found = pd.Series(lookup.reindex(keys).to_numpy(), index=plans.index, dtype="Float64")
        wanted = plans["billing"].eq("postpaid") if product == "postpaid" else plans["billing"].eq("prepaid")
        if product == "esim":
            wanted &= plans["sim_type"].eq("esim")
        fee = fee.where(fee.notna() | ~wanted, found)
    return fee


def trip_options(dataset: Dataset, trip: Trip, currency: str, lang: str) -> pd.DataFrame:
    """Every eligible plan with the cheapest way to cover the trip, ranked by total cost."""
    return ranked_trip_options(dataset, trip, currency, lang)[0]


def ranked_trip_options(dataset: Dataset, trip: Trip, currency: str, lang: str,
                        limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """(the `limit` cheapest ways to cover the trip, how many plans can cover it in all).

    Costs are computed for every candidate (vectorised); the words explaining them only for the
    rows shown, so a page's cost does not grow with options nobody scrolls to.
    """
    plans = dataset.plans.iloc[_covering_all(dataset, trip.countries)]
    mask = plans["price"].notna()
    if trip.esim_only:
        mask &= plans["sim_type"] == "esim"
    for flag in ("local_number", "hotspot", "five_g"):
        if getattr(trip, flag):
            mask &= plans[flag] == "yes"
    candidates = plans.loc[mask]
    if candidates.empty:
        return _empty_options(), 0
    costs = _costs(dataset, candidates, trip.days, trip.gb_needed)
    costs = costs[costs["feasible"]]
    if costs.empty:
        return _empty_options(), 0
    rate = rate_per_eur(dataset, currency)
    per_eur = candidates["currency"].map(dataset.fx_rates.set_index("currency")["per_eur"]).astype(float)
    ranking = pd.DataFrame({
        "total": (costs["total"] / per_eur.loc[costs.index] * rate).round(2),
        "plan_id": candidates.loc[costs.index, "plan_id"],
    }).sort_values(["total", "plan_id"], na_position="last")
    top = ranking.head(limit) if limit is not None else ranking
    costs, candidates = costs.loc[top.index], candidates.loc[top.index]
    records = costs.to_dict("records")
    names = operator_names(dataset)
    options = pd.DataFrame(
        {
            "plan_id": top["plan_id"],
            "operator": candidates["operator_id"].map(names),
            "plan": candidates["name"],
            "total": top["total"],
            "total_original": costs["total"].round(2),
            "currency": candidates["currency"],
            "purchases": costs["purchases"],
            "reasoning": [_reasoning(row, lang) for row in records],
            "assumptions": [_assumptions(row, lang) for row in records],
            "data_left_gb": costs["data_left_gb"].round(1),
            "source_url": candidates["source_url"],
        }
    )
    return options.reset_index(drop=True), len(ranking)


def _empty_options() -> pd.DataFrame:
    return pd.DataFrame(columns=["plan_id", "operator", "plan", "total", "total_original", "currency",
                                 "purchases", "reasoning", "assumptions", "data_left_gb", "source_url"])


def _numbers(values: pd.Series) -> np.ndarray:
    return pd.to_numeric(values).to_numpy(dtype=float, na_value=np.nan)


@per_dataset
def _fees_of_every_plan(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """(cancellation fee, top-up fee) of every plan, in plan-row order: they depend on the data only,
    so they are looked up once per dataset, not once per trip."""
    return (_numbers(_policy_fee(dataset, dataset.plans, "cancellation", "fee")),
            _numbers(_policy_fee(dataset, dataset.plans, "renewal", "topup_fee")))


def _plan_fees(dataset: Dataset, plans: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(cancellation fee, top-up fee) for each row of `plans` (rows of dataset.plans, maybe repeated)."""
    leave, topup = _fees_of_every_plan(dataset)
    positions = dataset.plans.index.get_indexer(plans.index)
    return leave[positions], topup[positions]


def _costs(dataset: Dataset, plans: pd.DataFrame, days: np.ndarray | int, needed: np.ndarray | float,
           fees: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """Per plan row, in its own currency: purchases, total, what it rests on. Vectorised (NaN = unknown).

    `days` and `needed` (GB) are scalars or one value per row, so many trip lengths cost one call.
    """
    days, needed = np.asarray(days, dtype=float), np.asarray(needed, dtype=float)
    price = _numbers(plans["price"])
    validity = _numbers(plans["validity_days"])
    data = _numbers(plans["data_gb"])
    unlimited = plans["unlimited"].eq("yes").to_numpy()
    postpaid = plans["billing"].eq("postpaid").to_numpy()
    sim_fee = _numbers(plans["sim_fee"])
    deposit = _numbers(plans["deposit"])
    keeps_deposit = plans["deposit_refundable"].eq("no").to_numpy()
    leave_fee, topup_fee = fees if fees is not None else _plan_fees(dataset, plans)
    no_renewal = plans["renewable"].eq("no").to_numpy()

    with np.errstate(divide="ignore", invalid="ignore"):
        # Prepaid passes: enough purchases for the days and for the data.
        by_days = np.ceil(days / validity)
        by_data = np.where(unlimited, 1.0, np.ceil(needed / np.where(data > 0, data, np.nan)))
        purchases = np.where(needed > 0, np.fmax(by_days, by_data), by_days)
        purchases = np.where(np.isnan(by_days) | (np.isnan(by_data) & (needed > 0)), np.nan, purchases)
        extra = np.clip(purchases - 1, 0, None)
        pass_total = purchases * price + extra * np.nan_to_num(topup_fee)
        # A pass that cannot be renewed: each extra purchase is a new SIM/eSIM, with its fee.
        pass_total += np.nan_to_num(sim_fee) * (1 + np.where(no_renewal, extra, 0))

        # Postpaid: months used, the minimum term, or an early exit when that is cheaper.
        months = np.ceil(days / DAYS_PER_MONTH)
        monthly = price + np.nan_to_num(_numbers(plans["monthly_admin_fee"]))
        term = _numbers(plans["min_term_months"])
        billed_months = np.where(term > months, term, months)
        early_fee = _numbers(plans["early_termination_fee"])
        whole_term = billed_months * monthly
        early_exit = months * monthly + early_fee
        takes_exit = ~np.isnan(early_exit) & (early_exit < whole_term)
        post_total = np.where(takes_exit, early_exit, whole_term) + np.nan_to_num(sim_fee)
        post_fits = unlimited | (data * months >= needed)

        total = np.where(postpaid, post_total, pass_total)
        total = total + np.where(keeps_deposit, np.nan_to_num(deposit), 0) + np.nan_to_num(leave_fee)
        bought = np.where(postpaid, data * months, data * purchases)
    feasible = ~np.isnan(total) & np.where(postpaid, post_fits, ~np.isnan(purchases))
    return pd.DataFrame(
        {
            "total": total,
            "purchases": np.where(postpaid, billed_months, purchases),
            "postpaid": postpaid,
            "validity": validity,
            "months": months,
            "term": term,
            "early_exit": takes_exit,
            "sim_fee_known": ~np.isnan(sim_fee),
            "has_sim_fee": np.nan_to_num(sim_fee) > 0,
            "no_renewal": no_renewal,
            "renewal_unknown": plans["renewable"].eq("unknown").to_numpy(),
            "leave_fee_known": ~np.isnan(leave_fee),
            "has_leave_fee": np.nan_to_num(leave_fee) > 0,
            "deposit_unknown": ~np.isnan(deposit) & plans["deposit_refundable"].eq("unknown").to_numpy(),
            "keeps_deposit": keeps_deposit & ~np.isnan(deposit),
            "term_unknown": postpaid & np.isnan(term),
            "unlimited": unlimited,
            "fair_use_gb": _numbers(plans["fair_use_gb"]),
            "data_left_gb": np.where(unlimited, np.nan, bought - needed),
            "feasible": feasible,
        },
        index=plans.index,
    )


def _reasoning(row: Mapping[str, Any], lang: str) -> str:
    """One line: "3 × 7-day pass + SIM fee + cancellation fee"."""
    if row["postpaid"]:
        parts = [t("trip.months", lang, months=int(row["purchases"]))]
        if not pd.isna(row["term"]) and row["term"] > row["months"]:
            key = "trip.early_exit" if row["early_exit"] else "trip.min_term"
            parts = [t(key, lang, months=int(row["months"]), term=int(row["term"]))]
    else:
        count = int(row["purchases"])
        days = "?" if pd.isna(row["validity"]) else int(row["validity"])
        parts = [t("trip.passes", lang, count=count, days=days)]
        if row["no_renewal"] and count > 1:
            parts.append(t("trip.new_sim_each", lang))
    if row["has_sim_fee"]:
        parts.append(t("trip.sim_fee", lang))
    if row["keeps_deposit"]:
        parts.append(t("trip.deposit", lang))
    if row["has_leave_fee"]:
        parts.append(t("trip.leave_fee", lang))
    return " + ".join(parts)


def _assumptions(row: Mapping[str, Any], lang: str) -> str:
    flags = []
    if not row["sim_fee_known"]:
        flags.append("trip.assume_no_sim_fee")
    if row["renewal_unknown"] and row["purchases"] > 1 and not row["postpaid"]:
        flags.append("trip.assume_renewable")
    if not row["leave_fee_known"]:
        flags.append("trip.assume_no_leave_fee")
    if row["deposit_unknown"]:
        flags.append("trip.assume_deposit_back")
    if row["term_unknown"]:
        flags.append("trip.assume_no_term")
    if row["unlimited"] and not pd.isna(row["fair_use_gb"]):
        flags.append("trip.fair_use")
    separator = "；" if lang == "zh" else "; "
    return separator.join(t(flag, lang, gb=row["fair_use_gb"]) for flag in flags)


def cost_by_trip_length(dataset: Dataset, trip: Trip, plan_ids: Sequence[str], currency: str,
                        lang: str, max_days: int = CHART_MAX_DAYS) -> pd.DataFrame:
    """Total cost of each plan for trips of 1…max_days days (data scaled per day): break-evens."""
    rate = rate_per_eur(dataset, currency)
    chosen = dataset.plans[dataset.plans["plan_id"].isin(plan_ids)]
    per_eur = chosen["currency"].map(dataset.fx_rates.set_index("currency")["per_eur"]).astype(float)
    names = operator_names(dataset)
    labels = chosen["operator_id"].map(names) + " · " + chosen["name"]
    lengths = np.arange(1, max_days + 1)
    repeated = chosen.loc[chosen.index.repeat(max_days)]
    days = np.tile(lengths, len(chosen))
    per_day = trip.lasting(1).gb_needed
    costs = _costs(dataset, repeated, days, per_day * days)
    per_eur_rows = per_eur.loc[repeated.index].to_numpy()
    total = np.where(costs["feasible"], costs["total"].to_numpy() / per_eur_rows * rate, np.nan)
    series = pd.DataFrame({"days": days, "option": labels.loc[repeated.index].to_numpy(),
                           "total": np.round(total, 2)})
    return series.dropna(subset=["total"]).reset_index(drop=True)


def fee_breakdown(dataset: Dataset, plans: pd.DataFrame, currency: str, lang: str) -> pd.DataFrame:
    """Every fee the data knows for each plan, in the display currency; unknown stays NA."""
    rate = rate_per_eur(dataset, currency)
    per_eur = plans["currency"].map(dataset.fx_rates.set_index("currency")["per_eur"]).astype("Float64")

    def shown(values: pd.Series) -> pd.Series:
        return (values.astype("Float64") / per_eur * rate).round(2)

    leave, topup = (pd.Series(fee, index=plans.index, dtype="Float64") for fee in _plan_fees(dataset, plans))
    deposit_kept = plans["deposit"].where(plans["deposit_refundable"].eq("no"), 0)
    deposit_kept = deposit_kept.where(plans["deposit"].notna(), pd.NA)
    frame = pd.DataFrame(
        {
            "plan_id": plans["plan_id"],
            "operator": plans["operator_id"].map(operator_names(dataset)),
            "plan": plans["name"],
            "price": shown(plans["price"]),
            "sim_fee": shown(plans["sim_fee"]),
            "deposit": shown(plans["deposit"]),
            "deposit_back": plans["deposit_refundable"].map(lambda state: t(f"value.{state}", lang)),
            "admin_fee": shown(plans["monthly_admin_fee"]),
            "topup_fee": shown(topup),
            "leave_fee": shown(leave),
            "early_termination_fee": shown(plans["early_termination_fee"]),
            "min_term_months": plans["min_term_months"],
        }
    )
    parts = [frame["price"], frame["sim_fee"], shown(deposit_kept), frame["admin_fee"], frame["leave_fee"]]
    frame["first_total"] = sum(part.fillna(0) for part in parts).round(2)
    # Only postpaid plans have an admin fee; a prepaid plan's missing admin fee is not a gap.
    admin_gap = frame["admin_fee"].isna() & plans["billing"].eq("postpaid")
    unknown = frame["sim_fee"].isna() | frame["leave_fee"].isna() | admin_gap
    unknown |= plans["deposit"].notna() & plans["deposit_refundable"].eq("unknown")
    frame["complete"] = ~unknown
    return frame.reset_index(drop=True)


def cost_makeup(breakdown: pd.DataFrame, lang: str, limit: int = 25) -> pd.DataFrame:
    """Long frame (plan, part, amount) for the stacked bar: only known parts, bounded rows."""
    head = breakdown.nsmallest(limit, "first_total")
    kept = head["deposit"].where(head["deposit_back"] == t("value.no", lang), 0)
    label = head["operator"] + " · " + head["plan"] + np.where(head["complete"], "", " *")
    wide = pd.DataFrame(
        {
            "plan": label,
            "price": head["price"],
            "sim_fee": head["sim_fee"],
            "deposit_kept": kept,
            "admin_fee": head["admin_fee"],
            "leave_fee": head["leave_fee"],
        }
    )
    long = wide.melt(id_vars="plan", var_name="part_key", value_name="amount").dropna(subset=["amount"])
    long = long[long["amount"] > 0]
    long["part"] = long["part_key"].map(lambda key: t(f"fee.{key}", lang))
    return long[["plan", "part", "amount"]].reset_index(drop=True)
