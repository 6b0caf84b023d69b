"""Suggest a correction: a checked change as a diff that applies and validates, or clear reasons why not."""

import datetime as dt
import shutil
import subprocess
from typing import TypedDict

import pytest

from simatlas.corrections import add_row, correct_value
from simatlas.loader import Dataset, load_dataset
from tests.factories import write_dataset

TODAY = dt.date(2026, 12, 1)
SOURCE = "https://example.org/new-price"


def _apply(diff: str, tmp_path) -> Dataset:
    """Apply the diff to a fresh copy of the same dataset, as a reviewer would, and load it."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to apply the diff")
    target = tmp_path / "review"
    write_dataset(target / "data", renewal=RENEWAL)
    (target / "change.diff").write_text(diff, encoding="utf-8")
    subprocess.run(["git", "apply", "change.diff"], cwd=target, check=True, capture_output=True)
    return load_dataset(target / "data")


RENEWAL = [{"operator_id": "hk-alpha", "product": "prepaid", "topup_app": "yes"}]


@pytest.fixture
def folder(tmp_path):
    return write_dataset(tmp_path / "data", renewal=RENEWAL)


def test_a_good_correction_gives_a_diff_that_applies_and_validates(folder, tmp_path):
    before = (folder / "plans.csv").read_text(encoding="utf-8")
    suggestion = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "price", "11", SOURCE, TODAY,
                               quote="Small: 1 GB for 7 days, HK$11", quote_lang="en")
    assert suggestion.accepted, suggestion.problems
    assert suggestion.diff.startswith("--- a/data/plans.csv\n+++ b/data/plans.csv\n")
    assert sum(line.startswith("+hk-a-small") for line in suggestion.diff.splitlines()) == 1
    assert sum(line.startswith("-hk-a-small") for line in suggestion.diff.splitlines()) == 1
    (line,) = suggestion.new_lines
    assert line.startswith("hk-a-small,") and ",11," in line and SOURCE in line
    assert (folder / "plans.csv").read_text(encoding="utf-8") == before  # the real folder is untouched
    plan = _apply(suggestion.diff, tmp_path).plans.set_index("plan_id").loc["hk-a-small"]
    assert plan["price"] == 11 and plan["source_url"] == SOURCE
    assert plan["seen_on"] == "2026-12-01" and plan["confidence"] == "medium"
    assert plan["source_date"] != plan["source_date"]  # NA: the new source stated no date
    assert (plan["source_quote"], plan["source_lang"]) == ("Small: 1 GB for 7 days, HK$11", "en")


class Words(TypedDict):  # correct_value keywords: typed, **WORDS is checked against its signature
    quote: str
    quote_lang: str


# The row's price, as its page says.
WORDS: Words = {"quote": "Small: 1 GB for 7 days, HK$10", "quote_lang": "en"}


def codes(suggestion) -> list[tuple[str, str]]:
    return [(problem.code, problem.column) for problem in suggestion.field_problems]


def test_a_correction_must_bring_the_words_that_state_it(folder):
    """The new source replaces the row's: its quote must carry the price (and any yes) as before."""
    bare = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "price", "11", SOURCE, TODAY)
    assert not bare.accepted and codes(bare) == [("quote_needed", "price")]
    wrong = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "price", "11", SOURCE, TODAY,
                          quote="Small: 1 GB for 7 days, HK$12", quote_lang="en")
    assert not wrong.accepted and codes(wrong) == [("price_not_in_quote", "source_quote")]
    # another fact of a priced plan: the new source must still state the row's price
    other = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "data_gb", "2", SOURCE, TODAY,
                          quote="Small: 2 GB for 7 days", quote_lang="en")
    assert codes(other) == [("price_not_in_quote", "source_quote")]
    assert other.field_problems[0].detail == "10"


def test_every_problem_with_what_was_typed_is_named_at_once(folder):
    suggestion = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "validity_days", "a week",
                               "www.example.org", TODAY, source_date="2026-13-01", quote="7 days, HK$10")
    assert codes(suggestion) == [("integer", "validity_days"), ("source", "source_url"),
                                 ("date", "source_date"), ("quote_lang", "source_lang")]
    assert not suggestion.diff
    key = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "plan_id", "other", SOURCE, TODAY)
    assert ("key_column", "plan_id") in codes(key)


def test_with_the_loaded_dataset_only_the_changed_row_is_checked(folder):
    """The same rules and messages as the whole-folder check, the line named as in the file."""
    dataset = load_dataset(folder)
    for column, value in (("sim_type", "nano"), ("hotspot", "maybe"), ("operator_id", "nobody")):
        whole = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, column, value, SOURCE, TODAY,
                              **WORDS)
        row = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, column, value, SOURCE, TODAY,
                            dataset=dataset, **WORDS)
        assert row.problems == whole.problems and row.problems, (column, row.problems)
        assert row.diff == whole.diff
    good = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "price", "11", SOURCE, TODAY,
                         quote="Small: 1 GB for 7 days, HK$11", quote_lang="en", dataset=dataset)
    assert good.accepted, good.problems


def test_source_date_and_confidence_when_given(folder, tmp_path):
    suggestion = correct_value(folder, "plans.csv", {"plan_id": "nc-month"}, "data_gb", "15", SOURCE, TODAY,
                               source_date="2026-11-20", confidence="high",
                               quote="Month: 15 Go, 2 386,63 F", quote_lang="fr")
    plan = _apply(suggestion.diff, tmp_path).plans.set_index("plan_id").loc["nc-month"]
    assert (plan["data_gb"], plan["source_date"], plan["confidence"]) == (15, "2026-11-20", "high")


def test_a_row_named_by_operator_and_product(folder, tmp_path):
    key = {"operator_id": "hk-alpha", "product": "prepaid"}
    suggestion = correct_value(folder, "renewal.csv", key, "topup_app", "no", SOURCE, TODAY)
    assert suggestion.accepted, suggestion.problems
    assert _apply(suggestion.diff, tmp_path).renewal.loc[0, "topup_app"] == "no"


@pytest.mark.parametrize("source", ["javascript:alert(1)", "ftp://x", "", "https://x y"])
def test_a_source_that_is_not_http_is_rejected(folder, source):
    suggestion = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "price", "11", source, TODAY)
    assert not suggestion.accepted and not suggestion.diff
    assert any("'source_url'" in problem and "http(s)" in problem for problem in suggestion.problems)


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("sim_type", "nano", "column 'sim_type': must be one of"),
        ("hotspot", "maybe", "column 'hotspot': must be yes, no or empty"),
        ("operator_id", "nobody", "column 'operator_id': operator 'nobody' does not exist"),
    ],
)
def test_a_bad_value_is_rejected_naming_the_column(folder, column, value, words):
    suggestion = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, column, value, SOURCE, TODAY,
                               **WORDS)
    assert not suggestion.accepted
    assert any(words in problem for problem in suggestion.problems), suggestion.problems
    assert suggestion.diff  # the reviewer still sees what was tried


@pytest.mark.parametrize(
    ("file", "key", "column", "words"),
    [
        ("plans.csv", {"plan_id": "hk-a-small"}, "colour", "column 'colour': not a column of plans.csv"),
        ("plans.csv", {"plan_id": "hk-a-small"}, "seen_on", "column 'seen_on': set through the source"),
        ("plans.csv", {"plan_id": "nope"}, "price", "no row in plans.csv with plan_id = 'nope'"),
        ("plans.csv", {"name": "Small"}, "price", "named by plan_id"),
        ("renewal.csv", {"operator_id": "hk-alpha"}, "topup_app", "named by operator_id, product"),
        ("secrets.csv", {"plan_id": "x"}, "price", "unknown file"),
    ],
)
def test_unknown_columns_rows_and_keys_are_rejected(folder, file, key, column, words):
    suggestion = correct_value(folder, file, key, column, "1", SOURCE, TODAY)
    assert not suggestion.accepted and not suggestion.diff
    assert any(words in problem for problem in suggestion.problems), suggestion.problems


NEW_PLAN = {"plan_id": "nc-week", "operator_id": "nc-opt", "countries": "NC", "name": "Week",
            "billing": "prepaid", "price": "1000", "currency": "XPF", "data_gb": "2", "validity_days": "7",
            "source_url": SOURCE, "source_date": "2026-11-15", "source_quote": "Week: 2 Go, 7 jours, 1 000 F",
            "source_lang": "fr"}


def test_a_new_plan_row_is_appended_and_validates(folder, tmp_path):
    suggestion = add_row(folder, "plans.csv", NEW_PLAN, TODAY)
    assert suggestion.accepted, suggestion.problems
    assert [line for line in suggestion.diff.splitlines() if line.startswith("+nc-week")]
    plan = _apply(suggestion.diff, tmp_path).plans.set_index("plan_id").loc["nc-week"]
    assert plan["price"] == 1000 and plan["seen_on"] == "2026-12-01" and plan["confidence"] == "medium"
    assert plan["hotspot"] == "unknown"  # a column not given stays unknown


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"source_url": "javascript:alert(1)"}, "column 'source_url'"),
        ({"sim_type": "nano"}, "column 'sim_type'"),
        ({"plan_id": "hk-a-small"}, "duplicate"),
        ({"wifi": "yes"}, "column 'wifi': not a column"),
    ],
)
def test_a_bad_new_plan_is_rejected(folder, change, words):
    suggestion = add_row(folder, "plans.csv", {**NEW_PLAN, **change}, TODAY)
    assert not suggestion.accepted
    assert any(words in problem for problem in suggestion.problems), suggestion.problems
