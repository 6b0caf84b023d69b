"""Altair chart builders: one function per chart, named for what it shows.

Each takes a small, already-aggregated frame holding only the columns it encodes (the frame is
shipped to the browser whole), and returns an `alt.Chart`. Titles and axes come in the caller's
language; they are tested through `chart.to_dict()`.

Rules every chart here follows (issue #14), each with one home in this module:
- A colour stands for a meaning, not for a word: colour scales are keyed by stable codes ("yes",
  "median", "sim_fee", a place code) with a fixed range, and only the legend labels are translated,
  so a measure has the same colour in English and Chinese. Unknown is always `UNKNOWN_GREY`.
- Counts are whole numbers: `COUNT_AXIS` on every count axis.
- Every bar is labelled (`labelOverlap=False`, a fixed step per bar); a long label is cut with an
  ellipsis at `LABEL_LIMIT` pixels and the full text is in the tooltip.
- Legends sit below the chart, so on a phone they never take the plot's width.
- Charts by place draw at most `CHART_PLACE_LIMIT` places (`top_places`), ranked by what the chart
  measures, unknown last; the page says how many more there are (`more_places`) and how to see them
  (choose them under Places). We chose a top N over a scrolling chart: a chart that scrolls inside a
  scrolling page is hard to use on a phone, and the tables already list every place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from simatlas.i18n import country_name, field_name, money_d3, t, t_count
from simatlas.places import MAP_STATUSES

CHART_PLACE_LIMIT = 20  # places drawn in a chart by place; the rest are counted in a caption
SCATTER_SERIES_LIMIT = 8  # places (or operators) with a colour of their own in the scatter
LABEL_LIMIT = 160  # px for a bar's label: long names end in an ellipsis, the tooltip has them whole
# px for a legend word: two legend columns of it fit a 390-px phone (Vega never wraps a legend)
LEGEND_LABEL_LIMIT = 110
BAR_STEP = 22  # px per bar: enough for a 12-px label on every bar, none skipped
UNKNOWN_GREY = "#bdbdbd"
OTHER_GREY = "#8c8c8c"  # "other places" in the scatter: darker than unknown, it is not a gap
STATE_COLORS = {"yes": "#1a9850", "no": "#d73027", "unknown": UNKNOWN_GREY}
STATE_MARKS = {"yes": "✓", "no": "✗", "unknown": "?"}  # so the heatmap does not rely on colour alone
MEASURE_COLORS = {"median": "#0E7C86", "cheapest": "#F28E2B"}
SURVIVAL_COLORS = {"validity": "#0E7C86", "grace": "#7fc8cf", "grace_unknown": UNKNOWN_GREY}
FEE_COLORS = {"price": "#0E7C86", "sim_fee": "#F28E2B", "deposit_kept": "#B07AA1", "admin_fee": "#59A14F",
              "leave_fee": "#E15759"}
# Categorical colours for places, operators and trip options: no grey (grey means unknown or other).
SERIES_COLORS = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#9D755D", "#EECA3B"]
OTHER_KEY = "_other"
COUNT_AXIS: dict[str, Any] = {"tickMinStep": 1, "format": "d"}  # a count of things has no fractional ticks
# A bottom legend starts where the plot starts, right of a bar chart's labels (up to LABEL_LIMIT px):
# under bars it gets one column, or on a phone its second column runs off the chart. One column
# leaves it 140 px (+ symbol) on a 390-px phone: room for "deposit not returned", cut at 110 px before.
UNDER_BARS: dict[str, Any] = {"columns": 1, "labelLimit": 140}
STATE_LEGEND: dict[str, Any] = {**UNDER_BARS, "labelLimit": 70}  # yes / no / unknown: short words
BOTTOM_LEGEND: dict[str, Any] = {"orient": "bottom", "direction": "horizontal", "columns": 2,
                                 "labelLimit": LEGEND_LABEL_LIMIT}


@dataclass(frozen=True)
class Top:
    """The rows a chart by place draws, and how many places it leaves out (for the caption)."""

    frame: pd.DataFrame
    left_out: int


def top_places(frame: pd.DataFrame, ranked: Sequence[str], limit: int = CHART_PLACE_LIMIT) -> Top:
    """Keep the rows of the first `limit` places of `ranked` (place keys, best first, unknown last);
    a `rank` column gives the chart its order. The one home of "top N places, and N more"."""
    kept = list(dict.fromkeys(ranked))[:limit]
    rank = {key: position for position, key in enumerate(kept)}
    shown = frame[frame["place_key"].isin(rank)].copy()
    shown["rank"] = shown["place_key"].map(rank).astype(int)
    return Top(shown.sort_values("rank", kind="stable").reset_index(drop=True),
               left_out=places_left_out(frame, limit))


def places_left_out(frame: pd.DataFrame, limit: int = CHART_PLACE_LIMIT) -> int:
    """How many places a chart by place leaves out: all but its first `limit`, whatever the order
    (the page's "…and N more places" caption, without ranking the places again)."""
    return max(0, frame["place_key"].nunique() - limit)


def per_gb_places(summary: pd.DataFrame, limit: int = CHART_PLACE_LIMIT) -> Top:
    """Places for the price-per-GB chart: lowest median price per GB first, places without one last."""
    median = summary[summary["measure_key"] == "median"].set_index("place_key")["value"]
    keys = pd.Series(summary["place_key"].unique())
    order = pd.DataFrame({"key": keys, "median": keys.map(median).astype(float)})
    order = order.sort_values(["median", "key"], na_position="last")
    return top_places(summary, list(order["key"]), limit)


def cancellation_places(counts: pd.DataFrame, limit: int = CHART_PLACE_LIMIT) -> Top:
    """Places for the online-cancellation chart: most "yes" first, then most known answers; places
    where every answer is unknown come last."""
    wide = counts.pivot_table(index="place_key", columns="state", values="operators", aggfunc="sum",
                              fill_value=0).reindex(columns=list(STATE_COLORS), fill_value=0)
    order = pd.DataFrame({"key": wide.index, "yes": wide["yes"].to_numpy(),
                          "known": (wide["yes"] + wide["no"]).to_numpy(),
                          "total": wide.sum(axis=1).to_numpy()})
    order = order.sort_values(["yes", "known", "total", "key"], ascending=[False, False, False, True])
    return top_places(counts, list(order["key"]), limit)


def more_places(left_out: int, lang: str) -> str:
    """The caption under a chart by place that leaves places out ("" when it leaves none out)."""
    return t_count("chart.more_places", lang, left_out) if left_out > 0 else ""


def _js(text: str) -> str:
    """A string literal for a Vega expression (data text may hold quotes; it is never markup)."""
    return json.dumps(text, ensure_ascii=False)


def _label_expr(labels: Mapping[str, str], field: str = "datum.value") -> str:
    """A Vega expression that shows each key of `field` (a legend's value by default) in words of
    the chart's language."""
    cases = " : ".join(f"{field} === {_js(key)} ? {_js(label)}" for key, label in labels.items())
    return f"{cases} : {field}" if cases else field


def _keyed_color(field: str, title: str | None, colors: Mapping[str, str], labels: Mapping[str, str],
                 **legend: Any) -> alt.Color:
    """A colour keyed by stable codes (`colors`: key → colour), with legend words from `labels`."""
    return alt.Color(
        f"{field}:N", title=title,
        scale=alt.Scale(domain=list(colors), range=list(colors.values())),
        legend=alt.Legend(labelExpr=_label_expr(labels), **{**BOTTOM_LEGEND, **legend}),
    )


def _series(keys: pd.Series, labels: pd.Series, other_label: str,
            limit: int = SCATTER_SERIES_LIMIT) -> tuple[pd.Series, dict[str, str], dict[str, str]]:
    """Colour keys for a many-valued series: the `limit` commonest keys (ties by key, so the same in
    every language) each get their own colour; the rest share a grey "other" — never a colour that
    already means another value."""
    counts = pd.DataFrame({"key": keys, "n": 1}).groupby("key")["n"].sum().reset_index()
    top = list(counts.sort_values(["n", "key"], ascending=[False, True])["key"].head(limit))
    colored = keys.where(keys.isin(top), OTHER_KEY)
    names = dict(zip(keys, labels, strict=True))
    colors = {key: SERIES_COLORS[i] for i, key in enumerate(top)}
    words = {key: names[key] for key in top}
    if (colored == OTHER_KEY).any():
        colors[OTHER_KEY], words[OTHER_KEY] = OTHER_GREY, other_label
    return colored, colors, words


def _bar_axis(**extra: Any) -> alt.Axis:
    """The label axis of a bar chart: every bar labelled, long names cut at `LABEL_LIMIT` px."""
    return alt.Axis(**{"labelOverlap": False, "labelLimit": LABEL_LIMIT, **extra})


def price_against_data(points: pd.DataFrame, currency: str, lang: str, color: str = "place") -> alt.Chart:
    """Scatter of price against data for the matching plans, coloured by place or operator.

    Only the commonest places (or operators) get a colour of their own; the rest are one grey
    "other" series, so no colour ever stands for two places.
    """
    if color == "place":
        keys, labels = points["place"], points["place"].map(lambda code: country_name(code, lang))
        color_title, other = t("chart.axis_place", lang), t("chart.other_places", lang)
    else:
        keys, labels = points["operator_id"], points["operator"]
        color_title, other = t("col.operator", lang), t("chart.other_operators", lang)
    colored, colors, words = _series(keys, labels, other)
    shown = points.assign(series=colored, series_label=labels)
    price_title = t("chart.axis_price", lang, currency=currency)
    chart: alt.Chart = (
        alt.Chart(shown, title=t("chart.price_vs_data", lang))
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("data_gb:Q", title=t("chart.axis_data", lang), scale=alt.Scale(type="log")),
            y=alt.Y("price:Q", title=price_title),
            color=_keyed_color("series", color_title, colors, words),
            tooltip=[
                alt.Tooltip("series_label:N", title=color_title),
                alt.Tooltip("operator:N", title=t("col.operator", lang)),
                alt.Tooltip("plan:N", title=t("col.plan", lang)),
                alt.Tooltip("data_gb:Q", title=t("chart.axis_data", lang)),
                alt.Tooltip("days:Q", title=t("col.validity", lang)),
                alt.Tooltip("price:Q", title=price_title, format=money_d3(currency)),
            ],
        )
        .properties(height=340)
    )
    return chart


def price_per_gb_by_place(summary: pd.DataFrame, currency: str, lang: str) -> alt.Chart:
    """Median and cheapest price per GB for the cheapest places (`per_gb_places`), as grouped
    horizontal bars; the page captions how many places are left out."""
    shown = per_gb_places(summary).frame
    words = {key: t(f"chart.{key}", lang) for key in MEASURE_COLORS}
    per_gb = t("chart.axis_per_gb", lang, currency=currency)
    chart: alt.Chart = (
        alt.Chart(shown, title=t("chart.price_per_gb_by_country", lang))
        .mark_bar()
        .encode(
            y=alt.Y("place:N", title=None, sort=alt.EncodingSortField("rank", op="min"), axis=_bar_axis()),
            x=alt.X("value:Q", title=per_gb),
            yOffset=alt.YOffset("measure_key:N", sort=list(MEASURE_COLORS)),
            color=_keyed_color("measure_key", t("chart.measure", lang), MEASURE_COLORS, words, **UNDER_BARS),
            tooltip=[
                alt.Tooltip("place:N", title=t("chart.axis_place", lang)),
                alt.Tooltip("measure:N", title=t("chart.measure", lang)),
                alt.Tooltip("value:Q", title=per_gb, format=money_d3(currency)),
                alt.Tooltip("plans:Q", title=t("chart.plans", lang)),
            ],
        )
        # the step is per bar (offset), two bars a place: every place keeps a readable label
        .properties(height=alt.Step(13, **{"for": "offset"}))
    )
    return chart


def channel_heatmap(cells: pd.DataFrame, lang: str, title_key: str) -> alt.LayerChart:
    """Operators × channels with three states — yes, no, unknown — and the source in the tooltip.

    Built for a phone: operator rows run down (the page scrolls, the chart never does), each row's
    label on two short lines (operator, then product · place), the few channel columns across with
    upright-to-read vertical names, and a ✓ / ✗ / ? in each cell so the answer does not rest on
    colour alone.
    """
    words = {state: t(f"value.{state}", lang) for state in STATE_COLORS}
    shown = cells.assign(mark=cells["state"].map(STATE_MARKS))
    cut = "indexof(datum.label, ' · ')"
    two_lines = f"{cut} < 0 ? datum.label : [slice(datum.label, 0, {cut}), slice(datum.label, {cut} + 3)]"
    base = alt.Chart(shown, title=t(title_key, lang)).encode(
        # Vertical channel names: a column needs only a cell's width, so 7–9 columns fit a phone.
        x=alt.X("channel:N", title=None, sort=None,
                axis=alt.Axis(orient="top", labelAngle=-90, labelAlign="left", labelBaseline="middle",
                              labelOverlap=False, labelLimit=140)),
        y=alt.Y("row:N", title=None, sort=None,
                axis=_bar_axis(labelLimit=150, labelExpr=two_lines, labelLineHeight=13)),
        tooltip=[
            alt.Tooltip("row:N", title=t("policy.operator_row", lang)),
            alt.Tooltip("channel:N", title=t("policy.channel", lang)),
            alt.Tooltip("state_label:N", title=t("policy.legend", lang)),
            alt.Tooltip("source:N", title=t("policy.source", lang)),
            alt.Tooltip("seen_on:N", title=t("col.seen_on", lang)),
        ],
    )
    cells_drawn = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=_keyed_color("state", t("policy.legend", lang), STATE_COLORS, words, **STATE_LEGEND),
    )
    marks = base.mark_text(fontSize=13, fontWeight="bold").encode(
        text="mark:N",
        # white reads on green and red; on the light unknown grey it needs dark ink
        color=alt.condition("datum.state === 'unknown'", alt.value("#333333"), alt.value("white")),
    )
    chart: alt.LayerChart = (cells_drawn + marks).properties(height=alt.Step(2 * BAR_STEP - 10))
    return chart


def online_cancellation_by_place(counts: pd.DataFrame, lang: str) -> alt.Chart:
    """Per place, operators that allow online cancellation, that do not, and unknown — stacked; the
    places with most "yes" first (`cancellation_places`), the page captions the rest."""
    shown = cancellation_places(counts).frame
    words = {state: t(f"value.{state}", lang) for state in STATE_COLORS}
    chart: alt.Chart = (
        alt.Chart(shown, title=t("cancel.by_country", lang))
        .mark_bar()
        .encode(
            y=alt.Y("place:N", title=None, sort=alt.EncodingSortField("rank", op="min"), axis=_bar_axis()),
            x=alt.X("operators:Q", title=t("chart.operator_rules", lang), stack="zero",
                    axis=alt.Axis(**COUNT_AXIS)),
            color=_keyed_color("state", t("cancel.online_answer", lang), STATE_COLORS, words, **STATE_LEGEND),
            # yes, then no, then unknown from the axis out: "yes" bars line up and compare
            order=alt.Order("state_order:Q"),
            tooltip=[
                alt.Tooltip("place:N", title=t("chart.axis_place", lang)),
                alt.Tooltip("state_label:N", title=t("cancel.online_answer", lang)),
                alt.Tooltip("operators:Q", title=t("chart.operator_rules", lang)),
            ],
        )
        .transform_calculate(state_order=f"indexof({_js_list(list(STATE_COLORS))}, datum.state)")
        .properties(height=alt.Step(BAR_STEP))
    )
    return chart


def _js_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_js(value) for value in values) + "]"


def number_survival(parts: pd.DataFrame, lang: str) -> alt.Chart:
    """Validity then grace per operator, stacked; an unknown grace is a grey stub, not zero."""
    # An unknown grace gets a short grey stub so it is seen; its tooltip says "unknown", not a number.
    shown = parts.assign(
        bar_days=parts["days"].where(parts["known"], 8),
        days_label=[str(days) if known else t("value.unknown", lang)
                    for days, known in zip(parts["days"], parts["known"], strict=True)],
        part_label=parts["part_key"].map(lambda key: t(f"survival.{key}", lang)),
        part_order=parts["part_key"].map(list(SURVIVAL_COLORS).index),
    )
    words = {key: t(f"survival.{key}", lang) for key in SURVIVAL_COLORS}
    chart: alt.Chart = (
        alt.Chart(shown, title=t("renew.survival", lang))
        .mark_bar()
        .encode(
            y=alt.Y("operator:N", title=None, sort="-x", axis=_bar_axis()),
            x=alt.X("sum(bar_days):Q", title=t("chart.days", lang), axis=alt.Axis(**COUNT_AXIS)),
            color=_keyed_color("part_key", t("chart.part", lang), SURVIVAL_COLORS, words, **UNDER_BARS),
            order=alt.Order("part_order:Q"),
            tooltip=[alt.Tooltip("operator:N", title=t("col.operator", lang)),
                     alt.Tooltip("part_label:N", title=t("chart.part", lang)),
                     alt.Tooltip("days_label:N", title=t("chart.days", lang))],
        )
        .properties(height=alt.Step(BAR_STEP))
    )
    return chart


def cost_makeup(parts: pd.DataFrame, currency: str, lang: str) -> alt.Chart:
    """Stacked bars: what each plan's first payment is made of, in the display currency."""
    words = {key: t(f"fee.{key}", lang) for key in FEE_COLORS}
    shown = parts.assign(part_order=parts["part_key"].map(list(FEE_COLORS).index))
    chart: alt.Chart = (
        alt.Chart(shown, title=t("fees.chart", lang, currency=currency))
        .mark_bar()
        .encode(
            # cheapest first, as in the fee table above it
            y=alt.Y("plan:N", title=None, sort="x", axis=_bar_axis()),
            x=alt.X("sum(amount):Q", title=t("chart.axis_price", lang, currency=currency)),
            color=_keyed_color("part_key", t("fees.part", lang), FEE_COLORS, words, **UNDER_BARS),
            order=alt.Order("part_order:Q"),
            tooltip=[alt.Tooltip("plan:N", title=t("col.plan", lang)),
                     alt.Tooltip("part:N", title=t("fees.part", lang)),
                     alt.Tooltip("amount:Q", title=currency, format=money_d3(currency))],
        )
        .properties(height=alt.Step(BAR_STEP))
    )
    return chart


def cost_by_trip_length(series: pd.DataFrame, trip_days: int, currency: str, lang: str) -> alt.LayerChart:
    """Total cost against trip length for the best options; a rule marks this trip's length.

    Options are coloured in the order they come (best first), keyed by `option_key`, so an option
    keeps its colour whatever the language of its label.
    """
    keys = list(dict.fromkeys(series["option_key"]))
    colors = {key: SERIES_COLORS[i % len(SERIES_COLORS)] for i, key in enumerate(keys)}
    words = dict(zip(series["option_key"], series["option"], strict=True))
    total = t("trip.total", lang, currency=currency)
    lines = (
        alt.Chart(series)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("days:Q", title=t("trip.days", lang), axis=alt.Axis(**COUNT_AXIS)),
            y=alt.Y("total:Q", title=total),
            # one option a line, room for "operator · plan" (the tooltip has it whole)
            color=_keyed_color("option_key", t("trip.option", lang), colors, words, columns=1,
                               labelLimit=240),
            tooltip=[alt.Tooltip("option:N", title=t("trip.option", lang)),
                     alt.Tooltip("days:Q", title=t("trip.days", lang)),
                     alt.Tooltip("total:Q", title=total, format=money_d3(currency))],
        )
    )
    marker = alt.Chart(pd.DataFrame({"days": [trip_days]})).mark_rule(strokeDash=[4, 4]).encode(x="days:Q")
    chart: alt.LayerChart = (lines + marker).properties(title=t("trip.chart", lang), height=360)
    return chart


def price_history_chart(points: pd.DataFrame, currency: str, lang: str) -> alt.Chart:
    """A plan's price over time as a step line (from `history.price_points`); unknown dates say so."""
    unknown = t("value.unknown", lang)

    def label(dates: pd.Series, empty: str) -> list[str]:
        return [date or empty for date in dates]

    shown = points.assign(
        from_label=label(points["valid_from"], unknown),
        until_label=label(points["valid_until"], t("history.still_current", lang)),
        source_label=label(points["source_date"], t("data.undated", lang)),
        value_label=[
            t("history.current" if current else "history.earlier", lang) for current in points["current"]
        ],
    )
    price_title = t("chart.axis_price", lang, currency=currency)
    chart: alt.Chart = (
        alt.Chart(shown, title=t("history.chart", lang))
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("date:T", title=t("history.date", lang)),
            y=alt.Y("price:Q", title=price_title, scale=alt.Scale(zero=False)),
            order=alt.Order("step:Q"),
            tooltip=[
                alt.Tooltip("value_label:N", title=t("history.value", lang)),
                alt.Tooltip("price:Q", title=price_title, format=money_d3(currency)),
                alt.Tooltip("from_label:N", title=t("history.valid_from", lang)),
                alt.Tooltip("until_label:N", title=t("history.valid_until", lang)),
                alt.Tooltip("source_label:N", title=t("history.source_date", lang)),
            ],
        )
        .properties(height=260)
    )
    return chart


def rows_by_source_year(years: pd.DataFrame, lang: str) -> alt.Chart:
    """Bars: how many rows each year of the sources' own dates holds (undated as its own bar)."""
    chart: alt.Chart = alt.Chart(years, title=t("data.freshness", lang)).mark_bar(color="#0E7C86").encode(
        # every year labelled, upright-to-read vertical: a dozen years and "undated" fit a phone
        x=alt.X("year:O", title=t("data.year", lang), axis=alt.Axis(labelAngle=-90, labelOverlap=False)),
        y=alt.Y("rows:Q", title=t("data.rows", lang), axis=alt.Axis(**COUNT_AXIS)),
        tooltip=[alt.Tooltip("year:O", title=t("data.year", lang)),
                 alt.Tooltip("rows:Q", title=t("data.rows", lang))],
    )
    return chart


def unknown_share_by_field(unknown: pd.DataFrame, lang: str) -> alt.Chart:
    """Bars: the share of rows where each field is unknown, most unknown first, each field by the
    name a reader knows ("Deposit · plans"), not its column name."""
    named = unknown.assign(field=unknown["field"].map(lambda field: field_name(field, lang)))
    chart: alt.Chart = (
        alt.Chart(named, title=t("data.unknown_fields", lang))
        .mark_bar(color=UNKNOWN_GREY)
        .encode(
            y=alt.Y("field:N", sort="-x", title=t("data.field", lang), axis=_bar_axis()),
            x=alt.X("share:Q", title=t("data.share", lang) + " (%)", scale=alt.Scale(domain=[0, 100])),
            tooltip=[alt.Tooltip("field:N", title=t("data.field", lang)),
                     alt.Tooltip("share:Q", title=t("data.share", lang))],
        )
        .properties(height=alt.Step(BAR_STEP))
    )
    return chart


# Light fills under dark labels (≥ 12:1): a bar's words stay readable whatever its colour.
TIMELINE_FILLS = ["#BFDBFE", "#FDE68A", "#BBF7D0", "#FECACA", "#DDD6FE", "#FBCFE8", "#C7D2FE", "#FED7AA"]
TIMELINE_MISSING = "#E5E7EB"


def trip_timeline(bars: pd.DataFrame, lang: str) -> alt.LayerChart:
    """A trip through several places along its days: the stops on the first row, then one row per
    option with a bar for each plan across the days (and stops) it covers (`legs.timeline`). A plan
    keeps its fill on every row; a stop nothing covers is grey. Labels sit inside the bars."""
    keys = [key for key in dict.fromkeys(bars["color_key"]) if key != "missing"]
    colors = {key: TIMELINE_FILLS[i % len(TIMELINE_FILLS)] for i, key in enumerate(keys)}
    colors["missing"] = TIMELINE_MISSING
    tracks = list(dict.fromkeys(bars["track"]))
    base = alt.Chart(bars).encode(
        y=alt.Y("track:N", sort=tracks, title=None, axis=_bar_axis(labelLimit=110)),
        tooltip=[alt.Tooltip("track:N", title=t("trip.option", lang)),
                 alt.Tooltip("detail:N", title=t("legs.stops", lang))],
    )
    blocks = base.mark_bar(stroke="#FFFFFF", strokeWidth=2, cornerRadius=3).encode(
        x=alt.X("start:Q", title=t("legs.day_axis", lang), axis=alt.Axis(tickMinStep=1, format="d")),
        x2="end:Q",
        color=alt.Color("color_key:N", scale=alt.Scale(domain=list(colors), range=list(colors.values())),
                        legend=None),
    )
    words = base.mark_text(color="#111827", fontSize=11, limit=70).encode(
        x=alt.X("middle:Q"), text=alt.Text("label:N"))
    chart: alt.LayerChart = (blocks + words).properties(title=t("legs.chart", lang), height=alt.Step(34))
    return chart


# The world map's boundaries: Natural Earth via world-atlas (data/maps/README.md), served by the app
# (serve/asgi.py) at this address, relative to the page: the browser fetches and caches it once.
MAP_URL = "maps/countries-110m.json"
# What the data holds for a place (places.MAP_STATUSES, most to least): a dark teal to a light grey
# (fills, not text).
MAP_COLORS = dict(zip(MAP_STATUSES, ("#0F766E", "#5FB3A9", "#B6D8D3", "#C7CFE0", "#ECEEF1"), strict=True))


# The map's point selection: a tap on a place selects its code (ui: opens its profile).
MAP_PICK = "pick"


def world_map(status: pd.DataFrame, lang: str) -> alt.Chart:
    """Every country of the map coloured by what SIM Atlas's data holds for it (`places.map_status`:
    numeric id, code, place name, status); a country with no row is "nothing recorded". The boundaries
    are fetched by the browser from MAP_URL, so the page carries only the statuses. A tap on a place
    selects its code (MAP_PICK); a place with nothing recorded has none to select."""
    labels = {key: t(f"map.status.{key}", lang) for key in MAP_COLORS}
    place, holds = t("col.place", lang), t("map.legend", lang)
    chart: alt.Chart = (
        alt.Chart(alt.topo_feature(MAP_URL, "countries"))
        .mark_geoshape(stroke="#FFFFFF", strokeWidth=0.4, cursor="pointer")
        .transform_lookup(lookup="id", from_=alt.LookupData(status, "numeric", ["status", "place", "code"]))
        .transform_calculate(status="datum.status || 'none'", place="datum.place || datum.properties.name")
        .transform_calculate(holds=_label_expr(labels, "datum.status"))
        .add_params(alt.selection_point(name=MAP_PICK, fields=["code"], on="click", clear=False))
        .encode(
            # Squares with a rim: the palest statuses stay visible in the legend on a white page.
            color=_keyed_color("status", holds, MAP_COLORS, labels, columns=1, labelLimit=300,
                               symbolType="square", symbolSize=160, symbolStrokeColor="#9CA3AF",
                               symbolStrokeWidth=0.6),
            tooltip=[alt.Tooltip("place:N", title=place), alt.Tooltip("holds:N", title=holds)],
        )
        .project("equalEarth")
        # The height holds the five-line legend too: 500 leaves the world ~300 px tall on a laptop.
        .properties(title=t("map.title", lang), height=500)
    )
    return chart
