"""Cancellation (销户 / 注销): who lets you cancel online, what it takes, whether money comes back."""

import streamlit as st

from simatlas import charts, policies
from simatlas.i18n import t
from ui import shell, widgets

PAGE = "cancellation"
page_path, lang, currency, countries = shell.shared_state()
dataset = shell.dataset_or_stop(lang)

with st.sidebar:
    st.header(t("sidebar.page_filters", lang), divider="gray")
    # Any operator of the chosen places can be opened, whatever the other filters.
    choosable = policies.policy_rows(dataset, "cancellation", policies.PolicyFilter(countries))
    inputs = widgets.policy_filters(
        PAGE, lang, dict(zip(choosable["operator_id"], choosable["operator"], strict=True)), online=True
    )

context = shell.page_context(inputs)
values = context.values
policy_filter = policies.PolicyFilter(context.countries, values["kind"], values["product"], values["online"])
rows = policies.policy_rows(dataset, "cancellation", policy_filter)

st.title(t("cancel.title", lang))
st.caption(t("cancel.intro", lang))
shell.show_link_notices(page_path, lang)

if widgets.operator_cards(choosable, values["operator"], policies.cancellation_steps, lang):
    with st.container(border=True):
        st.markdown(f"**{t('cancel.checklist', lang)}**")
        for key in ("contacts", "unbind", "balance", "proof"):
            st.checkbox(t(f"checklist.{key}", lang), key=f"checklist.{key}")

if rows.empty:
    widgets.policy_empty_state(dataset, context, filters_set=bool(values["kind"] or values["product"] or values["online"]), lang=lang)
else:
    widgets.rule_counts(len(rows), lang)
    with st.container(border=True):
        cells = policies.channel_matrix(rows, policies.CANCEL_CHANNELS, lang)
        st.altair_chart(charts.channel_heatmap(cells, lang, "cancel.matrix"), width="stretch")
    with st.container(border=True):
        counts = policies.online_cancellation_by_country(rows, lang)
        st.altair_chart(charts.online_cancellation_by_place(counts, lang), width="stretch")

shell.finish_page(context)
