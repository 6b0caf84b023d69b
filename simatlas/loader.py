"""Load the CSV dataset, parse each column into its type and validate it.

A broken file never surfaces as a traceback: every problem becomes a `DataProblem` naming the file,
the line and the column, and `load_dataset` raises one `DataError` carrying them all. Parsing
(text → typed column) is done here so the messages are plain; value checks (allowed values,
ranges, uniqueness, patterns) are declared with pandera from the column specs in `schema`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
import pandera.pandas as pa
from babel import Locale
from babel.core import get_global

from simatlas import evidence, schema, snapshot
from simatlas.arrays import is_missing
from simatlas.schema import ColumnSpec

DATA_DIR_ENV = "SIMATLAS_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FIRST_DATA_LINE = 2  # line 1 of every file is the header


@dataclass(frozen=True)
class DataProblem:
    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line == 1:
            where.append("line 1 (header)")
        elif self.line is not None:
            where.append(f"line {self.line} (data row {self.line - 1})")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(Exception):
    """The dataset cannot be used; `problems` lists every reason found."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        super().__init__(first if not more else f"{first} (and {more} more problem(s))")


@dataclass(frozen=True)
class Dataset:
    operators: pd.DataFrame
    plans: pd.DataFrame
    coverage: pd.DataFrame  # plan_id, country: one row per place a plan works in
    renewal: pd.DataFrame
    cancellation: pd.DataFrame
    countries: pd.DataFrame
    fx_rates: pd.DataFrame
    price_history: pd.DataFrame  # earlier values of plans; the current value is in `plans`
    networks: pd.DataFrame  # mobile network codes per place, from a public list (simatlas.networks)
    version: str
    data_dir: Path = field(compare=False)
    # Derived once per load (the dataset is cached per process), not on every rerun:
    place_codes: tuple[str, ...] = ()  # every place with a plan or an operator
    choosable_places: tuple[str, ...] = ()  # place_codes and every other place (world_places)
    # place → row positions of the plans that work there: a place's view costs its own rows only.
    positions_by_place: dict[str, np.ndarray] = field(default_factory=dict, compare=False)
    operator_short_names: dict[str, str] = field(default_factory=dict, compare=False)
    # Tables derived from this data on first use (see simatlas.memo), shared by every session.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def table(self, file: str) -> pd.DataFrame:
        """The loaded table of a file of schema.FILES: each is the field named as the file
        ("price_history.csv" → price_history)."""
        if file not in schema.FILES:
            raise KeyError(file)
        frame: pd.DataFrame = getattr(self, file.removesuffix(".csv"))
        return frame


def data_dir_from_env() -> Path:
    """The folder the app reads; SIMATLAS_DATA_DIR lets a user point it at their own data."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DATA_DIR


def data_version(data_dir: Path) -> str:
    """A fingerprint that changes whenever a data file changes, used as the cache key."""
    digest = hashlib.sha256(str(data_dir).encode())
    for name in schema.FILES:
        path = data_dir / name
        try:
            stat = path.stat()
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{name}:missing".encode())
    return digest.hexdigest()[:16]


@cache
def iso_countries() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha())


# CLDR territories with a two-letter code that are not places a traveller goes to.
NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})


@cache
def numeric_codes() -> Mapping[str, tuple[str, ...]]:
    """ISO 3166-1 alpha-2 → its numeric codes (the world map's country ids), from CLDR's territory
    aliases. A few have two (France: 250, and 249 for the retired "metropolitan France"): every one
    is kept, and the map finds whichever its boundaries use."""
    found: dict[str, list[str]] = {}
    for code, targets in get_global("territory_aliases").items():
        if code.isdigit() and len(code) == 3 and len(targets) == 1:
            found.setdefault(targets[0], []).append(code)
    return MappingProxyType({alpha: tuple(sorted(codes)) for alpha, codes in found.items()})


@cache
def world_places() -> tuple[str, ...]:
    """Every place a reader can choose, data or not: the two-letter territories that CLDR names and
    that have an ISO 3166 numeric code (countries, dependencies, Kosovo), minus unions and
    placeholders — the place list of every picker, so a place without data answers "nothing recorded
    yet" instead of not being there."""
    return tuple(sorted((iso_countries() & set(numeric_codes())) - NOT_PLACES))


def _line(index: object) -> int | None:
    try:
        number: int = int(index)  # type: ignore[call-overload]  # any label: what int() refuses is caught
        return number + FIRST_DATA_LINE
    except (TypeError, ValueError):
        return None


def read_raw(path: Path) -> pd.DataFrame:
    """Read a CSV file as text columns; empty cells become NA. Raises DataError."""
    name = path.name
    if not path.is_file():
        raise DataError([DataProblem(name, None, None, f"file is missing (looked in {path.parent})")])
    payload = path.read_bytes()
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"is not UTF-8 text (bad byte at position {error.start}); save it as UTF-8"
        raise DataError([DataProblem(name, None, None, message)]) from None
    return read_text(name, text)


def read_text(name: str, text: str) -> pd.DataFrame:
    """CSV text (of the file `name`) as text columns; empty cells become NA. Raises DataError."""
    if not text.strip():
        raise DataError([DataProblem(name, None, None, "file is empty; it needs a header row")])
    ragged = _ragged_rows(name, text)
    if ragged:
        raise DataError(ragged)
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
            skipinitialspace=True, index_col=False,
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise DataError([DataProblem(name, None, None, f"is not valid CSV: {error}")]) from None
    return frame


def _ragged_rows(name: str, text: str) -> list[DataProblem]:
    """Rows whose number of cells differs from the header (pandas would shift them silently)."""
    rows = csv.reader(io.StringIO(text))
    width = len(next(rows))
    return [
        DataProblem(name, rows.line_num, None, f"is not valid CSV: {len(row)} cells, header has {width}")
        for row in rows
        if row and len(row) != width
    ]


def _parse_column(frame: pd.DataFrame, spec: ColumnSpec, file: str) -> list[DataProblem]:
    """Turn one text column into its type in place; return the cells that would not parse."""
    text = frame[spec.name].str.strip()
    problems: list[DataProblem] = []

    def report(bad: pd.Series, message: str) -> None:
        for index, value in text[bad].items():
            problems.append(DataProblem(file, _line(index), spec.name, f"{message}, found {value!r}"))

    if spec.kind in ("number", "integer"):
        numbers = pd.to_numeric(text, errors="coerce")
        bad = text.notna() & numbers.isna()
        report(bad, "must be a number")
        if spec.kind == "integer":
            fractional = numbers.notna() & (numbers % 1 != 0)
            report(fractional, "must be a whole number")
            numbers = numbers.where(~fractional)
            frame[spec.name] = numbers.astype("Int64")
        else:
            frame[spec.name] = numbers.astype("Float64")
    elif spec.kind == "date":
        dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        report(text.notna() & dates.isna(), "must be a date written YYYY-MM-DD")
        frame[spec.name] = text
    elif spec.kind == "partial_date":
        report(text.notna() & pd.isna(first_day(text)),
               "must be a date as precise as the source states it: YYYY, YYYY-MM or YYYY-MM-DD")
        frame[spec.name] = text
    elif spec.kind == "tri":
        frame[spec.name] = text.str.lower().fillna("unknown")
    elif spec.kind in ("country", "currency"):
        frame[spec.name] = text.str.upper()
    elif spec.kind in ("enum", "list"):
        frame[spec.name] = text.str.lower()
    else:
        frame[spec.name] = text
    return problems


def first_day(partial_dates: pd.Series) -> pd.Series:
    """Each YYYY / YYYY-MM / YYYY-MM-DD date as the first day it can mean (NaT where not a date).

    Ages count from there: a year-only "2024" is as old as 1 Jan 2024, never younger than it is."""
    text = partial_dates.astype("string").str.strip()
    shaped = text.str.fullmatch(schema.PARTIAL_DATE_PATTERN.strip("^$")).fillna(False)
    padded = text.where(text.str.len() != 4, text + "-01-01")
    padded = padded.where(padded.str.len() != 7, padded + "-01")
    return pd.to_datetime(padded.where(shaped), format="%Y-%m-%d", errors="coerce")


def _all_items_in(cells: pd.Series, allowed: frozenset[str], upper: bool, needs_one: bool) -> pd.Series:
    """Per cell: every ';'-separated item is allowed (vectorised: one explode, no Python loop)."""
    items = cells.str.upper() if upper else cells.str.lower()
    parts = schema.list_column(items).explode()
    blank = parts.fillna("").eq("")
    valid = (parts.isin(allowed) | blank).groupby(level=0).all()
    if needs_one:
        valid &= (~blank).groupby(level=0).any()
    return valid.reindex(cells.index, fill_value=False)


def _plain(value: object) -> str:
    """A value as a contributor wrote it: 'ten' or 10000, never np.int64(10000)."""
    if isinstance(value, np.generic):
        value = value.item()
    return repr(value) if isinstance(value, str) else str(value)


def _checks(spec: ColumnSpec) -> list[pa.Check]:
    checks: list[pa.Check] = []
    allowed = ", ".join(spec.allowed)
    if spec.kind == "tri":
        checks.append(pa.Check.isin(schema.TRI_STATES, error="must be yes, no or empty (unknown)"))
    elif spec.kind == "enum":
        checks.append(pa.Check.isin(spec.allowed, error=f"must be one of: {allowed}"))
    elif spec.kind == "list":
        checks.append(pa.Check(
            lambda cells, ok=frozenset(spec.allowed): _all_items_in(cells, ok, upper=False, needs_one=False),
            error=f"every item must be one of: {allowed}",
        ))
    elif spec.kind == "id":
        checks.append(pa.Check.str_matches(schema.ID_PATTERN, error="must be lowercase a-z, 0-9, -"))
    elif spec.kind == "url":
        checks.append(
            pa.Check.str_matches(schema.URL_PATTERN, error="must be an http(s):// address")
        )
    elif spec.kind == "country":
        checks.append(
            pa.Check.isin(sorted(iso_countries()), error="must be an ISO 3166-1 alpha-2 code")
        )
    elif spec.kind == "countries":
        checks.append(pa.Check(
            lambda cells: _all_items_in(cells, iso_countries(), upper=True, needs_one=True),
            error="must list ISO 3166-1 alpha-2 codes separated by ';'",
        ))
    elif spec.kind == "currency":
        checks.append(pa.Check.str_matches(schema.CURRENCY_PATTERN, error="must be an ISO 4217 code"))
    elif spec.kind == "lang":
        checks.append(pa.Check.str_matches(schema.LANG_PATTERN,
                                           error="must be a BCP 47 language code: en, fr, zh-Hant, ja …"))
    elif spec.kind == "quote":
        checks.append(pa.Check.str_length(max_value=schema.QUOTE_MAX_CHARS,
                                          error=f"must be at most {schema.QUOTE_MAX_CHARS} characters: "
                                                "keep the sentence(s) that state the facts"))
    if spec.minimum is not None:
        checks.append(pa.Check.ge(spec.minimum, error=f"must be at least {spec.minimum:g}"))
    if spec.maximum is not None:
        checks.append(pa.Check.le(spec.maximum, error=f"must be at most {spec.maximum:g}"))
    return checks


@cache
def pandera_schema(file: str) -> pa.DataFrameSchema:
    specs = schema.FILES[file]
    columns = {
        spec.name: pa.Column(
            nullable=not spec.required,
            checks=_checks(spec),
            unique=spec.unique,
            report_duplicates="exclude_first",
        )
        for spec in specs
    }
    keys = schema.ROW_KEYS.get(file)
    return pa.DataFrameSchema(
        columns, strict=False, unique=keys, report_duplicates="exclude_first", name=file
    )


def _pandera_problems(frame: pd.DataFrame, file: str) -> list[DataProblem]:
    try:
        pandera_schema(file).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = []
        for case in errors.failure_cases.itertuples(index=False):
            check = str(case.check)
            if check == "not_nullable":
                message = "is required but empty"
            elif check in ("field_uniqueness", "multiple_fields_uniqueness"):
                message = f"duplicate value {_plain(case.failure_case)}: ids must be unique"
            else:
                message = f"{check}, found {_plain(case.failure_case)}"
            column = None if pd.isna(case.column) or case.column == file else str(case.column)
            problems.append(DataProblem(file, _line(case.index), column, message))
        return problems
    return []


def load_table(data_dir: Path, file: str) -> tuple[pd.DataFrame, list[DataProblem]]:
    """Read, parse and check one file on its own. Raises DataError if it cannot be read at all."""
    return parse_table(file, read_raw(data_dir / file))


def parse_table(file: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[DataProblem]]:
    """Parse and check the text columns of one file on its own. Raises DataError for a missing column."""
    specs = schema.FILES[file]
    missing = [spec.name for spec in specs if spec.name not in frame.columns]
    if missing:
        message = "missing column(s): " + ", ".join(missing) + " (see data/README.md)"
        raise DataError([DataProblem(file, 1, missing[0], message)])
    frame = frame[[spec.name for spec in specs]].copy()
    problems: list[DataProblem] = []
    for spec in specs:
        problems += _parse_column(frame, spec, file)
    if problems:  # values that did not parse would only repeat as check failures
        return frame, problems
    return frame, _pandera_problems(frame, file)


def _dangling(frame: pd.DataFrame, file: str, column: str, known: pd.Series,
              what: str) -> list[DataProblem]:
    values = frame[column]
    bad = values.notna() & ~values.isin(known)
    return [
        DataProblem(file, _line(index), column, f"{what} {value!r} does not exist")
        for index, value in values[bad].items()
    ]


@cache
def iso_currencies() -> frozenset[str]:
    return frozenset(Locale("en").currencies)


AMOUNT_COLUMNS = {
    "plans.csv": ["price", "sim_fee", "deposit", "monthly_admin_fee", "early_termination_fee"],
    "renewal.csv": ["topup_fee"],
    "cancellation.csv": ["fee"],
}


def _contradictions(tables: dict[str, pd.DataFrame]) -> list[DataProblem]:
    """Cells each valid alone that contradict themselves: `requires` saying "none" and a need."""
    requires = schema.list_column(tables["plans.csv"]["requires"].fillna(""))
    both = requires.map(lambda codes: "none" in codes and len([c for c in codes if c]) > 1)
    return [DataProblem("plans.csv", _line(index), "requires",
                        "'none' cannot stand beside a requirement: list the needs, or write none alone")
            for index in requires.index[both]]


def _unsourced(tables: dict[str, pd.DataFrame]) -> list[DataProblem]:
    """A cell that needs its own source (schema.SOURCED_BY) and date seen (schema.DATED_BY) has them,
    and a source or a date names something."""
    problems = []
    for companions, ask in ((schema.SOURCED_BY, "name the operator's own page that states it"),
                            (schema.DATED_BY, "say when it was read on its page")):
        for (file, column), companion in companions.items():
            problems += _given_together(tables[file], file, column, companion, ask)
    return problems


def _given_together(frame: pd.DataFrame, file: str, column: str, companion: str, ask: str
                    ) -> list[DataProblem]:
    """`column` and `companion` are both given or both empty, row by row."""
    value, other = frame[column].notna(), frame[companion].notna()
    return ([DataProblem(file, _line(index), companion, f"is empty but {column} is given: {ask}")
             for index in frame.index[value & ~other]]
            + [DataProblem(file, _line(index), column, f"is empty but {companion} is given")
               for index in frame.index[other & ~value]])


def _unquoted(tables: dict[str, pd.DataFrame]) -> list[DataProblem]:
    """What a machine can check of "a cell holds what its page states": a quote and its language come
    together; every `yes`, a plan's audience and every derived cell need the quote; a priced plan's
    quote contains its price; `derived` names filled columns of its own file."""
    problems: list[DataProblem] = []
    for file, frame in tables.items():
        if "source_quote" not in frame.columns:
            continue
        problems += _given_together(frame, file, "source_quote", "source_lang",
                                    "name the quote's language (en, fr, zh-Hant …)")
        quoted = frame["source_quote"].notna()
        specs = {spec.name: spec for spec in schema.FILES[file]}
        needs_quote = [(name, frame[name].eq("yes"), "is yes") for name, spec in specs.items()
                       if spec.kind == "tri"]
        if "audience" in specs:
            needs_quote.append(("audience", frame["audience"].notna(), "says who can buy the plan"))
        for column, claims, what in needs_quote:
            problems += [DataProblem(file, _line(index), column,
                                     f"{what} but the row has no source_quote: quote the page's words "
                                     "that state it, or leave it empty (unknown)")
                         for index in frame.index[claims & ~quoted]]
        for index, cell in frame["derived"].dropna().items():
            for column in evidence.derived_columns(cell):
                if column not in specs:
                    message = f"names {column!r}, which is not a column of {file}"
                elif is_missing(frame.at[index, column]):
                    message = f"names {column!r}, which is empty in this row"
                elif not quoted.at[index]:
                    message = f"names {column!r} but the row has no source_quote to compute it from"
                else:
                    continue
                problems.append(DataProblem(file, _line(index), "derived", message))
    plans = tables["plans.csv"]
    for index, price, quote in zip(plans.index, plans["price"], plans["source_quote"], strict=True):
        if pd.notna(price) and not evidence.states_amount(quote, float(price)):
            problems.append(DataProblem("plans.csv", _line(index), "source_quote",
                                        f"must contain the price {float(price):g} as the page writes it"
                                        " (5 000, 5,000 and 5.000 all count)"))
    return problems


def _cross_file_problems(tables: dict[str, pd.DataFrame]) -> list[DataProblem]:
    return foreign_key_problems(tables, tables) + row_rule_problems(tables)


def foreign_key_problems(tables: Mapping[str, pd.DataFrame], targets: Mapping[str, pd.DataFrame]
                         ) -> list[DataProblem]:
    """Every reference in `tables` (an operator id, a plan id) names a row of `targets`."""
    problems: list[DataProblem] = []
    for (file, column), (target_file, target_column) in schema.FOREIGN_KEYS.items():
        if file in tables:
            what = target_column.removesuffix("_id")
            problems += _dangling(tables[file], file, column, targets[target_file][target_column], what)
    return problems


def row_rule_problems(tables: dict[str, pd.DataFrame]) -> list[DataProblem]:
    """The rules a row answers for on its own, beyond its cells' types: no contradiction, a source and
    a date where a fact needs them, the quote a fact rests on, ISO currencies, a currency beside an
    amount, a price history in order. Every file must be present (an empty frame checks nothing)."""
    problems: list[DataProblem] = _contradictions(tables) + _unsourced(tables) + _unquoted(tables)
    currencies = pd.Series(sorted(iso_currencies()))
    for file, column in [*((f, "currency") for f in AMOUNT_COLUMNS), ("countries.csv", "local_currency"),
                         ("fx_rates.csv", "currency"), ("price_history.csv", "currency")]:
        problems += _dangling(tables[file], file, column, currencies, "ISO 4217 currency")
    for file, amounts in AMOUNT_COLUMNS.items():
        frame = tables[file]
        needs_currency = frame[amounts].notna().any(axis=1) & frame["currency"].isna()
        problems += [
            DataProblem(file, _line(index), "currency", "is empty but the row has an amount")
            for index in frame.index[needs_currency]
        ]
    return problems + _history_order_problems(tables["price_history.csv"])


def _history_order_problems(history: pd.DataFrame) -> list[DataProblem]:
    """An earlier value cannot stop holding before it started (ISO dates compare as text)."""
    reversed_dates = history["valid_from"].notna() & (history["valid_from"] > history["valid_until"])
    return [
        DataProblem("price_history.csv", _line(index), "valid_from", "is after valid_until")
        for index in history.index[reversed_dates]
    ]


# A short form in capitals after a name of several words: "3 Hong Kong (3HK)", "… Limited (CMHK)".
_ABBREVIATION = re.compile(r"\S\s+\S.*\(([0-9A-Z][0-9A-Z+&]{1,7})\)\s*$")
# A legal name followed by the name it trades under: "Hutchison Telephone (Macau) Company Limited (3 Macau)".
_TRADING_AS = re.compile(r"\b(?:Limited|Ltd|Inc|Company|Corporation|PCL|Pte|S\.A\.R\.L)\b"
                         r".*\(([^()]{2,24})\)\s*$")


def display_name(name: str, brands: object) -> str:
    """The name people know an operator by, for charts, legends and answers: its first brand (or
    the brand's own short form in brackets: "3 Hong Kong (3HK)" → "3HK"); without a brand, the short
    form its recorded name ends with ("… (CTM)"), else the name before any bracket. The legal name
    stays in the data, the sources and the operator lists."""
    first = next(iter(schema.list_items(brands)), "")
    for text in (first, name if not first else ""):
        short = _ABBREVIATION.search(text)
        if short:
            return short.group(1)
    trading = None if first else _TRADING_AS.search(name)
    if trading and "group" not in trading.group(1).lower():
        return trading.group(1).strip()
    return (first or name).split(" (", 1)[0].strip()


def display_names(operators: pd.DataFrame) -> pd.Series:
    """display_name of every operator; where two would read the same (Vodafone in Fiji and in
    Germany), each is followed by its place ("Vodafone (FJ)"), and if even that repeats, keeps its
    recorded name: no legend ever joins two operators."""
    short = pd.Series([display_name(name, brands) for name, brands
                       in zip(operators["name"], operators["brands"], strict=True)], index=operators.index)
    placed = short + " (" + operators["country"].fillna("") + ")"
    short = short.where(~short.duplicated(keep=False), placed.str.replace(" ()", "", regex=False))
    return short.where(~short.duplicated(keep=False), operators["name"])


def coverage_table(plans: pd.DataFrame) -> pd.DataFrame:
    """One row per (plan, country): makes "all plans usable in HK" a single isin filter.

    `pos` is the plan's row position in the plans frame, for numeric (string-free) lookups.
    """
    countries = schema.list_column(plans["countries"].str.upper())
    coverage = (
        pd.DataFrame({"plan_id": plans["plan_id"], "country": countries, "pos": np.arange(len(plans))})
        .explode("country")
        .query("country != ''")
        .drop_duplicates()
        .reset_index(drop=True)
    )
    return coverage


def _with_price_in_eur(plans: pd.DataFrame, fx_rates: pd.DataFrame) -> pd.DataFrame:
    """Derived figures in EUR, the pivot currency; unknown inputs stay unknown (NA)."""
    per_eur = plans["currency"].map(fx_rates.set_index("currency")["per_eur"]).astype("Float64")
    plans = plans.copy()
    plans["price_eur"] = plans["price"] / per_eur
    gigabytes = plans["data_gb"].where(plans["data_gb"] > 0)
    plans["price_per_gb_eur"] = plans["price_eur"] / gigabytes
    plans["price_per_day_eur"] = plans["price_eur"] / plans["validity_days"].astype("Float64")
    return plans


def load_dataset(data_dir: Path | None = None, use_snapshot: bool = True) -> Dataset:
    """Load and validate every file; raise DataError listing every problem found. Tables validated
    once are read back from their snapshot (simatlas.snapshot) while the files and the rules stay the
    same; `use_snapshot=False` validates the files whatever (the validate command), and writes it."""
    data_dir = data_dir or data_dir_from_env()
    version = data_version(data_dir)
    tables = snapshot.read(data_dir, version) if use_snapshot else None
    if tables is None:
        tables = validated_tables(data_dir)
        snapshot.write(data_dir, version, tables)
    return _dataset(data_dir, version, tables)


def validated_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Every file parsed and checked, alone and together; raise DataError listing every problem."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[DataProblem] = []
    for file in schema.FILES:
        try:
            tables[file], found = load_table(data_dir, file)
        except DataError as error:
            problems += error.problems
            continue
        problems += found
    if not problems:
        problems = _cross_file_problems(tables)
    if problems:
        raise DataError(problems)
    return tables


def _dataset(data_dir: Path, version: str, tables: dict[str, pd.DataFrame]) -> Dataset:
    """The dataset of validated tables: plans priced in EUR, coverage by place, places, names."""
    plans = _with_price_in_eur(tables["plans.csv"], tables["fx_rates.csv"]).reset_index(drop=True)
    # A numeric stand-in for plan_id order, so sorting never compares strings.
    plans["plan_rank"] = plans["plan_id"].rank(method="first").astype("int64")
    coverage = coverage_table(plans)
    operators = tables["operators.csv"]
    places = set(coverage["country"].unique()) | set(operators["country"].dropna().unique())
    short_names = display_names(operators)
    return Dataset(
        operators=operators,
        plans=plans,
        coverage=coverage,
        renewal=tables["renewal.csv"],
        cancellation=tables["cancellation.csv"],
        countries=tables["countries.csv"],
        fx_rates=tables["fx_rates.csv"],
        price_history=tables["price_history.csv"],
        networks=tables["networks.csv"],
        version=version,
        data_dir=data_dir,
        place_codes=tuple(sorted(places)),
        choosable_places=tuple(sorted(places | set(world_places()))),
        positions_by_place={
            str(place): np.sort(group.to_numpy()) for place, group in coverage.groupby("country")["pos"]
        },
        operator_short_names=dict(zip(operators["operator_id"], short_names, strict=True)),
    )
