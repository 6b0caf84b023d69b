"""Fees: every fee the data knows per plan, and what a first payment is made of."""

import streamlit as st

from simatlas import charts, fees, plans, registry
from simatlas.i18n import t, t_count
from ui import answers, chart_specs, inputs, shell, tables
from ui.shell import PageContext


def filters(lang: str, operator_names: dict[str, str]) -> dict[str, object]:
    page = "fees"
    return {
        **inputs.plan_kind_filters(page, lang, operator_names),
        "sort": inputs.choice(page, "sort", t("fees.sort", lang), lang,
                               labels=lambda key: t(f"fees.sort.{key}", lang)),
    }


def show(query: fees.FeeQuery, context: PageContext) -> None:
    dataset, lang, currency = context.dataset, context.lang, context.currency
    matched = plans.filter_plans(dataset, query.plan_filter)
    breakdown = fees.fee_breakdown(dataset, matched, currency, lang, context.who)
    breakdown = fees.in_fee_order(breakdown, query.sort)
    if breakdown.empty:
        st.info(t("plans.empty", lang))
        return
    incomplete = int((~breakdown["complete"]).sum())
    if incomplete:
        st.caption(t_count("fees.incomplete", lang, incomplete))
    tables.fee_table(breakdown, currency, lang)
    with st.container(border=True):
        parts = fees.cost_makeup(breakdown, lang)
        chart_specs.altair_chart(charts.cost_makeup, parts, currency, lang)
        st.caption(t_count("fees.chart_note", lang, parts["plan"].nunique()))
        unpriced = int(breakdown["first_total"].isna().sum())
        if unpriced:
            st.caption(t_count("chart.left_out_unknown", lang, unpriced))
    answers.fx_caption(dataset, currency, lang)


with shell.page(registry.FEES) as run:
    st.title(t("fees.title", run.lang))
    st.caption(t("fees.intro", run.lang))
    shell.show_link_notices(run.state.page_path, run.lang)
    summary = shell.controls_summary("fees", ("operator", "sim", "billing", "sort"), run.lang)
    with shell.page_controls("fees", run.dataset, run.lang, summary):
        chosen = filters(run.lang, plans.operator_names(run.dataset, run.lang))
    query, context = run.query(chosen)
    show(query, context)
