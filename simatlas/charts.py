"""Altair chart builders: one function per chart, named for what it shows.

Each takes a small, already-aggregated frame holding only the columns it encodes (the frame is
shipped to the browser whole), and returns an `alt.Chart`. Titles and axes come in the caller's
language; they are tested through `chart.to_dict()`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from simatlas.i18n import t


def price_against_data(points: pd.DataFrame, currency: str, lang: str, color: str = "place"):
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


def price_per_gb_by_place(summary: pd.DataFrame, currency: str, lang: str):
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
