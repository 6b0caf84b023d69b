"""A trip through several places (issue #23): the optimiser and the whole answer at 1, 3 and 8 legs,
on the bundled data and the world shape, against the one-place planner measured in the same run.

    .venv/bin/python -m bench.legs_bench                   # bundled and world, 5 runs each
    .venv/bin/python -m bench.legs_bench --scales bundled --runs 3

Every run starts with an empty memo (the per-dataset tables and the per-view answers), so a figure is
the cost of a link nobody opened before. `answer` is what the page and the API compute: the cheapest
combination, both alternatives, the rows with their evidence and the sentences.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.synthetic import write_world
from simatlas import costs, legs
from simatlas.loader import DEFAULT_DATA_DIR, Dataset, load_dataset

LEG_COUNTS = (1, 3, 8)
BUNDLED_ROUTE = ("HK", "MO", "CN", "JP", "KR", "TH", "SG", "MY")


def median_seconds(function: Callable[[], object], dataset: Dataset, runs: int) -> float:
    samples = []
    for _ in range(runs):
        dataset.memo.clear()
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def route(dataset: Dataset, count: int) -> tuple[legs.Leg, ...]:
    """`count` stops of 4 days: the bundled data's Asian route, or the world's best-covered places."""
    known = set(dataset.place_codes)
    places = [place for place in BUNDLED_ROUTE if place in known]
    if len(places) < max(LEG_COUNTS):
        busiest = dataset.coverage["country"].value_counts().index
        places = [str(place) for place in busiest[: max(LEG_COUNTS)]]
    return tuple(legs.Leg(place, 4) for place in places[:count])


def measure(dataset: Dataset, runs: int) -> dict[str, float]:
    first = route(dataset, 1)[0].place
    one_place = costs.Trip((first,), 4, 5.0)
    figures = {"floor_one_place_s": median_seconds(
        lambda: costs.plan_trip(dataset, one_place, "USD", "en", limit=300), dataset, runs)}
    for count in LEG_COUNTS:
        trip = legs.MultiTrip(route(dataset, count))

        def optimise(trip=trip) -> object:
            return legs.plan_legs(dataset, trip)

        figures[f"optimiser_{count}_s"] = median_seconds(optimise, dataset, runs)

        def whole_answer(trip=trip) -> object:
            found = legs.answer(dataset, trip)
            return legs.answer_rows(dataset, found, "USD", "en"), legs.notes(dataset, found, "USD", "en")

        figures[f"answer_{count}_s"] = median_seconds(whole_answer, dataset, runs)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="bundled,world")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for scale in arguments.scales.split(","):
            folder = DEFAULT_DATA_DIR if scale == "bundled" else write_world(Path(scratch) / scale)
            dataset = load_dataset(folder)
            figures = measure(dataset, arguments.runs)
            floor = figures["floor_one_place_s"]
            print(f"{scale}: {len(dataset.plans):,} plans, {len(dataset.place_codes)} places; "
                  f"floor (one-place planner, 1 place) {floor * 1000:.1f} ms")
            for count in LEG_COUNTS:
                optimiser, answer = figures[f"optimiser_{count}_s"], figures[f"answer_{count}_s"]
                print(f"  {count} legs: optimiser {optimiser * 1000:7.1f} ms "
                      f"({optimiser / floor:4.1f}× floor), "
                      f"whole answer {answer * 1000:7.1f} ms ({answer / floor:4.1f}× floor)")


if __name__ == "__main__":
    main()
