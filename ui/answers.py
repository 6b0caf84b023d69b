"""How pages say an answer: its sources, dates and the source's own words, guides, cards and
captions. Data-derived text is escaped; it never goes through unsafe HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from simatlas import evidence, place_answers, places, plans, policies, suitability
from simatlas.i18n import (
    format_list,
    t,
    t_count,
)
from simatlas.loader import Dataset
from simatlas.plans import note_in
from simatlas.text import escape_markdown
from ui import correction_form, inputs
from ui.shell import PageContext


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


def answer(item: place_answers.Answer, lang: str, ask: pd.DataFrame | None = None) -> None:
    """One common question with its generated answer, its sources with their age, any disagreement,
    and — when the answer is unknown — where to ask (`ask`: operators' own channels)."""
    # The question and its answer are one element, and so are the notes under it: a profile asks five
    # questions, and the browser's cost grows with the elements a page draws (issue #26).
    body = "  \n".join(escape_markdown(line) for line in item.text.split("\n"))
    st.markdown(f"**{escape_markdown(t(item.question_key, lang))}**  \n"
                + (f":gray[{body}]" if not item.known else body))
    for who, url in item.disputes:
        disagrees = escape_markdown(t("profile.disputed_by", lang, operator=who))
        st.warning(f"{disagrees} {source_link(url, lang)}")
    notes = []
    if not item.known and ask is not None and not ask.empty:
        links = " · ".join(f"{escape_markdown(str(row.operator))} {source_link(str(row.website), lang)}"
                           for row in ask.head(4).itertuples())
        notes.append(f"{escape_markdown(t('find_out.ask', lang))} {links}")
    if item.sources:
        ages = [escape_markdown(suitability.source_age_label(source.source_date, lang))
                for source in item.sources[:8]]
        dated = zip(item.sources[:8], ages, strict=True)
        notes.append(f"{t('profile.sources', lang)}: "
                     + " · ".join(f"{source_link(source.url, lang)} ({age})" for source, age in dated))
        notes.extend(f"{source_link(source.url, lang)}: "
                     + escape_markdown(evidence.quote_lines(source.quote, source.quote_lang, None, lang)[0])
                     for source in item.sources[:8] if isinstance(source.quote, str))
    if notes:
        st.caption("  \n".join(notes))


def operator_cards(page: str, rows: pd.DataFrame, chosen: str | None, steps: policies.Steps,
                   lang: str) -> bool:
    """The operator picker, in the page, then the chosen operator's cards (one per product): a
    sourced step-by-step guide and its note. Returns whether a card was drawn."""
    operators = dict(zip(rows["operator_id"], rows["operator"], strict=False))
    st.selectbox(
        t("policy.operator", lang), options=[None, *operators],
        format_func=lambda op: t("policy.none", lang) if op is None else operators[op],
        key=inputs.linked_key(page, "operator"), placeholder=t("policy.none", lang),
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
