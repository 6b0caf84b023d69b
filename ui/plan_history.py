"""Prices with history and data freshness, on screen: a plan's details (price over time, provenance, a
correction), and the About-the-data page's "Freshness" section."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from simatlas import charts, freshness, fx, history, plans, suitability
from simatlas.i18n import format_list, format_money, t
from simatlas.loader import Dataset
from simatlas.suitability import STALE_AFTER_DAYS, today
from simatlas.text import escape_markdown
from ui import chart_specs, correction_form
from ui.answers import source_link, source_says
from ui.inputs import linked_key
from ui.shell import PageContext
from ui.tables import data_table, link_column


def _plan_label(names: dict[str, str], name: str, operator_id: str) -> str:
    return f"{name} ({names.get(operator_id, operator_id)})"


def plan_details(shown: pd.DataFrame, context: PageContext) -> None:
    """Plans page: one of the shown plans in detail (its price over time, its source), and a correction."""
    dataset, lang = context.dataset, context.lang
    if shown.empty:
        return
    names = plans.operator_names(dataset, lang)
    labels = {plan_id: _plan_label(names, name, operator)
              for plan_id, name, operator in zip(shown["plan_id"], shown["name"], shown["operator_id"],
                                                 strict=True)}
    first = next(iter(labels))
    # In the link as `plan`; none (the first plan shown) keeps the link short.
    key = linked_key("plans", "plan")
    linked = st.session_state.get(key)
    options: list[str | None] = [None, *[plan_id for plan_id in labels if plan_id != first]]
    with st.container(border=True):
        st.subheader(t("details.title", lang))
        if linked is not None and linked not in labels:
            st.caption(t("details.not_shown", lang, plan=str(linked)))
            st.session_state[key] = None  # the linked plan is not in this view: the first one opens
        # No choice (None) opens the first plan shown: the picker says so in its placeholder, rather
        # than "Choose an option" above that plan's details.
        plan_id = st.selectbox(t("details.plan", lang), options=options,
                               format_func=lambda plan: labels[plan or first], key=key,
                               help=t("details.help", lang), placeholder=labels[first])
        plan_view(dataset, plan_id or first, context, scope="plans")


def best_option_history(option: pd.Series, context: PageContext) -> None:
    """Trip planner: the best option's price over time and source, when it has an earlier price."""
    plan_id = option["plan_id"]
    if plan_id not in history.changed_since(context.dataset):
        return
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(t('details.trip_title', context.lang, plan=option['plan']))}**")
        plan_view(context.dataset, plan_id, context, scope="trip")


def plan_view(dataset: Dataset, plan_id: str, context: PageContext, scope: str) -> None:
    """A plan's price over time, where every value comes from, and "Suggest a correction"."""
    lang = context.lang
    position = history.plan_position(dataset, plan_id)
    if position is None:
        return
    plan = dataset.plans.iloc[position]
    values = history.price_history(dataset, plan_id)
    earlier = values[~values["current"]]
    if earlier.empty:
        st.caption(t("details.no_history", lang))
    else:
        _history_chart(dataset, values, context)
        st.markdown("\n".join(_earlier_line(row, lang) for row in earlier.itertuples()))
    _provenance(plan, lang)
    label = _plan_label(plans.operator_names(dataset, lang), plan["name"], plan["operator_id"])
    correction_form.plan_correction(dataset, plan, label, lang, scope)


def _earlier_line(row: Any, lang: str) -> str:  # a row of itertuples()
    """An earlier price, until when it held, and the source that says so."""
    price = format_money(row.price, row.currency, lang)
    value = t("details.earlier", lang, price=price, until=row.valid_until.date().isoformat())
    dated = suitability.source_age_label(row.source_date, lang)
    seen = t("details.source_dated", lang, date=dated, confidence=t(f"confidence.{row.confidence}", lang))
    return f"- {escape_markdown(value)} — {source_link(row.source_url, lang)} · {escape_markdown(seen)}"


def _history_chart(dataset: Dataset, values: pd.DataFrame, context: PageContext) -> None:
    lang = context.lang
    stated = sorted(values["currency"].dropna().unique())
    if len(stated) == 1:  # as the sources state it: an old price is not re-priced at today's rate
        currency = stated[0]
        note = t("details.currency", lang, currency=currency)
    else:
        currency = context.currency
        rate = values["currency"].map(fx.per_eur(dataset))
        values = values.assign(price=values["price"] / rate * fx.rate_per_eur(dataset, currency))
        note = t("details.converted", lang, currency=currency, currencies=format_list(stated, lang))
    points = history.price_points(values, today())
    chart_specs.altair_chart(charts.price_history_chart, points, currency, lang)
    st.caption(note)


def _provenance(plan: pd.Series, lang: str) -> None:
    age = suitability.source_age_label(plan["source_date"], lang)
    # "source dated Nov 2019 · may be outdated", or "undated source · may be outdated" as it stands
    dated = t("details.dated", lang, date=age) if isinstance(plan["source_date"], str) else age
    facts = t("details.provenance", lang, dated=dated, seen=plan["seen_on"],
              confidence=t(f"confidence.{plan['confidence']}", lang))
    st.caption(f"{t('col.source', lang)}: {source_link(plan['source_url'], lang)} · {escape_markdown(facts)}")
    source_says(plan, lang)


def freshness_section(dataset: Dataset, lang: str) -> None:
    """About the data: prices changed lately, stale share per place, and what to re-check next."""
    text, number = st.column_config.TextColumn, st.column_config.NumberColumn
    on = today()
    st.header(t("fresh.title", lang))
    st.caption(t("fresh.intro", lang, days=STALE_AFTER_DAYS))
    st.markdown(f"**{escape_markdown(t('fresh.changes', lang))}**")
    data_table(
        freshness.price_changes_by_place(dataset, on, lang), lang,
        column_config={
            "place": text(t("col.place", lang)), "plans": number(t("col.plans", lang)),
            "changed_6": number(t("fresh.changed_6", lang)),
            "changed_12": number(t("fresh.changed_12", lang)),
        },
    )
    st.caption(t("fresh.changes_note", lang))
    st.markdown(f"**{escape_markdown(t('fresh.stale', lang))}**")
    data_table(
        freshness.stale_by_place(dataset, on, lang), lang,
        column_config={
            "place": text(t("col.place", lang)), "plans": number(t("col.plans", lang)),
            "rows": number(t("data.rows", lang)), "stale": number(t("fresh.stale_rows", lang)),
            "undated": number(t("fresh.undated", lang)), "oldest": text(t("col.oldest", lang)),
            "stale_share": st.column_config.ProgressColumn(t("fresh.stale_share", lang), format="%d %%",
                                                           min_value=0, max_value=100),
        },
    )
    st.markdown(f"**{escape_markdown(t('fresh.recheck', lang))}**")
    st.caption(t("fresh.recheck_note", lang))
    data_table(
        freshness.recheck_next(dataset, on, lang), lang,
        column_config={
            "place": text(t("col.place", lang)), "file": text(t("fresh.file", lang)),
            "key": text(t("fresh.row", lang)), "source_date": text(t("history.source_date", lang)),
            "age_days": number(t("fresh.age", lang)),
            "source_url": link_column(t("col.source", lang)),
        },
    )
