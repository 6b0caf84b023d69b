"""Server figures: one full script run of each page (AppTest, warm cache), per data folder."""

from __future__ import annotations

import os
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "serve" / "router.py")
PAGES: dict[str, dict[str, str | list[str]]] = {
    "plans": {}, "countries": {"place": "HK"}, "trip": {"country": ["HK"]},
    "fees": {"country": ["HK"]}, "renewal": {"country": ["HK"]},
    "cancellation": {"country": ["HK"]}, "data": {},
}


def script_runs(data_dir: Path, runs: int) -> dict:
    os.environ["SIMATLAS_DATA_DIR"] = str(data_dir)
    st.cache_resource.clear()
    figures = {}
    first = AppTest.from_file(APP, default_timeout=600)
    started = time.perf_counter()
    first.run()
    figures["first_run_s"] = [time.perf_counter() - started]
    for page, query in PAGES.items():
        samples = []
        for _ in range(runs):
            at = AppTest.from_file(APP, default_timeout=600)
            if page != "plans":
                at.run()
                at.switch_page(f"../pages/{page}.py")
            for key, value in query.items():
                at.query_params[key] = value
            started = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - started)
            assert not at.exception, (page, [e.value for e in at.exception])
        figures[f"{page}_s"] = samples
    os.environ.pop("SIMATLAS_DATA_DIR", None)
    return figures

