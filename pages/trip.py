"""Trip planner: for a trip length and data need, the best way to cover it — the reader's quote included."""

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from simatlas import charts, costs, legs, registry, schema, suitability, url_state
from simatlas.i18n import country_name, format_list, format_number, t, t_count
from simatlas.plans import TABLE_ROW_LIMIT
from simatlas.text import escape_markdown
from ui import answers, chart_specs, inputs, plan_history, shell, stops, tables
from ui.shell import PageContext


def filters(lang: str, several_places: bool) -> dict[str, object]:
    page = "trip"
    # With stops, each stop has its days: the one-place length would only mislead.
    days = {} if several_places else {"days": inputs.number(page, "days", t("trip.days", lang), step=1)}
    return {
        **days,
        "gb": inputs.number(page, "gb", t("trip.gb", lang), step=1),
        "gb_day": inputs.number(page, "gb_day", t("trip.gb_day", lang), step=0.5,
                                 help_text=t("trip.gb_day_help", lang)),
        "esim": inputs.flag(page, "esim", t("trip.esim", lang)),
        **{flag: inputs.flag(page, flag, t(f"plans.{flag}", lang), t("plans.yes_only_help", lang))
           for flag in schema.YES_ONLY_FLAGS},
        "conditional": inputs.flag(page, "conditional", t("fit.include_conditional", lang),
                                    t("fit.include_help", lang)),
    }


def show(trip: costs.Trip, context: PageContext, answer_slot: DeltaGenerator) -> None:
    dataset, lang, currency = context.dataset, context.lang, context.currency
    answer = costs.plan_trip(dataset, trip, currency, lang, limit=TABLE_ROW_LIMIT)
    options = answer.options
    places = format_list([country_name(code, lang) for code in trip.countries], lang)
    left_out = suitability.left_out_text(answer.left_out, trip.who, trip.include_conditional, lang)
    with answer_slot:  # the answer first, above the quote form: on a phone it is the first screen
        described = {"days": t_count("value.days", lang, trip.days),
                     "gb": format_number(trip.gb_needed, lang),
                     "places": places or t("describe.all_places", lang)}
        heading = (t_count("trip.describe", lang, answer.count, **described) if answer.count
                   else t("trip.describe_none", lang, **described))
        st.markdown("## " + escape_markdown(heading))
        if options.empty:
            answers.no_priced_option(dataset, trip.countries, context, lang)
        else:
            answers.best_trip_option(options.iloc[0], lang, costs.ranking_notes(options, lang))
            plan_history.best_option_history(options.iloc[0], context)
        if left_out:
            st.caption(escape_markdown(left_out))
    if not options.empty:
        tables.trip_table(options, currency, lang)
        if answer.count > len(options):
            st.caption(t("trip.table_caption", lang, shown=len(options), total=answer.count))
        st.caption(t("trip.excluded", lang))
        with st.container(border=True):
            best = list(options["plan_id"].head(5))
            series = costs.cost_by_trip_length(dataset, trip, best, currency, lang)
            chart_specs.altair_chart(charts.cost_by_trip_length, series, trip.days, currency, lang)
            st.caption(t("trip.chart_note", lang))
    answers.fx_caption(dataset, currency, lang)


def trip_summary(several_places: bool, lang: str) -> str:
    """The folded controls' label: the trip as it stands ("7 days · 5 GB"), then places and filters."""
    days, gb, gb_day = (inputs.linked_value("trip", name) for name in ("days", "gb", "gb_day"))
    if isinstance(gb_day, (int, float)):
        data = t("trip.per_day_summary", lang, gb=format_number(gb_day, lang))
    else:
        data = f"{format_number(gb if isinstance(gb, (int, float)) else 0.0, lang)} GB"
    length = t_count("value.days", lang, days if isinstance(days, int) else url_state.DEFAULT_TRIP_DAYS)
    parts = [data] if several_places else [length, data]
    # with stops, the stops decide the places: only the filters count
    shared = shell.controls_summary("trip", ("esim", *schema.YES_ONLY_FLAGS, "conditional"), lang,
                                    with_places=not several_places)
    return " · ".join([*parts, *([shared] if shared else [])])


with shell.page(registry.TRIP) as run:
    several_places = len(stops.current()) >= 2
    st.title(t("trip.title", run.lang))
    shell.show_link_notices(run.state.page_path, run.lang)
    with shell.page_controls("trip", run.dataset, run.lang, trip_summary(several_places, run.lang),
                             title_key="controls.trip", places=not several_places):
        chosen = filters(run.lang, several_places)
    answer_slot = st.container()
    # The stops and the quote sit on the page, below the answer, so the answer is a phone's first screen.
    days = inputs.linked_value("trip", "days")
    stop_values = stops.editor(run.dataset.choosable_places, run.state.countries,
                               days if isinstance(days, int) else url_state.DEFAULT_TRIP_DAYS, run.lang)
    chosen["leg"] = stop_values
    several_places = len(stop_values) >= 2
    quote = inputs.quote_inputs("trip", list(run.dataset.fx_rates["currency"]), run.lang,
                                 places=run.dataset.choosable_places if several_places else None)
    trip, context = run.query(chosen | quote)
    if several_places:
        stops.show(legs.answer(run.dataset, legs.MultiTrip.from_values(context.values)), context, answer_slot)
    else:
        show(trip, context, answer_slot)
    st.caption(t("trip.intro", run.lang))
