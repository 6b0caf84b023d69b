"""Plans: filter, compare and chart mobile data plans; every filter lives in the link."""

import streamlit as st

from simatlas import api, charts, describe, plans, registry, schema
from simatlas.i18n import t, t_count
from simatlas.text import escape_markdown
from ui import answers, chart_specs, inputs, plan_history, shell, tables
from ui.shell import PageContext


def filters(lang: str, currency: str, operator_names: dict[str, str]) -> dict[str, object]:
    page = "plans"
    return {
        **inputs.plan_kind_filters(page, lang, operator_names),
        "min_gb": inputs.number(page, "min_gb", t("plans.min_gb", lang), step=1),
        "min_days": inputs.number(page, "min_days", t("plans.min_days", lang), step=1),
        "max_price": inputs.number(page, "max_price", t("plans.max_price", lang, currency=currency), step=10,
                                    help_text=t("plans.max_price_help", lang)),
        **{flag: inputs.flag(page, flag, t(f"plans.{flag}", lang), t("plans.yes_only_help", lang))
           for flag in schema.YES_ONLY_FLAGS},
        "sort": inputs.choice(page, "sort", t("plans.sort", lang), lang,
                               labels=lambda key: t(f"sort.{key}", lang)),
        # Drawn under the table ("Plan details"); its value from the link or the last run counts now.
        "plan": inputs.linked_value(page, "plan"),
    }


def show(plan_filter: plans.PlanFilter, context: PageContext) -> None:
    dataset, lang, currency = context.dataset, context.lang, context.currency
    view = plans.plans_view(dataset, plan_filter, currency, lang, context.who)
    sentence = describe.describe_plans(plan_filter, view.count, lang, plans.operator_names(dataset, lang))
    st.markdown("## " + escape_markdown(sentence))
    if not view.count:
        hints = describe.widening_hints(plan_filter, lang)
        st.info(t("plans.empty", lang) + " " + t("plans.empty_hint", lang, hints=hints))
        return
    tables.plan_table(view.table, view.count, context)
    # A link to the data API: any replica answers it, and no session holds a copy of the rows.
    st.link_button(t_count("plans.download", lang, view.count),
                   api.download_path("plans", shell.canonical_query(context), "csv"))
    plan_history.plan_details(view.shown, context)
    left, right = st.columns(2)
    with left, st.container(border=True):
        points = view.points
        if points.empty:
            st.caption(t("chart.no_data", lang))
        else:
            color = "place" if points["place"].nunique() > 1 else "operator"
            chart_specs.altair_chart(charts.price_against_data, points, view.points_currency, lang, color)
            st.caption(t_count("chart.price_vs_data_note", lang, len(points)))
            if view.points_currency != currency:
                st.caption(t("chart.as_sold", lang, own=view.points_currency, currency=currency))
    with right, st.container(border=True):
        summary = view.per_gb
        if summary.empty and view.points_currency != currency:  # places compared only through a rate
            st.caption(t("chart.no_rate_to_compare", lang, own=view.points_currency, currency=currency))
        elif summary.empty:
            st.caption(t("chart.no_data", lang))
        else:
            chart_specs.altair_chart(charts.price_per_gb_by_place, summary, currency, lang)
            if more := charts.more_places(charts.places_left_out(summary), lang):
                st.caption(more)
    answers.fx_caption(dataset, currency, lang)


FILTER_NAMES = ("operator", "sim", "billing", "min_gb", "min_days", "max_price", *schema.YES_ONLY_FLAGS,
                "sort")

with shell.page(registry.PLANS) as run:
    st.title(t("plans.title", run.lang))
    shell.show_link_notices(run.state.page_path, run.lang)
    shell.place_shortcuts(run.dataset, run.lang)
    summary = shell.controls_summary("plans", FILTER_NAMES, run.lang)
    with shell.page_controls("plans", run.dataset, run.lang, summary):
        chosen = filters(run.lang, run.state.currency, plans.operator_names(run.dataset, run.lang))
    plan_filter, context = run.query(chosen)
    show(plan_filter, context)
