""""Suggest a correction": a small form on a row's facts that answers with a checked diff, a patch to
download and a text (or a prefilled e-mail) for the maintainers. Nothing is sent or stored on the server.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from simatlas import contribute, policies, schema
from simatlas.catalogue import TEXT
from simatlas.contribute import Target
from simatlas.corrections import Suggestion, correct_value
from simatlas.i18n import column_name, country_name, t
from simatlas.loader import Dataset
from simatlas.memo import per_view
from simatlas.suitability import today
from simatlas.text import escape_markdown
from ui import shell
from ui.shell import lazy_fold, relabelled

LOG = logging.getLogger("simatlas")
# The operator cards' rows come from these files (the steps function says which page draws them).
POLICY_FILES: dict[policies.Steps, str] = {policies.renewal_steps: "renewal.csv",
                                           policies.cancellation_steps: "cancellation.csv"}


def correction(dataset: Dataset, targets: Sequence[Target], lang: str, scope: str) -> None:
    """An expander "Suggest a correction" for one or more rows of the loaded `dataset` (the change is
    checked against it, the diff made on the folder it was read from); `scope` keeps widget keys
    unique."""
    if not targets:
        return
    # No :material: icon: its font comes from the internet. Built only when opened (shell.lazy_fold):
    # most readers never open it, and it is a dozen inputs.
    with lazy_fold(t("correct.title", lang), f"correct.{scope}.{targets[0].slug}.fold") as unfolded:
        if not unfolded:
            return
        st.caption(t("correct.help", lang))
        target = targets[0]
        if len(targets) > 1:
            # Outside the form: the facts offered depend on the row.
            index = st.selectbox(t("correct.row", lang), options=range(len(targets)),
                                 format_func=lambda i: targets[i].label,
                                 key=relabelled(f"correct.{scope}.row"),
                                 placeholder=t("widget.choose", lang))
            target = targets[index or 0]
        _form(dataset, target, lang, f"correct.{scope}.{target.slug}")


# BCP 47 codes as the data writes them (a format, not words of either language).
QUOTE_LANG_EXAMPLES = "en · fr · zh-Hant · ja"
# Catalogue groups that name a column's coded values in the reader's language ("yes" → 是).
VALUE_LABELS = {"sim_type": "sim", "billing": "billing", "kind": "kind", "audience": "fit.audience",
                "requires": "requires", "documents": "document"}


def value_label(column: str, code: str, lang: str) -> str:
    """A coded value as the reader reads it; an empty value is "unknown" (and means it)."""
    if not code:
        return t("value.unknown", lang)
    if code in ("yes", "no"):
        return t(f"value.{code}", lang)
    group = VALUE_LABELS.get(column)
    return t(f"{group}.{code}", lang) if group and f"{group}.{code}" in TEXT else code


def _value_input(column: str, current: str, lang: str, key: str) -> str:
    """The new value, chosen among the schema's own values where it has some (yes / no / unknown,
    prepaid / postpaid …) so a reader never has to type a code; free text or a number otherwise."""
    spec = schema.FILES_BY_COLUMN[column][0]
    label, help_text = t("correct.value", lang), t("correct.value_help", lang)

    def shown(code: str) -> str:
        return value_label(column, code, lang)

    if spec.kind in ("tri", "enum"):
        codes = ["yes", "no"] if spec.kind == "tri" else list(spec.allowed)
        options = [*codes, ""]
        chosen = st.selectbox(label, options=options, format_func=shown,
                              index=options.index(current) if current in options else None,
                              key=relabelled(f"{key}.{column}.choice"), placeholder=t("widget.choose", lang))
        return chosen or ""
    if spec.kind == "list":
        picked = st.multiselect(label, options=list(spec.allowed), format_func=shown,
                                key=relabelled(f"{key}.{column}.choices"),
                                placeholder=t("value.unknown", lang))
        return ";".join(picked)
    return st.text_input(label, key=f"{key}.value", help=help_text) or ""


def _form(dataset: Dataset, target: Target, lang: str, key: str) -> None:
    data_dir = dataset.data_dir
    current = dict(target.current)

    def fact_label(column: str) -> str:
        value = value_label(column, current[column], lang) if current[column] else t("value.unknown", lang)
        return t("correct.fact_option", lang, column=column_name(column, lang), value=value)

    # Outside the form: the value's input depends on the fact chosen (a choice, a list, or text).
    column = st.selectbox(t("correct.fact", lang), options=list(current), format_func=fact_label,
                          key=relabelled(f"{key}.fact"), placeholder=t("widget.choose", lang))
    with st.form(key, border=False):
        value = _value_input(column, current.get(column, ""), lang, key) if column else ""
        source_url = st.text_input(t("correct.source", lang), key=f"{key}.source", placeholder="https://",
                                   help=t("correct.source_help", lang))
        source_date = st.text_input(t("correct.source_date", lang), key=f"{key}.date",
                                    placeholder="YYYY-MM-DD · YYYY-MM · YYYY")
        quote = st.text_area(t("correct.quote", lang), key=f"{key}.quote", max_chars=500,
                             help=t("correct.quote_help", lang))
        quote_lang = st.text_input(t("correct.quote_lang", lang), key=f"{key}.quote_lang",
                                   placeholder=QUOTE_LANG_EXAMPLES)
        submitted = st.form_submit_button(t("correct.submit", lang), key=f"{key}.submit")
    if not submitted:
        return
    if not _within_session_bound(lang):
        return
    try:
        suggestion = correct_value(data_dir, target.file, target.key_dict, column, value or "",
                                   source_url or "", today(), source_date=source_date or None,
                                   quote=quote or None, quote_lang=quote_lang or None, dataset=dataset)
    except Exception:  # a suggestion must never show a traceback, nor take the page down
        LOG.exception("correction failed")
        st.error(t("correct.failed", lang))
        return
    _result(suggestion, target, column, value or "", source_url or "", source_date, lang, key)


# Checks per session in CHECK_WINDOW_S: a check is cheap (one row against the loaded data), but a
# visitor's form is not a way to keep a replica busy.
MAX_CHECKS, CHECK_WINDOW_S = 12, 600.0
CHECKS_KEY = "_simatlas_correction_checks"


def _within_session_bound(lang: str) -> bool:
    now = time.monotonic()
    recent = [moment for moment in st.session_state.get(CHECKS_KEY, []) if now - moment < CHECK_WINDOW_S]
    if len(recent) >= MAX_CHECKS:
        st.warning(t("correct.too_many", lang, count=len(recent)))
        return False
    st.session_state[CHECKS_KEY] = [*recent, now]
    return True


def problem_lines(suggestion: Suggestion, lang: str) -> list[str]:
    """Every problem at once: what the reader typed, in the reader's language (the column by its
    name on the page); the validator's own words only when the typing passed."""
    if suggestion.field_problems:
        return [t(f"correct.problem.{problem.code}", lang, column=column_name(problem.column, lang),
                  detail=problem.detail) for problem in suggestion.field_problems]
    return list(suggestion.problems)


def _result(suggestion: Suggestion, target: Target, column: str, value: str, source_url: str,
            source_date: str | None, lang: str, key: str) -> None:
    if not suggestion.accepted:
        # Problems repeat what the reader typed: escaped, so it is shown, never rendered.
        lines = "\n".join(f"- {escape_markdown(line)}" for line in problem_lines(suggestion, lang))
        lead = t("correct.rejected", lang)
        if not suggestion.field_problems:
            lead += "\n\n" + t("correct.checks_said", lang)
        st.error(f"{lead}\n\n{lines}")
        return
    st.success(t("correct.accepted", lang))
    # The changed line(s) only: the whole patch (with its context lines) is the download below.
    st.code(contribute.changed_lines(suggestion.diff), language="diff", wrap_lines=True)
    st.download_button(t("correct.download", lang), data=suggestion.diff,
                       file_name=contribute.PATCH_FILE_NAME, mime="text/x-diff", on_click="ignore",
                       key=f"{key}.download")
    subject, body = contribute.message(suggestion, target, column, value, source_url, source_date, lang)
    st.markdown(f"**{escape_markdown(t('correct.paste', lang))}**")
    st.code(f"{subject}\n\n{body}", language=None, wrap_lines=True)
    address = contribute.corrections_address()
    if address:
        st.link_button(t("correct.mail", lang, address=address),
                       contribute.mailto_url(address, subject, body))
        st.caption(t("correct.mail_note", lang))
    else:
        st.caption(t("correct.open_pr", lang))


def card_correction(row: pd.Series, steps: policies.Steps, lang: str) -> None:
    """On an operator card (renewal or cancellation): correct one of the card's facts, in the folder
    the app reads (the cards are drawn without the dataset at hand)."""
    file = POLICY_FILES.get(steps)
    if file:
        target = Target.of_row(file, row, policies.row_label(row, lang))
        correction(shell.dataset_or_stop(lang), [target], lang, "card")


def plan_correction(dataset: Dataset, plan: pd.Series, label: str, lang: str, scope: str) -> None:
    """On a plan's details: correct one of the plan's facts."""
    correction(dataset, [Target.of_row("plans.csv", plan, label)], lang, scope)


def place_correction(dataset: Dataset, place: str, lang: str) -> None:
    """Under a place's common questions: correct the place's own row, or a rule its answers rest on."""
    correction(dataset, list(_place_targets(dataset, place, lang)), lang, f"place.{place}")


@per_view()  # the same rows for every visitor of a place's profile (iterrows on every run, before)
def _place_targets(dataset: Dataset, place: str, lang: str) -> tuple[Target, ...]:
    targets = []
    own = dataset.countries[dataset.countries["country"] == place]
    if not own.empty:
        targets.append(Target.of_row("countries.csv", own.iloc[0],
                                     t("correct.row_place", lang, place=country_name(place, lang))))
    scope = policies.PolicyFilter((place,))
    for table in ("cancellation", "renewal"):
        page = t(f"nav.{table}", lang)
        for _, row in policies.policy_rows(dataset, table, scope, lang).iterrows():
            targets.append(Target.of_row(f"{table}.csv", row, f"{policies.row_label(row, lang)} · {page}"))
    return tuple(targets)
