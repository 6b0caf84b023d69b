"""Renewal (续费 / 充值): how to check the balance, top up, and keep the number alive."""

import pandas as pd
import streamlit as st

from simatlas import charts, place_answers, places, policies, registry, schema
from simatlas.i18n import t
from ui import answers, chart_specs, inputs, shell


def show(query: policies.PolicyQuery, choosable: pd.DataFrame, context: shell.PageContext) -> None:
    dataset, lang = context.dataset, context.lang
    rows = policies.policy_rows(dataset, "renewal", query.policy_filter, lang)
    if not rows.empty:  # the question in words first, with its sources; the grid and cards follow
        with st.container(border=True):
            answers.answer(place_answers.top_up_answer(dataset, query.policy_filter, lang), lang,
                           places.operator_channels(dataset, query.policy_filter.countries, lang))
    st.caption(t("renew.intro", lang))
    if not choosable.empty:  # nothing to choose: the empty state below says why
        answers.operator_cards("renewal", choosable, query.operator, policies.renewal_steps, lang)
    if rows.empty:
        answers.policy_empty_state(dataset, context, query.policy_filter.narrowed, lang)
        return
    answers.rule_counts(len(rows), lang)
    with st.container(border=True):
        columns = {**schema.TOPUP_COLUMNS,
                   **{f"fact.{fact}": column for fact, column in policies.RENEWAL_FACTS.items()}}
        cells = policies.channel_cells(dataset, "renewal", query.policy_filter, tuple(columns.items()), lang)
        chart_specs.altair_chart(charts.channel_heatmap, cells, lang, "renew.matrix")
    with st.container(border=True):
        parts = policies.survival_days(dataset, rows, lang)
        if parts.empty:
            st.caption(t("renew.survival_empty", lang))
        else:
            chart_specs.altair_chart(charts.number_survival, parts, lang)
            st.caption(t("renew.survival_note", lang))
    if query.policy_filter.countries and len(query.policy_filter.countries) <= 3:
        answers.known_facts(dataset, query.policy_filter.countries, context, lang)


with shell.page(registry.RENEWAL) as run:
    st.title(t("renew.title", run.lang))
    shell.show_link_notices(run.state.page_path, run.lang)
    choosable, chosen = inputs.policy_controls(run, "renewal")
    query, context = run.query(chosen)
    show(query, choosable, context)
