"""Widgets bound to the page's URL parameters, and small renderers shared by pages.

Each widget takes its key and initial value from `shell.ensure_default`, so what the link says is
what the widget shows. Data-derived text never goes through unsafe HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from simatlas import evidence, places, plans, policies, suitability, url_state
from simatlas.i18n import (
    collation_key,
    country_name,
    format_list,
    format_money,
    money_printf,
    sorted_places,
    t,
    t_count,
)
from simatlas.loader import Dataset
from simatlas.plans import TABLE_ROW_LIMIT, note_in
from simatlas.text import escape_markdown
from ui import correction_form, shell
from ui.shell import PageContext, PageRun, ensure_default


def _param(page_path: str, name: str) -> url_state.Param:
    return next(p for p in url_state.page_params(page_path) if p.name == name)


def linked_value(page: str, name: str) -> object:
    """The value of a link parameter whose widget is drawn later in the run (below the table)."""
    param = _param(page, name)
    return st.session_state[ensure_default(param, param.default, page)]


def linked_key(page: str, name: str) -> str:
    """The widget key of a link parameter, for a widget drawn outside the page's filters."""
    param = _param(page, name)
    return ensure_default(param, param.default, page)


def multi(page: str, name: str, label: str, options: Sequence[str], format_func: Callable,
          lang: str) -> list[str]:
    param = _param(page, name)
    return st.multiselect(
        label, options=list(options), format_func=format_func,
        key=ensure_default(param, param.default, page), placeholder=t("value.any", lang),
    )


def choice(page: str, name: str, label: str, lang: str,
           labels: Callable[[str], str] | None = None) -> str:
    """A single choice among the parameter's static choices; 'any' reads as such."""
    param = _param(page, name)
    labels = labels or (lambda value: t(f"{name}.{value}", lang))
    return st.selectbox(
        label,
        options=list(param.choices),
        format_func=lambda value: t("value.any", lang) if value == "any" else labels(value),
        key=ensure_default(param, param.default, page), placeholder=t("widget.choose", lang),
    )


def number(page: str, name: str, label: str, step: float, help_text: str | None = None) -> float | None:
    param = _param(page, name)
    low, high = param.minimum or 0, param.maximum
    if param.kind == "integer":
        return st.number_input(label, min_value=int(low), max_value=None if high is None else int(high),
                               step=int(step), key=ensure_default(param, param.default, page), help=help_text)
    return st.number_input(label, min_value=float(low), max_value=None if high is None else float(high),
                           step=float(step), key=ensure_default(param, param.default, page), help=help_text)


def money_column(currency: str) -> Callable[[str], ColumnConfig]:
    """Table columns of amounts in `currency`, shown with the currency's own decimals (the same
    i18n.money_decimals that format_money and the charts use: IDR 150000, HKD 12.50)."""
    return lambda label: st.column_config.NumberColumn(label, format=money_printf(currency))


def link_column(label: str) -> ColumnConfig:
    """A table column of source addresses, each shown as its host ("hkcsl.com"), linked whole."""
    return st.column_config.LinkColumn(label, display_text=r"https?://(?:www\.)?([^/]+)")


def plan_kind_filters(page: str, lang: str, operator_names: dict[str, str]) -> dict[str, object]:
    """Operator, SIM type and billing: the plan filters the Plans and Fees pages share."""
    return {
        "operator": multi(page, "operator", t("plans.operator", lang),
                          sorted(operator_names, key=lambda op: collation_key(operator_names[op], lang)),
                          operator_names.get, lang),
        "sim": choice(page, "sim", t("plans.sim", lang), lang),
        "billing": choice(page, "billing", t("plans.billing", lang), lang),
    }


def flag(page: str, name: str, label: str, help_text: str | None = None) -> bool:
    param = _param(page, name)
    return st.checkbox(label, key=ensure_default(param, param.default, page), help=help_text)


def data_table(frame: pd.DataFrame, lang: str, **options: Any) -> None:
    """A read-only table of at most TABLE_ROW_LIMIT rows whose empty cells read "unknown" in the
    reader's language.

    Streamlit prints "None" in an empty cell, which reads as "no deposit", "no fee". A pandas Styler
    with na_rep does not help: the grid draws its own placeholder for a missing value, whatever the
    Styler's display text (and styling every cell cost 20–40 ms a run).
    """
    # The row bound lives here, for every table; a caller with more rows says so in a caption.
    st.dataframe(frame.head(TABLE_ROW_LIMIT), hide_index=True, width="stretch",
                 placeholder=t("value.unknown", lang), **options)


def plan_table(table: pd.DataFrame, total: int, context: PageContext) -> None:
    lang, currency = context.lang, context.currency
    money = money_column(currency)
    text = st.column_config.TextColumn
    data_table(
        table, lang,
        column_config={
            "operator": text(t("col.operator", lang)),
            "plan": text(t("col.plan", lang), width="medium"),  # leaves the price on a phone's screen
            "places": text(t("col.places", lang)),
            "sim": text(t("col.sim", lang)),
            "billing": text(t("col.billing", lang)),
            "data": text(t("col.data", lang)),
            # wide enough for "unknown" (auto width fits the digits and cut it to "known")
            "validity": st.column_config.NumberColumn(t("col.validity", lang), format="%d", width=72),
            "price": text(t("col.price", lang)),
            "price_display": money(t("col.price_display", lang, currency=currency)),
            "per_gb": money(t("col.per_gb", lang, currency=currency)),
            "per_day": money(t("col.per_day", lang, currency=currency)),
            "source": link_column(t("col.source", lang)),
            "seen_on": text(t("col.seen_on", lang)),
            "price_age": text(t("col.price_age", lang)),
            "changed": text(t("col.changed", lang), help=t("col.changed_help", lang)),
            "audience": text(t("col.audience", lang)),
            "requires": text(t("col.requires", lang)),
            "confidence": text(t("col.confidence", lang)),
            "note": text(t("col.note", lang), width="large"),
        },
    )
    if total > len(table):
        st.caption(t_count("plans.table_caption", lang, total, shown=len(table)))


def fx_caption(dataset: Dataset, currency: str, lang: str) -> None:
    dates = sorted(dataset.fx_rates["as_of"].unique())
    shown = dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}"
    st.caption(t("fx.caption", lang, currency=currency, dates=shown))


def source_link(url: str, lang: str) -> str:
    """A Markdown link to a validated http(s) source; the URL sits in <> so parentheses are safe."""
    host = urlsplit(url).netloc.removeprefix("www.")
    return f"[{escape_markdown(host or t('policy.source', lang))}](<{url}>)"


def statements(items: list, lang: str, numbered: bool = True) -> None:
    """A guide: one line per known statement, each citing its source and date; what the source
    leaves unknown said once, in one grey line, not as a step of its own each."""
    lines = []
    unknown = [item for item in items if item.topic is not None]
    items = [item for item in items if item.topic is None]
    for number, item in enumerate(items, start=1):
        marker = f"{number}." if numbered else "-"
        text = escape_markdown(item.text)
        if not item.known:
            text = f":gray[{text}]"
        # How old the fact is by the source's own date (not the day we read it), and how sure we are.
        seen = t("policy.dated", lang, age=suitability.source_age_label(item.source_date, lang),
                 confidence=t(f"confidence.{item.confidence}", lang))
        lines.append(f"{marker} {text} — {source_link(item.source_url, lang)} · {escape_markdown(seen)}")
    if unknown:
        topics = format_list([t(f"{item.topic}.short", lang) for item in unknown], lang)
        not_recorded = escape_markdown(t("policy.not_recorded", lang, topics=topics))
        lines.append(f"\n:gray[{not_recorded}]")  # a paragraph of its own, after the list
    st.markdown("\n".join(lines))


def policy_controls(run: PageRun, table: policies.PolicyTable,
                    online: bool = False) -> tuple[pd.DataFrame, dict]:
    """The renewal and cancellation pages' controls, in the page: (the operators whose card can be
    opened, the page's values). Any operator of the chosen places can be opened, whatever the
    filters; its picker is drawn beside the cards (`operator_cards`)."""
    scope = policies.PolicyFilter(run.state.countries)
    choosable = policies.policy_rows(run.dataset, table, scope, run.lang)
    summary = shell.controls_summary(table, ("kind", "product", *(("online",) if online else ())), run.lang)
    with shell.page_controls(table, run.dataset, run.lang, summary):
        inputs = policy_filters(table, run.lang, online)
    key = linked_key(table, "operator")
    if st.session_state.get(key) not in set(choosable["operator_id"]):
        st.session_state[key] = None  # the chosen operator is no longer among the place's
    inputs["operator"] = st.session_state[key]
    return choosable, inputs


def policy_filters(page: str, lang: str, online: bool = False) -> dict:
    """The filters shared by the cancellation and renewal pages."""
    inputs: dict[str, object] = {
        "kind": multi(page, "kind", t("policy.kind", lang), _param(page, "kind").choices,
                      lambda kind: t(f"kind.{kind}", lang), lang),
        "product": multi(page, "product", t("policy.product", lang), _param(page, "product").choices,
                         lambda product: t(f"product.{product}", lang), lang),
    }
    if online:
        inputs["online"] = flag(page, "online", t("policy.online", lang))
    return inputs


def source_says(row: pd.Series | Mapping[str, object], lang: str) -> None:
    """Beside a source: «its own words» in its language, and the cells computed from them."""
    lines = evidence.quote_lines(row.get("source_quote"), row.get("source_lang"), row.get("derived"), lang)
    st.caption("  \n".join(escape_markdown(line) for line in lines))


def conflict_note(row: pd.Series, lang: str) -> None:
    """The row's note in the reader's language; where another source disagrees, say so and link it."""
    text = escape_markdown(note_in(row.get("note_en"), row.get("note_zh"), lang))
    if isinstance(row.get("conflict_url"), str):
        st.caption(f"{t('policy.conflict', lang)} {source_link(row['conflict_url'], lang)} {text}")
    elif text:
        st.caption(text)


def network_table(listed: pd.DataFrame, lang: str) -> None:
    """A place's listed networks (networks.shown_networks); a name the list leaves out reads unknown."""
    text = st.column_config.TextColumn
    data_table(listed, lang, column_config={
        "brand": text(t("col.brand", lang)), "operator": text(t("col.operator", lang)),
        "code": text(t("col.network_code", lang)), "bands": text(t("col.bands", lang)),
    })


def operator_table(operators: pd.DataFrame, lang: str) -> None:
    text = st.column_config.TextColumn
    data_table(
        operators, lang,
        column_config={
            "operator": text(t("col.operator", lang)), "kind": text(t("col.kind", lang)),
            "brands": text(t("col.brands", lang)), "local_esim": text(t("col.local_esim", lang)),
            "source": link_column(t("col.source", lang)),
            "name_source": link_column(t("col.name_zh_source", lang)),
            "name_seen_on": text(t("col.name_zh_seen_on", lang)),
        },
    )


def id_rule(dataset: Dataset, place: str, lang: str) -> None:
    """The real-name rule in the reader's language, falling back visibly to English."""
    rows = dataset.countries[dataset.countries["country"] == place]
    if rows.empty or (rows.iloc[0]["id_required"] == "unknown" and pd.isna(rows.iloc[0]["id_rule_en"])):
        st.markdown(f":gray[{escape_markdown(t('profile.id_unknown', lang))}]")
        return
    row = rows.iloc[0]
    text = row["id_rule_zh"] if lang == "zh" and isinstance(row["id_rule_zh"], str) else row["id_rule_en"]
    english_only = lang == "zh" and not isinstance(row["id_rule_zh"], str)
    fallback = t("profile.english_only", lang) if english_only else ""
    verdict = t(f"value.{row['id_required']}", lang)
    body = escape_markdown(f"{verdict} — {text}{fallback}" if isinstance(text, str) else verdict)
    st.markdown(f"{body} — {source_link(row['source_url'], lang)}")
    source_says(row, lang)


def answer(item: places.Answer, lang: str, ask: pd.DataFrame | None = None) -> None:
    """One common question with its generated answer, its sources with their age, any disagreement,
    and — when the answer is unknown — where to ask (`ask`: operators' own channels)."""
    st.markdown(f"**{escape_markdown(t(item.question_key, lang))}**")
    body = "  \n".join(escape_markdown(line) for line in item.text.split("\n"))
    st.markdown(f":gray[{body}]" if not item.known else body)
    if not item.known and ask is not None and not ask.empty:
        links = " · ".join(f"{escape_markdown(str(row.operator))} {source_link(str(row.website), lang)}"
                           for row in ask.head(4).itertuples())
        st.caption(f"{escape_markdown(t('find_out.ask', lang))} {links}")
    for who, url in item.disputes:
        disagrees = escape_markdown(t("profile.disputed_by", lang, operator=who))
        st.warning(f"{disagrees} {source_link(url, lang)}")
    if item.sources:
        ages = [escape_markdown(suitability.source_age_label(source.source_date, lang))
                for source in item.sources[:8]]
        links = " · ".join(f"{source_link(source.url, lang)} ({age})"
                           for source, age in zip(item.sources[:8], ages, strict=True))
        st.caption(f"{t('profile.sources', lang)}: {links}")
        quoted = [source for source in item.sources[:8] if isinstance(source.quote, str)]
        if quoted:
            st.caption("  \n".join(
                f"{source_link(source.url, lang)}: "
                + escape_markdown(evidence.quote_lines(source.quote, source.quote_lang, None, lang)[0])
                for source in quoted))


def overview_table(table: pd.DataFrame, currency: str, lang: str) -> None:
    text = st.column_config.TextColumn
    money = money_column(currency)
    shown = table.drop(columns=["code"])
    data_table(
        shown, lang,
        column_config={
            "place": text(t("col.place", lang)),
            "operators": st.column_config.NumberColumn(t("col.operators", lang)),
            "plans": st.column_config.NumberColumn(t("col.plans", lang)),
            "networks": st.column_config.NumberColumn(t("col.networks", lang),
                                                      help=t("col.networks_help", lang)),
            "local_esim": text(t("col.local_esim", lang)),
            "id_required": text(t("col.id_required", lang)),
            "cheapest": text(t("col.cheapest", lang)),
            "median_per_gb": money(t("col.median_per_gb", lang, currency=currency)),
            "cheapest_per_gb": money(t("col.cheapest_per_gb", lang, currency=currency)),
            "online_cancel": text(t("col.online_cancel", lang)),
            "newest": text(t("col.newest", lang)),
            "oldest": text(t("col.oldest", lang)),
        },
    )


def fee_table(breakdown: pd.DataFrame, currency: str, lang: str) -> None:
    money = money_column(currency)
    text = st.column_config.TextColumn
    shown = breakdown.drop(columns=["plan_id", "deposit_kept", "reader_tier"]).head(TABLE_ROW_LIMIT).assign(
        # A total with an unknown part is a lower bound: say "at least", never present it as the cost.
        complete=lambda frame: [
            t("fees.total_complete", lang) if known else t("fees.total_at_least", lang) if pd.notna(total)
            else t("value.unknown", lang)
            for known, total in zip(frame["complete"], frame["first_total"], strict=True)
        ]
    )
    # The answer first (plan, what the first payment is, whether that is all of it), the parts after.
    first = ["plan", "first_total", "complete", "price"]
    shown = shown[first + [column for column in shown.columns if column not in first]]
    data_table(
        shown, lang,
        column_config={
            "operator": text(t("col.operator", lang)), "plan": text(t("col.plan", lang), width="medium"),
            "price": money(t("col.price_display", lang, currency=currency)),
            "sim_fee": money(t("col.sim_fee", lang, currency=currency)),
            "deposit": money(t("col.deposit", lang, currency=currency)),
            "deposit_back": text(t("col.deposit_back", lang)),
            "admin_fee": money(t("col.admin_fee", lang, currency=currency)),
            "topup_fee": money(t("col.topup_fee", lang, currency=currency)),
            "leave_fee": money(t("col.leave_fee", lang, currency=currency)),
            "early_termination_fee": money(t("col.early_fee", lang, currency=currency)),
            "min_term_months": st.column_config.NumberColumn(t("col.min_term", lang)),
            "first_total": money(t("col.first_total", lang, currency=currency)),
            "complete": text(t("col.complete", lang)),
        },
    )


def trip_table(options: pd.DataFrame, currency: str, lang: str) -> None:
    text = st.column_config.TextColumn
    head = options.head(TABLE_ROW_LIMIT)
    # The answer comes first (price, its age, who can buy it), the working after: on a phone only
    # the first columns are on screen.
    shown = head.assign(
        total_original=[format_money(amount, code, lang) for amount, code in
                        zip(head["total_original"], head["currency"], strict=True)]
    )[["plan", "total_text", "price_age", "audience", "requires", "operator", "reasoning", "assumptions",
       "total_original", "data_left_gb", "source_url"]]
    data_table(
        shown, lang,
        column_config={
            "operator": text(t("col.operator", lang)), "plan": text(t("col.plan", lang), width="medium"),
            "total_text": text(t("trip.total", lang, currency=currency)),
            "price_age": text(t("col.price_age", lang)),
            "audience": text(t("col.audience", lang)),
            "requires": text(t("col.requires", lang)),
            "total_original": text(t("trip.original", lang)),
            "reasoning": text(t("trip.reasoning", lang)),
            "assumptions": text(t("trip.assumptions", lang)),
            "data_left_gb": st.column_config.NumberColumn(t("trip.data_left", lang), format="%.1f"),
            "source_url": link_column(t("col.source", lang)),
        },
    )


def operator_cards(page: str, rows: pd.DataFrame, chosen: str | None, steps: policies.Steps,
                   lang: str) -> bool:
    """The operator picker, in the page, then the chosen operator's cards (one per product): a
    sourced step-by-step guide and its note. Returns whether a card was drawn."""
    operators = dict(zip(rows["operator_id"], rows["operator"], strict=False))
    st.selectbox(
        t("policy.operator", lang), options=[None, *operators],
        format_func=lambda op: t("policy.none", lang) if op is None else operators[op],
        key=linked_key(page, "operator"), placeholder=t("policy.none", lang),
        help=t("policy.pick_hint", lang),
    )
    if not chosen:
        st.caption(t("policy.pick_hint", lang))
        return False
    for _, row in rows[rows["operator_id"] == chosen].iterrows():
        with st.container(border=True):
            st.header(escape_markdown(policies.row_label(row, lang)))
            st.markdown(f"**{t('policy.guide', lang)}**")
            statements(steps(row, lang), lang)
            source_says(row, lang)
            conflict_note(row, lang)
            correction_form.card_correction(row, steps, lang)
    return True


def rule_counts(count: int, lang: str) -> None:
    """How many operator rules match, and that the charts draw only the first ones when more do."""
    st.caption(t_count("policy.rows", lang, count))
    if count > policies.CHART_ROW_LIMIT:
        st.caption(t("policy.chart_rows", lang, shown=policies.CHART_ROW_LIMIT, count=count))


def text_input(page: str, name: str, label: str, placeholder: str = "") -> str | None:
    param = _param(page, name)
    return st.text_input(label, key=ensure_default(param, param.default, page), placeholder=placeholder,
                         max_chars=url_state.MAX_TEXT_LENGTH) or None


def optional_choice(page: str, name: str, label: str, options: Sequence[str], format_func: Callable,
                    none_label: str) -> str | None:
    param = _param(page, name)
    return st.selectbox(label, options=[None, *options], key=ensure_default(param, param.default, page),
                        format_func=lambda value: none_label if value is None else format_func(value),
                        placeholder=none_label)  # None shows the placeholder: make it the reader's words


def quote_inputs(page: str, currencies: Sequence[str], lang: str,
                 places: Sequence[str] | None = None) -> dict[str, object]:
    """"Already have a quote?": label, price, currency, data, days and type, costed like any plan;
    with `places` (a trip through several), where the quote works."""
    has_quote = st.session_state.get(ensure_default(_param(page, "q_price"), None, page)) is not None
    with st.expander(t("quote.title", lang), expanded=has_quote):
        st.caption(t("quote.help", lang))
        top = st.columns([3, 2, 2])
        bottom = st.columns(3)
        with top[0]:
            label = text_input(page, "q_label", t("quote.label", lang), t("quote.label_placeholder", lang))
        with top[1]:
            price = number(page, "q_price", t("quote.price", lang), step=1)
        with top[2]:
            currency = optional_choice(page, "q_cur", t("quote.currency", lang), currencies, str,
                                       t("quote.same_currency", lang))
        with bottom[0]:
            gigabytes = number(page, "q_gb", t("quote.gb", lang), step=1)
        with bottom[1]:
            days = number(page, "q_days", t("quote.days", lang), step=1)
        with bottom[2]:
            sim = optional_choice(page, "q_sim", t("quote.sim", lang), _param(page, "q_sim").choices,
                                  lambda value: t(f"sim.{value}", lang), t("value.unknown", lang))
        covers: dict[str, object] = {}
        if places is not None:
            covers["q_countries"] = st.multiselect(
                t("legs.quote_places", lang), options=sorted_places(places, lang),
                format_func=lambda code: f"{country_name(code, lang)} ({code})",
                key=ensure_default(_param(page, "q_countries"), (), page),
                help=t("legs.quote_places_help", lang), placeholder=t("describe.all_places", lang))
    return {"q_label": label, "q_price": price, "q_cur": currency, "q_gb": gigabytes, "q_days": days,
            "q_sim": sim, **covers}


def best_trip_option(row: pd.Series, lang: str, notes: Sequence[str] = ()) -> None:
    """The answer first: the best option, what it costs, how old that price is, who can buy it."""
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(t('trip.best', lang))}**")
        headline = t("trip.best_line", lang, plan=row["plan"] or t("quote.operator", lang),
                     operator=row["operator"], total=row["total_text"])
        st.markdown(f"### {escape_markdown(headline)}")
        facts = [row["price_age"], f"{t('col.audience', lang)}: {row['audience']}",
                 f"{t('col.requires', lang)}: {row['requires']}"]
        st.caption(escape_markdown(" · ".join(facts)))
        if isinstance(row.get("source_url"), str):
            st.caption(source_link(row["source_url"], lang))
            source_says(row, lang)
        if row["stale"]:
            st.warning(t("fit.stale_answer", lang))
        for note in notes:
            st.caption(escape_markdown(note))


def no_priced_option(dataset: Dataset, countries: Sequence[str], context: PageContext, lang: str,
                     message_key: str = "trip.no_priced") -> None:
    """When no priced plan answers: what the data does know, and how to find out."""
    st.info(t(message_key, lang))
    leads = places.unpriced_leads(dataset, tuple(countries), context.who, lang)
    if not leads.empty:
        st.markdown(f"**{escape_markdown(t('trip.leads', lang))}**")
        lines = [
            f"- {escape_markdown(str(row.name))} ({escape_markdown(str(row.operator))}) · "
            f"{escape_markdown(suitability.price_age_label(row.source_date, lang))} · "
            f"{escape_markdown(suitability.audience_label(row.audience, context.who, lang))} — "
            f"{source_link(str(row.source_url), lang)}"
            for row in leads.head(8).itertuples()
        ]
        st.markdown("\n".join(lines))
    find_out(dataset, countries, lang)


def find_out(dataset: Dataset, countries: Sequence[str], lang: str) -> None:
    """"How to find out": the operators' own channels, as the data records them."""
    channels = places.operator_channels(dataset, tuple(countries), lang)
    if channels.empty:
        return
    st.markdown(f"**{escape_markdown(t('find_out.title', lang))}**")
    lines = [f"- {escape_markdown(str(row.operator))}: {source_link(str(row.website), lang)}"
             for row in channels.head(8).itertuples()]
    st.markdown("\n".join(lines))


def known_facts(dataset: Dataset, countries: Sequence[str], context: PageContext, lang: str) -> None:
    """"What the sources say": notes that carry facts the structured fields leave unknown."""
    facts = places.known_facts(dataset, tuple(countries), lang, context.who)
    if not facts:
        return
    st.markdown(f"**{escape_markdown(t('facts.title', lang))}**")
    lines = []
    for fact in facts:
        topic = t(fact.topic_key, lang, subject=fact.subject)
        age = suitability.source_age_label(fact.source_date, lang)
        said = (" " + evidence.quote_lines(fact.quote, fact.quote_lang, None, lang)[0]
                if isinstance(fact.quote, str) else "")
        lines.append(f"- **{escape_markdown(topic)}** {escape_markdown(fact.text)} — "
                     f"{source_link(fact.source_url, lang)} · {escape_markdown(age + said)}")
    st.markdown("\n".join(lines))


def policy_empty_state(dataset: Dataset, context: PageContext, filters_set: bool, lang: str) -> None:
    """No rule for this page: "clear your filters" only when the reader set some; otherwise say that
    no rule is recorded, show the place's operators, what the sources do say, and how to find out."""
    if filters_set:
        st.info(t("policy.empty", lang))
        return
    local = dataset.operators[dataset.operators["country"].isin(context.countries)] if context.countries \
        else dataset.operators.iloc[0:0]
    shown = plans.operator_names(dataset, lang)
    names = format_list([shown[op] for op in local["operator_id"]], lang)
    st.info(escape_markdown(t("policy.no_rule", lang, operators=names)) if names
            else t("policy.no_rule_anywhere", lang))
    if context.countries:
        known_facts(dataset, context.countries, context, lang)
        find_out(dataset, context.countries, lang)

