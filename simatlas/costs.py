"""The real cost of a trip: the cheapest way to cover it with each plan, and why one ranks first.

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
from dataclasses import dataclass, replace
from typing import Any, cast

import numpy as np
import pandas as pd

from simatlas import fees, suitability, url_state
from simatlas.arrays import floats
from simatlas.fx import per_eur, rate_per_eur
from simatlas.i18n import format_list, format_money, format_number, t, t_count
from simatlas.loader import Dataset
from simatlas.memo import per_dataset, per_view
from simatlas.plans import operator_names
from simatlas.schema import QUOTE_COLUMNS

DAYS_PER_MONTH = 30
CHART_MAX_DAYS = 90


@dataclass(frozen=True)
class Quote:
    """A price the reader already has (a travel-eSIM site, an airport kiosk), costed like a plan."""

    label: str
    price: float
    currency: str
    data_gb: float | None = None  # None: not given (assumed enough, and said so)
    days: int | None = None  # None: not given (assumed to cover the trip, and said so)
    sim: str | None = None

    PLAN_ID = "your-quote"


def quote_from_values(values: Mapping[str, object]) -> Quote | None:
    """The reader's quote from parsed link values (q_*); None unless it has a price. Without its own
    currency, the quote is taken to be in the display currency."""
    price = url_state.as_float(values.get("q_price"))
    if price is None:
        return None
    return Quote(
        label=url_state.as_text(values.get("q_label"), "") or "",
        price=price,
        currency=str(values.get("q_cur") or values.get("cur")),
        data_gb=url_state.as_float(values.get("q_gb")),
        days=url_state.as_int(values.get("q_days")),
        sim=url_state.as_text(values.get("q_sim")),
    )


@dataclass(frozen=True)
class Trip:
    countries: tuple[str, ...] = ()
    days: int = url_state.DEFAULT_TRIP_DAYS
    total_gb: float = url_state.DEFAULT_TRIP_GB
    gb_per_day: float | None = None  # when set, wins over total_gb
    esim_only: bool = False
    needs: tuple[str, ...] = ()  # the yes-only facts asked for (schema.YES_ONLY_FLAGS), in its order
    who: str = suitability.DEFAULT_WHO
    include_conditional: bool = False  # plans whose conditions the reader may not meet
    quote: Quote | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> Trip:
        """The trip planner's query from parsed link/widget values (names as in url_state)."""
        return cls(
            countries=url_state.as_codes(values.get("country")),
            days=url_state.as_int(values.get("days")) or url_state.DEFAULT_TRIP_DAYS,
            total_gb=url_state.as_float(values.get("gb"), url_state.DEFAULT_TRIP_GB) or 0.0,
            gb_per_day=url_state.as_float(values.get("gb_day")),
            esim_only=bool(values.get("esim")),
            needs=url_state.needs(values),
            who=suitability.parse_who(values.get("who")),
            include_conditional=bool(values.get("conditional")),
            quote=quote_from_values(values),
        )

    @property
    def gb_needed(self) -> float:
        return self.gb_per_day * self.days if self.gb_per_day is not None else self.total_gb

    def lasting(self, days: int) -> Trip:
        """The same needs over another length (data scales with the days)."""
        per_day = self.gb_per_day if self.gb_per_day is not None else self.total_gb / max(self.days, 1)
        return replace(self, days=days, total_gb=per_day * days, gb_per_day=per_day)


# The trips a place's profile and the overview are costed for: the planner's default link (a week,
# 5 GB) and a month's stay with a month's worth of data at that rate.
STANDARD_TRIPS: dict[str, Trip] = {"short": Trip(), "long": Trip(days=30, total_gb=20.0)}


def standard_trip(kind: str, country: str, who: str, include_conditional: bool) -> Trip:
    """A place's "short trip" or "long stay", for this reader."""
    return replace(STANDARD_TRIPS[kind], countries=(country,), who=who,
                   include_conditional=include_conditional)


def _covering_all(dataset: Dataset, countries: Sequence[str]) -> np.ndarray:
    """Row positions of the plans that work in every one of `countries` (a multi-place trip).

    Intersects the per-place positions built at load: the cost follows the chosen places' rows.
    """
    if not countries:
        return np.arange(len(dataset.plans))
    empty = np.empty(0, dtype=np.int64)
    chunks = [dataset.positions_by_place.get(code, empty) for code in sorted(set(countries))]
    return functools.reduce(np.intersect1d, chunks)


@dataclass(frozen=True)
class TripAnswer:
    """The ranked ways to cover a trip, and what the answer left out and why."""

    options: pd.DataFrame
    count: int  # every way that can cover the trip (options holds the first `limit`)
    left_out: suitability.LeftOut


def trip_options(dataset: Dataset, trip: Trip, currency: str, lang: str) -> pd.DataFrame:
    """Every eligible plan with the cheapest way to cover the trip, in recommendation order."""
    return plan_trip(dataset, trip, currency, lang).options


def ranked_trip_options(dataset: Dataset, trip: Trip, currency: str, lang: str,
                        limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """(the `limit` best ways to cover the trip, how many can cover it in all)."""
    answer = plan_trip(dataset, trip, currency, lang, limit)
    return answer.options, answer.count


def _candidates(dataset: Dataset, trip: Trip) -> tuple[pd.DataFrame, suitability.LeftOut]:
    """The plans that may cover this trip for this reader: in every chosen place, priced, usable."""
    positions, left_out = suitability.usable_plans(
        dataset, _covering_all(dataset, trip.countries), trip.who, trip.include_conditional)
    plans = dataset.plans.iloc[positions]
    mask = plans["price"].notna()
    if trip.esim_only:
        mask &= plans["sim_type"] == "esim"
    for flag in trip.needs:
        mask &= plans[flag] == "yes"
    return plans.loc[mask], left_out


# A shared trip link is asked for by every visitor: answered once per view and day (prices age).
@per_view(dated_by=lambda: suitability.today())
def plan_trip(dataset: Dataset, trip: Trip, currency: str, lang: str,
              limit: int | None = None) -> TripAnswer:
    """The best ways to cover the trip, in recommendation order (fresh, known audience, known total,
    cheapest: `suitability.recommendation_order`), with the reader's own quote among them.

    Costs are computed for every candidate (vectorised); the words explaining them only for the
    rows shown, so a page's cost does not grow with options nobody scrolls to.
    """
    candidates, left_out = _candidates(dataset, trip)
    costs = _costs(dataset, candidates, trip.days, trip.gb_needed) if len(candidates) else _no_costs()
    costs = costs[costs["feasible"]]
    candidates = candidates.loc[costs.index]
    rates = per_eur(dataset)
    rate = rate_per_eur(dataset, currency)
    fit = suitability.plan_fit(dataset, trip.who, suitability.today())
    positions = candidates.index.to_numpy()  # dataset.plans has a RangeIndex: labels are positions
    frame = pd.DataFrame({
        "plan_id": candidates["plan_id"].to_numpy(),
        "operator": candidates["operator_id"].map(operator_names(dataset, lang)).to_numpy(),
        "plan": candidates["name"].to_numpy(),
        "currency": candidates["currency"].to_numpy(),
        "source_url": candidates["source_url"].to_numpy(),
        "source_date": candidates["source_date"].to_numpy(),
        **{column: candidates[column].to_numpy() for column in QUOTE_COLUMNS},
        "audience": candidates["audience"].to_numpy(),
        "requires": candidates["requires"].to_numpy(),
        "stale": fit.stale[positions],
        "audience_unknown": fit.audience_unknown[positions],
        "tie": candidates["plan_rank"].to_numpy(),
        "total_original": costs["total"].to_numpy(),
        "total": (costs["total"] / candidates["currency"].map(rates).astype(float) * rate)
        .round(2).to_numpy(),
    })
    costs = costs.reset_index(drop=True)
    if trip.quote is not None and trip.quote.currency in rates.index:
        quote_costs = _quote_costs(trip.quote, trip.days, trip.gb_needed)
        quote_total = float(quote_costs["total"].iloc[0])
        frame = pd.concat([frame, pd.DataFrame({
            "plan_id": [Quote.PLAN_ID], "operator": [t("quote.operator", lang)],
            "plan": [trip.quote.label or t("quote.operator", lang)],
            "currency": [trip.quote.currency], "source_url": [None],
            "source_date": [suitability.today().isoformat()],  # the reader's quote is today's price
            **{column: [None] for column in QUOTE_COLUMNS},
            "audience": ["any"], "requires": ["none"], "stale": [False], "audience_unknown": [False],
            "tie": [-1], "total_original": [quote_total],
            "total": [round(quote_total / float(rates[trip.quote.currency]) * rate, 2)],
        })], ignore_index=True)
        costs = pd.concat([costs, quote_costs], ignore_index=True)
    if frame.empty:
        return TripAnswer(_empty_options(), 0, left_out)
    order = suitability.recommendation_order(
        frame["stale"].to_numpy(dtype=bool), frame["audience_unknown"].to_numpy(dtype=bool),
        frame["total"].to_numpy(dtype=float), frame["tie"].to_numpy())
    shown = order[:limit] if limit is not None else order
    top = frame.iloc[shown].reset_index(drop=True)
    # Keyed by column name (text); the stubs key a record by any Hashable.
    records = cast(list[dict[str, Any]], costs.iloc[shown].to_dict("records"))
    at_least = [_is_lower_bound(row) for row in records]
    options = pd.DataFrame(
        {
            "plan_id": top["plan_id"],
            "operator": top["operator"],
            "plan": top["plan"],
            "total": top["total"],
            "total_text": [
                t("value.at_least", lang, amount=format_money(total, currency, lang)) if lower
                else format_money(total, currency, lang)
                for total, lower in zip(top["total"], at_least, strict=True)
            ],
            "at_least": at_least,
            "price_age": [suitability.price_age_label(date, lang) for date in top["source_date"]],
            "stale": top["stale"],
            "audience_unknown": top["audience_unknown"],
            "audience": [suitability.audience_label(value, trip.who, lang) for value in top["audience"]],
            "requires": [suitability.requirements_label(value, lang) for value in top["requires"]],
            "total_original": top["total_original"].round(2),
            "currency": top["currency"],
            "purchases": [row["purchases"] for row in records],
            "reasoning": [_reasoning(row, lang) for row in records],
            "assumptions": [_assumptions(row, lang) for row in records],
            "data_left_gb": np.round([row["data_left_gb"] for row in records], 1),
            "source_url": top["source_url"],
            **{column: top[column] for column in QUOTE_COLUMNS},
        }
    )
    return TripAnswer(options, len(frame), left_out)


def _quote_frame(quote: Quote) -> pd.DataFrame:
    """The quote as a one-row plans frame, every fact it does not give left unknown."""
    return pd.DataFrame({
        "price": [quote.price], "validity_days": [quote.days], "data_gb": [quote.data_gb],
        "unlimited": ["yes" if quote.data_gb is None else "no"], "billing": ["prepaid"],
        # The reader's own price is what they pay for it (no SIM fee on top), and they can buy it again.
        "sim_type": [quote.sim], "sim_fee": [0.0], "deposit": [None], "deposit_refundable": ["unknown"],
        "renewable": ["yes"], "monthly_admin_fee": [None], "min_term_months": [None],
        "early_termination_fee": [None], "fair_use_gb": [None],
    })


def _quote_costs(quote: Quote, days: np.ndarray | int, needed: np.ndarray | float) -> pd.DataFrame:
    """The quote's cost for a trip: the same model as every plan, its price taken as all the reader
    pays (no SIM or leaving fee on top). Without a validity it is taken to cover the trip in one
    purchase, without a data amount to be enough: those two make its total "at least"."""
    frame = _quote_frame(quote)
    count = np.size(days)
    if count > 1:
        frame = frame.loc[frame.index.repeat(count)].reset_index(drop=True)
    if quote.days is None:
        frame["validity_days"] = np.asarray(days, dtype=float) * np.ones(len(frame))
    no_fees = np.zeros(len(frame))
    costs = _costs(None, frame, days, needed, known_fees=(no_fees, no_fees))
    costs["quote_days_unknown"] = quote.days is None
    costs["quote_data_unknown"] = quote.data_gb is None
    return costs
OPTION_COLUMNS = ["plan_id", "operator", "plan", "total", "total_text", "at_least", "price_age", "stale",
                  "audience_unknown",
                  "audience", "requires", "total_original", "currency", "purchases", "reasoning",
                  "assumptions", "data_left_gb", "source_url", *QUOTE_COLUMNS]


def _empty_options() -> pd.DataFrame:
    return pd.DataFrame(columns=OPTION_COLUMNS)


def _no_costs() -> pd.DataFrame:
    return pd.DataFrame({"total": [], "feasible": []}, dtype=float).astype({"feasible": bool})



def _costs(dataset: Dataset | None, plans: pd.DataFrame, days: np.ndarray | int, needed: np.ndarray | float,
           known_fees: tuple[np.ndarray, np.ndarray] | None = None) -> pd.DataFrame:
    """Per plan row, in its own currency: purchases, total, what it rests on. Vectorised (NaN = unknown).

    `days` and `needed` (GB) are scalars or one value per row, so many trip lengths cost one call.
    """
    days, needed = np.asarray(days, dtype=float), np.asarray(needed, dtype=float)
    price = floats(plans["price"])
    validity = floats(plans["validity_days"])
    data = floats(plans["data_gb"])
    unlimited = plans["unlimited"].eq("yes").to_numpy()
    postpaid = plans["billing"].eq("postpaid").to_numpy()
    sim_fee = floats(plans["sim_fee"])
    deposit = floats(plans["deposit"])
    keeps_deposit = plans["deposit_refundable"].eq("no").to_numpy()
    if known_fees is None:
        assert dataset is not None, "plan fees are looked up in the dataset"
        known_fees = fees.plan_fees(dataset, plans)
    leave_fee, topup_fee = known_fees
    needs_own_sim = (np.zeros(len(plans), dtype=bool) if dataset is None  # a quote: a SIM of its own
                     else suitability.needs_own_sim(dataset)[dataset.plans.index.get_indexer(plans.index)])
    no_renewal = plans["renewable"].eq("no").to_numpy()

    with np.errstate(divide="ignore", invalid="ignore"):
        # Prepaid passes: enough purchases for the days and for the data.
        by_days = np.ceil(days / validity)
        # A pass whose allowance no source states is taken to be enough (said, and "at least").
        data_unknown = ~unlimited & np.isnan(data)
        by_data = np.where(unlimited | data_unknown, 1.0, np.ceil(needed / np.where(data > 0, data, np.nan)))
        purchases = np.where(needed > 0, np.fmax(by_days, by_data), by_days)
        purchases = np.where(np.isnan(by_days) | (np.isnan(by_data) & (needed > 0)), np.nan, purchases)
        extra = np.clip(purchases - 1, 0, None)
        pass_total = purchases * price + extra * np.nan_to_num(topup_fee)
        # A pass that cannot be renewed: each extra purchase is a new SIM/eSIM, with its fee.
        pass_total += np.nan_to_num(sim_fee) * (1 + np.where(no_renewal, extra, 0))

        # Postpaid: months used, the minimum term, or an early exit when that is cheaper.
        months = np.ceil(days / DAYS_PER_MONTH)
        monthly = price + np.nan_to_num(floats(plans["monthly_admin_fee"]))
        term = floats(plans["min_term_months"])
        billed_months = np.where(term > months, term, months)
        early_fee = floats(plans["early_termination_fee"])
        whole_term = billed_months * monthly
        early_exit = months * monthly + early_fee
        takes_exit = ~np.isnan(early_exit) & (early_exit < whole_term)
        post_total = np.where(takes_exit, early_exit, whole_term) + np.nan_to_num(sim_fee)
        post_fits = unlimited | data_unknown | (data * months >= needed)

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
            "fair_use_gb": floats(plans["fair_use_gb"]),
            "data_left_gb": np.where(unlimited | data_unknown, np.nan, bought - needed),
            "data_unknown": data_unknown,
            "feasible": feasible,
            "needs_operator_sim": needs_own_sim,
            # Set by _quote_costs: what the reader's quote did not say.
            "quote_days_unknown": False,
            "quote_data_unknown": False,
        },
        index=plans.index,
    )


def _reasoning(row: Mapping[str, Any], lang: str) -> str:
    """One line: "3 × 7-day pass + SIM fee + cancellation fee"."""
    if row["postpaid"]:
        parts = [t_count("trip.months", lang, int(row["purchases"]))]
        if not pd.isna(row["term"]) and row["term"] > row["months"]:
            months, term = int(row["months"]), int(row["term"])
            parts = [t_count("trip.early_exit", lang, months, term=term) if row["early_exit"]
                     else t("trip.min_term", lang, count=months, term=term)]
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


# Assumptions that can only make the real total higher: a total resting on one is a lower bound.
_LOWER_BOUND_FLAGS = ("trip.assume_no_sim_fee", "trip.needs_operator_sim", "trip.assume_renewable",
                      "trip.assume_data_enough",
                      "trip.assume_no_leave_fee",
                      "trip.assume_deposit_back", "trip.assume_no_term", "trip.quote_days_unknown",
                      "trip.quote_data_unknown")


def _assumption_flags(row: Mapping[str, Any]) -> list[str]:
    flags = []
    for quote_flag in ("quote_days_unknown", "quote_data_unknown"):
        if row[quote_flag]:
            flags.append(f"trip.{quote_flag}")
    if row["data_unknown"]:
        flags.append("trip.assume_data_enough")
    if row["needs_operator_sim"]:
        flags.append("trip.needs_operator_sim")
    elif not row["sim_fee_known"]:
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
    return flags


def _is_lower_bound(row: Mapping[str, Any]) -> bool:
    """The total leaves out a part no source gives: it is "at least" this much."""
    return any(flag in _LOWER_BOUND_FLAGS for flag in _assumption_flags(row))


def _assumptions(row: Mapping[str, Any], lang: str) -> str:
    separator = "；" if lang == "zh" else "; "
    cap = format_number(row["fair_use_gb"], lang)
    return separator.join(t(flag, lang, gb=cap) for flag in _assumption_flags(row))


@per_dataset
def standard_trip_totals(dataset: Dataset, kind: str, who: str, on: object) -> tuple[np.ndarray, np.ndarray]:
    """Per plan row: the total in EUR of the standard `kind` trip (NaN where the plan cannot cover it or
    this reader cannot buy it: resident-only for a visitor, add-ons, unmet conditions), and whether
    that total is a lower bound. Once per dataset, reader and day: the overview ranks every place by it.
    """
    del on  # part of the memo key: whether a plan is recommended depends on the day
    trip = STANDARD_TRIPS[kind]
    plans = dataset.plans
    priced = np.flatnonzero(plans["price"].notna().to_numpy())
    usable, _ = suitability.usable_plans(dataset, priced, who, include_conditional=False)
    totals = np.full(len(plans), np.nan)
    lower = np.zeros(len(plans), dtype=bool)
    if len(usable):
        rows = plans.iloc[usable]
        found = _costs(dataset, rows, trip.days, trip.gb_needed)
        rates = rows["currency"].map(per_eur(dataset)).to_numpy(dtype=float, na_value=np.nan)
        feasible = found["feasible"].to_numpy(dtype=bool)
        totals[usable] = np.where(feasible, found["total"].to_numpy(dtype=float) / rates, np.nan)
        records = cast(list[dict[str, Any]], found.to_dict("records"))  # keyed by column name (text)
        lower[usable] = [_is_lower_bound(row) for row in records]
    totals.setflags(write=False)
    lower.setflags(write=False)
    return totals, lower


def ranking_notes(options: pd.DataFrame, lang: str, limit: int = 2) -> list[str]:
    """Why a cheaper option ranks after the first one, one sentence each: its price is old or
    undated, or no source says who can buy it (suitability.recommendation_order). Empty when the
    first option is also the cheapest."""
    if len(options) < 2 or pd.isna(options["total"].iloc[0]):
        return []
    first = options.iloc[0]
    cheaper = options.iloc[1:]
    cheaper = cheaper[cheaper["total"] < first["total"]].sort_values("total", kind="stable").head(limit)
    notes = []
    for row in cheaper.itertuples():
        reasons = []
        if row.stale and not first["stale"]:
            reasons.append(t("rank.stale", lang, age=row.price_age))
        if row.audience_unknown and not first["audience_unknown"]:
            reasons.append(t("rank.audience_unknown", lang))
        if reasons:
            notes.append(t("rank.cheaper_after", lang, plan=row.plan, operator=row.operator,
                           total=row.total_text, reasons=format_list(reasons, lang)))
    return notes


def cost_by_trip_length(dataset: Dataset, trip: Trip, plan_ids: Sequence[str], currency: str,
                        lang: str, max_days: int = CHART_MAX_DAYS) -> pd.DataFrame:
    """Total cost of each plan for trips of 1…max_days days (data scaled per day): break-evens."""
    rate = rate_per_eur(dataset, currency)
    chosen = dataset.plans[dataset.plans["plan_id"].isin(plan_ids)]
    # in the order given (best first): the chart's legend and colours follow it
    chosen = chosen.iloc[chosen["plan_id"].map({plan: rank for rank, plan in enumerate(plan_ids)})
                         .to_numpy().argsort(kind="stable")]
    chosen_per_eur = chosen["currency"].map(per_eur(dataset)).astype(float)
    names = operator_names(dataset, lang)
    labels = chosen["operator_id"].map(names) + " · " + chosen["name"]
    lengths = np.arange(1, max_days + 1)
    repeated = chosen.loc[chosen.index.repeat(max_days)]
    days = np.tile(lengths, len(chosen))
    per_day = trip.lasting(1).gb_needed
    costs = _costs(dataset, repeated, days, per_day * days)
    per_eur_rows = chosen_per_eur.loc[repeated.index].to_numpy()
    total = np.where(costs["feasible"], costs["total"].to_numpy() / per_eur_rows * rate, np.nan)
    # option_key keys the line's colour: the same option keeps its colour in every language
    series = pd.DataFrame({"days": days, "option_key": repeated["plan_id"].to_numpy(),
                           "option": labels.loc[repeated.index].to_numpy(), "total": np.round(total, 2)})
    if trip.quote is not None and trip.quote.currency in dataset.fx_rates["currency"].to_numpy():
        quote_costs = _quote_costs(trip.quote, lengths, per_day * lengths)
        quote_rate = rate / rate_per_eur(dataset, trip.quote.currency)
        quote_total = np.where(quote_costs["feasible"], quote_costs["total"] * quote_rate, np.nan)
        label = f"{t('quote.operator', lang)} · {trip.quote.label}"
        series = pd.concat([series, pd.DataFrame({"days": lengths, "option_key": "quote", "option": label,
                                                  "total": np.round(quote_total, 2)})])
    return series.dropna(subset=["total"]).reset_index(drop=True)


