"""Plans: filter, compare and chart mobile data plans; every filter lives in the link."""

import streamlit as st

from simatlas import charts, describe, plans
from simatlas.i18n import t
from simatlas.text import escape_markdown
from ui import shell, widgets

PAGE = "plans"
page_path, lang, currency, _ = shell.shared_state()
dataset = shell.dataset_or_stop(lang)
operator_names = plans.operator_names(dataset)

with st.sidebar:
    st.header(t("sidebar.page_filters", lang), divider="gray")
    inputs = {
        "operator": widgets.multi(
            PAGE, "operator", t("plans.operator", lang),
            sorted(operator_names, key=lambda op: operator_names[op].lower()),
            operator_names.get, lang,
        ),
        "sim": widgets.choice(PAGE, "sim", t("plans.sim", lang), lang),
        "billing": widgets.choice(PAGE, "billing", t("plans.billing", lang), lang),
        "min_gb": widgets.number(PAGE, "min_gb", t("plans.min_gb", lang), step=1),
        "min_days": widgets.number(PAGE, "min_days", t("plans.min_days", lang), step=1),
        "max_price": widgets.number(
            PAGE, "max_price", t("plans.max_price", lang, currency=currency), step=10,
            help_text=t("plans.max_price_help", lang),
        ),
        **{
            flag: widgets.flag(PAGE, flag, t(f"plans.{flag}", lang), t("plans.yes_only_help", lang))
            for flag in plans.YES_ONLY_FLAGS
        },
        "sort": widgets.choice(
            PAGE, "sort", t("plans.sort", lang), lang, labels=lambda key: t(f"sort.{key}", lang)
        ),
    }

context = shell.page_context(inputs)
plan_filter = plans.PlanFilter.from_values(context.values)
matched = plans.match_positions(dataset, plan_filter)  # row positions only: nothing copied yet

st.title(t("plans.title", lang))
shell.show_link_notices(page_path, lang)
sentence = describe.describe_plans(plan_filter, len(matched), lang, operator_names)
st.markdown("#### " + escape_markdown(sentence))

if not len(matched):
    hints = describe.widening_hints(plan_filter, lang)
    st.info(t("plans.empty", lang) + " " + t("plans.empty_hint", lang, hints=hints))
else:
    shown = plans.rows(dataset, matched[: plans.TABLE_ROW_LIMIT], context.currency)
    widgets.plan_table(plans.table_frame(shown, dataset, lang, who=context.who), len(matched), context)
    st.download_button(
        t("plans.download", lang, count=len(matched)),
        # Recomputed on click from the small filter, so no session keeps a copy of the rows.
        data=lambda: plans.download_csv(plans.filter_plans(dataset, plan_filter), context.currency),
        file_name="simatlas-plans.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_plans",
    )
    left, right = st.columns(2)
    with left, st.container(border=True):
        points = plans.chart_points(shown, dataset)
        if points.empty:
            st.caption(t("chart.no_data", lang))
        else:
            color = "place" if points["place"].nunique() > 1 else "operator"
            chart = charts.price_against_data(points, context.currency, lang, color)
            st.altair_chart(chart, width="stretch")
            st.caption(t("chart.price_vs_data_note", lang, shown=len(points)))
    with right, st.container(border=True):
        summary = plans.price_per_gb_by_country(
            dataset, matched, context.currency, plan_filter.countries, lang
        )
        if summary.empty:
            st.caption(t("chart.no_data", lang))
        else:
            chart = charts.price_per_gb_by_place(summary, context.currency, lang)
            st.altair_chart(chart, width="stretch")

widgets.fx_caption(dataset, context.currency, lang)
shell.finish_page(context)
