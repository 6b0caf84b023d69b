import pytest

from simatlas import places, quality
from simatlas.loader import load_dataset
from tests.factories import write_dataset
from tests.unit.test_policies import CANCEL, RENEW


@pytest.fixture
def data(tmp_path):
    return load_dataset(write_dataset(tmp_path / "d", cancellation=CANCEL, renewal=RENEW))


def by_question(answers):
    return {answer.question_key: answer for answer in answers}


def test_answers_where_facts_are_known(data):
    answers = by_question(places.answers(data, "HK", "en"))
    online = answers["q.cancel_online"]
    assert online.text == "Yes with Alpha HK. Unknown for Seller."  # the seller covers HK too
    assert online.known and online.disputed  # the seller row names a conflicting source
    assert [s.url for s in online.sources] == ["https://example.org/source"]
    assert answers["q.how_cancel"].text.splitlines() == [
        "Alpha HK · postpaid · Hong Kong SAR China: website and store",  # a CLDR list
        "Seller · eSIM · —: mail / email",
    ]


def test_answers_where_facts_are_unknown(data):
    answers = by_question(places.answers(data, "NC", "en"))
    assert not answers["q.cancel_online"].known
    assert answers["q.cancel_online"].text.startswith("Unknown for OPT test")
    assert answers["q.do_nothing"].text.splitlines() == [
        "OPT test: a prepaid line lapses by itself when not topped up.",
        "OPT test: after expiry you have 60 days to recharge, then the number is gone.",
    ]


def test_answers_where_sources_disagree(data):
    esim = by_question(places.answers(data, "NC", "en"))["q.esim"]
    assert esim.disputed  # the seller's row names a conflicting source
    assert "Refund possible within 14 days of purchase." in esim.text


def test_place_without_any_rule(tmp_path):
    data = load_dataset(write_dataset(tmp_path / "d"))
    answers = places.answers(data, "HK", "zh")
    assert all(not answer.known for answer in answers)
    assert answers[0].text == "未知：暂无该地区运营商的相关规则记录。"


def test_overview_and_best_options(data):
    table = places.overview(data, "EUR", "en").set_index("code")
    assert table.loc["HK", "operators"] == 1 and table.loc["HK", "plans"] == 3
    assert table.loc["HK", "cheapest"] == "Small · €10.00 · undated source · may be outdated"
    assert table.loc["HK", "id_required"] == "yes" and table.loc["NC", "id_required"] == "unknown"
    assert table.loc["HK", "online_cancel"] == "1 of 1 (0 unknown)"
    best = places.best_options(data, "HK")
    assert best.short["plan_id"] == "hk-a-small" and best.long["plan_id"] == "hk-a-big"


def test_quality_measures(data):
    coverage = quality.coverage_by_place(data, "en").set_index("place")
    assert coverage.loc["New Caledonia", "plans"] == 2
    assert set(quality.sources(data)["source_url"]) == {"https://example.org/source"}
    assert quality.unknown_fields(data).iloc[0]["share"] == 100
    assert quality.currencies_without_rate(data) == []
