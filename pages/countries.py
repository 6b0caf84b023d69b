"""Countries: every place at a glance, and one place's profile with sourced answers."""

import pandas as pd
import streamlit as st

from simatlas import charts, costs, networks, place_answers, places, registry, suitability
from simatlas.i18n import (
    country_name,
    format_list,
    format_number,
    format_source_date,
    sorted_places,
    t,
    t_count,
)
from simatlas.loader import Dataset
from simatlas.text import escape_markdown
from ui import answers, chart_specs, correction_form, inputs, shell, tables
from ui.shell import PageContext

PAGE = registry.COUNTRIES.path
OTHER_LENGTHS = (3, 14, 90)  # days, beside the profile's week and month


# One place concept: the shared Places filter (the sidebar's, in every link as `country`) is the
# only place selection. One place chosen opens its profile; none or several show the overview. The
# page's own controls below only change that filter, so the sidebar, the link and the page agree.
OPEN_KEY = "countries.open_place"
PLACES_KEY = shell.widget_key("country")


def filters(lang: str) -> dict[str, object]:
    conditional = inputs.flag(PAGE, "conditional", t("fit.include_conditional", lang),
                               t("fit.include_help", lang))
    return {"conditional": conditional}


def _open_chosen_profile() -> None:
    """The picker's choice becomes the Places filter (callbacks run before the page draws)."""
    code = st.session_state.get(OPEN_KEY)
    if code:
        st.session_state[PLACES_KEY] = [code]
    st.session_state[OPEN_KEY] = None  # a one-shot control: it holds no state of its own


def _show_every_place() -> None:
    st.session_state[PLACES_KEY] = []


MAP_KEY = "countries.map"


def _open_from_map() -> None:
    """A place tapped on the world map becomes the Places filter: its profile opens."""
    codes = chart_specs.selected(MAP_KEY, charts.MAP_PICK, "code")
    if codes:
        st.session_state[PLACES_KEY] = codes[:1]


def place_picker(dataset: Dataset, chosen: tuple[str, ...], lang: str) -> None:
    """Open a profile from the overview, in the page itself (on a phone the sidebar is folded away).
    With several places chosen it offers those; otherwise every place."""
    options = list(chosen) if len(chosen) > 1 else list(dataset.choosable_places)
    column, _ = st.columns([2, 3])  # a name's width on a laptop; the full width on a phone
    column.selectbox(
        t("countries.place", lang), options=[None, *sorted_places(options, lang)],
        format_func=lambda code: t("countries.pick", lang) if code is None else country_name(code, lang),
        key=shell.relabelled(OPEN_KEY), on_change=_open_chosen_profile,
    )


def option_line(row: pd.Series, lang: str) -> str:
    """The trip planner's best option in one line, and under it what the answer rests on: how old the
    price is, who can buy the plan, what it needs."""
    text = t("profile.option", lang, plan=row["plan"], operator=row["operator"], total=row["total_text"])
    facts = " · ".join([row["price_age"], f"{t('col.audience', lang)}: {row['audience']}",
                        f"{t('col.requires', lang)}: {row['requires']}"])
    return (f"{escape_markdown(text)} — {answers.source_link(row['source_url'], lang)}  \n"
            f":gray[{escape_markdown(facts)}]")


def networks_section(dataset: Dataset, place: str, lang: str) -> None:
    """The networks a public list names for the place, with what the list is and how old, beside it:
    a reference for "who runs a network there", never an offer."""
    st.subheader(t("profile.networks", lang))
    listed = networks.shown_networks(dataset, place)
    if listed.empty:
        st.caption(t("profile.networks_none", lang))
        return
    tables.network_table(listed, lang)
    # Each row cites its ITU region's page: a place with codes in two regions (American Samoa) cites both.
    sources = networks.networks_in(dataset, place)["source_url"].unique()
    links = " · ".join(answers.source_link(str(source), lang) for source in sources)
    st.caption(escape_markdown(t("profile.networks_caveat", lang, list=t("networks.list", lang),
                                 date=format_source_date(networks.SOURCE_DATE, lang)))
               + "  \n" + t("profile.networks_source", lang, link=links))


def nothing_recorded(place: str, context: PageContext) -> None:
    """A place with no plan, operator or rule recorded: say so, and what the reader can do instead —
    never an answer made up from nothing (no neighbour's prices, no "probably"). The networks a public
    list names for it are shown as what they are."""
    lang, name = context.lang, country_name(place, context.lang)
    listed = networks.counts_by_place(context.dataset).get(place, 0)
    st.info(t("profile.nothing_networks" if listed else "profile.nothing", lang, place=name),
            icon=":material/info:")
    if listed:
        with st.container(border=True):
            networks_section(context.dataset, place, lang)
    st.markdown(escape_markdown(t("profile.nothing_quote", lang, place=name)))
    link = context.shared(country=(place,))
    st.page_link(str(shell.page_file("trip")), label=t("profile.nothing_trip", lang, place=name),
                 query_params=shell.link_query(link, "trip"), icon=":material/calculate:")
    st.markdown(escape_markdown(t("profile.nothing_find", lang)))


def profile(query: places.PlaceQuery, place: str, context: PageContext) -> None:
    dataset, lang = context.dataset, context.lang
    st.header(country_name(place, lang))
    st.button(t("countries.every_place", lang), on_click=_show_every_place, icon=":material/arrow_back:")
    if place not in dataset.place_codes:
        nothing_recorded(place, context)
        return
    left, right = st.columns([3, 2])
    with left, st.container(border=True):  # the answer first: on a phone, columns stack left first
        st.subheader(t("profile.best", lang))
        best = places.best_options(dataset, place, query.who, query.include_conditional,
                                   context.currency, lang)
        for kind, row in (("short", best.short), ("long", best.long)):
            trip = costs.STANDARD_TRIPS[kind]
            heading = t(f"profile.{kind}", lang, days=trip.days, gb=format_number(trip.gb_needed, lang))
            st.markdown(f"**{heading}**")
            st.markdown(option_line(row, lang) if row is not None else t(f"profile.none.{query.who}", lang))
            if row is not None and kind == "long" and best.short is not None \
                    and row["plan_id"] == best.short["plan_id"]:
                st.caption(t("profile.same_plan", lang))  # its words once: a phone screen is short
            elif row is not None:
                answers.source_says(row, lang)
                if row["stale"]:
                    st.caption(t("fit.stale_answer", lang))
            link = context.shared(country=(place,), days=trip.days, gb=trip.gb_needed)
            st.page_link(str(shell.page_file("trip")), label=t("profile.plan_trip", lang, days=trip.days),
                         query_params=shell.link_query(link, "trip"))
        # Other trip lengths, one tap each (a fortnight is what many visitors plan).
        st.markdown(f"**{escape_markdown(t('profile.other_lengths', lang))}**")
        for column, days in zip(st.columns(len(OTHER_LENGTHS)), OTHER_LENGTHS, strict=True):
            link = context.shared(country=(place,), days=days)
            column.page_link(str(shell.page_file("trip")), label=t_count("value.days", lang, days),
                             query_params=shell.link_query(link, "trip"), icon=":material/calculate:")
        left_out = suitability.left_out_text(best.left_out, query.who, query.include_conditional, lang)
        if left_out:
            st.caption(escape_markdown(left_out))
        if best.short is None and best.long is None:
            answers.no_priced_option(dataset, (place,), context, lang, "place.no_priced")
        st.subheader(t("profile.id_rule", lang))
        answers.id_rule(dataset, place, lang)
    with right, st.container(border=True):
        st.subheader(t("profile.operators", lang))
        operators = places.operators_of(dataset, place, lang)
        if operators.empty:
            st.caption(t("profile.no_operators", lang))
        else:
            tables.operator_table(operators, lang)
        sellers = places.sellers_covering(dataset, place, lang)
        st.caption(escape_markdown(t("profile.sellers", lang, sellers=format_list(sellers, lang))) if sellers
                   else t("profile.no_sellers", lang))
        networks_section(dataset, place, lang)
    with st.container(border=True):
        st.subheader(t("profile.questions", lang))
        ask = places.operator_channels(dataset, (place,), lang)
        for answer in place_answers.answers(dataset, place, lang):
            answers.answer(answer, lang, ask)
        answers.known_facts(dataset, (place,), context, lang)
        correction_form.place_correction(dataset, place, lang)
    with st.container(border=True):
        st.subheader(t("profile.links", lang))
        link = context.shared(country=(place,))
        targets = ["plans", "trip", "fees", "cancellation", "renewal"]
        for column, target in zip(st.columns(len(targets)), targets, strict=True):
            column.page_link(str(shell.page_file(target)), label=t(f"nav.{target}", lang),
                             query_params=shell.link_query(link, target))


def overview(query: places.PlaceQuery, context: PageContext) -> None:
    dataset, lang, currency = context.dataset, context.lang, context.currency
    table = places.overview(dataset, currency, lang, query.countries, query.who)
    with st.container(border=True):
        chart_specs.selectable_chart(charts.world_map, places.map_frame(dataset, query.who, lang), lang,
                                     key=MAP_KEY, selection=charts.MAP_PICK, on_select=_open_from_map)
        off = places.off_the_map(dataset, lang)
        too_small = [t("map.off", lang, places=format_list(off, lang))] if off else []
        st.caption(" ".join([t("map.tap", lang), *too_small, t("map.note", lang)]))
    with st.container(border=True):
        frame = places.overview_chart_frame(dataset, currency, lang, query.countries, query.who)
        if frame.empty:
            st.caption(t("chart.no_data", lang))
        else:
            chart_specs.altair_chart(charts.price_per_gb_by_place, frame, currency, lang,
                                     title=t("countries.chart", lang))
            if more := charts.more_places(charts.places_left_out(frame), lang):
                st.caption(more)
    if not table.empty:
        st.header(t("countries.table", lang))
        tables.overview_table(table, currency, lang)
    if not query.countries and (listed_only := networks.network_only_places(dataset)):
        st.caption(t_count("countries.networks_only", lang, len(listed_only)))
    listed = networks.counts_by_place(dataset)
    if empty := [code for code in query.countries if code not in dataset.place_codes and code not in listed]:
        st.caption(escape_markdown(t("countries.nothing_for", lang, places=format_list(
            [country_name(code, lang) for code in sorted_places(empty, lang)], lang))))
    answers.fx_caption(dataset, currency, lang)


with shell.page(registry.COUNTRIES) as run:
    st.title(t("nav.countries_title", run.lang))
    st.caption(t("countries.intro", run.lang))
    shell.show_link_notices(run.state.page_path, run.lang)
    # The place is chosen by the picker below (or a profile's own button): the Places filter here
    # would be a third control for the same choice.
    summary = shell.controls_summary(PAGE, ("conditional",), run.lang, with_places=False)
    with shell.page_controls(PAGE, run.dataset, run.lang, summary, places=False):
        chosen = filters(run.lang)
    query, context = run.query(chosen)
    if query.place:
        profile(query, query.place, context)
        # Under a profile the comparison of every place (a world map, a chart, a table) is built only
        # when asked for: it is below the profile's answers, and it cost a profile's first visit more
        # than the profile itself (bench/README, issue #26).
        with shell.lazy_fold(t("countries.compare", run.lang), "countries.compare",
                             icon=":material/public:") as unfolded:
            if unfolded:
                overview(query, context)
    else:
        place_picker(run.dataset, query.countries, run.lang)
        overview(query, context)
