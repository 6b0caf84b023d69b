"""The cost model against hand-computed cases."""

import pytest

from simatlas import charts, costs, fees
from simatlas.costs import Trip
from simatlas.loader import load_dataset
from tests.conftest import own_copy
from tests.factories import write_dataset

OPERATORS = [
    {"operator_id": "hk-a", "name": "Alpha", "country": "HK", "kind": "mno"},
    {"operator_id": "sell", "name": "Seller", "country": "", "kind": "esim_seller"},
]
BASE = {"countries": "HK", "billing": "prepaid", "unlimited": "no", "currency": "HKD", "sim_fee": "0",
        "renewable": "yes"}
PLANS = [
    # a 7-day pass, 3 GB: a 10-day trip needs 2 of them; 8 GB needs 3
    {**BASE, "plan_id": "week", "operator_id": "hk-a", "name": "Week", "price": "50", "data_gb": "3",
     "validity_days": "7", "sim_fee": "20"},
    # unlimited 30 days with a fair-use cap
    {**BASE, "plan_id": "unl", "operator_id": "hk-a", "name": "Unlimited", "price": "150", "data_gb": "",
     "unlimited": "yes", "fair_use_gb": "20", "validity_days": "30", "sim_fee": ""},
    # postpaid: 100/month + 18 admin, 12-month term, early exit 300
    {**BASE, "plan_id": "post", "operator_id": "hk-a", "name": "Post", "billing": "postpaid", "price": "100",
     "data_gb": "50", "validity_days": "30", "monthly_admin_fee": "18", "min_term_months": "12",
     "early_termination_fee": "300"},
    # an eSIM that cannot be topped up: every extra period is a new eSIM
    {**BASE, "plan_id": "esim", "operator_id": "sell", "name": "eSIM 5d", "sim_type": "esim",
     "price": "10", "currency": "USD", "data_gb": "5", "validity_days": "5", "renewable": "no",
     "sim_fee": "1"},
]
CANCEL = [{"operator_id": "hk-a", "product": "postpaid", "fee": "0", "currency": "HKD"},
          {"operator_id": "hk-a", "product": "prepaid", "fee": "0", "currency": "HKD"},
          {"operator_id": "sell", "product": "esim", "fee": "0", "currency": "USD"}]
FX = [{"currency": "EUR", "per_eur": "1", "as_of": "2026-11-01", "kind": "market"},
      {"currency": "HKD", "per_eur": "8", "as_of": "2026-11-01", "kind": "market"},
      {"currency": "USD", "per_eur": "1", "as_of": "2026-11-01", "kind": "market"}]


@pytest.fixture(scope="module")
def _data_once(tmp_path_factory):
    return load_dataset(write_dataset(
        tmp_path_factory.mktemp("costs") / "d", operators=OPERATORS, plans=PLANS, cancellation=CANCEL,
        fx=FX, countries=[]))


@pytest.fixture
def data(_data_once):
    return own_copy(_data_once)


def options(data, trip, currency="HKD"):
    return costs.trip_options(data, trip, currency, "en").set_index("plan_id")


def test_pass_shorter_than_the_trip(data):
    week = options(data, Trip(("HK",), days=10, total_gb=2)).loc["week"]
    assert week["purchases"] == 2  # ⌈10 / 7⌉
    assert week["total"] == 2 * 50 + 20  # two passes + one SIM fee
    assert week["reasoning"] == "2 × 7-day pass + SIM fee"
    assert week["data_left_gb"] == 4  # 6 GB bought, 2 used


def test_data_need_drives_the_purchases(data):
    assert options(data, Trip(("HK",), days=10, total_gb=8)).loc["week", "purchases"] == 3  # ⌈8 / 3⌉


def test_unlimited_with_fair_use_cap(data):
    unlimited = options(data, Trip(("HK",), days=10, total_gb=40)).loc["unl"]
    assert unlimited["total"] == 150
    assert "speed may drop after 20 GB (fair use)" in unlimited["assumptions"]  # as people write it
    assert "no SIM fee (unknown)" in unlimited["assumptions"]  # unknown is flagged, not zero-silently


def test_postpaid_with_term_admin_fee_and_early_exit(data):
    post = options(data, Trip(("HK",), days=40, total_gb=5)).loc["post"]
    # 2 months used; whole term 12 × 118 = 1416; early exit 2 × 118 + 300 = 536 → cheaper
    assert post["total"] == 536
    assert post["reasoning"] == "2 months + early-termination fee (term 12 months)"


def test_esim_that_cannot_be_topped_up(data):
    esim = options(data, Trip(("HK",), days=12, total_gb=3), currency="USD").loc["esim"]
    assert esim["purchases"] == 3  # ⌈12 / 5⌉
    assert esim["total"] == 3 * 10 + 3 * 1  # a new eSIM (and its fee) each time
    assert "a new SIM/eSIM each time (no top-up)" in esim["reasoning"]


def test_currency_conversion(data):
    in_hkd = options(data, Trip(("HK",), days=12, total_gb=3), currency="HKD").loc["esim", "total"]
    assert in_hkd == pytest.approx(33 * 8)  # USD → EUR → HKD
    original = options(data, Trip(("HK",), days=12, total_gb=3), currency="HKD").loc["esim", "total_original"]
    assert original == 33


def test_ranking_and_needs(data):
    ranked = costs.trip_options(data, Trip(("HK",), days=10, total_gb=2), "HKD", "en")
    assert list(ranked["total"]) == sorted(ranked["total"])
    assert list(costs.trip_options(data, Trip(("HK",), esim_only=True), "HKD", "en")["plan_id"]) == ["esim"]
    assert costs.trip_options(data, Trip(("NC",)), "HKD", "en").empty


def test_cost_by_trip_length_shows_break_even(data):
    series = costs.cost_by_trip_length(data, Trip(("HK",), days=10, total_gb=1), ["week", "unl"], "HKD", "en")
    week = series[series["option"] == "Alpha · Week"].set_index("days")["total"]
    unlimited = series[series["option"] == "Alpha · Unlimited"].set_index("days")["total"]
    assert week[7] == 70 and week[8] == 120  # a second pass from day 8
    assert unlimited[30] == 150 and unlimited[31] == 300
    spec = charts.cost_by_trip_length(series, 10, "HKD", "en").to_dict()
    assert spec["layer"][0]["encoding"]["x"]["field"] == "days"


def test_fee_breakdown_marks_unknown(data):
    plans = data.plans
    breakdown = fees.fee_breakdown(data, plans, "HKD", "en").set_index("plan_id")
    assert breakdown.loc["week", "first_total"] == 70 and breakdown.loc["week", "complete"]
    assert not breakdown.loc["unl", "complete"]  # its SIM fee is unknown
    assert breakdown.loc["post", "first_total"] == 118
    parts = fees.cost_makeup(breakdown.reset_index(), "en")
    assert set(parts[parts["plan"] == "Unlimited · Alpha *"]["part"]) == {"price"}


def test_an_add_on_or_an_at_least_total_never_leads_the_cheapest_fees(tmp_path):
    """#24/#25: Macau's "Chill Sunday" add-on (needs a base plan, fee unknown) once came first for HK."""
    from simatlas.loader import load_dataset
    from tests.factories import write_dataset

    rows = [
        {"plan_id": "hk-addon", "operator_id": "hk-alpha", "countries": "HK", "name": "Add-on", "price": "1",
         "data_gb": "1", "validity_days": "1", "requires": "base_plan"},
        {"plan_id": "hk-partial", "operator_id": "hk-alpha", "countries": "HK", "name": "Partial",
         "price": "2", "data_gb": "1", "validity_days": "1"},
        {"plan_id": "hk-whole", "operator_id": "hk-alpha", "countries": "HK", "name": "Whole", "price": "9",
         "data_gb": "1", "validity_days": "1", "sim_fee": "0"},
    ]
    cancel = [{"operator_id": "hk-alpha", "product": "prepaid", "fee": "0", "currency": "EUR"}]
    data = load_dataset(write_dataset(tmp_path / "d", plans=rows, cancellation=cancel))
    breakdown = fees.fee_breakdown(data, data.plans, "EUR", "en")
    ordered = fees.in_fee_order(breakdown, "first_total")
    assert list(ordered["plan_id"]) == ["hk-whole", "hk-partial", "hk-addon"]
