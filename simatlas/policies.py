"""Renewal and cancellation rules as comparable data: matrices, operator cards and guides.

Every statement built here carries the row's source and date; a fact no source gives is stated as
unknown, never turned into "no".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from simatlas import schema, url_state
from simatlas.arrays import is_missing
from simatlas.i18n import country_name, format_list, format_money, t, t_count
from simatlas.loader import Dataset
from simatlas.memo import per_dataset, per_view
from simatlas.plans import operator_names

CHART_ROW_LIMIT = 40  # operator rows drawn in a chart; the page says when more rows matched
RENEWAL_FACTS = {"auto_renewal": "auto_renewal", "extends": "topup_extends_validity",
                 "number_kept": "number_kept"}


@dataclass(frozen=True)
class Statement:
    """One fact for a card or a guide, with where it comes from."""

    text: str
    source_url: str
    seen_on: str
    confidence: str
    known: bool = True
    source_date: object = None  # the source's own date: how old the fact is
    topic: str | None = None  # for an unknown: what is not recorded (catalogue key "<topic>.short")


@dataclass(frozen=True)
class PolicyFilter:
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    online_only: bool = False

    @property
    def narrowed(self) -> bool:
        """The reader set a filter of the page's own (not only places): an empty result is theirs."""
        return bool(self.kinds or self.products or self.online_only)


@dataclass(frozen=True)
class PolicyQuery:
    """The renewal and cancellation pages' query: which rules, and the operator card to open."""

    policy_filter: PolicyFilter
    operator: str | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> PolicyQuery:
        return cls(
            PolicyFilter(url_state.as_codes(values.get("country")), url_state.as_codes(values.get("kind")),
                         url_state.as_codes(values.get("product")), bool(values.get("online"))),
            url_state.as_text(values.get("operator")),
        )


def online_state(rows: pd.DataFrame) -> pd.Series:
    """Per cancellation row: "yes" when a source says the website or the app cancels, "no" when sources
    say neither does, else "unknown". What "can I cancel online?" means, everywhere."""
    columns = [schema.CANCEL_COLUMNS[channel] for channel in schema.ONLINE_CANCEL_CHANNELS]
    said = rows[columns]
    state = pd.Series("unknown", index=rows.index)
    state[(said == "no").all(axis=1)] = "no"
    state[(said == "yes").any(axis=1)] = "yes"
    return state


@per_dataset
def operators_with_plans_in(dataset: Dataset) -> dict[str, frozenset[str]]:
    """Place → the operators with at least one plan working there; once per dataset, since it reads
    every plan."""
    pairs = pd.DataFrame({
        "country": dataset.coverage["country"].to_numpy(),
        "operator_id": dataset.plans["operator_id"].to_numpy()[dataset.coverage["pos"].to_numpy()],
    }).drop_duplicates()
    return {str(place): frozenset(group) for place, group in pairs.groupby("country")["operator_id"]}


PolicyTable = Literal["renewal", "cancellation"]


@per_view()  # a page run asks for the same rows up to 4 times (answers, corrections, page)
def policy_rows(dataset: Dataset, table: PolicyTable, policy_filter: PolicyFilter,
                lang: str = "en") -> pd.DataFrame:
    """Rows of `renewal` or `cancellation` for the filter, with operator name (as shown in `lang`),
    kind and place.

    Sellers (no country) count as covering a place when one of their plans works there.
    """
    rows: pd.DataFrame = getattr(dataset, table)
    operators = dataset.operators.set_index("operator_id")
    joined = rows.assign(
        operator=rows["operator_id"].map(operator_names(dataset, lang)),
        kind=rows["operator_id"].map(operators["kind"]),
        country=rows["operator_id"].map(operators["country"]),
    )
    mask = pd.Series(True, index=joined.index)
    if policy_filter.countries:
        with_plans_there = operators_with_plans_in(dataset)
        covering = set().union(*(with_plans_there.get(code, frozenset()) for code in policy_filter.countries))
        mask &= joined["country"].isin(policy_filter.countries) | (
            joined["country"].isna() & joined["operator_id"].isin(covering)
        )
    if policy_filter.kinds:
        mask &= joined["kind"].isin(policy_filter.kinds)
    if policy_filter.products:
        mask &= joined["product"].isin(policy_filter.products)
    if policy_filter.online_only and table == "cancellation":
        mask &= online_state(joined) == "yes"
    return joined.loc[mask].sort_values(["country", "operator", "product"], na_position="last")


def row_label(row: pd.Series, lang: str) -> str:
    place = country_name(row["country"], lang) if isinstance(row["country"], str) else "—"
    product = t(f"product.{row['product']}", lang)
    return f"{row['operator']} · {product} · {place}"


def channel_matrix(rows: pd.DataFrame, channels: dict[str, str], lang: str,
                   limit: int = CHART_ROW_LIMIT) -> pd.DataFrame:
    """Long frame for the heatmap: one cell per (operator row, channel), state yes/no/unknown, for
    the first `limit` rows (a chart of thousands of rows is unreadable and heavy to send)."""
    rows = rows.head(limit)
    if rows.empty:
        return pd.DataFrame(columns=["row", "channel", "state", "state_label", "source", "seen_on"])
    labels = [row_label(row, lang) for _, row in rows.iterrows()]
    cells = []
    for label, (_, row) in zip(labels, rows.iterrows(), strict=True):
        for channel, column in channels.items():
            state = row[column]
            cells.append(
                {
                    "row": label,
                    "channel": t(f"channel.{channel}", lang),
                    "state": state,
                    "state_label": t(f"value.{state}", lang),
                    "source": row["source_url"],
                    "seen_on": row["seen_on"],
                }
            )
    return pd.DataFrame(cells)


@per_view()  # the charts of a shared link's view: built once per view, not per visitor
def channel_cells(dataset: Dataset, table: PolicyTable, policy_filter: PolicyFilter,
                  channels: tuple[tuple[str, str], ...], lang: str) -> pd.DataFrame:
    """channel_matrix of the view's policy rows (channels: (channel, column) pairs, hashable)."""
    return channel_matrix(policy_rows(dataset, table, policy_filter, lang), dict(channels), lang)


@per_view()
def online_cancellation_counts(dataset: Dataset, policy_filter: PolicyFilter, lang: str) -> pd.DataFrame:
    """online_cancellation_by_country of the view's cancellation rows."""
    return online_cancellation_by_country(policy_rows(dataset, "cancellation", policy_filter, lang), lang)


def online_cancellation_by_country(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per place: how many operator rows allow online cancellation — yes, no, unknown."""
    if rows.empty:
        return pd.DataFrame(columns=["place_key", "place", "state", "state_label", "operators"])
    state = online_state(rows)
    # A seller's row has no place: its key is the kind, so it ranks and colours like a place.
    keys = rows["country"].where(rows["country"].map(lambda code: isinstance(code, str)), "esim_seller")
    places = keys.map(
        lambda code: t("kind.esim_seller", lang) if code == "esim_seller" else country_name(code, lang)
    )
    counts = (
        pd.DataFrame({"place_key": keys, "place": places, "state": state})
        .groupby(["place_key", "place", "state"]).size().rename("operators").reset_index()
    )
    counts["state_label"] = counts["state"].map(lambda value: t(f"value.{value}", lang))
    return counts


def _listed(values: Sequence[str], group: str, lang: str) -> str:
    return format_list([t(f"{group}.{value}", lang) for value in values], lang)


def _unknown(text_key: str, row: pd.Series, lang: str) -> Statement:
    return Statement(t(text_key, lang), row["source_url"], row["seen_on"], row["confidence"], False,
                     row.get("source_date"), topic=text_key)


def _fact(text: str, row: pd.Series) -> Statement:
    return Statement(text, row["source_url"], row["seen_on"], row["confidence"],
                     source_date=row.get("source_date"))


def _number(value: object) -> int | None:
    return None if is_missing(value) else int(float(str(value)))


# What a card's steps are built by (cancellation_steps, renewal_steps): a row and the reader's language.
Steps = Callable[[pd.Series, str], list[Statement]]


def cancellation_steps(row: pd.Series, lang: str) -> list[Statement]:
    """A step-by-step guide from one cancellation row; unknowns are said, not skipped."""
    steps: list[Statement] = []
    if row["expires_by_itself"] == "yes":
        steps.append(_fact(t("guide.cancel.expires", lang), row))
    said = {channel for channel, column in schema.CANCEL_COLUMNS.items() if row[column] == "yes"}
    online = [c for c in schema.ONLINE_CANCEL_CHANNELS if c in said]
    offline = [c for c in schema.CANCEL_CHANNELS
               if c in said and c not in (*schema.ONLINE_CANCEL_CHANNELS, "expires")]
    if online:
        channels = _listed(online, "channel", lang)
        steps.append(_fact(t("guide.cancel.online", lang, channels=channels), row))
    if offline:
        channels = _listed(offline, "channel", lang)
        steps.append(_fact(t("guide.cancel.offline", lang, channels=channels), row))
    if not online and not offline and row["expires_by_itself"] != "yes":
        steps.append(_unknown("guide.cancel.channels_unknown", row, lang))
    documents = row["documents"]
    if isinstance(documents, str) and documents.strip():
        codes = schema.list_items(documents)
        listed = _listed(codes, "document", lang)
        steps.append(_fact(t("guide.cancel.documents", lang, documents=listed), row))
    else:
        steps.append(_unknown("guide.cancel.documents_unknown", row, lang))
    notice = _number(row["notice_days"])
    if notice is not None:
        steps.append(_fact(t_count("guide.cancel.notice", lang, notice), row))
    if pd.notna(row["fee"]):
        fee = format_money(float(row["fee"]), row["currency"], lang)
        steps.append(_fact(t("guide.cancel.fee", lang, fee=fee), row))
    else:
        steps.append(_unknown("guide.cancel.fee_unknown", row, lang))
    processing = _number(row["processing_days"])
    if processing is not None:
        steps.append(_fact(t_count("guide.cancel.processing", lang, processing), row))
    refund = row["balance_refund"]
    if isinstance(refund, str):
        steps.append(_fact(t(f"guide.cancel.balance_{refund}", lang), row))
    else:
        steps.append(_unknown("guide.cancel.balance_unknown", row, lang))
    if row["sim_return"] == "yes":
        steps.append(_fact(t("guide.cancel.sim_return", lang), row))
    if row["product"] == "esim" or _number(row["refund_window_days"]) is not None:
        steps.append(esim_refund(row, lang))
    steps.append(_fact(t("guide.cancel.proof", lang), row))
    return steps


def esim_refund(row: pd.Series, lang: str) -> Statement:
    """An eSIM's refund rule in one statement: the window, when it ends, how it is paid."""
    window = _number(row["refund_window_days"])
    ends = row["refund_ends_at"]
    paid = row["refund_paid_as"]
    parts = [
        t_count("guide.esim.window", lang, window)
        if window is not None
        else t("guide.esim.window_unknown", lang),
        t(f"refund_ends.{ends}", lang) if isinstance(ends, str) else t("guide.esim.ends_unknown", lang),
        t(f"refund_paid.{paid}", lang) if isinstance(paid, str) else t("guide.esim.paid_unknown", lang),
    ]
    known = window is not None and isinstance(ends, str) and isinstance(paid, str)
    return Statement(" ".join(parts), row["source_url"], row["seen_on"], row["confidence"], known,
                     row.get("source_date"))


def renewal_steps(row: pd.Series, lang: str) -> list[Statement]:
    """How to check the balance and top up, from one renewal row."""
    steps: list[Statement] = []
    balance = [c for c, column in schema.BALANCE_COLUMNS.items() if row[column] == "yes"]
    code = row["balance_code"] if isinstance(row["balance_code"], str) else ""
    if balance or code:
        text = t("guide.renew.balance", lang, channels=_listed(balance, "balance", lang) or "—")
        if code:
            text += " " + t("guide.renew.code", lang, code=code)
        steps.append(_fact(text, row))
    else:
        steps.append(_unknown("guide.renew.balance_unknown", row, lang))
    topup = [c for c, column in schema.TOPUP_COLUMNS.items() if row[column] == "yes"]
    if topup:
        steps.append(_fact(t("guide.renew.topup", lang, channels=_listed(topup, "channel", lang)), row))
    else:
        steps.append(_unknown("guide.renew.topup_unknown", row, lang))
    if pd.notna(row["topup_fee"]):
        fee = format_money(float(row["topup_fee"]), row["currency"], lang)
        steps.append(_fact(t("guide.renew.fee", lang, fee=fee), row))
    for fact, column in RENEWAL_FACTS.items():
        state = row[column]
        key = f"guide.renew.{fact}_{state}"
        steps.append(Statement(t(key, lang), row["source_url"], row["seen_on"], row["confidence"],
                               state != "unknown", row.get("source_date"),
                               topic=key if state == "unknown" else None))
    grace = _number(row["grace_days"])
    if grace is not None:
        steps.append(_fact(t_count("guide.renew.grace", lang, grace), row))
    else:
        steps.append(_unknown("guide.renew.grace_unknown", row, lang))
    return steps


@per_dataset
def _longest_prepaid_validity(dataset: Dataset) -> pd.Series:
    """Operator → the longest validity of its prepaid plans (reads every plan: once per dataset)."""
    plans = dataset.plans
    return plans[plans["billing"] == "prepaid"].groupby("operator_id")["validity_days"].max()


def survival_days(dataset: Dataset, rows: pd.DataFrame, lang: str,
                  limit: int = CHART_ROW_LIMIT) -> pd.DataFrame:
    """For prepaid products: how long a number lives without a top-up — validity, then grace.

    Validity is the longest validity of the operator's prepaid plans; grace comes from the renewal
    row. An unknown grace is its own segment ("grace unknown"), never drawn as zero.
    """
    prepaid = rows[rows["product"] == "prepaid"].head(limit)
    if prepaid.empty:
        return pd.DataFrame(columns=["operator", "part_key", "part", "days", "known"])
    validity = _longest_prepaid_validity(dataset)
    parts = []
    for _, row in prepaid.iterrows():
        days = validity.get(row["operator_id"])
        if days is None or pd.isna(days):
            continue
        label = f"{row['operator']} ({row['country'] if isinstance(row['country'], str) else '—'})"
        parts.append({"operator": label, "part_key": "validity", "part": t("survival.validity", lang),
                      "days": int(days), "known": True})
        grace = _number(row["grace_days"])
        part_key = "grace" if grace is not None else "grace_unknown"
        parts.append({
            "operator": label,
            "part_key": part_key,
            "part": t(f"survival.{part_key}", lang),
            "days": grace if grace is not None else 0,
            "known": grace is not None,
        })
    return pd.DataFrame(parts, columns=["operator", "part_key", "part", "days", "known"])
