"""Filtering, sorting and summarising plans for one view.

Prices are compared in the display currency, converted from the EUR pivot computed at load time.
Unknown stays unknown: a plan whose validity is unknown does not meet a minimum validity, a plan
whose data is unknown has no price per GB, and a yes-only toggle keeps only a sourced "yes".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simatlas import history, schema, suitability, url_state
from simatlas.arrays import floats, is_missing
from simatlas.fx import DEFAULT_CURRENCY, rate_per_eur
from simatlas.i18n import country_name, format_money, format_number, t
from simatlas.loader import Dataset
from simatlas.memo import per_dataset, per_view

TABLE_ROW_LIMIT = 300
CHART_POINT_LIMIT = 300

# sort key → (column, ascending); ties fall back to price then id, so the order is stable.
SORT_COLUMNS = {
    "price": ("price_eur", True),
    "price_per_gb": ("price_per_gb_eur", True),
    "price_per_day": ("price_per_day_eur", True),
    "data": ("data_rank", False),
    "validity": ("validity_days", False),
}


@dataclass(frozen=True)
class PlanFilter:
    countries: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()
    sim: str = "any"
    billing: str = "any"
    min_gb: float = 0.0
    min_days: int = 0
    max_price: float | None = None  # in `currency`
    needs: tuple[str, ...] = ()  # the yes-only facts asked for (schema.YES_ONLY_FLAGS), in its order
    sort: str = "price_per_gb"
    currency: str = DEFAULT_CURRENCY
    who: str = suitability.DEFAULT_WHO  # the list leads with what this reader can buy

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> PlanFilter:
        """Build from parsed URL/widget values (names as in url_state)."""
        return cls(
            countries=url_state.as_codes(values.get("country")),
            operators=url_state.as_codes(values.get("operator")),
            sim=str(values.get("sim", "any")),
            billing=str(values.get("billing", "any")),
            min_gb=url_state.as_float(values.get("min_gb"), 0.0) or 0.0,
            min_days=url_state.as_int(values.get("min_days"), 0) or 0,
            max_price=url_state.as_float(values.get("max_price")),
            needs=url_state.needs(values),
            sort=str(values.get("sort", "price_per_gb")),
            currency=str(values.get("cur", DEFAULT_CURRENCY)),
            who=suitability.parse_who(values.get("who")),
        )


@per_dataset
def operator_names(dataset: Dataset, lang: str, legal: bool = False) -> dict[str, str]:
    """operator_id → the operator's name as shown in `lang`: the one place a shown name is chosen.

    English: the name people know it by (`loader.display_name`: a brand such as 3HK or csl; the legal
    name stays in the data and the sources), or with `legal` the full name as recorded. Chinese: the
    name the operator's own Chinese page uses (`name_zh`, sourced
    by `name_zh_url`); where none is sourced, its own name as written. Only `legal` views (a place's
    operator list, where a reader looks an operator up) mark that gap in words; in tables, filters
    and charts a mark after every brand (Airalo, giffgaff) would be noise. With `legal`, a Chinese name
    is followed by the recorded legal name.
    """
    operators = dataset.operators
    recorded = dict(zip(operators["operator_id"], operators["name"], strict=True))
    english = recorded if legal else dataset.operator_short_names
    if lang != "zh":
        return dict(english)
    names = {}
    for operator_id, chinese in zip(operators["operator_id"], operators["name_zh"], strict=True):
        if not isinstance(chinese, str) or not chinese:
            names[operator_id] = (t("operator.name_foreign", lang, name=english[operator_id]) if legal
                                  else english[operator_id])
        elif legal:
            names[operator_id] = t("operator.name_with_legal", lang, name=chinese, legal=english[operator_id])
        else:
            names[operator_id] = chinese
    return names


def plans_in_countries(dataset: Dataset, countries: Sequence[str]) -> pd.DataFrame:
    """The plans that work in at least one of `countries` (all plans when none is chosen).

    Uses the per-place positions computed at load: the cost follows the chosen places' rows.
    """
    if not countries:
        return dataset.plans
    chunks = [dataset.positions_by_place.get(code, np.empty(0, dtype=int)) for code in countries]
    positions = np.unique(np.concatenate(chunks)) if len(chunks) > 1 else chunks[0]
    return dataset.plans.iloc[positions]


def match_positions(dataset: Dataset, plan_filter: PlanFilter) -> np.ndarray:
    """Row positions (in dataset.plans) of the plans that match, in the view's order.

    Only the chosen places' rows are read, and nothing is copied: a page materialises just the rows
    it shows (see `rows`), so a view's cost follows what the user looks at, not the dataset's size.
    """
    plans = plans_in_countries(dataset, plan_filter.countries)
    mask = pd.Series(True, index=plans.index)
    if plan_filter.operators:
        mask &= plans["operator_id"].isin(plan_filter.operators)
    if plan_filter.sim != "any":
        mask &= plans["sim_type"] == plan_filter.sim
    if plan_filter.billing != "any":
        mask &= plans["billing"] == plan_filter.billing
    if plan_filter.min_gb > 0:
        enough = (plans["data_gb"] >= plan_filter.min_gb).fillna(False)
        mask &= enough | (plans["unlimited"] == "yes")
    if plan_filter.min_days > 0:
        mask &= (plans["validity_days"] >= plan_filter.min_days).fillna(False)
    for flag in plan_filter.needs:
        mask &= plans[flag] == "yes"
    if plan_filter.max_price is not None:
        rate = rate_per_eur(dataset, plan_filter.currency)
        mask &= (plans["price_eur"] * rate <= plan_filter.max_price).fillna(False)
    # dataset.plans has a RangeIndex (set at load), so index labels are row positions.
    positions = plans.index.to_numpy()[mask.to_numpy(dtype=bool)]
    return in_view_order(dataset, positions, plan_filter.sort, plan_filter.who)


@per_dataset
def _price_per_gb_eur(dataset: Dataset) -> np.ndarray:
    values = floats(dataset.plans["price_per_gb_eur"])
    values.setflags(write=False)  # shared by every session: read-only
    return values


def rows(dataset: Dataset, positions: np.ndarray, currency: str) -> pd.DataFrame:
    """The plans at `positions`, in that order, with prices in the display currency added."""
    rate = rate_per_eur(dataset, currency)
    matched = dataset.plans.iloc[positions].copy()
    matched["price_display"] = matched["price_eur"] * rate
    matched["price_per_gb_display"] = matched["price_per_gb_eur"] * rate
    matched["price_per_day_display"] = matched["price_per_day_eur"] * rate
    return matched


def filter_plans(dataset: Dataset, plan_filter: PlanFilter) -> pd.DataFrame:
    """Every plan that matches, sorted, with prices in the display currency (for downloads and tests)."""
    return rows(dataset, match_positions(dataset, plan_filter), plan_filter.currency)



@per_dataset
def _full_order(dataset: Dataset, sort: str, who: str, on: object) -> tuple[np.ndarray, np.ndarray]:
    """(every row position in view order, each position's rank in it), once per dataset, key, reader
    and day: first what the reader can buy, then unknown audience, then what they cannot; within each,
    by `sort`."""
    plans = dataset.plans
    column, ascending = SORT_COLUMNS.get(sort, SORT_COLUMNS["price_per_gb"])
    if column == "data_rank":  # unlimited ranks above any finite amount when sorting by data
        primary = np.where(plans["unlimited"].eq("yes").to_numpy(), np.inf, floats(plans["data_gb"]))
    else:
        primary = floats(plans[column])
    primary = primary if ascending else -primary  # NaN stays NaN: lexsort puts it last either way
    # Unknown last; ties by price, then id, so the order is stable.
    tiers = suitability.reader_tiers(dataset, who, on)  # type: ignore[arg-type]
    order = np.lexsort((plans["plan_rank"].to_numpy(), floats(plans["price_eur"]), primary, tiers))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    order.setflags(write=False)  # shared by every session: read-only
    rank.setflags(write=False)
    return order, rank


def in_view_order(dataset: Dataset, positions: np.ndarray, sort: str,
                  who: str = suitability.DEFAULT_WHO) -> np.ndarray:
    """`positions` in the view's order (the reader's first, then by the sort key), from the order
    computed once per dataset."""
    order, rank = _full_order(dataset, sort, who, suitability.today())
    if len(positions) == len(order):  # every plan: the order is already there
        return order
    return positions[np.argsort(rank[positions], kind="stable")]


def label(group: str, value: object, lang: str) -> str:
    """The catalogue label of a coded value; NA reads as "unknown", never as a blank."""
    return t("value.unknown", lang) if is_missing(value) else t(f"{group}.{value}", lang)


def note_in(note_en: object, note_zh: object, lang: str) -> str:
    """A row's note in the reader's language, falling back visibly to English."""
    if lang == "zh" and isinstance(note_zh, str) and note_zh:
        return note_zh
    if isinstance(note_en, str) and note_en:
        return note_en + (t("profile.english_only", lang) if lang == "zh" else "")
    return ""


def data_label(data_gb: float | None, unlimited: str, fair_use_gb: float | None, lang: str) -> str:
    if unlimited == "yes":
        if fair_use_gb is not None and not pd.isna(fair_use_gb):
            return t("value.unlimited_cap", lang, cap=format_number(fair_use_gb, lang))
        return t("value.unlimited", lang)
    if data_gb is None or pd.isna(data_gb):
        return t("value.unknown", lang)
    return t("value.gb", lang, amount=format_number(data_gb, lang))


@per_dataset
def _changed_on(dataset: Dataset) -> dict[str, str]:
    return {plan_id: day.isoformat() for plan_id, day in history.changed_since(dataset).items()}


# The table's column for each sort key: the key a view is sorted by is shown beside the price.
SORT_TABLE_COLUMNS = {"price": "price_display", "price_per_gb": "per_gb", "price_per_day": "per_day",
                      "data": "data", "validity": "validity"}
LEADING_COLUMNS = ("plan", "places", "price", "price_display")
ANSWER_COLUMNS = ("price_age", "audience")


def _price_as_sold(price: object, currency: object, display: object, display_currency: str, lang: str) -> str:
    """The price in its own currency; where no rate converts it, it says so (it is never hidden)."""
    if is_missing(price):
        return t("value.unknown", lang)
    sold = format_money(float(price), str(currency), lang)  # type: ignore[arg-type]
    if is_missing(display) and currency != display_currency:
        return t("fx.no_rate_price", lang, price=sold, currency=display_currency)
    return sold


def table_frame(
    matched: pd.DataFrame, dataset: Dataset, lang: str, limit: int = TABLE_ROW_LIMIT,
    who: str = suitability.DEFAULT_WHO, sort: str = "price_per_gb", currency: str = DEFAULT_CURRENCY,
) -> pd.DataFrame:
    """The visible table: a bounded number of rows, only the columns shown, labels in `lang`.

    The answer comes first — plan, place, price (as sold, and in the display currency), the sort key,
    how old the price is and who can buy it — so that on a phone it is on the first screen; what it
    needs and the working follow.
    """
    head = matched.head(limit)
    names = operator_names(dataset, lang)
    columns = {
        "plan": head["name"],
        "places": head["countries"],
        "price": [_price_as_sold(price, cur, display, currency, lang) for price, cur, display
                  in zip(head["price"], head["currency"], head["price_display"], strict=True)],
        "price_display": head["price_display"].round(2),
        "data": [
            data_label(gb, unlimited, cap, lang)
            for gb, unlimited, cap
            in zip(head["data_gb"], head["unlimited"], head["fair_use_gb"], strict=True)
        ],
        "validity": head["validity_days"],  # a number, so the column sorts; unknown via the grid
        "price_age": [suitability.price_age_label(date, lang) for date in head["source_date"]],
        "audience": [suitability.audience_label(value, who, lang) for value in head["audience"]],
        "requires": [suitability.requirements_label(value, lang) for value in head["requires"]],
        "per_gb": head["price_per_gb_display"].round(2),
        "per_day": head["price_per_day_display"].round(2),
        "operator": head["operator_id"].map(names),
        # The day the current price started, where an earlier one is recorded; "" = none recorded.
        "changed": head["plan_id"].map(lambda plan_id: _changed_on(dataset).get(plan_id, "")),
        "sim": head["sim_type"].map(lambda value: label("sim", value, lang)),
        "billing": head["billing"].map(lambda value: label("billing", value, lang)),
        "source": head["source_url"],
        "seen_on": head["seen_on"],
        "confidence": head["confidence"].map(lambda value: label("confidence", value, lang)),
        "note": [note_in(en, zh, lang) for en, zh in zip(head["note_en"], head["note_zh"], strict=True)],
    }
    key = SORT_TABLE_COLUMNS.get(sort, "per_gb")
    first = list(dict.fromkeys([*LEADING_COLUMNS, key, *ANSWER_COLUMNS]))
    order = first + [name for name in columns if name not in first]
    return pd.DataFrame({name: columns[name] for name in order})


DOWNLOAD_COLUMNS = [
    "plan_id", "operator_id", "name", "countries", "sim_type", "billing", "audience", "requires", "price",
    "currency", "price_display", "display_currency", "data_gb", "unlimited", "fair_use_gb",
    "validity_days", "price_per_gb_display", "price_per_day_display", "local_number", "hotspot",
    "five_g", "validity_starts", "renewable", "sim_fee", "deposit", "deposit_refundable",
    "monthly_admin_fee", "min_term_months", "early_termination_fee", *schema.EVIDENCE,
]


def download_frame(matched: pd.DataFrame, currency: str) -> pd.DataFrame:
    """Exactly the filtered rows, in the shown order, with the published columns (the download and
    the data API's plans view)."""
    frame = matched.assign(
        display_currency=currency,
        price_display=matched["price_display"].round(4),
        price_per_gb_display=matched["price_per_gb_display"].round(4),
        price_per_day_display=matched["price_per_day_display"].round(4),
    )
    return frame[DOWNLOAD_COLUMNS].reset_index(drop=True)


def download_csv(matched: pd.DataFrame, currency: str) -> bytes:
    """The download as UTF-8 CSV (BOM for spreadsheet apps)."""
    return download_frame(matched, currency).to_csv(index=False).encode("utf-8-sig")


def chart_points(matched: pd.DataFrame, dataset: Dataset, lang: str = "en",
                 limit: int = CHART_POINT_LIMIT, price_column: str = "price_display") -> pd.DataFrame:
    """Only what the scatter encodes, for the first `limit` plans in the current order, priced by
    `price_column` (the display currency, or "price": as sold).

    Unlimited plans are placed at their fair-use cap when one is known, else left out; so are 0-GB
    plans, which a log axis cannot place.
    """
    head = matched.head(limit)
    gigabytes = head["data_gb"].where(head["unlimited"] != "yes", head["fair_use_gb"])
    names = operator_names(dataset, lang)
    points = pd.DataFrame(
        {
            "plan": head["name"],
            "operator": head["operator_id"].map(names),
            "operator_id": head["operator_id"],  # the colour's key: a name can change with the language
            "place": schema.list_column(head["countries"]).str[0],
            "data_gb": gigabytes.astype("Float64"),
            "price": head[price_column].round(2).astype("Float64"),
            "days": head["validity_days"],
        }
    )
    points = points.dropna(subset=["data_gb", "price"])
    return points[points["data_gb"] > 0].reset_index(drop=True)


def price_per_gb_by_country(
    dataset: Dataset, positions: np.ndarray, currency: str, countries: Sequence[str], lang: str,
    who: str = suitability.DEFAULT_WHO,
) -> pd.DataFrame:
    """Median and cheapest price per GB per place over the matched plans (`positions`): one row per
    (place, measure), bounded.

    Numeric lookups by row position (no string join, no copy of the rows), so it stays fast at a
    million plans.
    """
    per_gb = np.full(len(dataset.plans), np.nan)
    # What this reader can buy only: a visitor's "typical" is never a resident's price.
    for_reader = suitability.reader_values(dataset, _price_per_gb_eur(dataset), who)
    per_gb[positions] = for_reader[positions] * rate_per_eur(dataset, currency)
    if countries:  # only the chosen places' coverage rows, from the per-place index
        empty = np.empty(0, dtype=np.int64)
        place_rows = {code: dataset.positions_by_place.get(code, empty) for code in countries}
        country = np.repeat(list(place_rows), [len(chunk) for chunk in place_rows.values()])
        plan_positions = np.concatenate(list(place_rows.values()))
    else:
        country = dataset.coverage["country"].to_numpy()
        plan_positions = dataset.coverage["pos"].to_numpy()
    joined = pd.DataFrame(
        {"country": country, "price_per_gb_display": per_gb[plan_positions]}
    ).dropna(subset=["price_per_gb_display"])
    if joined.empty:
        return pd.DataFrame(columns=["place_key", "place", "measure_key", "measure", "value", "plans"])
    grouped = joined.groupby("country")["price_per_gb_display"]
    summary = pd.DataFrame(
        {"median": grouped.median(), "cheapest": grouped.min(), "plans": grouped.size()}
    ).reset_index()
    long = summary.melt(
        id_vars=["country", "plans"], value_vars=["median", "cheapest"],
        var_name="measure_key", value_name="value",
    )
    long["place"] = long["country"].map(lambda code: country_name(code, lang))
    long["measure"] = long["measure_key"].map(lambda key: t(f"chart.{key}", lang))
    long["value"] = long["value"].astype(float).round(2)
    long["place_key"] = long["country"]
    return long[["place_key", "place", "measure_key", "measure", "value", "plans"]]


@dataclass(frozen=True)
class PlansView:
    """What the Plans page shows for one filter: how many plans match, the first rows (display
    currency), the table, the scatter's points and the price-per-GB summary by place."""

    count: int
    shown: pd.DataFrame
    table: pd.DataFrame
    points: pd.DataFrame
    per_gb: pd.DataFrame
    # The currency the scatter's prices are in: the display currency, or — when no plan shown has a
    # rate and all are priced in one currency (Taiwan's TWD) — that currency, as sold.
    points_currency: str = ""


def unrated_currency(shown: pd.DataFrame) -> str | None:
    """The one currency every priced plan shown is sold in, when none of them can be converted (no
    dated rate): their prices can still be drawn against each other, as sold."""
    priced = shown[shown["price"].notna()]
    if priced.empty or priced["price_display"].notna().any():
        return None
    currencies = priced["currency"].dropna().unique()
    return str(currencies[0]) if len(currencies) == 1 else None


# A shared link brings every visitor to the same filter: its view is built once per view and day
# (the table says how old each price is); each caller gets its own copy of the frames (memo.own_copy).
@per_view(dated_by=lambda: suitability.today())
def plans_view(dataset: Dataset, plan_filter: PlanFilter, currency: str, lang: str,
               who: str = suitability.DEFAULT_WHO) -> PlansView:
    matched = match_positions(dataset, plan_filter)  # row positions only: nothing copied yet
    shown = rows(dataset, matched[:TABLE_ROW_LIMIT], currency)
    points, points_currency = chart_points(shown, dataset, lang), currency
    own = unrated_currency(shown) if points.empty else None
    if own:  # no price converts: drawn as sold, in their one currency (a price without a rate stays)
        points, points_currency = chart_points(shown, dataset, lang, price_column="price"), own
    return PlansView(
        count=len(matched),
        shown=shown,
        table=table_frame(shown, dataset, lang, who=who, sort=plan_filter.sort, currency=currency),
        points=points,
        per_gb=price_per_gb_by_country(dataset, matched, currency, plan_filter.countries, lang, who),
        points_currency=points_currency,
    )

