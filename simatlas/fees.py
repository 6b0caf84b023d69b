"""Every fee of a plan, and what a first payment is made of (the Fees page and its API twin).

A fee no source gives stays unknown (NA): it is never counted as zero, and a total with an unknown
part is a lower bound ("at least"). The fees that depend on the operator's product (cancellation,
top-up) are looked up once per dataset, for the trip planner's cost model too (simatlas.costs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from simatlas import suitability
from simatlas.arrays import floats
from simatlas.fx import per_eur, rate_per_eur
from simatlas.i18n import t
from simatlas.loader import Dataset
from simatlas.memo import per_dataset
from simatlas.plans import PlanFilter, operator_names


def _fee_lookup(dataset: Dataset, table: str, column: str) -> pd.Series:
    """(operator_id, product) → fee, for renewal top-up fees or cancellation fees."""
    frame: pd.DataFrame = getattr(dataset, table)
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


@per_dataset
def _fees_of_every_plan(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """(cancellation fee, top-up fee) of every plan, in plan-row order: they depend on the data only,
    so they are looked up once per dataset, not once per trip."""
    return (floats(_policy_fee(dataset, dataset.plans, "cancellation", "fee")),
            floats(_policy_fee(dataset, dataset.plans, "renewal", "topup_fee")))


def plan_fees(dataset: Dataset, plans: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(cancellation fee, top-up fee) for each row of `plans` (rows of dataset.plans, maybe repeated)."""
    leave, topup = _fees_of_every_plan(dataset)
    positions = dataset.plans.index.get_indexer(plans.index)
    return leave[positions], topup[positions]


@dataclass(frozen=True)
class FeeQuery:
    """The fees page's query: which plans, and the order of the fee table."""

    plan_filter: PlanFilter
    sort: str = "first_total"

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> FeeQuery:
        plan_filter = PlanFilter.from_values({**values, "sort": "price"})
        return cls(plan_filter, str(values.get("sort", "first_total")))


def fee_breakdown(dataset: Dataset, plans: pd.DataFrame, currency: str, lang: str,
                  who: str = suitability.DEFAULT_WHO) -> pd.DataFrame:
    """Every fee the data knows for each plan, in the display currency; unknown stays NA.

    `reader_tier` (suitability.reader_tiers: 0 the reader can buy it, 1 unknown audience, 2 they
    cannot, add-ons included) lets the order put what this reader can buy first."""
    rate = rate_per_eur(dataset, currency)
    plan_per_eur = plans["currency"].map(per_eur(dataset)).astype("Float64")

    def shown(values: pd.Series) -> pd.Series:
        return (values.astype("Float64") / plan_per_eur * rate).round(2)

    leave, topup = (pd.Series(fee, index=plans.index, dtype="Float64") for fee in plan_fees(dataset, plans))
    deposit_kept = plans["deposit"].where(plans["deposit_refundable"].eq("no"), 0)
    deposit_kept = deposit_kept.where(plans["deposit"].notna(), pd.NA)
    frame = pd.DataFrame(
        {
            "plan_id": plans["plan_id"],
            "operator": plans["operator_id"].map(operator_names(dataset, lang)),
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
            "deposit_kept": shown(deposit_kept),  # decided on codes: the deposit the plan keeps
            "reader_tier": suitability.reader_tiers(dataset, who)[
                dataset.plans.index.get_indexer(plans.index)],
        }
    )
    parts = [frame["price"], frame["sim_fee"], frame["deposit_kept"], frame["admin_fee"], frame["leave_fee"]]
    # Without the price there is no first payment to speak of: unknown, never "just the admin fee".
    # A sum of Series is a Series; the stubs add sum()'s start, 0, to its type.
    first_total = cast(pd.Series, sum(part.fillna(0) for part in parts))
    frame["first_total"] = first_total.round(2).where(frame["price"].notna())
    # Only postpaid plans have an admin fee; a prepaid plan's missing admin fee is not a gap.
    admin_gap = frame["admin_fee"].isna() & plans["billing"].eq("postpaid")
    unknown = frame["sim_fee"].isna() | frame["leave_fee"].isna() | admin_gap
    unknown |= plans["deposit"].notna() & plans["deposit_refundable"].eq("unknown")
    frame["complete"] = ~unknown
    return frame.reset_index(drop=True)


def in_fee_order(breakdown: pd.DataFrame, sort: str) -> pd.DataFrame:
    """The fee table's order: what the reader can buy first (an add-on that needs a plan underneath,
    or a plan sold to others, never leads), totals with every part known before "at least" ones, then
    by `sort`, unknown last whatever the key (an unknown first payment is not the cheapest), ties by
    plan id."""
    keyed = breakdown.assign(_partial=~breakdown["complete"].astype(bool))
    ordered = keyed.sort_values(["reader_tier", "_partial", sort, "plan_id"], na_position="last",
                                kind="stable")
    return ordered.drop(columns="_partial").reset_index(drop=True)


def cost_makeup(breakdown: pd.DataFrame, lang: str, limit: int = 25) -> pd.DataFrame:
    """Long frame (plan, part, amount) for the stacked bar: only known parts, bounded rows."""
    # A plan without a known first payment has nothing to draw (and nsmallest would keep it).
    head = breakdown.dropna(subset=["first_total"]).nsmallest(limit, "first_total")
    kept = head["deposit_kept"]
    # plan first: when a long label is cut, what is left still tells one operator's plans apart
    label = head["plan"] + " · " + head["operator"] + np.where(head["complete"], "", " *")
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
    return long[["plan", "part_key", "part", "amount"]].reset_index(drop=True)
