"""Trip planner: for a trip length and data need, the best way to cover it — the reader's quote included."""

import streamlit as st

from simatlas import charts, costs, suitability
from simatlas.i18n import country_name, format_list, format_number, t
from simatlas.plans import TABLE_ROW_LIMIT
from simatlas.text import escape_markdown
from ui import shell, widgets

PAGE = "trip"
page_path, lang, currency, countries = shell.shared_state()
dataset = shell.dataset_or_stop(lang)

with st.sidebar:
    st.header(t("sidebar.page_filters", lang), divider="gray")
    inputs = {
        "days": widgets.number(PAGE, "days", t("trip.days", lang), step=1),
        "gb": widgets.number(PAGE, "gb", t("trip.gb", lang), step=1),
        "gb_day": widgets.number(PAGE, "gb_day", t("trip.gb_day", lang), step=0.5,
                                 help_text=t("trip.gb_day_help", lang)),
        "esim": widgets.flag(PAGE, "esim", t("trip.esim", lang)),
        **{flag: widgets.flag(PAGE, flag, t(f"plans.{flag}", lang), t("plans.yes_only_help", lang))
           for flag in ("local_number", "hotspot", "five_g")},
        "conditional": widgets.flag(PAGE, "conditional", t("fit.include_conditional", lang),
                                    t("fit.include_help", lang)),
    }

st.title(t("trip.title", lang))
st.caption(t("trip.intro", lang))
shell.show_link_notices(page_path, lang)
# The quote sits on the page, not in the sidebar: on a phone the sidebar is hidden behind a button.
inputs |= widgets.quote_inputs(PAGE, list(dataset.fx_rates["currency"]), lang)

context = shell.page_context(inputs)
values = context.values
trip = costs.Trip(
    countries=context.countries, days=int(values["days"]), total_gb=float(values["gb"]),
    gb_per_day=values["gb_day"], esim_only=bool(values["esim"]), local_number=bool(values["local_number"]),
    hotspot=bool(values["hotspot"]), five_g=bool(values["five_g"]), who=context.who,
    include_conditional=bool(values["conditional"]), quote=costs.quote_from_values(values),
)
answer = costs.plan_trip(dataset, trip, context.currency, lang, limit=TABLE_ROW_LIMIT)
options = answer.options

places = format_list([country_name(code, lang) for code in trip.countries], lang)
st.markdown("#### " + escape_markdown(t(
    "trip.describe", lang, count=answer.count, days=trip.days, gb=format_number(trip.gb_needed, lang),
    places=places or t("describe.all_places", lang),
)))
left_out = suitability.left_out_text(answer.left_out, context.who, trip.include_conditional, lang)

if options.empty:
    widgets.no_priced_option(dataset, trip.countries, context, lang)
else:
    widgets.best_trip_option(options.iloc[0], lang)
    if left_out:
        st.caption(escape_markdown(left_out))
    widgets.trip_table(options, context.currency, lang)
    if answer.count > len(options):
        st.caption(t("trip.table_caption", lang, shown=len(options), total=answer.count))
    st.caption(t("trip.excluded", lang))
    with st.container(border=True):
        best = list(options["plan_id"].head(5))
        series = costs.cost_by_trip_length(dataset, trip, best, context.currency, lang)
        chart = charts.cost_by_trip_length(series, trip.days, context.currency, lang)
        st.altair_chart(chart, width="stretch")
        st.caption(t("trip.chart_note", lang))
if options.empty and left_out:
    st.caption(escape_markdown(left_out))

widgets.fx_caption(dataset, context.currency, lang)
shell.finish_page(context)
