"""The ASGI side of the server (serve/streamlit_app.py builds `st.App` from it): the data is loaded
and checked at start-up, beside Streamlit's own start, and the API and `/ready` are mounted.

The data is loaded through `ui.shell._load`, the very `st.cache_resource` function every session
calls (the cache is per process, not per script run, and works outside a run): the lifespan fills
it, so the first visitor finds the dataset loaded and the API answers from the same object.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from serve import links
from simatlas import (
    api,
    api_rows,
    costs,
    fees,
    freshness,
    fx,
    place_answers,
    places,
    plans,
    policies,
    quality,
    readiness,
    suitability,
)
from simatlas.loader import Dataset
from ui import shell

LOG = logging.getLogger("simatlas")


def load_for_sessions(data_dir: str, version: str) -> Dataset:
    """Load (or find) the dataset in the sessions' cache and warm what the first visits of the home
    page and the Countries page compute: the server is ready then. The rest (About the data, the
    Fees order, a trip, a place's profile) is warmed right after, in the background: a visitor who
    asks for a table being warmed waits for that one computation (simatlas.memo computes a result
    once), and /ready does not wait for tables nobody has asked for yet."""
    started = time.perf_counter()
    dataset = shell._load(data_dir, version)
    loaded = time.perf_counter()
    try:
        warm_first(dataset)
    except Exception:  # only speed depends on warming: the data is loaded and valid, so it is ready
        LOG.exception("warming the derived tables failed; the first visits compute them")
    LOG.info("data %s ready: loaded in %.1f s, first tables warmed in %.1f s", version, loaded - started,
             time.perf_counter() - loaded)
    threading.Thread(target=warm_later_then_freeze, args=(dataset,), name="simatlas-warm",
                     daemon=True).start()
    return dataset


def warm_later_then_freeze(dataset: Dataset) -> None:
    started = time.perf_counter()
    try:
        warm_later(dataset)
    except Exception:
        LOG.exception("warming the derived tables failed; the first visits compute them")
    LOG.info("data %s: the other tables warmed in %.1f s", dataset.version, time.perf_counter() - started)
    freeze_long_lived_heap()


def freeze_long_lived_heap() -> None:
    """Once the data is loaded and warmed: Streamlit runs a full garbage collection after every
    script run (runner.postScriptGC). With the libraries and the dataset on the heap that took
    0.1–0.2 s of every run, holding the GIL while the browser waited. What is alive now (modules,
    the dataset, its derived tables) lives as long as the process, so it is moved out of the
    collector's sight; each run's own garbage is still freed."""
    gc.collect()
    gc.freeze()


# What the pages import on their first run (app.py and ui.shell are imported already).
PAGE_MODULES = ("altair", "simatlas.charts", "simatlas.describe", "simatlas.quality",
                "ui.answers", "ui.inputs", "ui.tables")


def warm_first(dataset: Dataset) -> None:
    """Before /ready: the pages' modules and the tables the home page's and the Countries page's
    default views read, the slowest to build at a million plans (bench/README.md, "A new replica").
    Only speed depends on this list."""
    for name in PAGE_MODULES:
        importlib.import_module(name)
    plans.match_positions(dataset, plans.PlanFilter())  # the Plans page's default order
    suitability.plan_fit(dataset, suitability.DEFAULT_WHO, suitability.today())  # who can buy what
    places.overview(dataset, fx.DEFAULT_CURRENCY, api_rows.DEFAULT_LANG)  # countries: per place facts
    policies.operators_with_plans_in(dataset)  # renewal, cancellation: sellers covering a place


def warm_later(dataset: Dataset) -> None:
    """After /ready, in the background: the Fees order, the fees of every plan (costed for any
    trip), the tables every place profile reads, and About the data's."""
    plans.match_positions(dataset, fees.FeeQuery.from_values({}).plan_filter)  # the Fees page's order
    if dataset.positions_by_place:
        place = next(iter(dataset.positions_by_place))
        costs.plan_trip(dataset, costs.Trip(countries=(place,)), fx.DEFAULT_CURRENCY,
                        api_rows.DEFAULT_LANG, limit=1)
        # A place's profile builds the per-dataset tables every profile reads; the rest is the
        # place's own: each place's first visitor pays its own (bench/README.md, session 4).
        warm_place_profile(dataset, place)
    warm_about_page(dataset)


def warm_about_page(dataset: Dataset) -> None:
    """About the data's tables, per dataset (and day): most of that page's first visit at world
    shape (bench/README.md, session 5)."""
    lang, today = api_rows.DEFAULT_LANG, suitability.today()
    quality.coverage_by_place(dataset, lang)
    quality.freshness(dataset, lang)
    quality.unknown_fields(dataset)
    quality.sources(dataset)
    freshness.price_changes_by_place(dataset, today, lang)
    freshness.stale_by_place(dataset, today, lang)
    freshness.recheck_next(dataset, today, lang)


def warm_place_profile(dataset: Dataset, place: str) -> None:
    """What one place's profile reads (the place's own results are kept: simatlas.memo.per_view)."""
    lang = api_rows.DEFAULT_LANG
    places.best_options(dataset, place)
    places.unpriced_leads(dataset, (place,), suitability.DEFAULT_WHO, lang)
    places.operators_of(dataset, place, lang)
    places.sellers_covering(dataset, place, lang)
    places.operator_channels(dataset, (place,), lang)
    place_answers.answers(dataset, place, lang)
    places.known_facts(dataset, (place,), lang)


DATA = readiness.DataState.from_env(load_for_sessions)
ROUTES = [*api.routes(DATA), *links.ROUTES]


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[dict[str, Any]]:
    """Start loading the data (in a thread: the server answers meanwhile, /ready says 503)."""
    del app
    DATA.start()
    yield {"data": DATA}
