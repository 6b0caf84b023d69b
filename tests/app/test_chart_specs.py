"""Charts drawn from a cached spec (ui/chart_specs.py) send what st.altair_chart sends."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from simatlas.memo import BoundedLRU
from ui import chart_specs
from ui.chart_specs import TITLE_LINE_UNITS, _units, chart_spec, title_lines


@pytest.fixture(autouse=True)
def empty_cache():
    chart_specs.clear()
    yield
    chart_specs.clear()


def _both_ways() -> None:
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui import chart_specs

    def layered(frame: pd.DataFrame, currency: str) -> alt.LayerChart:
        base = alt.Chart(frame).encode(x=alt.X("per_gb:Q", title=currency), y=alt.Y("place:N").sort("-x"),
                                       tooltip=["place:N", "per_gb:Q"])
        chart: alt.LayerChart = base.mark_bar() + base.mark_text(align="left").encode(text="plans:Q")
        return chart

    summary = pd.DataFrame({"place": ["Hong Kong", "New Caledonia"], "per_gb": [1.5, 12.0], "plans": [3, 2]})
    st.altair_chart(chart_specs.readable(layered(summary, "HKD")), width="stretch")
    chart_specs.altair_chart(layered, summary, "HKD")
    chart_specs.altair_chart(layered, summary, "HKD")  # from the cache


def test_a_cached_chart_is_the_element_st_altair_chart_sends():
    at = AppTest.from_function(_both_ways, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    charts = [element.proto for element in at.main if element.type == "arrow_vega_lite_chart"
              or getattr(element.proto, "spec", None)]
    assert len(charts) == 3
    direct, built, cached = charts
    assert built.spec == direct.spec and cached.spec == direct.spec
    def datasets(chart):
        return [(d.name, d.data.data) for d in chart.datasets]

    assert datasets(built) == datasets(direct) and datasets(cached) == datasets(direct)
    assert built.datasets, "the data travels as a dataset"


def _chart(frame: pd.DataFrame, lang: str):
    import altair as alt

    return alt.Chart(frame).mark_bar().encode(x="value:Q", y=alt.Y("name:N", title=lang))


def test_the_spec_follows_the_data_and_the_arguments():
    frame = pd.DataFrame({"name": ["a", "b"], "value": [1.0, 2.0]})
    first = chart_specs.chart_spec(_chart, frame, "en")
    assert chart_specs.chart_spec(_chart, frame.copy(), "en") == first  # same content, same spec
    assert chart_specs.chart_spec(_chart, frame, "zh") != first
    changed = frame.assign(value=[1.0, 3.0])
    assert chart_specs.chart_spec(_chart, changed, "en")["datasets"] != first["datasets"]
    titled = chart_specs.chart_spec(_chart, frame, "en", title="Price")
    assert titled["title"] == "Price" and "title" not in first


def test_the_caller_gets_a_copy_and_the_cache_is_bounded(monkeypatch):
    frame = pd.DataFrame({"name": ["a"], "value": [1.0]})
    spec = chart_specs.chart_spec(_chart, frame, "en")
    spec.pop("datasets")  # what Streamlit does with the spec it is given
    assert "datasets" in chart_specs.chart_spec(_chart, frame, "en")
    monkeypatch.setattr(chart_specs, "_SPECS", BoundedLRU(3))  # the bound lives in the cache
    for n in range(10):
        chart_specs.chart_spec(_chart, frame, f"lang-{n}")
    assert len(chart_specs._SPECS) == 3


def test_a_long_title_is_drawn_in_lines_that_fit_a_phone():
    english = "Price per GB: typical and cheapest, by place in Hong Kong and New Caledonia"
    chinese = "各地每 GB 价格：中位数与最低，按地区排列，包括香港和新喀里多尼亚的所有套餐"
    for title in (english, chinese):
        lines = title_lines(title)
        assert len(lines) == 2 and all(_units(line) <= TITLE_LINE_UNITS for line in lines)
        assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # nothing lost or reordered
    assert title_lines("Comparison") == ["Comparison"]
    frame = pd.DataFrame({"x": [1, 2]})
    spec = chart_spec(lambda data: alt.Chart(data).mark_bar().encode(x="x:Q"), frame, title=english)
    assert spec["title"] == title_lines(english)
