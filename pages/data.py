"""About the data: coverage, freshness, unknowns, every source, exchange rates, how to contribute."""

from collections.abc import Callable, Sequence
from typing import Any, cast

import streamlit as st

from simatlas import charts, quality, registry
from simatlas.i18n import format_list, format_source_date, t
from simatlas.loader import Dataset
from simatlas.plans import TABLE_ROW_LIMIT
from ui import chart_specs, plan_history, shell, tables


def layers_section(dataset: Dataset, lang: str) -> None:
    """Each layer of the data: what it covers, where from, how old, how sure, under which licence."""
    st.header(t("data.layers", lang))
    st.caption(t("data.layers_intro", lang))
    layers = quality.layers(dataset)

    def shown(value: object, words: Callable[[str], str]) -> str | None:
        """A layer's date or confidence in words: "per row" for the curated rows; None reads unknown."""
        if not isinstance(value, str) or not value:
            return None
        return t("data.per_row", lang) if value == quality.PER_ROW else words(value)

    # A None cell is a missing value to pandas; the stubs' column values (Sequence[Scalar]) leave None out.
    frame = layers.assign(
        layer=[t(f"data.layer.{key}", lang) for key in layers["layer"]],
        source_date=cast(Sequence[Any], [shown(value, lambda date: format_source_date(date, lang))
                                         for value in layers["source_date"]]),
        confidence=cast(Sequence[Any], [shown(value, lambda level: t(f"confidence.{level}", lang))
                                        for value in layers["confidence"]]),
    )
    text, number = st.column_config.TextColumn, st.column_config.NumberColumn
    tables.data_table(frame, lang, column_config={
        "layer": text(t("data.layer", lang), width="large"), "places": number(t("data.layer_places", lang)),
        "rows": number(t("data.rows", lang)), "source_date": text(t("data.layer_date", lang)),
        "confidence": text(t("col.confidence", lang)), "licence": text(t("data.licence", lang)),
        "licence_url": st.column_config.LinkColumn(t("data.licence_terms", lang)),
    })


def show(dataset: Dataset, lang: str) -> None:
    """The About-the-data page's body: coverage, source dates, unknowns, rates, sources, how to help."""
    text, number = st.column_config.TextColumn, st.column_config.NumberColumn
    st.header(t("data.coverage", lang))
    tables.data_table(
        quality.coverage_by_place(dataset, lang), lang,
        column_config={
            "place": text(t("col.place", lang)), "operators": number(t("col.operators", lang)),
            "plans": number(t("col.plans", lang)), "rules": number(t("data.rows", lang)),
            "unknown_share": number(t("data.unknown_share", lang), format="%d %%"),
            "oldest_source": text(t("col.oldest", lang)), "newest_source": text(t("col.newest", lang)),
            "seen_on": text(t("col.seen_on", lang)),
        },
    )

    layers_section(dataset, lang)

    left, right = st.columns(2)
    with left, st.container(border=True):
        chart_specs.altair_chart(charts.rows_by_source_year, quality.freshness(dataset, lang), lang)
    with right, st.container(border=True):
        chart_specs.altair_chart(charts.unknown_share_by_field, quality.unknown_fields(dataset), lang)

    plan_history.freshness_section(dataset, lang)

    st.header(t("data.fx", lang))
    missing = quality.currencies_without_rate(dataset)
    if missing:
        st.warning(t("data.fx_missing", lang, currencies=format_list(missing, lang)))
    tables.data_table(
        dataset.fx_rates[["currency", "per_eur", "as_of", "kind", "source_url"]], lang,
        column_config={
            "currency": text(t("col.currency", lang)), "per_eur": number(t("col.rate", lang), format="%.6g"),
            "as_of": text(t("col.as_of", lang)), "kind": text(t("col.fx_kind", lang)),
            "source_url": st.column_config.LinkColumn(t("col.source", lang)),
        },
    )

    st.header(t("data.sources", lang))
    cited = quality.sources(dataset)  # most cited first: the table shows the first TABLE_ROW_LIMIT
    if len(cited) > TABLE_ROW_LIMIT:
        st.caption(t("data.sources_shown", lang, shown=TABLE_ROW_LIMIT, count=len(cited)))
    tables.data_table(
        cited, lang,
        column_config={
            "source_url": st.column_config.LinkColumn(t("col.source", lang)),
            "rows": number(t("data.rows", lang)), "files": text(t("data.files", lang)),
        },
    )

    st.header(t("data.report", lang))
    st.markdown(t("data.report_text", lang))


with shell.page(registry.DATA) as run:
    st.title(t("data.title", run.lang))
    st.caption(t("data.intro", run.lang))
    shell.show_link_notices(run.state.page_path, run.lang)
    show(run.dataset, run.lang)
