"""The ASGI side of the server (serve/streamlit_app.py builds `st.App` from it): the data is loaded
and checked at start-up, beside Streamlit's own start, and the API and `/ready` are mounted.

The data is loaded through `ui.shell._load`, the very `st.cache_resource` function every session
calls (the cache is per process, not per script run, and works outside a run): the lifespan fills
it, so the first visitor finds the dataset loaded and the API answers from the same object.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from simatlas import api
from simatlas.loader import Dataset
from ui import shell

LOG = logging.getLogger("simatlas")


def load_for_sessions(data_dir: str, version: str) -> Dataset:
    """Load (or find) the dataset in the sessions' cache, then warm what a first visit computes."""
    started = time.perf_counter()
    dataset = shell._load(data_dir, version)
    loaded = time.perf_counter()
    warm(dataset)
    LOG.info("data %s ready: loaded in %.1f s, warmed in %.1f s", version, loaded - started,
             time.perf_counter() - loaded)
    return dataset


# What the pages import on their first run (app.py and ui.shell are imported already).
PAGE_MODULES = ("altair", "simatlas.charts", "simatlas.describe", "simatlas.quality", "ui.widgets")


def warm(dataset: Dataset) -> None:
    """Import the pages' modules now, so the first visitor does not pay for them."""
    del dataset
    for name in PAGE_MODULES:
        importlib.import_module(name)


DATA = api.DataState.from_env(load_for_sessions)
ROUTES = api.routes(DATA)


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[dict[str, Any]]:
    """Start loading the data (in a thread: the server answers meanwhile, /ready says 503)."""
    del app
    DATA.start()
    yield {"data": DATA}
