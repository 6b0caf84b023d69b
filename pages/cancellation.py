"""Cancellation (销户 / 注销): who lets you cancel online, what it takes, whether money comes back."""

import pandas as pd
import streamlit as st

from simatlas import charts, place_answers, places, policies, registry, schema
from simatlas.i18n import t
from ui import answers, chart_specs, inputs, shell


def show(query: policies.PolicyQuery, choosable: pd.DataFrame, context: shell.PageContext) -> None:
    dataset, lang = context.dataset, context.lang
    rows = policies.policy_rows(dataset, "cancellation", query.policy_filter, lang)
    # The question in words first, with its sources; the grid and the cards follow.
    with st.container(border=True):
        answers.answer(place_answers.cancel_online_answer(dataset, query.policy_filter, lang), lang,
                       places.operator_channels(dataset, query.policy_filter.countries, lang))
    st.caption(t("cancel.intro", lang))
    if not choosable.empty and answers.operator_cards("cancellation", choosable, query.operator,
                                                      policies.cancellation_steps, lang):
        with st.container(border=True):
            st.markdown(f"**{t('cancel.checklist', lang)}**")
            for key in ("contacts", "unbind", "balance", "proof"):
                st.checkbox(t(f"checklist.{key}", lang), key=f"checklist.{key}")
    if rows.empty:
        answers.policy_empty_state(dataset, context, query.policy_filter.narrowed, lang)
        return
    answers.rule_counts(len(rows), lang)
    with st.container(border=True):
        cells = policies.channel_cells(dataset, "cancellation", query.policy_filter,
                                       tuple(schema.CANCEL_COLUMNS.items()), lang)
        chart_specs.altair_chart(charts.channel_heatmap, cells, lang, "cancel.matrix")
    with st.container(border=True):
        counts = policies.online_cancellation_counts(dataset, query.policy_filter, lang)
        chart_specs.altair_chart(charts.online_cancellation_by_place, counts, lang)
        if more := charts.more_places(charts.places_left_out(counts), lang):
            st.caption(more)


with shell.page(registry.CANCELLATION) as run:
    st.title(t("cancel.title", run.lang))
    shell.show_link_notices(run.state.page_path, run.lang)
    choosable, chosen = inputs.policy_controls(run, "cancellation", online=True)
    query, context = run.query(chosen)
    show(query, choosable, context)
