"""The trip planner's stops editor: a trip through several places, typed in the page (issue #23).

The link holds the stops as `leg=HK:5&leg=MO:3` (url_state), kept in session_state under the
parameter's widget key as canonical "HK:5" texts. No single Streamlit widget edits a list of
(place, days) pairs, so each stop is a place choice and a days input, keyed by a *generation*:
when the list changes from outside the rows (a link opened, a stop added or removed), the
generation moves on and fresh rows are drawn from the list; when the reader edits a row, the list
follows the rows. One leg is the one-place planner (url_state reads `leg=HK:5` as `country=HK&days=5`),
so the editor shows two stops or more, or a button to start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from simatlas import charts, legs, url_state
from simatlas.fx import rate_per_eur
from simatlas.i18n import country_name, format_list, format_money, format_number, sorted_places, t, t_count
from simatlas.schema import LIST_SEPARATOR
from simatlas.text import escape_markdown
from ui import answers, chart_specs
from ui.shell import PageContext, ensure_default, widget_key

PAGE = "trip"
_LEG = next(param for param in url_state.PAGE_PARAMS[PAGE] if param.name == "leg")
DRAWN_KEY = "_simatlas_stops_drawn"
GENERATION_KEY = "_simatlas_stops_generation"
NEW_STOP_DAYS = 3


def current() -> list[tuple[str, int]]:
    """The stops the link (or the last edit) holds, in travel order."""
    return list(url_state.as_legs(tuple(st.session_state[ensure_default(_LEG, (), PAGE)])))


def _store(stops: Sequence[tuple[str, int]]) -> None:
    st.session_state[widget_key("leg", PAGE)] = [url_state.leg_text(place, days) for place, days in stops]


def _next_place(stops: Sequence[tuple[str, int]], places: Sequence[str]) -> str:
    used = {place for place, _ in stops}
    return next((place for place in places if place not in used), places[0])


def _start(countries: Sequence[str], days: int, places: Sequence[str]) -> None:
    """Two stops to begin with: the sidebar's places where it names some (the first for the trip's
    days), else the first places of the list; the reader changes them in the rows."""
    first = countries[0] if countries else places[0]
    stops = [(first, days)]
    second = countries[1] if len(countries) > 1 else _next_place(stops, places)
    _store([*stops, (second, NEW_STOP_DAYS)])


def _add(places: Sequence[str]) -> None:
    stops = current()
    _store([*stops, (_next_place(stops, places), NEW_STOP_DAYS)][: url_state.MAX_LEGS])


def _remove(index: int) -> None:
    stops = current()
    del stops[index]
    if len(stops) == 1:  # one stop is the one-place planner: its place and days move there
        (place, days), = stops
        st.session_state[widget_key("country")] = [place]
        st.session_state[widget_key("days", PAGE)] = days
        stops = []
    _store(stops)


def _back_to_one_place() -> None:
    _store([])


def editor(places: Sequence[str], countries: Sequence[str], days: int, lang: str) -> list[str]:
    """The stops (`leg` values) the reader sees and edits; [] in one-place mode (a start button)."""
    stops = current()
    ordered = sorted_places(places, lang)
    if len(stops) < 2:
        st.button(t("legs.start", lang), icon=":material/route:", help=t("legs.start_help", lang),
                  on_click=_start, args=(tuple(countries), days, tuple(ordered)))
        return []
    generation = st.session_state.get(GENERATION_KEY, 0)
    if st.session_state.get(DRAWN_KEY) != stops:
        generation += 1  # the list changed outside the rows: draw fresh rows from it
        st.session_state[GENERATION_KEY] = generation
    edited: list[tuple[str, int]] = []
    with st.container(border=True):
        st.markdown(f"**{t('legs.title', lang)}**")
        for index, (place, stop_days) in enumerate(stops):
            row_key = f"trip.stop.{generation}.{index}"
            place_key, days_key = f"{row_key}.place", f"{row_key}.days"
            st.session_state.setdefault(place_key, place)
            st.session_state.setdefault(days_key, stop_days)
            left, middle, right = st.columns([5, 3, 2], vertical_alignment="bottom")
            chosen = left.selectbox(t("legs.place", lang, number=index + 1), options=ordered,
                                    format_func=lambda code: f"{country_name(code, lang)} ({code})",
                                    key=place_key)
            chosen_days = middle.number_input(t("legs.days", lang), min_value=1,
                                              max_value=url_state.MAX_LEG_DAYS, step=1, key=days_key)
            right.button(t("legs.remove", lang, number=index + 1), key=f"{row_key}.remove",
                         icon=":material/close:", on_click=_remove, args=(index,))
            edited.append((str(chosen), int(chosen_days)))
        add, back = st.columns(2)
        add.button(t("legs.add", lang), icon=":material/add:", on_click=_add, args=(tuple(ordered),),
                   disabled=len(stops) >= url_state.MAX_LEGS)
        back.button(t("legs.one_place", lang), on_click=_back_to_one_place)
        st.caption(t("legs.places_from_stops", lang))
    st.session_state[DRAWN_KEY] = edited
    if edited != stops:
        _store(edited)
    return [url_state.leg_text(place, stop_days) for place, stop_days in edited]


def show(found: legs.LegsAnswer, context: PageContext, answer_slot: DeltaGenerator) -> None:
    """The answer for a trip through several places: the cheapest combination first (what to buy for
    which days and stops, its sources and price ages), then the two alternatives, then the timeline."""
    dataset, lang, currency = context.dataset, context.lang, context.currency
    trip = found.trip
    rows = legs.answer_rows(dataset, found, currency, lang)
    best = rows[rows["option"] == "best"]
    route = " → ".join(t("legs.route_leg", lang, place=country_name(leg.place, lang),
                         days=t_count("value.days", lang, leg.days)) for leg in trip.legs)
    said = legs.notes(dataset, found, currency, lang)
    with answer_slot:
        heading = t("legs.describe", lang, route=route, days=t_count("value.days", lang, trip.days),
                    gb=format_number(trip.gb_each_day * trip.days, lang))
        st.markdown("## " + escape_markdown(heading))
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(t('legs.best', lang))}**")
            if found.best.segments:
                rate = rate_per_eur(dataset, currency)
                total = legs.option_total_text(found.best, currency, rate, lang)
                per_day = format_money(found.best.total_eur * rate / max(trip.days, 1), currency, lang)
                st.markdown("### " + escape_markdown(t("legs.best_total", lang, total=total, per_day=per_day,
                                                       days=t_count("value.days", lang, trip.days))))
            else:
                st.markdown("### " + escape_markdown(t("legs.none_total", lang)))
            # answer_rows names its columns with str: the stubs type record keys as Hashable
            for row in cast(list[dict[str, object]], best.to_dict("records")):
                _segment(row, lang)
        for line in said.missing:
            st.warning(escape_markdown(line))
        st.markdown(f"**{escape_markdown(t('legs.alternatives', lang))}**")
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in said.alternatives))
        if said.left_out:
            st.caption(escape_markdown(said.left_out))
    with st.container(border=True):
        bars = legs.timeline(rows, trip, lang)
        chart_specs.altair_chart(charts.trip_timeline, bars, lang)
    answers.fx_caption(dataset, currency, lang)


def _segment(row: dict[str, object], lang: str) -> None:
    """One stop-run of the answer: its days and places, then the plan bought for it, with how the
    total was reached, who can buy it, how old its price is and what its source says."""
    first, last = int(str(row["first_day"])), int(str(row["last_day"]))
    days = (t("legs.day_one", lang, first=first) if first == last
            else t("legs.days_range", lang, first=first, last=last))
    codes = str(row["places"]).split(LIST_SEPARATOR)
    places = format_list([country_name(code, lang) for code in codes], lang)
    if not isinstance(row["plan_id"], str):
        st.markdown(f"**{escape_markdown(days)} · {escape_markdown(places)}** — "
                    f"{escape_markdown(t('legs.missing', lang))}")
        return
    line = t("trip.best_line", lang, plan=row["plan"], operator=row["operator"], total=row["total_text"])
    st.markdown(f"**{escape_markdown(days)} · {escape_markdown(places)}** — {escape_markdown(line)}")
    sim = row["sim_type"]
    facts = [str(row["reasoning"]),
             t(f"sim.{sim}", lang) if isinstance(sim, str) else f"{t('field.sim_type', lang)}: "
             f"{t('value.unknown', lang)}",
             t("legs.from_day", lang, day=first, place=country_name(codes[0], lang)),
             str(row["price_age"]), f"{t('col.audience', lang)}: {row['audience']}",
             f"{t('col.requires', lang)}: {row['requires']}"]
    if row["assumptions"]:
        facts.append(f"{t('trip.assumptions', lang)}: {row['assumptions']}")
    st.caption(escape_markdown(" · ".join(fact for fact in facts if fact)))
    if isinstance(row.get("source_url"), str):
        st.caption(answers.source_link(str(row["source_url"]), lang))
        answers.source_says(row, lang)
    if row["stale"]:
        st.caption(escape_markdown(t("fit.stale_answer", lang)))

