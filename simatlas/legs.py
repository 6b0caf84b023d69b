"""A trip through several places (issue #23): the cheapest way to cover every day of every leg.

A trip is an ordered list of legs (place, days). A plan may cover one leg, or a run of consecutive
legs when it works in every place of the run (a regional card for Hong Kong then Macau); the
answer is the cheapest set of plans that covers every day, found exactly by a dynamic programme
over the leg boundaries:

    best[j] = min over i < j of best[i] + cheapest plan covering legs i..j-1

The cost of one plan over a run is the one-place planner's own model (`costs._costs`) for the run's
days and the run's share of the data (data scales with days), in EUR through the plan's currency
rate. The candidates for a run obey the one-place planner's rules (`costs._candidates`, which goes
through `suitability.usable_plans`: never a resident-only plan for a visitor, never an add-on on its
own). O(L² × candidates): runs through the same set of places share their candidates and are costed
in one vectorised `_costs` call (so HK, MO, HK, MO costs three calls, not ten); L is at most MAX_LEGS
from a link.

Objective, compared lexicographically (a total order compatible with addition, so the programme
stays exact for every component):

1. legs left uncovered: a leg no plan can cover is skipped at cost 0, named, and makes the total
   "at least". A leg is skipped only when no way of covering it leaves fewer legs uncovered (a
   leg some plan covers on its own is never skipped).
2. the total, in whole euro cents: the figure the reader sees. The one-place planner ranks a fresh
   or known-audience plan before a cheaper stale or unknown one; across several legs the answer is
   a sum, so here the cost decides, and freshness and audience only break ties —
3. then fewer segments with a stale price, 4. fewer with an unknown audience, 5. fewer "at least"
   totals, 6. fewer segments (fewer SIM changes). A segment carries its stale / unknown-audience
   flags, so the page says so next to it.

No Streamlit here: pages and the API call `plan_legs`, `local_card_each_place`, `one_plan_whole_trip`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, cast

import numpy as np
import pandas as pd

from simatlas import costs, plans, suitability, url_state
from simatlas.arrays import floats
from simatlas.fx import per_eur, rate_per_eur
from simatlas.i18n import country_name, format_list, format_money, t, t_count
from simatlas.loader import Dataset
from simatlas.memo import per_view
from simatlas.schema import LIST_SEPARATOR, QUOTE_COLUMNS
from simatlas.url_state import Dropped

MAX_LEGS = url_state.MAX_LEGS
MAX_LEG_DAYS = url_state.MAX_LEG_DAYS
LEG_PARAM = "leg"  # the link parameter: leg=HK:5&leg=MO:2, in travel order


@dataclass(frozen=True)
class Leg:
    """Days spent in one place, in travel order."""

    place: str
    days: int


@dataclass(frozen=True)
class MultiTrip:
    """A trip through several places: its legs, its data need, its reader, and the reader's quote.

    `quote_places`: where the reader's quote works (link `q_countries`); empty = every leg.
    """

    legs: tuple[Leg, ...]
    total_gb: float = url_state.DEFAULT_TRIP_GB  # for the whole trip
    gb_per_day: float | None = None  # when set, wins over total_gb
    who: str = suitability.DEFAULT_WHO
    include_conditional: bool = False
    quote: costs.Quote | None = None
    quote_places: tuple[str, ...] = ()
    esim_only: bool = False
    needs: tuple[str, ...] = ()  # yes-only flags the reader asked for (schema.YES_ONLY_FLAGS)

    @classmethod
    def from_values(cls, values: Mapping[str, object], legs: tuple[Leg, ...] | None = None) -> MultiTrip:
        """The query from parsed link values: data, reader, needs and quote read as the one-place
        planner reads them (`costs.Trip.from_values`); the legs from the link's `leg` unless given."""
        one_place = costs.Trip.from_values(values)
        if legs is None:
            legs = tuple(Leg(place, days) for place, days in url_state.as_legs(values.get(LEG_PARAM)))
        return cls(legs=legs, total_gb=one_place.total_gb, gb_per_day=one_place.gb_per_day,
                   who=one_place.who, include_conditional=one_place.include_conditional,
                   quote=one_place.quote, quote_places=url_state.as_codes(values.get("q_countries")),
                   esim_only=one_place.esim_only,
                   needs=one_place.needs)

    @property
    def days(self) -> int:
        return sum(leg.days for leg in self.legs)

    @property
    def gb_each_day(self) -> float:
        """The data need per day: a run of legs needs its days' share (as `costs.Trip.lasting`)."""
        if self.gb_per_day is not None:
            return self.gb_per_day
        return self.total_gb / max(self.days, 1)

    def quote_covers(self, places: Iterable[str]) -> bool:
        return self.quote is not None and (not self.quote_places or set(places) <= set(self.quote_places))


@dataclass(frozen=True)
class Segment:
    """One plan bought for a run of consecutive legs (first_leg..last_leg, both included, 0-based)."""

    first_leg: int
    last_leg: int
    places: tuple[str, ...]  # distinct, in travel order
    days: int
    plan_id: str  # costs.Quote.PLAN_ID for the reader's own quote
    plan_name: str
    operator_id: str | None  # None for the reader's quote
    total_eur: float  # as computed (the optimiser compares whole cents: `_cents`)
    at_least: bool  # the total leaves out a part no source gives (costs._is_lower_bound)
    stale: bool  # undated or old price (suitability.plan_fit)
    audience_unknown: bool  # no source says who can buy it
    # The cost model's row for this plan over these days (purchases, fees, assumptions): how the
    # total was reached, in words at the edge (costs._reasoning / _assumptions).
    cost: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class LegPlan:
    """The chosen plans, in travel order, and what they cost together."""

    legs: tuple[Leg, ...]
    segments: tuple[Segment, ...]
    total_eur: float  # the segments' sum; 0 when no leg could be covered
    at_least: bool  # a segment's total is a lower bound, or a leg is uncovered
    uncovered: tuple[int, ...] = ()  # legs (0-based) no usable, priced plan covers: left out of the total
    left_out: suitability.LeftOut = field(default_factory=suitability.LeftOut)

    @property
    def uncovered_places(self) -> tuple[str, ...]:
        return tuple(self.legs[index].place for index in self.uncovered)


# --- Costing every run of legs ---------------------------------------------------------------------

# (uncovered legs, cents, stale segments, unknown-audience segments, "at least" segments, segments):
# see the module docstring. Vectors add component-wise and compare lexicographically.
Key = tuple[int, int, int, int, int, int]
Run = tuple[int, int]  # (first leg, last leg), both included
_START: Key = (0, 0, 0, 0, 0, 0)
_SKIP: Key = (1, 0, 0, 0, 0, 0)


def _cents(total_eur: float) -> int:
    return round(total_eur * 100)


def _segment_key(segment: Segment) -> Key:
    return (0, _cents(segment.total_eur), int(segment.stale), int(segment.audience_unknown),
            int(segment.at_least), 1)


def _add(left: Key, right: Key) -> Key:
    return (left[0] + right[0], left[1] + right[1], left[2] + right[2], left[3] + right[3],
            left[4] + right[4], left[5] + right[5])


def _best_plans(dataset: Dataset, trip: MultiTrip, candidates: pd.DataFrame, runs: list[Run]
                ) -> dict[Run, tuple[tuple[int, ...], Segment]]:
    """For each run of legs through the same places, the cheapest usable plan among `candidates`
    (ties: fresh, known audience, known total, plan id) and its ranking key; a run that no
    candidate can cover is absent. One `_costs` call for every (candidate, run) pair."""
    if candidates.empty or not runs:
        return {}
    days = np.array([_days(trip.legs[first:last + 1]) for first, last in runs])
    count, width = len(candidates), len(runs)
    # Candidate-major rows (each candidate once per run): the results reshape to (candidate, run).
    repeated = candidates.iloc[np.repeat(np.arange(count), width)]
    run_days = np.tile(days, count)
    found = costs._costs(dataset, repeated, run_days, trip.gb_each_day * run_days)
    rate = floats(candidates["currency"].map(per_eur(dataset)))
    with np.errstate(invalid="ignore"):
        total_eur = floats(found["total"]).reshape(count, width) / rate[:, None]
    fits = found["feasible"].to_numpy(dtype=bool).reshape(count, width) & np.isfinite(total_eur)
    cents = np.round(np.where(fits, total_eur, 0.0) * 100).astype(np.int64)
    positions = candidates.index.to_numpy()  # dataset.plans has a RangeIndex: labels are positions
    fit = suitability.plan_fit(dataset, trip.who, suitability.today())
    stale, unknown = fit.stale[positions], fit.audience_unknown[positions]
    tie = candidates["plan_rank"].to_numpy()
    plan_ids, names = candidates["plan_id"].to_numpy(), candidates["name"].to_numpy()
    operator_ids = candidates["operator_id"].to_numpy()
    best: dict[Run, tuple[tuple[int, ...], Segment]] = {}
    for column, (first, last) in enumerate(runs):
        rows = np.flatnonzero(fits[:, column])
        if not rows.size:
            continue
        order = rows[np.lexsort((tie[rows], unknown[rows], stale[rows], cents[rows, column]))]
        head = order[0]
        tied = order[(cents[order, column] == cents[head, column]) & (stale[order] == stale[head])
                     & (unknown[order] == unknown[head])]
        # Whether a total is "at least" needs its row's assumptions one by one: only for the tied few.
        records = found.iloc[tied * width + column].to_dict("records")
        lower = [costs._is_lower_bound(record) for record in records]
        chosen = lower.index(False) if False in lower else 0
        pick = int(tied[chosen])
        segment = Segment(first, last, _places(trip.legs[first:last + 1]), int(days[column]),
                          str(plan_ids[pick]), str(names[pick]), str(operator_ids[pick]),
                          float(total_eur[pick, column]), lower[chosen], bool(stale[pick]),
                          bool(unknown[pick]), MappingProxyType(records[chosen]))
        best[first, last] = ((*_segment_key(segment)[1:5], int(tie[pick])), segment)
    return best


def _quote_segments(dataset: Dataset, trip: MultiTrip) -> dict[Run, Segment]:
    """The reader's quote for every run it covers, costed in one vectorised call. A quote in a
    currency without a rate is left out, as the one-place planner leaves it out."""
    quote, rates = trip.quote, per_eur(dataset)
    if quote is None or quote.currency not in rates.index:
        return {}
    runs = [(first, last) for first in range(len(trip.legs)) for last in range(first, len(trip.legs))
            if trip.quote_covers(leg.place for leg in trip.legs[first:last + 1])]
    if not runs:
        return {}
    days = np.array([_days(trip.legs[first:last + 1]) for first, last in runs])
    found = costs._quote_costs(quote, days, trip.gb_each_day * days)
    segments: dict[Run, Segment] = {}
    records = cast(list[dict[str, Any]], found.to_dict("records"))  # keyed by column name (text)
    for (first, last), run_days, row in zip(runs, days, records, strict=True):
        total_eur = row["total"] / float(rates[quote.currency])
        if not row["feasible"] or not np.isfinite(total_eur):
            continue
        segments[first, last] = Segment(
            first, last, _places(trip.legs[first:last + 1]), int(run_days), costs.Quote.PLAN_ID, quote.label,
            None, float(total_eur), costs._is_lower_bound(row), stale=False, audience_unknown=False,
            cost=MappingProxyType(row))
    return segments


def _places(legs: Sequence[Leg]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(leg.place for leg in legs))


def _days(legs: Sequence[Leg]) -> int:
    return sum(leg.days for leg in legs)


# Every page of a shared multi-leg link asks for the same runs three times (the answer and its two
# alternatives): costed once per dataset, trip and day (prices age), the 64 latest trips kept per
# dataset (memo.per_view). What it hands out is a read-only mapping of frozen segments.
@per_view(dated_by=lambda: suitability.today())
def run_segments(dataset: Dataset, trip: MultiTrip) -> Mapping[Run, Segment]:
    """(first leg, last leg) → the best plan or quote covering that run of legs; runs that nothing
    covers are absent.

    Runs through the same places share their candidates (HK, MO, HK: three runs, one place set),
    so candidates are found once per place set and costed together."""
    candidates_of: dict[frozenset[str], pd.DataFrame] = {}
    runs_of: dict[frozenset[str], list[Run]] = {}
    for first in range(len(trip.legs)):
        for last in range(first, len(trip.legs)):
            places = frozenset(leg.place for leg in trip.legs[first:last + 1])
            if places not in candidates_of:
                query = costs.Trip(countries=tuple(sorted(places)), who=trip.who,
                                   include_conditional=trip.include_conditional, esim_only=trip.esim_only,
                                   needs=trip.needs)
                candidates_of[places] = costs._candidates(dataset, query)[0]
            if candidates_of[places].empty and not trip.quote_covers(places):
                break  # a longer run has more places: nothing covers it either
            runs_of.setdefault(places, []).append((first, last))
    options: dict[Run, list[tuple[tuple[int, ...], Segment]]] = {}
    for places, runs in runs_of.items():
        for run, option in _best_plans(dataset, trip, candidates_of[places], runs).items():
            options.setdefault(run, []).append(option)
    for run, quote in _quote_segments(dataset, trip).items():
        # tie -1: the reader's own price first among equals, as in costs.plan_trip
        options.setdefault(run, []).append(((*_segment_key(quote)[1:5], -1), quote))
    return MappingProxyType({run: min(found, key=lambda option: option[0])[1]
                             for run, found in sorted(options.items())})


# --- The dynamic programme -------------------------------------------------------------------------


def _cheapest(dataset: Dataset, trip: MultiTrip, max_run_legs: int) -> LegPlan:
    """The exact optimum over runs of at most `max_run_legs` legs (see the module docstring)."""
    runs = run_segments(dataset, trip)
    count = len(trip.legs)
    best: list[Key] = [_START]
    came_from: list[tuple[int, Segment | None]] = [(0, None)]
    for end in range(1, count + 1):
        # Skipping the leg is always possible; it costs one uncovered leg, which outweighs any price.
        key = _add(best[end - 1], _SKIP)
        step: tuple[int, Segment | None] = (end - 1, None)
        for start in range(max(0, end - max_run_legs), end):
            segment = runs.get((start, end - 1))
            if segment is not None and (candidate := _add(best[start], _segment_key(segment))) < key:
                key, step = candidate, (start, segment)
        best.append(key)
        came_from.append(step)
    segments: list[Segment] = []
    uncovered: list[int] = []
    end = count
    while end > 0:
        start, segment = came_from[end]
        if segment is None:
            uncovered.append(start)
        else:
            segments.append(segment)
        end = start
    segments.reverse()
    uncovered.reverse()
    return LegPlan(
        legs=trip.legs, segments=tuple(segments), total_eur=sum(segment.total_eur for segment in segments),
        at_least=bool(uncovered) or any(segment.at_least for segment in segments),
        uncovered=tuple(uncovered), left_out=_left_out(dataset, trip))


def _left_out(dataset: Dataset, trip: MultiTrip) -> suitability.LeftOut:
    """What the answer left out for this reader among the plans of the trip's places."""
    empty = np.empty(0, dtype=np.int64)
    positions = np.unique(np.concatenate(
        [empty, *(dataset.positions_by_place.get(leg.place, empty) for leg in trip.legs)]))
    return suitability.usable_plans(dataset, positions, trip.who, trip.include_conditional)[1]


def plan_legs(dataset: Dataset, trip: MultiTrip) -> LegPlan:
    """The cheapest way to cover every day of every leg: one plan per run of consecutive legs."""
    return _cheapest(dataset, trip, max_run_legs=len(trip.legs))


def local_card_each_place(dataset: Dataset, trip: MultiTrip) -> LegPlan:
    """The honest alternative "a card in each place": the best plan for each leg on its own (any
    plan that works there, a regional one included), legs nothing covers left uncovered."""
    return _cheapest(dataset, trip, max_run_legs=1)


def one_plan_whole_trip(dataset: Dataset, trip: MultiTrip) -> LegPlan | None:
    """The other honest alternative: the best single plan, or the reader's quote, for the whole
    trip; None when nothing works in every place."""
    if not trip.legs:
        return None
    segment = run_segments(dataset, trip).get((0, len(trip.legs) - 1))
    if segment is None:
        return None
    return LegPlan(legs=trip.legs, segments=(segment,), total_eur=segment.total_eur,
                   at_least=segment.at_least, left_out=_left_out(dataset, trip))


# --- The link ---------------------------------------------------------------------------------------

# The link grammar lives in url_state (`leg` is parsed with every other parameter); this reads it as
# legs. A dropped value carries its notice code; the reader reads `notice.<code>` in their language.
def parse_leg_values(values: Sequence[str], known_places: Iterable[str]
                     ) -> tuple[tuple[Leg, ...], list[Dropped]]:
    """The legs of `leg=PLACE:DAYS` values (travel order), and every value dropped, with a code."""
    found, dropped = url_state.parse_legs(values, known_places)
    return tuple(Leg(place, days) for place, days in found), dropped


def leg_values(legs: Iterable[Leg]) -> list[str]:
    """The link values of `legs`: parse_leg_values(leg_values(legs), places) gives them back."""
    return [url_state.leg_text(leg.place, leg.days) for leg in legs]


# --- The answer, as the page and the API give it ---------------------------------------------------

OPTIONS = ("best", "each_place", "one_plan")  # the answer, then its two honest alternatives


@dataclass(frozen=True)
class LegsAnswer:
    """The cheapest combination and the two alternatives a reader weighs it against."""

    trip: MultiTrip
    best: LegPlan
    each_place: LegPlan
    one_plan: LegPlan | None  # None: no plan (and no quote) works in every place

    def by_option(self) -> dict[str, LegPlan]:
        found = {"best": self.best, "each_place": self.each_place, "one_plan": self.one_plan}
        return {option: plan for option, plan in found.items() if plan is not None}


# The page draws the answer, its rows and its sentences; the API asks for the rows and the notes
# separately: one answer per trip and day (prices age), kept like the runs it is made of.
@per_view(dated_by=lambda: suitability.today())
def answer(dataset: Dataset, trip: MultiTrip) -> LegsAnswer:
    return LegsAnswer(trip, plan_legs(dataset, trip), local_card_each_place(dataset, trip),
                      one_plan_whole_trip(dataset, trip))


def first_days(legs: Sequence[Leg]) -> list[int]:
    """The trip day (1-based) each leg starts on."""
    return [1 + sum(leg.days for leg in legs[:index]) for index in range(len(legs))]


ROW_COLUMNS = (
    "option", "option_total", "option_at_least", "legs", "places", "first_day", "last_day", "days",
    "plan_id", "operator", "plan", "sim_type", "total", "total_text", "at_least", "total_original",
    "currency",
    "reasoning", "assumptions", "price_age", "audience", "requires", "stale", "audience_unknown",
    "source_url", "source_date", *QUOTE_COLUMNS,
)


def answer_rows(dataset: Dataset, found: LegsAnswer, currency: str, lang: str) -> pd.DataFrame:
    """One row per plan to buy, for each option in OPTIONS order, in travel order; a leg nothing
    covers is a row with no plan and no total (it is named, never silently left out). Totals in
    `currency`; `total_original` in the plan's own. `legs` and `places` are ";"-separated, 1-based."""
    rate = rate_per_eur(dataset, currency)
    starts = first_days(found.trip.legs)
    plan_rows = pd.Index(dataset.plans["plan_id"])
    names = plans.operator_names(dataset, lang)
    rows: list[dict[str, object]] = []
    for option, plan in found.by_option().items():
        option_total = round(plan.total_eur * rate, 2)
        items: list[tuple[int, Segment | None]] = [(segment.first_leg, segment) for segment in plan.segments]
        items += [(index, None) for index in plan.uncovered]
        for first_leg, segment in sorted(items, key=lambda item: item[0]):
            last_leg = first_leg if segment is None else segment.last_leg
            covered = found.trip.legs[first_leg:last_leg + 1]
            row: dict[str, object] = {
                "option": option, "option_total": option_total, "option_at_least": plan.at_least,
                "legs": LIST_SEPARATOR.join(str(index + 1) for index in range(first_leg, last_leg + 1)),
                "places": LIST_SEPARATOR.join(_places(covered)),
                "first_day": starts[first_leg], "last_day": starts[first_leg] + _days(covered) - 1,
                "days": _days(covered),
            }
            if segment is not None:
                row |= _segment_facts(dataset, segment, plan_rows, names, rate, found.trip, lang)
                amount = format_money(segment.total_eur * rate, currency, lang)
                row["total_text"] = t("value.at_least", lang, amount=amount) if segment.at_least else amount
            rows.append(row)
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS))


def _segment_facts(dataset: Dataset, segment: Segment, plan_rows: pd.Index, names: Mapping[str, str],
                   rate: float, trip: MultiTrip, lang: str) -> dict[str, object]:
    """What a row says about the plan bought for a segment: the plan's own facts and evidence, how
    its total was reached, and the assumptions behind it (the one-place planner's words)."""
    cost = segment.cost
    # get_indexer takes any list-like (pandas' own examples pass a list); the stubs ask for an Index.
    position = plan_rows.get_indexer([segment.plan_id])[0]  # type: ignore[arg-type]
    facts: dict[str, object] = {
        "plan_id": segment.plan_id, "plan": segment.plan_name or t("quote.operator", lang),
        "total": round(segment.total_eur * rate, 2),
        "at_least": segment.at_least, "stale": segment.stale, "audience_unknown": segment.audience_unknown,
        "total_original": round(float(cost["total"]), 2) if "total" in cost else None,
        "reasoning": costs._reasoning(cost, lang) if cost else "",
        "assumptions": costs._assumptions(cost, lang) if cost else "",
    }
    who = trip.who
    if position < 0:  # the reader's own quote: today's price, its own terms
        quote_fields = {"operator": t("quote.operator", lang),
                        "sim_type": trip.quote.sim if trip.quote is not None else None,
                        "currency": trip.quote.currency if trip.quote is not None else None,
                        "price_age": suitability.price_age_label(suitability.today().isoformat(), lang),
                        "audience": suitability.audience_label("any", who, lang),
                        "requires": suitability.requirements_label("none", lang)}
        return facts | quote_fields
    plan = dataset.plans.iloc[position]
    return facts | {
        "operator": names.get(str(plan["operator_id"]), str(plan["operator_id"])),
        "sim_type": plan["sim_type"] if isinstance(plan["sim_type"], str) else None,
        "currency": plan["currency"],
        "price_age": suitability.price_age_label(plan["source_date"], lang),
        "audience": suitability.audience_label(plan["audience"], who, lang),
        "requires": suitability.requirements_label(plan["requires"], lang),
        "source_url": plan["source_url"], "source_date": plan["source_date"],
        **{column: plan[column] for column in QUOTE_COLUMNS},
    }


@dataclass(frozen=True)
class Notes:
    """The sentences beside the answer."""

    missing: tuple[str, ...]  # a stop with no priced option, named
    left_out: str  # what the answer left out for this reader ("" when nothing)
    alternatives: tuple[str, ...]  # each alternative's total against the cheapest

    def lines(self) -> tuple[str, ...]:
        return tuple(line for line in (*self.missing, self.left_out, *self.alternatives) if line)


def notes(dataset: Dataset, found: LegsAnswer, currency: str, lang: str) -> Notes:
    """Stops with no priced option (named), what the answer left out for this reader, and what each
    alternative costs against the cheapest."""
    trip, best = found.trip, found.best
    who = t(f"who.{trip.who}", lang)
    missing = tuple(t("legs.no_option", lang, place=country_name(place, lang), who=who)
                    for place in dict.fromkeys(best.uncovered_places))
    rate = rate_per_eur(dataset, currency)
    alternatives: list[str] = []
    for option in ("each_place", "one_plan"):
        plan = found.by_option().get(option)
        if plan is None:
            alternatives.append(t(f"legs.{option}_none", lang))
            continue
        difference = (plan.total_eur - best.total_eur) * rate
        if plan.segments == best.segments and plan.uncovered == best.uncovered:
            comparison = t("legs.is_best", lang)
        elif len(plan.uncovered) > len(best.uncovered):
            comparison = t("legs.covers_less", lang, places=format_list(
                [country_name(place, lang) for place in dict.fromkeys(plan.uncovered_places)], lang))
        elif round(difference, 2) > 0:
            comparison = t("legs.more", lang, amount=format_money(difference, currency, lang))
        else:
            comparison = t("legs.same", lang)
        total = option_total_text(plan, currency, rate, lang)
        alternatives.append(t(f"legs.{option}_line", lang, total=total, comparison=comparison))
    left_out = suitability.left_out_text(best.left_out, trip.who, trip.include_conditional, lang)
    return Notes(missing, left_out, tuple(alternatives))


def option_total_text(plan: LegPlan, currency: str, rate: float, lang: str) -> str:
    amount = format_money(plan.total_eur * rate, currency, lang)
    return t("value.at_least", lang, amount=amount) if plan.at_least else amount


def timeline(rows: pd.DataFrame, trip: MultiTrip, lang: str) -> pd.DataFrame:
    """The bars of `charts.trip_timeline` from `answer_rows`: the stops, then each option's plans.
    Day d spans [d-1, d] on the axis. A plan's bar is labelled with its operator (short: it fits a
    phone's bar), and left unlabelled under a quarter of the trip; the tooltip always names it."""
    starts = first_days(trip.legs)
    total = max(trip.days, 1)
    bars: list[dict[str, object]] = []
    stops = t("legs.stops", lang)
    for leg, start in zip(trip.legs, starts, strict=True):
        name = country_name(leg.place, lang)
        bars.append({"track": stops, "start": start - 1, "end": start - 1 + leg.days, "color_key": "stop",
                     "label": leg.place, "detail": t("legs.route_leg", lang, place=name,
                                                     days=t_count("value.days", lang, leg.days))})
    row: Any  # a row of itertuples(): the stubs type its fields as any scalar, not as their columns
    for row in rows.itertuples():
        covered = isinstance(row.plan_id, str)
        codes = str(row.places).split(LIST_SEPARATOR)
        places = format_list([country_name(code, lang) for code in codes], lang)
        plan = f"{row.operator} · {row.plan}" if covered else t("legs.missing", lang)
        wide_enough = int(row.days) * 4 >= total
        bars.append({"track": t(f"legs.option.{row.option}", lang), "start": int(row.first_day) - 1,
                     "end": int(row.last_day), "color_key": row.plan_id if covered else "missing",
                     "label": (row.operator if covered else "—") if wide_enough else "",
                     "detail": f"{places}: {plan}"})
    frame = pd.DataFrame(bars)
    frame["color_key"] = frame["color_key"].where(frame["track"] != stops, "stop:" + frame["label"])
    frame["middle"] = (frame["start"] + frame["end"]) / 2
    return frame
