"""Fees: every fee the data knows per plan, and what a first payment is made of."""

import streamlit as st

from simatlas import charts, costs, plans
from simatlas.i18n import t
from ui import shell, widgets

PAGE = "fees"
page_path, lang, currency, countries = shell.shared_state()
dataset = shell.dataset_or_stop(lang)
operator_names = plans.operator_names(dataset)

with st.sidebar:
    st.header(t("sidebar.page_filters", lang), divider="gray")
    inputs = {
        "operator": widgets.multi(PAGE, "operator", t("plans.operator", lang),
                                  sorted(operator_names, key=lambda op: operator_names[op].lower()),
                                  operator_names.get, lang),
        "sim": widgets.choice(PAGE, "sim", t("plans.sim", lang), lang),
        "billing": widgets.choice(PAGE, "billing", t("plans.billing", lang), lang),
        "sort": widgets.choice(PAGE, "sort", t("fees.sort", lang), lang,
                               labels=lambda key: t(f"fees.sort.{key}", lang)),
    }

context = shell.page_context(inputs)
values = context.values
matched = plans.filter_plans(dataset, plans.PlanFilter(
    countries=context.countries, operators=values["operator"], sim=values["sim"],
    billing=values["billing"], sort="price", currency=context.currency,
))
breakdown = costs.fee_breakdown(dataset, matched, context.currency, lang)
breakdown = breakdown.sort_values([values["sort"], "plan_id"], na_position="last")

st.title(t("fees.title", lang))
st.caption(t("fees.intro", lang))
shell.show_link_notices(page_path, lang)

if breakdown.empty:
    st.info(t("plans.empty", lang))
else:
    incomplete = int((~breakdown["complete"]).sum())
    if incomplete:
        st.caption(t("fees.incomplete", lang, count=incomplete))
    widgets.fee_table(breakdown, context.currency, lang)
    with st.container(border=True):
        parts = costs.cost_makeup(breakdown, lang)
        st.altair_chart(charts.cost_makeup(parts, context.currency, lang), width="stretch")
        st.caption(t("fees.chart_note", lang, shown=parts["plan"].nunique()))
        unpriced = int(breakdown["first_total"].isna().sum())
        if unpriced:
            st.caption(t("chart.left_out_unknown", lang, count=unpriced))

widgets.fx_caption(dataset, context.currency, lang)
shell.finish_page(context)
