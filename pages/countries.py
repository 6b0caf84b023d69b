"""Countries: every place at a glance, and one place's profile with sourced answers."""

import pandas as pd
import streamlit as st

from simatlas import charts, places, plans, suitability, url_state
from simatlas.i18n import country_name, format_list, format_money, t
from simatlas.text import escape_markdown
from ui import shell, widgets

PAGE = "countries"
page_path, lang, currency, countries = shell.shared_state()
dataset = shell.dataset_or_stop(lang)
all_places = places.places(dataset)

with st.sidebar:
    st.header(t("sidebar.page_filters", lang), divider="gray")
    param = next(p for p in url_state.page_params(PAGE) if p.name == "place")
    chosen = st.selectbox(
        t("countries.place", lang), options=[None, *all_places],
        format_func=lambda code: t("policy.none", lang) if code is None else country_name(code, lang),
        key=shell.ensure_default(param, None, PAGE),
    )
    conditional = widgets.flag(PAGE, "conditional", t("fit.include_conditional", lang), t("fit.include_help", lang))

context = shell.page_context({"place": chosen, "conditional": conditional})
place = context.values["place"]
st.title(t("nav.countries_title", lang))
st.caption(t("countries.intro", lang))
shell.show_link_notices(page_path, lang)


def option_line(row) -> str:
    names = plans.operator_names(dataset)
    rate = plans.rate_per_eur(dataset, context.currency)
    price = format_money(row["price_eur"] * rate, context.currency, lang)
    data = plans.data_label(row["data_gb"], row["unlimited"], row["fair_use_gb"], lang)
    validity = row["validity_days"]
    days = t("value.unknown", lang) if pd.isna(validity) else t("value.days", lang, days=int(validity))
    text = t("profile.option", lang, plan=row["name"], operator=names[row["operator_id"]], price=price,
             data=data, days=days)
    # Next to the answer, what it rests on: how old the price is, who can buy it, what it needs.
    facts = " · ".join([
        suitability.price_age_label(row["source_date"], lang),
        f"{t('col.audience', lang)}: {suitability.audience_label(row['audience'], context.who, lang)}",
        f"{t('col.requires', lang)}: {suitability.requirements_label(row['requires'], lang)}",
    ])
    return (f"{escape_markdown(text)} — {widgets.source_link(row['source_url'], lang)}  \n"
            f":gray[{escape_markdown(facts)}]")


if place:
    st.header(country_name(place, lang))
    left, right = st.columns([3, 2])
    with left, st.container(border=True):
        st.subheader(t("profile.operators", lang))
        operators = places.operators_of(dataset, place, lang)
        if operators.empty:
            st.caption(t("profile.no_operators", lang))
        else:
            widgets.operator_table(operators, lang)
        sellers = places.sellers_covering(dataset, place)
        st.caption(escape_markdown(t("profile.sellers", lang, sellers=format_list(sellers, lang))) if sellers
                   else t("profile.no_sellers", lang))
    with right, st.container(border=True):
        st.subheader(t("profile.best", lang))
        best = places.best_options(dataset, place, context.who, bool(context.values["conditional"]))
        for key, row in (("short", best.short), ("long", best.long)):
            st.markdown(f"**{t(f'profile.{key}', lang)}**")
            st.markdown(option_line(row) if row is not None else t("profile.none", lang))
            if row is not None and suitability.plan_is_stale(row):
                st.caption(t("fit.stale_answer", lang))
        left_out = suitability.left_out_text(best.left_out, context.who, bool(context.values["conditional"]), lang)
        if left_out:
            st.caption(escape_markdown(left_out))
        if best.short is None and best.long is None:
            widgets.no_priced_option(dataset, (place,), context, lang, "place.no_priced")
        st.subheader(t("profile.id_rule", lang))
        widgets.id_rule(dataset, place, lang)
    with st.container(border=True):
        st.subheader(t("profile.questions", lang))
        for answer in places.answers(dataset, place, lang):
            widgets.answer(answer, lang)
    with st.container(border=True):
        st.subheader(t("profile.links", lang))
        query = {"country": place, "cur": context.currency, "lang": lang}
        targets = ["plans", "trip", "fees", "cancellation", "renewal"]
        for column, target in zip(st.columns(len(targets)), targets, strict=True):
            column.page_link(f"pages/{target}.py", label=t(f"nav.{target}", lang), query_params=query)
else:
    st.info(t("countries.pick_hint", lang))

table = places.overview(dataset, context.currency, lang, context.countries, context.who)
with st.container(border=True):
    frame = places.per_gb_chart_frame(table, lang)
    if frame.empty:
        st.caption(t("chart.no_data", lang))
    else:
        chart = charts.price_per_gb_by_place(frame, context.currency, lang)
        st.altair_chart(chart.properties(title=t("countries.chart", lang)), width="stretch")
st.subheader(t("countries.table", lang))
widgets.overview_table(table, context.currency, lang)
widgets.fx_caption(dataset, context.currency, lang)
shell.finish_page(context)
