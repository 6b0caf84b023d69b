"""Who can use a plan, what it needs, and how old its price is: the rules every "best" answer obeys.

A cheapest plan that the reader cannot buy, that needs something they lack, or whose price is years
old is a wrong answer, however low its price. So every recommendation (trip planner, a place's best
options, the overview's cheapest option) goes through `usable_plans` and `recommendation_order`,
and every table shows the same facts through `price_age_label`, `audience_label` and
`requirements_label`. One home per rule: nothing else decides these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simatlas import schema
from simatlas.i18n import format_list, format_source_date, t
from simatlas.loader import Dataset, first_day
from simatlas.memo import per_dataset

WHO = ("visitor", "resident")  # the reader: "I am a visitor" / "I live there" (link: who=…)
DEFAULT_WHO = "visitor"

# A price whose source states no date, or a date older than this, is stale: prices in this field
# change every few months, so an 18-month-old price is history, not an offer.
STALE_AFTER_DAYS = 548

# Who can buy a plan of each audience. A visitor cannot buy a resident-only plan; a resident can
# buy a tourist card (sold over the counter to anyone). Unknown is neither: shown, ranked after.
AUDIENCE_FITS = {
    "visitor": frozenset({"tourist", "any"}),
    "resident": frozenset({"tourist", "resident", "any"}),
}
# Requirements each reader cannot meet on the spot. An add-on (base_plan), or a plan that works
# only some days, covers nobody's trip on its own. The operator's own SIM can be bought by anyone:
# a pack that needs one stays a candidate, its total "at least" (the SIM is an extra cost).
UNMET_REQUIREMENTS = {
    "visitor": frozenset({"base_plan", "time_window", "local_id", "local_address", "min_term"}),
    "resident": frozenset({"base_plan", "time_window"}),
}
NEEDS_SEPARATE_SIM = "operator_sim"
# Never a way to cover a trip, even when the reader asks to see plans with conditions.
NEVER_ON_ITS_OWN = frozenset({"base_plan"})


def today() -> dt.date:
    return dt.date.today()


def parse_who(value: object) -> str:
    return value if isinstance(value, str) and value in WHO else DEFAULT_WHO


def requirement_codes(cell: object) -> tuple[str, ...]:
    """The ';'-separated codes of a `requires` cell; () when unknown (empty)."""
    return tuple(code for code in schema.list_items(cell) if code != "none")


@dataclass(frozen=True)
class PlanFit:
    """Per plan row of dataset.plans (same order), for one reader and one day. Read-only arrays."""

    audience_fits: np.ndarray  # the reader can buy it (known audience that admits them)
    audience_unknown: np.ndarray
    excluded_always: np.ndarray  # resident-only for a visitor, or an add-on: never recommended
    unmet: np.ndarray  # needs something this reader cannot meet (add-ons included)
    stale: np.ndarray  # undated source, or source older than STALE_AFTER_DAYS
    age_days: np.ndarray  # days since the source's own date; NaN when undated


def source_age_days(source_dates: pd.Series, on: dt.date) -> np.ndarray:
    """Days from each source's own date to `on`; NaN where the source states no date. A date given as
    a year or a month counts from its first day: its age is never understated."""
    dates = first_day(source_dates)
    days: np.ndarray = (pd.Timestamp(on) - dates).dt.days.to_numpy(dtype=float, na_value=np.nan)
    return days


def is_stale(age_days: np.ndarray) -> np.ndarray:
    stale: np.ndarray = np.isnan(age_days) | (age_days > STALE_AFTER_DAYS)
    return stale


@per_dataset
def plan_fit(dataset: Dataset, who: str, on: dt.date) -> PlanFit:
    """Who-can-use and how-old facts of every plan, computed once per dataset, reader and day."""
    plans = dataset.plans
    audience = plans["audience"].fillna("").to_numpy(dtype=str)
    fits = np.isin(audience, list(AUDIENCE_FITS[who]))
    unknown = audience == ""
    codes = schema.list_column(plans["requires"].fillna(""))
    exploded = codes.explode()
    unmet = exploded.isin(UNMET_REQUIREMENTS[who]).groupby(level=0).any().to_numpy(dtype=bool)
    add_on = exploded.isin(NEVER_ON_ITS_OWN).groupby(level=0).any().to_numpy(dtype=bool)
    age = source_age_days(plans["source_date"], on)
    fit = PlanFit(
        audience_fits=fits,
        audience_unknown=unknown,
        excluded_always=(~fits & ~unknown) | add_on,
        unmet=unmet,
        stale=is_stale(age),
        age_days=age,
    )
    for array in vars(fit).values():
        array.setflags(write=False)  # shared by every session
    return fit


@per_dataset
def needs_own_sim(dataset: Dataset) -> np.ndarray:
    """Per plan row: a pack that needs the operator's own SIM, bought separately (its total is "at
    least" the pack). Once per dataset: the trip planner costs candidates on every rerun."""
    needs = dataset.plans["requires"].fillna("").str.contains(NEEDS_SEPARATE_SIM).to_numpy(dtype=bool)
    needs.setflags(write=False)
    return needs


@dataclass(frozen=True)
class LeftOut:
    """What a recommendation left out, and why (shown next to the answer)."""

    not_for_reader: int = 0  # resident-only plans for a visitor
    add_ons: int = 0  # add-ons and packs that need a plan underneath
    conditions: int = 0  # needs something the reader cannot meet (ID, address, term, day, SIM)

    @property
    def total(self) -> int:
        return self.not_for_reader + self.add_ons + self.conditions


def usable_plans(dataset: Dataset, positions: np.ndarray, who: str, include_conditional: bool,
                 on: dt.date | None = None) -> tuple[np.ndarray, LeftOut]:
    """The row positions among `positions` that may be recommended to this reader, and what was left
    out. Resident-only plans (for a visitor) and add-ons are always left out; plans with other
    conditions the reader cannot meet are left out unless they ask to include them."""
    fit = plan_fit(dataset, who, on or today())
    wrong_audience = ~fit.audience_fits[positions] & ~fit.audience_unknown[positions]
    add_on = fit.excluded_always[positions] & ~wrong_audience
    conditional = fit.unmet[positions] & ~fit.excluded_always[positions]
    keep = ~fit.excluded_always[positions]
    if not include_conditional:
        keep &= ~conditional
    left_out = LeftOut(
        not_for_reader=int(wrong_audience.sum()),
        add_ons=int(add_on.sum()),
        conditions=int(conditional.sum()) if not include_conditional else 0,
    )
    return positions[keep], left_out


def reader_values(dataset: Dataset, values: np.ndarray, who: str, on: dt.date | None = None) -> np.ndarray:
    """Per plan row: `values` where this reader may be recommended the plan (usable_plans, no
    conditional ones), NaN elsewhere. The one rule behind every "typical" and "cheapest" a reader
    sees: a visitor is never shown a resident's price as what things cost."""
    usable, _ = usable_plans(dataset, np.arange(len(dataset.plans)), who, False, on)
    shown = np.full(len(dataset.plans), np.nan)
    shown[usable] = np.asarray(values, dtype=float)[usable]
    return shown


def reader_tiers(dataset: Dataset, who: str, on: dt.date | None = None) -> np.ndarray:
    """Per plan row: 0 the reader can buy it, 1 nobody says who can (unknown audience), 2 they cannot
    (sold to others, an add-on, or a condition they cannot meet). A list for a reader leads with 0."""
    fit = plan_fit(dataset, who, on or today())
    tiers = np.where(fit.audience_unknown, 1, 0)
    return np.where(fit.excluded_always | fit.unmet, 2, tiers)


def recommendation_order(stale: np.ndarray, audience_unknown: np.ndarray, totals: np.ndarray,
                         tie: np.ndarray) -> np.ndarray:
    """Indexes of the options in recommendation order: fresh before stale, known audience before
    unknown, known total before unknown, then cheapest; `tie` keeps equal options in a stable order.
    """
    totals = np.asarray(totals, dtype=float)
    return np.lexsort((tie, np.where(np.isnan(totals), np.inf, totals), np.isnan(totals),
                       audience_unknown, stale))


def left_out_text(left_out: LeftOut, who: str, include_conditional: bool, lang: str) -> str:
    """One line saying how many plans an answer left out and why; empty when none."""
    parts = []
    if left_out.not_for_reader:
        parts.append(t("fit.left_residents", lang, count=left_out.not_for_reader))
    if left_out.add_ons:
        parts.append(t("fit.left_add_ons", lang, count=left_out.add_ons))
    if left_out.conditions and not include_conditional:
        parts.append(t(f"fit.left_conditions.{who}", lang, count=left_out.conditions))
    if not parts:
        return ""
    return t("fit.left_out", lang, reasons=format_list(parts, lang))


def plan_is_stale(row: pd.Series, on: dt.date | None = None) -> bool:
    """One plan row's price is stale: undated, or older than STALE_AFTER_DAYS."""
    age = source_age_days(pd.Series([row["source_date"]]), on or today())
    return bool(is_stale(age)[0])


def price_age_label(source_date: object, lang: str, on: dt.date | None = None) -> str:
    """"as of Oct 2019 · may be outdated", "as of Mar 2026", or "undated source · may be outdated"."""
    return _age_label(source_date, "fit.as_of", lang, on)


def source_age_label(source_date: object, lang: str, on: dt.date | None = None) -> str:
    """The same for any fact, not only a price: "Oct 2019 · may be outdated", "Mar 2026"."""
    return _age_label(source_date, "fit.dated", lang, on)


def _age_label(source_date: object, template: str, lang: str, on: dt.date | None) -> str:
    if not isinstance(source_date, str) or not source_date:
        return t("fit.undated", lang)
    label = t(template, lang, month=format_source_date(source_date, lang))
    age = source_age_days(pd.Series([source_date]), on or today())[0]
    return label + t("fit.stale_mark", lang) if age > STALE_AFTER_DAYS else label


def audience_label(audience: object, who: str, lang: str) -> str:
    """Who can buy it, marked when this reader cannot: "residents only ⚠" for a visitor."""
    if not isinstance(audience, str) or not audience:
        return t("fit.audience.unknown", lang)
    text = t(f"fit.audience.{audience}", lang)
    return text if audience in AUDIENCE_FITS[who] else text + t("fit.not_for_you", lang)


def requirements_label(cell: object, lang: str) -> str:
    """What a plan needs beyond paying, in words; "nothing else" for a sourced none, else unknown."""
    codes = requirement_codes(cell)
    if codes:
        return format_list([t(f"requires.{code}", lang) for code in codes], lang)
    if isinstance(cell, str) and "none" in cell:
        return t("requires.none", lang)
    return t("value.unknown", lang)
