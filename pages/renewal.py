"""Renewal (续费 / 充值): how to check the balance, top up, and keep the number alive."""

import streamlit as st

from simatlas import charts, policies
from simatlas.i18n import t
from ui import shell, widgets

PAGE = "renewal"
page_path, lang, currency, countries = shell.shared_state()
dataset = shell.dataset_or_stop(lang)

with st.sidebar:
    st.header(t("sidebar.page_filters", lang), divider="gray")
    # Any operator of the chosen places can be opened, whatever the other filters.
    choosable = policies.policy_rows(dataset, "renewal", policies.PolicyFilter(countries))
    inputs = widgets.policy_filters(
        PAGE, lang, dict(zip(choosable["operator_id"], choosable["operator"], strict=True))
    )

context = shell.page_context(inputs)
values = context.values
policy_filter = policies.PolicyFilter(context.countries, values["kind"], values["product"])
rows = policies.policy_rows(dataset, "renewal", policy_filter)

st.title(t("renew.title", lang))
st.caption(t("renew.intro", lang))
shell.show_link_notices(page_path, lang)

widgets.operator_cards(choosable, values["operator"], policies.renewal_steps, lang)

if rows.empty:
    widgets.policy_empty_state(dataset, context, filters_set=bool(values["kind"] or values["product"]), lang=lang)
else:
    widgets.rule_counts(len(rows), lang)
    with st.container(border=True):
        columns = {**policies.TOPUP_CHANNELS,
                   **{f"fact.{fact}": column for fact, column in policies.RENEWAL_FACTS.items()}}
        cells = policies.channel_matrix(rows, columns, lang)
        st.altair_chart(charts.channel_heatmap(cells, lang, "renew.matrix"), width="stretch")
    with st.container(border=True):
        parts = policies.survival_days(dataset, rows, lang)
        if parts.empty:
            st.caption(t("renew.survival_empty", lang))
        else:
            st.altair_chart(charts.number_survival(parts, lang), width="stretch")
            st.caption(t("renew.survival_note", lang))

shell.finish_page(context)
