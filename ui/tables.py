"""The tables pages draw: read-only, bounded, and an empty cell reads "unknown", never "None"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from simatlas.i18n import (
    format_money,
    money_printf,
    t,
    t_count,
)
from simatlas.plans import TABLE_ROW_LIMIT
from ui.shell import PageContext


def money_column(currency: str) -> Callable[[str], ColumnConfig]:
    """Table columns of amounts in `currency`, shown with the currency's own decimals (the same
    i18n.money_decimals that format_money and the charts use: IDR 150000, HKD 12.50)."""
    return lambda label: st.column_config.NumberColumn(label, format=money_printf(currency))


def link_column(label: str) -> ColumnConfig:
    """A table column of source addresses, each shown as its host ("hkcsl.com"), linked whole."""
    return st.column_config.LinkColumn(label, display_text=r"https?://(?:www\.)?([^/]+)")


def data_table(frame: pd.DataFrame, lang: str, **options: Any) -> None:
    """A read-only table of at most TABLE_ROW_LIMIT rows whose empty cells read "unknown" in the
    reader's language.

    Streamlit prints "None" in an empty cell, which reads as "no deposit", "no fee". A pandas Styler
    with na_rep does not help: the grid draws its own placeholder for a missing value, whatever the
    Styler's display text (and styling every cell is paid on every run).
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
