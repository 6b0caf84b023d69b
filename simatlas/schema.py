"""The dataset's schema: one table of column specifications per CSV file.

Everything else derives from these tables: the pandera schemas that validate a file, the parsing of
each column into its pandas type, and the schema documentation in data/README.md. Unknown is a
value: an empty cell means "no source gives this", so every optional column is nullable and every
yes/no fact is tri-state (yes / no / unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

TRI_STATES = ("yes", "no", "unknown")
CONFIDENCE = ("high", "medium", "low")
OPERATOR_KINDS = ("mno", "mvno", "esim_seller")
SIM_TYPES = ("physical", "esim")
BILLINGS = ("prepaid", "postpaid")
AUDIENCES = ("tourist", "resident", "any")
VALIDITY_STARTS = ("purchase", "install", "first_connection")
PRODUCTS = ("prepaid", "postpaid", "esim")
DOCUMENTS = (
    "id_document",
    "sim_card",
    "account_number",
    "authorisation_letter",
    "proof_of_purchase",
    "none",
)
BALANCE_REFUNDS = ("yes", "no", "credit")
REFUND_ENDS_AT = ("purchase", "qr_scan", "install", "first_connection", "not_applicable")
REFUND_PAID_AS = ("cash", "credit", "choice")
FX_KINDS = ("market", "peg")
# What a plan needs beyond paying for it. "none" is a sourced "nothing else needed"; an empty cell is
# "no source says" (unknown), which never counts as "none".
REQUIREMENTS = (
    "base_plan",  # an add-on or data pack: needs a plan or pass of the operator underneath
    "operator_sim",  # needs a specific SIM card of the operator (e.g. a 5G card)
    "time_window",  # usable only on some days or hours ("Sundays only")
    "local_id",  # a local identity document or residence permit
    "local_address",  # a local address or bank account (credit check)
    "min_term",  # a contract with a minimum term
    "none",
)

# The only ways a cell may be computed from what its source states (data/README's derivation table).
# A row lists the columns it computed in `derived`, and its quote must hold the words computed from.
@dataclass(frozen=True)
class DerivationRule:
    name: str
    columns: tuple[str, ...]
    source_says: str
    computed: str


# Columns that count days: a period the source gives in weeks, months or years is recorded in days.
DAY_COLUMNS = ("validity_days", "grace_days", "refund_window_days", "notice_days", "processing_days")
DERIVATION_RULES = (
    DerivationRule("months", DAY_COLUMNS, "N months (3 mois, 3 個月, 3ヶ月, 3개월, monthly)", "30 × N days"),
    DerivationRule("weeks", DAY_COLUMNS, "N weeks (4 Wochen)", "7 × N days"),
    DerivationRule("years", DAY_COLUMNS, "N years", "365 × N days"),
    DerivationRule("per_day", ("data_gb",), "X GB per day for N days", "X × N GB"),
    DerivationRule("megabytes", ("data_gb",), "an allowance in MB (500 Mo, 500 MB)", "MB / 1,000 GB"),
    DerivationRule("contract_years", ("min_term_months",), "a contract of N years", "12 × N months"),
)
DERIVABLE_COLUMNS = frozenset(column for rule in DERIVATION_RULES for column in rule.columns)

# Plan facts a filter keeps only on a sourced "yes" (unknown never passes as "yes").
YES_ONLY_FLAGS = ("local_number", "hotspot", "five_g")

TOPUP_CHANNELS = ("app", "website", "third_party", "voucher", "store", "atm")
BALANCE_CHANNELS = ("app", "hotline", "ussd")
CANCEL_CHANNELS = ("website", "app", "phone", "store", "mail", "authorised", "expires")
ONLINE_CANCEL_CHANNELS = ("website", "app")  # what "can I cancel online?" means, everywhere
# channel → its tri-state column, one map per kind: the renewal and cancellation specs below, the
# policy tables and guides (simatlas.policies) and the pages' matrices all read these.
TOPUP_COLUMNS = {channel: f"topup_{channel}" for channel in TOPUP_CHANNELS}
BALANCE_COLUMNS = {channel: f"balance_{channel}" for channel in BALANCE_CHANNELS}
CANCEL_COLUMNS = {channel: "expires_by_itself" if channel == "expires" else f"cancel_{channel}"
                  for channel in CANCEL_CHANNELS}

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# A source's own date is as precise as the source: "2024", "2024-05" or "2024-05-17". No invented day.
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # BCP 47: en, fr, zh-Hant, zh-Hans
QUOTE_MAX_CHARS = 500  # "the sentence(s) that state the facts": ~400, with room for a " … " or two
URL_PATTERN = r"^https?://[^\s<>\"']+$"  # http(s) only: a javascript: or data: link is never a source
LIST_SEPARATOR = ";"


def list_items(cell: object) -> list[str]:
    """The items of a list cell ("HK; MO" → ["HK", "MO"]): stripped, empty ones dropped; [] for an
    empty or missing cell. The one splitter of list cells, with list_column."""
    if not isinstance(cell, str):
        return []
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def list_column(cells: pd.Series) -> pd.Series:
    """Per cell of a column of codes, its items as a list, spaces removed ("HK; MO" → ["HK", "MO"],
    "" → [""]): vectorised, for explode/isin. Missing cells must be filled first."""
    return cells.str.replace(" ", "", regex=False).str.split(LIST_SEPARATOR)


ColumnKind = Literal["id", "ref", "text", "url", "date", "partial_date", "number", "integer", "tri",
                     "enum", "list", "country", "countries", "currency", "lang", "quote"]


@dataclass(frozen=True)
class ColumnSpec:
    """One CSV column: its kind decides how it is parsed and which checks apply."""

    name: str
    kind: ColumnKind
    required: bool = False
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    doc: str = ""


def _provenance() -> list[ColumnSpec]:
    return [
        ColumnSpec("source_url", "url", True, doc="http(s) address of the page the row comes from"),
        ColumnSpec("seen_on", "date", True, doc="date the row was recorded (YYYY-MM-DD)"),
        ColumnSpec("source_date", "partial_date",
                   doc="date the source itself states, as precise as it states it: "
                       "YYYY, YYYY-MM or YYYY-MM-DD"),
        ColumnSpec("source_quote", "quote",
                   doc="the source's own words that state the row's facts, in its language, fragments "
                       "joined by ' … ' (at most ~400 characters)"),
        ColumnSpec("source_lang", "lang", doc="language of source_quote (BCP 47: en, fr, zh-Hant, ja …)"),
        ColumnSpec("derived", "list", allowed=tuple(sorted(DERIVABLE_COLUMNS)),
                   doc="';'-separated columns computed from the quote by a rule of data/README's "
                       "derivation table, e.g. validity_days"),
        ColumnSpec("confidence", "enum", True, CONFIDENCE, doc="high | medium | low"),
        ColumnSpec("conflict_url", "url", doc="a source that says otherwise, if any"),
        ColumnSpec("note_en", "text", doc="note in English"),
        ColumnSpec("note_zh", "text", doc="note in Simplified Chinese"),
    ]


# Where a row's facts come from, in every file but the rates; EVIDENCE is the part that travels with a
# fact wherever it is shown or exported (the API rows, downloads, corrections).
PROVENANCE = tuple(spec.name for spec in _provenance())
# The page's own words, their language, and what was computed from them.
QUOTE_COLUMNS = ("source_quote", "source_lang", "derived")
EVIDENCE = ("source_url", "seen_on", "source_date", "source_quote", "source_lang", "derived", "confidence")


def _tri(name: str, doc: str) -> ColumnSpec:
    return ColumnSpec(name, "tri", doc=f"{doc} (yes | no | empty = unknown)")


OPERATORS = [
    ColumnSpec("operator_id", "id", True, unique=True, doc="stable id, e.g. hk-csl or airalo"),
    ColumnSpec("name", "text", True, doc="operator or seller name"),
    ColumnSpec("name_zh", "text",
               doc="the operator's own Chinese name, as written on name_zh_url; empty = none sourced"),
    ColumnSpec("name_zh_url", "url",
               doc="the operator's own Chinese page that states name_zh (required when name_zh is given)"),
    ColumnSpec("name_zh_seen_on", "date",
               doc="date name_zh was read on name_zh_url (required when name_zh is given)"),
    ColumnSpec("name_zh_source_date", "partial_date",
               doc="the date name_zh_url itself states, if any (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ColumnSpec("country", "country", doc="ISO 3166-1 alpha-2; empty for sellers spanning countries"),
    ColumnSpec("kind", "enum", True, OPERATOR_KINDS, doc="mno | mvno | esim_seller"),
    ColumnSpec("host_operator_id", "ref", doc="an MVNO's host network (operator_id)"),
    ColumnSpec("brands", "text", doc="consumer brands, ';'-separated"),
    ColumnSpec("former_names", "text",
               doc="names and brands used before, ';'-separated (still found by search)"),
    ColumnSpec("website", "url", doc="the operator's own site"),
    ColumnSpec("mcc_mnc", "text", doc="network codes, e.g. 546-01"),
    _tri("local_esim", "sells eSIMs to consumers"),
    *_provenance(),
]

PLANS = [
    ColumnSpec("plan_id", "id", True, unique=True, doc="stable id, <operator_id>-<slug>"),
    ColumnSpec("operator_id", "ref", True, doc="operator_id in operators.csv"),
    ColumnSpec("countries", "countries", True, doc="where the plan works: 'HK' or 'HK; MO'"),
    ColumnSpec("name", "text", True, doc="plan name as sold"),
    ColumnSpec("sim_type", "enum", allowed=SIM_TYPES, doc="physical | esim | empty = unknown"),
    ColumnSpec("billing", "enum", allowed=BILLINGS, doc="prepaid | postpaid | empty = unknown"),
    ColumnSpec("audience", "enum", allowed=AUDIENCES, doc="tourist | resident | any | empty = unknown"),
    ColumnSpec(
        "requires", "list", allowed=REQUIREMENTS,
        doc="';'-separated needs beyond paying: " + ", ".join(REQUIREMENTS) + "; empty = unknown",
    ),
    ColumnSpec("price", "number", minimum=0, doc="one purchase (postpaid: a month); empty = unknown"),
    ColumnSpec("currency", "currency", doc="ISO 4217 code of price and fees (needed with any amount)"),
    ColumnSpec("data_gb", "number", minimum=0, doc="data allowance in GB; empty if unlimited"),
    _tri("unlimited", "unlimited data (then data_gb is empty)"),
    ColumnSpec("fair_use_gb", "number", minimum=0, doc="GB before an unlimited plan slows"),
    ColumnSpec("validity_days", "integer", minimum=1, maximum=3660, doc="days of validity"),
    _tri("local_number", "includes a local phone number"),
    _tri("hotspot", "tethering allowed"),
    _tri("five_g", "5G included"),
    ColumnSpec(
        "validity_starts", "enum", allowed=VALIDITY_STARTS,
        doc="purchase | install | first_connection | empty",
    ),
    _tri("renewable", "the same pass can be bought again on the same SIM/eSIM"),
    ColumnSpec("sim_fee", "number", minimum=0, doc="SIM / activation fee (0 = free)"),
    ColumnSpec("deposit", "number", minimum=0, doc="deposit"),
    _tri("deposit_refundable", "deposit comes back"),
    ColumnSpec("monthly_admin_fee", "number", minimum=0, doc="admin fee per month"),
    ColumnSpec("min_term_months", "integer", minimum=0, maximum=60, doc="contract length"),
    ColumnSpec("early_termination_fee", "number", minimum=0, doc="early-termination fee"),
    *_provenance(),
]

RENEWAL = [
    ColumnSpec("operator_id", "ref", True, doc="operator_id in operators.csv"),
    ColumnSpec("product", "enum", True, PRODUCTS, doc="prepaid | postpaid | esim"),
    *[_tri(column, f"top-up through {c.replace('_', ' ')}") for c, column in TOPUP_COLUMNS.items()],
    *[_tri(column, f"balance check through {c}") for c, column in BALANCE_COLUMNS.items()],
    ColumnSpec("balance_code", "text", doc="USSD/SMS code, e.g. *101#"),
    _tri("auto_renewal", "renews automatically"),
    _tri("topup_extends_validity", "a top-up extends validity"),
    ColumnSpec("grace_days", "integer", minimum=0, maximum=3660, doc="days to recharge after expiry"),
    _tri("number_kept", "the number is kept when recharged in time"),
    ColumnSpec("topup_fee", "number", minimum=0, doc="fee for a top-up (0 = free)"),
    ColumnSpec("currency", "currency", doc="currency of topup_fee"),
    *_provenance(),
]

CANCELLATION = [
    ColumnSpec("operator_id", "ref", True, doc="operator_id in operators.csv"),
    ColumnSpec("product", "enum", True, PRODUCTS, doc="prepaid | postpaid | esim"),
    *[_tri(CANCEL_COLUMNS[channel], doc) for channel, doc in (
        ("website", "can be cancelled on the website"), ("app", "can be cancelled in the app"),
        ("phone", "can be cancelled by phone"), ("store", "can be cancelled in a store"),
        ("mail", "can be cancelled by mail or email"), ("authorised", "an authorised person can cancel"),
        ("expires", "the line lapses by itself"))],
    ColumnSpec("documents", "list", allowed=DOCUMENTS, doc="';'-separated: " + ", ".join(DOCUMENTS)),
    ColumnSpec("fee", "number", minimum=0, doc="cancellation fee (0 = free)"),
    ColumnSpec("currency", "currency", doc="currency of fee"),
    ColumnSpec("notice_days", "integer", minimum=0, maximum=366, doc="notice period in days"),
    ColumnSpec("processing_days", "integer", minimum=0, maximum=366, doc="days to process"),
    ColumnSpec(
        "balance_refund", "enum", allowed=BALANCE_REFUNDS, doc="yes | no | credit | empty"
    ),
    _tri("sim_return", "the SIM must be returned"),
    ColumnSpec("refund_window_days", "integer", minimum=0, maximum=3660, doc="eSIM refund window"),
    ColumnSpec(
        "refund_ends_at", "enum", allowed=REFUND_ENDS_AT, doc=" | ".join(REFUND_ENDS_AT)
    ),
    ColumnSpec("refund_paid_as", "enum", allowed=REFUND_PAID_AS, doc="cash | credit | choice"),
    *_provenance(),
]

COUNTRIES = [
    ColumnSpec("country", "country", True, unique=True, doc="ISO 3166-1 alpha-2"),
    _tri("id_required", "ID/passport needed to buy or activate a SIM"),
    ColumnSpec("id_rule_en", "text", doc="the rule in one sentence, English"),
    ColumnSpec("id_rule_zh", "text", doc="the rule in one sentence, Simplified Chinese"),
    ColumnSpec("local_currency", "currency", True, doc="ISO 4217"),
    *_provenance(),
]

FX_RATES = [
    ColumnSpec("currency", "currency", True, unique=True, doc="ISO 4217"),
    ColumnSpec("per_eur", "number", True, minimum=0.000001, doc="units of currency for 1 EUR"),
    ColumnSpec("as_of", "date", True, doc="date of the rate"),
    ColumnSpec("source_url", "url", True, doc="where the rate comes from"),
    ColumnSpec("kind", "enum", True, FX_KINDS, doc="market | peg"),
    ColumnSpec("note", "text", doc="how a peg is derived"),
]

# One row per earlier value of a plan; the current value stays in plans.csv. No conflict_url: a
# source that disagrees about an old price is recorded as another row of history, with its note.
PRICE_HISTORY = [
    ColumnSpec("plan_id", "ref", True, doc="plan_id in plans.csv"),
    ColumnSpec("price", "number", True, minimum=0, doc="the earlier price of one purchase"),
    ColumnSpec("currency", "currency", True, doc="ISO 4217 code of the earlier price"),
    ColumnSpec("data_gb", "number", minimum=0, doc="data allowance then, in GB; empty = unknown"),
    ColumnSpec("validity_days", "integer", minimum=1, maximum=3660, doc="days of validity then"),
    ColumnSpec("valid_from", "date", doc="when this value started to hold; empty = unknown"),
    ColumnSpec("valid_until", "date", True, doc="when this value stopped holding (the next one started)"),
    *[spec for spec in _provenance() if spec.name != "conflict_url"],
]

# One row per mobile network code in a place, from a public list of network codes (simatlas.networks
# writes the file from the vendored list; nothing here is typed by hand). A reference, never an offer.
NETWORKS = [
    ColumnSpec("country", "country", True, doc="ISO 3166-1 alpha-2 of the place the network serves"),
    ColumnSpec("mcc", "text", True, doc="mobile country code, as listed (e.g. 546)"),
    ColumnSpec("mnc", "text", True, doc="mobile network code, as listed, leading zeros kept (e.g. 01)"),
    ColumnSpec("brand", "text", doc="the brand the list gives; empty = the list gives none"),
    ColumnSpec("operator", "text", doc="the operator the list gives; empty = the list gives none"),
    ColumnSpec("bands", "text", doc="technologies and bands as listed ('MVNO' for a virtual network)"),
    *_provenance(),
]

FILES: dict[str, list[ColumnSpec]] = {
    "operators.csv": OPERATORS,
    "plans.csv": PLANS,
    "renewal.csv": RENEWAL,
    "cancellation.csv": CANCELLATION,
    "countries.csv": COUNTRIES,
    "fx_rates.csv": FX_RATES,
    "price_history.csv": PRICE_HISTORY,
    "networks.csv": NETWORKS,
}

# Rows of these files are unique per key: (operator, product); one value of a plan per end date.
ROW_KEYS: dict[str, list[str]] = {
    "renewal.csv": ["operator_id", "product"],
    "cancellation.csv": ["operator_id", "product"],
    "price_history.csv": ["plan_id", "valid_until"],
    "networks.csv": ["country", "mcc", "mnc"],
}

# (file, column) → the column holding that cell's own source: a value and its source come together, so a
# Chinese name without the operator's page that states it is rejected (and so is a page without a name).
SOURCED_BY: dict[tuple[str, str], str] = {
    ("operators.csv", "name_zh"): "name_zh_url",
}
# (file, column) → the column saying when that cell was read on its own source (SOURCED_BY): a
# Chinese name is dated by its page, not by the row's seen_on (which dates the operator's facts).
DATED_BY: dict[tuple[str, str], str] = {
    ("operators.csv", "name_zh"): "name_zh_seen_on",
}

# (file, column) → (file, column) it refers to. The loader and the Data Package descriptor both read
# this table, so a reference is declared once.
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("operators.csv", "host_operator_id"): ("operators.csv", "operator_id"),
    ("plans.csv", "operator_id"): ("operators.csv", "operator_id"),
    ("renewal.csv", "operator_id"): ("operators.csv", "operator_id"),
    ("cancellation.csv", "operator_id"): ("operators.csv", "operator_id"),
    ("price_history.csv", "plan_id"): ("plans.csv", "plan_id"),
}



# column name → its specs (in each file that has it): one spec per file, the same kind in every file.
FILES_BY_COLUMN: dict[str, list[ColumnSpec]] = {}
for _specs in FILES.values():
    for _spec in _specs:
        FILES_BY_COLUMN.setdefault(_spec.name, []).append(_spec)


def row_key(file: str) -> list[str]:
    """The columns that name one row of `file`: its ROW_KEYS entry, else its unique id column."""
    keys = ROW_KEYS.get(file)
    return list(keys) if keys else [spec.name for spec in FILES[file] if spec.unique]


def derivation_table() -> str:
    """The derivation rules as a Markdown table, for data/README.md (a test keeps it in sync)."""
    rows = ["| rule | column | the source says | recorded as |", "|---|---|---|---|"]
    rows += [f"| {rule.name} | {', '.join(f'`{column}`' for column in rule.columns)} | {rule.source_says} "
             f"| {rule.computed} |" for rule in DERIVATION_RULES]
    return "\n".join(rows) + "\n"


def markdown_tables() -> str:
    """The schema of every file as Markdown tables, for data/README.md (a test keeps it in sync)."""
    parts = []
    for file, specs in FILES.items():
        parts.append(f"### {file}\n\n| column | required | kind | meaning |\n|---|---|---|---|")
        for spec in specs:
            required = "yes" if spec.required else ""
            # A bare "|" inside a cell would end it and break the table.
            doc = spec.doc.replace("|", "\\|")
            parts.append(f"| `{spec.name}` | {required} | {spec.kind} | {doc} |")
        parts.append("")
    return "\n".join(parts)
