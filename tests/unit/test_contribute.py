"""From a checked correction to a message: correctable facts, the text, the mailto: link; and the
freshness tables of the About-the-data page."""

import datetime as dt
from typing import cast
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from simatlas import contribute, freshness
from simatlas.contribute import Target
from simatlas.corrections import correct_value
from tests.factories import write_dataset

TODAY = dt.date(2026, 12, 1)
SOURCE = "https://example.org/new-price"


@pytest.mark.parametrize(
    ("file", "included", "excluded"),
    [
        ("plans.csv", {"price", "data_gb", "sim_type", "name"},
         {"plan_id", "operator_id", "source_url", "note_en"}),
        ("renewal.csv", {"topup_app", "grace_days"}, {"operator_id", "product", "seen_on", "confidence"}),
        ("countries.csv", {"id_required", "id_rule_en"}, {"country", "source_date", "conflict_url"}),
    ],
)
def test_correctable_columns_are_facts_not_keys_or_provenance(file, included, excluded):
    columns = set(contribute.correctable_columns(file))
    assert included <= columns
    assert not columns & excluded


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (float("nan"), ""), ("unknown", ""), (5900.0, "5900"), (2.5, "2.5"), ("yes", "yes")],
)
def test_cell_text_writes_cells_as_the_csv_does(value, text):
    assert contribute.cell_text(value) == text


def test_a_target_names_its_row_by_the_file_key():
    row = {"operator_id": "hk-csl", "product": "prepaid", "topup_app": "unknown", "grace_days": 30.0}
    target = Target.of_row("renewal.csv", row, "CSL · prepaid")
    assert target.key_dict == {"operator_id": "hk-csl", "product": "prepaid"}
    assert target.key_text == "hk-csl prepaid"
    assert dict(target.current)["grace_days"] == "30" and dict(target.current)["topup_app"] == ""
    assert target.slug == "renewal.csv.hk-csl.prepaid"


@pytest.mark.parametrize(
    ("environ", "address"),
    [
        ({}, None),
        ({"SIMATLAS_CORRECTIONS_EMAIL": ""}, None),
        ({"SIMATLAS_CORRECTIONS_EMAIL": " data@simatlas.example "}, "data@simatlas.example"),
        ({"SIMATLAS_CORRECTIONS_EMAIL": "not an address"}, None),
        ({"SIMATLAS_CORRECTIONS_EMAIL": "a@b.example?bcc=x@y.example"}, None),
        ({"SIMATLAS_CORRECTIONS_EMAIL": "javascript:alert(1)//@x.example"}, None),
    ],
)
def test_the_maintainers_address_comes_from_the_environment(environ, address):
    assert contribute.corrections_address(environ) == address


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("SIM Atlas correction: plans.csv, x", "line one\nline two"),
        ("数据更正", "来源：https://example.org/a?b=1&c=2#d"),
        ("a&b=c", "+x,1,\"quoted, cell\"\n-x,2"),
    ],
)
def test_mailto_round_trips_subject_and_body(subject, body):
    url = contribute.mailto_url("data@simatlas.example", subject, body)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "data@simatlas.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert " " not in url and "\n" not in url


def test_the_message_carries_the_change_and_only_the_changed_lines(tmp_path):
    folder = write_dataset(tmp_path / "data")
    suggestion = correct_value(folder, "plans.csv", {"plan_id": "hk-a-small"}, "price", "11", SOURCE, TODAY,
                               quote="Small: 1 GB for 7 days, HK$11", quote_lang="en")
    target = Target.of_row("plans.csv", {"plan_id": "hk-a-small"}, "A small")
    subject, body = contribute.message(suggestion, target, "price", "11", SOURCE, None, "en")
    assert subject == "SIM Atlas correction: plans.csv, hk-a-small"
    assert "price = 11" in body and SOURCE in body and "not stated" in body
    changed = [line for line in body.splitlines() if line.startswith(("+", "-"))]
    assert changed[0].startswith("--- a/data/plans.csv") and changed[1].startswith("+++ b/data/plans.csv")
    assert [line[:12] for line in changed[2:]] == ["-hk-a-small,", "+hk-a-small,"]


def test_freshness_tables_count_changes_and_name_places(tmp_path):
    from simatlas.loader import load_dataset

    earlier = [{"plan_id": "nc-month", "price": "3000", "currency": "XPF", "valid_until": "2026-09-01"},
               {"plan_id": "hk-a-small", "price": "12", "currency": "EUR", "valid_until": "2026-02-01"}]
    dataset = load_dataset(write_dataset(tmp_path / "data", price_history=earlier))
    changes = freshness.price_changes_by_place(dataset, TODAY, "en").set_index("place")
    # One place's cells: a Series (the stubs' .loc[row, columns] may also be a frame, for a repeated label).
    assert cast(pd.Series, changes.loc["New Caledonia", ["changed_6", "changed_12"]]).tolist() == [1, 1]
    assert cast(pd.Series, changes.loc["Hong Kong SAR China", ["changed_6", "changed_12"]]).tolist() == [0, 1]
    assert list(changes.index[:2]) == ["New Caledonia", "Hong Kong SAR China"]  # most changes first
    stale = freshness.stale_by_place(dataset, TODAY, "zh")
    assert "新喀里多尼亚" in set(stale["place"])
    recheck = freshness.recheck_next(dataset, TODAY, "en")
    assert list(recheck.columns) == ["place", "file", "key", "source_date", "age_days", "source_url"]
    # The memoised report is shared: naming places in one language leaves the other untouched.
    assert "New Caledonia" in set(freshness.stale_by_place(dataset, TODAY, "en")["place"])
