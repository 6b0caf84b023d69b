"""Answers to the questions travellers search for, per place: can I cancel online, how do I cancel,
how do I top up, how do I deactivate an eSIM, what if I do nothing.

Each answer is built from the renewal and cancellation rows, cites the rows it rests on, says
"unknown" where no row answers, and says so where sources disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import pandas as pd

from simatlas import policies, schema
from simatlas.i18n import format_list, t, t_count
from simatlas.loader import Dataset
from simatlas.memo import per_view
from simatlas.plans import operator_names
from simatlas.policies import PolicyFilter


@dataclass(frozen=True)
class Source:
    url: str
    seen_on: str
    confidence: str
    source_date: object = None  # the source's own date: how old the answer is
    quote: object = None  # the source's own words (source_quote), in its language
    quote_lang: object = None


@dataclass(frozen=True)
class Answer:
    question_key: str
    text: str
    sources: list[Source] = field(default_factory=list)
    known: bool = True
    disputes: tuple[tuple[str, str], ...] = ()  # (whose rule, the source that disagrees)

    @property
    def disputed(self) -> bool:
        return bool(self.disputes)


def _sources(rows: pd.DataFrame) -> list[Source]:
    unique = rows.drop_duplicates("source_url")
    # Required text columns; the stubs type a row's fields as any scalar.
    return [Source(cast(str, r.source_url), cast(str, r.seen_on), cast(str, r.confidence), r.source_date,
                   r.source_quote, r.source_lang)
            for r in unique.itertuples()]


@per_view()  # the same list for every visitor of a place: read it, never change it
def answers(dataset: Dataset, country: str, lang: str) -> list[Answer]:
    """The common questions for one place, answered from the data with sources."""
    scope = PolicyFilter((country,))
    cancel = policies.policy_rows(dataset, "cancellation", scope, lang)
    renew = policies.policy_rows(dataset, "renewal", scope, lang)
    return [
        _can_cancel_online(cancel, lang, _without_rules(dataset, (country,), cancel, lang)),
        _how_to_cancel(cancel, lang),
        _how_to_top_up(renew, lang),
        _esim_deactivation(cancel, lang),
        _do_nothing(renew, cancel, lang),
    ]


def cancel_online_answer(dataset: Dataset, policy_filter: PolicyFilter, lang: str) -> Answer:
    """"Can I cancel online?" for the Cancellation page's view, in one sentence per answer."""
    cancel = policies.policy_rows(dataset, "cancellation", policy_filter, lang)
    if policy_filter.online_only or policy_filter.kinds or policy_filter.products:
        return _can_cancel_online(cancel, lang)  # narrowed on purpose: only the rows shown
    return _can_cancel_online(cancel, lang, _without_rules(dataset, policy_filter.countries, cancel, lang))


def top_up_answer(dataset: Dataset, policy_filter: PolicyFilter, lang: str) -> Answer:
    """"How do I top up and check my balance?" for the Renewal page's view."""
    return _how_to_top_up(policies.policy_rows(dataset, "renewal", policy_filter, lang), lang)


def _without_rules(dataset: Dataset, countries: tuple[str, ...], rows: pd.DataFrame, lang: str) -> list[str]:
    """The chosen places' own operators that no row of `rows` covers: unknown, never left unsaid."""
    if not countries:
        return []
    local = dataset.operators[dataset.operators["country"].isin(countries)]
    missing = local[~local["operator_id"].isin(rows["operator_id"])]
    names = operator_names(dataset, lang)
    return [names[operator_id] for operator_id in missing["operator_id"]]


def _disputes(rows: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Whose rule another source disagrees with, and that source (each pair once)."""
    if not len(rows):
        return ()
    disputed = rows[rows["conflict_url"].notna()]
    pairs = zip(disputed["operator"], disputed["conflict_url"], strict=True)
    return tuple(dict.fromkeys((str(who), str(url)) for who, url in pairs))


def _can_cancel_online(cancel: pd.DataFrame, lang: str, no_rule: Sequence[str] = ()) -> Answer:
    key = "q.cancel_online"
    if cancel.empty:
        text = (t("a.no_rule_for", lang, operators=format_list(list(no_rule), lang)) if no_rule
                else t("a.no_data", lang))
        return Answer(key, text, known=False)
    state = policies.online_state(cancel)
    parts = []
    for value in ("yes", "no", "unknown"):
        names = list(dict.fromkeys(cancel.loc[state == value, "operator"]))
        if value == "unknown":
            names += [name for name in no_rule if name not in names]
        if names:
            parts.append(t(f"a.cancel_online_{value}", lang, operators=format_list(names, lang)))
    return Answer(key, " ".join(parts), _sources(cancel), known=bool((state != "unknown").any()),
                  disputes=_disputes(cancel))


def _how_to_cancel(cancel: pd.DataFrame, lang: str) -> Answer:
    key = "q.how_cancel"
    if cancel.empty:
        return Answer(key, t("a.no_data", lang), known=False)
    lines = []
    known = False  # decided on the codes (a channel a source says yes to), never on the words shown
    for _, row in cancel.iterrows():
        channels = [c for c, column in schema.CANCEL_COLUMNS.items() if row[column] == "yes"]
        known = known or bool(channels)
        listed = format_list([t(f"channel.{c}", lang) for c in channels], lang)
        summary = listed if channels else t("value.unknown", lang)
        lines.append(f"{policies.row_label(row, lang)}: {summary}")
    return Answer(key, "\n".join(lines), _sources(cancel), known=known, disputes=_disputes(cancel))


def _how_to_top_up(renew: pd.DataFrame, lang: str) -> Answer:
    key = "q.top_up"
    if renew.empty:
        return Answer(key, t("a.no_data", lang), known=False)
    lines = []
    known = False
    for _, row in renew.iterrows():
        steps = [s for s in policies.renewal_steps(row, lang)[:2] if s.known]
        known |= bool(steps)
        text = " ".join(s.text for s in steps) if steps else t("value.unknown", lang)
        lines.append(f"{policies.row_label(row, lang)}: {text}")
    return Answer(key, "\n".join(lines), _sources(renew), known=known, disputes=_disputes(renew))


def _esim_deactivation(cancel: pd.DataFrame, lang: str) -> Answer:
    key = "q.esim"
    esim = cancel[cancel["product"] == "esim"]
    if esim.empty:
        return Answer(key, t("a.esim_unknown", lang), known=False)
    lines = []
    for _, row in esim.iterrows():
        refund = [policies.esim_refund(row, lang).text]
        columns = schema.CANCEL_COLUMNS
        channels = [c for c in ("website", "app", "mail", "phone") if row[columns[c]] == "yes"]
        how = format_list([t(f"channel.{c}", lang) for c in channels], lang) or t("value.unknown", lang)
        lines.append(f"{row['operator']}: {t('a.esim_how', lang, channels=how)} {' '.join(refund)}")
    return Answer(key, "\n".join(lines), _sources(esim), disputes=_disputes(esim))


def _do_nothing(renew: pd.DataFrame, cancel: pd.DataFrame, lang: str) -> Answer:
    key = "q.do_nothing"
    prepaid_renew = renew[renew["product"] == "prepaid"]
    prepaid_cancel = cancel[cancel["product"] == "prepaid"]
    lines = []
    for _, row in prepaid_cancel[prepaid_cancel["expires_by_itself"] == "yes"].iterrows():
        lines.append(t("a.lapses", lang, operator=row["operator"]))
    for _, row in prepaid_renew.iterrows():
        if pd.notna(row["grace_days"]):
            lines.append(t_count("a.grace", lang, int(row["grace_days"]), operator=row["operator"]))
    rows = pd.concat([prepaid_renew, prepaid_cancel])
    if not lines:
        return Answer(key, t("a.do_nothing_unknown", lang), _sources(rows), known=False)
    return Answer(key, "\n".join(lines), _sources(rows), disputes=_disputes(rows))
