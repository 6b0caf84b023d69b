"""The rows an API URL answers: a page's rows in full, with where each fact comes from.

The same core functions the pages call, fed the same parsed query (url_state.page_params): what a page
shows and what its API twin returns cannot drift apart. Provenance columns travel with every row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simatlas import (
    costs,
    fees,
    legs,
    places,
    plans,
    policies,
    registry,
    schema,
    suitability,
    url_state,
)
from simatlas.loader import Dataset
from simatlas.memo import per_dataset
from simatlas.url_state import Dropped

PROVENANCE = schema.EVIDENCE
DEFAULT_LANG = "en"  # a page follows the browser's language; an API URL without `lang` answers in English


@dataclass(frozen=True)
class ApiAnswer:
    """What an API URL answers: the page, its validated query and the rows."""

    page: str
    query: dict[str, list[str]]  # canonical: defaults left out, the page's own order
    dropped: list[Dropped]
    rows: pd.DataFrame
    notes: tuple[str, ...] = ()  # the sentences the page says beside the rows (what was left out, why)


@per_dataset
def _plan_index(dataset: Dataset) -> pd.Index:
    # plan_id → row position, once per dataset (an Index is immutable: shared, never copied).
    index: pd.Index = pd.Index(dataset.plans["plan_id"])
    return index


def _provenance_of_plans(dataset: Dataset, plan_ids: pd.Series) -> pd.DataFrame:
    """source_url, seen_on, source_date, confidence of each plan id (None where it is not a plan,
    e.g. the reader's own quote)."""
    positions = _plan_index(dataset).get_indexer(pd.Index(plan_ids.to_numpy(), copy=False))
    known = positions >= 0
    columns = {}
    for column in PROVENANCE:
        values = np.full(len(positions), None, dtype=object)
        values[known] = dataset.plans[column].to_numpy(dtype=object)[positions[known]]
        columns[column] = values
    return pd.DataFrame(columns)


def _with_provenance(rows: pd.DataFrame, provenance: pd.DataFrame) -> pd.DataFrame:
    """`rows` with the provenance columns last (an existing one is replaced, not repeated)."""
    rows = rows.reset_index(drop=True).drop(columns=[c for c in PROVENANCE if c in rows.columns])
    return pd.concat([rows, provenance.reset_index(drop=True)], axis=1)


def plans_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """Every plan of the view, in its order: the page's CSV download (plans.DOWNLOAD_COLUMNS)."""
    plan_filter = plans.PlanFilter.from_values(values)
    matched = plans.filter_plans(dataset, plan_filter)
    return plans.download_frame(matched, plan_filter.currency)


def trip_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """Every way to cover the trip, in recommendation order (the page shows the first 300). A trip
    through several places (two `leg`s or more): the page's answer and its two alternatives, one row
    per plan to buy (or per stop nothing covers), each naming its legs, places and days."""
    if len(url_state.as_legs(values.get("leg"))) >= 2:
        rows = legs.answer_rows(dataset, _legs_answer(dataset, values), str(values["cur"]), _lang(values))
        return _with_provenance(rows, _provenance_of_plans(dataset, rows["plan_id"]))
    trip = costs.Trip.from_values(values)
    options = costs.plan_trip(dataset, trip, str(values["cur"]), _lang(values)).options
    return _with_provenance(options, _provenance_of_plans(dataset, options["plan_id"]))


def fees_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """Every matching plan's fees, in the fee table's order."""
    query = fees.FeeQuery.from_values(values)
    matched = plans.filter_plans(dataset, query.plan_filter)
    breakdown = fees.fee_breakdown(dataset, matched, query.plan_filter.currency, _lang(values),
                                    query.plan_filter.who)
    # fee_breakdown keeps matched's row order: its provenance lines up row by row.
    frame = _with_provenance(breakdown, matched[list(PROVENANCE)])
    return fees.in_fee_order(frame, query.sort)


def _policy_rows(table: policies.PolicyTable) -> Callable[[Dataset, Mapping[str, object]], pd.DataFrame]:
    def rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
        # `operator` opens a card on the page; it does not narrow the rows.
        query = policies.PolicyQuery.from_values(values)
        found = policies.policy_rows(dataset, table, query.policy_filter, _lang(values))
        return _with_provenance(found, found[list(PROVENANCE)])

    rows.__doc__ = f"Every {table} rule of the view (simatlas.policies.policy_rows)."
    return rows


def countries_rows(dataset: Dataset, values: Mapping[str, object]) -> pd.DataFrame:
    """The overview, one row per place; provenance is the place's own record (countries.csv: its
    ID rule), empty for a place with no record."""
    query = places.PlaceQuery.from_values(values)
    # Every place the data knows anything of, the ones with only their networks listed included.
    table = places.overview(dataset, str(values["cur"]), _lang(values), query.countries, query.who,
                            every_place=True)
    if table.empty:  # no place in the data: the columns still say what a row would hold
        table = places.overview(dataset, str(values["cur"]), _lang(values), (), query.who).head(0)
    records = dataset.countries.drop_duplicates("country").set_index("country")
    provenance = pd.DataFrame({
        column: table["code"].map(records[column]).astype(object).where(table["code"].isin(records.index))
        for column in PROVENANCE
    })
    return _with_provenance(table, provenance)


def trip_notes(dataset: Dataset, values: Mapping[str, object]) -> tuple[str, ...]:
    """What the trip page says beside its options: what the answer left out and why, and why a
    cheaper option ranks lower (the same memoised answer as the rows)."""
    lang = _lang(values)
    if len(url_state.as_legs(values.get("leg"))) >= 2:
        return legs.notes(dataset, _legs_answer(dataset, values), str(values["cur"]), lang).lines()
    trip = costs.Trip.from_values(values)
    found = costs.plan_trip(dataset, trip, str(values["cur"]), lang)
    left_out = suitability.left_out_text(found.left_out, trip.who, trip.include_conditional, lang)
    return tuple(note for note in (left_out, *costs.ranking_notes(found.options, lang)) if note)


def _legs_answer(dataset: Dataset, values: Mapping[str, object]) -> legs.LegsAnswer:
    # The rows and the notes ask for the same answer: computed once per trip and day (legs.answer).
    return legs.answer(dataset, legs.MultiTrip.from_values(values))


NOTES: dict[str, Callable[[Dataset, Mapping[str, object]], tuple[str, ...]]] = {"trip": trip_notes}


ROWS: dict[str, Callable[[Dataset, Mapping[str, object]], pd.DataFrame]] = {
    "plans": plans_rows,
    "trip": trip_rows,
    "fees": fees_rows,
    "renewal": _policy_rows("renewal"),
    "cancellation": _policy_rows("cancellation"),
    "countries": countries_rows,
}
if set(ROWS) != set(registry.API_PAGES):  # the registry says which pages have a data twin: each has rows
    raise RuntimeError(f"API rows for {sorted(ROWS)}, pages with an API {sorted(registry.API_PAGES)} "
                       "(registry.py)")


def _lang(values: Mapping[str, object]) -> str:
    return str(values.get("lang") or DEFAULT_LANG)


def parse(dataset: Dataset, page: str, raw: Mapping[str, list[str]]) -> url_state.Parsed:
    """Parse `raw` as the page's link would be: the same parameters, parser and data-driven choices."""
    return url_state.parse_query(raw, url_state.page_params(page), url_state.dynamic_choices(dataset))


def answer(dataset: Dataset, page: str, raw: Mapping[str, list[str]],
           parsed: url_state.Parsed | None = None) -> ApiAnswer:
    """The page's rows for a raw query (`parsed`: the query already parsed by `parse`)."""
    parsed = parsed or parse(dataset, page, raw)
    query = url_state.serialise(parsed.values, url_state.page_params(page))
    notes = NOTES[page](dataset, parsed.values) if page in NOTES else ()
    return ApiAnswer(page, query, parsed.dropped, ROWS[page](dataset, parsed.values), notes)
