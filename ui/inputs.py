"""The page's own inputs, bound to its URL parameters.

Each input takes its key and initial value from `shell.ensure_default`, so what the link says is what
the input shows. Inside a closed fold (`shell.lazy_fold`) an input is not built: it returns the value
its key holds. Drawn, it keeps that value while a fold hides it (`persist_state="page"`: Streamlit
otherwise forgets the value of a widget a run does not draw).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Final

import pandas as pd
import streamlit as st

from simatlas import policies, url_state
from simatlas.i18n import (
    collation_key,
    country_name,
    sorted_places,
    t,
)
from ui import shell
from ui.shell import PageRun, ensure_default, held, held_among, held_index, held_list


def _param(page_path: str, name: str) -> url_state.Param:
    return next(p for p in url_state.page_params(page_path) if p.name == name)


def linked_key(page: str, name: str) -> str:
    """The widget key of a link parameter, its value initialised (from the link or its default)."""
    param = _param(page, name)
    return ensure_default(param, param.default, page)


def linked_value(page: str, name: str) -> object:
    """The value of a link parameter whose widget is drawn later in the run (below the table), or not
    at all in this run (inside a closed fold)."""
    return held(linked_key(page, name))


KEEP: Final = "page"  # persist_state: a value outlives the input's absence while the reader stays on the page


def multi(page: str, name: str, label: str, options: Sequence[str], format_func: Callable,
          lang: str) -> list[str]:
    key = linked_key(page, name)
    if not shell.drawn():
        return held_list(key)
    # The held value is also the default (ui.shell.held_index says why).
    return st.multiselect(label, options=list(options), format_func=format_func, key=key,
                          default=held_among(key, options),
                          placeholder=t("value.any", lang), persist_state=KEEP)


def choice(page: str, name: str, label: str, lang: str,
           labels: Callable[[str], str] | None = None) -> str:
    """A single choice among the parameter's static choices; 'any' reads as such."""
    param, key = _param(page, name), linked_key(page, name)
    if not shell.drawn():
        return str(held(key))
    labels = labels or (lambda value: t(f"{name}.{value}", lang))
    options = list(param.choices)
    chosen = st.selectbox(
        label,
        options=options,
        format_func=lambda value: t("value.any", lang) if value == "any" else labels(value),
        key=key, index=held_index(key, options), placeholder=t("widget.choose", lang), persist_state=KEEP,
    )
    return str(param.default) if chosen is None else chosen


def number(page: str, name: str, label: str, step: float, help_text: str | None = None) -> float | None:
    param, key = _param(page, name), linked_key(page, name)
    if not shell.drawn():
        value = held(key)
        return value if isinstance(value, (int, float)) else None
    low, high = param.minimum or 0, param.maximum
    if param.kind == "integer":
        return st.number_input(label, min_value=int(low), max_value=None if high is None else int(high),
                               step=int(step), key=key, help=help_text, persist_state=KEEP)
    return st.number_input(label, min_value=float(low), max_value=None if high is None else float(high),
                           step=float(step), key=key, help=help_text, persist_state=KEEP)


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
    key = linked_key(page, name)
    if not shell.drawn():
        return bool(held(key))
    return st.checkbox(label, key=key, value=bool(held(key)), help=help_text, persist_state=KEEP)


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


def text_input(page: str, name: str, label: str, placeholder: str = "") -> str | None:
    key = linked_key(page, name)
    if not shell.drawn():
        value = held(key)
        return value if isinstance(value, str) and value else None
    return st.text_input(label, key=key, placeholder=placeholder, max_chars=url_state.MAX_TEXT_LENGTH,
                         persist_state=KEEP) or None


def optional_choice(page: str, name: str, label: str, options: Sequence[str], format_func: Callable,
                    none_label: str) -> str | None:
    key = linked_key(page, name)
    if not shell.drawn():
        value = held(key)
        return value if isinstance(value, str) else None
    return st.selectbox(label, options=[None, *options], key=key, index=held_index(key, [None, *options]),
                        format_func=lambda value: none_label if value is None else format_func(value),
                        placeholder=none_label,  # None shows the placeholder: make it the reader's words
                        persist_state=KEEP)


def quote_inputs(page: str, currencies: Sequence[str], lang: str,
                 places: Sequence[str] | None = None) -> dict[str, object]:
    """"Already have a quote?": label, price, currency, data, days and type, costed like any plan;
    with `places` (a trip through several), where the quote works."""
    fold = f"quote.{page}"
    if fold not in st.session_state and held(linked_key(page, "q_price")) is not None:
        st.session_state[fold] = True  # a link that brings a quote opens the form that shows it
    with shell.lazy_fold(t("quote.title", lang), fold) as unfolded:
        top: Sequence[AbstractContextManager[object]] = [nullcontext()] * 3
        bottom: Sequence[AbstractContextManager[object]] = [nullcontext()] * 3
        if unfolded:  # closed, the fields are not built and neither is their layout
            st.caption(t("quote.help", lang))
            top, bottom = st.columns([3, 2, 2]), st.columns(3)
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
            key = ensure_default(_param(page, "q_countries"), (), page)
            covers["q_countries"] = st.multiselect(
                t("legs.quote_places", lang), options=sorted_places(places, lang),
                format_func=lambda code: f"{country_name(code, lang)} ({code})", key=key,
                help=t("legs.quote_places_help", lang), placeholder=t("describe.all_places", lang),
                persist_state=KEEP) if shell.drawn() else held_list(key)
    return {"q_label": label, "q_price": price, "q_cur": currency, "q_gb": gigabytes, "q_days": days,
            "q_sim": sim, **covers}
