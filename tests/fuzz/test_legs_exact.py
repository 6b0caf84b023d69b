"""The trip-through-several-places programme against a brute force (a property campaign: datasets drawn
at random, each loaded and validated; ~4 s, so beside the parser fuzz rather than in the unit loop)."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from simatlas import costs, legs
from simatlas.legs import Leg, MultiTrip
from tests.unit.test_legs import BASE, FRESH, STALE, dataset

# --- Exact: the programme against a brute force ---------------------------------------------------

PLACES = ("HK", "MO", "JP")

random_plans = st.lists(st.fixed_dictionaries({
    # regional plans often enough for runs of legs to matter
    "countries": st.sampled_from(["HK", "MO", "JP", "HK; MO", "HK; MO", "MO; JP", "HK; MO; JP"]),
    "operator_id": st.sampled_from(["hk-a", "mo-a", "seller"]),  # jp-a: its plans' fees unknown
    "price": st.integers(1, 40).map(str),
    "currency": st.sampled_from(["EUR", "HKD", "USD"]),
    "allowance": st.sampled_from(["1", "3", "10", "unlimited", "unknown"]),
    "validity_days": st.sampled_from(["1", "3", "7", "30"]),
    "audience": st.sampled_from(["tourist", "any", "tourist", "resident", ""]),
    "requires": st.sampled_from(["none", "none", "none", "local_id", "base_plan", "operator_sim"]),
    "renewable": st.sampled_from(["yes", "no", ""]),
    "sim_fee": st.sampled_from(["0", "2", ""]),
    "source_date": st.sampled_from([FRESH, STALE]),
}), min_size=2, max_size=6)


def plan_rows(drawn: list[dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for number, row in enumerate(drawn):
        allowance = row["allowance"]
        facts = {column: value for column, value in row.items() if column != "allowance"}
        rows.append({**BASE, **facts, "plan_id": f"p{number}", "name": f"Plan {number}",
                     "unlimited": "yes" if allowance == "unlimited" else "no",
                     "data_gb": allowance if allowance not in ("unlimited", "unknown") else ""})
    return rows


random_trips = st.builds(
    lambda stops, gb, per_day, who, conditional, quote, quote_places: MultiTrip(
        tuple(Leg(place, days) for place, days in stops), total_gb=gb, gb_per_day=per_day, who=who,
        include_conditional=conditional, quote=quote, quote_places=tuple(quote_places)),
    # FJ: a place no plan covers
    st.lists(st.tuples(st.sampled_from(["HK", "MO", "HK", "MO", "JP", "FJ"]), st.integers(1, 10)),
             min_size=1, max_size=4),
    st.sampled_from([0.0, 1.0, 5.0, 25.0]),
    st.sampled_from([None, None, 0.5, 2.0]),
    st.sampled_from(["visitor", "resident"]),
    st.booleans(),
    st.one_of(st.none(), st.builds(costs.Quote, st.just("Kiosk"), st.integers(1, 40).map(float),
                                   st.sampled_from(["EUR", "HKD"]), st.sampled_from([None, 3.0, 20.0]),
                                   st.sampled_from([None, 5, 14]))),
    st.lists(st.sampled_from(PLACES), max_size=2, unique=True),
)


def run_options(data, journey: MultiTrip, first: int, last: int) -> list[int]:
    """Every way to cover legs first..last with one plan, in cents of EUR, from the one-place planner
    (costs.plan_trip: its candidates, its rules, its conversion), not from simatlas.legs."""
    run = journey.legs[first:last + 1]
    places = tuple(sorted({leg.place for leg in run}))
    days = sum(leg.days for leg in run)
    one_place = costs.Trip(countries=places, days=days, total_gb=journey.gb_each_day * days, who=journey.who,
                           include_conditional=journey.include_conditional,
                           quote=journey.quote if journey.quote_covers(places) else None)
    totals = costs.plan_trip(data, one_place, "EUR", "en").options["total"]
    return [round(total * 100) for total in totals]


def brute_force(data, journey: MultiTrip, max_run_legs: int) -> tuple[int, int]:
    """(legs uncovered, cents): the least over every segmentation of the legs into runs and every
    choice of a plan per run (or, for a single leg, none)."""
    count = len(journey.legs)
    best = None
    for cuts in itertools.product((False, True), repeat=count - 1):
        bounds = [0, *(index + 1 for index, cut in enumerate(cuts) if cut), count]
        runs = list(itertools.pairwise(bounds))
        if any(end - start > max_run_legs for start, end in runs):
            continue
        choices = []
        for start, end in runs:
            ways = [(0, cents) for cents in run_options(data, journey, start, end - 1)]
            choices.append(ways + ([(1, 0)] if end - start == 1 else []))
        for picked in itertools.product(*choices):
            key = (sum(way[0] for way in picked), sum(way[1] for way in picked))
            best = key if best is None or key < best else best
    assert best is not None  # every leg can at least be left uncovered
    return best


def found(plan: legs.LegPlan) -> tuple[int, int]:
    # The programme is exact in whole cents per plan bought (what each line of the answer shows).
    return len(plan.uncovered), sum(round(segment.total_eur * 100) for segment in plan.segments)


@settings(max_examples=10, deadline=None)  # a dataset loaded per example: ~0.2 s each
@given(random_plans, st.lists(random_trips, min_size=1, max_size=3))
def test_the_programme_finds_the_least_total(drawn, journeys):
    with tempfile.TemporaryDirectory() as folder:
        data = dataset(Path(folder) / "d", plans=plan_rows(drawn))
        for journey in journeys:
            assert found(legs.plan_legs(data, journey)) == brute_force(data, journey, len(journey.legs))
            assert found(legs.local_card_each_place(data, journey)) == brute_force(data, journey, 1)
            whole = legs.one_plan_whole_trip(data, journey)
            everything = run_options(data, journey, 0, len(journey.legs) - 1)
            least = min(everything) if everything else None
            assert (round(whole.total_eur * 100) if whole else None) == least


