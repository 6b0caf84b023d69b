"""Per place: an overview row, a profile's facts, the map's statuses and the standard trips' best
options. The answers to travellers' questions are simatlas.place_answers'.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import SupportsInt, cast

import numpy as np
import pandas as pd

from simatlas import costs, loader, networks, policies, suitability, url_state
from simatlas.arrays import floats, is_missing
from simatlas.fx import rate_per_eur
from simatlas.i18n import collation_key, country_name, format_money, t, t_count
from simatlas.loader import DEFAULT_DATA_DIR, Dataset
from simatlas.memo import per_dataset, per_view
from simatlas.plans import note_in, operator_names, plans_in_countries


@dataclass(frozen=True)
class PlaceQuery:
    """The Countries page's query: the places chosen in the shared Places filter; exactly one opens
    its profile (older `place=` links arrive here as that one place: url_state's `moves_to`)."""

    countries: tuple[str, ...] = ()
    place: str | None = None
    who: str = suitability.DEFAULT_WHO
    include_conditional: bool = False

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> PlaceQuery:
        countries = url_state.as_codes(values.get("country"))
        place = countries[0] if len(countries) == 1 else None
        who = suitability.parse_who(values.get("who"))
        return cls(countries, place, who, bool(values.get("conditional")))


def places(dataset: Dataset) -> list[str]:
    """Every place with plans or an operator, sorted by code."""
    return list(dataset.place_codes)


# Who SIM Atlas is for first (shared/domain.md): visitors to New Caledonia and Hong Kong.
FIRST_PLACES = ("NC", "HK")


@per_dataset
def home_places(dataset: Dataset, limit: int = 8) -> tuple[str, ...]:
    """The home page's shortcuts to a place's answers: New Caledonia and Hong Kong first, then the
    places with the most plans recorded (ties by code) — a count of what the data holds, not a claim
    about where people travel."""
    first = [place for place in FIRST_PLACES if place in dataset.positions_by_place]
    counts = sorted((-len(positions), place) for place, positions in dataset.positions_by_place.items()
                    if place not in first)
    return tuple([*first, *(place for _, place in counts)][:limit])


# What the data holds for a place, best first; "networks": only the list of its mobile networks.
MAP_STATUSES = ("priced", "plans", "rules", "networks", "none")


@per_dataset
def map_status(dataset: Dataset, who: str = suitability.DEFAULT_WHO) -> pd.DataFrame:
    """Per place with data (a row per numeric code): code, numeric id, status for the world map —
    `priced` (a plan this reader can buy has a price), `plans` (plans recorded, none priced for this
    reader), `rules` (operators or their rules only), `networks` (only the mobile networks a public
    list names: a reference, no operator's own page). A place with nothing has no row ("none")."""
    rows = []
    prices = floats(dataset.plans["price"])
    for place in dataset.place_codes:
        positions = dataset.positions_by_place.get(place, np.empty(0, dtype=np.int64))
        usable, _ = suitability.usable_plans(dataset, positions, who, include_conditional=False)
        priced = bool(np.isfinite(prices[usable]).any())
        status = "priced" if priced else "plans" if positions.size else "rules"
        rows += [{"code": place, "numeric": numeric, "status": status}
                 for numeric in loader.numeric_codes().get(place, ())]
    rows += [{"code": place, "numeric": numeric, "status": "networks"}
             for place in networks.network_only_places(dataset)
             for numeric in loader.numeric_codes().get(place, ())]
    return pd.DataFrame(rows, columns=["code", "numeric", "status"])


def map_frame(dataset: Dataset, who: str, lang: str) -> pd.DataFrame:
    """`map_status` with each place's name in the reader's language (the map's tooltip)."""
    status = map_status(dataset, who)
    return status.assign(place=[country_name(code, lang) for code in status["code"]])


# The world map's boundaries, bundled with the app (data/maps/README.md): read here for the ids it
# draws, and served to the browser by serve/links.py.
MAP_FILE = DEFAULT_DATA_DIR / "maps" / "countries-110m.json"


@cache
def map_ids() -> frozenset[str]:
    """The numeric ids of the countries the bundled world map draws."""
    topology = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return frozenset(str(shape.get("id")) for shape in topology["objects"]["countries"]["geometries"])


def off_the_map(dataset: Dataset, lang: str) -> list[str]:
    """The places with data that the map cannot show (too small for its scale), by name. A place
    with only its networks listed is left out: the list names ~60 islands too small for the map."""
    status = map_status(dataset)
    status = status[status["status"] != "networks"]
    on_map = set(status.loc[status["numeric"].isin(map_ids()), "code"])
    return sorted((country_name(code, lang) for code in set(status["code"]) - on_map),
                  key=lambda name: collation_key(name, lang))


def plans_in(dataset: Dataset, country: str) -> pd.DataFrame:
    return plans_in_countries(dataset, (country,))


def policy_places(dataset: Dataset, frame: pd.DataFrame) -> pd.Series:
    """The place of each row of a policy table: its operator's own country (NA for sellers)."""
    return frame["operator_id"].map(dataset.operators.set_index("operator_id")["country"])


@per_dataset
def coverage_places(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Per coverage row (one per plan and place): its place as a number, and the place codes those
    numbers index. Once per dataset: grouping 1.4 million (plan, place) rows by number is fast, by text
    is not."""
    numbers, uniques = pd.factorize(dataset.coverage["country"])
    codes = np.asarray(uniques, dtype=object)
    numbers.setflags(write=False)
    codes.setflags(write=False)
    return numbers, codes


def per_place_plan_values(dataset: Dataset, values: np.ndarray, how: list[str]) -> pd.DataFrame:
    """Aggregates `how` (["median", "min"], ["size", "sum"], …) of a per-plan array over the plans that
    work in each place, indexed by place code; places without plans are absent."""
    numbers, codes = coverage_places(dataset)
    per_plan = pd.Series(values[dataset.coverage["pos"].to_numpy()])
    # The stubs take list[str | Callable | ufunc]; list is invariant, so they refuse a list[str].
    result = per_plan.groupby(numbers).agg(how)  # type: ignore[arg-type]
    result.index = pd.Index(codes[result.index.to_numpy()], name="place")
    return result


@per_dataset
def place_text_range(dataset: Dataset, column: str, policy_tables: tuple[str, ...]) -> pd.DataFrame:
    """Per place code: the lowest and highest `column` text (ISO dates compare as text) over the place's
    local operators, the plans that work there and its local operators' rows of `policy_tables`.

    Columns min, max (None where no row has a value). One pass over the coverage, not one filter per
    place: a regional plan listing 60 places is read once, and the cost stays the same at 220 places.
    """
    local = dataset.operators.dropna(subset=["country"])
    policy = pd.concat([getattr(dataset, table) for table in policy_tables])
    # Sorted codes: the order of the codes is the order of the texts, so min/max run on numbers.
    codes, texts = pd.factorize(
        pd.concat([dataset.plans[column], local[column], policy[column]], ignore_index=True), sort=True)
    ranks = np.where(codes >= 0, codes, np.nan)
    plans = per_place_plan_values(dataset, ranks[:len(dataset.plans)], ["min", "max"])
    others = pd.DataFrame({
        "place": np.concatenate([local["country"].to_numpy(object),
                                 policy_places(dataset, policy).to_numpy(object)]),
        "rank": ranks[len(dataset.plans):],
    }).dropna(subset=["place"]).groupby("place")["rank"].agg(["min", "max"])
    both = pd.concat([plans, others])
    found = pd.DataFrame({"min": both["min"].groupby(level=0).min(),
                          "max": both["max"].groupby(level=0).max()})
    found = found.reindex(places(dataset))
    return pd.DataFrame({side: [None if pd.isna(rank) else str(texts[int(rank)]) for rank in found[side]]
                         for side in ("min", "max")}, index=found.index, dtype=object)


def _cheapest_by_place(dataset: Dataset, who: str, on: dt.date) -> dict[str, int]:
    """Place → row position of the plan the overview recommends there for a short trip: the trip
    planner's rule (usable for this reader, conditions left out, suitability order, lowest total for
    the standard trip), for every place in one sort of the coverage instead of one plan per place."""
    plans, coverage = dataset.plans, dataset.coverage
    totals, _ = costs.standard_trip_totals(dataset, "short", who, on)
    rows = np.flatnonzero(~np.isnan(totals[coverage["pos"].to_numpy()]))
    positions = coverage["pos"].to_numpy()[rows]
    numbers, codes = coverage_places(dataset)
    place_codes, place_names = numbers[rows], codes
    fit = suitability.plan_fit(dataset, who, on)
    order = suitability.recommendation_order(fit.stale[positions], fit.audience_unknown[positions],
                                             totals[positions], plans["plan_rank"].to_numpy()[positions])
    order = order[np.argsort(place_codes[order], kind="stable")]  # by place, recommendation order within
    first = np.unique(place_codes[order], return_index=True)[1]
    return {str(place_names[place_codes[order[i]]]): int(positions[order[i]]) for i in first}


@per_dataset
def _place_facts(dataset: Dataset, who: str, on: dt.date) -> tuple[dict, ...]:
    """Per place, what the overview shows, before language and currency: computed once per dataset,
    reader and day, by grouping the coverage (one row per plan and place) rather than selecting each
    place's plans in turn, which cost a minute at world scale (220 places, 60,000 plans)."""
    listed = networks.counts_by_place(dataset)
    codes = places(dataset)
    countries = dataset.countries.set_index("country")
    local = dataset.operators.dropna(subset=["country"])
    esim = pd.DataFrame({"yes": local["local_esim"].eq("yes"), "no": local["local_esim"].eq("no"),
                         "place": local["country"]}).groupby("place")
    operators = esim.size().reindex(codes, fill_value=0)
    # A place without local operators has no eSIM fact: unknown, never "no".
    esim_yes = esim["yes"].any().reindex(codes, fill_value=False)
    esim_no = esim["no"].all().reindex(codes, fill_value=False)
    cancel = dataset.cancellation
    online = policies.online_state(cancel)
    cancel = pd.DataFrame({"operator_id": cancel["operator_id"], "yes": online.eq("yes"),
                           "unknown": online.eq("unknown"), "place": policy_places(dataset, cancel)})
    by_place = cancel.dropna(subset=["place"]).groupby("place")
    rules = by_place.agg(rows=("operator_id", "size"), operators=("operator_id", "nunique"),
                         yes=("yes", "sum"), unknown=("unknown", "sum")).reindex(codes, fill_value=0)
    plan_count = dataset.coverage.groupby("country").size().reindex(codes, fill_value=0)
    per_gb_for_reader = suitability.reader_values(dataset, floats(dataset.plans["price_per_gb_eur"]), who, on)
    per_gb = per_place_plan_values(dataset, per_gb_for_reader, ["median", "min"])
    median_per_gb, cheapest_per_gb = per_gb["median"].reindex(codes), per_gb["min"].reindex(codes)
    cheapest = _cheapest_by_place(dataset, who, on)
    totals, lower = costs.standard_trip_totals(dataset, "short", who, on)
    # How old the facts are: the sources' own dates, not the day we read them.
    dated = place_text_range(dataset, "source_date", ("cancellation",))
    facts = []
    shown = dataset.plans[["name", "source_date"]]
    for code in codes:
        position = cheapest.get(code)
        best = None if position is None else shown.iloc[position]
        local_esim = "yes" if esim_yes[code] else "no" if esim_no[code] else "unknown"
        facts.append({
            "code": code,
            "operators": int(operators[code]),
            "plans": int(plan_count[code]),
            "networks": listed.get(code, 0),
            "local_esim": local_esim,
            "id_required": countries["id_required"].get(code, "unknown"),
            "cheapest": None if best is None or position is None
            else (best["name"], float(totals[position]), best["source_date"], bool(lower[position])),
            "median_per_gb_eur": _number(median_per_gb[code]),
            "cheapest_per_gb_eur": _number(cheapest_per_gb[code]),
            # Counts: the stubs type a cell read with .at as any scalar (None, Period …), which int() refuses.
            "cancel_rules": int(cast(SupportsInt, rules.at[code, "operators"])),
            "online_yes": int(cast(SupportsInt, rules.at[code, "yes"])),
            "online_unknown": int(cast(SupportsInt, rules.at[code, "unknown"]))
            + max(0, int(operators[code]) - int(cast(SupportsInt, rules.at[code, "rows"]))),
            "newest": dated.at[code, "max"],
            "oldest": dated.at[code, "min"],
        })
    # A place with only its networks listed has a row too: nothing curated, so every count is zero and
    # every fact unknown, without the per-place lookups above (~200 places).
    facts += [{
        "code": code, "operators": 0, "plans": 0, "networks": listed[code], "local_esim": "unknown",
        "id_required": countries["id_required"].get(code, "unknown"), "cheapest": None,
        "median_per_gb_eur": None, "cheapest_per_gb_eur": None, "cancel_rules": 0, "online_yes": 0,
        "online_unknown": 0, "newest": None, "oldest": None,
    } for code in networks.network_only_places(dataset)]
    return tuple(sorted(facts, key=lambda fact: fact["code"]))  # shared by every session: read only


def _number(value: object) -> float | None:
    return None if is_missing(value) else float(value)  # type: ignore[arg-type]


def online_cancel_summary(fact: dict, lang: str) -> str:
    """"2 of 3 (1 unknown)", or "no rule recorded (1 operator)": never a bare 0 that reads as "no"."""
    if fact["cancel_rules"] == 0:
        return t_count("places.no_rule", lang, fact["operators"])
    if fact["online_yes"] == 0 and fact["online_unknown"] >= fact["operators"]:
        return t_count("places.online_unknown", lang, fact["operators"])  # never a bare "0 of 4"
    return t("places.online_share", lang, yes=fact["online_yes"], total=fact["operators"],
             unknown=fact["online_unknown"])


OVERVIEW_COLUMNS = ("code", "place", "operators", "plans", "networks", "local_esim", "id_required",
                    "cheapest", "median_per_gb", "cheapest_per_gb", "online_cancel", "newest", "oldest")


@per_view(dated_by=lambda: suitability.today())  # freshness and who can buy depend on the day
def overview(dataset: Dataset, currency: str, lang: str, only: tuple[str, ...] = (),
             who: str = suitability.DEFAULT_WHO, every_place: bool = False) -> pd.DataFrame:
    """One row per place for the comparison table (display strings, unknown in words): the places
    with curated data, a place in `only` whatever it holds, and with `every_place` also every place
    whose networks alone are listed (the API's view of the world)."""
    curated = set(dataset.place_codes)
    rate = rate_per_eur(dataset, currency)

    def money_per_gb(eur: float | None) -> float | None:
        return None if eur is None else round(eur * rate, 2)

    def cheapest_text(cheapest: tuple[str, float, object, bool] | None, plan_count: int) -> str:
        if cheapest is None:  # "none a visitor can buy" only where plans are recorded
            return t(f"places.no_option.{who}" if plan_count else "places.no_plans", lang)
        name, total_eur, source_date, at_least = cheapest
        money = format_money(total_eur * rate, currency, lang)
        total = t("value.at_least", lang, amount=money) if at_least else money
        age = suitability.price_age_label(source_date, lang)
        return f"{name} · {total} · {age}"

    rows = [
        {
            "code": fact["code"],
            "place": country_name(fact["code"], lang),
            "operators": fact["operators"],
            "plans": fact["plans"],
            "networks": fact["networks"],
            "local_esim": t(f"value.{fact['local_esim']}", lang),
            "id_required": t(f"value.{fact['id_required']}", lang),
            "cheapest": cheapest_text(fact["cheapest"], fact["plans"]),
            "median_per_gb": money_per_gb(fact["median_per_gb_eur"]),
            "cheapest_per_gb": money_per_gb(fact["cheapest_per_gb_eur"]),
            "online_cancel": online_cancel_summary(fact, lang),
            "newest": fact["newest"],
            "oldest": fact["oldest"],
        }
        for fact in _place_facts(dataset, who, suitability.today())
        if (fact["code"] in only if only else every_place or fact["code"] in curated)
    ]
    # In the reader's language's order: by pinyin in Chinese, alphabetically in English.
    rows.sort(key=lambda row: collation_key(row["place"], lang))
    return pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)  # the columns even when no place has data


@per_view(dated_by=lambda: suitability.today())  # every visitor of a shared link: built once per view
def overview_chart_frame(dataset: Dataset, currency: str, lang: str, only: tuple[str, ...] = (),
                         who: str = suitability.DEFAULT_WHO) -> pd.DataFrame:
    """The overview's price-per-GB chart frame (per_gb_chart_frame of the same view's overview)."""
    return per_gb_chart_frame(overview(dataset, currency, lang, only, who), lang)


def per_gb_chart_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Long frame (place, measure, value) for the price-per-GB chart; places without data are left out."""
    if table.empty:
        return pd.DataFrame(columns=["place_key", "place", "measure_key", "measure", "value", "plans"])
    long = table.melt(id_vars=["code", "place", "plans"], value_vars=["median_per_gb", "cheapest_per_gb"],
                      var_name="column", value_name="value").dropna(subset=["value"])
    long["measure_key"] = long["column"].map({"median_per_gb": "median", "cheapest_per_gb": "cheapest"})
    long["measure"] = long["measure_key"].map(lambda key: t(f"chart.{key}", lang))
    long["place_key"] = long["code"]
    return long[["place_key", "place", "measure_key", "measure", "value", "plans"]]


@per_view()
def operators_of(dataset: Dataset, country: str, lang: str) -> pd.DataFrame:
    """The place's own operators; in Chinese with the page each Chinese name comes from."""
    local = dataset.operators[dataset.operators["country"] == country]
    names = operator_names(dataset, lang, legal=True)
    table = pd.DataFrame(
        {
            "operator": local["operator_id"].map(names),
            "kind": local["kind"].map(lambda kind: t(f"kind.{kind}", lang)),
            "brands": local["brands"].fillna(""),
            "local_esim": local["local_esim"].map(lambda state: t(f"value.{state}", lang)),
            "source": local["source_url"],
        }
    )
    if lang == "zh":
        table["name_source"] = local["name_zh_url"]
        table["name_seen_on"] = local["name_zh_seen_on"]  # the name's own date seen, not the row's
    return table.reset_index(drop=True)


def sellers_covering(dataset: Dataset, country: str, lang: str) -> list[str]:
    sellers = dataset.operators[dataset.operators["kind"] == "esim_seller"]["operator_id"]
    covering = policies.operators_with_plans_in(dataset).get(country, frozenset())
    names = operator_names(dataset, lang)
    shown = [names[op] for op in set(sellers) & set(covering)]
    return sorted(shown, key=lambda name: collation_key(name, lang))


@dataclass(frozen=True)
class BestOptions:
    """The trip planner's best option (a row of its options) for a place's standard short trip and
    long stay (costs.STANDARD_TRIPS), and what the short-trip answer left out."""

    short: pd.Series | None
    long: pd.Series | None
    left_out: suitability.LeftOut


@per_view(dated_by=lambda: suitability.today())  # a price's age depends on the day
def best_options(dataset: Dataset, country: str, who: str = suitability.DEFAULT_WHO,
                 include_conditional: bool = False, currency: str = "USD", lang: str = "en") -> BestOptions:
    """What a week's trip and a month's stay in `country` cost this reader at best: the trip planner's
    own answer (same candidates, cost model and ranking), not a plan's sticker price."""
    trips = {kind: costs.plan_trip(dataset, costs.standard_trip(kind, country, who, include_conditional),
                                   currency, lang, limit=1)
             for kind in costs.STANDARD_TRIPS}
    first = {kind: None if answer.options.empty else answer.options.iloc[0]
             for kind, answer in trips.items()}
    return BestOptions(first["short"], first["long"], trips["short"].left_out)


@per_view(dated_by=lambda: suitability.today())  # who can buy a plan depends on the day
def unpriced_leads(dataset: Dataset, countries: tuple[str, ...], who: str, lang: str) -> pd.DataFrame:
    """Plans known in these places whose price no source gives, that this reader could buy: worth
    asking about (e.g. a visitor card whose price we could not read)."""
    plans = plans_in_countries(dataset, countries)
    plans = plans[plans["price"].isna()]
    positions, _ = suitability.usable_plans(dataset, plans.index.to_numpy(), who, include_conditional=True)
    leads = dataset.plans.iloc[positions]
    return pd.DataFrame({
        "name": leads["name"], "operator": leads["operator_id"].map(operator_names(dataset, lang)),
        "audience": leads["audience"], "source_date": leads["source_date"], "source_url": leads["source_url"],
    }).reset_index(drop=True)


@per_view()
def operator_channels(dataset: Dataset, countries: tuple[str, ...], lang: str) -> pd.DataFrame:
    """The local operators' own websites, as the data records them: where to ask what we don't know."""
    operators = dataset.operators
    local = operators[operators["country"].isin(countries) & operators["website"].notna()]
    return pd.DataFrame({"operator": local["operator_id"].map(operator_names(dataset, lang)),
                         "website": local["website"]}).reset_index(drop=True)


@dataclass(frozen=True)
class Fact:
    """A sourced statement worth reading when the structured fields are unknown (often a note)."""

    topic_key: str  # catalogue key: what it is about (the operator, buying a visitor card, …)
    text: str
    source_url: str
    source_date: object
    subject: str = ""  # the operator or plan it is about
    quote: object = None  # the source's own words (source_quote), in its language
    quote_lang: object = None


@per_view(dated_by=lambda: suitability.today())  # which cards a reader can buy depends on the day
def known_facts(dataset: Dataset, countries: tuple[str, ...], lang: str, who: str = suitability.DEFAULT_WHO,
                limit: int = 8) -> list[Fact]:
    """What the sources do say about these places, as text: the ID rule, the local operators, how
    their lines are topped up or closed, and the cards a reader of this kind can buy. Where every
    structured field is unknown, a note often carries the one useful fact."""
    facts: list[Fact] = []
    rules = dataset.countries[dataset.countries["country"].isin(countries)]
    for row in rules.itertuples():
        text = row.id_rule_zh if lang == "zh" and isinstance(row.id_rule_zh, str) else row.id_rule_en
        if isinstance(text, str) and text:
            place = country_name(str(row.country), lang)
            # source_url is a required text column; the stubs type a row's fields as any scalar.
            facts.append(Fact("facts.id_rule", text, cast(str, row.source_url), row.source_date, place,
                              row.source_quote, row.source_lang))
    local = dataset.operators[dataset.operators["country"].isin(countries)]
    names = operator_names(dataset, lang)
    plans = plans_in_countries(dataset, countries)
    fit = suitability.plan_fit(dataset, who, suitability.today())
    for_reader = plans[~fit.excluded_always[plans.index.to_numpy()]]
    for_reader = for_reader[for_reader["operator_id"].isin(local["operator_id"])]
    groups = [
        ("facts.operator", local, lambda row: names[row.operator_id]),
        ("facts.card", for_reader, lambda row: f"{row.name} ({names[row.operator_id]})"),
        ("facts.renewal", dataset.renewal[dataset.renewal["operator_id"].isin(local["operator_id"])],
         lambda row: names[row.operator_id]),
        ("facts.cancellation",
         dataset.cancellation[dataset.cancellation["operator_id"].isin(local["operator_id"])],
         lambda row: names[row.operator_id]),
    ]
    for topic, frame, subject in groups:
        # Only rows with a note can give a fact, and only the first `limit` facts are shown: a place
        # with tens of thousands of plans (1M synthetic) is not read row by row.
        noted = frame[frame["note_en"].notna() | frame["note_zh"].notna()]
        for row in noted.itertuples():
            if len(facts) >= limit:
                return facts
            text = note_in(row.note_en, row.note_zh, lang)
            if text:
                facts.append(Fact(topic, text, row.source_url, row.source_date, subject(row),
                                  row.source_quote, row.source_lang))
    return facts[:limit]


