"""The source's own words: amounts found in a quote, the validator's quote rules, dates as precise as
their source (issue #21)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from simatlas import evidence, schema, suitability
from simatlas.i18n import format_source_date
from simatlas.loader import DataError, first_day, load_dataset
from tests.factories import PLANS, write_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("quote", "amount", "states"), [
    ("la carte Tourism à 5 000 F TTC", 5000, True),
    ("5\u202f000 F", 5000, True),  # narrow no-break space, as French pages group thousands
    ("Rp 65.000, valid for 28 days", 65000, True),
    ("5,000円", 5000, True),
    ("３，９８０円（税込）", 3980, True),  # full-width digits
    ("HK$98 for 7 days", 98, True),
    ("RM 16.50", 16.5, True),
    ("€9,99 pro Monat", 9.99, True),
    ("4 99 €alle 4 Wochen", 4.99, True),  # cents set as a superscript, read as text
    ("4 99 Wochen", 4.99, False),
    ("MOP166 5GB", 166, True),
    ("월 5만9000원(5G 웰컴 5)", 59000, True),  # Korean ten thousands
    ("月額1万5000円", 15000, True),
    ("5万円", 50000, True),
    ("1,980 yen", 98, False),  # 98 inside a larger number is not the price
    ("HK$980", 98, False),
    ("5 GB for 30 days", 5000, False),
    ("", 10, False),
    (None, 10, False),
])
def test_a_quote_states_an_amount_as_pages_write_it(quote, amount, states):
    assert evidence.states_amount(quote, amount) is states


@pytest.mark.parametrize(("text", "first"), [
    ("2024", "2024-01-01"), ("2024-05", "2024-05-01"), ("2023-10-05", "2023-10-05"),
    ("2024-13", None), ("2023-02-30", None), ("May 2024", None), ("", None),
])
def test_a_partial_date_counts_from_its_first_day(text, first):
    value = first_day(pd.Series([text]))[0]
    assert (pd.isna(value) if first is None else value == pd.Timestamp(first))


@pytest.mark.parametrize(("text", "en", "zh"), [
    ("2024", "2024", "2024年"), ("2024-05", "May 2024", "2024年5月"),
    ("2023-10-05", "Oct 5, 2023", "2023年10月5日"),
])
def test_a_source_date_is_shown_as_precisely_as_stated(text, en, zh):
    assert format_source_date(text, "en") == en
    assert format_source_date(text, "zh") == zh


def test_a_year_only_date_is_never_younger_than_its_first_day():
    on = dt.date(2025, 5, 1)  # 16 months after 1 Jan 2024: under the 18-month limit, not stale
    assert suitability.price_age_label("2024", "en", on) == "as of 2024"
    assert "may be outdated" in suitability.price_age_label("2023", "en", on)  # 28 months
    assert suitability.source_age_days(pd.Series(["2024", "2024-05"]), on).tolist() == [486.0, 365.0]


def test_quote_lines_name_the_language_and_the_derived_cells():
    lines = evidence.quote_lines("valable 3 mois … 5 000 F TTC", "fr", "validity_days", "en")
    assert lines[0] == "The source says (French): «valable 3 mois … 5 000 F TTC»"
    assert "computed from the source's words" in lines[1]
    assert evidence.quote_lines(None, None, None, "zh") == ["此行未记录来源原文。"]
    assert "法语" in evidence.quote_lines("x", "fr", None, "zh")[0]


def _problems(tmp_path, **overrides) -> list[str]:
    folder = write_dataset(tmp_path / "data", **overrides)
    try:
        load_dataset(folder)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []


def _plan(**cells: str) -> dict[str, str]:
    return {**PLANS[0], **cells}


@pytest.mark.parametrize(("cells", "column", "words"), [
    ({"source_quote": "A small pack for 7 days", "source_lang": "en"}, "source_quote",
     "must contain the price 10"),
    ({"source_quote": "", "source_lang": ""}, "source_quote", "must contain the price 10"),
    ({"price": "", "hotspot": "yes", "source_quote": "", "source_lang": ""}, "hotspot",
     "is yes but the row has no"),
    ({"price": "", "hotspot": "", "audience": "any", "source_quote": "", "source_lang": ""}, "audience",
     "says who can buy the plan"),
    ({"source_quote": "Small 10 EUR", "source_lang": ""}, "source_lang", "name the quote's language"),
    ({"source_quote": "Small 10 EUR", "source_lang": "French"}, "source_lang", "BCP 47"),
    ({"source_quote": "Small 10 EUR", "source_lang": "en", "derived": "data_gb; price"}, "derived", "one of"),
    ({"source_quote": "Small 10 EUR", "source_lang": "en", "data_gb": "", "derived": "data_gb"}, "derived",
     "which is empty in this row"),
    ({"source_quote": "10 EUR " + "x" * 600, "source_lang": "en"}, "source_quote", "at most 500"),
    ({"source_date": "2024-5", "source_quote": "10", "source_lang": "en"}, "source_date", "YYYY, YYYY-MM"),
])
def test_the_validator_enforces_what_a_machine_can_check_of_a_quote(tmp_path, cells, column, words):
    problems = _problems(tmp_path, plans=[_plan(**cells), *PLANS[1:]])
    named = [p for p in problems if p.startswith("plans.csv, line 2") and f"column '{column}'" in p]
    assert any(words in p for p in named), problems


def test_a_quoted_row_with_partial_date_and_derived_cells_is_valid(tmp_path):
    plan = _plan(source_quote="Small: 10 EUR, 1 semaine", source_lang="fr", derived="validity_days",
                 source_date="2024-05")
    assert _problems(tmp_path, plans=[plan, *PLANS[1:]]) == []


def test_derived_names_a_column_of_its_own_file(tmp_path):
    renewal = [{"operator_id": "hk-alpha", "product": "prepaid", "grace_days": "30",
                "source_quote": "30 days", "source_lang": "en", "derived": "validity_days"}]
    problems = _problems(tmp_path, renewal=renewal)
    assert any("renewal.csv, line 2" in p and "not a column of renewal.csv" in p for p in problems), problems


def test_every_bundled_priced_plan_quotes_its_price_and_every_claim_has_words(bundled):
    """The bundled data meets the rules (the loader would refuse it otherwise); this pins the share."""
    plans = bundled.plans
    priced = plans[plans["price"].notna()]
    assert len(priced) > 0
    quoted = [evidence.states_amount(q, float(p)) for q, p in zip(priced["source_quote"], priced["price"],
                                                                  strict=True)]
    assert sum(quoted) / len(quoted) >= 0.95
    assert plans.loc[plans["audience"].eq("any"), "source_quote"].notna().all()


def test_data_readme_has_the_derivation_table():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert schema.derivation_table() in readme
