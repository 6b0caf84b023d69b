"""Altair charts drawn from a Vega-Lite spec built once per chart and inputs, shared by every session.

Why: `st.altair_chart` turns the chart into its Vega-Lite spec on every run — Altair's `to_dict()`
validates the whole spec against the Vega-Lite JSON schema (jsonschema, pure Python) and the data
is serialised to Arrow — 30–50 ms per chart under cProfile, one of the largest parts of a page run
(bench/README.md, "Capacity", session 4). The spec depends only on the builder and its inputs, and a
shared link brings many visitors to the same view, so it is built once per (builder, frame content,
arguments) and kept in a small bounded cache. The browser receives the same element
`st.altair_chart` would send (tests/app/test_chart_specs.py compares them).
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

# Streamlit's own Altair → Vega-Lite conversion (streamlit 1.67, elements/vega_charts.py): the spec
# with its datasets already as Arrow bytes, exactly what st.altair_chart hands to the element.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from simatlas.memo import MISSING, BoundedLRU

# A spec holds its chart's data (≤ 100 KiB per page by the chart caps): 128 specs stay within a few MB,
# and cover the languages × currencies × views a crowd on one shared link asks for.
MAX_SPECS = 128

_SPECS = BoundedLRU(MAX_SPECS)


def frame_fingerprint(frame: pd.DataFrame) -> str:
    """A digest of a small frame's columns, types and values (index included)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((list(map(str, frame.columns)), list(map(str, frame.dtypes)), frame.shape)).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.hexdigest()


def chart_spec(build: Callable[..., alt.Chart | alt.LayerChart], frame: pd.DataFrame, *args: Hashable,
               title: str | None = None) -> dict[str, Any]:
    """The Vega-Lite spec of `build(frame, *args)` (with `title`, if given), built once per inputs.

    The caller gets its own copy: Streamlit moves the datasets out of the spec it is given."""
    key = (build.__module__, build.__qualname__, frame_fingerprint(frame), args, title)
    spec = _SPECS.get(key)
    if spec is MISSING:
        chart = build(frame, *args)
        if title is not None:
            chart = chart.properties(title=title)
        spec = _convert_altair_to_vega_lite_spec(readable(chart))
        _wrap_title(spec)
        _SPECS.put(key, spec)
    return copy.deepcopy(spec)  # the datasets are bytes: a deep copy of the rest is small


# Streamlit's chart theme draws axis and legend text in #808495 (3.7:1 on white, under WCAG AA's
# 4.5:1); a chart's own config wins over the theme.
LABEL_COLOR = "#4B5563"  # 7.6:1 on white


def readable(chart: alt.Chart | alt.LayerChart) -> alt.Chart | alt.LayerChart:
    """`chart` with its axis, legend and header text dark enough to read (no chart builder configures
    these itself: a chart's configuration is set here, once)."""
    configured: alt.Chart | alt.LayerChart = (
        chart.configure_axis(labelColor=LABEL_COLOR, titleColor=LABEL_COLOR)
        .configure_legend(labelColor=LABEL_COLOR, titleColor=LABEL_COLOR)
        .configure_header(labelColor=LABEL_COLOR, titleColor=LABEL_COLOR)
    )
    return configured


# Vega never wraps a title: on a 390-px phone a chart is ~330 px wide and a longer title is cut.
# A title line holds TITLE_LINE_UNITS units: a Latin character is one (~6.5 px at the title's size),
# a Chinese one two.
TITLE_LINE_UNITS = 46


def _units(text: str) -> int:
    return sum(2 if ord(character) >= 0x2E80 else 1 for character in text)


# A Chinese character (with the spaces after it), or a word of other letters with its spaces.
_TOKENS = re.compile(r"[\u2e80-\uffff]\s*|[^\s\u2e80-\uffff]+\s*|\s+")


def title_lines(title: str, limit: int = TITLE_LINE_UNITS) -> list[str]:
    """`title` in lines of at most `limit` units, broken between words (between characters in
    Chinese, which has no spaces); a word longer than a line stays whole."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(title):
        if line and _units(line + token.rstrip()) > limit:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [title]


def _wrap_title(spec: dict[str, Any]) -> None:
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    if isinstance(text, str) and _units(text) > TITLE_LINE_UNITS:
        lines = title_lines(text)
        spec["title"] = {**title, "text": lines} if isinstance(title, dict) else lines


def altair_chart(build: Callable[..., alt.Chart | alt.LayerChart], frame: pd.DataFrame, *args: Hashable,
                 title: str | None = None) -> None:
    """`st.altair_chart(build(frame, *args), width="stretch")`, its spec built once per inputs."""
    st.vega_lite_chart(spec=chart_spec(build, frame, *args, title=title), width="stretch")


def selectable_chart(build: Callable[..., alt.Chart | alt.LayerChart], frame: pd.DataFrame, *args: Hashable,
                     key: str, selection: str, on_select: Callable[[], None]) -> None:
    """`altair_chart` whose selection parameter `selection` calls `on_select` when the reader selects
    (its state then in `st.session_state[key]`)."""
    st.vega_lite_chart(spec=chart_spec(build, frame, *args), width="stretch", key=key,
                       on_select=on_select, selection_mode=selection)


def selected(key: str, selection: str, field: str) -> list[str]:
    """The values of `field` the reader selected in the chart drawn with `key`."""
    state = st.session_state.get(key)
    points = state.get("selection", {}).get(selection, []) if isinstance(state, Mapping) else []
    return [str(point[field]) for point in points if isinstance(point, Mapping) and point.get(field)]


def clear() -> None:
    _SPECS.clear()
