"""Widgets bound to the page's URL parameters, and small renderers shared by pages.

Each widget takes its key and initial value from `shell.ensure_default`, so what the link says is
what the widget shows. Data-derived text never goes through unsafe HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from simatlas import url_state
from simatlas.i18n import t
from simatlas.loader import Dataset
from ui.shell import PageContext, ensure_default


def _param(page_path: str, name: str) -> url_state.Param:
    return next(p for p in url_state.page_params(page_path) if p.name == name)


def multi(page: str, name: str, label: str, options: Sequence[str], format_func: Callable, lang: str):
    param = _param(page, name)
    return st.multiselect(
        label, options=list(options), format_func=format_func,
        key=ensure_default(param, param.default), placeholder=t("value.any", lang),
    )


def choice(page: str, name: str, label: str, lang: str, labels: Callable[[str], str] | None = None):
    """A single choice among the parameter's static choices; 'any' reads as such."""
    param = _param(page, name)
    labels = labels or (lambda value: t(f"{name}.{value}", lang))
    return st.selectbox(
        label,
        options=list(param.choices),
        format_func=lambda value: t("value.any", lang) if value == "any" else labels(value),
        key=ensure_default(param, param.default),
    )


def number(page: str, name: str, label: str, step: float, help_text: str | None = None):
    param = _param(page, name)
    integer = param.kind == "integer"
    cast = int if integer else float
    return st.number_input(
        label,
        min_value=cast(param.minimum), max_value=cast(param.maximum),
        step=cast(step), key=ensure_default(param, param.default), help=help_text,
    )


def flag(page: str, name: str, label: str, help_text: str | None = None) -> bool:
    param = _param(page, name)
    return st.checkbox(label, key=ensure_default(param, param.default), help=help_text)


def plan_table(table: pd.DataFrame, total: int, context: PageContext) -> None:
    lang, currency = context.lang, context.currency
    money = st.column_config.NumberColumn
    text = st.column_config.TextColumn
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "operator": text(t("col.operator", lang)),
            "plan": text(t("col.plan", lang)),
            "places": text(t("col.places", lang)),
            "sim": text(t("col.sim", lang)),
            "billing": text(t("col.billing", lang)),
            "data": text(t("col.data", lang)),
            "validity": st.column_config.NumberColumn(t("col.validity", lang), format="%d"),
            "price": text(t("col.price", lang)),
            "price_display": money(t("col.price_display", lang, currency=currency), format="%.2f"),
            "per_gb": money(t("col.per_gb", lang, currency=currency), format="%.2f"),
            "per_day": money(t("col.per_day", lang, currency=currency), format="%.2f"),
            "source": st.column_config.LinkColumn(
                t("col.source", lang), display_text=r"https?://(?:www\.)?([^/]+)"
            ),
            "seen_on": text(t("col.seen_on", lang)),
            "confidence": text(t("col.confidence", lang)),
        },
    )
    if total > len(table):
        st.caption(t("plans.table_caption", lang, shown=len(table), total=total))


def fx_caption(dataset: Dataset, currency: str, lang: str) -> None:
    dates = sorted(dataset.fx_rates["as_of"].unique())
    shown = dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}"
    st.caption(t("fx.caption", lang, currency=currency, dates=shown))
