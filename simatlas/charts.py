"""Altair chart builders: one function per chart, named for what it shows.

Each takes a small, already-aggregated frame holding only the columns it encodes (the frame is
shipped to the browser whole), and returns an `alt.Chart`. Titles and axes come in the caller's
language; they are tested through `chart.to_dict()`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from simatlas.i18n import t


def price_against_data(points: pd.DataFrame, currency: str, lang: str, color: str = "place") -> alt.Chart:
    """Scatter of price against data for the matching plans, coloured by place or operator."""
    color_title = t("chart.axis_place" if color == "place" else "col.operator", lang)
    return (
        alt.Chart(points, title=t("chart.price_vs_data", lang))
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("data_gb:Q", title=t("chart.axis_data", lang), scale=alt.Scale(type="log")),
            y=alt.Y("price:Q", title=t("chart.axis_price", lang, currency=currency)),
            color=alt.Color(f"{color}:N", title=color_title),
            tooltip=[
                alt.Tooltip("operator:N", title=t("col.operator", lang)),
                alt.Tooltip("plan:N", title=t("col.plan", lang)),
                alt.Tooltip("data_gb:Q", title=t("chart.axis_data", lang)),
                alt.Tooltip("days:Q", title=t("col.validity", lang)),
                alt.Tooltip(
                    "price:Q", title=t("chart.axis_price", lang, currency=currency), format=",.2f"
                ),
            ],
        )
        .properties(height=340)
    )


def price_per_gb_by_place(summary: pd.DataFrame, currency: str, lang: str) -> alt.Chart:
    """Median and cheapest price per GB for each place, as grouped horizontal bars."""
    return (
        alt.Chart(summary, title=t("chart.price_per_gb_by_country", lang))
        .mark_bar()
        .encode(
            y=alt.Y("place:N", title=t("chart.axis_place", lang), sort="x"),
            x=alt.X("value:Q", title=t("chart.axis_per_gb", lang, currency=currency)),
            yOffset=alt.YOffset("measure:N"),
            color=alt.Color("measure:N", title=t("chart.measure", lang)),
            tooltip=[
                alt.Tooltip("place:N", title=t("chart.axis_place", lang)),
                alt.Tooltip("measure:N", title=t("chart.measure", lang)),
                alt.Tooltip(
                    "value:Q", title=t("chart.axis_per_gb", lang, currency=currency), format=",.2f"
                ),
                alt.Tooltip("plans:Q", title=t("chart.plans", lang)),
            ],
        )
        .properties(height=alt.Step(14))
    )


STATE_COLORS = {"yes": "#1a9850", "no": "#d73027", "unknown": "#bdbdbd"}


def channel_heatmap(cells: pd.DataFrame, lang: str, title_key: str) -> alt.Chart:
    """Operators × channels with three states — yes, no, unknown — and the source in the tooltip."""
    states = list(STATE_COLORS)
    labels = {state: t(f"value.{state}", lang) for state in states}
    return (
        alt.Chart(cells, title=t(title_key, lang))
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X("channel:N", title=t("policy.channel", lang), sort=None,
                    axis=alt.Axis(orient="top", labelAngle=-35, labelOverlap=False, labelLimit=160)),
            y=alt.Y("row:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "state:N",
                title=t("policy.legend", lang),
                scale=alt.Scale(domain=states, range=list(STATE_COLORS.values())),
                legend=alt.Legend(labelExpr=_label_expr(labels), orient="bottom", direction="horizontal"),
            ),
            tooltip=[
                alt.Tooltip("row:N", title=t("policy.operator_row", lang)),
                alt.Tooltip("channel:N", title=t("policy.channel", lang)),
                alt.Tooltip("state_label:N", title=t("policy.legend", lang)),
                alt.Tooltip("source:N", title=t("policy.source", lang)),
                alt.Tooltip("seen_on:N", title=t("col.seen_on", lang)),
            ],
        )
        .properties(height=alt.Step(22))
    )


def _label_expr(labels: dict[str, str]) -> str:
    """A Vega expression that shows each state's word in the chart's language."""
    cases = " : ".join(f"datum.value === '{state}' ? '{label}'" for state, label in labels.items())
    return f"{cases} : datum.value"


def online_cancellation_by_place(counts: pd.DataFrame, lang: str) -> alt.Chart:
    """Per place, operators that allow online cancellation, that do not, and unknown — stacked."""
    states = list(STATE_COLORS)
    labels = {state: t(f"value.{state}", lang) for state in states}
    return (
        alt.Chart(counts, title=t("cancel.by_country", lang))
        .mark_bar()
        .encode(
            y=alt.Y("place:N", title=t("chart.axis_place", lang)),
            x=alt.X("operators:Q", title=t("chart.operator_rules", lang), stack="zero",
                    axis=alt.Axis(tickMinStep=1, format="d")),  # counts: whole numbers only
            color=alt.Color(
                "state:N", title=t("policy.legend", lang),
                scale=alt.Scale(domain=states, range=list(STATE_COLORS.values())),
                legend=alt.Legend(labelExpr=_label_expr(labels), orient="bottom", direction="horizontal"),
            ),
            order=alt.Order("state:N", sort="descending"),
            tooltip=[
                alt.Tooltip("place:N", title=t("chart.axis_place", lang)),
                alt.Tooltip("state_label:N", title=t("policy.legend", lang)),
                alt.Tooltip("operators:Q", title="#"),
            ],
        )
        .properties(height=alt.Step(18))
    )


def number_survival(parts: pd.DataFrame, lang: str) -> alt.Chart:
    """Validity then grace per operator, stacked; an unknown grace is a grey stub, not zero."""
    unknown = t("survival.grace_unknown", lang)
    # An unknown grace gets a short grey stub so it is seen; its tooltip says "unknown", not a number.
    shown = parts.assign(
        bar_days=parts["days"].where(parts["known"], 8),
        days_label=[str(days) if known else t("value.unknown", lang)
                    for days, known in zip(parts["days"], parts["known"], strict=True)],
    )
    domain = [t("survival.validity", lang), t("survival.grace", lang), unknown]
    return (
        alt.Chart(shown, title=t("renew.survival", lang))
        .mark_bar()
        .encode(
            y=alt.Y("operator:N", title=None, sort="-x"),
            x=alt.X("sum(bar_days):Q", title=t("chart.days", lang)),
            color=alt.Color("part:N", title=t("chart.part", lang),
                            scale=alt.Scale(domain=domain, range=["#0E7C86", "#7fc8cf", "#d9d9d9"])),
            order=alt.Order("part:N", sort="descending"),
            tooltip=[alt.Tooltip("operator:N"), alt.Tooltip("part:N", title=t("chart.part", lang)),
                     alt.Tooltip("days_label:N", title=t("chart.days", lang))],
        )
        .properties(height=alt.Step(18))
    )


def cost_makeup(parts: pd.DataFrame, currency: str, lang: str) -> alt.Chart:
    """Stacked bars: what each plan's first payment is made of, in the display currency."""
    return (
        alt.Chart(parts, title=t("fees.chart", lang, currency=currency))
        .mark_bar()
        .encode(
            y=alt.Y("plan:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X("sum(amount):Q", title=t("chart.axis_price", lang, currency=currency)),
            color=alt.Color("part:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("plan:N", title=t("col.plan", lang)), alt.Tooltip("part:N", title=None),
                     alt.Tooltip("amount:Q", title=currency, format=",.2f")],
        )
        .properties(height=alt.Step(20))
    )


def cost_by_trip_length(series: pd.DataFrame, trip_days: int, currency: str, lang: str) -> alt.LayerChart:
    """Total cost against trip length for the best options; a rule marks this trip's length."""
    lines = (
        alt.Chart(series)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("days:Q", title=t("trip.days", lang)),
            y=alt.Y("total:Q", title=t("trip.total", lang, currency=currency)),
            color=alt.Color("option:N", title=t("trip.option", lang), legend=alt.Legend(orient="bottom",
                                                                                          columns=1,
                                                                                          labelLimit=400)),
            tooltip=[alt.Tooltip("option:N", title=t("trip.option", lang)),
                     alt.Tooltip("days:Q", title=t("trip.days", lang)),
                     alt.Tooltip("total:Q", title=t("trip.total", lang, currency=currency), format=",.2f")],
        )
    )
    marker = alt.Chart(pd.DataFrame({"days": [trip_days]})).mark_rule(strokeDash=[4, 4]).encode(x="days:Q")
    return (lines + marker).properties(title=t("trip.chart", lang), height=360)


def price_history_chart(points: pd.DataFrame, currency: str, lang: str) -> alt.Chart:
    """A plan's price over time as a step line (from `history.chart_points`); unknown dates say so."""
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
    return (
        alt.Chart(shown, title=t("history.chart", lang))
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("date:T", title=t("history.date", lang)),
            y=alt.Y("price:Q", title=price_title, scale=alt.Scale(zero=False)),
            order=alt.Order("step:Q"),
            tooltip=[
                alt.Tooltip("value_label:N", title=t("history.value", lang)),
                alt.Tooltip("price:Q", title=price_title, format=",.2f"),
                alt.Tooltip("from_label:N", title=t("history.valid_from", lang)),
                alt.Tooltip("until_label:N", title=t("history.valid_until", lang)),
                alt.Tooltip("source_label:N", title=t("history.source_date", lang)),
            ],
        )
        .properties(height=260)
    )


def rows_by_source_year(years: pd.DataFrame, lang: str) -> alt.Chart:
    """Bars: how many rows each year of the sources' own dates holds (undated as its own bar)."""
    return alt.Chart(years, title=t("data.freshness", lang)).mark_bar(color="#0E7C86").encode(
        x=alt.X("year:O", title=t("data.year", lang)),
        y=alt.Y("rows:Q", title=t("data.rows", lang), axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("year:O", title=t("data.year", lang)),
                 alt.Tooltip("rows:Q", title=t("data.rows", lang))],
    )


def unknown_share_by_field(unknown: pd.DataFrame, lang: str) -> alt.Chart:
    """Bars: the share of rows where each field is unknown, most unknown first."""
    return alt.Chart(unknown, title=t("data.unknown_fields", lang)).mark_bar(color="#bdbdbd").encode(
        y=alt.Y("field:N", sort="-x", title=t("data.field", lang), axis=alt.Axis(labelLimit=260)),
        x=alt.X("share:Q", title=t("data.share", lang) + " (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("field:N", title=t("data.field", lang)),
                 alt.Tooltip("share:Q", title=t("data.share", lang))],
    )
