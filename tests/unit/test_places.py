import pandas as pd
import pytest

from simatlas import costs, networks, place_answers, places, quality
from simatlas import plans as plans_module
from simatlas.loader import load_dataset
from tests.conftest import own_copy
from tests.factories import write_dataset
from tests.unit.test_policies import CANCEL, RENEW


@pytest.fixture(scope="module")
def _data_once(tmp_path_factory):
    return load_dataset(write_dataset(
        tmp_path_factory.mktemp("places") / "d", cancellation=CANCEL, renewal=RENEW))


@pytest.fixture
def data(_data_once):
    return own_copy(_data_once)


def by_question(answers):
    return {answer.question_key: answer for answer in answers}


def test_answers_where_facts_are_known(data):
    answers = by_question(place_answers.answers(data, "HK", "en"))
    online = answers["q.cancel_online"]
    assert online.text == "Yes with Alpha HK. Unknown for Seller."  # the seller covers HK too
    assert online.known and online.disputed  # the seller row names a conflicting source
    assert [s.url for s in online.sources] == ["https://example.org/source"]
    assert answers["q.how_cancel"].text.splitlines() == [
        "Alpha HK · postpaid · Hong Kong SAR China: website and store",  # a CLDR list
        "Seller · eSIM · —: mail / email",
    ]


def test_answers_where_facts_are_unknown(data):
    answers = by_question(place_answers.answers(data, "NC", "en"))
    assert not answers["q.cancel_online"].known
    assert answers["q.cancel_online"].text.startswith("Unknown for OPT test")
    assert answers["q.do_nothing"].text.splitlines() == [
        "OPT test: a prepaid line lapses by itself when not topped up.",
        "OPT test: after expiry you have 60 days to recharge, then the number is gone.",
    ]


def test_answers_where_sources_disagree(data):
    esim = by_question(place_answers.answers(data, "NC", "en"))["q.esim"]
    assert esim.disputed  # the seller's row names a conflicting source
    assert "Refund possible within 14 days of purchase." in esim.text


def test_place_without_any_rule(tmp_path):
    data = load_dataset(write_dataset(tmp_path / "d"))
    answers = place_answers.answers(data, "HK", "zh")
    assert all(not answer.known for answer in answers)
    assert answers[0].text == "未知：暂无 Alpha HK 的规则记录。"  # who has no rule, by name
    assert answers[1].text == "未知：暂无该地区运营商的相关规则记录。"


def test_overview_and_best_options(data):
    table = places.overview(data, "EUR", "en").set_index("code")
    assert table.loc["HK", "operators"] == 1 and table.loc["HK", "plans"] == 3
    # Costed for a week with 5 GB, as the trip planner does: five 1-GB Smalls (€50) lose to one Big.
    assert table.loc["HK", "cheapest"] == "Big · at least €30.00 · undated source · may be outdated"
    assert table.loc["HK", "id_required"] == "yes" and table.loc["NC", "id_required"] == "unknown"
    assert table.loc["HK", "online_cancel"] == "1 of 1 (0 unknown)"
    best = places.best_options(data, "HK", currency="EUR")
    assert best.short is not None and best.long is not None
    assert best.short["plan_id"] == "hk-a-big" and best.short["total_text"] == "at least €30.00"
    assert best.long["plan_id"] == "hk-a-big"
    week = costs.plan_trip(data, costs.standard_trip("short", "HK", "visitor", False), "EUR", "en")
    assert best.short["total"] == week.options.iloc[0]["total"]  # the planner's own answer


def test_a_visitor_never_sees_a_residents_price_as_typical_or_cheapest(tmp_path):
    plans = [{"plan_id": "hk-res", "operator_id": "hk-alpha", "countries": "HK", "name": "Resident",
              "price": "1", "data_gb": "10", "validity_days": "30", "audience": "resident"},
             {"plan_id": "hk-tour", "operator_id": "hk-alpha", "countries": "HK", "name": "Tourist",
              "price": "20", "data_gb": "10", "validity_days": "30", "audience": "tourist"}]
    data = load_dataset(write_dataset(tmp_path / "d", plans=plans))
    visitor = places.overview(data, "EUR", "en", who="visitor").set_index("code").loc["HK"]
    assert visitor["median_per_gb"] == visitor["cheapest_per_gb"] == 2.0  # the tourist card only
    assert visitor["cheapest"].startswith("Tourist · at least €20.00")
    resident = places.overview(data, "EUR", "en", who="resident").set_index("code").loc["HK"]
    assert resident["cheapest_per_gb"] == 0.1
    by_place = plans_module.price_per_gb_by_country(
        data, plans_module.match_positions(data, plans_module.PlanFilter()), "EUR", (), "en", "visitor")
    assert set(by_place["value"]) == {2.0}
    nc = places.overview(data, "EUR", "en", who="visitor").set_index("code").loc["NC"]
    # New Caledonia has an operator and no plan here: not "none a visitor can buy", which says plans exist
    assert nc["cheapest"] == "no plan recorded" and pd.isna(nc["median_per_gb"])


def test_quality_measures(data):
    coverage = quality.coverage_by_place(data, "en").set_index("place")
    assert coverage.loc["New Caledonia", "plans"] == 2
    assert set(quality.sources(data)["source_url"]) == {"https://example.org/source"}
    assert quality.unknown_fields(data).iloc[0]["share"] == 100
    assert list(quality.currencies_without_rate(data)) == []


@pytest.mark.parametrize(("fact", "en"), [
    ({"cancel_rules": 0, "operators": 1, "online_yes": 0, "online_unknown": 1},
     "no rule recorded (1 operator)"),
    ({"cancel_rules": 4, "operators": 4, "online_yes": 0, "online_unknown": 4},
     "unknown for all 4 operators"),
    ({"cancel_rules": 3, "operators": 3, "online_yes": 1, "online_unknown": 2}, "1 of 3 (2 unknown)"),
])
def test_online_cancellation_in_the_overview_never_reads_as_a_bare_zero(fact, en):
    assert places.online_cancel_summary(fact, "en") == en


def test_the_world_map_says_what_the_data_holds_per_place(bundled):
    """places.map_status: a status from the codes for every place with data, keyed by the map's
    numeric ids (CLDR's aliases; France has two); places too small for the map are named."""
    status = places.map_status(bundled)
    by_code = status.drop_duplicates("code").set_index("code")["status"]
    assert set(by_code.index) == set(bundled.place_codes) | set(networks.network_only_places(bundled))
    assert by_code["HK"] == "priced" and by_code["VU"] == "rules"  # Vanuatu: operators only
    assert by_code["PE"] == "networks"  # Peru: only the list of its networks
    assert "AQ" not in by_code  # Antarctica: nothing at all
    assert set(status.loc[status["code"] == "FR", "numeric"]) == {"249", "250"}
    assert status.loc[status["code"] == "NC", "numeric"].tolist() == ["540"]
    assert set(status["status"]) <= set(places.MAP_STATUSES)
    assert "250" in places.map_ids() and "540" in places.map_ids() and len(places.map_ids()) > 170
    assert places.off_the_map(bundled, "en") == ["French Polynesia", "Hong Kong SAR China",
                                                 "Macao SAR China", "Singapore"]
    # a resident can buy plans a visitor cannot: the status follows the reader
    assert (places.map_status(bundled, "resident")["status"] == "priced").sum() >= (
        status["status"] == "priced").sum()
